"""``update``: merge a template into a catalog without losing a translator's work.

Comments, flags and obsolete entries are kept, a changed source string
becomes fuzzy with its previous msgid, and an entry the merge did not touch
keeps its original source lines (see ``writer``), so an unchanged catalog is
written back byte-identically.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass

from i18n_news.catalogs.entry import Entry, POFile, has_translation
from i18n_news.catalogs.plurals import PluralFormsError, canonical_header, parse_header
from i18n_news.catalogs.templates import fresh_entry

__all__ = ["FUZZY_CUTOFF", "MergeResult", "merge"]

#: difflib ratio above which a vanished string is offered as a fuzzy translation.
FUZZY_CUTOFF = 0.6


def _nplurals(po: POFile) -> int:
    header = po.get_header("Plural-Forms")
    if header:
        try:
            return parse_header(header)[0]
        except PluralFormsError:
            pass
    return 2


@dataclass
class MergeResult:
    catalog: POFile
    added: int = 0
    fuzzy: int = 0
    obsoleted: int = 0
    revived: int = 0
    updated: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.fuzzy or self.obsoleted or self.revived or self.updated)


def _ctxt_family(ctxt: str | None) -> str | None:
    # Per-article contexts are "p3-1a2b3c4d": a paragraph edited in the origin gets
    # a new hash, so fuzzy matching looks across contexts of the same family.
    return ctxt.split("-", 1)[0] if ctxt else ctxt


def merge(catalog: POFile, template: POFile) -> MergeResult:
    """Merge ``template`` into ``catalog`` (in place) the way translators expect.

    * same msgctxt+msgid: keep the translation, refresh references, extracted
      comments and format flags from the template;
    * an obsolete entry that comes back is revived with its translation;
    * a new string close to a vanished one gets that translation, marked fuzzy,
      with ``#| msgid`` showing what changed;
    * strings no longer in the template become obsolete (``#~``), never deleted.
    """
    result = MergeResult(catalog)
    nplurals = _nplurals(catalog)
    active = {(e.msgctxt, e.msgid): e for e in catalog.entries if not e.obsolete}
    obsolete = {(e.msgctxt, e.msgid): e for e in catalog.entries if e.obsolete}
    wanted = [(e.msgctxt, e.msgid) for e in template.active()]
    wanted_set = set(wanted)
    vanished = [e for k, e in active.items() if k not in wanted_set]
    pool = vanished + [e for k, e in obsolete.items() if k not in wanted_set]
    used: set[int] = set()
    candidates = _Pool(pool)

    merged: list[Entry] = []
    for source in template.active():
        key = (source.msgctxt, source.msgid)
        entry = active.get(key)
        if entry is None and key in obsolete:
            entry = obsolete[key]
            entry.obsolete = False
            result.revived += 1
        elif entry is None:
            match = _closest(source, candidates, used)
            if match is not None:
                used.add(id(match))
                entry = _fuzzy_from(source, match, nplurals)
                result.fuzzy += 1
            else:
                entry = fresh_entry(source, nplurals)
                result.added += 1
        if _refresh(entry, source, nplurals):
            result.updated += 1
        merged.append(entry)

    kept_obsolete = [
        e for e in catalog.entries if e.obsolete and (e.msgctxt, e.msgid) not in wanted_set
    ]
    newly_obsolete = []
    for entry in vanished:
        if id(entry) in used:
            continue
        entry.obsolete = True
        newly_obsolete.append(entry)
        result.obsoleted += 1
    kept_obsolete = [e for e in kept_obsolete if id(e) not in used]

    if result.added or result.fuzzy or result.obsoleted or result.revived:
        catalog.entries = merged + kept_obsolete + newly_obsolete
    # else: same set of strings, keep the file's own order (byte-stable for foreign files)

    if result.changed:
        created = template.get_header("POT-Creation-Date")
        if created and catalog.get_header("POT-Creation-Date") is not None:
            catalog.set_header("POT-Creation-Date", created)
    if catalog.header is not None and catalog.get_header("Plural-Forms") is None:
        language = catalog.get_header("Language")
        if language:
            catalog.set_header("Plural-Forms", canonical_header(language))
            result.updated += 1
    return result


_Candidate = tuple[int, Entry, "Counter[str]", "difflib.SequenceMatcher[str]"]


class _Pool:
    """Vanished and obsolete entries offered for fuzzy matching, prepared once per merge.

    Each candidate gets its character counts and one SequenceMatcher with the
    candidate as seq2 (b2j index built once), instead of a new matcher, and so
    a new b2j index, for every (new string, candidate) pair.
    """

    def __init__(self, pool: list[Entry]) -> None:
        self.groups: dict[tuple[str | None, bool], list[_Candidate]] = {}
        for i, e in enumerate(pool):
            if not has_translation(e):
                continue
            key = (_ctxt_family(e.msgctxt), bool(e.msgid_plural))
            matcher = difflib.SequenceMatcher(None, "", e.msgid, autojunk=False)
            self.groups.setdefault(key, []).append((i, e, Counter(e.msgid), matcher))


def _closest(source: Entry, pool: _Pool, used: set[int]) -> Entry | None:
    """The pool entry whose msgid is most similar (the earliest on ties), or None."""
    group = pool.groups.get((_ctxt_family(source.msgctxt), bool(source.msgid_plural)))
    if not group:
        return None
    cutoff = FUZZY_CUTOFF
    msgid = source.msgid
    la = len(msgid)
    counts = Counter(msgid).items()
    bounded = []
    for i, e, their, matcher in group:
        if id(e) in used:
            continue
        lb = len(e.msgid)
        total = la + lb
        # difflib's real_quick_ratio() and quick_ratio(), from counts made once.
        if not total or 2.0 * min(la, lb) / total < cutoff:
            continue
        bound = 2.0 * sum(min(n, their[c]) for c, n in counts if c in their) / total
        if bound >= cutoff:
            bounded.append((-bound, i, e, matcher))
    # Best upper bound first: once a bound is below the best ratio, nothing after it can win.
    bounded.sort(key=lambda t: (t[0], t[1]))
    best, best_ratio, best_index = None, cutoff, -1
    for neg_bound, i, e, matcher in bounded:
        if -neg_bound < best_ratio:
            break
        matcher.set_seq1(msgid)
        ratio = matcher.ratio()
        if best is None:
            if ratio >= best_ratio:
                best, best_ratio, best_index = e, ratio, i
        elif ratio > best_ratio or (ratio == best_ratio and i < best_index):
            best, best_ratio, best_index = e, ratio, i
    return best


def _fuzzy_from(source: Entry, old: Entry, nplurals: int) -> Entry:
    entry = fresh_entry(source, nplurals)
    entry.tcomment = old.tcomment
    entry.msgstr = old.msgstr
    if source.msgid_plural:
        entry.msgstr_plural = dict(old.msgstr_plural) or entry.msgstr_plural
    entry.flags = ["fuzzy"] + [f for f in source.flags if f != "fuzzy"]
    entry.previous_msgid = old.previous_msgid or old.msgid
    if old.msgid_plural:
        entry.previous_msgid_plural = old.previous_msgid_plural or old.msgid_plural
    if old.msgctxt != source.msgctxt:
        entry.previous_msgctxt = old.msgctxt
    return entry


def _refresh(entry: Entry, source: Entry, nplurals: int) -> bool:
    """Bring references, extracted comments and format flags up to date; True if changed."""
    changed = False
    if list(entry.occurrences) != list(source.occurrences):
        entry.occurrences = list(source.occurrences)
        changed = True
    if (entry.comment or "") != (source.comment or ""):
        entry.comment = source.comment
        changed = True
    if (entry.msgid_plural or "") != (source.msgid_plural or ""):
        entry.msgid_plural = source.msgid_plural or ""
        if source.msgid_plural and not entry.msgstr_plural:
            entry.msgstr_plural = {i: "" for i in range(nplurals)}
            if entry.msgstr:
                entry.msgstr_plural[0] = entry.msgstr
                entry.msgstr = ""
        changed = True
    format_flags = {f for f in source.flags if f.endswith("-format")}
    own_format = {f for f in entry.flags if f.endswith("-format")}
    if format_flags != own_format and not any(f.startswith("no-") for f in own_format):
        entry.flags = [f for f in entry.flags if not f.endswith("-format")] + sorted(format_flags)
        changed = True
    return changed

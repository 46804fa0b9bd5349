"""Catalog checks: what is wrong inside one .po file."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from i18n_news.checks.registry import finding, family, register
from i18n_news.model import Finding
from i18n_news.plurals import PluralFormsError, canonical_header, header_is_accepted, parse_header
from i18n_news.pofile import Entry, POFile

_PY_NAMED = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")
_PY_POSITIONAL = re.compile(r"%(?!\()[-#0 +]*\d*(?:\.\d+)?([diouxXeEfFgGcrsa])")
_BRACE = re.compile(r"(?<!\{)\{(\w*)(?:![rsa])?(?::[^{}]*)?\}(?!\})")


@dataclass
class CatalogContext:
    po: POFile
    path: str
    edition: str | None
    language: str


def _placeholders(text: str, flags: list[str]) -> tuple[list[str], list[str]]:
    named: list[str] = []
    positional: list[str] = []
    if "python-format" in flags:
        named += [f"%({m})" for m in _PY_NAMED.findall(text)]
        positional += [f"%{m}" for m in _PY_POSITIONAL.findall(text.replace("%%", ""))]
    if "python-brace-format" in flags:
        named += [f"{{{m}}}" for m in _BRACE.findall(text)]
    return named, positional


def _translations(entry: Entry) -> list[tuple[str, str]]:
    if entry.msgid_plural:
        return [(f"msgstr[{i}]", s) for i, s in sorted(entry.msgstr_plural.items()) if s]
    return [("msgstr", entry.msgstr)] if entry.msgstr else []


@register("PO101", "placeholder-mismatch", "error", "catalog")
def placeholder_mismatch(ctx: CatalogContext) -> Iterator[Finding]:
    """Placeholders in msgstr differ from those in msgid.

    A translation that drops, renames or adds ``%(author)s`` or ``{name}`` makes
    the page raise or print the wrong value. Named placeholders may change
    order; positional ones (``%d``) must keep order and count. In a plural
    entry a form may omit ``%(num)d`` (Arabic's "one" form often does).
    """
    for entry in ctx.po.active():
        if "fuzzy" in entry.flags:
            continue
        want_named, want_pos = _placeholders(entry.msgid, entry.flags)
        if entry.msgid_plural:
            pn, pp = _placeholders(entry.msgid_plural, entry.flags)
            want_named = sorted(set(want_named) | set(pn))
        for label, text in _translations(entry):
            named, pos = _placeholders(text, entry.flags)
            if entry.msgid_plural:
                extra = sorted(set(named) - set(want_named))
                missing = sorted(set(want_named) - set(named) - {"%(num)"})
            else:
                extra = sorted(set(named) - set(want_named))
                missing = sorted(set(want_named) - set(named))
            if extra or missing or (not entry.msgid_plural and pos != want_pos):
                detail = []
                if missing:
                    detail.append("missing " + ", ".join(missing))
                if extra:
                    detail.append("unexpected " + ", ".join(extra))
                if not detail:
                    detail.append(f"positional placeholders {pos} != {want_pos}")
                yield finding(
                    "PO101", ctx.path, entry.linenum, f"{label} of {entry.msgid!r}: {'; '.join(detail)}",
                    edition=ctx.edition,
                )


@register("PO110", "plural-forms-header", "error", "catalog")
def plural_forms_header(ctx: CatalogContext) -> Iterator[Finding]:
    """Plural-Forms header missing or not equivalent to the accepted formula.

    The formula decides which msgstr[i] a number shows. It is compared by
    evaluation over n = 0..1000 with the formulas accepted for the language
    (for Arabic: GNU gettext's and CLDR's six forms; Babel 2.18's header swaps
    forms 4 and 5 and is rejected). Reported even when the catalog has no
    plural entry yet: the next one would be wrong.
    """
    if ctx.po.header is None:
        yield finding("PO110", ctx.path, 1, "no header entry (msgid \"\"): Plural-Forms missing", edition=ctx.edition)
        return
    header = ctx.po.get_header("Plural-Forms")
    line = ctx.po.header.linenum
    if not header:
        yield finding(
            "PO110", ctx.path, line,
            f"Plural-Forms missing; expected {canonical_header(ctx.language)!r}", edition=ctx.edition,
        )
        return
    try:
        parse_header(header)
    except PluralFormsError as exc:
        yield finding("PO110", ctx.path, line, str(exc), edition=ctx.edition)
        return
    if not header_is_accepted(ctx.language, header):
        yield finding(
            "PO110", ctx.path, line,
            f"Plural-Forms {header!r} is not equivalent to {canonical_header(ctx.language)!r} "
            f"for '{ctx.language}'",
            edition=ctx.edition,
        )


@register("PO120", "plural-msgstr-missing", "error", "catalog")
def plural_msgstr_missing(ctx: CatalogContext) -> Iterator[Finding]:
    """A translated plural entry lacks one of the msgstr[i] forms.

    With ``nplurals=6`` an Arabic plural entry needs six forms; a missing or
    empty one makes that number print nothing or fall back to English.
    """
    try:
        nplurals = parse_header(ctx.po.get_header("Plural-Forms") or "")[0]
    except PluralFormsError:
        return
    for entry in ctx.po.active():
        if not entry.msgid_plural or "fuzzy" in entry.flags:
            continue
        forms = entry.msgstr_plural
        if not any(forms.values()):
            continue  # untranslated, reported elsewhere
        missing = [i for i in range(nplurals) if not forms.get(i)]
        if missing:
            yield finding(
                "PO120", ctx.path, entry.linenum,
                f"plural entry {entry.msgid!r} lacks msgstr[{'], msgstr['.join(map(str, missing))}]",
                edition=ctx.edition,
            )


def check_catalog(po: POFile, path: str, edition: str | None, language: str) -> list[Finding]:
    ctx = CatalogContext(po, path, edition, language)
    out: list[Finding] = []
    for spec in family("catalog"):
        out.extend(spec.func(ctx))
    return sorted(out, key=lambda f: (f.path, f.line, f.check_id))


def errors_only(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity.value == "error"]

"""Catalog checks (PO1xx): what is wrong inside one .po file.

Each check takes a ``CatalogContext`` and yields ``Finding``s with the
1-based line of the entry's ``msgid`` (catalog-wide findings point at the
header entry). Fuzzy and untranslated entries are not checked for content:
gettext does not use them, and ``msgfmt --check`` skips them too.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Protocol

from babel.messages.plurals import get_plural

from i18n_news.catalogs.plurals import (
    EQUIVALENCE_RANGE,
    PluralFormsError,
    base_language,
    canonical_header,
    equivalent,
    header_is_accepted,
    parse_header,
)
from i18n_news.checks.registry import family, finding, register
from i18n_news.checks.strings import (
    Directives,
    HtmlTag,
    brace_fields,
    html_tags,
    jinja_expressions,
    latin_words,
    mask,
    python_directives,
    python_tokens,
    short,
    tag_tokens,
)
from i18n_news.config import Threshold
from i18n_news.localize.bidi import strip_unbalanced_controls
from i18n_news.model import Finding

__all__ = [
    "ARABIC_SCRIPT_LANGUAGES",
    "CatalogContext",
    "Threshold",
    "check_catalog",
    "errors_only",
    "suppressions",
]


class EntryLike(Protocol):
    """The entry fields checks read; both ``entry.Entry`` and ``scan.ScannedEntry`` have them."""

    msgid: str
    msgstr: str
    msgid_plural: str
    msgstr_plural: dict[int, str]
    msgctxt: str | None
    flags: list[str]
    tcomment: str
    obsolete: bool
    linenum: int


class CatalogLike(Protocol):
    @property
    def header(self) -> EntryLike | None: ...

    @property
    def entries(self) -> Sequence[EntryLike]: ...

    def get_header(self, key: str) -> str | None: ...

    def metadata(self) -> dict[str, str]: ...


#: Languages written in Arabic script: Latin leftovers and Arabic punctuation apply.
ARABIC_SCRIPT_LANGUAGES = frozenset({"ar", "fa", "ur", "ps", "ckb", "sd", "ug", "ks", "ku"})
#: Attributes whose value is text a translator translates; others must stay as in msgid.
TRANSLATABLE_ATTRIBUTES = frozenset(
    {"title", "alt", "aria-label", "aria-description", "placeholder", "label", "summary", "content"}
)
#: Lower-case Latin words an Arabic translation may keep (name particles, units).
LATIN_ALLOWED = frozenset(
    {"al", "el", "bin", "ibn", "bint", "abu", "de", "del", "la", "le", "van", "von", "der",
     "da", "di", "du", "dos", "km", "kg", "cm", "mm", "px", "www", "http", "https"}
)  # fmt: skip

_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_ASCII_LETTERS = re.compile("[A-Za-z]{2}")
_ARABIC_LETTER = (
    "\u0620-\u065f\u066e-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff"
)
_ARABIC_PUNCT = re.compile(rf"[{_ARABIC_LETTER}][\"'»)\]]*\s?([?,;])")
_ARABIC_EQUIVALENT = {"?": "؟", ",": "،", ";": "؛"}
_NAMED_HINT = re.compile(
    r"%\([A-Za-z_][A-Za-z0-9_]*\)[-+ #0]*[0-9]*(?:\.[0-9]+)?[diouxXeEfFgGcrsa]"
)
_SUPPRESS = re.compile(r"i18nnews:\s*ignore\s*=\s*([A-Za-z0-9_, ]+)")
_KASHIDA = "\u0640"
_LETTER = re.compile(r"[^\W\d_]")
_HEADER_DEFAULTS = {
    "Project-Id-Version": "PACKAGE VERSION",
    "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
    "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
    "Language-Team": "LANGUAGE <LL@li.org>",
}
_HEADER_REQUIRED = (
    "Project-Id-Version", "PO-Revision-Date", "Last-Translator", "Language-Team",
    "Language", "MIME-Version", "Content-Type", "Content-Transfer-Encoding",
)  # fmt: skip


@dataclass
class CatalogContext:
    """One catalog and what its checks need to judge it.

    :param path: the catalog's path as findings print it (relative to the newsroom).
    :param language: the edition's bare language (``ar``), for plural rules and scripts.
    :param template: the domain's template, to find messages the catalog lacks.
    :param source: True for a catalog of the source edition (msgstr == msgid is expected).
    """

    po: CatalogLike
    path: str
    edition: str | None
    language: str
    template: CatalogLike | None = None
    template_path: str | None = None
    fuzzy: Threshold = field(default_factory=Threshold)
    untranslated: Threshold = field(default_factory=Threshold)
    source: bool = False

    @cached_property
    def header_line(self) -> int:
        return self.po.header.linenum if self.po.header is not None else 1

    @cached_property
    def active(self) -> list[EntryLike]:
        return [e for e in self.po.entries if not e.obsolete]

    @cached_property
    def translated(self) -> list[EntryLike]:
        """Active entries that are not fuzzy and have some translation."""
        return [
            e
            for e in self.active
            if "fuzzy" not in e.flags
            and (e.msgstr or (e.msgid_plural and any(e.msgstr_plural.values())))
        ]

    @cached_property
    def forms(self) -> list[tuple[EntryLike, list[tuple[str, int | None, str]]]]:
        """Each translated entry with its non-empty translations (see ``_forms``)."""
        return [(e, _forms(e)) for e in self.translated]

    @cached_property
    def plural(self) -> tuple[int, frozenset[int]] | None:
        """``(nplurals, forms used by exactly one n)`` from the header, None when unusable."""
        header = self.po.get_header("Plural-Forms") or ""
        try:
            return _plural_info(header)
        except PluralFormsError:
            return None

    def finding(self, check_id: str, line: int, message: str) -> Finding:
        return finding(check_id, self.path, line, message, edition=self.edition)


@lru_cache(maxsize=64)
def _plural_info(header: str) -> tuple[int, frozenset[int]]:
    nplurals, func = parse_header(header)
    try:
        counts = Counter(func(n) for n in EQUIVALENCE_RANGE)
    except (ArithmeticError, ValueError) as exc:
        raise PluralFormsError(str(exc)) from None
    return nplurals, frozenset(i for i, c in counts.items() if c == 1)


def _forms(entry: EntryLike) -> list[tuple[str, int | None, str]]:
    """``(label, form index, text)`` of each non-empty translation of an entry."""
    if entry.msgid_plural:
        return [(f"msgstr[{i}]", i, s) for i, s in sorted(entry.msgstr_plural.items()) if s]
    return [("msgstr", None, entry.msgstr)] if entry.msgstr else []


def _reference(entry: EntryLike, index: int | None) -> str:
    """The source text placeholders and tags are compared with.

    Every form of a plural entry is compared with msgid_plural, as GNU
    msgfmt does; what only the singular has is allowed too.
    """
    return entry.msgid_plural if index is not None and entry.msgid_plural else entry.msgid


def _label(label: str, entry: EntryLike) -> str:
    return f"{label} of {short(entry.msgid)!r}"


# --------------------------------------------------------------------------
# Syntax
# --------------------------------------------------------------------------


@register("PO100", "catalog-syntax", "error", "catalog")
def catalog_syntax(ctx: CatalogContext) -> Iterator[Finding]:
    """The catalog cannot be read as a gettext PO file.

    ## What it does
    Reports a `.po` or `.pot` file that cannot be parsed: a string that is
    never closed, a `msgid` without `msgstr`, an unknown keyword, bytes that
    are not valid in the declared charset, `msgstr[2]` after `msgstr[0]`.
    The finding points at the line where reading stopped.

    ## Why is this bad?
    Nothing in an unreadable catalog reaches readers: `compile` and `build`
    refuse it, and translation tools may silently drop the rest of the file.

    ## Example
    ```po
    msgid "Latest"
    msgstr "آخر الأخبار
    ```
    The closing quote is missing: `unterminated string` on line 2.
    """
    return iter(())  # reported by the reader, before any other check runs


@register("PO140", "duplicate-entry", "error", "catalog")
def duplicate_entry(ctx: CatalogContext) -> Iterator[Finding]:
    """Two entries have the same msgctxt and msgid.

    ## What it does
    Reports every entry whose `msgctxt` and `msgid` repeat an earlier entry
    of the same file (obsolete `#~` entries are compared with each other).

    ## Why is this bad?
    `msgfmt` refuses the file ("duplicate message definition"), and tools
    disagree about which translation wins.

    ## Example
    ```po
    msgctxt "section"
    msgid "Politics"
    msgstr "سياسة"

    msgctxt "section"
    msgid "Politics"
    msgstr "السياسة"
    ```
    """
    seen: dict[tuple[bool, str | None, str], int] = {}
    if ctx.po.header is not None:
        seen[(False, None, "")] = ctx.po.header.linenum
    for entry in ctx.po.entries:
        key = (bool(entry.obsolete), entry.msgctxt, entry.msgid)
        first = seen.setdefault(key, entry.linenum)
        if first != entry.linenum:
            context = f" (msgctxt {entry.msgctxt!r})" if entry.msgctxt is not None else ""
            kind = "obsolete entry" if entry.obsolete else "entry"
            yield ctx.finding(
                "PO140",
                entry.linenum,
                f"duplicate {kind} for msgid {short(entry.msgid)!r}{context}; "
                f"first at line {first}",
            )


# --------------------------------------------------------------------------
# Header
# --------------------------------------------------------------------------


@register("PO110", "plural-forms-header", "error", "catalog")
def plural_forms_header(ctx: CatalogContext) -> Iterator[Finding]:
    """Plural-Forms header missing or not equivalent to the accepted formula.

    ## What it does
    Evaluates the catalog's `Plural-Forms` for n = 0…1000 and compares it
    with the formulas accepted for the language: for Arabic the six forms of
    GNU gettext and CLDR; for Spanish GNU's two forms or CLDR's three; for
    English two. Also reports a formula that yields a form number outside
    `nplurals`, a header that cannot be parsed, and Babel 2.18's Arabic
    formula by name. Reported even when the catalog has no plural entry yet:
    the next one would be wrong.

    ## Why is this bad?
    The formula decides which `msgstr[i]` a number shows. Babel 2.18 writes
    an Arabic formula with forms 4 and 5 swapped (babel issue 816): every
    count from 11 to 99 then shows the form written for 100…102.

    ## Example
    ```po
    "Plural-Forms: nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
    "n%100>=3 && n%100<=10 ? 3 : n%100>=0 && n%100<=2 ? 4 : 5);\\n"
    ```
    Use `nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 &&
    n%100<=10 ? 3 : n%100>=11 ? 4 : 5);` instead.
    """
    expected = canonical_header(ctx.language)
    if ctx.po.header is None:
        yield ctx.finding(
            "PO110", 1, f'no header entry (msgid ""): Plural-Forms missing; expected {expected!r}'
        )
        return
    header = ctx.po.get_header("Plural-Forms")
    line = ctx.header_line
    if not header:
        yield ctx.finding("PO110", line, f"Plural-Forms missing; expected {expected!r}")
        return
    try:
        nplurals, _ = parse_header(header)
        _plural_info(header)
    except PluralFormsError as exc:
        yield ctx.finding("PO110", line, f"{exc}; expected {expected!r}")
        return
    if header_is_accepted(ctx.language, header):
        return
    babel = _babel_header(ctx.language)
    if base_language(ctx.language) == "ar" and babel and equivalent(header, babel):
        yield ctx.finding(
            "PO110",
            line,
            "Plural-Forms is Babel 2.18's Arabic formula, which swaps forms 4 and 5 "
            f"(babel issue 816); use {expected!r}",
        )
        return
    largest = _largest_form(header)
    if largest is not None and largest >= nplurals:
        yield ctx.finding(
            "PO110",
            line,
            f"Plural-Forms gives form {largest} but nplurals={nplurals}; expected {expected!r}",
        )
        return
    yield ctx.finding(
        "PO110",
        line,
        f"Plural-Forms {header!r} is not equivalent to {expected!r} for '{ctx.language}'",
    )


@lru_cache(maxsize=16)
def _babel_header(language: str) -> str | None:
    try:
        plural = get_plural(base_language(language))
    except (ValueError, LookupError):
        return None
    expr = plural.plural_expr
    expr = expr if expr.startswith("(") and expr.endswith(")") else f"({expr})"
    return f"nplurals={plural.num_plurals}; plural={expr};"


def _largest_form(header: str) -> int | None:
    try:
        _, func = parse_header(header)
        return max(func(n) for n in EQUIVALENCE_RANGE)
    except (PluralFormsError, ArithmeticError, ValueError):
        return None


@register("PO111", "language-header", "error", "catalog")
def language_header(ctx: CatalogContext) -> Iterator[Finding]:
    """The Language header names another language than the catalog's edition.

    ## What it does
    Compares the header's `Language` with the language of the edition the
    catalog belongs to (its folder, `locales/<edition>/`, and that edition's
    `locale` in the configuration). Regions may differ (`ar` and `ar_LB`
    agree); languages may not.

    ## Why is this bad?
    Translation tools pick the plural rules, spell checker and machine
    translation from `Language`: a Spanish header in the Arabic folder makes
    Poedit offer two plural forms instead of six.

    ## Example
    `locales/ar/LC_MESSAGES/messages.po` with `"Language: es\\n"`.
    """
    value = ctx.po.get_header("Language") if ctx.po.header is not None else None
    if not value:
        return
    if base_language(value) != base_language(ctx.language):
        where = f"edition '{ctx.edition}'" if ctx.edition else "catalog"
        yield ctx.finding(
            "PO111",
            ctx.header_line,
            f"Language {value!r} does not match the {where} "
            f"(language '{base_language(ctx.language)}')",
        )


@register("PO112", "charset-header", "warning", "catalog")
def charset_header(ctx: CatalogContext) -> Iterator[Finding]:
    """Content-Type declares no charset, the template placeholder, or not UTF-8.

    ## What it does
    Reads `charset=` from the `Content-Type` header.

    ## Why is this bad?
    Without a real charset, gettext cannot convert messages, and an Arabic
    catalog needs UTF-8 to hold its script at all; other tools then guess.

    ## Example
    `"Content-Type: text/plain; charset=CHARSET\\n"` left from the template.
    """
    if ctx.po.header is None:
        return
    content_type = ctx.po.get_header("Content-Type") or ""
    match = re.search(r"charset=([^\s;]+)", content_type)
    if match is None:
        yield ctx.finding("PO112", ctx.header_line, "Content-Type declares no charset; use UTF-8")
    elif match.group(1).upper() == "CHARSET":
        yield ctx.finding(
            "PO112",
            ctx.header_line,
            "charset is still the template placeholder 'CHARSET'; use UTF-8",
        )
    elif match.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
        yield ctx.finding("PO112", ctx.header_line, f"charset {match.group(1)!r}: use UTF-8")


@register("PO113", "header-field", "warning", "catalog")
def header_field(ctx: CatalogContext) -> Iterator[Finding]:
    """A header field gettext expects is missing or still has its template value.

    ## What it does
    Checks the fields `msgfmt --check-header` checks: Project-Id-Version,
    PO-Revision-Date, Last-Translator, Language-Team, Language, MIME-Version,
    Content-Type and Content-Transfer-Encoding, and reports template values
    such as `FULL NAME <EMAIL@ADDRESS>`.

    ## Why is this bad?
    Reviewers and tools use these fields to know who translated what and in
    which language; `msgfmt --check` warns about each of them.

    ## Example
    `"Last-Translator: FULL NAME <EMAIL@ADDRESS>\\n"` after `i18nnews init`:
    fill in the translator (Poedit does it on save).
    """
    if ctx.po.header is None:
        return
    metadata = ctx.po.metadata()
    for name in _HEADER_REQUIRED:
        if name not in metadata or (name == "Language" and not metadata[name]):
            yield ctx.finding("PO113", ctx.header_line, f"header field '{name}' is missing")
        elif metadata[name] == _HEADER_DEFAULTS.get(name):
            yield ctx.finding(
                "PO113",
                ctx.header_line,
                f"header field '{name}' still has its template value {metadata[name]!r}",
            )


# --------------------------------------------------------------------------
# Messages
# --------------------------------------------------------------------------


@register("PO101", "placeholder-mismatch", "error", "catalog")
def placeholder_mismatch(ctx: CatalogContext) -> Iterator[Finding]:
    """Placeholders in msgstr differ from those in msgid.

    ## What it does
    Compares the placeholders of each translation with its msgid, with the
    rules of `msgfmt --check`: python-format (`%(author)s`, `%d`),
    python-brace-format (`{name}`) and Jinja interpolations (`{{ name }}`).
    Named placeholders may change order but not name or type; positional
    ones must keep count, order and type. A plural form that stands for a
    single number (Arabic's zero, one and two; Spanish's one) may leave out
    a named placeholder such as `%(num)d`. An entry without the
    `python-format` flag is still checked when its msgid or msgstr has a
    named `%(…)` placeholder (Jinja's newstyle gettext formats every string).

    ## Why is this bad?
    A translation that drops, renames or adds a placeholder makes the page
    raise an error or print the wrong value; `msgfmt` refuses the catalog.

    ## Example
    ```po
    #, python-format
    msgid "By %(author)s"
    msgstr "بقلم %(autor)s"
    ```
    `%(autor)s` is not an argument the template passes.
    """
    for entry, forms in ctx.forms:
        flags = entry.flags
        python = "python-format" in flags or (
            "no-python-format" not in flags
            and "%" in entry.msgid
            and _NAMED_HINT.search(entry.msgid) is not None
        )
        brace = "python-brace-format" in flags
        for label, index, text in forms:
            single = index is not None and ctx.plural is not None and index in ctx.plural[1]
            problems: list[str] = []
            check_python = python or (
                "no-python-format" not in flags and "%" in text and _NAMED_HINT.search(text)
            )
            if check_python and not _same_python_tokens(_reference(entry, index), text):
                problems += _python_problems(entry, index, text, single)
            if brace:
                problems += _brace_problems(entry, index, text, single)
            elif "{{" in entry.msgid or "{{" in text:
                problems += _jinja_problems(entry, index, text, single)
            if problems:
                yield ctx.finding(
                    "PO101", entry.linenum, f"{_label(label, entry)}: {'; '.join(problems)}"
                )


def _same_python_tokens(ref: str, text: str) -> bool:
    """Cheap test that two strings have the same directives (the common case)."""
    if "%" not in ref and "%" not in text:
        return True
    want, got = python_tokens(ref), python_tokens(text)
    if want is None or got is None:
        return False
    if got == want:
        return True
    return sorted(got) == sorted(want) and all(t[1] == "(" or t == "%%" for t in got)


def _python_problems(entry: EntryLike, index: int | None, text: str, single: bool) -> list[str]:
    ref = python_directives(_reference(entry, index))
    if ref.error:
        return []
    got = python_directives(text)
    if got.error:
        return [f"not a valid python-format string ({got.error})"]
    allowed = dict(ref.named)
    if entry.msgid_plural:
        for name, kinds in python_directives(entry.msgid).named.items():
            allowed.setdefault(name, kinds)
    return _named_problems(allowed, ref, got, single)


def _named_problems(
    allowed: dict[str, frozenset[str]], ref: Directives, got: Directives, single: bool
) -> list[str]:
    problems: list[str] = []
    missing = [ref.spelling(n) for n in ref.named if n not in got.named]
    extra = [got.spelling(n) for n in got.named if n not in allowed]
    if missing and not single:
        problems.append("missing " + ", ".join(missing))
    if extra:
        problems.append("unexpected " + ", ".join(extra))
    for name, kinds in got.named.items():
        if name in allowed and kinds != allowed[name]:
            problems.append(
                f"{got.spelling(name)} is {'/'.join(sorted(kinds))} here but "
                f"{'/'.join(sorted(allowed[name]))} in msgid"
            )
    if got.unnamed != ref.unnamed:
        if len(got.unnamed) != len(ref.unnamed):
            problems.append(
                f"{len(got.unnamed)} positional placeholder(s) where msgid has {len(ref.unnamed)}"
            )
        else:
            problems.append(
                f"positional placeholders are {', '.join(got.unnamed)} where msgid has "
                f"{', '.join(ref.unnamed)}"
            )
    return problems


def _brace_problems(entry: EntryLike, index: int | None, text: str, single: bool) -> list[str]:
    ref, ref_error = brace_fields(_reference(entry, index))
    if ref_error:
        return []
    got, error = brace_fields(text)
    if error:
        return [f"not a valid python-brace-format string ({error})"]
    allowed = set(ref)
    if entry.msgid_plural:
        allowed |= set(brace_fields(entry.msgid)[0])
    problems: list[str] = []
    missing = [n for n in ref if n not in got]
    extra = [n for n in got if n not in allowed]
    if missing and not single:
        problems.append("missing " + ", ".join(f"{{{n}}}" for n in missing))
    if extra:
        problems.append("unexpected " + ", ".join(f"{{{n}}}" for n in extra))
    return problems


def _jinja_problems(entry: EntryLike, index: int | None, text: str, single: bool) -> list[str]:
    ref = jinja_expressions(_reference(entry, index))
    got = jinja_expressions(text)
    allowed = set(ref) | (set(jinja_expressions(entry.msgid)) if entry.msgid_plural else set())
    problems: list[str] = []
    missing = [n for n in ref if n not in got]
    extra = [n for n in got if n not in allowed]
    if missing and not single:
        problems.append("missing " + ", ".join(f"{{{{ {n} }}}}" for n in missing))
    if extra:
        problems.append("unexpected " + ", ".join(f"{{{{ {n} }}}}" for n in extra))
    return problems


@register("PO102", "html-mismatch", "error", "catalog")
def html_mismatch(ctx: CatalogContext) -> Iterator[Finding]:
    """HTML tags or attributes in msgstr differ from those in msgid.

    ## What it does
    Compares the tags of each translation with its msgid: the same opening
    and closing tags, the same attributes on them, and the same values for
    attributes that are not text (`href`, `class`, `rel`…; `title`, `alt`
    and `aria-label` may be translated). Tags may change order, since word
    order does.

    ## Why is this bad?
    Theme strings are rendered as markup: a lost `</a>` swallows the rest of
    the line into a link, a changed `href` points readers elsewhere, and a
    tag that is not in the msgid is markup a translation should never add.

    ## Example
    ```po
    msgid "Read <a href=\\"%(url)s\\">the full story</a>"
    msgstr "اقرأ <a href=\\"%(url)s\\">القصة كاملة"
    ```
    `</a>` is missing.
    """
    for entry, forms in ctx.forms:
        for label, index, text in forms:
            ref_text = _reference(entry, index)
            if "<" not in ref_text and "<" not in text:
                continue
            if tag_tokens(ref_text) == tag_tokens(text):
                continue
            problems = _html_problems(html_tags(ref_text), html_tags(text))
            if problems:
                yield ctx.finding(
                    "PO102", entry.linenum, f"{_label(label, entry)}: {'; '.join(problems)}"
                )


def _html_problems(ref: list[HtmlTag], got: list[HtmlTag]) -> list[str]:
    problems: list[str] = []
    want = Counter(str(t) for t in ref)
    have = Counter(str(t) for t in got)
    missing = sorted((want - have).elements())
    extra = sorted((have - want).elements())
    if missing:
        problems.append("missing " + ", ".join(missing))
    if extra:
        problems.append("unexpected " + ", ".join(extra))

    def attributes(tags: list[HtmlTag]) -> Counter[tuple[str, str, str | None]]:
        out: Counter[tuple[str, str, str | None]] = Counter()
        for tag in tags:
            for name, value in tag.attrs:
                out[(tag.name, name, None if name in TRANSLATABLE_ATTRIBUTES else value)] += 1
        return out

    if not extra and not missing:
        want_attrs, have_attrs = attributes(ref), attributes(got)
        for tag, name, value in sorted((want_attrs - have_attrs).elements(), key=str):
            changed = [v for (t, n, v) in have_attrs - want_attrs if t == tag and n == name]
            if changed and value is not None:
                problems.append(f"<{tag}> {name} is {changed[0]!r} instead of {value!r}")
            else:
                problems.append(f"<{tag}> lacks its {name} attribute")
        for tag, name, _value in sorted((have_attrs - want_attrs).elements(), key=str):
            if not any(t == tag and n == name for (t, n, _v) in want_attrs - have_attrs):
                problems.append(f"<{tag}> has an unexpected {name} attribute")
    return problems


@register("PO103", "newline-mismatch", "error", "catalog")
def newline_mismatch(ctx: CatalogContext) -> Iterator[Finding]:
    """msgid and msgstr do not both begin, or both end, with a newline.

    ## What it does
    Compares the first and last character of each translation with its
    msgid, as `msgfmt --check` does.

    ## Why is this bad?
    Code that joins lines relies on the newline being there (or not): the
    translated output runs two lines together or gains an empty one, and
    `msgfmt` refuses the catalog.

    ## Example
    ```po
    msgid "Sources:\\n"
    msgstr "المصادر:"
    ```
    """
    for entry, forms in ctx.forms:
        ref = entry.msgid
        for label, _index, text in forms:
            problems = []
            if ref.startswith("\n") != text.startswith("\n"):
                problems.append("begin")
            if ref.endswith("\n") != text.endswith("\n"):
                problems.append("end")
            if problems:
                yield ctx.finding(
                    "PO103",
                    entry.linenum,
                    f"{_label(label, entry)}: msgid and {label} do not both "
                    f"{' and '.join(problems)} with a newline",
                )


@register("PO104", "whitespace-mismatch", "warning", "catalog")
def whitespace_mismatch(ctx: CatalogContext) -> Iterator[Finding]:
    """Leading or trailing spaces of msgstr differ from msgid.

    ## What it does
    Compares the spaces and tabs at the start and end of each translation
    with its msgid (newlines are PO103's).

    ## Why is this bad?
    Strings that are joined with others at runtime carry their separating
    space: a translation without it glues two words together ("بقلمأحمد"),
    one with an extra space shows a gap.

    ## Example
    ```po
    msgid "Updated: "
    msgstr "حُدّث:"
    ```
    """
    for entry, forms in ctx.forms:
        ref = entry.msgid
        for label, _index, text in forms:
            problems = []
            ref_lead, lead = ref[:1] in (" ", "\t"), text[:1] in (" ", "\t")
            ref_trail, trail = ref[-1:] in (" ", "\t"), text[-1:] in (" ", "\t")
            if ref_lead != lead:
                problems.append(
                    "lacks the leading space of msgid" if ref_lead else "adds a leading space"
                )
            if ref_trail != trail:
                problems.append(
                    "lacks the trailing space of msgid" if ref_trail else "adds a trailing space"
                )
            if problems:
                yield ctx.finding(
                    "PO104", entry.linenum, f"{_label(label, entry)} {' and '.join(problems)}"
                )


@register("PO105", "bidi-control", "error", "catalog")
def bidi_control(ctx: CatalogContext) -> Iterator[Finding]:
    """msgstr has bidi embedding, override or isolate controls that msgid lacks, or unbalanced ones.

    ## What it does
    Looks for the invisible Unicode controls LRE, RLE, LRO, RLO, PDF, LRI,
    RLI, FSI and PDI (U+202A–U+202E, U+2066–U+2069) in every translation,
    fuzzy ones included, and reports those that the msgid does not have, or
    that are not closed. Marks (LRM, RLM, ALM) are allowed.

    ## Why is this bad?
    These characters reorder the text around them without being visible
    ("Trojan source"): a translation can make a page, or a reviewer's diff,
    show something other than what it contains, and an unclosed override
    reverses everything after it.

    ## Example
    `msgstr "\\u202eتحديث"`: RIGHT-TO-LEFT OVERRIDE never closed. Isolate a
    name with `<bdi>` in the template instead.
    """
    for entry in ctx.active:
        texts = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        for index, text in enumerate(texts):
            if not text or _CONTROLS.search(text) is None:
                continue
            label = f"msgstr[{index}]" if entry.msgid_plural else "msgstr"
            allowed = set(_CONTROLS.findall(entry.msgid + entry.msgid_plural))
            added = sorted({c for c in _CONTROLS.findall(text) if c not in allowed})
            if added:
                names = ", ".join(f"U+{ord(c):04X} {_CONTROL_NAMES[c]}" for c in added)
                yield ctx.finding(
                    "PO105",
                    entry.linenum,
                    f"{_label(label, entry)} has bidi controls not in msgid: {names}",
                )
            elif strip_unbalanced_controls(text) != text:
                yield ctx.finding(
                    "PO105", entry.linenum, f"{_label(label, entry)} has unbalanced bidi controls"
                )


_CONTROL_NAMES = {
    "\u202a": "LEFT-TO-RIGHT EMBEDDING", "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING", "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE", "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE", "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
}  # fmt: skip


@register("PO120", "plural-msgstr-missing", "error", "catalog")
def plural_msgstr_missing(ctx: CatalogContext) -> Iterator[Finding]:
    """A translated plural entry lacks one of the msgstr[i] forms, or has too many.

    ## What it does
    Checks that every translated plural entry has exactly `nplurals`
    forms (from the Plural-Forms header) and that none of them is empty.

    ## Why is this bad?
    With `nplurals=6` an Arabic plural entry needs six forms: a missing or
    empty one makes that number print nothing or fall back to English, and
    `msgfmt` refuses a catalog whose entries have fewer or more forms.

    ## Example
    ```po
    msgid "%(num)d Share"
    msgid_plural "%(num)d Shares"
    msgstr[0] "لا مشاركات"
    msgstr[1] "مشاركة واحدة"
    ```
    Forms 2 to 5 are missing.
    """
    if ctx.plural is None:
        return
    nplurals = ctx.plural[0]
    for entry in ctx.translated:
        if not entry.msgid_plural:
            continue
        forms = entry.msgstr_plural
        missing = [i for i in range(nplurals) if not forms.get(i)]
        extra = [i for i in forms if i >= nplurals]
        if missing:
            yield ctx.finding(
                "PO120",
                entry.linenum,
                f"plural entry {short(entry.msgid)!r} lacks "
                f"{', '.join(f'msgstr[{i}]' for i in missing)} (nplurals={nplurals})",
            )
        if extra:
            yield ctx.finding(
                "PO120",
                entry.linenum,
                f"plural entry {short(entry.msgid)!r} has "
                f"{', '.join(f'msgstr[{i}]' for i in extra)} beyond nplurals={nplurals}",
            )


# --------------------------------------------------------------------------
# Completeness
# --------------------------------------------------------------------------


def _is_untranslated(entry: EntryLike) -> bool:
    """No translation at all (a plural entry with some forms filled is PO120's)."""
    if entry.msgid_plural:
        return not any(entry.msgstr_plural.values())
    return not entry.msgstr


@register("PO130", "fuzzy-over-threshold", "warning", "catalog")
def fuzzy_over_threshold(ctx: CatalogContext) -> Iterator[Finding]:
    """More fuzzy entries than the edition allows.

    ## What it does
    Counts the catalog's fuzzy entries (translations `update` matched to a
    changed msgid, or a translator marked for review) and compares the count
    with `fuzzy` in `[tool.i18nnews.check]` (a count, or a share such as
    `"5%"`), which editions and paths can override. The default is 0.

    ## Why is this bad?
    gettext ignores fuzzy translations: readers see the English text until
    a translator reviews them.

    ## Example
    ```toml
    [tool.i18nnews.check.editions.es]
    fuzzy = "10%"
    ```
    """
    fuzzy = sum(1 for e in ctx.active if "fuzzy" in e.flags)
    total = len(ctx.active)
    if fuzzy and ctx.fuzzy.exceeded(fuzzy, total):
        yield ctx.finding(
            "PO130",
            ctx.header_line,
            f"{fuzzy} of {total} entries are fuzzy (allowed: {ctx.fuzzy}); review them and "
            "remove the fuzzy flag",
        )


@register("PO131", "untranslated-over-threshold", "warning", "catalog")
def untranslated_over_threshold(ctx: CatalogContext) -> Iterator[Finding]:
    """More untranslated entries than the edition allows.

    ## What it does
    Counts entries that are neither translated nor fuzzy (a plural entry
    with only some forms filled is PO120's) and compares the count with `untranslated`
    in `[tool.i18nnews.check]` (a count or a share such as `"5%"`), which
    editions and paths can override. The default is 0.

    ## Why is this bad?
    Readers of the edition see those strings in English.

    ## Example
    ```toml
    [tool.i18nnews.check.paths."locales/*/LC_MESSAGES/articles/*.po"]
    untranslated = "100%"   # per-article catalogs fill up over time
    ```
    """
    untranslated = sum(1 for e in ctx.active if "fuzzy" not in e.flags and _is_untranslated(e))
    total = len(ctx.active)
    if untranslated and ctx.untranslated.exceeded(untranslated, total):
        yield ctx.finding(
            "PO131",
            ctx.header_line,
            f"{untranslated} of {total} entries are untranslated (allowed: {ctx.untranslated})",
        )


@register("PO132", "msgstr-equals-msgid", "info", "catalog")
def msgstr_equals_msgid(ctx: CatalogContext) -> Iterator[Finding]:
    """msgstr is identical to msgid.

    ## What it does
    Reports translations that repeat the English msgid word for word, in
    the catalogs of translation editions. Strings without letters (`·`,
    `%(num)d`) are not reported.

    ## Why is this bad?
    Often it is a string copied to silence a tool and never translated;
    often it is right ("Blog", "Asia", a proper name). That is why this is
    only information: suppress it where the copy is intended with a
    translator comment `# i18nnews: ignore=PO132`.

    ## Example
    ```po
    msgid "Most Read"
    msgstr "Most Read"
    ```
    """
    if ctx.source:
        return
    for entry in ctx.translated:
        if entry.msgid_plural:
            same = all(
                text == (entry.msgid if i == 0 else entry.msgid_plural)
                for i, text in entry.msgstr_plural.items()
            )
        else:
            same = entry.msgstr == entry.msgid
        if same and _LETTER.search(mask(entry.msgid)):
            yield ctx.finding(
                "PO132", entry.linenum, f"msgstr is identical to msgid {short(entry.msgid)!r}"
            )


@register("PO141", "obsolete-entry", "info", "catalog")
def obsolete_entry(ctx: CatalogContext) -> Iterator[Finding]:
    """The catalog keeps obsolete (#~) entries.

    ## What it does
    Counts the entries `update` commented out with `#~` because their msgid
    left the template; reports the line of the first.

    ## Why is this bad?
    Nothing: they keep translators' work for a string that may come back,
    and `update` revives them. They only add weight; remove them when they
    are no longer wanted.

    ## Example
    ```po
    #~ msgid "Live coverage"
    #~ msgstr "Cobertura en directo"
    ```
    """
    obsolete = [e for e in ctx.po.entries if e.obsolete]
    if obsolete:
        yield ctx.finding(
            "PO141",
            obsolete[0].linenum,
            f"{len(obsolete)} obsolete entr{'y' if len(obsolete) == 1 else 'ies'} (#~) kept "
            "from earlier templates",
        )


@register("PO160", "catalog-outdated", "error", "catalog")
def catalog_outdated(ctx: CatalogContext) -> Iterator[Finding]:
    """The catalog is older than its template: messages of the template are missing.

    ## What it does
    Compares the catalog with its template (`locales/<domain>.pot`): every
    msgctxt and msgid of the template must have an entry in the catalog
    (an obsolete `#~` one does not count).

    ## Why is this bad?
    The missing strings cannot be translated, and readers of the edition see
    them in English. Run `i18nnews update` to merge the template.

    ## Example
    The template gained `msgid "Listen"`; `locales/ar/LC_MESSAGES/messages.po`
    was not updated.
    """
    if ctx.template is None:
        return
    have = {(e.msgctxt, e.msgid) for e in ctx.active}
    missing = [
        e for e in ctx.template.entries if not e.obsolete and (e.msgctxt, e.msgid) not in have
    ]
    if missing:
        examples = ", ".join(repr(short(e.msgid, 40)) for e in missing[:3])
        more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        source = ctx.template_path or "the template"
        yield ctx.finding(
            "PO160",
            ctx.header_line,
            f"{len(missing)} message(s) of {source} missing: {examples}{more}; "
            "run `i18nnews update`",
        )


# --------------------------------------------------------------------------
# Scripts and punctuation
# --------------------------------------------------------------------------


@register("PO150", "latin-leftover", "warning", "catalog")
def latin_leftover(ctx: CatalogContext) -> Iterator[Finding]:
    """Latin-script words left inside an Arabic translation.

    ## What it does
    In catalogs of Arabic-script editions, looks for lower-case Latin words
    in the translation outside placeholders, tags, entities and URLs.
    Capitalized words and acronyms (names such as "Al Mayadeen", "BBC") and
    name particles (`al`, `bin`…) are accepted. It is a heuristic, hence a
    warning; suppress a deliberate case with `# i18nnews: ignore=PO150`.

    ## Why is this bad?
    A half-translated sentence ("اشترك في feed") usually means a
    translator missed a word or a tool pasted the English back.

    ## Example
    ```po
    msgid "Latest stories (Atom feed)"
    msgstr "آخر الأخبار (Atom feed)"
    ```
    `feed` is left in English; `Atom`, a name, is fine.
    """
    if base_language(ctx.language) not in ARABIC_SCRIPT_LANGUAGES:
        return
    for entry, forms in ctx.forms:
        for label, index, text in forms:
            if _ASCII_LETTERS.search(text) is None or text == _reference(entry, index):
                continue
            words = [
                w
                for w in latin_words(mask(text))
                if len(w) > 1 and w.islower() and w not in LATIN_ALLOWED
            ]
            if words:
                shown = ", ".join(repr(w) for w in dict.fromkeys(words))
                yield ctx.finding(
                    "PO150",
                    entry.linenum,
                    f"{_label(label, entry)} keeps Latin-script words: {shown}",
                )


@register("PO151", "arabic-punctuation", "warning", "catalog")
def arabic_punctuation(ctx: CatalogContext) -> Iterator[Finding]:
    """Latin ? , ; after Arabic words where Arabic has ؟ ، ؛.

    ## What it does
    In catalogs of Arabic-script editions, reports an ASCII question mark,
    comma or semicolon that follows an Arabic letter (placeholders, tags and
    URLs are ignored, so `%(a)s, %(b)s` and `1,000` pass).

    ## Why is this bad?
    Arabic text uses its own marks: `?` reads as a mirrored, foreign glyph
    next to Arabic words, and `,` sits too low.

    ## Example
    `msgstr "هل تريد المتابعة?"` → `"هل تريد المتابعة؟"`.
    """
    if base_language(ctx.language) not in ARABIC_SCRIPT_LANGUAGES:
        return
    for entry, forms in ctx.forms:
        for label, _index, text in forms:
            if "?" not in text and "," not in text and ";" not in text:
                continue
            marks = list(dict.fromkeys(m.group(1) for m in _ARABIC_PUNCT.finditer(mask(text))))
            if marks:
                shown = ", ".join(f"{m!r} → {_ARABIC_EQUIVALENT[m]!r}" for m in marks)
                yield ctx.finding(
                    "PO151",
                    entry.linenum,
                    f"{_label(label, entry)} uses Latin punctuation: {shown}",
                )


@register("PO152", "spanish-inverted-marks", "warning", "catalog")
def spanish_inverted_marks(ctx: CatalogContext) -> Iterator[Finding]:
    """Spanish ? or ! without its opening ¿ or ¡ (or the other way round).

    ## What it does
    In Spanish catalogs, counts `¿` against `?` and `¡` against `!` in each
    translation, outside placeholders, tags and URLs.

    ## Why is this bad?
    Spanish opens questions and exclamations with an inverted mark; a
    missing one is a typo readers notice at once.

    ## Example
    `msgstr "Quieres suscribirte?"` → `"¿Quieres suscribirte?"`.
    """
    if base_language(ctx.language) != "es":
        return
    for entry, forms in ctx.forms:
        for label, _index, text in forms:
            if not any(c in text for c in "?!¿¡"):
                continue
            masked = mask(text)
            problems = []
            for opening, closing in (("¿", "?"), ("¡", "!")):
                opened, closed = masked.count(opening), masked.count(closing)
                if opened != closed:
                    problems.append(f"{closed} {closing!r} but {opened} {opening!r}")
            if problems:
                yield ctx.finding(
                    "PO152", entry.linenum, f"{_label(label, entry)} has {'; '.join(problems)}"
                )


@register("PO153", "kashida", "warning", "catalog")
def kashida(ctx: CatalogContext) -> Iterator[Finding]:
    """msgstr stretches words with kashida (tatweel, U+0640).

    ## What it does
    Reports translations that contain the Arabic tatweel character `ـ`
    when the msgid does not.

    ## Why is this bad?
    Kashida is a typesetting device, not text: it breaks search ("الأخبــار"
    does not match "الأخبار"), copy and paste, and screen readers, and the
    stretched word cannot reflow on narrow screens. Justification belongs in
    CSS.

    ## Example
    `msgstr "آخر الأخبــار"` → `"آخر الأخبار"`.
    """
    for entry, forms in ctx.forms:
        if _KASHIDA in entry.msgid:
            continue
        for label, _index, text in forms:
            if _KASHIDA in text:
                yield ctx.finding(
                    "PO153", entry.linenum, f"{_label(label, entry)} contains kashida (U+0640)"
                )


# --------------------------------------------------------------------------
# Running
# --------------------------------------------------------------------------


def suppressions(po: CatalogLike) -> dict[int, tuple[str, ...]]:
    """``{line: ID prefixes}`` from translator comments ``# i18nnews: ignore=ID[,ID]``.

    The header entry's comment applies to catalog-wide findings, which are
    reported at the header's line.
    """
    out: dict[int, tuple[str, ...]] = {}
    items = [po.header, *po.entries] if po.header is not None else list(po.entries)
    for entry in items:
        if entry is None or "i18nnews" not in entry.tcomment:
            continue
        ids: list[str] = []
        for match in _SUPPRESS.finditer(entry.tcomment):
            ids += [p.strip().upper() for p in match.group(1).split(",") if p.strip()]
        if ids:
            out[entry.linenum] = tuple(ids)
    return out


def run_catalog_checks(
    ctx: CatalogContext, checks: Iterable[Callable[..., Iterable[Finding]]]
) -> list[Finding]:
    out: list[Finding] = []
    for func in checks:
        out.extend(func(ctx))
    return out


def check_catalog(
    po: CatalogLike,
    path: str,
    edition: str | None,
    language: str,
    *,
    template: CatalogLike | None = None,
    source: bool = False,
    errors: bool = False,
) -> list[Finding]:
    """Every catalog check on one parsed catalog, sorted by line (used by ``compile``).

    Inline ``# i18nnews: ignore=…`` comments are honoured; thresholds are
    the defaults (see ``checks.settings`` for configured ones). With
    ``errors``, only the checks whose findings are errors run: the result is
    ``errors_only`` of the full list (each check reports its own ID only, at
    its default severity), without the cost of the warning heuristics.
    """
    ctx = CatalogContext(po, path, edition, language, template=template, source=source)
    specs = family("catalog")
    if errors:
        specs = [spec for spec in specs if spec.severity.value == "error"]
    found = run_catalog_checks(ctx, (spec.func for spec in specs))
    quiet = suppressions(po)
    found = [f for f in found if not is_suppressed(f, quiet)]
    return sorted(found, key=lambda f: (f.path, f.line, f.check_id, f.message))


def is_suppressed(found: Finding, quiet: dict[int, tuple[str, ...]]) -> bool:
    prefixes = quiet.get(found.line)
    return bool(prefixes) and any(
        p == "ALL" or found.check_id.startswith(p) for p in prefixes or ()
    )


def errors_only(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity.value == "error"]


def compile_gate(catalog: CatalogLike, path: str, edition: str, language: str) -> list[Finding]:
    """What ``compile`` refuses a catalog for: its error-level findings (the checks' defaults)."""
    return errors_only(check_catalog(catalog, path, edition, language, errors=True))

"""Pure helpers that read translatable strings: placeholders, HTML tags, scripts.

Placeholders are read with the toolkit's one format grammar
(``i18n_news.catalogs.formats``): python-format as GNU gettext's
``msgfmt --check`` reads it, so that what ``msgfmt`` rejects ``check``
rejects too, with a message a translator can act on; python-brace-format as
``str.format`` reads it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from i18n_news.catalogs.formats import parse_brace, parse_python, python_directive_at

__all__ = [
    "Directives",
    "HtmlTag",
    "brace_fields",
    "html_tags",
    "jinja_expressions",
    "latin_words",
    "mask",
    "python_directives",
    "python_tokens",
    "short",
    "tag_tokens",
]

_JINJA = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}", re.S)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)((?:\s+[^<>]*?)?)\s*(/?)>", re.S)
_TAG_TEXT = re.compile(r"</?[A-Za-z][^<>]*>")
_ATTR = re.compile(r"""([^\s=/"'<>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>]+)))?""")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']*[^\s<>\"'.,;:!?)\]]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ENTITY = re.compile(r"&(?:[A-Za-z]+|#[0-9]+|#x[0-9A-Fa-f]+);")
_MASK = re.compile("|".join((_URL.pattern, _TAG.pattern, _ENTITY.pattern, _JINJA.pattern)), re.S)
_LATIN_WORD = re.compile(r"[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F'’-]*")


@dataclass(frozen=True)
class Directives:
    """The ``%`` directives of a python-format string.

    ``named`` maps each name to its argument types; ``unnamed`` lists the
    types of positional directives in order; ``error`` says why the string
    is not a valid format string (None when it is).
    """

    named: dict[str, frozenset[str]]
    unnamed: tuple[str, ...]
    error: str | None = None
    spelled: dict[str, str] | None = None

    def spelling(self, name: str) -> str:
        """How the string first writes the directive for ``name`` (``%(num)d``)."""
        return (self.spelled or {}).get(name, f"%({name})")


_NO_DIRECTIVES = Directives({}, ())


@lru_cache(maxsize=4096)
def python_directives(text: str) -> Directives:
    """Parse ``%`` directives the way GNU gettext's format-python.c does.

    >>> python_directives("By %(author)s, %(num)d times").named
    {'author': frozenset({'string'}), 'num': frozenset({'integer'})}
    >>> python_directives("%d of %s").unnamed
    ('integer', 'string')
    >>> python_directives("50%").error
    'the string ends in the middle of a directive'
    >>> python_directives("100%!").error
    "'%!' is not a valid directive"
    """
    if "%" not in text:
        return _NO_DIRECTIVES
    parsed = parse_python(text)
    if parsed.error is not None:
        return Directives({}, (), parsed.error)
    named: dict[str, set[str]] = {}
    spelled: dict[str, str] = {}
    unnamed: list[str] = []
    for directive in parsed.directives:
        if directive.name is None:
            unnamed.extend("integer" for _ in range(directive.stars))
        kind = directive.kind
        if kind is None:  # %%
            continue
        if directive.name is not None:
            named.setdefault(directive.name, set()).add(kind)
            spelled.setdefault(directive.name, text[directive.start : directive.end])
        else:
            unnamed.append(kind)
    return Directives({k: frozenset(v) for k, v in named.items()}, tuple(unnamed), None, spelled)


def python_tokens(text: str) -> list[str] | None:
    """The ``%`` directives of ``text`` as written, or None if a ``%`` is not part of one.

    A cheap first look: two strings with the same tokens (in the same order,
    or in any order when all are named) have the same placeholders.

    >>> python_tokens("%(a)s and %d%%"), python_tokens("50%")
    (['%(a)s', '%d', '%%'], None)
    """
    if "%" not in text:
        return []
    tokens = _python_tokens(text)
    return list(tokens) if tokens is not None else None


@lru_cache(maxsize=4096)
def _python_tokens(text: str) -> tuple[str, ...] | None:
    tokens: list[str] = []
    i = text.find("%")
    while i >= 0:
        directive = python_directive_at(text, i)
        if isinstance(directive, str):
            return None
        tokens.append(text[i : directive.end])
        i = text.find("%", directive.end)
    return tuple(tokens)


def tag_tokens(text: str) -> list[str]:
    """Tags of ``text`` as written, sorted: equal lists mean equal tags and attributes.

    >>> tag_tokens('<b>x</b> <a href="y">')
    ['</b>', '<a href="y">', '<b>']
    """
    if "<" not in text:
        return []
    found = _TAG_TEXT.findall(text)
    found.sort()
    return found


def brace_fields(text: str) -> tuple[Counter[str], str | None]:
    """Field names of a python-brace-format string (``{name}``, ``{0}``, ``{}``), and an error.

    ``{{`` and ``}}`` are literal braces; the name ends at ``.``, ``[``, ``!``
    or ``:``; fields nested in a format spec count too. Automatic numbering
    (``{}``) is counted as ``#0``, ``#1``…

    >>> brace_fields("{name} has {{braces}} and {0.attr:>10}")
    (Counter({'name': 1, '0': 1}), None)
    """
    parsed = parse_brace(text)
    fields: Counter[str] = Counter()
    auto = 0
    for found in parsed.fields:
        name = found.name
        if not name:
            name = f"#{auto}"
            auto += 1
        fields[name] += 1
    return fields, parsed.error


def jinja_expressions(text: str) -> Counter[str]:
    """``{{ expr }}`` interpolations (whitespace normalized), for strings rendered as templates.

    >>> sorted(jinja_expressions("Hi {{ user.name }}, {{user.name}}!").items())
    [('user.name', 2)]
    """
    if "{{" not in text:
        return Counter()
    return Counter(" ".join(m.group(1).split()) for m in _JINJA.finditer(text))


@dataclass(frozen=True)
class HtmlTag:
    """One HTML tag: ``closing`` for ``</b>``, attributes in source order."""

    name: str
    closing: bool
    attrs: tuple[tuple[str, str | None], ...] = ()

    def __str__(self) -> str:
        return f"</{self.name}>" if self.closing else f"<{self.name}>"


def html_tags(text: str) -> list[HtmlTag]:
    """Tags in ``text`` (names lower-cased); a lone ``<`` as in ``a < b`` is not a tag.

    >>> [str(t) for t in html_tags('Read <a href="%(url)s">more</a> & <br/>')]
    ['<a>', '</a>', '<br>']
    """
    if "<" not in text:
        return []
    tags: list[HtmlTag] = []
    for match in _TAG.finditer(text):
        closing, name, rest, _ = match.groups()
        attrs = tuple(
            (a.group(1).lower(), next((g for g in a.groups()[1:] if g is not None), None))
            for a in _ATTR.finditer(rest or "")
        )
        tags.append(HtmlTag(name.lower(), bool(closing), attrs))
    return tags


def mask(text: str, *, placeholder: str = "\ufffc") -> str:
    """``text`` with placeholders, tags, entities, URLs and e-mail addresses replaced.

    Heuristics about the words of a translation must not look inside markup
    or ``%(name)s``; each such span becomes one neutral character (U+FFFC),
    which is neither a letter nor punctuation.

    >>> mask('Read <a href="%(url)s">more</a> at https://x.org, {n}').replace("\\ufffc", "#")
    'Read #more# at #, #'
    """
    if "%" in text or "{" in text:
        text = _mask_directives(text, placeholder)
    if any(c in text for c in "{<&@") or "://" in text or "www." in text:
        return _MASK.sub(placeholder, text)
    return text


@lru_cache(maxsize=4096)
def _mask_directives(text: str, placeholder: str) -> str:
    """``text`` with each python-format directive and brace field replaced by ``placeholder``."""
    spans: list[tuple[int, int]] = []
    i = text.find("%")
    while i >= 0:
        directive = python_directive_at(text, i)
        end = i + 1 if isinstance(directive, str) else directive.end
        if not isinstance(directive, str):
            spans.append((i, end))
        i = text.find("%", end)
    if "{" in text:
        spans.extend((f.start, f.end) for f in parse_brace(text).fields)
    if not spans:
        return text
    out: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        if start < pos:
            continue  # inside a span already replaced (a nested field, "%" in a field)
        out.append(text[pos:start])
        out.append(placeholder)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def latin_words(text: str) -> list[str]:
    """Latin-script words of a masked string, in order.

    >>> latin_words("آخر الأخبار (Atom feed)")
    ['Atom', 'feed']
    """
    return _LATIN_WORD.findall(text)


def short(text: str, width: int = 60) -> str:
    """A msgid for a message: one line, at most ``width`` characters.

    >>> short("A very long paragraph " * 5, 30)
    'A very long paragraph A very…'
    """
    one_line = " ".join(text.split()) if ("\n" in text or "  " in text) else text
    return one_line if len(one_line) <= width else one_line[: width - 1].rstrip() + "…"

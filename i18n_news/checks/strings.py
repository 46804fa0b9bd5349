"""Pure helpers that read translatable strings: placeholders, HTML tags, scripts.

The placeholder rules follow GNU gettext's ``msgfmt --check`` (format-python.c
and format-python-brace.c), so that what ``msgfmt`` rejects ``check`` rejects
too, with a message a translator can act on.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

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

# %[(name)][flags][width][.precision][length]conversion, as Python's % operator reads it.
_PY_DIRECTIVE = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?(?P<flags>[-+ #0]*)(?P<width>\*|[0-9]+)?"
    r"(?:\.(?P<precision>\*|[0-9]+))?[hlL]?(?P<conv>.)?",
    re.S,
)
_PY_TYPES = {
    **dict.fromkeys("diouxX", "integer"),
    **dict.fromkeys("eEfFgG", "float"),
    "c": "character",
    **dict.fromkeys("sra", "string"),
}
_JINJA = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}", re.S)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)((?:\s+[^<>]*?)?)\s*(/?)>", re.S)
_TAG_TEXT = re.compile(r"</?[A-Za-z][^<>]*>")
_ATTR = re.compile(r"""([^\s=/"'<>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>]+)))?""")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']*[^\s<>\"'.,;:!?)\]]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ENTITY = re.compile(r"&(?:[A-Za-z]+|#[0-9]+|#x[0-9A-Fa-f]+);")
_PY_TOKEN = r"%(?:\([^)]*\))?[-+ #0]*(?:\*|[0-9]+)?(?:\.(?:\*|[0-9]+))?[hlL]?[diouxXeEfFgGcrsa%]"
_MASK = re.compile(
    "|".join(
        (_URL.pattern, _TAG.pattern, _ENTITY.pattern, _JINJA.pattern,
         r"\{[A-Za-z0-9_.\[\]!:<>^+-]*\}", _PY_TOKEN)
    ),
    re.S,
)  # fmt: skip
_PY_TOKENS = re.compile(_PY_TOKEN)
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
    named: dict[str, set[str]] = {}
    spelled: dict[str, str] = {}
    unnamed: list[str] = []
    for match in _PY_DIRECTIVE.finditer(text):
        conv = match.group("conv")
        if conv == "%":
            continue
        if conv is None:
            return Directives({}, (), "the string ends in the middle of a directive")
        if conv not in _PY_TYPES:
            shown = match.group(0)
            return Directives({}, (), f"'{shown}' is not a valid directive")
        kind = _PY_TYPES[conv]
        name = match.group("name")
        stars = [g for g in (match.group("width"), match.group("precision")) if g == "*"]
        if name is not None:
            if unnamed or stars:
                return Directives({}, (), "named and unnamed directives are mixed")
            named.setdefault(name, set()).add(kind)
            spelled.setdefault(name, match.group(0))
        else:
            if named:
                return Directives({}, (), "named and unnamed directives are mixed")
            unnamed.extend("integer" for _ in stars)
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
    tokens = _PY_TOKENS.findall(text)
    if "".join(tokens).count("%") != text.count("%"):
        return None
    return tokens


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
    or ``:``. Automatic numbering (``{}``) is counted as ``#0``, ``#1``…

    >>> brace_fields("{name} has {{braces}} and {0.attr:>10}")
    (Counter({'name': 1, '0': 1}), None)
    """
    fields: Counter[str] = Counter()
    if "{" not in text and "}" not in text:
        return fields, None
    i, size, auto = 0, len(text), 0
    while i < size:
        char = text[i]
        if char == "{":
            if text.startswith("{{", i):
                i += 2
                continue
            depth, j = 1, i + 1
            while j < size and depth:
                if text[j] == "{":
                    depth += 1
                elif text[j] == "}":
                    depth -= 1
                j += 1
            if depth:
                return fields, "a '{' is never closed"
            inner = text[i + 1 : j - 1]
            name = re.split(r"[.\[!:]", inner, maxsplit=1)[0]
            if not name:
                name = f"#{auto}"
                auto += 1
            elif not re.fullmatch(r"[0-9]+|[A-Za-z_][A-Za-z0-9_]*", name):
                return fields, f"'{{{inner}}}' is not a valid field"
            fields[name] += 1
            i = j
        elif char == "}":
            if text.startswith("}}", i):
                i += 2
                continue
            return fields, "a '}' is never opened"
        else:
            i += 1
    return fields, None


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
    if any(c in text for c in "%{<&@") or "://" in text or "www." in text:
        return _MASK.sub(placeholder, text)
    return text


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

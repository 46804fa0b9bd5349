"""Format directives: the one place that knows what ``%(name)s`` and ``{name}`` are.

Three parts of the toolkit read directives, and they must agree:

- ``extract`` flags a message ``python-format`` or ``python-brace-format``
  (:func:`format_flags`), so that ``msgfmt --check`` and ``check`` test it;
- ``check`` compares the placeholders of a translation with its msgid
  (``checks/strings.py`` builds on :func:`parse_python` and
  :func:`parse_brace`);
- the writer never breaks a line inside a directive (:func:`unbreakable`).

python-format follows GNU gettext's ``format-python.c`` (0.21), which is
Python's ``%`` operator without ``%a`` and ``%F``: what ``msgfmt`` rejects,
``check`` rejects, and the writer protects exactly the directives GNU
protects. python-brace-format strings are read with Python's own
``string.Formatter`` (it is what formats them at run time); the writer
alone also needs GNU 0.21's reading of them, which differs (no ``{}``, no
``!r``, and an offset bug), to break lines where ``msgcat`` does:
:func:`_gnu_brace_unbreakable` reproduces it for that purpose only.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "BraceField",
    "BraceFormat",
    "PythonDirective",
    "PythonFormat",
    "format_flags",
    "format_language",
    "parse_brace",
    "parse_python",
    "python_directive_at",
    "unbreakable",
]

# --------------------------------------------------------------------------
# Format languages
# --------------------------------------------------------------------------

# GNU's order of format languages: the first one an entry is flagged with
# decides which directives its strings have.
_FORMAT_ORDER = (
    "c", "objc", "python", "python-brace", "java", "java-printf", "csharp", "javascript",
    "scheme", "lisp", "elisp", "librep", "ruby", "sh", "awk", "lua", "object-pascal",
    "smalltalk", "qt", "qt-plural", "kde", "kde-kuit", "boost", "tcl", "perl", "perl-brace",
    "php", "gcc-internal", "gfc-internal", "ycp",
)  # fmt: skip
_FORMAT_RANK = {name: rank for rank, name in enumerate(_FORMAT_ORDER)}


def format_language(flags: Iterable[str]) -> str | None:
    """The format language GNU reads an entry's strings as, from its flags.

    >>> format_language(["fuzzy", "python-brace-format", "python-format"])
    'python'
    >>> format_language(["no-c-format"]) is None
    True
    """
    best: tuple[int, str] | None = None
    for flag in flags:
        if not flag.endswith("-format"):
            continue
        name = flag[: -len("-format")]
        if name.startswith("possible-"):
            name = name[len("possible-") :]
        rank = _FORMAT_RANK.get(name)
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, name)
    return best[1] if best else None


# --------------------------------------------------------------------------
# python-format: %[(name)][flags][width][.precision][length]conversion
# --------------------------------------------------------------------------

_PYTHON_KINDS = {
    **dict.fromkeys("diouxX", "integer"),
    **dict.fromkeys("eEfgG", "float"),
    "c": "character",
    **dict.fromkeys("sr", "string"),
    # %(name)% takes an argument that GNU matches with no other conversion.
    "%": "percent",
}
_ENDS_IN_DIRECTIVE = "the string ends in the middle of a directive"
# Flags, width, precision and length: what comes between the name and the
# conversion ("*" takes an integer argument).
_PYTHON_SPEC = re.compile(r"[-+ #0]*+(?:(\*)|[0-9]*+)(?:\.(?:(\*)|[0-9]*+))?[hlL]?")
_MIXED = "named and unnamed directives are mixed"


@dataclass(frozen=True, slots=True)
class PythonDirective:
    """One ``%`` directive, ``text[start:end]``; ``name`` is set for ``%(name)s``."""

    start: int
    end: int
    name: str | None
    conversion: str
    #: Width and precision given as ``*``: each takes an integer argument.
    stars: int = 0

    @property
    def kind(self) -> str | None:
        """The argument type (integer, float, character, string); None for ``%%``."""
        if self.conversion == "%" and self.name is None:
            return None
        return _PYTHON_KINDS[self.conversion]


@dataclass(frozen=True, slots=True)
class PythonFormat:
    """The directives of a python-format string, and why it is not one (None when it is).

    ``directives`` holds those read before the first error, as GNU does.
    """

    directives: tuple[PythonDirective, ...]
    error: str | None = None


def python_directive_at(text: str, start: int) -> PythonDirective | str:
    """The directive at ``text[start]`` (a ``%``), or why there is none there.

    >>> python_directive_at("By %(author)s", 3)
    PythonDirective(start=3, end=13, name='author', conversion='s', stars=0)
    >>> python_directive_at("100%!", 3)
    "'%!' is not a valid directive"
    """
    i = start + 1
    name = None
    if text.startswith("(", i):
        close = _closing_parenthesis(text, i)
        if close < 0:
            return _ENDS_IN_DIRECTIVE
        name = text[i + 1 : close]
        i = close + 1
    spec = _PYTHON_SPEC.match(text, i)
    assert spec is not None  # every part of it is optional
    i = spec.end()
    if i >= len(text):
        return _ENDS_IN_DIRECTIVE
    if text[i] not in _PYTHON_KINDS:
        return f"'{text[start : i + 1]}' is not a valid directive"
    stars = (spec.group(1) is not None) + (spec.group(2) is not None)
    return PythonDirective(start, i + 1, name, text[i], stars)


def _closing_parenthesis(text: str, opening: int) -> int:
    """Index of the ``)`` that closes ``text[opening]``, or -1; a name may nest parentheses."""
    close = text.find(")", opening + 1)
    if close < 0 or "(" not in text[opening + 1 : close]:
        return close
    depth = 0
    for i in range(opening + 1, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            if depth == 0:
                return i
            depth -= 1
    return -1


@lru_cache(maxsize=4096)
def parse_python(text: str) -> PythonFormat:
    """Read ``%`` directives the way GNU gettext's ``format-python.c`` does.

    >>> [d.name for d in parse_python("By %(author)s, %(num)d times").directives]
    ['author', 'num']
    >>> parse_python("50%").error
    'the string ends in the middle of a directive'
    >>> parse_python("%(a)s of %d").error
    'named and unnamed directives are mixed'
    """
    i = text.find("%")
    if i < 0:
        return _NO_PYTHON
    found: list[PythonDirective] = []
    named = unnamed = False
    while i >= 0:
        directive = python_directive_at(text, i)
        if isinstance(directive, str):
            return PythonFormat(tuple(found), directive)
        if directive.name is not None:
            if unnamed or directive.stars:
                return PythonFormat(tuple(found), _MIXED)
            named = True
        elif directive.stars or directive.conversion != "%":
            if named:
                return PythonFormat(tuple(found), _MIXED)
            unnamed = True
        found.append(directive)
        i = text.find("%", directive.end)
    return PythonFormat(tuple(found))


_NO_PYTHON = PythonFormat(())


# --------------------------------------------------------------------------
# python-brace-format: str.format's {name.attr[key]!conversion:spec}
# --------------------------------------------------------------------------

_FORMATTER = string.Formatter()
# arg_name then .attribute / [key] parts, as str.format reads a field name.
_FIELD_NAME = re.compile(r"(?P<arg>[^.\[]*)(?:\.[^.\[]+|\[[^\]]+\])*")
_ARG_NAME = re.compile(r"[0-9]+|[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True, slots=True)
class BraceField:
    """One replacement field, ``text[start:end]``; ``name`` is its argument (``""`` for ``{}``)."""

    start: int
    end: int
    name: str
    conversion: str | None = None
    spec: str = ""


@dataclass(frozen=True, slots=True)
class BraceFormat:
    """The fields of a python-brace-format string (nested ones included), and its error."""

    fields: tuple[BraceField, ...]
    error: str | None = None


@lru_cache(maxsize=4096)
def parse_brace(text: str) -> BraceFormat:
    """Read ``{…}`` fields as ``str.format`` does, with the argument of each.

    An argument must be a number, an identifier or empty (automatic
    numbering); ``str.format`` would take ``{ name}`` for a key ``" name"``,
    which in a translation is always a typo.

    >>> [f.name for f in parse_brace("{name} has {{braces}} and {0.attr:>{width}}").fields]
    ['name', '0', 'width']
    >>> parse_brace("{name").error
    "expected '}' before end of string"
    """
    if "{" not in text and "}" not in text:
        return _NO_BRACE
    found: list[BraceField] = []
    try:
        _brace_fields(text, 0, len(text), 2, found)
    except ValueError as exc:
        return BraceFormat(tuple(found), str(exc))
    return BraceFormat(tuple(found))


_NO_BRACE = BraceFormat(())


def _brace_fields(text: str, begin: int, end: int, depth: int, out: list[BraceField]) -> None:
    """Append the fields of ``text[begin:end]``, nested ones to ``depth`` levels like str.format."""
    if depth < 0:
        raise ValueError("Max string recursion exceeded")
    pos = begin
    for literal, field_name, spec, conversion in _FORMATTER.parse(text[begin:end]):
        # Each brace of the literal text was written twice.
        pos += len(literal) + literal.count("{") + literal.count("}")
        if field_name is None:
            continue
        start = pos
        pos += 1 + len(field_name) + (2 if conversion is not None else 0)
        spec_start = pos + 1 if text[pos] == ":" else pos
        pos = spec_start + len(spec or "") + 1
        match = _FIELD_NAME.fullmatch(field_name)
        if match is None or not (match["arg"] == "" or _ARG_NAME.fullmatch(match["arg"])):
            raise ValueError(f"'{text[start:pos]}' is not a valid field")
        out.append(BraceField(start, pos, match["arg"], conversion, spec or ""))
        _brace_fields(text, spec_start, pos - 1, depth - 1, out)


# --------------------------------------------------------------------------
# Flags for extracted messages
# --------------------------------------------------------------------------


def format_flags(msgid: str, plural: str | None = None) -> list[str]:
    """The format flag of an extracted message, so that msgfmt and ``check`` test it.

    python-format for a valid ``%`` string with a directive, else
    python-brace-format for a valid ``{}`` string with a named field.

    >>> format_flags("By %(author)s"), format_flags("{count} new"), format_flags("Save 50%!")
    (['python-format'], ['python-brace-format'], [])
    """
    texts = [msgid, plural] if plural else [msgid]
    if any("%" in t for t in texts):
        for text in texts:
            python = parse_python(text)
            if python.error is None and python.directives:
                return ["python-format"]
    for text in texts:
        if "{" in text:
            brace = parse_brace(text)
            if brace.error is None and any(f.name and not f.name.isdigit() for f in brace.fields):
                return ["python-brace-format"]
    return []


# --------------------------------------------------------------------------
# What the writer keeps on one line
# --------------------------------------------------------------------------


def unbreakable(text: str, language: str | None) -> frozenset[int] | None:
    """Offsets of ``text`` that must not start a line, for the format ``language``.

    GNU keeps python-format and python-brace-format directives whole (the
    latter with gettext 0.21's offset bug); for other languages None.
    """
    finder = _UNBREAKABLE.get(language) if language is not None else None
    return finder(text) if finder is not None and text else None


@lru_cache(maxsize=1024)
def _python_unbreakable(text: str) -> frozenset[int]:
    """Offsets inside the directives GNU read (after each ``%``)."""
    inside: set[int] = set()
    for directive in parse_python(text).directives:
        inside.update(range(directive.start + 1, directive.end))
    return frozenset(inside)


@lru_cache(maxsize=1024)
def _gnu_brace_unbreakable(text: str) -> frozenset[int]:
    """Offsets GNU 0.21 keeps unbroken in a python-brace-format string.

    GNU's format-python-brace.c records each ``{...}`` directive at offsets
    counted from the directive's own start instead of the string's, so
    whatever the directives' positions, what stays whole is the start of the
    string: up to the end (or error) offset that comes first. This mirrors
    that, in UTF-8 bytes as GNU counts them, with GNU's own (stricter)
    reading of a directive; it decides line breaks, never placeholders.
    """
    ends = _GnuBraceReader(text).ends()
    if not any(not error for _, error in ends):
        return frozenset()  # no directive was read: nothing marks a start
    first = min(position for position, _ in ends)
    if any(error for position, error in ends if position == first):
        return frozenset()
    inside: set[int] = set()
    position = 0
    for index, char in enumerate(text):
        if 0 < position <= first:
            inside.add(index)
        position += len(char.encode("utf-8"))
        if position > first:
            break
    return frozenset(inside)


class _GnuBraceReader:
    """GNU 0.21's reading of python-brace directives, recording where each ends.

    Each method takes an index into the text and returns the index after what
    it read, or -1 once a directive is invalid (its error offset recorded).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.size = len(text)
        self.found: list[tuple[int, bool]] = []  # (byte offset, is an error)

    def ends(self) -> list[tuple[int, bool]]:
        """(byte offset from the directive's start, is an error) of each directive read."""
        text = self.text
        i = text.find("{")
        while i >= 0:
            i = self.directive(i, True)
            if i < 0:
                break
            i = text.find("{", i)
        return self.found

    def fail(self, start: int, i: int) -> int:
        self.found.append((len(self.text[start:i].encode("utf-8")), True))
        return -1

    def field(self, i: int, numeric: bool) -> int:
        text, size = self.text, self.size
        if i < size and text[i].isascii() and (text[i].isalpha() or text[i] == "_"):
            i += 1
            while i < size and text[i].isascii() and (text[i].isalnum() or text[i] == "_"):
                i += 1
        elif numeric and i < size and "0" <= text[i] <= "9":
            while i < size and "0" <= text[i] <= "9":
                i += 1
        return i

    def directive(self, start: int, toplevel: bool) -> int:
        """Index after the directive at ``start``, or -1 when it is invalid."""
        text, size = self.text, self.size
        i = start + 1
        if i < size and text[i] == "{":
            return i + 1
        i = self.name(start, i)
        if i < 0:
            return -1
        if i < size and text[i] == ":":
            if not toplevel:
                return self.fail(start, i)
            i = self.spec(start, i + 1)
            if i < 0:
                return -1
        if i >= size or text[i] != "}":
            return self.fail(start, i)
        if toplevel:
            self.found.append((len(text[start:i].encode("utf-8")), False))
        return i + 1

    def name(self, start: int, i: int) -> int:
        """The field name and its ``.attribute`` and ``[index]`` parts."""
        text, size = self.text, self.size
        j = self.field(i, True)
        if j == i:
            return self.fail(start, i)
        i = j
        while i < size and text[i] in ".[":
            j = self.field(i + 1, text[i] == "[")
            if j == i + 1:
                return self.fail(start, j)
            if text[i] == "[":
                if j >= size or text[j] != "]":
                    return self.fail(start, j)
                j += 1
            i = j
        return i

    def spec(self, start: int, i: int) -> int:
        """The format spec after ``:``: one nested directive, or the standard mini-language."""
        text, size = self.text, self.size
        if i < size and text[i] == "{":
            return self.directive(i, False)
        if i >= size:
            return self.fail(start, i)
        if i + 1 < size and text[i + 1] in "<>=^":
            i += 2
        elif text[i] in "<>=^":
            i += 1
        if i < size and text[i] in "+- ":
            i += 1
        if i < size and text[i] == "#":
            i += 1
        if i < size and text[i] == "0":
            i += 1
        while i < size and "0" <= text[i] <= "9":
            i += 1
        if i + 1 < size and text[i] == "." and "0" <= text[i + 1] <= "9":
            i += 1
            while i < size and "0" <= text[i] <= "9":
                i += 1
        if i < size and text[i] in "bcdoxXneEfFgG%":
            i += 1
        return i


_UNBREAKABLE: dict[str, Callable[[str], frozenset[int]]] = {
    "python": _python_unbreakable,
    "python-brace": _gnu_brace_unbreakable,
}

"""A fast, read-only catalog reader for ``check``.

``reader.parse_po`` keeps every entry's source lines so that ``update`` can
write a file back byte for byte; ``check`` only reads, and on a 20,000-entry
catalog that bookkeeping is most of the time spent. This reader matches whole
entries with one regular expression and builds small slotted entries with the
fields the checks use.

It is deliberately strict: anything outside the plain shape that ``init``,
``update``, Poedit, Weblate and msgmerge write (another charset, lines that
start with blanks, octal escapes, a stray ``\\r``, an unusual ``#|`` line…)
sends the whole file to ``parse_po``, which then decides, with its own error
messages and line numbers. On the files it accepts, it yields the same
entries as ``parse_po`` (the tests compare both on every catalog they have)
with one difference: duplicate entries are kept, so that ``check`` can report
them (PO140) and still check the rest of the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from i18n_news.catalogs.entry import Entry, header_fields
from i18n_news.catalogs.escapes import UNESCAPES
from i18n_news.catalogs.reader import BOM, parse_po

__all__ = ["ScannedCatalog", "ScannedEntry", "scan_exact", "scan_po"]

# A quoted string without line breaks; possessive, so a long line never backtracks.
_STR = r'"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"'
_STRS = rf"{_STR}(?:[ \t]*+\n{_STR})*+"
_BODY = rf"""
(?:msgctxt[ \t]++(?P<ctxt>{_STRS})[ \t]*+\n)?
msgid[ \t]++(?P<id>{_STRS})[ \t]*+\n
(?:
  msgid_plural[ \t]++(?P<plural>{_STRS})[ \t]*+\n
  (?P<forms>(?:msgstr\[[0-9]++\][ \t]++{_STRS}[ \t]*+(?:\n|\Z))++)
 |
  msgstr[ \t]++(?P<str>{_STRS})[ \t]*+(?:\n|\Z)
)
"""
_ENTRY = re.compile(rf"(?P<comments>(?:\#(?!~)[^\n]*+\n)*+){_BODY}(?P<blank>(?:[ \t]*+\n)*+)", re.X)
_OBSOLETE_BODY = re.compile(rf"{_BODY}", re.X)
_OBSOLETE = re.compile(
    r"(?P<comments>(?:\#(?!~)[^\n]*+\n)*+)(?P<obsolete>(?:\#~[^\n]*+(?:\n|\Z))++)"
    r"(?P<blank>(?:[ \t]*+\n)*+)"
)
_TRAILER = re.compile(r"(?:[ \t]*+\#(?![~|])[^\n]*+(?:\n|\Z)|[ \t]*+\n)*+\Z")
_BLANKS = re.compile(r"(?:[ \t]*+\n)*+")
_FORM = re.compile(rf"msgstr\[([0-9]++)\][ \t]++({_STRS})")
_PIECE = re.compile(r'"([^"\\\n]*+(?:\\.[^"\\\n]*+)*+)"')
_PREVIOUS = re.compile(rf"\#\|[ \t]*+(?:(msgctxt|msgid|msgid_plural)(?: [ \t]*+)?)?{_STR}[ \t]*+")
_FLAG_LINE = re.compile(r"^\#,(.*)$", re.M)
_PREVIOUS_LINE = re.compile(r"^\#\|.*$", re.M)
_COMMENT_LINE = re.compile(r"^\#(?![:.,|~])(.*)$", re.M)
_ESCAPE = re.compile(r"\\(.)", re.S)
_CHARSET = re.compile(r"charset=([^\s;\"]*)")
_UTF8_NAMES = frozenset({"utf-8", "utf8", "charset"})


class _Fallback(Exception):
    """The file is outside the fast reader's shape: let ``parse_po`` read it."""


@dataclass(slots=True)
class ScannedEntry:
    """The fields of one entry that checks read (names as in ``polib.POEntry``)."""

    msgid: str
    msgstr: str = ""
    msgid_plural: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    msgctxt: str | None = None
    flags: list[str] = field(default_factory=list)
    tcomment: str = ""
    obsolete: bool = False
    linenum: int = 0


@dataclass
class ScannedCatalog:
    """A catalog as ``check`` sees it; the methods mirror ``entry.POFile``."""

    path: str | None
    header: ScannedEntry | None
    entries: list[ScannedEntry]

    def metadata(self) -> dict[str, str]:
        return header_fields(self.header.msgstr) if self.header is not None else {}

    def get_header(self, key: str) -> str | None:
        return self.metadata().get(key)

    def active(self) -> list[ScannedEntry]:
        return [e for e in self.entries if not e.obsolete]

    def obsolete_entries(self) -> list[ScannedEntry]:
        return [e for e in self.entries if e.obsolete]


def scan_po(data: bytes, path: str | None = None) -> ScannedCatalog:
    """Read a catalog for checking; bad syntax raises ``I18nNewsError`` with its line.

    Duplicate entries are kept (``parse_po`` rejects them) unless the file
    needs ``parse_po``, in which case its duplicate error is raised.
    """
    try:
        return _fast(data, path)
    except _Fallback:
        pass
    po = parse_po(data, path)
    header = _convert(po.header) if po.header is not None else None
    return ScannedCatalog(path, header, [_convert(e) for e in po.entries])


def scan_exact(data: bytes, path: str | None = None) -> ScannedCatalog | None:
    """The catalog as ``parse_po`` would read it, or None when only ``parse_po`` can tell.

    None for a file outside the fast reader's shape, and for one with two
    active entries of the same msgctxt and msgid (``parse_po`` refuses it).
    On every other file ``parse_po`` returns the same entries (see the
    module's docstring), so ``compile`` reads with this and falls back.
    """
    try:
        catalog = _fast(data, path)
    except _Fallback:
        return None
    active = [(e.msgctxt, e.msgid) for e in catalog.entries if not e.obsolete]
    if len(set(active)) != len(active):
        return None
    return catalog


def _convert(entry: Entry) -> ScannedEntry:
    return ScannedEntry(
        msgid=entry.msgid,
        msgstr=entry.msgstr,
        msgid_plural=entry.msgid_plural,
        msgstr_plural=dict(entry.msgstr_plural),
        msgctxt=entry.msgctxt,
        flags=list(entry.flags),
        tcomment=entry.tcomment,
        obsolete=bool(entry.obsolete),
        linenum=entry.linenum or 0,
    )


def _fast(data: bytes, path: str | None) -> ScannedCatalog:
    if data.startswith(BOM):
        data = data[len(BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise _Fallback from None
    if "\r" in text:
        if text.count("\r\n") != text.count("\r") or text.count("\r\n") != text.count("\n"):
            raise _Fallback
        text = text.replace("\r\n", "\n")
    if "\x04" in text:
        raise _Fallback
    entries = list(_entries(text))
    header: ScannedEntry | None = None
    if entries:
        first = entries[0]
        if first.msgid == "" and first.msgctxt is None and not first.obsolete:
            header = entries.pop(0)
    # Any other charset, spelled anywhere (parse_po sniffs the raw header too): let it decide.
    if "charset=" in text and not all(_is_utf8_name(m.group(1)) for m in _CHARSET.finditer(text)):
        raise _Fallback
    return ScannedCatalog(path, header, entries)


def _is_utf8_name(raw: str) -> bool:
    """A ``charset=`` value as written in the file: UTF-8, possibly ended by a ``\\n`` escape.

    Any other escape right after the name (``UTF-8\\\\n``: an escaped
    backslash) makes the declared charset something else for ``parse_po``.
    """
    cut = raw.find("\\")
    if cut != -1:
        if raw[cut + 1 : cut + 2] != "n":
            return False
        raw = raw[:cut]
    return raw.lower() in _UTF8_NAMES


def _entries(text: str) -> Iterator[ScannedEntry]:
    size = len(text)
    blank = _BLANKS.match(text, 0)
    pos = blank.end() if blank else 0
    line = 1 + text.count("\n", 0, pos)
    match_entry = _ENTRY.match
    count = text.count
    while pos < size:
        m = match_entry(text, pos)
        if m is None:
            m = _OBSOLETE.match(text, pos)
            if m is None:
                if _TRAILER.match(text, pos):
                    return
                raise _Fallback
            comments = m.group("comments")
            if "\n#|" in "\n" + comments:
                raise _Fallback  # a previous string outside the obsolete entry
            start_line = line + count("\n", pos, m.start("obsolete"))
            yield from _obsolete(m.group("obsolete"), comments, start_line)
            line += count("\n", pos, m.end())
            pos = m.end()
            continue
        comments, ctxt, msgid, plural, forms, msgstr, _ = m.groups()
        id_at = m.start("id")
        line += count("\n", pos, id_at)
        yield _build(comments, ctxt, msgid, plural, forms, msgstr, line, False)
        line += count("\n", id_at, m.end())
        pos = m.end()


def _obsolete(block: str, comments: str, line: int) -> Iterator[ScannedEntry]:
    """Entries of a ``#~`` block; ``line`` is the block's first line."""
    body: list[str] = []
    previous: list[str] = []
    numbers: list[int] = []
    for offset, raw in enumerate(block.split("\n")):
        if not raw:
            continue
        rest = raw[2:]
        if rest[:1] == "|":
            previous.append("#" + rest)
            continue
        rest = rest.strip()
        if not rest:
            continue
        if rest[0] not in '"m':
            raise _Fallback
        body.append(rest)
        numbers.append(line + offset)
    _check_previous(previous)
    text = "\n".join(body) + "\n"
    pos = 0
    first = True
    while pos < len(text):
        m = _OBSOLETE_BODY.match(text, pos)
        if m is None:
            raise _Fallback
        ctxt, msgid, plural, forms, msgstr = m.groups()
        msgid_line = numbers[text.count("\n", 0, m.start("id"))]
        if not first and previous:
            raise _Fallback  # previous strings of a later entry in the same block
        yield _build(
            comments if first else "", ctxt, msgid, plural, forms, msgstr, msgid_line, True
        )
        first = False
        pos = m.end()


def _build(
    comments: str,
    ctxt: str | None,
    msgid: str,
    plural: str | None,
    forms: str | None,
    msgstr: str | None,
    line: int,
    obsolete: bool,
) -> ScannedEntry:
    flags: list[str] = []
    tcomment = ""
    if comments:
        if "#," in comments:
            for raw in _FLAG_LINE.findall(comments):
                flags.extend(f for f in (x.strip() for x in raw.split(",")) if f)
        if "#|" in comments:
            _check_previous(_PREVIOUS_LINE.findall(comments))
        lines = _COMMENT_LINE.findall(comments)
        if lines:
            tcomment = "\n".join(t[1:] if t[:1] == " " else t for t in lines)
    msgid = msgid[1:-1] if "\n" not in msgid and "\\" not in msgid else _value(msgid)
    if ctxt is not None:
        ctxt = _value(ctxt)
    if plural is None:
        # One positional call: keyword arguments and attribute writes cost more per entry.
        if msgstr is None:
            text = ""
        elif "\n" not in msgstr and "\\" not in msgstr:
            text = msgstr[1:-1]
        else:
            text = _value(msgstr)
        return ScannedEntry(msgid, text, "", {}, ctxt, flags, tcomment, obsolete, line)
    found = _FORM.findall(forms or "")
    msgstr_plural: dict[int, str] = {}
    for expected, (index, value) in enumerate(found):
        if int(index) != expected or index != str(expected):
            raise _Fallback
        msgstr_plural[expected] = _value(value)
    return ScannedEntry(
        msgid, "", _value(plural), msgstr_plural, ctxt, flags, tcomment, obsolete, line
    )


def _check_previous(lines: list[str]) -> None:
    """``#|`` lines in the plain one-string-per-line shape, each keyword once."""
    seen: set[str] = set()
    for raw in lines:
        m = _PREVIOUS.fullmatch(raw)
        if m is None:
            raise _Fallback
        if "\\" in raw:
            _value(raw[raw.index('"') :].rstrip())  # parse_po resolves these escapes too
        keyword = m.group(1)
        if keyword is None:
            if not seen:
                raise _Fallback
            continue
        if keyword in seen:
            raise _Fallback
        seen.add(keyword)


def _value(strings: str) -> str:
    """The text of one or more quoted pieces, escapes resolved."""
    if "\n" in strings:
        text = "".join(_PIECE.findall(strings))
    else:
        text = strings[strings.index('"') + 1 : strings.rindex('"')]
    if "\\" in text:
        text = _ESCAPE.sub(_unescape, text)
    return text


def _unescape(match: re.Match[str]) -> str:
    try:
        return UNESCAPES[match.group(1)]
    except KeyError:
        raise _Fallback from None

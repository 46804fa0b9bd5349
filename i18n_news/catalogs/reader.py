"""Reading ``.po``/``.pot`` files: bytes to a ``POFile`` whose entries keep their lines.

Translators' files come from Poedit, Weblate, msgmerge (wrapped at 79) and
Babel (wrapped at 76). Every entry keeps the source lines it was read from,
so that the writer can give a file back byte for byte (see ``writer``).

The file's charset is sniffed from the header entry before decoding (a PO
file's syntax is ASCII, its strings are in the declared charset). Bad syntax
is an ``I18nNewsError`` with the 1-based line GNU gettext would name.
Deliberate differences from GNU: a UTF-8 byte order mark is accepted (and
kept); a UTF-8 file whose header declares a single-byte charset is refused
instead of being read as mojibake.
"""

from __future__ import annotations

import codecs
import os
import re
from functools import lru_cache
from typing import NoReturn

from i18n_news.catalogs.collector import no_cyclic_gc
from i18n_news.catalogs.entry import Entry, POFile
from i18n_news.catalogs.escapes import ESCAPE_PAIR_RE, EscapeError, unescape
from i18n_news.errors import I18nNewsError
from i18n_news.fs import read_bytes

__all__ = ["BOM", "codec_for", "parse_po", "read_po", "read_po_bytes"]

#: The UTF-8 byte order mark some editors write first.
BOM = b"\xef\xbb\xbf"
_STRING_RE = re.compile(r'"((?:[^"\\]++|\\.)*+)"[ \t]*', re.S)

_HEADER_RE = re.compile(rb'^[ \t]*msgid[ \t]*""[ \t]*\r?\n[ \t]*msgstr\b', re.M)
_FIRST_MSGID_RE = re.compile(rb"^[ \t]*msg(?:id|ctxt)\b", re.M)
_HEADER_END_RE = re.compile(rb"\n[ \t]*\r?\n|\n[ \t]*#|\n[ \t]*msg(?:id|ctxt)\b")
_CHARSET_RE = re.compile(rb"charset=([A-Za-z0-9_.:+-]+)")
_REFERENCE_RE = re.compile("\u2068([^\u2069]*)\u2069(?::([0-9]+))?|(\\S+)")
_UNSET_CHARSETS = {"", "charset"}
_KEYWORDS = frozenset({"msgctxt", "msgid", "msgid_plural", "msgstr"})
_LINE_STARTS = frozenset('#"m')


def codec_for(charset: str) -> str:
    """Python codec for a declared charset; the ``.pot`` placeholder means UTF-8.

    The writer encodes with the same choice, so a file is written in the
    charset it was read in.

    Raises LookupError for unknown charsets and for those that do not keep
    ASCII as is (UTF-16, EBCDIC...): a PO file's syntax is ASCII.
    """
    if charset.lower() in _UNSET_CHARSETS:
        return "utf-8"
    name = codecs.lookup(charset).name
    if not _keeps_ascii(name):
        raise LookupError(charset)
    return name


_ASCII_SAMPLE = '\n\t msgid_plural[0]"\\#~|:,. 0123456789 ABCXYZ abcxyz'


@lru_cache(maxsize=64)
def _keeps_ascii(codec: str) -> bool:
    """Whether ``codec`` encodes the ASCII of PO syntax as ASCII."""
    try:
        return _ASCII_SAMPLE.encode(codec) == _ASCII_SAMPLE.encode("ascii")
    except (LookupError, UnicodeError, ValueError):
        return False


def _sniff_charset(data: bytes) -> tuple[str, int]:
    """The charset declared by the header entry (and its line), before decoding."""
    header = _HEADER_RE.search(data)
    first = _FIRST_MSGID_RE.search(data)
    if header is None or first is None or first.start() != header.start():
        return "UTF-8", 0
    end = _HEADER_END_RE.search(data, header.end())
    block = data[header.start() : end.start() if end else len(data)]
    match = _CHARSET_RE.search(block)
    if match is None:
        return "UTF-8", 0
    line = data.count(b"\n", 0, header.start() + match.start()) + 1
    return match.group(1).decode("ascii"), line


class _Builder:
    """Fields of the entry being read; ``stage`` tracks the expected keyword."""

    __slots__ = (
        "comment",
        "current",
        "current_prev",
        "flags",
        "keyword_line",
        "last_line",
        "msgctxt",
        "msgid",
        "msgid_line",
        "msgid_plural",
        "msgstr",
        "obsolete",
        "occurrences",
        "plurals",
        "prev",
        "prev_obsolete",
        "prev_pending",
        "prev_pending_line",
        "stage",
        "tcomment",
    )

    def __init__(self) -> None:
        self.tcomment: list[str] = []
        self.comment: list[str] = []
        self.occurrences: list[tuple[str, str]] = []
        self.flags: list[str] = []
        self.prev: dict[str, list[str]] = {}
        self.prev_obsolete: bool | None = None
        self.prev_pending: str | None = None
        self.prev_pending_line = 0
        self.msgctxt: list[str] | None = None
        self.msgid: list[str] | None = None
        self.msgid_plural: list[str] | None = None
        self.msgstr: list[str] | None = None
        self.plurals: list[list[str]] = []
        self.obsolete = False
        # 0 comments, 1 msgctxt, 2 msgid, 3 msgid_plural, 4 msgstr
        self.stage = 0
        self.current: list[str] | None = None
        self.current_prev: list[str] | None = None
        self.msgid_line = 0
        self.keyword_line = 0
        self.last_line = 0


class _Parser:
    """A line dispatcher: one look at the first characters decides each line."""

    def __init__(self, path: str | None, codec: str) -> None:
        self.path = path
        self.codec = codec
        # (msgctxt, msgid) of the active entries read so far
        self.seen: set[tuple[str | None, str]] = set()
        self.lines: list[str] = []
        self.entries: list[Entry] = []
        self.b = _Builder()  # the entry being read
        self.chunk_start = -1  # its first line, -1 between entries
        self.last_end = -1  # the last line of the previous entry

    def error(self, message: str, line: int) -> I18nNewsError:
        return I18nNewsError(message, self.path, line)

    def strings(self, text: str, lineno: int) -> list[str]:
        """Bodies (escapes kept) of the quoted strings of a line: ``"a"`` or ``"a" "b"``."""
        if len(text) >= 2 and text[-1] == '"':
            body = text[1:-1]
            if '"' not in body and ("\\" not in body or not body.endswith("\\")):
                return [body]
        bodies: list[str] = []
        pos = 0
        while True:
            match = _STRING_RE.match(text, pos)
            if match is None:
                if text[pos : pos + 1] == '"':
                    raise self.error("unterminated string", lineno)
                raise self.error("unexpected text after string", lineno)
            bodies.append(match.group(1))
            pos = match.end()
            if pos == len(text):
                return bodies
            if text[pos] != '"':
                raise self.error("unexpected text after string", lineno)

    def parse(self, lines: list[str]) -> tuple[list[Entry], list[str]]:
        self.lines = lines
        strings = self.strings
        for i, line in enumerate(lines):
            b = self.b
            first = line[:1]
            if first == '"' and b.current is not None and not b.obsolete:
                # The hot path: a continuation line of a wrapped string.
                text = line.rstrip()
                if text[-1] == '"' and len(text) > 1:
                    body = text[1:-1]
                    if "\\" in body or '"' in body:
                        b.current.extend(strings(text, i + 1))
                    else:
                        b.current.append(body)
                else:
                    b.current.extend(strings(text, i + 1))
                b.last_line = i
                continue
            content = line
            if first not in _LINE_STARTS:
                content = line.lstrip()
                if not content or content.isspace():
                    # An empty line ends a complete entry.
                    if b.prev_pending is not None:
                        self.unfinished_previous(b)
                    if b.stage == 4:
                        self.finish()
                    continue
                first = content[0]
            if first == "#":
                second = content[1:2]
                if second == "~":
                    self.obsolete_line(i, content)
                else:
                    self.comment(i, content, second, obsolete=False)
            elif first == '"':
                self.string_line(i, content, False)
            elif first == "m":
                self.keyword_line(i, content, False)
            else:
                raise self.error(f"unexpected text {content.strip()[:20]!r}", i + 1)
        b = self.b
        self.unfinished_previous(b)
        if b.stage == 4:
            self.finish()
        elif b.stage:
            self.incomplete(b)
        return self.entries, lines[self.last_end + 1 :]

    def finish(self) -> None:
        """Build the entry read so far and start the next one."""
        b, lines = self.b, self.lines
        end = b.last_line
        raw = lines[self.chunk_start : end + 1]
        sep = lines[self.last_end + 1 : self.chunk_start]
        self.entries.append(self.build(b, raw, sep, self.chunk_start))
        self.last_end = end
        self.chunk_start = -1
        self.b = _Builder()

    def begin_chunk(self, i: int) -> None:
        if self.chunk_start < 0:
            self.chunk_start = i

    def obsolete_line(self, i: int, line: str) -> None:
        """A ``#~`` line: one line of an obsolete entry."""
        text = line[2:].strip()
        first = text[:1]
        if first == "|":
            self.comment(i, text, "|", obsolete=True)
        elif first == '"':
            self.string_line(i, text, True)
        elif first == "m":
            self.keyword_line(i, text, True)
        elif first:
            raise self.error(f"unexpected text after '#~': {text[:20]!r}", i + 1)
        else:
            # An empty "#~" line belongs to the entry and says nothing.
            if self.b.stage == 4:
                self.finish()
            self.begin_chunk(i)

    def comment(self, i: int, line: str, second: str, obsolete: bool) -> None:
        """A comment (or ``#|`` previous string): it starts the next entry."""
        b = self.b
        if b.stage == 4:
            self.finish()
            b = self.b
        elif b.stage:
            self.incomplete(b)
        self.begin_chunk(i)
        if line[-1:] == "\r":
            line = line[:-1]
        if second == "|":
            self.previous(b, line[1:].strip() if obsolete else line[2:].strip(), i + 1, obsolete)
            return
        self.unfinished_previous(b)
        b.current_prev = None
        text = line[2:]
        if second == ":":
            if "\u2068" in text:
                b.occurrences.extend(_parse_references(text))
            else:
                for token in text.split():
                    name, colon, number = token.rpartition(":")
                    if colon and name and number.isdigit():
                        b.occurrences.append((name, number))
                    else:
                        b.occurrences.append((token, ""))
        elif second == ".":
            b.comment.append(text[1:] if text[:1] == " " else text)
        elif second == ",":
            b.flags.extend(f for f in (x.strip() for x in text.split(",")) if f)
        else:
            text = line[1:]
            b.tcomment.append(text[1:] if text[:1] == " " else text)

    def string_line(self, i: int, line: str, obsolete: bool) -> None:
        """A continuation line the hot path did not take (first of an obsolete string…)."""
        b = self.b
        if b.current is None:
            raise self.error("string without a keyword before it", i + 1)
        if b.obsolete != obsolete:
            raise self.error("inconsistent use of #~", i + 1)
        b.current.extend(self.strings(line.rstrip(), i + 1))
        b.last_line = i

    def keyword_line(self, i: int, line: str, obsolete: bool) -> None:
        """``msgctxt``, ``msgid``, ``msgid_plural``, ``msgstr`` or ``msgstr[N]`` and its string."""
        lineno = i + 1
        keyword, _, rest = line.partition(" ")
        if '"' in keyword:
            keyword, rest = keyword[: keyword.index('"')], line[keyword.index('"') :]
        keyword = keyword.rstrip()
        if keyword not in _KEYWORDS and not (
            keyword.startswith("msgstr[") and keyword.endswith("]")
        ):
            raise self.error(f"unknown keyword {keyword[:20]!r}", lineno)
        rest = rest.strip()
        if rest[:1] != '"':
            if rest:
                raise self.error(f"expected a quoted string after {keyword}", lineno)
            raise self.error(f"{keyword} without a string", lineno)
        parts = self.strings(rest, lineno)
        b = self.b
        if b.prev_pending is not None:
            self.unfinished_previous(b)
        if keyword != "msgid" and keyword != "msgctxt":
            self.translation_keyword(lineno, keyword, parts, obsolete)
            b.current = parts
            b.last_line = i
            return
        # msgctxt or msgid: the end of the previous entry, if it was complete.
        if b.stage == 4:
            self.finish()
            b = self.b
        elif b.stage >= 2 or (b.stage == 1 and keyword == "msgctxt"):
            self.incomplete(b)
        if self.chunk_start < 0:
            self.chunk_start = i
        if b.prev_obsolete is not None and b.prev_obsolete != obsolete:
            raise self.error("inconsistent use of #~", lineno)
        if b.stage == 1 and b.obsolete != obsolete:
            raise self.error("inconsistent use of #~", lineno)
        b.obsolete = obsolete
        if keyword == "msgid":
            b.stage = 2
            b.msgid = parts
            b.msgid_line = lineno
        else:
            b.stage = 1
            b.msgctxt = parts
            b.keyword_line = lineno
        b.current = parts
        b.last_line = i

    def translation_keyword(
        self, lineno: int, keyword: str, parts: list[str], obsolete: bool
    ) -> None:
        """``msgid_plural``, ``msgstr`` or ``msgstr[N]``, in the order GNU requires."""
        b = self.b
        error = self.error
        if b.stage and b.obsolete != obsolete:
            raise error("inconsistent use of #~", lineno)
        if keyword == "msgstr":
            if b.stage == 3:
                raise error("msgid_plural needs msgstr[0], found msgstr", lineno)
            if b.stage != 2:
                raise error("msgstr without msgid" if b.stage < 2 else "duplicate msgstr", lineno)
            b.stage = 4
            b.msgstr = parts
        elif keyword == "msgid_plural":
            if b.stage != 2:
                raise error("msgid_plural without msgid", lineno)
            b.stage = 3
            b.msgid_plural = parts
        else:
            index = keyword[7:-1]
            if b.stage == 2:
                raise error(f"{keyword} without msgid_plural", lineno)
            if b.stage < 2 or b.msgstr is not None:
                raise error(f"unexpected {keyword}", lineno)
            if not (index.isascii() and index.isdigit()) or int(index) != len(b.plurals):
                raise error(f"expected msgstr[{len(b.plurals)}], found {keyword}", lineno)
            b.stage = 4
            b.plurals.append(parts)

    def previous(self, b: _Builder, text: str, lineno: int, obsolete: bool) -> None:
        """A ``#|`` line: msgctxt/msgid/msgid_plural of the previous version.

        Babel writes long previous msgids as wrapped comment text, cutting a
        string in the middle; such a line is joined with the next ``#|`` line
        (with the space the wrapping took) before it is read.
        """
        if b.prev_obsolete is not None and b.prev_obsolete != obsolete:
            raise self.error("inconsistent use of #~", lineno)
        b.prev_obsolete = obsolete
        if b.prev_pending is not None:
            text = f"{b.prev_pending} {text}"
            lineno = b.prev_pending_line
            b.prev_pending = None
        if ESCAPE_PAIR_RE.sub("", text).count('"') % 2:
            b.prev_pending = text
            b.prev_pending_line = lineno
            return
        if text[:1] == '"':
            if b.current_prev is None:
                raise self.error("string without a keyword before it", lineno)
            b.current_prev.extend(self.strings(text, lineno))
            return
        keyword, _, rest = text.partition(" ")
        if '"' in keyword:
            keyword, rest = keyword[: keyword.index('"')], text[keyword.index('"') :]
        if keyword not in ("msgctxt", "msgid", "msgid_plural"):
            raise self.error(f"unexpected text after '#|': {text[:20]!r}", lineno)
        if keyword in b.prev:
            raise self.error(f"duplicate previous {keyword}", lineno)
        rest = rest.strip()
        if rest[:1] != '"':
            raise self.error(f"expected a quoted string after {keyword}", lineno)
        parts = self.strings(rest, lineno)
        b.prev[keyword] = parts
        b.current_prev = parts

    def unfinished_previous(self, b: _Builder) -> None:
        if b.prev_pending is not None:
            raise self.error("unterminated string", b.prev_pending_line)

    def incomplete(self, b: _Builder) -> NoReturn:
        if b.stage == 1:
            raise self.error("msgctxt without msgid", b.keyword_line)
        if b.stage == 3:
            raise self.error("msgid_plural without msgstr[0]", b.msgid_line)
        raise self.error("msgid without msgstr", b.msgid_line)

    def build(self, b: _Builder, raw: list[str], sep: list[str], start: int) -> Entry:
        value = self.value
        msgctxt = value(b.msgctxt, raw, start) if b.msgctxt is not None else None
        msgid = value(b.msgid, raw, start) if b.msgid is not None else ""
        if "\x04" in msgid or (msgctxt is not None and "\x04" in msgctxt):
            # U+0004 joins msgctxt and msgid in compiled catalogs.
            raise self.error("context separator U+0004 within msgctxt or msgid", b.msgid_line)
        msgid_plural = value(b.msgid_plural, raw, start) if b.msgid_plural is not None else ""
        msgstr = value(b.msgstr, raw, start) if b.msgstr is not None else ""
        plurals = {i: value(p, raw, start) for i, p in enumerate(b.plurals)}
        comment = "\n".join(b.comment) if b.comment else ""
        tcomment = "\n".join(b.tcomment) if b.tcomment else ""
        flags = b.flags
        previous_msgctxt = previous_msgid = previous_msgid_plural = None
        if b.prev:
            prev = b.prev
            if "msgctxt" in prev:
                previous_msgctxt = value(prev["msgctxt"], raw, start)
            if "msgid" in prev:
                previous_msgid = value(prev["msgid"], raw, start)
            if "msgid_plural" in prev:
                previous_msgid_plural = value(prev["msgid_plural"], raw, start)
        if not b.obsolete:
            key = (msgctxt, msgid)
            if key in self.seen:
                context = f" (msgctxt {msgctxt!r})" if msgctxt is not None else ""
                raise self.error(
                    f"duplicate entry for msgid {_short(msgid)!r}{context}", b.msgid_line
                )
            self.seen.add(key)
        return Entry(
            msgid=msgid,
            msgstr=msgstr,
            msgid_plural=msgid_plural,
            msgstr_plural=plurals,
            msgctxt=msgctxt,
            obsolete=b.obsolete,
            comment=comment,
            tcomment=tcomment,
            occurrences=b.occurrences,
            flags=flags,
            previous_msgctxt=previous_msgctxt,
            previous_msgid=previous_msgid,
            previous_msgid_plural=previous_msgid_plural,
            linenum=b.msgid_line,
            raw=raw,
            sep=sep,
        )

    def value(self, parts: list[str], raw: list[str], start: int) -> str:
        """Join a string's continuation lines and resolve its escapes."""
        text = parts[0] if len(parts) == 1 else "".join(parts)
        if "\\" not in text:
            return text
        try:
            return unescape(parts, self.codec)
        except EscapeError as exc:
            raise self.error(str(exc), self.escape_error_line(raw, start)) from None

    def escape_error_line(self, raw: list[str], start: int) -> int:
        """1-based line of the first string in ``raw`` with a bad escape."""
        for offset, line in enumerate(raw):
            body = line[line.find('"') + 1 : line.rfind('"')] if '"' in line else ""
            try:
                unescape([body], self.codec)
            except EscapeError:
                return start + offset + 1
        return start + 1


def _parse_references(text: str) -> list[tuple[str, str]]:
    """``#:`` tokens as (file, line); names in U+2068..U+2069 may hold spaces."""
    refs: list[tuple[str, str]] = []
    for match in _REFERENCE_RE.finditer(text):
        isolated, number, token = match.groups()
        if token is None:
            refs.append((isolated, number or ""))
            continue
        name, colon, line = token.rpartition(":")
        refs.append((name, line) if colon and name and line.isdigit() else (token, ""))
    return refs


def _checked_codec(charset: str, path: str | None, line: int | None) -> str:
    try:
        return codec_for(charset)
    except LookupError:
        raise I18nNewsError(f"unknown or unsupported charset {charset!r}", path, line) from None


def _declared_charset(entries: list[Entry]) -> str | None:
    """The charset the parsed header entry declares, if the first entry is a header."""
    if not entries or entries[0].msgid != "" or entries[0].msgctxt is not None:
        return None
    if entries[0].obsolete:
        return None
    return POFile(header=entries[0]).charset


def _parse_text(
    data: bytes, codec: str, path: str | None
) -> tuple[str, bool, list[Entry], list[str]]:
    """Decode and split the file, then parse its lines into entries."""
    text = _decode(data, codec, path)
    crlf = "\r\n" in text and text.count("\r\n") == text.count("\n")
    newline = "\r\n" if crlf else "\n"
    if text:
        lines = text.split(newline)
        final_newline = lines[-1] == ""
        if final_newline:
            lines.pop()
    else:
        lines, final_newline = [], True
    # Parsing allocates several objects per line and none of them form cycles.
    with no_cyclic_gc():
        entries, trailer = _Parser(path, codec).parse(lines)
    return newline, final_newline, entries, trailer


def _decode(data: bytes, codec: str, path: str | None) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise I18nNewsError(
            f"invalid {codec} byte sequence {data[exc.start : exc.end]!r}", path, line
        ) from None
    except (LookupError, ValueError):
        raise I18nNewsError(f"cannot decode the file as {codec}", path, 1) from None
    if codec not in _ROUND_TRIP_CODECS:
        # Stateful or lossy codecs may not give the same bytes back.
        try:
            same = text.encode(codec) == data
        except (UnicodeError, LookupError, ValueError):
            same = False
        if not same:
            raise I18nNewsError(f"the file does not read back unchanged as {codec}", path, 1)
    return text


_ROUND_TRIP_CODECS = {"utf-8", "ascii", "iso8859-1"}


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def parse_po(data: bytes, path: str | None = None) -> POFile:
    """Parse a catalog; bad syntax raises ``I18nNewsError`` with its 1-based line."""
    bom = data.startswith(BOM)
    if bom:
        data = data[len(BOM) :]
    charset, charset_line = _sniff_charset(data)
    codec = _checked_codec(charset, path, charset_line)
    try:
        newline, final_newline, entries, trailer = _parse_text(data, codec, path)
    except I18nNewsError as exc:
        # Maybe the header declares another charset in a way the byte-level
        # sniffing missed (an escape in "charset="): Latin-1 reads any bytes.
        try:
            entries = _parse_text(data, "iso8859-1", path)[2]
            declared = _declared_charset(entries)
            other = codec_for(declared) if declared is not None else codec
        except (I18nNewsError, LookupError):
            other = codec
        if other == codec:
            raise exc from None
        codec = other
        newline, final_newline, entries, trailer = _parse_text(data, codec, path)
    declared = _declared_charset(entries)
    if declared is not None and _checked_codec(declared, path, entries[0].linenum) != codec:
        # The header spelled its charset in a way the byte-level sniffing
        # missed; read the file again in the charset it declares.
        codec = _checked_codec(declared, path, entries[0].linenum)
        newline, final_newline, entries, trailer = _parse_text(data, codec, path)
        if _checked_codec(_declared_charset(entries) or "", path, 1) != codec:
            raise I18nNewsError("the header's charset cannot be determined", path, 1)
    if codec not in ("utf-8", "ascii") and not data.isascii() and _is_utf8(data):
        # A UTF-8 file whose header declares a single-byte charset: reading
        # it as declared would turn every translation into mojibake.
        line = charset_line or (entries[0].linenum if entries else None)
        raise I18nNewsError(
            f"the header declares charset {declared or charset!r} but the file is UTF-8: "
            "fix Content-Type to charset=UTF-8",
            path,
            line,
        )
    header: Entry | None = None
    first = entries[0] if entries else None
    if first is not None and first.msgid == "" and first.msgctxt is None and not first.obsolete:
        header = entries.pop(0)

    return POFile(
        path=path,
        header=header,
        entries=entries,
        newline=newline,
        bom=bom,
        final_newline=final_newline,
        trailer=trailer,
    )


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def read_po(path: str | os.PathLike[str]) -> POFile:
    """Read and parse a catalog; an unreadable file is an ``I18nNewsError``."""
    return parse_po(read_po_bytes(path), os.fspath(path))


def read_po_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a catalog (size-limited); an unreadable file is an ``I18nNewsError``."""
    return read_bytes(path, "catalog")

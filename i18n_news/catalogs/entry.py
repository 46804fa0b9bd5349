"""The catalog model: ``Entry`` (polib's entry plus its source lines) and ``POFile``.

``polib.POEntry`` is the entry model so the rest of the toolkit can use its
familiar fields; reading and writing are ours (``reader``, ``writer``),
because polib re-wraps every entry it writes. An entry keeps the lines it
was read from, and the writer writes those back while its fields still
equal what was read: that is what keeps a foreign catalog byte-identical.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import polib

__all__ = ["Entry", "POFile", "has_translation", "header_fields"]


class _Validity:
    """Shared by ``POFile.find``'s index and the entries it holds.

    An entry whose msgid, msgctxt or obsolete flag changes marks it invalid,
    so the catalog rebuilds its index; no reference cycle, nothing global.
    """

    __slots__ = ("valid",)

    def __init__(self) -> None:
        self.valid = True


class Entry(polib.POEntry):  # type: ignore[misc]  # polib has no type hints
    """A catalog entry that remembers the lines it was read from.

    ``raw`` holds the entry's source lines (comments included, no line
    endings); ``sep`` the blank lines that preceded it. An entry whose
    fields still equal the parse-time snapshot is written back as ``raw``.
    """

    # polib's fields, typed; polib's methods (fuzzy, translated…) read them.
    msgstr: str
    msgid_plural: str
    msgstr_plural: dict[int, str]
    comment: str
    tcomment: str
    occurrences: list[tuple[str, str]]
    flags: list[str]
    previous_msgctxt: str | None
    previous_msgid: str | None
    previous_msgid_plural: str | None
    linenum: int | None
    encoding: str
    # The index of the catalog that looks this entry up by its key, if any.
    _validity: _Validity | None = None

    def __init__(
        self,
        *,
        msgid: str = "",
        msgstr: str = "",
        msgid_plural: str = "",
        msgstr_plural: dict[int, str] | None = None,
        msgctxt: str | None = None,
        obsolete: bool = False,
        comment: str = "",
        tcomment: str = "",
        occurrences: list[tuple[str, str]] | None = None,
        flags: list[str] | None = None,
        previous_msgctxt: str | None = None,
        previous_msgid: str | None = None,
        previous_msgid_plural: str | None = None,
        linenum: int | None = None,
        raw: list[str] | None = None,
        sep: list[str] | None = None,
    ) -> None:
        # Entry owns its fields: it sets every field polib's constructor sets
        # (tests/catalogs/test_entry.py compares the two) instead of calling
        # it, because that constructor looks each one up in **kwargs and
        # costs a tenth of the reading time of a large catalog.
        self.encoding = polib.default_encoding
        self._msgid = msgid
        self.msgstr = msgstr
        self.msgid_plural = msgid_plural
        self.msgstr_plural = {} if msgstr_plural is None else msgstr_plural
        self._msgctxt = msgctxt
        self._obsolete = obsolete
        self.comment = comment
        self.tcomment = tcomment
        self.occurrences = [] if occurrences is None else occurrences
        self.flags = [] if flags is None else flags
        self.previous_msgctxt = previous_msgctxt
        self.previous_msgid = previous_msgid
        self.previous_msgid_plural = previous_msgid_plural
        self.linenum = linenum
        self.raw = raw
        self.sep = sep
        self._snapshot: tuple[Any, ...] | None = self.snapshot() if raw is not None else None

    # msgid, msgctxt and obsolete form the lookup key of POFile.find(); going
    # through properties lets the catalog's index notice in-place edits (the
    # check is inlined: polib's constructor sets all three for every entry).
    @property
    def msgid(self) -> str:
        return self._msgid

    @msgid.setter
    def msgid(self, value: str) -> None:
        self._msgid = value
        validity = self._validity
        if validity is not None:
            validity.valid = False

    @property
    def msgctxt(self) -> str | None:
        return self._msgctxt

    @msgctxt.setter
    def msgctxt(self, value: str | None) -> None:
        self._msgctxt = value
        validity = self._validity
        if validity is not None:
            validity.valid = False

    @property
    def obsolete(self) -> bool:
        return self._obsolete

    @obsolete.setter
    def obsolete(self, value: bool) -> None:
        self._obsolete = value
        validity = self._validity
        if validity is not None:
            validity.valid = False

    @property
    def lineno(self) -> int | None:
        """1-based line of the ``msgid`` keyword (alias of polib's ``linenum``)."""
        return self.linenum

    @property
    def is_plural(self) -> bool:
        return bool(self.msgid_plural) or bool(self.msgstr_plural)

    def snapshot(self) -> tuple[Any, ...]:
        """Every field the writer uses, to tell whether the entry changed."""
        plurals = self.msgstr_plural
        return (
            bool(self._obsolete),
            self._msgctxt,
            self._msgid,
            self.msgid_plural,
            self.msgstr,
            tuple(sorted(plurals.items())) if plurals else (),
            self.comment,
            self.tcomment,
            tuple(map(tuple, self.occurrences)),
            tuple(self.flags),
            self.previous_msgctxt,
            self.previous_msgid,
            self.previous_msgid_plural,
        )

    def is_dirty(self) -> bool:
        """True for a new entry or one changed since it was read."""
        return self.raw is None or self.snapshot() != self._snapshot


def has_translation(entry: Entry) -> bool:
    """Whether a translator wrote anything for ``entry`` (one plural form is enough)."""
    if entry.msgid_plural:
        return any(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def header_fields(msgstr: str) -> dict[str, str]:
    """``Key: Value`` lines of a header msgstr, in order; the first of a repeated key wins.

    >>> header_fields("Language: ar\\nPlural-Forms: nplurals=6; plural=0;\\nLanguage: es\\n")
    {'Language': 'ar', 'Plural-Forms': 'nplurals=6; plural=0;'}
    """
    result: dict[str, str] = {}
    for line in msgstr.split("\n"):
        key, sep, value = line.partition(":")
        if sep and key.strip():
            result.setdefault(key.strip(), value.strip())
    return result


_Key = tuple[bool, str | None, str]


class _KeyIndex:
    """``POFile.find``'s table, and what it was built from, to tell when it is out of date."""

    __slots__ = ("count", "entries", "header", "last", "table", "validity")

    def __init__(self, entries: list[Entry], header: Entry | None) -> None:
        self.entries = entries
        self.header = header
        self.validity = _Validity()
        self.table: dict[_Key, Entry] = {}
        self.count = 0
        self.last: Entry | None = None
        if header is not None:
            self.table[(False, None, "")] = header
            self.claim(header)

    def current(self, entries: list[Entry], header: Entry | None) -> bool:
        """Whether the table still describes ``entries`` (appended ones aside)."""
        count = self.count
        return (
            self.validity.valid
            and entries is self.entries
            and header is self.header
            and len(entries) >= count
            and (not count or entries[count - 1] is self.last)
        )

    def extend(self) -> None:
        """Add the entries appended since the table was last brought up to date."""
        entries = self.entries
        table = self.table
        for entry in entries[self.count :]:
            table.setdefault((bool(entry.obsolete), entry.msgctxt, entry.msgid), entry)
            self.claim(entry)
        self.count = len(entries)
        self.last = entries[-1] if entries else None

    def claim(self, entry: Entry) -> None:
        # An entry held by another catalog's index too: that one can no
        # longer hear of its key changes, so it is rebuilt on its next use.
        previous = entry._validity
        if previous is not None and previous is not self.validity:
            previous.valid = False
        entry._validity = self.validity


@dataclass
class POFile:
    """A parsed catalog plus everything needed to write it back byte for byte."""

    path: str | None = None
    header: Entry | None = None
    entries: list[Entry] = field(default_factory=list)
    newline: str = "\n"
    bom: bool = False
    final_newline: bool = True
    width: int = 79
    trailer: list[str] = field(default_factory=list)
    _index: _KeyIndex | None = field(default=None, init=False, repr=False, compare=False)

    def metadata(self) -> dict[str, str]:
        """Header fields (``Key: Value`` lines of the header msgstr), in order."""
        return header_fields(self.header.msgstr) if self.header is not None else {}

    def get_header(self, key: str) -> str | None:
        return self.metadata().get(key)

    def set_header(self, key: str, value: str) -> None:
        """Set one header field in place, keeping the order of the others."""
        if self.header is None:
            self.header = Entry(msgid="", msgstr="")
        lines = self.header.msgstr.splitlines(keepends=True)
        new = f"{key}: {value}\n"
        for i, line in enumerate(lines):
            name, sep, _ = line.partition(":")
            if sep and name.strip() == key:
                lines[i] = new if line.endswith("\n") else new[:-1]
                break
        else:
            if lines and not lines[-1].endswith("\n"):
                lines[-1] += "\n"
            lines.append(new)
        self.header.msgstr = "".join(lines)

    def find(
        self, msgid: str, msgctxt: str | None = None, *, obsolete: bool = False
    ) -> Entry | None:
        """The entry with this msgctxt and msgid (the header for ``""``), or None.

        Lookups use an index that follows appended entries and in-place edits
        of msgid, msgctxt and obsolete; it is rebuilt when entries are removed
        or inserted. Replacing an item (``entries[i] = other``) is not
        noticed: assign a new list instead.
        """
        index = self._index
        if index is None or not index.current(self.entries, self.header):
            index = self._index = _KeyIndex(self.entries, self.header)
        if len(self.entries) != index.count:
            index.extend()
        return index.table.get((obsolete, msgctxt, msgid))

    def active(self) -> list[Entry]:
        """Entries that are not obsolete (the header excluded)."""
        return [e for e in self.entries if not e.obsolete]

    def obsolete_entries(self) -> list[Entry]:
        return [e for e in self.entries if e.obsolete]

    @property
    def charset(self) -> str:
        """The charset the header declares, ``UTF-8`` when it declares none."""
        content_type = self.get_header("Content-Type") or ""
        match = re.search(r"charset=([^\s;]+)", content_type)
        return match.group(1) if match else "UTF-8"

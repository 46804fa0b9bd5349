"""Writing ``.po``/``.pot`` files: unchanged entries as read, changed ones as GNU writes them.

Re-wrapping a translator's file on every ``update`` would bury real changes
in noise, so an entry whose fields still equal what was read is written as
its source lines; only changed or new entries are formatted, the way GNU
gettext (``msgcat``/``msgmerge``) formats them at its default page width of 79.

Fresh entries match GNU gettext 0.21 byte for byte (the tests compare with
``msgcat``), including its UAX #14 line breaking and column widths
(``linebreak``), the ``no-wrap`` flag and unbreakable python-format and
python-brace-format directives (``formats``). Deliberate differences:

- flags are written as given, in their order, unknown ones included (GNU
  sorts the flags it knows, drops the others and drops ``fuzzy`` when the
  msgstr is empty);
- obsolete entries with an empty msgstr are written (GNU drops them) and stay
  where they are (GNU moves all obsolete entries to the end);
- directives are kept whole for python-format and python-brace-format (with
  gettext 0.21's quirk for the latter) but not for c-format and the other
  languages GNU knows (their directives seldom hold a break opportunity);
- a file name with spaces is enclosed in U+2068/U+2069, as gettext 0.22 does;
- a UTF-8 byte order mark is kept (GNU rejects it).
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from i18n_news.catalogs.entry import Entry, POFile
from i18n_news.catalogs.escapes import ESCAPE_PAIR_RE, ESCAPED_CHARS, escape
from i18n_news.catalogs.formats import format_language, unbreakable
from i18n_news.catalogs.linebreak import break_points, text_width
from i18n_news.catalogs.reader import BOM, codec_for
from i18n_news.errors import I18nNewsError
from i18n_news.fs import atomic_write

__all__ = ["entry_lines", "format_entry", "render_po", "write_po"]


def write_po(po: POFile, path: str | os.PathLike[str] | None = None) -> bool:
    """Render and atomically write a catalog; False when the file already held these bytes."""
    target = path if path is not None else po.path
    if target is None:
        raise I18nNewsError("no path to write the catalog to")
    return atomic_write(target, render_po(po))


def render_po(po: POFile) -> bytes:
    """The catalog's bytes: unchanged entries as read, changed ones GNU-formatted."""
    out: list[str] = []
    items = po.entries if po.header is None else [po.header, *po.entries]
    previous_new = False
    for entry in items:
        if entry.sep is not None and not (previous_new and not entry.sep):
            out.extend(entry.sep)
        elif out:
            out.append("")
        out.extend(entry_lines(entry, po.width))
        previous_new = entry.sep is None
    if po.trailer:
        if previous_new and po.trailer[0].strip():
            out.append("")
        out.extend(po.trailer)
    text = po.newline.join(out)
    if po.final_newline and out:
        text += po.newline
    try:
        data = text.encode(codec_for(po.charset))
    except LookupError:
        raise I18nNewsError(f"unknown or unsupported charset {po.charset!r}", po.path) from None
    except UnicodeEncodeError as exc:
        raise I18nNewsError(
            f"{text[exc.start : exc.end]!r} cannot be written in charset {po.charset}", po.path
        ) from None
    return BOM + data if po.bom else data


def entry_lines(entry: Entry, width: int = 79) -> list[str]:
    """The lines ``entry`` is written as: its source lines while it is unchanged."""
    if entry.raw is not None and not entry.is_dirty():
        return entry.raw
    return format_entry(entry, width)


def format_entry(entry: Entry, width: int = 79) -> list[str]:
    """The lines GNU gettext writes for ``entry`` at page width ``width``.

    Order: translator comments, extracted comments, references, flags,
    previous msgctxt/msgid/msgid_plural, msgctxt, msgid, msgid_plural,
    msgstr or msgstr[N]. Obsolete entries get ``#~ `` (``#~| `` for the
    previous strings).
    """
    # Like GNU's message_page_width_set(): 0 means no wrapping, 20 is the minimum.
    width = width if width > 0 else 2**31 - 1
    width = max(width, 20)
    lines: list[str] = []
    if entry.tcomment:
        lines.extend(f"# {s}" if s else "#" for s in entry.tcomment.split("\n"))
    if entry.comment:
        lines.extend(f"#. {s}" if s else "#." for s in entry.comment.split("\n"))
    if entry.occurrences:
        lines.extend(_format_references(entry.occurrences, width))
    if entry.flags:
        lines.append("#, " + ", ".join(entry.flags))
    # Strings of a "no-wrap" entry are not wrapped; format directives are not
    # broken.
    flags = entry.flags
    string_width = 2**31 - 1 if "no-wrap" in flags else width
    language = format_language(flags) if flags else None

    def wrap(prefix: str, name: str, value: str) -> list[str]:
        return _wrap(prefix, name, value, string_width, unbreakable(value, language))

    previous = "#~| " if entry.obsolete else "#| "
    if entry.previous_msgctxt is not None:
        lines.extend(wrap(previous, "msgctxt", entry.previous_msgctxt))
    if entry.previous_msgid is not None:
        lines.extend(wrap(previous, "msgid", entry.previous_msgid))
    if entry.previous_msgid_plural is not None:
        lines.extend(wrap(previous, "msgid_plural", entry.previous_msgid_plural))
    prefix = "#~ " if entry.obsolete else ""
    if entry.msgctxt is not None:
        lines.extend(wrap(prefix, "msgctxt", entry.msgctxt))
    lines.extend(wrap(prefix, "msgid", entry.msgid))
    if entry.msgid_plural or entry.msgstr_plural:
        lines.extend(wrap(prefix, "msgid_plural", entry.msgid_plural))
        plurals = entry.msgstr_plural or {0: ""}
        for index in sorted(plurals, key=int):
            lines.extend(wrap(prefix, f"msgstr[{index}]", plurals[index]))
    else:
        lines.extend(wrap(prefix, "msgstr", entry.msgstr))
    return lines


def _format_references(
    occurrences: Iterable[tuple[str, str | int | None]], width: int
) -> list[str]:
    """``#:`` lines: references joined by spaces, a new line when one would pass ``width``."""
    lines: list[str] = []
    current = "#:"
    column = 2
    for path, line in occurrences:
        name = path
        while name.startswith("./"):
            name = name[2:]
        if " " in name or "\t" in name:
            name = f"\u2068{name}\u2069"
        ref = f"{name}:{line}" if line not in (None, "") else name
        size = len(ref.encode("utf-8")) + 1
        if column > 2 and column + size > width:
            lines.append(current)
            current, column = "#:", 2
        current += " " + ref
        column += size
    lines.append(current)
    return lines


def _wrap(
    prefix: str, name: str, value: str, width: int, protected: frozenset[int] | None = None
) -> list[str]:
    """One keyword and its string, wrapped like GNU gettext's ``wrap()``.

    The value is cut after each ``\\n``; each portion is escaped and broken
    at Unicode line-break opportunities (UAX #14, as GNU libunistring finds
    them) so that no line passes ``width`` columns, quotes included. A value
    that needs more than one line starts with an empty ``""`` line.
    ``protected`` holds offsets in ``value`` that must not start a line.
    """
    after_break = len(prefix) + 1
    room = width - 1 - after_break
    head = f"{prefix}{name} "
    out: list[str] = []
    first = True
    portions = _portions(value)
    last = len(portions) - 1
    offset = 0
    for number, portion in enumerate(portions):
        escaped = escape(portion)
        begin_at, offset = offset, offset + len(portion)
        start = len(head) + 1 - after_break if first else 0
        if not escaped:
            out.append(f'{head if first else prefix}""')
            first = False
            continue
        fits = start + text_width(escaped) <= room
        no_break: set[int] | None = None
        if not fits or (first and number < last):
            no_break = _no_break_offsets(portion, escaped, begin_at, protected)
        if (
            first
            and (number < last or not fits)
            and (
                number < last
                or start > room
                or break_points(escaped, room, start, no_break or set())
            )
        ):
            out.append(f'{head}""')
            first = False
            start = 0
            fits = text_width(escaped) <= room
        lead = head if first else prefix
        first = False
        if fits:
            out.append(f'{lead}"{escaped}"')
            continue
        begin = 0
        for point in break_points(escaped, room, start, no_break or set()):
            out.append(f'{lead}"{escaped[begin:point]}"')
            lead = prefix
            begin = point
        out.append(f'{lead}"{escaped[begin:]}"')
    return out


def _no_break_offsets(
    portion: str, escaped: str, begin_at: int, protected: frozenset[int] | None
) -> set[int]:
    """Offsets in ``escaped`` that never take a break.

    Those are the second character of each escape sequence, the backslash of
    a final ``\\n``, and the characters inside format directives.
    """
    offsets: set[int] = set()
    if "\\" in escaped:
        offsets.update(m.start() + 1 for m in ESCAPE_PAIR_RE.finditer(escaped))
        if escaped.endswith("\\n"):
            offsets.add(len(escaped) - 2)
    if protected:
        end_at = begin_at + len(portion)
        for index in protected:
            if begin_at <= index < end_at:
                local = index - begin_at
                head = portion[:local]
                offsets.add(local + sum(head.count(c) for c in ESCAPED_CHARS))
    return offsets


def _portions(value: str) -> list[str]:
    if "\n" not in value or value.index("\n") == len(value) - 1:
        return [value]
    parts = value.split("\n")
    portions = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        portions.append(parts[-1])
    return portions

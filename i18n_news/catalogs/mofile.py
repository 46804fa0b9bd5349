"""Compile catalogs: GNU ``.mo`` for gettext, JSON for client-side code."""

from __future__ import annotations

import array
import json
import struct

import polib

from i18n_news.catalogs.entry import Entry, POFile

CONTEXT_SEP = "\x04"


def _compiled_entries(po: POFile) -> list[Entry]:
    """Translated, non-fuzzy, non-obsolete entries: what msgfmt would keep."""
    out = []
    for entry in po.active():
        if "fuzzy" in entry.flags:
            continue
        if entry.msgid_plural:
            if not entry.msgstr_plural or not all(entry.msgstr_plural.values()):
                continue
        elif not entry.msgstr:
            continue
        out.append(entry)
    return out


def to_mo(po: POFile) -> bytes:
    """GNU .mo bytes (read by Python's ``gettext`` and ``msgunfmt``).

    The same bytes as ``polib.POFile.to_binary()`` (no hash table, keys sorted
    by their UTF-8 bytes), built in lists and joined once: polib grows two
    bytes objects with ``+=``, copying them whole for every entry.
    """
    header = polib.POFile(wrapwidth=0)
    header.metadata = po.metadata()
    items = [(b"", b"", header.metadata_as_entry().msgstr.encode("utf-8"))]
    for entry in _compiled_entries(po):
        msgid = f"{entry.msgctxt}{CONTEXT_SEP}{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            key = f"{msgid}\0{entry.msgid_plural}".encode()
            forms = [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
            value = "\0".join(forms).encode()
        else:
            key, value = msgid.encode(), entry.msgstr.encode()
        items.append((msgid.encode(), key, value))
    items[1:] = sorted(items[1:], key=lambda t: t[0])
    n = len(items)
    keystart = 7 * 4 + 16 * n
    valuestart = keystart + sum(len(k) + 1 for _, k, _ in items)
    koffsets: list[int] = []
    voffsets: list[int] = []
    ko = vo = 0
    for _, key, value in items:
        koffsets += (len(key), keystart + ko)
        voffsets += (len(value), valuestart + vo)
        ko += len(key) + 1
        vo += len(value) + 1
    head = struct.pack("Iiiiiii", polib.MOFile.MAGIC, 0, n, 7 * 4, 7 * 4 + n * 8, 0, keystart)
    return b"".join(
        [head, array.array("i", koffsets + voffsets).tobytes()]
        + [k + b"\0" for _, k, _ in items]
        + [v + b"\0" for _, _, v in items]
    )


def to_json(po: POFile) -> bytes:
    """``{"plural_forms": …, "messages": {msgctxt\\u0004msgid: str | [forms]}}``, sorted keys."""
    messages: dict[str, str | list[str]] = {}
    for entry in _compiled_entries(po):
        key = (
            f"{entry.msgctxt}{CONTEXT_SEP}{entry.msgid}"
            if entry.msgctxt is not None
            else entry.msgid
        )
        if entry.msgid_plural:
            messages[key] = [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
        else:
            messages[key] = entry.msgstr
    payload = {
        "language": po.get_header("Language") or "",
        "plural_forms": po.get_header("Plural-Forms") or "",
        "messages": dict(sorted(messages.items())),
    }
    return (json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode(
        "utf-8"
    )

"""Compile catalogs: GNU ``.mo`` for gettext, JSON for client-side code."""

from __future__ import annotations

import json

import polib

from i18n_news.pofile import Entry, POFile

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
    """GNU .mo bytes (read by Python's ``gettext`` and ``msgunfmt``)."""
    mo = polib.POFile(wrapwidth=0)
    mo.metadata = po.metadata()
    for entry in _compiled_entries(po):
        mo.append(
            polib.POEntry(
                msgid=entry.msgid,
                msgctxt=entry.msgctxt,
                msgid_plural=entry.msgid_plural or "",
                msgstr=entry.msgstr,
                msgstr_plural=dict(sorted(entry.msgstr_plural.items()))
                if entry.msgid_plural
                else {},
            )
        )
    return mo.to_binary()


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

"""Translation progress of a catalog, as ``stats`` and the dashboard report it."""

from __future__ import annotations

from i18n_news.catalogs.entry import POFile, has_translation

__all__ = ["stats"]


def stats(po: POFile) -> dict[str, int | float]:
    """Counts a translation lead reads: total, translated, fuzzy, untranslated, obsolete…"""
    total = translated = fuzzy = untranslated = words = 0
    obsolete = 0
    for entry in po.entries:
        if entry.obsolete:
            obsolete += 1
            continue
        total += 1
        if "fuzzy" in entry.flags:
            fuzzy += 1
        elif has_translation(entry) and (
            not entry.msgid_plural
            or all(entry.msgstr_plural.get(i) for i in range(max(len(entry.msgstr_plural), 1)))
        ):
            translated += 1
            continue
        else:
            untranslated += 1
        words += len(entry.msgid.split())
    percent = round(100.0 * translated / total, 1) if total else 100.0
    return {
        "total": total,
        "translated": translated,
        "fuzzy": fuzzy,
        "untranslated": untranslated,
        "obsolete": obsolete,
        "untranslated_words": words,
        "percent": percent,
    }

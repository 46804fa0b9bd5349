"""Which language a saved page is in: its markup first, then its text.

The markup (``<html lang>``, ``xml:lang``, ``Content-Language``, ``og:locale``,
JSON-LD ``inLanguage``) is what the publisher says; it is often a CMS default
(``en-US`` on a German blog), so the text is read too: its script settles
Arabic, Persian, Hebrew, Greek, Thai, Korean, Japanese and Chinese, and
CLD2 (``pycld2``, the compact detector that Chrome used, offline and in C)
reads the Latin and Cyrillic languages. A reliable text reading overrides
markup that disagrees with it, with a warning.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

__all__ = ["Language", "detect_language", "primary"]

#: Characters of text given to the detector: enough for a sure reading of an article.
_SAMPLE = 20_000
_PERSIAN = frozenset("پچژگکی")
_URDU = frozenset("ٹڈڑںےھ")


def primary(tag: str) -> str:
    """``"es-ES"`` / ``"ar_LB"`` -> ``"es"`` / ``"ar"`` (lower case)."""
    return re.split(r"[-_]", tag.strip().lower(), maxsplit=1)[0] if tag else ""


@dataclass(frozen=True)
class Language:
    """The page's language (a BCP 47 primary tag), where it came from, and any doubt."""

    code: str = ""
    source: str = ""  # "markup", "text" or ""
    warning: str = ""
    certain: bool = False  # declared by the page, or read from enough text to be sure


def _script_language(text: str) -> tuple[str, float]:
    """A language settled by script alone, with the share of letters in that script."""
    counts: Counter[str] = Counter()
    persian = urdu = letters = 0
    for char in text:
        if not char.isalpha():
            continue
        letters += 1
        if char in _PERSIAN:
            persian += 1
        elif char in _URDU:
            urdu += 1
        name = unicodedata.name(char, "")
        counts[name.split(" ", 1)[0]] += 1
    if not letters:
        return "", 0.0
    script, count = counts.most_common(1)[0]
    share = count / letters
    if script == "ARABIC":
        arabic = counts["ARABIC"]
        if urdu > 0.01 * arabic:
            return "ur", share
        return ("fa" if persian > 0.02 * arabic else "ar"), share
    if script == "HANGUL":
        return "ko", share
    if script in ("HIRAGANA", "KATAKANA") or (
        script == "CJK" and counts["HIRAGANA"] + counts["KATAKANA"] > 0.05 * letters
    ):
        return "ja", share
    by_script = {
        "HEBREW": "he",
        "GREEK": "el",
        "THAI": "th",
        "CJK": "zh",
        "ARMENIAN": "hy",
        "GEORGIAN": "ka",
        "MYANMAR": "my",
        "KHMER": "km",
        "LAO": "lo",
        "BENGALI": "bn",
        "TAMIL": "ta",
        "GUJARATI": "gu",
        "GURMUKHI": "pa",
        "ETHIOPIC": "am",
    }
    return by_script.get(script, ""), share


def _text_language(text: str) -> tuple[str, bool]:
    """``(code, reliable)`` from the text: its script, else CLD2."""
    sample = text[:_SAMPLE]
    by_script, share = _script_language(sample)
    if by_script:
        return by_script, share > 0.6 and len(sample) >= 20
    import pycld2  # type: ignore[import-untyped]

    clean = "".join(c for c in sample if c.isprintable() and not 0xD800 <= ord(c) <= 0xDFFF)
    try:
        reliable, _, details = pycld2.detect(clean)
    except pycld2.error:
        return "", False
    code = details[0][1] if details else "un"
    if code in ("un", "xxx", ""):
        return "", False
    code = {"iw": "he", "jw": "jv", "zh-Hant": "zh"}.get(code, code)
    return primary(code), bool(reliable) and details[0][2] >= 80 and len(clean) >= 200


#: Languages a detector cannot tell apart reliably: markup naming one of a group stands.
_CLOSE = ({"no", "nb", "nn"}, {"sr", "hr", "bs"}, {"ms", "id"}, {"tl", "fil"}, {"gl", "pt"})


def _close(a: str, b: str) -> bool:
    return any(a in group and b in group for group in _CLOSE)


def detect_language(markup: list[str], text: str) -> Language:
    """The page's language from its ``markup`` declarations (first one wins) and its ``text``."""
    declared = next(
        (primary(tag) for tag in markup if re.fullmatch(r"[A-Za-z]{2,3}(?:[-_]\w+)*", tag.strip())),
        "",
    )
    found, reliable = _text_language(text) if text.strip() else ("", False)
    if declared and found and reliable and found != declared and not _close(found, declared):
        return Language(
            found,
            "text",
            f"the page declares the language '{declared}' but its text reads as '{found}'",
            certain=True,
        )
    if declared:
        return Language(declared, "markup", certain=True)
    if found:
        return Language(found, "text", certain=reliable)
    return Language()

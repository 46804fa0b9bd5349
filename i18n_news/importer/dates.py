"""Dates as pages print them: machine formats and the edition's own words.

Metadata dates are ISO-8601 or RFC 2822; visible datelines are words in the
edition's language (``23 Julio 19:20``, ``١٢ كانون الأول ٢٠٢٤``), read with
the edition locale's CLDR month and weekday names. Everything here works on
text alone, so each rule can be tested on a string; which text of a page is
its date is :mod:`i18n_news.importer.metadata`'s business.
"""

from __future__ import annotations

import email.utils
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from babel.dates import get_day_names, get_month_names

from i18n_news.model import Edition

__all__ = [
    "PageDate",
    "first_date",
    "month_names",
    "normalize_date_text",
    "parse_date_text",
    "parse_machine_date",
    "year_in_text",
    "year_in_url",
]


@dataclass(frozen=True)
class PageDate:
    """A date as the page gave it: ``value`` is naive when the page had no offset."""

    value: datetime
    text: str

    @property
    def has_offset(self) -> bool:
        return self.value.tzinfo is not None


_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640\u200e\u200f\u061c]")
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})


def normalize_date_text(text: str) -> str:
    """Lower-case, accent-free, ASCII digits, Arabic letter variants folded.

    >>> normalize_date_text("١٢ كانون الأوّل ٢٠٢٤")
    '12 كانون الاول 2024'
    """
    text = text.translate(_ARABIC_DIGITS)
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not (unicodedata.combining(c) and ord(c) < 0x0600))
    text = unicodedata.normalize("NFC", text).casefold()
    return " ".join(text.replace("،", ",").replace("\xa0", " ").split())


def _locales_for(locale: str) -> tuple[str, ...]:
    language = locale.replace("-", "_").split("_")[0]
    extra = ("ar_LB", "ar", "ar_EG") if language == "ar" else (language,)
    return tuple(dict.fromkeys((locale, *extra, "en")))


@lru_cache(maxsize=16)
def month_names(locale: str) -> dict[str, int]:
    """Normalized month name -> number: wide and abbreviated, format and stand-alone.

    For Arabic both the Levantine (ar_LB: كانون الأول) and the Egyptian/standard
    (ar: ديسمبر) sets are known; English is always a fallback.
    """
    names: dict[str, int] = {"sept": 9, "sep": 9, "set": 9}
    for name in _locales_for(locale):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, month in get_month_names(width, context, locale=name).items():
                    names.setdefault(normalize_date_text(month).rstrip("."), number)
    return names


@lru_cache(maxsize=16)
def _weekday_names(locale: str) -> tuple[str, ...]:
    out: set[str] = set()
    for name in _locales_for(locale):
        for width in ("wide", "abbreviated"):
            out.update(
                normalize_date_text(d).rstrip(".")
                for d in get_day_names(width, "format", locale=name).values()
            )
    return tuple(sorted(out, key=len, reverse=True))


@lru_cache(maxsize=16)
def _date_patterns(locale: str) -> tuple[re.Pattern[str], ...]:
    months = "|".join(re.escape(m) for m in sorted(month_names(locale), key=len, reverse=True))
    month = rf"(?P<m>{months})\.?(?:\s*/\s*(?:{months})\.?)?(?![^\W\d_])"
    day = r"(?<![\d:])(?P<d>[0-3]?\d)(?:st|nd|rd|th|º|°)?(?![\d:])"
    year = r"(?P<y>\d{4})(?!\d)"
    return (
        re.compile(
            rf"{day}\.?\s*(?:de\s+)?(?<![^\W\d_]){month}(?:\s*,?\s*(?:de\s+|del\s+)?{year})?"
        ),
        re.compile(rf"(?<![^\W\d_]){month}\s+{day}(?:\s*,?\s*{year})?"),
    )


_ISO_IN_TEXT = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?")
_NUMERIC = re.compile(r"(?<![\d/.])(\d{1,2})([/.])(\d{1,2})\2(\d{4})(?!\d)")
_TIME = re.compile(
    r"(?<![\d:])(?P<h>[0-2]?\d)(?:[:h]|\.(?=\d\d(?!\d)))(?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d))?(?![\d:])"
    r"\s*(?P<ap>a\.?\s?m\.?|p\.?\s?m\.?|ص|م)?(?![^\W\d_])"
)
_OFFSET = re.compile(
    r"^\s*(?:\(?\s*(?:gmt|utc)\s*(?P<o1>[+-]\d{1,2}(?::?\d{2})?)?\)?|(?P<o2>[+-]\d{2}:?\d{2})|(?P<z>z))(?![^\W\d_])"
)


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    year: int | None
    month: int
    day: int


def _find_date(text: str, locale: str) -> _Found | None:
    found: list[_Found] = []
    for match in _ISO_IN_TEXT.finditer(text):
        y, m, d = (int(match.group(i)) for i in (1, 2, 3))
        found.append(_Found(match.start(), match.end(3), y, m, d))
    for match in _NUMERIC.finditer(text):
        a, b, y = int(match.group(1)), int(match.group(3)), int(match.group(4))
        month_first = (locale.startswith("en") and "US" in locale) or (b > 12 and a <= 12)
        if a > 12:
            month_first = False
        m, d = (a, b) if month_first else (b, a)
        found.append(_Found(match.start(), match.end(), y, m, d))
    months = month_names(locale)
    for pattern in _date_patterns(locale):
        for match in pattern.finditer(text):
            year = match.group("y")
            found.append(
                _Found(
                    match.start(),
                    match.end(),
                    int(year) if year else None,
                    months[match.group("m")],
                    int(match.group("d")),
                )
            )
    valid = [f for f in found if 1 <= f.month <= 12 and 1 <= f.day <= 31]
    if not valid:
        return None
    return min(valid, key=lambda f: (f.year is None, f.start))


def parse_date_text(
    text: str, edition: Edition, *, year: int | None = None
) -> tuple[PageDate | None, str]:
    """A date in the page's words -> ``(PageDate, "")``, or ``(None, reason)``.

    ``year`` completes a date printed without one (``23 Julio 19:20``).

    >>> from i18n_news.model import Edition
    >>> es = Edition("es", "es", "Red", "ltr")
    >>> parse_date_text("23 Julio 19:20", es, year=2025)[0].value
    datetime.datetime(2025, 7, 23, 19, 20)
    """
    original = " ".join(text.split())
    norm = normalize_date_text(original)
    for weekday in _weekday_names(edition.locale):
        norm = re.sub(
            rf"(?<![^\W\d_]){re.escape(weekday)}\.?(?:\s*,|\s+(?=\d))(?![^\W\d_])", " ", norm
        )
    found = _find_date(norm, edition.locale)
    if found is None:
        return None, "no date"
    if found.year is None and year is None:
        return None, f"the date {original!r} has no year and the page gives none"
    rest = norm[: found.start] + " " * (found.end - found.start) + norm[found.end :]
    times = [
        t
        for t in _TIME.finditer(rest)
        if abs(t.start() - found.end) <= 40 or abs(found.start - t.end()) <= 40
    ]
    hour = minute = second = 0
    tz: timezone | None = None
    if times:
        match = times[0]
        hour, minute = int(match.group("h")), int(match.group("mi"))
        second = int(match.group("s") or 0)
        marker = (match.group("ap") or "").replace(".", "").replace(" ", "")
        if marker in ("pm", "م") and hour < 12:
            hour += 12
        elif marker in ("am", "ص") and hour == 12:
            hour = 0
        offset = _OFFSET.match(rest[match.end() :])
        if offset:
            tz = _offset(offset.group("o1") or offset.group("o2") or "+00:00")
    try:
        value = datetime(
            found.year or year or 0, found.month, found.day, hour, minute, second, tzinfo=tz
        )
    except ValueError:
        return None, f"{original!r} is not a valid date"
    return PageDate(value, original), ""


def _offset(text: str) -> timezone:
    sign = -1 if text.startswith("-") else 1
    digits = text.lstrip("+-").replace(":", "")
    hours, minutes = (int(digits[:-2]), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def parse_machine_date(value: Any, edition: Edition, year: int | None = None) -> PageDate | None:
    """A metadata date: ISO-8601, RFC 2822, else the edition's words."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    iso = text.replace(" ", "T", 1) if re.match(r"^\d{4}-\d{2}-\d{2} \d", text) else text
    iso = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", iso)
    try:
        return PageDate(datetime.fromisoformat(iso), text)
    except ValueError:
        pass
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        if re.search(r"-0000\s*$", text):
            parsed = parsed.replace(tzinfo=None)  # RFC 2822: -0000 means "zone unknown"
        return PageDate(parsed, text)
    return parse_date_text(text, edition, year=year)[0]


def first_date(
    values: Iterable[Any], edition: Edition, year: int | None, warnings: list[str]
) -> PageDate | None:
    """The first of ``values`` (most reliable first) that reads as a date.

    Each non-empty value that does not read is a warning, so an editor learns
    why a page's own date was passed over.
    """
    for value in values:
        found = parse_machine_date(value, edition, year)
        if found is not None:
            return found
        if isinstance(value, str) and value.strip():
            warnings.append(f"could not read the date {value.strip()!r}")
    return None


def year_in_url(url: str) -> int | None:
    """The year of a dated URL path (``/2024/12/slug``), the best context for a dateline."""
    match = re.search(r"/((?:19|20)\d{2})/(?:0?[1-9]|1[0-2])/", urlsplit(url).path if url else "")
    return int(match.group(1)) if match else None


def year_in_text(text: str, locale: str) -> int | None:
    """A year from a page's text: its first full date, else its copyright line."""
    text = normalize_date_text(text)
    found = _find_date(text, locale)
    if found is not None and found.year is not None:
        return found.year
    match = re.search(
        r"(?:©|\(c\)|copyright|جميع الحقوق)\D{0,20}?(?:(?:19|20)\d{2}\s*[-–]\s*)?"
        r"((?:19|20)\d{2})",
        text,
    )
    return int(match.group(1)) if match else None

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
from datetime import UTC, date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Any, Literal
from urllib.parse import urlsplit

from babel.dates import get_day_names, get_month_names

from i18n_news.model import Edition

__all__ = [
    "PageDate",
    "date_in_url",
    "date_label",
    "first_date",
    "month_names",
    "normalize_date_text",
    "parse_date_text",
    "parse_machine_date",
    "reference_date",
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


#: Languages whose *wide* month names are read on any page: news sites quote
#: datelines in them ("Le 26 juin 2019") whatever the edition. Their short
#: forms are left out (``set``, ``mar``, ``ago`` are words elsewhere).
_FOREIGN_MONTHS = ("es", "fr", "de", "it", "pt", "nl", "tr", "ar")


@lru_cache(maxsize=16)
def month_names(locale: str) -> dict[str, int]:
    """Normalized month name -> number: wide and abbreviated, format and stand-alone.

    For Arabic both the Levantine (ar_LB: كانون الأول) and the Egyptian/standard
    (ar: ديسمبر) sets are known; English is always a fallback.
    """
    names: dict[str, int] = {"sept": 9, "sep": 9}
    if locale.split("_", maxsplit=1)[0] in ("es", "it", "pt"):
        names["set"] = 9
    for name in _locales_for(locale):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, month in get_month_names(width, context, locale=name).items():
                    names.setdefault(normalize_date_text(month).rstrip("."), number)
    contexts: tuple[Literal["format", "stand-alone"], ...] = ("format", "stand-alone")
    for name in _FOREIGN_MONTHS:
        for context in contexts:
            for number, month in get_month_names("wide", context, locale=name).items():
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


_ISO_IN_TEXT = re.compile(r"(?<![\d.])((?:19|20)\d{2})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)")
#: ``23/07/2025``, ``1.9.17``; a two-digit year glued to a time is split from
#: it (``28.09.1912:44`` is 28.09.19 12:44, not the year 1912).
_NUMERIC = re.compile(
    r"(?<![\d/.])(\d{1,2})([/.])(\d{1,2})\2(\d{4}(?![\d:])|\d{2}(?=\d{1,2}:\d\d)|\d{2}(?!\d))"
)
_TIME = re.compile(
    r"(?<![\d:])(?P<h>[0-2]?\d)(?:[:h]|\.(?=\d\d(?!\d)))(?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d))?(?![\d:])"
    r"\s*(?P<ap>a\.?\s?m\.?|p\.?\s?m\.?|ص|م)?(?![^\W\d_])"
)
_OFFSET = re.compile(
    r"^\s*(?:\(?\s*(?:gmt|utc)\s*(?P<o1>[+-]\d{1,2}(?::?\d{2})?)?\)?|(?P<o2>[+-]\d{2}:?\d{2})|(?P<z>z))(?![^\W\d_])"
)


def _nearest_year(month: int, day: int, reference: date) -> int:
    """The year in which ``month``/``day`` falls nearest ``reference``."""
    best: tuple[int, int] | None = None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            distance = abs((date(year, month, day) - reference).days)
        except ValueError:  # 29 February
            continue
        if best is None or distance < best[0]:
            best = (distance, year)
    return best[1] if best else reference.year


def _full_year(digits: str) -> int:
    """``"19"`` -> 2019, ``"98"`` -> 1998: two digits past next year are last century."""
    year = int(digits)
    if len(digits) > 2:
        return year
    return 2000 + year if year <= (datetime.now().year + 1) % 100 else 1900 + year


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
        y, m, d = (int(match.group(i)) for i in (1, 3, 4))
        found.append(_Found(match.start(), match.end(4), y, m, d))
    for match in _NUMERIC.finditer(text):
        a, b, y = int(match.group(1)), int(match.group(3)), _full_year(match.group(4))
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
    text: str, edition: Edition, *, year: int | None = None, reference: date | None = None
) -> tuple[PageDate | None, str]:
    """A date in the page's words -> ``(PageDate, "")``, or ``(None, reason)``.

    ``year`` completes a date printed without one (``23 Julio 19:20``); without
    it, ``reference`` (the latest date the page shows) does: the date is put in
    the year that brings it nearest the reference, so a "Jan 04" on a page
    whose other dates end on 28 December 2018 is 4 January 2019, not 2018.

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
    if found.year is None and year is None and reference is not None:
        year = _nearest_year(found.month, found.day, reference)
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
            if tz is None:
                return None, f"{original!r} has an offset no time zone has"
    try:
        value = datetime(
            found.year or year or 0, found.month, found.day, hour, minute, second, tzinfo=tz
        )
    except ValueError:
        return None, f"{original!r} is not a valid date"
    return PageDate(value, original), ""


def _offset(text: str) -> timezone | None:
    """``+03:00``, ``-0500``, ``+3`` as a zone; None for an offset no zone has (``+99:00``)."""
    sign = -1 if text.startswith("-") else 1
    digits = text.lstrip("+-").replace(":", "")
    hours, minutes = (int(digits[:-2]), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
    if hours > 18 or minutes >= 60:
        return None
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


#: Zone abbreviations that name one offset (``IST``, ``AST``… are ambiguous: left out).
ZONE_ABBREVIATIONS = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "WET": 0,
    "BST": 60,
    "CET": 60,
    "CEST": 120,
    "EET": 120,
    "EEST": 180,
    "MSK": 180,
    "EST": -300,
    "EDT": -240,
    "CST": -360,
    "CDT": -300,
    "MST": -420,
    "MDT": -360,
    "PST": -480,
    "PDT": -420,
    "AKST": -540,
    "AKDT": -480,
    "HST": -600,
    "JST": 540,
    "KST": 540,
    "AEST": 600,
    "AEDT": 660,
    "NZST": 720,
    "NZDT": 780,
}
_LOOSE_ISO = re.compile(
    r"^(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
    r"(?:[T\s]+(?P<H>\d{1,2}):(?P<M>\d{1,2})(?::(?P<S>\d{1,2})(?:[.,]\d+)?)?)?"
    r"\s*(?P<z>Z|[+-]\d{1,2}(?::?\d{2})?|[A-Za-z]{2,5})?$"
)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?(Z)?$")
#: Years a news page can be from; outside them a "date" is a typo or an attack.
YEARS = range(1900, 2201)


def _loose_iso(text: str) -> datetime | None:
    """ISO-like strings CMSs write: ``2022-5-5 22:17:36``, ``2022/05/10 17:36:11``,
    ``2020-09-25T16:02:50CDT``, ``…23:15:0Z``, ``20210820030646``."""
    match = _LOOSE_ISO.match(text)
    if match is not None:
        parts = [int(match.group(k) or 0) for k in ("y", "m", "d", "H", "M", "S")]
        zone = match.group("z")
    else:
        compact = _COMPACT.match(text)
        if compact is None:
            return None
        parts = [int(g or 0) for g in compact.groups()[:6]]
        zone = compact.group(7)
    tz: timezone | None = None
    if zone:
        if zone.upper() in ZONE_ABBREVIATIONS:
            tz = timezone(timedelta(minutes=ZONE_ABBREVIATIONS[zone.upper()]))
        elif zone[0] in "+-":
            tz = _offset(zone)
            if tz is None:
                return None
        else:
            return None  # an unknown abbreviation: the instant cannot be known
    try:
        year, month, day, hour, minute, second = parts
        return datetime(year, month, day, hour, minute, second, tzinfo=tz)
    except ValueError:
        return None


def _in_range(value: datetime) -> bool:
    if value.year not in YEARS:
        return False
    offset = value.utcoffset()
    return offset is None or abs(offset) < timedelta(hours=24)


def parse_machine_date(value: Any, edition: Edition, year: int | None = None) -> PageDate | None:
    """A metadata date: ISO-8601 (and the ISO-like forms CMSs write), RFC 2822,
    a Unix time, else the edition's words. Years outside 1900–2200 are no date."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    iso = text.replace(" ", "T", 1) if re.match(r"^\d{4}-\d{2}-\d{2} \d", text) else text
    iso = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", iso)
    found: datetime | None = None
    try:
        found = datetime.fromisoformat(iso)
    except ValueError:
        found = _loose_iso(text)
    except OverflowError:
        return None
    if found is None and re.fullmatch(r"1\d{9}", text):
        found = datetime.fromtimestamp(int(text), UTC)  # a Unix time (``data-utime``)
    if found is None:
        try:
            found = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError, OverflowError):
            found = None
        if found is not None and re.search(r"-0000\s*$", text):
            found = found.replace(tzinfo=None)  # RFC 2822: -0000 means "zone unknown"
    if found is not None:
        return PageDate(found, text) if _in_range(found) else None
    if len(text) > 200:
        return None
    parsed = parse_date_text(text, edition, year=year)[0]
    return parsed if parsed is not None and _in_range(parsed.value) else None


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


_URL_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?!\d)"
)


def date_in_url(url: str) -> date | None:
    """The day of a dated URL path (``/2017/09/01/slug``, ``/img/2019-05-05/x.jpg``)."""
    if not url:
        return None
    path = urlsplit(url).path
    match = _URL_DATE.search(path)
    if match is None:
        return None
    try:
        day = date(*(int(g) for g in match.groups()))
    except ValueError:
        return None
    return day if day.year in YEARS else None


def year_in_url(url: str) -> int | None:
    """The year of a dated URL path (``/2024/12/slug``), the best context for a dateline."""
    match = re.search(r"/((?:19|20)\d{2})/(?:0?[1-9]|1[0-2])/", urlsplit(url).path if url else "")
    return int(match.group(1)) if match else None


_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright|جميع الحقوق)\D{0,20}?(?:(?:19|20)\d{2}\s*[-–]\s*)?((?:19|20)\d{2})"
)


def reference_date(texts: Iterable[str], locale: str) -> date | None:
    """The latest full date among short texts of a page, else the middle of its copyright year
    (a date in that year is nearer it than to any day of the years around).

    Only short texts are read (each at most a line): the whole body is never
    normalized, so a large page costs what its datelines cost.
    """
    latest: date | None = None
    copyright_year: int | None = None
    for text in texts:
        norm = normalize_date_text(text)
        found = _find_date(norm, locale)
        if found is not None and found.year is not None and found.year in YEARS:
            try:
                day = date(found.year, found.month, found.day)
            except ValueError:
                continue
            latest = day if latest is None or day > latest else latest
        match = _COPYRIGHT.search(norm)
        if match:
            copyright_year = max(copyright_year or 0, int(match.group(1)))
    if latest is None and copyright_year is not None:
        return date(copyright_year, 7, 1)
    return latest


_UPDATED = re.compile(
    r"(?<![^\W\d_])(?:updated?|last (?:updated|modified|changed)|modified|actualizad[oa]|"
    r"actualizacion|modificad[oa]|mis a jour|aktualisiert|geandert|atualizad[oa]|aggiornat[oa]|"
    r"guncelle\w*|اخر تحديث|تحديث|تم التحديث|اخر تعديل|محدث)(?![^\W\d_])"
)
_PUBLISHED = re.compile(
    r"(?<![^\W\d_])(?:published|posted|publicad[oa]|publie[e]?|veroffentlicht|pubblicat[oa]|"
    r"yayinla\w*|yayimla\w*|نشر|تاريخ النشر|fecha|date|datum|le|am|el)(?![^\W\d_])"
)
_ARCHIVE = re.compile(
    r"(?<![^\W\d_])(?:hemeroteca|archives?|archivo|today|hoy|heute|aujourd'hui|اليوم|الارشيف)"
    r"(?![^\W\d_])"
)
_RANGE = re.compile(
    r"(?<![^\W\d_])(?:desde|del|from|between|entre|du|vom|von|من)\s+(?:el\s+|le\s+)?\d{1,2}\s+"
    r"(?:al|to|and|y|a|au|bis|الى|حتى)\s+(?:el\s+)?\d{1,2}(?!\d)"
    r"|(?<!\d)\d{1,2}\s*[-–]\s*\d{1,2}\s+[^\W\d_]"
)


def date_label(text: str) -> str:
    """What a short text says its date is: ``updated``, ``published``, ``archive``
    (a toolbar's "today"), ``range`` (an event: "desde el 3 al 5 de septiembre") or ``""``.

    >>> date_label("Actualizado: 14 de agosto de 2024")
    'updated'
    >>> date_label("نشر في: 12 ديسمبر 2024")
    'published'
    """
    norm = normalize_date_text(text)
    for label, pattern in (
        ("range", _RANGE),
        ("updated", _UPDATED),
        ("archive", _ARCHIVE),
        ("published", _PUBLISHED),
    ):
        if pattern.search(norm):
            return label
    return ""

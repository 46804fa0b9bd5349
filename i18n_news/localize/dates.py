"""How dates, times, numbers and counts read in each edition.

Every value an edition prints goes through this module — theme templates,
feeds, ``i18nnews articles`` and ``check`` all call it — so that the seed
story's dateline reads ``12 Dec 2024 23:53`` in English,
``١٢ كانون الأول ٢٠٢٤ ٢٣:٥٣`` in Arabic (``ar_LB``, ``digits = "arab"``) and
``12 dic 2024 23:53`` in Spanish, from one set of rules.

Babel and CLDR do the work; this module adds what they leave out:

* **Time zones.** A naive ``datetime`` is an error, never a guess; an aware
  one is converted to the edition's ``timezone`` before formatting.
* **Digits.** Babel's date formatting always writes ASCII digits and its
  number formatting takes the numbering system's separators but not its
  digits, so :func:`shape_digits` maps them to the edition's ``digits``.
  Babel also writes the pattern's ``%``, ``-`` and ``+`` literally; we
  substitute the numbering system's CLDR symbols (``٪؜``, ``؜-``).
* **Grouping.** Babel ignores CLDR's ``minimumGroupingDigits``; Spanish
  writes ``1234`` but ``12.345``, so four-digit numbers stay ungrouped there.
* **Places.** Each edition formats a date differently in different places
  (article header, list item, feed), configured rather than hard-coded.

Date places and configuration
-----------------------------

``DATE_PLACES`` names where a date is printed:

``dateline``  article header (``12 Dec 2024 23:53``)
``list``      list items, related stories (``19 Aug 2025``)
``feed``      human-readable dates in feeds, read outside the site, so they
              carry the UTC offset (``12 Dec 2024 23:53 GMT+02:00``)
``iso``       machine values: ``<time datetime>``, JSON-LD, sitemaps. Always
              ASCII digits and Latin names, whatever the edition's ``digits``
``relative``  ``3 hours ago`` / ``قبل ٣ ساعات`` / ``hace 3 horas``

Each edition may override them in ``[tool.i18nnews.editions.<L>.dates]``::

    [tool.i18nnews.editions.es.dates]
    list = "d MMM y"                 # a CLDR pattern
    list_this_year = "d MMMM HH:mm"  # used when the date is in the current year
    list_capitalize = true           # month and weekday names: "Julio"
    dateline = "skeleton:yMMMdHm"    # a CLDR skeleton, resolved per locale
    relative = "short"               # long | short | narrow

For ``dateline``, ``list`` and ``feed``:

* ``<place>`` — a CLDR date pattern (literal text in single quotes:
  ``"d 'de' MMMM"``), or ``skeleton:`` followed by a CLDR skeleton, which
  picks the locale's own pattern for those fields (``skeleton:yMMMd`` →
  ``Dec 12, 2024`` in en, ``12 dic 2024`` in es). A skeleton may mix date and
  time fields; they are joined with the locale's date-time glue.
* ``<place>_this_year`` — pattern or skeleton used instead when the date falls
  in the same calendar year as *now* (both in the edition's time zone). An
  explicit pattern rather than "drop the year" because the year's neighbours
  differ per language (``d 'de' MMMM 'de' y``). Without a *now* the full
  pattern is used: printing the year is never wrong, guessing the clock is.
* ``<place>_capitalize`` — ``true`` capitalizes the first letter of month
  and weekday names (``julio`` → ``Julio``); CLDR writes them lowercase in
  Spanish.

The Spanish "23 Julio 19:20" style is therefore::

    list = "d MMMM y HH:mm"
    list_this_year = "d MMMM HH:mm"
    list_capitalize = true

``iso`` takes a pattern only; ``relative`` one of ``long``, ``short``,
``narrow`` (Babel's ``format_timedelta`` widths). Deltas under a minute read
as one minute, so a story published this second reads "1 minute ago".

Invisible characters. The default patterns are explicit so the acceptance
strings hold exactly. Where a skeleton or CLDR symbol brings RLM/ALM
(``d‏/M‏/y`` in Arabic, ``٪؜``) or NBSP/U+202F (``25 %`` in Spanish,
``h:mm a`` in English) we keep CLDR's characters: they are what keeps the
parts in order and on one line in a browser.
"""

from __future__ import annotations

import gettext as _gettext
import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from functools import lru_cache
from os import PathLike
from typing import Any, Literal, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError
from babel.dates import PATTERN_CHARS, format_datetime, format_timedelta, match_skeleton
from babel.numbers import (
    UnsupportedNumberingSystemError,
    format_decimal,
    get_decimal_symbol,
)
from babel.numbers import format_percent as _babel_percent
from markdown_it import MarkdownIt

from i18n_news.errors import I18nNewsError
from i18n_news.model import Digits, Edition

__all__ = [
    "DATE_CONFIG_KEYS",
    "DATE_PLACES",
    "DEFAULT_PATTERNS",
    "FALLBACK_PATTERNS",
    "READING_TIME",
    "RELATIVE_FORMATS",
    "SKELETON_PREFIX",
    "count_words",
    "date_setting",
    "format_date",
    "format_integer",
    "format_number",
    "format_percent",
    "format_plural",
    "format_reading_time",
    "format_relative",
    "interpolate",
    "localize_format",
    "reading_minutes",
    "shape_digits",
    "validate_date_config",
    "Translations",
]

Place = Literal["dateline", "list", "feed", "iso", "relative"]

#: Where an edition prints a date; each has a default and a config key.
DATE_PLACES: tuple[str, ...] = ("dateline", "list", "feed", "iso", "relative")

#: Places that take a pattern, ``_this_year`` and ``_capitalize``.
_DISPLAY_PLACES: tuple[str, ...] = ("dateline", "list", "feed")

#: Widths accepted by ``relative`` (Babel's ``format_timedelta(format=…)``).
RELATIVE_FORMATS: tuple[str, ...] = ("long", "short", "narrow")

SKELETON_PREFIX = "skeleton:"

#: Reviewed defaults per language. Arabic has no abbreviated month names, so
#: it asks for the full ones by name (CLDR gives the same for ``MMM``).
DEFAULT_PATTERNS: dict[str, dict[str, str]] = {
    "en": {"dateline": "d MMM y HH:mm", "list": "d MMM y", "feed": "d MMM y HH:mm ZZZZ"},
    "ar": {"dateline": "d MMMM y HH:mm", "list": "d MMMM y", "feed": "d MMMM y HH:mm ZZZZ"},
    "es": {"dateline": "d MMM y HH:mm", "list": "d MMM y", "feed": "d MMM y HH:mm ZZZZ"},
}

#: Defaults for every language and place not reviewed above: CLDR chooses.
FALLBACK_PATTERNS: dict[str, str] = {
    "dateline": "skeleton:yMMMdHm",
    "list": "skeleton:yMMMd",
    "feed": "skeleton:yMMMdHmv",
    "iso": "yyyy-MM-dd'T'HH:mm:ssxxx",
    "relative": "long",
}

#: msgid and plural of the reading-time label; theme catalogs translate it.
READING_TIME: tuple[str, str] = ("%(num)d Min Read", "%(num)d Min Read")

_DIGIT_TABLES: dict[str, dict[int, str]] = {
    "latn": {},
    "arab": {ord("0") + i: chr(0x0660 + i) for i in range(10)},
    "arabext": {ord("0") + i: chr(0x06F0 + i) for i in range(10)},
}

# Babel's fields minus those it cannot format: ``b`` fails for most locales'
# day periods, ``g`` is unimplemented and ``O`` (short GMT) prints "None".
_FIELD_WIDTHS: dict[str, list[int] | None] = {
    char: widths for char, widths in PATTERN_CHARS.items() if char not in {"b", "g", "O"}
}
_FIELD_WIDTHS["O"] = [4]

_DATE_SKELETON_CHARS = frozenset("GyYuUrQqMLlwWdDFgEec")
_TIME_SKELETON_CHARS = frozenset("aBhHKkjJCmsSAzZOvVXx")

_Token = tuple[str, Any]


class Translations(Protocol):
    """The part of :class:`gettext.NullTranslations` this module uses."""

    def gettext(self, message: str, /) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...


# ---------------------------------------------------------------------------
# Digits and numbers
# ---------------------------------------------------------------------------


def shape_digits(text: str, digits: Digits | str) -> str:
    """Write the ASCII digits of ``text`` in the edition's numbering system.

    Only ``0``–``9`` change; separators are the number formatter's business.

    >>> shape_digits("12 Dec 2024 23:53", "arab")
    '١٢ Dec ٢٠٢٤ ٢٣:٥٣'
    >>> shape_digits("2024", "arabext")
    '۲۰۲۴'
    """
    try:
        table = _DIGIT_TABLES[digits]
    except KeyError:
        raise I18nNewsError(
            f"unknown digits {digits!r}: expected one of {', '.join(_DIGIT_TABLES)}"
        ) from None
    return text.translate(table) if table else text


@lru_cache(maxsize=64)
def _locale(name: str) -> Locale:
    try:
        return Locale.parse(name.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        raise I18nNewsError(f"unknown locale {name!r}: {exc}") from None


@lru_cache(maxsize=64)
def _number_symbols(locale: str, digits: str) -> tuple[str, dict[int, str]]:
    """Numbering system to pass to Babel, and the sign substitutions after it.

    Falls back to ``latn`` symbols when CLDR has none for the system (the
    digits are still shaped), so a rare locale never breaks a build.
    """
    loc = _locale(locale)
    system = digits
    try:
        symbols = loc.number_symbols[system]
        if "decimal" not in symbols:
            raise UnsupportedNumberingSystemError(system)
    except (KeyError, UnsupportedNumberingSystemError):
        system = "latn"
        symbols = loc.number_symbols["latn"]
    table = {
        ord("-"): symbols.get("minusSign", "-"),
        ord("+"): symbols.get("plusSign", "+"),
        ord("%"): symbols.get("percentSign", "%"),
        ord("‰"): symbols.get("perMille", "‰"),
    }
    return system, {k: v for k, v in table.items() if v != chr(k)}


def _finish_number(text: str, edition: Edition, table: dict[int, str]) -> str:
    return shape_digits(text.translate(table) if table else text, edition.digits)


def _decimal(n: object) -> Decimal:
    if isinstance(n, bool) or not isinstance(n, int | float | Decimal):
        raise I18nNewsError(f"not a number: {n!r}")
    try:
        return Decimal(str(n)) if isinstance(n, float) else Decimal(n)
    except InvalidOperation:
        raise I18nNewsError(f"not a number: {n!r}") from None


#: CLDR ``minimumGroupingDigits`` where it is 2, which Babel 2.18 ignores:
#: Spanish writes ``1234`` but ``12.345`` (RAE; Latin American Spanish, from
#: ``es_419``, groups from four digits like English).
_MIN_GROUPING_TWO = frozenset({"es", "es_ES", "es_EA", "es_IC", "es_GQ", "es_PH", "pl", "pt_PT"})


def _grouping(locale: str, value: Decimal) -> bool:
    loc = _locale(locale)
    name = str(loc)
    two = name in _MIN_GROUPING_TWO or (
        loc.territory is None and loc.script is None and loc.language in _MIN_GROUPING_TWO
    )
    return not (two and value.is_finite() and abs(value) < 10000)


def format_number(n: int | float | Decimal, edition: Edition) -> str:
    """``1234.5`` as the edition writes it: ``1,234.5``, ``١٬٢٣٤٫٥``, ``1234,5``.

    CLDR's decimal pattern (up to three fraction digits) with the separators
    and signs of the edition's numbering system.
    """
    system, table = _number_symbols(edition.locale, edition.digits)
    value = _decimal(n)
    text = format_decimal(
        value,
        locale=_locale(edition.locale),
        group_separator=_grouping(edition.locale, value),
        numbering_system=system,
    )
    return _finish_number(text, edition, table)


def format_integer(n: int | float | Decimal, edition: Edition, *, grouping: bool = True) -> str:
    """A count, rounded half-even: ``12,345`` / ``١٢٬٣٤٥``.

    ``grouping=False`` for years and page numbers, which never take separators.
    """
    system, table = _number_symbols(edition.locale, edition.digits)
    value = _decimal(n)
    if value.is_finite():
        value = value.quantize(Decimal(1), rounding=ROUND_HALF_EVEN)
    text = format_decimal(
        value,
        locale=_locale(edition.locale),
        group_separator=grouping and _grouping(edition.locale, value),
        numbering_system=system,
    )
    return _finish_number(text, edition, table)


def format_percent(x: int | float | Decimal, edition: Edition) -> str:
    """A ratio as a percentage (``0.25`` → ``25%``, ``٢٥٪؜``, ``25 %``)."""
    system, table = _number_symbols(edition.locale, edition.digits)
    value = _decimal(x)
    text = _babel_percent(
        value,
        locale=_locale(edition.locale),
        group_separator=_grouping(edition.locale, value * 100),
        numbering_system=system,
    )
    return _finish_number(text, edition, table)


# ---------------------------------------------------------------------------
# Date patterns
# ---------------------------------------------------------------------------


def _tokenize(pattern: str) -> tuple[_Token, ...]:
    """Split a CLDR pattern into fields and literals, strictly.

    Babel silently treats an unknown letter as literal text; CLDR reserves
    all ASCII letters, so a typo such as ``"d MMM yyy T HH"`` is reported here
    rather than printed.
    """
    tokens: list[_Token] = []
    literal: list[str] = []
    i, size = 0, len(pattern)

    def flush() -> None:
        if literal:
            tokens.append(("chars", "".join(literal)))
            literal.clear()

    while i < size:
        char = pattern[i]
        if char == "'":
            if i + 1 < size and pattern[i + 1] == "'":
                literal.append("'")
                i += 2
                continue
            i += 1
            while True:
                if i >= size:
                    raise ValueError("unterminated quote (write '' for an apostrophe)")
                if pattern[i] == "'":
                    if i + 1 < size and pattern[i + 1] == "'":
                        literal.append("'")
                        i += 2
                        continue
                    i += 1
                    break
                literal.append(pattern[i])
                i += 1
            continue
        if char.isascii() and char.isalpha():
            end = i
            while end < size and pattern[end] == char:
                end += 1
            count = end - i
            field = char * count
            if char not in _FIELD_WIDTHS:
                raise ValueError(
                    f"unknown field {field!r}; put literal text in single quotes ('de')"
                )
            widths = _FIELD_WIDTHS[char]
            if widths is not None and count not in widths:
                raise ValueError(f"unsupported width for field {field!r}")
            flush()
            tokens.append(("field", (char, count)))
            i = end
            continue
        literal.append(char)
        i += 1
    flush()
    return tuple(tokens)


def _untokenize(tokens: tuple[_Token, ...] | list[_Token]) -> str:
    # Adjacent literals are merged first: "'de ''Julio'" would read as one
    # quoted run with an apostrophe in it.
    merged: list[_Token] = []
    for kind, value in tokens:
        if kind == "chars" and merged and merged[-1][0] == "chars":
            merged[-1] = ("chars", merged[-1][1] + value)
        else:
            merged.append((kind, value))
    parts: list[str] = []
    for kind, value in merged:
        if kind == "field":
            parts.append(value[0] * value[1])
        elif any((c.isascii() and c.isalpha()) or c == "'" for c in value):
            parts.append("'" + value.replace("'", "''") + "'")
        else:
            parts.append(value)
    return "".join(parts)


def _hour_char(locale: Locale) -> str:
    pattern = locale.time_formats["short"].pattern
    return "h" if "h" in pattern or "K" in pattern else "H"


def _skeleton_part(part: str, locale: Locale) -> tuple[_Token, ...]:
    skeletons = locale.datetime_skeletons
    key = part if part in skeletons else match_skeleton(part, skeletons)
    if key is None:
        raise ValueError(f"no CLDR pattern for skeleton {part!r} in locale {locale}")
    tokens = list(_tokenize(skeletons[key].pattern))
    requested = {t[1][0]: t[1][1] for t in _tokenize(part) if t[0] == "field"}
    # Babel's matcher does not adjust widths (``yMMMMd`` would print "Dec").
    # Like ICU, give matched fields the requested width, except hours, minutes,
    # seconds and zones, which keep the locale's; and never turn a numeric
    # month or weekday into a name or back.
    for index, (kind, value) in enumerate(tokens):
        if kind != "field":
            continue
        char, count = value
        family = {"L": "M", "c": "E", "e": "E"}.get(char, char)
        want = requested.get(char) or requested.get(family)
        if family == "M":
            want = want or requested.get("L")
        if not want or want == count or char in "aBhHKkmszZvVxX":
            continue
        if _is_text_field(char, count) != _is_text_field(char, want):
            continue
        widths = _FIELD_WIDTHS.get(char)
        if widths is None or want in widths:
            tokens[index] = ("field", (char, want))
    return tuple(tokens)


def _datetime_glue(locale: Locale, date_skeleton: str) -> str:
    if "MMMM" in date_skeleton or "LLLL" in date_skeleton:
        length = "full" if "EEEE" in date_skeleton else "long"
    elif "MMM" in date_skeleton or "LLL" in date_skeleton:
        length = "medium"
    else:
        length = "short"
    glue = locale.datetime_formats.get(length) or "{1} {0}"
    return str(glue)


@lru_cache(maxsize=256)
def _compile(setting: str, locale_name: str) -> tuple[_Token, ...]:
    """Tokens for a configured pattern or ``skeleton:`` in one locale."""
    if not setting.startswith(SKELETON_PREFIX):
        return _tokenize(setting)
    skeleton = setting[len(SKELETON_PREFIX) :].strip()
    if not skeleton or not all(c.isascii() and c.isalpha() for c in skeleton):
        raise ValueError(f"a skeleton is field letters only, got {skeleton!r}")
    locale = _locale(locale_name)
    skeleton = skeleton.replace("j", _hour_char(locale))
    date_part = "".join(c for c in skeleton if c in _DATE_SKELETON_CHARS)
    time_part = "".join(c for c in skeleton if c in _TIME_SKELETON_CHARS)
    unknown = set(skeleton) - _DATE_SKELETON_CHARS - _TIME_SKELETON_CHARS
    if unknown:
        raise ValueError(f"unknown skeleton field {''.join(sorted(unknown))!r}")
    date_tokens = _skeleton_part(date_part, locale) if date_part else ()
    time_tokens = _skeleton_part(time_part, locale) if time_part else ()
    if date_tokens and time_tokens:
        glue = _datetime_glue(locale, date_part)
        # The glue is itself a pattern ("{1} 'at' {0}"); mark the slots with
        # control characters, which no pattern uses, then splice the parts in.
        combined = _tokenize(glue.replace("{1}", "\x01").replace("{0}", "\x02"))
        tokens: list[_Token] = []
        for kind, value in combined:
            if kind != "chars":
                tokens.append((kind, value))
                continue
            for piece in re.split(r"([\x01\x02])", value):
                if piece == "\x01":
                    tokens.extend(date_tokens)
                elif piece == "\x02":
                    tokens.extend(time_tokens)
                elif piece:
                    tokens.append(("chars", piece))
        return tuple(tokens)
    return date_tokens or time_tokens


@dataclass(frozen=True)
class _PlaceSpec:
    pattern: str
    this_year: str | None
    capitalize: bool


def _as_bool(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in {"true", "false"}:
        return value.strip().lower() == "true"
    return None


def _check_place(place: str) -> None:
    if place not in DATE_PLACES:
        raise I18nNewsError(
            f"unknown date place {place!r}: expected one of {', '.join(DATE_PLACES)}"
        )


def date_setting(edition: Edition, place: str) -> str:
    """The pattern (or skeleton, or relative width) ``edition`` uses in ``place``.

    Resolution: the edition's ``dates`` config, then the reviewed default for
    its language, then CLDR's choice via a skeleton.
    """
    _check_place(place)
    configured = (edition.dates or {}).get(place)
    if isinstance(configured, str) and configured:
        return configured
    return DEFAULT_PATTERNS.get(edition.language, {}).get(place) or FALLBACK_PATTERNS[place]


def _place_spec(edition: Edition, place: str) -> _PlaceSpec:
    dates: Mapping[str, object] = edition.dates or {}
    this_year = dates.get(f"{place}_this_year")
    capitalize = _as_bool(dates.get(f"{place}_capitalize", False))
    return _PlaceSpec(
        pattern=date_setting(edition, place),
        this_year=this_year if isinstance(this_year, str) and this_year else None,
        capitalize=bool(capitalize),
    )


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise I18nNewsError(f"unknown time zone {name!r}") from None


def _require_aware(value: object, what: str) -> datetime:
    if not isinstance(value, datetime):
        raise I18nNewsError(f"{what} must be a datetime with a UTC offset, got {value!r}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise I18nNewsError(
            f"{what} {value.isoformat()} has no UTC offset; "
            "give it one (2024-12-12T23:53:00+02:00) rather than let us guess"
        )
    return value


def _in_zone(value: datetime, zone: ZoneInfo) -> datetime:
    # Through UTC: ``astimezone`` returns a value already in ``zone`` as is,
    # keeping a wall time that never existed (00:30 on a spring-forward day).
    try:
        return value.astimezone(UTC).astimezone(zone)
    except OverflowError:
        raise I18nNewsError(f"{value.isoformat()} is out of range in {zone.key}") from None


def _is_text_field(char: str, count: int) -> bool:
    return (char in "MLec" and count >= 3) or char == "E"


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def _render(
    local: datetime, tokens: tuple[_Token, ...], zone: ZoneInfo, locale: str, *, capitalize: bool
) -> str:
    loc = _locale(locale)
    if capitalize:
        tokens = tuple(
            (
                "chars",
                _capitalize(format_datetime(local, value[0] * value[1], tzinfo=zone, locale=loc)),
            )
            if kind == "field" and _is_text_field(*value)
            else (kind, value)
            for kind, value in tokens
        )
    return format_datetime(local, _untokenize(tokens), tzinfo=zone, locale=loc)


def format_date(
    value: datetime,
    edition: Edition,
    place: str = "dateline",
    *,
    now: datetime | None = None,
) -> str:
    """``value`` as ``edition`` prints it in ``place`` (see the module docstring).

    :param now: the build's clock, for ``relative`` (required) and the
        ``_this_year`` patterns; injected so that builds are reproducible.
    :raises I18nNewsError: naive ``value``/``now``, unknown place, bad pattern.
    """
    _require_aware(value, "date")
    if now is not None:
        _require_aware(now, "now")
    if place == "relative":
        if now is None:
            raise I18nNewsError("a relative date needs 'now'")
        return format_relative(value, edition, now=now)
    _check_place(place)
    zone = _zone(edition.timezone)
    local = _in_zone(value, zone)
    if place == "iso":
        # Machine value: Latin names and ASCII digits whatever the edition.
        tokens = _compiled(date_setting(edition, "iso"), "en", place)
        return _render(local, tokens, zone, "en", capitalize=False)
    spec = _place_spec(edition, place)
    setting = spec.pattern
    if spec.this_year and now is not None and _in_zone(now, zone).year == local.year:
        setting = spec.this_year
    tokens = _compiled(setting, edition.locale, place)
    text = _render(local, tokens, zone, edition.locale, capitalize=spec.capitalize)
    return shape_digits(text, edition.digits)


def _compiled(setting: str, locale: str, place: str) -> tuple[_Token, ...]:
    try:
        return _compile(setting, locale)
    except ValueError as exc:
        raise I18nNewsError(f"dates.{place} = {setting!r}: {exc}") from None


def format_relative(
    value: datetime,
    edition: Edition,
    *,
    now: datetime,
    width: str | None = None,
) -> str:
    """``3 hours ago`` / ``قبل ٣ ساعات`` / ``hace 3 horas`` (``in 5 hours`` ahead).

    ``now`` is required: a build must not read the clock behind its caller's
    back. ``width`` overrides the edition's ``dates.relative``.
    """
    _require_aware(value, "date")
    _require_aware(now, "now")
    fmt = width or date_setting(edition, "relative")
    if fmt not in RELATIVE_FORMATS:
        raise I18nNewsError(
            f"dates.relative = {fmt!r}: expected one of {', '.join(RELATIVE_FORMATS)}"
        )
    delta = value - now
    if abs(delta) < timedelta(minutes=1):
        delta = timedelta(minutes=1) if delta > timedelta(0) else timedelta(minutes=-1)
    text = format_timedelta(
        delta,
        granularity="minute",
        add_direction=True,
        format=fmt,  # type: ignore[arg-type]
        locale=_locale(edition.locale),
    )
    return shape_digits(text, edition.digits)


# ---------------------------------------------------------------------------
# Configuration
# ---------------------------------------------------------------------------


def _allowed_keys() -> tuple[str, ...]:
    keys: list[str] = []
    for place in DATE_PLACES:
        keys.append(place)
        if place in _DISPLAY_PLACES:
            keys += [f"{place}_this_year", f"{place}_capitalize"]
    return tuple(keys)


#: Every key ``[tool.i18nnews.editions.<L>.dates]`` accepts.
DATE_CONFIG_KEYS: tuple[str, ...] = _allowed_keys()


def validate_date_config(
    dates: Mapping[str, object],
    path: str | PathLike[str] | None = None,
    line_of: Callable[[str], int | None] | None = None,
    *,
    prefix: str = "dates",
    locale: str | None = None,
) -> None:
    """Reject unknown keys and unusable patterns with the key's path and line.

    Called by config loading so a typo fails at load time, not halfway
    through a build. Skeletons are resolved in ``locale`` when given (else in
    English), since whether one matches depends on the locale's data.

    :param line_of: maps a key of ``dates`` to its 1-based line in ``path``.
    :param prefix: key path shown in messages (``editions.es.dates``).
    """

    def fail(key: str | None, message: str) -> None:
        line = line_of(key) if (line_of and key is not None) else None
        where = f"{prefix}.{key}" if key is not None else prefix
        raise I18nNewsError(f"{where}: {message}", path, line)

    if not isinstance(dates, Mapping):
        fail(None, "must be a table")
    for key, value in dates.items():
        if key not in DATE_CONFIG_KEYS:
            fail(key, f"unknown key; expected one of {', '.join(DATE_CONFIG_KEYS)}")
        if key.endswith("_capitalize"):
            if _as_bool(value) is None:
                fail(key, f"must be true or false, got {value!r}")
            continue
        if not isinstance(value, str) or not value.strip():
            fail(key, f"must be a non-empty string, got {value!r}")
        assert isinstance(value, str)
        if key == "relative":
            if value not in RELATIVE_FORMATS:
                fail(key, f"must be one of {', '.join(RELATIVE_FORMATS)}, got {value!r}")
            continue
        if key == "iso" and value.startswith(SKELETON_PREFIX):
            fail(key, "takes a pattern, not a skeleton (machine dates must not vary by locale)")
        try:
            _compile(value, locale or "en")
        except (ValueError, I18nNewsError) as exc:
            fail(key, f"{value!r}: {exc}")


# ---------------------------------------------------------------------------
# Words and reading time
# ---------------------------------------------------------------------------

_MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_TAG = re.compile(r"<[^>]*>")
_TATWEEL = "\u0640"


def _plain_text(markdown: str) -> str:
    parts: list[str] = []
    for token in _MARKDOWN.parse(markdown):
        if token.type == "inline":
            for child in token.children or ():
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append(" ")
        elif token.type in ("fence", "code_block"):
            parts.append(token.content)
        elif token.type == "html_block":
            parts.append(_TAG.sub(" ", token.content))
        parts.append(" ")
    return "".join(parts)


@lru_cache(maxsize=65536)
def _is_word(token: str) -> bool:
    # Cached: a body repeats its words, and this looks at each character.
    return any(unicodedata.category(c)[0] in "LN" and c != _TATWEEL for c in token)


def count_words(text: str) -> int:
    """Words a reader reads in a Markdown body.

    Markdown syntax, link targets, images and HTML tags are not words; a
    token counts when it holds a letter or digit, so punctuation (``—``,
    ``،``) does not, and Arabic diacritics and tatweel, which never separate
    words, stay inside theirs.

    >>> count_words("**Russia** keeps [its bases](https://x.test/a) — report")
    5
    >>> count_words("كَتَبَ الصَّحَفِيُّ مـــقالاً ، ثم نشره")
    5
    """
    return sum(1 for token in _plain_text(text).split() if _is_word(token))


def reading_minutes(text: str, words_per_minute: int = 200) -> int:
    """Minutes to read ``text``, rounded up and at least one."""
    if isinstance(words_per_minute, bool) or not isinstance(words_per_minute, int):
        raise I18nNewsError(f"words_per_minute must be an integer, got {words_per_minute!r}")
    if words_per_minute <= 0:
        raise I18nNewsError(f"words_per_minute must be positive, got {words_per_minute}")
    return max(1, math.ceil(count_words(text) / words_per_minute))


# ---------------------------------------------------------------------------
# Plurals and placeholders
# ---------------------------------------------------------------------------

_PLACEHOLDER = re.compile(
    r"%(?:\((?P<key>[^()]*)\))?(?P<spec>[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?)"
    r"(?P<conv>[diouxXeEfFgGcrsa%])"
)


def _localized_value(value: object, spec: str, conv: str, edition: Edition) -> str | None:
    """The text of one numeric placeholder in the edition's digits, or None to leave it."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal) or "*" in spec:
        return None
    if conv in "diu":
        text = ("%" + spec + "d") % value
    elif conv in "eEfFgG":
        text = ("%" + spec + conv) % value
    elif conv == "s" and isinstance(value, int):
        text = ("%" + spec + "s") % value
    else:
        return None
    system, table = _number_symbols(edition.locale, edition.digits)
    if "." in text:
        text = text.replace(
            ".", get_decimal_symbol(_locale(edition.locale), numbering_system=system)
        )
    return _finish_number(text, edition, table)


def localize_format(
    message: str, variables: Mapping[str, object], edition: Edition
) -> tuple[str, dict[str, object]]:
    """Rewrite ``%(num)d``-style placeholders so numbers print in the edition's digits.

    Returns a format string and a mapping for Python's ``%``: numeric
    placeholders become ``%(…)s`` over pre-rendered text, everything else is
    untouched so ``%`` (or ``Markup.__mod__``, which escapes) keeps its usual
    semantics and errors. Only the values are shaped, never the translation:
    a translator's own digits ("COVID-19") stay as written.
    """
    values: dict[str, object] = dict(variables)
    pieces: list[str] = []
    last = 0
    for index, match in enumerate(_PLACEHOLDER.finditer(message)):
        key = match.group("key")
        if key is None or key not in variables:
            continue
        text = _localized_value(variables[key], match.group("spec"), match.group("conv"), edition)
        if text is None:
            continue
        name = f"\x1fi18n_news{index}"
        values[name] = text
        pieces.append(message[last : match.start()])
        pieces.append(f"%({name})s")
        last = match.end()
    if not pieces:
        return message, values
    pieces.append(message[last:])
    return "".join(pieces), values


def interpolate(message: str, variables: Mapping[str, object], edition: Edition) -> str:
    """``message % variables`` with numbers in the edition's digits."""
    fmt, values = localize_format(message, variables, edition)
    return fmt % values


def format_plural(
    translations: Translations | _gettext.NullTranslations,
    singular: str,
    plural: str,
    n: int,
    edition: Edition,
    **variables: object,
) -> str:
    """The catalog's plural form for ``n``, formatted newstyle (``num`` = ``n``).

    The form is chosen by the catalog's Plural-Forms (``check`` holds it to
    the canonical header, six forms in Arabic); ``%(num)d`` prints in the
    edition's digits.
    """
    variables.setdefault("num", n)
    return interpolate(translations.ngettext(singular, plural, n), variables, edition)


def format_reading_time(
    minutes: int, edition: Edition, translations: Translations | _gettext.NullTranslations
) -> str:
    """``3 Min Read`` / ``٣ دقائق قراءة`` / ``3 min de lectura``."""
    message = translations.ngettext("%(num)d Min Read", "%(num)d Min Read", minutes)
    return interpolate(message, {"num": minutes}, edition)

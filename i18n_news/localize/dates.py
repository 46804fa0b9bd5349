"""How dates and times read in each edition: patterns, places, time zones, relative times.

Every date an edition prints goes through this module — theme templates,
feeds, ``i18nnews articles`` and ``check`` all call it — so that the seed
story's dateline reads ``12 Dec 2024 23:53`` in English,
``١٢ كانون الأول ٢٠٢٤ ٢٣:٥٣`` in Arabic (``ar_LB``, ``digits = "arab"``) and
``12 dic 2024 23:53`` in Spanish, from one set of rules.

Babel and CLDR do the work; this module adds what they leave out:

* **Time zones.** A naive ``datetime`` is an error, never a guess; an aware
  one is converted to the edition's ``timezone`` before formatting.
* **Digits.** Babel's date formatting always writes ASCII digits; the text
  is shaped into the edition's ``digits`` by
  :func:`~i18n_news.localize.numbers.shape_digits`.
* **Strict patterns.** Babel prints an unknown pattern letter as text; a
  typo here is an error with the configuration key that holds it.
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
strings hold exactly. Where a skeleton brings RLM/ALM (``d\u200f/M\u200f/y`` in
Arabic) or U+202F (``h:mm a`` in English) we keep CLDR's characters: they
are what keeps the parts in order and on one line in a browser.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from os import PathLike
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale
from babel.dates import PATTERN_CHARS, format_datetime, format_timedelta, match_skeleton

from i18n_news.errors import I18nNewsError
from i18n_news.localize.numbers import cldr_locale, shape_digits
from i18n_news.model import Edition

__all__ = [
    "DATE_CONFIG_KEYS",
    "DATE_PLACES",
    "DEFAULT_PATTERNS",
    "FALLBACK_PATTERNS",
    "RELATIVE_FORMATS",
    "SKELETON_PREFIX",
    "date_setting",
    "format_date",
    "format_relative",
    "validate_date_config",
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

# Babel's fields minus those it cannot format: ``b`` fails for most locales'
# day periods, ``g`` is unimplemented and ``O`` (short GMT) prints "None".
_FIELD_WIDTHS: dict[str, list[int] | None] = {
    char: widths for char, widths in PATTERN_CHARS.items() if char not in {"b", "g", "O"}
}
_FIELD_WIDTHS["O"] = [4]

_DATE_SKELETON_CHARS = frozenset("GyYuUrQqMLlwWdDFgEec")
_TIME_SKELETON_CHARS = frozenset("aBhHKkjJCmsSAzZOvVXx")

_Token = tuple[str, Any]


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
    locale = cldr_locale(locale_name)
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
    loc = cldr_locale(locale)
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

    >>> ar = Edition("ar", "ar_LB", "عربي", "rtl", "arab", "Asia/Beirut")
    >>> format_date(datetime(2024, 12, 12, 21, 53, tzinfo=UTC), ar)
    '١٢ كانون الأول ٢٠٢٤ ٢٣:٥٣'
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
        format=fmt,  # type: ignore[arg-type]  # one of RELATIVE_FORMATS, checked above
        locale=cldr_locale(edition.locale),
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

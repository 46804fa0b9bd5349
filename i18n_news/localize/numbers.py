"""How numbers read in each edition: digits, separators, signs, grouping.

Babel and CLDR do the work; this module adds what they leave out:

* **Digits.** Babel's date formatting always writes ASCII digits and its
  number formatting takes the numbering system's separators but not its
  digits, so :func:`shape_digits` maps them to the edition's ``digits``
  (``٠١٢٣٤٥٦٧٨٩`` for ``arab``). Babel also writes the pattern's ``%``,
  ``-`` and ``+`` literally; we substitute the numbering system's CLDR
  symbols (``٪\u061c``, ``\u061c-``).
* **Grouping.** Babel ignores CLDR's ``minimumGroupingDigits``; Spanish
  writes ``1234`` but ``12.345``, so four-digit numbers stay ungrouped there.

CLDR's invisible characters are kept: the ALM in ``٪\u061c`` and the no-break
space in Spanish ``25 %`` keep a number and its sign in order and on one line.

Dates (:mod:`~i18n_news.localize.dates`) and translated messages
(:mod:`~i18n_news.localize.messages`) print their numbers through here, so
an edition never mixes two sets of digits on one page.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import (
    UnsupportedNumberingSystemError,
    format_decimal,
    get_decimal_symbol,
)
from babel.numbers import format_percent as _babel_percent

from i18n_news.errors import I18nNewsError
from i18n_news.model import Digits, Edition

__all__ = [
    "cldr_locale",
    "format_integer",
    "format_number",
    "format_percent",
    "format_printf_number",
    "shape_digits",
]

_DIGIT_TABLES: dict[str, dict[int, str]] = {
    "latn": {},
    "arab": {ord("0") + i: chr(0x0660 + i) for i in range(10)},
    "arabext": {ord("0") + i: chr(0x06F0 + i) for i in range(10)},
}


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
def cldr_locale(name: str) -> Locale:
    """The Babel locale of an edition's ``locale`` (``ar_LB``, ``es-MX``), cached.

    The one place an unknown locale becomes an error, for numbers and dates alike.
    """
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
    loc = cldr_locale(locale)
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
    loc = cldr_locale(locale)
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
        locale=cldr_locale(edition.locale),
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
        locale=cldr_locale(edition.locale),
        group_separator=grouping and _grouping(edition.locale, value),
        numbering_system=system,
    )
    return _finish_number(text, edition, table)


def format_percent(x: int | float | Decimal, edition: Edition) -> str:
    """A ratio as a percentage (``0.25`` → ``25%``, ``٢٥٪\u061c``, ``25 %``)."""
    system, table = _number_symbols(edition.locale, edition.digits)
    value = _decimal(x)
    text = _babel_percent(
        value,
        locale=cldr_locale(edition.locale),
        group_separator=_grouping(edition.locale, value * 100),
        numbering_system=system,
    )
    return _finish_number(text, edition, table)


def format_printf_number(value: object, spec: str, conv: str, edition: Edition) -> str | None:
    """``value`` for one ``%`` placeholder in the edition's digits; None if it is no number's.

    ``spec`` and ``conv`` are the placeholder's flags and conversion (``03``
    and ``d`` in ``%(num)03d``). Python's ``%`` does the padding and
    precision, so a translator's ``%03d`` means what it always means; only
    the digits, decimal sign and signs change.
    """
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
            ".", get_decimal_symbol(cldr_locale(edition.locale), numbering_system=system)
        )
    return _finish_number(text, edition, table)

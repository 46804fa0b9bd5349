"""Digits, numbers, integers and percentages per edition (i18n_news.localize.numbers)."""

from __future__ import annotations

import doctest

import pytest
from localize_helpers import AR, EN, ES, edition

from i18n_news.errors import I18nNewsError
from i18n_news.localize import numbers
from i18n_news.localize.numbers import (
    format_integer,
    format_number,
    format_percent,
    shape_digits,
)
from i18n_news.model import Edition


@pytest.mark.parametrize(
    ("text", "digits", "expected"),
    [
        ("0123456789", "latn", "0123456789"),
        ("0123456789", "arab", "٠١٢٣٤٥٦٧٨٩"),
        ("0123456789", "arabext", "۰۱۲۳۴۵۶۷۸۹"),
        ("Page 2 of 10", "arab", "Page ٢ of ١٠"),
        ("٣ already", "latn", "٣ already"),
        ("", "arab", ""),
    ],
)
def test_shape_digits(text: str, digits: str, expected: str) -> None:
    assert shape_digits(text, digits) == expected


def test_shape_digits_rejects_unknown_system() -> None:
    with pytest.raises(I18nNewsError, match="unknown digits"):
        shape_digits("1", "thai")


@pytest.mark.parametrize(
    ("ed", "value", "number", "integer", "percent"),
    [
        (EN, 1234.5, "1,234.5", "1,234", "25%"),
        (AR, 1234.5, "١٬٢٣٤٫٥", "١٬٢٣٤", "٢٥٪\u061c"),
        (ES, 1234.5, "1234,5", "1234", "25\xa0%"),
        (edition("ar", digits="arabext"), 1234.5, "۱٬۲۳۴٫۵", "۱٬۲۳۴", "۲۵٪"),
        (edition("ar", digits="latn"), 1234.5, "1.234,5", "1.234", "25\u200e%\u200e"),
        (EN, 12345678, "12,345,678", "12,345,678", "25%"),
        (ES, 12345, "12.345", "12.345", "25\xa0%"),
        (edition("es", locale="es_MX"), 1234, "1,234", "1,234", "25%"),
    ],
)
def test_number_table(ed: Edition, value: float, number: str, integer: str, percent: str) -> None:
    assert format_number(value, ed) == number
    assert format_integer(value, ed) == integer
    assert format_percent(0.25, ed) == percent


def test_negative_numbers_use_the_systems_minus_sign() -> None:
    assert format_number(-12, EN) == "-12"
    assert format_number(-12, AR) == "\u061c-١٢"


def test_integer_without_grouping_for_pages_and_years() -> None:
    assert format_integer(2024, AR, grouping=False) == "٢٠٢٤"
    assert format_integer(2.5, EN) == "2"  # half-even
    assert format_integer(3.5, EN) == "4"


@pytest.mark.parametrize("bad", ["12", True, None, [1]])
def test_numbers_reject_non_numbers(bad: object) -> None:
    with pytest.raises(I18nNewsError, match="not a number"):
        format_number(bad, EN)  # type: ignore[arg-type]


def test_doctests() -> None:
    result = doctest.testmod(numbers)
    assert result.attempted > 0 and result.failed == 0


def test_every_cldr_default_numbering_system_shapes_its_digits() -> None:
    import unicodedata

    from babel import Locale, localedata

    from i18n_news.model import DIGITS

    defaults = {Locale.parse(n).default_numbering_system for n in localedata.locale_identifiers()}
    assert defaults == set(DIGITS)
    for system in DIGITS:
        shaped = shape_digits("0123456789", system)
        assert [unicodedata.decimal(c) for c in shaped] == list(range(10)), system
        if system != "latn":
            assert not shaped.isascii()
    assert shape_digits("2024", "beng") == "২০২৪"
    assert shape_digits("2024", "deva") == "२०२४"

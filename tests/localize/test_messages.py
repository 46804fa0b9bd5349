"""Placeholders and plural forms filled in the edition's digits (i18n_news.localize.messages)."""

from __future__ import annotations

import doctest

import pytest
from localize_helpers import AR, EDITIONS, SHARES

from i18n_news.localize import messages
from i18n_news.localize.messages import format_plural, localize_format


@pytest.mark.parametrize(
    ("code", "expected"),
    [("en", "2 Shares"), ("ar", "مشاركتان"), ("es", "2 veces compartido")],
)
def test_seed_shares(code: str, expected: str, catalogs: dict) -> None:
    assert format_plural(catalogs[code], *SHARES, 2, EDITIONS[code]) == expected


def test_format_plural_extra_variables(catalogs: dict) -> None:
    text = format_plural(
        catalogs["en"],
        "%(num)d Share by %(who)s",
        "%(num)d Shares by %(who)s",
        1234,
        AR,
        who="Al Mayadeen 2",
    )
    assert text == "١٢٣٤ Shares by Al Mayadeen 2"


@pytest.mark.parametrize(
    ("message", "variables", "expected"),
    [
        ("%(num)d Shares", {"num": 12}, "١٢ Shares"),
        ("%(num)s Shares", {"num": 12}, "١٢ Shares"),
        ("%(num)03d", {"num": 7}, "٠٠٧"),
        ("%(ratio).1f", {"ratio": 2.25}, "٢٫٢"),
        ("%(num)d%%", {"num": 50}, "٥٠%"),
        ("COVID-19: %(name)s", {"name": "x"}, "COVID-19: x"),
        ("%(flag)s", {"flag": True}, "True"),
        ("%(num)d & %(num)d", {"num": 3}, "٣ & ٣"),
        ("%(num)x", {"num": 255}, "ff"),
    ],
)
def test_localize_format(message: str, variables: dict, expected: str) -> None:
    fmt, values = localize_format(message, variables, AR)
    assert fmt % values == expected


def test_localize_format_keeps_python_errors() -> None:
    fmt, values = localize_format("%(missing)d", {"num": 1}, AR)
    with pytest.raises(KeyError):
        fmt % values


def test_doctests() -> None:
    result = doctest.testmod(messages)
    assert result.attempted > 0 and result.failed == 0

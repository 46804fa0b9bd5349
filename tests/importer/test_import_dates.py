"""Dates in machine formats and in the edition's words (i18n_news.importer.dates)."""

from __future__ import annotations

import doctest
from datetime import UTC, datetime, timedelta, timezone

import pytest
from import_helpers import AR, EN, ES

from i18n_news.importer import dates
from i18n_news.importer.dates import parse_date_text, parse_machine_date
from i18n_news.model import Edition


@pytest.mark.parametrize(
    ("text", "edition", "year", "expected"),
    [
        ("12 Dec 2024 23:53", EN, None, datetime(2024, 12, 12, 23, 53)),
        ("December 12, 2024 11:53 PM", EN, None, datetime(2024, 12, 12, 23, 53)),
        ("Thu, Dec 12, 2024 at 9:05 am", EN, None, datetime(2024, 12, 12, 9, 5)),
        ("19 Aug 2025", EN, None, datetime(2025, 8, 19)),
        ("Posted 2024-12-12 23:53", EN, None, datetime(2024, 12, 12, 23, 53)),
        ("23 Julio 19:20", ES, 2025, datetime(2025, 7, 23, 19, 20)),
        ("12 dic 2024 23:53", ES, None, datetime(2024, 12, 12, 23, 53)),
        ("mar, 3 de sept. de 2024, 08:05", ES, None, datetime(2024, 9, 3, 8, 5)),
        ("12 de diciembre de 2024 - 23h53", ES, None, datetime(2024, 12, 12, 23, 53)),
        ("23/07/2025 19:20", ES, None, datetime(2025, 7, 23, 19, 20)),
        ("١٢ كانون الأول ٢٠٢٤ ٢٣:٥٣", AR, None, datetime(2024, 12, 12, 23, 53)),
        ("12 كانون الاول 2024", AR, None, datetime(2024, 12, 12)),
        ("١٢ ديسمبر ٢٠٢٤", AR, None, datetime(2024, 12, 12)),
        ("الخميس، 12 ديسمبر 2024 - 11:30 م", AR, None, datetime(2024, 12, 12, 23, 30)),
        ("3 تشرين الثاني/نوفمبر 2024", AR, None, datetime(2024, 11, 3)),
        ("٢٥ آب ٢٠٢٥", AR, None, datetime(2025, 8, 25)),
        ("1 أيار 2025", AR, None, datetime(2025, 5, 1)),
    ],
)
def test_parse_date_text(text: str, edition: Edition, year: int | None, expected: datetime) -> None:
    found, reason = parse_date_text(text, edition, year=year)
    assert reason == "" and found is not None
    assert found.value == expected


def test_parse_date_text_offsets_and_failures() -> None:
    found, _ = parse_date_text("24 August 2025 - 18:10 GMT+3", EN)
    assert found is not None and found.value.utcoffset() == timedelta(hours=3)
    assert parse_date_text("23 Julio 19:20", ES) == (
        None,
        "the date '23 Julio 19:20' has no year and the page gives none",
    )
    assert parse_date_text("2 Shares", EN) == (None, "no date")
    assert parse_date_text("31 Feb 2024", EN)[1] == "'31 Feb 2024' is not a valid date"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "2024-12-12T23:53:00+02:00",
            datetime(2024, 12, 12, 23, 53, tzinfo=timezone(timedelta(hours=2))),
        ),
        ("2024-12-12T21:53:00.000Z", datetime(2024, 12, 12, 21, 53, tzinfo=UTC)),
        (
            "2024-12-12T23:53:00+0200",
            datetime(2024, 12, 12, 23, 53, tzinfo=timezone(timedelta(hours=2))),
        ),
        ("2024-12-12 23:53", datetime(2024, 12, 12, 23, 53)),
        (
            "Thu, 12 Dec 2024 23:53:00 +0200",
            datetime(2024, 12, 12, 23, 53, tzinfo=timezone(timedelta(hours=2))),
        ),
        ("Thu, 12 Dec 2024 23:53:00 -0000", datetime(2024, 12, 12, 23, 53)),
    ],
)
def test_parse_machine_date(value: str, expected: datetime) -> None:
    found = parse_machine_date(value, EN)
    assert found is not None and found.value == expected
    assert found.value.tzinfo == expected.tzinfo or found.value.utcoffset() == expected.utcoffset()


def test_doctests() -> None:
    result = doctest.testmod(dates)
    assert result.attempted > 0 and result.failed == 0

"""Which text of a page is its title, byline, date (i18n_news.importer.metadata)."""

from __future__ import annotations

import doctest
from datetime import datetime

import pytest
from helpers import DATA
from import_helpers import EN

from i18n_news.importer import metadata
from i18n_news.importer.metadata import parse_page, strip_site_suffix


def test_seed_like_page_reads_like_the_seed() -> None:
    page = parse_page((DATA / "import" / "byline-visible-date.html").read_bytes(), EN)
    assert page.title == "Russia contacting Syrian regime, seeks to keep bases: Report"
    assert page.authors == ("Al Mayadeen English",) and page.source == "Agencies"
    assert page.published is not None and page.published.value == datetime(2024, 12, 12, 23, 53)
    assert "Shares" not in page.body and "By Al Mayadeen" not in page.body


@pytest.mark.parametrize(
    ("title", "names", "guess", "expected"),
    [
        (
            "Russia keeps bases - Al Mayadeen English",
            ["Al Mayadeen English"],
            False,
            "Russia keeps bases",
        ),
        ("Red El Mayadeen | Marchas por Gaza", ["Red El Mayadeen"], False, "Marchas por Gaza"),
        ("Inside the tunnels | Analysis | Example Times", [], True, "Inside the tunnels"),
        ("Biden - Trump debate", [], True, "Biden - Trump debate"),
        (
            "Ceasefire talks resume in Cairo - live updates",
            [],
            False,
            "Ceasefire talks resume in Cairo - live updates",
        ),
    ],
)
def test_strip_site_suffix(title: str, names: list[str], guess: bool, expected: str) -> None:
    assert strip_site_suffix(title, names, guess=guess) == expected


def test_year_from_the_url_path() -> None:
    html = b"""<html><head><link rel="canonical" href="https://x.test/2024/12/slug/">
    </head><body><article><h1>Headline here</h1><p class="date">12 Dec 23:53</p>
    <p>Body text.</p></article></body></html>"""
    page = parse_page(html, EN)
    assert page.published is not None and page.published.value == datetime(2024, 12, 12, 23, 53)
    assert page.body == "Body text."


def test_doctests() -> None:
    result = doctest.testmod(metadata)
    assert result.attempted > 0 and result.failed == 0

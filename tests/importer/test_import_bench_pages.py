"""The harness's Arabic and Spanish pages read as their expectations say (bench/import/pages)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import ROOT
from import_helpers import AR, ES

from i18n_news.importer.metadata import parse_page

PAGES = sorted((ROOT / "bench" / "import" / "pages").glob("*.html"))


def test_there_are_arabic_and_spanish_pages() -> None:
    assert sum(p.name.startswith("ar-") for p in PAGES) >= 6
    assert sum(p.name.startswith("es-") for p in PAGES) >= 6


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_bench_page(page: Path) -> None:
    expected = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    found = parse_page(page.read_bytes(), AR if page.name.startswith("ar-") else ES)
    assert found.title == expected["title"]
    assert found.published is not None
    date = found.published.value.isoformat()
    assert date == expected["date"] or date == expected["date"] + "T00:00:00"
    assert list(found.authors) == expected["author"]
    assert found.summary == (expected["summary"] or "")
    assert found.language == expected["language"]

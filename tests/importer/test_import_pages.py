"""Importing saved pages into a newsroom, end to end (i18n_news.importer.import_pages)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers import DATA, assert_golden
from import_helpers import EN, NOW, PAGES, edition_of

from i18n_news.config import Config
from i18n_news.errors import I18nNewsError
from i18n_news.importer import MAX_BYTES, import_pages, parse_page, result_json
from i18n_news.sources.content import load_articles


def test_at_least_twelve_pages_each_with_a_golden() -> None:
    assert len(PAGES) >= 12
    assert all(page.with_suffix(".json").exists() for page in PAGES)


@pytest.mark.usefixtures("no_network")
@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_import_golden(page: Path, config: Config, update_golden: bool) -> None:
    [result] = import_pages([page], edition_of(page), config, now=NOW)
    data = result_json(result)
    del data["source"]
    written = (config.root / result.path).read_text(encoding="utf-8")
    assert written.startswith("+++\n")
    assert_golden(
        json.dumps(data, ensure_ascii=False, indent=2) + "\n",
        page.with_suffix(".json"),
        update_golden,
    )


def test_imported_files_load_back(config: Config) -> None:
    for page in PAGES:
        import_pages([page], edition_of(page), config, now=NOW)
    errors: list[I18nNewsError] = []
    articles = load_articles(config, errors=errors)
    imported = [a for a in articles if "imported" in a.path.parts]
    # Tags the taxonomy lacks are kept as given; `check` reports them.
    assert sorted(str(e).split(": ", 1)[1] for e in errors) == [
        f"unknown tag '{tag}' (not in taxonomy.toml)"
        for tag in ("drought", "farming", "labour", "weather")
    ]
    assert len(imported) == len(PAGES) - 2
    by_slug = {a.slug: a for a in imported}
    spanish = by_slug["america-latina-se-moviliza-en-solidaridad-con-gaza"]
    assert spanish.published_tz_assumed
    assert spanish.published.isoformat() == "2025-07-23T19:20:00+03:00"
    undated = by_slug["volunteers-clean-up-the-beach"]
    assert undated.draft and undated.published == NOW


def test_oversized_file_is_refused(config: Config, tmp_path: Path) -> None:
    big = tmp_path / "big.html"
    with big.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    with pytest.raises(I18nNewsError) as info:
        import_pages([big], "en", config)
    assert str(info.value) == f"{big}: refused: 10485761 bytes is over the 10 MB limit for a page"
    with pytest.raises(I18nNewsError, match="over the 10 MB limit"):
        parse_page(b" " * (MAX_BYTES + 1), EN)


def test_missing_input_and_unknown_edition(config: Config, tmp_path: Path) -> None:
    with pytest.raises(I18nNewsError) as info:
        import_pages([tmp_path / "nope.html"], "en", config)
    assert str(info.value) == f"{tmp_path / 'nope.html'}: file not found"
    with pytest.raises(I18nNewsError, match=r"unknown edition '\.\.'"):
        import_pages(PAGES[:1], "..", config)


def test_a_bad_page_writes_nothing(config: Config, tmp_path: Path) -> None:
    with pytest.raises(I18nNewsError):
        import_pages([PAGES[0], tmp_path / "missing.html"], "en", config, now=NOW)
    assert not (config.content_dir / "en" / "imported").exists()


def test_symlinked_output_folder_is_refused(config: Config, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, config.content_dir / "en" / "imported")
    with pytest.raises(I18nNewsError, match="refusing to write through a symbolic link"):
        import_pages(PAGES[:1], "en", config, now=NOW)
    assert list(outside.iterdir()) == []


def test_reimport_is_stable_and_never_clobbers(config: Config) -> None:
    page = DATA / "import" / "jsonld-only.html"
    [first] = import_pages([page], "en", config, now=NOW)
    out = config.root / first.path
    os.utime(out, (1_000_000_000, 1_000_000_000))
    [again] = import_pages([page], "en", config, now=NOW)
    assert not again.changed and out.stat().st_mtime == 1_000_000_000
    out.write_text(out.read_text(encoding="utf-8") + "\nAn editor's addition.\n", encoding="utf-8")
    with pytest.raises(I18nNewsError, match="already exists with other content"):
        import_pages([page], "en", config, now=NOW)
    [forced] = import_pages([page], "en", config, now=NOW, overwrite=True)
    assert forced.changed and "editor's addition" not in out.read_text(encoding="utf-8")


def test_slug_taken_elsewhere_in_the_edition(config: Config, tmp_path: Path) -> None:
    html = (DATA / "import" / "no-date.html").read_text(encoding="utf-8")
    page = tmp_path / "p.html"
    page.write_text(html.replace("Volunteers clean up the beach", "Russia bases"), encoding="utf-8")
    [result] = import_pages([page], "en", config, now=NOW)
    assert result.slug == "russia-bases-2"
    assert (
        "slug 'russia-bases' is taken in the 'en' edition: wrote 'russia-bases-2'"
        in result.warnings
    )
    assert load_articles(config, edition="en")  # no duplicate slug


def test_a_date_without_year_or_context_makes_a_draft(config: Config, tmp_path: Path) -> None:
    html = (DATA / "import" / "es-no-year.html").read_text(encoding="utf-8")
    page = tmp_path / "sin-anio.html"
    page.write_text(html.replace("© 2025 Red El Mayadeen. ", ""), encoding="utf-8")
    [result] = import_pages([page], "es", config, now=NOW)
    assert result.draft
    assert result.warnings[:2] == (
        "the date '23 Julio 19:20' has no year and the page gives none",
        "no publication date found: written as a draft, 'published' set to the import time",
    )

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from i18n_news.catalogs.articles import load_stories
from i18n_news.config import Config, load_config
from i18n_news.errors import I18nNewsError
from i18n_news.model import Image
from i18n_news.sources.content import content_files, load_articles

DATA = Path(__file__).resolve().parents[1] / "data" / "content"
BAD = sorted((DATA / "bad").glob("bad-*.md"))


@pytest.fixture
def newsroom(tmp_path: Path) -> Path:
    dest = tmp_path / "newsroom"
    shutil.copytree(DATA / "newsroom", dest)
    return dest


@pytest.fixture
def config(newsroom: Path) -> Config:
    return load_config(newsroom / "i18nnews.toml")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


STORY = '+++\nkey = "{key}"\ntitle = "T"\npublished = 2025-01-01T10:00:00+02:00\n+++\n\nBody.\n'


def test_walks_editions_in_config_order(config: Config) -> None:
    found = [
        (code, p.relative_to(config.content_dir).as_posix()) for code, p in content_files(config)
    ]
    assert found == [
        ("en", "en/economy/budget-draft.md"),
        ("en", "en/politics/marches-gaza.md"),
        ("en", "en/politics/russia-bases.md"),
        ("ar", "ar/politics/marches-gaza.md"),
        ("ar", "ar/politics/russia-bases.md"),
        ("es", "es/entrevistas/entrevista-economista.md"),
        ("es", "es/politica/marchas-gaza.md"),
        ("es", "es/politica/rusia-bases.md"),
    ]  # _index.md, notes.txt, img/ and taxonomy.toml are not articles


def test_article_fields(config: Config) -> None:
    articles = {(a.edition, a.key): a for a in load_articles(config)}
    en = articles[("en", "2024-12-12-russia-bases")]
    assert en.title == "Russia keeps talking to Syria's new rulers about its bases"
    assert en.published == datetime(2024, 12, 12, 23, 53, tzinfo=timezone(timedelta(hours=2)))
    assert en.tags == ("russia", "syria")
    assert en.image == Image("img/bases.svg", "A grey ship at a quay.", "Test")
    assert en.slug == "russia-bases" and en.shares == 2 and en.origin is None
    assert en.path == config.content_dir / "en" / "politics" / "russia-bases.md"
    assert en.lines["title"] == 3 and en.body_line == 15
    assert en.body.startswith("\nMoscow is keeping")

    ar = articles[("ar", "2024-12-12-russia-bases")]  # YAML front matter
    assert ar.origin == "en"
    assert ar.image == Image("img/bases.svg", "سفينة رمادية على رصيف.", "Test")
    assert ar.published == en.published
    assert ar.related == ("2025-07-23-marchas-gaza",)

    draft = articles[("en", "2025-08-22-budget-draft")]
    assert draft.draft and draft.published_tz_assumed
    assert draft.published == datetime(2025, 8, 22, 9, 0, tzinfo=ZoneInfo("Asia/Beirut"))
    assert draft.published.utcoffset() == timedelta(hours=3)

    interview = articles[("es", "2025-08-20-entrevista-economista")]
    assert interview.editions == ("es",)


def test_edition_and_paths_filters(config: Config) -> None:
    assert {a.edition for a in load_articles(config, edition="es")} == {"es"}
    only = load_articles(config, paths=[config.content_dir / "ar"])
    assert [(a.edition, a.slug) for a in only] == [("ar", "marches-gaza"), ("ar", "russia-bases")]
    one = load_articles(config, paths=[config.content_dir / "en" / "politics" / "russia-bases.md"])
    assert [a.key for a in one] == ["2024-12-12-russia-bases"]
    with pytest.raises(I18nNewsError, match="unknown edition 'fr'"):
        load_articles(config, edition="fr")


@pytest.mark.parametrize("source", BAD, ids=[p.stem for p in BAD])
def test_bad_file(config: Config, source: Path) -> None:
    target = config.content_dir / "en" / "politics" / source.name
    shutil.copy(source, target)
    expected = source.with_suffix(".err").read_text(encoding="utf-8").strip()
    with pytest.raises(I18nNewsError) as info:
        load_articles(config)
    assert str(info.value) == expected


def test_collect_mode_reports_every_bad_file(config: Config) -> None:
    for source in BAD:
        shutil.copy(source, config.content_dir / "en" / "politics" / source.name)
    errors: list[I18nNewsError] = []
    articles = load_articles(config, errors=errors)
    assert len(articles) == 8  # the good ones are still returned
    reported = {e.path for e in errors}
    assert reported == {f"content/en/politics/{p.name}" for p in BAD}
    firsts = {}
    for error in errors:
        firsts.setdefault(error.path, str(error))
    for source in BAD:
        expected = source.with_suffix(".err").read_text(encoding="utf-8").strip()
        assert firsts[f"content/en/politics/{source.name}"] == expected


def test_collect_mode_reports_every_problem_of_a_file(config: Config) -> None:
    write(
        config.content_dir / "en" / "x.md",
        '+++\nkey = "k"\npublished = 2025-01-01T10:00:00\nsection = "sport"\ndraft = 1\n+++\n',
    )
    errors: list[I18nNewsError] = []
    load_articles(config, errors=errors)
    assert [str(e) for e in errors] == [
        "content/en/x.md:1: missing required key 'title'",
        "content/en/x.md:3: 'published' has no UTC offset: write it as 2024-12-12T23:53:00+02:00, "
        "or add published_tz_assumed = true to read it in Asia/Beirut",
        "content/en/x.md:4: unknown section 'sport' (not in taxonomy.toml)",
        "content/en/x.md:5: 'draft' must be true or false",
    ]


def test_duplicate_key_within_an_edition(config: Config) -> None:
    write(
        config.content_dir / "en" / "economy" / "copy.md",
        STORY.format(key="2024-12-12-russia-bases"),
    )
    with pytest.raises(I18nNewsError) as info:
        load_articles(config)
    assert str(info.value) == (
        "content/en/politics/russia-bases.md:2: duplicate key '2024-12-12-russia-bases' in edition "
        "'en' (also in content/en/economy/copy.md:2)"
    )


def test_duplicate_slug_within_an_edition(config: Config) -> None:
    write(config.content_dir / "en" / "economy" / "russia-bases.md", STORY.format(key="other"))
    with pytest.raises(I18nNewsError) as info:
        load_articles(config)
    assert str(info.value) == (
        "content/en/politics/russia-bases.md:1: duplicate slug 'russia-bases' in edition 'en' "
        "(also in content/en/economy/russia-bases.md:1)"
    )


def test_same_key_and_slug_in_other_editions_is_fine(config: Config) -> None:
    write(
        config.content_dir / "es" / "otra" / "budget-draft.md",
        STORY.format(key="2025-08-22-budget-draft"),
    )
    assert len(load_articles(config)) == 9


def test_unknown_edition_folder(config: Config) -> None:
    write(config.content_dir / "fr" / "politique" / "a.md", STORY.format(key="a"))
    with pytest.raises(I18nNewsError) as info:
        load_articles(config)
    assert str(info.value) == (
        "content/fr: 'fr' is not a configured edition (en, ar, es); "
        "content goes in content/<edition>/"
    )
    errors: list[I18nNewsError] = []
    assert len(load_articles(config, errors=errors)) == 8 and len(errors) == 1
    assert len(load_articles(config, edition="en")) == 3  # another edition's walk is not affected


def test_paths_ignore_errors_elsewhere(config: Config) -> None:
    shutil.copy(BAD[0], config.content_dir / "es" / "politica" / BAD[0].name)
    only = load_articles(config, paths=[config.content_dir / "en"])
    assert len(only) == 3


def test_no_taxonomy_means_no_taxonomy_validation(config: Config) -> None:
    config.taxonomy_path.unlink()
    write(
        config.content_dir / "en" / "x.md",
        STORY.format(key="x").replace("+++\n\n", 'section = "anything"\n+++\n\n'),
    )
    assert any(a.section == "anything" for a in load_articles(config))


def test_no_content_dir(tmp_path: Path) -> None:
    (tmp_path / "i18nnews.toml").write_text('source_edition = "en"\n[editions.en]\n')
    config = load_config(tmp_path / "i18nnews.toml")
    assert load_articles(config) == [] and load_stories(config) == {}


def test_stories_group_editions(config: Config) -> None:
    stories = load_stories(config)
    assert list(stories) == [
        "2024-12-12-russia-bases",
        "2025-07-23-marchas-gaza",
        "2025-08-20-entrevista-economista",
        "2025-08-22-budget-draft",
    ]
    assert list(stories["2024-12-12-russia-bases"].articles) == ["en", "ar", "es"]
    assert stories["2024-12-12-russia-bases"].origin_edition == "en"
    assert stories["2025-07-23-marchas-gaza"].origin_edition == "es"
    assert list(stories["2025-08-20-entrevista-economista"].articles) == ["es"]

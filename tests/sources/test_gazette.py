"""The Gazette test newsroom (tests/data/gazette) read as a stranger's newsroom.

French source edition, Hebrew and Persian (both right-to-left) translations,
its own taxonomy, and one Persian story that exists only as a per-article
catalog. These tests pin facts about the data with today's loaders; what the
toolkit still gets wrong on it is listed in tests/data/gazette/KNOWN_ISSUES.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import DATA

from i18n_news.catalogs.articles import load_stories
from i18n_news.config import Config, load_config
from i18n_news.model import Article
from i18n_news.sources.content import load_articles
from i18n_news.sources.stories import group_stories, story_status
from i18n_news.sources.taxonomy import Taxonomy, load_taxonomy

GAZETTE = DATA / "gazette"
EXCLUSIVE = "2026-11-10-marche-de-noel-ouverture"
FROM_CATALOG = "2026-11-15-finale-coupe-football"
ARABIC_YEH_KAF = {"\u064a", "\u0643"}  # Persian writes ی and ک


@pytest.fixture(scope="module")
def config() -> Config:
    return load_config(GAZETTE / "i18nnews.toml")


@pytest.fixture(scope="module")
def taxonomy(config: Config) -> Taxonomy:
    return load_taxonomy(config.taxonomy_path, config.editions)


@pytest.fixture(scope="module")
def articles(config: Config, taxonomy: Taxonomy) -> list[Article]:
    return load_articles(config, taxonomy=taxonomy)


def by_edition(articles: list[Article], code: str) -> list[Article]:
    return [a for a in articles if a.edition == code]


def test_config_is_an_i18nnews_toml_with_a_french_source(config: Config) -> None:
    assert config.path == GAZETTE / "i18nnews.toml"
    assert config.key_prefix == ()
    assert config.source_edition == "fr"
    assert list(config.editions) == ["fr", "he", "fa"]
    assert config.translation_editions() == ["he", "fa"]
    assert config.site_url == "https://gazette.example.net"
    assert config.parity.required == ("fr", "he", "fa")


def test_editions_names_zones_and_digits(config: Config) -> None:
    fr, he, fa = (config.editions[code] for code in ("fr", "he", "fa"))
    assert (fr.name, fr.timezone, fr.digits) == ("La Gazette du Levant", "Europe/Paris", "latn")
    assert (he.name, he.timezone, he.digits) == ("עיתון הלבנט", "Asia/Jerusalem", "latn")
    assert (fa.name, fa.timezone, fa.digits) == ("روزنامه لوانت", "Asia/Tehran", "arabext")
    assert (fa.lang, fa.language) == ("fa", "fa")


def test_directions_come_from_the_locale(config: Config) -> None:
    # The file sets no `direction`: Hebrew and Persian are right-to-left by their locale.
    text = config.path.read_text(encoding="utf-8")
    assert "direction" not in text
    assert {code: e.direction for code, e in config.editions.items()} == {
        "fr": "ltr",
        "he": "rtl",
        "fa": "rtl",
    }


def test_taxonomy_has_its_own_sections(taxonomy: Taxonomy) -> None:
    sections = {e.key: e for e in taxonomy.entries("section")}
    assert list(sections) == [
        "actualites",
        "politique",
        "culture",
        "sports",
        "economie",
        "sciences",
        "adabiyat",
    ]
    assert sections["actualites"].label == "Actualités"
    assert sections["actualites"].parent is None
    assert [k for k, e in sections.items() if e.parent == "actualites"] == [
        "politique",
        "culture",
        "sports",
    ]
    assert sections["economie"].parent is None
    assert sections["adabiyat"].editions == ("fa",)
    assert taxonomy.allowed_in("section", "adabiyat", "fa")
    assert not taxonomy.allowed_in("section", "adabiyat", "fr")
    assert "news" not in {e.key for e in taxonomy.entries("section")}


def test_taxonomy_regions_tags_sources_authors(taxonomy: Taxonomy) -> None:
    assert [e.key for e in taxonomy.entries("region")] == ["europe", "moyen-orient", "monde"]
    assert 6 <= len(taxonomy.entries("tag")) <= 10
    assert [e.key for e in taxonomy.entries("source")] == [
        "redaction",
        "agences",
        "correspondants",
    ]
    # Two authors sign only in their own script; their keys are transliterations.
    assert taxonomy.label("author", "noa-ben-ami") == "נועה בן עמי"
    assert taxonomy.label("author", "sara-rahimi") == "سارا رحیمی"
    assert taxonomy.label("author", "marc-lefevre") == "Marc Lefèvre"


def test_stories_per_edition(articles: list[Article]) -> None:
    counts = {code: len(by_edition(articles, code)) for code in ("fr", "he", "fa")}
    assert counts == {"fr": 8, "he": 7, "fa": 6}
    assert all(a.origin is None for a in by_edition(articles, "fr"))


def test_every_translation_comes_from_french_and_is_stamped(
    config: Config, articles: list[Article]
) -> None:
    stories = load_stories(config)
    for article in articles:
        if article.edition == "fr":
            continue
        assert article.origin == "fr", article.path
        assert article.origin_hash and article.origin_hash.startswith("sha256:")
        assert story_status(stories[article.key], article.edition) == "translated"


def test_the_exclusive_story(config: Config, articles: list[Article]) -> None:
    grouped = group_stories(articles, list(config.editions))
    exclusive = [key for key, found in grouped.items() if found["fr"].editions is not None]
    assert exclusive == [EXCLUSIVE]
    assert grouped[EXCLUSIVE]["fr"].editions == ("fr",)
    assert list(grouped[EXCLUSIVE]) == ["fr"]


def test_stories_grouped_by_key(config: Config, articles: list[Article]) -> None:
    grouped = group_stories(articles, list(config.editions))
    assert len(grouped) == 8
    shared = [key for key in grouped if key != EXCLUSIVE]
    assert all(set(grouped[key]) >= {"fr", "he"} for key in shared)
    assert [key for key in shared if "fa" not in grouped[key]] == [FROM_CATALOG]
    for found in grouped.values():
        fr = found["fr"]
        for article in found.values():
            # Metadata is the same in every edition; only the words change.
            assert (article.published, article.section, article.tags, article.related) == (
                fr.published,
                fr.section,
                fr.tags,
                fr.related,
            )


def test_persian_final_comes_from_its_catalog(config: Config) -> None:
    story = load_stories(config)[FROM_CATALOG]
    assert list(story.articles) == ["fr", "he", "fa"]
    fa = story.articles["fa"]
    assert fa.from_catalog
    assert story_status(story, "fa") == "from-catalog"
    assert fa.title.startswith("فوتبال")
    assert "۳۰٬۰۰۰" in fa.body


def test_content_details_a_stranger_would_write(
    config: Config, taxonomy: Taxonomy, articles: list[Article]
) -> None:
    french = by_edition(articles, "fr")
    assert any("\n## " in a.body for a in french)
    assert any("\n- " in a.body for a in french)
    assert any("Airbus" in a.body for a in french)
    titles = {
        a.edition: a.title for a in articles if a.key == "2026-11-13-erasmus-etudiants-levant"
    }
    assert all(title.startswith("Erasmus+") for title in titles.values())
    keys = {a.key for a in french}
    for article in articles:
        assert article.image is not None
        assert Path(config.content_dir, article.image.src).is_file()
        assert set(article.related) <= keys
        assert taxonomy.allowed_in("section", article.section, article.edition)
    for article in by_edition(articles, "fa"):
        text = article.title + article.summary + article.body
        assert not ARABIC_YEH_KAF & set(text), article.path

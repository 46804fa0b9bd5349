from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import polib
import pytest
from helpers import assert_golden

from i18n_news.catalogs.articles import article_messages
from i18n_news.config import Config, load_config
from i18n_news.errors import I18nNewsError
from i18n_news.report.articles import CatalogTranslations, article_rows
from i18n_news.sources.content import load_articles
from i18n_news.sources.stories import stamp

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parents[1] / "data"
NOW = datetime(2025, 9, 1, 12, 0, tzinfo=UTC)
SEED_KEY = "2024-12-12-russia-syria-bases"
FIELDS = [
    "key",
    "edition",
    "lang",
    "dir",
    "path",
    "title",
    "summary",
    "byline",
    "author",
    "source",
    "published",
    "published_utc",
    "updated",
    "dateline",
    "section",
    "region",
    "tags",
    "image",
    "related",
    "words",
    "reading_minutes",
    "reading_time",
    "status",
]


@pytest.fixture
def config(tmp_path: Path) -> Config:
    shutil.copytree(DATA / "content" / "newsroom", tmp_path / "newsroom")
    return load_config(tmp_path / "newsroom" / "i18nnews.toml")


def jsonl(rows: list[dict[str, object]]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def by_key(rows: list[dict[str, object]]) -> dict[tuple[object, object], dict[str, object]]:
    return {(row["key"], row["edition"]): row for row in rows}


def test_rows_golden(config: Config, update_golden: bool) -> None:
    rows = article_rows(config, now=NOW)
    assert all(list(row) == FIELDS for row in rows)
    assert_golden(jsonl(rows), DATA / "articles" / "newsroom.jsonl", update_golden)


def test_rows_are_localized(config: Config) -> None:
    rows = by_key(article_rows(config, now=NOW))
    en, ar, es = (rows[("2024-12-12-russia-bases", code)] for code in ("en", "ar", "es"))
    assert [r["published"] for r in (en, ar, es)] == ["2024-12-12T23:53:00+02:00"] * 3
    assert en["published_utc"] == "2024-12-12T21:53:00Z"
    assert (en["dateline"], ar["dateline"], es["dateline"]) == (
        "12 Dec 2024 23:53",
        "١٢ كانون الأول ٢٠٢٤ ٢٣:٥٣",
        "12 dic 2024 23:53",
    )
    assert (en["byline"], ar["byline"], es["byline"]) == (
        "Al Mayadeen English",
        "الميادين الإنكليزية",
        "Al Mayadeen English",
    )
    # fuzzy translations are not used: "Syria" stays English in Arabic
    assert ar["tags"] == [{"key": "russia", "label": "روسيا"}, {"key": "syria", "label": "Syria"}]
    assert es["tags"] == [{"key": "russia", "label": "Rusia"}, {"key": "syria", "label": "Siria"}]
    assert (ar["lang"], ar["dir"], en["dir"]) == ("ar-LB", "rtl", "ltr")
    assert (en["reading_time"], es["reading_time"]) == ("1 Min Read", "1 min de lectura")
    assert ar["reading_time"] == "دقيقة قراءة واحدة"  # form 1 of the six Arabic forms
    assert en["image"] == {
        "src": "img/bases.svg",
        "caption": "A grey ship at a quay.",
        "credit": "Test",
    }
    assert ar["path"] == "content/ar/politics/russia-bases.md"
    assert [en["status"], ar["status"]] == ["original", "translated"]


def test_reading_time_uses_the_plural_form_and_edition_digits(config: Config) -> None:
    path = config.content_dir / "ar" / "politics" / "russia-bases.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + ("\nكلمة " * 650), encoding="utf-8")
    row = by_key(article_rows(config, edition="ar"))[("2024-12-12-russia-bases", "ar")]
    assert row["reading_minutes"] == 4
    assert row["reading_time"] == "٤ دقائق قراءة"


def test_order_and_filters(config: Config) -> None:
    rows = article_rows(config)
    assert [(r["key"], r["edition"]) for r in rows] == [
        ("2024-12-12-russia-bases", "en"),
        ("2024-12-12-russia-bases", "ar"),
        ("2024-12-12-russia-bases", "es"),
        ("2025-07-23-marchas-gaza", "en"),
        ("2025-07-23-marchas-gaza", "ar"),
        ("2025-07-23-marchas-gaza", "es"),
        ("2025-08-20-entrevista-economista", "es"),
        ("2025-08-22-budget-draft", "en"),
    ]
    assert {r["edition"] for r in article_rows(config, edition="es")} == {"es"}
    only = article_rows(config, paths=[config.content_dir / "es" / "politica"])
    assert [r["path"] for r in only] == [
        "content/es/politica/rusia-bases.md",
        "content/es/politica/marchas-gaza.md",
    ]
    with pytest.raises(I18nNewsError, match="unknown edition 'fr'"):
        article_rows(config, edition="fr")


def test_statuses(config: Config) -> None:
    stamp(config.content_dir / "es" / "politica" / "rusia-bases.md", config)
    en = config.content_dir / "en" / "politics" / "russia-bases.md"
    en.write_text(
        en.read_text(encoding="utf-8").replace("Nothing has", "Nothing had"), encoding="utf-8"
    )
    rows = by_key(article_rows(config))
    assert rows[("2024-12-12-russia-bases", "es")]["status"] == "stale"
    assert rows[("2024-12-12-russia-bases", "ar")]["status"] == "translated"  # never stamped
    assert rows[("2025-07-23-marchas-gaza", "es")]["status"] == "original"
    assert rows[("2025-08-22-budget-draft", "en")]["status"] == "draft"
    assert rows[("2025-08-22-budget-draft", "en")]["published"] == "2025-08-22T09:00:00+03:00"


def test_row_for_an_edition_from_its_catalog(config: Config) -> None:
    (config.content_dir / "es" / "politica" / "rusia-bases.md").unlink()
    origin = next(
        a for a in load_articles(config, edition="en") if a.key == "2024-12-12-russia-bases"
    )
    po = polib.POFile()
    po.metadata = {"Language": "es", "Content-Type": "text/plain; charset=UTF-8"}
    for message in article_messages(origin):
        po.append(polib.POEntry(msgctxt=message.msgctxt, msgid=message.msgid, msgstr="traducido"))
    catalog = config.catalog_path("es", "articles/2024-12-12-russia-bases")
    catalog.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(catalog))
    row = by_key(article_rows(config))[("2024-12-12-russia-bases", "es")]
    assert row["status"] == "from-catalog"
    assert row["path"] == "locales/es/LC_MESSAGES/articles/2024-12-12-russia-bases.po"
    assert row["title"] == "traducido" and row["words"] == 4


def test_a_broken_file_elsewhere_does_not_stop_the_rows_asked_for(config: Config) -> None:
    broken = config.content_dir / "ar" / "politics" / "broken.md"
    broken.write_text("no front matter\n", encoding="utf-8")
    assert len(article_rows(config, paths=[config.content_dir / "es"])) == 3
    with pytest.raises(I18nNewsError, match=r"content/ar/politics/broken.md:1: no front matter"):
        article_rows(config)


def test_catalog_translations_plural_fallbacks() -> None:
    english = CatalogTranslations(None, "en")
    assert english.ngettext("%(num)d Share", "%(num)d Shares", 1) == "%(num)d Share"
    assert english.ngettext("%(num)d Share", "%(num)d Shares", 2) == "%(num)d Shares"
    po = polib.POFile()
    po.metadata = {"Language": "ar"}  # no Plural-Forms: the canonical Arabic rule applies
    po.append(
        polib.POEntry(msgid="a", msgid_plural="b", msgstr_plural={i: f"f{i}" for i in range(6)})
    )
    arabic = CatalogTranslations(po, "ar")
    assert [arabic.ngettext("a", "b", n) for n in (0, 1, 2, 3, 11, 100)] == [
        "f0",
        "f1",
        "f2",
        "f3",
        "f4",
        "f5",
    ]


SAMPLE = ROOT / "content" / "en"


@pytest.mark.skipif(not SAMPLE.is_dir(), reason="the sample newsroom is not in the tree yet")
def test_sample_golden(update_golden: bool) -> None:
    config = load_config(ROOT / "pyproject.toml")
    rows = article_rows(config, now=NOW)
    seed = [row for row in rows if row["key"] == SEED_KEY]
    assert [row["edition"] for row in seed] == ["en", "ar", "es"]
    assert {row["published"] for row in seed} == {"2024-12-12T23:53:00+02:00"}
    assert [row["dateline"] for row in seed] == [
        "12 Dec 2024 23:53",
        "١٢ كانون الأول ٢٠٢٤ ٢٣:٥٣",
        "12 dic 2024 23:53",
    ]
    assert_golden(jsonl(rows), DATA / "articles" / "sample.jsonl", update_golden)

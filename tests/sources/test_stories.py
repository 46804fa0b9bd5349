from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path

import polib
import pytest

from i18n_news.catalogs.articles import (
    ArticleMessage,
    article_messages,
    block_context,
    body_blocks,
    load_stories,
    materialize,
    read_catalog,
)
from i18n_news.config import Config, load_config
from i18n_news.errors import I18nNewsError
from i18n_news.sources.content import load_articles
from i18n_news.sources.frontmatter import split_lines
from i18n_news.sources.stories import origin_hash, stamp, story_status

DATA = Path(__file__).resolve().parents[1] / "data" / "content"
KEY = "2024-12-12-russia-bases"


@pytest.fixture
def config(tmp_path: Path) -> Config:
    shutil.copytree(DATA / "newsroom", tmp_path / "newsroom")
    return load_config(tmp_path / "newsroom" / "i18nnews.toml")


def en_file(config: Config) -> Path:
    return config.content_dir / "en" / "politics" / "russia-bases.md"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def statuses(config: Config, key: str = KEY) -> dict[str, str]:
    story = load_stories(config)[key]
    return {code: story_status(story, code) for code in config.editions}


# --- origin hash and status ------------------------------------------------


def test_origin_hash_normalizes_whitespace_and_newlines(config: Config) -> None:
    article = next(a for a in load_articles(config, edition="en") if a.key == KEY)
    digest = origin_hash(article)
    assert digest.startswith("sha256:") and len(digest) == 71
    crlf = replace(article, body=article.body.replace("\n", "  \r\n") + "\n\n")
    assert origin_hash(crlf) == digest
    assert origin_hash(replace(article, title=article.title + "!")) != digest
    assert origin_hash(replace(article, summary="")) != digest
    assert origin_hash(replace(article, image=None)) != digest
    assert origin_hash(replace(article, tags=("other",), shares=99)) == digest  # not translatable


def test_unstamped_translation_counts_as_translated(config: Config) -> None:
    assert statuses(config) == {"en": "original", "ar": "translated", "es": "translated"}


def test_stale_after_editing_the_origin_title_and_stamp_clears_it(config: Config) -> None:
    ar = config.content_dir / "ar" / "politics" / "russia-bases.md"
    es = config.content_dir / "es" / "politica" / "rusia-bases.md"
    assert stamp(ar, config) is True
    assert stamp(es, config) is True
    assert statuses(config) == {"en": "original", "ar": "translated", "es": "translated"}

    edit(en_file(config), 'title = "Russia keeps talking', 'title = "Russia still talking')
    assert statuses(config) == {"en": "original", "ar": "stale", "es": "stale"}

    before = es.read_bytes()
    assert stamp(es, config) is True
    after = es.read_bytes()
    changed = [
        (a, b)
        for a, b in zip(split_lines(before.decode()), split_lines(after.decode()), strict=True)
        if a != b
    ]
    assert len(changed) == 1 and changed[0][1].startswith('origin_hash = "sha256:')
    assert statuses(config) == {"en": "original", "ar": "stale", "es": "translated"}


def test_stamp_yaml_inserts_after_origin_and_is_idempotent(config: Config) -> None:
    ar = config.content_dir / "ar" / "politics" / "russia-bases.md"
    before = ar.read_text(encoding="utf-8")
    assert stamp(ar, config) is True
    after = ar.read_text(encoding="utf-8")
    origin = next(a for a in load_articles(config, edition="en") if a.key == KEY)
    assert after == before.replace(
        "origin: en\n", f'origin: en\norigin_hash: "{origin_hash(origin)}"\n'
    )
    os.utime(ar, (1_000_000_000, 1_000_000_000))
    assert stamp(ar, config) is False
    assert ar.stat().st_mtime == 1_000_000_000  # untouched
    assert ar.read_text(encoding="utf-8") == after


def test_stamp_refuses_an_original(config: Config) -> None:
    with pytest.raises(I18nNewsError) as info:
        stamp(en_file(config), config)
    assert str(info.value) == (
        "content/en/politics/russia-bases.md:1: this file is an original (it has no 'origin' key); "
        "only a translation is stamped"
    )


def test_stamp_needs_the_origin_file(config: Config) -> None:
    en_file(config).unlink()
    with pytest.raises(I18nNewsError) as info:
        stamp(config.content_dir / "es" / "politica" / "rusia-bases.md", config)
    assert str(info.value) == (
        "content/es/politica/rusia-bases.md:14: the origin edition 'en' has no story with key "
        "'2024-12-12-russia-bases'"
    )


def test_stamp_outside_content(config: Config, tmp_path: Path) -> None:
    with pytest.raises(I18nNewsError, match="not inside the content directory"):
        stamp(tmp_path / "elsewhere.md", config)


def test_story_born_in_spanish(config: Config) -> None:
    key = "2025-07-23-marchas-gaza"
    assert statuses(config, key) == {"en": "translated", "ar": "translated", "es": "original"}
    for path in ("en/politics/marches-gaza.md", "ar/politics/marches-gaza.md"):
        assert stamp(config.content_dir / path, config) is True
    edit(config.content_dir / "es/politica/marchas-gaza.md", "nuevas jornadas", "más jornadas")
    assert statuses(config, key) == {"en": "stale", "ar": "stale", "es": "original"}
    stamp(config.content_dir / "en/politics/marches-gaza.md", config)
    assert statuses(config, key) == {"en": "translated", "ar": "stale", "es": "original"}
    # The English edition changing does not make a story born in Spanish stale.
    edit(config.content_dir / "en/politics/marches-gaza.md", "more days", "further days")
    assert statuses(config, key)["ar"] == "stale" and statuses(config, key)["en"] == "translated"


def test_draft_and_missing(config: Config) -> None:
    assert statuses(config, "2025-08-22-budget-draft") == {
        "en": "draft",
        "ar": "missing",
        "es": "missing",
    }


# --- per-article catalogs --------------------------------------------------


def test_body_blocks() -> None:
    body = (
        "\nFirst paragraph\nwith two lines.  \n\n## A heading ##\nText after heading.\n\n"
        "```\ncode\n\nmore code\n```\n\n![](img/x.svg)\n\n- one\n- two\n"
    )
    blocks = body_blocks(body)
    assert [(b.kind, b.prefix, b.text, b.line) for b in blocks] == [
        ("p", "", "First paragraph\nwith two lines.", 1),
        ("h", "## ", "A heading", 4),
        ("p", "", "Text after heading.", 5),
        ("raw", "", "```\ncode\n\nmore code\n```", 7),
        ("raw", "", "![](img/x.svg)", 13),
        ("p", "", "- one\n- two", 15),
    ]


def test_article_messages(config: Config) -> None:
    article = next(a for a in load_articles(config, edition="en") if a.key == KEY)
    messages = article_messages(article)
    title = "Russia keeps talking to Syria's new rulers about its bases"
    assert messages[:3] == [
        ArticleMessage("title", title, "Headline of the story 2024-12-12-russia-bases", 3),
        ArticleMessage(
            "summary",
            "Moscow wants to hold on to its naval and air facilities.",
            f"Summary of “{title}”",
            4,
        ),
        ArticleMessage("caption", "A grey ship at a quay.", f"Image caption of “{title}”", 12),
    ]
    body = messages[3:]
    assert [m.msgctxt.split("-")[0] for m in body] == ["p1", "h2", "p3", "p4"]
    assert [m.line for m in body] == [16, 18, 20, 22]
    assert body[1].msgid == "The bases"
    assert body[0].msgctxt == block_context("p", 1, body[0].msgid)
    assert body[2].comment == f"Paragraph 3 of 4 of “{title}”"


def test_context_hash_is_stable_when_paragraphs_move(config: Config) -> None:
    article = next(a for a in load_articles(config, edition="en") if a.key == KEY)
    first = {m.msgid: m.msgctxt.split("-")[1] for m in article_messages(article)[3:]}
    swapped = replace(
        article, body="Nothing has been signed yet, the report said.\n\n" + article.body
    )
    second = {m.msgid: m.msgctxt.split("-")[1] for m in article_messages(swapped)[3:]}
    assert all(second[msgid] == digest for msgid, digest in first.items())


def build_catalog(
    path: Path, messages: list[ArticleMessage], *, skip: str = "", fuzzy: str = ""
) -> Path:
    po = polib.POFile()
    po.metadata = {
        "Language": "es",
        "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    for message in messages:
        if message.msgctxt == skip:
            continue
        entry = polib.POEntry(
            msgctxt=message.msgctxt,
            msgid=message.msgid,
            msgstr=f"ES[{message.msgid}]",
            comment=message.comment,
        )
        if message.msgctxt == fuzzy:
            entry.flags.append("fuzzy")
        po.append(entry)
    po.append(polib.POEntry(msgctxt="p9-00000000", msgid="Gone", msgstr="", obsolete=True))
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return path


def test_materialize_an_edition_from_its_catalog(config: Config, tmp_path: Path) -> None:
    origin = next(a for a in load_articles(config, edition="en") if a.key == KEY)
    messages = article_messages(origin)
    path = build_catalog(tmp_path / "es.po", messages)
    made = materialize(origin, read_catalog(path), "es", path=path)
    assert made is not None
    assert made.edition == "es" and made.from_catalog and made.origin == "en"
    assert made.path == path and made.key == KEY and made.slug == origin.slug
    assert made.title == f"ES[{origin.title}]"
    assert made.image is not None and made.image.caption == "ES[A grey ship at a quay.]"
    assert made.image.credit == "Test" and made.published == origin.published
    assert made.body == (
        "ES[Moscow is keeping its lines open to the forces that now run Syria.]\n\n"
        "## ES[The bases]\n\n"
        "ES[The future of the naval facility and the air base tops the agenda. "
        "Officials gave no timetable.]\n\n"
        "ES[Nothing has been signed yet, the report said.]\n"
    )
    assert made.origin_hash == origin_hash(origin)
    # polib's own objects work as well as the project reader's
    assert materialize(origin, polib.pofile(str(path)), "es") is not None


@pytest.mark.parametrize("broken", ["skip", "fuzzy"])
def test_incomplete_or_fuzzy_catalog_does_not_materialize(
    config: Config, tmp_path: Path, broken: str
) -> None:
    origin = next(a for a in load_articles(config, edition="en") if a.key == KEY)
    messages = article_messages(origin)
    path = build_catalog(tmp_path / "es.po", messages, **{broken: messages[4].msgctxt})
    assert materialize(origin, read_catalog(path), "es") is None


def test_reordered_paragraphs_still_materialize(config: Config, tmp_path: Path) -> None:
    origin = next(a for a in load_articles(config, edition="en") if a.key == KEY)
    path = build_catalog(tmp_path / "es.po", article_messages(origin))
    paragraphs = origin.body.strip().split("\n\n")
    moved = replace(origin, body="\n\n".join([paragraphs[-1], *paragraphs[:-1]]) + "\n")
    made = materialize(moved, read_catalog(path), "es")
    assert made is not None
    assert made.body.startswith("ES[Nothing has been signed yet, the report said.]\n\n")


def test_load_stories_materializes_a_missing_edition(config: Config) -> None:
    (config.content_dir / "es" / "politica" / "rusia-bases.md").unlink()
    origin = next(a for a in load_articles(config, edition="en") if a.key == KEY)
    catalog = config.catalog_path("es", f"articles/{KEY}")
    build_catalog(catalog, article_messages(origin), fuzzy="title")
    story = load_stories(config)[KEY]
    assert "es" not in story.articles and story_status(story, "es") == "missing"

    build_catalog(catalog, article_messages(origin))
    story = load_stories(config)[KEY]
    assert story.articles["es"].from_catalog
    assert story.articles["es"].path == catalog
    assert story_status(story, "es") == "from-catalog"
    assert list(story.articles) == ["en", "ar", "es"]


def test_hand_written_file_wins_over_the_catalog(config: Config) -> None:
    origin = next(a for a in load_articles(config, edition="en") if a.key == KEY)
    build_catalog(config.catalog_path("es", f"articles/{KEY}"), article_messages(origin))
    story = load_stories(config)[KEY]
    assert not story.articles["es"].from_catalog


def test_broken_catalog_is_an_error_with_its_path(config: Config) -> None:
    (config.content_dir / "es" / "politica" / "rusia-bases.md").unlink()
    catalog = config.catalog_path("es", f"articles/{KEY}")
    catalog.parent.mkdir(parents=True)
    catalog.write_text('msgid "a"\nmsgstr "b\n', encoding="utf-8")
    errors: list[I18nNewsError] = []
    stories = load_stories(config, errors=errors)
    assert "es" not in stories[KEY].articles
    assert len(errors) == 1 and errors[0].path is not None and errors[0].path.endswith(f"{KEY}.po")
    with pytest.raises(I18nNewsError):
        load_stories(config)

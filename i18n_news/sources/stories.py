"""Stories across editions: grouping by key, staleness and ``stamp``.

A translation records ``origin`` (the edition it was translated from) and
``origin_hash``, a hash of the origin's translatable fields when it was last
brought up to date; a later edit of the origin changes the hash, so the
translation reads as *stale* until a translator runs ``i18nnews stamp``.
Any edition may be a story's origin. Per-article catalogs, the other way an
edition gets a story, are :mod:`i18n_news.catalogs.articles`.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from pathlib import Path
from typing import Literal

from i18n_news.config import Config
from i18n_news.errors import I18nNewsError
from i18n_news.fs import display_path
from i18n_news.model import Article, Story
from i18n_news.sources.frontmatter import read_text, set_string_value, write_atomic

Status = Literal["original", "translated", "from-catalog", "stale", "missing", "draft"]

_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$|^ {0,3}(#{1,6})[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")


def normalize_text(text: str) -> str:
    """The form hashed: NFC, ``\\n`` newlines, no trailing spaces, no outer blank lines.

    >>> normalize_text("Title  \\r\\n\\r\\nBody\\r\\n\\n")
    'Title\\n\\nBody'
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def origin_hash(article: Article) -> str:
    """``sha256:<hex>`` of the translatable fields: title, summary, image caption, body."""
    fields = {
        "title": normalize_text(article.title),
        "summary": normalize_text(article.summary),
        "caption": normalize_text(article.image.caption if article.image else ""),
        "body": normalize_text(article.body),
    }
    payload = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(payload.encode("utf-8")).hexdigest()


def story_status(story: Story, edition: str) -> Status:
    """Where ``edition`` stands for ``story``.

    A translation without a recorded ``origin_hash`` (never stamped) counts
    as translated: there is no evidence it is behind. A translation whose
    origin file is absent likewise cannot be judged stale.
    """
    article = story.articles.get(edition)
    if article is None:
        return "missing"
    if article.draft:
        return "draft"
    if article.from_catalog:
        return "from-catalog"
    if article.origin is None:
        return "original"
    source = story.articles.get(article.origin)
    if source is None or article.origin_hash is None:
        return "translated"
    return "translated" if article.origin_hash == origin_hash(source) else "stale"


# ---------------------------------------------------------------------------
# stamp
# ---------------------------------------------------------------------------


def stamp(path: Path | str, config: Config) -> bool:
    """Record the origin's current hash in the translation at ``path``.

    Only the ``origin_hash`` line changes (or is added after ``origin``); the
    body and every other byte stay as they were. Returns False, without
    touching the file, when the recorded hash is already current.
    """
    from i18n_news.sources.content import load_articles, read_article
    from i18n_news.sources.taxonomy import Taxonomy

    path = Path(path).resolve()
    shown = display_path(path, config.root)
    edition = edition_of(path, config)
    article = read_article(path, config.editions[edition], config, Taxonomy(), shown)
    if article.origin is None:
        raise I18nNewsError(
            "this file is an original (it has no 'origin' key); only a translation is stamped",
            shown,
            1,
        )
    problems: list[I18nNewsError] = []
    origins = [
        a
        for a in load_articles(config, taxonomy=Taxonomy(), edition=article.origin, errors=problems)
        if a.key == article.key
    ]
    if not origins:
        hint = f"; {len(problems)} file(s) there could not be read" if problems else ""
        raise I18nNewsError(
            f"the origin edition '{article.origin}' has no story with key '{article.key}'{hint}",
            shown,
            article.lines.get("origin", 1),
        )
    current = origin_hash(origins[0])
    if article.origin_hash == current:
        return False
    text = set_string_value(read_text(path), "origin_hash", current, after="origin", path=shown)
    write_atomic(path, text.encode("utf-8"))
    return True


def edition_of(path: Path, config: Config) -> str:
    """The edition a content file belongs to: the first folder under the content directory."""
    try:
        rel = Path(path).resolve().relative_to(config.content_dir)
    except ValueError:
        raise I18nNewsError(
            f"not inside the content directory ({config.content_dir})", path
        ) from None
    if len(rel.parts) < 2 or rel.parts[0] not in config.editions:
        raise I18nNewsError(
            f"not inside an edition folder (content/<edition>/, editions: "
            f"{', '.join(config.editions)})",
            path,
        )
    return rel.parts[0]


def group_stories(articles: list[Article], editions: list[str]) -> dict[str, dict[str, Article]]:
    """Articles by story key (sorted), each story's articles by edition."""
    grouped: dict[str, dict[str, Article]] = {}
    for article in articles:
        grouped.setdefault(article.key, {})[article.edition] = article
    return {key: grouped[key] for key in sorted(grouped)}

"""``i18nnews articles``: one JSON-ready row per article and edition.

Machine values (``published``, keys) are ISO-8601 with ASCII digits whatever
the edition; localized display strings (``byline``, ``dateline``, tag labels,
``reading_time``) sit in their own fields and come from the newsroom's
catalogs (``taxonomy.po``, ``messages.po``), falling back to English.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from i18n_news.catalogs.articles import load_stories, read_catalog
from i18n_news.catalogs.plurals import PluralFormsError, parse_header, plural_index
from i18n_news.config import Config
from i18n_news.errors import I18nNewsError
from i18n_news.fs import display_path
from i18n_news.model import Article, Edition, Story
from i18n_news.sources.content import Selection
from i18n_news.sources.stories import story_status
from i18n_news.sources.taxonomy import Taxonomy, load_taxonomy

READING_TIME = ("%(num)d Min Read", "%(num)d Min Read")


class CatalogTranslations:
    """gettext lookups over one parsed catalog: translated, non-fuzzy entries only.

    Implements the ``gettext``/``ngettext`` protocol the dates module formats
    with, plus ``pgettext`` for taxonomy labels (msgctxt = kind).
    """

    def __init__(self, po: Any = None, language: str = "en") -> None:
        self._singular: dict[tuple[str | None, str], str] = {}
        self._plural: dict[tuple[str | None, str], list[str]] = {}
        self._language = language
        self._plural_of = self._plural_function(po)
        for entry in getattr(po, "entries", po or ()):
            if getattr(entry, "obsolete", False) or "fuzzy" in entry.flags or not entry.msgid:
                continue
            key = (entry.msgctxt, entry.msgid)
            if entry.msgid_plural:
                forms = [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
                if forms and all(forms):
                    self._plural[key] = forms
            elif entry.msgstr:
                self._singular[key] = entry.msgstr

    def _plural_function(self, po: Any) -> Callable[[int], int]:
        if po is not None:
            meta = po.metadata() if callable(getattr(po, "metadata", None)) else po.metadata
            header = meta.get("Plural-Forms")
            if header:
                try:
                    return parse_header(header)[1]
                except PluralFormsError:
                    pass
            self._language = meta.get("Language") or self._language
        language = self._language
        return lambda n: plural_index(language, n)

    def gettext(self, message: str, /) -> str:
        return self._singular.get((None, message), message)

    def pgettext(self, context: str, message: str, /) -> str:
        return self._singular.get((context, message), message)

    def ngettext(self, singular: str, plural: str, n: int, /) -> str:
        forms = self._plural.get((None, singular))
        if forms:
            index = self._plural_of(n)
            if 0 <= index < len(forms):
                return forms[index]
        return singular if n == 1 else plural


def _translations(config: Config, edition: Edition, domain: str) -> CatalogTranslations:
    path = config.catalog_path(edition.code, domain)
    if not path.is_file():
        return CatalogTranslations(None, edition.language)
    return CatalogTranslations(read_catalog(path), edition.language)


def _dateline(dt: datetime, edition: Edition, now: datetime | None = None) -> str:
    """The article header's date in the edition's words and digits."""
    try:
        from i18n_news.localize.dates import format_date
    except ImportError:  # pragma: no cover - the dates module is in the tree
        from babel.dates import format_datetime

        return format_datetime(
            dt, "d MMM y HH:mm", locale=edition.locale, tzinfo=ZoneInfo(edition.timezone)
        )
    return format_date(dt, edition, "dateline", now=now)


def _words(body: str) -> int:
    try:
        from i18n_news.localize.reading import count_words
    except ImportError:  # pragma: no cover
        return sum(1 for token in body.split() if any(c.isalnum() for c in token))
    return count_words(body)


def _minutes(body: str, words: int, words_per_minute: int) -> int:
    try:
        from i18n_news.localize.reading import reading_minutes
    except ImportError:  # pragma: no cover
        return max(1, math.ceil(words / words_per_minute))
    return reading_minutes(body, words_per_minute)


def _reading_time(minutes: int, edition: Edition, translations: CatalogTranslations) -> str:
    try:
        from i18n_news.localize.reading import format_reading_time
    except ImportError:  # pragma: no cover
        return translations.ngettext(*READING_TIME, minutes) % {"num": minutes}
    return format_reading_time(minutes, edition, translations)


def iso(dt: datetime | None) -> str | None:
    """ISO-8601 with the article's own UTC offset.

    >>> from datetime import timedelta, timezone
    >>> iso(datetime(2024, 12, 12, 23, 53, tzinfo=timezone(timedelta(hours=2))))
    '2024-12-12T23:53:00+02:00'
    """
    return dt.isoformat() if dt is not None else None


def iso_utc(dt: datetime) -> str:
    """``2024-12-12T21:53:00Z``."""
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def article_row(
    article: Article,
    story: Story,
    edition: Edition,
    *,
    config: Config,
    taxonomy: Taxonomy,
    labels: CatalogTranslations,
    messages: CatalogTranslations,
    now: datetime | None = None,
) -> dict[str, Any]:
    """One row of ``i18nnews articles`` (field order as DESIGN.md lists them)."""

    def label(kind: str, key: str) -> str:
        return labels.pgettext(kind, taxonomy.label(kind, key)) if key else ""

    words = _words(article.body)
    minutes = _minutes(article.body, words, edition.words_per_minute)
    image = article.image
    return {
        "key": article.key,
        "edition": edition.code,
        "lang": edition.lang,
        "dir": edition.direction,
        "path": display_path(article.path, config.root),
        "title": article.title,
        "summary": article.summary,
        "byline": label("author", article.author),
        "author": article.author,
        "source": article.source,
        "published": iso(article.published),
        "published_utc": iso_utc(article.published),
        "updated": iso(article.updated),
        "dateline": _dateline(article.published, edition, now),
        "section": article.section,
        "region": article.region,
        "tags": [{"key": tag, "label": label("tag", tag)} for tag in article.tags],
        "image": (
            {"src": image.src, "caption": image.caption, "credit": image.credit} if image else None
        ),
        "related": list(article.related),
        "words": words,
        "reading_minutes": minutes,
        "reading_time": _reading_time(minutes, edition, messages),
        "status": story_status(story, edition.code),
    }


def article_rows(
    config: Config,
    *,
    paths: Iterable[Path | str] | None = None,
    edition: str | None = None,
    now: datetime | None = None,
) -> list[dict[str, Any]]:
    """Rows for every article (or those under ``paths``, or of one ``edition``).

    Ordered by key, then edition in config order. A broken file outside
    ``paths`` does not stop the rows of the files asked for.

    :param now: the clock for date patterns that depend on it (``this_year``).
    """
    if edition is not None:
        config.edition(edition)
    for given in paths or ():
        if not Path(given).exists():
            raise I18nNewsError("no such file or folder", given)
    wanted = Selection(paths)
    taxonomy = load_taxonomy(config.taxonomy_path, config.editions)
    errors: list[I18nNewsError] = []
    stories = load_stories(config, taxonomy=taxonomy, errors=errors)
    for error in errors:
        if wanted(config.root / (error.path or "")):
            raise error
    catalogs: dict[str, tuple[CatalogTranslations, CatalogTranslations]] = {}
    rows: list[dict[str, Any]] = []
    for key in sorted(stories):
        story = stories[key]
        for code, ed in config.editions.items():
            article = story.articles.get(code)
            if article is None or (edition is not None and code != edition):
                continue
            if not wanted(article.path):
                continue
            if code not in catalogs:
                catalogs[code] = (
                    _translations(config, ed, "taxonomy"),
                    _translations(config, ed, "messages"),
                )
            labels, messages = catalogs[code]
            row = article_row(
                article,
                story,
                ed,
                config=config,
                taxonomy=taxonomy,
                labels=labels,
                messages=messages,
                now=now,
            )
            rows.append(row)
    return rows

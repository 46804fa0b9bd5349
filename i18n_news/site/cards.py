"""Story cards (a story as listings and sidebars show it) and the images pages point at.

A card's facts (title, summary, section, time, reading minutes, image) are
the same wherever the card appears, so they are computed once per story and
edition; only its links depend on the page that shows it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, NamedTuple

from i18n_news.localize.reading import reading_minutes
from i18n_news.model import Article, Edition
from i18n_news.site.pages import MediaFile, local_time
from i18n_news.site.sanitize import clean_text
from i18n_news.site.urls import Links, PageRegistry, is_remote

__all__ = ["Cards"]


class _CardFacts(NamedTuple):
    """A story card's page-independent part."""

    title: str
    path: str
    summary: str
    section: str | None
    published: datetime | None
    reading_minutes: int
    image_src: str | None


class Cards:
    """Cards and image references of every edition's stories."""

    def __init__(
        self,
        editions: Mapping[str, Edition],
        registry: PageRegistry,
        links: Links,
        media: Mapping[str, MediaFile],  # image src -> copied file
    ) -> None:
        self.editions = editions
        self.registry = registry
        self.links = links
        self.media = media
        self._facts: dict[tuple[str, str], _CardFacts] = {}
        self._minutes: dict[tuple[str, str], int] = {}

    def minutes(self, code: str, article: Article) -> int:
        """Reading time of the story at the edition's reading speed."""
        key = (code, article.key)
        if key not in self._minutes:
            self._minutes[key] = reading_minutes(article.body, self.editions[code].words_per_minute)
        return self._minutes[key]

    def card(self, code: str, link: Callable[[str], str], article: Article) -> dict[str, Any]:
        """The card of ``article`` on a page whose links ``link`` makes."""
        facts = self._facts.get((code, article.key))
        if facts is None:
            facts = self._facts[(code, article.key)] = self._card_facts(code, article)
        return {
            "title": facts.title,
            "url": link(facts.path),
            "summary": facts.summary,
            "section": facts.section,
            "section_url": self.registry.section_link(code, link, facts.section),
            "published": facts.published,
            "reading_minutes": facts.reading_minutes,
            "image": self.image(link, facts.image_src),
        }

    def _card_facts(self, code: str, article: Article) -> _CardFacts:
        """What a story card shows wherever it appears; only its links depend on the page."""
        return _CardFacts(
            title=clean_text(article.title),
            path=self.registry.path(("article", article.key), code),
            summary=clean_text(article.summary),
            section=article.section or None,
            published=local_time(self.editions[code], article.published),
            reading_minutes=self.minutes(code, article),
            image_src=article.image.src if article.image else None,
        )

    def image(self, link: Callable[[str], str], src: str | None) -> dict[str, Any] | None:
        """An image as a page links it: the copied file with its size, or a remote URL."""
        if not src:
            return None
        media = self.media.get(src)
        if media is None:
            return {"url": src, "width": None, "height": None} if is_remote(src) else None
        return {"url": link(media.path), "width": media.width, "height": media.height}

    def image_absolute(self, code: str, src: str | None) -> str | None:
        """An image's absolute URL (Open Graph, JSON-LD), None when there is none."""
        if not src:
            return None
        media = self.media.get(src)
        if media is None:
            return src if is_remote(src) else None
        return self.links.absolute(code, media.path)

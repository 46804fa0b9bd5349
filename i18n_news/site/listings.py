"""Which listings an edition has, the stories each one shows, and how they paginate.

Listings are the home page and the section, region, tag and author indexes.
An edition lists the sections and regions the taxonomy allows it, then the
ones its stories use anyway, and only the tags and authors its stories use.
A section lists its own stories and those of its subsections. Everything
here is computed once per build and shared by every page that asks.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, TypeVar

from i18n_news.errors import I18nNewsError
from i18n_news.model import Article, Story
from i18n_news.site.urls import RESERVED_SEGMENTS
from i18n_news.sources.taxonomy import Taxonomy

__all__ = ["Listings", "lastmod"]

_T = TypeVar("_T")


def lastmod(shown: Iterable[Article]) -> datetime | None:
    """A listing page changes when one of the stories it shows does."""
    return max((a.updated or a.published for a in shown), default=None)


class Listings:
    """The newsroom's stories as listings see them: per edition, per listing, per page."""

    def __init__(
        self,
        editions: Iterable[str],
        stories: Mapping[str, Story],
        taxonomy: Taxonomy,
        per_page: int,
    ) -> None:
        self.stories = stories
        self.taxonomy = taxonomy
        self.per_page = per_page
        self._check_reserved()
        #: Each edition's published stories, newest first.
        self.articles: dict[str, list[Article]] = {code: self._published(code) for code in editions}
        # Per-edition facts every page repeats, computed once (see _cached).
        self._memo: dict[Hashable, Any] = {}

    def _check_reserved(self) -> None:
        for entry in self.taxonomy.entries("section"):
            if entry.key in RESERVED_SEGMENTS:
                raise I18nNewsError(
                    f"section key '{entry.key}' is reserved for other pages of the build "
                    f"({', '.join(sorted(RESERVED_SEGMENTS))})",
                    self.taxonomy.path,
                    entry.line,
                )

    def _published(self, code: str) -> list[Article]:
        found = [
            story.articles[code]
            for story in self.stories.values()
            if code in story.articles and not story.articles[code].draft
        ]
        found.sort(key=lambda a: (-a.published.timestamp(), a.key))
        return found

    def _cached(self, key: Hashable, compute: Callable[[], _T]) -> _T:
        """``compute()`` once per key: pages repeat the same edition-wide lists."""
        try:
            value: _T = self._memo[key]  # each key holds what its compute() returned
        except KeyError:
            value = self._memo[key] = compute()
        return value

    # ------------------------------------------------------------------ the section tree

    def allowed(self, kind: str, code: str) -> tuple[str, ...]:
        """Taxonomy keys of ``kind`` the edition may use, then keys its articles use anyway."""
        return self._cached(("allowed", kind, code), lambda: tuple(self._find_allowed(kind, code)))

    def _find_allowed(self, kind: str, code: str) -> list[str]:
        keys = [
            e.key
            for e in self.taxonomy.entries(kind)
            if self.taxonomy.allowed_in(kind, e.key, code)
        ]
        field_name = {"section": "section", "region": "region"}[kind]
        for article in self.articles[code]:
            value = getattr(article, field_name)
            if value and value not in keys:
                keys.append(value)
        return keys

    def children(self, section: str) -> tuple[str, ...]:
        return self._cached(
            ("children", section),
            lambda: tuple(e.key for e in self.taxonomy.entries("section") if e.parent == section),
        )

    def descendants(self, section: str) -> set[str]:
        found = {section}
        todo = [section]
        while todo:
            for child in self.children(todo.pop()):
                if child not in found:
                    found.add(child)
                    todo.append(child)
        return found

    def section_chain(self, key: str) -> list[str]:
        """The section and its parents, outermost first (breadcrumbs)."""
        chain: list[str] = []
        current: str | None = key
        while current and current not in chain:
            chain.insert(0, current)
            entry = self.taxonomy.get("section", current)
            current = entry.parent if entry else None
        return chain

    # ------------------------------------------------------------------ listings and pages

    def keys(self, code: str) -> list[tuple[str, str | None]]:
        """``(kind, key)`` of every listing the edition has, in page order."""
        keys: list[tuple[str, str | None]] = [("home", None)]
        keys += [("section", k) for k in self.allowed("section", code)]
        keys += [("region", k) for k in self.allowed("region", code)]
        tags: list[str] = []
        authors: list[str] = []
        for article in sorted(self.articles[code], key=lambda a: a.key):
            tags += [t for t in article.tags if t not in tags]
            if article.author and article.author not in authors:
                authors.append(article.author)
        keys += [("tag", k) for k in sorted(tags)]
        keys += [("author", k) for k in sorted(authors)]
        return keys

    def shown(self, code: str, kind: str, key: str | None) -> list[Article]:
        """The listing's articles, shared by its pages: do not mutate."""
        return self._cached(("listing", code, kind, key), lambda: self._find_shown(code, kind, key))

    def _find_shown(self, code: str, kind: str, key: str | None) -> list[Article]:
        items = self.articles[code]
        if kind == "home":
            return list(items)
        if kind == "section":
            keys = self.descendants(key or "")
            return [a for a in items if a.section in keys]
        if kind == "region":
            return [a for a in items if a.region == key]
        if kind == "tag":
            return [a for a in items if key in a.tags]
        if kind == "author":
            return [a for a in items if a.author == key]
        raise ValueError(kind)

    def page_count(self, code: str, kind: str, key: str | None) -> int:
        """Pages of the listing: one even when it is empty."""
        count = len(self.shown(code, kind, key))
        return max(1, math.ceil(count / self.per_page))

    def page_slice(self, items: Sequence[Article], number: int) -> Sequence[Article]:
        """The stories listed on page ``number`` (1-based) of a listing."""
        per_page = self.per_page
        return items[(number - 1) * per_page : number * per_page]

    # ------------------------------------------------------------------ rankings

    def top_tags(self, code: str, count: int) -> list[str]:
        """The edition's ``count`` most used tags, most used first."""

        def compute() -> list[str]:
            counts: dict[str, int] = {}
            for article in self.articles[code]:
                for tag in article.tags:
                    counts[tag] = counts.get(tag, 0) + 1
            return sorted(counts, key=lambda t: (-counts[t], t))[:count]

        return self._cached(("top_tags", code, count), compute)

    def most_shared(self, code: str, count: int) -> list[Article]:
        """The edition's ``count`` most shared stories.

        The ranking is a total order, so leaving one story out of a head one
        longer than needed gives the same list as leaving it out before sorting.
        """

        def compute() -> list[Article]:
            ranked = sorted(
                self.articles[code], key=lambda a: (-a.shares, -a.published.timestamp(), a.key)
            )
            return ranked[:count]

        return self._cached(("most_shared", code, count), compute)

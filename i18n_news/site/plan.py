"""The page plan: which pages each edition has, their URLs and their template context.

Pure: stories, taxonomy, settings and translations in; :class:`Page` values
out. Nothing here renders HTML or touches the output folder, so the plan is
cheap enough to compute on every build and compare with the last one.

:class:`SitePlanner` composes the plan's parts: the listings and their
pagination (:mod:`i18n_news.site.listings`), the URL scheme and the registry
of logical pages every edition shares (:mod:`i18n_news.site.urls`), story
cards (:mod:`i18n_news.site.cards`) and the template contexts
(:mod:`i18n_news.site.context`, with :mod:`i18n_news.site.jsonld`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from i18n_news.config import Config
from i18n_news.errors import I18nNewsError
from i18n_news.model import Article, Story
from i18n_news.site.cards import Cards
from i18n_news.site.context import PageContexts
from i18n_news.site.listings import Listings, lastmod
from i18n_news.site.pages import (
    EditionLabels,
    FeedEntry,
    Page,
    SitemapEntry,
    SiteSettings,
    local_time,
)
from i18n_news.site.sanitize import clean_text
from i18n_news.site.urls import (
    Links,
    Logical,
    PageRegistry,
    article_path,
    listing_path,
    output_file,
)
from i18n_news.sources.taxonomy import Taxonomy

__all__ = ["SitePlanner"]


class SitePlanner:
    """Plans every page of the selected editions from the whole newsroom."""

    def __init__(
        self,
        config: Config,
        stories: Mapping[str, Story],
        taxonomy: Taxonomy,
        settings: SiteSettings,
        labels: Mapping[str, EditionLabels],
    ) -> None:
        self.config = config
        self.labels = labels
        self.listings = Listings(config.editions, stories, taxonomy, settings.per_page)
        self.links = Links(settings.base_urls)
        self.registry = PageRegistry(config.editions, config.source_edition, self.links)
        for code in config.editions:
            self.registry.register(code, self._page_paths(code))
        self.cards = Cards(config.editions, self.registry, self.links, settings.media)
        self.contexts = PageContexts(
            config,
            stories,
            settings,
            labels,
            self.listings,
            self.registry,
            self.links,
            self.cards,
        )

    def _page_paths(self, code: str) -> Iterator[tuple[Logical, str, Article | None]]:
        """Every page of edition ``code`` as ``(logical page, path, story)``, in page order."""
        listings = self.listings
        for kind, key in listings.keys(code):
            for number in range(1, listings.page_count(code, kind, key) + 1):
                yield (kind, key, number), listing_path(kind, key, number), None
        for article in listings.articles[code]:
            if article.slug == "page":
                raise I18nNewsError(
                    "the slug 'page' is reserved for pagination",
                    article.path,
                    article.lines.get("slug", 1),
                )
            yield ("article", article.key), article_path(article), article
        yield ("404",), "404.html", None

    # ------------------------------------------------------------------ pages

    def plan(self, editions: Sequence[str]) -> list[Page]:
        return list(self.iter_pages(editions))

    def iter_pages(
        self, editions: Sequence[str], select: Callable[[str], bool] | None = None
    ) -> Iterator[Page]:
        """The pages of ``editions`` one at a time: a large archive is never planned in memory.

        ``select`` sees each page's output file (``ar/politics/slug/index.html``)
        before the page is planned; a shard plans only the pages it renders.
        """
        for code in editions:
            yield from self._edition_pages(code, select)

    def page_index(self, code: str) -> Iterator[tuple[str, SitemapEntry | None]]:
        """Each page's output file and sitemap entry, in :meth:`iter_pages` order, unplanned.

        What ``build --merge`` needs of the pages the shards rendered; the
        entries equal ``feeds.sitemap_entry`` of the planned pages (the merge
        tests compare the merged sitemaps with a one-machine build's).
        """
        listings, registry, absolute = self.listings, self.registry, self.links.absolute
        for kind, key in listings.keys(code):
            items = listings.shown(code, kind, key)
            for number in range(1, listings.page_count(code, kind, key) + 1):
                logical: Logical = (kind, key, number)
                path = registry.path(logical, code)
                entry = None
                if items:
                    entry = SitemapEntry(
                        absolute(code, path),
                        lastmod(listings.page_slice(items, number)),
                        registry.hreflang(logical),
                    )
                yield f"{code}/{output_file(path)}", entry
        for article in listings.articles[code]:
            logical = ("article", article.key)
            path = registry.path(logical, code)
            yield (
                f"{code}/{output_file(path)}",
                SitemapEntry(
                    absolute(code, path),
                    article.updated or article.published,
                    registry.hreflang(logical),
                ),
            )
        yield f"{code}/404.html", None

    def count_pages(
        self, editions: Sequence[str], select: Callable[[str], bool] | None = None
    ) -> int:
        """How many pages :meth:`iter_pages` yields, without planning them."""
        return sum(
            1
            for code, path in self.registry.outputs()
            if code in editions and (select is None or select(f"{code}/{output_file(path)}"))
        )

    def _edition_pages(
        self, code: str, select: Callable[[str], bool] | None = None
    ) -> Iterable[Page]:
        def wanted(path: str) -> bool:
            return select is None or select(f"{code}/{output_file(path)}")

        listings = self.listings
        for kind, key in listings.keys(code):
            total = listings.page_count(code, kind, key)
            for number in range(1, total + 1):
                if wanted(listing_path(kind, key, number)):
                    yield self._listing_page(code, kind, key, number, total)
        for article in listings.articles[code]:
            if wanted(article_path(article)):
                yield self._article_page(code, article)
        if wanted("404.html"):
            yield self._not_found_page(code)

    def _article_page(self, code: str, article: Article) -> Page:
        logical: Logical = ("article", article.key)
        path = self.registry.path(logical, code)
        return Page(
            code,
            path,
            "article.html",
            self.contexts.article(code, article, path, logical),
            logical,
            lastmod=article.updated or article.published,
            alternates=self.registry.hreflang(logical),
        )

    def _listing_page(self, code: str, kind: str, key: str | None, number: int, total: int) -> Page:
        logical: Logical = (kind, key, number)
        path = self.registry.path(logical, code)
        context = self.contexts.listing(code, logical, path, total)
        items = self.listings.shown(code, kind, key)
        return Page(
            code,
            path,
            "index.html",
            context,
            logical,
            lastmod(self.listings.page_slice(items, number)),
            self.registry.hreflang(logical),
            bool(items),
        )

    def _not_found_page(self, code: str) -> Page:
        logical: Logical = ("404",)
        path = "404.html"
        context = self.contexts.not_found(code, path, logical)
        return Page(
            code, path, "404.html", context, logical, None, self.registry.hreflang(logical), False
        )

    # ------------------------------------------------------------------ feeds

    def feed_entries(self, code: str) -> list[FeedEntry]:
        """The edition's stories, newest first, with absolute URLs and translated labels."""
        edition = self.config.editions[code]
        label = self.labels[code].taxonomy
        return [
            FeedEntry(
                key=article.key,
                url=self.links.absolute(code, self.registry.path(("article", article.key), code)),
                title=clean_text(article.title),
                summary=clean_text(article.summary),
                published=local_time(edition, article.published),
                updated=local_time(edition, article.updated),
                author=label("author", article.author) if article.author else "",
                section=label("section", article.section) if article.section else "",
                tags=tuple(label("tag", t) for t in article.tags),
            )
            for article in self.listings.articles[code]
        ]

"""What each theme template gets: the context of a story page, a listing page and the 404 page.

Every context starts with the layout's part (:meth:`PageContexts.layout`:
edition, language switcher, alternates, navigation, ticker, footer links,
asset URLs), which ``base.html``, ``_nav.html`` and ``_footer.html`` read.
Contexts are plain data (dicts, lists, strings, datetimes): untrusted text is
bidi-balanced here and escaped by Jinja; a story's body stays Markdown until
a worker renders it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from datetime import timedelta
from functools import lru_cache
from typing import Any

from babel import Locale, UnknownLocaleError

from i18n_news.config import Config
from i18n_news.model import Article, Edition, Story
from i18n_news.site import jsonld
from i18n_news.site.cards import Cards
from i18n_news.site.listings import Listings
from i18n_news.site.pages import EditionLabels, SiteSettings, local_time
from i18n_news.site.sanitize import clean_text
from i18n_news.site.urls import Links, Logical, PageRegistry, is_remote, listing_path

__all__ = ["PageContexts", "language_name"]

BREAKING_WINDOW = timedelta(hours=48)
BREAKING_MAX = 5
SIDEBAR_ITEMS = 4
READ_NEXT_ITEMS = 4
COVERAGE_ITEMS = 4
NAV_GROUPS = ("news", "articles")
NAV_ITEMS = {
    "videos": "videos",
    "infographs": "infographs",
    "in_pictures": "in-pictures",
    "live": "live",
}
FOOTER_LINKS = ("privacy", "about", "contact", "authors")


def language_name(edition: Edition) -> str:
    """The edition's language in its own words, for the switcher: English, العربية, Español.

    >>> language_name(Edition("es", "es", "Red El Mayadeen", "ltr"))
    'Español'
    """
    return _language_name(edition.locale, edition.name)


@lru_cache(maxsize=256)
def _language_name(locale: str, fallback: str) -> str:
    # Cached: every page names every edition, and parsing a locale is slow.
    try:
        name = Locale.parse(locale).get_language_name(locale) or fallback
    except (UnknownLocaleError, ValueError):
        name = fallback
    return name[:1].upper() + name[1:]


class PageContexts:
    """Template contexts of every edition's pages, from the plan's parts."""

    def __init__(
        self,
        config: Config,
        stories: Mapping[str, Story],
        settings: SiteSettings,
        labels: Mapping[str, EditionLabels],
        listings: Listings,
        registry: PageRegistry,
        links: Links,
        cards: Cards,
    ) -> None:
        self.config = config
        self.stories = stories
        self.settings = settings
        self.labels = labels
        self.listings = listings
        self.registry = registry
        self.links = links
        self.cards = cards
        self._breaking_items: dict[str, tuple[tuple[str, str], ...]] = {}

    def _edition(self, code: str) -> Edition:
        return self.config.editions[code]

    def _label(self, code: str, kind: str, key: str) -> str:
        return self.labels[code].taxonomy(kind, key)

    # ------------------------------------------------------------------ every page

    def layout(
        self, code: str, source: str, logical: Logical, *, rooted: bool = False
    ) -> dict[str, Any]:
        """Everything base.html, _nav.html and _footer.html need."""
        edition = self._edition(code)
        links, registry = self.links, self.registry
        link = links.link_for(code, source, rooted)
        alternates = []
        for alt_code, alt_path in registry.alternates(logical):
            alt = self._edition(alt_code)
            alternates.append(
                {
                    "edition": alt_code,
                    "lang": alt.lang,
                    "url": links.absolute(alt_code, alt_path),
                    "href": links.href(code, source, alt_code, alt_path, rooted=rooted),
                    "name": language_name(alt),
                }
            )
        present = {alt["edition"]: alt for alt in alternates}
        switcher = []
        for other in self.config.editions:
            if other == code:
                continue
            same_page = present.get(other)
            switcher.append(
                {
                    **(same_page or {}),
                    "edition": other,
                    "lang": self._edition(other).lang,
                    "name": language_name(self._edition(other)),
                    "href": same_page["href"]
                    if same_page
                    else links.href(code, source, other, "", rooted=rooted),
                    "same": same_page is not None,
                }
            )
        x_default = registry.x_default(logical)
        nav: dict[str, Any] = {}
        for group in NAV_GROUPS:
            children = [
                {"key": child, "url": registry.section_link(code, link, child)}
                for child in self.listings.children(group)
                if registry.find(("section", child, 1), code) is not None
            ]
            nav[group] = {
                "url": registry.section_link(code, link, group) or link(""),
                "children": children,
            }
        for name, section in NAV_ITEMS.items():
            nav[name] = {"url": registry.section_link(code, link, section) or link("")}
        nav["videos"]["links"] = {}
        regions = [
            {"key": key, "url": link(listing_path("region", key))}
            for key in self.listings.allowed("region", code)
        ]
        breaking = [{"text": text, "url": link(path)} for text, path in self._breaking(code)]
        urls: dict[str, Any] = {"home": link(""), "feed": link("atom.xml")}
        for name in FOOTER_LINKS:
            target = self.settings.links.get(name)
            if target:
                urls[name] = target if is_remote(target) else link(target.lstrip("/"))
        return {
            "edition": {
                "code": code,
                "lang": edition.lang,
                "locale": edition.locale,
                "direction": edition.direction,
                "name": edition.name,
            },
            "alternates": alternates,
            "switcher": switcher,
            "x_default": links.absolute(*x_default) if x_default else None,
            "urls": urls,
            "assets": {name: link(path) for name, path in self.settings.assets.items()},
            "nav": nav,
            "regions": regions,
            "breaking": breaking,
            "edition_description": self.settings.descriptions.get(code) or None,
        }

    def _breaking(self, code: str) -> tuple[tuple[str, str], ...]:
        """The ticker's (title, path): the newest stories of the window, the same on every page."""
        found = self._breaking_items.get(code)
        if found is None:
            now = self.settings.now
            recent = (
                a
                for a in self.listings.articles[code]
                if now - BREAKING_WINDOW < a.published <= now
            )
            found = self._breaking_items[code] = tuple(
                (clean_text(a.title), self.registry.path(("article", a.key), code))
                for a in itertools.islice(recent, BREAKING_MAX)
            )
        return found

    def _most_read(
        self, code: str, link: Callable[[str], str], exclude: str | None
    ) -> list[dict[str, Any]]:
        # One more than shown: the current story may be among them.
        ranked = self.listings.most_shared(code, SIDEBAR_ITEMS + 1)
        top = [a for a in ranked if a.key != exclude][:SIDEBAR_ITEMS]
        return [self.cards.card(code, link, a) for a in top]

    def _breadcrumb_items(self, code: str, crumbs: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """JSON-LD breadcrumbs: ``(name, path)`` as ``(name, URL)``, after the edition's home."""
        home = self.labels[code].messages.pgettext("breadcrumb", "Home")
        absolute = self.links.absolute
        return [(home, absolute(code, ""))] + [(name, absolute(code, p)) for name, p in crumbs]

    # ------------------------------------------------------------------ story pages

    def article(self, code: str, article: Article, path: str, logical: Logical) -> dict[str, Any]:
        """The context of ``article.html`` for a story at ``path`` of edition ``code``."""
        registry, cards = self.registry, self.cards
        link = self.links.link_for(code, path, False)
        common = self.layout(code, path, logical)
        canonical = self.links.absolute(code, path)
        image = None
        if article.image is not None:
            image = cards.image(link, article.image.src)
            if image is not None:
                image = {
                    **image,
                    "caption": clean_text(article.image.caption),
                    "credit": clean_text(article.image.credit),
                }
        tags = [{"key": t, "url": link(registry.path(("tag", t, 1), code))} for t in article.tags]
        crumbs = (
            [
                {"kind": "section", "key": key, "url": registry.section_link(code, link, key)}
                for key in self.listings.section_chain(article.section)
                if registry.find(("section", key, 1), code) is not None
            ]
            if article.section
            else []
        )
        related = []
        for key in article.related:
            target = self._related_target(code, key)
            if target is None:
                continue
            other_code, other = target
            entry = {
                "title": clean_text(other.title),
                "url": self.links.href(
                    code, path, other_code, registry.path(("article", key), other_code)
                ),
            }
            if other_code != code:
                entry["lang"] = self._edition(other_code).lang
            related.append(entry)
        shown = {article.key, *article.related}
        unshown = (a for a in self.listings.articles[code] if a.key not in shown)
        read_next = list(itertools.islice(unshown, READ_NEXT_ITEMS))
        author_path = registry.find(("author", article.author, 1), code)
        region_path = registry.find(("region", article.region, 1), code)
        edition = self._edition(code)
        return {
            **common,
            "page": {
                "title": clean_text(article.title),
                "description": clean_text(article.summary),
                "canonical": canonical,
                "og_type": "article",
                "image": cards.image_absolute(code, article.image.src if article.image else None),
                "robots": None,
                "jsonld": self._article_jsonld(code, article, canonical, crumbs),
            },
            "article": {
                "key": article.key,
                "title": clean_text(article.title),
                "summary": clean_text(article.summary),
                "url": canonical,
                "author": article.author or None,
                "author_url": link(author_path) if author_path else None,
                "source": article.source or None,
                "section": article.section or None,
                "section_url": registry.section_link(code, link, article.section),
                "region": article.region or None,
                "region_url": link(region_path) if region_path else None,
                "published": local_time(edition, article.published),
                "updated": local_time(edition, article.updated),
                "shares": article.shares,
                "reading_minutes": cards.minutes(code, article),
                "image": image,
                "body_markdown": article.body,
                "tags": tags,
                "audio_url": None,
            },
            "breadcrumbs": crumbs,
            "related": related,
            "most_read": self._most_read(code, link, article.key),
            "coverage": self._coverage(code, link),
            "read_next": {
                "url": link(""),
                "stories": [cards.card(code, link, a) for a in read_next],
            },
            "current": article.section or None,
        }

    def _related_target(self, code: str, key: str) -> tuple[str, Article] | None:
        """The related story in this edition, else in its origin or the source edition."""
        story = self.stories.get(key)
        if story is None:
            return None
        order = [code, story.origin_edition, self.config.source_edition, *self.config.editions]
        for candidate in order:
            if candidate and self.registry.find(("article", key), candidate) is not None:
                return candidate, story.articles[candidate]
        return None

    def _coverage(self, code: str, link: Callable[[str], str]) -> dict[str, Any] | None:
        """Coverage files: sections under ``coverage``; else the edition's most covered tags."""
        section_link = self.registry.section_link
        url = section_link(code, link, "coverage")
        files = [
            {"title": self._label(code, "section", key), "url": section_link(code, link, key)}
            for key in self.listings.children("coverage")
            if section_link(code, link, key)
        ]
        if not files:
            files = [
                {"title": self._label(code, "tag", t), "url": link(listing_path("tag", t))}
                for t in self.listings.top_tags(code, COVERAGE_ITEMS)
            ]
        if not files:
            return None
        return {"url": url or link(""), "entries": files}

    def _article_jsonld(
        self, code: str, article: Article, canonical: str, crumbs: list[dict[str, Any]]
    ) -> dict[str, Any]:
        edition = self._edition(code)
        registry, absolute = self.registry, self.links.absolute
        story = self.stories[article.key]
        author_path = registry.find(("author", article.author, 1), code) if article.author else None
        found = registry.versions(("article", article.key))
        origin = article.origin if article.origin in found else None
        translation_of = None
        if origin is not None:
            translation_of = jsonld.work(
                absolute(origin, found[origin]), self._edition(origin).lang
            )
        translations = [
            jsonld.work(absolute(other, found[other]), self._edition(other).lang)
            for other, other_article in story.articles.items()
            if other != code and other in found and other_article.origin == code
        ]
        crumb_names = [
            (self._label(code, "section", c["key"]), registry.path(("section", c["key"], 1), code))
            for c in crumbs
        ]
        crumb_names.append(
            (clean_text(article.title), registry.path(("article", article.key), code))
        )
        return jsonld.news_article(
            url=canonical,
            headline=clean_text(article.title),
            lang=edition.lang,
            published=local_time(edition, article.published),
            modified=local_time(edition, article.updated or article.published),
            publisher=edition.name,
            publisher_url=absolute(code, ""),
            description=clean_text(article.summary) if article.summary else None,
            author=self._label(code, "author", article.author) if article.author else None,
            author_url=absolute(code, author_path) if author_path is not None else None,
            image=self.cards.image_absolute(code, article.image.src if article.image else None),
            section=self._label(code, "section", article.section) if article.section else None,
            keywords=[self._label(code, "tag", t) for t in article.tags],
            translation_of=translation_of,
            translations=translations,
            breadcrumbs=self._breadcrumb_items(code, crumb_names),
        )

    # ------------------------------------------------------------------ listing pages

    def listing(self, code: str, logical: Logical, path: str, total: int) -> dict[str, Any]:
        """The context of ``index.html`` for page ``number`` of ``total`` of a listing."""
        kind, key, number = logical
        registry, listings = self.registry, self.listings
        edition = self._edition(code)
        link = self.links.link_for(code, path, False)
        common = self.layout(code, path, logical)
        items = listings.shown(code, kind, key)
        shown = listings.page_slice(items, number)
        canonical = self.links.absolute(code, path)
        heading = edition.name if kind == "home" else self._label(code, kind, key or "")
        subsections = []
        if kind == "section" and key:
            subsections = [
                {"key": child, "url": registry.section_link(code, link, child)}
                for child in listings.children(key)
                if registry.section_link(code, link, child)
            ]
        crumbs: list[tuple[str, str]] = []
        if kind == "section" and key:
            crumbs = [
                (self._label(code, "section", k), registry.path(("section", k, 1), code))
                for k in listings.section_chain(key)
                if registry.find(("section", k, 1), code) is not None
            ]
        elif kind != "home":
            crumbs = [(heading, listing_path(kind, key))]
        if number > 1:
            crumbs.append((f"{heading} ({number})", path))
        description = self.settings.descriptions.get(code) or edition.name
        if kind != "home":
            description = f"{heading} · {edition.name}"
        page_jsonld = jsonld.collection_page(
            url=canonical,
            name=heading,
            lang=edition.lang,
            site_name=edition.name,
            site_url=self.links.absolute(code, ""),
            breadcrumbs=self._breadcrumb_items(code, crumbs),
        )
        return {
            **common,
            "page": {
                "title": heading,
                "description": description,
                "canonical": canonical,
                "og_type": "website",
                "image": None,
                "robots": None if items else "noindex",
                "jsonld": page_jsonld,
            },
            "listing": {"kind": kind, "key": key, "url": canonical},
            "stories": [self.cards.card(code, link, a) for a in shown],
            "subsections": subsections,
            "pagination": {
                "number": number,
                "total": total,
                "prev_url": link(listing_path(kind, key, number - 1)) if number > 1 else None,
                "next_url": link(listing_path(kind, key, number + 1)) if number < total else None,
            },
            "most_read": self._most_read(code, link, None),
            "current": key if kind in ("section", "region") else None,
        }

    # ------------------------------------------------------------------ 404

    def not_found(self, code: str, path: str, logical: Logical) -> dict[str, Any]:
        """The context of ``404.html``: links from the host's root, as it is served anywhere."""
        link = self.links.link_for(code, path, True)
        common = self.layout(code, path, logical, rooted=True)
        messages = self.labels[code].messages
        latest = self.listings.articles[code][:READ_NEXT_ITEMS]
        return {
            **common,
            "page": {
                "title": messages.gettext("Page not found"),
                "description": messages.gettext(
                    "The page you asked for does not exist. It may have moved, or the address "
                    "may contain a typo."
                ),
                "canonical": None,
                "og_type": "website",
                "image": None,
                "robots": "noindex",
                "jsonld": None,
            },
            "latest": [self.cards.card(code, link, a) for a in latest],
            "current": None,
        }

"""The page plan: which pages each edition has, their URLs and their template context.

Pure: stories, taxonomy, settings and translations in; :class:`Page` values
out. Nothing here renders HTML or touches the output folder, so the plan is
cheap enough to compute on every build and compare with the last one.

URL scheme, below each edition's base URL (``https://news.example.org/ar/``)::

    ./                              home            page/2/ …  older pages
    <section>/<slug>/               one story       (story/<slug>/ without a section)
    <section>/                      section index   <section>/page/2/ …
    region/<key>/                   region index    region/<key>/page/2/ …
    tag/<key>/                      tag index       (only tags the edition uses)
    author/<key>/                   author index    (only authors the edition uses)
    404.html                        not found
    atom.xml  sitemap.xml  news-sitemap.xml  robots.txt
    static/<name>.<hash>.<ext>      theme assets    media/<name>.<hash>.<ext> images

Links between pages of one edition are relative (``../../tag/syria/``), so an
edition folder can be served from its own domain or any sub-path. Links to
another edition are relative when both base URLs share a host, absolute
otherwise. Canonical, hreflang, Open Graph, JSON-LD, feeds and sitemaps use
absolute URLs, as those formats require. The 404 page is served at any depth,
so its links start at the host's root (``/ar/tag/syria/``).

Alternates are computed from one registry of *logical* pages shared by every
edition (``("article", key)``, ``("section", "politics", 2)``…), so an hreflang
pair is reciprocal by construction.
"""

from __future__ import annotations

import itertools
import math
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any, NamedTuple, Protocol
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError

from i18n_news.config import Config
from i18n_news.errors import I18nNewsError
from i18n_news.localize.dates import reading_minutes
from i18n_news.model import Article, Edition, Story
from i18n_news.site.sanitize import clean_text
from i18n_news.sources.taxonomy import Taxonomy

#: First path segments a section key may not take: they hold other page kinds.
RESERVED_SEGMENTS = frozenset(
    {"region", "tag", "author", "page", "static", "media", "story", "404.html"}
)
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

Logical = tuple[Any, ...]


class Gettext(Protocol):
    def gettext(self, message: str, /) -> str: ...

    def pgettext(self, context: str, message: str, /) -> str: ...


@dataclass(frozen=True)
class MediaFile:
    """An image copied into ``media/``: its path below the edition root and its size."""

    path: str
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class SiteSettings:
    """What a build decides besides the content."""

    base_urls: Mapping[str, str]  # edition -> absolute URL ending in "/"
    now: datetime
    per_page: int = 10
    links: Mapping[str, str] = field(default_factory=dict)
    descriptions: Mapping[str, str] = field(default_factory=dict)
    assets: Mapping[str, str] = field(
        default_factory=dict
    )  # "style.css" -> "static/style.<hash>.css"
    media: Mapping[str, MediaFile] = field(default_factory=dict)  # image src -> copied file


@dataclass(frozen=True)
class Page:
    """One output page; ``context`` is plain data (JSON-able but for datetimes)."""

    edition: str
    path: str  # URL path below the edition root: "", "politics/slug/", "404.html"
    template: str
    context: Mapping[str, Any]
    logical: Logical
    lastmod: datetime | None = None
    alternates: tuple[tuple[str, str], ...] = ()  # (hreflang, absolute URL), x-default last
    indexable: bool = True

    @property
    def output(self) -> str:
        """File below the edition folder: ``politics/slug/index.html``."""
        return output_file(self.path)


def _lastmod(shown: Iterable[Article]) -> datetime | None:
    """A listing page changes when one of the stories it shows does."""
    return max((a.updated or a.published for a in shown), default=None)


def output_file(path: str) -> str:
    """The file a page at URL path ``path`` is written to (``x/`` → ``x/index.html``)."""
    return path + "index.html" if path == "" or path.endswith("/") else path


@dataclass(frozen=True, slots=True)
class SitemapEntry:
    """What a sitemap needs of a page: kept instead of the page, whose context is large."""

    loc: str
    lastmod: datetime | None
    alternates: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class FeedEntry:
    """One story as feeds and the news sitemap see it."""

    key: str
    url: str
    title: str
    summary: str
    published: datetime
    updated: datetime | None
    author: str
    section: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class EditionLabels:
    """Translated words the plan itself needs (JSON-LD, descriptions), as plain text."""

    taxonomy: Callable[[str, str], str]  # (kind, key) -> translated, balanced label
    messages: Gettext


@lru_cache(maxsize=65536)
def relative_href(source: str, target: str) -> str:
    """Link from URL path ``source`` to URL path ``target`` (both absolute paths).

    >>> relative_href("/ar/politics/x/", "/ar/tag/syria/")
    '../../tag/syria/'
    >>> relative_href("/ar/", "/ar/")
    './'
    >>> relative_href("/ar/", "/ar/404.html")
    '404.html'
    """
    base = source if source.endswith("/") else posixpath.dirname(source) + "/"
    segments = _segments(base)
    if segments is not None:
        fast = _relative_to(segments, target)
        if fast is not None:
            return fast
    rel = posixpath.relpath(target, base)
    if rel == ".":
        return "./"
    if target.endswith("/"):
        rel += "/"
    return rel


@lru_cache(maxsize=65536)
def _segments(path: str) -> tuple[str, ...] | None:
    """The segments ``posixpath.relpath`` compares, or None where it would normalize first.

    Splitting is enough for an absolute path without ``.``/``..``: relpath's
    ``abspath`` would only drop the empty segments, as this does.
    """
    if not path.startswith("/"):
        return None
    parts = tuple(part for part in path.split("/") if part)
    return None if "." in parts or ".." in parts else parts


def _relative_to(base: tuple[str, ...], target: str) -> str | None:
    """:func:`relative_href` from a directory's segments, without relpath's parsing.

    None when ``target`` needs the general path (not plain absolute).
    """
    parts = _segments(target)
    if parts is None:
        return None
    common = 0
    limit = min(len(base), len(parts))
    while common < limit and base[common] == parts[common]:
        common += 1
    rel = [".."] * (len(base) - common) + list(parts[common:])
    if not rel:
        return "./"
    return "/".join(rel) + "/" if target.endswith("/") else "/".join(rel)


#: Characters ``urlsplit`` cuts at or removes: a path holding one takes the general path.
_URL_SPECIAL = re.compile("[?#\t\r\n]")
#: What ``urlsplit`` strips from the start of a URL.
_C0_OR_SPACE = "".join(chr(c) for c in range(0x21))


@dataclass(frozen=True)
class _Origin:
    """An edition base URL split once: links compare hosts and join paths without parsing."""

    scheme: str
    netloc: str
    path: str  # ends in "/"


def _origin(base_url: str) -> _Origin | None:
    """The parts of ``base_url``, or None where ``urlsplit(base_url + path)`` could differ.

    With a scheme, a host, a path ending in "/" and nothing ``urlsplit`` would
    cut or strip, appending a plain path only appends to the URL's path.
    """
    if _URL_SPECIAL.search(base_url) or not base_url.endswith("/"):
        return None
    parts = urlsplit(base_url)
    if not parts.scheme or not parts.netloc or not parts.path.endswith("/"):
        return None
    if parts.query or parts.fragment or base_url.lstrip(_C0_OR_SPACE) != base_url:
        return None
    return _Origin(parts.scheme, parts.netloc, parts.path)


class _CardFacts(NamedTuple):
    """A story card's page-independent part (see :meth:`SitePlanner._card`)."""

    title: str
    path: str
    summary: str
    section: str | None
    published: datetime | None
    reading_minutes: int
    image_src: str | None


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
        self.stories = stories
        self.taxonomy = taxonomy
        self.settings = settings
        self.labels = labels
        self._check_reserved()
        self.articles: dict[str, list[Article]] = {
            code: self._published(code) for code in config.editions
        }
        self._minutes: dict[tuple[str, str], int] = {}
        # Per-edition facts every page repeats, computed once (see _cached).
        self._memo: dict[Any, Any] = {}
        self._origins = {code: _origin(url) for code, url in settings.base_urls.items()}
        self.registry: dict[Logical, dict[str, str]] = {}
        for code in config.editions:
            self._register(code)

    # ------------------------------------------------------------------ structure

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

    def _cached(self, key: Any, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per key: pages repeat the same edition-wide lists."""
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = compute()
            return value

    def _allowed(self, kind: str, code: str) -> tuple[str, ...]:
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

    def _children(self, section: str) -> tuple[str, ...]:
        return self._cached(
            ("children", section),
            lambda: tuple(e.key for e in self.taxonomy.entries("section") if e.parent == section),
        )

    def _descendants(self, section: str) -> set[str]:
        found = {section}
        todo = [section]
        while todo:
            for child in self._children(todo.pop()):
                if child not in found:
                    found.add(child)
                    todo.append(child)
        return found

    def listing_articles(self, code: str, kind: str, key: str | None) -> list[Article]:
        return list(self._listing(code, kind, key))

    def _listing(self, code: str, kind: str, key: str | None) -> list[Article]:
        """The listing's articles, shared by its pages: do not mutate."""
        return self._cached(
            ("listing", code, kind, key), lambda: self._find_listing(code, kind, key)
        )

    def _find_listing(self, code: str, kind: str, key: str | None) -> list[Article]:
        items = self.articles[code]
        if kind == "home":
            return list(items)
        if kind == "section":
            keys = self._descendants(key or "")
            return [a for a in items if a.section in keys]
        if kind == "region":
            return [a for a in items if a.region == key]
        if kind == "tag":
            return [a for a in items if key in a.tags]
        if kind == "author":
            return [a for a in items if a.author == key]
        raise ValueError(kind)

    def _listing_keys(self, code: str) -> list[tuple[str, str | None]]:
        keys: list[tuple[str, str | None]] = [("home", None)]
        keys += [("section", k) for k in self._allowed("section", code)]
        keys += [("region", k) for k in self._allowed("region", code)]
        tags: list[str] = []
        authors: list[str] = []
        for article in sorted(self.articles[code], key=lambda a: a.key):
            tags += [t for t in article.tags if t not in tags]
            if article.author and article.author not in authors:
                authors.append(article.author)
        keys += [("tag", k) for k in sorted(tags)]
        keys += [("author", k) for k in sorted(authors)]
        return keys

    def _pages_of(self, code: str, kind: str, key: str | None) -> int:
        count = len(self._listing(code, kind, key))
        return max(1, math.ceil(count / self.settings.per_page))

    @staticmethod
    def listing_path(kind: str, key: str | None, number: int = 1) -> str:
        base = {
            "home": "",
            "section": f"{key}/",
            "region": f"region/{key}/",
            "tag": f"tag/{key}/",
            "author": f"author/{key}/",
        }[kind]
        return base if number == 1 else f"{base}page/{number}/"

    @staticmethod
    def article_path(article: Article) -> str:
        return f"{article.section or 'story'}/{article.slug}/"

    def _register(self, code: str) -> None:
        seen: dict[str, Logical] = {}

        def add(logical: Logical, path: str, where: Article | None = None) -> None:
            if path in seen:
                shown = where.path if where is not None else None
                raise I18nNewsError(
                    f"two pages of edition '{code}' would be written to {path or './'}: "
                    f"{seen[path]} and {logical}; change a slug",
                    shown,
                    where.lines.get("slug", 1) if where is not None else None,
                )
            seen[path] = logical
            self.registry.setdefault(logical, {})[code] = path

        for kind, key in self._listing_keys(code):
            for number in range(1, self._pages_of(code, kind, key) + 1):
                add((kind, key, number), self.listing_path(kind, key, number))
        for article in self.articles[code]:
            if article.slug == "page":
                raise I18nNewsError(
                    "the slug 'page' is reserved for pagination",
                    article.path,
                    article.lines.get("slug", 1),
                )
            add(("article", article.key), self.article_path(article), article)
        add(("404",), "404.html")

    # ------------------------------------------------------------------ URLs

    def absolute(self, code: str, path: str) -> str:
        return self.settings.base_urls[code] + path

    def href(
        self, code: str, source: str, target_code: str, target: str, *, rooted: bool = False
    ) -> str:
        """A link from page ``source`` of ``code`` to page ``target`` of ``target_code``.

        Relative on the same host; ``rooted`` gives a path from the host's root
        instead (``/ar/tag/syria/``), for pages served at any depth (404).
        Another host always gets the absolute URL.
        """
        src, dst = self._origins.get(code), self._origins.get(target_code)
        if src is None or dst is None or _URL_SPECIAL.search(source + target):
            return self._href_parsed(code, source, target_code, target, rooted=rooted)
        if (src.scheme, src.netloc) != (dst.scheme, dst.netloc):
            return self.absolute(target_code, target)
        path = dst.path + target
        return path if rooted else relative_href(src.path + source, path)

    def _href_parsed(
        self, code: str, source: str, target_code: str, target: str, *, rooted: bool
    ) -> str:
        """:meth:`href` by parsing both URLs: for base URLs or paths out of the ordinary."""
        src = urlsplit(self.absolute(code, source))
        dst = urlsplit(self.absolute(target_code, target))
        if (src.scheme, src.netloc) != (dst.scheme, dst.netloc):
            return self.absolute(target_code, target)
        return dst.path if rooted else relative_href(src.path, dst.path)

    def alternates(self, logical: Logical) -> list[tuple[str, str]]:
        """``(edition, path)`` of this logical page in every edition that has it, config order."""
        found = self.registry.get(logical, {})
        return [(code, found[code]) for code in self.config.editions if code in found]

    def x_default(self, logical: Logical) -> tuple[str, str] | None:
        found = self.registry.get(logical, {})
        if self.config.source_edition in found:
            return self.config.source_edition, found[self.config.source_edition]
        alts = self.alternates(logical)
        return alts[0] if alts else None

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
        for kind, key in self._listing_keys(code):
            items = self._listing(code, kind, key)
            for number in range(1, self._pages_of(code, kind, key) + 1):
                logical: Logical = (kind, key, number)
                path = self.registry[logical][code]
                entry = None
                if items:
                    entry = SitemapEntry(
                        self.absolute(code, path),
                        _lastmod(self._page_slice(items, number)),
                        self._page_alternates(logical),
                    )
                yield f"{code}/{output_file(path)}", entry
        for article in self.articles[code]:
            logical = ("article", article.key)
            path = self.registry[logical][code]
            yield (
                f"{code}/{output_file(path)}",
                SitemapEntry(
                    self.absolute(code, path),
                    article.updated or article.published,
                    self._page_alternates(logical),
                ),
            )
        yield f"{code}/404.html", None

    def _page_slice(self, items: Sequence[Article], number: int) -> Sequence[Article]:
        """The stories listed on page ``number`` (1-based) of a listing."""
        per_page = self.settings.per_page
        return items[(number - 1) * per_page : number * per_page]

    def count_pages(
        self, editions: Sequence[str], select: Callable[[str], bool] | None = None
    ) -> int:
        """How many pages :meth:`iter_pages` yields, without planning them."""
        return sum(
            1
            for found in self.registry.values()
            for code, path in found.items()
            if code in editions and (select is None or select(f"{code}/{output_file(path)}"))
        )

    def _edition_pages(
        self, code: str, select: Callable[[str], bool] | None = None
    ) -> Iterable[Page]:
        def wanted(path: str) -> bool:
            return select is None or select(f"{code}/{output_file(path)}")

        for kind, key in self._listing_keys(code):
            total = self._pages_of(code, kind, key)
            for number in range(1, total + 1):
                if wanted(self.listing_path(kind, key, number)):
                    yield self._listing_page(code, kind, key, number, total)
        for article in self.articles[code]:
            if wanted(self.article_path(article)):
                yield self._article_page(code, article)
        if wanted("404.html"):
            yield self._not_found_page(code)

    def _edition(self, code: str) -> Edition:
        return self.config.editions[code]

    def _label(self, code: str, kind: str, key: str) -> str:
        return self.labels[code].taxonomy(kind, key)

    def _local(self, code: str, when: datetime | None) -> datetime | None:
        return None if when is None else when.astimezone(ZoneInfo(self._edition(code).timezone))

    def minutes(self, code: str, article: Article) -> int:
        key = (code, article.key)
        if key not in self._minutes:
            self._minutes[key] = reading_minutes(article.body, self._edition(code).words_per_minute)
        return self._minutes[key]

    def _link_for(self, code: str, source: str, rooted: bool) -> Callable[[str], str]:
        """Links from one page to others of its edition: :meth:`href`, source split once."""

        def general(target: str) -> str:
            return self.href(code, source, code, target, rooted=rooted)

        origin = self._origins.get(code)
        if origin is None or _URL_SPECIAL.search(source):
            return general
        here = origin.path + source
        base = _segments(here if here.endswith("/") else posixpath.dirname(here) + "/")
        if base is None:
            return general

        def link(target: str) -> str:
            if _URL_SPECIAL.search(target):
                return general(target)
            if rooted:
                return origin.path + target
            rel = _relative_to(base, origin.path + target)
            return general(target) if rel is None else rel

        return link

    def _section_link(self, code: str, link: Callable[[str], str], key: str | None) -> str | None:
        if not key:
            return None
        path = self.registry.get(("section", key, 1), {}).get(code)
        return link(path) if path is not None else None

    def _image(self, link: Callable[[str], str], src: str | None) -> dict[str, Any] | None:
        if not src:
            return None
        media = self.settings.media.get(src)
        if media is None:
            return {"url": src, "width": None, "height": None} if _is_remote(src) else None
        return {"url": link(media.path), "width": media.width, "height": media.height}

    def _image_absolute(self, code: str, src: str | None) -> str | None:
        if not src:
            return None
        media = self.settings.media.get(src)
        if media is None:
            return src if _is_remote(src) else None
        return self.absolute(code, media.path)

    def _card(self, code: str, link: Callable[[str], str], article: Article) -> dict[str, Any]:
        facts: _CardFacts = self._cached(
            ("card", code, article.key), lambda: self._card_facts(code, article)
        )
        return {
            "title": facts.title,
            "url": link(facts.path),
            "summary": facts.summary,
            "section": facts.section,
            "section_url": self._section_link(code, link, facts.section),
            "published": facts.published,
            "reading_minutes": facts.reading_minutes,
            "image": self._image(link, facts.image_src),
        }

    def _card_facts(self, code: str, article: Article) -> _CardFacts:
        """What a story card shows wherever it appears; only its links depend on the page."""
        return _CardFacts(
            title=clean_text(article.title),
            path=self.registry[("article", article.key)][code],
            summary=clean_text(article.summary),
            section=article.section or None,
            published=self._local(code, article.published),
            reading_minutes=self.minutes(code, article),
            image_src=article.image.src if article.image else None,
        )

    def _common(
        self, code: str, source: str, logical: Logical, *, rooted: bool = False
    ) -> dict[str, Any]:
        """Everything base.html, _nav.html and _footer.html need."""
        edition = self._edition(code)
        link = self._link_for(code, source, rooted)
        alternates = []
        for alt_code, alt_path in self.alternates(logical):
            alt = self._edition(alt_code)
            alternates.append(
                {
                    "edition": alt_code,
                    "lang": alt.lang,
                    "url": self.absolute(alt_code, alt_path),
                    "href": self.href(code, source, alt_code, alt_path, rooted=rooted),
                    "name": language_name(alt),
                }
            )
        present = {alt["edition"]: alt for alt in alternates}
        switcher = []
        for other in self.config.editions:
            if other == code:
                continue
            alt = present.get(other)
            switcher.append(
                {
                    **(alt or {}),
                    "edition": other,
                    "lang": self._edition(other).lang,
                    "name": language_name(self._edition(other)),
                    "href": alt["href"]
                    if alt
                    else self.href(code, source, other, "", rooted=rooted),
                    "same": alt is not None,
                }
            )
        x_default = self.x_default(logical)
        nav: dict[str, Any] = {}
        for group in NAV_GROUPS:
            children = [
                {"key": child, "url": self._section_link(code, link, child)}
                for child in self._children(group)
                if ("section", child, 1) in self.registry
                and code in self.registry[("section", child, 1)]
            ]
            nav[group] = {
                "url": self._section_link(code, link, group) or link(""),
                "children": children,
            }
        for name, section in NAV_ITEMS.items():
            nav[name] = {"url": self._section_link(code, link, section) or link("")}
        nav["videos"]["links"] = {}
        regions = [
            {"key": key, "url": link(self.listing_path("region", key))}
            for key in self._allowed("region", code)
        ]
        breaking = [{"text": text, "url": link(path)} for text, path in self._breaking(code)]
        urls: dict[str, Any] = {"home": link(""), "feed": link("atom.xml")}
        for name in FOOTER_LINKS:
            target = self.settings.links.get(name)
            if target:
                urls[name] = target if _is_remote(target) else link(target.lstrip("/"))
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
            "x_default": self.absolute(*x_default) if x_default else None,
            "urls": urls,
            "assets": {name: link(path) for name, path in self.settings.assets.items()},
            "nav": nav,
            "regions": regions,
            "breaking": breaking,
            "edition_description": self.settings.descriptions.get(code) or None,
        }

    def _breaking(self, code: str) -> tuple[tuple[str, str], ...]:
        """The ticker's (title, path): the newest stories of the window, the same on every page."""

        def compute() -> tuple[tuple[str, str], ...]:
            now = self.settings.now
            recent = (a for a in self.articles[code] if now - BREAKING_WINDOW < a.published <= now)
            return tuple(
                (clean_text(a.title), self.registry[("article", a.key)][code])
                for a in itertools.islice(recent, BREAKING_MAX)
            )

        return self._cached(("breaking", code), compute)

    def _page_alternates(self, logical: Logical) -> tuple[tuple[str, str], ...]:
        pairs = [(self._edition(c).lang, self.absolute(c, p)) for c, p in self.alternates(logical)]
        x_default = self.x_default(logical)
        if x_default:
            pairs.append(("x-default", self.absolute(*x_default)))
        return tuple(pairs)

    def _most_read(
        self, code: str, link: Callable[[str], str], exclude: str | None
    ) -> list[dict[str, Any]]:
        top = [a for a in self._most_shared(code) if a.key != exclude][:SIDEBAR_ITEMS]
        return [self._card(code, link, a) for a in top]

    def _most_shared(self, code: str) -> list[Article]:
        """The edition's most shared stories, one more than the sidebar shows.

        The ranking is a total order, so leaving the current story out of
        this head gives the same list as leaving it out before sorting.
        """

        def compute() -> list[Article]:
            ranked = sorted(
                self.articles[code], key=lambda a: (-a.shares, -a.published.timestamp(), a.key)
            )
            return ranked[: SIDEBAR_ITEMS + 1]

        return self._cached(("most_shared", code), compute)

    def _breadcrumb_jsonld(self, code: str, crumbs: list[tuple[str, str]]) -> dict[str, Any]:
        home = self.labels[code].messages.pgettext("breadcrumb", "Home")
        items = [(home, self.absolute(code, ""))] + [
            (name, self.absolute(code, path)) for name, path in crumbs
        ]
        return {
            "@type": "BreadcrumbList",
            "itemListElement": [
                {"@type": "ListItem", "position": index, "name": name, "item": url}
                for index, (name, url) in enumerate(items, 1)
            ],
        }

    def _section_chain(self, key: str) -> list[str]:
        chain: list[str] = []
        current: str | None = key
        while current and current not in chain:
            chain.insert(0, current)
            entry = self.taxonomy.get("section", current)
            current = entry.parent if entry else None
        return chain

    # ------------------------------------------------------------------ article

    def _article_page(self, code: str, article: Article) -> Page:
        logical: Logical = ("article", article.key)
        path = self.registry[logical][code]
        link = self._link_for(code, path, False)
        common = self._common(code, path, logical)
        canonical = self.absolute(code, path)
        image = None
        if article.image is not None:
            image = self._image(link, article.image.src)
            if image is not None:
                image = {
                    **image,
                    "caption": clean_text(article.image.caption),
                    "credit": clean_text(article.image.credit),
                }
        tags = [{"key": t, "url": link(self.registry[("tag", t, 1)][code])} for t in article.tags]
        crumbs = (
            [
                {"kind": "section", "key": key, "url": self._section_link(code, link, key)}
                for key in self._section_chain(article.section)
                if ("section", key, 1) in self.registry
                and code in self.registry[("section", key, 1)]
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
                "url": self.href(
                    code, path, other_code, self.registry[("article", key)][other_code]
                ),
            }
            if other_code != code:
                entry["lang"] = self._edition(other_code).lang
            related.append(entry)
        shown = {article.key, *article.related}
        unshown = (a for a in self.articles[code] if a.key not in shown)
        read_next = list(itertools.islice(unshown, READ_NEXT_ITEMS))
        author_path = self.registry.get(("author", article.author, 1), {}).get(code)
        region_path = self.registry.get(("region", article.region, 1), {}).get(code)
        context = {
            **common,
            "page": {
                "title": clean_text(article.title),
                "description": clean_text(article.summary),
                "canonical": canonical,
                "og_type": "article",
                "image": self._image_absolute(code, article.image.src if article.image else None),
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
                "section_url": self._section_link(code, link, article.section),
                "region": article.region or None,
                "region_url": link(region_path) if region_path else None,
                "published": self._local(code, article.published),
                "updated": self._local(code, article.updated),
                "shares": article.shares,
                "reading_minutes": self.minutes(code, article),
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
                "stories": [self._card(code, link, a) for a in read_next],
            },
            "current": article.section or None,
        }
        return Page(
            code,
            path,
            "article.html",
            context,
            logical,
            lastmod=article.updated or article.published,
            alternates=self._page_alternates(logical),
        )

    def _related_target(self, code: str, key: str) -> tuple[str, Article] | None:
        """The related story in this edition, else in its origin or the source edition."""
        story = self.stories.get(key)
        if story is None:
            return None
        order = [code, story.origin_edition, self.config.source_edition, *self.config.editions]
        for candidate in order:
            if candidate and candidate in self.registry.get(("article", key), {}):
                return candidate, story.articles[candidate]
        return None

    def _coverage(self, code: str, link: Callable[[str], str]) -> dict[str, Any] | None:
        """Coverage files: sections under ``coverage``; else the edition's most covered tags."""
        url = self._section_link(code, link, "coverage")
        files = [
            {"title": self._label(code, "section", key), "url": self._section_link(code, link, key)}
            for key in self._children("coverage")
            if self._section_link(code, link, key)
        ]
        if not files:
            files = [
                {"title": self._label(code, "tag", t), "url": link(self.listing_path("tag", t))}
                for t in self._top_tags(code)
            ]
        if not files:
            return None
        return {"url": url or link(""), "entries": files}

    def _top_tags(self, code: str) -> list[str]:
        """The edition's most used tags, most used first."""

        def compute() -> list[str]:
            counts: dict[str, int] = {}
            for article in self.articles[code]:
                for tag in article.tags:
                    counts[tag] = counts.get(tag, 0) + 1
            return sorted(counts, key=lambda t: (-counts[t], t))[:COVERAGE_ITEMS]

        return self._cached(("top_tags", code), compute)

    def _article_jsonld(
        self, code: str, article: Article, canonical: str, crumbs: list[dict[str, Any]]
    ) -> dict[str, Any]:
        edition = self._edition(code)
        story = self.stories[article.key]
        node: dict[str, Any] = {
            "@type": "NewsArticle",
            "@id": canonical + "#article",
            "mainEntityOfPage": canonical,
            "url": canonical,
            "headline": clean_text(article.title),
            "inLanguage": edition.lang,
            "datePublished": self._local(code, article.published).isoformat(),  # type: ignore[union-attr]
            "dateModified": self._local(code, article.updated or article.published).isoformat(),  # type: ignore[union-attr]
            "publisher": {
                "@type": "Organization",
                "name": edition.name,
                "url": self.absolute(code, ""),
            },
            "isAccessibleForFree": True,
        }
        if article.summary:
            node["description"] = clean_text(article.summary)
        if article.author:
            author: dict[str, Any] = {
                "@type": "Organization",
                "name": self._label(code, "author", article.author),
            }
            author_path = self.registry.get(("author", article.author, 1), {}).get(code)
            if author_path is not None:
                author["url"] = self.absolute(code, author_path)
            node["author"] = [author]
        image = self._image_absolute(code, article.image.src if article.image else None)
        if image:
            node["image"] = [image]
        if article.section:
            node["articleSection"] = self._label(code, "section", article.section)
        if article.tags:
            node["keywords"] = [self._label(code, "tag", t) for t in article.tags]
        found = self.registry.get(("article", article.key), {})
        origin = article.origin if article.origin in found else None
        if origin is not None:
            node["translationOfWork"] = self._work(origin, found[origin])
        translations = [
            self._work(other, found[other])
            for other, other_article in story.articles.items()
            if other != code and other in found and other_article.origin == code
        ]
        if translations:
            node["workTranslation"] = translations
        crumb_names = [
            (self._label(code, "section", c["key"]), self.registry[("section", c["key"], 1)][code])
            for c in crumbs
        ]
        crumb_names.append(
            (clean_text(article.title), self.registry[("article", article.key)][code])
        )
        return {
            "@context": "https://schema.org",
            "@graph": [node, self._breadcrumb_jsonld(code, crumb_names)],
        }

    def _work(self, code: str, path: str) -> dict[str, Any]:
        url = self.absolute(code, path)
        return {
            "@type": "NewsArticle",
            "@id": url + "#article",
            "url": url,
            "inLanguage": self._edition(code).lang,
        }

    # ------------------------------------------------------------------ listings

    def _listing_page(self, code: str, kind: str, key: str | None, number: int, total: int) -> Page:
        logical: Logical = (kind, key, number)
        path = self.registry[logical][code]
        edition = self._edition(code)
        link = self._link_for(code, path, False)
        common = self._common(code, path, logical)
        items = self._listing(code, kind, key)
        shown = self._page_slice(items, number)
        canonical = self.absolute(code, path)
        heading = edition.name if kind == "home" else self._label(code, kind, key or "")
        subsections = []
        if kind == "section" and key:
            subsections = [
                {"key": child, "url": self._section_link(code, link, child)}
                for child in self._children(key)
                if self._section_link(code, link, child)
            ]
        crumbs: list[tuple[str, str]] = []
        if kind == "section" and key:
            crumbs = [
                (self._label(code, "section", k), self.registry[("section", k, 1)][code])
                for k in self._section_chain(key)
                if code in self.registry.get(("section", k, 1), {})
            ]
        elif kind != "home":
            crumbs = [(heading, self.listing_path(kind, key))]
        if number > 1:
            crumbs.append((f"{heading} ({number})", path))
        description = self.settings.descriptions.get(code) or edition.name
        if kind != "home":
            description = f"{heading} · {edition.name}"
        jsonld = {
            "@context": "https://schema.org",
            "@graph": [
                {
                    "@type": "CollectionPage",
                    "@id": canonical,
                    "url": canonical,
                    "name": heading,
                    "inLanguage": edition.lang,
                    "isPartOf": {
                        "@type": "WebSite",
                        "name": edition.name,
                        "url": self.absolute(code, ""),
                    },
                },
                self._breadcrumb_jsonld(code, crumbs),
            ],
        }
        context = {
            **common,
            "page": {
                "title": heading,
                "description": description,
                "canonical": canonical,
                "og_type": "website",
                "image": None,
                "robots": None if items else "noindex",
                "jsonld": jsonld,
            },
            "listing": {"kind": kind, "key": key, "url": canonical},
            "stories": [self._card(code, link, a) for a in shown],
            "subsections": subsections,
            "pagination": {
                "number": number,
                "total": total,
                "prev_url": link(self.listing_path(kind, key, number - 1)) if number > 1 else None,
                "next_url": link(self.listing_path(kind, key, number + 1))
                if number < total
                else None,
            },
            "most_read": self._most_read(code, link, None),
            "current": key if kind in ("section", "region") else None,
        }
        return Page(
            code,
            path,
            "index.html",
            context,
            logical,
            _lastmod(shown),
            self._page_alternates(logical),
            bool(items),
        )

    def _not_found_page(self, code: str) -> Page:
        logical: Logical = ("404",)
        path = "404.html"
        link = self._link_for(code, path, True)
        common = self._common(code, path, logical, rooted=True)
        title = self.labels[code].messages.gettext("Page not found")
        context = {
            **common,
            "page": {
                "title": title,
                "description": self.labels[code].messages.gettext(
                    "The page you asked for does not exist. It may have moved, or the address "
                    "may contain a typo."
                ),
                "canonical": None,
                "og_type": "website",
                "image": None,
                "robots": "noindex",
                "jsonld": None,
            },
            "latest": [self._card(code, link, a) for a in self.articles[code][:READ_NEXT_ITEMS]],
            "current": None,
        }
        return Page(
            code, path, "404.html", context, logical, None, self._page_alternates(logical), False
        )

    # ------------------------------------------------------------------ feeds

    def feed_entries(self, code: str) -> list[FeedEntry]:
        """The edition's stories, newest first, with absolute URLs and translated labels."""
        out = []
        for article in self.articles[code]:
            out.append(
                FeedEntry(
                    key=article.key,
                    url=self.absolute(code, self.registry[("article", article.key)][code]),
                    title=clean_text(article.title),
                    summary=clean_text(article.summary),
                    published=self._local(code, article.published),  # type: ignore[arg-type]
                    updated=self._local(code, article.updated),
                    author=self._label(code, "author", article.author) if article.author else "",
                    section=self._label(code, "section", article.section)
                    if article.section
                    else "",
                    tags=tuple(self._label(code, "tag", t) for t in article.tags),
                )
            )
        return out


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


def _is_remote(url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https")

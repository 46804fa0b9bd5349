"""The URL scheme of an edition, links between pages, and the pages' alternates in other editions.

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

import posixpath
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from i18n_news.errors import I18nNewsError
from i18n_news.model import Article, Edition

__all__ = [
    "RESERVED_SEGMENTS",
    "Links",
    "Logical",
    "PageRegistry",
    "article_path",
    "is_remote",
    "listing_path",
    "output_file",
    "relative_href",
]

#: First path segments a section key may not take: they hold other page kinds.
RESERVED_SEGMENTS = frozenset(
    {"region", "tag", "author", "page", "static", "media", "story", "404.html"}
)

#: A page as every edition knows it: ``("article", key)``, ``("section", "politics", 2)``,
#: ``("404",)``. Its path differs per edition; hreflang pairs join on it.
Logical = tuple[Any, ...]


def output_file(path: str) -> str:
    """The file a page at URL path ``path`` is written to (``x/`` → ``x/index.html``)."""
    return path + "index.html" if path == "" or path.endswith("/") else path


def listing_path(kind: str, key: str | None, number: int = 1) -> str:
    """URL path of page ``number`` of a listing: home, section, region, tag or author.

    >>> listing_path("tag", "syria", 2)
    'tag/syria/page/2/'
    """
    base = {
        "home": "",
        "section": f"{key}/",
        "region": f"region/{key}/",
        "tag": f"tag/{key}/",
        "author": f"author/{key}/",
    }[kind]
    return base if number == 1 else f"{base}page/{number}/"


def article_path(article: Article) -> str:
    """URL path of a story: below its section, else below ``story/``."""
    return f"{article.section or 'story'}/{article.slug}/"


def is_remote(url: str) -> bool:
    """An http(s) URL, used as it is rather than copied into the site."""
    return urlsplit(url).scheme in ("http", "https")


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


class Links:
    """URLs and links between the pages of every edition, from the editions' base URLs."""

    def __init__(self, base_urls: Mapping[str, str]) -> None:
        self.base_urls = base_urls  # edition -> absolute URL ending in "/"
        self._origins = {code: _origin(url) for code, url in base_urls.items()}

    def absolute(self, code: str, path: str) -> str:
        return self.base_urls[code] + path

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

    def link_for(self, code: str, source: str, rooted: bool) -> Callable[[str], str]:
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


_NONE: Mapping[str, str] = MappingProxyType({})


class PageRegistry:
    """Every logical page and its path in each edition that has it.

    One registry for all editions: a page's alternates are the editions that
    registered the same logical page, so hreflang pairs are reciprocal.
    """

    def __init__(self, editions: Mapping[str, Edition], source_edition: str, links: Links) -> None:
        self.editions = editions  # config order: the order of alternates
        self.source_edition = source_edition
        self.links = links
        self.paths: dict[Logical, dict[str, str]] = {}

    def register(self, code: str, pages: Iterable[tuple[Logical, str, Article | None]]) -> None:
        """Record an edition's pages; two at one path are an error naming the story's slug."""
        seen: dict[str, Logical] = {}
        for logical, path, where in pages:
            if path in seen:
                shown = where.path if where is not None else None
                raise I18nNewsError(
                    f"two pages of edition '{code}' would be written to {path or './'}: "
                    f"{seen[path]} and {logical}; change a slug",
                    shown,
                    where.lines.get("slug", 1) if where is not None else None,
                )
            seen[path] = logical
            self.paths.setdefault(logical, {})[code] = path

    def path(self, logical: Logical, code: str) -> str:
        """The page's path in edition ``code`` (it must have it)."""
        return self.paths[logical][code]

    def find(self, logical: Logical, code: str) -> str | None:
        """The page's path in edition ``code``, or None when the edition has no such page."""
        return self.paths.get(logical, {}).get(code)

    def versions(self, logical: Logical) -> Mapping[str, str]:
        """The page's path in each edition that has it (do not mutate)."""
        return self.paths.get(logical, _NONE)

    def outputs(self) -> Iterator[tuple[str, str]]:
        """``(edition, path)`` of every registered page."""
        for found in self.paths.values():
            yield from found.items()

    def section_link(self, code: str, link: Callable[[str], str], key: str | None) -> str | None:
        """``link`` to the first page of section ``key`` in ``code``, None without one."""
        if not key:
            return None
        path = self.paths.get(("section", key, 1), {}).get(code)
        return link(path) if path is not None else None

    def alternates(self, logical: Logical) -> list[tuple[str, str]]:
        """``(edition, path)`` of this logical page in every edition that has it, config order."""
        found = self.paths.get(logical, {})
        return [(code, found[code]) for code in self.editions if code in found]

    def x_default(self, logical: Logical) -> tuple[str, str] | None:
        found = self.paths.get(logical, {})
        if self.source_edition in found:
            return self.source_edition, found[self.source_edition]
        alts = self.alternates(logical)
        return alts[0] if alts else None

    def hreflang(self, logical: Logical) -> tuple[tuple[str, str], ...]:
        """``(hreflang, absolute URL)`` of every edition's version of the page, x-default last."""
        absolute = self.links.absolute
        pairs = [(self.editions[c].lang, absolute(c, p)) for c, p in self.alternates(logical)]
        x_default = self.x_default(logical)
        if x_default:
            pairs.append(("x-default", absolute(*x_default)))
        return tuple(pairs)

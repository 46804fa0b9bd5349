"""Machine-readable outputs of an edition: sitemaps, Google News sitemap, Atom, robots.txt.

XML is built with lxml element trees and serialized by lxml (never by string
concatenation), so every title or URL is escaped by the serializer. All
functions are pure: data in, bytes out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timedelta
from typing import Any

from lxml import etree

from i18n_news.site.pages import FeedEntry, Page, SitemapEntry

__all__ = [
    "ATOM_NS",
    "NEWS_LIMIT",
    "NEWS_NS",
    "NEWS_WINDOW",
    "SITEMAP_LIMIT",
    "SITEMAP_NS",
    "XHTML_NS",
    "SitemapEntry",
    "atom_feed",
    "news_sitemap",
    "robots_txt",
    "sitemap",
    "sitemap_entry",
    "sitemap_files",
]

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
ATOM_NS = "http://www.w3.org/2005/Atom"
XML_NS = "http://www.w3.org/XML/1998/namespace"
#: Google News sitemaps list articles published in the last two days.
NEWS_WINDOW = timedelta(hours=48)
ATOM_ENTRIES = 20
#: URLs per sitemap file (sitemaps.org); past it ``sitemap.xml`` becomes a sitemap index.
SITEMAP_LIMIT = 50_000
#: URLs a Google News sitemap may list.
NEWS_LIMIT = 1_000


# Characters XML 1.0 cannot carry at all (C0 controls but tab, newline, return; FFFE/FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: str) -> str:
    """``value`` without the characters XML forbids (a title may come from anywhere).

    >>> xml_text("a\x07b")
    'ab'
    """
    return _NOT_XML.sub("", value)


def _nsmap(default: str, **prefixed: str) -> dict[Any, str]:
    """A namespace map with a default namespace: lxml's key for it is None (lxml-stubs omit it)."""
    return {None: default, **prefixed}


def _bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _w3c(when: datetime) -> str:
    """W3C datetime with offset, seconds precision (sitemaps, Atom's RFC 3339)."""
    return when.replace(microsecond=0).isoformat()


def sitemap_entry(page: Page) -> SitemapEntry | None:
    """The page's sitemap entry; None for a page search engines should not list (404)."""
    if not page.indexable:
        return None
    return SitemapEntry(page.context["page"]["canonical"], page.lastmod, page.alternates)


def sitemap(pages: Iterable[Page | SitemapEntry]) -> bytes:
    """``sitemap.xml``: every indexable page with ``xhtml:link`` alternates and x-default."""
    root = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap=_nsmap(SITEMAP_NS, xhtml=XHTML_NS))
    for item in pages:
        entry = sitemap_entry(item) if isinstance(item, Page) else item
        if entry is None:
            continue
        url = etree.SubElement(root, f"{{{SITEMAP_NS}}}url")
        etree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = entry.loc
        if entry.lastmod is not None:
            etree.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = _w3c(entry.lastmod)
        if len(entry.alternates) > 1:
            for lang, href in entry.alternates:
                etree.SubElement(
                    url, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=lang, href=href
                )
    return _bytes(root)


def sitemap_files(
    entries: Sequence[SitemapEntry], base_url: str, *, limit: int = SITEMAP_LIMIT
) -> Iterator[tuple[str, bytes]]:
    """``(name, bytes)`` of an edition's sitemaps, one file at a time.

    Up to ``limit`` URLs: one ``sitemap.xml``. Past it: ``sitemap-1.xml``,
    ``sitemap-2.xml``… of ``limit`` URLs each, and ``sitemap.xml`` as their
    sitemap index, so ``robots.txt`` and search consoles keep one address.
    Files are produced lazily: only one is in memory at a time.
    """
    if len(entries) <= limit:
        yield "sitemap.xml", sitemap(entries)
        return
    root = etree.Element(f"{{{SITEMAP_NS}}}sitemapindex", nsmap=_nsmap(SITEMAP_NS))
    for number, start in enumerate(range(0, len(entries), limit), start=1):
        part = entries[start : start + limit]
        name = f"sitemap-{number}.xml"
        yield name, sitemap(part)
        item = etree.SubElement(root, f"{{{SITEMAP_NS}}}sitemap")
        etree.SubElement(item, f"{{{SITEMAP_NS}}}loc").text = base_url + name
        newest = max((e.lastmod for e in part if e.lastmod is not None), default=None)
        if newest is not None:
            etree.SubElement(item, f"{{{SITEMAP_NS}}}lastmod").text = _w3c(newest)
    yield "sitemap.xml", _bytes(root)


def news_language(lang: str) -> str:
    """The ``news:language`` code: ISO 639 (``ar``), except Chinese scripts (``zh-cn``/``zh-tw``).

    >>> news_language("ar-LB"), news_language("zh-Hant-TW")
    ('ar', 'zh-tw')
    """
    base = lang.split("-", maxsplit=1)[0].lower()
    if base == "zh":
        return (
            "zh-tw"
            if any(p in ("Hant", "TW", "HK", "MO") for p in lang.split("-")[1:])
            else "zh-cn"
        )
    return base


def news_sitemap(
    entries: Sequence[FeedEntry], *, publication: str, lang: str, now: datetime
) -> bytes:
    """Google News sitemap: stories published in the 48 hours up to ``now``, newest first.

    At most :data:`NEWS_LIMIT` of them: a news sitemap may not list more.
    """
    root = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap=_nsmap(SITEMAP_NS, news=NEWS_NS))
    recent = [e for e in entries if now - NEWS_WINDOW < e.published <= now]
    for entry in recent[:NEWS_LIMIT]:
        url = etree.SubElement(root, f"{{{SITEMAP_NS}}}url")
        etree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = entry.url
        news = etree.SubElement(url, f"{{{NEWS_NS}}}news")
        pub = etree.SubElement(news, f"{{{NEWS_NS}}}publication")
        etree.SubElement(pub, f"{{{NEWS_NS}}}name").text = xml_text(publication)
        etree.SubElement(pub, f"{{{NEWS_NS}}}language").text = news_language(lang)
        etree.SubElement(news, f"{{{NEWS_NS}}}publication_date").text = _w3c(entry.published)
        etree.SubElement(news, f"{{{NEWS_NS}}}title").text = xml_text(entry.title)
    return _bytes(root)


def atom_feed(
    entries: Sequence[FeedEntry],
    *,
    title: str,
    lang: str,
    home_url: str,
    feed_url: str,
    now: datetime,
    subtitle: str | None = None,
) -> bytes:
    """An RFC 4287 feed of the newest stories.

    Feed: ``id``, ``title``, ``updated``, ``author``, ``link rel=self`` and
    ``rel=alternate``; each entry: ``id``, ``title``, ``updated``,
    ``published``, ``link rel=alternate``, ``summary``, ``author``,
    ``category``. ``updated`` is the newest entry's (``now`` for an empty
    feed), so the feed only changes when a story does.
    """
    shown = list(entries)[:ATOM_ENTRIES]
    root = etree.Element(f"{{{ATOM_NS}}}feed", nsmap=_nsmap(ATOM_NS))
    root.set(f"{{{XML_NS}}}lang", lang)
    etree.SubElement(root, f"{{{ATOM_NS}}}id").text = home_url
    etree.SubElement(root, f"{{{ATOM_NS}}}title").text = xml_text(title)
    if subtitle:
        etree.SubElement(root, f"{{{ATOM_NS}}}subtitle").text = xml_text(subtitle)
    newest = max((e.updated or e.published for e in shown), default=now)
    etree.SubElement(root, f"{{{ATOM_NS}}}updated").text = _w3c(newest)
    etree.SubElement(
        root, f"{{{ATOM_NS}}}link", rel="self", type="application/atom+xml", href=feed_url
    )
    etree.SubElement(root, f"{{{ATOM_NS}}}link", rel="alternate", type="text/html", href=home_url)
    author = etree.SubElement(root, f"{{{ATOM_NS}}}author")
    etree.SubElement(author, f"{{{ATOM_NS}}}name").text = xml_text(title)
    etree.SubElement(author, f"{{{ATOM_NS}}}uri").text = home_url
    for entry in shown:
        item = etree.SubElement(root, f"{{{ATOM_NS}}}entry")
        etree.SubElement(item, f"{{{ATOM_NS}}}id").text = entry.url
        etree.SubElement(item, f"{{{ATOM_NS}}}title", type="text").text = xml_text(entry.title)
        etree.SubElement(item, f"{{{ATOM_NS}}}updated").text = _w3c(
            entry.updated or entry.published
        )
        etree.SubElement(item, f"{{{ATOM_NS}}}published").text = _w3c(entry.published)
        etree.SubElement(
            item, f"{{{ATOM_NS}}}link", rel="alternate", type="text/html", href=entry.url
        )
        if entry.author:
            entry_author = etree.SubElement(item, f"{{{ATOM_NS}}}author")
            etree.SubElement(entry_author, f"{{{ATOM_NS}}}name").text = xml_text(entry.author)
        if entry.section:
            etree.SubElement(item, f"{{{ATOM_NS}}}category", term=xml_text(entry.section))
        for tag in entry.tags:
            etree.SubElement(item, f"{{{ATOM_NS}}}category", term=xml_text(tag))
        if entry.summary:
            etree.SubElement(item, f"{{{ATOM_NS}}}summary", type="text").text = xml_text(
                entry.summary
            )
    return _bytes(root)


def robots_txt(base_url: str) -> bytes:
    """``robots.txt`` naming both sitemaps.

    Crawlers read ``robots.txt`` only at a host's root: when an edition is
    served from a sub-path, copy these ``Sitemap:`` lines into the root file.
    """
    lines = [
        "User-agent: *",
        "Allow: /",
        "",
        f"Sitemap: {base_url}sitemap.xml",
        f"Sitemap: {base_url}news-sitemap.xml",
        "",
    ]
    return "\n".join(lines).encode("utf-8")

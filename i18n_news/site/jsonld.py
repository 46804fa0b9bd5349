"""schema.org JSON-LD of pages: a story's ``NewsArticle``, a listing's ``CollectionPage``.

Pure: translated names and absolute URLs in, plain dicts out (the theme
prints them with ``tojson``). Keys are added in a fixed order and optional
ones only when the caller has a value, so a page's JSON-LD is stable.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

__all__ = ["breadcrumb_list", "collection_page", "news_article", "work"]

CONTEXT = "https://schema.org"


def work(url: str, lang: str) -> dict[str, Any]:
    """Another edition's version of a story (``translationOfWork``, ``workTranslation``)."""
    return {"@type": "NewsArticle", "@id": url + "#article", "url": url, "inLanguage": lang}


def breadcrumb_list(items: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """A ``BreadcrumbList`` of ``(name, absolute URL)``, the home page first.

    >>> breadcrumb_list([("Home", "https://x.test/")])["itemListElement"][0]["position"]
    1
    """
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": index, "name": name, "item": url}
            for index, (name, url) in enumerate(items, 1)
        ],
    }


def news_article(
    *,
    url: str,
    headline: str,
    lang: str,
    published: datetime,
    modified: datetime,
    publisher: str,
    publisher_url: str,
    description: str | None = None,
    author: str | None = None,
    author_url: str | None = None,
    image: str | None = None,
    section: str | None = None,
    keywords: Sequence[str] = (),
    translation_of: dict[str, Any] | None = None,
    translations: Sequence[dict[str, Any]] = (),
    breadcrumbs: Sequence[tuple[str, str]] = (),
) -> dict[str, Any]:
    """A story page's graph: its ``NewsArticle`` and its ``BreadcrumbList``.

    ``translation_of`` and ``translations`` are :func:`work` values: the
    origin this edition was translated from, and the editions translated from it.
    """
    node: dict[str, Any] = {
        "@type": "NewsArticle",
        "@id": url + "#article",
        "mainEntityOfPage": url,
        "url": url,
        "headline": headline,
        "inLanguage": lang,
        "datePublished": published.isoformat(),
        "dateModified": modified.isoformat(),
        "publisher": {"@type": "Organization", "name": publisher, "url": publisher_url},
        "isAccessibleForFree": True,
    }
    if description is not None:
        node["description"] = description
    if author is not None:
        by: dict[str, Any] = {"@type": "Organization", "name": author}
        if author_url is not None:
            by["url"] = author_url
        node["author"] = [by]
    if image:
        node["image"] = [image]
    if section is not None:
        node["articleSection"] = section
    if keywords:
        node["keywords"] = list(keywords)
    if translation_of is not None:
        node["translationOfWork"] = translation_of
    if translations:
        node["workTranslation"] = list(translations)
    return {"@context": CONTEXT, "@graph": [node, breadcrumb_list(breadcrumbs)]}


def collection_page(
    *,
    url: str,
    name: str,
    lang: str,
    site_name: str,
    site_url: str,
    breadcrumbs: Sequence[tuple[str, str]],
) -> dict[str, Any]:
    """A listing page's graph: its ``CollectionPage`` (part of the edition's ``WebSite``)."""
    return {
        "@context": CONTEXT,
        "@graph": [
            {
                "@type": "CollectionPage",
                "@id": url,
                "url": url,
                "name": name,
                "inLanguage": lang,
                "isPartOf": {"@type": "WebSite", "name": site_name, "url": site_url},
            },
            breadcrumb_list(breadcrumbs),
        ],
    }

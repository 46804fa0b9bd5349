"""The values a page plan is made of: settings in; pages, sitemap and feed entries out.

Plain frozen data, so a page can be fingerprinted, pickled to a worker and
compared with the last build; shared by the planner's parts and by what
consumes a plan (feeds, executors, the build).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol, overload
from zoneinfo import ZoneInfo

from i18n_news.model import Edition
from i18n_news.site.urls import Logical, output_file

__all__ = [
    "EditionLabels",
    "FeedEntry",
    "Gettext",
    "MediaFile",
    "Page",
    "SiteSettings",
    "SitemapEntry",
    "local_time",
]


class Gettext(Protocol):
    """The part of a gettext translations object the plan uses."""

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


@overload
def local_time(edition: Edition, when: datetime) -> datetime: ...
@overload
def local_time(edition: Edition, when: None) -> None: ...
@overload
def local_time(edition: Edition, when: datetime | None) -> datetime | None: ...
def local_time(edition: Edition, when: datetime | None) -> datetime | None:
    """``when`` in the edition's time zone: what its pages print and its feeds carry."""
    return None if when is None else when.astimezone(ZoneInfo(edition.timezone))

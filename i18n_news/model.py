"""Typed dataclasses shared by every part of the toolkit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Literal, get_args

Direction = Literal["ltr", "rtl"]
#: CLDR numbering systems with decimal digits that are some locale's default.
Digits = Literal[
    "latn", "arab", "arabext", "beng", "deva", "mymr", "tibt", "olck", "nkoo", "mtei", "cakm",
    "adlm", "hmnp",
]  # fmt: skip
DIGITS: tuple[Digits, ...] = get_args(Digits)


class Severity(str, Enum):  # noqa: UP042 - members compare equal to their JSON values
    """Finding severity, ordered: ``info < warning < error``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


@dataclass(frozen=True)
class Edition:
    """One published edition of the newsroom (``en``, ``ar``, ``es``)."""

    code: str
    locale: str
    name: str
    direction: Direction
    digits: Digits = "latn"
    timezone: str = "UTC"
    dates: dict[str, str | bool] = field(default_factory=dict, hash=False)
    words_per_minute: int = 200

    @property
    def lang(self) -> str:
        """BCP 47 tag for ``<html lang>`` and hreflang (``ar-LB``)."""
        return self.locale.replace("_", "-")

    @property
    def language(self) -> str:
        """Bare language code used for Plural-Forms and catalog headers (``ar``)."""
        return self.locale.split("_")[0].split("-")[0]


@dataclass(frozen=True)
class Image:
    src: str
    caption: str = ""
    credit: str = ""


@dataclass
class Article:
    """One story in one edition, read from a Markdown file with front matter."""

    key: str
    edition: str
    path: Path
    slug: str
    title: str
    published: datetime
    body: str
    summary: str = ""
    updated: datetime | None = None
    author: str = ""
    source: str = ""
    section: str = ""
    region: str = ""
    tags: tuple[str, ...] = ()
    image: Image | None = None
    related: tuple[str, ...] = ()
    editions: tuple[str, ...] | None = None
    draft: bool = False
    shares: int = 0
    origin: str | None = None
    origin_hash: str | None = None
    published_tz_assumed: bool = False
    from_catalog: bool = False
    #: 1-based file line of each front-matter key, for ``path:line`` findings.
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    #: 1-based file line where the Markdown body starts.
    body_line: int = 0


@dataclass
class Story:
    """All editions of one story, linked by ``key``."""

    key: str
    articles: dict[str, Article] = field(default_factory=dict)

    @property
    def origin_edition(self) -> str | None:
        for article in self.articles.values():
            if article.origin:
                return article.origin
        originals = [code for code, a in self.articles.items() if not a.origin]
        return originals[0] if originals else None


@dataclass(frozen=True)
class Finding:
    """One problem reported by a check; ``line`` is 1-based, 0 when unknown."""

    check_id: str
    severity: Severity
    path: str
    line: int
    message: str
    edition: str | None = None
    column: int = 0

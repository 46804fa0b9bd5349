"""What a saved article page says about itself, read into a :class:`Page`.

Each field is taken from the most reliable source that has it — JSON-LD
(also inside ``@graph``), then OpenGraph and ``article:*``, other ``<meta>``,
``<time datetime>``, microdata, and last the visible byline and dateline —
so a page with good metadata is read exactly and a page without it still
gives its headline, author and date. This module decides *which* text is a
field; :mod:`~i18n_news.importer.dates` reads dates and
:mod:`~i18n_news.importer.markdown` writes the body.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from lxml.html import HtmlElement

from i18n_news.errors import I18nNewsError
from i18n_news.importer.dates import (
    PageDate,
    first_date,
    parse_date_text,
    year_in_text,
    year_in_url,
)
from i18n_news.importer.html import (
    MAX_BYTES,
    Texts,
    VisibleTexts,
    article_root,
    clean,
    deepest,
    parse_html,
    text_of,
)
from i18n_news.importer.markdown import article_markdown, plain_text_markdown
from i18n_news.model import Edition, Image

__all__ = ["ARTICLE_TYPES", "Page", "parse_page", "strip_site_suffix"]

#: JSON-LD ``@type``s whose object describes the article itself.
ARTICLE_TYPES = frozenset(
    {
        "Article",
        "NewsArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "AskPublicNewsArticle",
        "SatiricalArticle",
        "BlogPosting",
        "LiveBlogPosting",
        "Report",
        "TechArticle",
        "ScholarlyArticle",
    }
)
_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " « ", " » ")
_BYLINE = re.compile(r"^\s*(?:by|por|بقلم|كتب|كتبت|written by|escrito por)\s*[:：]?\s+(.+)$", re.I)
_SOURCE = re.compile(r"^\s*(?:source|fuente|المصدر)\s*[:：]\s*(.+)$", re.I)
_LOGO = re.compile(r"logo|brand|site-?(?:name|title)|masthead", re.I)
_DATE_MARKS = re.compile(r"date|time|publish|posted|fecha|tarikh|dateline|meta", re.I)


@dataclass(frozen=True)
class Page:
    """What a saved article page says, before it is mapped onto the newsroom."""

    title: str = ""
    summary: str = ""
    published: PageDate | None = None
    updated: PageDate | None = None
    authors: tuple[str, ...] = ()
    source: str = ""
    section: str = ""
    tags: tuple[str, ...] = ()
    image: Image | None = None
    url: str = ""
    site_name: str = ""
    body: str = ""
    warnings: tuple[str, ...] = ()


# ---------------------------------------------------------------------------
# The page's own metadata: JSON-LD, <meta>, microdata
# ---------------------------------------------------------------------------


def _jsonld_objects(tree: HtmlElement) -> tuple[list[dict[str, Any]], list[str]]:
    """Every JSON-LD object of the page (lists and ``@graph`` flattened)."""
    found: list[dict[str, Any]] = []
    warnings: list[str] = []
    for script in tree.iter("script"):
        kind = (script.get("type") or "").split(";")[0].strip().lower()
        if kind != "application/ld+json":
            continue
        raw = (script.text or "").strip()
        raw = re.sub(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$", "", raw).strip().rstrip(";")
        try:
            data = json.loads(raw, strict=False)
        except json.JSONDecodeError as exc:
            line = (script.sourceline or 0) + exc.lineno - 1
            warnings.append(f"ignored JSON-LD that is not valid JSON (line {line}): {exc.msg}")
            continue
        found.extend(_walk_jsonld(data))
    return found, warnings


def _walk_jsonld(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 8:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk_jsonld(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "itemListElement"):
            if key in data:
                yield from _walk_jsonld(data[key], depth + 1)


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type", ())
    kinds = [kind] if isinstance(kind, str) else kind if isinstance(kind, list) else []
    return {k.rsplit("/", 1)[-1] for k in kinds if isinstance(k, str)}


def _names(value: Any) -> list[str]:
    """Author-like values: ``"A"``, ``{"name": "A"}``, or lists of either."""
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        name = clean(item.get("name")) if isinstance(item, dict) else clean(item)
        if name and not re.match(r"^https?://", name) and name not in out:
            out.append(name)
    return out


def _keywords(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        text = clean(item.get("name")) if isinstance(item, dict) else clean(item)
        for raw in re.split(r"[,،;]", text):
            part = raw.strip()
            if part and part not in out:
                out.append(part)
    return out


def _image_of(value: Any) -> Image | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, str) and value.strip():
        return Image(src=value.strip())
    if isinstance(value, dict):
        src = clean(value.get("url") or value.get("contentUrl"))
        if src:
            credit = clean(value.get("creditText")) or next(
                iter(_names(value.get("copyrightHolder") or value.get("author"))), ""
            )
            return Image(src=src, caption=clean(value.get("caption")), credit=credit)
    return None


class _Meta:
    """``<meta property|name|itemprop=… content=…>`` by lower-cased name, in page order."""

    def __init__(self, tree: HtmlElement) -> None:
        self.values: dict[str, list[str]] = {}
        for meta in tree.iter("meta"):
            content = meta.get("content")
            if content is None:
                continue
            for attr in ("property", "name", "itemprop"):
                name = (meta.get(attr) or "").strip().lower()
                if name:
                    self.values.setdefault(name, []).append(clean(content))

    def get(self, *names: str) -> str:
        for name in names:
            for value in self.values.get(name, ()):
                if value:
                    return value
        return ""

    def all(self, name: str) -> list[str]:
        return [v for v in self.values.get(name, ()) if v]


class _Microdata:
    """``itemprop`` values: ``content``/``datetime``/``src`` attributes before text."""

    def __init__(self, tree: HtmlElement) -> None:
        self.nodes: dict[str, list[HtmlElement]] = {}
        for node in tree.iter():
            if not isinstance(node.tag, str):
                continue
            for prop in (node.get("itemprop") or "").split():
                self.nodes.setdefault(prop, []).append(node)

    def _value(self, node: HtmlElement) -> str:
        for attr in ("content", "datetime"):
            if node.get(attr):
                return clean(node.get(attr))
        return text_of(node)

    def text(self, prop: str) -> str:
        return next((v for v in map(self._value, self.nodes.get(prop, ())) if v), "")

    def date(self, prop: str) -> str:
        return self.text(prop)

    def attr(self, prop: str) -> str:
        for node in self.nodes.get(prop, ()):
            for attr in ("content", "src", "href"):
                value = node.get(attr)
                if value:
                    return value.strip()
            inner = next((n for n in node.iter() if n.get("itemprop") == "url"), None)
            if inner is not None:
                return (inner.get("content") or inner.get("src") or inner.get("href") or "").strip()
        return ""

    def authors(self) -> list[str]:
        out = []
        for node in self.nodes.get("author", ()):
            name = next(
                (n for n in node.iter() if n is not node and n.get("itemprop") == "name"), None
            )
            value = self._value(name if name is not None else node)
            value = _BYLINE.sub(r"\1", value)
            if value:
                out.append(value)
        return out


# ---------------------------------------------------------------------------
# Headline and site name
# ---------------------------------------------------------------------------


def strip_site_suffix(title: str, site_names: Iterable[str], *, guess: bool = False) -> str:
    """``"Headline - Site"`` -> ``"Headline"``.

    A known site name is always stripped (also in front: ``"Site | Headline"``);
    with ``guess`` (the title came from ``<title>`` or ``og:title``) a short
    last segment after ``" | "``, or after ``" - "`` behind a long headline,
    is taken for one too.

    >>> strip_site_suffix("Russia keeps bases - Al Mayadeen English", ["Al Mayadeen English"])
    'Russia keeps bases'
    """
    names = {n.casefold().strip() for n in site_names if n}
    for sep in _SEPARATORS:  # "Site | Headline"
        head, found, tail = title.partition(sep)
        if found and tail.strip() and head.strip().casefold() in names:
            title = tail
            break
    for _ in range(2):  # "Headline | Section | Site"
        for sep in _SEPARATORS:
            head, found, tail = title.rpartition(sep)
            if not found or not head.strip():
                continue
            words, tail_words = len(head.split()), len(tail.split())
            looks_like_site = tail_words <= 4 and words >= (2 if sep == " | " else 4)
            if tail.strip().casefold() in names or (guess and looks_like_site):
                title = head.strip()
                break
        else:
            break
        guess = guess and sep == " | "
    return title.strip()


def _site_names(article: dict[str, Any], objects: list[dict[str, Any]], meta: _Meta) -> list[str]:
    """Names the page gives its site, for stripping them off a title."""
    publisher = article.get("publisher")
    websites = (
        clean(o.get("name")) for o in objects if _types(o) & {"WebSite", "NewsMediaOrganization"}
    )
    names = [
        meta.get("og:site_name"),
        next(iter(_names(publisher)), "") if publisher else "",
        next(websites, ""),
        meta.get("application-name"),
    ]
    return list(dict.fromkeys(n for n in names if n))


def _is_logo(node: HtmlElement) -> bool:
    """An ``<h1>`` that is the site's name: in the site header or nav, or marked as a logo."""
    for element in (node, *node.iterancestors()):
        marks = f"{element.get('class') or ''} {element.get('id') or ''}"
        if element.tag == "article":
            return False
        if element.tag == "nav" or element.tag == "header" or _LOGO.search(marks):
            return True
    return False


def _headline(
    tree: HtmlElement,
    article: dict[str, Any],
    meta: _Meta,
    micro: _Microdata,
    site_names: list[str],
) -> str:
    """JSON-LD ``headline``, then ``og:title``, microdata, ``<h1>``, ``<title>``; suffix off."""
    h1s = [h for h in tree.iter("h1") if text_of(h)]
    site_names.extend(text_of(h) for h in h1s if _is_logo(h))
    h1 = next((text_of(h) for h in h1s if not _is_logo(h)), "")
    for candidate, document_title in (
        (clean(article.get("headline") or article.get("name")), False),
        (meta.get("og:title"), True),
        (meta.get("twitter:title"), True),
        (micro.text("headline"), False),
        (h1, False),
        (text_of(tree.find(".//title")), True),
    ):
        if candidate:
            return strip_site_suffix(candidate, site_names, guess=document_title)
    return ""


# ---------------------------------------------------------------------------
# What the page shows: byline, source and dateline
# ---------------------------------------------------------------------------


def _region(root: HtmlElement | None, tree: HtmlElement) -> HtmlElement:
    """Where the article's own byline and date are: its ``<article>``, else around the text."""
    if root is None:
        body = tree.find("body")
        return body if body is not None else tree
    for element in (root, *root.iterancestors()):
        if element.tag == "article":
            return element
    parent = root.getparent()
    return parent if parent is not None and parent.tag not in ("html",) else root


def _visible_byline(visible: VisibleTexts, used: list[HtmlElement]) -> tuple[str, str]:
    """``By X`` / ``Por X`` / ``بقلم X`` and ``Source: Y`` from short visible texts.

    The article's region is searched before the page, where a sidebar's
    "By the numbers" would otherwise pass for a byline.
    """
    found: list[str] = []
    for pattern, cut in (
        (_BYLINE, r"\s+[|•·]\s+|\s+-\s+|,\s*\d"),
        (_SOURCE, r"\s+[|•·]\s+|\s+-\s+"),
    ):
        value = ""
        for texts in (visible.region, visible.page):
            hit = deepest(texts, pattern.match)
            if hit is not None:
                match = pattern.match(hit[1])
                assert match is not None
                value = re.split(cut, match.group(1))[0].strip()
                used.append(hit[0])
                break
        found.append(value)
    return found[0], found[1]


def _time_element(root: HtmlElement) -> str:
    times = [t for t in root.iter("time") if t.get("datetime")]
    preferred = [
        t
        for t in times
        if "datePublished" in (t.get("itemprop") or "")
        or t.get("pubdate") is not None
        or re.search(r"publish|posted|created", t.get("class") or "", re.I)
    ]
    chosen = (preferred or times)[:1]
    return (chosen[0].get("datetime") or "").strip() if chosen else ""


def _year_context(tree: HtmlElement, url: str, edition: Edition) -> int | None:
    """A year for dates printed without one: the URL, another full date, the copyright."""
    from_url = year_in_url(url)
    if from_url is not None:
        return from_url
    body = tree.find("body")
    return year_in_text(text_of(body) if body is not None else "", edition.locale)


def _visible_date(
    visible: VisibleTexts,
    edition: Edition,
    year: int | None,
    warnings: list[str],
    used: list[HtmlElement],
) -> PageDate | None:
    """The innermost short text that reads as a date.

    Date-like classes in the article's region first, then anywhere, then any
    text of the region, then of the page: a sidebar's dates come last.
    """
    cache: dict[str, tuple[PageDate | None, str]] = {}

    def parse(text: str) -> PageDate | None:
        if text not in cache:
            cache[text] = parse_date_text(text, edition, year=year)
        return cache[text][0]

    def marked(texts: Texts) -> Texts:
        return [
            (n, t)
            for n, t in texts
            if len(t) <= 80 and _DATE_MARKS.search(f"{n.get('class') or ''} {n.get('id') or ''}")
        ]

    def short(texts: Texts) -> Texts:
        return [(n, t) for n, t in texts if len(t) <= 80]

    for texts in (
        marked(visible.region),
        marked(visible.page),
        short(visible.region),
        short(visible.page),
    ):
        hit = deepest(texts, parse)
        if hit is not None:
            used.append(hit[0])
            return parse(hit[1])
    reasons = [reason for _, reason in cache.values() if reason != "no date"]
    warnings.extend(reasons[:1])
    return None


# ---------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------


def parse_page(data: bytes, edition: Edition, *, name: str = "page") -> Page:
    """Read the metadata and body of one saved article page (pure: no I/O)."""
    if len(data) > MAX_BYTES:
        raise I18nNewsError(f"refused: {len(data)} bytes is over the 10 MB limit for a page", name)
    tree = parse_html(data, name)
    warnings: list[str] = []
    objects, bad = _jsonld_objects(tree)
    warnings += bad
    article = next((o for o in objects if _types(o) & ARTICLE_TYPES), {})
    meta = _Meta(tree)
    micro = _Microdata(tree)
    canonical = next(
        (
            link.get("href", "")
            for link in tree.iter("link")
            if "canonical" in (link.get("rel") or "").lower().split()
        ),
        "",
    )
    main_entity = article.get("mainEntityOfPage")
    if isinstance(main_entity, dict):
        main_entity = main_entity.get("@id") or main_entity.get("url")
    url = clean(article.get("url")) or clean(main_entity) or meta.get("og:url") or clean(canonical)

    site_names = _site_names(article, objects, meta)
    title = _headline(tree, article, meta, micro, site_names)
    if not title:
        warnings.append("no headline found")

    summary = (
        clean(article.get("description"))
        or meta.get("og:description", "description", "twitter:description")
        or micro.text("description")
    )
    authors = (
        _names(article.get("author"))
        or _names(meta.all("article:author"))
        or _names(meta.all("author"))
        or _names(micro.authors())
    )
    section = (
        next(iter(_keywords(article.get("articleSection"))), "")
        or meta.get("article:section", "section", "parsely-section")
        or micro.text("articleSection")
    )
    tags = (
        _keywords(article.get("keywords"))
        or meta.all("article:tag")
        or _keywords(meta.get("news_keywords", "keywords"))
        or _keywords(micro.text("keywords"))
    )
    image = (
        _image_of(article.get("image"))
        or (Image(meta.get("og:image"), meta.get("og:image:alt")) if meta.get("og:image") else None)
        or _image_of(micro.attr("image"))
    )

    root = article_root(tree)
    region = _region(root, tree)
    used: list[HtmlElement] = []
    visible = VisibleTexts.of(tree, region)
    byline, source = _visible_byline(visible, used)
    if not authors and byline:
        authors = [byline]

    year_context = _year_context(tree, url, edition)
    machine = [
        article.get("datePublished"),
        meta.get(
            "article:published_time",
            "og:published_time",
            "datepublished",
            "publish-date",
            "publishdate",
            "pubdate",
            "date",
            "dc.date.issued",
            "dc.date",
            "dcterms.created",
            "sailthru.date",
            "parsely-pub-date",
        ),
        _time_element(region),
        micro.date("datePublished"),
    ]
    published = first_date(machine, edition, year_context, warnings)
    if published is None:
        published = _visible_date(visible, edition, year_context, warnings, used)
    updated = first_date(
        [
            article.get("dateModified"),
            meta.get(
                "article:modified_time", "og:updated_time", "dc.date.modified", "last-modified"
            ),
            micro.date("dateModified"),
        ],
        edition,
        year_context,
        warnings,
    )
    if published is not None and updated is not None and updated.has_offset != published.has_offset:
        updated = None  # cannot be compared with the published instant
    elif published is not None and updated is not None and updated.value <= published.value:
        updated = None

    body = article_markdown(root, tree, title, used)
    if not body:
        fallback = article.get("articleBody")
        if isinstance(fallback, str) and fallback.strip():
            body = plain_text_markdown(fallback)
    if not body:
        warnings.append("no article text found")
    return Page(
        title=title,
        summary=summary,
        published=published,
        updated=updated,
        authors=tuple(authors),
        source=source,
        section=section,
        tags=tuple(tags),
        image=image,
        url=url,
        site_name=site_names[0] if site_names else "",
        body=body,
        warnings=tuple(warnings),
    )

"""``i18nnews import``: saved article pages -> content files.

A page is read with lxml and nothing else happens to it: no network, no DTD
or entity expansion (internal DTD subsets are cut before parsing), no script
runs. Metadata is taken from the most reliable source that has it — JSON-LD
(also inside ``@graph``), then OpenGraph and ``article:*``, other ``<meta>``,
``<time datetime>``, microdata, and last the visible byline and dateline —
and dates in the edition's own words (``23 Julio 19:20``,
``١٢ كانون الأول ٢٠٢٤``) are read with the edition locale's CLDR month names.

The result is ``content/<edition>/imported/<slug>.md`` with TOML front
matter; a date without a UTC offset is written as the page gave it, with
``published_tz_assumed = true`` so it is read in the edition's time zone.
"""

from __future__ import annotations

import copy
import email.utils
import hashlib
import html
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

import lxml.html
import tomli_w
from babel.dates import get_day_names, get_month_names
from lxml import etree

from i18n_news.config import Config
from i18n_news.errors import I18nNewsError
from i18n_news.model import Edition, Image
from i18n_news.sources.frontmatter import write_atomic
from i18n_news.sources.taxonomy import Taxonomy, load_taxonomy

#: Pages larger than this are refused: a saved article is far smaller.
MAX_BYTES = 10 * 1024 * 1024
IMPORT_DIR = "imported"

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
_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "canvas",
    "form",
    "button",
    "input",
    "select",
    "textarea",
    "nav",
    "aside",
    "footer",
    "header",
    "figure",
    "audio",
    "video",
    "picture",
    "img",
    "link",
    "meta",
)
_NOISE = re.compile(
    r"(?:^|[\s_-])(share|sharing|social|related|newsletter|advert|advertisement|ads?|promo|"
    r"comments?|breadcrumbs?|byline|dateline|author|authors|meta|read-?more|subscribe|"
    r"tags|keywords|most-?read|ticker)(?:$|[\s_-])",
    re.I,
)
_BODY_CLASS = re.compile(
    r"article[-_]?body|articlebody|story[-_]?body|post[-_]?content|entry[-_]?content|"
    r"article[-_]?content|article__body|content[-_]?body|field[-_]?body|article-text",
    re.I,
)
_BLOCKS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "table",
    "dl",
    "hr",
}
_CONTAINERS = {"div", "section", "article", "main", "span", "center", "font", "body"}
_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " « ", " » ")
_BYLINE = re.compile(r"^\s*(?:by|por|بقلم|كتب|كتبت|written by|escrito por)\s*[:：]?\s+(.+)$", re.I)
_SOURCE = re.compile(r"^\s*(?:source|fuente|المصدر)\s*[:：]\s*(.+)$", re.I)
_DOCTYPE = re.compile(rb"<!DOCTYPE[^\[>]*(\[.*?\]\s*)?>", re.I | re.S)
_DECLARATIONS = re.compile(rb"<\?xml[^>]*\?>|<!ENTITY[^>]*>|<!ELEMENT[^>]*>|<!ATTLIST[^>]*>", re.I)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


@dataclass(frozen=True)
class PageDate:
    """A date as the page gave it: ``value`` is naive when the page had no offset."""

    value: datetime
    text: str

    @property
    def has_offset(self) -> bool:
        return self.value.tzinfo is not None


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


@dataclass(frozen=True)
class ImportResult:
    """One imported page: where it went and what an editor should look at."""

    source: str
    path: str
    key: str
    slug: str
    title: str
    draft: bool
    front_matter: dict[str, Any] = field(hash=False)
    body: str = ""
    warnings: tuple[str, ...] = ()
    changed: bool = True


# ---------------------------------------------------------------------------
# Reading the page
# ---------------------------------------------------------------------------


def _decode(data: bytes) -> bytes:
    """The page as UTF-8 bytes, from its BOM or ``<meta charset>``, else UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:]
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[2:].decode(codec, errors="replace").encode("utf-8")
    match = _CHARSET.search(data[:4096])
    codec = match.group(1).decode("ascii").lower() if match else "utf-8"
    try:
        return data.decode(codec, errors="replace").encode("utf-8")
    except LookupError:
        return data.decode("utf-8", errors="replace").encode("utf-8")


_XML_FORBIDDEN = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def parse_html(data: bytes, name: str = "page") -> Any:
    """An lxml tree of the page; DTD subsets and entity declarations never reach libxml2."""
    data = _DECLARATIONS.sub(b"", _DOCTYPE.sub(b"<!DOCTYPE html>", _decode(data)))
    # Control characters XML forbids (NUL…) make lxml refuse to edit the tree later.
    data = _XML_FORBIDDEN.sub(b"", data)
    parser = lxml.html.HTMLParser(
        encoding="utf-8",
        no_network=True,
        remove_comments=True,
        remove_pis=True,
        huge_tree=False,
        default_doctype=False,
    )
    try:
        return lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise I18nNewsError(f"not a readable HTML page: {exc}", name) from None


def _text(node: Any) -> str:
    return " ".join("".join(node.itertext()).split()) if node is not None else ""


def _clean(value: Any) -> str:
    """A metadata string without markup, entities or runs of whitespace."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), "")
    if not isinstance(value, str):
        return ""
    value = html.unescape(re.sub(r"<[^>]*>", " ", value))
    return " ".join(value.split())


def _jsonld_objects(tree: Any) -> tuple[list[dict[str, Any]], list[str]]:
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
        name = _clean(item.get("name")) if isinstance(item, dict) else _clean(item)
        if name and not re.match(r"^https?://", name) and name not in out:
            out.append(name)
    return out


def _keywords(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        text = _clean(item.get("name")) if isinstance(item, dict) else _clean(item)
        for part in re.split(r"[,،;]", text):
            part = part.strip()
            if part and part not in out:
                out.append(part)
    return out


def _image_of(value: Any) -> Image | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, str) and value.strip():
        return Image(src=value.strip())
    if isinstance(value, dict):
        src = _clean(value.get("url") or value.get("contentUrl"))
        if src:
            credit = _clean(value.get("creditText")) or next(
                iter(_names(value.get("copyrightHolder") or value.get("author"))), ""
            )
            return Image(src=src, caption=_clean(value.get("caption")), credit=credit)
    return None


class _Meta:
    """``<meta property|name|itemprop=… content=…>`` by lower-cased name, in page order."""

    def __init__(self, tree: Any) -> None:
        self.values: dict[str, list[str]] = {}
        for meta in tree.iter("meta"):
            content = meta.get("content")
            if content is None:
                continue
            for attr in ("property", "name", "itemprop"):
                name = (meta.get(attr) or "").strip().lower()
                if name:
                    self.values.setdefault(name, []).append(_clean(content))

    def get(self, *names: str) -> str:
        for name in names:
            for value in self.values.get(name, ()):
                if value:
                    return value
        return ""

    def all(self, name: str) -> list[str]:
        return [v for v in self.values.get(name, ()) if v]


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
    url = (
        _clean(article.get("url")) or _clean(main_entity) or meta.get("og:url") or _clean(canonical)
    )

    site_names = _site_names(article, objects, meta)
    title = _headline(tree, article, meta, micro, site_names)
    if not title:
        warnings.append("no headline found")

    summary = (
        _clean(article.get("description"))
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

    root = _article_root(tree)
    region = _region(root, tree)
    used: list[Any] = []
    visible = _Visible.of(tree, region)
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
    published = _first_date(machine, edition, year_context, warnings)
    if published is None:
        published = _visible_date(visible, edition, year_context, warnings, used)
    updated = _first_date(
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

    body = _body(root, tree, title, used)
    if not body:
        fallback = article.get("articleBody")
        if isinstance(fallback, str) and fallback.strip():
            body = "\n\n".join(
                _escape_line(" ".join(p.split()))
                for p in re.split(r"\n\s*\n|\n", fallback)
                if p.strip()
            )
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


class _Microdata:
    """``itemprop`` values: ``content``/``datetime``/``src`` attributes before text."""

    def __init__(self, tree: Any) -> None:
        self.nodes: dict[str, list[Any]] = {}
        for node in tree.iter():
            if not isinstance(node.tag, str):
                continue
            for prop in (node.get("itemprop") or "").split():
                self.nodes.setdefault(prop, []).append(node)

    def _value(self, node: Any) -> str:
        for attr in ("content", "datetime"):
            if node.get(attr):
                return _clean(node.get(attr))
        return _text(node)

    def text(self, prop: str) -> str:
        return next((v for v in map(self._value, self.nodes.get(prop, ())) if v), "")

    def date(self, prop: str) -> str:
        return self.text(prop)

    def attr(self, prop: str) -> str:
        for node in self.nodes.get(prop, ()):
            for attr in ("content", "src", "href"):
                if node.get(attr):
                    return node.get(attr).strip()
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


def _article_root(tree: Any) -> Any:
    """The element holding the article text: ``articleBody``, a body class, ``<article>``, main."""
    for node in tree.iter():
        if isinstance(node.tag, str) and "articleBody" in (node.get("itemprop") or "").split():
            return node
    for node in tree.iter():
        if not isinstance(node.tag, str) or node.tag in ("body", "html"):
            continue
        marks = f"{node.get('class') or ''} {node.get('id') or ''}"
        if _BODY_CLASS.search(marks):
            return node
    articles = list(tree.iter("article"))
    if articles:
        return max(articles, key=lambda a: sum(len(_text(p)) for p in a.iter("p")))
    main = next(iter(tree.iter("main")), None)
    return main


_INLINE_ONLY = frozenset({"a", "b", "strong", "em", "i", "span", "small", "time", "abbr"})
_LOGO = re.compile(r"logo|brand|site-?(?:name|title)|masthead", re.I)


def _site_names(article: dict[str, Any], objects: list[dict[str, Any]], meta: _Meta) -> list[str]:
    """Names the page gives its site, for stripping them off a title."""
    publisher = article.get("publisher")
    websites = (
        _clean(o.get("name")) for o in objects if _types(o) & {"WebSite", "NewsMediaOrganization"}
    )
    names = [
        meta.get("og:site_name"),
        next(iter(_names(publisher)), "") if publisher else "",
        next(websites, ""),
        meta.get("application-name"),
    ]
    return list(dict.fromkeys(n for n in names if n))


def _is_logo(node: Any) -> bool:
    """An ``<h1>`` that is the site's name: in the site header or nav, or marked as a logo."""
    for element in (node, *node.iterancestors()):
        marks = f"{element.get('class') or ''} {element.get('id') or ''}"
        if element.tag == "article":
            return False
        if element.tag == "nav" or element.tag == "header" or _LOGO.search(marks):
            return True
    return False


def _headline(
    tree: Any, article: dict[str, Any], meta: _Meta, micro: _Microdata, site_names: list[str]
) -> str:
    """JSON-LD ``headline``, then ``og:title``, microdata, ``<h1>``, ``<title>``; suffix off."""
    h1s = [h for h in tree.iter("h1") if _text(h)]
    site_names.extend(_text(h) for h in h1s if _is_logo(h))
    h1 = next((_text(h) for h in h1s if not _is_logo(h)), "")
    for candidate, document_title in (
        (_clean(article.get("headline") or article.get("name")), False),
        (meta.get("og:title"), True),
        (meta.get("twitter:title"), True),
        (micro.text("headline"), False),
        (h1, False),
        (_text(tree.find(".//title")), True),
    ):
        if candidate:
            return strip_site_suffix(candidate, site_names, guess=document_title)
    return ""


def _region(root: Any, tree: Any) -> Any:
    """Where the article's own byline and date are: its ``<article>``, else around the text."""
    if root is None:
        body = tree.find("body")
        return body if body is not None else tree
    for element in (root, *root.iterancestors()):
        if element.tag == "article":
            return element
    parent = root.getparent()
    return parent if parent is not None and parent.tag not in ("html",) else root


Texts = list[tuple[Any, str]]


def _deepest(texts: Texts, accept: Callable[[str], object]) -> tuple[Any, str] | None:
    """The first ``(node, text)`` whose text is accepted and has no accepted descendant.

    A wrapper's text contains its children's, so the innermost match is the
    one that holds just the byline or the date.
    """
    matched = [(n, t) for n, t in texts if accept(t)]
    nodes = {n for n, _ in matched}
    inner = [(n, t) for n, t in matched if not any(a in nodes for a in n.iterancestors())]
    if not inner:
        return None
    found = inner[0]
    while True:  # ``texts`` may hold only marked wrappers: descend to the innermost match
        child = next(
            (
                (d, _text(d))
                for d in found[0].iterdescendants()
                if isinstance(d.tag, str) and accept(_text(d))
            ),
            None,
        )
        if child is None:
            return found
        found = child


_INVISIBLE = frozenset({"script", "style", "title", "head", "option", "noscript", "template"})


def _short_texts(scope: Any, limit: int) -> Texts:
    """``(element, text)`` in document order for visible texts of 1..``limit`` characters.

    Raw text sizes are summed bottom-up in one pass, so only small subtrees
    are ever joined: a large page stays linear.
    """
    found: list[tuple[int, Any, str]] = []
    order = 0

    def visit(node: Any) -> int:
        nonlocal order
        order += 1
        position = order
        size = len(node.text or "")
        for child in node:
            if isinstance(child.tag, str) and child.tag not in _INVISIBLE:
                size += visit(child)
            size += len(child.tail or "")
        if size and size <= limit * 4:
            text = _text(node)
            if 0 < len(text) <= limit:
                found.append((position, node, text))
        return size

    if isinstance(scope.tag, str) and scope.tag not in _INVISIBLE:
        visit(scope)
    found.sort(key=lambda item: item[0])
    return [(node, text) for _, node, text in found]


@dataclass
class _Visible:
    """Short visible texts of the page and of the article's region, computed once."""

    page: Texts
    region: Texts

    @classmethod
    def of(cls, tree: Any, region: Any, limit: int = 120) -> _Visible:
        page = _short_texts(tree, limit)
        inside = set(region.iter())
        return cls(page, [(n, t) for n, t in page if n in inside])


def _visible_byline(visible: _Visible, used: list[Any]) -> tuple[str, str]:
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
            hit = _deepest(texts, pattern.match)
            if hit is not None:
                match = pattern.match(hit[1])
                assert match is not None
                value = re.split(cut, match.group(1))[0].strip()
                used.append(hit[0])
                break
        found.append(value)
    return found[0], found[1]


def _time_element(root: Any) -> str:
    times = [t for t in root.iter("time") if t.get("datetime")]
    preferred = [
        t
        for t in times
        if "datePublished" in (t.get("itemprop") or "")
        or t.get("pubdate") is not None
        or re.search(r"publish|posted|created", t.get("class") or "", re.I)
    ]
    chosen = (preferred or times)[:1]
    return chosen[0].get("datetime").strip() if chosen else ""


# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------

_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640\u200e\u200f\u061c]")
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})


def normalize_date_text(text: str) -> str:
    """Lower-case, accent-free, ASCII digits, Arabic letter variants folded.

    >>> normalize_date_text("١٢ كانون الأوّل ٢٠٢٤")
    '12 كانون الاول 2024'
    """
    text = text.translate(_ARABIC_DIGITS)
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not (unicodedata.combining(c) and ord(c) < 0x0600))
    text = unicodedata.normalize("NFC", text).casefold()
    return " ".join(text.replace("،", ",").replace("\xa0", " ").split())


def _locales_for(locale: str) -> tuple[str, ...]:
    language = locale.replace("-", "_").split("_")[0]
    extra = ("ar_LB", "ar", "ar_EG") if language == "ar" else (language,)
    return tuple(dict.fromkeys((locale, *extra, "en")))


@lru_cache(maxsize=16)
def month_names(locale: str) -> dict[str, int]:
    """Normalized month name -> number: wide and abbreviated, format and stand-alone.

    For Arabic both the Levantine (ar_LB: كانون الأول) and the Egyptian/standard
    (ar: ديسمبر) sets are known; English is always a fallback.
    """
    names: dict[str, int] = {"sept": 9, "sep": 9, "set": 9}
    for name in _locales_for(locale):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, month in get_month_names(width, context, locale=name).items():
                    names.setdefault(normalize_date_text(month).rstrip("."), number)
    return names


@lru_cache(maxsize=16)
def _weekday_names(locale: str) -> tuple[str, ...]:
    out: set[str] = set()
    for name in _locales_for(locale):
        for width in ("wide", "abbreviated"):
            out.update(
                normalize_date_text(d).rstrip(".")
                for d in get_day_names(width, "format", locale=name).values()
            )
    return tuple(sorted(out, key=len, reverse=True))


@lru_cache(maxsize=16)
def _date_patterns(locale: str) -> tuple[re.Pattern[str], ...]:
    months = "|".join(re.escape(m) for m in sorted(month_names(locale), key=len, reverse=True))
    month = rf"(?P<m>{months})\.?(?:\s*/\s*(?:{months})\.?)?(?![^\W\d_])"
    day = r"(?<![\d:])(?P<d>[0-3]?\d)(?:st|nd|rd|th|º|°)?(?![\d:])"
    year = r"(?P<y>\d{4})(?!\d)"
    return (
        re.compile(
            rf"{day}\.?\s*(?:de\s+)?(?<![^\W\d_]){month}(?:\s*,?\s*(?:de\s+|del\s+)?{year})?"
        ),
        re.compile(rf"(?<![^\W\d_]){month}\s+{day}(?:\s*,?\s*{year})?"),
    )


_ISO_IN_TEXT = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?")
_NUMERIC = re.compile(r"(?<![\d/.])(\d{1,2})([/.])(\d{1,2})\2(\d{4})(?!\d)")
_TIME = re.compile(
    r"(?<![\d:])(?P<h>[0-2]?\d)(?:[:h]|\.(?=\d\d(?!\d)))(?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d))?(?![\d:])"
    r"\s*(?P<ap>a\.?\s?m\.?|p\.?\s?m\.?|ص|م)?(?![^\W\d_])"
)
_OFFSET = re.compile(
    r"^\s*(?:\(?\s*(?:gmt|utc)\s*(?P<o1>[+-]\d{1,2}(?::?\d{2})?)?\)?|(?P<o2>[+-]\d{2}:?\d{2})|(?P<z>z))(?![^\W\d_])"
)


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    year: int | None
    month: int
    day: int


def _find_date(text: str, locale: str) -> _Found | None:
    found: list[_Found] = []
    for match in _ISO_IN_TEXT.finditer(text):
        y, m, d = (int(match.group(i)) for i in (1, 2, 3))
        found.append(_Found(match.start(), match.end(3), y, m, d))
    for match in _NUMERIC.finditer(text):
        a, b, y = int(match.group(1)), int(match.group(3)), int(match.group(4))
        month_first = locale.startswith("en") and "US" in locale or (b > 12 and a <= 12)
        if a > 12:
            month_first = False
        m, d = (a, b) if month_first else (b, a)
        found.append(_Found(match.start(), match.end(), y, m, d))
    months = month_names(locale)
    for pattern in _date_patterns(locale):
        for match in pattern.finditer(text):
            year = match.group("y")
            found.append(
                _Found(
                    match.start(),
                    match.end(),
                    int(year) if year else None,
                    months[match.group("m")],
                    int(match.group("d")),
                )
            )
    valid = [f for f in found if 1 <= f.month <= 12 and 1 <= f.day <= 31]
    if not valid:
        return None
    return min(valid, key=lambda f: (f.year is None, f.start))


def parse_date_text(
    text: str, edition: Edition, *, year: int | None = None
) -> tuple[PageDate | None, str]:
    """A date in the page's words -> ``(PageDate, "")``, or ``(None, reason)``.

    ``year`` completes a date printed without one (``23 Julio 19:20``).

    >>> from i18n_news.model import Edition
    >>> es = Edition("es", "es", "Red", "ltr")
    >>> parse_date_text("23 Julio 19:20", es, year=2025)[0].value
    datetime.datetime(2025, 7, 23, 19, 20)
    """
    original = " ".join(text.split())
    norm = normalize_date_text(original)
    for weekday in _weekday_names(edition.locale):
        norm = re.sub(
            rf"(?<![^\W\d_]){re.escape(weekday)}\.?(?:\s*,|\s+(?=\d))(?![^\W\d_])", " ", norm
        )
    found = _find_date(norm, edition.locale)
    if found is None:
        return None, "no date"
    if found.year is None and year is None:
        return None, f"the date {original!r} has no year and the page gives none"
    rest = norm[: found.start] + " " * (found.end - found.start) + norm[found.end :]
    times = [
        t
        for t in _TIME.finditer(rest)
        if abs(t.start() - found.end) <= 40 or abs(found.start - t.end()) <= 40
    ]
    hour = minute = second = 0
    tz: timezone | None = None
    if times:
        match = times[0]
        hour, minute = int(match.group("h")), int(match.group("mi"))
        second = int(match.group("s") or 0)
        marker = (match.group("ap") or "").replace(".", "").replace(" ", "")
        if marker in ("pm", "م") and hour < 12:
            hour += 12
        elif marker in ("am", "ص") and hour == 12:
            hour = 0
        offset = _OFFSET.match(rest[match.end() :])
        if offset:
            tz = _offset(offset.group("o1") or offset.group("o2") or "+00:00")
    try:
        value = datetime(
            found.year or year or 0, found.month, found.day, hour, minute, second, tzinfo=tz
        )
    except ValueError:
        return None, f"{original!r} is not a valid date"
    return PageDate(value, original), ""


def _offset(text: str) -> timezone:
    sign = -1 if text.startswith("-") else 1
    digits = text.lstrip("+-").replace(":", "")
    hours, minutes = (int(digits[:-2]), int(digits[-2:])) if len(digits) > 2 else (int(digits), 0)
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def parse_machine_date(value: Any, edition: Edition, year: int | None = None) -> PageDate | None:
    """A metadata date: ISO-8601, RFC 2822, else the edition's words."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    iso = text.replace(" ", "T", 1) if re.match(r"^\d{4}-\d{2}-\d{2} \d", text) else text
    iso = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", iso)
    try:
        return PageDate(datetime.fromisoformat(iso), text)
    except ValueError:
        pass
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        if re.search(r"-0000\s*$", text):
            parsed = parsed.replace(tzinfo=None)  # RFC 2822: -0000 means "zone unknown"
        return PageDate(parsed, text)
    return parse_date_text(text, edition, year=year)[0]


def _first_date(
    values: Iterable[Any], edition: Edition, year: int | None, warnings: list[str]
) -> PageDate | None:
    for value in values:
        found = parse_machine_date(value, edition, year)
        if found is not None:
            return found
        if isinstance(value, str) and value.strip():
            warnings.append(f"could not read the date {value.strip()!r}")
    return None


def _year_context(tree: Any, url: str, edition: Edition) -> int | None:
    """A year for dates printed without one: the URL, another full date, the copyright."""
    match = re.search(r"/((?:19|20)\d{2})/(?:0?[1-9]|1[0-2])/", urlsplit(url).path if url else "")
    if match:
        return int(match.group(1))
    text = normalize_date_text(_text(tree.find("body")) if tree.find("body") is not None else "")
    found = _find_date(text, edition.locale)
    if found is not None and found.year is not None:
        return found.year
    match = re.search(
        r"(?:©|\(c\)|copyright|جميع الحقوق)\D{0,20}?(?:(?:19|20)\d{2}\s*[-–]\s*)?"
        r"((?:19|20)\d{2})",
        text,
    )
    return int(match.group(1)) if match else None


_DATE_MARKS = re.compile(r"date|time|publish|posted|fecha|tarikh|dateline|meta", re.I)


def _visible_date(
    visible: _Visible,
    edition: Edition,
    year: int | None,
    warnings: list[str],
    used: list[Any],
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
        hit = _deepest(texts, parse)
        if hit is not None:
            used.append(hit[0])
            return parse(hit[1])
    reasons = [reason for _, reason in cache.values() if reason != "no date"]
    warnings.extend(reasons[:1])
    return None


# ---------------------------------------------------------------------------
# Body
# ---------------------------------------------------------------------------

_MD_ESCAPE = re.compile(r"([\\`*_\[\]<>])")
_LINE_START = re.compile(r"^(\s*)([#>+=|-]|\d+[.)])")


def _escape_inline(text: str) -> str:
    text = _MD_ESCAPE.sub(r"\\\1", text)
    return re.sub(r"&(?=#?\w+;)", r"\\&", text)


def _escape_line(text: str) -> str:
    text = _escape_inline(text)
    match = _LINE_START.match(text)
    if match:
        token = match.group(2)
        escaped = token[:-1] + "\\" + token[-1] if token[0].isdigit() else "\\" + token
        text = match.group(1) + escaped + text[match.end() :]
    return text


def _inline(node: Any) -> str:
    """Markdown for the content of ``node``: emphasis kept, links and other tags as text."""
    parts = [_escape_inline(node.text or "")]
    for child in node:
        if isinstance(child.tag, str):
            parts.append(_inline_element(child))
        parts.append(_escape_inline(child.tail or ""))
    return "".join(parts)


def _inline_element(node: Any) -> str:
    """Markdown for one inline element (without its tail)."""
    tag = node.tag.lower()
    if tag == "br":
        return "\n"
    if tag in _DROP_TAGS:
        return ""
    inner = _inline(node)
    if tag in ("strong", "b") and inner.strip():
        return _wrap(inner, "**")
    if tag in ("em", "i", "cite") and inner.strip():
        return _wrap(inner, "*")
    return inner


def _wrap(inner: str, mark: str) -> str:
    stripped = " ".join(inner.split())
    lead = " " if inner[:1].isspace() else ""
    trail = " " if inner[-1:].isspace() else ""
    return f"{lead}{mark}{stripped}{mark}{trail}"


def _squash(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _blocks(node: Any, out: list[str]) -> None:
    """Walk a container: block children become Markdown blocks, loose inline runs paragraphs."""
    run: list[str] = [_escape_inline(node.text or "")]

    def flush() -> None:
        text = _squash("".join(run))
        if text:
            out.append(_escape_first(text))
        run.clear()

    for child in node:
        if not isinstance(child.tag, str):
            run.append(_escape_inline(child.tail or ""))
            continue
        tag = child.tag.lower()
        if tag in _DROP_TAGS:
            pass
        elif tag in _BLOCKS or tag in _CONTAINERS - {"span", "font"} or tag == "li":
            flush()
            _block(child, tag, out)
        else:
            run.append(_inline_element(child))
        run.append(_escape_inline(child.tail or ""))
    flush()


def _escape_first(text: str) -> str:
    match = _LINE_START.match(text)
    if not match:
        return text
    token = match.group(2)
    escaped = token[:-1] + "\\" + token[-1] if token[0].isdigit() else "\\" + token
    return match.group(1) + escaped + text[match.end() :]


def _block(node: Any, tag: str, out: list[str]) -> None:
    if tag == "p" or tag == "dl":
        text = _squash(_inline(node))
        if text:
            out.append(_escape_first(text))
    elif re.fullmatch(r"h[1-6]", tag):
        text = " ".join(_inline(node).split())
        if text:
            out.append("#" * max(2, int(tag[1])) + " " + text)
    elif tag in ("ul", "ol"):
        items = []
        for index, item in enumerate((li for li in node.iter("li")), 1):
            text = " ".join(_inline(item).split())
            if text:
                items.append(f"{index}. {text}" if tag == "ol" else f"- {text}")
        if items:
            out.append("\n".join(items))
    elif tag == "li":
        text = " ".join(_inline(node).split())
        if text:
            out.append(f"- {text}")
    elif tag == "blockquote":
        inner: list[str] = []
        _blocks(node, inner)
        if inner:
            quoted = ("\n".join("> " + line for line in b.split("\n")) for b in inner)
            quoted = ("\n".join("> " + line for line in b.split("\n")) for b in inner)
            out.append("\n>\n".join(quoted))
    elif tag == "pre":
        code = "".join(node.itertext()).strip("\n")
        if code.strip():
            fence = "````" if "```" in code else "```"
            out.append(f"{fence}\n{code}\n{fence}")
    elif tag == "table":
        for row in node.iter("tr"):
            text = " | ".join(" ".join(_inline(c).split()) for c in row if c.tag in ("td", "th"))
            if text.strip(" |"):
                out.append(_escape_first(text))
    elif tag == "hr":
        return
    else:
        _blocks(node, out)


def _body(root: Any, tree: Any, title: str, used: list[Any]) -> str:
    """The article text as Markdown: paragraphs, headings, lists, quotes, emphasis.

    Works on a copy with scripts, embeds, navigation, share boxes, the
    headline and the nodes the byline and date were read from removed.
    """
    scope = root if root is not None else tree.find("body")
    if scope is None:
        return ""
    clone = copy.deepcopy(scope)
    folded_title = " ".join(title.split()).casefold()
    drop = []
    for original, node in zip(scope.iter(), clone.iter(), strict=True):
        if not isinstance(node.tag, str):
            continue
        marks = f"{node.get('class') or ''} {node.get('id') or ''}"
        if (
            any(original is u for u in used)
            or node.tag in _DROP_TAGS
            or (node is not clone and _NOISE.search(marks) and not _BODY_CLASS.search(marks))
            or (re.fullmatch(r"h[1-6]", node.tag) and _text(node).casefold() == folded_title)
        ):
            drop.append(node)
    for node in drop:
        if node is not clone and node.getparent() is not None:
            node.drop_tree()
    out: list[str] = []
    if clone.tag in _CONTAINERS:
        _blocks(clone, out)
    else:
        _block(clone, clone.tag, out)
    return "\n\n".join(b for b in out if b.strip())


# ---------------------------------------------------------------------------
# Mapping onto the newsroom, writing files
# ---------------------------------------------------------------------------


def slugify(text: str, *, limit: int = 80) -> str:
    """ASCII slug of Latin-script text; ``""`` when nothing Latin is left.

    >>> slugify("Russia contacting Syrian regime, seeks to keep bases: Report")
    'russia-contacting-syrian-regime-seeks-to-keep-bases-report'
    >>> slugify("Ansar Allah promete mantener sus operaciones en Saná")
    'ansar-allah-promete-mantener-sus-operaciones-en-sana'
    """
    text = unicodedata.normalize("NFKD", text.replace("&", " and "))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"['’`]", "", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] if "-" in slug[:limit] else slug[:limit]
    return slug


def _mostly_latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    latin = [c for c in letters if unicodedata.name(c, "").startswith("LATIN")]
    return bool(letters) and len(latin) * 2 >= len(letters)


def page_slug(page: Page) -> str:
    """From a Latin title; else the URL's last path segment; else a short hash."""
    if _mostly_latin(page.title):
        slug = slugify(page.title)
        if len(slug) >= 3:
            return slug
    if page.url:
        segments = [s for s in urlsplit(page.url).path.split("/") if s]
        if segments:
            last = re.sub(r"\.(?:s?html?|php|aspx?|jsp)$", "", unquote(segments[-1]), flags=re.I)
            slug = slugify(last)
            if len(slug) >= 3 and re.search(r"[a-z]", slug):
                return slug
    digest = hashlib.sha1((page.title or page.body).encode("utf-8")).hexdigest()[:8]
    return f"article-{digest}"


def _fold(text: str) -> str:
    return normalize_date_text(text)


class _Vocabulary:
    """Maps what a page calls a section, tag, author or source onto taxonomy keys."""

    def __init__(self, taxonomy: Taxonomy, labels: dict[tuple[str, str], str]) -> None:
        self.taxonomy = taxonomy
        self.by_label: dict[tuple[str, str], str] = {}
        for kind in ("section", "tag", "author", "source"):
            for entry in taxonomy.entries(kind):
                self.by_label.setdefault((kind, _fold(entry.label)), entry.key)
                translated = labels.get((kind, entry.label))
                if translated:
                    self.by_label.setdefault((kind, _fold(translated)), entry.key)

    def key(self, kind: str, value: str, warnings: list[str]) -> str:
        if not value:
            return ""
        found = self.by_label.get((kind, _fold(value)))
        if found:
            return found
        slug = slugify(value)
        if self.taxonomy.get(kind, slug) is not None:
            return slug
        if not slug:
            warnings.append(f"{kind} {value!r} is not in the taxonomy and has no Latin key")
            return ""
        if self.taxonomy.declares(kind):
            given = f" ({value})" if value != slug else ""
            warnings.append(f"{kind} '{slug}'{given} is not in the taxonomy yet")
        return slug


def _taxonomy_labels(config: Config, edition: str) -> dict[tuple[str, str], str]:
    path = config.catalog_path(edition, "taxonomy")
    if not path.is_file():
        return {}
    from i18n_news.catalogs.articles import read_catalog

    try:
        po = read_catalog(path)
    except I18nNewsError:
        return {}
    return {
        (e.msgctxt, e.msgid): e.msgstr
        for e in getattr(po, "entries", po)
        if e.msgctxt and e.msgstr and not e.obsolete and "fuzzy" not in e.flags
    }


def build_front_matter(
    page: Page,
    edition: Edition,
    *,
    slug: str,
    vocabulary: _Vocabulary,
    now: datetime,
    warnings: list[str],
) -> dict[str, Any]:
    """The front matter of the imported file, keys in the order editors read them."""
    zone = ZoneInfo(edition.timezone)
    fm: dict[str, Any] = {}
    published = page.published
    assumed = published is not None and not published.has_offset
    if published is None:
        warnings.append(
            "no publication date found: written as a draft, 'published' set to the import time"
        )
        when = now.astimezone(zone).replace(microsecond=0)
    else:
        when = published.value
        if assumed:
            warnings.append(
                f"the date {published.text!r} has no UTC offset: read in {edition.timezone} "
                "(published_tz_assumed = true)"
            )
    day = when if when.tzinfo is None else when.astimezone(zone)
    fm["key"] = f"{day:%Y-%m-%d}-{slug}"
    fm["title"] = page.title or slug
    if page.summary:
        fm["summary"] = page.summary
    fm["published"] = when
    if page.updated is not None and page.updated.has_offset == (when.tzinfo is not None):
        fm["updated"] = page.updated.value
    if assumed:
        fm["published_tz_assumed"] = True
    if page.authors:
        fm["author"] = vocabulary.key("author", page.authors[0], warnings)
        if len(page.authors) > 1:
            warnings.append(f"more than one author; kept the first: {', '.join(page.authors)}")
    if page.source:
        fm["source"] = vocabulary.key("source", page.source, warnings)
    if page.section:
        fm["section"] = vocabulary.key("section", page.section, warnings)
    tags = [vocabulary.key("tag", tag, warnings) for tag in page.tags]
    tags = list(dict.fromkeys(t for t in tags if t))
    if tags:
        fm["tags"] = tags
    if published is None:
        fm["draft"] = True
    if page.image is not None:
        image = {"src": page.image.src}
        if page.image.caption:
            image["caption"] = page.image.caption
        if page.image.credit:
            image["credit"] = page.image.credit
        fm["image"] = image
    return {k: v for k, v in fm.items() if v not in ("", None)}


def render_file(front_matter: dict[str, Any], body: str, *, undated: bool = False) -> str:
    """``+++`` TOML front matter (written by tomli-w) and the Markdown body."""
    toml = tomli_w.dumps(front_matter)
    if undated:
        toml = re.sub(
            r"^published = ",
            "# The page had no date: set 'published' (and remove 'draft') before publishing.\n"
            "published = ",
            toml,
            count=1,
            flags=re.M,
        )
    text = f"+++\n{toml}+++\n"
    if body:
        text += f"\n{body}\n"
    return text


def _output_dir(config: Config, edition: str) -> Path:
    """``content/<edition>/imported``, refusing any route out of the content directory."""
    if edition not in config.editions:
        raise I18nNewsError(
            f"unknown edition '{edition}' (configured: {', '.join(config.editions)})"
        )
    if "/" in edition or "\\" in edition or edition in (".", "..") or Path(edition).is_absolute():
        raise I18nNewsError(f"edition '{edition}' cannot name a folder")
    content = config.content_dir
    target = content / edition / IMPORT_DIR
    for folder in (content / edition, target):
        if folder.is_symlink():
            raise I18nNewsError("refusing to write through a symbolic link", folder)
    if not target.resolve().is_relative_to(content.resolve()):
        raise I18nNewsError("the import folder resolves outside the content directory", target)
    return target


def _read_page(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise I18nNewsError("file not found", path) from None
    except OSError as exc:
        raise I18nNewsError(f"cannot read: {exc.strerror}", path) from None
    if path.is_dir():
        raise I18nNewsError("is a directory, expected a saved HTML page", path)
    if size > MAX_BYTES:
        raise I18nNewsError(
            f"refused: {size} bytes is over the {MAX_BYTES // (1024 * 1024)} MB limit for a page",
            path,
        )
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise I18nNewsError(f"cannot read: {exc.strerror}", path) from None
    if len(data) > MAX_BYTES:
        raise I18nNewsError(f"refused: over the {MAX_BYTES // (1024 * 1024)} MB limit", path)
    return data


def import_pages(
    files: Iterable[Path | str],
    edition: str,
    config: Config,
    *,
    now: datetime | None = None,
    overwrite: bool = False,
) -> list[ImportResult]:
    """Import saved pages into ``content/<edition>/imported/``.

    Every page is read and checked before anything is written, so a bad
    input leaves the content directory untouched. A file already imported
    with the same text is left alone (``changed=False``); a different file
    of the same name is an error unless ``overwrite``.
    """
    from i18n_news.fs import display_path
    from i18n_news.sources.content import content_files

    target = _output_dir(config, edition)
    ed = config.editions[edition]
    now = now or datetime.now(UTC)
    taxonomy = load_taxonomy(config.taxonomy_path, config.editions)
    vocabulary = _Vocabulary(taxonomy, _taxonomy_labels(config, edition))
    taken = {p.stem: p for _, p in content_files(config, edition=edition)}
    planned: list[tuple[Path, str, ImportResult]] = []
    for file in files:
        source = Path(file)
        page = parse_page(_read_page(source), ed, name=str(source))
        warnings = list(page.warnings)
        base = page_slug(page)
        slug, n = base, 1
        while (slug in taken and taken[slug].parent.resolve() != target.resolve()) or any(
            slug == r.slug for _, _, r in planned
        ):
            n += 1
            slug = f"{base}-{n}"
        if slug != base:
            warnings.append(f"slug '{base}' is taken in the '{edition}' edition: wrote '{slug}'")
        fm = build_front_matter(
            page, ed, slug=slug, vocabulary=vocabulary, now=now, warnings=warnings
        )
        out = target / f"{slug}.md"
        text = render_file(fm, page.body, undated=page.published is None)
        changed = True
        if out.exists():
            if out.read_bytes() == text.encode("utf-8"):
                changed = False
            elif not overwrite:
                raise I18nNewsError(
                    f"{display_path(out, config.root)} already exists with other content; "
                    "move it away to import the page again",
                    source,
                )
        result = ImportResult(
            source=str(source),
            path=display_path(out, config.root),
            key=fm["key"],
            slug=slug,
            title=fm["title"],
            draft=bool(fm.get("draft")),
            front_matter=fm,
            body=page.body,
            warnings=tuple(dict.fromkeys(warnings)),
            changed=changed,
        )
        planned.append((out, text, result))
    if planned:
        target.mkdir(parents=True, exist_ok=True)
        _output_dir(config, edition)  # re-check: nothing became a link meanwhile
    for out, text, result in planned:
        if result.changed:
            write_atomic(out, text.encode("utf-8"))
    return [result for _, _, result in planned]


def result_json(result: ImportResult) -> dict[str, Any]:
    """A JSON-ready view of a result (datetimes as ISO-8601), for the CLI and golden tests."""

    def plain(value: Any) -> Any:
        if isinstance(value, datetime):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value

    return {
        "source": result.source,
        "path": result.path,
        "key": result.key,
        "draft": result.draft,
        "changed": result.changed,
        "front_matter": plain(result.front_matter),
        "body": result.body,
        "warnings": list(result.warnings),
    }

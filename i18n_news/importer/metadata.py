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
from i18n_news.importer.bylines import (
    clean_names,
    is_organisation_like,
    markup_bylines,
    text_bylines,
)
from i18n_news.importer.dates import (
    PageDate,
    date_in_url,
    date_label,
    parse_date_text,
    parse_machine_date,
    reference_date,
    year_in_url,
)
from i18n_news.importer.html import (
    MAX_BYTES,
    Texts,
    VisibleTexts,
    article_root,
    clean,
    deepest,
    in_furniture,
    parse_html,
    text_of,
)
from i18n_news.importer.language import detect_language
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
        "SocialMediaPosting",
        "DiscussionForumPosting",
    }
)
#: ``@type``s of a node describing the page that holds the article (Yoast's ``WebPage``).
PAGE_TYPES = frozenset({"WebPage", "ItemPage", "CollectionPage", "AboutPage", "CreativeWork"})
_SEPARATORS = (
    " | ",
    " -- ",
    " - ",
    " – ",
    " — ",
    " :: ",
    " · ",
    " « ",
    " » ",
    " › ",
    " ‹ ",
    " / ",
    " : ",
)
#: Separators after which a short last segment is a site or section name even without
#: other evidence; a dash is as often part of the headline ("Biden - Trump debate").
_SITE_SEPARATORS = (" | ", " :: ", " » ", " › ", " · ")
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
    language: str = ""
    language_certain: bool = False
    warnings: tuple[str, ...] = ()


# ---------------------------------------------------------------------------
# The page's own metadata: JSON-LD, <meta>, microdata
# ---------------------------------------------------------------------------

#: JSON-LD nested deeper than this is not walked (a real page nests a few levels).
_JSONLD_DEPTH = 12


class _JsonLd:
    """The page's JSON-LD objects, its nodes by ``@id``, its article and page nodes."""

    def __init__(self, tree: HtmlElement, warnings: list[str]) -> None:
        self.objects: list[dict[str, Any]] = []
        self.by_id: dict[str, dict[str, Any]] = {}
        for script in tree.iter("script"):
            kind = (script.get("type") or "").split(";")[0].strip().lower()
            if kind != "application/ld+json":
                continue
            raw = (script.text or "").strip()
            raw = re.sub(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$", "", raw).strip().rstrip(";")
            if not raw:
                continue
            line = script.sourceline or 0
            try:
                data = json.loads(raw, strict=False)
            except json.JSONDecodeError as exc:
                salvaged = _salvage(raw)
                what = "read field by field" if salvaged else "ignored"
                warnings.append(
                    f"{what} JSON-LD that is not valid JSON (line {line + exc.lineno - 1}): "
                    f"{exc.msg}"
                )
                self.objects.extend(salvaged)
                continue
            except (RecursionError, ValueError) as exc:  # nested past Python's limit; huge ints
                reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
                warnings.append(f"ignored JSON-LD that cannot be read (line {line}): {reason}")
                continue
            self.objects.extend(self._walk(data, 0))
        for obj in self.objects:
            node_id = obj.get("@id")
            if isinstance(node_id, str) and len(obj) > 1:
                self.by_id.setdefault(node_id, obj)
        self.article = next((o for o in self.objects if _types(o) & ARTICLE_TYPES), {})
        self.page = next((o for o in self.objects if _types(o) & PAGE_TYPES), {})

    def _walk(self, data: Any, depth: int) -> Iterator[dict[str, Any]]:
        if depth > _JSONLD_DEPTH:
            return
        if isinstance(data, list):
            for item in data:
                yield from self._walk(item, depth + 1)
        elif isinstance(data, dict):
            yield data
            for key in ("@graph", "mainEntity", "itemListElement", "author", "creator"):
                if isinstance(data.get(key), (list, dict)):
                    yield from self._walk(data[key], depth + 1)

    def resolve(self, value: Any) -> Any:
        """A ``{"@id": …}`` reference replaced by the node it names (one level)."""
        if isinstance(value, list):
            return [self.resolve(v) for v in value]
        if isinstance(value, dict) and set(value) <= {"@id", "@type"} and "@id" in value:
            return self.by_id.get(str(value["@id"]), value)
        return value

    def field(self, name: str) -> Any:
        """``name`` of the article node, else of the page node (``WebPage``)."""
        for node in (self.article, self.page):
            if node.get(name):
                return self.resolve(node[name])
        return None


_LD_STRING = r'"((?:[^"\\]|\\.){0,2000}?)"'
_LD_FIELDS = {
    name: re.compile(rf'"{name}"\s*:\s*{_LD_STRING}')
    for name in ("@type", "headline", "datePublished", "dateModified", "description", "inLanguage")
}
#: A person's name in broken JSON-LD: up to the quote that closes the object or the field.
_LD_PERSON = re.compile(r'"@type"\s*:\s*"Person"\s*,\s*"name"\s*:\s*"(.{1,300}?)"\s*[,}]')


def _salvage(raw: str) -> list[dict[str, Any]]:
    """The fields of an article from JSON-LD that does not parse (an unescaped quote in a
    name is common), read one by one; nothing unless it says it is an article."""
    found: dict[str, Any] = {}
    for name, pattern in _LD_FIELDS.items():
        match = pattern.search(raw[:1_000_000])
        if match:
            try:
                found[name] = json.loads(f'"{match.group(1)}"')
            except ValueError:
                found[name] = match.group(1)
    if not {found.get("@type")} & (ARTICLE_TYPES | PAGE_TYPES):
        return []
    people = [{"@type": "Person", "name": m} for m in _LD_PERSON.findall(raw[:1_000_000])]
    if people:
        found["author"] = people
    return [found]


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type", ())
    kinds = [kind] if isinstance(kind, str) else kind if isinstance(kind, list) else []
    return {k.rsplit("/", 1)[-1] for k in kinds if isinstance(k, str)}


def _people(value: Any, ld: _JsonLd) -> tuple[list[str], list[str]]:
    """JSON-LD authors as ``(people, organisations)``: strings, objects, ``@id`` references."""
    people: list[str] = []
    organisations: list[str] = []
    for raw in value if isinstance(value, list) else [value]:
        item = ld.resolve(raw)
        if isinstance(item, dict):
            names = clean_names(clean(item.get("name")))
            kinds = _types(item)
            target = organisations if kinds & {"Organization", "NewsMediaOrganization"} else people
        elif isinstance(item, str):
            names, target = clean_names(item), people
        else:
            continue
        target.extend(n for n in names if n not in target)
    return people, organisations


def _keywords(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        text = clean(item.get("name")) if isinstance(item, dict) else clean(item)
        for raw in re.split(r"[,،;]", text):
            part = raw.strip()
            if part and part not in out:
                out.append(part)
    return out[:200]


def _web_url(value: str) -> str:
    """``value`` if it is an http(s) URL, else ``""``: an image is never a local path."""
    return value if re.match(r"^https?://[^\s/]+", value, re.I) else ""


def _image_of(value: Any) -> Image | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, str) and _web_url(value.strip()):
        return Image(src=value.strip())
    if isinstance(value, dict):
        src = _web_url(clean(value.get("url") or value.get("contentUrl")))
        if src:
            credit = clean(value.get("creditText")) or next(
                iter(clean_names(clean(value.get("copyrightHolder") or value.get("author")))), ""
            )
            return Image(src=src, caption=clean(value.get("caption")), credit=credit)
    return None


class _Meta:
    """``<meta property|name|itemprop|http-equiv=… content=…>`` by lower-cased name, in page order.

    ``head`` holds only the ``<head>``'s: a ``<meta>`` in the body belongs to
    microdata of some item on the page, not necessarily the article.
    """

    def __init__(self, tree: HtmlElement) -> None:
        self.values: dict[str, list[str]] = {}
        self.head: dict[str, list[str]] = {}
        for meta in tree.iter("meta"):
            content = meta.get("content") or meta.get("datetime")
            if content is None:
                continue
            in_head = any(a.tag == "head" for a in meta.iterancestors())
            for attr in ("property", "name", "itemprop", "http-equiv"):
                name = (meta.get(attr) or "").strip().lower()
                if name:
                    self.values.setdefault(name, []).append(clean(content))
                    if in_head:
                        self.head.setdefault(name, []).append(clean(content))
            if meta.get("pubdate") is not None:
                self.values.setdefault("pubdate", []).append(clean(content))

    def get(self, *names: str) -> str:
        for name in names:
            for value in self.values.get(name, ()):
                if value:
                    return value
        return ""

    def matching(self, pattern: re.Pattern[str], unless: re.Pattern[str]) -> str:
        """The first value whose name matches ``pattern`` and not ``unless``."""
        for name, values in self.values.items():
            if pattern.search(name) and not unless.search(name):
                value = next((v for v in values if v), "")
                if value:
                    return value
        return ""

    def all(self, name: str, *, head: bool = False) -> list[str]:
        return [v for v in (self.head if head else self.values).get(name, ()) if v]


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


# ---------------------------------------------------------------------------
# Headline and site name
# ---------------------------------------------------------------------------


def _fold(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


#: "Headline-新华网", "Headline_人民网": a CJK site suffix glued with a dash.
_CJK_SITE = re.compile(
    r"[-_－|｜]\s*([\u3040-\u30ff\u4e00-\u9fff]{1,8}(?:网|網|报|報|新闻|新聞|日报|在线|ニュース|新聞社))$"
)


def strip_site_suffix(
    title: str, site_names: Iterable[str], *, guess: bool = False, headlines: Iterable[str] = ()
) -> str:
    """``"Headline - Site"`` -> ``"Headline"``, decided by evidence.

    A segment is cut when it is a name the page gives its site
    (``og:site_name``, the publisher, the logo), or when what remains is a
    headline the page shows (its ``<h1>``). With ``guess`` (the title came
    from ``<title>`` or ``og:title``) a short last segment after ``" | "``,
    ``" » "``, ``" › "`` is taken for a site or section name too; a dash
    never is on its own ("How we designed Dropbox's ATF - an async task
    framework" keeps its second half).

    >>> strip_site_suffix("Russia keeps bases - Al Mayadeen English", ["Al Mayadeen English"])
    'Russia keeps bases'
    >>> strip_site_suffix("习近平会见外宾-新华网", ["新华网"])
    '习近平会见外宾'
    """
    names = {_fold(n) for n in site_names if n and _fold(n)}
    shown = {_fold(h) for h in headlines if h and _fold(h)}
    title = re.sub(r"\s+[-|–—:·»›]+$", "", title.strip())
    cjk = _CJK_SITE.search(title)
    if cjk and len(title) - len(cjk.group(0)) >= 4:
        names.add(_fold(cjk.group(1)))
    for name in sorted(names, key=len, reverse=True):  # "Headline-新华网", "Headline｜Site"
        folded_title = _fold(title)
        if folded_title.endswith(name) and folded_title != name:
            match = re.search(r"\s*[-_|｜:：»›—–·]+\s*[^-_|｜:：»›—–·]+$", title)
            if match and _fold(match.group(0)) == name:
                title = title[: match.start()].strip()
    for sep in _SEPARATORS:  # "Site | Headline"
        head, found, tail = title.partition(sep)
        if found and tail.strip() and _fold(head) in names:
            title = tail.strip()
            break
    for _ in range(3):  # "Headline | Section | Site"
        for sep in _SEPARATORS:
            head, found, tail = title.rpartition(sep)
            if not found or not head.strip():
                continue
            known = (
                _fold(tail) in names
                or _is_domain(tail)
                or (_fold(head) in shown and _fold(title) not in shown)
            )
            short = len(tail.split()) <= 4 and len(head.split()) >= 2
            if known or (guess and short and sep in _SITE_SEPARATORS):
                title = head.strip()
                break
        else:
            break
    return title.strip()


def _site_names(ld: _JsonLd, meta: _Meta, url: str) -> list[str]:
    """Names the page gives its site, for telling them from a headline and a byline."""
    publisher = ld.resolve(ld.article.get("publisher")) if ld.article else None
    websites = (
        clean(o.get("name"))
        for o in ld.objects
        if _types(o) & {"WebSite", "NewsMediaOrganization", "Organization"}
    )
    publisher_name = clean(publisher.get("name")) if isinstance(publisher, dict) else ""
    names = [
        meta.get("og:site_name"),
        publisher_name,
        next(websites, ""),
        meta.get("application-name", "apple-mobile-web-app-title", "twitter:site"),
        meta.get("article:publisher") if not _web_url(meta.get("article:publisher")) else "",
    ]
    host = re.sub(r"^www\d?\.", "", re.sub(r"^https?://([^/:]+).*$", r"\1", url or "", flags=re.I))
    if host and host != url:
        names.append(host.split(".")[0])
    return list(dict.fromkeys(n.lstrip("@") for n in names if n and n.strip("@")))


def _is_logo(node: HtmlElement, site_names: list[str], outside_headers: bool) -> bool:
    """An ``<h1>`` that is the site's name, not the story's headline.

    It is when it says so (a logo or brand class), when it is a name the
    page gives its site, when it only links to the home page, or when it is
    in the site's ``<header>``/``<nav>`` and another ``<h1>`` stands outside
    them. An ``<h1>`` in a ``<header>`` with none of these is the article's
    own (blog themes put the headline in ``<header class="entry-header">``).
    """
    text = _fold(text_of(node))
    if text and text in {_fold(n) for n in site_names}:
        return True
    links = [a for a in node.iter("a")]
    if links and all((a.get("href") or "").strip() in ("/", "./", "index.html") for a in links):
        return True
    in_header = False
    for element in (node, *node.iterancestors()):
        if element.tag in ("article", "main"):
            return False
        marks = f"{element.get('class') or ''} {element.get('id') or ''}"
        if _LOGO.search(marks):
            return True
        if element.tag in ("nav", "header"):
            in_header = True
    return in_header and outside_headers


def _in_header(node: HtmlElement) -> bool:
    return any(a.tag in ("header", "nav") for a in node.iterancestors())


_TITLE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:post|entry|article|story|news|page)[-_]?(?:title|headline)(?:$|[\s_-])|"
    r"(?:^|\s)(?:headline|titulo|título)(?:$|\s)",
    re.I,
)


def _is_domain(text: str) -> bool:
    return bool(re.fullmatch(r"(?:www\.)?[\w-]+(?:\.[\w-]+)+", text.strip()))


def _headline(
    tree: HtmlElement,
    ld: _JsonLd,
    meta: _Meta,
    micro: _Microdata,
    site_names: list[str],
) -> tuple[str, HtmlElement | None]:
    """The story's headline and the element that shows it, if any.

    JSON-LD ``headline``, ``og:title``, ``twitter:title``, microdata, the
    one ``<h1>``, ``<title>`` (when there are several ``<h1>``), the first
    ``<h1>``, a title-classed element, the first ``<h2>``; a site suffix is
    cut by evidence (:func:`strip_site_suffix`).
    """
    h1s = [h for h in tree.iter("h1") if text_of(h)]
    outside = any(not _in_header(h) for h in h1s)
    logos = [h for h in h1s if _is_logo(h, site_names, outside)]
    site_names.extend(text_of(h) for h in logos)
    visible = [h for h in h1s if h not in logos]
    shown = [text_of(h) for h in visible]
    head_title = tree.find("head/title")
    document_title = text_of(head_title if head_title is not None else tree.find(".//title"))
    if _is_domain(document_title):
        document_title = ""
    titled = next(
        (
            n
            for n in tree.iter("h1", "h2", "h3", "div", "span", "p")
            if _TITLE_CLASS.search(f"{n.get('class') or ''} {n.get('id') or ''}")
            and text_of(n)
            and not _in_header(n)
        ),
        None,
    )
    h2 = next((h for h in tree.iter("h2") if text_of(h) and not _in_header(h)), None)
    candidates: list[tuple[str, bool, HtmlElement | None]] = [
        (clean(ld.field("headline") or ld.article.get("name")), False, None),
        (meta.get("og:title"), True, None),
        (meta.get("twitter:title"), True, None),
        (micro.text("headline"), False, None),
        (meta.get("dc.title", "title"), True, None),
    ]
    if len(visible) == 1:
        candidates.append((shown[0], False, visible[0]))
    candidates.append((document_title, True, None))
    if visible:
        candidates.append((shown[0], False, visible[0]))
    if titled is not None:
        candidates.append((text_of(titled), False, titled))
    if h2 is not None:
        candidates.append((text_of(h2), False, h2))
    for candidate, document, element in candidates:
        if candidate:
            title = strip_site_suffix(candidate, site_names, guess=document, headlines=shown)
            if element is None:
                return title, next((h for h in visible if _fold(text_of(h)) == _fold(title)), None)
            return title, element
    return "", None


# ---------------------------------------------------------------------------
# What the page shows: byline, source and dateline
# ---------------------------------------------------------------------------


def _region(
    root: HtmlElement | None, tree: HtmlElement, headline: HtmlElement | None
) -> HtmlElement:
    """Where the article's own byline and date are: its ``<article>``, else the smallest
    element holding both the headline and the text, else around the text."""
    body = tree.find("body")
    page = body if body is not None else tree
    if root is None:
        return page
    for element in (root, *root.iterancestors()):
        if element.tag == "article":
            return element
    if headline is not None:
        ancestors = set(headline.iterancestors())
        for element in (root, *root.iterancestors()):
            if element in ancestors or element is headline:
                return element if element.tag not in ("html",) else page
    if root.tag in ("main",):
        return root
    parent = root.getparent()
    return parent if parent is not None and parent.tag not in ("html", "body") else root


def _visible_source(visible: VisibleTexts, used: list[HtmlElement]) -> str:
    """``Source: Y`` / ``Fuente: Y`` / ``المصدر: Y`` among short visible texts."""
    for texts in (visible.region, visible.page):
        hit = deepest(texts, _SOURCE.match)
        if hit is not None:
            match = _SOURCE.match(hit[1])
            assert match is not None
            used.append(hit[0])
            return re.split(r"\s+[|•·]\s+|\s+-\s+", match.group(1))[0].strip()
    return ""


def _authors(
    ld: _JsonLd,
    meta: _Meta,
    micro: _Microdata,
    region: HtmlElement,
    tree: HtmlElement,
    visible: VisibleTexts,
    site_names: list[str],
    used: list[HtmlElement],
) -> list[str]:
    """The story's authors, the most reliable source first.

    JSON-LD people; the ``<head>``'s author metadata; the byline elements and
    "By X" lines the page shows (its article first); microdata; last a
    JSON-LD organisation. An organisation or the site's own name in the
    metadata gives way to a person the page shows ("por Raúl Espina" beats
    an ``Organization`` named ``el-mostrador``).
    """
    people, organisations = _people(ld.field("author") or ld.field("creator"), ld)
    meta_names: list[str] = []
    for name in (
        "author",
        "article:author",
        "og:author",
        "byl",
        "dc.creator",
        "dcterms.creator",
        "citation_author",
        "parsely-author",
        "sailthru.author",
        "twitter:creator",
    ):
        values = [v for v in meta.all(name, head=True) if not _web_url(v)]
        names = [n for v in values for n in clean_names(v, strict=len(values) == 1)]
        if names:
            meta_names = list(dict.fromkeys(names))
            break
    body = tree.find("body")
    scopes = [region] if body is None or region is body else [region, body]
    shown_before = len(used)
    shown = markup_bylines(scopes, used) or text_bylines([visible.region, visible.page], used)
    sites = {_fold(n) for n in site_names}
    people, meta_names, shown = (
        [n for n in names if _fold(n) not in sites] or names
        for names in (people, meta_names, shown)
    )
    for metadata in (people, meta_names):
        if not metadata:
            continue
        if shown and all(is_organisation_like(n, site_names) for n in metadata):
            return shown
        del used[shown_before:]  # the visible byline stays in the body only when it was read
        return metadata
    micro_names = [n for node in micro.nodes.get("author", ()) for n in _micro_author(node)]
    return shown or micro_names or organisations


def _micro_author(node: HtmlElement) -> list[str]:
    named = next((n for n in node.iter() if n is not node and n.get("itemprop") == "name"), None)
    target = named if named is not None else node
    return clean_names(target.get("content") or text_of(target))


_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "publish-date",
    "publish_date",
    "publishdate",
    "publication_date",
    "article_date_original",
    "original-publish-date",
    "pubdate",
    "dc.date.issued",
    "dc.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dc:created",
    "dcterms.created",
    "datecreated",
    "created",
    "date",
    "sailthru.date",
    "parsely-pub-date",
    "og:regdate",
    "cxenseparse:recs:publishtime",
    "article.published",
    "published-date",
    "release_date",
)
_MODIFIED_META = (
    "article:modified_time",
    "og:updated_time",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
    "lastmodified",
    "dateupdate",
    "datemodified",
)
_DIGIT = re.compile(r"\d")
#: Dated short texts read when looking for a dateline or a page's reference date.
_SCAN = 400
_PUBLISHED_NAME = re.compile(r"publi(?:sh|c)\w*(?:date|time)|(?:date|time)\w*publi|issued", re.I)
_MODIFIED_NAME = re.compile(r"modif|updat|change|expir|end", re.I)
_PUBLISHED_CLASS = re.compile(r"publish|posted|entry-date|post-date|created|pubdate|fecha", re.I)
_UPDATED_CLASS = re.compile(r"updat|modif", re.I)
_SCRIPT_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')


def _time_elements(root: HtmlElement) -> tuple[list[str], list[str]]:
    """``(published, others)`` machine dates of ``<time datetime>``, ``abbr[title]``, a
    date-classed element's ``title`` and ``data-utime``: those marked as published (by
    ``itemprop``, ``pubdate`` or class) and the others not marked as updates."""
    marked: list[str] = []
    others: list[str] = []
    for node in root.iter("time", "abbr", "span", "div", "a", "p"):
        marks = f"{node.get('class') or ''} {node.get('itemprop') or ''} {node.get('id') or ''}"
        if node.get("data-utime"):
            value = node.get("data-utime")
        elif node.tag == "time":
            value = node.get("datetime") or (text_of(node) if len(text_of(node)) <= 40 else None)
        elif node.tag == "abbr" or _DATE_MARKS.search(marks):
            value = node.get("datetime") or node.get("title")
        else:
            continue
        if not value or len(marked) + len(others) > 50 or in_furniture(node):
            continue
        if (
            "datePublished" in marks
            or node.get("pubdate") is not None
            or (_PUBLISHED_CLASS.search(marks) and not _UPDATED_CLASS.search(marks))
        ):
            marked.append(value.strip())
        elif not _UPDATED_CLASS.search(marks):
            others.append(value.strip())
    return marked, others


def _visible_date(
    visible: VisibleTexts,
    headline: HtmlElement | None,
    edition: Edition,
    year: int | None,
    reference: Any,
    warnings: list[str],
    used: list[HtmlElement],
) -> PageDate | None:
    """The innermost short text that reads as the article's date.

    Texts labelled as published first, then date-classed ones, then any;
    the article's region before the page. A text labelled as an update, an
    archive toolbar's "today", an event's range ("desde el 3 al 5 de
    septiembre"), a sentence, and anything in the site's header, navigation
    or footer is passed over.
    """
    cache: dict[str, tuple[PageDate | None, str]] = {}

    def parse(text: str) -> PageDate | None:
        if text not in cache:
            cache[text] = parse_date_text(text, edition, year=year, reference=reference())
        return cache[text][0]

    def candidates(texts: Texts, skip: tuple[str, ...] = ("updated", "archive", "range")) -> Texts:
        out: Texts = []
        for node, text in texts:
            if len(out) >= _SCAN:
                break  # a dateline is near the headline, not 400 dated lines down
            if len(text) > 80 or not _DIGIT.search(text) or len(text.split()) > 12:
                continue  # every date has a digit: the costly reading is for those only
            if date_label(text) in skip:
                continue
            ancestors = {a.tag for a in node.iterancestors()}
            furniture = in_furniture(node) or bool(ancestors & {"nav", "footer", "header", "aside"})
            if furniture and "article" not in ancestors:
                continue
            out.append((node, text))
        return out

    def labelled(texts: Texts) -> Texts:
        return [(n, t) for n, t in texts if date_label(t) == "published"]

    def marked(texts: Texts) -> Texts:
        return [
            (n, t)
            for n, t in texts
            if _DATE_MARKS.search(f"{n.get('class') or ''} {n.get('id') or ''}")
            and not _UPDATED_CLASS.search(n.get("class") or "")
        ]

    region, page = candidates(visible.region), candidates(visible.page)
    if headline is not None:  # a masthead's "today" above the headline is not the story's date
        inside = {id(n) for n, _ in visible.region}
        order = {id(n): i for i, n in enumerate(headline.getroottree().getroot().iter())}
        top = order.get(id(headline), 0)
        page = [(n, t) for n, t in page if id(n) in inside or order.get(id(n), 0) > top]
    for texts in (labelled(region), marked(region), labelled(page), marked(page), region, page):
        hit = deepest(texts, parse)
        if hit is not None:
            used.append(hit[0])
            return parse(hit[1])
    hit = deepest(candidates(visible.page, ("archive", "range")), parse)
    if hit is not None:  # only an update stamp: the story was out by then
        warnings.append(f"only an update date is shown ({hit[1]!r}): used as the publication date")
        used.append(hit[0])
        return parse(hit[1])
    reasons = [reason for _, reason in cache.values() if reason != "no date"]
    warnings.extend(reasons[:1])
    return None


def _first_date(
    values: list[Any], edition: Edition, year: int | None, warnings: list[str]
) -> PageDate | None:
    """The first of ``values`` (most reliable first) that reads as a date.

    A value that does not read is a warning when no later one does either,
    so an editor learns why the page's own date was passed over.
    """
    unread: list[str] = []
    for value in values:
        found = parse_machine_date(value, edition, year)
        if found is not None:
            return found
        if isinstance(value, str) and value.strip():
            unread.append(value.strip()[:80])
    warnings.extend(f"could not read the date {v!r}" for v in unread[:1])
    return None


def _dates(
    tree: HtmlElement,
    region: HtmlElement,
    headline: HtmlElement | None,
    ld: _JsonLd,
    meta: _Meta,
    micro: _Microdata,
    visible: VisibleTexts,
    url: str,
    edition: Edition,
    warnings: list[str],
    used: list[HtmlElement],
) -> tuple[PageDate | None, PageDate | None]:
    """``(published, updated)``: machine dates first, then the dateline, then weaker evidence.

    After the metadata and the visible dateline come a dated URL, the
    modification date (a page that gives only that was published by then),
    a date in the ``<title>`` and a dated image path.
    """
    year = year_in_url(url)
    found_reference: list[Any] = []

    def reference() -> Any:
        if not found_reference:  # computed once, and only for a date printed without a year
            texts = [t for _, t in visible.page if _DIGIT.search(t)]
            if len(texts) > 2 * _SCAN:  # the top and the footer (the copyright) are enough
                texts = texts[:_SCAN] + texts[-_SCAN:]
            found_reference.append(reference_date(texts, edition.locale))
        return found_reference[0]

    marked_time, any_time = _time_elements(region)
    if not marked_time and region is not tree:
        marked_time, page_time = _time_elements(tree)
        any_time = any_time or page_time
    scripts = " ".join(
        s.text or "" for s in tree.iter("script") if (s.get("type") or "") != "application/ld+json"
    )
    script_date = _SCRIPT_DATE.search(scripts[:2_000_000])
    machine = [
        ld.article.get("datePublished") or ld.article.get("dateCreated"),
        ld.page.get("datePublished"),
        meta.get(*_PUBLISHED_META) or meta.matching(_PUBLISHED_NAME, _MODIFIED_NAME),
        *marked_time,
        micro.text("datePublished"),
        next((o.get("datePublished") for o in ld.objects if o.get("datePublished")), None),
        *any_time,
        script_date.group(1) if script_date else None,
    ]
    published = _first_date(machine, edition, year, warnings)
    if published is None:
        published = _visible_date(visible, headline, edition, year, reference, warnings, used)
    updated = _first_date(
        [
            ld.article.get("dateModified") or ld.page.get("dateModified"),
            meta.get(*_MODIFIED_META),
            micro.text("dateModified"),
        ],
        edition,
        year,
        warnings,
    )
    if published is None:
        published = _weak_date(tree, meta, url, updated, edition, warnings)
    if published is not None and updated is not None and updated.has_offset != published.has_offset:
        updated = None  # cannot be compared with the published instant
    elif published is not None and updated is not None and updated.value <= published.value:
        updated = None
    return published, updated


def _weak_date(
    tree: HtmlElement,
    meta: _Meta,
    url: str,
    updated: PageDate | None,
    edition: Edition,
    warnings: list[str],
) -> PageDate | None:
    """A date from indirect evidence, each with a warning an editor can check."""
    from datetime import datetime

    urls = [url, meta.get("og:url"), *(link.get("href") or "" for link in tree.iter("link"))]
    for candidate in urls:
        day = date_in_url(candidate or "")
        if day is not None:
            warnings.append(f"the date {day.isoformat()} was read from the page's address")
            return PageDate(datetime(day.year, day.month, day.day), day.isoformat())
    if updated is not None:
        warnings.append("the page gives only a modification date: used as its publication date")
        return updated
    title = tree.find("head/title")
    if title is not None and text_of(title):
        found, _ = parse_date_text(text_of(title), edition)
        if found is not None:
            return found
    images = [meta.get("og:image"), *(img.get("src") or "" for img in tree.iter("img"))]
    days = [d for d in (date_in_url(i or "") for i in images[:200]) if d is not None]
    if days:
        day = max(days)
        warnings.append(f"the date {day.isoformat()} was read from the path of the page's images")
        return PageDate(datetime(day.year, day.month, day.day), day.isoformat())
    return None


# ---------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------

_MARKUP = re.compile(
    rb"<(?:!doctype|html|head|body|meta|title|article|main|div|p|h[1-6])[\s>/]", re.I
)


def _language_markup(tree: HtmlElement, meta: _Meta, ld: _JsonLd) -> list[str]:
    """The language tags the page declares, most specific to the article first."""
    tags: list[str] = []
    in_language = ld.field("inLanguage")
    if isinstance(in_language, str):
        tags.append(in_language)
    attrs = ("lang", "{http://www.w3.org/XML/1998/namespace}lang", "xml:lang")
    tags.extend(tree.get(a) or "" for a in attrs if tree.get(a))
    tags += [
        meta.get("content-language"),
        meta.get("og:locale"),
        meta.get("language", "dc.language"),
    ]
    return [t.split(",")[0].strip() for t in tags if t and t.strip()]


def parse_page(data: bytes, edition: Edition, *, name: str = "page") -> Page:
    """Read the metadata and body of one saved article page (pure: no I/O).

    A file with no HTML markup, or a page with no headline, date, author
    or text of an article, is refused: it is not a saved article.
    """
    if len(data) > MAX_BYTES:
        raise I18nNewsError(f"refused: {len(data)} bytes is over the 10 MB limit for a page", name)
    if not _MARKUP.search(data[:1_000_000]):
        raise I18nNewsError("refused: not an HTML page (no markup found)", name)
    tree = parse_html(data, name)
    warnings: list[str] = []
    ld = _JsonLd(tree, warnings)
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
    main_entity = ld.article.get("mainEntityOfPage")
    if isinstance(main_entity, dict):
        main_entity = main_entity.get("@id") or main_entity.get("url")
    url = (
        clean(ld.article.get("url"))
        or clean(main_entity)
        or meta.get("og:url")
        or clean(canonical)
        or clean(ld.page.get("url"))
    )

    site_names = _site_names(ld, meta, url)
    # A desk byline that is also the title's last segment is the site's name there.
    bylines = [a for a in meta.all("author", head=True) if not _web_url(a)]
    title_names = [*site_names, *bylines]
    title, headline_node = _headline(tree, ld, meta, micro, title_names)
    site_names += [n for n in title_names[len(site_names) + len(bylines) :]]
    summary = (
        clean(ld.field("description"))
        or meta.get("description", "og:description", "twitter:description", "dc.description")
        or micro.text("description")
    )
    section = (
        next(iter(_keywords(ld.field("articleSection"))), "")
        or meta.get("article:section", "section", "parsely-section")
        or micro.text("articleSection")
    )
    tags = (
        _keywords(ld.field("keywords"))
        or meta.all("article:tag")[:200]
        or _keywords(meta.get("news_keywords", "keywords"))
        or _keywords(micro.text("keywords"))
    )
    image = (
        _image_of(ld.field("image"))
        or (
            Image(_web_url(meta.get("og:image")), meta.get("og:image:alt"))
            if _web_url(meta.get("og:image"))
            else None
        )
        or _image_of(micro.attr("image"))
    )

    root = article_root(tree)
    region = _region(root, tree, headline_node)
    used: list[HtmlElement] = []
    visible = VisibleTexts.of(tree, region)
    authors = _authors(ld, meta, micro, region, tree, visible, site_names, used)
    source = _visible_source(visible, used)
    published, updated = _dates(
        tree, region, headline_node, ld, meta, micro, visible, url, edition, warnings, used
    )

    body = article_markdown(root, tree, title, used)
    if not body:
        fallback = ld.article.get("articleBody")
        if isinstance(fallback, str) and fallback.strip():
            body = plain_text_markdown(clean(fallback) if "<" in fallback else fallback)
    if not (title or published or updated or authors or summary or len(body.split()) >= 30):
        raise I18nNewsError(
            "refused: no article found (no headline, date, author or article text)", name
        )
    if not title:
        warnings.append("no headline found")
    if not body:
        warnings.append("no article text found")
    language = detect_language(_language_markup(tree, meta, ld), f"{title}\n{summary}\n{body}")
    if language.warning:
        warnings.append(language.warning)
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
        language=language.code,
        language_certain=language.certain,
        warnings=tuple(warnings),
    )

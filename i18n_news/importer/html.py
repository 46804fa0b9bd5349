"""A saved page as an lxml tree, and the lookups the other import stages make in it.

Parsing is where safety is decided: the bytes are decoded as a browser
would (a BOM, bytes that are UTF-8, the declared charset, windows-1252),
internal DTD subsets and entity declarations are
cut before libxml2 sees them (no billion laughs, no external entities), and
the parser never touches the network. Everything after this module works on
the tree and never on the raw bytes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from i18n_news.errors import I18nNewsError
from i18n_news.fs import LIMITS

__all__ = [
    "BODY_CLASS",
    "MAX_BYTES",
    "Texts",
    "VisibleTexts",
    "article_root",
    "clean",
    "declared_charset",
    "deepest",
    "in_furniture",
    "parse_html",
    "text_of",
]

#: Pages larger than this are refused: a saved article is far smaller.
MAX_BYTES = LIMITS["page"]

#: Classes and ids that mark the element holding the article's text.
BODY_CLASS = re.compile(
    r"article[-_]?body|articlebody|story[-_]?body|post[-_]?content|entry[-_]?content|"
    r"article[-_]?content|article__body|content[-_]?body|field[-_]?body|article-text",
    re.I,
)

_DOCTYPE = re.compile(rb"<!DOCTYPE[^\[>]*(\[.*?\]\s*)?>", re.I | re.S)
_DECLARATIONS = re.compile(rb"<\?xml[^>]*\?>|<!ENTITY[^>]*>|<!ELEMENT[^>]*>|<!ATTLIST[^>]*>", re.I)
_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.I,
)
_HEAD_END = re.compile(rb"</head\s*>|<body[\s>]", re.I)
_XML_FORBIDDEN = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: Labels whose WHATWG encoding is a superset Python names otherwise: browsers
#: read "iso-8859-1" as windows-1252, "gb2312" as GBK/GB18030, "euc-kr" as
#: windows-949, and a page declaring UTF-16 in a ``<meta>`` is ASCII-compatible.
_WHATWG = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "iso8859-1": "cp1252",
    "l1": "cp1252",
    "iso-8859-9": "cp1254",
    "latin5": "cp1254",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "tis-620": "cp874",
    "iso-8859-11": "cp874",
    "shift_jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "big5": "big5hkscs",
    "utf-16": "utf-8",
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
    "unicode": "utf-8",
    "x-user-defined": "cp1252",
}


def declared_charset(data: bytes) -> str | None:
    """The ``<meta charset>`` / ``http-equiv`` / XML declaration of the page's head.

    Browsers look at the first 1,024 bytes; pages with long heads declare
    later, so the whole head is read (up to ``</head>`` or ``<body>``).
    """
    end = _HEAD_END.search(data, 0, 1 << 20)
    match = _CHARSET.search(data, 0, end.start() if end else 64 * 1024)
    if match is None:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii").lower()
    return _WHATWG.get(label, label)


def _decode(data: bytes) -> bytes:
    """The page as UTF-8 bytes, sniffed as a browser would, trusting bytes over labels.

    A BOM decides; then bytes that are valid UTF-8 (and not plain ASCII) are
    UTF-8 whatever the page declares — a legacy-encoded page with non-ASCII
    text is practically never valid UTF-8, while CMS templates that declare
    ``euc-kr`` or ``gb2312`` over UTF-8 text are common; then the declared
    charset; then windows-1252, the web's default.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:]
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[2:].decode(codec, errors="replace").encode("utf-8")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return data
    codec = declared_charset(data) or "cp1252"
    try:
        return data.decode(codec, errors="replace").encode("utf-8")
    except LookupError:
        return data.decode("cp1252", errors="replace").encode("utf-8")


def parse_html(data: bytes, name: str = "page") -> HtmlElement:
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


def text_of(node: HtmlElement | None) -> str:
    """The text of an element with its whitespace runs collapsed (``""`` for no element)."""
    return " ".join("".join(node.itertext()).split()) if node is not None else ""


def clean(value: Any) -> str:
    """A metadata string without markup, entities or runs of whitespace."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), "")
    if not isinstance(value, str):
        return ""
    value = html.unescape(re.sub(r"<[^>]*>", " ", value))
    # A lone surrogate (JSON-LD's "\ud800") cannot be written as UTF-8: it becomes U+FFFD.
    value = _SURROGATE.sub("\ufffd", value)
    return " ".join(value.split())


_SURROGATE = re.compile("[\ud800-\udfff]")


def article_root(tree: HtmlElement) -> HtmlElement | None:
    """The element holding the article text: ``articleBody``, a body class, ``<article>``, main."""
    for node in tree.iter():
        if isinstance(node.tag, str) and "articleBody" in (node.get("itemprop") or "").split():
            return node
    for node in tree.iter():
        if not isinstance(node.tag, str) or node.tag in ("body", "html"):
            continue
        marks = f"{node.get('class') or ''} {node.get('id') or ''}"
        if BODY_CLASS.search(marks):
            return node
    articles = list(tree.iter("article"))
    if len(articles) == 1:
        return articles[0]
    if articles:
        return max(articles, key=lambda a: sum(len(text_of(p)) for p in a.iter("p")))
    main = next(iter(tree.iter("main")), None)
    return main


_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:sidebar|related|comments?|comment-\w+|quote|blockquote|widget|footer|"
    r"recommend\w*|most-?read|teaser|promo|newsletter)(?:$|[\s_-])",
    re.I,
)


def in_furniture(node: HtmlElement) -> bool:
    """Inside a figure, a quote, a sidebar, related links or comments: not the story's own
    byline or date, however much it looks like one."""
    for element in (node, *node.iterancestors()):
        if element is not node and element.tag in (
            "figure",
            "figcaption",
            "blockquote",
            "aside",
            "nav",
            "footer",
        ):
            return True
        if _FURNITURE.search(f"{element.get('class') or ''} {element.get('id') or ''}"):
            return True
    return False


#: ``(element, its text)`` pairs in document order.
Texts = list[tuple[HtmlElement, str]]

_INVISIBLE = frozenset({"script", "style", "title", "head", "option", "noscript", "template"})


def deepest(texts: Texts, accept: Callable[[str], object]) -> tuple[HtmlElement, str] | None:
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
                (d, text_of(d))
                for d in found[0].iterdescendants()
                if isinstance(d.tag, str) and accept(text_of(d))
            ),
            None,
        )
        if child is None:
            return found
        found = child


def _short_texts(scope: HtmlElement, limit: int) -> Texts:
    """``(element, text)`` in document order for visible texts of 1..``limit`` characters.

    Raw text sizes are summed bottom-up in one pass, so only small subtrees
    are ever joined: a large page stays linear.
    """
    found: list[tuple[int, HtmlElement, str]] = []
    order = 0

    def visit(node: HtmlElement) -> int:
        nonlocal order
        order += 1
        position = order
        size = len(node.text or "")
        for child in node:
            if isinstance(child.tag, str) and child.tag not in _INVISIBLE:
                size += visit(child)
            size += len(child.tail or "")
        if size and size <= limit * 4:
            text = text_of(node)
            if 0 < len(text) <= limit:
                found.append((position, node, text))
        return size

    if isinstance(scope.tag, str) and scope.tag not in _INVISIBLE:
        visit(scope)
    found.sort(key=lambda item: item[0])
    return [(node, text) for _, node, text in found]


@dataclass
class VisibleTexts:
    """Short visible texts of the page and of the article's region, computed once."""

    page: Texts
    region: Texts

    @classmethod
    def of(cls, tree: HtmlElement, region: HtmlElement, limit: int = 120) -> VisibleTexts:
        page = _short_texts(tree, limit)
        inside = set(region.iter())
        return cls(page, [(n, t) for n, t in page if n in inside])

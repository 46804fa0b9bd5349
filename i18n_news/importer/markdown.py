"""An article's body HTML as Markdown: paragraphs, headings, lists, quotes, emphasis.

Only the text survives: links become their words, images, embeds and page
furniture (share boxes, related links, the byline and date already read)
are dropped, and every character Markdown would read as markup is escaped,
so a page can never put live syntax or HTML into a content file.
"""

from __future__ import annotations

import copy
import re

from lxml.html import HtmlElement

from i18n_news.importer.html import BODY_CLASS, text_of

__all__ = ["article_markdown", "plain_text_markdown"]

#: Elements whose content is never article text.
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

_LINE_START = re.compile(r"^(\s*)([#>+=|-]|\d+[.)])")


#: Characters Markdown reads as markup; the backslash first, so no escape is escaped twice.
_MARKUP_CHARS = "\\`*_[]<>"
_ENTITY = re.compile(r"&(?=#?\w+;)")


def _escape_inline(text: str) -> str:
    for char in _MARKUP_CHARS:  # str.replace per character: linear and in C, unlike re.sub
        if char in text:
            text = text.replace(char, "\\" + char)
    return _ENTITY.sub(r"\\&", text) if "&" in text else text


def _escape_line(text: str) -> str:
    text = _escape_inline(text)
    match = _LINE_START.match(text)
    if match:
        token = match.group(2)
        escaped = token[:-1] + "\\" + token[-1] if token[0].isdigit() else "\\" + token
        text = match.group(1) + escaped + text[match.end() :]
    return text


def plain_text_markdown(text: str) -> str:
    """Plain text (JSON-LD ``articleBody``) as Markdown paragraphs, one per line or paragraph."""
    return "\n\n".join(
        _escape_line(" ".join(p.split())) for p in re.split(r"\n\s*\n|\n", text) if p.strip()
    )


def _inline(node: HtmlElement) -> str:
    """Markdown for the content of ``node``: emphasis kept, links and other tags as text."""
    parts = [_escape_inline(node.text or "")]
    for child in node:
        if isinstance(child.tag, str):
            parts.append(_inline_element(child))
        parts.append(_escape_inline(child.tail or ""))
    return "".join(parts)


def _inline_element(node: HtmlElement) -> str:
    """Markdown for one inline element (without its tail)."""
    tag = str(node.tag).lower()  # an element's tag: callers skip comments and entities
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


def _blocks(node: HtmlElement, out: list[str]) -> None:
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


def _block(node: HtmlElement, tag: str, out: list[str]) -> None:
    if tag == "p" or tag == "dl":
        text = _squash(_inline(node))
        if text:
            out.append(_escape_first(text))
    elif re.fullmatch(r"h[1-6]", tag):
        text = " ".join(_inline(node).split())
        if text:
            out.append("#" * max(2, int(tag[1])) + " " + text)
    elif tag in ("ul", "ol"):
        items = _list_items(node, ordered=tag == "ol")
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
            out.append("\n>\n".join(quoted))
    elif tag == "pre":
        code = "".join(node.itertext()).strip("\n")
        if code.strip():
            fence = "````" if "```" in code else "```"
            out.append(f"{fence}\n{code}\n{fence}")
    elif tag == "table":
        out.extend(_table_rows(node))
    elif tag == "hr":
        return
    else:
        _blocks(node, out)


def _list_items(node: HtmlElement, *, ordered: bool) -> list[str]:
    """The list's non-empty items, numbered as the reader saw them or bulleted."""
    items = []
    for index, item in enumerate((li for li in node.iter("li")), 1):
        text = " ".join(_inline(item).split())
        if text:
            items.append(f"{index}. {text}" if ordered else f"- {text}")
    return items


def _table_rows(node: HtmlElement) -> list[str]:
    """One line per non-empty row, its cells joined by `` | ``."""
    rows = []
    for row in node.iter("tr"):
        text = " | ".join(" ".join(_inline(c).split()) for c in row if c.tag in ("td", "th"))
        if text.strip(" |"):
            rows.append(_escape_first(text))
    return rows


def article_markdown(
    root: HtmlElement | None, tree: HtmlElement, title: str, used: list[HtmlElement]
) -> str:
    """The article text under ``root`` (else the page's body) as Markdown.

    Works on a copy with scripts, embeds, navigation, share boxes, the
    headline and the ``used`` nodes (those the byline and date were read
    from) removed, so nothing shown in the front matter repeats in the body.
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
            or (node is not clone and _NOISE.search(marks) and not BODY_CLASS.search(marks))
            or (re.fullmatch(r"h[1-6]", node.tag) and text_of(node).casefold() == folded_title)
        ):
            drop.append(node)
    for node in drop:
        if node is not clone and node.getparent() is not None:
            node.drop_tree()
    out: list[str] = []
    if clone.tag in _CONTAINERS:
        _blocks(clone, out)
    else:
        _block(clone, str(clone.tag), out)
    return "\n\n".join(b for b in out if b.strip())

"""The HTML that untrusted text may become: sanitized bodies, safe translations, clean text.

Three kinds of text reach a page, and none of it may produce live markup:

* **Article bodies** (Markdown from writers, translators or a per-article
  catalog): markdown-it-py with raw HTML *disabled*, then nh3 with a small
  allowlist (no ``<script>``, no event handlers, no ``javascript:`` URLs, no
  ``<bdo>`` overrides), then every text node's bidi controls balanced so an
  RLO in one paragraph cannot reverse the next.
* **Translations** (msgstr): Jinja's newstyle gettext treats a translation as
  markup (it is the ``%`` format string of a ``Markup``), so a msgstr is
  sanitized by :func:`sanitize_message` before it is used: tags outside a
  phrasing allowlist are dropped (``<script>`` with its content), attributes
  other than ``lang``/``dir`` are dropped, text is re-escaped.
* **Everything else** (titles, captions, credits, tags, labels, names):
  plain strings, autoescaped by Jinja; bidi controls balanced when the page
  context is built (:func:`clean_text`).
"""

from __future__ import annotations

import gettext
import re
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

from i18n_news.localize.bidi import BIDI_CONTROLS, balance_bidi_controls

__all__ = [
    "BODY_ATTRIBUTES",
    "BODY_TAGS",
    "MESSAGE_TAGS",
    "SafeTranslations",
    "balance_text_nodes",
    "clean_text",
    "render_markdown",
    "sanitize_body",
    "sanitize_message",
]

# ---------------------------------------------------------------------------
# Article bodies
# ---------------------------------------------------------------------------

#: Raw HTML in Markdown is shown as text, never passed through.
_MARKDOWN = MarkdownIt(
    "commonmark", {"html": False, "linkify": False, "typographer": False}
).enable(["table", "strikethrough"])

BODY_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "bdi",
        "blockquote",
        "br",
        "cite",
        "code",
        "del",
        "em",
        "figcaption",
        "figure",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
    }
)
BODY_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"lang", "dir", "title"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "time": {"datetime"},
    "blockquote": {"cite"},
    "q": {"cite"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
_TAG_SPLIT = re.compile(r"(<[^>]*>)")
_DIR_VALUES = {"ltr", "rtl", "auto"}
# One C-level scan instead of a Python loop per character.
_BIDI_CONTROL = re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    # ``dir`` may only isolate or state a direction, never carry anything else.
    if attribute == "dir" and value.lower() not in _DIR_VALUES:
        return None
    return value


def balance_text_nodes(html: str) -> str:
    """Balance the bidi controls of each text node of well-formed HTML on its own.

    Closing inside the text node that opened means closing inside its element:
    nothing a writer typed can spill into the next element or out of the body.
    Controls in attribute values are removed (they only reorder tooltips).
    """
    if not _BIDI_CONTROL.search(html):
        return html
    pieces = _TAG_SPLIT.split(html)
    for index, piece in enumerate(pieces):
        if index % 2:
            pieces[index] = _BIDI_CONTROL.sub("", piece)
        elif piece:
            pieces[index] = balance_bidi_controls(piece)
    return "".join(pieces)


def sanitize_body(html: str) -> str:
    """nh3 with the body allowlist; links get ``rel="noopener noreferrer"``."""
    return nh3.clean(
        html,
        tags=set(BODY_TAGS),
        clean_content_tags={"script", "style"},
        attributes={k: set(v) for k, v in BODY_ATTRIBUTES.items()},
        attribute_filter=_attribute_filter,
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
    )


@lru_cache(maxsize=4096)
def render_markdown(text: str) -> Markup:
    """Markdown body → safe HTML (sanitized, bidi-balanced), ready to print unescaped."""
    html = _MARKDOWN.render(text)
    return Markup(balance_text_nodes(sanitize_body(html)).strip())


# ---------------------------------------------------------------------------
# Translations and other text
# ---------------------------------------------------------------------------

MESSAGE_TAGS = frozenset(
    {"abbr", "b", "bdi", "br", "em", "i", "small", "span", "strong", "sub", "sup"}
)


@lru_cache(maxsize=8192)
def sanitize_message(text: str) -> str:
    """A msgstr made safe to use as markup: phrasing tags only, no attributes but lang/dir.

    >>> sanitize_message('Por %(author)s<script>alert(1)</script><img src=x onerror=alert(1)>')
    'Por %(author)s'
    """
    if "<" not in text and "&" not in text and not _BIDI_CONTROL.search(text):
        return text
    cleaned = nh3.clean(
        text,
        tags=set(MESSAGE_TAGS),
        clean_content_tags={"script", "style"},
        attributes={"*": {"lang", "dir"}},
        attribute_filter=_attribute_filter,
        url_schemes=set(),
        link_rel=None,
    )
    return balance_text_nodes(cleaned)


def clean_text(value: str | None) -> str:
    """Untrusted plain text (title, caption, label) with its bidi controls balanced."""
    return balance_bidi_controls(value) if value else ""


class SafeTranslations:
    """A gettext object whose every translation went through :func:`sanitize_message`."""

    def __init__(self, inner: gettext.NullTranslations) -> None:
        self._inner = inner

    def gettext(self, message: str, /) -> str:
        return sanitize_message(self._inner.gettext(message))

    def ngettext(self, singular: str, plural: str, n: int, /) -> str:
        return sanitize_message(self._inner.ngettext(singular, plural, n))

    def pgettext(self, context: str, message: str, /) -> str:
        return sanitize_message(self._inner.pgettext(context, message))

    def npgettext(self, context: str, singular: str, plural: str, n: int, /) -> str:
        return sanitize_message(self._inner.npgettext(context, singular, plural, n))

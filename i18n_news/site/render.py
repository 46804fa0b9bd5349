"""Jinja environments per edition and the HTML that untrusted text may become.

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

Environments are created once per edition and process and keep every
compiled template (``cache_size=-1``, no auto-reload). Compiled code is
deliberately *not* shared between editions (no common bytecode cache): Jinja
folds filters applied to constants while compiling, even with its optimizer
off, using the compiling edition's filters — ``{{ 404|number }}`` would print
``404`` instead of ``٤٠٤`` in Arabic with code compiled for English.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable, Mapping
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import nh3
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markdown_it import MarkdownIt
from markupsafe import Markup

from i18n_news.localize.bidi import BIDI_CONTROLS, balance_bidi_controls
from i18n_news.model import Edition
from i18n_news.site import filters

__all__ = [
    "SafeTranslations",
    "clean_text",
    "make_environment",
    "render_markdown",
    "render_template",
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


# ---------------------------------------------------------------------------
# Environments
# ---------------------------------------------------------------------------


def make_environment(
    edition: Edition,
    translations: gettext.NullTranslations,
    *,
    now: datetime,
    template_dirs: tuple[Path, ...],
    taxonomy_label: Callable[[str, str], str],
) -> Environment:
    """A Jinja environment that prints everything the edition's way.

    Autoescaping is on for every template; undefined variables are errors,
    so a template/context mismatch fails the build instead of printing
    nothing. ``taxonomy_label`` should already return translated, balanced text.
    """
    env = _Environment(
        loader=FileSystemLoader([str(d) for d in template_dirs]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=_LenientUndefined,
        extensions=["jinja2.ext.i18n"],
        auto_reload=False,
        keep_trailing_newline=True,
        cache_size=-1,
    )
    filters.install(
        env, edition, SafeTranslations(translations), now=now, taxonomy_label=taxonomy_label
    )
    return env


#: What a plain dict answers as attributes (its class's methods); anything else is an item.
_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(Environment):
    """Jinja's environment, with a shortcut for the plain dicts page contexts are made of.

    Jinja resolves ``card.url`` by trying ``getattr`` first, which on a dict
    raises (an exception per lookup, hundreds per page) before it tries
    ``card["url"]``. A dict instance has no attributes but its class's, so
    for other names the item is looked up directly: same result, no exception.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


class _LenientUndefined(StrictUndefined):
    """Strict about printing or iterating a missing value, but ``x.y|default`` and tests work.

    Templates document optional keys (``urls.privacy``, ``article.audio_url``) and
    test them with ``{% if %}``; those read as false. Printing a missing value fails.
    """

    __slots__ = ()

    def __bool__(self) -> bool:
        return False

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(())

    def __len__(self) -> int:
        return 0


def render_template(env: Environment, name: str, context: Mapping[str, Any]) -> str:
    """Render one page; the body's Markdown becomes sanitized HTML here, not in the plan."""
    return env.get_template(name).render(dict(context))

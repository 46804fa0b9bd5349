"""How long a story takes to read: its words, its minutes, and the label that says so.

Words are counted in the Markdown a reader sees (not its syntax, link
targets or tags), in any script; minutes are rounded up; the label
(``3 Min Read``, ``٣ دقائق قراءة``, ``3 min de lectura``) is the theme
catalog's plural form, with the number in the edition's digits.
"""

from __future__ import annotations

import gettext as _gettext
import math
import re
import unicodedata
from functools import lru_cache

from markdown_it import MarkdownIt

from i18n_news.errors import I18nNewsError
from i18n_news.localize.messages import Translations, interpolate
from i18n_news.model import Edition

__all__ = ["READING_TIME", "count_words", "format_reading_time", "reading_minutes"]

#: msgid and plural of the reading-time label; theme catalogs translate it.
READING_TIME: tuple[str, str] = ("%(num)d Min Read", "%(num)d Min Read")

_MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_TAG = re.compile(r"<[^>]*>")
_TATWEEL = "\u0640"


def _plain_text(markdown: str) -> str:
    parts: list[str] = []
    for token in _MARKDOWN.parse(markdown):
        if token.type == "inline":
            for child in token.children or ():
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append(" ")
        elif token.type in ("fence", "code_block"):
            parts.append(token.content)
        elif token.type == "html_block":
            parts.append(_TAG.sub(" ", token.content))
        parts.append(" ")
    return "".join(parts)


@lru_cache(maxsize=65536)
def _is_word(token: str) -> bool:
    # Cached: a body repeats its words, and this looks at each character.
    return any(unicodedata.category(c)[0] in "LN" and c != _TATWEEL for c in token)


def count_words(text: str) -> int:
    """Words a reader reads in a Markdown body.

    Markdown syntax, link targets, images and HTML tags are not words; a
    token counts when it holds a letter or digit, so punctuation (``—``,
    ``،``) does not, and Arabic diacritics and tatweel, which never separate
    words, stay inside theirs.

    >>> count_words("**Russia** keeps [its bases](https://x.test/a) — report")
    5
    >>> count_words("كَتَبَ الصَّحَفِيُّ مـــقالاً ، ثم نشره")
    5
    """
    return sum(1 for token in _plain_text(text).split() if _is_word(token))


def reading_minutes(text: str, words_per_minute: int = 200) -> int:
    """Minutes to read ``text``, rounded up and at least one."""
    if isinstance(words_per_minute, bool) or not isinstance(words_per_minute, int):
        raise I18nNewsError(f"words_per_minute must be an integer, got {words_per_minute!r}")
    if words_per_minute <= 0:
        raise I18nNewsError(f"words_per_minute must be positive, got {words_per_minute}")
    return max(1, math.ceil(count_words(text) / words_per_minute))


def format_reading_time(
    minutes: int, edition: Edition, translations: Translations | _gettext.NullTranslations
) -> str:
    """``3 Min Read`` / ``٣ دقائق قراءة`` / ``3 min de lectura``."""
    message = translations.ngettext("%(num)d Min Read", "%(num)d Min Read", minutes)
    return interpolate(message, {"num": minutes}, edition)

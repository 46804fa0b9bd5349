"""Text direction: which way an edition reads, and keeping mixed runs in order.

An English name inside an Arabic sentence (or an Arabic headline in an
English list) is reordered by the Unicode bidi algorithm together with its
neighbours unless it is isolated: punctuation and numbers next to it jump to
the wrong side. HTML isolates with ``<bdi>``; plain text (feed titles, JSON,
e-mail subjects) with FSI…PDI.

Content is untrusted: a stray RLO in a title would reverse the rest of the
page. Every helper here balances the explicit controls of the text it wraps,
so none leaks out of its element.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from babel import Locale, UnknownLocaleError
from markupsafe import Markup, escape

from i18n_news.errors import I18nNewsError

__all__ = [
    "BIDI_CONTROLS",
    "BIDI_MARKS",
    "EMBEDDING_CONTROLS",
    "ISOLATE_CONTROLS",
    "balance_bidi_controls",
    "direction_of_locale",
    "first_strong_direction",
    "isolate_html",
    "isolate_plain",
    "strip_unbalanced_controls",
]

Direction = Literal["ltr", "rtl"]

LRE, RLE, PDF, LRO, RLO = "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"
LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
LRM, RLM, ALM = "\u200e", "\u200f", "\u061c"

#: Embeddings and overrides, closed by PDF (the Trojan-source characters).
EMBEDDING_CONTROLS = frozenset({LRE, RLE, LRO, RLO, PDF})
#: Isolates, closed by PDI.
ISOLATE_CONTROLS = frozenset({LRI, RLI, FSI, PDI})
#: Zero-width marks: strong characters without scope, harmless to balance.
BIDI_MARKS = frozenset({LRM, RLM, ALM})
#: Unicode's Bidi_Control property: all twelve.
BIDI_CONTROLS = EMBEDDING_CONTROLS | ISOLATE_CONTROLS | BIDI_MARKS

_EMBEDDING_OPENERS = frozenset({LRE, RLE, LRO, RLO})
_ISOLATE_OPENERS = frozenset({LRI, RLI, FSI})
# Bidi class B: where UAX #9 ends a paragraph and every open control with it.
_PARAGRAPH_SEPARATORS = frozenset("\n\r\x1c\x1d\x1e\x85\u2029")
_PARAGRAPH_SPLIT = re.compile("([\n\r\x1c\x1d\x1e\x85\u2029])")
# Any embedding or isolate control: one C-level scan tells most text needs no work.
_SCOPED_CONTROL = re.compile("[" + "".join(sorted(EMBEDDING_CONTROLS | ISOLATE_CONTROLS)) + "]")


def direction_of_locale(locale: str | Locale) -> Direction:
    """``rtl`` for Arabic, Hebrew, Persian…, from CLDR's character order.

    >>> direction_of_locale("ar-LB"), direction_of_locale("es")
    ('rtl', 'ltr')
    """
    try:
        loc = locale if isinstance(locale, Locale) else Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        raise I18nNewsError(f"unknown locale {locale!r}: {exc}") from None
    return "rtl" if loc.text_direction == "rtl" else "ltr"


def first_strong_direction(text: str) -> Direction | None:
    """Direction of the first strong character (UAX #9 rules P2–P3), or None.

    Characters inside isolates are skipped, as the algorithm does; digits and
    punctuation are weak, so ``"2024"`` has no direction of its own.

    >>> first_strong_direction("«Hayat Tahrir al-Sham»"), first_strong_direction("١٢ كانون")
    ('ltr', 'rtl')
    """
    depth = 0
    for char in text:
        if char in _ISOLATE_OPENERS:
            depth += 1
        elif char == PDI:
            depth = max(0, depth - 1)
        elif char in _PARAGRAPH_SEPARATORS:
            depth = 0
        elif depth == 0:
            kind = unicodedata.bidirectional(char)
            if kind == "L":
                return "ltr"
            if kind in ("R", "AL"):
                return "rtl"
    return None


def _pairs(text: str) -> tuple[set[int], list[tuple[int, str]]]:
    """Indices of matched controls, and openers left open at each paragraph end.

    Matching follows UAX #9: a PDF closes the innermost embedding opened
    after the innermost open isolate; a PDI closes the innermost isolate and
    every embedding opened inside it; a paragraph separator ends all.
    """
    matched: set[int] = set()
    stack: list[tuple[int, str]] = []
    left_open: list[tuple[int, str]] = []

    for index, char in enumerate(text):
        if char in _PARAGRAPH_SEPARATORS:
            left_open.extend(stack)
            stack.clear()
        elif char in _EMBEDDING_OPENERS or char in _ISOLATE_OPENERS:
            stack.append((index, char))
        elif char == PDF:
            if stack and stack[-1][1] in _EMBEDDING_OPENERS:
                matched.add(stack.pop()[0])
                matched.add(index)
        elif char == PDI and any(opener in _ISOLATE_OPENERS for _, opener in stack):
            while stack[-1][1] not in _ISOLATE_OPENERS:
                left_open.append(stack.pop())
            matched.add(stack.pop()[0])
            matched.add(index)
    left_open.extend(stack)
    return matched, left_open


def strip_unbalanced_controls(text: str) -> str:
    """Remove embedding and isolate controls that have no partner.

    Matched pairs stay, so a translator's deliberate isolate keeps working;
    a stray PDF or an RLO that is never closed is dropped.

    >>> strip_unbalanced_controls("a\\u202eb") == "ab"
    True
    """
    if not _SCOPED_CONTROL.search(text):
        return text
    matched, _ = _pairs(text)
    return "".join(
        char
        for index, char in enumerate(text)
        if index in matched or not (char in EMBEDDING_CONTROLS or char in ISOLATE_CONTROLS)
    )


def balance_bidi_controls(text: str) -> str:
    """Close what the text opened, before each paragraph end and at its end.

    Unlike :func:`strip_unbalanced_controls` this keeps the author's openers
    and their effect inside the text; stray closers are dropped (they would
    close something outside). The result nests: every opener has a closer.

    >>> balance_bidi_controls("\\u202bعربي") == "\\u202bعربي\\u202c"
    True
    """
    if not _SCOPED_CONTROL.search(text):
        return text
    out: list[str] = []
    stack: list[str] = []

    def close(until_isolate: bool) -> None:
        while stack:
            opener = stack.pop()
            if opener in _ISOLATE_OPENERS:
                out.append(PDI)
                if until_isolate:
                    return
            else:
                out.append(PDF)

    for char in text:
        if char in _PARAGRAPH_SEPARATORS:
            close(until_isolate=False)
            out.append(char)
        elif char in _EMBEDDING_OPENERS or char in _ISOLATE_OPENERS:
            stack.append(char)
            out.append(char)
        elif char == PDF:
            if stack and stack[-1] in _EMBEDDING_OPENERS:
                stack.pop()
                out.append(char)
        elif char == PDI:
            if any(opener in _ISOLATE_OPENERS for opener in stack):
                close(until_isolate=True)
        else:
            out.append(char)
    close(until_isolate=False)
    return "".join(out)


def _check_direction(direction: str) -> None:
    if direction not in ("ltr", "rtl"):
        raise I18nNewsError(f"direction must be 'ltr' or 'rtl', got {direction!r}")


def _is_isolated(html: str) -> bool:
    # Already one <bdi> element (a filter applied twice): isolating again adds nothing.
    return html.startswith("<bdi>") and html.endswith("</bdi>") and html.count("<bdi") == 1


def isolate_html(text: object, context_dir: str) -> Markup:
    """``text`` escaped, in ``<bdi>`` unless it already reads in ``context_dir``.

    A run of the other direction, or of none (a bare number, a name of
    punctuation only), is isolated so it cannot reorder its neighbours. A
    :class:`Markup` value is trusted as HTML; anything else is escaped.
    """
    _check_direction(context_dir)
    if text is None:
        return Markup("")
    if isinstance(text, Markup):
        html = Markup(balance_bidi_controls(str(text)))
        plain = html.striptags()
    else:
        plain = balance_bidi_controls(str(text))
        html = escape(plain)
    if not plain or first_strong_direction(plain) == context_dir or _is_isolated(html):
        return html
    return Markup("<bdi>") + html + Markup("</bdi>")


def isolate_plain(text: str, context_dir: str | None = None) -> str:
    """``text`` between FSI and PDI, for contexts without markup (feed titles).

    With ``context_dir``, text that already reads that way is left bare.
    Controls inside are balanced first, so the PDI really closes the isolate;
    multi-line text is isolated line by line, as a newline ends an isolate.

    >>> isolate_plain("Al Mayadeen") == "\\u2068Al Mayadeen\\u2069"
    True
    """
    if context_dir is not None:
        _check_direction(context_dir)
    balanced = balance_bidi_controls(text)
    if not _PARAGRAPH_SPLIT.search(balanced):
        return _isolate_paragraph(balanced, context_dir)
    # A paragraph separator would end the isolate early and strand its PDI,
    # so each paragraph is isolated on its own.
    pieces = re.split(_PARAGRAPH_SPLIT, balanced)
    return "".join(
        piece if index % 2 else _isolate_paragraph(piece, context_dir)
        for index, piece in enumerate(pieces)
    )


def _isolate_paragraph(text: str, context_dir: str | None) -> str:
    if not text or (context_dir is not None and first_strong_direction(text) == context_dir):
        return text
    return FSI + text + PDI

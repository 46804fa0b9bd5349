"""Direction helpers and bidi isolation (i18n_news.localize.bidi)."""

from __future__ import annotations

import doctest
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from i18n_news.errors import I18nNewsError
from i18n_news.localize import bidi
from i18n_news.localize.bidi import (
    BIDI_CONTROLS,
    BIDI_MARKS,
    EMBEDDING_CONTROLS,
    FSI,
    ISOLATE_CONTROLS,
    LRE,
    LRI,
    LRO,
    PDF,
    PDI,
    RLE,
    RLI,
    RLO,
    balance_bidi_controls,
    direction_of_locale,
    first_strong_direction,
    isolate_html,
    isolate_plain,
    strip_unbalanced_controls,
)

SCOPED = EMBEDDING_CONTROLS | ISOLATE_CONTROLS


def is_balanced(text: str) -> bool:
    """Every opener closed within its paragraph, every closer matching (UAX #9)."""
    stack: list[str] = []
    for char in text:
        if char in "\n\r\x1c\x1d\x1e\x85\u2029":
            if stack:
                return False
        elif char in (LRE, RLE, LRO, RLO, LRI, RLI, FSI):
            stack.append(char)
        elif char == PDF:
            if not stack or stack[-1] not in (LRE, RLE, LRO, RLO):
                return False
            stack.pop()
        elif char == PDI:
            if not stack or stack[-1] not in (LRI, RLI, FSI):
                return False
            stack.pop()
    return not stack


def without_scoped(text: str) -> str:
    return "".join(c for c in text if c not in SCOPED)


# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "direction"),
    [
        ("ar", "rtl"),
        ("ar_LB", "rtl"),
        ("ar-LB", "rtl"),
        ("he", "rtl"),
        ("fa", "rtl"),
        ("ur", "rtl"),
        ("en", "ltr"),
        ("es", "ltr"),
        ("es_419", "ltr"),
        ("ja", "ltr"),
    ],
)
def test_direction_of_locale(locale: str, direction: str) -> None:
    assert direction_of_locale(locale) == direction


@pytest.mark.parametrize("locale", ["xx_YY", "", "not a locale"])
def test_direction_of_unknown_locale(locale: str) -> None:
    with pytest.raises(I18nNewsError, match="unknown locale"):
        direction_of_locale(locale)


def test_control_sets_match_unicode() -> None:
    assert len(BIDI_CONTROLS) == 12
    classes = {"LRE", "RLE", "PDF", "LRO", "RLO", "LRI", "RLI", "FSI", "PDI"}
    scoped = {
        chr(c) for c in range(sys.maxunicode + 1) if unicodedata.bidirectional(chr(c)) in classes
    }
    assert scoped == EMBEDDING_CONTROLS | ISOLATE_CONTROLS
    assert {"\u200e", "\u200f", "\u061c"} == BIDI_MARKS


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("", None),
        ("2024", None),
        ("١٢:٥٣", None),
        ("... ? !", None),
        ("Al Mayadeen", "ltr"),
        ("الميادين", "rtl"),
        ("«هيئة تحرير الشام»", "rtl"),
        ("12 Dec", "ltr"),
        ("١٢ كانون الأول", "rtl"),
        ("עברית", "rtl"),
        # Isolated runs are skipped, as UAX #9 P2 says.
        (LRI + "Hello" + PDI + " مرحبا", "rtl"),
        (FSI + "مرحبا" + PDI + " Hello", "ltr"),
        # Embeddings are not strong characters.
        (RLO + "abc" + PDF, "ltr"),
        ("\u200f", "rtl"),
    ],
)
def test_first_strong_direction(text: str, direction: str | None) -> None:
    assert first_strong_direction(text) == direction


# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        ("Al Mayadeen English", "rtl", "<bdi>Al Mayadeen English</bdi>"),
        ("الميادين", "rtl", "الميادين"),
        ("الميادين", "ltr", "<bdi>الميادين</bdi>"),
        ("Al Mayadeen English", "ltr", "Al Mayadeen English"),
        # No strong character: isolated too, it cannot be trusted to stay put.
        ("2024", "rtl", "<bdi>2024</bdi>"),
        ("", "rtl", ""),
        (None, "rtl", ""),
        ("<script>alert(1)</script>", "rtl", "<bdi>&lt;script&gt;alert(1)&lt;/script&gt;</bdi>"),
        ("Tom & Jerry", "ltr", "Tom &amp; Jerry"),
        # Markup is trusted; its direction is judged on its text, not its tags.
        (Markup('<a href="/ar/">الميادين</a>'), "rtl", '<a href="/ar/">الميادين</a>'),
        (Markup("<b>Reuters</b>"), "rtl", "<bdi><b>Reuters</b></bdi>"),
        # An override from content is closed inside its element.
        ("evil" + RLO + "gnp.exe", "ltr", "evil" + RLO + "gnp.exe" + PDF),
        ("x" + RLO + "y", "rtl", "<bdi>x" + RLO + "y" + PDF + "</bdi>"),
        ("stray" + PDF + PDI, "ltr", "stray"),
    ],
)
def test_isolate_html(text: object, context: str, expected: str) -> None:
    result = isolate_html(text, context)
    assert isinstance(result, Markup)
    assert str(result) == expected


def test_isolate_html_rejects_bad_direction() -> None:
    with pytest.raises(I18nNewsError, match="direction"):
        isolate_html("x", "auto")


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        ("Al Mayadeen", None, FSI + "Al Mayadeen" + PDI),
        ("الميادين", None, FSI + "الميادين" + PDI),
        ("الميادين", "rtl", "الميادين"),
        ("Reuters", "rtl", FSI + "Reuters" + PDI),
        ("", None, ""),
        ("a" + RLE + "b", None, FSI + "a" + RLE + "b" + PDF + PDI),
        ("a" + PDI + "b", "ltr", "ab"),
    ],
)
def test_isolate_plain(text: str, context: str | None, expected: str) -> None:
    assert isolate_plain(text, context) == expected


# --------------------------------------------------------------------------

BALANCE_TABLE = [
    # (input, balanced, stripped)
    ("plain", "plain", "plain"),
    (RLO + "abc", RLO + "abc" + PDF, "abc"),
    ("abc" + PDF, "abc", "abc"),
    (RLE + "a" + PDF, RLE + "a" + PDF, RLE + "a" + PDF),
    (LRI + "a", LRI + "a" + PDI, "a"),
    ("a" + PDI, "a", "a"),
    (FSI + "a" + PDI, FSI + "a" + PDI, FSI + "a" + PDI),
    # A PDI closes the embeddings opened inside its isolate.
    (RLI + RLO + "a" + PDI, RLI + RLO + "a" + PDF + PDI, RLI + "a" + PDI),
    # A PDF cannot close an embedding outside the current isolate.
    (RLO + LRI + "a" + PDF + PDI + PDF, RLO + LRI + "a" + PDI + PDF, RLO + LRI + "a" + PDI + PDF),
    # A paragraph separator ends everything that is open.
    (RLO + "a\nb" + PDF, RLO + "a" + PDF + "\nb", "a\nb"),
    (RLO + LRE + "x", RLO + LRE + "x" + PDF + PDF, "x"),
    (PDF + PDI + RLI, "" + RLI + PDI, ""),
]


@pytest.mark.parametrize(("text", "balanced", "stripped"), BALANCE_TABLE)
def test_balance_and_strip(text: str, balanced: str, stripped: str) -> None:
    assert balance_bidi_controls(text) == balanced
    assert strip_unbalanced_controls(text) == stripped


def test_marks_are_left_alone() -> None:
    text = "a\u200fb\u200ec\u061c"
    assert balance_bidi_controls(text) == text
    assert strip_unbalanced_controls(text) == text


alphabet = st.sampled_from([*SCOPED, "a", "ب", "1", " ", "\n", "\u200f"])


@settings(max_examples=400)
@given(st.text(alphabet, max_size=40))
def test_balancing_properties(text: str) -> None:
    balanced = balance_bidi_controls(text)
    stripped = strip_unbalanced_controls(text)
    assert is_balanced(balanced), repr(balanced)
    assert is_balanced(stripped), repr(stripped)
    assert without_scoped(balanced) == without_scoped(text)
    assert without_scoped(stripped) == without_scoped(text)
    assert balance_bidi_controls(balanced) == balanced
    assert strip_unbalanced_controls(stripped) == stripped
    # Wrapping never lets a control escape the wrapper.
    assert is_balanced(isolate_plain(text))
    assert is_balanced(str(isolate_html(text, "rtl")))


def test_doctests() -> None:
    result = doctest.testmod(bidi)
    assert result.attempted > 0 and result.failed == 0


def test_isolate_plain_isolates_each_paragraph() -> None:
    assert isolate_plain("Reuters\nالميادين", "rtl") == FSI + "Reuters" + PDI + "\nالميادين"
    assert isolate_plain("a\r\n") == FSI + "a" + PDI + "\r\n"

"""Words, reading minutes and the reading-time label per edition (i18n_news.localize.reading)."""

from __future__ import annotations

import doctest

import pytest
from localize_helpers import AR, EDITIONS, EN, ES

from i18n_news.catalogs.plurals import plural_index
from i18n_news.errors import I18nNewsError
from i18n_news.localize import reading
from i18n_news.localize.reading import count_words, format_reading_time, reading_minutes


@pytest.mark.parametrize(
    ("code", "expected"),
    [("en", "3 Min Read"), ("ar", "٣ دقائق قراءة"), ("es", "3 min de lectura")],
)
def test_seed_reading_time(code: str, expected: str, catalogs: dict) -> None:
    assert format_reading_time(3, EDITIONS[code], catalogs[code]) == expected


# --------------------------------------------------------------------------
# Plurals: all six Arabic forms through a compiled .mo
# --------------------------------------------------------------------------

SIX_FORMS = [
    (0, 0, "٠ دقيقة قراءة"),
    (1, 1, "دقيقة قراءة واحدة"),
    (2, 2, "دقيقتان قراءة"),
    (3, 3, "٣ دقائق قراءة"),
    (10, 3, "١٠ دقائق قراءة"),
    (11, 4, "١١ دقيقةً قراءة"),
    (99, 4, "٩٩ دقيقةً قراءة"),
    (100, 5, "١٠٠ دقيقة قراءة (مئة)"),
    (101, 5, "١٠١ دقيقة قراءة (مئة)"),
    (102, 5, "١٠٢ دقيقة قراءة (مئة)"),
    (111, 4, "١١١ دقيقةً قراءة"),
]


@pytest.mark.parametrize(("n", "form", "expected"), SIX_FORMS)
def test_arabic_six_forms_of_minute(n: int, form: int, expected: str, catalogs: dict) -> None:
    assert plural_index("ar", n) == form
    assert format_reading_time(n, AR, catalogs["ar"]) == expected


def test_every_arabic_form_is_reached() -> None:
    assert {plural_index("ar", n) for n, _, _ in SIX_FORMS} == set(range(6))


@pytest.mark.parametrize(
    ("n", "en", "es"),
    [(1, "1 Min Read", "1 min de lectura"), (12, "12 Min Read", "12 min de lectura")],
)
def test_reading_time_en_es(n: int, en: str, es: str, catalogs: dict) -> None:
    assert format_reading_time(n, EN, catalogs["en"]) == en
    assert format_reading_time(n, ES, catalogs["es"]) == es


# --------------------------------------------------------------------------
# Words and reading time
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        ("Russia keeps its bases", 4),
        ("# Heading\n\n- one\n- two\n\n> quoted *words* here", 6),
        ("See [the report](https://example.org/very/long/url) now", 4),
        ("![a photo of ships](img/ship.jpg)\n\nCaption text", 2),
        ("Word — another – ... ! , word", 3),
        ("<p>Some <b>bold</b> html</p>", 3),
        ("`code` and\n\n```\nfenced block\n```", 4),
        ("al-Sham's forces, 2024: 12,000 troops", 5),
        # Arabic: diacritics and tatweel stay inside their word; punctuation is not a word.
        ("كَتَبَ الصَّحَفِيُّ مـــقالاً ، ثم نشره", 5),
        ("قالت الوكالة: «روسيا» تحافظ على قواعدها؛ ـــ", 6),
        ("١٢ كانون الأول ٢٠٢٤", 4),
    ],
)
def test_count_words(text: str, words: int) -> None:
    assert count_words(text) == words


@pytest.mark.parametrize(
    ("words", "wpm", "minutes"),
    [
        (0, 200, 1),
        (1, 200, 1),
        (200, 200, 1),
        (201, 200, 2),
        (600, 200, 3),
        (601, 200, 4),
        (450, 150, 3),
    ],
)
def test_reading_minutes(words: int, wpm: int, minutes: int) -> None:
    assert reading_minutes(" ".join(["word"] * words), wpm) == minutes


@pytest.mark.parametrize("wpm", [0, -5, 1.5, True])
def test_reading_minutes_rejects_bad_speed(wpm: object) -> None:
    with pytest.raises(I18nNewsError, match="words_per_minute"):
        reading_minutes("text", wpm)  # type: ignore[arg-type]


def test_doctests() -> None:
    result = doctest.testmod(reading)
    assert result.attempted > 0 and result.failed == 0

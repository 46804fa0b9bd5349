from __future__ import annotations

import pytest
from babel import Locale
from babel.messages.plurals import get_plural

from i18n_news.catalogs.plurals import (
    CANONICAL,
    accepted_headers,
    canonical_header,
    cldr_index,
    equivalent,
    header_is_accepted,
    parse_header,
    plural_index,
)

# The formula printed in GNU gettext's manual ("Plural forms", Arabic).
GNU_MANUAL_AR = (
    "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
    "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;"
)
CLDR_ORDER = ("zero", "one", "two", "few", "many", "other")


def test_arabic_header_matches_gnu_manual() -> None:
    assert equivalent(CANONICAL["ar"], GNU_MANUAL_AR)


def test_arabic_header_matches_cldr_for_0_to_1000() -> None:
    _, func = parse_header(CANONICAL["ar"])
    rules = Locale("ar").plural_form
    for n in range(1001):
        assert CLDR_ORDER[func(n)] == rules(n), n


def test_babel_2_18_arabic_header_is_rejected() -> None:
    babel_header = str(get_plural("ar"))
    assert not equivalent(babel_header, CANONICAL["ar"])
    assert not header_is_accepted("ar", babel_header)


@pytest.mark.parametrize(
    ("n", "form"),
    [
        (0, 0),
        (1, 1),
        (2, 2),
        (3, 3),
        (10, 3),
        (11, 4),
        (99, 4),
        (100, 5),
        (101, 5),
        (102, 5),
        (103, 3),
        (111, 4),
    ],
)
def test_arabic_forms(n: int, form: int) -> None:
    assert plural_index("ar", n) == form == cldr_index("ar", n)


def test_spanish_headers() -> None:
    assert canonical_header("es") == "nplurals=2; plural=(n != 1);"
    assert len(accepted_headers("es")) == 2
    assert header_is_accepted(
        "es", "nplurals=3; plural=(n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2);"
    )
    assert not header_is_accepted("es", "nplurals=2; plural=(n > 1);")


@pytest.mark.parametrize("bad", ["", "nplurals=2;", "nplurals=2; plural=(n !! 1);", "plural=n"])
def test_malformed_headers(bad: str) -> None:
    assert not header_is_accepted("en", bad)


def test_other_languages_take_cldr_not_babels_old_table() -> None:
    # Babel's babel.messages.plurals table gave French GNU's two forms; CLDR has
    # a third for millions (un million de lecteurs), which init now writes.
    assert canonical_header("fr") == "nplurals=3; plural=(n<=1 ? 0 : n!=0 && n%1000000==0 ? 1 : 2);"
    assert header_is_accepted("fr", "nplurals=2; plural=(n > 1);")  # GNU's
    assert header_is_accepted("ru", canonical_header("ru"))

"""Plural-Forms from CLDR for every locale Babel knows, and GNU gettext's documented formulas.

GNU's side is checked against the installed ``msginit`` (its table is the one
the manual documents); CLDR's against Babel's own evaluation of each rule.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from babel import Locale, localedata
from babel.messages.plurals import get_plural

from i18n_news.catalogs.plurals import (
    GNU,
    LARGE_NUMBERS,
    accepted_formulas,
    canonical_header,
    cldr_categories,
    cldr_header,
    equivalent,
    gnu_header,
    header_is_accepted,
    parse_header,
    refusal,
)

NUMBERS = (*range(1001), *LARGE_NUMBERS)

# Headers as other tools write them: CLDR's (Weblate, CLDR-based exporters) and
# GNU's (msginit, Launchpad), spelled with their own spacing and parentheses.
ACCEPTED = {
    "fa": [
        "nplurals=2; plural=(n > 1);",  # CLDR (one: i = 0 or n = 1), Weblate
        "nplurals=2; plural=n>1;",
    ],
    "he": [
        "nplurals=3; plural=(n == 1 ? 0 : n == 2 ? 1 : 2);",  # CLDR 42+
        "nplurals=2; plural=(n != 1);",  # GNU msginit, Launchpad
    ],
    "ru": [
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<10 || n%100>=20) ? 1 : 2);",  # GNU, and CLDR for whole numbers
        "nplurals=4; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<12 || n%100>14) ? 1 : n%10==0 || n%10>=5 || n%100>=11 && n%100<=14 ? 2 : 3);",
    ],
    "pl": [
        "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
        "nplurals=4; plural=(n==1 ? 0 : (n%10>=2 && n%10<=4) && (n%100<12 || n%100>14) ? 1 : "
        "n!=1 && (n%10>=0 && n%10<=1) || (n%10>=5 && n%10<=9) || (n%100>=12 && n%100<=14) "
        "? 2 : 3);",
    ],
    "cy": [
        "nplurals=6; plural=(n==0) ? 0 : (n==1) ? 1 : (n==2) ? 2 : (n==3) ? 3 : (n==6) ? 4 : 5;",
    ],
    "ar": [
        "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
        ": n%100>=11 ? 4 : 5;",
    ],
}

REFUSED = {
    "fa": ["nplurals=1; plural=(0);", "nplurals=2; plural=(n != 1);"],  # Babel's old table; English
    "he": [
        "nplurals=4; plural=(n==1 ? 0 : n==2 ? 1 : n>10 && n%10==0 ? 2 : 3);",  # CLDR before 42
        "nplurals=2; plural=(n > 1);",
    ],
    "ru": ["nplurals=2; plural=(n != 1);", GNU["pl"]],
    "pl": [GNU["ru"], "nplurals=2; plural=(n != 1);"],
    "cy": [
        "nplurals=4; plural=(n==1) ? 0 : (n==2) ? 1 : (n != 8 && n != 11) ? 2 : 3;",  # Launchpad
        "nplurals=2; plural=(n != 1);",
    ],
    "ar": [str(get_plural("ar")), "nplurals=2; plural=(n != 1);"],  # Babel 2.18 swaps 4 and 5
}


@pytest.mark.parametrize(
    ("lang", "header"), [(lang, h) for lang, headers in ACCEPTED.items() for h in headers]
)
def test_cldr_and_gnu_headers_are_accepted(lang: str, header: str) -> None:
    assert header_is_accepted(lang, header), refusal(lang, header)


@pytest.mark.parametrize(
    ("lang", "header"), [(lang, h) for lang, headers in REFUSED.items() for h in headers]
)
def test_other_headers_are_refused_with_the_accepted_ones_named(lang: str, header: str) -> None:
    assert not header_is_accepted(lang, header)
    why = refusal(lang, header)
    assert why.startswith(repr(header))
    assert f"accepted for '{lang}': CLDR" in why
    for formula in accepted_formulas(lang):
        assert repr(formula.header) in why


def test_refusal_names_the_first_count_it_gets_wrong() -> None:
    why = refusal("he", "nplurals=3; plural=(n==1 ? 0 : n==3 ? 1 : 2);")
    assert "puts n=2 in form 2" in why
    assert "(one, two, other)" in why
    assert "has nplurals=1" in refusal("he", "nplurals=1; plural=0;")


def test_hebrew_persian_and_welsh_take_cldr_not_babels_old_table() -> None:
    assert canonical_header("he") == "nplurals=3; plural=(n==1 ? 0 : n==2 ? 1 : 2);"
    assert canonical_header("fa") == "nplurals=2; plural=(n > 1);"
    assert cldr_categories("cy") == ("zero", "one", "two", "few", "many", "other")
    assert canonical_header("cy") == (
        "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n==3 ? 3 : n==6 ? 4 : 5);"
    )
    # Babel's old table: one Persian form (refused); Hebrew's two are GNU's (accepted).
    assert not header_is_accepted("fa", str(get_plural("fa")))
    assert header_is_accepted("he", str(get_plural("he")))


def test_gnu_documents_no_persian_or_welsh_formula() -> None:
    assert gnu_header("fa") is None and gnu_header("cy") is None
    assert [f.origin for f in accepted_formulas("fa")] == ["CLDR"]


def test_portugal_and_brazil_differ_by_locale() -> None:
    # CLDR: pt (Brazil) puts 0 with 1; pt_PT does not. GNU: pt_BR n > 1, pt n != 1.
    assert parse_header(canonical_header("pt_BR"))[1](0) == 0
    assert parse_header(canonical_header("pt_PT"))[1](0) != 0
    assert header_is_accepted("pt-BR", "nplurals=2; plural=(n > 1);")
    assert header_is_accepted("pt_PT", "nplurals=2; plural=(n != 1);")
    assert not header_is_accepted("pt_PT", "nplurals=2; plural=(n > 1);")


def _distinct_rules() -> list[str]:
    """One locale per distinct CLDR plural rule among every locale Babel knows."""
    seen: dict[tuple[tuple[str, str], ...], str] = {}
    for name in localedata.locale_identifiers():
        rule = Locale.parse(name).plural_form
        seen.setdefault(tuple(sorted(rule.rules.items())), name)
    return sorted(seen.values())


@pytest.mark.parametrize("locale", _distinct_rules())
def test_init_header_gives_cldrs_category_for_every_rule_babel_knows(locale: str) -> None:
    header = canonical_header(locale)
    nplurals, func = parse_header(header)
    rule = Locale.parse(locale).plural_form
    if locale.split("_", 1)[0] in ("es", "en"):  # reviewed: GNU's two forms
        return
    categories = cldr_categories(locale)
    assert nplurals == len(categories)
    for n in NUMBERS:
        assert categories[func(n)] == rule(n), (locale, n)
    assert header_is_accepted(locale, header)
    # Every category CLDR lists is reachable, or only by fractions.
    every = cldr_categories(locale, whole_numbers=False)
    assert set(every) == {*rule.tags, "other"}
    assert set(categories) <= set(every)


def test_every_babel_locale_has_an_accepted_header() -> None:
    for name in localedata.locale_identifiers():
        assert parse_header(canonical_header(name))[0] >= 1


MSGINIT = shutil.which("msginit")


@pytest.mark.skipif(MSGINIT is None, reason="GNU gettext (msginit) is not installed")
@pytest.mark.parametrize("lang", sorted(GNU))
def test_gnu_table_matches_msginit(lang: str, tmp_path: Path) -> None:
    pot = tmp_path / "t.pot"
    pot.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "a"\nmsgid_plural "b"\nmsgstr[0] ""\nmsgstr[1] ""\n',
        encoding="utf-8",
    )
    out = subprocess.run(
        [MSGINIT, "--no-translator", "--no-wrap", "-l", lang, "-i", str(pot), "-o", "-"],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"},
    ).stdout
    written = [line for line in out.splitlines() if line.startswith('"Plural-Forms: ')]
    if lang in ("ar", "ca") and not written:
        # Arabic is documented in the manual only; Catalan joined the table after 0.21.
        return
    header = written[0].removeprefix('"Plural-Forms: ').removesuffix('\\n"')
    assert equivalent(header, GNU[lang])
    assert header_is_accepted(lang, header)


def test_cldr_header_is_gnus_text_where_they_agree() -> None:
    assert cldr_header("ru") == GNU["ru"]
    assert cldr_header("ja") == "nplurals=1; plural=0;"
    assert cldr_header("ar") == GNU["ar"]

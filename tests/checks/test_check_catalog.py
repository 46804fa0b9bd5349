"""Catalog checks: one failing and one passing fixture per check, with the exact findings."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import DATA

from i18n_news.catalogs.reader import read_po
from i18n_news.catalogs.scan import scan_po
from i18n_news.checks.catalog import Threshold, check_catalog
from i18n_news.checks.registry import load_all
from i18n_news.checks.runner import CatalogTask, check_catalog_file
from i18n_news.model import Finding

PO = DATA / "checks" / "po"
SPANISH = {"PO130", "PO131", "PO132", "PO141", "PO152"}

#: check ID -> the findings of its failing fixture: (line, message).
EXPECTED: dict[str, list[tuple[int, str]]] = {
    "PO100": [(14, "unterminated string")],
    "PO101": [
        (14, "msgstr of 'By %(author)s': missing %(author)s; unexpected %(autor)s"),
        (18, "msgstr[4] of '%(num)d Share': missing %(num)d"),
        (28, "msgstr of '%d of %d': 1 positional placeholder(s) where msgid has 2"),
        (32, "msgstr of 'Hello {name}': missing {name}; unexpected {nom}"),
        (35, "msgstr of 'Read {{ minutes }} min': missing {{ minutes }}; unexpected {{ minute }}"),
    ],
    "PO102": [
        (13, "msgstr of 'Read <a href=\"/story\">the full story</a>': missing </a>"),
        (16, "msgstr of 'See <a href=\"/live\">live coverage</a>': <a> href is '/elsewhere' "
             "instead of '/live'"),
        (19, "msgstr of 'Latest stories': unexpected </b>, <b>"),
    ],
    "PO103": [(13, "msgstr of 'Sources:': msgid and msgstr do not both end with a newline")],
    "PO104": [(13, "msgstr of 'Updated: ' lacks the trailing space of msgid")],
    "PO105": [
        (13, "msgstr of 'Updated' has bidi controls not in msgid: U+202E RIGHT-TO-LEFT OVERRIDE"),
        (16, "msgstr of 'Source: \\u2068%(source)s\\u2069' has unbalanced bidi controls"),
    ],
    "PO110": [
        (1, "Plural-Forms is Babel 2.18's Arabic formula, which swaps forms 4 and 5 (babel issue "
            "816); use 'nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && "
            "n%100<=10 ? 3 : n%100>=11 ? 4 : 5);'"),
    ],
    "PO111": [(1, "Language 'es' does not match the edition 'ar' (language 'ar')")],
    "PO112": [(1, "charset is still the template placeholder 'CHARSET'; use UTF-8")],
    "PO113": [
        (1, "header field 'Last-Translator' still has its template value "
            "'FULL NAME <EMAIL@ADDRESS>'"),
    ],
    "PO120": [
        (14, "plural entry '%(num)d Min Read' lacks msgstr[5] (nplurals=6)"),
        (23, "plural entry '%(num)d Share' lacks msgstr[3] (nplurals=6)"),
    ],
    "PO130": [(1, "1 of 2 entries are fuzzy (allowed: 0); review them and remove the fuzzy flag")],
    "PO131": [(1, "1 of 2 entries are untranslated (allowed: 0)")],
    "PO132": [(13, "msgstr is identical to msgid 'Most Read'")],
    "PO140": [
        (18, "duplicate entry for msgid 'Politics' (msgctxt 'section'); first at line 14"),
    ],
    "PO141": [(16, "1 obsolete entry (#~) kept from earlier templates")],
    "PO150": [(13, "msgstr of 'Latest stories (Atom feed)' keeps Latin-script words: 'feed'")],
    "PO151": [
        (13, "msgstr of 'Do you want to continue?' uses Latin punctuation: '?' → '؟'"),
        (16, "msgstr of 'Politics, economy and culture' uses Latin punctuation: ',' → '،'"),
    ],
    "PO152": [
        (13, "msgstr of 'Do you want to subscribe?' has 1 '?' but 0 '¿'"),
        (16, "msgstr of 'Breaking news!' has 1 '!' but 0 '¡'"),
    ],
    "PO153": [(13, "msgstr of 'Latest' contains kashida (U+0640)")],
    "PO160": [
        (1, "1 message(s) of tests/data/checks/po/PO160.pot missing: 'Listen'; "
            "run `i18nnews update`"),
    ],
}  # fmt: skip


def run_fixture(path: Path) -> list[Finding]:
    """Check one fixture as ``i18nnews check`` would, inline suppressions applied."""
    from i18n_news.checks.catalog import is_suppressed

    check_id = path.name.split(".")[0]
    language = "es" if check_id in SPANISH else "ar"
    template = PO / f"{check_id}.pot"
    shown = path.relative_to(DATA.parent.parent).as_posix()
    outcome = check_catalog_file(
        CatalogTask(
            str(path), shown, language, language,
            template=str(template) if template.exists() else None,
            template_shown=template.relative_to(DATA.parent.parent).as_posix(),
        )
    )  # fmt: skip
    return [f for f in outcome.findings if not is_suppressed(f, outcome.suppressions)]


def test_every_catalog_check_has_fixtures() -> None:
    catalog_ids = {c.id for c in load_all().values() if c.family == "catalog"}
    assert catalog_ids == set(EXPECTED)
    for check_id in catalog_ids:
        assert (PO / f"{check_id}.fail.po").is_file()
        assert (PO / f"{check_id}.pass.po").is_file()


@pytest.mark.parametrize("check_id", sorted(EXPECTED))
def test_failing_fixture(check_id: str) -> None:
    path = PO / f"{check_id}.fail.po"
    found = run_fixture(path)
    shown = f"tests/data/checks/po/{check_id}.fail.po"
    assert [(f.check_id, f.path, f.line, f.message) for f in found] == [
        (check_id, shown, line, message) for line, message in EXPECTED[check_id]
    ]
    assert all(f.severity == load_all()[check_id].severity for f in found)
    assert all(f.edition == ("es" if check_id in SPANISH else "ar") for f in found)


@pytest.mark.parametrize("check_id", sorted(EXPECTED))
def test_passing_fixture(check_id: str) -> None:
    assert run_fixture(PO / f"{check_id}.pass.po") == []


def test_inline_suppression_is_what_keeps_po132_pass_fixture_clean() -> None:
    outcome = check_catalog_file(CatalogTask(str(PO / "PO132.pass.po"), "x.po", "es", "es"))
    assert [(f.check_id, f.line) for f in outcome.findings] == [("PO132", 22)]
    assert outcome.suppressions == {22: ("PO132",)}


def test_thresholds_count_and_percent() -> None:
    path = str(PO / "PO130.fail.po")
    cases = [
        (Threshold(0), True),
        (Threshold(1), False),
        (Threshold(None, 50.0), False),
        (Threshold(None, 49.0), True),
    ]
    for fuzzy, fires in cases:
        outcome = check_catalog_file(CatalogTask(path, "x.po", "es", "es", fuzzy=fuzzy))
        assert any(f.check_id == "PO130" for f in outcome.findings) is fires, fuzzy


def test_check_catalog_keeps_its_compile_signature() -> None:
    """``workflow.compile_catalogs`` calls ``check_catalog(po, path, edition, language)``."""
    po = read_po(PO / "PO101.fail.po")
    found = check_catalog(po, "x.po", "ar", "ar")
    assert [f.line for f in found if f.check_id == "PO101"] == [14, 18, 28, 32, 35]


def test_same_findings_from_both_readers() -> None:
    """The fast reader and ``parse_po`` give the checks the same catalog."""
    for path in sorted(PO.glob("*.pass.po")) + sorted(PO.glob("*.fail.po")):
        if path.name in ("PO100.fail.po", "PO140.fail.po"):
            continue
        fast = check_catalog(scan_po(path.read_bytes(), "x.po"), "x.po", "ar", "ar")
        slow = check_catalog(read_po(path), "x.po", "ar", "ar")
        assert fast == slow, path.name


def test_plural_forms_variants() -> None:
    from i18n_news.catalogs.scan import ScannedCatalog, ScannedEntry
    from i18n_news.checks.catalog import CatalogContext, plural_forms_header

    def run(header: str | None, language: str = "ar") -> list[str]:
        head = None if header is None else ScannedEntry("", msgstr=header, linenum=1)
        ctx = CatalogContext(ScannedCatalog("x.po", head, []), "x.po", language, language)
        return [f.message for f in plural_forms_header(ctx)]

    assert run(None)[0].startswith('no header entry (msgid ""): Plural-Forms missing')
    assert run("Language: ar\n")[0].startswith("Plural-Forms missing; expected")
    assert run("Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\n")[0].startswith(
        "malformed Plural-Forms"
    )
    assert run("Plural-Forms: nplurals=2; plural=(n==0 ? 0 : n==1 ? 1 : 2);\n") == [
        "Plural-Forms gives form 2 but nplurals=2; expected 'nplurals=6; plural=(n==0 ? 0 : "
        "n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);'"
    ]
    assert run("Plural-Forms: nplurals=2; plural=(n != 1);\n", "es") == []
    cldr = "nplurals=3; plural=(n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2);"
    assert run(f"Plural-Forms: {cldr}\n", "es") == []
    # Refused with the first count it gets wrong and every formula accepted instead.
    assert run("Plural-Forms: nplurals=2; plural=(n > 1);\n", "es") == [
        "Plural-Forms 'nplurals=2; plural=(n > 1);' puts n=0 in form 0; accepted for 'es': "
        "GNU gettext's 'nplurals=2; plural=(n != 1);' or CLDR's "
        "'nplurals=3; plural=(n==1 ? 0 : n!=0 && n%1000000==0 ? 1 : 2);' (one, many, other)"
    ]
    # A differently spelled but equivalent formula is accepted.
    assert run("Plural-Forms: nplurals=2; plural=n!=1;\n", "es") == []

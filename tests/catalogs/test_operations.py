"""The catalog lifecycle end to end on a copy of the sample newsroom."""

from __future__ import annotations

import gettext
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.plurals import get_plural
from typer.testing import CliRunner

from i18n_news.catalogs.reader import read_po
from i18n_news.cli.app import app

runner = CliRunner()
needs_gettext = pytest.mark.skipif(
    shutil.which("msgmerge") is None, reason="GNU gettext not installed"
)


def run(root: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--config", str(root / "pyproject.toml"), *args])
    return result.exit_code, result.output


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted((root / "locales").rglob("*.po*"))
    }


def test_sample_is_in_sync(sample: Path) -> None:
    assert run(sample, "extract", "--check")[0] == 0
    assert run(sample, "update", "--check")[0] == 0


def test_extract_and_update_leave_the_sample_byte_identical(sample: Path) -> None:
    before = snapshot(sample)
    assert len(before) > 10
    code, out = run(sample, "extract")
    assert code == 0, out
    code, out = run(sample, "update")
    assert code == 0, out
    assert snapshot(sample) == before  # bytes and mtimes


@pytest.fixture
def own_theme(sample: Path) -> Path:
    """The sample with one extra newsroom template whose strings we can edit."""
    text = (sample / "pyproject.toml").read_text(encoding="utf-8")
    text = text.replace(
        "[tool.i18nnews.parity]",
        '[tool.i18nnews.extract]\ntemplates = ["theme/*.html"]\n\n[tool.i18nnews.parity]',
    )
    (sample / "pyproject.toml").write_text(text, encoding="utf-8")
    (sample / "theme").mkdir()
    (sample / "theme" / "promo.html").write_text(
        "{# L10N: Promotion box in the sidebar. #}\n"
        '<p>{{ _("Subscribe to our evening newsletter") }}</p>\n'
        '<p>{{ _("Follow us on social media") }}</p>\n',
        encoding="utf-8",
    )
    assert run(sample, "extract")[0] == 0
    assert run(sample, "update")[0] == 0
    po_path = sample / "locales/ar/LC_MESSAGES/messages.po"
    po = read_po(po_path)
    po.find("Subscribe to our evening newsletter").msgstr = "اشترك في نشرتنا المسائية"
    po.find("Subscribe to our evening newsletter").tcomment = "Reviewed by the desk."
    po.find("Follow us on social media").msgstr = "تابعونا على وسائل التواصل"
    from i18n_news.catalogs.writer import write_po

    write_po(po)
    return sample


def test_changed_string_becomes_fuzzy_with_previous_msgid(own_theme: Path) -> None:
    promo = own_theme / "theme" / "promo.html"
    promo.write_text(
        promo.read_text(encoding="utf-8").replace("evening newsletter", "evening newsletters"),
        encoding="utf-8",
    )
    assert run(own_theme, "extract", "--check")[0] == 1
    assert run(own_theme, "extract")[0] == 0
    assert run(own_theme, "update", "--check")[0] == 1
    code, out = run(own_theme, "update")
    assert code == 0 and "1 fuzzy" in out
    text = (own_theme / "locales/ar/LC_MESSAGES/messages.po").read_text(encoding="utf-8")
    assert (
        "# Reviewed by the desk.\n"
        "#. Promotion box in the sidebar.\n"
        "#: theme/promo.html:2\n"
        "#, fuzzy\n"
        '#| msgid "Subscribe to our evening newsletter"\n'
        'msgid "Subscribe to our evening newsletters"\n'
        'msgstr "اشترك في نشرتنا المسائية"\n'
    ) in text
    # The Spanish catalog had no translation: nothing to offer, a plain new entry.
    es = read_po(own_theme / "locales/es/LC_MESSAGES/messages.po")
    assert es.find("Subscribe to our evening newsletters").flags == []


def test_removed_string_becomes_obsolete_and_comes_back(own_theme: Path) -> None:
    promo = own_theme / "theme" / "promo.html"
    original = promo.read_text(encoding="utf-8")
    promo.write_text(
        original.replace('<p>{{ _("Follow us on social media") }}</p>\n', ""), encoding="utf-8"
    )
    assert run(own_theme, "extract")[0] == 0
    code, out = run(own_theme, "update")
    assert code == 0 and "1 obsolete" in out
    po_path = own_theme / "locales/ar/LC_MESSAGES/messages.po"
    assert (
        '#~ msgid "Follow us on social media"\n#~ msgstr "تابعونا على وسائل التواصل"\n'
        in po_path.read_text(encoding="utf-8")
    )
    # A second update with nothing new keeps the obsolete entry and the bytes.
    before = po_path.read_bytes()
    assert run(own_theme, "update")[0] == 0
    assert po_path.read_bytes() == before
    promo.write_text(original, encoding="utf-8")
    assert run(own_theme, "extract")[0] == 0
    code, out = run(own_theme, "update")
    assert "1 revived" in out
    entry = read_po(po_path).find("Follow us on social media")
    assert entry is not None and not entry.obsolete and entry.msgstr == "تابعونا على وسائل التواصل"
    assert "fuzzy" not in entry.flags


@needs_gettext
def test_catalog_written_by_msgmerge_survives_update(sample: Path) -> None:
    po_path = sample / "locales/ar/LC_MESSAGES/messages.po"
    subprocess.run(
        [
            "msgmerge",
            "--quiet",
            "--previous",
            "-o",
            str(po_path),
            str(po_path),
            str(sample / "locales/messages.pot"),
        ],
        check=True,
    )
    before = po_path.read_bytes()
    mtime = po_path.stat().st_mtime_ns
    code, out = run(sample, "update")
    assert code == 0, out
    assert po_path.read_bytes() == before
    assert po_path.stat().st_mtime_ns == mtime


def test_catalog_written_by_babel_survives_update(sample: Path) -> None:
    from babel.messages.pofile import read_po as babel_read
    from babel.messages.pofile import write_po as babel_write

    po_path = sample / "locales/es/LC_MESSAGES/taxonomy.po"
    with po_path.open("rb") as fh:
        catalog = babel_read(fh, locale="es")
    with po_path.open("wb") as fh:
        babel_write(fh, catalog, width=76)
    before = po_path.read_bytes()
    code, out = run(sample, "update")
    assert code == 0, out
    assert po_path.read_bytes() == before


def test_init_writes_canonical_arabic_plural_forms(sample: Path) -> None:
    shutil.rmtree(sample / "locales" / "ar")
    code, out = run(sample, "init", "ar")
    assert code == 0, out
    po = read_po(sample / "locales/ar/LC_MESSAGES/messages.po")
    header = po.get_header("Plural-Forms")
    assert header == (
        "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
        "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"
    )
    assert header != str(get_plural("ar"))
    plural = next(e for e in po.entries if e.msgid_plural)
    assert sorted(plural.msgstr_plural) == [0, 1, 2, 3, 4, 5]
    # init never overwrites
    code, out = run(sample, "init", "ar")
    assert "exists" in out


def test_update_keeps_an_existing_plural_forms_header(sample: Path) -> None:
    po_path = sample / "locales/ar/LC_MESSAGES/messages.po"
    text = po_path.read_text(encoding="utf-8")
    babel_header = str(get_plural("ar"))
    start = text.index('"Plural-Forms: ')
    end = text.index('\\n"\n', start) + 4
    text = text[:start] + f'"Plural-Forms: {babel_header}\\n"\n' + text[end:]
    po_path.write_text(text, encoding="utf-8")
    before = po_path.read_bytes()
    assert run(sample, "update")[0] == 0
    assert po_path.read_bytes() == before
    # ... and compile refuses it, naming file and line.
    code, out = run(sample, "compile")
    assert code == 1
    assert "locales/ar/LC_MESSAGES/messages.po:" in out and "PO110" in out
    assert not (sample / "locales/ar/LC_MESSAGES/messages.mo").exists()
    code, out = run(sample, "compile", "--force")
    assert code == 0
    assert (sample / "locales/ar/LC_MESSAGES/messages.mo").exists()


def test_compiled_mo_reads_back_with_python_gettext(sample: Path) -> None:
    code, out = run(sample, "compile")
    assert code == 0, out
    with (sample / "locales/ar/LC_MESSAGES/messages.mo").open("rb") as fh:
        ar = gettext.GNUTranslations(fh)
    assert ar.gettext("Related News") == "أخبار ذات صلة"
    forms = (
        read_po(sample / "locales/ar/LC_MESSAGES/messages.po").find("%(num)d Share").msgstr_plural
    )
    expected = {0: 0, 1: 1, 2: 2, 3: 3, 11: 4, 100: 5, 102: 5}
    for n, form in expected.items():
        assert ar.ngettext("%(num)d Share", "%(num)d Shares", n) == forms[form], n
    assert len(set(forms.values())) >= 5  # the six forms are real, distinct translations
    with (sample / "locales/es/LC_MESSAGES/taxonomy.mo").open("rb") as fh:
        es = gettext.GNUTranslations(fh)
    assert es.pgettext("section", "Politics") == "Política"
    data = json.loads((sample / "locales/ar/LC_MESSAGES/taxonomy.json").read_text(encoding="utf-8"))
    assert data["plural_forms"].startswith("nplurals=6;")
    assert data["messages"]["section\u0004Politics"] == "سياسة"
    # A second compile changes nothing.
    mtime = (sample / "locales/ar/LC_MESSAGES/messages.mo").stat().st_mtime_ns
    assert run(sample, "compile")[0] == 0
    assert (sample / "locales/ar/LC_MESSAGES/messages.mo").stat().st_mtime_ns == mtime


@pytest.mark.skipif(shutil.which("msgunfmt") is None, reason="GNU gettext not installed")
def test_compiled_mo_reads_back_with_msgunfmt(sample: Path) -> None:
    assert run(sample, "compile")[0] == 0
    out = subprocess.run(
        ["msgunfmt", str(sample / "locales/ar/LC_MESSAGES/messages.mo")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert 'msgid "Related News"\nmsgstr "أخبار ذات صلة"' in out


def test_unparseable_catalog_is_an_input_error(sample: Path) -> None:
    po_path = sample / "locales/es/LC_MESSAGES/messages.po"
    with po_path.open("a", encoding="utf-8") as fh:
        fh.write('\nmsgid "Broken\n')
    lines = po_path.read_text(encoding="utf-8").count("\n")
    for command in ("compile", "update", "stats"):
        code, out = run(sample, command)
        assert code == 2, command
        assert out.strip().splitlines()[-1].startswith(f"{po_path}:{lines}: ")


def test_stats_json_matches_catalogs(sample: Path) -> None:
    code, out = run(sample, "stats", "--format", "json")
    assert code == 0
    rows = {(r["edition"], r["domain"]): r for r in json.loads(out)["catalogs"]}
    assert set(rows) == {
        ("ar", "messages"),
        ("ar", "taxonomy"),
        ("es", "messages"),
        ("es", "taxonomy"),
    }
    for (edition, domain), row in rows.items():
        po = read_po(sample / f"locales/{edition}/LC_MESSAGES/{domain}.po")
        assert row["total"] == len(po.active())
        assert row["translated"] == row["total"] and row["percent"] == 100.0
    po_path = sample / "locales/es/LC_MESSAGES/messages.po"
    po = read_po(po_path)
    po.find("Related News").msgstr = ""
    po.find("Most Read").flags.append("fuzzy")
    from i18n_news.catalogs.writer import write_po

    write_po(po)
    row = {
        (r["edition"], r["domain"]): r
        for r in json.loads(run(sample, "stats", "-f", "json")[1])["catalogs"]
    }[("es", "messages")]
    assert (row["untranslated"], row["fuzzy"], row["untranslated_words"]) == (1, 1, 4)
    code, out = run(sample, "stats")
    assert out.splitlines()[0].split()[:3] == ["edition", "domain", "total"]


def test_every_command_has_help() -> None:
    import typer.main

    group = typer.main.get_command(app)
    names = list(group.commands)  # type: ignore[attr-defined]
    assert {"extract", "init", "update", "compile", "stats"} <= set(names)
    for name in names:
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example:" in result.output, name


def test_version_and_config_errors(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("i18nnews ")
    bad = tmp_path / "i18nnews.toml"
    bad.write_text('source_edition = "en"\n[editions.en]\nlocale = "xx_YY"\n', encoding="utf-8")
    result = runner.invoke(app, ["--config", str(bad), "stats"])
    assert result.exit_code == 2
    assert result.output.strip() == f"{bad}:3: editions.en.locale: unknown locale 'xx_YY'"
    assert "Traceback" not in result.output


def test_console_script_and_module_entry_points(tmp_path: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    out = subprocess.run(
        [os.sys.executable, "-m", "i18n_news", "--version"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert out.stdout.startswith("i18nnews ")
    bad = tmp_path / "i18nnews.toml"
    bad.write_text('source_edition = "fr"\n[editions.en]\n', encoding="utf-8")
    proc = subprocess.run(
        [os.sys.executable, "-m", "i18n_news", "--config", str(bad), "update"],
        check=False,
        capture_output=True,
        text=True,
        env=env,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"{bad}:1: source_edition 'fr' is not one of the editions (en)"

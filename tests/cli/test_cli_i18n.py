"""The toolkit's own messages in Arabic and Spanish; NO_COLOR; help examples; completion."""

from __future__ import annotations

import doctest
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

import i18n_news.cli.term as term
import i18n_news.ui.messages as i18n
from i18n_news.catalogs.reader import read_po
from i18n_news.checks.catalog import check_catalog

ROOT = Path(__file__).resolve().parents[2]
POT = ROOT / "i18n_news" / "ui" / "locales" / "i18nnews.pot"


def _run(*args: str, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    base.pop("NO_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "i18n_news", *args],
        check=False,
        cwd=cwd,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_template_in_sync_with_sources() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "extract_cli_messages.py"), "--check"],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("lang", ["ar", "es"])
def test_catalogs_complete_and_clean(lang: str) -> None:
    template = read_po(POT)
    po = read_po(ROOT / "i18n_news" / "ui" / "locales" / lang / "LC_MESSAGES" / "i18nnews.po")
    wanted = {(e.msgctxt, e.msgid) for e in template.active()}
    done = {
        (e.msgctxt, e.msgid)
        for e in po.active()
        if "fuzzy" not in e.flags
        and (all(e.msgstr_plural.values()) if e.msgid_plural else e.msgstr)
    }
    assert wanted <= done, sorted(wanted - done)[:5]
    errors = [
        f
        for f in check_catalog(
            po, f"i18n_news/ui/locales/{lang}/LC_MESSAGES/i18nnews.po", lang, lang
        )
        if f.severity.value == "error"
    ]
    assert not errors, errors


def test_language_from_environment() -> None:
    assert doctest.testmod(i18n).failed == 0
    assert i18n.ui_language({"LANG": "ar_LB.UTF-8"}) == "ar"
    assert i18n.ui_language({"LC_MESSAGES": "es_ES.UTF-8", "LANG": "ar_LB.UTF-8"}) == "es"
    assert i18n.ui_language({"LC_ALL": "ar_LB.UTF-8", "LC_MESSAGES": "es_ES"}) == "ar"
    assert i18n.ui_language({}) == "en"
    assert i18n.ui_language({"LANG": "C.UTF-8"}) == "en"


def test_arabic_help() -> None:
    proc = _run("--help", LANG="ar_LB.UTF-8")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "أدوات توطين لغرفة أخبار تصدر بعدة نسخ." in out
    assert "الخيارات:" in out and "الأوامر:" in out and "الاستخدام:" in out
    for line in (
        "تقدّم الترجمة لكل نسخة ونطاق.",  # stats
        "أنشئ فهارس نسخةٍ من قوالب الترجمة.",  # init
        "افحص الفهارس وتكافؤ النسخ",  # check
        "عاين النسخ على 127.0.0.1",  # serve
        "اكتب لوحة متابعة الترجمة",  # report
    ):
        assert line in out
    assert "Localization toolkit" not in out
    sub = _run("build", "--help", LANG="ar_LB.UTF-8").stdout
    assert "مثال: i18nnews build" in sub and "اعرض هذه الرسالة واخرج." in sub


def test_lc_all_wins_and_spanish_help() -> None:
    out = _run("stats", "--help", LANG="ar_LB.UTF-8", LC_ALL="es_ES.UTF-8").stdout
    assert "Progreso de la traducción por edición y dominio." in out
    assert "Ejemplo: i18nnews stats --format json" in out


def test_english_unchanged() -> None:
    plain = _run("--help").stdout
    assert "Localization toolkit for a newsroom published in several editions." in plain
    assert _run("--help", LANG="en_US.UTF-8").stdout == plain
    assert _run("--help", LANG="C.UTF-8").stdout == plain
    assert _run("--help", LC_ALL="C", LANG="ar_LB.UTF-8").stdout == plain


def test_errors_in_arabic(tmp_path: Path) -> None:
    missing = _run("--config", str(tmp_path / "nope.toml"), "stats", LANG="ar_LB.UTF-8")
    assert missing.returncode == 2
    assert missing.stderr.strip() == f"{tmp_path / 'nope.toml'}: الملف غير موجود"
    bad = tmp_path / "i18nnews.toml"
    bad.write_text('source_edition = "en"\nbogus = 1\n[editions.en]\n', encoding="utf-8")
    unknown = _run("stats", cwd=tmp_path, LANG="ar_LB.UTF-8")
    assert unknown.returncode == 2
    assert unknown.stderr.startswith(f"{bad}:2: مفتاح غير معروف 'bogus' (المسموح هنا: ")
    english = _run("stats", cwd=tmp_path)
    assert english.stderr.startswith(f"{bad}:2: unknown key 'bogus' (allowed here: ")
    none = _run("stats", cwd=tmp_path / "..", LANG="es_ES.UTF-8")
    if none.returncode == 2 and "[tool.i18nnews]" in none.stderr:
        assert "no se encontró" in none.stderr


def test_usage_errors_in_arabic() -> None:
    proc = _run("chek", LANG="ar_LB.UTF-8")
    assert proc.returncode == 2
    assert proc.stderr.startswith("الاستخدام: ")
    assert "لا يوجد أمر باسم 'chek'. Did you mean 'check'?" in proc.stderr
    assert "الأمر مفقود." in _run("-q", LANG="ar_LB.UTF-8").stderr


def test_help_module_doctests() -> None:
    import i18n_news.cli.help as help_module

    assert doctest.testmod(help_module).failed == 0


def test_unknown_message_stays_english() -> None:
    tr = i18n.translations("ar")
    assert i18n.localize_message("something nobody translated", tr) == (
        "something nobody translated"
    )
    assert i18n.localize_message("missing required key 'editions'", tr) == (
        "المفتاح المطلوب 'editions' مفقود"
    )


def test_every_command_has_an_example_and_completion_is_on() -> None:
    out = _run("--help").stdout
    assert "--install-completion" in out and "--show-completion" in out
    import typer.main

    from i18n_news.cli.app import app

    names = list(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    assert {"serve", "report"} <= set(names)
    for name in names:
        help_text = _run(name, "--help").stdout
        assert "Example: i18nnews" in help_text, name


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colors_only_on_a_tty_and_never_with_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    assert term.paint("x", "bold", stream=_Tty()) == "\x1b[1mx\x1b[0m"
    assert term.paint("x", "bold", stream=io.StringIO()) == "x"
    monkeypatch.setenv("NO_COLOR", "1")
    assert term.paint("x", "bold", stream=_Tty()) == "x"
    monkeypatch.setenv("NO_COLOR", "")  # set, even empty: no color
    assert not term.colors_enabled(_Tty())
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "dumb")
    assert not term.colors_enabled(_Tty())


def test_no_escape_codes_in_piped_output(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    proc = _run("report", "--out", str(out), "--commits", "0", NO_COLOR="1")
    assert proc.returncode == 0, proc.stderr
    assert "\x1b" not in proc.stdout + proc.stderr
    assert proc.stdout.startswith(f"{out.as_posix()}: written")

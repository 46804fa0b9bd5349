"""GNU gettext's judgement: each defect ``msgfmt --check`` rejects is an error for ``check``."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from i18n_news.checks.runner import CatalogTask, check_catalog_file

MSGFMT = shutil.which("msgfmt")
pytestmark = pytest.mark.skipif(MSGFMT is None, reason="GNU gettext's msgfmt is not installed")

AR_PLURAL = (
    "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
    "n%100>=11 ? 4 : 5);"
)


def header(plural: str | None = AR_PLURAL) -> str:
    lines = [
        "Project-Id-Version: seeds",
        "PO-Revision-Date: 2024-12-13 09:00+0200",
        "Last-Translator: Rania Haddad <rania@example.org>",
        "Language-Team: Arabic <ar@li.org>",
        "Language: ar",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=UTF-8",
        "Content-Transfer-Encoding: 8bit",
    ]
    if plural is not None:
        lines.append(f"Plural-Forms: {plural}")
    return 'msgid ""\nmsgstr ""\n' + "".join(f'"{line}\\n"\n' for line in lines) + "\n"


SHARES = (
    '#, python-format\nmsgid "%(num)d Share"\nmsgid_plural "%(num)d Shares"\n'
    'msgstr[0] "لا مشاركات"\nmsgstr[1] "مشاركة واحدة"\nmsgstr[2] "مشاركتان"\n'
    'msgstr[3] "%(num)d مشاركات"\nmsgstr[4] "%(num)d مشاركة"\nmsgstr[5] "%(num)d مشاركة"\n'
)

#: name -> (catalog text, the check IDs that must report an error)
SEEDS: dict[str, tuple[str, set[str]]] = {
    "python-format renamed": (
        header() + '#, python-format\nmsgid "By %(author)s"\nmsgstr "بقلم %(autor)s"\n', {"PO101"}),
    "python-format type": (
        header() + '#, python-format\nmsgid "%(n)d items"\nmsgstr "%(n)s عناصر"\n', {"PO101"}),
    "python-format count": (
        header() + '#, python-format\nmsgid "%s and %s"\nmsgstr "%s و"\n', {"PO101"}),
    "python-format invalid": (
        header() + '#, python-format\nmsgid "%(a)s sure"\nmsgstr "%(a)s متأكد ١٠٠%"\n', {"PO101"}),
    "python-brace extra": (
        header() + '#, python-brace-format\nmsgid "Hello"\nmsgstr "مرحباً {name}"\n', {"PO101"}),
    "plural form missing": (
        header() + SHARES.replace('msgstr[5] "%(num)d مشاركة"\n', ""), {"PO120"}),
    "plural form extra": (
        header() + SHARES + 'msgstr[6] "%(num)d مشاركة"\n', {"PO120"}),
    "plural form drops its number": (
        header() + SHARES.replace('msgstr[3] "%(num)d مشاركات"', 'msgstr[3] "مشاركات"'), {"PO101"}),
    "Plural-Forms invalid": (
        header("nplurals=6; plural=(n==0 ? 0 : n==1 ? 1;") + SHARES, {"PO110"}),
    "Plural-Forms out of range": (
        header("nplurals=2; plural=(n==0 ? 0 : n==1 ? 1 : 2);") + 'msgid "a"\nmsgstr "ب"\n',
        {"PO110"}),
    "Plural-Forms missing": (header(None) + SHARES, {"PO110"}),
    "no header": ('msgid "Latest"\nmsgstr "آخر الأخبار"\n', {"PO110"}),
    "duplicate": (
        header() + 'msgid "Latest"\nmsgstr "آخر"\n\nmsgid "Latest"\nmsgstr "الأخير"\n', {"PO140"}),
    "duplicate obsolete": (
        header() + '#~ msgid "Live"\n#~ msgstr "مباشر"\n\n#~ msgid "Live"\n#~ msgstr "بث"\n',
        {"PO140"}),
    "leading newline": (header() + 'msgid "\\nSources"\nmsgstr "المصادر"\n', {"PO103"}),
    "trailing newline": (header() + 'msgid "Sources:\\n"\nmsgstr "المصادر:"\n', {"PO103"}),
    "plural newline": (
        header() + SHARES.replace('"%(num)d Share"', '"%(num)d Share\\n"').replace(
            '"%(num)d Shares"', '"%(num)d Shares\\n"'), {"PO103"}),
    "unterminated string": (header() + 'msgid "Latest"\nmsgstr "آخر الأخبار\n', {"PO100"}),
    "msgid without msgstr": (
        header() + 'msgid "Latest"\n\nmsgid "Tags"\nmsgstr "وسوم"\n', {"PO100"}),
    "invalid escape": (header() + 'msgid "Latest"\nmsgstr "آخر \\q"\n', {"PO100"}),
    "plural index order": (
        header() + SHARES.replace('msgstr[1] "مشاركة واحدة"\n', "").replace(
            'msgstr[2]', 'msgstr[1]', 1), {"PO100", "PO120"}),
}  # fmt: skip


def run_check(path: Path) -> list[tuple[str, str]]:
    outcome = check_catalog_file(CatalogTask(str(path), path.name, "ar", "ar"))
    return [(f.check_id, f.severity.value) for f in outcome.findings]


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_msgfmt_rejects_and_check_reports_an_error(name: str, tmp_path: Path) -> None:
    text, expected = SEEDS[name]
    path = tmp_path / "seed.po"
    path.write_text(text, encoding="utf-8")
    proc = subprocess.run(
        [MSGFMT, "--check", "-o", "/dev/null", str(path)],
        check=False,
        capture_output=True,
        text=True,
    )
    assert proc.returncode != 0, f"msgfmt accepts the seed {name!r}: not a useful defect"
    found = run_check(path)
    errors = {check_id for check_id, severity in found if severity == "error"}
    assert errors, f"{name}: msgfmt says {proc.stderr!r}, check found {found}"
    assert errors & expected, (name, found)


def test_clean_catalog_passes_both(tmp_path: Path) -> None:
    path = tmp_path / "clean.po"
    path.write_text(
        header() + SHARES + '\n#, python-format\nmsgid "By %(author)s"\nmsgstr "بقلم %(author)s"\n',
        encoding="utf-8",
    )
    proc = subprocess.run(
        [MSGFMT, "--check", "-o", "/dev/null", str(path)], check=False, capture_output=True
    )
    assert proc.returncode == 0, proc.stderr
    assert run_check(path) == []

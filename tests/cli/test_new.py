"""``i18nnews new`` as a new user runs it: a newsroom in any CLDR languages that checks and builds.

Each newsroom is made, checked and built by the real command in a subprocess
(stdin is not a terminal, as in CI), then read back with the package's own
loaders and with GNU gettext where it has a rule.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from babel import Locale

from i18n_news.catalogs.plurals import accepted_formulas, header_is_accepted
from i18n_news.catalogs.reader import read_po
from i18n_news.config import load_config
from i18n_news.fs import LOCK_NAME

NOW = "2026-12-01T09:30:00+01:00"


def i18nnews(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    return subprocess.run(
        [sys.executable, "-m", "i18n_news", *args],
        cwd=cwd,
        env={**base, **env},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


COMBINATIONS = {
    "gazette": ["--source", "fr", "--edition", "he", "--edition", "fa"],
    "jornal": ["--source", "pt-BR", "--edition", "ja", "--edition", "ur"],
    "habari": ["--source", "sw", "--edition", "am"],
    "mayadeen": ["--source", "en", "--edition", "ar,es"],
}


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str, float]]:
    """Each newsroom made once: its folder, new's stdout, and seconds to a green check."""
    parent = tmp_path_factory.mktemp("new")
    out: dict[str, tuple[Path, str, float]] = {}
    for folder, args in COMBINATIONS.items():
        start = time.monotonic()
        proc = i18nnews("new", folder, *args, "--now", NOW, cwd=parent)
        assert proc.returncode == 0, proc.stderr
        check = i18nnews("check", "--format", "json", cwd=parent / folder)
        seconds = time.monotonic() - start
        assert check.returncode == 0, check.stdout + check.stderr
        out[folder] = (parent / folder, proc.stdout, seconds)
    return out


@pytest.mark.parametrize("folder", list(COMBINATIONS))
def test_new_newsroom_checks_green_and_builds(
    folder: str, made: dict[str, tuple[Path, str, float]]
) -> None:
    root, stdout, _ = made[folder]
    check = i18nnews("check", "--format", "json", cwd=root)
    assert check.returncode == 0
    report = json.loads(check.stdout)
    assert report["summary"]["error"] == 0, report["findings"]
    # What is left is translators' work, never a broken file or rule.
    assert {f["check_id"] for f in report["findings"]} <= {"PO131", "PO132"}
    build = i18nnews("build", cwd=root)
    assert build.returncode == 0, build.stderr
    config = load_config(root / "i18nnews.toml")
    for code, edition in config.editions.items():
        page = (root / "dist" / code / "index.html").read_text(encoding="utf-8")
        assert f'lang="{edition.lang}"' in page and f'dir="{edition.direction}"' in page
    story = next((root / "dist" / config.source_edition).rglob("welcome/index.html"))
    assert story.is_file()
    assert "Next: cd" in stdout and "i18nnews check && i18nnews build" in stdout
    assert not (root / "locales" / LOCK_NAME).exists()


@pytest.mark.parametrize("folder", list(COMBINATIONS))
def test_editions_come_from_cldr(folder: str, made: dict[str, tuple[Path, str, float]]) -> None:
    root, _, _ = made[folder]
    config = load_config(root / "i18nnews.toml")
    args = COMBINATIONS[folder]
    codes = [args[1], *(c for a in args[3::2] for c in a.split(","))]
    assert list(config.editions) == codes
    assert config.source_edition == codes[0]
    for code, edition in config.editions.items():
        locale = Locale.parse(code.replace("-", "_"))
        assert edition.direction == locale.text_direction
        assert edition.digits == locale.default_numbering_system
        assert edition.timezone == "UTC"  # no terminal to ask on, no --timezone
    assert config.name == folder.capitalize()
    assert config.parity.required == tuple(codes)


def test_catalogs_carry_cldrs_plural_rules_and_clean_headers(
    made: dict[str, tuple[Path, str, float]],
) -> None:
    for root, _, _ in made.values():
        config = load_config(root / "i18nnews.toml")
        for po_path in sorted((root / "locales").glob("*/LC_MESSAGES/*.po")):
            code = po_path.parent.parent.name
            locale = config.editions[code].locale
            po = read_po(po_path)
            header = po.get_header("Plural-Forms") or ""
            assert header == accepted_formulas(locale)[0].header, po_path
            assert header_is_accepted(locale, header)
            assert po.get_header("Last-Translator") == ""
            assert po.get_header("Project-Id-Version") == config.name
    he = read_po(made["gazette"][0] / "locales/he/LC_MESSAGES/messages.po")
    fa = read_po(made["gazette"][0] / "locales/fa/LC_MESSAGES/messages.po")
    assert he.get_header("Plural-Forms") == "nplurals=3; plural=(n==1 ? 0 : n==2 ? 1 : 2);"
    assert fa.get_header("Plural-Forms") == "nplurals=2; plural=(n > 1);"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext not installed")
def test_msgfmt_accepts_every_new_catalog(made: dict[str, tuple[Path, str, float]]) -> None:
    for root, _, _ in made.values():
        for po_path in sorted((root / "locales").glob("*/LC_MESSAGES/*.po")):
            proc = subprocess.run(
                ["msgfmt", "--check", "--check-header", "-o", os.devnull, str(po_path)],
                capture_output=True,
                text=True,
                check=False,
            )
            assert proc.returncode == 0 and not proc.stderr, (po_path, proc.stderr)


def test_the_source_edition_gets_a_theme_catalog_only_when_not_english(
    made: dict[str, tuple[Path, str, float]],
) -> None:
    gazette = made["gazette"][0] / "locales"
    assert (gazette / "fr/LC_MESSAGES/messages.po").is_file()
    assert not (gazette / "fr/LC_MESSAGES/taxonomy.po").exists()
    for code in ("he", "fa"):
        assert (gazette / code / "LC_MESSAGES/taxonomy.po").is_file()
    mayadeen = made["mayadeen"][0] / "locales"
    assert not (mayadeen / "en").exists()


def test_theme_strings_are_pre_translated_where_the_package_has_them(
    made: dict[str, tuple[Path, str, float]],
) -> None:
    root = made["mayadeen"][0]
    for code, word in (("ar", "أخبار ذات صلة"), ("es", "Noticias relacionadas")):
        po = read_po(root / f"locales/{code}/LC_MESSAGES/messages.po")
        entries = [e for e in po.active() if not e.msgid_plural]
        assert all(e.msgstr for e in entries), code
        assert po.find("Related News").msgstr == word
        shares = po.find("%(num)d Share")
        assert all(shares.msgstr_plural.values())
    check = json.loads(i18nnews("check", "--format", "json", cwd=root).stdout)
    left = {(f["path"], f["check_id"]) for f in check["findings"] if f["severity"] != "info"}
    # Only the example's one taxonomy label is left to translate.
    assert left == {
        ("locales/ar/LC_MESSAGES/taxonomy.po", "PO131"),
        ("locales/es/LC_MESSAGES/taxonomy.po", "PO131"),
    }


def test_the_example_story_and_taxonomy_are_in_the_source_language(
    made: dict[str, tuple[Path, str, float]],
) -> None:
    root = made["gazette"][0]
    story = next((root / "content/fr").rglob("*.md")).read_text(encoding="utf-8")
    assert 'title = "Bienvenue dans votre rédaction"' in story
    assert 'editions = ["fr"]' in story
    assert "published = 2026-12-01T08:30:00+00:00" in story
    assert 'label = "Actualités"' in (root / "content/taxonomy.toml").read_text(encoding="utf-8")
    other = next((made["habari"][0] / "content/sw").rglob("*.md")).read_text(encoding="utf-8")
    assert 'title = "Welcome to your newsroom"' in other  # no Swahili text of ours: English


def test_gitignore_keeps_generated_files_out(made: dict[str, tuple[Path, str, float]]) -> None:
    root = made["gazette"][0]
    ignore = (root / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {"*.mo", "locales/**/*.json", "/dist/"} <= set(ignore)
    if shutil.which("git") is None:
        return
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    assert i18nnews("compile", cwd=root).returncode == 0
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert ".mo" not in status and ".json" not in status and "dist/" not in status
    assert LOCK_NAME not in status and "i18nnews.toml" in status


def test_first_green_check_is_quick(made: dict[str, tuple[Path, str, float]]) -> None:
    # From nothing to a green check: `new` and `check`, two processes. A loose
    # bound (the machine is shared); the figure is in the report.
    for _root, _, seconds in made.values():
        assert seconds < 60


def test_timezone_option_and_a_name(tmp_path: Path) -> None:
    proc = i18nnews(
        "new", "lv", "--source", "fa", "--edition", "he", "--timezone", "Asia/Tehran",
        "--name", "روزنامه", cwd=tmp_path,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    config = load_config(tmp_path / "lv/i18nnews.toml")
    assert config.name == "روزنامه"
    assert {e.timezone for e in config.editions.values()} == {"Asia/Tehran"}
    assert config.editions["fa"].digits == "arabext"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--source", "xx"], "--source: CLDR has no locale 'xx'"),
        (["--edition", "fr_BOGUS!"], "--edition: 'fr_BOGUS!' is not a language code"),
        (["--timezone", "Mars/Olympus"], "--timezone: unknown time zone 'Mars/Olympus'"),
        (["--name", " "], "--name: the newsroom needs a name"),
    ],
)
def test_bad_options_are_one_line_and_write_nothing(
    args: list[str], message: str, tmp_path: Path
) -> None:
    proc = i18nnews("new", "n", *args, cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"error: {message}"), proc.stderr
    assert proc.stderr.count("\n") == 1
    assert not (tmp_path / "n").exists()


def test_never_writes_into_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "n").mkdir()
    (tmp_path / "n" / "notes.txt").write_text("mine", encoding="utf-8")
    proc = i18nnews("new", "n", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr == (
        "n: is not empty; `i18nnews new` only writes into a new or empty folder\n"
    )
    assert sorted(p.name for p in (tmp_path / "n").iterdir()) == ["notes.txt"]


def test_the_timezone_is_asked_on_a_terminal(tmp_path: Path) -> None:
    pty = pytest.importorskip("pty")
    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    proc = subprocess.Popen(
        [sys.executable, "-m", "i18n_news", "new", "t", "--source", "es"],
        cwd=tmp_path,
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env={**env, "TZ": "UTC"},
    )
    os.close(follower)
    seen = b""
    deadline = time.monotonic() + 120
    while b"Time zone of the newsroom" not in seen and time.monotonic() < deadline:
        seen += os.read(leader, 1024)
    os.write(leader, b"America/Bogota\n")
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            seen += os.read(leader, 1024)
        except OSError:
            break
    proc.wait(timeout=60)
    os.close(leader)
    assert proc.returncode == 0, seen.decode(errors="replace")
    config = load_config(tmp_path / "t/i18nnews.toml")
    assert config.editions["es"].timezone == "America/Bogota"

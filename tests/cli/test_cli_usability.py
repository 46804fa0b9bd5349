"""Help and messages people can use: plain metavars, whole descriptions, colours, -o, paths.

Everything runs the real program in a subprocess, the way a user's shell
or CI does; colours are judged on a real pseudo-terminal.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import typer.main
from helpers import DATA

from i18n_news.cli.app import COMMANDS, app
from i18n_news.fs import LOCK_NAME
from i18n_news.report.dashboard import collect, render_dashboard
from i18n_news.ui.messages import available, ui_language

NOW = "2025-08-25T18:00:00+03:00"


def run(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    base.pop("NO_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "i18n_news", *args],
        cwd=cwd,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


@pytest.mark.parametrize("name", [None, *COMMANDS])
def test_help_has_plain_metavars(name: str | None) -> None:
    proc = run(*([name] if name else []), "--help")
    assert proc.returncode == 0, proc.stderr
    shown = re.sub(r"<edition>|<key>", "", proc.stdout)  # placeholders of paths in the help texts
    assert not re.search(r"<[a-z][a-z \[\]|]*>", shown), proc.stdout
    usage = proc.stdout.splitlines()[0]
    assert "{" not in usage and "}" not in usage, usage
    for internal in ("list[str]", "int range", "<path>", "<str>"):
        assert internal not in proc.stdout


def test_command_list_gives_whole_descriptions() -> None:
    out = run("--help").stdout
    commands = out.split("Commands:", 1)[1]
    assert "..." not in commands
    group = typer.main.get_command(app)
    for name in COMMANDS:
        first = " ".join(group.commands[name].help.split("\n\n")[0].split())  # type: ignore[attr-defined]
        assert first in " ".join(commands.split()), name


def test_check_output_file_is_confirmed_on_stderr(sample: Path, tmp_path: Path) -> None:
    report = tmp_path / "findings.sarif"
    proc = run("check", "--format", "sarif", "-o", str(report), cwd=sample)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert proc.stderr == f"{report}: sarif report written (0 error(s), 0 warning(s), 11 info(s))\n"
    assert report.read_text(encoding="utf-8").startswith("{")


def _on_a_terminal(args: list[str], cwd: Path, **env: str) -> str:
    """What ``i18nnews`` writes to a real pseudo-terminal."""
    pty = pytest.importorskip("pty")
    leader, follower = pty.openpty()
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "i18n_news", *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
        env={**base, "TERM": "xterm", **env},
    )
    os.close(follower)
    seen = b""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    proc.wait(timeout=60)
    os.close(leader)
    return seen.decode("utf-8", "replace")


def test_check_colours_on_a_terminal_only(sample: Path) -> None:
    bad = sample / "locales/ar/LC_MESSAGES/messages.po"
    bad.write_text(
        bad.read_text(encoding="utf-8").replace("بقلم %(author)s", "بقلم %(autor)s"),
        encoding="utf-8",
    )
    coloured = _on_a_terminal(["check"], sample)
    assert "\x1b[1;31merror  \x1b[0m" in coloured  # the severity, padded, then painted
    assert "\x1b[1mlocales/ar/LC_MESSAGES/messages.po\x1b[0m" in coloured
    plain = _on_a_terminal(["check"], sample, NO_COLOR="1")
    assert "\x1b[" not in plain and "error    PO101" in plain
    piped = run("check", cwd=sample)
    assert "\x1b[" not in piped.stdout and "error    PO101" in piped.stdout
    # Colours change no column: without the escapes, the lines are the same.
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured).replace("\r\n", "\n") == plain.replace(
        "\r\n", "\n"
    )


def test_build_from_a_subfolder_writes_dist_at_the_newsroom_root(sample: Path) -> None:
    proc = run("build", "--lang", "en", "--now", NOW, cwd=sample / "content" / "en")
    assert proc.returncode == 0, proc.stderr
    assert (sample / "dist/en/index.html").is_file()
    assert not (sample / "content/en/dist").exists()
    assert f"-> {(sample / 'dist/en').as_posix()}/" in proc.stdout
    here = run("build", "--lang", "en", "--now", NOW, cwd=sample)
    assert "-> dist/en/" in here.stdout


def test_report_from_a_subfolder_and_in_any_environment_language(sample: Path) -> None:
    for lang in ("fr_FR.UTF-8", "de_DE.UTF-8", "zh_CN.UTF-8"):
        proc = run("report", "--commits", "0", cwd=sample / "locales", LANG=lang)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.startswith(f"{(sample / 'i18nnews-report.html').as_posix()}: written")
        html = (sample / "i18nnews-report.html").read_text(encoding="utf-8")
        assert '<html lang="en" dir="ltr">' in html
    asked = run("report", "--commits", "0", "--ui-lang", "fr", cwd=sample)
    assert asked.returncode == 2
    assert asked.stderr.startswith("error: --ui-lang: no translation for 'fr' (available: en, ")


def test_commands_fall_back_to_english_in_any_environment_language(sample: Path) -> None:
    english = run("stats", "--help").stdout
    for lang in ("fr_FR.UTF-8", "ja_JP.UTF-8", "sw_KE.UTF-8"):
        assert run("stats", "--help", LANG=lang).stdout == english
        proc = run("stats", cwd=sample, LANG=lang)
        assert proc.returncode == 0 and proc.stdout.startswith("edition  domain")
    # GNU gettext's LANGUAGE list: the first language we have a translation for wins.
    assert ui_language({"LANG": "fr_FR.UTF-8", "LANGUAGE": "fr:es:ar"}) == "es"
    assert ui_language({"LANG": "fr_FR.UTF-8"}) == "en"


@pytest.mark.parametrize("lang", available())
def test_dashboard_renders_in_every_language_of_the_toolkit(lang: str, sample: Path) -> None:
    from i18n_news.config import load_config
    from i18n_news.ui.messages import translations

    board = collect(load_config(sample / "pyproject.toml"), commits=0)
    html = render_dashboard(board, lang)
    assert f'<html lang="{lang}"' in html
    tr = translations(lang)
    assert tr.gettext("Translation dashboard") != "Translation dashboard"
    assert tr.gettext("Translation dashboard") in html


def test_no_lock_file_is_left_behind(sample: Path) -> None:
    for args in (["extract"], ["update"], ["init", "ar", "--domain", "taxonomy"], ["compile"]):
        run(*args, cwd=sample)
        assert not (sample / "locales" / LOCK_NAME).exists(), args


def test_messages_name_the_tables_of_the_file_in_use(tmp_path: Path) -> None:
    root = tmp_path / "g"
    shutil.copytree(DATA / "gazette", root)
    config = root / "i18nnews.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^site_url = .*$", "", text), encoding="utf-8")
    proc = run("build", cwd=root / "content")
    assert proc.returncode == 2
    assert proc.stderr == (
        f"{config}: build needs the public URL of the site: set site_url "
        "(or [build] base_url), or pass --base-url\n"
    )

"""Shared helpers of the reliability tests (uniquely named: test folders are not packages)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers import copy_sample  # noqa: F401  (re-exported for the reliability tests)

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable


def cli_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("PYTHONWARNINGS", None)
    return env


def run_cli(cwd: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``i18nnews ARGS`` in a fresh process, as a user runs it."""
    return subprocess.run(
        [PYTHON, "-m", "i18n_news", *args],
        check=False,
        cwd=cwd,
        env=cli_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def start_cli(cwd: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [PYTHON, "-m", "i18n_news", *args],
        cwd=cwd,
        env=cli_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def snapshot(root: Path) -> dict[str, bytes]:
    """``{relative path: bytes}`` of every regular file under ``root``."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


PLURAL_AR = (
    "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
    ": n%100>=11 ? 4 : 5);"
)


def big_newsroom(root: Path, entries: int = 6000, domains: int = 4) -> Path:
    """A UI-only newsroom (en source, ar translation) with large catalogs whose templates changed.

    Every reference of the templates moved and some messages are new, so ``update``
    rewrites every catalog: slow enough to be interrupted mid-way.
    """
    root.mkdir(parents=True)
    (root / "i18nnews.toml").write_text(
        'source_edition = "en"\n\n[editions.en]\nlocale = "en"\n\n'
        '[editions.ar]\nlocale = "ar"\ndirection = "rtl"\n',
        encoding="utf-8",
    )
    header = (
        'msgid ""\nmsgstr ""\n"Project-Id-Version: big\\n"\n'
        '"POT-Creation-Date: 2025-01-01 00:00+0000\\n"\n"MIME-Version: 1.0\\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
    )
    names = ["messages", "taxonomy"] + [f"articles/story-{i}" for i in range(domains - 2)]
    for name in names:
        pot = [header + "\n"]
        po = [header + '"Language: ar\\n"\n' + f'"Plural-Forms: {PLURAL_AR}\\n"\n\n']
        for i in range(entries):
            pot.append(f'#: t.html:{i + 1}\nmsgid "Message number {i} of {name}"\nmsgstr ""\n\n')
            if i % 50 == 0:
                pot.append(f'#: new.html:{i}\nmsgid "New message {i} of {name}"\nmsgstr ""\n\n')
            po.append(
                f"# translator note {i}\n#: t.html:{i}\n"
                f'msgid "Message number {i} of {name}"\nmsgstr "رسالة رقم {i}"\n\n'
            )
        pot_path = root / "locales" / f"{name}.pot"
        po_path = root / "locales" / "ar" / "LC_MESSAGES" / f"{name}.po"
        pot_path.parent.mkdir(parents=True, exist_ok=True)
        po_path.parent.mkdir(parents=True, exist_ok=True)
        pot_path.write_text("".join(pot), encoding="utf-8")
        po_path.write_text("".join(po), encoding="utf-8")
    return root

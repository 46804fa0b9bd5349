"""A private copy of the repository's sample newsroom, for tests that change it.

One module for every test folder (``tests/`` is on ``sys.path`` through its
``conftest.py``; test folders are not packages).
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def copy_sample(dest: Path) -> Path:
    """Config, content and locales, without compiled catalogs or a stale lock."""
    dest.mkdir(parents=True)
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    for name in ("content", "locales"):
        shutil.copytree(
            ROOT / name,
            dest / name,
            ignore=shutil.ignore_patterns("*.mo", "*.json", ".i18nnews.lock"),
        )
    return dest

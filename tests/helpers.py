"""Helpers shared by every test folder: where things are, a private sample, golden files.

``tests/`` is on ``sys.path`` through its ``conftest.py`` (test folders are
not packages), so any test imports these with ``from helpers import …``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


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


def assert_golden(actual: str, path: Path, update: bool) -> None:
    """Compare with a golden file; ``pytest --update-golden`` rewrites it."""
    if update or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if not update:
            pytest.fail(f"golden file {path} was missing and has been written; check it in")
    assert actual == path.read_text(encoding="utf-8")

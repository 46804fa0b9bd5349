"""Shared helpers of the build tests (a uniquely named module: test folders are not packages)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from i18n_news.build import BuildReport
from i18n_news.config import Config

ROOT = Path(__file__).resolve().parents[2]
#: A fixed clock: the newest sample story is 2025-08-25T14:20+03:00.
NOW = datetime.fromisoformat("2025-08-25T18:00:00+03:00")
SEED_KEY = "2024-12-12-russia-syria-bases"
SEED_PATH = "politics/russia-syria-bases/index.html"


def copy_sample(dest: Path) -> Path:
    """A copy of the repository's sample newsroom (config, content, locales)."""
    dest.mkdir(parents=True)
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    for name in ("content", "locales"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("*.mo", "*.json"))
    return dest


@dataclass
class Built:
    root: Path
    out: Path
    config: Config
    report: BuildReport

    def page(self, edition: str, rel: str) -> Path:
        return self.out / edition / rel

    def html_files(self) -> list[Path]:
        return sorted(self.out.rglob("*.html"))

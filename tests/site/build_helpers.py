"""Shared helpers of the build tests (a uniquely named module: test folders are not packages)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from helpers import copy_sample  # noqa: F401  (re-exported for the build tests)

from i18n_news.config import Config
from i18n_news.site.build import BuildReport

ROOT = Path(__file__).resolve().parents[2]
#: A fixed clock: the newest sample story is 2025-08-25T14:20+03:00.
NOW = datetime.fromisoformat("2025-08-25T18:00:00+03:00")
SEED_KEY = "2024-12-12-russia-syria-bases"
SEED_PATH = "politics/russia-syria-bases/index.html"


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

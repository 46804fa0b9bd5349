"""Fixtures for the build tests: the sample newsroom built once per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from build_helpers import NOW, Built, copy_sample

from i18n_news.config import load_config
from i18n_news.site.build import build_site


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """The sample built into a temporary folder with a fixed clock (read-only: do not modify)."""
    root = copy_sample(tmp_path_factory.mktemp("built") / "newsroom")
    config = load_config(root / "pyproject.toml")
    out = root / "dist"
    report = build_site(config, out=out, now=NOW)
    yield Built(root, out, config, report)


@pytest.fixture
def fresh(tmp_path: Path) -> Built:
    """A private copy of the sample, built once, for tests that change inputs and rebuild."""
    root = copy_sample(tmp_path / "newsroom")
    config = load_config(root / "pyproject.toml")
    out = root / "dist"
    report = build_site(config, out=out, now=NOW)
    return Built(root, out, config, report)

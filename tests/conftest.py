from __future__ import annotations

from pathlib import Path

import pytest
from helpers import copy_sample


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="Rewrite golden files from current output."
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A copy of the repository's sample newsroom (config, content, locales) to modify freely."""
    return copy_sample(tmp_path / "newsroom")

from __future__ import annotations

from pathlib import Path

import pytest
from sample_newsroom import copy_sample

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


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


def assert_golden(actual: str, path: Path, update: bool) -> None:
    """Compare with a golden file; ``pytest --update-golden`` rewrites it."""
    if update or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if not update:
            pytest.fail(f"golden file {path} was missing and has been written; check it in")
    assert actual == path.read_text(encoding="utf-8")

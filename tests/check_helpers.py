"""Helpers shared by the ``check`` tests: ``i18nnews check`` through the real app."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner, Result

from i18n_news.cli.app import app

runner = CliRunner()

NOW = "2025-09-01T00:00:00+00:00"


def check(root: Path, *args: str, now: str | None = NOW) -> Result:
    """``i18nnews --config ROOT/pyproject.toml check ARGS`` (with a fixed clock)."""
    extra = ["--now", now] if now else []
    return runner.invoke(app, ["--config", str(root / "pyproject.toml"), "check", *extra, *args])


def set_check_config(root: Path, toml: str) -> None:
    """Append ``[tool.i18nnews.check…]`` tables to the newsroom's pyproject.toml."""
    path = root / "pyproject.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + toml, encoding="utf-8")


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")

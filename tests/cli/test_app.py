"""The ``i18nnews`` app: global options anywhere, one error path, lazy commands, clean layering."""

from __future__ import annotations

import ast
import json
import socket
from pathlib import Path

import pytest
import typer.main
from helpers import ROOT
from typer.testing import CliRunner

from i18n_news.cli.app import COMMANDS, app

runner = CliRunner()
PACKAGE = ROOT / "i18n_news"
NOW = "2025-08-25T18:00:00+03:00"

#: The arguments each command needs before it reads the configuration.
REQUIRED = {
    "init": ["ar"],
    "stamp": ["content/ar/politics/russia-syria-bases.md"],
    "import": ["saved.html", "--edition", "es"],
    "serve": ["--port", "0"],
    "report": ["--commits", "0"],
}


#: Commands that read a configuration (``new`` writes one).
READS_CONFIG = [name for name in COMMANDS if name != "new"]


def test_every_command_is_listed_and_built() -> None:
    group = typer.main.get_command(app)
    assert list(group.commands) == list(COMMANDS)  # type: ignore[attr-defined]
    for name in COMMANDS:
        assert group.commands[name].name == name  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_lists_the_global_options(name: str) -> None:
    result = runner.invoke(app, [name, "--help"])
    assert result.exit_code == 0, result.output
    for option in ("-c, --config", "-q, --quiet", "-v, --verbose", "--debug"):
        assert option in result.stdout, (name, option)


@pytest.mark.parametrize("name", READS_CONFIG)
@pytest.mark.parametrize("where", ["before", "after"])
def test_config_before_or_after_the_command_name(name: str, where: str, tmp_path: Path) -> None:
    """Every command reads ``--config`` from either place, and fails on it the one way."""
    missing = tmp_path / "missing.toml"
    config = ["--config", str(missing)]
    args = [name, *REQUIRED.get(name, [])]
    result = runner.invoke(app, [*config, *args] if where == "before" else [*args, *config])
    assert result.exit_code == 2, result.output
    assert result.stderr == f"{missing}: file not found\n"
    assert result.stdout == ""


@pytest.mark.parametrize("name", READS_CONFIG)
def test_debug_after_the_command_name_shows_the_traceback(name: str, tmp_path: Path) -> None:
    missing = tmp_path / "missing.toml"
    args = [name, *REQUIRED.get(name, []), "-c", str(missing), "--debug"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.startswith("Traceback (most recent call last):")
    assert result.stderr.endswith(f"\n{missing}: file not found\n")


def test_new_reads_no_configuration(tmp_path: Path) -> None:
    given = tmp_path / "i18nnews.toml"
    for args in (["--config", str(given), "new", "x"], ["new", "x", "-c", str(given)]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, result.output
        assert result.stderr == (
            f"{given}: --config: `i18nnews new` reads no configuration; it writes "
            "DIR/i18nnews.toml\n"
        )
    assert not (tmp_path / "x").exists()


def test_the_later_config_wins(sample: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.toml"
    config = str(sample / "pyproject.toml")
    result = runner.invoke(app, ["--config", str(missing), "stats", "--config", config])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["--config", config, "stats", "--config", str(missing)])
    assert result.exit_code == 2


@pytest.mark.parametrize(
    "args",
    [
        ["-q", "build", "-l", "en", "--now", NOW],
        ["build", "-q", "-l", "en", "--now", NOW],
        ["build", "-l", "en", "--now", NOW, "--quiet"],
        ["-v", "build", "-l", "en", "--now", NOW, "-q"],  # quiet wins, wherever it is
    ],
)
def test_quiet_before_or_after_the_command_name(args: list[str], sample: Path) -> None:
    out = ["-o", str(sample / "dist")] if "build" in args else []
    result = runner.invoke(app, ["-c", str(sample / "pyproject.toml"), *args, *out])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert (sample / "dist/en/index.html").is_file()


@pytest.mark.parametrize("args", [["-v", "extract"], ["extract", "-v"], ["extract", "--verbose"]])
def test_verbose_before_or_after_the_command_name(args: list[str], sample: Path) -> None:
    quiet = runner.invoke(app, ["-c", str(sample / "pyproject.toml"), "extract"])
    assert quiet.exit_code == 0 and "unchanged" not in quiet.stdout
    result = runner.invoke(app, ["-c", str(sample / "pyproject.toml"), *args])
    assert result.exit_code == 0, result.output
    assert "locales/messages.pot: unchanged" in result.stdout.splitlines()


def test_check_takes_config_after_its_name(sample: Path) -> None:
    result = runner.invoke(
        app, ["check", "--format", "json", "--config", str(sample / "pyproject.toml")]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["summary"]["error"] == 0


def test_a_port_in_use_is_one_line_and_exit_2(sample: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(
            app, ["serve", "-c", str(sample / "pyproject.toml"), "--port", str(port)]
        )
    assert result.exit_code == 2, result.output
    assert result.stderr == f"error: cannot serve on 127.0.0.1:{port}: Address already in use\n"


# --------------------------------------------------------------------------
# Layering: nothing imports the CLI; command modules never import the app.
# --------------------------------------------------------------------------


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _modules(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


@pytest.mark.parametrize(
    "path",
    [p for p in _modules(PACKAGE) if "cli" not in p.relative_to(PACKAGE).parts[:1]],
    ids=lambda p: p.relative_to(PACKAGE).as_posix(),
)
def test_nothing_outside_the_cli_imports_it(path: Path) -> None:
    if path.name == "__main__.py":
        return  # the ``python -m i18n_news`` entry point
    assert not {m for m in _imports(path) if m.startswith("i18n_news.cli")}


@pytest.mark.parametrize(
    "path",
    [p for p in _modules(PACKAGE / "cli") if p.name != "app.py"],
    ids=lambda p: p.name,
)
def test_command_modules_never_import_the_app(path: Path) -> None:
    assert not {m for m in _imports(path) if m.startswith("i18n_news.cli.app")}


@pytest.mark.parametrize("path", _modules(PACKAGE), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_private_typer_or_click_internals(path: Path) -> None:
    private = {
        m
        for m in _imports(path)
        if m.split(".")[0] in ("typer", "click") and any(p.startswith("_") for p in m.split("."))
    }
    assert not private
    text = path.read_text(encoding="utf-8")
    assert "typer.core._" not in text and "_TyperParameter" not in text

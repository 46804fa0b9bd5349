"""The ``build`` command: options, output, exit codes."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from build_helpers import copy_sample
from typer.testing import CliRunner

from i18n_news.cli.app import app
from i18n_news.cli.options import parse_now
from i18n_news.cli.site import progress_enabled
from i18n_news.errors import I18nNewsError

runner = CliRunner()


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = copy_sample(tmp_path / "newsroom")
    monkeypatch.chdir(root)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return root


def test_help_lists_the_options() -> None:
    result = runner.invoke(app, ["build", "--help"])
    assert result.exit_code == 0
    for option in ("--lang", "-l", "--out", "-o", "--jobs", "-j", "--base-url", "--now", "--force"):
        assert option in result.output
    assert "Example:" in result.output


def test_build_one_edition_and_rebuild(newsroom: Path) -> None:
    result = runner.invoke(app, ["build", "--lang", "ar", "--now", "2025-08-25T18:00:00+03:00"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    first = re.fullmatch(r"ar: (\d+) pages, (\d+) files written, 0 unchanged -> dist/ar/", lines[0])
    assert first, lines[0]
    pages, files = int(first.group(1)), int(first.group(2))
    assert files > pages > 50
    assert re.fullmatch(
        rf"{files} written, 0 unchanged, 0 removed \({pages} pages rendered\) in \d+\.\d s",
        lines[-1],
    )
    assert (newsroom / "dist/ar/index.html").is_file()
    assert not (newsroom / "dist/en").exists()
    again = runner.invoke(app, ["build", "-l", "ar", "--now", "2025-08-25T18:00:00+03:00"])
    assert again.exit_code == 0
    assert again.output.splitlines()[-1].startswith(
        f"0 written, {files} unchanged, 0 removed (0 pages rendered)"
    )


def test_default_now_is_the_newest_story(newsroom: Path) -> None:
    result = runner.invoke(app, ["build", "-l", "en", "-o", "site"])
    assert result.exit_code == 0, result.output
    html = (newsroom / "site/en/index.html").read_text(encoding="utf-8")
    assert "1 minute ago" in html  # the newest story, relative to itself


def test_base_url_option(newsroom: Path) -> None:
    result = runner.invoke(app, ["build", "-l", "es", "--base-url", "http://127.0.0.1:8000/"])
    assert result.exit_code == 0, result.output
    html = (newsroom / "dist/es/index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="http://127.0.0.1:8000/es/">' in html
    result = runner.invoke(
        app, ["build", "-l", "es", "--base-url", "https://{edition}.example.net"]
    )
    html = (newsroom / "dist/es/index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://es.example.net/">' in html
    assert 'href="https://en.example.net/"' in html  # another host: absolute switcher link


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lang", "fr"], "unknown edition 'fr'"),
        (["--now", "yesterday"], "--now: not an ISO-8601 instant"),
        (["--now", "2025-08-25T18:00:00"], "has no UTC offset"),
        (["--base-url", "ftp://x"], "--base-url: not an http(s) URL"),
    ],
)
def test_errors_exit_2_with_one_line(newsroom: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["build", *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_bad_image_is_an_input_error_with_its_line(newsroom: Path) -> None:
    story = newsroom / "content/es/politics/russia-syria-bases.md"
    text = story.read_text(encoding="utf-8").replace("img/tartus-naval-base.svg", "img/missing.svg")
    story.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["build", "-l", "es"])
    assert result.exit_code == 2
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("image = "))
    assert result.output.strip() == (
        f"content/es/politics/russia-syria-bases.md:{line}: "
        "image not found: content/img/missing.svg"
    )


def test_build_config_is_validated(newsroom: Path) -> None:
    pyproject = newsroom / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text(encoding="utf-8") + "\n[tool.i18nnews.build]\nper_page = 0\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["build"])
    assert result.exit_code == 2
    assert "build.per_page must be a positive integer" in result.output
    assert result.output.startswith(f"{pyproject}:")


def test_progress_only_on_a_terminal() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert progress_enabled(Tty(), {})
    assert not progress_enabled(Tty(), {"CI": "true"})
    assert not progress_enabled(Tty(), {"TERM": "dumb"})
    assert not progress_enabled(io.StringIO(), {})


def test_parse_now() -> None:
    assert parse_now("2025-08-25T15:00:00Z").isoformat() == "2025-08-25T15:00:00+00:00"
    assert parse_now(None) is None
    with pytest.raises(I18nNewsError):
        parse_now("2025-08-25")

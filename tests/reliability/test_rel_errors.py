"""Every bad input of every command: one line ``path:line: message``, exit 2, no traceback.

``check`` is the exception for catalogs and content it cannot parse: they are
error findings (exit 1) among the others.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from rel_helpers import ROOT, copy_sample, run_cli

AR_PO = "locales/ar/LC_MESSAGES/messages.po"
ES_TAX = "locales/es/LC_MESSAGES/taxonomy.po"
STORY = "content/ar/politics/russia-syria-bases.md"
EN_STORY = "content/en/politics/russia-syria-bases.md"


def append(rel: str, data: bytes) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        with open(root / rel, "ab") as handle:
            handle.write(data)

    return setup


def replace(rel: str, old: bytes, new: bytes) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        data = (root / rel).read_bytes()
        assert old in data, (rel, old)
        (root / rel).write_bytes(data.replace(old, new, 1))

    return setup


def folder_instead(rel: str) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        (root / rel).unlink()
        (root / rel).mkdir()

    return setup


def write(rel: str, data: bytes) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)

    return setup


def nothing(root: Path) -> None:
    pass


UNTERMINATED = append(AR_PO, b'\nmsgid "x"\nmsgstr "never closed\n')
BAD_ESCAPE = append(AR_PO, b'\nmsgid "a\\qb"\nmsgstr "x"\n')
NO_MSGSTR = append(AR_PO, b'\nmsgid "lonely"\n')
DUPLICATE = append(AR_PO, b'\nmsgid "Related News"\nmsgstr "again"\n')
BAD_UTF8 = append(AR_PO, b'\nmsgid "x"\nmsgstr "\xff\xfe"\n')
WRONG_CHARSET = replace(AR_PO, b"charset=UTF-8", b"charset=ISO-8859-1")
UNKNOWN_CHARSET = replace(AR_PO, b"charset=UTF-8", b"charset=NO-SUCH-SET")
BAD_FRONT_MATTER = replace(STORY, b"\ntitle = ", b"\ntitle = [")
UNCLOSED_FRONT_MATTER = write("content/en/politics/broken.md", b'+++\ntitle = "x"\n')
BAD_YAML = write("content/en/politics/broken.md", b"---\ntitle: [unclosed\n---\nbody\n")
UNKNOWN_KEY = replace("pyproject.toml", b'grace = "6h"', b'grace = "6h"\nbogus = 1')
BAD_TOML = append("pyproject.toml", b"\n[tool.i18nnews\n")
BAD_GRACE = replace("pyproject.toml", b'grace = "6h"', b'grace = "soon"')
BAD_TAXONOMY = append("content/taxonomy.toml", b"\n[sections.\n")
HUGE_CONFIG = append("pyproject.toml", b"\n" + b"# padding\n" * 120_000)

# (id, command line, setup, expected start of the one stderr line; {root} = the newsroom)
CASES: list[tuple[str, list[str], Callable[[Path], None], str]] = [
    (
        "update-unterminated",
        ["update"],
        UNTERMINATED,
        "{root}/" + AR_PO + ":{msgstr}: unterminated",
    ),
    (
        "compile-unterminated",
        ["compile"],
        UNTERMINATED,
        "{root}/" + AR_PO + ":{msgstr}: unterminated",
    ),
    ("stats-unterminated", ["stats"], UNTERMINATED, "{root}/" + AR_PO + ":{msgstr}: unterminated"),
    ("build-unterminated", ["build"], UNTERMINATED, "{root}/" + AR_PO + ":{msgstr}: unterminated"),
    ("update-bad-escape", ["update"], BAD_ESCAPE, "{root}/" + AR_PO + ":{msgid}: invalid escape"),
    (
        "update-no-msgstr",
        ["update"],
        NO_MSGSTR,
        "{root}/" + AR_PO + ":{msgid}: msgid without msgstr",
    ),
    ("compile-duplicate", ["compile"], DUPLICATE, "{root}/" + AR_PO + ":{msgid}: duplicate entry"),
    ("update-bad-utf8", ["update"], BAD_UTF8, "{root}/" + AR_PO + ":{msgstr}: invalid utf-8"),
    ("compile-wrong-charset", ["compile"], WRONG_CHARSET, "{root}/" + AR_PO + ":"),
    ("stats-unknown-charset", ["stats"], UNKNOWN_CHARSET, "{root}/" + AR_PO + ":"),
    ("update-catalog-is-folder", ["update"], folder_instead(AR_PO), "{root}/" + AR_PO + ": is a"),
    ("compile-catalog-is-folder", ["compile"], folder_instead(ES_TAX), "{root}/" + ES_TAX + ": is"),
    ("build-catalog-is-folder", ["build"], folder_instead(AR_PO), "{root}/" + AR_PO + ": is a"),
    ("articles-bad-front-matter", ["articles"], BAD_FRONT_MATTER, STORY + ":4: invalid TOML"),
    ("build-bad-front-matter", ["build"], BAD_FRONT_MATTER, STORY + ":4: invalid TOML"),
    ("stamp-bad-front-matter", ["stamp", STORY], BAD_FRONT_MATTER, STORY + ":4: invalid TOML"),
    ("extract-unclosed", ["extract"], UNCLOSED_FRONT_MATTER, "content/en/politics/broken.md:1: "),
    ("articles-bad-yaml", ["articles"], BAD_YAML, "content/en/politics/broken.md:"),
    ("stamp-folder", ["stamp", "content/ar/politics"], nothing, "{root}/content/ar/politics: "),
    ("stamp-missing", ["stamp", "content/ar/nope.md"], nothing, "{root}/content/ar/nope.md: "),
    ("articles-missing-path", ["articles", "content/nope"], nothing, "content/nope: no such file"),
    ("update-unknown-key", ["update"], UNKNOWN_KEY, "{root}/pyproject.toml:{bogus}: unknown key"),
    ("check-unknown-key", ["check"], UNKNOWN_KEY, "{root}/pyproject.toml:{bogus}: unknown key"),
    ("stats-bad-toml", ["stats"], BAD_TOML, "{root}/pyproject.toml:"),
    ("build-bad-grace", ["build"], BAD_GRACE, "{root}/pyproject.toml:{grace}: "),
    ("huge-config", ["stats"], HUGE_CONFIG, "{root}/pyproject.toml: refused: "),
    ("missing-config", ["--config", "nope.toml", "stats"], nothing, "nope.toml: file not found"),
    ("build-bad-taxonomy", ["build"], BAD_TAXONOMY, "{root}/content/taxonomy.toml:"),
    ("import-missing", ["import", "nope.html", "--edition", "es"], nothing, "nope.html: file not"),
    ("import-folder", ["import", "content", "--edition", "es"], nothing, "content: is a directory"),
    ("init-unknown-edition", ["init", "fr"], nothing, "{root}/pyproject.toml:"),
    ("check-baseline-missing", ["check", "--baseline", "b.json"], nothing, "b.json: baseline file"),
    ("check-baseline-folder", ["check", "--baseline", "content"], nothing, "content: is a direc"),
    ("check-output-folder", ["check", "-o", "content"], nothing, "content: is a directory"),
    (
        "build-out-is-a-file",
        ["build", "--out", "pyproject.toml"],
        nothing,
        "pyproject.toml/en: cannot create folder",
    ),
]


@pytest.mark.parametrize(
    ("args", "setup", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_input_gives_one_line_and_exit_2(
    tmp_path: Path, args: list[str], setup: Callable[[Path], None], expected: str
) -> None:
    root = copy_sample(tmp_path / "newsroom")
    setup(root)
    result = run_cli(root, *args)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines_before = (ROOT / AR_PO).read_bytes().count(b"\n")
    grace = next(
        n
        for n, line in enumerate((ROOT / "pyproject.toml").read_text().splitlines(), 1)
        if line.startswith("grace = ")
    )
    prefix = expected.format(
        root=root, msgid=lines_before + 2, msgstr=lines_before + 3, grace=grace, bogus=grace + 1
    )
    assert lines[0].startswith(prefix), f"{lines[0]!r} does not start with {prefix!r}"


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "newsroom")
    UNTERMINATED(root)
    result = run_cli(root, "--debug", "update")
    assert result.returncode == 2
    assert "Traceback (most recent call last)" in result.stderr
    assert result.stderr.strip().splitlines()[-1].endswith(": unterminated string")


@pytest.mark.parametrize(
    ("setup", "check_id", "where"),
    [
        (UNTERMINATED, "PO100", AR_PO),
        (BAD_UTF8, "PO100", AR_PO),
        (WRONG_CHARSET, "PO100", AR_PO),
        (BAD_FRONT_MATTER, "PAR200", STORY),
        (UNCLOSED_FRONT_MATTER, "PAR200", "content/en/politics/broken.md"),
    ],
    ids=["unterminated", "bad-utf8", "wrong-charset", "bad-front-matter", "unclosed-front-matter"],
)
def test_check_reports_unparseable_inputs_as_findings(
    tmp_path: Path, setup: Callable[[Path], None], check_id: str, where: str
) -> None:
    root = copy_sample(tmp_path / "newsroom")
    setup(root)
    result = run_cli(root, "check", "--format", "github")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert f"file={where},line=" in result.stdout
    assert f"({check_id})::" in result.stdout


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads folders whatever their permission bits")
def test_unreadable_folder(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "newsroom")
    folder = root / "locales/ar/LC_MESSAGES"
    folder.chmod(0)
    try:
        result = run_cli(root, "stats")
    finally:
        folder.chmod(0o755)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "permission denied" in result.stderr.lower()


def test_a_file_where_a_folder_is_expected(tmp_path: Path) -> None:
    """What an unreadable folder looks like to root: the folder cannot be listed."""
    root = copy_sample(tmp_path / "newsroom")
    (root / "locales/articles").rename(root / "locales/articles.bak")
    (root / "locales/articles").write_bytes(b"not a folder")
    for args in (["update"], ["stats"], ["build"]):
        result = run_cli(root, *args)
        assert "Traceback" not in result.stderr, (args, result.stderr)
        assert result.returncode in (0, 2), (args, result.stderr)
        if result.returncode == 2:
            assert len(result.stderr.strip().splitlines()) == 1

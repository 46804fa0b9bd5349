"""The ``check`` command: exit codes, options, configuration, baseline, pre-commit mode, jobs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from check_helpers import app, check, edit, runner
from helpers import DATA, ROOT

from i18n_news.checks.registry import load_all

NEWSROOM = DATA / "checks" / "newsroom"


@pytest.fixture
def golden(tmp_path: Path) -> Path:
    """A copy of the golden newsroom (one defect of each family) to modify."""
    dest = tmp_path / "golden"
    shutil.copytree(NEWSROOM, dest)
    (dest / "pyproject.toml").write_text(
        "[tool.i18nnews]\n" + _as_tool_table((dest / "i18nnews.toml").read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    (dest / "i18nnews.toml").unlink()
    return dest


def _as_tool_table(toml: str) -> str:
    """The golden newsroom's i18nnews.toml as [tool.i18nnews] tables of a pyproject.toml."""
    out = []
    for line in toml.splitlines():
        table = line.startswith("[") and not line.startswith("[[")
        out.append("[tool.i18nnews." + line[1:] if table else line)
    return "\n".join(out) + "\n"


def ids(result_stdout: str) -> list[tuple[str, str, int]]:
    return [(f["check_id"], f["path"], f["line"]) for f in json.loads(result_stdout)["findings"]]


# --------------------------------------------------------------------------
# Exit codes and the simple options
# --------------------------------------------------------------------------


def test_exit_codes(golden: Path) -> None:
    assert check(golden).exit_code == 1  # errors
    assert check(golden, "--ignore", "PO101,PAR201").exit_code == 0  # warnings only
    assert check(golden, "--ignore", "PO101,PAR201", "--fail-on", "warning").exit_code == 1
    assert check(golden, "--select", "PO132").exit_code == 0
    assert check(golden, "--select", "PO132", "--fail-on", "info").exit_code == 1
    assert check(golden, "--select", "PO140", "--fail-on", "info").exit_code == 0


def test_usage_and_config_errors_exit_2(golden: Path) -> None:
    result = check(golden, "--lang", "fr")
    assert result.exit_code == 2
    assert result.stderr == "error: --lang: unknown edition 'fr' (configured: en, ar, es)\n"
    assert check(golden, "--select", "XX9").exit_code == 2
    assert check(golden, "--baseline", str(golden / "missing.json")).exit_code == 2
    assert check(golden, str(golden / "nope.po")).exit_code == 2
    assert check(golden, "--now", "yesterday").exit_code == 2
    assert check(golden, "--format", "xml").exit_code == 2


@pytest.mark.parametrize(
    ("toml", "line", "message"),
    [
        ("[tool.i18nnews.check]\nfoo = 1\n", 2, "unknown key 'tool.i18nnews.check.foo'"),
        ('[tool.i18nnews.check]\nselect = ["PX"]\n', 2,
         "tool.i18nnews.check.select: 'PX' matches no check ID"),
        ('[tool.i18nnews.check]\nseverity = { PO132 = "loud" }\n', 2,
         "tool.i18nnews.check.severity.PO132: 'loud' is not one of error, warning, info, ignore"),
        ('[tool.i18nnews.check]\nfuzzy = "lots"\n', 2,
         "tool.i18nnews.check.fuzzy: 'lots' is not a threshold"),
        ("[tool.i18nnews.check.editions.fr]\nfuzzy = 1\n", 1,
         "tool.i18nnews.check.editions.fr: 'fr' is not a configured edition"),
        ('[tool.i18nnews.check.paths."locales/**"]\nuntranslated = -1\n', 2,
         "tool.i18nnews.check.paths.locales/**.untranslated: -1 is not a threshold"),
    ],
)  # fmt: skip
def test_check_config_is_validated_with_lines(
    golden: Path, toml: str, line: int, message: str
) -> None:
    pyproject = golden / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8").replace(
        "[tool.i18nnews.check]\n", "[tool.i18nnews.x]\n"
    )
    text = text.replace('theme = ["theme/*.css"]\n', "").replace("[tool.i18nnews.x]\n", "")
    text = text.replace("[tool.i18nnews.check.editions.es]\nuntranslated = 1\n", "")
    base = text.count("\n") + 1
    pyproject.write_text(text + "\n" + toml, encoding="utf-8")
    result = check(golden)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"{pyproject}:{base + line}: {message}"), result.stderr


def test_list_and_explain() -> None:
    result = runner.invoke(app, ["check", "--list"])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == len(load_all())
    assert result.stdout.splitlines()[0].startswith("PAR200  content-invalid")
    explained = runner.invoke(app, ["check", "--explain", "PO101"])
    assert explained.exit_code == 0
    assert explained.stdout.startswith("PO101 placeholder-mismatch\nDefault severity: error")
    for section in ("## What it does", "## Why is this bad?", "## Example"):
        assert section in explained.stdout
    by_name = runner.invoke(app, ["check", "--explain", "placeholder-mismatch"])
    assert by_name.stdout == explained.stdout
    unknown = runner.invoke(app, ["check", "--explain", "PO999"])
    assert unknown.exit_code == 2 and "unknown check 'PO999'" in unknown.stderr


def test_output_file(golden: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = check(golden, "--format", "json", "--output", str(out))
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["error"] == 2
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_lang_filter(golden: Path) -> None:
    found = ids(check(golden, "--format", "json", "--lang", "es").stdout)
    assert {p for _, p, _ in found} == {
        "content/en/politics/bases.md",  # es is the missing edition
        "locales/es/LC_MESSAGES/messages.po",
        "theme/site.css",  # the theme serves every edition
    }


# --------------------------------------------------------------------------
# Configuration and inline suppression
# --------------------------------------------------------------------------


def test_severity_per_edition_and_path(golden: Path) -> None:
    pyproject = golden / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    text = text.replace(
        "[tool.i18nnews.check.editions.es]\n",
        '[tool.i18nnews.check.editions.es]\nseverity = { PO152 = "error" }\n',
    )
    text += (
        '\n[tool.i18nnews.check.paths."locales/ar/LC_MESSAGES/messages.po"]\n'
        'severity = { PO1 = "info" }\nignore = ["PO151"]\n'
    )
    pyproject.write_text(text, encoding="utf-8")
    data = json.loads(check(golden, "--format", "json").stdout)["findings"]
    got = {(f["check_id"], f["severity"]) for f in data if f["path"].startswith("locales/")}
    assert ("PO152", "error") in got
    assert ("PO101", "info") in got and ("PO150", "info") in got
    assert not any(c == "PO151" for c, _ in got)


def test_thresholds_per_edition(golden: Path) -> None:
    edit(golden / "pyproject.toml", "untranslated = 1", "untranslated = 0")
    found = ids(check(golden, "--format", "json", "--select", "PO131").stdout)
    assert ("PO131", "locales/es/LC_MESSAGES/messages.po", 1) in found


def test_inline_suppression(golden: Path) -> None:
    edit(
        golden / "locales/ar/LC_MESSAGES/messages.po",
        'msgid "Latest stories (Atom feed)"',
        "# The feed format is named in English on purpose.\n# i18nnews: ignore=PO150\n"
        'msgid "Latest stories (Atom feed)"',
    )
    data = json.loads(check(golden, "--format", "json").stdout)
    assert not any(f["check_id"] == "PO150" for f in data["findings"])
    assert data["summary"]["suppressed"] == 1


# --------------------------------------------------------------------------
# Baseline
# --------------------------------------------------------------------------


def test_baseline_round_trip(golden: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    written = check(golden, "--write-baseline", str(baseline))
    assert written.exit_code == 0
    assert json.loads(baseline.read_text(encoding="utf-8"))["findings"][0].keys() == {
        "fingerprint", "check_id", "path", "message",
    }  # fmt: skip
    clean = check(golden, "--baseline", str(baseline), "--format", "json")
    assert clean.exit_code == 0
    assert json.loads(clean.stdout)["summary"]["baselined"] == 11
    # Lines move: the known findings stay known.
    catalog = golden / "locales/ar/LC_MESSAGES/messages.po"
    edit(
        catalog,
        '\n#, python-format\nmsgid "By',
        '\nmsgid "Home"\nmsgstr "الرئيسية"\n\n#, python-format\nmsgid "By',
    )
    edit(
        golden / "locales/messages.pot",
        '\n#, python-format\nmsgid "By',
        '\nmsgid "Home"\nmsgstr ""\n\n#, python-format\nmsgid "By',
    )
    edit(
        golden / "locales/es/LC_MESSAGES/messages.po",
        '\n#, python-format\nmsgid "By',
        '\nmsgid "Home"\nmsgstr "Inicio"\n\n#, python-format\nmsgid "By',
    )
    assert check(golden, "--baseline", str(baseline)).exit_code == 0
    # A new problem is reported, alone.
    edit(catalog, 'msgstr "الرئيسية"', 'msgstr "الرئيسية %(x)s"')
    edit(golden / "locales/messages.pot", 'msgid "Home"', '#, python-format\nmsgid "Home"')
    new = check(golden, "--baseline", str(baseline), "--format", "json")
    assert new.exit_code == 1
    assert ids(new.stdout) == [("PO101", "locales/ar/LC_MESSAGES/messages.po", 13)]


def test_bad_baseline_file(golden: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    result = check(golden, "--baseline", str(bad))
    assert result.exit_code == 2 and result.stderr.startswith(f"{bad}:1: not a baseline")


# --------------------------------------------------------------------------
# Pre-commit: paths
# --------------------------------------------------------------------------


def test_paths_limit_findings_to_those_files(golden: Path) -> None:
    catalog = golden / "locales/ar/LC_MESSAGES/messages.po"
    found = ids(check(golden, "--format", "json", str(catalog)).stdout)
    assert {p for _, p, _ in found} == {"locales/ar/LC_MESSAGES/messages.po"}
    folder = ids(check(golden, "--format", "json", str(golden / "content")).stdout)
    assert {p for _, p, _ in folder} == {
        "content/ar/politics/bases.md",
        "content/en/politics/bases.md",
    }


def test_paths_judge_parity_against_the_whole_story(golden: Path) -> None:
    """The Spanish edition is missing: passing only the English file still reports it."""
    english = golden / "content/en/politics/bases.md"
    found = ids(check(golden, "--format", "json", str(english)).stdout)
    assert found == [("PAR201", "content/en/politics/bases.md", 2)]
    arabic = golden / "content/ar/politics/bases.md"
    assert [c for c, _, _ in ids(check(golden, "--format", "json", str(arabic)).stdout)] == [
        "PAR213", "PAR203",
    ]  # fmt: skip


def test_pre_commit_hook_definition() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "i18nnews-check")
    assert hook["entry"] == "i18nnews check" and hook["language"] == "python"
    assert hook["pass_filenames"] is True


# --------------------------------------------------------------------------
# Jobs
# --------------------------------------------------------------------------


def test_jobs_give_identical_findings(golden: Path) -> None:
    # More catalogs to spread over the workers: per-article catalogs, some broken.
    articles = golden / "locales/ar/LC_MESSAGES/articles"
    articles.mkdir()
    source = (golden / "locales/ar/LC_MESSAGES/messages.po").read_text(encoding="utf-8")
    for i in range(6):
        text = source if i % 2 else source.replace('msgstr "بقلم %(autor)s"', 'msgstr "بقلم')
        (articles / f"story-{i}.po").write_text(text, encoding="utf-8")
    one = check(golden, "--format", "json", "--jobs", "1")
    many = check(golden, "--format", "json", "--jobs", "4")
    assert one.exit_code == many.exit_code == 1
    assert one.stdout == many.stdout
    assert len(json.loads(one.stdout)["findings"]) > 11

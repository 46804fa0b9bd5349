"""Start-up and speed measures of the CLI and ``check`` (issues 8 and 18) keep their behaviour.

* every command imports only what it uses: ``--version`` and ``--help``
  import none of pydantic, Babel, jinja2, lxml or markdown-it, and ``check``
  none of pydantic, jinja2, lxml or markdown-it (typer 0.29 coerces every
  option value through pydantic, which is why pyproject.toml keeps typer
  below 0.29);
* bad option values get typer's own messages and exit code 2;
* ``check_catalog(errors=True)`` (what ``compile`` runs) equals the error
  findings of the full run;
* ``compile`` reads catalogs with ``scan_exact`` (``parse_po`` when it
  declines): the same ``.mo`` and ``.json`` bytes;
* the cyclic garbage collector paused during a run is switched back on.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import DATA, ROOT

from i18n_news.catalogs.scan import scan_exact, scan_po
from i18n_news.checks.catalog import check_catalog, errors_only

NEWSROOM = DATA / "checks" / "newsroom"
HEAVY = ("pydantic", "babel", "jinja2", "lxml", "markdown_it")

PROBE = f"""
import sys
from i18n_news.cli.app import main
sys.argv = ["i18nnews", *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
heavy = sorted(m for m in {HEAVY!r} if m in sys.modules)
print("IMPORTED", ",".join(heavy), file=sys.stderr)
sys.exit(code)
"""


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI on the sample newsroom (ROOT) in a fresh process; stderr ends with IMPORTED."""
    env = dict(os.environ, NO_COLOR="1", COLUMNS="120", LC_ALL="C.UTF-8")
    return subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        check=False,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _imported(result: subprocess.CompletedProcess[str]) -> set[str]:
    line = result.stderr.splitlines()[-1]
    assert line.startswith("IMPORTED"), result.stderr
    return set(filter(None, line.removeprefix("IMPORTED").strip().split(",")))


@pytest.mark.parametrize(
    ("args", "imported"),
    [
        (["--version"], set()),
        (["--help"], set()),
        (["check", "--help"], set()),
    ],
)
def test_version_and_help_import_no_heavy_modules(args: list[str], imported: set[str]) -> None:
    result = _cli(*args)
    assert result.returncode == 0, result.stderr
    assert _imported(result) == imported


def test_check_imports_no_heavy_modules() -> None:
    result = _cli("check", "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    assert not _imported(result) & {"pydantic", "jinja2", "lxml", "markdown_it"}
    json.loads(result.stdout)


def _errors(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines()[:-1] if line]


@pytest.mark.parametrize(
    ("args", "code", "error"),
    [
        (["check", "--format", "json", "--fail-on", "info", "--jobs", "1"], 1, None),
        (["check", "--jobs", "+2"], 0, None),
        (["check", "--lang", "ar,es", "--select", "PO1", "--ignore", "PO132"], 0, None),
        (["stats", "--format", "json"], 0, None),
        (["check", "--jobs", "0"], 2,
         "Error: Invalid value for '--jobs' / '-j': 0 is not in the range x>=1."),
        (["check", "--jobs", "x"], 2,
         "Error: Invalid value for '--jobs' / '-j': 'x' is not a valid int range."),
        (["check", "--format", "xml"], 2,
         "Error: Invalid value for '--format' / '-f': 'xml' is not one of "
         "'text', 'json', 'github', 'junit', 'sarif'."),
        (["check", "--fail-on", "WARNING"], 2,
         "Error: Invalid value for '--fail-on': 'WARNING' is not one of "
         "'error', 'warning', 'info'."),
        (["check", "no/such/file.po"], 2, "no/such/file.po: no such file or folder"),
        (["--config", "no-such.toml", "check"], 2, "no-such.toml: file not found"),
        (["check", "--config", "no-such.toml"], 2, "no-such.toml: file not found"),
    ],
    ids=lambda a: " ".join(a) if isinstance(a, list) else None,
)  # fmt: skip
def test_option_values_exit_codes_and_messages(
    args: list[str], code: int, error: str | None
) -> None:
    result = _cli(*args)
    assert result.returncode == code, result.stderr
    errors = _errors(result)
    if error is None:
        assert errors == []
        if "json" in args:
            json.loads(result.stdout)
    else:
        assert errors[-1] == error
        if error.startswith("Error:"):  # a usage error: typer's usage line and hint first
            assert errors[0] == "Usage: i18nnews check [OPTIONS] [PATH...]"
            assert errors[1] == "Try 'i18nnews check -h' for help."
        else:
            assert errors == [error]


@pytest.mark.parametrize(
    "rel, edition",
    [
        ("locales/ar/LC_MESSAGES/messages.po", "ar"),
        ("locales/ar/LC_MESSAGES/taxonomy.po", "ar"),
        ("locales/es/LC_MESSAGES/messages.po", "es"),
    ],
)
def test_errors_only_run_equals_filtered_full_run(rel: str, edition: str) -> None:
    po = scan_po((NEWSROOM / rel).read_bytes(), rel)
    full = errors_only(check_catalog(po, rel, edition, edition))
    if rel == "locales/ar/LC_MESSAGES/messages.po":
        assert full, "the golden newsroom's Arabic catalog has errors"
    assert check_catalog(po, rel, edition, edition, errors=True) == full


def test_run_checks_switches_the_collector_back_on() -> None:
    from i18n_news.checks.runner import CheckRequest, run_checks
    from i18n_news.checks.settings import load_settings
    from i18n_news.config import load_config

    config = load_config(ROOT / "pyproject.toml")
    assert gc.isenabled()
    run_checks(config, load_settings(config), CheckRequest())
    assert gc.isenabled()
    gc.disable()
    try:
        run_checks(config, load_settings(config), CheckRequest())
        assert not gc.isenabled()
    finally:
        gc.enable()


CORPUS = sorted(
    [
        *DATA.glob("pofile/**/*.po"),
        *DATA.glob("checks/po/*.po"),
        *DATA.glob("checks/newsroom/locales/**/*.po"),
        *ROOT.glob("locales/**/*.po"),
    ]
)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_compile_reads_what_parse_po_reads(path: Path) -> None:
    """``compile`` reads with ``scan_exact``: same .mo and .json as from ``parse_po``."""
    from i18n_news.catalogs.mofile import to_json, to_mo
    from i18n_news.catalogs.reader import parse_po
    from i18n_news.errors import I18nNewsError

    data = path.read_bytes()
    fast = scan_exact(data, str(path))
    try:
        slow = parse_po(data, str(path))
    except I18nNewsError:
        assert fast is None  # parse_po's error is reported, as before
        return
    if fast is None:
        return
    assert to_mo(fast) == to_mo(slow)  # type: ignore[arg-type]
    assert to_json(fast) == to_json(slow)  # type: ignore[arg-type]


def test_scan_exact_leaves_duplicates_to_parse_po() -> None:
    entry = b'msgid "a"\nmsgstr "b"\n\n'
    header = b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    assert scan_exact(header + entry) is not None
    assert scan_exact(header + entry + entry) is None


def test_an_escaped_backslash_after_the_charset_goes_to_parse_po() -> None:
    """``charset=UTF-8\\\\n`` declares another charset for ``parse_po``: both readers defer."""
    from i18n_news.errors import I18nNewsError

    header = b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\\\n"\n\n'
    data = header + b'msgid "a"\nmsgstr "b"\n'
    assert scan_exact(data) is None
    with pytest.raises(I18nNewsError, match="charset"):
        scan_po(data, "x.po")

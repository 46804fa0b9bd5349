"""Start-up and speed measures of ``check`` (issue 8) keep its behaviour.

* ``i18nnews check`` imports neither pydantic (typer's option adapters are
  bypassed for plain option types) nor jinja2, lxml or markdown-it;
* option values the fast coercion does not take fall back to typer's own
  adapters, with typer's messages and exit codes;
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

PROBE = """
import sys
from pathlib import Path
from i18n_news.cli.app import main
sys.argv = ["i18nnews", *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
heavy = sorted(m for m in ("pydantic", "jinja2", "lxml", "markdown_it") if m in sys.modules)
print("IMPORTED", ",".join(heavy), file=sys.stderr)
sys.exit(code)
"""


def _cli(*args: str, fast: bool = True) -> subprocess.CompletedProcess[str]:
    """Run the CLI on the sample newsroom (ROOT), with or without the fast option coercion."""
    code = PROBE
    if not fast:
        code = (
            "import typer.core as _c\n"
            "_orig = _c._TyperParameter.get_runtime_param\n"
            "import i18n_news.cli.app\n"
            "_c._TyperParameter.get_runtime_param = _orig\n" + PROBE
        )
    env = dict(os.environ, NO_COLOR="1", COLUMNS="120", LC_ALL="C.UTF-8")
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_imports_no_heavy_modules() -> None:
    result = _cli("check", "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    assert "IMPORTED \n" in result.stderr, result.stderr
    json.loads(result.stdout)


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--format", "json", "--fail-on", "info", "--jobs", "1"],
        ["check", "--jobs", "0"],
        ["check", "--jobs", "x"],
        ["check", "--jobs", "+2"],
        ["check", "--format", "xml"],
        ["check", "--fail-on", "WARNING"],
        ["check", "no/such/file.po"],
        ["check", "--lang", "ar,es", "--select", "PO1", "--ignore", "PO132"],
        ["--config", "no-such.toml", "check"],
        ["stats", "--format", "json"],
    ],
    ids=lambda a: " ".join(a),
)
def test_fast_option_coercion_matches_typer(args: list[str]) -> None:
    fast, slow = _cli(*args), _cli(*args, fast=False)
    assert fast.returncode == slow.returncode
    assert fast.stdout == slow.stdout
    strip = [line for line in fast.stderr.splitlines() if not line.startswith("IMPORTED")]
    assert strip == [line for line in slow.stderr.splitlines() if not line.startswith("IMPORTED")]


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

"""``extract``, ``init``, ``update``, ``compile``, ``stats``: the catalogs of a newsroom.

Each command parses its options, calls one function of
:mod:`i18n_news.catalogs.operations` and prints its report.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from i18n_news.cli.help import Command
from i18n_news.cli.options import GlobalOptions, command_app, global_options, options_of

if TYPE_CHECKING:
    from i18n_news.config import Config
    from i18n_news.model import Finding

__all__ = ["app"]

app = command_app()


def _print_changes(report: Any, config: Config, options: GlobalOptions) -> None:
    from i18n_news.fs import display_path

    for change in report.changes:
        level = 1 if change.action == "unchanged" else 0
        detail = f" ({change.detail})" if change.detail else ""
        options.say(f"{display_path(change.path, config.root)}: {change.action}{detail}", level)


def _print_findings(findings: Iterable[Finding]) -> None:
    for f in findings:
        typer.echo(f"{f.path}:{f.line}: {f.severity.value}: {f.check_id} {f.message}")


@app.command(cls=Command)
@global_options
def extract(
    ctx: typer.Context,
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; exit 1 if a template would change.")
    ] = False,
) -> None:
    """Extract theme, taxonomy and article strings into locales/*.pot.

    Example: i18nnews extract --check
    """
    from i18n_news.catalogs import operations

    options = options_of(ctx)
    config = options.config()
    report = operations.extract(config, check=check)
    _print_changes(report, config, options)
    if check and report.changed:
        options.say(f"{len(report.changed)} template(s) out of date: run `i18nnews extract`", -1)
        raise typer.Exit(1)


@app.command(cls=Command)
@global_options
def init(
    ctx: typer.Context,
    lang: Annotated[str, typer.Argument(help="Edition code, e.g. ar.")],
    domain: Annotated[
        list[str] | None,
        typer.Option(
            "--domain",
            "-d",
            help="Domain to create (default: messages and taxonomy); "
            "articles/<key> starts a per-article catalog.",
        ),
    ] = None,
) -> None:
    """Create the catalogs of an edition from the templates.

    Example: i18nnews init ar --domain articles/2024-12-12-russia-syria-bases
    """
    from i18n_news.catalogs import operations

    options = options_of(ctx)
    config = options.config()
    _print_changes(operations.init(config, lang, domains=domain or None), config, options)


@app.command(cls=Command)
@global_options
def update(
    ctx: typer.Context,
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; exit 1 if a catalog would change.")
    ] = False,
) -> None:
    """Merge the templates into every catalog, keeping translators' work.

    Example: i18nnews update --check
    """
    from i18n_news.catalogs import operations

    options = options_of(ctx)
    config = options.config()
    report = operations.update(config, check=check)
    _print_changes(report, config, options)
    if check and report.changed:
        options.say(f"{len(report.changed)} catalog(s) out of date: run `i18nnews update`", -1)
        raise typer.Exit(1)


@app.command(name="compile", cls=Command)
@global_options
def compile_(
    ctx: typer.Context,
    force: Annotated[
        bool, typer.Option("--force", help="Compile catalogs even when they have errors.")
    ] = False,
) -> None:
    """Compile each .po into .mo (gettext) and .json (client side) beside it.

    Example: i18nnews compile
    """
    from i18n_news.catalogs import operations
    from i18n_news.checks.catalog import compile_gate

    options = options_of(ctx)
    config = options.config()
    report = operations.compile_catalogs(config, gate=compile_gate, force=force)
    _print_findings(report.findings)
    _print_changes(report, config, options)
    if report.findings:
        raise typer.Exit(1)


class StatsFormat(StrEnum):
    text = "text"
    json = "json"


_STATS_HEAD = ("edition", "domain", "total", "translated", "fuzzy", "untranslated", "obsolete",
               "words", "%")  # fmt: skip
_STATS_FIELDS = ("edition", "domain", "total", "translated", "fuzzy", "untranslated", "obsolete",
                 "untranslated_words")  # fmt: skip


def stats_table(rows: list[dict[str, Any]]) -> str:
    """``stats`` as text: one aligned row per edition and domain, names left, numbers right."""
    table = [_STATS_HEAD] + [
        (*(str(r[field]) for field in _STATS_FIELDS), f"{r['percent']:.1f}") for r in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(_STATS_HEAD))]
    lines = [
        "  ".join(
            cell.ljust(w) if i < 2 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in table
    ]
    return "\n".join(lines)


@app.command(cls=Command)
@global_options
def stats(
    ctx: typer.Context,
    format: Annotated[
        StatsFormat, typer.Option("--format", "-f", help="Output format.")
    ] = StatsFormat.text,
) -> None:
    """Translation progress per edition and domain.

    Example: i18nnews stats --format json
    """
    from i18n_news.catalogs import operations

    rows = operations.catalog_stats(options_of(ctx).config())
    if format is StatsFormat.json:
        typer.echo(json.dumps({"catalogs": rows}, ensure_ascii=False, indent=2))
    else:
        typer.echo(stats_table(rows))

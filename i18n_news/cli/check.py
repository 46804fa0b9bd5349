"""``i18nnews check``: parse options, call :func:`i18n_news.checks.runner.run_checks`, report.

Exit codes: 0 when no finding reaches ``--fail-on``, 1 when one does, 2 for
usage, configuration or input errors (one ``path:line: message`` line on
stderr, written by the app's error path). Catalogs and content that cannot be
parsed are findings (PO100, PAR200), not exit 2.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from i18n_news.cli.help import Command
from i18n_news.cli.options import command_app, global_options, options_of, parse_now
from i18n_news.cli.term import colors_enabled, paint
from i18n_news.errors import I18nNewsError
from i18n_news.model import Severity
from i18n_news.report import OutputFormat
from i18n_news.ui.messages import _

if TYPE_CHECKING:
    from i18n_news.config import Config

__all__ = ["app", "check", "explain_text", "list_text"]

app = command_app()


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


def list_text() -> str:
    """``--list``: every check, one line each: ID, name, default severity, summary."""
    from i18n_news.checks.registry import load_all

    checks = load_all()
    width = max(len(spec.name) for spec in checks.values())
    lines = [
        f"{spec.id:<6}  {spec.name:<{width}}  {spec.severity.value:<7}  {spec.summary}"
        + ("  (deprecated)" if spec.deprecated else "")
        for spec in checks.values()
    ]
    return "\n".join(lines) + "\n"


def explain_text(id_or_name: str) -> str:
    """``--explain ID``: the check's long documentation (ruff-style sections)."""
    from i18n_news.checks.registry import lookup

    spec = lookup(id_or_name)
    if spec is None:
        raise I18nNewsError(
            f"--explain: unknown check {id_or_name!r} (see `i18nnews check --list`)"
        )
    head = f"{spec.id} {spec.name}"
    meta = f"Default severity: {spec.severity.value} ({spec.family} check, since {spec.since})"
    return f"{head}\n{meta}\n\n{spec.summary}\n\n{spec.doc}\n"


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def _relative_paths(paths: list[Path], config: Config) -> tuple[str, ...]:
    out: list[str] = []
    for path in paths:
        resolved = path.resolve()
        if not resolved.exists():
            raise I18nNewsError("no such file or folder", path)
        try:
            rel = resolved.relative_to(config.root).as_posix()
        except ValueError:
            raise I18nNewsError(f"outside the newsroom ({config.root})", path) from None
        if rel in ("", "."):
            return ()
        out.append(rel)
    return tuple(dict.fromkeys(out))


@app.command(cls=Command)
@global_options
def check(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Only report findings about these files or folders (pre-commit passes the "
            "changed files); parity is still judged against every edition of a story.",
            show_default=False,
            metavar="PATH...",
        ),
    ] = None,
    lang: Annotated[
        list[str] | None,
        typer.Option(
            "--lang",
            "-l",
            metavar="EDITION",
            help="Only these editions (repeat, or comma-separate).",
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.text,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write the report to FILE (atomically)."
        ),
    ] = None,
    fail_on: Annotated[
        FailOn, typer.Option("--fail-on", help="Exit 1 when a finding is at least this severe.")
    ] = FailOn.error,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            metavar="FILE",
            help="Ignore the findings recorded in FILE; report new ones.",
        ),
    ] = None,
    write_baseline: Annotated[
        Path | None,
        typer.Option(
            "--write-baseline",
            metavar="FILE",
            help="Record the current findings in FILE and exit 0.",
        ),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select",
            metavar="IDS",
            help="Only these check IDs or prefixes (replaces the config's).",
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", metavar="IDS", help="Skip these check IDs or prefixes."),
    ] = None,
    now: Annotated[
        str | None,
        typer.Option(
            "--now",
            metavar="INSTANT",
            help="Clock for the grace period, ISO-8601 with offset (for CI).",
        ),
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, metavar="N", help="Check catalogs in N processes.")
    ] = 1,
    list_checks: Annotated[bool, typer.Option("--list", help="List every check and exit.")] = False,
    explain: Annotated[
        str | None,
        typer.Option("--explain", metavar="ID", help="Explain one check (ID or name) and exit."),
    ] = None,
) -> None:
    """Check catalogs, edition parity and the theme's RTL support.

    Example: i18nnews check --format github --fail-on warning
    """
    if list_checks:
        typer.echo(list_text(), nl=False)
        return
    if explain is not None:
        typer.echo(explain_text(explain), nl=False)
        return
    exit_code = _check(
        options_of(ctx).config(), paths or [], _split(lang), output_format, output,
        Severity(fail_on.value), baseline, write_baseline, _split(select), _split(ignore), now,
        jobs,
    )  # fmt: skip
    raise typer.Exit(exit_code)


def _check(
    config: Config,
    paths: list[Path],
    langs: list[str],
    output_format: OutputFormat,
    output: Path | None,
    fail_on: Severity,
    baseline: Path | None,
    write_baseline: Path | None,
    select: list[str],
    ignore: list[str],
    now: str | None,
    jobs: int,
) -> int:
    """Run the checks and write the report (or the baseline); the exit code."""
    from i18n_news.checks.baseline import apply_baseline, read_baseline, render_baseline
    from i18n_news.checks.runner import CheckRequest, run_checks
    from i18n_news.checks.settings import load_settings
    from i18n_news.fs import atomic_write
    from i18n_news.report import render, summarize

    settings = load_settings(config).with_cli(select, ignore)
    for code in langs:
        config.edition(code, option="--lang")
    request = CheckRequest(
        paths=_relative_paths(paths, config), langs=tuple(langs), now=parse_now(now), jobs=jobs
    )
    run = run_checks(config, settings, request)
    if write_baseline is not None:
        atomic_write(write_baseline, render_baseline(run.findings).encode("utf-8"))
        typer.echo(f"{write_baseline}: recorded {len(run.findings)} finding(s)", err=True)
        return 0
    findings, known = run.findings, 0
    if baseline is not None:
        findings, known = apply_baseline(run.findings, read_baseline(baseline))
    summary = summarize(
        findings, run.files_checked, baselined=known, suppressed=run.suppressed, fail_on=fail_on
    )
    if output is not None:
        atomic_write(output, render(output_format, findings, summary).encode("utf-8"))
        counts = _("{errors} error(s), {warnings} warning(s), {infos} info(s)").format(
            errors=summary.error, warnings=summary.warning, infos=summary.info
        )
        typer.echo(
            _("{path}: {format} report written ({counts})").format(
                path=output, format=output_format.value, counts=counts
            ),
            err=True,
        )
    elif output_format is OutputFormat.text and colors_enabled():
        from i18n_news.report import text

        typer.echo(text.render(findings, summary, paint=paint), nl=False)
    else:
        typer.echo(render(output_format, findings, summary), nl=False)
    return summary.exit_code

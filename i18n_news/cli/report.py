"""``i18nnews report``: the translation dashboard as one self-contained HTML file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from i18n_news.cli.help import Command
from i18n_news.cli.options import command_app, global_options, options_of, parse_now
from i18n_news.cli.term import paint
from i18n_news.errors import I18nNewsError
from i18n_news.ui.messages import _, available, ui_language

__all__ = ["app", "report"]

app = command_app()


@app.command(cls=Command)
@global_options
def report(
    ctx: typer.Context,
    out: Annotated[
        Path, typer.Option("--out", "-o", metavar="FILE", help="HTML file to write (atomically).")
    ] = Path("i18nnews-report.html"),
    ui_lang: Annotated[
        str | None,
        typer.Option(
            "--ui-lang",
            metavar="LANG",
            help="Language of the report (en, ar, es; default: from LC_ALL/LC_MESSAGES/LANG).",
        ),
    ] = None,
    now: Annotated[
        str | None,
        typer.Option("--now", help="Clock for lags and grace periods, ISO-8601 with offset."),
    ] = None,
    commits: Annotated[
        int,
        typer.Option(
            "--commits", min=0, help="Commits of coverage history to read with git (0: none)."
        ),
    ] = 10,
) -> None:
    """Write the translation dashboard: progress, missing and stale stories, findings.

    One self-contained HTML file (inline CSS, no script, no network asset).

    Example: i18nnews report --out report.html --ui-lang ar
    """
    from i18n_news.fs import atomic_write
    from i18n_news.report.dashboard import collect, render_dashboard

    options = options_of(ctx)
    lang = ui_lang or ui_language()
    if lang not in ("en", *available()):
        raise I18nNewsError(
            _("--ui-lang: no translation for {lang!r} (available: {langs})").format(
                lang=lang, langs=", ".join(["en", *available()])
            )
        )
    board = collect(options.config(), now=parse_now(now), commits=commits)
    atomic_write(out, render_dashboard(board, lang).encode("utf-8"))
    options.say(
        _(
            "{path}: written ({catalogs} catalogs, {lags} stories behind, {findings} findings)"
        ).format(
            path=paint(out.as_posix(), "bold"),
            catalogs=sum(int(r.get("catalogs", 1)) for r in board.stats),
            lags=len(board.lags),
            findings=sum(len(g.findings) for g in board.checks),
        )
    )

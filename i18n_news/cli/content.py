"""``articles``, ``stamp``, ``import``: the newsroom's content files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from i18n_news.cli.help import Command
from i18n_news.cli.options import command_app, global_options, options_of, parse_now

__all__ = ["app"]

app = command_app()


@app.command(cls=Command)
@global_options
def articles(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Only articles under these paths.")
    ] = None,
    edition: Annotated[
        str | None, typer.Option("--edition", "-e", help="Only this edition.")
    ] = None,
    now: Annotated[
        str | None, typer.Option("--now", help="Clock for date patterns, ISO-8601 with offset.")
    ] = None,
) -> None:
    """Print article metadata as JSON lines, one per article and edition.

    Example: i18nnews articles --edition ar content/ar/politics
    """
    from i18n_news.report.articles import article_rows

    config = options_of(ctx).config()
    rows = article_rows(config, paths=paths or None, edition=edition, now=parse_now(now))
    for row in rows:
        typer.echo(json.dumps(row, ensure_ascii=False))


@app.command(cls=Command)
@global_options
def stamp(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Translation files brought up to date.")],
) -> None:
    """Record the origin's current hash in translations a translator has updated.

    Example: i18nnews stamp content/ar/politics/russia-syria-bases.md
    """
    from i18n_news.sources.stories import stamp as stamp_file

    options = options_of(ctx)
    config = options.config()
    for path in paths:
        changed = stamp_file(path, config)
        options.say(f"{path}: {'stamped' if changed else 'already current'}", 0 if changed else 1)


@app.command(name="import", cls=Command)
@global_options
def import_(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Saved article pages (.html).")],
    edition: Annotated[str, typer.Option("--edition", "-e", help="Edition the pages belong to.")],
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace an earlier import of the same story.")
    ] = False,
    any_language: Annotated[
        bool,
        typer.Option(
            "--any-language", help="Import pages in another language than the edition's (warn)."
        ),
    ] = False,
) -> None:
    """Import saved article pages into content/<edition>/imported/.

    Example: i18nnews import saved/story.html --edition es
    """
    from i18n_news.importer import import_pages

    options = options_of(ctx)
    config = options.config()
    for result in import_pages(
        files, edition, config, overwrite=overwrite, any_language=any_language
    ):
        state = "imported" if result.changed else "unchanged"
        options.say(f"{result.path}: {state} ({result.key}{', draft' if result.draft else ''})")
        for warning in result.warnings:
            typer.echo(f"{result.source}: warning: {warning}", err=True)

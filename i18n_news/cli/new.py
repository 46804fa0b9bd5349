"""``i18nnews new``: start a newsroom in any CLDR languages.

The files come from :mod:`i18n_news.sources.scaffold`, the templates and
catalogs from :func:`i18n_news.catalogs.operations.start_catalogs` (the theme's
strings pre-translated from the package's translations); this module asks
for the time zone on a terminal, and prints what was made and what to do next.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from i18n_news.cli.help import Command
from i18n_news.cli.options import command_app, global_options, options_of, parse_now
from i18n_news.cli.term import paint
from i18n_news.errors import I18nNewsError
from i18n_news.ui.messages import _

__all__ = ["app", "new"]

app = command_app()


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def _default_name(folder: Path) -> str:
    """``la-gazette`` → ``La Gazette``: a first name the configuration then keeps."""
    words = folder.resolve().name.replace("_", " ").replace("-", " ").split()
    return " ".join(w[:1].upper() + w[1:] for w in words) or "Newsroom"


def _system_zone() -> str:
    """The machine's IANA time zone, if it says (``TZ``, ``/etc/localtime``), else UTC."""
    zone = os.environ.get("TZ", "").lstrip(":")
    if not zone:
        try:
            target = os.readlink("/etc/localtime")
        except OSError:
            return "UTC"
        zone = target.split("zoneinfo/", 1)[-1] if "zoneinfo/" in target else ""
    return zone or "UTC"


def _ask_timezone() -> str:
    """Ask on a terminal; never in CI, where stdin is not one (UTC then)."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return "UTC"
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    while True:
        answer = str(
            typer.prompt(
                _("Time zone of the newsroom (an IANA name such as Europe/Paris)"),
                default=_system_zone(),
            )
        ).strip()
        try:
            ZoneInfo(answer)
            return answer
        except (ZoneInfoNotFoundError, ValueError):
            typer.echo(_("Unknown time zone {zone!r}.").format(zone=answer), err=True)


@app.command(cls=Command)
@global_options
def new(
    ctx: typer.Context,
    folder: Annotated[
        Path,
        typer.Argument(
            metavar="DIR",
            help="Folder to create the newsroom in (new or empty).",
            show_default=False,
        ),
    ],
    source: Annotated[
        str,
        typer.Option(
            "--source",
            "-s",
            metavar="LANG",
            help="The source edition: the language stories are written in first (any CLDR "
            "locale, e.g. fr or pt-BR).",
        ),
    ] = "en",
    edition: Annotated[
        list[str] | None,
        typer.Option(
            "--edition",
            "-e",
            metavar="LANG",
            help="A translation edition (repeat, or comma-separate).",
        ),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            metavar="NAME",
            help="The newsroom's name (default: from the folder's name).",
            show_default=False,
        ),
    ] = None,
    timezone: Annotated[
        str | None,
        typer.Option(
            "--timezone",
            metavar="ZONE",
            help="IANA time zone of the editions (default: asked on a terminal, else UTC).",
            show_default=False,
        ),
    ] = None,
    site_url: Annotated[
        str,
        typer.Option(
            "--site-url", metavar="URL", help="Public address of the site (change it later)."
        ),
    ] = "https://example.org",
    now: Annotated[
        str | None,
        typer.Option(
            "--now",
            metavar="INSTANT",
            help="Publication time of the example story, ISO-8601 with offset (default: now).",
        ),
    ] = None,
) -> None:
    """Start a newsroom: configuration, an example story, templates and catalogs.

    Every edition's locale, direction and digits come from CLDR; the default
    theme's strings are pre-translated wherever the package has a translation.
    The folder then passes `i18nnews check` and `i18nnews build` as it is.

    Example: i18nnews new gazette --source fr --edition he --edition fa --timezone Europe/Paris
    """
    from i18n_news.catalogs import operations
    from i18n_news.fs import display_path
    from i18n_news.site.theme import theme_compendium
    from i18n_news.sources.scaffold import plan_newsroom, write_newsroom

    options = options_of(ctx)
    if options.config_path is not None:
        raise I18nNewsError(
            "--config: `i18nnews new` reads no configuration; it writes DIR/i18nnews.toml",
            options.config_path,
        )
    clock = parse_now(now) or datetime.now(UTC)
    plan = plan_newsroom(
        folder,
        source=source,
        editions=_split(edition),
        name=name if name is not None else _default_name(folder),
        timezone=timezone if timezone is not None else _ask_timezone(),
        site_url=site_url,
        now=clock,
    )
    config = write_newsroom(plan)
    report = operations.start_catalogs(config, now=clock, compendium=theme_compendium(config))
    for rel in plan.files:
        options.say(f"{display_path(folder / rel, Path.cwd().resolve())}: created", 1)
    for change in report.changes:
        detail = f" ({change.detail})" if change.detail else ""
        shown = display_path(change.path, Path.cwd().resolve())
        options.say(f"{shown}: {change.action}{detail}", 1)
    where = display_path(folder, Path.cwd().resolve())
    source_word = _("source")
    codes = ", ".join(
        f"{code} ({source_word})" if code == plan.source else code for code in plan.codes
    )
    options.say(
        _("Created {name} in {folder}/: editions {codes}; time zone {zone}.").format(
            name=paint(plan.name, "bold"), folder=where, codes=codes, zone=plan.timezone
        )
    )
    options.say(
        _(
            "Next: cd {folder} && i18nnews check && i18nnews build\n"
            "Then write stories in content/{source}/ and translate "
            "locales/<edition>/LC_MESSAGES/*.po; docs/start.md walks through it."
        ).format(folder=where, source=plan.source)
    )

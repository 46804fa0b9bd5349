"""The ``i18nnews`` command line: the typer app, its global options, the one error path.

Exit codes: 0 clean, 1 findings (or ``--check`` found work to do), 2 usage,
configuration or input errors, printed as one ``path:line: message`` line.

Each command lives in the module of its group (:data:`COMMANDS`), imported
and built only when the command runs or a help screen lists it, so
``i18nnews check`` pays for ``check`` alone and ``i18nnews --version`` for
none. Command modules never import this one.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, MutableMapping
from typing import Annotated, Any

import typer

from i18n_news import __version__
from i18n_news.cli.help import Group
from i18n_news.cli.options import (
    ConfigOption,
    DebugOption,
    QuietOption,
    VerboseOption,
    options_of,
)
from i18n_news.errors import I18nNewsError

__all__ = ["COMMANDS", "I18nNewsGroup", "app", "main"]

#: Every command and the module under ``i18n_news.cli`` that declares it, in help order.
COMMANDS = {
    "new": "new",
    "extract": "catalogs",
    "init": "catalogs",
    "update": "catalogs",
    "compile": "catalogs",
    "stats": "catalogs",
    "articles": "content",
    "stamp": "content",
    "import": "content",
    "check": "check",
    "build": "site",
    "serve": "site",
    "report": "report",
}


class _Commands(MutableMapping[str, Any]):
    """The group's commands by name, each module imported and built on first access."""

    def __init__(self) -> None:
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            module = COMMANDS[name]  # KeyError: no such command
            built = typer.main.get_command(importlib.import_module(f"i18n_news.cli.{module}").app)
            for command in getattr(built, "commands", {}).values() or [built]:
                self._built[command.name] = command
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*COMMANDS, *self._built]))

    def __len__(self) -> int:
        return len(dict.fromkeys([*COMMANDS, *self._built]))

    def __contains__(self, name: object) -> bool:
        return name in COMMANDS or name in self._built


class I18nNewsGroup(Group):
    """The ``i18nnews`` group: lazily built commands and the one error path."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = _Commands()

    def invoke(self, ctx: Any) -> Any:
        """Run the command; an ``I18nNewsError`` anywhere becomes one line and exit code 2."""
        try:
            return super().invoke(ctx)
        except I18nNewsError as exc:
            from i18n_news.ui.messages import localize_error

            if options_of(ctx).debug:
                import traceback

                traceback.print_exc()
            typer.echo(localize_error(exc), err=True)  # "path:line: …" or "error: …"
            raise typer.Exit(2) from None
        except typer.Abort:
            from i18n_news.ui.messages import current

            typer.echo(current().gettext("Aborted!"), err=True)
            raise typer.Exit(1) from None


app = typer.Typer(
    name="i18nnews",
    cls=I18nNewsGroup,
    help="Localization toolkit for a newsroom published in several editions.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"i18nnews {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    config_path: ConfigOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
    debug: DebugOption = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """Localization toolkit for a newsroom published in several editions.

    Example: i18nnews extract && i18nnews update && i18nnews compile
    """
    options_of(ctx).record(config_path=config_path, quiet=quiet, verbose=verbose, debug=debug)


def main() -> None:
    """Console-script entry point: help and errors in the language of LC_ALL/LC_MESSAGES/LANG."""
    from i18n_news.fs import install_signal_handlers

    install_signal_handlers()  # SIGINT/SIGTERM: clean exit 130/143, no half-written file
    app()

"""What every command shares: the global options, their context object, option parsers.

``--config``, ``--quiet``, ``--verbose`` and ``--debug`` are accepted before
the command name (``i18nnews -q build``) and after it (``i18nnews build -q``):
the app's callback and :func:`global_options` both record them in one
:class:`GlobalOptions`, typer's context object (``ctx.obj``) for the run.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from i18n_news.errors import I18nNewsError

if TYPE_CHECKING:
    from i18n_news.config import Config

__all__ = [
    "ConfigOption",
    "DebugOption",
    "GlobalOptions",
    "QuietOption",
    "VerboseOption",
    "command_app",
    "global_options",
    "options_of",
    "parse_now",
]

ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config", "-c", help="i18nnews.toml or pyproject.toml (default: found upwards)."
    ),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors and findings.")]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Also print unchanged files.")]
DebugOption = Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")]


@dataclass
class GlobalOptions:
    """The global options of one run, wherever on the command line they were given."""

    config_path: Path | None = None
    quiet: bool = False
    verbose: bool = False
    debug: bool = False

    @property
    def verbosity(self) -> int:
        """-1 with ``-q`` (it wins over ``-v``), 1 with ``-v``, else 0."""
        return -1 if self.quiet else (1 if self.verbose else 0)

    def record(self, *, config_path: Path | None, quiet: bool, verbose: bool, debug: bool) -> None:
        """Add options given at one place of the command line; a later ``--config`` wins."""
        if config_path is not None:
            self.config_path = config_path
        self.quiet = self.quiet or quiet
        self.verbose = self.verbose or verbose
        self.debug = self.debug or debug

    def config(self) -> Config:
        """The newsroom configuration chosen by ``--config`` (default: found upwards)."""
        from i18n_news.config import load_config

        return load_config(self.config_path)

    def say(self, message: str, level: int = 0) -> None:
        """Print ``message`` unless the run is quieter than ``level`` (-q: -1, -v: 1)."""
        if self.verbosity >= level:
            typer.echo(message)


def options_of(ctx: typer.Context) -> GlobalOptions:
    """The run's :class:`GlobalOptions` (created on first use)."""
    return ctx.ensure_object(GlobalOptions)


_GLOBAL_PARAMETERS = [
    inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)
    for name, default, annotation in (
        ("config_path", None, ConfigOption),
        ("quiet", False, QuietOption),
        ("verbose", False, VerboseOption),
        ("debug", False, DebugOption),
    )
]
_GLOBAL_NAMES = tuple(p.name for p in _GLOBAL_PARAMETERS)

R = TypeVar("R")


def global_options(command: Callable[..., R]) -> Callable[..., R]:
    """Give ``command`` the global options after its name, like sqlite-utils' ``output_options``.

    ``command`` takes ``ctx: typer.Context`` first and reads the options with
    :func:`options_of`; typer sees the four extra parameters in the wrapper's
    signature, and the wrapper records them before the command runs.
    """
    signature = inspect.signature(command, eval_str=True)
    parameters = list(signature.parameters.values())
    if not parameters or parameters[0].annotation is not typer.Context:
        raise TypeError(f"{command.__name__}: the first parameter must be ctx: typer.Context")
    clash = set(_GLOBAL_NAMES) & set(signature.parameters)
    if clash:
        raise TypeError(f"{command.__name__}: parameters named like global options: {clash}")

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> R:
        given = {name: kwargs.pop(name) for name in _GLOBAL_NAMES}
        ctx = kwargs[parameters[0].name] if kwargs else args[0]
        options_of(ctx).record(**given)
        return command(*args, **kwargs)

    # What typer reads the options from; a function type declares no __signature__.
    run.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[*parameters, *_GLOBAL_PARAMETERS]
    )
    return run


def command_app() -> typer.Typer:
    """The typer app of one command module, shown the way the ``i18nnews`` app shows it."""
    return typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)


def parse_now(value: str | None) -> datetime | None:
    """``--now``: an ISO-8601 instant with a UTC offset (``Z`` allowed).

    Reproducible runs need an explicit clock, and a naive one would be a guess.

    >>> parse_now("2024-12-13T08:00:00Z").isoformat()
    '2024-12-13T08:00:00+00:00'
    """
    if value is None:
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise I18nNewsError(f"--now: not an ISO-8601 instant: {value!r}") from None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise I18nNewsError(f"--now: {value!r} has no UTC offset (e.g. 2025-08-25T12:00:00+03:00)")
    return parsed

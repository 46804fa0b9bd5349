"""The ``i18nnews`` command line: parse options, call one core function, print, exit.

Exit codes: 0 clean, 1 findings (or ``--check`` found work to do), 2 usage,
configuration or input errors, printed as one ``path:line: message`` line.
"""

from __future__ import annotations

import functools
import json
import sys
import traceback
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from i18n_news import __version__
from i18n_news.cli.options import parse_now
from i18n_news.config import Config, load_config
from i18n_news.errors import I18nNewsError

app = typer.Typer(
    name="i18nnews",
    help="Localization toolkit for a newsroom published in several editions.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class State:
    config_path: Path | None = None
    verbosity: int = 0
    debug: bool = False


state = State()
F = TypeVar("F", bound=Callable[..., Any])


def handle_errors(func: F) -> F:
    """Turn ``I18nNewsError`` into one line on stderr and exit code 2 (traceback with --debug)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except I18nNewsError as exc:
            if state.debug:
                traceback.print_exc()
            from i18n_news.localize.ui import localize_error

            typer.echo(localize_error(exc), err=True)  # English: "error: …" or "path:line: …"
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def get_config() -> Config:
    return load_config(state.config_path)


def say(message: str, level: int = 0) -> None:
    """Print unless quieter than ``level`` (-q: -1, default 0, -v: 1)."""
    if state.verbosity >= level:
        typer.echo(message)


def _rel(path: Path, config: Config) -> str:
    try:
        return path.relative_to(config.root).as_posix()
    except ValueError:
        return str(path)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"i18nnews {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    config: Annotated[
        Path | None,
        typer.Option(
            "--config", "-c", help="i18nnews.toml or pyproject.toml (default: found upwards)."
        ),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only errors and findings.")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Also print unchanged files.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """Localization toolkit for a newsroom published in several editions.

    Example: i18nnews extract && i18nnews update && i18nnews compile
    """
    state.config_path = config
    state.verbosity = -1 if quiet else (1 if verbose else 0)
    state.debug = debug


def _print_changes(report: Any, config: Config) -> None:
    for change in report.changes:
        level = 1 if change.action == "unchanged" else 0
        detail = f" ({change.detail})" if change.detail else ""
        say(f"{_rel(change.path, config)}: {change.action}{detail}", level)


def _print_findings(findings: list[Any]) -> None:
    for f in findings:
        typer.echo(f"{f.path}:{f.line}: {f.severity.value}: {f.check_id} {f.message}", err=False)


@app.command()
@handle_errors
def extract(
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; exit 1 if a template would change.")
    ] = False,
) -> None:
    """Extract theme, taxonomy and article strings into locales/*.pot.

    Example: i18nnews extract --check
    """
    from i18n_news.catalogs import operations

    config = get_config()
    report = operations.extract(config, check=check)
    _print_changes(report, config)
    if check and report.changed:
        say(f"{len(report.changed)} template(s) out of date: run `i18nnews extract`", -1)
        raise typer.Exit(1)


@app.command()
@handle_errors
def init(
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

    config = get_config()
    _print_changes(operations.init(config, lang, domains=domain or None), config)


@app.command()
@handle_errors
def update(
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; exit 1 if a catalog would change.")
    ] = False,
) -> None:
    """Merge the templates into every catalog, keeping translators' work.

    Example: i18nnews update --check
    """
    from i18n_news.catalogs import operations

    config = get_config()
    report = operations.update(config, check=check)
    _print_changes(report, config)
    if check and report.changed:
        say(f"{len(report.changed)} catalog(s) out of date: run `i18nnews update`", -1)
        raise typer.Exit(1)


@app.command(name="compile")
@handle_errors
def compile_(
    force: Annotated[
        bool, typer.Option("--force", help="Compile catalogs even when they have errors.")
    ] = False,
) -> None:
    """Compile each .po into .mo (gettext) and .json (client side) beside it.

    Example: i18nnews compile
    """
    from i18n_news.catalogs import operations

    config = get_config()
    report = operations.compile_catalogs(config, force=force)
    _print_findings(report.findings)
    _print_changes(report, config)
    if report.findings:
        raise typer.Exit(1)


class StatsFormat(StrEnum):
    text = "text"
    json = "json"


@app.command()
@handle_errors
def stats(
    format: Annotated[
        StatsFormat, typer.Option("--format", "-f", help="Output format.")
    ] = StatsFormat.text,
) -> None:
    """Translation progress per edition and domain.

    Example: i18nnews stats --format json
    """
    from i18n_news.catalogs import operations

    rows = operations.catalog_stats(get_config())
    if format is StatsFormat.json:
        typer.echo(json.dumps({"catalogs": rows}, ensure_ascii=False, indent=2))
        return
    head = (
        "edition",
        "domain",
        "total",
        "translated",
        "fuzzy",
        "untranslated",
        "obsolete",
        "words",
        "%",
    )
    table = [head] + [
        (
            str(r["edition"]),
            str(r["domain"]),
            str(r["total"]),
            str(r["translated"]),
            str(r["fuzzy"]),
            str(r["untranslated"]),
            str(r["obsolete"]),
            str(r["untranslated_words"]),
            f"{r['percent']:.1f}",
        )
        for r in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(head))]
    for row in table:
        typer.echo(
            "  ".join(
                cell.ljust(w) if i < 2 else cell.rjust(w)
                for i, (cell, w) in enumerate(zip(row, widths, strict=True))
            ).rstrip()
        )


@app.command()
@handle_errors
def articles(
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

    config = get_config()
    rows = article_rows(config, paths=paths or None, edition=edition, now=parse_now(now))
    for row in rows:
        typer.echo(json.dumps(row, ensure_ascii=False))


@app.command()
@handle_errors
def stamp(
    paths: Annotated[list[Path], typer.Argument(help="Translation files brought up to date.")],
) -> None:
    """Record the origin's current hash in translations a translator has updated.

    Example: i18nnews stamp content/ar/politics/russia-syria-bases.md
    """
    from i18n_news.sources.stories import stamp as stamp_file

    config = get_config()
    for path in paths:
        changed = stamp_file(path, config)
        say(f"{path}: {'stamped' if changed else 'already current'}", 0 if changed else 1)


@app.command(name="import")
@handle_errors
def import_(
    files: Annotated[list[Path], typer.Argument(help="Saved article pages (.html).")],
    edition: Annotated[str, typer.Option("--edition", "-e", help="Edition the pages belong to.")],
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace an earlier import of the same story.")
    ] = False,
) -> None:
    """Import saved article pages into content/<edition>/imported/.

    Example: i18nnews import saved/story.html --edition es
    """
    from i18n_news.importer import import_pages

    config = get_config()
    for result in import_pages(files, edition, config, overwrite=overwrite):
        state_word = "imported" if result.changed else "unchanged"
        say(f"{result.path}: {state_word} ({result.key}{', draft' if result.draft else ''})")
        for warning in result.warnings:
            typer.echo(f"{result.source}: warning: {warning}", err=True)


def _register_commands() -> None:
    from i18n_news.cli.build import build_command
    from i18n_news.cli.check import check_command
    from i18n_news.cli.report import report_command
    from i18n_news.cli.serve import serve_command

    app.command("check")(check_command)
    app.command("build")(build_command)
    app.command("serve")(serve_command)
    app.command("report")(report_command)


_register_commands()


def _install_fast_coercion() -> None:
    """Coerce the plain option types without pydantic (about 0.1 s of every command's start).

    typer (0.2x) validates each parameter through a pydantic ``TypeAdapter``, so
    running any command imports pydantic and builds one adapter per option. For
    the types our commands use (str, int with bounds, enums, paths and lists of
    them) this coerces a well-formed value the way those adapters do, with
    typer's own helpers; anything else, and every value it does not accept,
    goes to typer's adapter, so results and error messages are typer's. If
    typer's internals differ from what this expects, nothing is patched.
    """
    try:
        from enum import Enum
        from typing import get_args, get_origin

        from typer import _param_types
        from typer._coercion import RuntimeParam, build_runtime_param
        from typer.core import _TyperParameter

        coerce_choice = _param_types.coerce_cli_choice
        coerce_path = _param_types.coerce_cli_path
        routes_to_path = _param_types.routes_to_path
        original = _TyperParameter.get_runtime_param
    except (ImportError, AttributeError):
        return

    def leaf(annotation: Any, info: Any) -> Callable[[Any, Any, Any], Any] | None:
        if info.parser is not None:
            return None
        if isinstance(annotation, type) and issubclass(annotation, Enum):
            choices = list(annotation)
            case_sensitive = info.case_sensitive

            def choice(value: Any, param: Any, ctx: Any) -> Any:
                return coerce_choice(value, choices=choices, case_sensitive=case_sensitive, ctx=ctx)

            return choice
        if annotation is int and not info.clamp:
            low, high = info.min, info.max

            def number(value: Any, param: Any, ctx: Any) -> Any:
                if type(value) is int:
                    number = value
                elif type(value) is str and value.isascii() and value.isdigit():
                    number = int(value)
                    if str(number) != value:
                        raise _Slow
                else:
                    raise _Slow
                if (low is None or number >= low) and (high is None or number <= high):
                    return number
                raise _Slow

            return number
        if annotation is bool:

            def flag(value: Any, param: Any, ctx: Any) -> Any:
                if type(value) is bool:
                    return value
                raise _Slow

            return flag
        if annotation is str:

            def text(value: Any, param: Any, ctx: Any) -> Any:
                if type(value) is str:
                    return value
                raise _Slow

            return text
        if annotation is Path and routes_to_path(annotation, info):
            path_type = info.path_type if info.path_type is not None else Path
            if path_type is not Path:
                return None

            def path(value: Any, param: Any, ctx: Any) -> Any:
                if type(value) is str and value and "\0" not in value:
                    return coerce_path(Path(value), info, path_type=Path, param=param, ctx=ctx)
                raise _Slow

            return path
        return None

    class _Slow(Exception):
        """Not a value the fast path takes: ask typer's adapter."""

    class FastRuntimeParam(RuntimeParam):  # type: ignore[misc]
        def __init__(self, parameter_info: Any, annotation: Any, fast: Any, slow: Any) -> None:
            object.__setattr__(self, "parameter_info", parameter_info)
            object.__setattr__(self, "annotation", annotation)
            object.__setattr__(self, "fast", fast)
            object.__setattr__(self, "slow", slow)
            object.__setattr__(self, "built", None)

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                return self.fast(value, param, ctx)
            except Exception:  # noqa: BLE001  typer's adapter decides, with its own message
                if self.built is None:
                    object.__setattr__(self, "built", self.slow())
                return self.built._coerce_value(value, param=param, ctx=ctx)

    def get_runtime_param(self: Any) -> Any:
        if self._runtime_param is None:
            desc = self.type_descriptor
            fast = None
            if desc.file_annotation is None:
                annotation, info = desc.annotation, desc.parameter_info
                if get_origin(annotation) is list:
                    (item_type,) = get_args(annotation)
                    item = leaf(item_type, info)
                    if item is not None:

                        def fast(value: Any, param: Any, ctx: Any, item: Any = item) -> Any:
                            items = value if isinstance(value, (list, tuple)) else [value]
                            return [item(v, param, ctx) for v in items]

                else:
                    fast = leaf(annotation, info)
            if fast is None:
                return original(self)
            self._runtime_param = FastRuntimeParam(
                desc.parameter_info,
                desc.annotation,
                fast,
                lambda desc=desc: build_runtime_param(desc),
            )
        return self._runtime_param

    _TyperParameter.get_runtime_param = get_runtime_param


_install_fast_coercion()


def main() -> None:
    """Console-script entry point."""
    from i18n_news.fs import install_signal_handlers

    install_signal_handlers()  # SIGINT/SIGTERM: clean exit 130/143, no half-written file
    from i18n_news.localize.ui import run_app

    try:
        run_app(app)  # help and errors in the language of LC_ALL/LC_MESSAGES/LANG
    except I18nNewsError as exc:  # raised outside a command (e.g. in a callback)
        print(str(exc), file=sys.stderr)
        sys.exit(2)

"""``build`` and ``serve``: the static site of each edition, exported or previewed.

``build`` calls :func:`i18n_news.site.build.build_site` and prints what it
wrote; ``serve`` builds, serves on 127.0.0.1 and rebuilds on change, until
Ctrl-C.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from i18n_news.cli.help import Command
from i18n_news.cli.options import command_app, global_options, options_of, parse_now
from i18n_news.cli.term import paint
from i18n_news.errors import I18nNewsError
from i18n_news.ui.messages import _

if TYPE_CHECKING:
    from i18n_news.config import Config
    from i18n_news.site.serve import Preview

__all__ = ["app", "build", "progress_enabled", "serve"]

app = command_app()


def progress_enabled(stream: object = None, environ: dict[str, str] | None = None) -> bool:
    """A progress bar only on an interactive terminal, never in CI or with TERM=dumb."""
    stream = sys.stderr if stream is None else stream
    env = os.environ if environ is None else environ
    if env.get("CI") or env.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@contextmanager
def _progress_bar(enabled: bool) -> Iterator[Callable[[int, int], None] | None]:
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("building"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("pages", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


@app.command(cls=Command)
@global_options
def build(
    ctx: typer.Context,
    lang: Annotated[
        list[str] | None,
        typer.Option("--lang", "-l", help="Edition to build (repeatable; default: every edition)."),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="DIR",
            show_default=False,
            help="Output folder, each edition in OUT/<edition>/ (default: dist at the newsroom "
            "root, wherever the command runs).",
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Render pages in N processes (default: the cores available; same bytes as 1).",
        ),
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            help="Public URL of OUT/ (each edition at URL/<edition>/; or a URL with {edition}). "
            "Default: build.base_urls / build.base_url in the configuration, else site_url.",
        ),
    ] = None,
    now: Annotated[
        str | None,
        typer.Option(
            "--now",
            help="Build clock, ISO-8601 with offset (relative dates, 48-hour news sitemap, "
            "ticker). "
            "Default: SOURCE_DATE_EPOCH, else the newest story's time, so builds are reproducible.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Render every page, ignoring the incremental manifest.")
    ] = False,
    shard: Annotated[
        str | None,
        typer.Option(
            "--shard",
            metavar="K/N",
            help="Render only shard K of N of the pages (one CI job each); then run --merge.",
        ),
    ] = None,
    merge: Annotated[
        bool,
        typer.Option(
            "--merge",
            help="Check the shards gathered in OUT and write sitemaps, feeds, assets and the "
            "manifest.",
        ),
    ] = False,
    executor: Annotated[
        str,
        typer.Option(
            "--executor",
            metavar="[process|dask]",
            help="Where pages render: 'process' (local processes) or 'dask' (a Dask cluster; "
            "needs i18n-news[dask]).",
        ),
    ] = "process",
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="ADDRESS",
            help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a local cluster "
            "of --jobs workers).",
        ),
    ] = None,
) -> None:
    """Export each edition as a static, RTL-aware site into OUT/<edition>/.

    Catalogs are compiled in memory: no `compile` step is needed first. A
    rebuild writes only the pages whose inputs changed.

    Example: i18nnews build --lang ar --out dist && python -m http.server -d dist
    """
    from i18n_news.site.build import build_site
    from i18n_news.site.shards import parse_shard

    options = options_of(ctx)
    config = options.config()
    out = out if out is not None else config.root / "dist"  # wherever the command runs
    clock = parse_now(now)
    shard_k_n = parse_shard(shard) if shard is not None else None
    if scheduler is not None and executor != "dask":
        raise I18nNewsError("--scheduler needs --executor dask")
    with _progress_bar(options.verbosity >= 0 and progress_enabled()) as progress:
        report = build_site(
            config,
            out=out,
            langs=lang,
            jobs=jobs,
            base_url=base_url,
            now=clock,
            force=force,
            progress=progress,
            executor=executor,
            scheduler=scheduler,
            shard=shard_k_n,
            merge=merge,
        )
    if options.verbosity >= 0:
        for code, ed in report.editions.items():
            typer.echo(
                f"{code}: {ed.pages} pages, {ed.written} files written, {ed.unchanged} unchanged"
                f" -> {_shown(out / code)}/"
            )
        typer.echo(report.summary())
    if options.verbosity > 0:
        for rel in report.written:
            typer.echo(f"  written {rel}")
        for rel in report.removed:
            typer.echo(f"  removed {rel}")


@app.command(cls=Command)
@global_options
def serve(
    ctx: typer.Context,
    lang: Annotated[
        list[str] | None,
        typer.Option("--lang", "-l", help="Edition to serve (repeatable; default: every edition)."),
    ] = None,
    port: Annotated[
        int,
        typer.Option(
            "--port", "-p", min=0, max=65535, help="Port on 127.0.0.1 (0: any free port)."
        ),
    ] = 8000,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="DIR",
            show_default=False,
            help="Output folder, each edition in OUT/<edition>/ (default: dist at the newsroom "
            "root, wherever the command runs).",
        ),
    ] = None,
    now: Annotated[
        str | None,
        typer.Option("--now", help="Build clock, ISO-8601 with offset (as for build)."),
    ] = None,
) -> None:
    """Preview the editions on 127.0.0.1, rebuilding when content, catalogs or theme change.

    Stops with Ctrl-C.

    Example: i18nnews serve --lang ar --port 8000
    """
    from i18n_news.config import find_config
    from i18n_news.site.build import build_site
    from i18n_news.site.serve import Preview

    options = options_of(ctx)
    clock = parse_now(now)

    def rebuild(config: Config) -> list[str]:
        report = build_site(config, out=target, langs=lang, now=clock)
        return [report.summary()] if options.verbosity >= 0 else []

    config_path = options.config_path or find_config()
    target = out if out is not None else config_path.resolve().parent / "dist"
    preview = Preview(
        config_path=config_path, out=target, build=rebuild, echo=typer.echo, port=port
    )
    previous = {sig: signal.signal(sig, preview.stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        config = _start(preview, port)
        for code in lang or list(config.editions):
            if code in config.editions:
                url = paint(f"{preview.url}{code}/", "bold", "cyan")
                typer.echo(f"{code}  {url}  ({config.editions[code].name})")
        typer.echo(
            _("Serving {out} on {url}; watching content, catalogs, theme and {config}. "
              "Press Ctrl-C to stop.").format(
                out=_shown(target) + "/", url=preview.url, config=config_path.name
            )
        )  # fmt: skip
        preview.watch(config)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        preview.close()
    typer.echo(_("Stopped."))


def _shown(path: Path) -> str:
    """``path`` relative to the current folder when it is below it (``dist/en``), else absolute."""
    from i18n_news.fs import display_path

    return display_path(path, Path.cwd().resolve())


def _start(preview: Preview, port: int) -> Config:
    """The first build and the server; a port in use or an unwritable folder is an input error."""
    try:
        return preview.start()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if exc.filename is not None:
            raise I18nNewsError(f"cannot write: {reason}", exc.filename) from None
        raise I18nNewsError(f"cannot serve on 127.0.0.1:{port}: {reason}") from None

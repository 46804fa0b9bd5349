"""``i18nnews serve``: build, serve on 127.0.0.1 and rebuild on change, until Ctrl-C.

Registered by ``cli.py`` as ``app.command("serve")(serve_command)``.
"""

from __future__ import annotations

import signal
import traceback
from pathlib import Path
from typing import Annotated

import typer

from i18n_news.cli.options import parse_now
from i18n_news.cli.term import paint
from i18n_news.config import Config
from i18n_news.errors import I18nNewsError
from i18n_news.localize.ui import _, localize_error

__all__ = ["serve_command"]


def serve_command(
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
        Path,
        typer.Option("--out", "-o", help="Output folder; each edition goes to OUT/<edition>/."),
    ] = Path("dist"),
    now: Annotated[
        str | None,
        typer.Option("--now", help="Build clock, ISO-8601 with offset (as for build)."),
    ] = None,
) -> None:
    """Preview the editions on 127.0.0.1, rebuilding when content, catalogs or theme change.

    Stops with Ctrl-C.

    Example: i18nnews serve --lang ar --port 8000
    """
    from i18n_news.cli import app as cli
    from i18n_news.config import find_config
    from i18n_news.site.build import build_site
    from i18n_news.site.serve import Preview

    def build(config: Config) -> list[str]:
        report = build_site(config, out=out, langs=lang, now=clock)
        return [report.summary()] if cli.state.verbosity >= 0 else []

    preview: Preview | None = None
    try:
        clock = parse_now(now)
        config_path = cli.state.config_path or find_config()
        preview = Preview(config_path=config_path, out=out, build=build, echo=typer.echo, port=port)
        previous = {
            sig: signal.signal(sig, preview.stop) for sig in (signal.SIGINT, signal.SIGTERM)
        }
        try:
            config = preview.start()
            for code in lang or list(config.editions):
                if code in config.editions:
                    edition = config.editions[code]
                    url = paint(f"{preview.url}{code}/", "bold", "cyan")
                    typer.echo(f"{code}  {url}  ({edition.name})")
            typer.echo(
                _("Serving {out} on {url}; watching content, catalogs, theme and {config}. "
                  "Press Ctrl-C to stop.").format(
                    out=out.as_posix() + "/", url=preview.url, config=config_path.name
                )
            )  # fmt: skip
            preview.watch(config)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
    except I18nNewsError as exc:
        if cli.state.debug:
            traceback.print_exc()
        typer.echo(localize_error(exc), err=True)
        raise typer.Exit(2) from None
    except OSError as exc:  # port in use, folder not writable
        typer.echo(_("error: {message}").format(message=exc), err=True)
        raise typer.Exit(2) from None
    finally:
        if preview is not None:
            preview.close()
    typer.echo(_("Stopped."))

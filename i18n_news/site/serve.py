"""Preview server: build the editions, serve them on 127.0.0.1, rebuild on change.

The HTTP server runs in a thread (``ThreadingHTTPServer``); the caller's
thread polls the modification times of the inputs — content, catalogs, the
theme and the configuration file — and rebuilds incrementally when one
changes. No file-watching dependency: polling a newsroom's few hundred files
twice a second costs next to nothing.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from i18n_news.config import Config, load_config
from i18n_news.errors import I18nNewsError

__all__ = ["Preview", "Snapshot", "snapshot", "watched_roots"]

Snapshot = dict[str, tuple[int, int]]

#: Files under the watched folders that a build reads.
_SUFFIXES = (".md", ".toml", ".po", ".html", ".htm", ".jinja", ".jinja2", ".j2", ".css",
             ".js", ".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".woff2")  # fmt: skip


def watched_roots(config: Config) -> list[Path]:
    """Folders and files whose changes call for a rebuild."""
    from i18n_news.site import theme

    roots = [config.path, config.content_dir, config.locales_dir, theme.THEME_DIR]
    if config.theme_dir is not None:
        roots.append(config.theme_dir)
    return roots


def snapshot(roots: Iterable[Path]) -> Snapshot:
    """``{path: (mtime_ns, size)}`` of every input file under ``roots``."""
    out: Snapshot = {}
    for root in roots:
        paths: Iterable[Path]
        if root.is_file():
            paths = [root]
        elif root.is_dir():
            paths = (p for p in root.rglob("*") if p.suffix.lower() in _SUFFIXES)
        else:
            continue
        for path in paths:
            try:
                st = path.stat()
            except OSError:  # removed while we looked
                continue
            out[str(path)] = (st.st_mtime_ns, st.st_size)
    return out


class _QuietHandler(SimpleHTTPRequestHandler):
    """Static files from the output folder, no access log, no caching in the browser."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


@dataclass
class Preview:
    """Build, serve and watch one newsroom.

    :param build: called with the (re)loaded configuration; returns lines to print.
    :param echo: prints one line (the CLI passes ``typer.echo``).
    """

    config_path: Path
    out: Path
    build: Callable[[Config], list[str]]
    echo: Callable[[str], None]
    port: int = 8000
    interval: float = 0.5
    stop_event: threading.Event = field(default_factory=threading.Event)
    server: ThreadingHTTPServer | None = None
    _before: Snapshot | None = None

    def start(self) -> Config:
        """First build, then the server in a thread. Returns the configuration."""
        config = load_config(self.config_path)
        # Taken before the build, so a change saved while it runs is not missed.
        self._before = snapshot(watched_roots(config))
        self.out.mkdir(parents=True, exist_ok=True)
        handler = functools.partial(_QuietHandler, directory=str(self.out))
        # Bind first: a port in use fails before a long build, not after.
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        self.server.daemon_threads = True
        for line in self.build(config):
            self.echo(line)
        threading.Thread(
            target=self.server.serve_forever, name="i18nnews-serve", daemon=True
        ).start()
        return config

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def watch(self, config: Config) -> None:
        """Poll for changes until :meth:`stop`; rebuild after each change."""
        roots = watched_roots(config)
        before = self._before if self._before is not None else snapshot(roots)
        while not self.stop_event.wait(self.interval):
            now = snapshot(roots)
            if now == before:
                continue
            # Let an editor finish saving (several files, or write-then-rename).
            if self.stop_event.wait(min(self.interval, 0.2)):
                break
            now = snapshot(roots)
            changed = sorted(
                set(now) ^ set(before) | {p for p in now if p in before and now[p] != before[p]}
            )
            before = now
            self.echo(_changed_line(changed, config))
            try:
                config = load_config(self.config_path)
                for line in self.build(config):
                    self.echo(line)
            except I18nNewsError as exc:  # a broken input must not stop the preview
                from i18n_news.ui.messages import localize_error

                self.echo(localize_error(exc))
                continue
            new_roots = watched_roots(config)
            if new_roots != roots:  # theme_dir or folders moved in the configuration
                roots, before = new_roots, snapshot(new_roots)

    def stop(self, *_: object) -> None:
        self.stop_event.set()

    def close(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


def _changed_line(changed: list[str], config: Config) -> str:
    from i18n_news.ui.messages import _

    def rel(p: str) -> str:
        try:
            return Path(p).relative_to(config.root).as_posix()
        except ValueError:
            return p

    shown = ", ".join(rel(p) for p in changed[:3]) + (" …" if len(changed) > 3 else "")
    return _("changed: {files}; rebuilding").format(files=shown)

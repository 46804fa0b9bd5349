"""Where pages are rendered: in this process, in a local process pool, or on a Dask cluster.

Every executor runs the same task: render a chunk of pages from plain data
with a :class:`Renderer` built once per worker. Pages may come from a lazy
iterator (the build plans while workers render); results come back as
``(page, bytes)`` in completion order, and only a bounded number of chunks
is in flight at a time, so the build writes each page as soon as it is
ready and never holds the planned or rendered site in memory. Which executor ran a
page never changes its bytes.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import itertools
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, Environment, TemplateNotFound

from i18n_news.errors import I18nNewsError
from i18n_news.fs import signals_held
from i18n_news.model import Edition
from i18n_news.site.labels import label_lookup
from i18n_news.site.pages import Page
from i18n_news.site.render import make_environment, render_template
from i18n_news.site.sanitize import render_markdown
from i18n_news.site.theme import EditionCatalogs, template_files

__all__ = [
    "EXECUTORS",
    "EditionBundle",
    "Renderer",
    "TemplateSources",
    "default_jobs",
    "render_pages",
]

EXECUTORS = ("process", "dask")
#: Chunks in flight per worker: enough to keep every worker busy, few enough to bound memory.
_IN_FLIGHT = 4
#: Seconds to wait for the pool's workers to start before going on regardless.
_START_TIMEOUT = 120


def default_jobs() -> int:
    """The cores this process may run on (a CI container's quota, not the host's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


class TemplateSources(BaseLoader):
    """Templates shipped as text, so a worker on another machine needs no theme files.

    Names resolve as with the theme's folder search path (first folder wins);
    errors still name the original file.
    """

    def __init__(self, sources: Mapping[str, tuple[str, str]]) -> None:
        self.sources = dict(sources)  # name -> (source, original filename)

    @classmethod
    def read(cls, dirs: Sequence[Path]) -> TemplateSources:
        found: dict[str, tuple[str, str]] = {}
        for _, name, path in template_files(dirs):
            if name not in found:  # the first folder of the search path wins
                found[name] = (path.read_text(encoding="utf-8"), str(path))
        return cls(found)

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Any]:
        try:
            source, filename = self.sources[template]
        except KeyError:
            raise TemplateNotFound(template) from None
        return source, filename, lambda: True

    def list_templates(self) -> list[str]:
        return sorted(self.sources)


@dataclass(frozen=True)
class EditionBundle:
    """Everything a worker needs to render an edition's pages: plain, picklable data."""

    edition: Edition
    catalogs: EditionCatalogs
    labels: Mapping[tuple[str, str], str]
    now: datetime
    template_dirs: tuple[Path, ...]
    templates: TemplateSources | None = None  # set for workers that may not see template_dirs


class Renderer:
    """Jinja environments per edition, created lazily once per process."""

    def __init__(self, bundles: Mapping[str, EditionBundle]) -> None:
        self.bundles = bundles
        self._envs: dict[str, Any] = {}

    def _env(self, code: str) -> Any:
        env = self._envs.get(code)
        if env is None:
            bundle = self.bundles[code]
            env = make_environment(
                bundle.edition,
                bundle.catalogs.message_translations(),
                now=bundle.now,
                template_dirs=bundle.template_dirs,
                taxonomy_label=label_lookup(bundle.labels),
            )
            if bundle.templates is not None:
                env.loader = bundle.templates
            self._envs[code] = env
        return env

    def render(self, page: Page) -> bytes:
        context = dict(page.context)
        article = context.get("article")
        if article is not None:
            article = dict(article)
            article["body_html"] = render_markdown(article.pop("body_markdown", ""))
            context["article"] = article
        html = render_template(self._env(page.edition), page.template, context)
        return html.encode("utf-8")


# ---------------------------------------------------------------------------
# Worker side (module-level, so process pools and Dask can pickle them)
# ---------------------------------------------------------------------------

_WORKER: Renderer | None = None
_DASK_RENDERERS: dict[str, Renderer] = {}


def _init_worker(bundles: Mapping[str, EditionBundle], build_pid: int, ready: Any) -> None:
    global _WORKER  # noqa: PLW0603 - a pool initializer's state reaches the tasks only this way
    _WORKER = Renderer(bundles)
    # Ctrl-C reaches the whole process group: the build decides, workers stay quiet.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):  # spawned while the build held SIGTERM
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    _exit_with(build_pid)
    with contextlib.suppress(threading.BrokenBarrierError):
        ready.wait(_START_TIMEOUT)


def _started() -> None:
    """A no-op task: submitting one per worker makes the pool start them all."""


def _start_pool(bundles: Mapping[str, EditionBundle], jobs: int) -> ProcessPoolExecutor:
    """A pool whose workers have all started, with SIGINT/SIGTERM held meanwhile.

    A worker still starting when the build exits on Ctrl-C would find the
    pool's semaphores gone and print a traceback; so the signal waits the
    fraction of a second until every worker is past its start-up.
    """
    context = _pool_context()
    if context.get_start_method() == "forkserver":
        # Started outside the hold below, so it and the workers it forks do not inherit it.
        from multiprocessing import forkserver

        forkserver.ensure_running()
    ready = context.Barrier(jobs + 1)
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=context,
        initializer=_init_worker,
        initargs=(dict(bundles), os.getpid(), ready),
    )
    with signals_held():
        for _ in range(jobs):
            pool.submit(_started)
        with contextlib.suppress(threading.BrokenBarrierError):
            ready.wait(_START_TIMEOUT)  # a worker that failed to start: its task will say so
    return pool


def _exit_with(build_pid: int, interval: float = 0.5) -> None:
    """End this worker when the build that started it is gone.

    A build killed with SIGKILL cannot stop its pool: its workers (and the
    fork server, which waits for them) would wait for tasks forever, holding
    the build's stdout and stderr open, and a CI step reading them would hang.
    """

    def watch() -> None:
        while _alive(build_pid):
            time.sleep(interval)
        os._exit(1)

    threading.Thread(target=watch, name="i18nnews-build-watch", daemon=True).start()


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs; a zombie (dead, not yet reaped by its parent) does not."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - another user's process took the pid
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no /proc: trust kill()
    return stat.rsplit(")", 1)[-1].split()[0] not in ("Z", "X")


def _render_chunk(pages: Sequence[Page]) -> list[bytes]:
    assert _WORKER is not None
    return [_WORKER.render(page) for page in pages]


def _dask_render_chunk(
    key: str, bundles: Mapping[str, EditionBundle], pages: Sequence[Page]
) -> list[bytes]:
    """One chunk on a Dask worker; the worker keeps its Renderer for the rest of the build."""
    renderer = _DASK_RENDERERS.get(key)
    if renderer is None:
        _DASK_RENDERERS.clear()  # one build at a time per worker: drop the previous one's
        renderer = _DASK_RENDERERS[key] = Renderer(bundles)
    return [renderer.render(page) for page in pages]


def _pool_context() -> multiprocessing.context.BaseContext:
    """``forkserver`` where available, else ``spawn``; never a plain ``fork``.

    Forking the (possibly multi-threaded: the progress bar refreshes from a
    thread) main process is unsafe. A fork server is a clean single-threaded
    process that imports the renderer once; each worker is forked from it, so
    it starts in milliseconds instead of importing everything again.
    """
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["i18n_news.site.executors"])
        return context
    return multiprocessing.get_context("spawn")


# ---------------------------------------------------------------------------
# Driver side
# ---------------------------------------------------------------------------

#: Pages per task: large enough to amortize a round trip, small enough to balance workers.
CHUNK = 8
#: Below this many pages a pool costs more to start than it saves: render in-process.
POOL_THRESHOLD = 64


def _chunks(pages: Iterable[Page], size: int = CHUNK) -> Iterator[list[Page]]:
    chunk: list[Page] = []
    for page in pages:
        chunk.append(page)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def render_pages(
    pages: Iterable[Page],
    bundles: Mapping[str, EditionBundle],
    *,
    jobs: int,
    executor: str = "process",
    scheduler: str | None = None,
) -> Iterator[tuple[Page, bytes]]:
    """Render ``pages``; yields ``(page, html bytes)`` as pages finish.

    ``pages`` may be a lazy iterator: it is consumed while earlier pages
    render, so planning the rest overlaps with rendering.
    """
    if executor not in EXECUTORS:
        raise I18nNewsError(f"unknown executor '{executor}' (choose from {', '.join(EXECUTORS)})")
    pages = iter(pages)
    head = list(itertools.islice(pages, POOL_THRESHOLD))
    if executor == "dask":
        yield from _render_dask(
            itertools.chain(head, pages), bundles, jobs=jobs, scheduler=scheduler
        )
        return
    if jobs <= 1 or len(head) < POOL_THRESHOLD:
        renderer = Renderer(bundles)
        for page in itertools.chain(head, pages):
            yield page, renderer.render(page)
        return
    with _start_pool(bundles, jobs) as pool:
        yield from _bounded(
            _chunks(itertools.chain(head, pages)),
            lambda chunk: pool.submit(_render_chunk, chunk),
            jobs,
        )


def _bounded(
    chunks: Iterator[list[Page]],
    submit: Callable[[list[Page]], Any],
    workers: int,
    wait: Callable[[set[Any]], set[Any]] | None = None,
) -> Iterator[tuple[Page, bytes]]:
    """Keep ``workers * _IN_FLIGHT`` chunks submitted; yield each one's pages when it is done."""

    def first_done(futures: set[Any]) -> set[Any]:
        done, _ = concurrent.futures.wait(futures, return_when=concurrent.futures.FIRST_COMPLETED)
        return done

    wait = wait or first_done
    limit = max(1, workers * _IN_FLIGHT)
    pending: dict[Any, list[Page]] = {}
    for chunk in chunks:
        pending[submit(chunk)] = chunk
        while len(pending) >= limit:
            yield from _drain(wait(set(pending)), pending)
    while pending:
        yield from _drain(wait(set(pending)), pending)


def _drain(done: set[Any], pending: dict[Any, list[Page]]) -> Iterator[tuple[Page, bytes]]:
    for future in done:
        chunk = pending.pop(future)
        yield from zip(chunk, future.result(), strict=True)


def _render_dask(
    pages: Iterable[Page],
    bundles: Mapping[str, EditionBundle],
    *,
    jobs: int,
    scheduler: str | None,
) -> Iterator[tuple[Page, bytes]]:
    """The same chunks as the process pool, as tasks on a Dask distributed cluster.

    The bundles (catalogs, labels, template sources) are scattered to every
    worker once; each task carries only its pages. Without ``scheduler`` a
    LocalCluster of ``jobs`` worker processes is started for this build.
    """
    try:
        from distributed import Client, LocalCluster, wait
    except ImportError:
        raise I18nNewsError(
            "--executor dask needs the optional dependency: pip install 'i18n-news[dask]'"
        ) from None
    import hashlib
    import pickle

    shipped = {
        code: EditionBundle(
            b.edition,
            b.catalogs,
            b.labels,
            b.now,
            b.template_dirs,
            b.templates or TemplateSources.read(b.template_dirs),
        )
        for code, b in bundles.items()
    }
    key = hashlib.sha256(pickle.dumps(shipped)).hexdigest()
    cluster = None
    try:
        if scheduler is None:
            cluster = LocalCluster(
                n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None
            )
            client = Client(cluster)
        else:
            # Waits up to dask's distributed.comm.timeouts.connect (30 s unless configured).
            client = Client(scheduler)
    except OSError as exc:
        if cluster is not None:
            cluster.close()
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise I18nNewsError(f"cannot reach the Dask scheduler {scheduler}: {reason}") from None
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})) or jobs)
        remote = client.scatter(shipped, broadcast=True, hash=False)

        def submit(chunk: list[Page]) -> Any:
            return client.submit(_dask_render_chunk, key, remote, chunk, pure=False)

        def first_done(futures: set[Any]) -> set[Any]:
            done, _ = wait(list(futures), return_when="FIRST_COMPLETED")
            return set(done)

        yield from _bounded(_chunks(pages), submit, workers, first_done)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

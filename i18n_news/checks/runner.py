"""Run every check over a newsroom: catalogs, content parity, theme RTL lint.

``run_checks`` is the one core entry point of ``i18nnews check``: it reads
the newsroom described by a ``Config``, runs the registered checks, applies
the ``[tool.i18nnews.check]`` settings and inline suppressions, and returns
the findings sorted by file, line and ID. It never prints.

Catalogs are independent of each other, so ``jobs > 1`` checks them in a
process pool; the findings are the same, in the same order, for any number
of jobs.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import i18n_news
from i18n_news.catalogs.articles import load_stories
from i18n_news.catalogs.collector import no_cyclic_gc
from i18n_news.catalogs.scan import ScannedCatalog, scan_po
from i18n_news.checks.catalog import (
    CatalogContext,
    is_suppressed,
    run_catalog_checks,
    suppressions,
)
from i18n_news.checks.parity import (
    ParityContext,
    content_bidi_controls,
    content_error,
    run_parity_checks,
)
from i18n_news.checks.registry import family, finding, load_all
from i18n_news.checks.rtl import ThemeFile, run_rtl_checks, theme_suppressions
from i18n_news.checks.settings import CheckSettings, glob_regex
from i18n_news.config import Config, Threshold
from i18n_news.errors import I18nNewsError
from i18n_news.fs import display_path, read_bytes, read_text
from i18n_news.model import Finding
from i18n_news.sources.content import content_files
from i18n_news.sources.taxonomy import Taxonomy, load_taxonomy

if TYPE_CHECKING:
    from concurrent.futures import Executor

__all__ = [
    "CatalogTask",
    "CheckRequest",
    "CheckRun",
    "check_catalog_file",
    "run_checks",
    "sort_key",
]

_TEMPLATE_SUFFIXES = (".html", ".htm", ".jinja", ".jinja2", ".j2")
Suppressions = dict[int, tuple[str, ...]]


@dataclass(frozen=True)
class CheckRequest:
    """What to check: ``paths`` (relative to the newsroom, POSIX; empty for all) and editions."""

    paths: tuple[str, ...] = ()
    langs: tuple[str, ...] = ()
    now: datetime | None = None
    jobs: int = 1

    def wants(self, path: str) -> bool:
        if not self.paths:
            return True
        return any(path == p or path.startswith(p + "/") for p in self.paths)


@dataclass
class CheckRun:
    """The outcome: findings to report (sorted), files read, findings silenced inline."""

    findings: list[Finding] = field(default_factory=list)
    files_checked: int = 0
    suppressed: int = 0


@dataclass(frozen=True)
class CatalogTask:
    """One catalog to check; everything a worker process needs, as plain values."""

    path: str  # absolute
    shown: str  # relative to the newsroom
    edition: str | None
    language: str
    template: str | None = None
    template_shown: str | None = None
    fuzzy: Threshold = Threshold()
    untranslated: Threshold = Threshold()
    source: bool = False
    syntax_only: bool = False


@dataclass(frozen=True)
class CatalogOutcome:
    findings: list[Finding]
    suppressions: Suppressions


def sort_key(f: Finding) -> tuple[str, int, int, str, str]:
    return (f.path, f.line, f.column, f.check_id, f.message)


def _read_catalog(path: str, shown: str) -> ScannedCatalog | Finding:
    try:
        return scan_po(read_bytes(path, "catalog", shown=shown), shown)
    except I18nNewsError as exc:
        if exc.message.startswith("duplicate entry for msgid"):
            return finding("PO140", shown, exc.line or 0, exc.message)
        return finding("PO100", shown, exc.line or 0, exc.message)


@functools.lru_cache(maxsize=16)
def _read_template(path: str, shown: str) -> ScannedCatalog | Finding:
    """A template is shared by every edition's catalog: scan it once per process."""
    return _read_catalog(path, shown)


def check_catalog_file(task: CatalogTask) -> CatalogOutcome:
    """Read and check one catalog (runs in a worker process with ``jobs > 1``)."""
    with no_cyclic_gc():
        return _check_catalog_file(task)


def _check_catalog_file(task: CatalogTask) -> CatalogOutcome:
    load_all()
    po = (_read_template if task.syntax_only else _read_catalog)(task.path, task.shown)
    if isinstance(po, Finding):
        return CatalogOutcome([_with_edition(po, task.edition)], {})
    if task.syntax_only:
        return CatalogOutcome([], {})
    template = None
    if task.template is not None:
        read = _read_template(task.template, task.template_shown or task.template)
        template = read if isinstance(read, ScannedCatalog) else None
    ctx = CatalogContext(
        po, task.shown, task.edition, task.language,
        template=template, template_path=task.template_shown,
        fuzzy=task.fuzzy, untranslated=task.untranslated, source=task.source,
    )  # fmt: skip
    found = run_catalog_checks(ctx, [spec.func for spec in family("catalog")])
    return CatalogOutcome(found, suppressions(po))


def _with_edition(f: Finding, edition: str | None) -> Finding:
    from dataclasses import replace

    return replace(f, edition=edition) if edition and f.edition is None else f


def catalog_tasks(
    config: Config, settings: CheckSettings, request: CheckRequest
) -> list[CatalogTask]:
    """Every catalog of every edition (then every template, for syntax), as tasks."""
    from i18n_news.catalogs.operations import catalogs

    tasks: list[CatalogTask] = []
    for edition, domain, path in catalogs(config):
        shown = display_path(path, config.root)
        if request.langs and edition not in request.langs:
            continue
        if not request.wants(shown):
            continue
        template = config.template_path(domain)
        fuzzy, untranslated = settings.thresholds(shown, edition)
        tasks.append(
            CatalogTask(
                path=str(path), shown=shown, edition=edition,
                language=config.editions[edition].locale,
                template=str(template) if template.is_file() else None,
                template_shown=display_path(template, config.root),
                fuzzy=fuzzy, untranslated=untranslated,
                source=edition == config.source_edition,
            )
        )  # fmt: skip
    locales = config.locales_dir
    for template in [*sorted(locales.glob("*.pot")), *sorted(locales.glob("articles/*.pot"))]:
        shown = display_path(template, config.root)
        if request.wants(shown):
            tasks.append(
                CatalogTask(str(template), shown, None, config.source.locale, syntax_only=True)
            )
    return tasks


def theme_files(config: Config, settings: CheckSettings, request: CheckRequest) -> list[Path]:
    """Templates and stylesheets the RTL lint reads, sorted, without duplicates.

    The default theme is linted when it lives inside the newsroom (this
    repository's sample), since only then can the newsroom change it.
    """
    found: set[Path] = set()
    default = Path(i18n_news.__file__).resolve().parent / "theme"
    roots: list[Path] = []
    if config.extract.default_theme and default.is_relative_to(config.root):
        roots.append(default)
    if config.theme_dir is not None:
        roots.append(config.theme_dir)
    for root in roots:
        if root.is_dir():
            found.update(p for p in root.rglob("*") if _is_theme_file(p))
    patterns = [*config.extract.templates, *settings.theme]
    for pattern in patterns:
        regex = glob_regex(pattern)
        base = _glob_base(config.root, pattern)
        if base.is_dir():
            for p in base.rglob("*"):
                if _is_theme_file(p) and regex.fullmatch(display_path(p, config.root)):
                    found.add(p.resolve())
    out = sorted(found, key=lambda p: display_path(p, config.root))
    return [p for p in out if request.wants(display_path(p, config.root))]


def _glob_base(root: Path, pattern: str) -> Path:
    parts = []
    for part in Path(pattern).parts:
        if any(c in part for c in "*?["):
            break
        parts.append(part)
    return root.joinpath(*parts) if parts else root


def _is_theme_file(path: Path) -> bool:
    return path.is_file() and (path.suffix in _TEMPLATE_SUFFIXES or path.suffix == ".css")


def _run_theme(
    config: Config, settings: CheckSettings, request: CheckRequest
) -> tuple[list[Finding], dict[str, Suppressions], int]:
    findings: list[Finding] = []
    quiet: dict[str, Suppressions] = {}
    files = theme_files(config, settings, request)
    checks = [spec.func for spec in family("rtl")]
    for path in files:
        try:
            text = read_text(path, "theme file")
        except I18nNewsError:
            continue  # an unreadable template is not the RTL lint's to report
        file = ThemeFile(
            display_path(path, config.root), "css" if path.suffix == ".css" else "template", text
        )
        findings.extend(run_rtl_checks(file, checks))
        quiet[file.path] = theme_suppressions(file)
    return findings, quiet, len(files)


def _run_parity(config: Config, now: datetime) -> tuple[list[Finding], int]:
    errors: list[I18nNewsError] = []
    try:
        taxonomy = load_taxonomy(config.taxonomy_path, config.editions)
    except I18nNewsError as exc:
        errors.append(exc)
        taxonomy = Taxonomy(config.taxonomy_path)
    stories = load_stories(config, taxonomy=taxonomy, errors=errors)
    findings = [
        content_error(exc, config)
        for exc in errors
        if not str(exc.path or "").endswith((".po", ".pot"))  # PO100 reports those
    ]
    ctx = ParityContext(config, stories, taxonomy, now)
    parity_checks = [spec.func for spec in family("parity")]
    parity_checks.append(content_bidi_controls)  # PO105 for stories (see its docstring)
    findings += run_parity_checks(ctx, parity_checks)
    files = len(content_files(config)) + (1 if config.taxonomy_path.is_file() else 0)
    return findings, files


def run_checks(config: Config, settings: CheckSettings, request: CheckRequest) -> CheckRun:
    """Check the newsroom; findings about ``request.paths`` only, when given."""
    with no_cyclic_gc():
        return _run_checks(config, settings, request)


def _run_checks(config: Config, settings: CheckSettings, request: CheckRequest) -> CheckRun:
    load_all()
    _read_template.cache_clear()  # one run's cache: files may change between runs
    tasks = catalog_tasks(config, settings, request)
    executor: Executor | None = None
    if request.jobs > 1 and len(tasks) > 1:
        from concurrent.futures import ProcessPoolExecutor

        executor = ProcessPoolExecutor(max_workers=min(request.jobs, len(tasks)))
    try:
        pending = (
            executor.map(check_catalog_file, tasks, chunksize=1) if executor is not None else None
        )
        raw: list[Finding] = []
        quiet: dict[str, Suppressions] = {}
        parity, content_count = _run_parity(config, request.now or datetime.now(UTC))
        raw += parity
        theme, theme_quiet, theme_count = _run_theme(config, settings, request)
        raw += theme
        quiet.update(theme_quiet)
        outcomes: Iterable[CatalogOutcome] = (
            pending if pending is not None else map(check_catalog_file, tasks)
        )
        for task, outcome in zip(tasks, outcomes, strict=True):
            raw += outcome.findings
            quiet[task.shown] = outcome.suppressions
    finally:
        if executor is not None:
            executor.shutdown()
    run = CheckRun(files_checked=len(tasks) + theme_count)
    if not request.paths:
        run.files_checked += content_count
    else:
        run.files_checked += sum(
            1 for _, p in content_files(config) if request.wants(display_path(p, config.root))
        ) + (
            1
            if request.wants(display_path(config.taxonomy_path, config.root))
            and config.taxonomy_path.is_file()
            else 0
        )
    for f in raw:
        if not request.wants(f.path):
            continue
        if request.langs and f.edition is not None and f.edition not in request.langs:
            continue
        applied = settings.apply(f)
        if applied is None:
            continue
        if is_suppressed(applied, quiet.get(applied.path, {})):
            run.suppressed += 1
            continue
        run.findings.append(applied)
    run.findings.sort(key=sort_key)
    return run


def default_jobs() -> int:
    return max(1, min(8, os.cpu_count() or 1))

"""The catalog workflow over a whole newsroom: extract, init, update, compile, stats.

Each function reads the newsroom described by a ``Config``, does its work
through the pure modules (``extract``, ``catalogs``, ``compiler``) and returns
a report of what it did; the CLI only prints those reports.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from i18n_news.catalogs.collector import no_cyclic_gc
from i18n_news.catalogs.entry import POFile
from i18n_news.catalogs.merge import merge
from i18n_news.catalogs.mofile import to_json, to_mo
from i18n_news.catalogs.reader import parse_po, read_po, read_po_bytes
from i18n_news.catalogs.stats import stats
from i18n_news.catalogs.templates import build_template, init_catalog, now_stamp, template_bytes
from i18n_news.catalogs.writer import render_po
from i18n_news.config import Config
from i18n_news.errors import I18nNewsError
from i18n_news.fs import atomic_write, display_path, newsroom_lock, read_bytes, read_text
from i18n_news.model import Finding

P = ParamSpec("P")
R = TypeVar("R")

#: Domains every translation edition gets a catalog for; per-article ones are opt-in.
UI_DOMAINS = ("messages", "taxonomy")


@dataclass
class FileChange:
    path: Path
    action: str  # "created", "updated", "unchanged", "would create", "would update"
    detail: str = ""


@dataclass
class Report:
    changes: list[FileChange] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def changed(self) -> list[FileChange]:
        return [c for c in self.changes if c.action != "unchanged"]


def _locked(func: Callable[P, R]) -> Callable[P, R]:
    """Run a catalog-writing command under ``locales/.i18nnews.lock`` (not with ``check``)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        config = args[0]
        with no_cyclic_gc():
            if kwargs.get("check") or not isinstance(config, Config):
                return func(*args, **kwargs)
            with newsroom_lock(config.locales_dir):
                return func(*args, **kwargs)

    return wrapper


def project_name(config: Config) -> str:
    if config.path.name == "pyproject.toml":
        try:
            data = tomllib.loads(read_text(config.path, "configuration file"))
            name = data.get("project", {}).get("name")
            if name:
                return str(name)
        except (I18nNewsError, tomllib.TOMLDecodeError):
            pass
    return config.root.name


def _existing(path: Path) -> bytes | None:
    """The bytes of a template, ``.mo`` or ``.json`` about to be rewritten; None if absent."""
    if not path.exists():
        return None
    return read_bytes(path, "catalog")


def build_templates(config: Config, now: datetime | None = None) -> dict[str, POFile]:
    """``{domain: template}`` for the newsroom as it is on disk now."""
    created = now_stamp(now)
    project = project_name(config)
    return {
        domain: build_template(
            messages, project=project, created=created, width=config.extract.width
        )
        for domain, messages in _domain_messages(config).items()
    }


@_locked
def extract(config: Config, *, check: bool = False, now: datetime | None = None) -> Report:
    """Write ``locales/<domain>.pot``; with ``check``, only report what would change."""
    report = Report()
    for domain, template in build_templates(config, now).items():
        path = config.template_path(domain)
        old = _existing(path)
        data = template_bytes(template, old)
        if data is None:
            report.changes.append(FileChange(path, "unchanged"))
            continue
        action = "created" if old is None else "updated"
        if check:
            report.changes.append(
                FileChange(path, f"would be {action}", f"{len(template.entries)} messages")
            )
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, data)
        report.changes.append(FileChange(path, action, f"{len(template.entries)} messages"))
    return report


def template_domains(config: Config) -> list[str]:
    """Domains with a template on disk: ``messages``, ``taxonomy``, ``articles/<key>``."""
    root = config.locales_dir
    if not root.is_dir():
        return []
    domains = [p.stem for p in sorted(root.glob("*.pot"))]
    domains += [f"articles/{p.stem}" for p in sorted((root / "articles").glob("*.pot"))]
    return domains


def _read_template(config: Config, domain: str) -> POFile:
    path = config.template_path(domain)
    if not path.exists():
        raise I18nNewsError("template missing: run `i18nnews extract` first", path)
    return read_po(path)


@_locked
def init(
    config: Config, edition: str, *, domains: list[str] | None = None, now: datetime | None = None
) -> Report:
    """Create the catalogs of a new edition; existing catalogs are never overwritten."""
    try:
        config.edition(edition)
    except I18nNewsError as exc:  # the edition to add goes in the configuration: point there
        raise config.error(exc.message, "editions") from None
    report = Report()
    wanted = domains or [d for d in template_domains(config) if d in UI_DOMAINS]
    if not wanted:
        raise I18nNewsError("no templates found: run `i18nnews extract` first", config.locales_dir)
    for domain in wanted:
        template = _read_template(config, domain)
        path = config.catalog_path(edition, domain)
        if path.exists():
            report.changes.append(FileChange(path, "skipped", "exists; use `update` to merge"))
            continue
        po = init_catalog(
            template,
            config.editions[edition],
            project=project_name(config),
            now=now,
            width=config.extract.width,
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, render_po(po))
        report.changes.append(FileChange(path, "created", f"{len(po.entries)} messages"))
    return report


@_locked
def update(config: Config, *, check: bool = False, now: datetime | None = None) -> Report:
    """Merge every template into every existing catalog of every translation edition.

    UI domains (messages, taxonomy) missing in an edition are created as by
    ``init``; per-article catalogs exist only where a translator started one.
    """
    report = Report()
    templates = {domain: _read_template(config, domain) for domain in template_domains(config)}
    for edition in config.translation_editions():
        for domain, template in templates.items():
            path = config.catalog_path(edition, domain)
            old = _existing(path)
            if old is None:
                if domain not in UI_DOMAINS:
                    continue
                po = init_catalog(
                    template,
                    config.editions[edition],
                    project=project_name(config),
                    now=now,
                    width=config.extract.width,
                )
                data, action = render_po(po), "created"
            else:
                po = parse_po(old, str(path))
                result = merge(po, template)
                data = render_po(po)
                action = "updated" if data != old else "unchanged"
                if action == "updated":
                    detail = ", ".join(
                        f"{n} {label}"
                        for n, label in (
                            (result.added, "new"),
                            (result.fuzzy, "fuzzy"),
                            (result.obsoleted, "obsolete"),
                            (result.revived, "revived"),
                        )
                        if n
                    )
                    report.changes.append(
                        FileChange(path, "would be updated" if check else action, detail)
                    )
                    if not check:
                        atomic_write(path, data)
                    continue
                report.changes.append(FileChange(path, action))
                continue
            if check:
                report.changes.append(FileChange(path, "would be created"))
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                atomic_write(path, data)
                report.changes.append(FileChange(path, action, f"{len(po.entries)} messages"))
    return report


def catalogs(config: Config) -> list[tuple[str, str, Path]]:
    """``(edition, domain, path)`` of every catalog on disk, in config order."""
    out = []
    for edition in config.editions:
        base = config.locales_dir / edition / "LC_MESSAGES"
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*.po")):
            domain = path.relative_to(base).with_suffix("").as_posix()
            out.append((edition, domain, path))
    return out


#: The error-level problems that keep a catalog from being compiled:
#: ``gate(catalog, shown_path, edition, language) -> findings``. The CLI passes
#: the catalog checks' gate (``checks.catalog.compile_gate``); the checks sit
#: above this stage, so they come in as a value, not an import.
CompileGate = Callable[[Any, str, str, str], list[Finding]]


@_locked
def compile_catalogs(
    config: Config, *, gate: CompileGate | None = None, force: bool = False
) -> Report:
    """``.mo`` and ``.json`` beside each ``.po``; a catalog the ``gate`` finds errors in is refused.

    ``force`` compiles it anyway; without a ``gate`` every catalog that parses is compiled.
    """
    report = Report()
    for edition, _domain, path in catalogs(config):
        po = _read_for_compile(path)
        shown = display_path(path, config.root)
        language = config.editions[edition].language
        errors = gate(po, shown, edition, language) if gate is not None else []
        if errors and not force:
            report.findings.extend(errors)
            report.changes.append(FileChange(path, "refused", f"{len(errors)} error(s)"))
            continue
        for target, data in (
            (path.with_suffix(".mo"), to_mo(po)),
            (path.with_suffix(".json"), to_json(po)),
        ):
            old = _existing(target)
            atomic_write(target, data)
            report.changes.append(
                FileChange(
                    target,
                    "unchanged" if old == data else ("created" if old is None else "updated"),
                )
            )
    return report


def _read_for_compile(path: Path) -> Any:
    """The catalog's entries for ``compile``: the fast read-only reader when it can.

    ``compile`` never writes a ``.po`` back, so it needs no source lines; on
    the files it accepts, ``checks.scan.scan_exact`` gives the entries
    ``parse_po`` gives (about four times faster); on the others (another
    charset, unusual layout, duplicates) ``parse_po`` reads the file and
    reports its errors as before.
    """
    from i18n_news.catalogs.scan import scan_exact

    name = str(path)
    data = read_po_bytes(path)
    scanned = scan_exact(data, name)
    return scanned if scanned is not None else parse_po(data, name)


def catalog_stats(config: Config) -> list[dict[str, str | int | float]]:
    """One row per edition and domain (per-article catalogs summed as ``articles``)."""
    sums: dict[tuple[str, str], dict[str, int]] = {}
    for edition, domain, path in catalogs(config):
        counts = stats(read_po(path))
        group = "articles" if domain.startswith("articles/") else domain
        acc = sums.setdefault((edition, group), {"catalogs": 0})
        acc["catalogs"] += 1
        for key, value in counts.items():
            if key != "percent":
                acc[key] = acc.get(key, 0) + int(value)
    rows: list[dict[str, str | int | float]] = []
    for (edition, group), acc in sums.items():
        total = acc.get("total", 0)
        percent = round(100.0 * acc.get("translated", 0) / total, 1) if total else 100.0
        rows.append({"edition": edition, "domain": group, **acc, "percent": percent})
    order = {code: i for i, code in enumerate(config.editions)}
    return sorted(rows, key=lambda r: (order[str(r["edition"])], str(r["domain"])))


def _domain_messages(config: Config) -> dict[str, Any]:
    """``extract.domain_messages``, imported when needed (it loads jinja2)."""
    from i18n_news.catalogs.extract import domain_messages

    return domain_messages(config)

"""The translation dashboard: one self-contained HTML page for editors and translation leads.

What it shows, per edition: catalog progress (the rows of ``stats --format
json``), stories missing or stale and for how long, the check findings grouped
by check, and — inside a git repository — translation coverage over the last
commits, read with ``git log`` and ``git show`` (nothing is checked out).

Everything is inline (CSS, bars, no script, no network asset), and the page is
written in ``ui_lang`` through the toolkit's own ``i18nnews`` catalogs.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from i18n_news.config import Config
from i18n_news.fs import display_path
from i18n_news.model import Finding

__all__ = ["Dashboard", "collect", "coverage_history", "render_dashboard"]

TEMPLATE = Path(__file__).resolve().parent / "dashboard.html"


@dataclass
class Lag:
    key: str
    title: str
    edition: str
    status: str  # "missing" | "stale" | "draft"
    since: datetime
    lag_seconds: int
    path: str


@dataclass
class CheckGroup:
    check_id: str
    name: str
    severity: str
    summary: str
    findings: list[Finding]


@dataclass
class Point:
    commit: str
    date: str
    subject: str
    percent: dict[str, float]  # edition -> percent translated over all its catalogs


@dataclass
class Dashboard:
    project: str
    now: datetime
    editions: list[dict[str, str]]
    stats: list[dict[str, str | int | float]]
    lags: list[Lag] = field(default_factory=list)
    checks: list[CheckGroup] = field(default_factory=list)
    history: list[Point] = field(default_factory=list)
    files_checked: int = 0


def story_lags(config: Config, now: datetime) -> list[Lag]:
    """Stories missing, only drafted or stale in an edition they must reach, longest lag first."""
    from i18n_news.catalogs.articles import load_stories
    from i18n_news.errors import I18nNewsError
    from i18n_news.sources.stories import story_status
    from i18n_news.sources.taxonomy import load_taxonomy

    errors: list[I18nNewsError] = []
    try:
        taxonomy = load_taxonomy(config.taxonomy_path, config.editions)
    except I18nNewsError:
        taxonomy = None
    stories = load_stories(config, taxonomy=taxonomy, errors=errors)
    out: list[Lag] = []
    for story in stories.values():
        origin_code = story.origin_edition
        origin = story.articles.get(origin_code) if origin_code else None
        if origin is None or origin.draft:
            continue
        required = origin.editions if origin.editions is not None else config.parity.required
        for code in required:
            if code == origin.edition or code not in config.editions:
                continue
            status = story_status(story, code)
            if status not in ("missing", "draft", "stale"):
                continue
            since = origin.published if status != "stale" else (origin.updated or origin.published)
            article = story.articles.get(code)
            out.append(
                Lag(
                    key=story.key,
                    title=origin.title,
                    edition=code,
                    status=status,
                    since=since,
                    lag_seconds=max(0, int((now - since).total_seconds())),
                    path=display_path((article or origin).path, config.root),
                )
            )
    out.sort(key=lambda lag: (-lag.lag_seconds, lag.edition, lag.key))
    return out


def check_groups(config: Config, now: datetime) -> tuple[list[CheckGroup], int]:
    """``i18nnews check``'s findings (configured severities), grouped by check."""
    from i18n_news.checks.registry import lookup
    from i18n_news.checks.runner import CheckRequest, run_checks
    from i18n_news.checks.settings import load_settings

    run = run_checks(config, load_settings(config), CheckRequest(now=now))
    groups: dict[str, CheckGroup] = {}
    for f in run.findings:
        group = groups.get(f.check_id)
        if group is None:
            spec = lookup(f.check_id)
            group = groups[f.check_id] = CheckGroup(
                f.check_id,
                spec.name if spec else "",
                f.severity.value,
                spec.summary if spec else "",
                [],
            )
        group.findings.append(f)
    rank = {"error": 0, "warning": 1, "info": 2}
    ordered = sorted(groups.values(), key=lambda g: (rank.get(g.severity, 3), g.check_id))
    return ordered, run.files_checked


def _git(root: Path, *args: str) -> bytes | None:
    try:
        proc = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return proc.stdout if proc.returncode == 0 else None


def coverage_history(config: Config, commits: int = 10) -> list[Point]:
    """Percent translated per edition at each of the last ``commits`` commits touching catalogs.

    Empty outside a git repository, without git, or when the catalogs were never committed.
    """
    from i18n_news.catalogs.reader import parse_po
    from i18n_news.catalogs.stats import stats

    root = config.root
    top = _git(root, "rev-parse", "--show-toplevel")
    if top is None or commits <= 0:
        return []
    top_dir = Path(top.decode().strip())
    try:
        locales = config.locales_dir.resolve().relative_to(top_dir.resolve()).as_posix()
    except ValueError:
        return []
    log = _git(top_dir, "log", f"-n{commits}", "--format=%H%x09%cI%x09%s", "--", locales)
    if not log:
        return []
    points: list[Point] = []
    for line in log.decode("utf-8", "replace").splitlines():
        sha, date, subject = [*line.split("\t", 2), "", ""][:3]
        listing = _git(top_dir, "ls-tree", "-r", "--name-only", sha, "--", locales)
        totals: dict[str, list[int]] = {}
        for name in (listing or b"").decode("utf-8", "replace").splitlines():
            parts = name[len(locales) + 1 :].split("/")
            if len(parts) < 3 or parts[1] != "LC_MESSAGES" or not name.endswith(".po"):
                continue
            code = parts[0]
            if code not in config.editions:
                continue
            data = _git(top_dir, "show", f"{sha}:{name}")
            if data is None:
                continue
            try:
                counts = stats(parse_po(data, name))
            except Exception:  # an old broken catalog is just not counted
                continue
            acc = totals.setdefault(code, [0, 0])
            acc[0] += int(counts["translated"])
            acc[1] += int(counts["total"])
        percent = {code: round(100.0 * t / n, 1) if n else 100.0 for code, (t, n) in totals.items()}
        points.append(Point(sha[:8], date[:10], subject, percent))
    points.reverse()  # oldest first, like a chart reads
    return points


def collect(config: Config, now: datetime | None = None, commits: int = 10) -> Dashboard:
    from i18n_news.catalogs import operations

    clock = now or datetime.now(UTC)
    groups, files = check_groups(config, clock)
    return Dashboard(
        project=operations.project_name(config),
        now=clock,
        editions=[
            {"code": e.code, "name": e.name, "dir": e.direction, "lang": e.lang}
            for e in config.editions.values()
        ],
        stats=operations.catalog_stats(config),
        lags=story_lags(config, clock),
        checks=groups,
        history=coverage_history(config, commits),
        files_checked=files,
    )


def render_dashboard(board: Dashboard, ui_lang: str = "en") -> str:
    """The dashboard as one HTML document in ``ui_lang`` (``ar`` gives ``dir="rtl"``)."""
    import jinja2
    from babel import Locale
    from babel.dates import format_datetime, format_timedelta

    from i18n_news.ui.messages import translations

    try:
        locale = Locale.parse(ui_lang)
    except Exception:  # an unknown language falls back to English
        locale, ui_lang = Locale.parse("en"), "en"
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE.parent)),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # Added to the environment by the jinja2.ext.i18n extension, unknown to the stubs.
    env.install_gettext_translations(translations(ui_lang), newstyle=True)  # type: ignore[attr-defined]

    def lag(seconds: int) -> str:
        return format_timedelta(seconds, locale=locale, threshold=1.5)

    def when(value: datetime) -> str:
        return format_datetime(value, "medium", locale=locale)

    names = {e["code"]: e for e in board.editions}
    context: dict[str, Any] = {
        "board": board,
        "lang": ui_lang,
        "dir": "rtl" if locale.character_order == "right-to-left" else "ltr",
        "names": names,
        "lag": lag,
        "when": when,
        "history_editions": sorted(
            {code for p in board.history for code in p.percent}, key=list(names).index
        ),
        "errors": sum(len(g.findings) for g in board.checks if g.severity == "error"),
        "warnings": sum(len(g.findings) for g in board.checks if g.severity == "warning"),
        "infos": sum(len(g.findings) for g in board.checks if g.severity == "info"),
    }
    return env.get_template(TEMPLATE.name).render(context)

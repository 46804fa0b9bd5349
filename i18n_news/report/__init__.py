"""Reporters: each output format is a pure ``render(findings, summary) -> str``.

Like ruff's ``OutputFormat``, one enum names the formats and one table maps
them to their renderer, so every format is golden-tested the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from i18n_news.model import Finding, Severity

__all__ = ["OutputFormat", "Summary", "exit_code", "render", "summarize"]


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    junit = "junit"
    sarif = "sarif"


@dataclass(frozen=True)
class Summary:
    """Counts for the summary line and the JSON ``summary`` object."""

    files_checked: int
    error: int
    warning: int
    info: int
    files_with_findings: int
    baselined: int = 0
    suppressed: int = 0
    fail_on: Severity = Severity.ERROR

    @property
    def total(self) -> int:
        return self.error + self.warning + self.info

    @property
    def exit_code(self) -> int:
        counts = {
            Severity.ERROR: self.error,
            Severity.WARNING: self.warning,
            Severity.INFO: self.info,
        }
        return 1 if any(n for sev, n in counts.items() if sev.rank >= self.fail_on.rank) else 0

    def as_dict(self) -> dict[str, object]:
        return {
            "files_checked": self.files_checked,
            "files_with_findings": self.files_with_findings,
            "findings": self.total,
            "error": self.error,
            "warning": self.warning,
            "info": self.info,
            "baselined": self.baselined,
            "suppressed": self.suppressed,
            "fail_on": self.fail_on.value,
            "exit_code": self.exit_code,
        }


def summarize(
    findings: Sequence[Finding],
    files_checked: int,
    *,
    baselined: int = 0,
    suppressed: int = 0,
    fail_on: Severity = Severity.ERROR,
) -> Summary:
    counts = {s: 0 for s in Severity}
    for f in findings:
        counts[f.severity] += 1
    return Summary(
        files_checked=files_checked,
        error=counts[Severity.ERROR],
        warning=counts[Severity.WARNING],
        info=counts[Severity.INFO],
        files_with_findings=len({f.path for f in findings}),
        baselined=baselined,
        suppressed=suppressed,
        fail_on=fail_on,
    )


def exit_code(findings: Sequence[Finding], fail_on: Severity) -> int:
    """1 when a finding is at or above ``fail_on``, else 0."""
    return 1 if any(f.severity.rank >= fail_on.rank for f in findings) else 0


Renderer = Callable[[Sequence[Finding], Summary], str]


def renderer(fmt: OutputFormat | str) -> Renderer:
    """The ``render`` function of one format's module, imported on demand (junit loads lxml)."""
    import importlib

    name = OutputFormat(fmt).value
    module = importlib.import_module(f"i18n_news.report.{name}")
    render_: Renderer = module.render
    return render_


def render(fmt: OutputFormat | str, findings: Sequence[Finding], summary: Summary) -> str:
    return renderer(fmt)(findings, summary)

"""Text: findings grouped by file, then one summary line (the default format)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import groupby

from i18n_news.checks.registry import CHECKS
from i18n_news.model import Finding
from i18n_news.report import Summary

#: Styles a piece of text (``paint("error", "red")``); the CLI passes its terminal
#: colors, everything else gets plain text.
Painter = Callable[..., str]
_SEVERITY_STYLE = {"error": ("bold", "red"), "warning": ("yellow",), "info": ("cyan",)}


def _plain(text: str, *_styles: str) -> str:
    return text


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(summary: Summary) -> str:
    """``Found 2 errors, 1 warning and 0 infos in 2 files (14 files checked).``"""
    checked = f"{_plural(summary.files_checked, 'file')} checked"
    extra = []
    if summary.baselined:
        extra.append(f"{summary.baselined} known in the baseline")
    if summary.suppressed:
        extra.append(f"{summary.suppressed} suppressed inline")
    tail = f"; {', '.join(extra)}" if extra else ""
    if not summary.total:
        return f"No findings ({checked}{tail})."
    counts = (
        f"{_plural(summary.error, 'error')}, {_plural(summary.warning, 'warning')} and "
        f"{_plural(summary.info, 'info')}"
    )
    return f"Found {counts} in {_plural(summary.files_with_findings, 'file')} ({checked}{tail})."


def render(findings: Sequence[Finding], summary: Summary, *, paint: Painter = _plain) -> str:
    """Each file, then its findings as ``  line:col  severity  ID  message  [name]``.

    ``paint`` styles the file names, severities, IDs and the summary (terminal
    colors); columns are padded before styling, so they line up either way.
    """
    out: list[str] = []
    for path, group in groupby(findings, key=lambda f: f.path):
        out.append(paint(path, "bold"))
        for f in group:
            where = f"{f.line}:{f.column}" if f.column else f"{f.line}"
            name = CHECKS[f.check_id].name if f.check_id in CHECKS else ""
            edition = f" ({f.edition})" if f.edition else ""
            severity = paint(f"{f.severity.value:<7}", *_SEVERITY_STYLE.get(f.severity.value, ()))
            out.append(
                f"  {where:<8} {severity}  {paint(f'{f.check_id:<6}', 'bold')}  "
                f"{f.message}{edition}  {paint(f'[{name}]', 'dim')}"
            )
        out.append("")
    tone = "red" if summary.error else "yellow" if summary.warning else "green"
    out.append(paint(summary_line(summary), "bold", tone))
    return "\n".join(out) + "\n"

"""JSON: ``{"findings": [...], "summary": {...}}`` for scripts and dashboards."""

from __future__ import annotations

import json
from collections.abc import Sequence

from i18n_news.checks.baseline import fingerprint
from i18n_news.checks.registry import CHECKS
from i18n_news.model import Finding
from i18n_news.report import Summary


def finding_dict(f: Finding) -> dict[str, object]:
    return {
        "check_id": f.check_id,
        "name": CHECKS[f.check_id].name if f.check_id in CHECKS else None,
        "severity": f.severity.value,
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "message": f.message,
        "edition": f.edition,
        "fingerprint": fingerprint(f),
    }


def render(findings: Sequence[Finding], summary: Summary) -> str:
    data = {"findings": [finding_dict(f) for f in findings], "summary": summary.as_dict()}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

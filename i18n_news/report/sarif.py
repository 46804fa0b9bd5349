"""SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards.

Every registered check is a rule (ID, name, one-line and full description,
default level); every finding a result with its location, edition and a
partial fingerprint (the baseline's) so dashboards track it across commits.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from i18n_news import __version__
from i18n_news.checks.baseline import fingerprint
from i18n_news.checks.registry import load_all
from i18n_news.model import Finding, Severity
from i18n_news.report import Summary

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(findings: Sequence[Finding], summary: Summary) -> str:
    checks = load_all()
    index = {check_id: i for i, check_id in enumerate(checks)}
    rules = [
        {
            "id": spec.id,
            "name": spec.name,
            "shortDescription": {"text": spec.summary},
            "fullDescription": {"text": spec.summary},
            "help": {"text": spec.doc or spec.summary, "markdown": spec.doc or spec.summary},
            "defaultConfiguration": {"level": _LEVEL[spec.severity]},
            "properties": {"family": spec.family, "since": spec.since},
        }
        for spec in checks.values()
    ]
    results = []
    for f in findings:
        location: dict[str, object] = {
            "artifactLocation": {"uri": f.path, "uriBaseId": "%SRCROOT%"}
        }
        if f.line:
            region: dict[str, int] = {"startLine": f.line}
            if f.column:
                region["startColumn"] = f.column
            location["region"] = region
        result: dict[str, object] = {
            "ruleId": f.check_id,
            "level": _LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": location}],
            "partialFingerprints": {"i18nnews/v1": fingerprint(f)},
        }
        if f.check_id in index:
            result["ruleIndex"] = index[f.check_id]
        if f.edition:
            result["properties"] = {"edition": f.edition}
        results.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "i18nnews",
                        "semanticVersion": __version__,
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": "./"}},
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": {"summary": summary.as_dict()},
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"

"""GitHub Actions workflow commands: one annotation per finding on the pull request.

``::error file=…,line=…,col=…,title=i18nnews (PO101)::message``; info
findings become notices. Values are escaped as the runner expects (``%``,
CR and LF everywhere; also ``:`` and ``,`` in properties).
"""

from __future__ import annotations

from collections.abc import Sequence

from i18n_news.model import Finding, Severity
from i18n_news.report import Summary

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(findings: Sequence[Finding], summary: Summary) -> str:
    out = []
    for f in findings:
        props = [f"file={_property(f.path)}"]
        if f.line:
            props.append(f"line={f.line}")
            if f.column:
                props.append(f"col={f.column}")
        props.append(f"title={_property(f'i18nnews ({f.check_id})')}")
        edition = f" [{f.edition}]" if f.edition else ""
        out.append(f"::{_COMMAND[f.severity]} {','.join(props)}::{_data(f.message + edition)}")
    return "".join(line + "\n" for line in out)

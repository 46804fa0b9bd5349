"""Real-browser check of the built sample: RTL layout, its LTR mirror, no horizontal overflow.

Builds the sample, serves ``dist/`` on 127.0.0.1 (an ephemeral port) and opens
the seed article of the Arabic and English editions in headless Chromium
(Debian's ``chromium`` package, driven by playwright). Screenshots of both
pages at both widths go to ``test-output/screenshots/`` (git-ignored).
"""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from build_helpers import NOW, ROOT, SEED_PATH, copy_sample

from i18n_news.config import load_config
from i18n_news.site.build import build_site

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = ROOT / "test-output" / "screenshots"
WIDTHS = (375, 1280)
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium)"
)

# Geometry the assertions need, measured in the page.
MEASURE = """
() => {
  const box = (el) => {
    const r = el.getBoundingClientRect();
    return {left: r.left, right: r.right, width: r.width};
  };
  const content = (el) => {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    return {left: r.left + parseFloat(s.paddingLeft), right: r.right - parseFloat(s.paddingRight)};
  };
  const nav = document.querySelector('.main-nav .container');
  const first = document.querySelector('.main-nav .menu > li');
  const byline = document.querySelector('.story-meta .byline');
  const meta = document.querySelector('.story-meta');
  const title = document.querySelector('.story-title');
  const main = document.querySelector('.page-main');
  return {
    direction: getComputedStyle(document.documentElement).direction,
    bodyDirection: getComputedStyle(document.body).direction,
    navContainer: content(nav),
    firstNavItem: box(first),
    firstNavText: first.innerText.trim(),
    byline: box(byline),
    bylineAlign: getComputedStyle(byline).textAlign,
    meta: content(meta),
    title: box(title),
    main: content(main),
    scrollWidth: document.scrollingElement.scrollWidth,
    innerWidth: window.innerWidth,
    letterSpacing: [...document.querySelectorAll('.ticker-label, .card-section, .story-title')]
      .map((el) => getComputedStyle(el).letterSpacing),
    textTransform: [...document.querySelectorAll('.ticker-label, .card-section')]
      .map((el) => getComputedStyle(el).textTransform),
    fontFamily: getComputedStyle(document.body).fontFamily,
  };
}
"""

# Elements whose box leaves the viewport, outside scroll containers (the ticker scrolls).
OVERFLOWING = """
() => {
  const width = window.innerWidth, out = [];
  const clipped = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const s = getComputedStyle(p);
      const root = p === document.body || p === document.documentElement;
      if (s.overflowX !== 'visible' && !root) return true;
    }
    return false;
  };
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.right > width + 1 || r.left < -1) {
      if (clipped(el)) continue;
      const name = `${el.tagName.toLowerCase()}.${el.className}`;
      out.push(`${name} [${Math.round(r.left)}, ${Math.round(r.right)}]`);
    }
  }
  return out;
}
"""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built sample served over HTTP; yields the base URL of ``dist/``."""
    root = copy_sample(tmp_path_factory.mktemp("browser") / "newsroom")
    out = root / "dist"
    build_site(load_config(root / "pyproject.toml"), out=out, now=NOW)
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(out))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield instance
        finally:
            instance.close()


def open_page(browser: Any, url: str, width: int) -> Any:
    page = browser.new_page(viewport={"width": width, "height": 900})
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, url
    # Let the lazy images of the lower cards load, so the screenshot shows the whole page.
    page.evaluate(
        "() => document.querySelectorAll('img[loading=lazy]')"
        ".forEach(i => { i.loading = 'eager'; })"
    )
    page.wait_for_load_state("networkidle")
    return page


def shoot(page: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.mark.parametrize("width", WIDTHS)
def test_arabic_article_is_right_to_left(site: str, browser: Any, width: int) -> None:
    page = open_page(browser, f"{site}ar/{SEED_PATH.removesuffix('index.html')}", width)
    try:
        m = page.evaluate(MEASURE)
        shot = shoot(page, f"ar-article-{width}.png")
        assert shot.stat().st_size > 10_000
        assert m["direction"] == "rtl" and m["bodyDirection"] == "rtl"
        # The first menu item (أخبار, "News") starts the menu at the right edge of its container.
        assert m["firstNavText"] == "أخبار"
        assert abs(m["firstNavItem"]["right"] - m["navContainer"]["right"]) <= 1.5, m
        assert m["firstNavItem"]["left"] > m["navContainer"]["left"] + 1
        # The byline is the first item of the meta line: flush right.
        assert m["bylineAlign"] in ("start", "right")
        assert abs(m["byline"]["right"] - m["meta"]["right"]) <= 1.5, m
        assert abs(m["title"]["right"] - m["main"]["right"]) <= 1.5, m
        # Arabic typography: no letter-spacing, no forced case.
        assert set(m["letterSpacing"]) <= {"normal", "0px"}, m["letterSpacing"]
        assert set(m["textTransform"]) == {"none"}, m["textTransform"]
        assert "Arabic" in m["fontFamily"] or "Naskh" in m["fontFamily"], m["fontFamily"]
        assert m["scrollWidth"] <= m["innerWidth"], m
        assert page.evaluate(OVERFLOWING) == []
    finally:
        page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_english_article_is_the_mirror(site: str, browser: Any, width: int) -> None:
    page = open_page(browser, f"{site}en/{SEED_PATH.removesuffix('index.html')}", width)
    try:
        m = page.evaluate(MEASURE)
        shoot(page, f"en-article-{width}.png")
        assert m["direction"] == "ltr"
        assert m["firstNavText"] == "News"
        assert abs(m["firstNavItem"]["left"] - m["navContainer"]["left"]) <= 1.5, m
        assert m["firstNavItem"]["right"] < m["navContainer"]["right"] - 1
        assert m["bylineAlign"] in ("start", "left")
        assert abs(m["byline"]["left"] - m["meta"]["left"]) <= 1.5, m
        assert abs(m["title"]["left"] - m["main"]["left"]) <= 1.5, m
        assert m["scrollWidth"] <= m["innerWidth"], m
        assert page.evaluate(OVERFLOWING) == []
    finally:
        page.close()


@pytest.mark.parametrize("path", ["ar/", "es/", "ar/tag/syria/", "ar/404.html"])
def test_other_pages_do_not_overflow_on_a_phone(site: str, browser: Any, path: str) -> None:
    page = open_page(browser, f"{site}{path}", 375)
    try:
        assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
        assert page.evaluate(OVERFLOWING) == []
    finally:
        page.close()

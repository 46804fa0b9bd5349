"""Reading page bytes safely: entities, scripts, charsets (i18n_news.importer.html)."""

from __future__ import annotations

import time
from datetime import datetime

from helpers import DATA
from import_helpers import AR, EN

from i18n_news.importer.metadata import parse_page


def test_billion_laughs_is_not_expanded() -> None:
    data = (DATA / "import" / "billion-laughs.html").read_bytes()
    started = time.monotonic()
    page = parse_page(data, EN)
    assert time.monotonic() - started < 2
    assert "lollol" not in page.body + page.title
    assert "root:" not in page.body  # no external entity was read
    assert page.body == "Before \\&lol9; after.\n\nExternal: \\&xxe; end."


def test_scripts_styles_and_embeds_never_reach_the_body() -> None:
    page = parse_page((DATA / "import" / "script-tags.html").read_bytes(), EN)
    for word in (
        "alert",
        "tracker",
        "injected",
        "not text",
        "color",
        "enable JavaScript",
        "Related",
    ):
        assert word not in page.body
    assert "\\<script\\>" in page.body  # text that *looks* like a tag stays escaped text


def test_windows_1256_page() -> None:
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
        "<title>عنوان الخبر</title></head><body><article><p>نص الخبر هنا.</p>"
        "<span class=date>23 تموز 2025</span></article></body></html>"
    )
    page = parse_page(html.encode("cp1256"), AR)
    assert page.title == "عنوان الخبر" and page.body == "نص الخبر هنا."
    assert page.published is not None and page.published.value == datetime(2025, 7, 23)

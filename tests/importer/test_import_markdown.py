"""An article's body HTML as escaped Markdown (i18n_news.importer.markdown)."""

from __future__ import annotations

from import_helpers import EN

from i18n_news.importer.metadata import parse_page


def test_body_markdown_shapes() -> None:
    html = b"""<html><body><div id=main>
    <div>First line<br>second line <b>bold</b></div>
    <ul><li><p>Item para</p></li><li>Two</li></ul>
    <ol><li>One</li></ol>
    <div>Loose <a href="https://x.test/">link</a> text <i>it</i>.</div>
    <h3>Sub <em>heading</em></h3>
    <p>A * star_and [brackets] # not heading &amp;copy;</p>
    <p>1. not a list</p>
    <pre>code  kept</pre>
    </div></body></html>"""
    assert parse_page(html, EN).body == (
        "First line\nsecond line **bold**\n\n- Item para\n- Two\n\n1. One\n\n"
        "Loose link text *it*.\n\n### Sub *heading*\n\n"
        "A \\* star\\_and \\[brackets\\] # not heading \\&copy;\n\n1\\. not a list\n\n"
        "```\ncode  kept\n```"
    )

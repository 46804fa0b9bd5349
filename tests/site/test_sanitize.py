"""What untrusted text may become (i18n_news.site.sanitize): bodies, msgstrs, text nodes."""

from __future__ import annotations

from lxml import etree

from i18n_news.localize.bidi import (
    EMBEDDING_CONTROLS,
    ISOLATE_CONTROLS,
    balance_bidi_controls,
    strip_unbalanced_controls,
)
from i18n_news.site.sanitize import balance_text_nodes, render_markdown, sanitize_message

IMG = '<img src=x onerror="alert(1)">'
JS = "javascript:alert(document.cookie)"
RLO, PDF = "\u202e", "\u202c"


def test_control_checks_leave_plain_text_alone_and_balance_the_rest() -> None:
    assert balance_bidi_controls("plain عربي") == "plain عربي"
    assert balance_bidi_controls("\u202bعربي") == "\u202bعربي\u202c"
    assert strip_unbalanced_controls("a\u2069b") == "ab"
    assert balance_text_nodes('<p title="\u200ex">\u2067y</p>') == '<p title="x">\u2067y\u2069</p>'


def test_render_markdown_sanitizes() -> None:
    html = str(render_markdown(f"**ok** <b onclick=x>raw</b>\n\n[a]({JS}) ![i](x.png)\n\n{RLO}abc"))
    assert "<strong>ok</strong>" in html
    fragment = etree.fromstring(f"<div>{html}</div>", etree.HTMLParser()).find(".//div")
    for element in fragment.iter():
        assert "onclick" not in element.attrib
        assert not element.get("href", "").startswith("javascript:")
    assert "&lt;b onclick=x&gt;" in html  # raw HTML is text
    assert f"{RLO}abc{PDF}</p>" in html


def test_sanitize_message() -> None:
    assert sanitize_message("By %(author)s") == "By %(author)s"
    assert sanitize_message("<bdi>%(x)s</bdi> & more") == "<bdi>%(x)s</bdi> &amp; more"
    assert sanitize_message(f"<script>x</script>{IMG}<b title=t>b</b>") == "<b>b</b>"
    text = sanitize_message(f"a{RLO}b")
    assert text == f"a{RLO}b{PDF}"
    assert not any(c in EMBEDDING_CONTROLS | ISOLATE_CONTROLS for c in sanitize_message("<i>x</i>"))

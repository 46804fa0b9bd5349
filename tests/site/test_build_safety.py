"""Untrusted text never becomes live markup, and its bidi controls stay in their element."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from build_helpers import NOW, SEED_PATH, Built, copy_sample
from lxml import etree

from i18n_news.config import load_config
from i18n_news.localize.bidi import balance_bidi_controls
from i18n_news.site.build import build_site

SCRIPT = "<script>alert('x')</script>"
IMG = '<img src=x onerror="alert(1)">'
JS = "javascript:alert(document.cookie)"
RLO, LRE, PDF, PDI, RLI = "\u202e", "\u202a", "\u202c", "\u2069", "\u2067"


def set_front_matter(path: Path, key: str, value: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    encoded = json.dumps(value, ensure_ascii=False)
    out = [f"{key} = {encoded}" if line.startswith(f"{key} = ") else line for line in lines]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The sample with attacks in a title, summary, caption, credit, tag label, msgstr and body."""
    root = copy_sample(tmp_path_factory.mktemp("hostile") / "newsroom")
    story = root / "content/en/politics/russia-syria-bases.md"
    set_front_matter(story, "title", f"Bases {SCRIPT} {RLO}reversed")
    set_front_matter(story, "summary", f'Summary "><svg onload=alert(1)> {IMG}')
    text = story.read_text(encoding="utf-8")
    text = text.replace(
        'caption = "A Russian navy vessel',
        f'caption = "{IMG.replace(chr(34), chr(39))} {LRE}A Russian navy vessel',
    ).replace('credit = "Sample illustration"', f'credit = "{JS}"')
    text += (
        f"\n\n<script>alert('raw html')</script>\n\n[click me]({JS})\n\n"
        f"An {RLO}override that never ends\n\n<img src=x onerror=alert(2)>\n"
    )
    story.write_text(text, encoding="utf-8")
    taxonomy = root / "content/taxonomy.toml"
    taxonomy.write_text(
        taxonomy.read_text(encoding="utf-8").replace(
            'label = "Russia"', f'label = "Russia {IMG.replace(chr(34), chr(39))} {RLI}x"'
        ),
        encoding="utf-8",
    )
    catalog = root / "locales/es/LC_MESSAGES/messages.po"
    catalog.write_text(
        catalog.read_text(encoding="utf-8").replace(
            'msgstr "Noticias relacionadas"',
            "msgstr \"Noticias <script>alert(1)</script><b onclick='x()'>relacionadas</b> "
            '<a href=\\"javascript:alert(1)\\">x</a>\u202e"',
        ),
        encoding="utf-8",
    )
    config = load_config(root / "pyproject.toml")
    out = root / "dist"
    report = build_site(config, out=out, now=NOW)
    return Built(root, out, config, report)


def assert_inert(path: Path) -> etree._Element:
    root = etree.fromstring(path.read_bytes(), etree.HTMLParser())
    for script in root.iter("script"):
        assert script.get("type") == "application/ld+json", path
        json.loads(script.text)  # data, not code
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), f"{path}: <{element.tag} {name}>"
            assert not value.strip().lower().startswith("javascript:"), f"{path}: {name}={value}"
        assert element.tag not in ("svg",) or element.get("aria-hidden") == "true", path
    return root


def assert_balanced(text: str) -> None:
    assert balance_bidi_controls(text) == text, repr(text)


def text_nodes(root: etree._Element) -> list[str]:
    out = []
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style"):
            continue
        out += [t for t in (element.text, element.tail) if t]
    return out


def test_payloads_are_inert_on_every_page(hostile: Built) -> None:
    files = hostile.html_files()
    assert files
    for path in files:
        root = assert_inert(path)
        for text in text_nodes(root):
            assert_balanced(text)


def test_payloads_show_as_text(hostile: Built) -> None:
    root = assert_inert(hostile.page("en", SEED_PATH))
    title = root.xpath("string(//h1)")
    assert "<script>alert('x')</script>" in title  # shown, escaped
    assert title.count(RLO) == 1 and title.endswith(PDF)  # the override is closed inside the h1
    body = root.xpath("//div[@class='story-body']")[0]
    assert "<script>alert('raw html')</script>" in body.xpath("string(.)")
    link = body.xpath(".//a[contains(., 'click me')]")
    assert not link or not link[0].get("href", "").startswith("javascript:")
    paragraph = next(p for p in body.iter("p") if "override that never ends" in (p.text or ""))
    assert paragraph.text.endswith(PDF)
    html = hostile.page("en", SEED_PATH).read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert "</script><" not in html.split("application/ld+json")[1].split("</script>")[0]


def test_hostile_msgstr_keeps_only_safe_markup(hostile: Built) -> None:
    root = assert_inert(hostile.page("es", SEED_PATH))
    heading = root.xpath("//h2[@id='related-title']")[0]
    assert heading.xpath("string(.)").startswith("Noticias relacionadas")
    assert [child.tag for child in heading] == ["b"]
    assert heading[0].attrib == {}
    assert "alert" not in heading.xpath("string(.)")
    assert_balanced(heading.xpath("string(.)"))


def test_hostile_taxonomy_label(hostile: Built) -> None:
    root = assert_inert(hostile.page("en", "tag/russia/index.html"))
    title = root.xpath("string(//h1)")
    assert "<img src=x onerror='alert(1)'>" in title
    assert_balanced(title)

"""Nothing injected: no entity expansion or DTD loading, no writes outside the output, inert XSS."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree
from rel_helpers import ROOT, copy_sample, run_cli, snapshot

from i18n_news.config import load_config
from i18n_news.errors import I18nNewsError
from i18n_news.importer import parse_page
from i18n_news.site.assets import image_size

NOW = "2025-08-25T18:00:00+03:00"

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
"""


def xxe(secret: Path) -> bytes:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE r [\n'
        f' <!ENTITY xxe SYSTEM "file://{secret}">\n'
        f' <!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;\n'
        f' <!ENTITY net SYSTEM "http://127.0.0.1:9/x">\n]>\n'
    ).encode()


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    return path


def test_import_parser_never_expands_entities(secret: Path) -> None:
    edition = load_config(ROOT / "pyproject.toml").editions["es"]
    for head in (BILLION_LAUGHS, xxe(secret)):
        page = head + (
            b"<html><head><title>&lol9; &xxe; &net;</title></head><body><article><h1>T &lol9;"
            b" &xxe;</h1><p>Body &lol9; &xxe; text.</p></article></body></html>"
        )
        try:
            result = parse_page(page, edition, name="hostile.html")
        except I18nNewsError:
            continue
        text = repr(result)
        assert "TOP-SECRET" not in text
        assert "lollollol" not in text


def test_svg_size_reader_never_expands_entities(secret: Path) -> None:
    for head in (BILLION_LAUGHS, xxe(secret)):
        svg = head + b'<svg xmlns="http://www.w3.org/2000/svg" width="&lol9;&xxe;" height="2"/>'
        assert image_size(svg, ".svg")[0] is None


def test_import_of_an_xxe_page_through_the_cli(tmp_path: Path, secret: Path) -> None:
    root = copy_sample(tmp_path / "newsroom")
    page = tmp_path / "xxe.html"
    page.write_bytes(
        xxe(secret) + b'<html><head><meta property="og:title" content="Headline &xxe;">'
        b'<meta property="article:published_time" content="2025-01-02T03:04:05+00:00">'
        b"</head><body><article><h1>Headline &xxe;</h1><p>Para &xxe; one.</p>"
        b"<p>Para two.</p></article></body></html>"
    )
    result = run_cli(root, "import", str(page), "--edition", "es")
    assert result.returncode in (0, 2), result.stderr
    assert "Traceback" not in result.stderr
    for path in (root / "content").rglob("*.md"):
        assert "TOP-SECRET" not in path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------
# Output confinement
# --------------------------------------------------------------------------------------


def test_import_writes_only_under_content_edition_imported(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "newsroom")
    before = snapshot(root)
    page = tmp_path / "evil.html"
    page.write_bytes(
        b'<html><head><link rel="canonical" href="https://x.example/../../../../etc/passwd">'
        b'<meta property="og:url" content="/../../../tmp/evil">'
        b'<meta property="og:title" content="../../../../escape">'
        b'<meta property="article:published_time" content="2025-01-02T03:04:05+00:00">'
        b"</head><body><article><h1>/etc/passwd</h1><p>Body.</p></article></body></html>"
    )
    result = run_cli(root, "import", str(page), "--edition", "es")
    assert result.returncode == 0, result.stderr
    after = snapshot(root)
    added = sorted(set(after) - set(before))
    assert len(added) == 1 and added[0].startswith("content/es/imported/"), added
    assert ".." not in added[0]
    assert {k for k in before if before[k] != after.get(k)} == set()


def test_build_refuses_a_symlinked_folder_inside_the_output(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "newsroom")
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / "dist").mkdir()
    (root / "dist" / "ar").symlink_to(outside, target_is_directory=True)
    result = run_cli(root, "build", "--lang", "ar", "--now", NOW)
    assert result.returncode == 2, result.stderr
    assert "refusing to write outside the output folder" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert list(outside.iterdir()) == []


def test_build_never_writes_through_a_symlinked_file(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "newsroom")
    assert run_cli(root, "build", "--lang", "es", "--now", NOW).returncode == 0
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    robots = root / "dist" / "es" / "robots.txt"
    robots.unlink()
    robots.symlink_to(victim)
    assert run_cli(root, "build", "--lang", "es", "--now", NOW, "--force").returncode == 0
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert not robots.is_symlink()


def test_build_never_deletes_outside_the_output(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "newsroom")
    assert run_cli(root, "build", "--lang", "es", "--now", NOW).returncode == 0
    victim = root / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    manifest = root / "dist" / ".i18nnews-build.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["outputs"]["es/../../victim.txt"] = "x"
    data["outputs"][str(victim)] = "x"
    manifest.write_text(json.dumps(data), encoding="utf-8")
    result = run_cli(root, "build", "--lang", "es", "--now", NOW)
    assert result.returncode == 0, result.stderr
    assert victim.read_text(encoding="utf-8") == "keep me"


def test_traversal_in_keys_and_image_paths_is_refused(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "newsroom")
    story = root / "content/en/politics/russia-syria-bases.md"
    original = story.read_text(encoding="utf-8")
    for old, new in (
        ('key = "2024-12-12-russia-syria-bases"', 'key = "../../../escape"'),
        ('src = "img/tartus-naval-base.svg"', 'src = "../../../../etc/passwd"'),
        ('src = "img/tartus-naval-base.svg"', 'src = "/etc/passwd"'),
    ):
        story.write_text(original.replace(old, new), encoding="utf-8")
        for args in (["build", "--now", NOW], ["extract"]):
            result = run_cli(root, *args)
            if args[0] == "extract" and "src" in new:
                continue
            assert result.returncode == 2, (new, result.stderr)
            assert result.stderr.startswith("content/en/politics/russia-syria-bases.md:")
    assert not (root / "escape").exists() and not (root.parent / "escape").exists()


# --------------------------------------------------------------------------------------
# XSS: payloads in bodies, titles, captions, taxonomy labels and theme msgstr
# --------------------------------------------------------------------------------------

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="alert(1)"//',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<body onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<img src="data:image/svg+xml,&lt;svg onload=alert(1)&gt;">',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<div style="width: expression(alert(1))">x</div>',
    '<style>body{background:url("javascript:alert(1)")}</style>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    '<video><source onerror="alert(1)"></video>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>alert(1)//<</script>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</title><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    "{{ 7*7 }}{% raw %}<x onclick=alert(1)>",
    "<!--<img src=x onerror=alert(1)>-->",
]

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "srcset"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:text/html", "data:image/svg")
FORBIDDEN_TAGS = {"iframe", "object", "embed", "form", "base", "frame", "frameset", "applet"}


def po_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _clean(value: str) -> str:
    return re.sub(r"[\x00-\x20]", "", value).lower()


def assert_inert_tree(root: etree._Element, where: str) -> None:
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = etree.QName(element).localname.lower()
        assert tag not in FORBIDDEN_TAGS, f"{where}: <{tag}>"
        if tag == "script":
            assert element.get("type") == "application/ld+json", f"{where}: live <script>"
            assert "</script" not in (element.text or "").lower(), f"{where}: breakout"
            json.loads(element.text or "")
        if tag == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            raise AssertionError(f"{where}: meta refresh")
        for name, value in element.attrib.items():
            local = etree.QName(name).localname.lower() if name.startswith("{") else name.lower()
            assert not local.startswith("on"), f"{where}: <{tag} {name}>"
            assert local != "srcdoc", f"{where}: srcdoc"
            if local in URL_ATTRIBUTES or name.endswith("}href"):
                assert not _clean(value).startswith(BAD_SCHEMES), f"{where}: {name}={value!r}"
            if local == "style":
                assert "expression(" not in _clean(value), f"{where}: {value!r}"
                assert "javascript:" not in _clean(value), f"{where}: {value!r}"


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_sample(tmp_path_factory.mktemp("xss") / "newsroom")
    stories = sorted((root / "content").glob("*/**/*.md"))
    for index, story in enumerate(stories):
        payload = PAYLOADS[index % len(PAYLOADS)]
        text = story.read_text(encoding="utf-8")
        lines = text.split("\n")
        for number, line in enumerate(lines):
            if line.startswith("title = "):
                lines[number] = f"title = {toml_string('Headline ' + payload)}"
            elif line.startswith("summary = "):
                lines[number] = f"summary = {toml_string('Summary ' + payload)}"
        text = "\n".join(lines)
        caption = "caption = " + toml_string("Caption " + PAYLOADS[-1 - index % 9])
        text = re.sub(r'caption = "([^"]*)"', lambda _m, c=caption: c, text, count=1)
        text += "\n\n" + "\n\n".join(f"Paragraph {n}: {p}" for n, p in enumerate(PAYLOADS))
        text += "\n\n" + "\n\n".join(PAYLOADS) + "\n"
        story.write_text(text, encoding="utf-8")
    for edition in ("ar", "es"):
        for domain in ("messages", "taxonomy"):
            catalog = root / "locales" / edition / "LC_MESSAGES" / f"{domain}.po"

            counter = iter(range(10_000))

            def hostile(match: re.Match[str], counter: Iterator[int] = counter) -> str:
                msgid, msgstr = match.group(1), match.group(2)
                if "%" in msgid or "{" in msgid or not msgstr:
                    return match.group(0)
                payload = PAYLOADS[next(counter) % len(PAYLOADS)]
                return f'msgid "{msgid}"\nmsgstr "{msgstr} {po_escape(payload)}"'

            text = catalog.read_text(encoding="utf-8")
            text = re.sub(r'(?m)^msgid "(.+)"\nmsgstr "(.*)"$', hostile, text)
            catalog.write_text(text, encoding="utf-8")
    result = run_cli(root, "build", "--now", NOW, timeout=300)
    assert result.returncode == 0, result.stderr
    return root / "dist"


def test_at_least_thirty_payloads() -> None:
    assert len(set(PAYLOADS)) >= 30


def test_no_payload_comes_out_live_on_any_page(xss_site: Path) -> None:
    pages = sorted(xss_site.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        data = page.read_bytes()
        root = etree.fromstring(data, etree.HTMLParser())
        assert root is not None
        assert_inert_tree(root, str(page.relative_to(xss_site)))
        raw_scripts = len(re.findall(rb"<script\b", data, flags=re.I))
        assert raw_scripts == len(root.xpath("//script")), f"{page}: a script tag broke out"


def test_payloads_reached_the_pages_as_text(xss_site: Path) -> None:
    page = next(xss_site.glob("en/politics/russia-syria-bases/index.html"))
    text = "".join(etree.fromstring(page.read_bytes(), etree.HTMLParser()).itertext())
    assert "Headline" in text and "alert(1)" in text  # shown, escaped, not dropped silently


def test_feeds_and_sitemaps_carry_no_live_markup(xss_site: Path) -> None:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    for feed in sorted(xss_site.rglob("*.xml")):
        root = etree.fromstring(feed.read_bytes(), parser)
        assert_inert_tree(root, str(feed))
        for element in root.iter():
            if isinstance(element.tag, str) and element.get("type") == "html" and element.text:
                fragment = etree.fromstring(f"<div>{element.text}</div>", etree.HTMLParser())
                assert_inert_tree(fragment, f"{feed} (escaped html)")


def test_bidi_controls_in_titles_are_reported_by_check(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "newsroom")
    story = root / "content/es/politics/latin-america-solidarity-gaza.md"
    text = story.read_text(encoding="utf-8")
    story.write_text(text.replace('title = "', 'title = "\u202e', 1), encoding="utf-8")
    catalog = root / "locales/ar/LC_MESSAGES/messages.po"
    po = catalog.read_text(encoding="utf-8")
    catalog.write_text(po.replace('msgstr "', 'msgstr "\u2067', 3), encoding="utf-8")
    result = run_cli(root, "check", "--format", "json")
    assert result.returncode == 1
    found = json.loads(result.stdout)["findings"]
    ids = {(f["check_id"] if "check_id" in f else f.get("id"), f["path"]) for f in found}
    assert ("PO105", "content/es/politics/latin-america-solidarity-gaza.md") in ids, found
    assert ("PO105", "locales/ar/LC_MESSAGES/messages.po") in ids, found
    shutil.rmtree(root)


def test_a_msgstr_with_broken_placeholders_falls_back_to_the_source() -> None:
    from datetime import datetime

    from jinja2 import Environment

    from i18n_news.site.filters import install

    edition = load_config(ROOT / "pyproject.toml").editions["es"]

    class Broken:
        def gettext(self, message: str) -> str:
            return {"By %(author)s": "Por %(autor)s 100% <b>", "Hi": "50% más"}.get(
                message, message
            )

        def ngettext(self, singular: str, plural: str, n: int) -> str:
            return singular if n == 1 else plural

        def pgettext(self, context: str, message: str) -> str:
            return message

        def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
            return singular if n == 1 else plural

    env = Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    install(env, edition, Broken(), now=datetime.fromisoformat(NOW))
    out = env.from_string('{{ _("By %(author)s", author="<i>A</i>") }} {{ _("Hi") }}').render()
    assert out == "By &lt;i&gt;A&lt;/i&gt; Hi"

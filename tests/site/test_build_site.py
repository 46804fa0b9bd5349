"""Output validation of the built sample: HTML, links, hreflang, head, feeds, sitemaps."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from build_helpers import NOW, SEED_PATH, Built
from lxml import etree

from i18n_news.site.feeds import ATOM_NS, NEWS_NS, SITEMAP_NS, XHTML_NS

EDITIONS = ("en", "ar", "es")
LANGS = {"en": "en", "ar": "ar-LB", "es": "es"}
DIRS = {"en": "ltr", "ar": "rtl", "es": "ltr"}
# libxml2 versions before HTML5 support report the new elements as unknown: not an error of ours.
_UNKNOWN_TAG = re.compile(r"^Tag \w+ invalid")


def parse_html(path: Path) -> etree._Element:
    parser = etree.HTMLParser(recover=True)
    root = etree.fromstring(path.read_bytes(), parser)
    errors = [e for e in parser.error_log if not _UNKNOWN_TAG.match(e.message or "")]
    assert root is not None, path
    assert not errors, f"{path}: {[str(e) for e in errors]}"
    return root


def edition_of(built: Built, path: Path) -> str:
    return path.relative_to(built.out).parts[0]


def page_url(built: Built, path: Path) -> str:
    """The public URL a file is served at (directory URL for index.html)."""
    edition = edition_of(built, path)
    rel = path.relative_to(built.out / edition).as_posix()
    if rel.endswith("index.html"):
        rel = rel[: -len("index.html")]
    return f"https://news.example.org/{edition}/{rel}"


def file_for(built: Built, url: str) -> Path | None:
    """The output file an absolute site URL maps to, None for URLs outside the site."""
    parts = urlsplit(url)
    if parts.netloc != "news.example.org":
        return None
    path = parts.path.lstrip("/")
    target = built.out / path
    return target / "index.html" if path.endswith("/") or path == "" else target


def test_three_complete_editions(built: Built) -> None:
    for edition in EDITIONS:
        folder = built.out / edition
        for name in (
            "index.html",
            "404.html",
            "sitemap.xml",
            "news-sitemap.xml",
            "atom.xml",
            "robots.txt",
        ):
            assert (folder / name).is_file(), f"{edition}/{name}"
        assert (folder / SEED_PATH).is_file()
        for index in (
            "politics/index.html",
            "region/mena/index.html",
            "tag/syria/index.html",
            "author/al-mayadeen-english/index.html",
            "page/2/index.html",
        ):
            assert (folder / index).is_file(), f"{edition}/{index}"
    # The Spanish edition has its exclusive section and story; the others do not.
    assert (built.out / "es/international-media/index.html").is_file()
    assert not (built.out / "en/international-media").exists()
    assert built.report.editions["es"].pages > built.report.editions["en"].pages


def test_every_page_parses_and_has_its_head(built: Built) -> None:
    files = built.html_files()
    assert len(files) > 200
    for path in files:
        edition = edition_of(built, path)
        root = parse_html(path)
        html = root.getroottree().getroot()
        assert html.get("lang") == LANGS[edition], path
        assert html.get("dir") == DIRS[edition], path
        head = root.find("head")
        assert head.findtext("title").strip(), path
        assert head.xpath("meta[@name='description']/@content")[0].strip(), path
        assert head.xpath("meta[@property='og:locale']/@content") == [
            LANGS[edition].replace("-", "_")
        ]
        alternates = head.xpath("link[@rel='alternate'][@hreflang]")
        langs = [a.get("hreflang") for a in alternates]
        assert "x-default" in langs, path
        assert LANGS[edition] in langs, f"{path}: hreflang must reference the page itself"
        og_alternates = head.xpath("meta[@property='og:locale:alternate']/@content")
        assert sorted(og_alternates) == sorted(
            lang.replace("-", "_") for lang in langs if lang not in ("x-default", LANGS[edition])
        )
        if path.name == "404.html":
            assert head.xpath("meta[@name='robots']/@content") == ["noindex"]
            continue
        canonical = head.xpath("link[@rel='canonical']/@href")
        assert canonical == [page_url(built, path)], path
        own = [a.get("href") for a in alternates if a.get("hreflang") == LANGS[edition]]
        assert own == canonical, path
        data = json.loads(head.xpath("script[@type='application/ld+json']/text()")[0])
        graph = data["@graph"]
        main = graph[0]
        assert main["inLanguage"] == LANGS[edition]
        assert any(node["@type"] == "BreadcrumbList" for node in graph)


def test_every_internal_link_resolves(built: Built) -> None:
    checked = 0
    for path in built.html_files():
        base = page_url(built, path)
        root = parse_html(path)
        for element, attribute in [
            *((e, "href") for e in root.xpath("//*[@href]")),
            *((e, "src") for e in root.xpath("//*[@src]")),
        ]:
            value = element.get(attribute)
            if value.startswith("#"):
                assert root.xpath(f"//*[@id='{value[1:]}']"), f"{path}: {value}"
                continue
            target = file_for(built, urljoin(base, value))
            if target is None:
                continue
            assert target.is_file(), f"{path}: {attribute}={value!r} -> {target}"
            checked += 1
    assert checked > 10_000


def test_links_inside_an_edition_are_relative(built: Built) -> None:
    root = parse_html(built.page("ar", SEED_PATH))
    hrefs = root.xpath("//body//a/@href")
    absolute = [h for h in hrefs if h.startswith("http")]
    # Only the Listen button's data attribute and nothing else carries the absolute URL.
    assert absolute == [], absolute
    assert root.xpath("//link[@rel='stylesheet']/@href")[0].startswith("../../static/style.")


def test_hreflang_pairs_are_reciprocal(built: Built) -> None:
    graph: dict[str, dict[str, str]] = {}
    for path in built.html_files():
        if path.name == "404.html":
            continue
        root = parse_html(path)
        url = page_url(built, path)
        graph[url] = {
            link.get("hreflang"): link.get("href")
            for link in root.xpath("//head/link[@rel='alternate'][@hreflang]")
        }
    for url, alternates in graph.items():
        for lang, href in alternates.items():
            assert href in graph, f"{url}: hreflang {lang} -> missing page {href}"
            if lang == "x-default":
                continue
            back = graph[href]
            assert url in back.values(), f"{href} does not link back to {url}"
            assert back.get("x-default") == alternates["x-default"]


def test_language_switcher_links_to_the_same_story_or_home(built: Built) -> None:
    root = parse_html(built.page("ar", SEED_PATH))
    links = {
        a.get("hreflang"): a.get("href") for a in root.xpath("//nav[@class='edition-switcher']//a")
    }
    assert links == {
        "en": "../../../en/politics/russia-syria-bases/",
        "es": "../../../es/politics/russia-syria-bases/",
    }
    names = root.xpath("//nav[@class='edition-switcher']//a/text()")
    assert names == ["English", "Español"]
    exclusive = parse_html(
        built.page("es", "international-media/medios-internacionales-cobertura-gaza/index.html")
    )
    links = {
        a.get("hreflang"): a.get("href")
        for a in exclusive.xpath("//nav[@class='edition-switcher']//a")
    }
    assert links == {"en": "../../../en/", "ar-LB": "../../../ar/"}
    assert not exclusive.xpath("//nav[@class='edition-switcher']//a[@rel='alternate']")


def test_article_jsonld_links_translations(built: Built) -> None:
    def jsonld(edition: str) -> dict:
        root = parse_html(built.page(edition, SEED_PATH))
        return json.loads(root.xpath("//script[@type='application/ld+json']/text()")[0])["@graph"][
            0
        ]

    en, ar = jsonld("en"), jsonld("ar")
    assert en["@type"] == "NewsArticle"
    assert en["headline"]
    assert en["datePublished"] == "2024-12-12T23:53:00+02:00"
    assert en["publisher"]["name"] == "Al Mayadeen English"
    assert en["image"][0].startswith("https://news.example.org/en/media/tartus-naval-base.")
    assert {w["inLanguage"] for w in en["workTranslation"]} == {"ar-LB", "es"}
    assert (
        ar["translationOfWork"]["@id"]
        == "https://news.example.org/en/politics/russia-syria-bases/#article"
    )
    assert ar["inLanguage"] == "ar-LB"
    assert ar["author"][0]["name"] != "Al Mayadeen English"  # translated byline


@pytest.mark.parametrize(
    ("edition", "dateline", "shares", "reading"),
    [
        ("en", "12 Dec 2024 23:53", "2 Shares", "3 Min Read"),
        ("ar", "١٢ كانون الأول ٢٠٢٤ ٢٣:٥٣", None, None),
        ("es", "12 dic 2024 23:53", "2 veces compartido", "3 min de lectura"),
    ],
)
def test_seed_article_reads_in_each_edition(
    built: Built, edition: str, dateline: str, shares: str | None, reading: str | None
) -> None:
    root = parse_html(built.page(edition, SEED_PATH))
    meta = root.xpath("//ul[@class='story-meta']")[0]
    assert meta.xpath("string(li[@class='dateline'])") == dateline
    assert meta.xpath("li[@class='dateline']/time/@datetime") == ["2024-12-12T23:53:00+02:00"]
    reading_text = root.xpath("string(//span[@class='reading-time'])")
    shares_text = meta.xpath("string(li[@class='shares'])")
    if edition == "ar":
        from i18n_news.catalogs.plurals import parse_header
        from i18n_news.catalogs.reader import read_po

        po = read_po(built.root / "locales/ar/LC_MESSAGES/messages.po")
        plural = parse_header(po.get_header("Plural-Forms"))[1]
        for text, msgid, n in (
            (reading_text, "%(num)d Min Read", 3),
            (shares_text, "%(num)d Share", 2),
        ):
            entry = po.find(msgid)
            form = entry.msgstr_plural[plural(n)]
            assert form, f"the ar catalog has no plural form {plural(n)} for {msgid!r}"
            assert text == form.replace("%(num)d", "٣" if n == 3 else "٢")
            assert re.search("[\u0600-\u06ff]", text) and not re.search("[0-9]", text)
    else:
        assert reading_text == reading
        assert shares_text == shares
    byline = meta.xpath("li[@class='byline']")[0]
    assert byline.xpath("a/@rel") == ["author"]
    # Every part of the seed page is there, in the edition's language.
    for xpath in (
        "//nav[@class='main-nav']",
        "//nav[@class='regions-bar']",
        "//section[@class='ticker']",
        "//li[@class='source']",
        "//button[@class='listen']",
        "//figure/figcaption",
        "//div[@class='story-body']/p",
        "//ul[@class='tags']/li",
        "//aside[@class='related']",
        "//section[@class='most-read']",
        "//section[@class='coverage']",
        "//section[@class='read-next']",
        "//footer[@class='site-footer']",
        "//nav[@class='breadcrumb']",
    ):
        assert root.xpath(xpath), f"{edition}: {xpath}"


def test_arabic_ui_comes_from_the_catalog(built: Built) -> None:
    root = parse_html(built.page("ar", SEED_PATH))
    for xpath in (
        "//h2[@id='related-title']",
        "//h2[@id='most-read-title']",
        "//h2[@id='ticker-label']",
    ):
        text = root.xpath(f"string({xpath})")
        assert re.search("[\u0600-\u06ff]", text), (xpath, text)
    # Taxonomy labels of the other direction stay isolated.
    credit = root.xpath("//span[@class='credit']/bdi/text()")
    assert credit == ["Sample illustration"]


def test_assets_are_content_hashed(built: Built) -> None:
    for edition in EDITIONS:
        css = list((built.out / edition / "static").glob("style.*.css"))
        assert len(css) == 1
        digest = css[0].name.split(".")[1]
        assert hashlib.sha256(css[0].read_bytes()).hexdigest().startswith(digest)
        media = list((built.out / edition / "media").iterdir())
        for image in media:
            assert (
                hashlib.sha256(image.read_bytes()).hexdigest().startswith(image.name.split(".")[1])
            )
    # Each edition ships only the images its stories use.
    assert not list((built.out / "en/media").glob("medios-internacionales-*"))
    assert list((built.out / "es/media").glob("medios-internacionales-*"))


def test_sitemap_lists_every_indexable_page_with_alternates(built: Built) -> None:
    for edition in EDITIONS:
        tree = etree.parse(str(built.out / edition / "sitemap.xml"))
        urls = tree.getroot().findall(f"{{{SITEMAP_NS}}}url")
        assert urls
        listed = set()
        for url in urls:
            loc = url.findtext(f"{{{SITEMAP_NS}}}loc")
            target = file_for(built, loc)
            assert target is not None and target.is_file(), loc
            listed.add(target)
            links = url.findall(f"{{{XHTML_NS}}}link")
            if links:
                langs = [link.get("hreflang") for link in links]
                assert langs[-1] == "x-default"
                assert LANGS[edition] in langs
                for link in links:
                    assert link.get("rel") == "alternate"
                    assert file_for(built, link.get("href")).is_file()
        assert built.page(edition, SEED_PATH) in listed
        assert built.page(edition, "404.html") not in listed
        # Empty listings are noindex and left out.
        assert built.page(edition, "economy/index.html") not in listed


def test_news_sitemap_covers_the_last_48_hours(built: Built) -> None:
    tree = etree.parse(str(built.out / "ar" / "news-sitemap.xml"))
    urls = tree.getroot().findall(f"{{{SITEMAP_NS}}}url")
    assert urls
    for url in urls:
        news = url.find(f"{{{NEWS_NS}}}news")
        assert news.findtext(f"{{{NEWS_NS}}}publication/{{{NEWS_NS}}}name") == "الميادين"
        assert news.findtext(f"{{{NEWS_NS}}}publication/{{{NEWS_NS}}}language") == "ar"
        assert news.findtext(f"{{{NEWS_NS}}}title")
        when = datetime.fromisoformat(news.findtext(f"{{{NEWS_NS}}}publication_date"))
        assert NOW - timedelta(hours=48) < when <= NOW
    keys = {url.findtext(f"{{{SITEMAP_NS}}}loc") for url in urls}
    assert "https://news.example.org/ar/politics/ansar-allah-gaza-support/" in keys
    assert not any("russia-syria-bases" in key for key in keys)


def test_atom_feed_has_rfc4287_required_elements(built: Built) -> None:
    rfc3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
    for edition in EDITIONS:
        feed = etree.parse(str(built.out / edition / "atom.xml")).getroot()
        assert feed.tag == f"{{{ATOM_NS}}}feed"
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == LANGS[edition]

        def one(parent: etree._Element, name: str, edition: str = edition) -> etree._Element:
            found = parent.findall(f"{{{ATOM_NS}}}{name}")
            assert len(found) == 1, f"{edition}: exactly one atom:{name} in {parent.tag}"
            return found[0]

        assert one(feed, "id").text.startswith("https://")
        assert one(feed, "title").text
        assert rfc3339.match(one(feed, "updated").text)
        assert one(feed, "author").findtext(f"{{{ATOM_NS}}}name")
        links = feed.findall(f"{{{ATOM_NS}}}link")
        assert [link.get("href") for link in links if link.get("rel") == "self"] == [
            f"https://news.example.org/{edition}/atom.xml"
        ]
        entries = feed.findall(f"{{{ATOM_NS}}}entry")
        assert entries
        ids = set()
        for entry in entries:
            entry_id = one(entry, "id").text
            assert entry_id not in ids
            ids.add(entry_id)
            assert one(entry, "title").text
            assert rfc3339.match(one(entry, "updated").text)
            alternate = [
                link
                for link in entry.findall(f"{{{ATOM_NS}}}link")
                if link.get("rel") == "alternate"
            ]
            assert alternate and file_for(built, alternate[0].get("href")).is_file()


def test_robots_txt_names_the_sitemaps(built: Built) -> None:
    text = (built.out / "es" / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in text
    assert "Sitemap: https://news.example.org/es/sitemap.xml" in text
    assert "Sitemap: https://news.example.org/es/news-sitemap.xml" in text


def test_pagination_links_older_pages(built: Built) -> None:
    root = parse_html(built.page("en", "index.html"))
    assert root.xpath("//head/link[@rel='next']/@href") == ["page/2/"]
    second = parse_html(built.page("en", "page/2/index.html"))
    assert second.xpath("//head/link[@rel='prev']/@href") == ["../../"]
    cards = root.xpath("//div[contains(@class,'card-grid')]/article") + second.xpath(
        "//div[contains(@class,'card-grid')]/article"
    )
    assert len(cards) == 14  # every English story once


def test_not_found_page_links_start_at_the_root(built: Built) -> None:
    """The 404 page is served for a missing URL at any depth: its links may not be relative."""
    root = parse_html(built.page("ar", "404.html"))
    hrefs = root.xpath("//body//a/@href") + root.xpath("//link[@rel='stylesheet']/@href")
    assert hrefs and all(h.startswith(("/ar/", "/en/", "/es/", "#")) for h in hrefs), hrefs
    switcher = root.xpath("//ul[@class='inline-list']//a/@href")
    assert switcher == ["/en/404.html", "/es/404.html"]
    assert root.xpath("string(//p[@class='error-code'])") == "٤٠٤"  # the edition's digits
    assert (
        parse_html(built.page("en", "404.html")).xpath("string(//p[@class='error-code'])") == "404"
    )

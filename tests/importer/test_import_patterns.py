"""The page patterns `import` misread before issue 19, one test each (i18n_news.importer)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from import_helpers import AR, EN, ES

from i18n_news.importer.metadata import parse_page, strip_site_suffix


def page(head: str = "", body: str = "", *, lang: str = "en") -> bytes:
    """A small saved page: ``head`` and ``body`` inside the usual shell."""
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{head}</head>'
        f"<body>{body}</body></html>"
    ).encode()


TEXT = "<p>The council approved the budget after a long debate on Tuesday evening.</p>"


# 1. The article's own <h1> is not the site's logo -------------------------------------


def test_h1_in_the_articles_header_is_the_headline() -> None:
    html = page(
        "<title>HR Innovation</title>",
        '<nav><a href="/">HR Innovation</a></nav>'
        '<header class="entry-header"><h1>Enterprise 2.0</h1></header>'
        f"<article>{TEXT}</article>",
    )
    assert parse_page(html, EN).title == "Enterprise 2.0"


def test_site_header_logo_before_the_article_is_not_the_headline() -> None:
    html = page(
        '<meta property="og:site_name" content="La Tercera">',
        '<header><h1><a href="/">La Tercera</a></h1></header>'
        f"<article><h1>El Metro abre una nueva línea</h1>{TEXT}</article>",
        lang="es",
    )
    found = parse_page(html, ES)
    assert found.title == "El Metro abre una nueva línea"
    assert "La Tercera" not in found.body


# 2. Dates from any JSON-LD node and from more machine markup --------------------------


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        (
            '<script type="application/ld+json">{"@graph":[{"@type":"WebPage",'
            '"datePublished":"2023-06-28T09:30:00+02:00"}]}</script>',
            "",
            "2023-06-28T09:30:00+02:00",
        ),
        (
            '<script type="application/ld+json">{"@type":"SocialMediaPosting",'
            '"datePublished":"2021-03-04T05:06:07Z"}</script>',
            "",
            "2021-03-04T05:06:07+00:00",
        ),
        ('<meta name="DC.date" content="2019-02-03">', "", "2019-02-03T00:00:00"),
        ('<meta name="publication_date" content="2022/05/10 17:36:11">', "", "2022-05-10T17:36:11"),
        (
            '<meta name="article_date_original" content="Saturday, December 27, 2014, 12:06 PM">',
            "",
            "2014-12-27T12:06:00",
        ),
        ("", '<abbr class="published" title="2016-11-12">Saturday</abbr>', "2016-11-12T00:00:00"),
        (
            "",
            '<time class="updated" datetime="2011-09-28"></time>'
            '<time class="entry-date" datetime="2011-09-27"></time>',
            "2011-09-27T00:00:00",
        ),
    ],
)
def test_machine_dates(head: str, body: str, expected: str) -> None:
    found = parse_page(page("<title>Budget approved</title>" + head, body + TEXT), EN)
    assert found.published is not None and found.published.value.isoformat() == expected


# 3. The visible date is the article's ---------------------------------------------------


def test_published_beats_an_update_stamp_shown_first() -> None:
    html = page(
        "<title>Refugio climático</title>",
        '<header><div class="toolbar">Hemeroteca: 1 de enero de 2010</div></header>'
        "<article><h1>Valencia abre un refugio climático</h1>"
        '<div class="meta"><span>Actualizado: 14 de agosto de 2024, 18:40</span>'
        "<span>Publicado el 12 de agosto de 2024, 07:15</span></div>"
        "<p>El festival se celebrará desde el 3 al 5 de septiembre.</p></article>",
        lang="es",
    )
    found = parse_page(html, ES)
    assert found.published is not None
    assert found.published.value == datetime(2024, 8, 12, 7, 15)


def test_event_range_and_archive_toolbar_are_not_the_date() -> None:
    html = page(
        "<title>Talleres</title>",
        '<div id="date-box">Lunes, 1 de enero de 2010</div>'
        "<article><h1>Talleres de verano</h1><p>Del 3 al 5 de julio de 2024</p>"
        '<p class="fecha">28 de junio de 2024</p></article>',
        lang="es",
    )
    found = parse_page(html, ES)
    assert found.published is not None and found.published.value == datetime(2024, 6, 28)


def test_a_comments_timestamp_is_not_the_date() -> None:
    html = page(
        "<title>Story</title>",
        f"<article><h1>Story</h1>{TEXT}</article><div class='comments'>"
        '<span class="comment-timestamp" title="2020-05-19T17:52:00Z">May 19</span></div>',
    )
    assert parse_page(html, EN).published is None


# 4. Bylines -----------------------------------------------------------------------------


def test_jsonld_author_by_id_reference() -> None:
    html = page(
        '<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle",'
        '"headline":"Bibliotecas","author":{"@id":"#/person/1"}},'
        '{"@type":"Person","@id":"#/person/1","name":"Lucía Fernández Ortega"}]}</script>',
        TEXT,
        lang="es",
    )
    assert parse_page(html, ES).authors == ("Lucía Fernández Ortega",)


def test_broken_jsonld_is_read_field_by_field() -> None:
    jsonld = (
        '{"@type":"NewsArticle","headline":"Live updates","datePublished":"2023-02-14T02:46:42Z",'
        '"author":{"@type":"Person","name":"By <a href="/p/amir">Amir Vera</a> and Adam Renton"}}'
    )
    found = parse_page(page(f'<script type="application/ld+json">{jsonld}</script>'), EN)
    assert found.title == "Live updates" and found.authors == ("Amir Vera", "Adam Renton")
    assert found.published is not None and found.published.value.isoformat() == (
        "2023-02-14T02:46:42+00:00"
    )
    assert found.warnings[0].startswith("read field by field JSON-LD that is not valid JSON")


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ('<a rel="author" href="/a/ignacio">Ignacio Vidal</a>', "Ignacio Vidal"),
        (
            '<div class="author vcard"><span class="fn">Jenny Smith</span>'
            '<a class="twitter">@jenny</a></div>',
            "Jenny Smith",
        ),
        ('<span itemprop="author"><span itemprop="name">Ana Ruiz</span></span>', "Ana Ruiz"),
        ('<address class="author">Omar Haddad</address>', "Omar Haddad"),
    ],
)
def test_bylines_without_by(markup: str, expected: str) -> None:
    html = page(
        "<title>Budget approved</title>", f"<article><h1>Budget</h1>{markup}{TEXT}</article>"
    )
    assert parse_page(html, EN).authors == (expected,)


def test_byl_meta() -> None:
    html = page('<title>Budget</title><meta name="byl" content="By Maria Lopez">', TEXT)
    assert parse_page(html, EN).authors == ("Maria Lopez",)


def test_a_person_shown_beats_an_organisation_in_the_metadata() -> None:
    html = page(
        '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Tren nocturno",'
        '"author":{"@type":"Organization","name":"el-mostrador"}}</script>',
        f'<article><h1>Tren nocturno</h1><p class="byline">Por Raúl Espina</p>{TEXT}</article>',
        lang="es",
    )
    assert parse_page(html, ES).authors == ("Raúl Espina",)


def test_a_sentence_starting_with_por_is_no_byline() -> None:
    html = page(
        "<title>Colo-Colo ficha</title>",
        "<article><h1>Colo-Colo ficha</h1><p>Por lo mismo, Aravena perdió su lugar en el "
        "once titular.</p><p>El club confirmó el fichaje.</p></article>",
        lang="es",
    )
    assert parse_page(html, ES).authors == ()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("By GARY B. GRAVES, AP Sports Writer", ["GARY B. GRAVES"]),
        ("Luke Kemp 11 February 2020", ["Luke Kemp"]),
        ('{ "@type":"Person", "name":"Dana Ford" }', ["Dana Ford"]),
        ("Фото: Reuters", []),
        (":", []),
        ("Super User", []),
        ("Unknown", []),
        ("Jenny Smith ❤️", ["Jenny Smith"]),
        ("Jenny_Smith", ["Jenny Smith"]),
        ("Jenny Smith and John Smith", ["Jenny Smith", "John Smith"]),
        ("Por JUAN PÉREZ, Agencia EFE", ["JUAN PÉREZ"]),
        ("كتب: حسام أبو العلا", ["حسام أبو العلا"]),
        ("بقلم أسماء نصار", ["أسماء نصار"]),
        ("Jenny Smith for Daily Mail Australia", ["Jenny Smith"]),
        ("Theresa May", ["Theresa May"]),
    ],
)
def test_byline_cleaning(raw: str, expected: list[str]) -> None:
    from i18n_news.importer.bylines import clean_names

    assert clean_names(raw) == expected


# 6. ISO-like strings and two-digit years -----------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-5-5 22:17:36", datetime(2022, 5, 5, 22, 17, 36)),
        ("2022/05/10 17:36:11", datetime(2022, 5, 10, 17, 36, 11)),
        (
            "2020-09-25T16:02:50CDT",
            datetime(2020, 9, 25, 16, 2, 50, tzinfo=timezone(timedelta(hours=-5))),
        ),
        (
            "2021-01-01T23:15:0Z",
            datetime(2021, 1, 1, 23, 15, tzinfo=timezone.utc),  # noqa: UP017
        ),
        ("20210820030646", datetime(2021, 8, 20, 3, 6, 46)),
        ("28.09.1912:44", datetime(2019, 9, 28, 12, 44)),
    ],
)
def test_iso_like_strings(value: str, expected: datetime) -> None:
    from i18n_news.importer.dates import parse_machine_date

    found = parse_machine_date(value, EN)
    assert found is not None and found.value == expected
    assert found.value.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize(
    "value", ["9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+12:00", "2024-01-01T00:00:00+99:00"]
)
def test_out_of_range_dates_are_no_dates(value: str) -> None:
    from i18n_news.importer.dates import parse_machine_date

    assert parse_machine_date(value, EN) is None


def test_a_year_less_date_takes_the_year_before_the_pages_latest_date() -> None:
    html = page(
        "<title>Jan story</title>",
        '<article><h1>Jan story</h1><p class="date">Jan 04</p>'
        f"{TEXT}</article><aside><p>Dec 28, 2018</p></aside><footer>© 2019 Site</footer>",
    )
    found = parse_page(html, EN)
    assert found.published is not None and found.published.value == datetime(2019, 1, 4)


# 7. Titles: suffixes by evidence --------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "names", "expected"),
    [
        (
            "How we designed Dropbox's ATF - an async task framework",
            ["Dropbox"],
            "How we designed Dropbox's ATF - an async task framework",
        ),
        (
            "El Colo-Colo ficha a un delantero › Deportes › El Mostrador",
            [],
            "El Colo-Colo ficha a un delantero",
        ),
        ("Acuerdo en el río de la Plata » Noticias del Plata", [], "Acuerdo en el río de la Plata"),
        (
            "短缺药品保供稳价 全力保障临床用药需求-新华网",
            [],
            "短缺药品保供稳价 全力保障临床用药需求",
        ),
        ("Court files expose the operation -- Sott.net", [], "Court files expose the operation"),
    ],
)
def test_site_suffixes(title: str, names: list[str], expected: str) -> None:
    assert strip_site_suffix(title, names, guess=True) == expected


# 8. Encoding: bytes before labels -------------------------------------------------------


@pytest.mark.parametrize("label", ["euc-kr", "gb2312", "iso-8859-1", "windows-1256"])
def test_utf8_bytes_declaring_another_charset(label: str) -> None:
    html = (
        f'<html><head><meta charset="{label}"><title>Córdoba recupera la muralla</title></head>'
        "<body><p>Los arqueólogos hallaron ochenta metros de muralla.</p></body></html>"
    ).encode()
    found = parse_page(html, ES)
    assert found.title == "Córdoba recupera la muralla"
    assert "arqueólogos" in found.body


def test_a_charset_declared_past_the_first_4_kb() -> None:
    filler = "<meta name='x' content='" + "y" * 5000 + "'>"
    html = (
        f"<html><head>{filler}<meta charset='windows-1256'><title>عنوان الخبر</title></head>"
        "<body><p>نص الخبر هنا.</p></body></html>"
    ).encode("cp1256")
    assert parse_page(html, AR).title == "عنوان الخبر"


# 9. Language ------------------------------------------------------------------------------


GERMAN = (
    "<p>Die Bundesregierung hat am Dienstag beschlossen, die Förderung für Wärmepumpen im "
    "kommenden Jahr deutlich zu erhöhen. Nach Angaben des Ministeriums sollen vor allem "
    "Haushalte mit geringem Einkommen von der neuen Regelung profitieren, die im Januar in "
    "Kraft treten soll.</p>"
)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (page("<title>Budget</title>", TEXT, lang="en-GB"), "en"),
        (
            b'<html><head><meta property="og:locale" content="es_ES"><title>Presupuesto</title>'
            b"</head><body><p>El consejo aprob\xc3\xb3 el presupuesto.</p></body></html>",
            "es",
        ),
        (
            "<html><head><title>عودة القطار</title></head><body><p>انطلقت أول رحلة تجريبية على "
            "الخط الساحلي.</p></body></html>".encode(),
            "ar",
        ),
        (
            "<html><head><title>روسیه و سوریه</title></head><body><p>روسیه می‌خواهد پایگاه‌هایش "
            "را در سوریه نگه دارد و با مقامات جدید گفتگو می‌کند.</p></body></html>".encode(),
            "fa",
        ),
        (page("<title>Wärmepumpen</title>", GERMAN, lang="en-US"), "de"),
    ],
)
def test_page_language(html: bytes, expected: str) -> None:
    assert parse_page(html, EN).language == expected


def test_markup_contradicted_by_the_text_is_a_warning() -> None:
    found = parse_page(page("<title>Wärmepumpen</title>", GERMAN, lang="en-US"), EN)
    assert found.language == "de" and found.language_certain
    assert "the page declares the language 'en' but its text reads as 'de'" in found.warnings

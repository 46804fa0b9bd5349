"""Jinja2 integration: filters and newstyle gettext per edition (i18n_news.site.filters)."""

from __future__ import annotations

import gettext
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import polib
import pytest
from jinja2 import DictLoader, Environment, StrictUndefined
from markupsafe import Markup

from i18n_news.catalogs.plurals import CANONICAL
from i18n_news.errors import I18nNewsError
from i18n_news.model import Edition
from i18n_news.site.filters import FILTER_NAMES, GETTEXT_NAMES, install

BEIRUT = ZoneInfo("Asia/Beirut")
SEED = datetime(2024, 12, 12, 23, 53, tzinfo=BEIRUT)
NOW = SEED + timedelta(hours=3)

EDITIONS = {
    "en": Edition("en", "en", "Al Mayadeen English", "ltr", timezone="Asia/Beirut"),
    "ar": Edition("ar", "ar_LB", "الميادين", "rtl", digits="arab", timezone="Asia/Beirut"),
    "es": Edition("es", "es", "Red El Mayadeen", "ltr", timezone="Asia/Beirut"),
}

SHARES = ("%(num)d Share", "%(num)d Shares")
MIN_READ = ("%(num)d Min Read", "%(num)d Min Read")

#: Translations per language: msgid -> msgstr, or (msgid, plural) -> forms.
MESSAGES: dict[str, dict[object, object]] = {
    "ar": {
        SHARES: [
            "لا مشاركات",
            "مشاركة واحدة",
            "مشاركتان",
            "%(num)d مشاركات",
            "%(num)d مشاركة",
            "%(num)d مشاركةٍ",
        ],
        MIN_READ: [
            "أقل من دقيقة قراءة",
            "دقيقة قراءة واحدة",
            "دقيقتان قراءة",
            "%(num)d دقائق قراءة",
            "%(num)d دقيقةً قراءة",
            "%(num)d دقيقة قراءة",
        ],
        "By %(author)s": "بقلم %(author)s",
        "Source: %(source)s": "المصدر: %(source)s",
        ("menu", "News"): "الأخبار",
        ("menu", "%(num)d story", "%(num)d stories"): [
            "لا قصص",
            "قصة واحدة",
            "قصتان",
            "%(num)d قصص",
            "%(num)d قصة",
            "%(num)d قصة",
        ],
    },
    "es": {
        SHARES: ["%(num)d vez compartido", "%(num)d veces compartido"],
        MIN_READ: ["%(num)d min de lectura", "%(num)d min de lectura"],
        "By %(author)s": "Por %(author)s",
        "<b>%(name)s</b> wrote": "<b>%(name)s</b> escribió",
    },
}


def build_mo(directory: Path, lang: str) -> gettext.GNUTranslations:
    po = polib.POFile()
    po.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": lang,
        "Plural-Forms": CANONICAL[lang],
    }
    for key, value in MESSAGES[lang].items():
        if isinstance(key, str):
            po.append(polib.POEntry(msgid=key, msgstr=value))
        elif len(key) == 2 and isinstance(value, list):
            forms = dict(enumerate(value))
            po.append(polib.POEntry(msgid=key[0], msgid_plural=key[1], msgstr_plural=forms))
        elif len(key) == 2:
            po.append(polib.POEntry(msgctxt=key[0], msgid=key[1], msgstr=value))
        else:
            forms = dict(enumerate(value))  # type: ignore[arg-type]
            po.append(
                polib.POEntry(
                    msgctxt=key[0], msgid=key[1], msgid_plural=key[2], msgstr_plural=forms
                )
            )
    path = directory / f"{lang}.mo"
    po.save_as_mofile(str(path))
    with path.open("rb") as handle:
        return gettext.GNUTranslations(handle)


@pytest.fixture
def translations(tmp_path: Path) -> dict[str, gettext.NullTranslations]:
    return {"en": gettext.NullTranslations(), **{k: build_mo(tmp_path, k) for k in MESSAGES}}


def render(
    source: str,
    code: str,
    translations: dict,
    *,
    autoescape: bool = True,
    **context: object,
) -> str:
    env = Environment(
        loader=DictLoader({"t.html": source}),
        autoescape=autoescape,
        extensions=["jinja2.ext.i18n"],
        undefined=StrictUndefined,
    )
    labels = {("section", "politics"): {"en": "Politics", "ar": "سياسة", "es": "Política"}}
    install(
        env,
        EDITIONS[code],
        translations[code],
        now=NOW,
        taxonomy_label=lambda kind, key: labels[(kind, key)][code],
    )
    return env.get_template("t.html").render(**context)


# --------------------------------------------------------------------------
# The acceptance table through templates
# --------------------------------------------------------------------------

ARTICLE_META = (
    "{{ published|dateline }} | "
    '{{ ngettext("%(num)d Share", "%(num)d Shares", shares) }} | '
    '{{ ngettext("%(num)d Min Read", "%(num)d Min Read", minutes) }} | '
    "{{ published|reldate }}"
)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "12 Dec 2024 23:53 | 2 Shares | 3 Min Read | 3 hours ago"),
        ("ar", "١٢ كانون الأول ٢٠٢٤ ٢٣:٥٣ | مشاركتان | ٣ دقائق قراءة | قبل ٣ ساعات"),
        ("es", "12 dic 2024 23:53 | 2 veces compartido | 3 min de lectura | hace 3 horas"),
    ],
)
def test_seed_article_meta(code: str, expected: str, translations: dict) -> None:
    out = render(ARTICLE_META, code, translations, published=SEED, shares=2, minutes=3)
    assert out == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "لا مشاركات"),
        (1, "مشاركة واحدة"),
        (2, "مشاركتان"),
        (3, "٣ مشاركات"),
        (11, "١١ مشاركة"),
        (102, "١٠٢ مشاركةٍ"),
        (1234, "١٢٣٤ مشاركة"),
    ],
)
def test_arabic_shares_every_form(n: int, expected: str, translations: dict) -> None:
    source = '{{ ngettext("%(num)d Share", "%(num)d Shares", n) }}'
    assert render(source, "ar", translations, n=n) == expected


def test_untranslated_ngettext_still_prints_edition_digits(translations: dict) -> None:
    source = '{{ ngettext("%(num)d Share", "%(num)d Shares", 2) }}'
    assert render(source, "ar", {"ar": gettext.NullTranslations()}) == "٢ Shares"
    assert render(source, "en", translations) == "2 Shares"


# --------------------------------------------------------------------------
# Escaping and isolation
# --------------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"


@pytest.mark.parametrize("code", ["en", "ar", "es"])
def test_autoescape_escapes_variables(code: str, translations: dict) -> None:
    out = render('{{ _("By %(author)s", author=name) }}', code, translations, name=SCRIPT)
    assert "<script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out


def test_translation_markup_kept_variable_escaped(translations: dict) -> None:
    out = render('{{ _("<b>%(name)s</b> wrote", name=name) }}', "es", translations, name="<i>")
    assert out == "<b>&lt;i&gt;</b> escribió"


def test_without_autoescape_nothing_is_escaped(translations: dict) -> None:
    out = render(
        '{{ _("By %(author)s", author=name) }}', "en", translations, autoescape=False, name="<x>"
    )
    assert out == "By <x>"


def test_bdi_isolates_english_name_in_rtl(translations: dict) -> None:
    source = '{{ _("By %(author)s", author=name|bdi) }}'
    out = render(source, "ar", translations, name="Al Mayadeen English")
    assert out == "بقلم <bdi>Al Mayadeen English</bdi>"


def test_bdi_escapes_and_leaves_same_direction_bare(translations: dict) -> None:
    assert render("{{ name|bdi }}", "ar", translations, name="الميادين") == "الميادين"
    assert render("{{ name|bdi }}", "ar", translations, name=SCRIPT) == (
        "<bdi>&lt;script&gt;alert(1)&lt;/script&gt;</bdi>"
    )
    assert render("{{ name|bdi }}", "en", translations, name="الميادين") == "<bdi>الميادين</bdi>"


def test_bdi_closes_an_override_from_content(translations: dict) -> None:
    out = render("{{ name|bdi }}", "en", translations, name="evil\u202egnp.exe")
    assert out == "evil\u202egnp.exe\u202c"


def test_isolate_filter_for_plain_text(translations: dict) -> None:
    out = render("{{ title|isolate }}", "ar", translations, autoescape=False, title="Reuters")
    assert out == "\u2068Reuters\u2069"


# --------------------------------------------------------------------------
# Gettext semantics (newstyle, as jinja2.ext)
# --------------------------------------------------------------------------


def test_gettext_without_variables_is_still_a_format_string(translations: dict) -> None:
    assert render('{{ _("100%% sure") }}', "ar", translations) == "100% sure"


def test_translator_digits_are_not_shaped(translations: dict) -> None:
    out = render('{{ _("COVID-19 in %(year)d", year=2025) }}', "ar", translations)
    assert out == "COVID-19 in ٢٠٢٥"


def test_missing_variable_raises_like_jinja(translations: dict) -> None:
    with pytest.raises(KeyError):
        render('{{ _("By %(author)s") }}', "en", translations)


def test_pgettext_and_npgettext(translations: dict) -> None:
    source = (
        '{{ pgettext("menu", "News") }} / '
        '{{ npgettext("menu", "%(num)d story", "%(num)d stories", 5) }} / '
        '{{ pgettext("menu", "%(context)s") }}'
    )
    assert render(source, "ar", translations) == "الأخبار / ٥ قصص / menu"


def test_trans_block_uses_newstyle_callables(translations: dict) -> None:
    source = (
        "{% trans count=n %}{{ count }} Share{% pluralize %}{{ count }} Shares{% endtrans %}"
        " {% trans %}By {{ author }}{% endtrans %}"
    )
    out = render(source, "ar", translations, n=3, author=SCRIPT)
    assert out == "٣ Shares بقلم &lt;script&gt;alert(1)&lt;/script&gt;"


def test_callables_return_markup_under_autoescape(translations: dict) -> None:
    env = Environment(autoescape=True)
    install(env, EDITIONS["en"], translations["en"], now=NOW)
    assert set(GETTEXT_NAMES) <= set(env.globals)
    assert set(FILTER_NAMES) <= set(env.filters)
    tmpl = env.from_string('{% set s = _("Hello") %}{{ s.__class__.__name__ }}')
    assert tmpl.render() == "Markup"


# --------------------------------------------------------------------------
# Filters
# --------------------------------------------------------------------------

FILTER_TABLE = [
    ("{{ d|dateline }}", "en", "12 Dec 2024 23:53"),
    ("{{ d|listdate }}", "en", "12 Dec 2024"),
    ("{{ d|listdate }}", "ar", "١٢ كانون الأول ٢٠٢٤"),
    ("{{ d|feeddate }}", "es", "12 dic 2024 23:53 GMT+02:00"),
    ("{{ d|isodate }}", "ar", "2024-12-12T23:53:00+02:00"),
    ("{{ d|reldate }}", "es", "hace 3 horas"),
    ('{{ d|date("list") }}', "es", "12 dic 2024"),
    ('{{ "2024-12-12T21:53:00+00:00"|dateline }}', "ar", "١٢ كانون الأول ٢٠٢٤ ٢٣:٥٣"),
    ("{{ none|dateline }}", "en", ""),
    ("{{ 1234.5|number }}", "ar", "١٬٢٣٤٫٥"),
    ("{{ 1234.5|number }}", "es", "1234,5"),
    ("{{ 404|number }}", "ar", "٤٠٤"),
    ("{{ 12345|integer }}", "en", "12,345"),
    ("{{ 2025|integer(False) }}", "ar", "٢٠٢٥"),
    ("{{ 0.25|percent }}", "ar", "٢٥٪\u061c"),
    ("{{ 0.25|percent }}", "en", "25%"),
    ('{{ "page 2/10"|digits }}', "ar", "page ٢/١٠"),
    ('{{ label("section", "politics") }}', "ar", "سياسة"),
    ('{{ "politics"|label("section") }}', "es", "Política"),
]


@pytest.mark.parametrize(("source", "code", "expected"), FILTER_TABLE)
def test_filter_table(source: str, code: str, expected: str, translations: dict) -> None:
    assert render(source, code, translations, d=SEED, none=None) == expected


def test_label_without_taxonomy_is_the_key() -> None:
    env = Environment()
    install(env, EDITIONS["en"], gettext.NullTranslations(), now=NOW)
    assert env.from_string('{{ label("tag", "russia") }}').render() == "russia"


def test_naive_date_in_template_is_an_error(translations: dict) -> None:
    with pytest.raises(I18nNewsError, match="no UTC offset"):
        render("{{ d|dateline }}", "en", translations, d=datetime(2024, 12, 12, 23, 53))


@pytest.mark.parametrize("now", [datetime(2024, 12, 13), None, "2024-12-13"])
def test_install_needs_an_aware_now(now: object) -> None:
    with pytest.raises(I18nNewsError, match="now"):
        install(Environment(), EDITIONS["en"], gettext.NullTranslations(), now=now)  # type: ignore[arg-type]


def test_bdi_returns_markup_not_double_escaped(translations: dict) -> None:
    out = render("{{ name|bdi|bdi }}", "ar", translations, name=Markup("<b>x</b>"))
    assert out == "<bdi><b>x</b></bdi>"


def test_now_is_injected_for_reproducible_builds(translations: dict) -> None:
    later = datetime(2024, 12, 20, 12, tzinfo=UTC)
    env = Environment()
    install(env, EDITIONS["en"], translations["en"], now=later)
    assert env.from_string("{{ d|reldate }}").render(d=SEED) == "1 week ago"

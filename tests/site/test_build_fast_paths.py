"""The build's shortcuts give exactly what the general code they bypass gives."""

from __future__ import annotations

import itertools
import posixpath
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from jinja2 import DictLoader, UndefinedError

from i18n_news.localize.bidi import balance_bidi_controls, strip_unbalanced_controls
from i18n_news.model import Edition
from i18n_news.site import filters
from i18n_news.site.plan import SitePlanner, SiteSettings, _origin, relative_href
from i18n_news.site.render import _Environment, _LenientUndefined
from i18n_news.site.sanitize import balance_text_nodes

SEGMENTS = ["", "ar", "tag", "x", ".", "..", "404.html"]


def _reference_href(source: str, target: str) -> str:
    """``relative_href`` as it was: ``posixpath.relpath`` on every call."""
    base = source if source.endswith("/") else posixpath.dirname(source) + "/"
    rel = posixpath.relpath(target, base)
    if rel == ".":
        return "./"
    return rel + "/" if target.endswith("/") else rel


def _paths() -> list[str]:
    found = set()
    for size in range(4):
        for parts in itertools.product(SEGMENTS, repeat=size):
            found.add("/" + "/".join(parts))
            found.add("/" + "/".join(parts) + "/")
    return sorted(found)


def test_relative_href_matches_relpath_everywhere() -> None:
    paths = _paths()
    for source in paths[::3]:
        for target in paths:
            assert relative_href(source, target) == _reference_href(source, target), (
                source,
                target,
            )


def _planner(base_urls: dict[str, str]) -> SitePlanner:
    """Just enough of a planner for its URL methods."""
    planner = object.__new__(SitePlanner)
    planner.settings = SiteSettings(base_urls=base_urls, now=datetime.now(UTC))
    planner._origins = {code: _origin(url) for code, url in base_urls.items()}
    return planner


BASES = [
    {"a": "https://news.example.org/ar/", "b": "https://news.example.org/es/"},
    {"a": "https://ar.example.org/", "b": "https://es.example.org/"},
    {"a": "HTTPS://news.example.org/", "b": "https://news.example.org/en/"},
    {"a": "https://x.test/a/b/", "b": "/local/"},
    {"a": "https://x.test/a?q/", "b": "https://x.test/b/"},
]
PATHS = [
    "",
    "404.html",
    "politics/slug/",
    "tag/x/",
    "page/2/",
    "a/#frag",
    "p?q=1",
    "../up/",
    "a//b/",
]


@pytest.mark.parametrize("bases", BASES)
@pytest.mark.parametrize("rooted", [False, True])
def test_href_and_links_match_parsing_both_urls(bases: dict[str, str], rooted: bool) -> None:
    planner = _planner(bases)
    for source, target in itertools.product(PATHS, PATHS):
        for other in bases:
            fast = planner.href("a", source, other, target, rooted=rooted)
            slow = planner._href_parsed("a", source, other, target, rooted=rooted)
            assert fast == slow, (bases, source, other, target)
        link = planner._link_for("a", source, rooted)
        expected = planner._href_parsed("a", source, "a", target, rooted=rooted)
        assert link(target) == expected, (bases, source, target)


def test_control_checks_leave_plain_text_alone_and_balance_the_rest() -> None:
    assert balance_bidi_controls("plain عربي") == "plain عربي"
    assert balance_bidi_controls("\u202bعربي") == "\u202bعربي\u202c"
    assert strip_unbalanced_controls("a\u2069b") == "ab"
    assert balance_text_nodes('<p title="\u200ex">\u2067y</p>') == '<p title="x">\u2067y\u2069</p>'


EDITION = Edition("ar", "ar", "الميادين", "rtl", digits="arab", timezone="Asia/Beirut")
NOW = datetime(2025, 3, 30, 12, 0, tzinfo=UTC)


def _env() -> _Environment:
    env = _Environment(
        loader=DictLoader({}), autoescape=True, undefined=_LenientUndefined, extensions=[]
    )
    filters.install(env, EDITION, _NullTranslations(), now=NOW)
    return env


class _NullTranslations:
    def gettext(self, message: str) -> str:
        return message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return singular if n == 1 else plural

    def pgettext(self, context: str, message: str) -> str:
        return message

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return singular if n == 1 else plural


def test_remembered_dates_are_per_instant_not_per_wall_time() -> None:
    env = _env()
    beirut = ZoneInfo("Asia/Beirut")
    # The same wall time twice (the autumn change): equal datetimes, different instants.
    early = datetime(2024, 10, 26, 23, 30, tzinfo=beirut)
    late = datetime(2024, 10, 26, 23, 30, fold=1, tzinfo=beirut)
    same_instant = early.astimezone(timezone(timedelta(hours=5)))
    for name in ("dateline", "isodate", "reldate", "listdate"):
        render = env.filters[name]
        printed = [render(when) for when in (early, late, same_instant, early)]
        fresh = [_env().filters[name](when) for when in (early, late, same_instant, early)]
        assert printed == fresh
    assert early == late
    assert env.filters["isodate"](early) != env.filters["isodate"](late)


def test_remembered_numbers_keep_types_apart() -> None:
    env = _env()
    number, integer = env.filters["number"], env.filters["integer"]
    values = (1, 1.0, -0.0, 0, 0.0)
    assert [number(v) for v in values] == [_env().filters["number"](v) for v in values]
    assert integer(12345) != integer(12345, False)
    assert integer(12345, False) == _env().filters["integer"](12345, False)


def test_remembered_messages_depend_on_autoescape() -> None:
    env = _env()
    # Under autoescape a translation is markup (|e keeps it), elsewhere plain text.
    plain = "{% autoescape false %}{{ _('A & B')|e }}{% endautoescape %}"
    assert env.from_string(plain).render() == "A &amp; B"
    assert env.from_string("{{ _('A & B')|e }}").render() == "A & B"
    assert env.from_string(plain).render() == "A &amp; B"


def test_dict_lookup_shortcut_keeps_jinja_semantics() -> None:
    env = _env()
    data = {"url": "/x/", "items": "shadowed", "nested": {"k": 1}}
    assert env.from_string("{{ d.url }} {{ d.nested.k }}").render(d=data) == "/x/ 1"
    # A dict method wins over a key of the same name, as in Jinja.
    assert env.from_string("{{ d.items is callable }}").render(d=data) == "True"
    assert env.from_string("{{ 'yes' if d.missing else 'no' }}").render(d=data) == "no"
    with pytest.raises(UndefinedError):
        env.from_string("{{ d.missing }}").render(d=data)

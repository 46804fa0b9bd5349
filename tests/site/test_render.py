"""The rendering environment's shortcuts give exactly what the general code they bypass gives.

The dict lookup of :mod:`i18n_news.site.render` and the remembered results of the
filters (:mod:`i18n_news.site.filters`) in an environment as the build makes it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from jinja2 import DictLoader, UndefinedError

from i18n_news.model import Edition
from i18n_news.site import filters
from i18n_news.site.render import _Environment, _LenientUndefined

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

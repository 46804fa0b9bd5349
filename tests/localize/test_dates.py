"""Dates and times per edition: places, patterns, zones, relative (i18n_news.localize.dates)."""

from __future__ import annotations

import doctest
import re
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from localize_helpers import AR, BEIRUT, BUILD_NOW, EDITIONS, EN, ES, SEED, edition

from i18n_news.errors import I18nNewsError
from i18n_news.localize import dates
from i18n_news.localize.dates import (
    DATE_PLACES,
    date_setting,
    format_date,
    format_relative,
    validate_date_config,
)
from i18n_news.model import Edition

ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
ASCII_DIGIT = re.compile(r"[0-9]")


# --------------------------------------------------------------------------
# The acceptance table (DESIGN.md, "Localization rules")
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "12 Dec 2024 23:53"),
        ("ar", "١٢ كانون الأول ٢٠٢٤ ٢٣:٥٣"),
        ("es", "12 dic 2024 23:53"),
    ],
)
def test_seed_dateline(code: str, expected: str) -> None:
    assert format_date(SEED, EDITIONS[code], "dateline") == expected
    assert format_date(SEED, EDITIONS[code]) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [("en", "3 hours ago"), ("ar", "قبل ٣ ساعات"), ("es", "hace 3 horas")],
)
def test_seed_relative(code: str, expected: str) -> None:
    assert format_relative(SEED, EDITIONS[code], now=BUILD_NOW) == expected
    assert format_date(SEED, EDITIONS[code], "relative", now=BUILD_NOW) == expected


# --------------------------------------------------------------------------
# Places and their defaults
# --------------------------------------------------------------------------

PLACE_TABLE = [
    ("en", "list", "12 Dec 2024"),
    ("ar", "list", "١٢ كانون الأول ٢٠٢٤"),
    ("es", "list", "12 dic 2024"),
    ("en", "feed", "12 Dec 2024 23:53 GMT+02:00"),
    ("ar", "feed", "١٢ كانون الأول ٢٠٢٤ ٢٣:٥٣ غرينتش+٠٢:٠٠"),
    ("es", "feed", "12 dic 2024 23:53 GMT+02:00"),
    ("en", "iso", "2024-12-12T23:53:00+02:00"),
    ("ar", "iso", "2024-12-12T23:53:00+02:00"),
    ("es", "iso", "2024-12-12T23:53:00+02:00"),
]


@pytest.mark.parametrize(("code", "place", "expected"), PLACE_TABLE)
def test_default_places(code: str, place: str, expected: str) -> None:
    assert format_date(SEED, EDITIONS[code], place) == expected


def test_list_date_in_english_style() -> None:
    assert format_date(datetime(2025, 8, 19, 9, 5, tzinfo=BEIRUT), EN, "list") == "19 Aug 2025"


def test_iso_round_trips_to_the_same_instant() -> None:
    instant = datetime(2025, 10, 25, 20, 30, tzinfo=UTC)
    assert datetime.fromisoformat(format_date(instant, AR, "iso")) == instant


def test_date_setting_resolution_order() -> None:
    assert date_setting(EN, "dateline") == "d MMM y HH:mm"
    assert date_setting(edition("es", dates={"dateline": "d/M/y"}), "dateline") == "d/M/y"
    fr = Edition("fr", "fr", "x", "ltr")
    assert date_setting(fr, "list") == "skeleton:yMMMd"
    assert format_date(SEED, fr, "list") == "12 déc. 2024"


@pytest.mark.parametrize("place", ["header", "", "DATELINE"])
def test_unknown_place_is_an_error(place: str) -> None:
    with pytest.raises(I18nNewsError, match="unknown date place"):
        format_date(SEED, EN, place)


# --------------------------------------------------------------------------
# Time zones: midnight, DST in Asia/Beirut, one instant in three zones
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("instant", "en", "ar"),
    [
        # Midnight: the UTC date is still the 12th, Beirut's is the 13th.
        (
            datetime(2024, 12, 12, 21, 59, 59, tzinfo=UTC),
            "12 Dec 2024 23:59",
            "١٢ كانون الأول ٢٠٢٤ ٢٣:٥٩",
        ),
        (
            datetime(2024, 12, 12, 22, 0, tzinfo=UTC),
            "13 Dec 2024 00:00",
            "١٣ كانون الأول ٢٠٢٤ ٠٠:٠٠",
        ),
        # New year in Beirut while London is still in the old one.
        (
            datetime(2024, 12, 31, 22, 0, tzinfo=UTC),
            "1 Jan 2025 00:00",
            "١ كانون الثاني ٢٠٢٥ ٠٠:٠٠",
        ),
        # DST starts 2025-03-30 00:00 → 01:00 (+02 → +03): no local midnight hour.
        (datetime(2025, 3, 29, 21, 59, tzinfo=UTC), "29 Mar 2025 23:59", "٢٩ آذار ٢٠٢٥ ٢٣:٥٩"),
        (datetime(2025, 3, 29, 22, 0, tzinfo=UTC), "30 Mar 2025 01:00", "٣٠ آذار ٢٠٢٥ ٠١:٠٠"),
        # DST ends 2025-10-26 00:00 → 2025-10-25 23:00 (+03 → +02): 23:xx twice.
        (
            datetime(2025, 10, 25, 20, 30, tzinfo=UTC),
            "25 Oct 2025 23:30",
            "٢٥ تشرين الأول ٢٠٢٥ ٢٣:٣٠",
        ),
        (
            datetime(2025, 10, 25, 21, 30, tzinfo=UTC),
            "25 Oct 2025 23:30",
            "٢٥ تشرين الأول ٢٠٢٥ ٢٣:٣٠",
        ),
        (
            datetime(2025, 10, 25, 22, 0, tzinfo=UTC),
            "26 Oct 2025 00:00",
            "٢٦ تشرين الأول ٢٠٢٥ ٠٠:٠٠",
        ),
    ],
)
def test_beirut_edges(instant: datetime, en: str, ar: str) -> None:
    assert format_date(instant, EN) == en
    assert format_date(instant, AR) == ar


def test_repeated_hour_keeps_instants_apart_in_feed_and_iso() -> None:
    first = datetime(2025, 10, 25, 20, 30, tzinfo=UTC)
    second = first + timedelta(hours=1)
    assert format_date(first, EN, "feed") == "25 Oct 2025 23:30 GMT+03:00"
    assert format_date(second, EN, "feed") == "25 Oct 2025 23:30 GMT+02:00"
    assert format_date(first, EN, "iso") == "2025-10-25T23:30:00+03:00"
    assert format_date(second, EN, "iso") == "2025-10-25T23:30:00+02:00"


def test_nonexistent_wall_time_is_normalized() -> None:
    # 00:30 on 2025-03-30 never happened in Beirut; zoneinfo reads it as +02.
    assert format_date(datetime(2025, 3, 30, 0, 30, tzinfo=BEIRUT), EN) == "30 Mar 2025 01:30"


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("Asia/Beirut", "1 Jan 2025 00:30"),
        ("America/New_York", "31 Dec 2024 17:30"),
        ("Asia/Kathmandu", "1 Jan 2025 04:15"),
    ],
)
def test_one_utc_instant_in_three_zones(zone: str, expected: str) -> None:
    instant = datetime(2024, 12, 31, 22, 30, tzinfo=UTC)
    assert format_date(instant, edition("en", timezone=zone)) == expected


def test_value_offset_does_not_matter_only_the_instant() -> None:
    tokyo = SEED.astimezone(ZoneInfo("Asia/Tokyo"))
    fixed = SEED.astimezone(timezone(timedelta(hours=-5, minutes=-30)))
    assert format_date(tokyo, ES) == format_date(fixed, ES) == "12 dic 2024 23:53"


@pytest.mark.parametrize(
    "value",
    [datetime(2024, 12, 12, 23, 53), date(2024, 12, 12), "2024-12-12T23:53:00+02:00", None],
)
def test_naive_or_non_datetime_is_an_error(value: object) -> None:
    with pytest.raises(I18nNewsError):
        format_date(value, EN)  # type: ignore[arg-type]


def test_naive_datetime_message_says_why() -> None:
    with pytest.raises(I18nNewsError, match="no UTC offset"):
        format_date(datetime(2024, 12, 12, 23, 53), AR)


def test_naive_now_is_an_error() -> None:
    with pytest.raises(I18nNewsError, match="now"):
        format_relative(SEED, EN, now=datetime(2024, 12, 13))


def test_unknown_time_zone_is_an_error() -> None:
    with pytest.raises(I18nNewsError, match="time zone"):
        format_date(SEED, edition("en", timezone="Mars/Olympus"))


# --------------------------------------------------------------------------
# The Spanish "23 Julio 19:20" configuration
# --------------------------------------------------------------------------

ES_RECENT = edition(
    "es",
    dates={
        "list": "d MMMM y HH:mm",
        "list_this_year": "d MMMM HH:mm",
        "list_capitalize": True,
    },
)
JULY = datetime(2025, 7, 23, 19, 20, tzinfo=BEIRUT)


@pytest.mark.parametrize(
    ("value", "now", "expected"),
    [
        (JULY, datetime(2025, 8, 1, tzinfo=UTC), "23 Julio 19:20"),
        # A date in an earlier year keeps its year.
        (SEED, datetime(2025, 8, 1, tzinfo=UTC), "12 Diciembre 2024 23:53"),
        # No clock given: the full pattern, never a guess.
        (JULY, None, "23 Julio 2025 19:20"),
        # "This year" is the edition's year: 22:30 UTC on 31 Dec is already 2025 in Beirut.
        (JULY, datetime(2024, 12, 31, 22, 30, tzinfo=UTC), "23 Julio 19:20"),
        (JULY, datetime(2024, 12, 31, 21, 30, tzinfo=UTC), "23 Julio 2025 19:20"),
    ],
)
def test_spanish_recent_style(value: datetime, now: datetime | None, expected: str) -> None:
    assert format_date(value, ES_RECENT, "list", now=now) == expected


def test_spanish_config_leaves_other_places_alone() -> None:
    assert format_date(JULY, ES_RECENT, "dateline") == "23 jul 2025 19:20"


def test_capitalize_touches_names_not_literals() -> None:
    es = edition("es", dates={"dateline": "EEEE d 'de' MMMM", "dateline_capitalize": "true"})
    assert format_date(JULY, es) == "Miércoles 23 de Julio"


@pytest.mark.parametrize(
    ("locale", "skeleton", "expected"),
    [
        ("en", "skeleton:yMMMd", "Dec 12, 2024"),
        ("en", "skeleton:yMMMMd", "December 12, 2024"),
        ("es", "skeleton:yMMMMd", "12 de diciembre de 2024"),
        ("en", "skeleton:yMMMdjm", "Dec 12, 2024, 11:53 PM"),
        ("ar_LB", "skeleton:MMMMd", "١٢ كانون الأول"),
        ("es", "skeleton:Hm", "23:53"),
    ],
)
def test_skeletons_follow_the_locale(locale: str, skeleton: str, expected: str) -> None:
    ed = Edition(
        "x",
        locale,
        "x",
        "ltr",
        "arab" if locale.startswith("ar") else "latn",
        "Asia/Beirut",
        {"dateline": skeleton},
    )
    assert format_date(SEED, ed) == expected


def test_pattern_literals_with_apostrophes() -> None:
    en = edition("en", dates={"dateline": "h 'o''clock' ''yy"})
    assert format_date(SEED, en) == "11 o'clock '24"


# --------------------------------------------------------------------------
# Configuration validation
# --------------------------------------------------------------------------

GOOD_CONFIGS = [
    {},
    {"dateline": "d MMM y HH:mm"},
    {"list": "d MMMM y HH:mm", "list_this_year": "d MMMM HH:mm", "list_capitalize": True},
    {"feed": "skeleton:yMMMdHmv", "feed_capitalize": "false"},
    {"iso": "yyyy-MM-dd'T'HH:mmxxx", "relative": "short"},
    {"dateline": "d 'de' MMMM 'de' y"},
]


@pytest.mark.parametrize("config", GOOD_CONFIGS)
def test_valid_date_configs(config: dict) -> None:
    validate_date_config(config, "pyproject.toml", lambda key: 7)


BAD_CONFIGS = [
    ({"header": "d MMM y"}, "unknown key"),
    ({"iso_capitalize": True}, "unknown key"),
    ({"relative_this_year": "d"}, "unknown key"),
    ({"dateline": "d MMM y T HH:mm"}, "unknown field 'T'"),
    ({"dateline": "d 'de MMMM"}, "unterminated quote"),
    ({"dateline": "ddd MMM"}, "unsupported width"),
    ({"dateline": "d MMM y bb"}, "unknown field 'bb'"),
    ({"dateline": ""}, "non-empty string"),
    ({"dateline": 12}, "non-empty string"),
    ({"list_capitalize": "yes please"}, "true or false"),
    ({"relative": "medium"}, "long, short, narrow"),
    ({"iso": "skeleton:yMd"}, "not a skeleton"),
    ({"feed": "skeleton:yMMMd1"}, "field letters only"),
    ({"feed": "skeleton:HmZZZZ"}, "no CLDR pattern"),
]


@pytest.mark.parametrize(("config", "message"), BAD_CONFIGS)
def test_invalid_date_configs(config: dict, message: str) -> None:
    lines = {key: 40 + i for i, key in enumerate(config)}
    with pytest.raises(I18nNewsError, match=re.escape(message)) as info:
        validate_date_config(config, "pyproject.toml", lines.get, prefix="editions.es.dates")
    key = next(iter(config))
    assert info.value.path == "pyproject.toml"
    assert info.value.line == lines[key]
    assert str(info.value).startswith(f"pyproject.toml:{lines[key]}: editions.es.dates.{key}")


def test_bad_pattern_reported_at_format_time_too() -> None:
    with pytest.raises(I18nNewsError, match=r"dates\.dateline"):
        format_date(SEED, edition("en", dates={"dateline": "d MMM y T"}))


# --------------------------------------------------------------------------
# Relative times
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("delta", "code", "expected"),
    [
        (timedelta(seconds=0), "en", "1 minute ago"),
        (timedelta(seconds=-20), "en", "1 minute ago"),
        (timedelta(seconds=20), "en", "in 1 minute"),
        (timedelta(minutes=-90), "en", "2 hours ago"),
        (timedelta(hours=5), "en", "in 5 hours"),
        (timedelta(days=-2), "en", "2 days ago"),
        (timedelta(minutes=-2), "ar", "قبل دقيقتين"),
        (timedelta(hours=-1), "ar", "قبل ساعة واحدة"),
        (timedelta(hours=-11), "ar", "قبل ١١ ساعة"),
        (timedelta(hours=5), "ar", "خلال ٥ ساعات"),
        (timedelta(days=-400), "es", "hace 1 año"),
        (timedelta(minutes=-45), "es", "hace 45 minutos"),
    ],
)
def test_relative_table(delta: timedelta, code: str, expected: str) -> None:
    assert format_relative(BUILD_NOW + delta, EDITIONS[code], now=BUILD_NOW) == expected


def test_relative_width_from_config() -> None:
    short = edition("en", dates={"relative": "short"})
    assert format_relative(SEED, short, now=BUILD_NOW) == "3 hr. ago"


def test_relative_needs_now() -> None:
    with pytest.raises(I18nNewsError, match="needs 'now'"):
        format_date(SEED, EN, "relative")


def test_arabext_edition_dates() -> None:
    fa_digits = edition("ar", digits="arabext")
    assert format_date(SEED, fa_digits) == "۱۲ كانون الأول ۲۰۲۴ ۲۳:۵۳"


def test_doctests() -> None:
    result = doctest.testmod(dates)
    assert result.attempted > 0 and result.failed == 0


# --------------------------------------------------------------------------
# Property: any aware datetime, any edition, every place
# --------------------------------------------------------------------------

ZONES = [
    "Asia/Beirut",
    "UTC",
    "Asia/Kathmandu",
    "Pacific/Chatham",
    "America/St_Johns",
    "Australia/Lord_Howe",
    "Pacific/Kiritimati",
    "Etc/GMT+12",
    "Africa/Monrovia",
    "America/Sao_Paulo",
    "Asia/Tehran",
]
LOCALES = ["en", "ar_LB", "ar", "ar_EG", "es", "es_MX", "fa", "he", "fr", "ja", "hi", "ru", "ur"]
CONFIGS = [
    {},
    ES_RECENT.dates,
    {"dateline": "skeleton:yMMMMEEEEdjm", "list": "skeleton:yMd", "relative": "narrow"},
    {"feed": "EEEE d MMMM y G, h:mm:ss.SSS a zzzz", "feed_capitalize": True},
    {"dateline": "QQQQ w D F e c L k K", "relative": "short"},
]

offsets = st.builds(
    timezone,
    st.timedeltas(
        min_value=timedelta(hours=-23, minutes=-59), max_value=timedelta(hours=23, minutes=59)
    ),
)
zones = st.one_of(st.timezones(), offsets)
aware = st.datetimes(min_value=datetime(2, 1, 1), max_value=datetime(9998, 12, 31), timezones=zones)
editions = st.builds(
    Edition,
    code=st.just("x"),
    locale=st.sampled_from(LOCALES),
    name=st.just("x"),
    direction=st.sampled_from(["ltr", "rtl"]),
    digits=st.sampled_from(["latn", "arab", "arabext"]),
    timezone=st.sampled_from(ZONES),
    dates=st.sampled_from(CONFIGS),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=aware, ed=editions, now=st.one_of(st.none(), aware))
def test_formatting_never_raises(value: datetime, ed: Edition, now: datetime | None) -> None:
    for place in DATE_PLACES:
        if place == "relative" and now is None:
            continue
        text = format_date(value, ed, place, now=now)
        assert text
        if place == "iso":
            assert text.isascii()
        elif ed.digits != "latn":
            assert not ASCII_DIGIT.search(text), (place, text)


@settings(max_examples=200, deadline=None)
@given(value=aware, now=aware)
def test_arabic_edition_prints_no_ascii_digit(value: datetime, now: datetime) -> None:
    for place in ("dateline", "list", "feed", "relative"):
        text = format_date(value, AR, place, now=now)
        assert not ASCII_DIGIT.search(text)
        assert any(d in text for d in ARABIC_DIGITS) or place == "relative"

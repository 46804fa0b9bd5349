"""Editions, instants and compiled catalogs shared by the localize tests."""

from __future__ import annotations

import gettext
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import polib

from i18n_news.catalogs.plurals import CANONICAL
from i18n_news.model import Edition

BEIRUT = ZoneInfo("Asia/Beirut")

# The sample newsroom's editions, as pyproject.toml configures them.
EDITIONS = {
    "en": Edition("en", "en", "Al Mayadeen English", "ltr", timezone="Asia/Beirut"),
    "ar": Edition("ar", "ar_LB", "الميادين", "rtl", digits="arab", timezone="Asia/Beirut"),
    "es": Edition("es", "es", "Red El Mayadeen", "ltr", timezone="Asia/Beirut"),
}
EN, AR, ES = EDITIONS["en"], EDITIONS["ar"], EDITIONS["es"]

#: The seed story's instant: 2024-12-12T23:53+02:00.
SEED = datetime(2024, 12, 12, 23, 53, tzinfo=BEIRUT)
BUILD_NOW = SEED + timedelta(hours=3)


def edition(code: str, **changes: object) -> Edition:
    base = EDITIONS[code]
    fields = {**base.__dict__, **changes}
    return Edition(**fields)  # type: ignore[arg-type]


# --------------------------------------------------------------------------
# A real GNU catalog, compiled with polib, for the plural tests.
# --------------------------------------------------------------------------

MIN_READ = ("%(num)d Min Read", "%(num)d Min Read")
SHARES = ("%(num)d Share", "%(num)d Shares")

#: The six Arabic forms: zero, one, two, few (3–10), many (11–99), other (100–102).
AR_MINUTES = {
    0: "%(num)d دقيقة قراءة",
    1: "دقيقة قراءة واحدة",
    2: "دقيقتان قراءة",
    3: "%(num)d دقائق قراءة",
    4: "%(num)d دقيقةً قراءة",
    5: "%(num)d دقيقة قراءة (مئة)",
}
AR_SHARES = {
    0: "لا مشاركات",
    1: "مشاركة واحدة",
    2: "مشاركتان",
    3: "%(num)d مشاركات",
    4: "%(num)d مشاركة",
    5: "%(num)d مشاركةٍ",
}
CATALOGS = {
    "ar": (CANONICAL["ar"], {MIN_READ: AR_MINUTES, SHARES: AR_SHARES}),
    "es": (
        CANONICAL["es"],
        {
            MIN_READ: {0: "%(num)d min de lectura", 1: "%(num)d min de lectura"},
            SHARES: {0: "%(num)d vez compartido", 1: "%(num)d veces compartido"},
        },
    ),
}


def write_mo(directory: Path, lang: str) -> gettext.GNUTranslations:
    header, plurals = CATALOGS[lang]
    po = polib.POFile()
    po.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": lang,
        "Plural-Forms": header,
    }
    for (singular, plural), forms in plurals.items():
        po.append(polib.POEntry(msgid=singular, msgid_plural=plural, msgstr_plural=forms))
    path = directory / f"{lang}.mo"
    po.save_as_mofile(str(path))
    with path.open("rb") as handle:
        return gettext.GNUTranslations(handle)

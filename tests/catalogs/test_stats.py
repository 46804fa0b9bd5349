"""Translation progress (i18n_news.catalogs.stats)."""

from __future__ import annotations

from i18n_news.catalogs.reader import parse_po
from i18n_news.catalogs.stats import stats

CATALOG = b"""msgid ""
msgstr "Language: ar\\n"

msgid "Most Read"
msgstr "\xd8\xa7\xd9\x84\xd8\xa3\xd9\x83\xd8\xab\xd8\xb1 \xd9\x82\xd8\xb1\xd8\xa7\xd8\xa1\xd8\xa9"

#, fuzzy
msgid "Breaking news"
msgstr "\xd8\xb9\xd8\xa7\xd8\xac\xd9\x84"

msgid "Live coverage of the talks"
msgstr ""

msgid "%(num)d Share"
msgid_plural "%(num)d Shares"
msgstr[0] "x"
msgstr[1] ""

#~ msgid "Culture"
#~ msgstr "\xd8\xab\xd9\x82\xd8\xa7\xd9\x81\xd8\xa9"
"""


def test_counts_what_a_translation_lead_reads() -> None:
    assert stats(parse_po(CATALOG)) == {
        "total": 4,
        "translated": 1,
        "fuzzy": 1,
        "untranslated": 2,  # a plural entry with a missing form is not translated
        "obsolete": 1,
        "untranslated_words": 2 + 5 + 2,
        "percent": 25.0,
    }


def test_an_empty_catalog_is_complete() -> None:
    assert stats(parse_po(b""))["percent"] == 100.0

"""Templates and new catalogs (i18n_news.catalogs.templates): extract's output and ``init``."""

from __future__ import annotations

from datetime import UTC, datetime

from po_helpers import AR_PLURAL_FORMS

from i18n_news.catalogs.extract import Message
from i18n_news.catalogs.reader import parse_po
from i18n_news.catalogs.templates import (
    GENERATOR,
    build_template,
    init_catalog,
    now_stamp,
    template_bytes,
)
from i18n_news.catalogs.writer import render_po
from i18n_news.model import Edition

MESSAGES = [
    Message("Most Read", locations=[("theme/base.html", 12)], comments=["Sidebar title."]),
    Message(
        "%(num)d Share",
        "%(num)d Shares",
        locations=[("theme/article.html", 40)],
        flags=["python-format"],
    ),
    Message("Politics", msgctxt="section", locations=[("content/taxonomy.toml", 3)]),
]
ARABIC = Edition(code="ar", locale="ar_LB", name="الميادين", direction="rtl", digits="arab")


def test_now_stamp_is_gettexts_date_format() -> None:
    assert now_stamp(datetime(2024, 12, 12, 23, 53, tzinfo=UTC)) == "2024-12-12 23:53+0000"


def test_template_holds_the_messages_in_order_with_a_gettext_header() -> None:
    pot = build_template(MESSAGES, project="Newsroom", created="2024-12-12 23:53+0000")
    assert [(e.msgctxt, e.msgid) for e in pot.entries] == [
        (None, "Most Read"),
        (None, "%(num)d Share"),
        ("section", "Politics"),
    ]
    shares = pot.entries[1]
    assert shares.msgid_plural == "%(num)d Shares" and shares.msgstr_plural == {0: "", 1: ""}
    assert shares.flags == ["python-format"]
    assert pot.entries[0].comment == "Sidebar title."
    assert pot.entries[0].occurrences == [("theme/base.html", "12")]
    assert pot.get_header("X-Generator") == GENERATOR
    assert pot.header is not None and pot.header.flags == ["fuzzy"]
    # What it writes, a reader reads back unchanged.
    data = render_po(pot)
    assert render_po(parse_po(data)) == data


def test_template_bytes_ignore_a_new_creation_date_alone() -> None:
    old = render_po(build_template(MESSAGES, project="Newsroom", created="2024-12-12 23:53+0000"))
    later = build_template(MESSAGES, project="Newsroom", created="2025-01-01 08:00+0000")
    assert template_bytes(later, old) is None
    assert template_bytes(later, None) == render_po(later)
    changed = build_template(MESSAGES[:2], project="Newsroom", created="2025-01-01 08:00+0000")
    assert template_bytes(changed, old) == render_po(changed)


def test_init_writes_the_canonical_arabic_plural_forms_and_empty_forms() -> None:
    pot = build_template(MESSAGES, project="Newsroom", created="2024-12-12 23:53+0000")
    pot.entries[0].flags = ["fuzzy"]  # a template's fuzzy flag is not the translator's
    po = init_catalog(pot, ARABIC, project="Newsroom", now=datetime(2024, 12, 13, 9, 0, tzinfo=UTC))
    assert po.get_header("Plural-Forms") == AR_PLURAL_FORMS
    assert po.get_header("Language") == "ar"
    assert po.get_header("POT-Creation-Date") == "2024-12-12 23:53+0000"
    assert po.get_header("PO-Revision-Date") == "2024-12-13 09:00+0000"
    assert po.entries[1].msgstr_plural == dict.fromkeys(range(6), "")
    assert po.entries[0].flags == [] and po.entries[0].msgstr == ""
    assert [e.msgid for e in po.entries] == [e.msgid for e in pot.entries]

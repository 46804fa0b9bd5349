"""The catalog model (i18n_news.catalogs.entry): header fields, lookups, change tracking."""

from __future__ import annotations

import pickle

import polib
from po_helpers import DATA, foreign

from i18n_news.catalogs.entry import Entry, POFile
from i18n_news.catalogs.reader import parse_po
from i18n_news.catalogs.writer import entry_lines, render_po

# --------------------------------------------------------------------------
# Header
# --------------------------------------------------------------------------


def test_header_fields_are_read_and_edited_in_place() -> None:
    po = foreign("crlf.po")
    assert list(po.metadata())[:3] == [
        "Project-Id-Version",
        "POT-Creation-Date",
        "PO-Revision-Date",
    ]
    assert po.get_header("Language") == "es"
    assert po.get_header("X-Missing") is None
    before = list(po.metadata())
    po.set_header("PO-Revision-Date", "2025-01-02 10:00+0100")
    po.set_header("X-Generator", "i18n_news 0.1.0")
    assert list(po.metadata()) == [*before, "X-Generator"]
    assert po.get_header("PO-Revision-Date") == "2025-01-02 10:00+0100"
    text = render_po(po).decode()
    assert '"PO-Revision-Date: 2025-01-02 10:00+0100\\n"\r\n' in text
    assert text.index("PO-Revision-Date") < text.index("Last-Translator")
    assert '"X-Generator: i18n_news 0.1.0\\n"\r\n\r\n#: i18n_news' in text


def test_header_is_created_for_a_catalog_without_one() -> None:
    po = parse_po(b'msgid "a"\nmsgstr "b"\n')
    assert po.header is None and po.metadata() == {} and po.charset == "UTF-8"
    po.set_header("Content-Type", "text/plain; charset=UTF-8")
    po.set_header("Language", "es")
    assert render_po(po) == (
        b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        b'"Language: es\\n"\n\nmsgid "a"\nmsgstr "b"\n'
    )


# --------------------------------------------------------------------------
# Lookup and change tracking
# --------------------------------------------------------------------------


def test_find_follows_edits_appends_and_removals() -> None:
    po = foreign("obsolete_previous.po")
    news = po.find("Breaking news")
    assert news is po.entries[0]
    assert po.find("") is po.header
    news.msgid = "Breaking"
    assert po.find("Breaking news") is None
    assert po.find("Breaking") is news
    news.msgctxt = "banner"
    assert po.find("Breaking") is None and po.find("Breaking", "banner") is news
    po.entries.append(Entry(msgid="New", msgstr=""))
    assert po.find("New") is po.entries[-1]
    del po.entries[-1]
    assert po.find("New") is None
    news.obsolete = True
    assert po.find("Breaking", "banner") is None
    assert po.find("Breaking", "banner", obsolete=True) is news


def test_entries_are_clean_until_a_written_field_changes() -> None:
    po = foreign("fuzzy_previous.po")
    entry = po.entries[0]
    assert entry.snapshot() == entry._snapshot  # the fast constructor agrees with snapshot()
    assert not entry.is_dirty() and entry_lines(entry) is entry.raw
    assert entry.lineno == entry.linenum == 20  # the msgid line, after msgctxt on 19
    for change in (
        lambda e: e.flags.remove("fuzzy"),
        lambda e: e.occurrences.append(("x.py", "1")),
        lambda e: e.msgstr_plural.__setitem__(1, "otro"),
        lambda e: setattr(e, "previous_msgid", None),
        lambda e: setattr(e, "tcomment", "new note"),
        lambda e: setattr(e, "obsolete", True),
    ):
        fresh_copy = parse_po((DATA / "foreign" / "fuzzy_previous.po").read_bytes()).entries[0]
        change(fresh_copy)
        assert fresh_copy.is_dirty()
    assert Entry(msgid="x").is_dirty()


def test_find_follows_an_entry_shared_by_two_catalogs() -> None:
    first = parse_po(b'msgid "a"\nmsgstr "x"\n\nmsgid "b"\nmsgstr "y"\n')
    second = POFile(entries=list(first.entries))
    shared = first.entries[0]
    assert first.find("a") is shared and second.find("a") is shared
    shared.msgid = "c"  # the second index holds it now; the first must notice too
    assert first.find("a") is None and first.find("c") is shared
    assert second.find("a") is None and second.find("c") is shared
    shared.obsolete = True
    assert second.find("c") is None and first.find("c", obsolete=True) is shared


def test_find_follows_a_new_header_and_a_new_list() -> None:
    po = parse_po(b'msgid ""\nmsgstr "Language: es\\n"\n\nmsgid "a"\nmsgstr "x"\n')
    old_header = po.header
    assert po.find("") is old_header
    po.header = Entry(msgid="", msgstr="Language: ar\n")
    assert po.find("") is po.header
    po.entries = [Entry(msgid="b")]
    assert po.find("a") is None and po.find("b") is po.entries[0]


def test_an_indexed_catalog_pickles() -> None:
    po = parse_po((DATA / "foreign" / "fuzzy_previous.po").read_bytes())
    assert po.find(po.entries[0].msgid, po.entries[0].msgctxt) is po.entries[0]
    copy = pickle.loads(pickle.dumps(po))
    assert render_po(copy) == render_po(po)
    entry = copy.entries[0]
    assert copy.find(entry.msgid, entry.msgctxt) is entry
    entry.msgid = "renamed"
    assert copy.find("renamed", entry.msgctxt) is entry


def test_entry_has_every_field_of_polib_entries() -> None:
    """Entry sets polib's fields itself instead of calling its constructor: none may be missing."""
    theirs = polib.POEntry()
    ours = Entry()
    assert vars(theirs), "polib keeps its fields in the instance"
    for name, value in vars(theirs).items():
        assert getattr(ours, name) == value, name
    assert not ours.fuzzy and not ours.translated()
    assert Entry(msgid="a", msgstr="b").translated()  # polib's own methods work on ours
    assert Entry().flags is not ours.flags  # no shared default lists

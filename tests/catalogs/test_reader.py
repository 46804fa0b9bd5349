"""Reading catalogs (i18n_news.catalogs.reader): every shape real tools write, bad input, speed."""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from po_helpers import AR_PLURAL_FORMS, DATA, FOREIGN, WORDS, foreign

from i18n_news.catalogs.entry import Entry
from i18n_news.catalogs.reader import parse_po, read_po
from i18n_news.catalogs.writer import format_entry, render_po
from i18n_news.errors import I18nNewsError

BAD = sorted((DATA / "bad").glob("bad.*.po"))


# --------------------------------------------------------------------------
# Foreign shapes
# --------------------------------------------------------------------------


@pytest.mark.parametrize("path", FOREIGN, ids=[p.name for p in FOREIGN])
def test_foreign_file_round_trips_byte_for_byte(path: Path) -> None:
    data = path.read_bytes()
    assert render_po(parse_po(data, str(path))) == data


def test_crlf_file_keeps_crlf_also_for_new_entries() -> None:
    data = (DATA / "foreign" / "crlf.po").read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n") > 0  # the checkout kept the CRLFs
    po = parse_po(data)
    assert po.newline == "\r\n"
    assert po.entries[1].msgstr.startswith("Al Mayadeen English es una")
    po.entries.append(Entry(msgid="Subscribe", msgstr="Suscríbete"))
    out = render_po(po)
    assert out.startswith(data)
    assert out[len(data) :] == b'\r\nmsgid "Subscribe"\r\nmsgstr "Suscr\xc3\xadbete"\r\n'


def test_bom_and_missing_final_newline_are_kept() -> None:
    bom = foreign("bom.po")
    assert bom.bom and bom.get_header("Language") == "es"
    assert render_po(bom).startswith(b"\xef\xbb\xbfmsgid")
    tail = foreign("no_final_newline.po")
    assert not tail.final_newline
    tail.entries[0].msgstr = "Suscríbete ya"
    assert render_po(tail).endswith(b'msgstr "Suscr\xc3\xadbete ya"')


def test_blank_line_separators_are_kept() -> None:
    po = foreign("two_blank_lines.po")
    assert [e.sep for e in po.entries] == [["", ""], ["", ""], ["", "", ""]]
    po.entries[1].msgstr = "Opinión (editorial)"
    assert render_po(po).decode().count("\n\n\n\n") == 1
    flat = foreign("no_blank_lines.po")
    assert [e.msgid for e in flat.entries] == ["Politics", "Opinion", "Subscribe", "Culture"]
    assert all(e.sep == [] for e in flat.entries)
    assert flat.entries[1].occurrences == [("content/taxonomy.toml", "7")]
    assert flat.entries[3].obsolete


def test_comments_after_the_last_entry_form_the_trailer() -> None:
    po = foreign("trailing_comment.po")
    assert po.trailer == [
        "",
        "# Translators: the entries below are reviewed weekly.",
        "#. no entry follows this comment",
        "",
    ]
    po.entries.append(Entry(msgid="Opinion", msgstr="Opinión"))
    assert (
        render_po(po)
        .decode()
        .endswith(
            'msgid "Opinion"\nmsgstr "Opinión"\n\n# Translators: the entries below are reviewed '
            "weekly.\n#. no entry follows this comment\n\n"
        )
    )
    only = foreign("comments_only.po")
    assert only.header is None and only.entries == []
    assert only.trailer == ["# Nothing has been extracted yet.", "#"]


def test_escapes_are_resolved() -> None:
    po = foreign("escapes.po")
    first, octal, trailing = po.entries
    assert first.msgid == 'Tab\tnew line\nquote " backslash \\ return\r bell\a bs\b ff\f vt\v'
    assert octal.msgid == "Octal AB hex CD bytes é"
    assert trailing.msgid == "Trailing backslash \\"
    assert format_entry(octal) == [
        'msgid "Octal AB hex CD bytes é"',
        'msgstr "Octal AB hex CD bytes é"',
    ]


def test_multiline_and_long_strings() -> None:
    po = foreign("multiline_msgid.po")
    assert po.entries[0].msgid == (
        "The page you are looking for may have been moved.\n"
        "Try the search box or go back to the home page."
    )
    assert po.entries[1].msgid == "Line one\nline two\nline three"
    assert po.entries[2].msgid == "split across lines"
    long = foreign("long_lines.po").entries[0]
    assert long.msgctxt == "paragraph" and len(long.msgid) > 4000 and len(long.msgstr) > 3000


def test_arabic_plurals_have_six_forms() -> None:
    po = foreign("arabic_plurals.po")
    minutes, hours = po.entries
    assert sorted(minutes.msgstr_plural) == [0, 1, 2, 3, 4, 5]
    assert minutes.msgstr_plural[2] == "دقيقتان قراءة"
    assert hours.msgstr_plural[3].startswith("قبل %(num)d ساعات،")
    assert po.get_header("Plural-Forms") == AR_PLURAL_FORMS


def test_previous_strings_of_fuzzy_and_obsolete_entries() -> None:
    fuzzy = foreign("fuzzy_previous.po").entries[0]
    assert fuzzy.flags == ["fuzzy", "python-format"]
    assert (fuzzy.previous_msgctxt, fuzzy.previous_msgid, fuzzy.previous_msgid_plural) == (
        "time",
        "%(num)d minute ago",
        "%(num)d minutes ago",
    )
    po = foreign("obsolete_previous.po")
    live, culture, replies, long = po.entries[1:]
    assert live.obsolete and live.previous_msgid == "Live blog" and live.fuzzy
    assert live.tcomment == "Kept for when the live blog returns."
    assert culture.obsolete and culture.msgctxt == "section"
    assert replies.previous_msgctxt == "count" and replies.msgstr_plural[1] == "%(num)d respuestas"
    assert long.msgid.startswith("An obsolete message") and long.obsolete
    assert po.find("Culture", "section", obsolete=True) is culture
    assert po.find("Culture", "section") is None
    assert [e.msgid for e in po.active()] == ["Breaking news"]


def test_whitespace_oddities_are_read() -> None:
    po = foreign("whitespace_oddities.po")
    odd, politics = po.entries
    assert odd.tcomment == "\nTranslator comment without a space"
    assert odd.comment == "Extracted without a space"
    assert odd.occurrences == [("a.py", "1"), ("b.py", "2"), ("c.py", "")]
    assert odd.flags == ["fuzzy", "python-format"]
    assert (odd.msgid, odd.msgstr) == ("Indented keyword", "Tab before the string")
    assert politics.tcomment == "A comment separated from its entry by a blank line"


def test_latin1_catalog_is_decoded_and_written_in_its_charset() -> None:
    po = foreign("latin1.po")
    assert po.charset == "ISO-8859-1"
    assert po.entries[0].msgstr == "Última hora en español"
    assert po.entries[0].tcomment == "Señal de cierre."
    po.entries[0].msgstr = "Última hora, señoras"
    assert 'msgstr "Última hora, señoras"'.encode("latin-1") in render_po(po)
    po.entries[0].msgstr = "عاجل"
    with pytest.raises(I18nNewsError, match="cannot be written in charset ISO-8859-1"):
        render_po(po)


# --------------------------------------------------------------------------
# Input that is not a clean catalog
# --------------------------------------------------------------------------

LINE_POOL = [
    'msgid "a"', 'msgid ""', 'msgid "dup"', 'msgstr "b"', 'msgstr ""', 'msgid_plural "p"',
    'msgstr[0] "x"', 'msgstr[1] "y"', 'msgstr[٣] "z"', 'msgctxt "c"', '"continued"',
    '"esc \\n \\t \\" \\\\"', '"\\q"', '"\\303\\251"', '"\\xff"', '"\\777"', "#  comment",
    "#. extracted", "#: a.py:1 b.py \u2068c d.py\u2069:3", "#, fuzzy, python-format",
    '#| msgid "old"', '#| "old continued"', '#~ msgid "o"', '#~ msgstr "p"', '#~| msgid "q"',
    "#~", "#~ junk", "", "  ", "\t", '"Content-Type: text/plain; charset=ISO-8859-1\\n"',
    '"Content-Type: text/plain; charset=UTF-16\\n"',
    '"Content-Type: text/plain; charset=koi8-r\\n"',
    'msgid "é"', '"unterminated', 'msgid "a" "b"', "garbage", '\t msgid "x"  ', "msgid",
    'msgstr[0"', "#", "#,", "#:", "# \r", '"\\', "\ufeff", "msgid \"\u2028\"",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(
    lines=st.lists(st.sampled_from(LINE_POOL), max_size=30),
    newline=st.sampled_from(["\n", "\r\n", "\n", "\r"]),
    final=st.booleans(),
    bom=st.booleans(),
    noise=st.lists(
        st.tuples(st.integers(0, 10_000), st.binary(min_size=1, max_size=2)), max_size=2
    ),
)
def test_po_like_input_parses_back_to_the_same_bytes_or_fails_cleanly(
    lines: list[str], newline: str, final: bool, bom: bool, noise: list[tuple[int, bytes]]
) -> None:
    data = bytearray((newline.join(lines) + (newline if final else "")).encode("utf-8"))
    for position, junk in noise:
        data[position % (len(data) + 1) : position % (len(data) + 1)] = junk
    blob = (b"\xef\xbb\xbf" if bom else b"") + bytes(data)
    try:
        po = parse_po(blob, "fuzz.po")
    except I18nNewsError as exc:
        assert exc.path == "fuzz.po" and str(exc).startswith("fuzz.po")
        return
    assert render_po(po) == blob


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=600))
@example(b"\xef\xbb\xbf")
@example(b"\n\n\n")
@example(b'msgid ""\nmsgstr "Content-Type: text/plain; charset=utf-16\\n"\n')
@example(b'msgid ""\nmsgstr ""\n"X: charset=latin1\\n"\n')
def test_random_bytes_parse_or_fail_cleanly(data: bytes) -> None:
    try:
        po = parse_po(data)
    except I18nNewsError:
        return
    assert render_po(po) == data


# --------------------------------------------------------------------------
# Malformed input
# --------------------------------------------------------------------------


@pytest.mark.parametrize("path", BAD, ids=[p.name for p in BAD])
def test_bad_input_reports_its_line(path: Path) -> None:
    data = path.read_bytes()
    # The first line of each case says what to expect: "# expect: LINE: message".
    expected_line, expected_message = (
        data.split(b"\n", 1)[0].decode()[len("# expect: ") :].split(": ", 1)
    )
    with pytest.raises(I18nNewsError) as info:
        parse_po(data, str(path))
    assert info.value.line == int(expected_line)
    assert expected_message in info.value.message
    assert str(info.value).startswith(f"{path}:{expected_line}: ")
    assert "\n" not in str(info.value)


def test_unsupported_charsets_are_errors() -> None:
    utf16 = b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-16\\n"\n'
    with pytest.raises(I18nNewsError, match="unsupported charset 'UTF-16'") as info:
        parse_po(utf16)
    assert info.value.line == 3


def test_charset_spelled_with_escapes_is_still_honoured() -> None:
    data = (
        b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=\\x49SO-8859-1\\n"\n\n'
        b'msgid "a"\nmsgstr "\xe9"\n'
    )
    po = parse_po(data)
    assert po.charset == "ISO-8859-1" and po.entries[0].msgstr == "é"
    assert render_po(po) == data


def test_read_po_errors(tmp_path: Path) -> None:
    with pytest.raises(I18nNewsError, match="file not found") as info:
        read_po(tmp_path / "missing.po")
    assert info.value.path == str(tmp_path / "missing.po")
    with pytest.raises(I18nNewsError, match="is a directory"):
        read_po(tmp_path)
    if os.geteuid() != 0:  # root reads anything
        locked = tmp_path / "locked.po"
        locked.write_bytes(b"")
        locked.chmod(0)
        with pytest.raises(I18nNewsError, match="permission denied"):
            read_po(locked)


# --------------------------------------------------------------------------
# Speed
# --------------------------------------------------------------------------


def big_catalog(count: int) -> bytes:
    rng = random.Random(7)
    words = WORDS[:40]
    parts = ['msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n']
    for i in range(count):
        msgid = " ".join(rng.choice(words) for _ in range(rng.randint(2, 24))) + f" {i}"
        lines = [f"#: templates/page{i % 50}.html:{i % 900 + 1} templates/card.html:{i}"]
        if i % 5 == 0:
            lines.append("#. Shown on article pages.")
        if i % 7 == 0:
            lines.append("#, python-format")
        for keyword, value in (("msgid", msgid), ("msgstr", msgid.upper())):
            pieces = value.split(" ")
            if len(pieces) <= 8:
                lines.append(f'{keyword} "{value}"')
            else:  # wrapped the way msgmerge does: an empty first line
                lines.append(f'{keyword} ""')
                lines.extend(
                    '"' + " ".join(pieces[k : k + 8]) + (' "' if k + 8 < len(pieces) else '"')
                    for k in range(0, len(pieces), 8)
                )
        parts.append("\n" + "\n".join(lines) + "\n")
    return "".join(parts).encode()


def test_parse_20000_entries_quickly(record_property: Callable[[str, object], None]) -> None:
    data = big_catalog(20_000)
    best = min(timed(lambda: parse_po(data)) for _ in range(3))
    record_property("parse_seconds_20000_entries", round(best, 3))
    po = parse_po(data)
    assert len(po.entries) == 20_000
    assert best < 2.5, f"parsing 20,000 entries took {best:.2f} s"


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start

"""Tests for the byte-preserving .po reader/writer (i18n_news.catalogs.pofile)."""

from __future__ import annotations

import ctypes
import ctypes.util
import difflib
import io
import os
import random
import shutil
import stat
import subprocess
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import write_po as babel_write_po
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from i18n_news.catalogs import pofile
from i18n_news.catalogs.pofile import (
    Entry,
    POFile,
    atomic_write,
    format_entry,
    parse_po,
    read_po,
    render_po,
    write_po,
)
from i18n_news.errors import I18nNewsError

DATA = Path(__file__).resolve().parents[1] / "data" / "pofile"
FOREIGN = sorted((DATA / "foreign").iterdir())
BAD = sorted((DATA / "bad").glob("bad.*.po"))
MSGCAT = shutil.which("msgcat")
MSGMERGE = shutil.which("msgmerge")
needs_gettext = pytest.mark.skipif(
    MSGCAT is None or MSGMERGE is None, reason="GNU gettext tools are not installed"
)

AR_PLURAL_FORMS = (
    "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
    "n%100>=11 ? 4 : 5);"
)
HEADER_UTF8 = (
    "Project-Id-Version: i18n_news 0.1.0\n"
    "Language: ar\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
    f"Plural-Forms: {AR_PLURAL_FORMS}\n"
)


def msgcat(data: bytes, tmp: Path, width: int = 79) -> bytes:
    """What GNU msgcat writes for ``data`` (the reference for fresh formatting)."""
    source = tmp / "in.po"
    target = tmp / "out.po"
    source.write_bytes(data)
    target.unlink(missing_ok=True)
    result = subprocess.run(
        [MSGCAT or "msgcat", "--force-po", "-w", str(width), "-o", str(target), str(source)],
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    return target.read_bytes()


def diff(a: bytes, b: bytes) -> str:
    return "\n".join(
        difflib.unified_diff(
            a.decode("utf-8", "replace").splitlines(),
            b.decode("utf-8", "replace").splitlines(),
            "ours",
            "msgcat",
            lineterm="",
        )
    )


def fresh(po: POFile) -> POFile:
    """Forget every entry's source lines so that all are formatted anew."""
    for entry in [po.header, *po.entries]:
        if entry is not None:
            entry.raw = None
    return po


# --------------------------------------------------------------------------
# Round trips of real tools' output
# --------------------------------------------------------------------------


@needs_gettext
def test_msgmerge_catalog_round_trips_and_matches_our_formatting(tmp_path: Path) -> None:
    merged = tmp_path / "ar.po"
    subprocess.run(
        [
            MSGMERGE or "msgmerge",
            "--previous",
            "--quiet",
            "-o",
            str(merged),
            str(DATA / "old.ar.po"),
            str(DATA / "template.pot"),
        ],
        check=True,
    )
    data = merged.read_bytes()
    text = data.decode()
    # The catalog exercises what matters: wrapping, fuzzy with previous
    # msgids, obsolete entries, six plural forms.
    assert '#| msgid ""' in text and "#~ msgid" in text and "msgstr[5]" in text
    assert sum(line.startswith('"') for line in text.splitlines()) > 20

    po = parse_po(data, str(merged))
    assert render_po(po) == data
    # Every entry formatted fresh gives msgmerge's bytes back.
    assert render_po(fresh(po)) == data

    fuzzy = po.find(
        "We use cookies to understand how our journalism is read and to improve the site. "
        "You can change your choice at any time in the privacy settings."
    )
    assert fuzzy is not None and fuzzy.fuzzy
    assert fuzzy.previous_msgid is not None and fuzzy.previous_msgid.endswith("at any time.")
    assert [e.msgid for e in po.entries if e.obsolete] == ["Culture", "Live coverage"]


def babel_catalog() -> Catalog:
    catalog = Catalog(locale="es", project="i18n_news", version="0.1.0", fuzzy=False)
    catalog.add(
        "We use cookies to understand how our journalism is read and to improve the site. "
        "You can change your choice at any time in the privacy settings.",
        "Usamos cookies para entender cómo se lee nuestro periodismo y para mejorar el "
        "sitio. Puedes cambiar tu elección en cualquier momento en los ajustes de privacidad.",
        locations=[("i18n_news/theme/templates/base.html", 140)],
        auto_comments=["The notice shown once to every visitor."],
    )
    catalog.add(
        ("%(num)d Share", "%(num)d Shares"),
        ("%(num)d vez compartido", "%(num)d veces compartido"),
        locations=[(f"i18n_news/theme/templates/page{i}.html", i * 7) for i in range(1, 12)],
        flags=["python-format"],
    )
    catalog.add(
        "Subscribe to our newsletter to receive the day's most important stories from the "
        "region every morning, straight to your inbox.",
        "Suscríbete a nuestro boletín para recibir cada mañana las noticias más importantes "
        "de la región.",
        flags=["fuzzy"],
        previous_id="Subscribe to our newsletter to receive the most important stories from "
        "the region every morning.",
        user_comments=["Reviewed by the Madrid desk."],
    )
    catalog.add("Politics", "Política", context="section")
    catalog.add('Tab\tand "quotes" and a\nnew line', 'Tab\ty "comillas" y una\nlínea')
    catalog.obsolete["Live coverage"] = Message("Live coverage", "Cobertura en directo")
    return catalog


def test_babel_catalog_round_trips_without_rewrapping() -> None:
    buffer = io.BytesIO()
    babel_write_po(buffer, babel_catalog(), width=76, include_previous=True)
    data = buffer.getvalue()
    assert any(len(line) > 60 and line.startswith(b'"') for line in data.splitlines())

    po = parse_po(data)
    assert render_po(po) == data
    # Babel wraps at 76 and differently from GNU: formatting the entries anew
    # would rewrite them, which is what keeping their source lines avoids.
    assert render_po(fresh(parse_po(data))) != data

    shares = po.find("%(num)d Share")
    assert shares is not None
    assert shares.msgid_plural == "%(num)d Shares"
    assert shares.msgstr_plural == {0: "%(num)d vez compartido", 1: "%(num)d veces compartido"}
    assert shares.occurrences[0] == ("i18n_news/theme/templates/page1.html", "7")
    assert len(shares.occurrences) == 11
    assert po.find("Politics", "section") is not None
    assert po.find('Tab\tand "quotes" and a\nnew line') is not None
    assert po.find("Live coverage", obsolete=True) is not None
    assert po.get_header("Language") == "es"


# --------------------------------------------------------------------------
# Foreign shapes
# --------------------------------------------------------------------------


@pytest.mark.parametrize("path", FOREIGN, ids=[p.name for p in FOREIGN])
def test_foreign_file_round_trips_byte_for_byte(path: Path) -> None:
    data = path.read_bytes()
    assert render_po(parse_po(data, str(path))) == data


def foreign(name: str) -> POFile:
    return read_po(DATA / "foreign" / name)


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
# Only what changed is rewritten
# --------------------------------------------------------------------------


def changed_lines(before: bytes, after: bytes) -> list[tuple[str, int, int, int, int]]:
    matcher = difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines(), autojunk=False)
    return [op for op in matcher.get_opcodes() if op[0] != "equal"]


@pytest.mark.parametrize("name", ["poedit_unwrapped.po", "obsolete_previous.po", "crlf.po"])
def test_changing_one_msgstr_rewrites_only_that_entry(name: str) -> None:
    data = (DATA / "foreign" / name).read_bytes()
    po = parse_po(data)
    target = po.entries[0]
    target.msgstr = "Traducción revisada"
    out = render_po(po)
    first = sum(len(e.sep or []) + len(e.raw or []) for e in [po.header]) + len(target.sep or [])
    span = (first, first + len(target.raw or []))
    ops = changed_lines(data, out)
    assert ops, "the change must show"
    for _tag, start, end, _, _ in ops:
        assert span[0] <= start and end <= span[1], (ops, span)
    # Everything else is the same bytes, long unwrapped Poedit lines included.
    rest_before = data.splitlines()[span[1] :]
    rest_after = out.splitlines()[-len(rest_before) :] if rest_before else []
    assert rest_after == rest_before


@needs_gettext
def test_changing_one_entry_of_a_msgmerge_catalog(tmp_path: Path) -> None:
    merged = tmp_path / "ar.po"
    subprocess.run(
        [
            MSGMERGE or "msgmerge",
            "--quiet",
            "-o",
            str(merged),
            str(DATA / "old.ar.po"),
            str(DATA / "template.pot"),
        ],
        check=True,
    )
    data = merged.read_bytes()
    po = parse_po(data)
    entry = po.find("Read more")
    assert entry is not None
    entry.msgstr = "اقرأ المزيد من الأخبار"
    out = render_po(po)
    lines_before = data.decode().splitlines()
    lines_after = out.decode().splitlines()
    assert len(lines_before) == len(lines_after)
    changed = [i for i, (a, b) in enumerate(zip(lines_before, lines_after, strict=True)) if a != b]
    assert len(changed) == 1
    assert lines_after[changed[0]] == 'msgstr "اقرأ المزيد من الأخبار"'


def test_new_and_removed_entries() -> None:
    data = (DATA / "foreign" / "arabic_plurals.po").read_bytes()
    po = parse_po(data)
    removed = po.entries.pop(0)
    po.entries.append(removed)  # moved to the end: still its own lines
    po.entries.append(Entry(msgid="Subscribe", msgstr="اشترك"))
    text = render_po(po).decode()
    assert text.endswith('\nmsgid "Subscribe"\nmsgstr "اشترك"\n')
    assert "\n".join(removed.raw or []) in text


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


@needs_gettext
def test_new_header_is_formatted_like_gnu(tmp_path: Path) -> None:
    header = Entry(
        msgid="",
        msgstr=HEADER_UTF8,
        tcomment="Arabic translation of the i18n_news theme.\nRania Haddad, 2024.\n",
        flags=["fuzzy"],
    )
    po = POFile(header=header, entries=[Entry(msgid="a", msgstr="b")])
    data = render_po(po)
    assert data.startswith(b"# Arabic translation")
    assert b'"Language: ar\\n"\n' in data
    assert msgcat(data, tmp_path) == data, diff(data, msgcat(data, tmp_path))


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
    assert not entry.is_dirty() and entry.lines() is entry.raw
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


def test_format_entry_order_and_obsolete_prefixes() -> None:
    entry = Entry(
        msgid="Live coverage",
        msgstr="Cobertura en directo",
        msgctxt="banner",
        tcomment="Kept.\n",
        comment="Shown on the home page.",
        occurrences=[("a.html", "3"), ("templates with space.html", "")],
        flags=["fuzzy", "python-format"],
        previous_msgid="Live blog",
        obsolete=True,
    )
    assert format_entry(entry) == [
        "# Kept.",
        "#",
        "#. Shown on the home page.",
        "#: a.html:3 \u2068templates with space.html\u2069",
        "#, fuzzy, python-format",
        '#~| msgid "Live blog"',
        '#~ msgctxt "banner"',
        '#~ msgid "Live coverage"',
        '#~ msgstr "Cobertura en directo"',
    ]
    parsed = parse_po("\n".join(format_entry(entry)).encode() + b"\n").entries[0]
    assert parsed.snapshot() == entry.snapshot()


def test_format_entry_width_limits() -> None:
    text = "word " * 30
    assert len(format_entry(Entry(msgid=text), width=0)) == 2  # 0: no wrapping
    narrow = format_entry(Entry(msgid=text), width=5)  # GNU's minimum is 20
    assert narrow[0] == 'msgid ""' and all(len(line) <= 20 for line in narrow[1:-1])
    no_wrap = format_entry(Entry(msgid=text, flags=["no-wrap"]))
    assert no_wrap[1] == f'msgid "{text}"'


# --------------------------------------------------------------------------
# GNU formatting, checked against msgcat
# --------------------------------------------------------------------------

LONG_AR = (
    "روسيا على اتصال مع السلطات الجديدة في سوريا وتسعى للحفاظ على قاعدتيها العسكريتين "
    "في طرطوس وحميميم، بحسب ما أعلنه المتحدث باسم الكرملين في مؤتمر صحفي عُقد اليوم."
)
HAND_WRITTEN = [
    Entry(msgid="Russia in contact with Syria's new authorities", msgstr=LONG_AR),
    Entry(
        msgid="%(num)d Min Read",
        msgid_plural="%(num)d Min Read",
        msgstr_plural={
            0: "أقل من دقيقة",
            1: "دقيقة واحدة",
            2: "دقيقتان",
            3: "%(num)d دقائق قراءة " + LONG_AR,
            4: "%(num)d دقيقة قراءة",
            5: "%(num)d دقيقة",
        },
        flags=["python-format"],
    ),
    Entry(
        msgid='Escapes: \t tab, " quote, \\ backslash, \a\b\f\v\r and a very long tail '
        "that goes on and on until it wraps\n",
        msgstr="line one\nline two\n\nline four, which is long enough to need a second line "
        "of its own in the output",
    ),
    Entry(
        msgid="By %(author)s",
        msgstr="بقلم %(author)s",
        occurrences=[(f"i18n_news/theme/templates/article{i}.html", str(i * 11)) for i in range(9)],
        comment="Shown under the headline.\nSecond extracted line.",
        tcomment="Translator note.",
    ),
    Entry(
        msgctxt="section",
        msgid="Middle East and North Africa, a region name long enough to wrap in the catalog",
        msgstr="الشرق الأوسط وشمال أفريقيا، اسم منطقة طويل بما يكفي ليلتف في الملف",
        previous_msgctxt="region",
        previous_msgid="Middle East and North Africa, a region name long enough to wrap as well",
        flags=["fuzzy"],
    ),
    Entry(
        msgid="%(first-name)s %(last-name)s wrote this opinion piece, which is long",
        msgstr="كتب %(first-name)s %(last-name)s مقال الرأي هذا، وهو طويل جدا جدا",
        flags=["python-format"],
    ),
    Entry(msgid="No wrap " * 15, msgstr="Sin ajuste " * 12, flags=["no-wrap"]),
    Entry(
        msgid="Obsolete but long enough to be wrapped over two lines by the GNU tools",
        msgstr="Obsoleto pero lo bastante largo para repartirse en dos líneas",
        previous_msgid="An older obsolete message that is also long enough to be wrapped",
        flags=["fuzzy"],
        obsolete=True,
    ),
]


@needs_gettext
@pytest.mark.parametrize("width", [79, 76, 40, 0])
def test_hand_written_entries_match_msgcat(tmp_path: Path, width: int) -> None:
    po = POFile(header=Entry(msgid="", msgstr=HEADER_UTF8), entries=HAND_WRITTEN, width=width)
    data = render_po(po)
    expected = msgcat(data, tmp_path, width)
    assert data == expected, diff(data, expected)


WORDS = (
    "the news Syria Russia bases authorities talks agency Tartus Hmeimim statement "
    "روسيا على اتصال مع السلطات الجديدة في سوريا قواعدها العسكرية دقائق قراءة "
    "Rusia contacto nuevas autoridades señal mañana año ¿Qué? ¡Ya! "
).split()
PIECES = [
    *"\n\t\"\\\r\a\b\f\v",
    *".,;:!?()[]{}'-/%$#&*+=<>|~`^_",
    "\u00a0", "\u00ad", "\u200b", "\u200d", "\u200f", "\u064e", "\u0651", "\u0640", "—", "–",
    "…", "«", "»", "“", "”", "‘", "’", "،", "؛", "؟", "٪", "٣٤", "١٢:٣٠", "一二三", "가나",
    "😀", "🇸🇾", "\u2028", "\x1b", "\x7f", "%(num)d", "%(first-name)s", "% 5d", "%s", "%%",
    "{name}", "{x.y}", "https://example.org/a-b/c?d=e", "—«اقتباس»—", "e.g.", "3.5%", "$10",
]  # fmt: skip
SEPARATORS = [" ", " ", " ", "", "  ", "\n", "-", "/"]
token = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(PIECES),
    # U+0004 separates msgctxt from msgid in .mo files; gettext refuses it.
    st.text(
        st.characters(min_codepoint=1, blacklist_categories=("Cs",), blacklist_characters="\x04"),
        max_size=3,
    ),
)
texts = st.lists(st.tuples(token, st.sampled_from(SEPARATORS)), max_size=24).map(
    lambda parts: "".join(a + b for a, b in parts)
)
comment_texts = st.lists(
    st.lists(st.sampled_from([*WORDS, "(note)", "a-b", "—", "  "]), max_size=8).map(" ".join),
    min_size=1,
    max_size=3,
).map("\n".join)
file_names = st.from_regex(r"[a-z][a-z0-9_.-]{0,12}(/[a-z0-9_.-]{1,12}){0,3}", fullmatch=True)
references = st.lists(
    st.tuples(file_names, st.one_of(st.just(""), st.integers(1, 99999).map(str))),
    max_size=14,
    unique=True,
)
# GNU's order: fuzzy, then format flags by language (python before
# python-brace), then no-wrap.
format_flags = st.tuples(
    st.sampled_from([None, "python-format", "no-python-format"]),
    st.sampled_from([None, "python-brace-format"]),
    st.booleans(),
)


@st.composite
def gnu_entries(draw: st.DrawFn, *, obsolete: bool) -> Entry:
    """An entry the way GNU writes it (so msgcat gives the same bytes back)."""
    plural = draw(st.booleans())
    entry = Entry(msgid=draw(texts.filter(bool)), obsolete=obsolete)
    if draw(st.booleans()):
        entry.msgctxt = draw(texts)
    if plural:
        entry.msgid_plural = draw(texts.filter(bool))
        forms = draw(st.integers(1, 6))
        entry.msgstr_plural = {i: draw(texts) for i in range(forms)}
        translated = bool(entry.msgstr_plural[0])
    else:
        entry.msgstr = draw(texts)
        translated = bool(entry.msgstr)
    if obsolete and not translated:  # GNU drops untranslated obsolete entries
        if plural:
            entry.msgstr_plural[0] = "x"
        else:
            entry.msgstr = "x"
        translated = True
    if draw(st.booleans()):
        entry.tcomment = draw(comment_texts)
    if draw(st.booleans()):
        entry.comment = draw(comment_texts)
    entry.occurrences = draw(references)
    python, brace, no_wrap = draw(format_flags)
    entry.flags = [
        flag
        for flag in (
            "fuzzy" if translated and draw(st.booleans()) else None,
            python,
            brace,
            "no-wrap" if no_wrap and draw(st.integers(0, 4)) == 0 else None,
        )
        if flag
    ]
    if draw(st.integers(0, 3)) == 0:
        entry.previous_msgid = draw(texts)
        if draw(st.booleans()):
            entry.previous_msgctxt = draw(texts)
        if plural and draw(st.booleans()):
            entry.previous_msgid_plural = draw(texts)
    return entry


@st.composite
def gnu_catalogs(draw: st.DrawFn) -> POFile:
    active = draw(st.lists(gnu_entries(obsolete=False), max_size=6))
    old = draw(st.lists(gnu_entries(obsolete=True), max_size=3))
    entries: list[Entry] = []
    keys: set[tuple[str | None, str]] = set()
    for entry in active + old:  # GNU writes obsolete entries last
        if (entry.msgctxt, entry.msgid) not in keys:
            keys.add((entry.msgctxt, entry.msgid))
            entries.append(entry)
    header = Entry(msgid="", msgstr=HEADER_UTF8)
    if draw(st.booleans()):
        header.tcomment = "Generated catalog.\nSecond line."
        header.flags = ["fuzzy"]
    width = draw(st.sampled_from([79, 79, 79, 76, 40, 20, 0, 120]))
    return POFile(header=header, entries=entries, width=width)


@needs_gettext
@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(po=gnu_catalogs())
def test_fresh_formatting_matches_msgcat(
    po: POFile, tmp_path_factory: pytest.TempPathFactory
) -> None:
    data = render_po(po)
    expected = msgcat(data, tmp_path_factory.mktemp("msgcat"), po.width)
    assert data == expected, diff(data, expected)


@st.composite
def any_entries(draw: st.DrawFn) -> Entry:
    """Any entry our writer accepts, GNU-normal or not (unknown flags, empty obsolete...)."""
    entry = draw(gnu_entries(obsolete=draw(st.booleans())))
    if draw(st.booleans()):
        entry.flags = draw(
            st.lists(st.from_regex(r"[a-z][a-z0-9-]{0,15}", fullmatch=True), max_size=4)
        )
    if entry.obsolete and draw(st.booleans()):
        entry.msgstr = ""
        entry.msgstr_plural = dict.fromkeys(entry.msgstr_plural, "")
    return entry


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    entries=st.lists(any_entries(), max_size=8),
    with_header=st.booleans(),
    width=st.sampled_from([79, 76, 30, 0]),
    crlf=st.booleans(),
)
def test_render_parse_render_is_byte_identical(
    entries: list[Entry], with_header: bool, width: int, crlf: bool
) -> None:
    unique: dict[tuple[bool, str | None, str], Entry] = {}
    for entry in entries:
        unique.setdefault((entry.obsolete, entry.msgctxt, entry.msgid), entry)
    header = Entry(msgid="", msgstr=HEADER_UTF8) if with_header else None
    po = POFile(header=header, entries=list(unique.values()), width=width)
    po.newline = "\r\n" if crlf else "\n"
    data = render_po(po)

    parsed = parse_po(data)
    parsed.width = width
    assert [e.snapshot() for e in parsed.entries] == [e.snapshot() for e in po.entries]
    assert all(not e.is_dirty() for e in parsed.entries)
    assert render_po(parsed) == data
    # Formatting is deterministic: the same fields give the same lines.
    assert render_po(fresh(parsed)) == data


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
    with pytest.raises(I18nNewsError, match="no such file") as info:
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
# Writing files
# --------------------------------------------------------------------------


def test_atomic_write_skips_identical_bytes(tmp_path: Path) -> None:
    target = tmp_path / "es.po"
    assert atomic_write(target, b"one\n") is True
    os.utime(target, (1_000_000_000, 1_000_000_000))
    before = target.stat()
    assert atomic_write(target, b"one\n") is False
    after = target.stat()
    assert (after.st_mtime_ns, after.st_ino) == (before.st_mtime_ns, before.st_ino)
    assert atomic_write(target, b"two\n") is True
    assert target.read_bytes() == b"two\n"
    assert target.stat().st_mtime_ns != before.st_mtime_ns
    assert sorted(p.name for p in tmp_path.iterdir()) == ["es.po"]  # no temporary left


def test_atomic_write_keeps_permissions_and_symlinks(tmp_path: Path) -> None:
    target = tmp_path / "ar.po"
    target.write_bytes(b"old\n")
    target.chmod(0o640)
    assert atomic_write(target, b"new\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    link = tmp_path / "link.po"
    link.symlink_to(target)
    assert atomic_write(link, b"newer\n")
    assert link.is_symlink() and target.read_bytes() == b"newer\n"
    created = tmp_path / "created.po"
    umask = os.umask(0o022)
    os.umask(umask)
    assert atomic_write(created, b"x\n")
    assert stat.S_IMODE(created.stat().st_mode) == 0o666 & ~umask


def test_atomic_write_errors(tmp_path: Path) -> None:
    with pytest.raises(I18nNewsError, match="is a directory"):
        atomic_write(tmp_path, b"x")
    with pytest.raises(I18nNewsError, match="cannot write"):
        atomic_write(tmp_path / "no" / "such" / "dir.po", b"x")


def test_write_po_writes_only_changes(tmp_path: Path) -> None:
    source = DATA / "foreign" / "fuzzy_previous.po"
    target = tmp_path / "es.po"
    target.write_bytes(source.read_bytes())
    po = read_po(target)
    assert write_po(po) is False
    po.entries[0].flags.remove("fuzzy")
    assert write_po(po) is True
    assert read_po(target).entries[0].flags == ["python-format"]
    assert write_po(po, tmp_path / "copy.po") is True
    with pytest.raises(I18nNewsError, match="no path"):
        write_po(POFile())


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


# --------------------------------------------------------------------------
# The embedded line-break data against GNU libunistring
# --------------------------------------------------------------------------


def load_libunistring() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("unistring")
    if name is None:
        return None
    try:
        lib = ctypes.CDLL(name)
        version = ctypes.c_int.in_dll(lib, "_libunistring_version").value
    except (OSError, ValueError):
        return None
    # The tables are those of libunistring 1.0 (Unicode 14, as gettext 0.21
    # on Debian 12 uses); other versions classify new characters differently.
    if version >> 8 != 0x100 or unicodedata.unidata_version != "14.0.0":
        return None
    return lib


LIBUNISTRING = load_libunistring()
needs_libunistring = pytest.mark.skipif(
    LIBUNISTRING is None, reason="needs libunistring 1.0 and Python's Unicode 14 data"
)


@needs_libunistring
def test_character_widths_match_libunistring() -> None:
    assert LIBUNISTRING is not None
    uc_width = LIBUNISTRING.uc_width
    uc_width.argtypes = [ctypes.c_uint32, ctypes.c_char_p]
    uc_width.restype = ctypes.c_int
    wrong = [
        hex(code)
        for code in range(1, 0x110000)
        if not 0xD800 <= code < 0xE000 and uc_width(code, b"UTF-8") != pofile._char_width(chr(code))
    ]
    assert wrong == []


@needs_libunistring
def test_break_opportunities_match_libunistring() -> None:
    assert LIBUNISTRING is not None
    possible = LIBUNISTRING.u8_possible_linebreaks
    possible.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_char_p]

    def reference(text: str) -> list[tuple[int, int]]:
        raw = text.encode()
        out = ctypes.create_string_buffer(len(raw))
        possible(raw, len(raw), b"UTF-8", out)
        found, offset = [], 0
        for index, char in enumerate(text):
            kind = out.raw[offset]
            if kind in (2, 3):  # UC_BREAK_POSSIBLE, UC_BREAK_MANDATORY
                found.append((index, kind - 1))
            offset += len(char.encode())
        return found

    # Every code point, in contexts where its class decides the breaks.
    codes = [c for c in range(1, 0x40000) if not 0xD800 <= c < 0xE000]
    codes += list(range(0xE0000, 0xE0200))
    for start in range(0, len(codes), 64):
        chunk = [chr(c) for c in codes[start : start + 64]]
        for text in ("".join(f"a{c} {c}a" for c in chunk), "".join(f"{c}(1{c}" for c in chunk)):
            assert pofile._opportunities(text.translate(pofile._CLASSES)) == reference(text), hex(
                ord(chunk[0])
            )
    rng = random.Random(3)
    pool = [chr(c) for c in range(1, 0x3000) if not 0xD800 <= c < 0xE000] + list("🇸🇾👍🏽")
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 40)))
        assert pofile._opportunities(text.translate(pofile._CLASSES)) == reference(text)

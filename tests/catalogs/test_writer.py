"""Writing catalogs (i18n_news.catalogs.writer): byte-stable round trips, GNU's formatting."""

from __future__ import annotations

import difflib
import io
import os
import stat
import subprocess
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import write_po as babel_write_po
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from po_helpers import (
    DATA,
    HEADER_UTF8,
    MSGMERGE,
    WORDS,
    diff,
    fresh,
    msgcat,
    needs_gettext,
)

from i18n_news.catalogs.entry import Entry, POFile
from i18n_news.catalogs.reader import parse_po, read_po
from i18n_news.catalogs.writer import format_entry, render_po, write_po
from i18n_news.errors import I18nNewsError
from i18n_news.fs import atomic_write

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
# Formatting one entry
# --------------------------------------------------------------------------


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

"""`update` with an unchanged template leaves real-world-shaped catalogs byte-identical.

Shapes: CRLF, no trailing newline, BOM, very long lines, multi-line msgids,
six Arabic plural forms, escapes, `#~|` obsolete previous strings, foreign
wrapping. A CRLF catalog keeps CRLF when entries change or are added.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from rel_helpers import PLURAL_AR

from i18n_news.catalogs import operations
from i18n_news.config import load_config

HEADER_POT = (
    '# Template.\n#, fuzzy\nmsgid ""\nmsgstr ""\n"Project-Id-Version: newsroom\\n"\n'
    '"POT-Creation-Date: 2025-01-01 00:00+0000\\n"\n"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n"\n'
    '"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Content-Transfer-Encoding: 8bit\\n"\n\n'
)

ENTRIES_POT = """\
#. L10N: byline under the headline
#: templates/article.html:12
#, python-format
msgid "By %(author)s"
msgstr ""

#: templates/article.html:20
msgid ""
"A long multi-line message that spans several lines and goes well beyond the "
"seventy-nine columns of GNU gettext so that it must be wrapped\\n"
"second line"
msgstr ""

#: templates/article.html:30
#, python-format
msgid "%(num)d Share"
msgid_plural "%(num)d Shares"
msgstr[0] ""
msgstr[1] ""

#: templates/menu.html:3
msgctxt "section"
msgid "Politics"
msgstr ""

#: templates/menu.html:9
msgid "Tab\\there \\"quoted\\" back\\\\slash and bell \\a"
msgstr ""

#: templates/menu.html:12
msgid "Latest news"
msgstr ""
"""

HEADER_PO = (
    "# Arabic translation.\n# Translator <t@example.org>, 2025.\n#\n"
    'msgid ""\nmsgstr ""\n"Project-Id-Version: newsroom\\n"\n'
    '"POT-Creation-Date: 2025-01-01 00:00+0000\\n"\n"PO-Revision-Date: 2025-02-03 04:05+0200\\n"\n'
    '"Last-Translator: Translator <t@example.org>\\n"\n"Language-Team: Arabic\\n"\n'
    '"Language: ar\\n"\n"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Content-Transfer-Encoding: 8bit\\n"\n'
    f'"Plural-Forms: {PLURAL_AR}\\n"\n"X-Generator: Poedit 3.4\\n"\n\n'
)

LONG = "ترجمة طويلة جدا " * 40

ENTRIES_PO = f"""\
# translator: keep the author's name as written
#. L10N: byline under the headline
#: templates/article.html:12
#, python-format
msgid "By %(author)s"
msgstr "بقلم %(author)s"

#: templates/article.html:20
#, fuzzy
#| msgid ""
#| "A long multi-line message that spans several lines and goes beyond the "
#| "old text\\n"
msgid ""
"A long multi-line message that spans several lines and goes well beyond the "
"seventy-nine columns of GNU gettext so that it must be wrapped\\n"
"second line"
msgstr "{LONG}\\n"
"سطر ثان"

#: templates/article.html:30
#, python-format
msgid "%(num)d Share"
msgid_plural "%(num)d Shares"
msgstr[0] "لا مشاركات %(num)d"
msgstr[1] "مشاركة واحدة %(num)d"
msgstr[2] "مشاركتان %(num)d"
msgstr[3] "%(num)d مشاركات"
msgstr[4] "%(num)d مشاركة"
msgstr[5] "%(num)d مشاركة"

#: templates/menu.html:3
msgctxt "section"
msgid "Politics"
msgstr "سياسة"

#: templates/menu.html:9
msgid "Tab\\there \\"quoted\\" back\\\\slash and bell \\a"
msgstr "\\tهنا \\"مقتبس\\" \\\\ \\a"

#: templates/menu.html:12
msgid "Latest news"
msgstr "آخر الأخبار"

#~| msgctxt "section"
#~| msgid "Old Politics"
#~ msgctxt "section"
#~ msgid "Former politics"
#~ msgstr "سياسة سابقة"

#~ msgid "Gone"
#~ msgstr "ذهب"
"""


def lf(text: str) -> bytes:
    return text.encode("utf-8")


SHAPES: dict[str, Callable[[], bytes]] = {
    "lf": lambda: lf(HEADER_PO + ENTRIES_PO),
    "crlf": lambda: lf(HEADER_PO + ENTRIES_PO).replace(b"\n", b"\r\n"),
    "no-final-newline": lambda: lf(HEADER_PO + ENTRIES_PO).rstrip(b"\n"),
    "crlf-no-final-newline": lambda: (
        lf(HEADER_PO + ENTRIES_PO).rstrip(b"\n").replace(b"\n", b"\r\n")
    ),
    "bom": lambda: b"\xef\xbb\xbf" + lf(HEADER_PO + ENTRIES_PO),
    "bom-crlf": lambda: b"\xef\xbb\xbf" + lf(HEADER_PO + ENTRIES_PO).replace(b"\n", b"\r\n"),
    # Poedit/Weblate style: no wrapping at all, one very long line per string.
    "unwrapped": lambda: lf(
        HEADER_PO + re.sub(r'msgid ""\n"(.*)"\n"(.*)"\n"(.*)"\n', r'msgid "\1\2\3"\n', ENTRIES_PO)
    ),
    # Blank lines and comments oddities: two blank lines between entries, trailing comment.
    "loose-spacing": lambda: lf(HEADER_PO + ENTRIES_PO.replace("\n\n#:", "\n\n\n#:") + "\n# end\n"),
}


def newsroom(root: Path, catalog: bytes, template: str) -> Path:
    root.mkdir()
    (root / "i18nnews.toml").write_text(
        'source_edition = "en"\n\n[editions.en]\nlocale = "en"\n\n[editions.ar]\nlocale = "ar"\n',
        encoding="utf-8",
    )
    (root / "locales" / "ar" / "LC_MESSAGES").mkdir(parents=True)
    (root / "locales" / "messages.pot").write_text(template, encoding="utf-8")
    (root / "locales" / "ar" / "LC_MESSAGES" / "messages.po").write_bytes(catalog)
    return root


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_unchanged_template_leaves_the_catalog_byte_identical(tmp_path: Path, shape: str) -> None:
    data = SHAPES[shape]()
    root = newsroom(tmp_path / "newsroom", data, HEADER_POT + ENTRIES_POT)
    path = root / "locales/ar/LC_MESSAGES/messages.po"
    mtime = path.stat().st_mtime_ns
    config = load_config(root / "i18nnews.toml")
    assert operations.update(config, check=True).changed == []
    report = operations.update(config)
    assert [c.action for c in report.changes] == ["unchanged"]
    assert path.read_bytes() == data
    assert path.stat().st_mtime_ns == mtime


@pytest.mark.parametrize("shape", ["crlf", "crlf-no-final-newline", "bom-crlf"])
def test_crlf_catalog_keeps_crlf_when_entries_change(tmp_path: Path, shape: str) -> None:
    template = (
        HEADER_POT
        + ENTRIES_POT.replace('msgid "Latest news"', 'msgid "Latest stories"')
        + '\n#: templates/footer.html:1\nmsgid "A brand new string"\nmsgstr ""\n'
    )
    data = SHAPES[shape]()
    root = newsroom(tmp_path / "newsroom", data, template)
    path = root / "locales/ar/LC_MESSAGES/messages.po"
    report = operations.update(load_config(root / "i18nnews.toml"))
    assert [c.action for c in report.changes] == ["updated"]
    out = path.read_bytes()
    assert b'msgid "A brand new string"\r\n' in out
    assert b'#| msgid "Latest news"\r\n' in out
    assert re.search(rb"(?<!\r)\n", out) is None, "a bare LF crept into a CRLF catalog"
    assert out.startswith(b"\xef\xbb\xbf") == data.startswith(b"\xef\xbb\xbf")
    # untouched entries are still exactly as they were
    for unchanged in (b'msgstr[5] "%(num)d \xd9', b'#~| msgid "Old Politics"\r\n'):
        assert unchanged in out
    assert b"# translator: keep the author's name as written\r\n" in out

"""``update``'s merge (i18n_news.catalogs.merge): translators' work is never lost."""

from __future__ import annotations

from i18n_news.catalogs.merge import merge
from i18n_news.catalogs.reader import parse_po
from i18n_news.catalogs.writer import render_po

HEADER = (
    'msgid ""\nmsgstr ""\n"Language: es\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
)
CATALOG = HEADER + (
    "\n# Reviewed by the Madrid desk.\n"
    '#: theme/base.html:3\nmsgid "Subscribe to our evening newsletter"\n'
    'msgstr "Suscríbete a nuestro boletín de la tarde"\n'
    '\n#: theme/base.html:9\nmsgid "Most Read"\nmsgstr "Lo más leído"\n'
    '\n#~ msgid "Live coverage"\n#~ msgstr "Cobertura en directo"\n'
)


def template(*entries: str) -> bytes:
    return (HEADER + "".join(f"\n{e}\n" for e in entries)).encode()


def test_an_unchanged_template_leaves_the_catalog_byte_identical() -> None:
    data = CATALOG.encode()
    po = parse_po(data)
    pot = template(
        '#: theme/base.html:3\nmsgid "Subscribe to our evening newsletter"\nmsgstr ""',
        '#: theme/base.html:9\nmsgid "Most Read"\nmsgstr ""',
    )
    result = merge(po, parse_po(pot))
    assert not result.changed
    assert render_po(po) == data


def test_a_changed_string_becomes_fuzzy_with_its_previous_msgid() -> None:
    po = parse_po(CATALOG.encode())
    pot = template(
        '#: theme/base.html:3\nmsgid "Subscribe to our evening newsletters"\nmsgstr ""',
        '#: theme/base.html:9\nmsgid "Most Read"\nmsgstr ""',
    )
    result = merge(po, parse_po(pot))
    assert (result.fuzzy, result.added, result.obsoleted) == (1, 0, 0)
    entry = po.find("Subscribe to our evening newsletters")
    assert entry is not None and entry.fuzzy
    assert entry.msgstr == "Suscríbete a nuestro boletín de la tarde"
    assert entry.previous_msgid == "Subscribe to our evening newsletter"
    assert entry.tcomment == "Reviewed by the Madrid desk."
    # The untouched entry keeps its source lines.
    most_read = po.find("Most Read")
    assert most_read is not None and not most_read.is_dirty()


def test_vanished_strings_become_obsolete_and_come_back() -> None:
    po = parse_po(CATALOG.encode())
    result = merge(po, parse_po(template('msgid "Live coverage"\nmsgstr ""')))
    assert result.revived == 1 and result.obsoleted == 2
    live = po.find("Live coverage")
    assert live is not None and live.msgstr == "Cobertura en directo"
    gone = po.find("Most Read", obsolete=True)
    assert gone is not None and gone.msgstr == "Lo más leído"
    assert [e.msgid for e in po.entries if not e.obsolete] == ["Live coverage"]


def test_a_new_plural_string_gets_the_catalogs_number_of_forms() -> None:
    po = parse_po(CATALOG.encode())
    pot = template(
        'msgid "%(num)d Share"\nmsgid_plural "%(num)d Shares"\nmsgstr[0] ""\nmsgstr[1] ""'
    )
    result = merge(po, parse_po(pot))
    assert result.added == 1
    shares = po.find("%(num)d Share")
    assert shares is not None and shares.msgstr_plural == {0: "", 1: ""}

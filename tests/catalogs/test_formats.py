"""The format-directive grammar (i18n_news.catalogs.formats), and that its readers agree.

The writer (unbreakable directives), ``check`` (placeholder comparison, via
``checks/strings.py``) and ``extract`` (format flags) all read directives
through this module; the tests below pin the grammar's edge cases to GNU
gettext's ``msgfmt`` and to ``str.format``, and show that the writer never
breaks a line inside a directive that ``check`` reads.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from po_helpers import HEADER_UTF8, msgcat

from i18n_news.catalogs.entry import Entry, POFile
from i18n_news.catalogs.formats import (
    format_flags,
    format_language,
    parse_brace,
    parse_python,
    unbreakable,
)
from i18n_news.catalogs.writer import format_entry, render_po
from i18n_news.checks.strings import brace_fields, mask, python_directives, python_tokens

MSGFMT = shutil.which("msgfmt")
MSGCAT = shutil.which("msgcat")

# --------------------------------------------------------------------------
# python-format
# --------------------------------------------------------------------------

#: text -> (directives as written, error); GNU gettext 0.21's reading.
PYTHON_CASES: dict[str, tuple[list[str], str | None]] = {
    "By %(author)s": (["%(author)s"], None),
    "%d of %s": (["%d", "%s"], None),
    "100%% sure": (["%%"], None),
    "%(x(y))s": (["%(x(y))s"], None),  # GNU counts parentheses inside a name
    "%-#5.3hG": (["%-#5.3hG"], None),
    "%.f and %*d": (["%.f", "%*d"], None),  # an empty precision is allowed
    "%(x)%": (["%(x)%"], None),  # a named argument, of no other conversion's type
    "50% off": (["% o"], None),  # "% o": the space flag and an octal conversion
    "%a": ([], "'%a' is not a valid directive"),  # Python has %a; GNU 0.21 does not
    "%F": ([], "'%F' is not a valid directive"),
    "Save 50%": ([], "the string ends in the middle of a directive"),
    "%(name": ([], "the string ends in the middle of a directive"),
    "%(a)s %d": (["%(a)s"], "named and unnamed directives are mixed"),
    "%d %(a)s": (["%d"], "named and unnamed directives are mixed"),
    "%(a)*d": ([], "named and unnamed directives are mixed"),
    "%s then %!": (["%s"], "'%!' is not a valid directive"),
}


@pytest.mark.parametrize("text", sorted(PYTHON_CASES))
def test_python_grammar(text: str) -> None:
    written, error = PYTHON_CASES[text]
    parsed = parse_python(text)
    assert [text[d.start : d.end] for d in parsed.directives] == written
    assert parsed.error == error


def test_python_argument_kinds() -> None:
    parsed = parse_python("%(n)d %(n)i %(who)s %(who)r %(c)c %(f)e %(p)%")
    assert {d.name: d.kind for d in parsed.directives} == {
        "n": "integer",
        "who": "string",
        "c": "character",
        "f": "float",
        "p": "percent",
    }
    assert parse_python("%%").directives[0].kind is None  # no argument
    assert [d.stars for d in parse_python("%*.*f").directives] == [2]


@pytest.mark.skipif(MSGFMT is None, reason="GNU gettext's msgfmt is not installed")
@pytest.mark.parametrize("text", sorted(PYTHON_CASES))
def test_python_grammar_agrees_with_msgfmt(text: str, tmp_path: Path) -> None:
    """msgfmt calls a msgstr invalid exactly when the grammar finds an error in it."""
    path = tmp_path / "f.po"
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    path.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f'#, python-format\nmsgid "x"\nmsgstr "{escaped}"\n',
        encoding="utf-8",
    )
    proc = subprocess.run(
        [MSGFMT or "msgfmt", "--check-format", "-o", "/dev/null", str(path)],
        check=False,
        capture_output=True,
        text=True,
    )
    invalid = "is not a valid Python format string" in proc.stderr
    assert invalid == (parse_python(text).error is not None), proc.stderr


def test_checks_read_python_directives_through_the_grammar() -> None:
    for text, (written, error) in PYTHON_CASES.items():
        directives = python_directives(text)
        assert directives.error == error, text
        if error is None:
            named = [t for t in written if t.startswith("%(")]
            assert [directives.spelling(n) for n in directives.named] == named, text
    assert python_tokens("%(a)s and %d%%") == ["%(a)s", "%d", "%%"]  # lexical: mixing is fine
    assert python_tokens("%a") is None and python_tokens("plain") == []


# --------------------------------------------------------------------------
# python-brace-format
# --------------------------------------------------------------------------

#: text -> (argument names, error), as str.format reads them.
BRACE_CASES: dict[str, tuple[list[str], str | None]] = {
    "{name} has {{braces}}": (["name"], None),
    "{0.attr[key]!r:>{width}}": (["0", "width"], None),
    "{} and {!r}": (["", ""], None),
    "{{not a field}}": ([], None),
    "{a:{b:{c}}}": (["a", "b", "c"], "Max string recursion exceeded"),
    "{name": ([], "expected '}' before end of string"),
    "a } b": ([], "Single '}' encountered in format string"),
    "{ok} { name}": (["ok"], "'{ name}' is not a valid field"),
    "{a.}": ([], "'{a.}' is not a valid field"),
}


@pytest.mark.parametrize("text", sorted(BRACE_CASES))
def test_brace_grammar(text: str) -> None:
    names, error = BRACE_CASES[text]
    parsed = parse_brace(text)
    assert [f.name for f in parsed.fields] == names
    assert parsed.error == error
    for found in parsed.fields:  # spans are where the fields are written
        assert text[found.start] == "{" and text[found.end - 1] == "}"


def test_brace_grammar_accepts_what_str_format_formats() -> None:
    text = "{0.real:>{width}} {name!r} {1}"
    assert parse_brace(text).error is None
    assert text.format(3, "x", name="n", width=4) == "   3 'n' x"
    for bad in ("{name", "a } b", "{a:{b:{c}}}"):
        with pytest.raises(ValueError):
            bad.format(a=1, b=2, c=3, name=4)
        assert parse_brace(bad).error is not None


def test_checks_count_brace_fields_through_the_grammar() -> None:
    fields, error = brace_fields("{name} {0} {} {} {name:>{width}}")
    assert error is None
    assert fields == {"name": 2, "0": 1, "#0": 1, "#1": 1, "width": 1}
    assert brace_fields("{ name}")[1] == "'{ name}' is not a valid field"


# --------------------------------------------------------------------------
# Flags and languages
# --------------------------------------------------------------------------


def test_format_flags_of_extracted_messages() -> None:
    assert format_flags("By %(author)s") == ["python-format"]
    assert format_flags("One share", "%(num)d shares") == ["python-format"]
    assert format_flags("{count} new stories") == ["python-brace-format"]
    assert format_flags("Page {0}") == []  # numbered fields alone: no flag
    assert format_flags("Save 50%!") == []  # not a valid python-format string
    assert format_flags("{{ user.name }} wrote") == []  # Jinja, not a brace field
    assert format_flags("%(name)s and {other}") == ["python-format"]


def test_format_language_follows_gnus_order() -> None:
    assert format_language(["python-brace-format", "python-format"]) == "python"
    assert format_language(["fuzzy", "possible-python-brace-format"]) == "python-brace"
    assert format_language(["no-wrap", "no-c-format"]) is None
    assert format_language(["c-format", "python-format"]) == "c"
    assert unbreakable("%(num)d items", "c") is None  # c directives are not kept whole
    assert unbreakable("%(num)d items", "python") == frozenset(range(1, 7))


# --------------------------------------------------------------------------
# The writer and check agree: no line break inside a directive check reads
# --------------------------------------------------------------------------

WORDS = ["the", "news", "Syria", "روسيا", "قواعدها", "Rusia", "año", "-", "/", "(note)"]
DIRECTIVES = ["%(num)d", "%(first-name)s", "%(a)-10.3f", "% 5d", "%%", "%(x(y))s", "50%"]


def _breaks(lines: list[str]) -> list[int]:
    """Offsets in the msgid where the writer started a new line (escape-free text)."""
    bodies = [line[line.index('"') + 1 : -1] for line in lines if '"' in line]
    offsets, total = [], 0
    for body in bodies[:-1]:
        total += len(body)
        offsets.append(total)
    return offsets


@settings(max_examples=150, deadline=None)
@given(
    parts=st.lists(st.sampled_from(WORDS + DIRECTIVES), min_size=2, max_size=30),
    separators=st.lists(st.sampled_from([" ", "", "-", "/"]), min_size=30, max_size=30),
    width=st.integers(20, 50),
)
def test_writer_never_breaks_inside_a_directive_check_reads(
    parts: list[str], separators: list[str], width: int
) -> None:
    text = "".join(p + s for p, s in zip(parts, separators, strict=False)).strip() or "x"
    entry = Entry(msgid=text, flags=["python-format"])
    lines = format_entry(entry, width)[:-1]  # the msgid's lines, without msgstr ""
    parsed = parse_python(text)
    tokens = python_tokens(text)
    if parsed.error is None:
        assert tokens == [text[d.start : d.end] for d in parsed.directives]
    for directive in parsed.directives:
        for offset in _breaks(lines):
            assert not directive.start < offset < directive.end, (text, lines)
    # check masks exactly these directives before it looks at words.
    masked = mask(text, placeholder="\x00")
    assert masked.count("\x00") >= len(parsed.directives)


@pytest.mark.skipif(MSGCAT is None, reason="GNU gettext's msgcat is not installed")
def test_writer_reads_brace_directives_as_gnu_does(tmp_path: Path) -> None:
    """``{x!r}`` is a field for str.format (and check) but an error for GNU 0.21's writer."""
    # Keeping "{name!r}" whole would put this msgid on one line; GNU splits it.
    text = "  xx{name!r} "
    assert [f.name for f in parse_brace(text).fields] == ["name"]
    assert unbreakable(text, "python-brace") == frozenset()
    entry = Entry(msgid=text, flags=["python-brace-format"])
    po = POFile(header=Entry(msgid="", msgstr=HEADER_UTF8), entries=[entry], width=20)
    data = render_po(po)
    assert msgcat(data, tmp_path, 20) == data
    assert 'msgid ""\n"  xx{name!r} "\n' in data.decode()

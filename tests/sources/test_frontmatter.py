from __future__ import annotations

import os
import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from i18n_news.errors import I18nNewsError
from i18n_news.sources.frontmatter import (
    parse_front_matter,
    set_string_value,
    split_lines,
    toml_key_lines,
    write_atomic,
)

HASH = "sha256:" + "ab" * 32

TOML_DOC = """+++
key = "2024-12-12-russia-bases"
title = "Russia keeps its bases"
summary = \"\"\"
A summary over [several] lines
key = "not a key"
\"\"\"
published = 2024-12-12T23:53:00+02:00
tags = [
    "russia",
    "syria",
]
origin = "en"

[image]
src = "img/x.svg"
+++

Body line one.

Body line two.
"""

YAML_DOC = """---
key: 2024-12-12-russia-bases
title: روسيا تحتفظ بقواعدها
published: 2024-12-12T23:53:00+02:00
tags:
  - russia
  - syria
origin: en
---
Body.
"""


def test_toml_front_matter_keys_lines_and_body() -> None:
    fm = parse_front_matter(TOML_DOC)
    assert fm.format == "toml"
    assert fm.data["published"] == datetime(
        2024, 12, 12, 23, 53, tzinfo=timezone(timedelta(hours=2))
    )
    assert fm.lines == {
        "key": 2,
        "title": 3,
        "summary": 4,
        "published": 8,
        "tags": 9,
        "origin": 13,
        "image": 15,
    }
    assert fm.body == "\nBody line one.\n\nBody line two.\n"
    assert fm.body_line == 18
    assert fm.end_line == 17
    assert fm.item_line("tags", "syria") == 11


def test_yaml_front_matter_is_safe_loaded_with_key_lines() -> None:
    fm = parse_front_matter(YAML_DOC)
    assert fm.format == "yaml"
    assert fm.data["title"] == "روسيا تحتفظ بقواعدها"
    assert fm.data["published"].utcoffset() == timedelta(hours=2)
    assert fm.lines == {"key": 2, "title": 3, "published": 4, "tags": 5, "origin": 8}
    assert fm.item_line("tags", "syria") == 7
    assert fm.body == "Body.\n"


def test_yaml_python_tags_are_refused() -> None:
    with pytest.raises(I18nNewsError) as info:
        parse_front_matter("---\nkey: !!python/object/apply:os.system ['true']\n---\n", "x.md")
    assert str(info.value).startswith("x.md:2: invalid YAML front matter")


def test_bom_and_crlf() -> None:
    text = '\ufeff+++\r\nkey = "k"\r\ntitle = "T"\r\n+++\r\nBody\r\n'
    fm = parse_front_matter(text)
    assert fm.data == {"key": "k", "title": "T"}
    assert fm.lines == {"key": 2, "title": 3}
    assert fm.body == "Body\r\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Just a body\n",
            "f.md:1: no front matter: the file must start with '+++' (TOML) or '---' (YAML)",
        ),
        ("+++\nkey = 1\n", "f.md:1: front matter opened with '+++' is never closed"),
        ("+++\nkey = 1\ntitle = \n+++\n", "f.md:3: invalid TOML front matter: Invalid value"),
        (
            "+++\nkey = 1\nkey = 2\n+++\n",
            "f.md:3: invalid TOML front matter: Cannot overwrite a value",
        ),
        (
            "---\nkey: a\n  bad: indent\n---\n",
            "f.md:3: invalid YAML front matter: mapping values are not allowed here",
        ),
        ("---\nkey: a\nkey: b\n---\n", "f.md:3: duplicate key 'key' in front matter"),
        ("---\n- a\n---\n", "f.md:2: YAML front matter must be a mapping of keys to values"),
    ],
)
def test_errors_carry_the_file_line(text: str, expected: str) -> None:
    with pytest.raises(I18nNewsError) as info:
        parse_front_matter(text, "f.md")
    assert str(info.value) == expected


def test_empty_front_matter() -> None:
    assert parse_front_matter("---\n---\nBody").data == {}
    assert parse_front_matter("+++\n+++\n").data == {}


def test_toml_key_lines_ignores_strings_and_arrays() -> None:
    text = "a = \"x = 1\"\nb = [\n  \"[c]\",\n  { d = 1 },\n]\nm = '''\ne = 1\n'''\n[t]\nf = 1\n"
    assert toml_key_lines(text) == {("a",): 1, ("b",): 2, ("m",): 6, ("t",): 9, ("t", "f"): 10}


def test_set_value_replaces_only_its_line() -> None:
    text = TOML_DOC.replace(
        'origin = "en"', f'origin = "en"\norigin_hash = "sha256:{"0" * 64}"  # kept'
    )
    new = set_string_value(text, "origin_hash", HASH)
    old_lines, new_lines = split_lines(text), split_lines(new)
    changed = [i for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=True)) if a != b]
    assert changed == [13]
    assert new_lines[13] == f'origin_hash = "{HASH}"  # kept\n'


def test_set_value_inserts_after_origin() -> None:
    new = set_string_value(TOML_DOC, "origin_hash", HASH, after="origin")
    assert new == TOML_DOC.replace('origin = "en"\n', f'origin = "en"\norigin_hash = "{HASH}"\n')
    assert parse_front_matter(new).data["image"] == {"src": "img/x.svg"}


def test_set_value_inserts_before_a_toml_table() -> None:
    text = TOML_DOC.replace('origin = "en"\n', "")
    new = set_string_value(text, "origin_hash", HASH, after="origin")
    fm = parse_front_matter(new)
    assert fm.data["origin_hash"] == HASH  # top level, not inside [image]
    assert fm.data["image"] == {"src": "img/x.svg"}


def test_set_value_yaml_and_crlf() -> None:
    text = YAML_DOC.replace("\n", "\r\n")
    new = set_string_value(text, "origin_hash", HASH, after="origin")
    assert new == text.replace("origin: en\r\n", f'origin: en\r\norigin_hash: "{HASH}"\r\n')
    again = set_string_value(new, "origin_hash", "sha256:" + "cd" * 32)
    assert again.count("\r\n") == new.count("\r\n")
    assert parse_front_matter(again).data["origin_hash"] == "sha256:" + "cd" * 32


def test_set_value_refuses_multiline_value() -> None:
    text = '+++\nkey = "k"\norigin_hash = """\nsha256:x"""\n+++\n'
    with pytest.raises(I18nNewsError) as info:
        set_string_value(text, "origin_hash", HASH, path="f.md")
    assert (
        str(info.value)
        == "f.md:3: cannot update 'origin_hash': its value must be a one-line string"
    )


@settings(max_examples=60, deadline=None)
@given(body=st.text(st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_set_value_never_changes_the_body(body: str) -> None:
    text = f'+++\nkey = "k"\norigin = "en"\n+++\n{body}'
    new = set_string_value(text, "origin_hash", HASH, after="origin")
    assert new.endswith("+++\n" + body)
    assert parse_front_matter(new).body == body


def test_write_atomic_keeps_mode_and_leaves_no_temp(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("old")
    os.chmod(path, 0o640)
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]

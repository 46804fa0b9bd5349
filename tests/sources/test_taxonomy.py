from __future__ import annotations

from pathlib import Path

import pytest

from i18n_news.errors import I18nNewsError
from i18n_news.sources.taxonomy import KINDS, Taxonomy, load_taxonomy, parse_taxonomy

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = (
    Path(__file__).resolve().parents[1]
    / "data"
    / "content"
    / "newsroom"
    / "content"
    / "taxonomy.toml"
)


def test_kinds_are_singular_msgctxt_names() -> None:
    assert KINDS == ("section", "region", "tag", "source", "author")


def test_fixture_taxonomy() -> None:
    taxonomy = load_taxonomy(FIXTURE, ["en", "ar", "es"])
    politics = taxonomy.get("section", "politics")
    assert politics is not None
    assert (politics.label, politics.parent, politics.editions, politics.line) == (
        "Politics",
        "news",
        None,
        4,
    )
    assert [e.key for e in taxonomy.entries("author")] == [
        "al-mayadeen-english",
        "al-mayadeen-net",
        "red-el-mayadeen",
    ]
    assert taxonomy.label("tag", "syria") == "Syria"
    assert taxonomy.label("tag", "unknown-tag") == "unknown-tag"
    assert taxonomy.label("tags", "syria") == "Syria"  # plural table names work too
    assert ("section", "economy") in taxonomy
    assert taxonomy.allowed_in("section", "interviews", "es")
    assert not taxonomy.allowed_in("section", "interviews", "en")
    assert not taxonomy.allowed_in("section", "nope", "es")
    assert taxonomy.declares("region") and bool(taxonomy)


def test_sample_taxonomy_loads() -> None:
    taxonomy = load_taxonomy(ROOT / "content" / "taxonomy.toml", ["en", "ar", "es"])
    assert taxonomy.get("author", "red-el-mayadeen").editions == ("es",)
    assert taxonomy.label("section", "arts-culture") == "Arts&Culture"


def test_missing_file_is_an_empty_taxonomy(tmp_path: Path) -> None:
    taxonomy = load_taxonomy(tmp_path / "taxonomy.toml")
    assert not taxonomy
    assert not taxonomy.declares("tag")
    assert taxonomy.entries("section") == []
    assert Taxonomy().label("author", "x") == "x"


def test_unknown_kind_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        Taxonomy().entries("category")


def test_inline_tables_have_lines() -> None:
    taxonomy = parse_taxonomy(
        '[tags]\nrussia = { label = "Russia" }\nsyria = { label = "Syria" }\n'
    )
    assert [(e.key, e.line) for e in taxonomy.entries("tag")] == [("russia", 2), ("syria", 3)]


BAD = [
    (
        '[categories.x]\nlabel = "X"\n',
        "t.toml:1: unknown taxonomy table 'categories' "
        "(allowed: sections, regions, tags, sources, authors)",
    ),
    (
        '[sections.news]\nlabel = "News"\n\n[sections.sport]\nparent = "news"\n',
        "t.toml:4: sections.sport: 'label' must be a non-empty string",
    ),
    (
        '[sections.news]\nlabel = "News"\ncolour = "red"\n',
        "t.toml:1: sections.news: unknown key 'colour' (allowed: label, parent, editions)",
    ),
    (
        '[sections.politics]\nlabel = "Politics"\nparent = "news"\n',
        "t.toml:1: sections.politics: parent 'news' is not a section in the taxonomy",
    ),
    (
        '[sections.a]\nlabel = "A"\nparent = "b"\n[sections.b]\nlabel = "B"\nparent = "a"\n',
        "t.toml:1: sections.a: parents form a cycle",
    ),
    (
        '[authors.x]\nlabel = "X"\neditions = ["fr"]\n',
        "t.toml:1: authors.x: 'fr' is not a configured edition (ar, en, es)",
    ),
    (
        '[authors.x]\nlabel = "X"\neditions = []\n',
        "t.toml:1: authors.x: 'editions' must be a non-empty list of edition codes",
    ),
    (
        '[tags."two words"]\nlabel = "X"\n',
        "t.toml:1: tags.two words: a key may use letters, digits, '-', '_' and '.' only",
    ),
    ('tags = "russia"\n', "t.toml:1: 'tags' must be a table of entries"),
    (
        '[tags]\nrussia = "Russia"\n',
        't.toml:2: tags.russia must be a table such as { label = "…" }',
    ),
    ('[tags.russia]\nlabel = "Russia\n', "t.toml:2: invalid TOML: Illegal character '\\n'"),
]


@pytest.mark.parametrize(("text", "expected"), BAD, ids=[e.split(": ", 1)[1][:40] for _, e in BAD])
def test_bad_taxonomy(text: str, expected: str) -> None:
    with pytest.raises(I18nNewsError) as info:
        parse_taxonomy(text, "t.toml", ["en", "ar", "es"])
    assert str(info.value) == expected


def test_bad_file_names_its_path(tmp_path: Path) -> None:
    path = tmp_path / "taxonomy.toml"
    path.write_bytes(b'[tags.x]\nlabel = "\xff"\n')
    with pytest.raises(I18nNewsError) as info:
        load_taxonomy(path)
    assert str(info.value) == f"{path}:2: not valid UTF-8"

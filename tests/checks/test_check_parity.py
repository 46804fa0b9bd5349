"""Parity checks on a copy of the sample newsroom: each breaks one thing, with the exact finding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from check_helpers import check, edit

EN = "content/en/politics/russia-syria-bases.md"
AR = "content/ar/politics/russia-syria-bases.md"
ES = "content/es/politics/russia-syria-bases.md"
KEY = "2024-12-12-russia-syria-bases"


def findings(
    root: Path, *args: str, now: str | None = "2025-09-01T00:00:00+00:00", select: str = "PAR"
) -> list[tuple]:
    result = check(root, "--select", select, "--format", "json", *args, now=now)
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    return [
        (f["check_id"], f["path"], f["line"], f["edition"], f["message"]) for f in data["findings"]
    ]


def test_sample_has_no_parity_finding(sample: Path) -> None:
    assert findings(sample) == []


def test_story_missing_after_grace(sample: Path) -> None:
    (sample / AR).unlink()
    assert findings(sample) == [
        ("PAR201", EN, 2, "ar",
         f"story '{KEY}' is missing in edition 'ar', 262 d 2 h after publication (grace 6 h)"),
    ]  # fmt: skip


def test_story_missing_within_grace_is_pending(sample: Path) -> None:
    (sample / AR).unlink()
    assert findings(sample, now="2024-12-12T22:53:00Z") == [
        ("PAR202", EN, 2, "ar",
         f"story '{KEY}' is missing in edition 'ar'; due by 2024-12-13T05:53:00+02:00 (in 5 h)"),
    ]  # fmt: skip


def test_a_draft_does_not_count(sample: Path) -> None:
    edit(sample / AR, 'origin = "en"', 'draft = true\norigin = "en"')
    assert findings(sample)[0][:4] == ("PAR201", EN, 2, "ar")
    assert "is only a draft in edition 'ar'" in findings(sample)[0][4]


def test_exclusive_story_is_only_required_in_its_editions(sample: Path) -> None:
    exclusive = sample / "content/es/international-media/medios-internacionales-cobertura-gaza.md"
    assert 'editions = ["es"]' in exclusive.read_text(encoding="utf-8")
    assert findings(sample) == []


def test_stale_translation(sample: Path) -> None:
    edit(
        sample / EN, "## Moscow pursues dialogue", "A new paragraph.\n\n## Moscow pursues dialogue"
    )
    stale = findings(sample)
    assert [f[:4] for f in stale] == [("PAR203", AR, 15, "ar"), ("PAR203", ES, 15, "es")]
    assert stale[0][4] == (
        f"translation of '{KEY}' is stale: the 'en' original changed since origin_hash was "
        f"recorded; update it, then run `i18nnews stamp {AR}`"
    )


@pytest.mark.parametrize(
    ("check_id", "old", "new", "line", "message"),
    [
        ("PAR210", "published = 2024-12-12T23:53:00+02:00", "published = 2024-12-12T23:53:00Z", 5,
         "published 2024-12-12T23:53:00+00:00 differs from the 'en' original's "
         f"2024-12-12T23:53:00+02:00 ({EN})"),
        ("PAR211", 'section = "politics"', 'section = "economy"', 8,
         f"section 'economy' differs from the 'en' original's 'politics' ({EN})"),
        ("PAR212", 'region = "mena"', 'region = "europe"', 9,
         f"region 'europe' differs from the 'en' original's 'mena' ({EN})"),
        ("PAR213", '"russia", "syria", ', '"russia", "gaza", ', 10,
         f"tags differ from the 'en' original ({EN}): lacks 'syria'; adds 'gaza'"),
        ("PAR214", 'image = { src = "img/tartus-naval-base.svg"', 'imagen = { src = "x"', 0, None),
        ("PAR215", 'related = ["2024-12-12-syria-condemns-incursion", ', "related = [", 12,
         f"related differ from the 'en' original ({EN}): lacks "
         "'2024-12-12-syria-condemns-incursion'"),
    ],
)  # fmt: skip
def test_metadata_differs(
    sample: Path, check_id: str, old: str, new: str, line: int, message: str | None
) -> None:
    if check_id == "PAR214":
        # Drop the lead image (the whole line) from the Arabic edition.
        text = (sample / AR).read_text(encoding="utf-8").split("\n")
        (sample / AR).write_text("\n".join(t for t in text if not t.startswith("image =")),
                                 encoding="utf-8")  # fmt: skip
        line, message = 1, f"image count 0 differs from the 'en' original's count 1 ({EN})"
    else:
        edit(sample / AR, old, new)
    assert findings(sample) == [(check_id, AR, line, "ar", message)]


def test_taxonomy_label_untranslated(sample: Path) -> None:
    catalog = sample / "locales/ar/LC_MESSAGES/taxonomy.po"
    lines = catalog.read_text(encoding="utf-8").split("\n")
    at = next(
        i for i, t in enumerate(lines) if t == 'msgid "Syria"' and lines[i - 1] == 'msgctxt "tag"'
    )
    lines[at + 1] = 'msgstr ""'
    catalog.write_text("\n".join(lines), encoding="utf-8")
    found = findings(sample, select="PAR220")
    assert [f[:4] for f in found] == [
        ("PAR220", "locales/ar/LC_MESSAGES/taxonomy.po", at + 1, "ar")
    ]
    assert found[0][4].startswith(
        "tag 'syria' (label 'Syria') is used in edition 'ar' by content/ar/"
    )
    assert found[0][4].endswith("but its entry is untranslated")


def test_taxonomy_catalog_missing(sample: Path) -> None:
    (sample / "locales/es/LC_MESSAGES/taxonomy.po").unlink()
    found = findings(sample, select="PAR220")
    assert found and all(f[1:4] == ("locales/es/LC_MESSAGES/taxonomy.po", 0, "es") for f in found)
    assert "the catalog does not exist (run `i18nnews init`)" in found[0][4]


def test_edition_exclusive_taxonomy(sample: Path) -> None:
    edit(sample / EN, 'section = "politics"', 'section = "interviews"')
    assert findings(sample, select="PAR221") == [
        ("PAR221", EN, 8, "en", "section 'interviews' is exclusive to es but used in edition 'en'"),
    ]


def test_invalid_content_is_a_finding_not_exit_2(sample: Path) -> None:
    edit(sample / AR, "published = 2024-12-12T23:53:00+02:00", "published = 2024-12-12T23:53:00")
    result = check(sample, "--select", "PAR200")
    assert result.exit_code == 1
    assert findings(sample, select="PAR200") == [
        ("PAR200", AR, 5, "ar",
         "'published' has no UTC offset: write it as 2024-12-12T23:53:00+02:00, or add "
         "published_tz_assumed = true to read it in Asia/Beirut"),
    ]  # fmt: skip


def test_invalid_taxonomy_is_a_finding(sample: Path) -> None:
    edit(
        sample / "content/taxonomy.toml",
        '[sections.news]\nlabel = "News"',
        "[sections.news]\nlabel =",
    )
    found = findings(sample, select="PAR200")
    assert [f[:4] for f in found] == [("PAR200", "content/taxonomy.toml", 7, None)]
    assert found[0][4].startswith("invalid TOML")

"""Per-article catalogs: translating a story by catalog, and update after its origin changes."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from i18n_news.catalogs.reader import read_po
from i18n_news.catalogs.writer import write_po
from i18n_news.cli.app import app

runner = CliRunner()
KEY = "2025-08-25-us-envoy-netanyahu-lebanon"


def run(root: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--config", str(root / "pyproject.toml"), *args])
    return result.exit_code, result.output


def translate_by_catalog(sample: Path) -> Path:
    """Drop the hand-written Spanish file and translate the story through its catalog."""
    (sample / "content/es/politics/us-envoy-netanyahu-lebanon.md").unlink()
    code, out = run(sample, "init", "es", "--domain", f"articles/{KEY}")
    assert code == 0, out
    path = sample / f"locales/es/LC_MESSAGES/articles/{KEY}.po"
    po = read_po(path)
    for entry in po.active():
        entry.msgstr = f"[es] {entry.msgid}"
    write_po(po)
    return path


def rows(sample: Path, edition: str) -> list[dict]:
    code, out = run(sample, "articles", "--edition", edition)
    assert code == 0, out
    return [json.loads(line) for line in out.splitlines()]


def test_complete_catalog_materializes_the_edition(sample: Path) -> None:
    translate_by_catalog(sample)
    row = next(r for r in rows(sample, "es") if r["key"] == KEY)
    assert row["status"] == "from-catalog"
    assert row["title"].startswith("[es] ")
    assert row["path"] == f"locales/es/LC_MESSAGES/articles/{KEY}.po"


def test_fuzzy_catalog_does_not_materialize(sample: Path) -> None:
    path = translate_by_catalog(sample)
    po = read_po(path)
    po.active()[0].flags.append("fuzzy")
    write_po(po)
    assert all(r["key"] != KEY for r in rows(sample, "es"))


def test_changed_paragraph_becomes_fuzzy_with_previous_msgid(sample: Path) -> None:
    path = translate_by_catalog(sample)
    source = sample / "content/en/politics/us-envoy-netanyahu-lebanon.md"
    text = source.read_text(encoding="utf-8")
    template = read_po(sample / f"locales/articles/{KEY}.pot")
    para = next(e for e in template.active() if e.msgctxt and e.msgctxt.startswith("p1-"))
    old = para.msgid
    assert old.split()[0] in text
    new = old.replace(old.split()[0], "Meanwhile, " + old.split()[0].lower(), 1)
    source.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert run(sample, "extract", "--check")[0] == 1
    assert run(sample, "extract")[0] == 0
    code, out = run(sample, "update")
    assert code == 0 and "1 fuzzy" in out
    entry = read_po(path).find(
        new,
        next(
            e.msgctxt
            for e in read_po(sample / f"locales/articles/{KEY}.pot").active()
            if e.msgid == new
        ),
    )
    assert entry is not None
    assert "fuzzy" in entry.flags
    assert entry.previous_msgid == old
    assert entry.previous_msgctxt == para.msgctxt
    assert entry.msgstr == f"[es] {old}"
    # Untouched paragraphs keep their translation, not fuzzy.
    others = [e for e in read_po(path).active() if e.msgid != new]
    assert others and all("fuzzy" not in e.flags for e in others)
    # Until the translator reviews it, the edition is not materialized.
    assert all(r["key"] != KEY for r in rows(sample, "es"))

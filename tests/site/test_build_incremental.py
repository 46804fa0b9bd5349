"""Incremental rebuilds: nothing changed writes nothing; one change rewrites what it affects."""

from __future__ import annotations

import os
from pathlib import Path

from build_helpers import NOW, SEED_PATH, Built

from i18n_news.config import load_config
from i18n_news.site.build import build_site
from i18n_news.site.manifest import MANIFEST_NAME


def snapshot(out: Path) -> dict[str, tuple[int, bytes]]:
    return {
        p.relative_to(out).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in out.rglob("*")
        if p.is_file()
    }


def age(out: Path) -> None:
    """Push every mtime into the past so that any rewrite is visible even on coarse clocks."""
    for path in out.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(1_000_000_000, 1_000_000_000))


def rebuild(built: Built, **options: object):
    return build_site(load_config(built.root / "pyproject.toml"), out=built.out, now=NOW, **options)


def test_no_change_rebuild_writes_nothing(fresh: Built) -> None:
    assert fresh.report.written and not fresh.report.unchanged
    age(fresh.out)
    before = snapshot(fresh.out)
    report = rebuild(fresh)
    assert report.written == []
    assert report.removed == []
    assert report.rendered == 0
    assert len(report.unchanged) == len(fresh.report.written)
    assert snapshot(fresh.out) == before  # bytes and mtimes, the manifest included
    assert MANIFEST_NAME in before


def test_force_renders_everything_but_writes_nothing_unchanged(fresh: Built) -> None:
    age(fresh.out)
    before = snapshot(fresh.out)
    report = rebuild(fresh, force=True)
    assert report.rendered == sum(e.pages for e in report.editions.values())
    assert report.written == []
    assert snapshot(fresh.out) == before


def test_one_catalog_change_rebuilds_only_its_pages(fresh: Built) -> None:
    catalog = fresh.root / "locales/es/LC_MESSAGES/messages.po"
    text = catalog.read_text(encoding="utf-8")
    assert 'msgstr "Noticias relacionadas"' in text
    catalog.write_text(
        text.replace('msgstr "Noticias relacionadas"', 'msgstr "Más sobre el tema"'), "utf-8"
    )
    age(fresh.out)
    before = snapshot(fresh.out)
    report = rebuild(fresh)
    # Only Spanish pages were rendered again, and only those showing the string were written.
    assert report.editions["en"].rendered == report.editions["ar"].rendered == 0
    assert report.editions["es"].rendered == report.editions["es"].pages
    assert report.written, "the change must reach the pages"
    assert all(rel.startswith("es/") for rel in report.written)
    for rel in report.written:
        assert "Más sobre el tema" in (fresh.out / rel).read_text(encoding="utf-8"), rel
    untouched = {rel for rel in before if rel not in report.written and rel != MANIFEST_NAME}
    after = snapshot(fresh.out)
    assert all(after[rel] == before[rel] for rel in untouched)
    assert f"es/{SEED_PATH}" in report.written
    assert "es/index.html" not in report.written  # no Related News box on the home page


def test_one_article_change_rebuilds_only_its_page(fresh: Built) -> None:
    source = fresh.root / "content/en/politics/russia-syria-bases.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("are the clearest indication", "are the plainest sign"), "utf-8")
    age(fresh.out)
    before = snapshot(fresh.out)
    report = rebuild(fresh)
    assert report.written == [f"en/{SEED_PATH}"]
    assert report.rendered == 1
    after = snapshot(fresh.out)
    assert "the plainest sign" in after[f"en/{SEED_PATH}"][1].decode()
    changed = {rel for rel in after if after[rel] != before.get(rel)}
    assert changed == {f"en/{SEED_PATH}", MANIFEST_NAME}


def test_title_change_reaches_listings_and_feeds(fresh: Built) -> None:
    source = fresh.root / "content/ar/politics/russia-syria-bases.md"
    text = source.read_text(encoding="utf-8")
    new_title = "روسيا تحافظ على قنواتها مع دمشق"
    lines = [
        f'title = "{new_title}"' if line.startswith("title = ") else line
        for line in text.splitlines()
    ]
    source.write_text("\n".join(lines) + "\n", "utf-8")
    report = rebuild(fresh)
    assert all(rel.startswith("ar/") for rel in report.written)
    assert f"ar/{SEED_PATH}" in report.written
    assert "ar/atom.xml" in report.written and "ar/sitemap.xml" not in report.written
    # Listings that show its card, and stories that list it as related, are rewritten too.
    assert "ar/tag/hayat-tahrir-al-sham/index.html" in report.written
    assert "ar/politics/syria-condemns-incursion/index.html" in report.written
    for rel in report.written:
        if rel.endswith(".html"):
            assert new_title in (fresh.out / rel).read_text(encoding="utf-8"), rel


def test_deleted_article_is_removed(fresh: Built) -> None:
    (
        fresh.root / "content/es/international-media/medios-internacionales-cobertura-gaza.md"
    ).unlink()
    report = rebuild(fresh)
    gone = "es/international-media/medios-internacionales-cobertura-gaza/index.html"
    assert gone in report.removed
    assert not (fresh.out / gone).exists()
    assert not (fresh.out / gone).parent.exists()
    assert any(rel.startswith("es/media/medios-internacionales-") for rel in report.removed)


def test_single_edition_build_keeps_the_others(fresh: Built) -> None:
    age(fresh.out)
    before = snapshot(fresh.out)
    report = rebuild(fresh, langs=["ar"])
    assert list(report.editions) == ["ar"]
    assert report.written == [] and report.removed == []
    assert snapshot(fresh.out) == before

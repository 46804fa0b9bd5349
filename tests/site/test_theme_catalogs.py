"""The default theme's translations ship in the package; a newsroom's catalogs win."""

from __future__ import annotations

import re
from pathlib import Path

from build_helpers import NOW, ROOT, SEED_PATH, copy_sample
from lxml import etree

from i18n_news.config import load_config
from i18n_news.site.build import build_site
from i18n_news.site.theme import PACKAGED_LOCALES, edition_catalogs


def test_packaged_theme_catalogs_match_the_repository() -> None:
    """Fails until `python scripts/sync_theme_catalogs.py` is run after a catalog changes."""
    sources = sorted((ROOT / "locales").glob("*/LC_MESSAGES/messages.po"))
    assert sources
    packaged = sorted(PACKAGED_LOCALES.glob("*/LC_MESSAGES/messages.po"))
    assert [p.relative_to(PACKAGED_LOCALES) for p in packaged] == [
        p.relative_to(ROOT / "locales") for p in sources
    ], "run: python scripts/sync_theme_catalogs.py"
    for source in sources:
        copy = PACKAGED_LOCALES / source.relative_to(ROOT / "locales")
        assert copy.read_bytes() == source.read_bytes(), (
            f"{copy.relative_to(ROOT)} differs from {source.relative_to(ROOT)}: "
            "run: python scripts/sync_theme_catalogs.py"
        )


def test_package_data_includes_the_catalogs() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"theme/locales/*/LC_MESSAGES/*.po"' in text


def heading(out: Path, edition: str, ident: str) -> str:
    root = etree.fromstring((out / edition / SEED_PATH).read_bytes(), etree.HTMLParser())
    return root.xpath(f"string(//*[@id='{ident}'])")


def test_newsroom_without_catalogs_gets_the_packaged_ui(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "newsroom")
    (root / "locales/ar/LC_MESSAGES/messages.po").unlink()
    config = load_config(root / "pyproject.toml")
    catalogs = edition_catalogs(config, config.editions["ar"])
    assert [c.role for c in catalogs.messages] == ["theme"]
    build_site(config, out=root / "dist", now=NOW, langs=["ar"])
    packaged = catalogs.message_translations()
    assert heading(root / "dist", "ar", "related-title") == packaged.gettext("Related News")
    assert heading(root / "dist", "ar", "related-title") != "Related News"


def test_newsroom_catalog_takes_precedence(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "newsroom")
    catalog = root / "locales/es/LC_MESSAGES/messages.po"
    text = catalog.read_text(encoding="utf-8")
    text = text.replace('msgstr "Noticias relacionadas"', 'msgstr "Lea también"')
    # An untranslated entry in the newsroom's catalog falls through to the packaged one.
    text = re.sub(r'(msgid "Most Read"\n)msgstr ".*"\n', r'\1msgstr ""\n', text)
    assert 'msgid "Most Read"\nmsgstr ""\n' in text
    catalog.write_text(text, encoding="utf-8")
    config = load_config(root / "pyproject.toml")
    catalogs = edition_catalogs(config, config.editions["es"])
    assert [c.role for c in catalogs.messages] == ["newsroom", "theme"]
    build_site(config, out=root / "dist", now=NOW, langs=["es"])
    assert heading(root / "dist", "es", "related-title") == "Lea también"
    packaged = edition_catalogs(config, config.editions["es"]).messages[1]
    assert packaged.path == "i18n_news/theme/locales/es/LC_MESSAGES/messages.po"
    assert heading(root / "dist", "es", "most-read-title") not in ("", "Most Read")

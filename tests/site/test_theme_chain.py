"""Where theme strings come from: the edition's catalogs, the source edition's, the msgid."""

from __future__ import annotations

from helpers import DATA, ROOT

from i18n_news.config import load_config
from i18n_news.site.theme import edition_catalogs, message_catalogs


def test_a_translation_edition_falls_back_to_the_source_edition() -> None:
    config = load_config(DATA / "gazette" / "i18nnews.toml")
    chain = message_catalogs(config, config.editions["he"])
    assert [(role, label) for role, _, label in chain] == [
        ("newsroom", "locales/he/LC_MESSAGES/messages.po"),
        ("source", "locales/fr/LC_MESSAGES/messages.po"),
    ]
    he = edition_catalogs(config, config.editions["he"]).message_translations()
    assert (
        he.gettext("Skip to main content") == "Aller au contenu principal"
    )  # French, untranslated in he
    assert he.ngettext("%(num)d Share", "%(num)d Shares", 2) == "%(num)d partages"
    assert he.gettext("a string no catalog has") == "a string no catalog has"
    fr = message_catalogs(config, config.editions["fr"])
    assert [role for role, _, _ in fr] == ["newsroom"]


def test_the_sample_keeps_its_chain() -> None:
    config = load_config(ROOT / "pyproject.toml")
    assert [r for r, _, _ in message_catalogs(config, config.editions["ar"])] == [
        "newsroom",
        "theme",
    ]
    assert message_catalogs(config, config.editions["en"]) == []

"""Taxonomy labels as an edition prints them: translated, bidi-balanced, looked up by key."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from i18n_news.model import Article
from i18n_news.site.sanitize import clean_text
from i18n_news.site.theme import EditionCatalogs
from i18n_news.sources.taxonomy import KINDS, Taxonomy

__all__ = ["edition_labels", "label_lookup"]


def edition_labels(
    taxonomy: Taxonomy, catalogs: EditionCatalogs, articles: Iterable[Article]
) -> dict[tuple[str, str], str]:
    """Every taxonomy label the edition can print, translated, bidi-balanced."""
    translations = catalogs.taxonomy_translations()
    keys: dict[tuple[str, str], str] = {}
    for kind in KINDS:
        for entry in taxonomy.entries(kind):
            keys[(kind, entry.key)] = entry.label
    for article in articles:
        for kind, value in (
            ("section", article.section),
            ("region", article.region),
            ("author", article.author),
            ("source", article.source),
        ):
            if value:
                keys.setdefault((kind, value), value)
        for tag in article.tags:
            keys.setdefault(("tag", tag), tag)
    return {
        key: clean_text(translations.pgettext(key[0], english)) for key, english in keys.items()
    }


def label_lookup(labels: Mapping[tuple[str, str], str]) -> Callable[[str, str], str]:
    """``(kind, key) -> label``: the translated label, else the key itself, cleaned.

    The key is cleaned only when it has no label: this runs for every tag and
    section a page prints.
    """

    def label(kind: str, key: str) -> str:
        found = labels.get((kind, key))
        return found if found is not None else clean_text(key)

    return label

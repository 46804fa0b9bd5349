"""Slugs and content files of imported pages (i18n_news.importer.write)."""

from __future__ import annotations

import doctest

from i18n_news.importer import write
from i18n_news.importer.metadata import Page
from i18n_news.importer.write import page_slug, slugify


def test_slugs() -> None:
    assert slugify("Ansar Allah: ¿qué sigue?") == "ansar-allah-que-sigue"
    assert slugify("روسيا") == ""
    assert len(slugify("word " * 40)) <= 80
    arabic = Page(
        title="روسيا تسعى للحفاظ على قواعدها", url="https://x.test/a/%D8%B1%D9%88%D8%B3%D9%8A%D8%A7"
    )
    assert page_slug(arabic).startswith("article-") and len(page_slug(arabic)) == 16
    assert (
        page_slug(Page(title="روسيا", url="https://x.test/news/russia-bases.html"))
        == "russia-bases"
    )
    assert page_slug(Page(title="Russia & Syria")) == "russia-and-syria"


def test_doctests() -> None:
    result = doctest.testmod(write)
    assert result.attempted > 0 and result.failed == 0

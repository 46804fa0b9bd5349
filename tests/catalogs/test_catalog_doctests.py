"""The doctests of the catalog engine's small pure helpers."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "i18n_news.catalogs.articles",
    "i18n_news.catalogs.entry",
    "i18n_news.catalogs.escapes",
    "i18n_news.catalogs.formats",
    "i18n_news.catalogs.linebreak",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0

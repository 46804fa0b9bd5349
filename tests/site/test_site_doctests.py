"""The doctests of the site modules' small pure helpers."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "i18n_news.site.assets",
    "i18n_news.site.context",
    "i18n_news.site.jsonld",
    "i18n_news.site.sanitize",
    "i18n_news.site.shards",
    "i18n_news.site.urls",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0

"""The doctests of the check modules' small pure helpers."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "i18n_news.checks.strings",
    "i18n_news.checks.settings",
    "i18n_news.checks.parity",
    "i18n_news.checks.baseline",
    "i18n_news.cli.options",
    "i18n_news.catalogs.plurals",
    "i18n_news.config",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0

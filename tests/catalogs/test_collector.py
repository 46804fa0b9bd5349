"""The one switch for the cyclic garbage collector (i18n_news.catalogs.collector)."""

from __future__ import annotations

import gc

import pytest

from i18n_news.catalogs.collector import no_cyclic_gc


def test_pauses_and_restores_the_collector() -> None:
    assert gc.isenabled()
    with no_cyclic_gc():
        assert not gc.isenabled()
        with no_cyclic_gc():  # the parser inside check or update
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block leaves it to the outer one
    assert gc.isenabled()


def test_restores_the_collector_after_an_error() -> None:
    with pytest.raises(ValueError), no_cyclic_gc():
        raise ValueError("bad catalog")
    assert gc.isenabled()


def test_leaves_a_paused_collector_paused() -> None:
    gc.disable()
    try:
        with no_cyclic_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest
from helpers import DATA

from i18n_news.config import Config, load_config


@pytest.fixture
def config(tmp_path: Path) -> Config:
    """A private copy of the small test newsroom (three editions, a taxonomy)."""
    shutil.copytree(DATA / "content" / "newsroom", tmp_path / "newsroom")
    return load_config(tmp_path / "newsroom" / "i18nnews.toml")


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a connection fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the importer tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)

from __future__ import annotations

import gettext
from pathlib import Path

import pytest
from localize_helpers import CATALOGS, write_mo


@pytest.fixture
def catalogs(tmp_path: Path) -> dict[str, gettext.NullTranslations]:
    """The plural messages in real compiled GNU catalogs: en (none), ar (six forms), es."""
    return {"en": gettext.NullTranslations(), **{k: write_mo(tmp_path, k) for k in CATALOGS}}

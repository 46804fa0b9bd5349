"""Pages, editions and a clock shared by the importer tests."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from helpers import DATA

from i18n_news.model import Edition

#: The saved pages, each with its golden ``.json`` beside it.
PAGES = sorted((DATA / "import").glob("*.html"))
NOW = datetime(2025, 9, 1, 12, 0, tzinfo=UTC)
EN = Edition("en", "en", "English", "ltr", timezone="Asia/Beirut")
AR = Edition("ar", "ar_LB", "عربي", "rtl", "arab", "Asia/Beirut")
ES = Edition("es", "es", "Español", "ltr", timezone="Asia/Beirut")


def edition_of(page: Path) -> str:
    """The edition a test page belongs to: its ``ar-``/``es-`` prefix, else English."""
    return page.name.split("-", 1)[0] if page.name.startswith(("ar-", "es-")) else "en"

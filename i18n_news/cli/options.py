"""Option parsing shared by several commands."""

from __future__ import annotations

from datetime import datetime

from i18n_news.errors import I18nNewsError


def parse_now(value: str | None) -> datetime | None:
    """``--now``: an ISO-8601 instant with a UTC offset (``Z`` allowed).

    Reproducible runs need an explicit clock, and a naive one would be a guess.

    >>> parse_now("2024-12-13T08:00:00Z").isoformat()
    '2024-12-13T08:00:00+00:00'
    """
    if value is None:
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise I18nNewsError(f"--now: not an ISO-8601 instant: {value!r}") from None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise I18nNewsError(f"--now: {value!r} has no UTC offset (e.g. 2025-08-25T12:00:00+03:00)")
    return parsed

"""Terminal colors: only on a TTY, never with ``NO_COLOR`` (https://no-color.org) or TERM=dumb."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

__all__ = ["colors_enabled", "paint"]

_CODES = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "cyan": "36"}


def colors_enabled(stream: object = None, environ: Mapping[str, str] | None = None) -> bool:
    """Whether to color what goes to ``stream`` (stdout by default).

    >>> colors_enabled(environ={"NO_COLOR": "1"})
    False
    """
    env = os.environ if environ is None else environ
    if "NO_COLOR" in env or env.get("TERM") == "dumb":
        return False
    stream = sys.stdout if stream is None else stream
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # closed stream
        return False


def paint(text: str, *styles: str, stream: object = None) -> str:
    """``text`` in ``styles`` (``"bold"``, ``"cyan"``…) when colors are enabled, else as is."""
    if not styles or not colors_enabled(stream):
        return text
    codes = ";".join(_CODES[s] for s in styles)
    return f"\x1b[{codes}m{text}\x1b[0m"

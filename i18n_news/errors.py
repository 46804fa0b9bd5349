"""The one error type of the toolkit: a message that knows where it happened."""

from __future__ import annotations

from os import PathLike


class I18nNewsError(Exception):
    """Bad input, configuration or usage; the CLI prints ``path:line: message`` and exits 2.

    ``line`` is 1-based (0 or ``None`` when unknown), stored once so that no
    caller has to remember which convention a parser used.
    """

    def __init__(
        self, message: str, path: str | PathLike[str] | None = None, line: int | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line or None

    def __str__(self) -> str:
        if self.path and self.line:
            return f"{self.path}:{self.line}: {self.message}"
        if self.path:
            return f"{self.path}: {self.message}"
        return self.message

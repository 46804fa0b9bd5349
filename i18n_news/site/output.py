"""Writing into the output folder: never outside it, never through a symlink, only what changed."""

from __future__ import annotations

from pathlib import Path

from i18n_news.errors import I18nNewsError
from i18n_news.fs import atomic_write

__all__ = ["confined", "make_folder", "remove_output", "write_if_changed"]


def write_if_changed(path: Path, data: bytes, *, durable: bool = True) -> bool:
    """Write ``data`` atomically unless ``path`` already holds it; True if written.

    Goes through the toolkit's one writer (temp file, rename), never through a
    symlink, so an interrupted build leaves each file old or new. Pages are
    written with ``durable=False`` and synced all at once before the manifest
    (or shard manifest) that records them: two fsyncs per page cost a fifth
    of a large build.
    """
    make_folder(path.parent)
    return atomic_write(path, data, follow_symlinks=False, durable=durable)


def make_folder(folder: Path) -> None:
    """``folder`` and its parents, created if missing; failure is the one error type."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise I18nNewsError(f"cannot create folder: {exc.strerror or exc}", folder) from None


def confined(out: Path, rel: str) -> Path:
    """``out/rel``, refusing a path that would land outside ``out`` (``..``, absolute, symlink)."""
    parts = rel.replace("\\", "/").split("/")
    if not rel or rel.startswith("/") or any(p in ("", ".", "..") for p in parts):
        raise I18nNewsError(f"refusing to write outside the output folder: {rel!r}", out)
    path = out / rel
    base = out.resolve()
    parent = path.parent.resolve()
    if parent != base and base not in parent.parents:
        raise I18nNewsError(f"refusing to write outside the output folder: {rel!r}", out)
    return path


def remove_output(out: Path, rel: str) -> bool:
    """Delete ``out/rel`` (a file the build no longer makes) and the folders it leaves empty.

    False when there was nothing to delete, or when ``rel`` points outside ``out``.
    """
    try:
        path = confined(out, rel)
    except I18nNewsError:
        return False  # a tampered manifest entry: never delete outside the output folder
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise I18nNewsError(f"cannot remove: {exc.strerror or exc}", path) from None
    folder = path.parent
    while folder != out and out in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            break
        folder = folder.parent
    return True

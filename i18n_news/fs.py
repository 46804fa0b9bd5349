"""Safe file system writes: the one atomic writer, the newsroom lock, clean interruption.

Every file the toolkit writes (catalogs, templates, compiled ``.mo``/``.json``,
content files from ``stamp`` and ``import``, build output, baselines and
reports) goes through :func:`atomic_write`: a dot-prefixed temporary file in
the same folder is written, fsynced, given the old file's permission bits and
renamed over the target, then the folder is fsynced. SIGINT and SIGTERM are
held back while a file is being replaced, so an interrupted command leaves
every file either old or new and no temporary file behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import signal
import stat
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from i18n_news.errors import I18nNewsError

__all__ = [
    "LIMITS",
    "LOCK_NAME",
    "TEMP_PATTERN",
    "atomic_write",
    "display_path",
    "install_signal_handlers",
    "newsroom_lock",
    "read_bytes",
    "read_limited",
    "read_text",
    "remove_stale_temps",
]

#: Name of the lock file in the locales folder held by commands that write catalogs.
LOCK_NAME = ".i18nnews.lock"
#: Temporary files of :func:`atomic_write`: ``.<name>.<8 hex>.tmp``.
TEMP_PATTERN = re.compile(r"^\..+\.[0-9a-f]{8}\.tmp$")

_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Defer SIGINT/SIGTERM until the block is over (a no-op outside the main thread)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _error(exc: OSError, path: str, verb: str = "write") -> I18nNewsError:
    if exc.errno == errno.EISDIR:
        return I18nNewsError("is a directory, expected a file", path)
    return I18nNewsError(f"cannot {verb}: {exc.strerror or exc}", path)


def atomic_write(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    follow_symlinks: bool = True,
    durable: bool = True,
) -> bool:
    """Replace ``path`` with ``data`` atomically; False (file untouched) if already equal.

    The temporary file lives in the target's folder (so the rename is atomic),
    is fsynced before the rename and the folder after it; an existing file
    keeps its permission bits. With ``follow_symlinks`` (catalogs) a symlink
    keeps pointing at the updated file; without it (build output, imports) a
    symlink is replaced by a regular file, so nothing is written through it.

    ``durable=False`` skips both fsyncs: the rename is still atomic for a
    killed process, and a caller writing thousands of regenerable files (the
    build) makes them durable with one :func:`os.sync` before it records them.
    """
    shown = os.fspath(path)
    target = os.path.realpath(shown) if follow_symlinks else os.path.abspath(shown)
    same, mode = _current(target, data, shown, follow_symlinks)
    if same:
        return False
    folder, name = os.path.split(target)
    with signals_held():
        temp, fd = _open_temp(folder, name, shown)
        try:
            with os.fdopen(fd, "wb") as handle:
                if mode is not None:
                    os.fchmod(handle.fileno(), mode)
                handle.write(data)
                handle.flush()
                if durable:
                    os.fsync(handle.fileno())
            os.replace(temp, target)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            if isinstance(exc, OSError):
                raise _error(exc, shown) from None
            raise
    if durable:
        _fsync_dir(folder)
    return True


def _current(
    target: str, data: bytes, shown: str, follow_symlinks: bool
) -> tuple[bool, int | None]:
    """(``target`` already holds ``data``, its permission bits to keep; None if new)."""
    try:
        info = os.stat(target, follow_symlinks=follow_symlinks)
    except FileNotFoundError:
        return False, None
    except OSError as exc:
        raise _error(exc, shown) from None
    if stat.S_ISDIR(info.st_mode):
        raise I18nNewsError("is a directory, expected a file", shown)
    if not stat.S_ISREG(info.st_mode):
        return False, None
    mode = stat.S_IMODE(info.st_mode)
    try:
        with open(target, "rb") as handle:
            if info.st_size == len(data) and handle.read() == data:
                return True, mode
    except OSError:
        pass
    return False, mode


def _open_temp(folder: str, name: str, shown: str) -> tuple[str, int]:
    """A new temporary file beside the target: its path and a descriptor open for writing."""
    while True:
        temp = os.path.join(folder, f".{name}.{os.urandom(4).hex()}.tmp")
        try:
            return temp, os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        except OSError as exc:
            raise _error(exc, shown) from None


def _fsync_dir(folder: str) -> None:
    try:
        dir_fd = os.open(folder or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def remove_stale_temps(root: Path) -> int:
    """Delete temporary files an earlier, killed (SIGKILL, power loss) run left under ``root``."""
    removed = 0
    if not root.is_dir():
        return 0
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            if TEMP_PATTERN.match(name):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(dirpath, name))
                    removed += 1
    return removed


@contextlib.contextmanager
def newsroom_lock(locales_dir: Path) -> Iterator[None]:
    """Hold ``<locales>/.i18nnews.lock`` (``flock``, non-blocking) for a catalog-writing command.

    A second ``update`` (or ``init``, ``extract``, ``compile``) on the same
    newsroom fails at once with a clear error instead of interleaving writes.
    Under the lock, temporary files left by a killed earlier run are removed.
    """
    import fcntl

    try:
        locales_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _error(exc, str(locales_dir), "create folder") from None
    lock_path = locales_dir / LOCK_NAME
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise _error(exc, str(lock_path), "open lock file") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise I18nNewsError(
                "another i18nnews command is writing this newsroom's catalogs; "
                "try again when it has finished",
                str(lock_path),
            ) from None
        remove_stale_temps(locales_dir)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _on_signal(signum: int, _frame: object) -> None:
    sys.stderr.write(f"i18nnews: interrupted ({signal.Signals(signum).name})\n")
    raise SystemExit(128 + signum)


def install_signal_handlers() -> None:
    """SIGINT/SIGTERM end the command through ``SystemExit`` (exit 130/143), running cleanups."""
    if threading.current_thread() is not threading.main_thread():
        return
    for signum in _SIGNALS:
        with contextlib.suppress(ValueError, OSError):
            signal.signal(signum, _on_signal)


#: Largest input accepted per kind of file, in bytes (a clear error beyond it, never a hang).
LIMITS = {
    "catalog": 64 * 1024 * 1024,
    "content file": 8 * 1024 * 1024,
    "taxonomy file": 8 * 1024 * 1024,
    "configuration file": 1024 * 1024,
    "page": 10 * 1024 * 1024,  # a saved HTML page for ``import``: an article is far smaller
    "baseline file": 64 * 1024 * 1024,
    "theme file": 8 * 1024 * 1024,
    "source file": 8 * 1024 * 1024,
}


def read_limited(path: str | os.PathLike[str], kind: str) -> bytes:
    """The bytes of ``path``, refusing a file over ``LIMITS[kind]``.

    ``OSError`` (missing file, a folder, no permission) is left to the caller,
    which knows how to word it for its kind of file.
    """
    limit = LIMITS[kind]
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        data = handle.read(limit + 1) if size <= limit else b""
    if size > limit or len(data) > limit:
        size = max(size, len(data))
        raise I18nNewsError(
            f"refused: {size} bytes is over the {_human(limit)} limit for a {kind}", os.fspath(path)
        )
    return data


def _human(size: int) -> str:
    return f"{size // (1024 * 1024)} MB" if size >= 1024 * 1024 else f"{size // 1024} KB"


def read_bytes(
    path: str | os.PathLike[str], kind: str, *, shown: str | os.PathLike[str] | None = None
) -> bytes:
    """The bytes of a file of ``kind`` (a key of ``LIMITS``); every failure an ``I18nNewsError``.

    The one place where reading a file becomes an error message, so that a
    missing catalog and a missing story are worded alike. ``shown`` is the
    path printed in the message (default: ``path``).
    """
    name = os.fspath(shown if shown is not None else path)
    try:
        return read_limited(path, kind)
    except FileNotFoundError:
        raise I18nNewsError("file not found", name) from None
    except IsADirectoryError:
        raise I18nNewsError(f"is a directory, expected a {kind}", name) from None
    except PermissionError:
        raise I18nNewsError("cannot read: permission denied", name) from None
    except OSError as exc:
        raise I18nNewsError(f"cannot read: {exc.strerror or exc}", name) from None


def read_text(
    path: str | os.PathLike[str], kind: str, *, shown: str | os.PathLike[str] | None = None
) -> str:
    """:func:`read_bytes` decoded as UTF-8 (newlines untouched); bad bytes name their line."""
    data = read_bytes(path, kind, shown=shown)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise I18nNewsError(
            "not valid UTF-8", os.fspath(shown if shown is not None else path), line
        ) from None


def display_path(path: str | os.PathLike[str], root: Path) -> str:
    """``path`` as shown in messages and findings: relative to the newsroom ``root``, POSIX style.

    A path outside the newsroom is shown as given.

    >>> display_path("/news/locales/ar/LC_MESSAGES/messages.po", Path("/news"))
    'locales/ar/LC_MESSAGES/messages.po'
    """
    candidate = Path(path)
    for resolved in (candidate, candidate.resolve()):
        try:
            return resolved.relative_to(root).as_posix()
        except ValueError:
            continue
    return os.fspath(path)

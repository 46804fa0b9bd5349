"""One atomic writer for every file the toolkit writes: temp in the same folder, fsync, rename."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest
from rel_helpers import ROOT

from i18n_news import fs as fsutil
from i18n_news.errors import I18nNewsError
from i18n_news.fs import atomic_write, read_limited

PACKAGE = ROOT / "i18n_news"


def test_writes_replaces_and_reports_unchanged(tmp_path: Path) -> None:
    target = tmp_path / "a.po"
    assert atomic_write(target, b"one") is True
    assert target.read_bytes() == b"one"
    before = target.stat().st_mtime_ns
    assert atomic_write(target, b"one") is False  # same bytes: file (and mtime) untouched
    assert target.stat().st_mtime_ns == before
    assert atomic_write(target, b"two") is True
    assert target.read_bytes() == b"two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.po"]


def test_keeps_permission_bits(tmp_path: Path) -> None:
    target = tmp_path / "a.po"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    atomic_write(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    os.chmod(target, 0o604)
    atomic_write(target, b"newer")
    assert stat.S_IMODE(target.stat().st_mode) == 0o604


def test_fsyncs_the_file_and_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[str] = []
    real = os.fsync

    def spy(fd: int) -> None:
        synced.append("dir" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real(fd)

    monkeypatch.setattr(fsutil.os, "fsync", spy)
    atomic_write(tmp_path / "x.po", b"data")
    assert synced == ["file", "dir"]


def test_temp_file_is_hidden_in_the_same_folder_and_removed_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    real = os.replace

    def failing_replace(src: str, dst: str) -> None:
        seen.append(src)
        assert os.path.dirname(src) == str(tmp_path)
        assert fsutil.TEMP_PATTERN.match(os.path.basename(src))
        raise OSError(28, "No space left on device")

    target = tmp_path / "a.po"
    target.write_bytes(b"old")
    monkeypatch.setattr(fsutil.os, "replace", failing_replace)
    with pytest.raises(I18nNewsError, match="No space left"):
        atomic_write(target, b"new")
    assert seen and target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.po"]
    monkeypatch.setattr(fsutil.os, "replace", real)


def test_interrupt_during_write_leaves_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    target = tmp_path / "a.po"
    target.write_bytes(b"old")
    monkeypatch.setattr(fsutil.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.po"]


def test_symlinks(tmp_path: Path) -> None:
    real = tmp_path / "real.po"
    real.write_bytes(b"old")
    link = tmp_path / "link.po"
    link.symlink_to(real)
    atomic_write(link, b"catalog")  # catalogs: the link keeps pointing at the updated file
    assert link.is_symlink() and real.read_bytes() == b"catalog"
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"secret")
    page = tmp_path / "page.html"
    page.symlink_to(outside)
    atomic_write(page, b"<p>", follow_symlinks=False)  # output: never written through a link
    assert not page.is_symlink() and page.read_bytes() == b"<p>"
    assert outside.read_bytes() == b"secret"


def test_a_folder_in_place_of_the_file(tmp_path: Path) -> None:
    (tmp_path / "a.po").mkdir()
    with pytest.raises(I18nNewsError, match="is a directory"):
        atomic_write(tmp_path / "a.po", b"x")
    with pytest.raises(I18nNewsError, match="cannot write"):
        atomic_write(tmp_path / "missing-folder" / "a.po", b"x")


def test_stale_temps_are_removed(tmp_path: Path) -> None:
    (tmp_path / "ar").mkdir()
    stale = tmp_path / "ar" / ".messages.po.0123abcd.tmp"
    stale.write_bytes(b"half")
    keep = tmp_path / "ar" / ".keep.tmp"
    keep.write_bytes(b"not ours")
    assert fsutil.remove_stale_temps(tmp_path) == 1
    assert not stale.exists() and keep.exists()


def test_size_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from i18n_news.catalogs.reader import read_po
    from i18n_news.config import load_config
    from i18n_news.sources.frontmatter import read_text
    from i18n_news.sources.taxonomy import load_taxonomy

    monkeypatch.setitem(fsutil.LIMITS, "catalog", 100)
    monkeypatch.setitem(fsutil.LIMITS, "content file", 100)
    monkeypatch.setitem(fsutil.LIMITS, "taxonomy file", 100)
    monkeypatch.setitem(fsutil.LIMITS, "configuration file", 100)
    big = tmp_path / "big"
    big.write_bytes(b"# " + b"x" * 200 + b"\n")
    for reader, kind in (
        (read_po, "catalog"),
        (read_text, "content file"),
        (load_taxonomy, "taxonomy file"),
        (load_config, "configuration file"),
    ):
        with pytest.raises(I18nNewsError, match=f"over the .* limit for a {kind}") as info:
            reader(big)
        assert info.value.path == str(big)
    small = tmp_path / "small"
    small.write_bytes(b"ok")
    assert read_limited(small, "catalog") == b"ok"


# Every write of the package goes through fsutil.atomic_write: no other module opens a file
# for writing or renames one into place.
WRITE = re.compile(
    r"\.write_(text|bytes)\(|open\([^)]*['\"][wax]b?\+?['\"]|os\.replace\(|os\.rename\(|"
    r"\.rename\(|\.replace\(temp|mkstemp|NamedTemporaryFile|shutil\.(copy|move)"
)


def test_every_write_path_goes_through_the_atomic_writer() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.relative_to(PACKAGE).as_posix() == "fs.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if WRITE.search(code):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []

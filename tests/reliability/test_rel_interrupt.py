"""Killed mid-way, `update` and `build` leave every file old or new; a lock serializes updates."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rel_helpers import big_newsroom, cli_env, copy_sample, run_cli, snapshot, start_cli

from i18n_news.fs import LOCK_NAME, TEMP_PATTERN

NOW = "2025-08-25T18:00:00+03:00"
SIGNALS = [signal.SIGKILL, signal.SIGTERM, signal.SIGINT]


def temps(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if TEMP_PATTERN.match(p.name)]


def visible_temps(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.name.endswith(".tmp") and not p.name.startswith(".")]


@pytest.fixture(scope="module")
def big(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """A pristine large newsroom and the catalogs before and after a complete ``update``."""
    base = tmp_path_factory.mktemp("big")
    pristine = big_newsroom(base / "pristine", entries=3000)
    done = base / "done"
    shutil.copytree(pristine, done)
    result = run_cli(done, "update")
    assert result.returncode == 0, result.stderr
    old, new = snapshot(pristine / "locales"), snapshot(done / "locales")
    assert {k for k in old if old[k] != new.get(k)}, "update must change the catalogs"
    return pristine, old, new


def kill_at_random(process: subprocess.Popen[str], signum: int, rng: random.Random) -> str:
    """Send ``signum`` at a random moment of the run; the process's stderr."""
    time.sleep(rng.uniform(0.9, 2.2))  # after start-up: the handlers are installed
    process.send_signal(signum)
    return process.communicate(timeout=60)[1]


@pytest.mark.parametrize("signum", SIGNALS, ids=lambda s: signal.Signals(s).name)
def test_interrupted_update_leaves_every_catalog_old_or_new(
    big: tuple[Path, dict[str, bytes], dict[str, bytes]], tmp_path: Path, signum: int
) -> None:
    pristine, old, new = big
    rng = random.Random(signum)
    for attempt in range(2):
        root = tmp_path / f"run{attempt}"
        shutil.copytree(pristine, root)
        process = start_cli(root, "update")
        err = kill_at_random(process, signum, rng)
        if signum != signal.SIGKILL:
            assert process.returncode in (0, 128 + signum, -signum), err
            assert "Traceback" not in err, err
        now = snapshot(root / "locales")
        for rel, data in now.items():
            if TEMP_PATTERN.match(Path(rel).name) or Path(rel).name == LOCK_NAME:
                continue
            assert data in (old.get(rel), new.get(rel)), f"{rel} is neither old nor new"
        assert visible_temps(root) == []
        if signum != signal.SIGKILL:
            assert temps(root) == [], "SIGINT/SIGTERM must not leave temporary files"
        # The next run completes the work and removes what a SIGKILL left behind.
        assert run_cli(root, "update").returncode == 0
        assert temps(root) == []
        final = snapshot(root / "locales")
        final.pop(LOCK_NAME, None)
        assert final == {k: v for k, v in new.items() if k != LOCK_NAME}


@pytest.fixture(scope="module")
def sample_built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    base = tmp_path_factory.mktemp("built")
    root = copy_sample(base / "newsroom")
    result = run_cli(root, "build", "--now", NOW, timeout=300)
    assert result.returncode == 0, result.stderr
    return root, snapshot(root / "dist")


@pytest.mark.parametrize("signum", SIGNALS, ids=lambda s: signal.Signals(s).name)
def test_interrupted_build_leaves_every_file_complete(
    sample_built: tuple[Path, dict[str, bytes]], tmp_path: Path, signum: int
) -> None:
    source, expected = sample_built
    rng = random.Random(100 + signum)
    root = tmp_path / "newsroom"
    shutil.copytree(source, root, ignore=shutil.ignore_patterns("dist"))
    for _attempt in range(1):
        process = start_cli(root, "build", "--now", NOW)
        err = kill_at_random(process, signum, rng)
        if signum != signal.SIGKILL:
            assert "Traceback" not in err, err
        out = root / "dist"
        for rel, data in snapshot(out).items() if out.exists() else []:
            if TEMP_PATTERN.match(Path(rel).name):
                continue
            if rel == ".i18nnews-build.json":
                continue
            assert data == expected[rel], f"{rel} is truncated or wrong"
        assert visible_temps(root) == []
        if signum != signal.SIGKILL and out.exists():
            assert temps(out) == []
    assert run_cli(root, "build", "--now", NOW, timeout=300).returncode == 0
    final = {
        k: v for k, v in snapshot(root / "dist").items() if not TEMP_PATTERN.match(Path(k).name)
    }
    assert final == expected


HOLD = """
import sys, time
from pathlib import Path
from i18n_news.fs import newsroom_lock
with newsroom_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(60)
"""


def test_second_update_while_the_lock_is_held_fails_cleanly(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "newsroom")
    before = snapshot(root / "locales")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(root / "locales")],
        stdout=subprocess.PIPE,
        text=True,
        env=cli_env(),
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        for args in (["update"], ["init", "ar", "--domain", "messages"], ["compile"], ["extract"]):
            result = run_cli(root, *args)
            assert result.returncode == 2, (args, result.stderr)
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1, result.stderr
            assert lines[0].endswith(
                f"locales/{LOCK_NAME}: another i18nnews command is writing this newsroom's "
                "catalogs; try again when it has finished"
            ), lines[0]
        assert run_cli(root, "update", "--check").returncode == 0  # read-only: no lock needed
    finally:
        holder.kill()
        holder.wait()
    after = snapshot(root / "locales")
    after.pop(LOCK_NAME, None)
    assert after == before
    assert run_cli(root, "update").returncode == 0  # the lock dies with its holder


def test_two_concurrent_updates(
    big: tuple[Path, dict[str, bytes], dict[str, bytes]], tmp_path: Path
) -> None:
    pristine, _old, new = big
    root = tmp_path / "newsroom"
    shutil.copytree(pristine, root)
    first = start_cli(root, "update")
    time.sleep(0.8)
    second = run_cli(root, "update")
    first.communicate(timeout=120)
    assert first.returncode == 0
    if second.returncode == 2:
        assert "another i18nnews command is writing" in second.stderr
        assert len(second.stderr.strip().splitlines()) == 1
    else:  # the first one had already finished
        assert second.returncode == 0
    final = snapshot(root / "locales")
    final.pop(LOCK_NAME, None)
    assert final == {k: v for k, v in new.items() if k != LOCK_NAME}

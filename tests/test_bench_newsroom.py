"""bench/newsroom.py: the build benchmark's synthetic newsroom (and its Hugo twin).

At a tiny size: the same arguments give the same bytes, ``i18nnews check``
accepts the newsroom, ``i18nnews build`` builds it, and (when Hugo is
installed) ``hugo --quiet`` builds the twin without a word, to the same
number of HTML pages.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "bench" / "newsroom.py"
HUGO = shutil.which("hugo") or ("/usr/bin/hugo" if Path("/usr/bin/hugo").exists() else None)
STORIES = 5


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def generate(out: Path, hugo: Path | None, seed: int = 3) -> None:
    cmd = [sys.executable, str(GENERATOR), "--out", str(out), "--stories", str(STORIES)]
    cmd += ["--seed", str(seed)]
    if hugo is not None:
        cmd += ["--hugo", str(hugo)]
    subprocess.run(cmd, check=True, capture_output=True, cwd=out.parent)


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "i18n_news", *args],
        check=False,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("bench-newsroom")
    generate(base / "a", base / "a-hugo")
    return base


def test_same_arguments_same_bytes(generated: Path) -> None:
    generate(generated / "b", generated / "b-hugo")
    a, b = tree(generated / "a"), tree(generated / "b")
    assert a == b
    assert tree(generated / "a-hugo") == tree(generated / "b-hugo")
    articles = [p for p in a if p.startswith("content/") and p.endswith(".md")]
    assert len(articles) == 3 * STORIES
    # Another seed gives another newsroom.
    generate(generated / "c", None, seed=4)
    assert tree(generated / "c") != a


def test_check_and_build(generated: Path) -> None:
    newsroom = generated / "a"
    check = cli("check", cwd=newsroom)
    assert check.returncode == 0, check.stdout + check.stderr
    assert " 0 errors, 0 warnings" in check.stdout, check.stdout
    out = generated / "out-ours"
    build = cli("build", "--out", str(out), cwd=newsroom)
    assert build.returncode == 0, build.stdout + build.stderr
    for edition in ("en", "ar", "es"):
        assert (out / edition / "index.html").exists()
    html = (out / "ar" / "index.html").read_text(encoding="utf-8")
    assert 'dir="rtl"' in html


@pytest.mark.skipif(HUGO is None, reason="hugo is not installed")
def test_hugo_twin_builds_to_the_same_page_count(generated: Path) -> None:
    out_ours = generated / "out-ours-count"
    assert cli("build", "--out", str(out_ours), cwd=generated / "a").returncode == 0
    out = generated / "out-hugo"
    run = subprocess.run(
        [HUGO, "--quiet", "-d", str(out)],
        check=False,
        cwd=generated / "a-hugo",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "" and run.stderr.strip() == "", run.stdout + run.stderr
    assert 'dir="rtl"' in (out / "ar" / "index.html").read_text(encoding="utf-8")

    def pages(root: Path) -> int:
        return sum(
            1
            for p in root.rglob("*.html")
            if b'http-equiv="refresh"' not in p.read_bytes()[:512]  # Hugo's page/1/ aliases
        )

    assert pages(out) == pages(out_ours)

"""``--jobs N`` renders in a process pool and produces the same bytes as one process."""

from __future__ import annotations

from pathlib import Path

from build_helpers import NOW, copy_sample

from i18n_news.config import load_config
from i18n_news.site.build import build_site


def tree(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
    }


def test_jobs_two_matches_jobs_one(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "newsroom")
    config = load_config(root / "pyproject.toml")
    one = build_site(config, out=tmp_path / "one", now=NOW, jobs=1)
    calls: list[tuple[int, int]] = []
    two = build_site(
        config, out=tmp_path / "two", now=NOW, jobs=2, progress=lambda d, t: calls.append((d, t))
    )
    assert one.rendered == two.rendered > 200
    first, second = tree(tmp_path / "one"), tree(tmp_path / "two")
    assert first.keys() == second.keys()
    different = [name for name in first if first[name] != second[name]]
    assert different == []
    total = sum(e.pages for e in two.editions.values())
    assert calls[-1] == (total, total)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)

"""Past one machine: ``--shard K/N`` + ``--merge``, the Dask executor, sitemap indexes.

The promise under test is always the same: however the work is split, the
output folder is byte for byte the one a single ``build`` writes.
"""

from __future__ import annotations

import concurrent.futures
import importlib
import shutil
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from build_helpers import NOW, copy_sample
from lxml import etree
from typer.testing import CliRunner

from i18n_news.cli.app import app
from i18n_news.config import Config, load_config
from i18n_news.errors import I18nNewsError
from i18n_news.site.build import build_site
from i18n_news.site.executors import _bounded, _chunks
from i18n_news.site.feeds import NEWS_LIMIT, SITEMAP_NS, news_sitemap
from i18n_news.site.manifest import MANIFEST_NAME
from i18n_news.site.pages import FeedEntry
from i18n_news.site.shards import SHARD_GLOB

SM = f"{{{SITEMAP_NS}}}"


def tree(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> tuple[Config, dict[str, bytes]]:
    """The sample and its single-machine build (one process), the reference for every split."""
    root = copy_sample(tmp_path_factory.mktemp("scale") / "newsroom")
    config = load_config(root / "pyproject.toml")
    out = root / "one"
    build_site(config, out=out, now=NOW, jobs=1)
    return config, tree(out)


def build_shards(config: Config, base: Path, count: int, **kw: object) -> list[Path]:
    folders = []
    for k in range(1, count + 1):
        folder = base / f"shard-{k}"
        report = build_site(config, out=folder, now=NOW, jobs=1, shard=(k, count), **kw)
        assert report.rendered == len(report.written) > 0
        folders.append(folder)
    return folders


def gather(folders: list[Path], dest: Path) -> Path:
    for folder in folders:
        shutil.copytree(folder, dest, dirs_exist_ok=True)
    return dest


# --------------------------------------------------------------------------- shards


def test_three_shards_merged_equal_one_build(
    newsroom: tuple[Config, dict[str, bytes]], tmp_path: Path
) -> None:
    config, reference = newsroom
    folders = build_shards(config, tmp_path, 3)
    pages = [set(tree(f)) - {n for n in tree(f) if n.startswith(".")} for f in folders]
    # Every page is rendered by exactly one shard, and the split is not lopsided.
    assert not (pages[0] & pages[1] or pages[1] & pages[2] or pages[0] & pages[2])
    assert all(len(p) > len(reference) / 3 / 2 for p in pages)
    assert all((f / f".i18nnews-shard-{k}-of-3.json").is_file() for k, f in enumerate(folders, 1))
    # A shard writes pages only: no sitemap, feed, asset or manifest.
    assert not any(name.endswith((".xml", ".css", ".txt")) for p in pages for name in p)

    merged = gather(folders, tmp_path / "merged")
    report = build_site(config, out=merged, now=NOW, merge=True)
    assert report.rendered == 0
    # The merge plans no page: its sitemaps come from the planner's page index and its
    # manifest from the shards' fingerprints, yet every byte equals the one-machine build.
    assert tree(merged) == reference
    assert not list(merged.glob(SHARD_GLOB))


def test_shard_rebuild_renders_nothing_when_nothing_changed(
    newsroom: tuple[Config, dict[str, bytes]], tmp_path: Path
) -> None:
    config, _ = newsroom
    out = tmp_path / "s"
    first = build_site(config, out=out, now=NOW, jobs=1, shard=(2, 3))
    again = build_site(config, out=out, now=NOW, jobs=1, shard=(2, 3))
    assert first.rendered > 0 and again.rendered == 0
    assert again.unchanged == first.written


def test_merge_refuses_a_missing_shard(
    newsroom: tuple[Config, dict[str, bytes]], tmp_path: Path
) -> None:
    config, _ = newsroom
    folders = build_shards(config, tmp_path, 3)
    merged = gather([folders[0], folders[2]], tmp_path / "merged")
    with pytest.raises(I18nNewsError, match=r"missing shard\(s\) 2/3"):
        build_site(config, out=merged, now=NOW, merge=True)
    assert not (merged / MANIFEST_NAME).exists()  # nothing assembled from an incomplete set


def test_merge_refuses_shards_built_from_other_inputs(
    newsroom: tuple[Config, dict[str, bytes]], tmp_path: Path
) -> None:
    config, _ = newsroom
    first = build_site(config, out=tmp_path / "a", now=NOW, jobs=1, shard=(1, 2))
    later = NOW + timedelta(hours=1)
    build_site(config, out=tmp_path / "b", now=later, jobs=1, shard=(2, 2))
    merged = gather([first.out, tmp_path / "b"], tmp_path / "merged")
    with pytest.raises(I18nNewsError, match="other inputs") as caught:
        build_site(config, out=merged, now=NOW, merge=True)
    assert caught.value.path is not None and "shard-2-of-2" in str(caught.value.path)


def test_merge_refuses_a_deleted_page(
    newsroom: tuple[Config, dict[str, bytes]], tmp_path: Path
) -> None:
    config, _ = newsroom
    merged = gather(build_shards(config, tmp_path, 2), tmp_path / "merged")
    (merged / "ar" / "index.html").unlink()
    with pytest.raises(I18nNewsError, match=r"ar/index\.html is missing"):
        build_site(config, out=merged, now=NOW, merge=True)


def test_merge_without_shards_is_an_error(
    newsroom: tuple[Config, dict[str, bytes]], tmp_path: Path
) -> None:
    config, _ = newsroom
    with pytest.raises(I18nNewsError, match="no shard manifests"):
        build_site(config, out=tmp_path / "empty", now=NOW, merge=True)


def test_cli_shard_and_merge(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "newsroom")
    runner = CliRunner()
    cfg = str(root / "pyproject.toml")
    now = NOW.isoformat()
    for k in (1, 2):
        result = runner.invoke(
            app,
            [
                "--config",
                cfg,
                "build",
                "--out",
                str(tmp_path / f"s{k}"),
                "--shard",
                f"{k}/2",
                "--now",
                now,
                "--jobs",
                "1",
            ],
        )
        assert result.exit_code == 0, result.output
    merged = gather([tmp_path / "s1", tmp_path / "s2"], tmp_path / "m")
    result = runner.invoke(app, ["--config", cfg, "build", "--out", str(merged), "--merge"])
    assert result.exit_code == 2  # default clock is the same, but --now differs: refused
    assert "other inputs" in result.output and len(result.output.strip().splitlines()) == 1
    result = runner.invoke(
        app, ["--config", cfg, "build", "--out", str(merged), "--merge", "--now", now]
    )
    assert result.exit_code == 0, result.output
    assert (merged / "ar" / "sitemap.xml").is_file()

    bad = runner.invoke(app, ["--config", cfg, "build", "--shard", "3/2"])
    assert bad.exit_code == 2 and "K must be between 1 and N" in bad.output
    both = runner.invoke(app, ["--config", cfg, "build", "--shard", "1/2", "--merge"])
    assert both.exit_code == 2 and "separate steps" in both.output
    sched = runner.invoke(app, ["--config", cfg, "build", "--scheduler", "tcp://127.0.0.1:1"])
    assert sched.exit_code == 2 and "--executor dask" in sched.output


# --------------------------------------------------------------------------- dask


def test_dask_executor_on_a_local_cluster_matches_one_process(
    newsroom: tuple[Config, dict[str, bytes]], tmp_path: Path
) -> None:
    distributed = pytest.importorskip("distributed")
    config, reference = newsroom
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        out = tmp_path / "dask"
        report = build_site(
            config,
            out=out,
            now=NOW,
            executor="dask",
            scheduler=cluster.scheduler_address,
        )
        with distributed.Client(cluster) as client:
            # Both workers took part: each kept a renderer for the build.
            counts = client.run(
                lambda: len(importlib.import_module("i18n_news.site.executors")._DASK_RENDERERS)
            )
    assert report.rendered > 200
    assert tree(out) == reference
    assert sorted(counts.values()) == [1, 1]


def test_dask_executor_with_an_unreachable_scheduler(
    newsroom: tuple[Config, dict[str, bytes]], tmp_path: Path
) -> None:
    dask = pytest.importorskip("dask")
    pytest.importorskip("distributed")
    config, _ = newsroom
    with (
        dask.config.set({"distributed.comm.timeouts.connect": "2s"}),
        pytest.raises(I18nNewsError, match="cannot reach the Dask scheduler"),
    ):
        build_site(
            config, out=tmp_path / "x", now=NOW, executor="dask", scheduler="tcp://127.0.0.1:9"
        )


def test_unknown_executor(newsroom: tuple[Config, dict[str, bytes]], tmp_path: Path) -> None:
    config, _ = newsroom
    with pytest.raises(I18nNewsError, match="unknown executor 'ray'"):
        build_site(config, out=tmp_path / "x", now=NOW, executor="ray", force=True)


# --------------------------------------------------------------------------- streaming


def test_rendering_keeps_a_bounded_number_of_chunks_in_flight() -> None:
    """Memory stays flat for any archive size: results are drained as they come."""
    lock = threading.Lock()
    in_flight = peak = 0

    def work(chunk: list[int]) -> list[bytes]:
        nonlocal in_flight
        with lock:
            in_flight -= 1
        return [str(n).encode() for n in chunk]

    with concurrent.futures.ThreadPoolExecutor(2) as pool:

        def submit(chunk: list[int]) -> concurrent.futures.Future[list[bytes]]:
            nonlocal in_flight, peak
            with lock:
                in_flight += 1
                peak = max(peak, in_flight)
            return pool.submit(work, chunk)

        results = dict(_bounded(_chunks(range(1000), 7), submit, workers=2))  # type: ignore[arg-type]
    assert results == {n: str(n).encode() for n in range(1000)}
    assert peak <= 2 * 4


def test_sitemap_index_past_the_limit(
    newsroom: tuple[Config, dict[str, bytes]], tmp_path: Path
) -> None:
    config, reference = newsroom
    out = tmp_path / "split"
    build_site(config, out=out, now=NOW, jobs=1, sitemap_limit=20)
    whole = etree.fromstring(reference["ar/sitemap.xml"])
    expected = [loc.text for loc in whole.iter(f"{SM}loc")]
    index = etree.fromstring((out / "ar" / "sitemap.xml").read_bytes())
    assert index.tag == f"{SM}sitemapindex"
    parts = [s.findtext(f"{SM}loc") for s in index.iter(f"{SM}sitemap")]
    base = "https://news.example.org/ar/"
    assert parts == [f"{base}sitemap-{n}.xml" for n in range(1, len(parts) + 1)]
    assert len(parts) == -(-len(expected) // 20)
    found = []
    for name in parts:
        part = etree.fromstring((out / "ar" / name.removeprefix(base)).read_bytes())
        urls = part.findall(f"{SM}url")
        assert 0 < len(urls) <= 20
        found += [u.findtext(f"{SM}loc") for u in urls]
    assert found == expected
    # Every other file is the same as without the limit; robots.txt still names sitemap.xml.
    split = tree(out)
    for name, data in reference.items():
        if "sitemap.xml" not in name and name != MANIFEST_NAME:
            assert split[name] == data, name
    # A rebuild with the normal limit goes back to one file and removes the parts.
    report = build_site(config, out=out, now=NOW, jobs=1)
    assert "ar/sitemap-1.xml" in report.removed
    assert tree(out) == reference


def test_news_sitemap_lists_at_most_the_limit() -> None:
    entries = [
        FeedEntry(
            key=f"k{i}",
            url=f"https://news.example.org/en/p/{i}/",
            title=f"Story {i}",
            summary="",
            published=NOW - timedelta(seconds=i),
            updated=None,
            author="",
            section="",
            tags=(),
        )
        for i in range(NEWS_LIMIT + 5)
    ]
    root = etree.fromstring(news_sitemap(entries, publication="P", lang="en", now=NOW))
    locs = [loc.text for loc in root.iter(f"{SM}loc")]
    assert len(locs) == NEWS_LIMIT and locs[0].endswith("/0/")

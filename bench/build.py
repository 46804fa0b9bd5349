#!/usr/bin/env python3
"""Build benchmarks: ``i18nnews build`` against Hugo, side by side in one run.

    .venv/bin/python bench/build.py [--stories N] [--repeat R] [--jobs J] [--quick]
    .venv/bin/python bench/build.py --sizes 1000,3000,10000 --repeat 1

Generates (or reuses) a synthetic newsroom and its Hugo twin with
``bench/newsroom.py`` (N stories in each of en, ar, es), then, R times, runs
the three tasks below, each time ours then Hugo (A B A B ...), every run a
fresh process measured for wall time, CPU time (user+sys from ``os.wait4``)
and peak RSS (GNU ``time -f %M``), with the helpers of ``bench/run.py``:

* cold:        ``i18nnews build --out OUT --jobs J`` into an empty folder vs
               ``hugo --quiet -d OUT`` into an empty folder (removed untimed);
* no-change:   the same command again, the previous output in place;
* one-changed: one Arabic article's body edited (untimed), then the same
               command again.

Hugo keeps no cache between invocations, so its no-change and one-changed
runs are full builds (over its existing output folder): measured anyway.

Prints Markdown tables (per task ours vs Hugo with ratios and the targets of
issue 8; with ``--sizes`` a cost table) and writes ``bench/build-results.json``
(a ``--sizes`` run under ``"cost"``, a single-size run under ``"main"``; each
keeps the other's). ``bench/BUILD.md`` explains the method and has the results.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import (  # noqa: E402  (the catalog benchmark's measuring helpers)
    TIME,
    VENV_PY,
    Job,
    child_env,
    fmt_speed,
    machine_info,
    package_dir,
    run_cmds,
    sh,
    snapshot_package,
    summarize,
)

TASKS = ("cold", "no-change", "one-changed")
OURS, HUGO = "i18nnews build", "hugo"
# speed-up = Hugo's median wall time / ours (above 1: we are faster).
TARGETS = {
    "cold": (0.5, "within 2x of Hugo (speed-up ≥0.5)"),
    "no-change": (1.0, "faster than Hugo"),
    "one-changed": (1.0, "faster than Hugo"),
}
_SUMMARY_RE = re.compile(
    r"(\d+) written, (\d+) unchanged, (\d+) removed \((\d+) pages rendered\) in ([\d.]+) s"
)
_ALIAS = b'http-equiv="refresh"'

# Every timed command runs under this small reaper (``python -I -S -c REAPER cmd...``): a
# child subreaper (Linux prctl) that waits for every descendant. ``i18nnews build --jobs J``
# renders in a ``forkserver`` pool whose server is never waited for by the build process:
# without the reaper its workers' CPU time and peak RSS would be lost to ``os.wait4`` and
# GNU time. The reaper costs the same (about 20 ms of start) for both tools.
REAPER = r"""
import ctypes, os, sys
ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[1], sys.argv[1:])
    finally:
        os._exit(127)
code = 0
while True:
    try:
        p, status = os.wait()
    except ChildProcessError:
        break
    if p == pid:
        code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
"""


def reaped(cmd: list[str]) -> list[str]:
    return [sys.executable, "-I", "-S", "-c", REAPER, *cmd]


# --------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------


def generator_digest() -> str:
    """Changes when the generator or the Hugo layouts change: the newsroom is made again."""
    h = hashlib.sha256((HERE / "newsroom.py").read_bytes())
    h.update((HERE / "generate.py").read_bytes())
    for path in sorted((HERE / "hugo").rglob("*")):
        if path.is_file():
            h.update(str(path.relative_to(HERE)).encode() + path.read_bytes())
    return h.hexdigest()[:16]


def ensure_newsroom(
    work: Path, stories: int, seed: int, regenerate: bool
) -> tuple[Path, Path, dict]:
    ours = work / f"newsroom-{stories}-seed{seed}"
    hugo = work / f"hugo-{stories}-seed{seed}"
    stamp = work / f"newsroom-{stories}-seed{seed}.digest"
    digest = generator_digest()
    fresh = (
        not regenerate
        and (ours / "manifest.json").exists()
        and (hugo / "hugo.toml").exists()
        and stamp.exists()
        and stamp.read_text() == digest
    )
    if not fresh:
        print(f"generating {ours} and {hugo} ...", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        subprocess.run(
            [
                str(VENV_PY),
                str(HERE / "newsroom.py"),
                "--out",
                str(ours),
                "--stories",
                str(stories),
                "--seed",
                str(seed),
                "--hugo",
                str(hugo),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        stamp.write_text(digest)
        print(f"  {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
    return ours, hugo, json.loads((ours / "manifest.json").read_text())


def count_pages(out: Path) -> dict[str, int]:
    """HTML pages (Hugo's ``page/1/`` alias redirects counted apart) and all files."""
    html = aliases = files = 0
    for path in out.rglob("*"):
        if not path.is_file():
            continue
        files += 1
        if path.suffix == ".html":
            with open(path, "rb") as fh:
                head = fh.read(512)
            if _ALIAS in head:
                aliases += 1
            else:
                html += 1
    feeds = sum(1 for p in out.rglob("*.xml") if "sitemap" not in p.name)
    return {"html_pages": html, "alias_pages": aliases, "files": files, "feeds": feeds}


def edit_article(path: Path, repeat: int, original: bytes) -> None:
    """Append one sentence to the body (a different one each repeat)."""
    text = original.decode("utf-8").rstrip("\n")
    path.write_text(text + f" وأضاف المراسل تحديثاً رقم {repeat + 1} على هذا الخبر.\n", "utf-8")


# --------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------


def measure_size(
    stories: int, args: argparse.Namespace, env: dict[str, str], work: Path, hugo_bin: str
) -> dict[str, Any]:
    newsroom, hugo_site, manifest = ensure_newsroom(work, stories, args.seed, args.regenerate)
    out_ours = work / f"out-ours-{stories}"
    out_hugo = work / f"out-hugo-{stories}"
    ours_cli = VENV_PY.parent / "i18nnews"
    ours_cmd = [str(ours_cli)] if ours_cli.exists() else [str(VENV_PY), "-m", "i18n_news"]
    cmds = {
        OURS: [reaped([*ours_cmd, "build", "--out", str(out_ours), "--jobs", str(args.jobs)])],
        HUGO: [reaped([hugo_bin, "--quiet", "-d", str(out_hugo)])],
    }
    cwd = {OURS: newsroom, HUGO: hugo_site}
    outs = {OURS: out_ours, HUGO: out_hugo}
    edits = {OURS: newsroom / manifest["edit"]["ours"], HUGO: hugo_site / manifest["edit"]["hugo"]}
    originals = {tool: path.read_bytes() for tool, path in edits.items()}
    jobs = {
        (task, tool): Job(group=task, tool=tool, cmds=cmds[tool], ours=tool == OURS)
        for task in TASKS
        for tool in (OURS, HUGO)
    }
    pages: dict[str, dict[str, int]] = {}
    logs = work / "logs"
    try:
        for r in range(args.repeat):
            for task in TASKS:
                for tool in (OURS, HUGO):
                    if tool == HUGO and task != "cold" and not args.hugo_rebuilds:
                        continue
                    job = jobs[(task, tool)]
                    if task == "cold":
                        shutil.rmtree(outs[tool], ignore_errors=True)
                    elif task == "one-changed":
                        edit_article(edits[tool], r, originals[tool])
                    print(
                        f"  {stories} stories, run {r + 1}/{args.repeat}: {task:<11} {tool} ...",
                        end="",
                        file=sys.stderr,
                        flush=True,
                    )
                    run = run_cmds(job.cmds, cwd[tool], env, logs / tool, timeout=args.timeout)
                    job.runs.append(run)
                    stdout = (logs / tool / "stdout").read_text(errors="replace")
                    stderr = (logs / tool / "stderr").read_text(errors="replace")
                    outcome: dict[str, Any] = {"codes": run.codes}
                    if tool == OURS:
                        m = _SUMMARY_RE.search(stdout + stderr)
                        if m:
                            outcome.update(
                                written=int(m[1]),
                                unchanged=int(m[2]),
                                removed=int(m[3]),
                                rendered=int(m[4]),
                                reported_s=float(m[5]),
                            )
                    elif stdout.strip() or stderr.strip():
                        outcome["output"] = (stdout + stderr)[-2000:]
                    if any(run.codes) and not run.timed_out:
                        outcome["stderr"] = stderr[-4000:]
                        print(stderr[-4000:], file=sys.stderr)
                    job.outcome.setdefault("runs", []).append(outcome)
                    print(
                        f" {run.wall:.2f} s{' (killed)' if run.timed_out else ''}"
                        f"{' exit ' + str(run.codes) if any(run.codes) else ''}",
                        file=sys.stderr,
                        flush=True,
                    )
                    if task == "cold" and r == 0 and not run.timed_out:
                        pages[tool] = count_pages(outs[tool])
            for tool, path in edits.items():
                path.write_bytes(originals[tool])
    finally:
        for tool, path in edits.items():
            path.write_bytes(originals[tool])
    summaries = [
        summarize(job)
        for (task, tool), job in jobs.items()
        if job.runs or tool == OURS or args.hugo_rebuilds
    ]
    for s in summaries:
        s["stories"] = stories
        s["pages"] = pages.get(s["tool"], {}).get("html_pages")
    return {
        "stories": stories,
        "manifest": manifest,
        "pages": pages,
        "results": summaries,
        "ratios": ratios(summaries),
    }


def ratios(summaries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    by = {(s["group"], s["tool"]): s for s in summaries}
    for task in TASKS:
        ours, hugo = by.get((task, OURS)), by.get((task, HUGO))
        if not ours or not hugo or "median" not in ours or "median" not in hugo:
            continue
        row: dict[str, Any] = {
            "task": task,
            "ours_median": ours["median"],
            "hugo_median": hugo["median"],
            "speedup": hugo["median"] / ours["median"],
            "cpu_speedup": hugo["cpu_median"] / ours["cpu_median"],
            "rss_ratio": ours["rss_peak_mib"] / hugo["rss_peak_mib"]
            if hugo["rss_peak_mib"]
            else None,
            "ours_killed": ours["timed_out"],
            "hugo_killed": hugo["timed_out"],
        }
        goal, text = TARGETS[task]
        row["target"] = text
        row["target_speedup"] = goal
        if ours["timed_out"] and not hugo["timed_out"]:
            row["met"] = False  # ours is at least this slow: a lower bound on our time
        elif hugo["timed_out"]:
            row["met"] = None if row["speedup"] < goal else True
        else:
            row["met"] = row["speedup"] >= goal if goal != 1.0 else row["speedup"] > 1.0
        rows.append(row)
    return rows


# --------------------------------------------------------------------------
# Reporting
# --------------------------------------------------------------------------


MET = {None: "unknown (Hugo killed)", True: "yes", False: "**no**"}


def s3(v: float, bound: bool = False) -> str:
    return (">" if bound else "") + f"{v:.2f}"


def size_tables(data: dict[str, Any]) -> list[str]:
    pages = data["pages"]
    lines = [
        "| task | tool | runs | min s | median s | max s | CPU s (median) | peak RSS MiB | note |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for s in data["results"]:
        tool = f"**{s['tool']}**" if s["ours"] else s["tool"]
        if "median" not in s:
            lines.append(f"| {s['group']} | {tool} | 0 | – | – | – | – | – | |")
            continue
        bound = bool(s["timed_out"])
        note = ""
        runs = s["outcome"].get("runs", [])
        if s["ours"] and runs and "written" in runs[-1]:
            o = runs[-1]
            note = (
                f"{o['rendered']} rendered, {o['written']} written, "
                f"{o['unchanged']} unchanged (last run)"
            )
        if any(any(o.get("codes", [])) for o in runs) and not bound:
            note += " **non-zero exit**"
        if bound:
            note += " killed at the time limit: a lower bound"
        lines.append(
            "| "
            + " | ".join(
                [
                    s["group"],
                    tool,
                    str(s["n"]),
                    s3(s["min"], bound),
                    s3(s["median"], bound),
                    s3(s["max"], bound),
                    "–" if bound else s3(s["cpu_median"]),
                    f"{s['rss_peak_mib']:.0f}",
                    note,
                ]
            )
            + " |"
        )
    lines += [
        "",
        "| task | ours median s | Hugo median s | wall | CPU | peak RSS ours ÷ Hugo "
        "| target | met |",
        "|---|---:|---:|---|---|---:|---|---|",
    ]
    for r in data["ratios"]:
        wall = fmt_speed(r["speedup"])
        if r["ours_killed"]:
            wall = "at least " + wall
        lines.append(
            "| "
            + " | ".join(
                [
                    r["task"],
                    s3(r["ours_median"], r["ours_killed"]),
                    s3(r["hugo_median"], r["hugo_killed"]),
                    wall,
                    "–" if r["ours_killed"] or r["hugo_killed"] else fmt_speed(r["cpu_speedup"]),
                    f"{r['rss_ratio']:.2f}" if r["rss_ratio"] else "–",
                    r["target"],
                    MET[r["met"]],
                ]
            )
            + " |"
        )
    po, ph = pages.get(OURS, {}), pages.get(HUGO, {})
    if po or ph:
        lines += [
            "",
            f"HTML pages: ours {po.get('html_pages', '–')} ({po.get('files', '–')} files in all); "
            f"Hugo {ph.get('html_pages', '–')} plus {ph.get('alias_pages', '–')} `page/1/` "
            f"alias redirects ({ph.get('files', '–')} files in all, {ph.get('feeds', '–')} RSS "
            f"feeds).",
        ]
    return lines


def cost_table(sizes: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| stories | pages ours | pages Hugo | ours cold s | s / 1k pages | ours no-change s "
        "| s / 1k pages | ours one-changed s | s / 1k pages | Hugo cold s | s / 1k pages |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for data in sizes:
        by = {(s["group"], s["tool"]): s for s in data["results"]}
        po = data["pages"].get(OURS, {}).get("html_pages")
        ph = data["pages"].get(HUGO, {}).get("html_pages")
        # Pages of ours counted from a killed run are unknown; use Hugo's, the same plan.
        po_for_rate = po or ph
        cells = [str(data["stories"]), str(po or "–"), str(ph or "–")]
        for task, tool, n in (
            ("cold", OURS, po_for_rate),
            ("no-change", OURS, po_for_rate),
            ("one-changed", OURS, po_for_rate),
            ("cold", HUGO, ph),
        ):
            s = by.get((task, tool))
            if not s or "median" not in s:
                cells += ["–", "–"]
                continue
            bound = bool(s["timed_out"])
            cells.append(s3(s["median"], bound))
            cells.append(s3(s["median"] / n * 1000, bound) if n else "–")
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def markdown(saved: dict[str, Any]) -> str:
    lines: list[str] = []
    for label in ("main", "cost"):
        run = saved.get(label)
        if not run:
            continue
        meta = run["meta"]
        m = meta["machine"]
        lines += [
            f"### {label}: {', '.join(str(d['stories']) for d in run['sizes'])} stories × 3 "
            f"editions, repeat {meta['repeat']}, --jobs {meta['jobs']}",
            "",
            f"{m['started']}; {m['nproc']} cores, {m['cpu']}; {meta['hugo_version']}; "
            f"load average {m['loadavg_start'][0]:.2f} at start, {m['loadavg_end'][0]:.2f} at end; "
            f"{meta['elapsed_s']:.0f} s of measuring.",
            "",
        ]
        for data in run["sizes"]:
            lines += [f"#### {data['stories']} stories", ""]
            lines += size_tables(data)
            lines.append("")
        if label == "cost" or len(run["sizes"]) > 1:
            lines += ["#### Cost table (median wall time)", ""]
            lines += cost_table(run["sizes"])
            lines.append("")
    return "\n".join(lines)


# --------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--stories", type=int, default=None, help="stories per edition (3000)")
    ap.add_argument(
        "--sizes", default=None, help="comma-separated story counts: the cost table, e.g. 1000,3000"
    )
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="ours: --jobs J")
    ap.add_argument("--repeat", type=int, default=None, help="runs of each task (3)")
    ap.add_argument("--quick", action="store_true", help="200 stories, 1 run: a smoke test")
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument(
        "--timeout", type=float, default=1800.0, help="a run is killed after S seconds (1800)"
    )
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/i18nnews-build-bench"))
    ap.add_argument("--hugo", default=None, help="hugo executable (default: PATH)")
    ap.add_argument(
        "--hugo-rebuilds",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="also time Hugo's no-change and one-changed runs (full builds; default: yes, "
        "except with --sizes, whose cost table needs Hugo's cold build only)",
    )
    ap.add_argument("--regenerate", action="store_true", help="make the newsroom again")
    ap.add_argument(
        "--no-snapshot",
        action="store_true",
        help="measure the live package tree instead of a copy taken at start",
    )
    ap.add_argument("--package", type=Path, default=None, help="i18n_news package to measure")
    ap.add_argument(
        "--json",
        type=Path,
        default=None,
        help="results file (default bench/build-results.json; --quick: in --workdir)",
    )
    ap.add_argument("--report", type=Path, default=None, help="print a saved results file")
    args = ap.parse_args(argv)
    if args.report is not None:
        print(markdown(json.loads(args.report.read_text(encoding="utf-8"))), end="")
        return 0
    if args.sizes:
        sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
    else:
        sizes = [args.stories or (200 if args.quick else 3000)]
    args.repeat = args.repeat or (1 if args.quick else 3)
    if args.hugo_rebuilds is None:
        args.hugo_rebuilds = not args.sizes
    label = "cost" if args.sizes else "main"
    json_path = args.json or (
        args.workdir / "build-results-quick.json" if args.quick else HERE / "build-results.json"
    )
    hugo_bin = args.hugo or shutil.which("hugo")
    if not hugo_bin:
        raise SystemExit("hugo not found (Debian: apt-get install hugo)")
    work = args.workdir.resolve()
    work.mkdir(parents=True, exist_ok=True)

    package = package_dir(args.package)
    snapshot = None if args.no_snapshot else snapshot_package(work, package)
    if args.no_snapshot and args.package:
        snapshot = package.parent
    env = child_env(work, snapshot)
    env.pop("CI", None)
    # Warm the bytecode cache (untimed), as an installed CLI has it.
    subprocess.run(
        [str(VENV_PY), "-c", "import i18n_news.cli.app, i18n_news.site.build, i18n_news.cli.site"],
        check=False,
        env=env,
        capture_output=True,
    )
    machine = machine_info(args, None, None)
    machine["versions"]["hugo"] = sh([hugo_bin, "version"])
    meta: dict[str, Any] = {
        "repeat": args.repeat,
        "jobs": args.jobs,
        "hugo_rebuilds": args.hugo_rebuilds,
        "seed": args.seed,
        "timeout_s": args.timeout,
        "package": str(package),
        "snapshot": snapshot is not None and not args.no_snapshot,
        "hugo": hugo_bin,
        "hugo_version": sh([hugo_bin, "version"]).split(" BuildDate")[0],
        "rss_from": "GNU time -f %M" if TIME else "ru_maxrss",
        "machine": machine,
    }
    started = time.perf_counter()
    results = [measure_size(n, args, env, work, hugo_bin) for n in sizes]
    meta["elapsed_s"] = time.perf_counter() - started
    machine["loadavg_end"] = os.getloadavg()
    machine["finished"] = time.strftime("%Y-%m-%d %H:%M:%S %z")

    saved: dict[str, Any] = {}
    if json_path.exists():
        try:
            saved = json.loads(json_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            saved = {}
    saved[label] = {"meta": meta, "sizes": results}
    print(markdown({label: saved[label]}))
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(
        json.dumps(saved, indent=1, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
    )
    print(f"wrote {json_path} ({meta['elapsed_s']:.0f} s of measuring)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

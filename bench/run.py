#!/usr/bin/env python3
"""Catalog benchmarks of i18n_news against the tools it replaces, side by side in one run.

    .venv/bin/python bench/run.py [--entries N] [--repeat R] [--quick]

Generates (or reuses) a synthetic newsroom with ``bench/generate.py``, then
measures, in a fresh process per run, wall time (min/median/max over R runs),
CPU time (user+sys, from ``os.wait4``) and peak RSS (GNU ``time -f %M``) of:

* parse:   ``i18n_news.catalogs.reader.read_po`` vs ``polib.pofile`` vs Babel's
           ``read_po`` (and ``rspolib`` when the bench venv has it), on the
           Arabic catalog; the child also reports the in-process parse time;
* update:  ``i18nnews update`` vs ``msgmerge --update --previous`` vs
           ``pybabel update --previous`` (one run, killed at a time limit) and
           ``pybabel update -N``, merging a template with 2% of the msgids
           edited and 1% removed; then the same with nothing changed;
* compile: ``i18nnews compile`` vs ``msgfmt`` vs ``pybabel compile``;
* check:   ``i18nnews check`` (when the CLI has it; also with ``--jobs 2``)
           and the library's ``check_catalog()`` vs ``msgfmt --check`` vs
           translate-toolkit's ``pofilter``.

Every task covers both catalogs (ar and es) unless it says otherwise. Tools
are interleaved run by run, so a change of load on the machine spreads over
all of them. Prints Markdown tables and writes ``bench/results.json``;
``bench/README.md`` explains the method and holds the results.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VENV_PY = Path(sys.executable)
CATALOG = "locales/{lang}/LC_MESSAGES/messages.po"
LANGS = ("ar", "es")

# Children that parse one catalog and print "<seconds> <entries>".
PARSERS = {
    "i18n_news read_po": (
        "import sys, time\nfrom i18n_news.catalogs.reader import read_po\n"
        "t = time.perf_counter(); po = read_po(sys.argv[1]); dt = time.perf_counter() - t\n"
        "print(dt, len(po.entries))"
    ),
    "polib.pofile": (
        "import sys, time, polib\n"
        "t = time.perf_counter(); po = polib.pofile(sys.argv[1]); dt = time.perf_counter() - t\n"
        "print(dt, len(po))"
    ),
    "babel read_po": (
        "import sys, time\nfrom babel.messages.pofile import read_po\n"
        "t = time.perf_counter()\n"
        "with open(sys.argv[1], 'rb') as fh:\n    cat = read_po(fh)\n"
        "dt = time.perf_counter() - t\nprint(dt, len(cat))"
    ),
    "rspolib.pofile": (
        "import sys, time, rspolib\n"
        "t = time.perf_counter(); po = rspolib.pofile(sys.argv[1]); dt = time.perf_counter() - t\n"
        "print(dt, len(po))"
    ),
}

# What the issue asks for; ``speedup`` is the competitor's median wall time
# divided by ours (above 1: we are faster).
TARGETS = {
    ("check", "pofilter"): (10.0, "≥10x faster"),
    ("check", "msgfmt --check"): (1 / 3, "within 3x (speed-up ≥0.33)"),
    ("update", "msgmerge"): (1.0, "faster (issue headline)"),
    ("update", "pybabel update"): (1.0, "faster (issue headline)"),
    ("compile", "msgfmt"): (1.0, "faster (issue headline)"),
    ("compile", "pybabel compile"): (1.0, "faster (issue headline)"),
}


@dataclass
class Run:
    wall: float
    cpu: float
    rss_kib: int
    codes: list[int]
    inproc: float | None = None
    timed_out: bool = False


@dataclass
class Job:
    group: str
    tool: str
    cmds: list[list[str]]
    ours: bool = False
    prepare: Callable[[], Path] | None = None  # returns the cwd for this run (untimed)
    cwd: Path | None = None
    ok_codes: frozenset[int] = frozenset({0})
    inproc: bool = False
    repeat: int | None = None  # fewer runs for a slow competitor
    timeout: float | None = None  # a run is killed after this many seconds (a lower bound then)
    preview: bool = False  # ours, but not the CLI command itself: informational
    note: str = ""
    available: bool = True
    runs: list[Run] = field(default_factory=list)
    outcome: dict[str, object] = field(default_factory=dict)
    last_cwd: Path | None = None


# --------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------


TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def _time_rss(path: Path) -> int:
    """KiB from GNU time's ``%M`` (its last line: a killed child adds a status line first)."""
    try:
        lines = path.read_text().split()
        return int(lines[-1])
    except (OSError, ValueError, IndexError):
        return 0


def _kill_group(pgid: int, hwm: list[int]) -> None:
    """Record the group's peak RSS (VmHWM), then kill the group (our own child's session)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) != pgid:
                continue
            for line in (stat.parent / "status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    hwm[0] = max(hwm[0], int(line.split()[1]))
        except (OSError, ValueError, IndexError):
            continue
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGKILL)


def run_cmds(
    cmds: list[list[str]], cwd: Path, env: dict[str, str], logs: Path, timeout: float | None = None
) -> Run:
    """Run ``cmds`` one after the other; wall and CPU add up, peak RSS is the largest.

    With ``timeout``, the process still running after that many seconds (of
    the whole sequence) is killed and the run is marked ``timed_out``.
    """
    wall = cpu = 0.0
    rss = 0
    codes = []
    timed_out = False
    hwm = [0]  # VmHWM (KiB) of a process group killed at the time limit
    logs.mkdir(parents=True, exist_ok=True)
    out_path, err_path, rss_path = logs / "stdout", logs / "stderr", logs / "maxrss"
    for i, cmd in enumerate(cmds):
        mode = "wb" if i == 0 else "ab"
        with open(out_path, mode) as out, open(err_path, mode) as err:
            # GNU time forks the tool from a small process, so the tool's ru_maxrss is its own:
            # a child forked from this interpreter inherits its RSS as the high-water mark.
            wrapped = [TIME, "-f", "%M", "-o", str(rss_path), *cmd] if TIME else cmd
            t0 = time.perf_counter()
            proc = subprocess.Popen(
                wrapped,
                cwd=cwd,
                env=env,
                stdout=out,
                stderr=err,
                start_new_session=timeout is not None,
            )
            timer = None
            if timeout is not None:
                timer = threading.Timer(max(0.0, timeout - wall), _kill_group, (proc.pid, hwm))
                timer.start()
            _, status, usage = os.wait4(proc.pid, 0)
            wall += time.perf_counter() - t0
            if timer is not None:
                timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        codes.append(proc.returncode)
        cpu += usage.ru_utime + usage.ru_stime
        rss = max(rss, hwm[0], _time_rss(rss_path) if TIME else usage.ru_maxrss)
        if timeout is not None and proc.returncode == -signal.SIGKILL:
            timed_out = True
            break
    return Run(wall, cpu, rss, codes, timed_out=timed_out)


def summarize(job: Job) -> dict[str, object]:
    walls = [r.wall for r in job.runs]
    data: dict[str, object] = {
        "group": job.group,
        "tool": job.tool,
        "ours": job.ours,
        "preview": job.preview,
        "available": job.available,
        "timeout_s": job.timeout,
        "timed_out": any(r.timed_out for r in job.runs),
        "note": job.note,
        "commands": [" ".join(c) for c in job.cmds],
        "runs": [r.__dict__ for r in job.runs],
        "outcome": job.outcome,
    }
    if walls:
        data.update(
            n=len(walls),
            min=min(walls),
            median=statistics.median(walls),
            max=max(walls),
            cpu_median=statistics.median(r.cpu for r in job.runs),
            rss_peak_mib=max(r.rss_kib for r in job.runs) / 1024,
        )
        inproc = [r.inproc for r in job.runs if r.inproc is not None]
        if inproc:
            data.update(inproc_min=min(inproc), inproc_median=statistics.median(inproc))
    return data


# --------------------------------------------------------------------------
# Setup
# --------------------------------------------------------------------------


def sh(cmd: list[str], **kw: Any) -> str:
    try:
        return subprocess.run(cmd, check=False, capture_output=True, text=True, **kw).stdout.strip()
    except OSError:
        return ""


def machine_info(
    args: argparse.Namespace, pofilter: str | None, bench_py: str | None
) -> dict[str, object]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {
        "python": platform.python_version(),
        "babel": sh([str(VENV_PY), "-c", "import babel; print(babel.__version__)"]),
        "polib": sh([str(VENV_PY), "-c", "import polib; print(polib.__version__)"]),
        "gettext": sh(["msgfmt", "--version"]).splitlines()[0] if shutil.which("msgfmt") else "",
        "translate-toolkit": sh([pofilter, "--version"]) if pofilter else "",
        "rspolib": sh(
            [bench_py, "-c", "import importlib.metadata as m; print(m.version('rspolib'))"]
        )
        if bench_py
        else "",
    }
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory": sh(["free", "-h"]),
        "kernel": platform.release(),
        "versions": versions,
        "git_head": sh(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"]),
        "uncommitted_package_files": len(
            sh(["git", "-C", str(ROOT), "status", "--porcelain", "--", "i18n_news"]).splitlines()
        ),
        "loadavg_start": os.getloadavg(),
        "started": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "argv": sys.argv[1:],
    }


def child_env(work: Path, snapshot: Path | None) -> dict[str, str]:
    env = dict(os.environ)
    # Cache bytecode as a normal installation does, without writing into the venv:
    # an environment with PYTHONDONTWRITEBYTECODE=1 recompiles every import of
    # every start, which no user's installed CLI pays.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    env["LC_ALL"] = "C.UTF-8"
    env["NO_COLOR"] = "1"
    env["COLUMNS"] = "120"
    if snapshot is not None:
        env["PYTHONPATH"] = str(snapshot) + (
            os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else ""
        )
    else:
        env.pop("PYTHONPATH", None)
    return env


def package_dir(arg: Path | None) -> Path:
    if arg is not None:
        if not (arg / "__init__.py").exists():
            raise SystemExit(f"{arg}: not a package folder (no __init__.py)")
        return arg.resolve()
    import importlib.util

    spec = importlib.util.find_spec("i18n_news")
    if spec is None or spec.origin is None:
        raise SystemExit("i18n_news is not importable from this interpreter")
    return Path(spec.origin).parent


def snapshot_package(work: Path, src: Path) -> Path:
    """Copy the package so that a run measures one state of a tree others are editing."""
    dest = work / "snapshot"
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(src, dest / "i18n_news", ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def fresh_copy(newsroom: Path, dest: Path, template: Path | None = None) -> Path:
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    shutil.copy2(newsroom / "pyproject.toml", dest / "pyproject.toml")
    shutil.copytree(newsroom / "locales", dest / "locales")
    if template is not None:
        shutil.copy2(template, dest / "locales" / "messages.pot")
    return dest


def cli_has_check(env: dict[str, str], cwd: Path) -> bool:
    out = subprocess.run(
        [str(VENV_PY), "-m", "i18n_news", "--help"],
        check=False,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    ).stdout
    return re.search(r"^\W*check\b", out, re.M) is not None


def find_pofilter(arg: str | None) -> str | None:
    if arg:
        return arg if Path(arg).exists() or shutil.which(arg) else None
    found = shutil.which("pofilter")
    if found:
        return found
    default = Path("/tmp/bench-venv/bin/pofilter")
    return str(default) if default.exists() else None


# --------------------------------------------------------------------------
# Outcomes (untimed): what each tool actually did, so the comparison is honest
# --------------------------------------------------------------------------


def po_counts(path: Path) -> dict[str, object]:
    import polib

    valid = subprocess.run(
        ["msgfmt", "-o", "/dev/null", str(path)], check=False, capture_output=True, text=True
    )
    if valid.returncode:
        return {
            "msgfmt_accepts": False,
            "msgfmt_error": valid.stderr.strip().splitlines()[0],
            "bytes": path.stat().st_size,
        }
    po = polib.pofile(str(path))
    return {
        "msgfmt_accepts": True,
        "active": len([e for e in po if not e.obsolete]),
        "fuzzy": len(po.fuzzy_entries()),
        "obsolete": len(po.obsolete_entries()),
        "with_previous_msgid": len([e for e in po if e.previous_msgid and not e.obsolete]),
        "bytes": path.stat().st_size,
    }


def update_outcome(cwd: Path) -> dict[str, object]:
    return {lang: po_counts(cwd / CATALOG.format(lang=lang)) for lang in LANGS}


def compile_outcome(cwd: Path) -> dict[str, object]:
    import polib

    out: dict[str, object] = {}
    for lang in LANGS:
        mo = cwd / CATALOG.format(lang=lang).replace(".po", ".mo")
        js = mo.with_suffix(".json")
        out[lang] = {
            "mo_messages": len(polib.mofile(str(mo))) if mo.exists() else None,
            "mo_bytes": mo.stat().st_size if mo.exists() else None,
            "json_bytes": js.stat().st_size if js.exists() else None,
        }
    return out


def log_lines(job: Job, work: Path, stream: str) -> int:
    path = work / "logs" / f"{job.group}-{slug(job.tool)}" / stream
    try:
        return len(path.read_text(encoding="utf-8", errors="replace").splitlines())
    except OSError:
        return 0


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# --------------------------------------------------------------------------
# Jobs
# --------------------------------------------------------------------------


def make_jobs(
    args: argparse.Namespace,
    newsroom: Path,
    work: Path,
    env: dict[str, str],
    pofilter: str | None,
    bench_py: str | None,
) -> list[Job]:
    py = str(VENV_PY)
    pybabel = str(VENV_PY.parent / "pybabel")
    cli = [py, "-m", "i18n_news", "-c", "pyproject.toml", "-q"]
    ar = newsroom / CATALOG.format(lang="ar")
    variant = newsroom / "variant" / "messages.pot"
    runs = work / "runs"
    jobs: list[Job] = []

    def copy(name: str, template: Path | None = None) -> Callable[[], Path]:
        return lambda: fresh_copy(newsroom, runs / name, template)

    # parse ---------------------------------------------------------------
    for name, code in PARSERS.items():
        interp = py
        if name.startswith("rspolib"):
            if not bench_py:
                continue
            interp = bench_py
        jobs.append(
            Job(
                "parse",
                name,
                [[interp, "-c", code, str(ar)]],
                ours=name.startswith("i18n_news"),
                cwd=newsroom,
                inproc=True,
                note="Arabic catalog only",
            )
        )

    # update --------------------------------------------------------------
    jobs.append(
        Job(
            "update",
            "i18nnews update",
            [[*cli, "update"]],
            ours=True,
            prepare=copy("update-ours", variant),
        )
    )
    jobs.append(
        Job(
            "update",
            "msgmerge",
            [
                [
                    "msgmerge",
                    "--quiet",
                    "--update",
                    "--backup=off",
                    "--previous",
                    CATALOG.format(lang=lang),
                    "locales/messages.pot",
                ]
                for lang in LANGS
            ],
            prepare=copy("update-msgmerge", variant),
        )
    )
    slow = args.pybabel_update_timeout
    jobs.append(
        Job(
            "update",
            "pybabel update",
            [
                [
                    pybabel,
                    "-q",
                    "update",
                    "--previous",
                    "-i",
                    "locales/messages.pot",
                    "-d",
                    "locales",
                    "-D",
                    "messages",
                ]
            ],
            prepare=copy("update-pybabel", variant),
            repeat=1,
            timeout=slow,
            note=f"1 run, killed after {slow:.0f} s: its fuzzy matching compares every new "
            "string with every old one",
        )
    )
    jobs.append(
        Job(
            "update",
            "pybabel update -N",
            [
                [
                    pybabel,
                    "-q",
                    "update",
                    "--previous",
                    "-N",
                    "-i",
                    "locales/messages.pot",
                    "-d",
                    "locales",
                    "-D",
                    "messages",
                ]
            ],
            prepare=copy("update-pybabel-n", variant),
            note="no fuzzy matching: does less work than the others",
        )
    )
    if not args.no_unchanged:
        jobs.append(
            Job(
                "update (no change)",
                "i18nnews update",
                [[*cli, "update"]],
                ours=True,
                prepare=copy("noop-ours"),
            )
        )
        jobs.append(
            Job(
                "update (no change)",
                "msgmerge",
                [
                    [
                        "msgmerge",
                        "--quiet",
                        "--update",
                        "--backup=off",
                        "--previous",
                        CATALOG.format(lang=lang),
                        "locales/messages.pot",
                    ]
                    for lang in LANGS
                ],
                prepare=copy("noop-msgmerge"),
            )
        )
        jobs.append(
            Job(
                "update (no change)",
                "pybabel update",
                [
                    [
                        pybabel,
                        "-q",
                        "update",
                        "--previous",
                        "-i",
                        "locales/messages.pot",
                        "-d",
                        "locales",
                        "-D",
                        "messages",
                    ]
                ],
                prepare=copy("noop-pybabel"),
            )
        )

    # compile -------------------------------------------------------------
    jobs.append(
        Job(
            "compile",
            "i18nnews compile",
            [[*cli, "compile"]],
            ours=True,
            prepare=copy("compile-ours"),
            note="also runs the error-level checks and writes .json",
        )
    )
    jobs.append(
        Job(
            "compile",
            "msgfmt",
            [
                [
                    "msgfmt",
                    "-o",
                    CATALOG.format(lang=lang).replace(".po", ".mo"),
                    CATALOG.format(lang=lang),
                ]
                for lang in LANGS
            ],
            prepare=copy("compile-msgfmt"),
        )
    )
    jobs.append(
        Job(
            "compile",
            "pybabel compile",
            [[pybabel, "-q", "compile", "-d", "locales", "-D", "messages"]],
            prepare=copy("compile-pybabel"),
        )
    )

    # check ---------------------------------------------------------------
    has_check = cli_has_check(env, newsroom)
    jobs.append(
        Job(
            "check",
            "i18n_news check_catalog()",
            [[py, "-c", CHECK_PREVIEW, *[CATALOG.format(lang=lang) for lang in LANGS]]],
            ours=True,
            preview=True,
            cwd=newsroom,
            inproc=True,
            note="preview, not the CLI: the library's catalog-family checks on both catalogs "
            "(what `compile` runs); no reporting, parity or rtl",
        )
    )
    jobs.append(
        Job(
            "check",
            "i18nnews check",
            [[*cli, "check"]],
            ours=True,
            prepare=copy("check-ours"),
            ok_codes=frozenset({0, 1}),
            available=has_check,
            note="" if has_check else "not available yet (`i18nnews --help` lists no check)",
        )
    )
    jobs.append(
        Job(
            "check",
            "i18nnews check --jobs 2",
            [[*cli, "check", "--jobs", "2"]],
            ours=True,
            prepare=copy("check-ours-j2"),
            ok_codes=frozenset({0, 1}),
            available=has_check,
            note="one process per catalog" if has_check else "not available yet",
        )
    )
    jobs.append(
        Job(
            "check",
            "msgfmt --check",
            [["msgfmt", "--check", "-o", "/dev/null", CATALOG.format(lang=lang)] for lang in LANGS],
            cwd=newsroom,
            ok_codes=frozenset({0, 1}),
        )
    )
    pf_note = (
        f"{args.pofilter_repeat} run(s): slowest competitor"
        if args.pofilter_repeat < args.repeat
        else ""
    )
    jobs.append(
        Job(
            "check",
            "pofilter",
            [
                [
                    pofilter or "pofilter",
                    "--progress=none",
                    f"--language={lang}",
                    "-i",
                    CATALOG.format(lang=lang),
                    "-o",
                    str(work / f"pofilter-{lang}.po"),
                ]
                for lang in LANGS
            ],
            cwd=newsroom,
            repeat=args.pofilter_repeat,
            available=pofilter is not None,
            note=pf_note if pofilter else "not installed (give --pofilter or put it on PATH)",
        )
    )
    return jobs


CHECK_PREVIEW = """\
import sys, time
from i18n_news.checks.catalog import check_catalog
from i18n_news.catalogs.reader import read_po
t = time.perf_counter()
n = 0
for path in sys.argv[1:]:
    lang = path.split("/")[1]
    n += len(check_catalog(read_po(path), path, lang, lang))
print(time.perf_counter() - t, n)
"""


def measure(jobs: list[Job], repeat: int, env: dict[str, str], work: Path) -> None:
    groups: dict[str, list[Job]] = {}
    for job in jobs:
        groups.setdefault(job.group, []).append(job)
    for group, members in groups.items():
        for r in range(repeat):
            for job in members:
                if not job.available or r >= (job.repeat or repeat):
                    continue
                cwd = job.prepare() if job.prepare else job.cwd
                assert cwd is not None
                result = run_cmds(
                    job.cmds, cwd, env, work / "logs" / f"{job.group}-{slug(job.tool)}", job.timeout
                )
                bad = [] if result.timed_out else [c for c in result.codes if c not in job.ok_codes]
                if bad:
                    err = (work / "logs" / f"{job.group}-{slug(job.tool)}" / "stderr").read_text(
                        encoding="utf-8", errors="replace"
                    )[-2000:]
                    job.available = False
                    last = err.strip().splitlines()[-1] if err.strip() else ""
                    job.note = f"failed (exit {bad[0]}): {last}"
                    print(
                        f"  {group:<8} {job.tool:<22} FAILED exit {bad[0]}\n{err}", file=sys.stderr
                    )
                    job.runs.clear()
                    continue
                if job.inproc:
                    out = (
                        (work / "logs" / f"{job.group}-{slug(job.tool)}" / "stdout")
                        .read_text()
                        .split()
                    )
                    result.inproc = float(out[0])
                    job.outcome["entries" if group == "parse" else "findings"] = int(out[1])
                job.runs.append(result)
                job.last_cwd = cwd
                print(
                    f"  {group:<18} {job.tool:<26} run {r + 1}: {result.wall:7.3f} s wall"
                    + (" (killed: time limit)" if result.timed_out else "")
                    + ", "
                    f"{result.cpu:7.3f} s cpu, {result.rss_kib / 1024:7.1f} MiB"
                    + (f", {result.inproc:.3f} s in-process" if result.inproc is not None else ""),
                    file=sys.stderr,
                    flush=True,
                )
        for job in members:
            if not job.runs or any(r.timed_out for r in job.runs) or job.last_cwd is None:
                continue
            cwd = job.last_cwd
            if group.startswith("update"):
                job.outcome.update(update_outcome(cwd))
            elif group == "compile":
                job.outcome.update(compile_outcome(cwd))
            elif group == "check":
                job.outcome.update(
                    stdout_lines=log_lines(job, work, "stdout"),
                    stderr_lines=log_lines(job, work, "stderr"),
                    exit_codes=job.runs[-1].codes,
                )
                if job.tool == "pofilter":
                    job.outcome["units_reported"] = {
                        lang: sum(
                            1
                            for line in (work / f"pofilter-{lang}.po").read_text().splitlines()
                            if line.startswith("msgid ")
                        )
                        - 1
                        for lang in LANGS
                        if (work / f"pofilter-{lang}.po").exists()
                    }


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------


def _ours(members: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The CLI command of the group; the library preview when the CLI lacks it."""
    for preview in (False, True):
        for m in members:
            if m["ours"] and bool(m["preview"]) == preview and "median" in m:
                return m
    return None


def ratios(summaries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per competitor: its median over ours (above 1: we are faster)."""
    out = []
    by_group: dict[str, list[dict[str, Any]]] = {}
    for s in summaries:
        by_group.setdefault(s["group"], []).append(s)
    for group, members in by_group.items():
        primary = _ours(members)
        mine = [
            x
            for x in members
            if x["ours"] and "median" in x and x["preview"] == bool(primary and primary["preview"])
        ]
        for m, ours in [(m, o) for o in (mine or [None]) for m in members if not m["ours"]]:
            row: dict[str, Any] = {"group": group, "competitor": m["tool"]}
            target = TARGETS.get((group, m["tool"]))
            if target:
                row["target"] = target[1]
            if ours is None or "median" not in m:
                cli = next((x for x in members if x["ours"] and not x["preview"]), {})
                why = m["note"] if ours else cli.get("note")
                row["note"] = f"not measured: {why or 'no runs'}"
                out.append(row)
                continue
            speedup = m["median"] / ours["median"]
            row.update(
                ours=ours["tool"],
                ours_is_preview=bool(ours["preview"]),
                ours_median=ours["median"],
                competitor_median=m["median"],
                speedup=speedup,
                min_speedup=m["min"] / ours["min"],
                lower_bound=bool(m["timed_out"]),
                cpu_speedup=m["cpu_median"] / ours["cpu_median"],
                rss_ratio=ours["rss_peak_mib"] / m["rss_peak_mib"],
            )
            if "inproc_median" in ours and "inproc_median" in m:
                row["inproc_speedup"] = m["inproc_median"] / ours["inproc_median"]
            if target:
                # A killed competitor gives a lower bound: it proves a target, never refutes one.
                met = speedup >= target[0]
                row["met"] = True if met else (None if row["lower_bound"] else False)
            out.append(row)
    return out


def fmt_s(v: float, bound: bool = False) -> str:
    return (">" if bound else "") + f"{v:.3f}"


def fmt_speed(x: float, bound: bool = False) -> str:
    if bound:
        if x >= 1:
            return f">{x:.1f}x faster (competitor killed)"
        return "inconclusive (competitor killed first)"
    return f"{x:.2f}x faster" if x >= 1 else f"{1 / x:.2f}x slower"


MET = {None: "unknown (competitor killed first)", True: "yes", False: "**no**"}


def markdown(
    summaries: list[dict[str, Any]], rows: list[dict[str, Any]], meta: dict[str, Any]
) -> str:
    machine = meta["machine"]
    lines = [
        f"Catalogs: {meta['entries']} entries per edition (ar, es), seed {meta['seed']}; "
        f"repeat {meta['repeat']}; {machine['nproc']} cores, {machine['cpu']}; "
        f"load average {machine['loadavg_start'][0]:.2f} at start, "
        f"{machine['loadavg_end'][0]:.2f} at end.",
        "",
        "| task | tool | runs | min s | median s | max s | CPU s (median) | peak RSS MiB | note |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for s in summaries:
        tool = f"**{s['tool']}**" if s["ours"] else s["tool"]
        if "median" not in s:
            lines.append(f"| {s['group']} | {tool} | 0 | – | – | – | – | – | {s['note']} |")
            continue
        note = s["note"]
        if "inproc_median" in s:
            what = "parse" if s["group"] == "parse" else "work"
            inproc = f"{what} in-process {s['inproc_median']:.3f} s (min {s['inproc_min']:.3f})"
            note = inproc + (f"; {note}" if note else "")
        bound = bool(s["timed_out"])
        cells = [
            s["group"],
            tool,
            str(s["n"]),
            fmt_s(s["min"], bound),
            fmt_s(s["median"], bound),
            fmt_s(s["max"], bound),
            "–" if bound else fmt_s(s["cpu_median"]),
            f"{s['rss_peak_mib']:.0f}",
            note,
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        "| task | i18n_news | vs | wall (median) | CPU (median) | peak RSS ours ÷ theirs "
        "| target | met |",
        "|---|---|---|---|---|---:|---|---|",
    ]
    for r in rows:
        if "speedup" not in r:
            cells = [r["group"], "–", r["competitor"], r["note"], "", "", r.get("target", ""), "–"]
            lines.append("| " + " | ".join(cells) + " |")
            continue
        bound = r["lower_bound"]
        wall = fmt_speed(r["speedup"], bound)
        if r["group"] == "parse" and "inproc_speedup" in r:
            wall += f" (parse alone: {fmt_speed(r['inproc_speedup'])})"
        met = MET[r["met"]] if "met" in r else ""
        if met and r["ours_is_preview"]:
            met += " (preview)"
        cells = [
            r["group"],
            r["ours"],
            r["competitor"],
            wall,
            "–" if bound else fmt_speed(r["cpu_speedup"]),
            f"{r['rss_ratio']:.2f}",
            r.get("target", ""),
            met,
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--entries",
        type=int,
        default=None,
        help="entries per catalog (default 20000; 2000 with --quick)",
    )
    ap.add_argument(
        "--repeat", type=int, default=None, help="runs per tool (default 5; 2 with --quick)"
    )
    ap.add_argument(
        "--pofilter-repeat",
        type=int,
        default=None,
        help="runs of pofilter, the slowest competitor (default: min(repeat, 3))",
    )
    ap.add_argument(
        "--quick", action="store_true", help="small catalogs and few runs: a smoke test"
    )
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/i18nnews-bench"))
    ap.add_argument(
        "--pofilter", default=None, help="pofilter executable (default: PATH, then /tmp/bench-venv)"
    )
    ap.add_argument(
        "--bench-python",
        default="/tmp/bench-venv/bin/python",
        help="interpreter with rspolib for the extra parse row (skipped when it lacks it)",
    )
    ap.add_argument(
        "--pybabel-update-timeout",
        type=float,
        default=None,
        help="seconds before the one fuzzy `pybabel update` run is killed "
        "(default 45; 20 with --quick)",
    )
    ap.add_argument(
        "--package",
        type=Path,
        default=None,
        help="the i18n_news package folder to measure (default: the one this interpreter imports)",
    )
    ap.add_argument(
        "--no-snapshot",
        action="store_true",
        help="measure the live package tree instead of a copy taken at start",
    )
    ap.add_argument(
        "--no-unchanged", action="store_true", help="skip the update-with-nothing-changed rows"
    )
    ap.add_argument(
        "--only",
        default=None,
        help="comma-separated tasks to run: parse, update, update (no change), compile, check",
    )
    ap.add_argument(
        "--regenerate", action="store_true", help="generate the newsroom even if it exists"
    )
    ap.add_argument(
        "--json",
        type=Path,
        default=None,
        help="results file (default bench/results.json; a --quick run writes into --workdir)",
    )
    ap.add_argument(
        "--report",
        type=Path,
        default=None,
        metavar="RESULTS_JSON",
        help="print the tables of an earlier run's results file and exit (measures nothing)",
    )
    args = ap.parse_args(argv)
    if args.report is not None:
        saved = json.loads(args.report.read_text(encoding="utf-8"))
        print(markdown(saved["results"], ratios(saved["results"]), saved["meta"]), end="")
        return 0
    args.entries = args.entries or (2000 if args.quick else 20_000)
    args.repeat = args.repeat or (2 if args.quick else 5)
    args.pybabel_update_timeout = args.pybabel_update_timeout or (20.0 if args.quick else 45.0)
    args.pofilter_repeat = min(args.repeat, args.pofilter_repeat or (1 if args.quick else 3))
    json_path = args.json or (
        args.workdir / "results-quick.json" if args.quick else HERE / "results.json"
    )

    for tool in ("msgfmt", "msgmerge", "msgcat"):
        if shutil.which(tool) is None:
            raise SystemExit(
                f"{tool} not found: install GNU gettext (Debian: apt-get install gettext)"
            )
    work = args.workdir.resolve()
    work.mkdir(parents=True, exist_ok=True)
    pofilter = find_pofilter(args.pofilter)
    bench_py = args.bench_python if args.bench_python and Path(args.bench_python).exists() else None
    if (
        bench_py
        and subprocess.run(
            [bench_py, "-c", "import rspolib"], check=False, capture_output=True
        ).returncode
    ):
        bench_py = None

    newsroom = work / f"newsroom-{args.entries}-seed{args.seed}"
    if args.regenerate or not (newsroom / "manifest.json").exists():
        print(f"generating {newsroom} ...", file=sys.stderr, flush=True)
        subprocess.run(
            [
                str(VENV_PY),
                str(HERE / "generate.py"),
                "--out",
                str(newsroom),
                "--entries",
                str(args.entries),
                "--seed",
                str(args.seed),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    manifest = json.loads((newsroom / "manifest.json").read_text())

    package = package_dir(args.package)
    if args.no_snapshot:
        snapshot = package.parent if args.package else None
    else:
        snapshot = snapshot_package(work, package)
    env = child_env(work, snapshot)
    # Warm the bytecode cache (untimed) for every Python tool, as an installed CLI has it.
    for cmd in (
        [
            str(VENV_PY),
            "-c",
            "import i18n_news.cli.app, i18n_news.catalogs.operations, polib, babel.messages.pofile",
        ],
        [str(VENV_PY), "-m", "i18n_news", "--help"],
        [str(VENV_PY.parent / "pybabel"), "--help"],
        [pofilter, "--help"] if pofilter else None,
    ):
        if cmd:
            subprocess.run(cmd, check=False, env=env, capture_output=True, cwd=newsroom)
    for mod in ("i18n_news.cli.check", "i18n_news.checks.runner", "i18n_news.catalogs.mofile"):
        subprocess.run(
            [str(VENV_PY), "-c", f"import {mod}"], check=False, env=env, capture_output=True
        )

    meta: dict[str, Any] = {
        "entries": args.entries,
        "seed": args.seed,
        "repeat": args.repeat,
        "pofilter_repeat": args.pofilter_repeat,
        "package": str(package),
        "snapshot": not args.no_snapshot,
        "manifest": manifest,
    }
    meta["machine"] = machine_info(args, pofilter, bench_py)
    jobs = make_jobs(args, newsroom, work, env, pofilter, bench_py)
    if args.only:
        wanted = {g.strip() for g in args.only.split(",")}
        unknown = wanted - {j.group for j in jobs}
        if unknown:
            raise SystemExit(f"--only: unknown task(s) {', '.join(sorted(unknown))}")
        jobs = [j for j in jobs if j.group in wanted]
    started = time.perf_counter()
    measure(jobs, args.repeat, env, work)
    meta["elapsed_s"] = time.perf_counter() - started
    meta["machine"]["loadavg_end"] = os.getloadavg()

    summaries = [summarize(j) for j in jobs]
    rows = ratios(summaries)
    table = markdown(summaries, rows, meta)
    print(table)
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(
        json.dumps(
            {"meta": meta, "results": summaries, "ratios": rows},
            indent=1,
            ensure_ascii=False,
            default=str,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {json_path} ({meta['elapsed_s']:.0f} s of measuring)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

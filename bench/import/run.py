"""Score ``i18nnews import`` against htmldate, trafilatura and newspaper4k.

    bash bench/import/setup.sh                  # peers' venv + sdists, once
    .venv/bin/python bench/import/run.py        # cases, peers, ours, scores

Reads the cases ``cases.py`` builds from the peers' released sdists and the
pages of ``pages/``; runs the peers in their own virtualenv (``peers.py``)
and our page reader (``i18n_news.importer.parse_page``) here; scores title,
date (same day; same instant where the expectation has a time), author,
summary and language; writes ``results.json`` and the tables of
``README.md`` between their markers.
"""

from __future__ import annotations

import html as htmllib
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from i18n_news.errors import I18nNewsError  # noqa: E402
from i18n_news.importer import parse_page  # noqa: E402
from i18n_news.model import Edition  # noqa: E402

CACHE = Path(os.environ.get("IMPORT_BENCH_CACHE", "/tmp/i18nnews-import-bench"))
PEERS_PYTHON = Path(os.environ.get("IMPORT_PEERS_PYTHON", "/tmp/i18nnews-import-peers/bin/python"))
FIELDS = ("title", "date", "instant", "author", "summary", "language")
TOOLS = ("i18nnews", "htmldate", "trafilatura", "newspaper4k")
EDITIONS = {
    "ar": Edition("ar", "ar_LB", "ar", "rtl", "arab", "UTC"),
    "es": Edition("es", "es", "es", "ltr", timezone="UTC"),
}


def _edition(lang: str) -> Edition:
    """The edition a newsroom would import the page into: its language's, else English."""
    if lang in EDITIONS:
        return EDITIONS[lang]
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(lang or "en")
    except (ValueError, UnknownLocaleError):
        lang = "en"
    return Edition(lang or "en", lang or "en", lang or "en", "ltr", timezone="UTC")


_QUOTES = str.maketrans({"‘": "'", "’": "'", "ʼ": "'", "“": '"', "”": '"', "\u00a0": " "})


def _text(value: Any) -> str:
    """Text as compared: entities decoded, NFC, typographic quotes as ASCII, spaces collapsed."""
    text = htmllib.unescape(str(value or "")).translate(_QUOTES)
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _has_time(value: str | None) -> bool:
    return (
        bool(value) and "T" in str(value) and not str(value).split("T", 1)[1].startswith("00:00:00")
    )


def score(field: str, expected: Any, got: Any) -> bool | None:
    """True/False for a scored field, None when the case expects nothing of it."""
    if field == "instant":
        if not _has_time(expected):
            return None
        want, have = _parse_date(expected), _parse_date(got)
        if want is None or have is None:
            return False
        if want.tzinfo is not None and have.tzinfo is not None:
            return want == have
        return want.replace(tzinfo=None) == have.replace(tzinfo=None)
    if field == "date":
        want, have = _parse_date(expected), _parse_date(got)
        if expected is None:
            return not got
        return have is not None and want is not None and want.date() == have.date()
    if field == "author":
        want = {_text(a) for a in expected or ()}
        have = {_text(a) for a in got or ()}
        return want == have
    if field == "language":
        if expected is None:
            return None
        return _text(got).replace("_", "-").split("-")[0] == _text(expected).split("-")[0]
    if expected is None:
        return not _text(got)
    return _text(expected) == _text(got)


def run_ours(case: dict[str, Any]) -> tuple[dict[str, Any], float, float, str | None]:
    data = case["html"].encode("utf-8") if "html" in case else Path(case["file"]).read_bytes()
    edition = _edition(case.get("lang", ""))
    started, cpu = time.perf_counter(), time.process_time()
    try:
        page = parse_page(data, edition, name=case["id"])
    except I18nNewsError as exc:
        return {}, time.perf_counter() - started, time.process_time() - cpu, str(exc)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    date = page.published.value.isoformat() if page.published else None
    fields = {
        "title": page.title,
        "date": date,
        "author": list(page.authors),
        "summary": page.summary,
        "language": getattr(page, "language", "") or None,
    }
    return fields, wall, cpu, None


def _table(scores: dict[str, dict[str, list[bool]]]) -> list[str]:
    lines = ["| field | cases | " + " | ".join(TOOLS) + " |", "|---|---:|" + "---:|" * len(TOOLS)]
    for field in FIELDS:
        marks = scores["i18nnews"][field]
        if not marks:
            continue
        row = [field, str(len(marks))]
        best = max(sum(scores[t][field]) for t in TOOLS[1:])
        for tool in TOOLS:
            got = sum(scores[tool][field])
            cell = f"{got} ({100 * got / len(marks):.0f}%)"
            ahead = tool == "i18nnews" and got >= best and got > 0
            row.append(f"**{cell}**" if ahead else cell)
        lines.append("| " + " | ".join(row) + " |")
    return lines


def _large_pages(cases: list[dict[str, Any]]) -> list[tuple[str, bytes]]:
    """Pages of 1, 5 and 9.9 MB (under the 10 MB limit) built from the cases' own pages:
    the article text of every newspaper4k page repeated, in one ``<article>`` with
    a sidebar of dated links, the shape that made whole-body work slow."""
    paragraphs = []
    for case in cases:
        if case["set"] == "newspaper4k":
            text = Path(case["file"]).read_text(encoding="utf-8", errors="replace")
            found = re.findall(r"<p[^>]*>(.*?)</p>", text, flags=re.S)[:200]
            paragraphs += [
                htmllib.escape(htmllib.unescape(re.sub(r"<[^>]*>", " ", p))) for p in found
            ]
    sidebar = "".join(
        f'<li><a href="/n/{i}">Item {i}</a> <span class="date">{1 + i % 28} May 2020</span></li>'
        for i in range(300)
    )
    pages = []
    for size in (1_000_000, 5_000_000, 9_900_000):
        body: list[str] = []
        total = 0
        while total < size:
            for para in paragraphs:
                chunk = f"<p>{para}</p>\n"
                body.append(chunk)
                total += len(chunk.encode("utf-8"))
                if total >= size:
                    break
        html = (
            "<!DOCTYPE html><html><head><meta charset=utf-8><title>A long page | Site</title>"
            "</head><body><header><h1 class=logo>Site</h1></header><article><h1>A long page"
            "</h1><p class=byline>By Jane Roe</p><p class=date>12 May 14:00</p>"
            + "".join(body)
            + "</article><aside><ul>"
            + sidebar
            + "</ul></aside><footer>© 2020 Site</footer></body></html>"
        ).encode("utf-8")
        pages.append((f"synthetic-{round(len(html) / 1e6)}MB", html[: 10 * 1024 * 1024]))
    return pages


def _loads() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def main() -> None:
    CACHE.mkdir(parents=True, exist_ok=True)
    subprocess.run([str(PEERS_PYTHON), str(HERE / "cases.py"), str(CACHE)], check=True)
    subprocess.run([str(PEERS_PYTHON), str(HERE / "peers.py"), str(CACHE)], check=True)
    cases = json.loads((CACHE / "cases.json").read_text(encoding="utf-8"))
    peers = json.loads((CACHE / "peers.json").read_text(encoding="utf-8"))
    load_before = _loads()
    run_ours(cases[0])  # warm Babel's and lxml's caches as a second page would find them
    outputs: dict[str, dict[str, Any]] = {tool: {} for tool in TOOLS}
    timings: list[tuple[float, float, str]] = []
    errors: dict[str, str] = {}
    for case in cases:
        fields, wall, cpu, error = run_ours(case)
        outputs["i18nnews"][case["id"]] = fields
        timings.append((wall, cpu, case["id"]))
        if error:
            errors[case["id"]] = error
        for peer in TOOLS[1:]:
            outputs[peer][case["id"]] = peers["results"][peer][case["id"]]["fields"]
    large = []
    for name, data in _large_pages(cases):
        fields, wall, cpu, error = run_ours({"id": name, "html": data.decode("utf-8")})
        large.append(
            {
                "page": name,
                "bytes": len(data),
                "wall_s": wall,
                "cpu_s": cpu,
                "title": fields.get("title"),
                "date": fields.get("date"),
                "author": fields.get("author"),
                "error": error,
            }
        )
    load_after = _loads()
    groups = {"all": cases}
    for case in cases:
        groups.setdefault(case["set"], []).append(case)
    per_group: dict[str, dict[str, dict[str, list[bool]]]] = {}
    misses: dict[str, dict[str, Any]] = {}
    for group, members in groups.items():
        table: dict[str, dict[str, list[bool]]] = {t: {f: [] for f in FIELDS} for t in TOOLS}
        for case in members:
            for field in FIELDS:
                key = "date" if field == "instant" else field
                if key not in case["expect"]:
                    continue
                for tool in TOOLS:
                    mark = score(field, case["expect"][key], outputs[tool][case["id"]].get(key))
                    if mark is None:
                        continue
                    table[tool][field].append(mark)
                    if group == "all" and tool == "i18nnews" and not mark:
                        misses.setdefault(case["id"], {})[field] = {
                            "expected": case["expect"][key],
                            "got": outputs[tool][case["id"]].get(key),
                        }
        per_group[group] = table
    walls = sorted(t[0] for t in timings)
    cpus = sorted(t[1] for t in timings)
    slowest = max(timings)
    peer_cpu = {p: max(r["cpu"] for r in peers["results"][p].values()) for p in TOOLS[1:]}
    results = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "load": {"before": load_before, "after": load_after},
        "command": ".venv/bin/python bench/import/run.py",
        "versions": peers["versions"],
        "cases": {g: len(m) for g, m in groups.items()},
        "corrected": sorted(c["id"] for c in cases if c.get("corrected")),
        "scores": {
            g: {t: {f: [sum(v), len(v)] for f, v in fs.items() if v} for t, fs in tab.items()}
            for g, tab in per_group.items()
        },
        "timing": {
            "pages": len(walls),
            "median_s": statistics.median(walls),
            "p95_s": walls[int(0.95 * (len(walls) - 1))],
            "max_s": slowest[0],
            "max_cpu_s": max(t[1] for t in timings),
            "cpu_median_s": statistics.median(cpus),
            "cpu_p95_s": cpus[int(0.95 * (len(cpus) - 1))],
            "slowest": slowest[2],
            "slowest_cpu": max(timings, key=lambda t: t[1])[2],
            "peers_max_cpu_s": peer_cpu,
            "large_pages": large,
        },
        "refused": errors,
        "misses": misses,
    }
    (HERE / "results.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    _write_readme(results, per_group, groups)


def _write_readme(results: dict[str, Any], per_group: Any, groups: dict[str, Any]) -> None:
    """The tables of ``README.md`` between ``<!-- scores -->`` and ``<!-- /scores -->``."""
    versions = ", ".join(f"{k} {v}" for k, v in results["versions"].items())
    lines = [
        f"Run {results['date']} on {results['machine']} (load average {results['load']['before']}"
        f" before, {results['load']['after']} after) with `{results['command']}`; peers "
        f"{versions}. {len(results['corrected'])} expectations corrected and "
        "7 cases excluded, each with its reason, in [`corrections.json`](corrections.json).",
        "",
    ]
    names = {
        "all": "All cases",
        "ours-ar": "Arabic pages (ours)",
        "ours-es": "Spanish pages (ours)",
    }
    names["trafilatura-jsonld"] = "trafilatura's JSON-LD test data (held out)"
    for group in [
        "all",
        "ours-ar",
        "ours-es",
        "newspaper4k",
        "htmldate",
        "trafilatura",
        "trafilatura-jsonld",
    ]:
        if group in groups:
            title = names.get(group, f"{group}'s test data")
            lines += [
                f"**{title}** ({len(groups[group])} pages)",
                "",
                *_table(per_group[group]),
                "",
            ]
    t = results["timing"]
    lines.append(
        f"Time per page, ours (in process, {t['pages']} pages): CPU median "
        f"{t['cpu_median_s'] * 1000:.1f} ms, p95 {t['cpu_p95_s'] * 1000:.1f} ms, max "
        f"{t['max_cpu_s'] * 1000:.1f} ms ({t['slowest_cpu']}); wall max "
        f"{t['max_s'] * 1000:.1f} ms ({t['slowest']}) on the loaded machine. "
        f"{len(results['refused'])} pages refused as no article (htmldate's and trafilatura's "
        "fixtures with no headline, date, author or text). Peers' slowest page (CPU, in their "
        "own process): "
        + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in t["peers_max_cpu_s"].items())
        + "."
    )
    lines += [
        "",
        "Pages larger than any of the cases, built from the newspaper4k pages' text "
        "(best of 3 runs):",
        "",
        "| large page | size | wall | CPU |",
        "|---|---:|---:|---:|",
    ]
    lines += [
        f"| {p['page']} | {p['bytes'] / 1e6:.1f} MB | {p['wall_s']:.2f} s | {p['cpu_s']:.2f} s |"
        for p in t["large_pages"]
    ]
    readme = HERE / "README.md"
    text = readme.read_text(encoding="utf-8")
    head, _, rest = text.partition("<!-- scores -->")
    _, _, tail = rest.partition("<!-- /scores -->")
    readme.write_text(
        head + "<!-- scores -->\n" + "\n".join(lines) + "\n<!-- /scores -->" + tail,
        encoding="utf-8",
    )
    print("\n".join(lines))


if __name__ == "__main__":
    main()

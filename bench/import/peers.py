"""Run htmldate, trafilatura and newspaper4k on the harness's cases.

Runs in the peers' own virtualenv (they are not dependencies of i18n_news):

    /tmp/i18nnews-import-peers/bin/python bench/import/peers.py CACHE

Each peer is called the way its documentation tells a user to read a saved
page's metadata, with the page's URL where the case has one:

* htmldate: ``find_date(html, url=…, original_date=True, outputformat=ISO)``
  — the publication date (not the latest one);
* trafilatura: ``extract_metadata(html, default_url=…)`` — title, author,
  date, description (it does not report a language);
* newspaper4k: ``Article(url).download(input_html=html)``, ``.parse()`` —
  title, authors, publish_date, meta_description, meta_lang.

Writes ``CACHE/peers.json``: per peer and case, the fields and the CPU time.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sys
import time
import warnings
from importlib.metadata import version
from pathlib import Path
from typing import Any

warnings.filterwarnings("ignore")
logging.disable(logging.CRITICAL)


def _html(case: dict[str, Any]) -> str:
    if "html" in case:
        return str(case["html"])
    data = Path(case["file"]).read_bytes()
    return data.decode("utf-8", errors="replace")


def run_htmldate(html: str, url: str) -> dict[str, Any]:
    from htmldate import find_date

    found = find_date(html, url=url or None, original_date=True, outputformat="%Y-%m-%dT%H:%M:%S%z")
    return {"date": found}


def run_trafilatura(html: str, url: str) -> dict[str, Any]:
    from trafilatura import extract_metadata

    meta = extract_metadata(html, default_url=url or None)
    if meta is None:
        return {}
    authors = [a.strip() for a in (meta.author or "").split(";") if a.strip()]
    return {
        "title": meta.title,
        "date": meta.date,
        "author": authors,
        "summary": meta.description,
        "language": None,
    }


def run_newspaper(html: str, url: str) -> dict[str, Any]:
    from newspaper import Article

    article = Article(url or "https://example.org/article.html", fetch_images=False)
    article.download(input_html=html)
    article.parse()
    date = article.publish_date.isoformat() if article.publish_date else None
    return {
        "title": article.title,
        "date": date,
        "author": list(article.authors),
        "summary": article.meta_description,
        "language": article.meta_lang or None,
    }


PEERS = {"htmldate": run_htmldate, "trafilatura": run_trafilatura, "newspaper4k": run_newspaper}
PACKAGES = {"htmldate": "htmldate", "trafilatura": "trafilatura", "newspaper4k": "newspaper4k"}


def main(cache: Path) -> None:
    cases = json.loads((cache / "cases.json").read_text(encoding="utf-8"))
    out: dict[str, Any] = {"versions": {p: version(PACKAGES[p]) for p in PEERS}, "results": {}}
    for name, run in PEERS.items():
        # Import and warm the peer as a second page would find it, as ours is; a failure on
        # this page is recorded below.
        with contextlib.suppress(Exception):
            run(_html(cases[0]), cases[0].get("url") or "")
        results = {}
        for case in cases:
            html = _html(case)
            started = time.process_time()
            try:
                fields = run(html, case.get("url") or "")
                error = None
            except Exception as exc:  # a peer that fails on a page scores nothing on it
                fields, error = {}, f"{type(exc).__name__}: {exc}"[:200]
            results[case["id"]] = {
                "fields": fields,
                "cpu": time.process_time() - started,
                "error": error,
            }
        out["results"][name] = results
        print(f"{name}: {len(results)} cases", file=sys.stderr)
    (cache / "peers.json").write_text(
        json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]))

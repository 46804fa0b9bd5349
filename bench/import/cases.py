"""Build the import harness's cases from the peers' own released test data.

Run with the peers' virtualenv (it imports their test modules to read the
expectations they assert), after ``setup.sh`` has unpacked the sdists:

    /tmp/i18nnews-import-peers/bin/python bench/import/cases.py CACHE

Sources, each cited by its sdist and file:

* newspaper4k ``tests/data/html/*.html`` with ``tests/data/metadata/*.json``
  (title, authors, publish_date, meta_description, meta_lang);
* htmldate ``tests/unit_tests.py``: every ``assert find_date(HTML, …) == D``
  that asks for the publication date of a literal page;
* trafilatura ``tests/metadata_tests.py``: every ``assert
  extract_metadata(HTML).<field> == X`` on a literal page (title, author,
  date, description);
* the pages of ``bench/import/pages/`` (ours, Arabic and Spanish).

The assertions are read by rewriting each ``assert CALL == EXPECTED`` of
the test module into a recording call and running the test functions with
a stub in place of the peer's function, so every literal case is taken as
the peer's authors wrote it.
"""

from __future__ import annotations

import ast
import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

#: Fields a case may expect: title, date, author, summary, language.
Case = dict[str, Any]


class _Call:
    def __init__(self, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        self.name, self.args, self.kwargs = name, args, kwargs

    def __getattr__(self, attr: str) -> _Attr:
        if attr.startswith("__"):
            raise AttributeError(attr)
        return _Attr(self, attr)


class _Attr:
    def __init__(self, call: _Call, attr: str) -> None:
        self.call, self.attr = call, attr


class _Rewrite(ast.NodeTransformer):
    """``assert X == Y`` / ``assert X is None`` -> ``_record(X, Y)``."""

    def visit_Assert(self, node: ast.Assert) -> ast.AST:
        test = node.test
        if (
            isinstance(test, ast.Compare)
            and len(test.ops) == 1
            and isinstance(test.ops[0], (ast.Eq, ast.Is))
        ):
            call = ast.Call(
                func=ast.Name("_record", ast.Load()),
                args=[test.left, test.comparators[0]],
                keywords=[],
            )
            return ast.copy_location(ast.Expr(call), node)
        return ast.copy_location(ast.Pass(), node)


def _recorded(path: Path, stubbed: tuple[str, ...], functions: tuple[str, ...]) -> list[Any]:
    """Run the test ``functions`` of ``path`` with ``stubbed`` names recording their calls."""
    tree = _Rewrite().visit(ast.parse(path.read_text(encoding="utf-8")))
    ast.fix_missing_locations(tree)
    records: list[tuple[Any, Any]] = []
    namespace: dict[str, Any] = {"__name__": "peer_tests", "__file__": str(path)}
    exec(compile(tree, str(path), "exec"), namespace)
    for name in stubbed:
        namespace[name] = lambda *a, _n=name, **k: _Call(_n, a, k)
    namespace["_record"] = lambda got, expected: records.append((got, expected))
    for function in functions:
        try:
            namespace[function]()
        except Exception as exc:  # a test that needs more than literal pages
            print(f"{path.name}:{function}: stopped early ({type(exc).__name__})", file=sys.stderr)
    return records


_MODIFIED = re.compile(r"modif|updat|last|geändert|aktualisiert|change", re.I)


def htmldate_cases(sdist: Path) -> list[Case]:
    tests = sdist / "tests" / "unit_tests.py"
    functions = (
        "test_exact_date",
        "test_no_date",
        "test_free_text_timezone",
        "test_search_html",
        "test_idiosyncrasies",
    )
    cases: list[Case] = []
    seen: set[str] = set()
    for got, asserted in _recorded(tests, ("find_date",), functions):
        expected = asserted
        if not isinstance(got, _Call) or not got.args or not isinstance(got.args[0], str):
            continue
        page, kwargs = got.args[0], dict(got.kwargs)
        if len(got.args) > 1 or not page.lstrip().startswith("<"):
            continue
        fmt = kwargs.pop("outputformat", "%Y-%m-%d")
        original = kwargs.pop("original_date", None)
        kwargs.pop("extensive_search", None)
        if kwargs or fmt not in ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S%z"):
            continue  # a URL, a date range, a custom parser: not a page's own date
        if original is not True and _MODIFIED.search(page):
            continue  # without original_date the expectation is the *latest* date
        if expected is not None and not isinstance(expected, str):
            continue
        if expected is None and got.kwargs.get("extensive_search") is False:
            continue  # "no date in fast mode" is a mode, not the page's answer
        if expected and fmt != "%Y-%m-%d":
            expected = re.sub(r"^(\S+) (\d\d:\d\d:\d\d)([+-]\d\d)(\d\d)$", r"\1T\2\3:\4", expected)
        if page in seen:
            continue
        seen.add(page)
        cases.append(
            {
                "id": f"htmldate/{len(cases) + 1:03d}",
                "set": "htmldate",
                "lang": "",
                "html": page,
                "expect": {"date": expected},
            }
        )
    return cases


_TRAFILATURA_FIELDS = {
    "title": "title",
    "author": "author",
    "date": "date",
    "description": "summary",
}


def trafilatura_cases(
    sdist: Path,
    module: str = "metadata_tests.py",
    name: str = "trafilatura",
    functions: tuple[str, ...] | None = None,
) -> list[Case]:
    tests = sdist / "tests" / module
    functions = functions or (
        "test_titles",
        "test_author_from_meta",
        "test_author_from_markup",
        "test_description",
        "test_dates",
        "test_meta",
        "test_tags_with_complete_opengraph_metadata",
    )
    by_page: dict[str, Case] = {}
    for got, asserted in _recorded(tests, ("extract_metadata",), functions):
        expected = asserted
        if not isinstance(got, _Attr) or got.attr not in _TRAFILATURA_FIELDS:
            continue
        call = got.call
        if not call.args or not isinstance(call.args[0], str) or set(call.kwargs) - {"extensive"}:
            continue
        if expected is not None and not isinstance(expected, str):
            continue
        page = _as_saved(call.args[0])
        case = by_page.setdefault(
            page,
            {
                "id": f"{name}/{len(by_page) + 1:03d}",
                "set": name,
                "lang": "",
                "html": page,
                "expect": {},
            },
        )
        field = _TRAFILATURA_FIELDS[got.attr]
        if field == "author" and expected:
            expected = [name.strip() for name in expected.split(";")]  # trafilatura joins with "; "
        case["expect"].setdefault(field, expected)
    return list(by_page.values())


def _as_saved(page: str) -> str:
    """The page as a saved file holds it: a Python literal's surrogate pairs
    (``"\\ud83c\\udde7"`` in a test's source) joined into the characters they encode."""
    return page.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _first_day(value: str | None) -> str | None:
    return value.replace(" ", "T", 1) if value else None


def newspaper_cases(sdist: Path) -> list[Case]:
    data = sdist / "tests" / "data"
    cases: list[Case] = []
    for meta in sorted((data / "metadata").glob("*.json")):
        page = data / "html" / f"{meta.stem}.html"
        if not page.exists():
            continue
        expected = json.loads(meta.read_text(encoding="utf-8"))
        lang = expected.get("meta_lang") or expected.get("language") or ""
        cases.append(
            {
                "id": f"newspaper4k/{meta.stem}",
                "set": "newspaper4k",
                "lang": lang,
                "file": str(page),
                "url": expected.get("url") or "",
                "expect": {
                    "title": expected.get("title") or None,
                    "date": _first_day(expected.get("publish_date")),
                    "author": expected.get("authors") or None,
                    "summary": expected.get("meta_description") or None,
                    "language": lang or None,
                },
            }
        )
    return cases


def our_cases() -> list[Case]:
    cases = []
    for expectation in sorted((HERE / "pages").glob("*.json")):
        expected = json.loads(expectation.read_text(encoding="utf-8"))
        cases.append(
            {
                "id": f"ours/{expectation.stem}",
                "set": "ours-" + expected["language"],
                "lang": expected["language"],
                "file": str(expectation.with_suffix(".html")),
                "url": "",
                "expect": {
                    k: expected.get(k) for k in ("title", "date", "author", "summary", "language")
                },
            }
        )
    return cases


def corrected(cases: list[Case]) -> tuple[list[Case], dict[str, str]]:
    """Apply ``corrections.json``: changed expectations (each with its evidence) and exclusions."""
    fixes = json.loads((HERE / "corrections.json").read_text(encoding="utf-8"))
    excluded: dict[str, str] = fixes.pop("exclude")
    fixes.pop("_about")
    kept = []
    for case in cases:
        if case["id"] in excluded:
            continue
        for field, value in fixes.get(case["id"], {}).items():
            if field != "why":
                case["expect"][field] = value
                case.setdefault("corrected", []).append(field)
        kept.append(case)
    return kept, excluded


def main(cache: Path) -> None:
    sdists = {p.name.rsplit("-", 1)[0]: p for p in cache.iterdir() if p.is_dir()}
    cases, excluded = corrected(
        newspaper_cases(sdists["newspaper4k"])
        + htmldate_cases(sdists["htmldate"])
        + trafilatura_cases(sdists["trafilatura"])
        + trafilatura_cases(
            sdists["trafilatura"],
            "json_metadata_tests.py",
            "trafilatura-jsonld",
            ("test_json_extraction",),
        )
        + our_cases()
    )
    for case in cases:  # an author list that names nobody is no expectation of an author
        case["expect"] = {k: v for k, v in case["expect"].items() if k != "author" or v}
    print(f"{len(excluded)} cases excluded (corrections.json)", file=sys.stderr)
    out = cache / "cases.json"
    out.write_text(json.dumps(cases, ensure_ascii=False, indent=1), encoding="utf-8")
    counts: dict[str, int] = {}
    for case in cases:
        counts[case["set"]] = counts.get(case["set"], 0) + 1
    print(f"{out}: {len(cases)} cases {counts}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))

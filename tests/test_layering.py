"""The package is layered as its pipeline: a stage imports only its own and lower stages.

The order is the one docs/architecture.md draws. Lazy imports inside
functions count too, so the test reads every import statement of every module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from helpers import ROOT

PACKAGE = ROOT / "i18n_news"

#: Lowest first; stages on one line may not import each other.
LAYERS: list[tuple[str, ...]] = [
    ("errors", "model"),
    ("fs",),
    ("localize",),
    ("config",),
    ("sources",),
    ("catalogs",),
    ("ui",),
    ("importer", "site"),
    ("checks",),
    ("report",),
    ("cli",),
    ("__main__",),
]
RANK = {stage: rank for rank, stages in enumerate(LAYERS) for stage in stages}


def _stage(module: str) -> str:
    """``i18n_news.site.build`` -> ``site``; the package's face (``__version__``): ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in RANK else "__init__"


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "i18n_news":
                found += [(node.lineno, f"i18n_news.{a.name}") for a in node.names]
            elif node.module.startswith("i18n_news."):
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("i18n_news.")]
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


def test_every_stage_has_a_place() -> None:
    top = {p.relative_to(PACKAGE).parts[0].removesuffix(".py") for p in MODULES}
    assert top - {"__init__"} <= set(RANK), top - set(RANK)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_imports_go_down_the_pipeline(path: Path) -> None:
    own = _stage("i18n_news." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts))
    if own == "__init__":
        return
    wrong = [
        f"{path.relative_to(ROOT)}:{line}: {own} imports {module}"
        for line, module in _imports(path)
        if _stage(module) not in ("__init__", own) and RANK[_stage(module)] >= RANK[own]
    ]
    assert wrong == []

"""The one table of checks. IDs are stable and never reused (like ruff's codes).

A check is a function that yields ``Finding``s; its docstring's first line is
the one-line description and the rest is the long doc shown by ``--explain``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from i18n_news.model import Finding, Severity

CheckFunc = Callable[..., Iterable[Finding]]


@dataclass(frozen=True)
class CheckSpec:
    id: str
    name: str
    severity: Severity
    family: str
    since: str
    func: CheckFunc
    deprecated: bool = False

    @property
    def summary(self) -> str:
        return (inspect.getdoc(self.func) or "").split("\n", 1)[0].strip()

    @property
    def doc(self) -> str:
        parts = (inspect.getdoc(self.func) or "").split("\n", 1)
        return parts[1].strip() if len(parts) > 1 else ""


CHECKS: dict[str, CheckSpec] = {}


def register(
    check_id: str, name: str, severity: Severity | str, family: str, since: str = "0.1.0"
) -> Callable[[CheckFunc], CheckFunc]:
    """Add a check to ``CHECKS``; a duplicate ID is a programming error."""

    def wrap(func: CheckFunc) -> CheckFunc:
        if check_id in CHECKS:
            raise RuntimeError(f"check ID {check_id} registered twice")
        CHECKS[check_id] = CheckSpec(check_id, name, Severity(severity), family, since, func)
        return func

    return wrap


def family(name: str) -> list[CheckSpec]:
    return [spec for spec in CHECKS.values() if spec.family == name and not spec.deprecated]


def finding(spec_id: str, path: str, line: int, message: str, **extra: Any) -> Finding:
    """A Finding with the check's default severity (config may re-level it later)."""
    spec = CHECKS[spec_id]
    return Finding(spec_id, spec.severity, path, line or 0, message, **extra)


def load_all() -> dict[str, CheckSpec]:
    """Import every check module so that ``CHECKS`` is complete; returns it sorted by ID."""
    from i18n_news.checks import catalog, parity, rtl  # noqa: F401  (registers the checks)

    return dict(sorted(CHECKS.items()))


def lookup(id_or_name: str) -> CheckSpec | None:
    """A check by ID (``PO101``, any case) or by name (``placeholder-mismatch``)."""
    checks = load_all()
    wanted = id_or_name.strip()
    if wanted.upper() in checks:
        return checks[wanted.upper()]
    return next((spec for spec in checks.values() if spec.name == wanted.lower()), None)

"""``[tool.i18nnews.check]``: which checks run, at which severity, with which thresholds.

```toml
[tool.i18nnews.check]
select = ["ALL"]                 # ID prefixes to run (default: all)
ignore = ["PO141"]               # ID prefixes not to run
severity = { PO132 = "ignore", RTL = "error" }   # error | warning | info | ignore
fuzzy = 0                        # fuzzy entries a catalog may have: a count or "5%"
untranslated = 0                 # untranslated entries, likewise
theme = ["assets/**/*.css"]      # more templates and stylesheets for the RTL lint

[tool.i18nnews.check.editions.es]      # per edition: ignore, severity, fuzzy, untranslated
untranslated = "2%"

[tool.i18nnews.check.paths."locales/*/LC_MESSAGES/articles/*.po"]   # per path glob
untranslated = "100%"
```

Like flake8, the longest matching prefix decides between ``select`` and
``ignore``; like compare-locales, editions and paths can re-level or drop
checks; the most specific setting wins (path over edition over global).
The table is validated when ``check`` loads it; errors carry the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from i18n_news.checks.catalog import Threshold
from i18n_news.checks.registry import CHECKS
from i18n_news.config import Config
from i18n_news.errors import I18nNewsError
from i18n_news.model import Finding, Severity

__all__ = ["CheckSettings", "Scope", "glob_regex", "load_settings", "parse_threshold"]

LEVELS = ("error", "warning", "info", "ignore")
_TOP_KEYS = ("select", "ignore", "severity", "fuzzy", "untranslated", "theme", "editions", "paths")
_SCOPE_KEYS = ("ignore", "severity", "fuzzy", "untranslated")
_PERCENT = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*%\s*$")


@dataclass(frozen=True)
class Scope:
    """Settings that apply to the findings of one edition, one path glob, or all."""

    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    fuzzy: Threshold | None = None
    untranslated: Threshold | None = None

    def level_for(self, check_id: str) -> str | None:
        """The level the longest matching prefix sets, or None."""
        best: tuple[int, str] | None = None
        for prefix, level in self.severity:
            if _matches(prefix, check_id) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), level)
        return best[1] if best else None

    def ignores(self, check_id: str) -> bool:
        return any(_matches(p, check_id) for p in self.ignore)


@dataclass(frozen=True)
class CheckSettings:
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    base: Scope = Scope()
    editions: Mapping[str, Scope] = field(default_factory=dict)
    paths: tuple[tuple[str, re.Pattern[str], Scope], ...] = ()
    theme: tuple[str, ...] = ()

    def with_cli(self, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> CheckSettings:
        """Command-line ``--select`` replaces the configured selection; ``--ignore`` adds."""
        select, ignore = tuple(select), tuple(ignore)
        for prefix in (*select, *ignore):
            _known_prefix(prefix, lambda m: I18nNewsError(f"--select/--ignore: {m}"))
        return replace(
            self,
            select=tuple(p.upper() for p in select) or self.select,
            ignore=self.ignore + tuple(p.upper() for p in ignore),
        )

    def selected(self, check_id: str) -> bool:
        """flake8's rule: the longest matching prefix of select/ignore decides."""
        chosen = max((len(p) for p in self.select if _matches(p, check_id)), default=-1)
        dropped = max((len(p) for p in self.ignore if _matches(p, check_id)), default=-1)
        return chosen >= 0 and chosen > dropped

    def scopes(self, finding: Finding) -> list[Scope]:
        """Scopes that apply to a finding, least specific first."""
        out = [self.base]
        if finding.edition and finding.edition in self.editions:
            out.append(self.editions[finding.edition])
        out.extend(scope for _, regex, scope in self.paths if regex.fullmatch(finding.path))
        return out

    def apply(self, finding: Finding) -> Finding | None:
        """The finding at its configured severity, or None when it is not wanted."""
        if not self.selected(finding.check_id):
            return None
        severity = finding.severity.value
        for scope in self.scopes(finding):
            if scope.ignores(finding.check_id):
                return None
            severity = scope.level_for(finding.check_id) or severity
        if severity == "ignore":
            return None
        if severity != finding.severity.value:
            return replace(finding, severity=Severity(severity))
        return finding

    def thresholds(self, path: str, edition: str | None) -> tuple[Threshold, Threshold]:
        """``(fuzzy, untranslated)`` for a catalog: path globs over edition over global."""
        fuzzy, untranslated = Threshold(), Threshold()
        scopes = [self.base]
        if edition and edition in self.editions:
            scopes.append(self.editions[edition])
        scopes.extend(scope for _, regex, scope in self.paths if regex.fullmatch(path))
        for scope in scopes:
            fuzzy = scope.fuzzy or fuzzy
            untranslated = scope.untranslated or untranslated
        return fuzzy, untranslated


def _matches(prefix: str, check_id: str) -> bool:
    return prefix == "ALL" or check_id.startswith(prefix)


def _known_prefix(prefix: Any, fail: Any) -> str:
    if not isinstance(prefix, str) or not prefix.strip():
        raise fail(f"{prefix!r} is not a check ID or prefix")
    prefix = prefix.strip().upper()
    if prefix != "ALL" and not any(check_id.startswith(prefix) for check_id in CHECKS):
        raise fail(f"'{prefix}' matches no check ID (see `i18nnews check --list`)")
    return prefix


def parse_threshold(value: Any, fail: Any) -> Threshold:
    """A count (``3``) or a share (``"5%"``) of a catalog's entries.

    >>> parse_threshold(3, ValueError), parse_threshold("2.5%", ValueError)
    (Threshold(count=3, percent=None), Threshold(count=None, percent=2.5))
    """
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return Threshold(count=value)
    if isinstance(value, str):
        match = _PERCENT.match(value)
        if match and float(match.group(1)) <= 100:
            return Threshold(count=None, percent=float(match.group(1)))
    raise fail(f'{value!r} is not a threshold: use a count such as 3 or a share such as "5%"')


def glob_regex(pattern: str) -> re.Pattern[str]:
    """A path glob relative to the newsroom: ``*`` within a folder, ``**`` across folders.

    A pattern also matches everything below it, so ``content/ar`` means the folder.

    >>> bool(glob_regex("locales/*/LC_MESSAGES/articles/*.po").fullmatch(
    ...     "locales/ar/LC_MESSAGES/articles/x.po"))
    True
    >>> bool(glob_regex("content/**/opinion").fullmatch("content/es/opinion/a.md"))
    True
    """
    out: list[str] = []
    i = 0
    pattern = pattern.strip().strip("/")
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + "(?:/.*)?")


def load_settings(config: Config) -> CheckSettings:
    """Validate ``[tool.i18nnews.check]``; errors are ``path:line: message``."""
    raw = config.raw.get("check", {})

    def fail_at(*keys: str) -> Any:
        def fail(message: str) -> I18nNewsError:
            dotted = ".".join(("check", *keys))
            return I18nNewsError(
                f"{dotted}: {message}", config.path, config.line_of("check", *keys)
            )

        return fail

    if not isinstance(raw, dict):
        raise fail_at()("must be a table")
    _unknown(raw, _TOP_KEYS, (), fail_at)
    select = _prefixes(raw.get("select", ["ALL"]), fail_at("select"))
    ignore = _prefixes(raw.get("ignore", []), fail_at("ignore"))
    base = _scope(raw, (), fail_at, top=True)
    editions_raw = raw.get("editions", {})
    if not isinstance(editions_raw, dict):
        raise fail_at("editions")("must be a table of editions")
    editions: dict[str, Scope] = {}
    for code, table in editions_raw.items():
        if code not in config.editions:
            raise fail_at("editions", code)(
                f"'{code}' is not a configured edition ({', '.join(config.editions)})"
            )
        if not isinstance(table, dict):
            raise fail_at("editions", code)("must be a table")
        _unknown(table, _SCOPE_KEYS, ("editions", code), fail_at)
        editions[code] = _scope(table, ("editions", code), fail_at)
    paths_raw = raw.get("paths", {})
    if not isinstance(paths_raw, dict):
        raise fail_at("paths")('must be a table of path globs, e.g. [check.paths."content/es"]')
    paths: list[tuple[str, re.Pattern[str], Scope]] = []
    for glob, table in paths_raw.items():
        if not isinstance(table, dict):
            raise fail_at("paths", glob)("must be a table")
        _unknown(table, _SCOPE_KEYS, ("paths", glob), fail_at)
        paths.append((glob, glob_regex(glob), _scope(table, ("paths", glob), fail_at)))
    theme = raw.get("theme", [])
    if not isinstance(theme, list) or not all(isinstance(t, str) and t for t in theme):
        raise fail_at("theme")("must be a list of path globs")
    return CheckSettings(
        select=select, ignore=ignore, base=base, editions=editions, paths=tuple(paths),
        theme=tuple(theme),
    )  # fmt: skip


def _unknown(
    table: dict[str, Any], allowed: tuple[str, ...], where: tuple[str, ...], fail_at: Any
) -> None:
    for key in table:
        if key not in allowed:
            raise fail_at(*where, key)(f"unknown key (allowed here: {', '.join(allowed)})")


def _prefixes(value: Any, fail: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise fail("must be a list of check IDs or prefixes")
    return tuple(_known_prefix(v, fail) for v in value)


def _scope(table: dict[str, Any], where: tuple[str, ...], fail_at: Any, top: bool = False) -> Scope:
    ignore = () if top else _prefixes(table.get("ignore", []), fail_at(*where, "ignore"))
    severity_raw = table.get("severity", {})
    if not isinstance(severity_raw, dict):
        raise fail_at(*where, "severity")('must be a table such as { PO132 = "ignore" }')
    severity: list[tuple[str, str]] = []
    for prefix, level in severity_raw.items():
        fail = fail_at(*where, "severity", prefix)
        if level not in LEVELS:
            raise fail(f"{level!r} is not one of {', '.join(LEVELS)}")
        severity.append((_known_prefix(prefix, fail), level))
    fuzzy = table.get("fuzzy")
    untranslated = table.get("untranslated")
    return Scope(
        ignore=ignore,
        severity=tuple(severity),
        fuzzy=parse_threshold(fuzzy, fail_at(*where, "fuzzy")) if fuzzy is not None else None,
        untranslated=(
            parse_threshold(untranslated, fail_at(*where, "untranslated"))
            if untranslated is not None
            else None
        ),
    )

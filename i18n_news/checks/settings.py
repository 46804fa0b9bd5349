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
The table is validated with the rest of the configuration (``config.check``);
here the registry judges whether each prefix names a check, and the
settings decide what happens to each finding.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace

from i18n_news.checks.registry import CHECKS
from i18n_news.config import CheckScope, Config, Threshold
from i18n_news.errors import I18nNewsError
from i18n_news.model import Finding, Severity

__all__ = ["CheckSettings", "glob_regex", "load_settings"]


@dataclass(frozen=True)
class CheckSettings:
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    base: CheckScope = CheckScope()
    editions: Mapping[str, CheckScope] = field(default_factory=dict)
    paths: tuple[tuple[str, re.Pattern[str], CheckScope], ...] = ()
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

    def scopes(self, finding: Finding) -> list[CheckScope]:
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
            if any(_matches(p, finding.check_id) for p in scope.ignore):
                return None
            severity = _level_for(scope, finding.check_id) or severity
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


def _level_for(scope: CheckScope, check_id: str) -> str | None:
    """The level the longest matching prefix sets, or None."""
    best: tuple[int, str] | None = None
    for prefix, level in scope.severity:
        if _matches(prefix, check_id) and (best is None or len(prefix) > best[0]):
            best = (len(prefix), level)
    return best[1] if best else None


def _config_error(config: Config, keys: tuple[str, ...], message: str) -> I18nNewsError:
    return config.error(f"{config.key_path('check', *keys)}: {message}", "check", *keys)


def _known_prefix(prefix: object, fail: Callable[[str], I18nNewsError]) -> str:
    if not isinstance(prefix, str) or not prefix.strip():
        raise fail(f"{prefix!r} is not a check ID or prefix")
    prefix = prefix.strip().upper()
    if prefix != "ALL" and not any(check_id.startswith(prefix) for check_id in CHECKS):
        raise fail(f"'{prefix}' matches no check ID (see `i18nnews check --list`)")
    return prefix


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
    """The configured ``[check]`` table, its prefixes checked against the registry.

    Everything else was validated on load; an unknown ID is ``path:line: message``.
    """
    check = config.check
    for prefix, keys in check.prefixes:
        _known_prefix(prefix, functools.partial(_config_error, config, keys))
    return CheckSettings(
        select=check.select,
        ignore=check.ignore,
        base=check.base,
        editions=check.editions,
        paths=tuple((glob, glob_regex(glob), scope) for glob, scope in check.paths),
        theme=check.theme,
    )

"""The newsroom's taxonomy: sections, regions, tags, sources and authors.

``content/taxonomy.toml`` names each entry by key with its English label
(``[sections.politics] label = "Politics"``). Labels are translated in the
``taxonomy`` domain with msgctxt = the *singular* kind (``section``), which is
why the API speaks singular kinds. A missing file is an empty taxonomy: a
newsroom may have none.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from i18n_news.config import KeyPath, did_you_mean, toml_error, toml_key_lines
from i18n_news.errors import I18nNewsError
from i18n_news.fs import read_text

#: Singular kind names, in the order extraction and reports list them.
KINDS: tuple[str, ...] = ("section", "region", "tag", "source", "author")
#: The table name of each kind in taxonomy.toml.
TABLES: dict[str, str] = {kind: f"{kind}s" for kind in KINDS}
_KIND_OF_TABLE = {table: kind for kind, table in TABLES.items()}
_ENTRY_KEYS = ("label", "parent", "editions")
_KEY_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


@dataclass(frozen=True)
class TaxonomyEntry:
    """One key of one kind; ``editions`` is None when every edition may use it."""

    kind: str
    key: str
    label: str
    parent: str | None = None
    editions: tuple[str, ...] | None = None
    line: int = 0


@dataclass(frozen=True)
class Taxonomy:
    """Entries by kind and key, in file order; immutable once loaded."""

    path: Path | None = None
    kinds: Mapping[str, Mapping[str, TaxonomyEntry]] = field(
        default_factory=lambda: MappingProxyType({})
    )

    def declares(self, kind: str) -> bool:
        """Whether the file has a table for ``kind``; undeclared kinds are not validated."""
        return _kind(kind) in self.kinds

    def entries(self, kind: str) -> list[TaxonomyEntry]:
        return list(self.kinds.get(_kind(kind), {}).values())

    def get(self, kind: str, key: str) -> TaxonomyEntry | None:
        return self.kinds.get(_kind(kind), {}).get(key)

    def __contains__(self, item: tuple[str, str]) -> bool:
        return self.get(*item) is not None

    def label(self, kind: str, key: str) -> str:
        """The English label of ``key``; the key itself when the taxonomy lacks it."""
        entry = self.get(kind, key)
        return entry.label if entry else key

    def allowed_in(self, kind: str, key: str, edition: str) -> bool:
        """True when ``key`` exists and is not exclusive to other editions."""
        entry = self.get(kind, key)
        return entry is not None and (entry.editions is None or edition in entry.editions)

    def __bool__(self) -> bool:
        return any(self.kinds.values())


def _kind(kind: str) -> str:
    if kind in KINDS:
        return kind
    if kind in _KIND_OF_TABLE:
        return _KIND_OF_TABLE[kind]
    raise ValueError(f"unknown taxonomy kind {kind!r} (one of {', '.join(KINDS)})")


def load_taxonomy(path: Path | str, editions: Iterable[str] | None = None) -> Taxonomy:
    """Read and validate ``taxonomy.toml``; a missing file gives an empty taxonomy.

    :param editions: configured edition codes, to validate ``editions = [...]``.
    """
    path = Path(path)
    if not path.exists():
        return Taxonomy(path)
    text = read_text(path, "taxonomy file")
    return parse_taxonomy(text, path, editions)


def parse_taxonomy(
    text: str, path: Path | str | None = None, editions: Iterable[str] | None = None
) -> Taxonomy:
    """Validate taxonomy TOML text; errors point at the line of ``[kind.key]``."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message, line = toml_error(exc, text)
        raise I18nNewsError(f"invalid TOML: {message}", path, line) from None
    lines = toml_key_lines(text)
    known = set(editions) if editions is not None else None

    def fail(message: str, *keys: str) -> I18nNewsError:
        where: KeyPath = keys
        while where and where not in lines:
            where = where[:-1]
        return I18nNewsError(message, path, lines.get(where, 0) if where else 0)

    kinds: dict[str, dict[str, TaxonomyEntry]] = {}
    for table, entries in data.items():
        if table not in _KIND_OF_TABLE:
            raise fail(
                f"unknown taxonomy table '{table}'{_hint(table, TABLES.values())} "
                f"(allowed: {', '.join(TABLES.values())})",
                table,
            )
        if not isinstance(entries, dict):
            raise fail(f"'{table}' must be a table of entries", table)
        kind = _KIND_OF_TABLE[table]
        kinds[kind] = {
            key: _entry(kind, table, key, raw, known, fail, lines) for key, raw in entries.items()
        }
    for entries in kinds.values():
        for entry in entries.values():
            _check_parent(entry, entries, fail)
    ordered = {kind: MappingProxyType(kinds[kind]) for kind in KINDS if kind in kinds}
    return Taxonomy(Path(path) if path is not None else None, MappingProxyType(ordered))


def _entry(
    kind: str,
    table: str,
    key: str,
    raw: Any,
    known: set[str] | None,
    fail: Any,
    lines: Mapping[KeyPath, int],
) -> TaxonomyEntry:
    where = f"{table}.{key}"
    if not _KEY_RE.match(key):
        raise fail(f"{where}: a key may use letters, digits, '-', '_' and '.' only", table, key)
    if not isinstance(raw, dict):
        raise fail(f'{where} must be a table such as {{ label = "…" }}', table, key)
    for name in raw:
        if name not in _ENTRY_KEYS:
            raise fail(
                f"{where}: unknown key '{name}'{_hint(name, _ENTRY_KEYS)} "
                f"(allowed: {', '.join(_ENTRY_KEYS)})",
                table,
                key,
            )
    label = raw.get("label")
    if not isinstance(label, str) or not label.strip():
        raise fail(f"{where}: 'label' must be a non-empty string", table, key)
    parent = raw.get("parent")
    if parent is not None and not isinstance(parent, str):
        raise fail(f"{where}: 'parent' must be the key of another {kind}", table, key)
    editions = raw.get("editions")
    if editions is not None:
        if (
            not isinstance(editions, list)
            or not editions
            or not all(isinstance(code, str) for code in editions)
        ):
            raise fail(f"{where}: 'editions' must be a non-empty list of edition codes", table, key)
        for code in editions:
            if known is not None and code not in known:
                raise fail(
                    f"{where}: '{code}' is not a configured edition ({', '.join(sorted(known))})",
                    table,
                    key,
                )
        editions = tuple(editions)
    return TaxonomyEntry(kind, key, label, parent, editions, lines.get((table, key), 0))


def _check_parent(entry: TaxonomyEntry, entries: Mapping[str, TaxonomyEntry], fail: Any) -> None:
    seen = {entry.key}
    current = entry
    while current.parent is not None:
        if current.parent not in entries:
            raise fail(
                f"{TABLES[entry.kind]}.{current.key}: parent '{current.parent}' is not a "
                f"{entry.kind} in the taxonomy",
                TABLES[entry.kind],
                current.key,
            )
        if current.parent in seen:
            table = TABLES[entry.kind]
            raise fail(f"{table}.{entry.key}: parents form a cycle", table, entry.key)
        seen.add(current.parent)
        current = entries[current.parent]


def _hint(word: str, choices: Iterable[str]) -> str:
    close = did_you_mean(word, choices)
    return f"; did you mean '{close}'?" if close else ""

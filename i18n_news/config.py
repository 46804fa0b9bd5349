"""Load and validate ``[tool.i18nnews]`` (pyproject.toml) or ``i18nnews.toml``.

Validation happens once, on load, so that every later stage can trust the
``Config`` it is given. Every error names the file and the line of the key.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError

from i18n_news.errors import I18nNewsError
from i18n_news.fs import read_limited
from i18n_news.model import Edition

CONFIG_FILES = ("i18nnews.toml", "pyproject.toml")

_TOP_KEYS = {
    "source_edition",
    "editions",
    "content_dir",
    "locales_dir",
    "site_url",
    "theme_dir",
    "parity",
    "extract",
    "articles",
    "check",
    "build",
}
_EDITION_KEYS = {"locale", "name", "direction", "digits", "timezone", "dates", "words_per_minute"}
_PARITY_KEYS = {"required", "grace"}
_EXTRACT_KEYS = {"templates", "python", "default_theme", "width"}
_ARTICLES_KEYS = {"words_per_minute"}
_DIGITS = ("latn", "arab", "arabext")
_DURATION_RE = re.compile(r"^\s*(\d+)\s*([smhdw])\s*$")
_DURATION_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


@dataclass(frozen=True)
class ParityConfig:
    required: tuple[str, ...]
    grace: timedelta = timedelta(hours=6)


@dataclass(frozen=True)
class ExtractConfig:
    """Where theme strings come from: glob patterns relative to the newsroom root."""

    templates: tuple[str, ...] = ()
    python: tuple[str, ...] = ()
    default_theme: bool = True
    width: int = 79


@dataclass(frozen=True)
class Config:
    path: Path
    root: Path
    source_edition: str
    editions: dict[str, Edition] = field(hash=False)
    content_dir: Path = Path("content")
    locales_dir: Path = Path("locales")
    site_url: str | None = None
    theme_dir: Path | None = None
    parity: ParityConfig = ParityConfig(required=())
    extract: ExtractConfig = ExtractConfig()
    raw: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)
    lines: Mapping[tuple[str, ...], int] = field(default_factory=dict, hash=False, compare=False)

    @property
    def source(self) -> Edition:
        return self.editions[self.source_edition]

    @property
    def taxonomy_path(self) -> Path:
        return self.content_dir / "taxonomy.toml"

    def line_of(self, *keys: str) -> int:
        """1-based line of a key path (``"editions", "ar", "locale"``), else of its table."""
        while keys:
            if keys in self.lines:
                return self.lines[keys]
            keys = keys[:-1]
        return 0

    def catalog_path(self, edition: str, domain: str) -> Path:
        """``locales/<lang>/LC_MESSAGES/<domain>.po``; ``domain`` may be ``articles/<key>``."""
        return self.locales_dir / edition / "LC_MESSAGES" / f"{domain}.po"

    def template_path(self, domain: str) -> Path:
        return self.locales_dir / f"{domain}.pot"

    def edition(self, code: str, *, option: str | None = None) -> Edition:
        """The edition ``code``, or the one error every command gives for an unknown one.

        ``option`` names the command-line option the code came from (``--lang``).
        """
        edition = self.editions.get(code)
        if edition is None:
            prefix = f"{option}: " if option else ""
            raise I18nNewsError(
                f"{prefix}unknown edition '{code}' (configured: {', '.join(self.editions)})"
            )
        return edition

    def translation_editions(self) -> list[str]:
        return [code for code in self.editions if code != self.source_edition]


def find_config(start: Path | None = None) -> Path:
    """The nearest ``i18nnews.toml`` or ``pyproject.toml`` with ``[tool.i18nnews]``, upwards."""
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        candidate = folder / "i18nnews.toml"
        if candidate.is_file():
            return candidate
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and "[tool.i18nnews" in _read_text(candidate):
            return candidate
    raise I18nNewsError(
        "no i18nnews.toml or pyproject.toml with [tool.i18nnews] found here or above",
        start,
    )


def load_config(path: Path | str | None = None) -> Config:
    """Read and validate a configuration file (or find one from the current folder)."""
    if path is None:
        path = find_config()
    path = Path(path)
    if path.is_dir() and path.suffix != ".toml":
        path = find_config(path)
    text = _read_text(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = _toml_error_line(exc)
        raise I18nNewsError(f"invalid TOML: {_toml_error_message(exc)}", path, line) from None
    prefix: tuple[str, ...] = ()
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("i18nnews")
        prefix = ("tool", "i18nnews")
        if data is None:
            raise I18nNewsError("no [tool.i18nnews] table", path)
    lines = _key_lines(text, prefix)
    return _validate(data, path, lines)


def _validate(data: dict[str, Any], path: Path, lines: dict[tuple[str, ...], int]) -> Config:
    def line_of(*keys: str) -> int:
        while keys:
            if keys in lines:
                return lines[keys]
            keys = keys[:-1]
        return 0

    def fail(message: str, *keys: str) -> I18nNewsError:
        return I18nNewsError(message, path, line_of(*keys))

    _unknown_keys(data, _TOP_KEYS, (), fail)
    for required in ("source_edition", "editions"):
        if required not in data:
            raise fail(f"missing required key '{required}'")
    source = data["source_edition"]
    if not isinstance(source, str):
        raise fail("'source_edition' must be a string", "source_edition")
    editions_raw = data["editions"]
    if not isinstance(editions_raw, dict) or not editions_raw:
        raise fail("'editions' must be a table with at least one edition", "editions")
    editions: dict[str, Edition] = {}
    for code, raw in editions_raw.items():
        editions[code] = _edition(code, raw, data, fail)
    if source not in editions:
        raise fail(
            f"source_edition '{source}' is not one of the editions ({', '.join(editions)})",
            "source_edition",
        )
    root = path.parent.resolve()
    parity = _parity(data.get("parity", {}), editions, fail)
    extract = _extract(data.get("extract", {}), fail)
    site_url = data.get("site_url")
    if site_url is not None and not (
        isinstance(site_url, str) and re.match(r"^https?://", site_url)
    ):
        raise fail("'site_url' must be an http(s) URL", "site_url")
    return Config(
        path=path,
        root=root,
        source_edition=source,
        editions=editions,
        content_dir=_dir(root, data, "content_dir", "content", fail),
        locales_dir=_dir(root, data, "locales_dir", "locales", fail),
        site_url=site_url.rstrip("/") if site_url else None,
        theme_dir=_dir(root, data, "theme_dir", None, fail) if "theme_dir" in data else None,
        parity=parity,
        extract=extract,
        raw=data,
        lines=lines,
    )


Fail = Callable[..., I18nNewsError]


def _edition(code: str, raw: Any, data: dict[str, Any], fail: Fail) -> Edition:
    where = ("editions", code)
    if not re.fullmatch(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]+)*", code):
        raise fail(f"edition code '{code}' must be a language code such as 'en' or 'pt-BR'", *where)
    if not isinstance(raw, dict):
        raise fail(f"editions.{code} must be a table", *where)
    _unknown_keys(raw, _EDITION_KEYS, where, fail)
    locale_name = raw.get("locale", code)
    if not isinstance(locale_name, str):
        raise fail(f"editions.{code}.locale must be a string", *where, "locale")
    try:
        locale = Locale.parse(locale_name.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise fail(
            f"editions.{code}.locale: unknown locale '{locale_name}'", *where, "locale"
        ) from None
    direction = raw["direction"] if "direction" in raw else locale.text_direction
    if direction not in ("ltr", "rtl"):
        raise fail(f"editions.{code}.direction must be 'ltr' or 'rtl'", *where, "direction")
    digits = raw.get("digits", "latn")
    if digits not in _DIGITS:
        raise fail(f"editions.{code}.digits must be one of {', '.join(_DIGITS)}", *where, "digits")
    timezone = raw.get("timezone", "UTC")
    try:
        if not isinstance(timezone, str):
            raise ValueError
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise fail(
            f"editions.{code}.timezone: unknown time zone '{timezone}'", *where, "timezone"
        ) from None
    name = raw["name"] if "name" in raw else (locale.display_name or code)
    if not isinstance(name, str):
        raise fail(f"editions.{code}.name must be a string", *where, "name")
    dates = raw.get("dates", {})
    if not isinstance(dates, dict):
        raise fail(f"editions.{code}.dates must be a table", *where, "dates")
    if dates:  # nothing to validate in an empty table; importing dates.py costs ~40 ms
        _validate_dates(dates, code, str(locale), fail)
    wpm = raw.get("words_per_minute", data.get("articles", {}).get("words_per_minute", 200))
    if not isinstance(wpm, int) or isinstance(wpm, bool) or wpm <= 0:
        raise fail(
            f"editions.{code}.words_per_minute must be a positive integer",
            *where,
            "words_per_minute",
        )
    return Edition(
        code=code,
        locale=str(locale),
        name=name,
        direction=direction,
        digits=digits,
        timezone=timezone,
        dates=dict(dates),
        words_per_minute=wpm,
    )


def _validate_dates(dates: dict[str, Any], code: str, locale: str, fail: Fail) -> None:
    from i18n_news.localize.dates import validate_date_config

    try:
        validate_date_config(
            dates,
            prefix=f"editions.{code}.dates",
            locale=locale,
            line_of=lambda key: 0,
        )
    except I18nNewsError as exc:
        key = exc.message.split(":", 1)[0].rsplit(".", 1)[-1]
        raise fail(exc.message, "editions", code, "dates", key) from None


def _parity(raw: Any, editions: dict[str, Edition], fail: Fail) -> ParityConfig:
    if not isinstance(raw, dict):
        raise fail("'parity' must be a table", "parity")
    _unknown_keys(raw, _PARITY_KEYS, ("parity",), fail)
    required = raw.get("required", list(editions))
    if not isinstance(required, list) or not all(isinstance(x, str) for x in required):
        raise fail("parity.required must be a list of edition codes", "parity", "required")
    for code in required:
        if code not in editions:
            raise fail(
                f"parity.required: '{code}' is not a configured edition", "parity", "required"
            )
    grace = raw.get("grace", "6h")
    return ParityConfig(
        tuple(required), parse_duration(grace, lambda m: fail(m, "parity", "grace"))
    )


def _extract(raw: Any, fail: Fail) -> ExtractConfig:
    if not isinstance(raw, dict):
        raise fail("'extract' must be a table", "extract")
    _unknown_keys(raw, _EXTRACT_KEYS, ("extract",), fail)
    out: dict[str, Any] = {}
    for key in ("templates", "python"):
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            raise fail(f"extract.{key} must be a list of glob patterns", "extract", key)
        out[key] = tuple(value)
    default_theme = raw.get("default_theme", True)
    if not isinstance(default_theme, bool):
        raise fail("extract.default_theme must be true or false", "extract", "default_theme")
    width = raw.get("width", 79)
    if not isinstance(width, int) or isinstance(width, bool) or width < 20:
        raise fail("extract.width must be an integer of at least 20", "extract", "width")
    return ExtractConfig(out["templates"], out["python"], default_theme, width)


def parse_duration(value: Any, fail: Callable[[str], I18nNewsError]) -> timedelta:
    """``"6h"``, ``"30m"``, ``"2d"`` → timedelta.

    >>> parse_duration("6h", ValueError)
    datetime.timedelta(seconds=21600)
    """
    match = _DURATION_RE.match(value) if isinstance(value, str) else None
    if not match:
        raise fail(
            f"invalid duration {value!r}: use a number and a unit s, m, h, d or w (e.g. '6h')"
        )
    return timedelta(**{_DURATION_UNITS[match.group(2)]: int(match.group(1))})


def _dir(root: Path, data: dict[str, Any], key: str, default: str | None, fail: Fail) -> Path:
    value = data.get(key, default)
    if not isinstance(value, str) or not value:
        raise fail(f"'{key}' must be a non-empty path", key)
    return (root / value).resolve()


def _unknown_keys(
    raw: dict[str, Any], allowed: set[str], where: tuple[str, ...], fail: Fail
) -> None:
    for key in raw:
        if key not in allowed:
            dotted = ".".join((*where, key))
            hint = ", ".join(sorted(allowed))
            raise fail(f"unknown key '{dotted}' (allowed here: {hint})", *where, key)


def _read_text(path: Path) -> str:
    try:
        return read_limited(path, "configuration file").decode("utf-8")
    except IsADirectoryError:
        raise I18nNewsError("is a directory, expected a TOML file", path) from None
    except FileNotFoundError:
        raise I18nNewsError("file not found", path) from None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise I18nNewsError("not valid UTF-8", path, line) from None
    except OSError as exc:
        raise I18nNewsError(f"cannot read: {exc.strerror}", path) from None


def _toml_error_line(exc: tomllib.TOMLDecodeError) -> int:
    lineno = getattr(exc, "lineno", None)
    if lineno:
        return int(lineno)
    match = re.search(r"line (\d+)", str(exc))
    return int(match.group(1)) if match else 0


def _toml_error_message(exc: tomllib.TOMLDecodeError) -> str:
    msg = getattr(exc, "msg", None) or str(exc)
    return re.sub(r"\s*\(at line \d+, column \d+\)", "", msg)


_HEADER_RE = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY_RE = re.compile(
    r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*="""
)


def _split_key(dotted: str) -> tuple[str, ...]:
    parts = re.findall(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""", dotted)
    return tuple(p.strip("\"'") for p in parts)


def _key_lines(text: str, prefix: tuple[str, ...]) -> dict[tuple[str, ...], int]:
    """Map key paths below ``prefix`` to the 1-based line that defines them.

    tomllib keeps no positions, so we re-scan the text: good enough for
    table headers and ``key = value`` lines, which is all configuration uses.
    """
    lines: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    depth = 0  # inside a multi-line array or inline table: no new keys
    for number, line in enumerate(text.splitlines(), 1):
        if depth == 0:
            header = _HEADER_RE.match(line)
            if header:
                table = _split_key(header.group(1))
                if table[: len(prefix)] == prefix and len(table) > len(prefix):
                    rel = table[len(prefix) :]
                    for i in range(1, len(rel) + 1):
                        lines.setdefault(rel[:i], number)
                continue
            key = _KEY_RE.match(line)
            if key:
                full = table + _split_key(key.group(1))
                if full[: len(prefix)] == prefix and len(full) > len(prefix):
                    rel = full[len(prefix) :]
                    for i in range(1, len(rel) + 1):
                        lines.setdefault(rel[:i], number)
        stripped = re.sub(
            r"""("([^"\\]|\\.)*"|'[^']*')""", "", line.split("#")[0] if '"' not in line else line
        )
        depth += (
            stripped.count("[") + stripped.count("{") - stripped.count("]") - stripped.count("}")
        )
        if _HEADER_RE.match(line):
            depth = 0
        depth = max(depth, 0)
    return lines

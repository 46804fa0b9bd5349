"""The configuration: one schema, read from ``pyproject.toml`` or ``i18nnews.toml``, validated once.

``load_config`` validates every section completely — editions, parity,
extract, articles, build, check — into frozen dataclasses hung on ``Config``
(``config.build``, ``config.check``…), so every command that loads the
configuration rejects an unknown or mistyped key anywhere, ``stats`` as much
as ``build``, and no later stage re-validates raw tables. Every error is
``file:line: message`` and names the key as the file spells it:
``tool.i18nnews.build.per_page`` in pyproject.toml, ``build.per_page`` in
i18nnews.toml.

The module also holds the one TOML key -> line scanner (:func:`toml_lines`),
which configuration, TOML front matter and the taxonomy share: tomllib keeps
no positions.
"""

from __future__ import annotations

import bisect
import contextlib
import difflib
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any, cast
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError

from i18n_news.errors import I18nNewsError
from i18n_news.fs import read_text
from i18n_news.model import Digits, Direction, Edition

__all__ = [
    "BUILD_LINKS",
    "CHECK_LEVELS",
    "CONFIG_FILES",
    "ArticlesConfig",
    "BuildConfig",
    "CheckConfig",
    "CheckScope",
    "Config",
    "ExtractConfig",
    "KeyPath",
    "ParityConfig",
    "Threshold",
    "TomlLines",
    "did_you_mean",
    "find_config",
    "is_http_url",
    "load_config",
    "parse_duration",
    "parse_threshold",
    "toml_error",
    "toml_key_lines",
    "toml_lines",
]

CONFIG_FILES = ("i18nnews.toml", "pyproject.toml")
#: A key path: keys of tables, with the index of an ``[[array of tables]]`` element.
KeyPath = tuple[str | int, ...]
#: Where the configuration lives inside a pyproject.toml.
PYPROJECT_TABLE = ("tool", "i18nnews")

_TOP_KEYS = (
    "source_edition",
    "editions",
    "content_dir",
    "locales_dir",
    "site_url",
    "theme_dir",
    "parity",
    "extract",
    "articles",
    "build",
    "check",
)
_EDITION_KEYS = ("locale", "name", "direction", "digits", "timezone", "dates", "words_per_minute")
_PARITY_KEYS = ("required", "grace")
_EXTRACT_KEYS = ("templates", "python", "default_theme", "width")
_ARTICLES_KEYS = ("words_per_minute",)
_BUILD_KEYS = ("base_url", "base_urls", "per_page", "links", "descriptions")
_CHECK_KEYS = (
    "select",
    "ignore",
    "severity",
    "fuzzy",
    "untranslated",
    "theme",
    "editions",
    "paths",
)
_CHECK_SCOPE_KEYS = ("ignore", "severity", "fuzzy", "untranslated")
#: The pages ``[build.links]`` may point at.
BUILD_LINKS = ("privacy", "about", "contact", "authors")
#: The levels ``[check] severity`` may set.
CHECK_LEVELS = ("error", "warning", "info", "ignore")
_DIGITS: tuple[Digits, ...] = ("latn", "arab", "arabext")
_EDITION_CODE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]+)*")
_DURATION_RE = re.compile(r"^\s*(\d+)\s*([smhdw])\s*$")
_DURATION_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
_PERCENT = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*%\s*$")


# ---------------------------------------------------------------------------
# Sections
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ParityConfig:
    """``[parity]``: the editions every shared story must reach, and how late it may be."""

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
class ArticlesConfig:
    """``[articles]``: defaults for every edition (an edition may override them)."""

    words_per_minute: int = 200


@dataclass(frozen=True)
class BuildConfig:
    """``[build]``: where each edition is served and what the pages link to.

    ``base_url`` may contain ``{edition}``; ``base_urls`` and ``descriptions``
    are keyed by edition code, ``links`` by one of :data:`BUILD_LINKS`.
    """

    base_url: str | None = None
    base_urls: Mapping[str, str] = field(default_factory=dict, hash=False)
    per_page: int = 10
    links: Mapping[str, str] = field(default_factory=dict, hash=False)
    descriptions: Mapping[str, str] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Threshold:
    """How many fuzzy or untranslated entries a catalog may have: a count or a percentage."""

    count: int | None = 0
    percent: float | None = None

    def exceeded(self, n: int, total: int) -> bool:
        if self.percent is not None:
            return total > 0 and 100.0 * n / total > self.percent
        return self.count is not None and n > self.count

    def __str__(self) -> str:
        if self.percent is not None:
            return f"{self.percent:g}%"
        return str(self.count)


@dataclass(frozen=True)
class CheckScope:
    """Check settings for all findings, one edition's or one path glob's.

    Prefixes are upper case; ``severity`` pairs a prefix with one of :data:`CHECK_LEVELS`.
    """

    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    fuzzy: Threshold | None = None
    untranslated: Threshold | None = None


@dataclass(frozen=True)
class CheckConfig:
    """``[check]``: which checks run, at which severity, with which thresholds.

    Whether a prefix names a registered check is the check registry's to
    judge (``checks.settings.load_settings``); ``prefixes`` says where each
    one is written so that error can point at it too.
    """

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    base: CheckScope = CheckScope()
    editions: Mapping[str, CheckScope] = field(default_factory=dict, hash=False)
    paths: tuple[tuple[str, CheckScope], ...] = ()
    theme: tuple[str, ...] = ()
    #: ``(PREFIX, key path below check)`` of every check-ID prefix, in file order.
    prefixes: tuple[tuple[str, tuple[str, ...]], ...] = field(default=(), compare=False)


# ---------------------------------------------------------------------------
# Config
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Config:
    """A validated configuration; ``key_prefix`` is ``("tool", "i18nnews")`` in a pyproject.toml."""

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
    articles: ArticlesConfig = ArticlesConfig()
    build: BuildConfig = BuildConfig()
    check: CheckConfig = CheckConfig()
    key_prefix: tuple[str, ...] = ()
    #: The tables as read (validated); read the typed sections instead.
    raw: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)
    #: 1-based line of each key path below ``key_prefix``.
    lines: Mapping[KeyPath, int] = field(default_factory=dict, hash=False, compare=False)

    @property
    def source(self) -> Edition:
        return self.editions[self.source_edition]

    @property
    def taxonomy_path(self) -> Path:
        return self.content_dir / "taxonomy.toml"

    def line_of(self, *keys: str) -> int:
        """1-based line of a key path (``"editions", "ar", "locale"``), else of its table."""
        path: KeyPath = keys
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 0

    def key_path(self, *keys: str) -> str:
        """A key path as the file spells it: ``tool.i18nnews.build.x`` or ``build.x``."""
        return ".".join((*self.key_prefix, *keys))

    def table_header(self, *keys: str) -> str:
        """A table as this file spells it: ``[tool.i18nnews.build]`` or ``[build]``."""
        return f"[{self.key_path(*keys)}]"

    def error(self, message: str, *keys: str) -> I18nNewsError:
        """An error about the key path ``keys``, located at its line in this file."""
        return I18nNewsError(message, self.path, self.line_of(*keys))

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
        if candidate.is_file() and "[tool.i18nnews" in read_text(candidate, "configuration file"):
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
    text = read_text(path, "configuration file")
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message, line = toml_error(exc, text)
        raise I18nNewsError(f"invalid TOML: {message}", path, line) from None
    prefix: tuple[str, ...] = ()
    data: object = document
    if path.name == "pyproject.toml":
        prefix = PYPROJECT_TABLE
        tool = document.get("tool")
        data = tool.get("i18nnews") if isinstance(tool, dict) else None
        if data is None:
            raise I18nNewsError("no [tool.i18nnews] table", path)
    schema = _Schema(path, toml_key_lines(text), prefix)
    return schema.config(schema.table(data, allowed=_TOP_KEYS))


def toml_error(exc: tomllib.TOMLDecodeError, text: str) -> tuple[str, int]:
    """tomllib's message without its position, and the 1-based line of ``text`` it names.

    An error "at end of document" is on the last line that is not empty.
    """
    message = str(exc)
    match = re.search(r"\s*\(at line (\d+), column \d+\)", message)
    if match:
        return message[: match.start()] + message[match.end() :], int(match.group(1))
    last = text.rstrip("\r\n").count("\n") + 1
    return re.sub(r"\s*\(at end of document\)", "", message), last


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """The one choice close to a mistyped ``word``, if any.

    >>> did_you_mean("per_pgae", ["base_url", "per_page"]), did_you_mean("colour", ["label"])
    ('per_page', None)
    """
    close = difflib.get_close_matches(word, list(choices), n=1)
    return close[0] if close else None


def parse_duration(value: object, fail: Callable[[str], Exception]) -> timedelta:
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


def parse_threshold(value: object, fail: Callable[[str], Exception]) -> Threshold:
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


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------


def _is_positive_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def is_http_url(value: object) -> bool:
    """Whether ``value`` is an absolute http(s) URL (``build.base_url``, ``--base-url``)."""
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _is_string_list(value: object, *, non_empty_items: bool = False) -> bool:
    return isinstance(value, list) and all(
        isinstance(item, str) and (item or not non_empty_items) for item in value
    )


class _Schema:
    """Validation of one file: where each key is, and how the file spells key paths."""

    def __init__(self, path: Path, lines: Mapping[KeyPath, int], prefix: tuple[str, ...]) -> None:
        self.path = path
        self.prefix = prefix
        self.file_lines = lines

    def name(self, *keys: str) -> str:
        return ".".join((*self.prefix, *keys))

    def line(self, *keys: str) -> int:
        """The line of ``keys``, else of the nearest table that holds it (0 when none does)."""
        path: KeyPath = (*self.prefix, *keys)
        while len(path) >= max(len(self.prefix), 1):
            if path in self.file_lines:
                return self.file_lines[path]
            path = path[:-1]
        return 0

    def fail(self, message: str, *keys: str) -> I18nNewsError:
        return I18nNewsError(message, self.path, self.line(*keys))

    def table(
        self, value: object, *keys: str, allowed: Sequence[str], what: str = "a table"
    ) -> dict[str, Any]:
        """``value`` as a table whose keys are all ``allowed`` (a close miss is suggested)."""
        if not isinstance(value, dict):
            raise self.fail(f"{self.name(*keys)} must be {what}", *keys)
        for key in value:
            if key not in allowed:
                close = did_you_mean(key, allowed)
                hint = f"; did you mean '{close}'?" if close else ""
                raise self.fail(
                    f"unknown key '{self.name(*keys, key)}'{hint} "
                    f"(allowed here: {', '.join(sorted(allowed))})",
                    *keys,
                    key,
                )
        return value

    def config(self, data: dict[str, Any]) -> Config:
        for required in ("source_edition", "editions"):
            if required not in data:
                raise self.fail(f"missing required key '{self.name(required)}'")
        source = data["source_edition"]
        if not isinstance(source, str):
            raise self.fail(f"'{self.name('source_edition')}' must be a string", "source_edition")
        editions_raw = data["editions"]
        if not isinstance(editions_raw, dict) or not editions_raw:
            raise self.fail(
                f"'{self.name('editions')}' must be a table with at least one edition", "editions"
            )
        articles = self.articles(data.get("articles", {}))
        editions = {code: self.edition(code, raw, articles) for code, raw in editions_raw.items()}
        if source not in editions:
            raise self.fail(
                f"{self.name('source_edition')} '{source}' is not one of the editions "
                f"({', '.join(editions)})",
                "source_edition",
            )
        root = self.path.parent.resolve()
        parity = self.parity(data.get("parity", {}), editions)
        extract = self.extract(data.get("extract", {}))
        site_url = data.get("site_url")
        if site_url is not None and not (
            isinstance(site_url, str) and re.match(r"^https?://", site_url)
        ):
            raise self.fail(f"'{self.name('site_url')}' must be an http(s) URL", "site_url")
        build = self.build(data.get("build", {}), editions)
        check = self.check(data.get("check", {}), editions)
        return Config(
            path=self.path,
            root=root,
            source_edition=source,
            editions=editions,
            content_dir=self.folder(root, data, "content_dir", "content"),
            locales_dir=self.folder(root, data, "locales_dir", "locales"),
            site_url=site_url.rstrip("/") if site_url else None,
            theme_dir=self.folder(root, data, "theme_dir", None) if "theme_dir" in data else None,
            parity=parity,
            extract=extract,
            articles=articles,
            build=build,
            check=check,
            key_prefix=self.prefix,
            raw=data,
            lines={
                path[len(self.prefix) :]: line
                for path, line in self.file_lines.items()
                if path[: len(self.prefix)] == self.prefix and len(path) > len(self.prefix)
            },
        )

    def folder(self, root: Path, data: dict[str, Any], key: str, default: str | None) -> Path:
        value = data.get(key, default)
        if not isinstance(value, str) or not value:
            raise self.fail(f"'{self.name(key)}' must be a non-empty path", key)
        return (root / value).resolve()

    def edition(self, code: str, raw: object, articles: ArticlesConfig) -> Edition:
        where = ("editions", code)
        if not _EDITION_CODE.fullmatch(code):
            raise self.fail(
                f"edition code '{code}' must be a language code such as 'en' or 'pt-BR'", *where
            )
        table = self.table(raw, *where, allowed=_EDITION_KEYS)
        name = self.name(*where)
        locale_name = table.get("locale", code)
        if not isinstance(locale_name, str):
            raise self.fail(f"{name}.locale must be a string", *where, "locale")
        try:
            locale = Locale.parse(locale_name.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            raise self.fail(
                f"{name}.locale: unknown locale '{locale_name}'", *where, "locale"
            ) from None
        direction = table.get("direction", locale.text_direction)
        if direction not in ("ltr", "rtl"):
            raise self.fail(f"{name}.direction must be 'ltr' or 'rtl'", *where, "direction")
        digits = table.get("digits", "latn")
        if digits not in _DIGITS:
            raise self.fail(f"{name}.digits must be one of {', '.join(_DIGITS)}", *where, "digits")
        timezone = table.get("timezone", "UTC")
        try:
            if not isinstance(timezone, str):
                raise ValueError(timezone)
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise self.fail(
                f"{name}.timezone: unknown time zone '{timezone}'", *where, "timezone"
            ) from None
        display = table.get("name", locale.display_name or code)
        if not isinstance(display, str):
            raise self.fail(f"{name}.name must be a string", *where, "name")
        dates = table.get("dates", {})
        if not isinstance(dates, dict):
            raise self.fail(f"{name}.dates must be a table", *where, "dates")
        if dates:  # nothing to validate in an empty table; importing dates.py costs ~40 ms
            self.dates(dates, code, str(locale))
        wpm = table.get("words_per_minute", articles.words_per_minute)
        if not _is_positive_int(wpm):
            raise self.fail(
                f"{name}.words_per_minute must be a positive integer", *where, "words_per_minute"
            )
        return Edition(
            code=code,
            locale=str(locale),
            name=display,
            direction=cast(Direction, direction),
            digits=cast(Digits, digits),
            timezone=timezone,
            dates=dict(dates),
            words_per_minute=wpm,
        )

    def dates(self, dates: dict[str, Any], code: str, locale: str) -> None:
        """``editions.<L>.dates``: its schema is the date formatter's (``DATE_CONFIG_KEYS``)."""
        from i18n_news.localize.dates import validate_date_config

        validate_date_config(
            dates,
            self.path,
            lambda key: self.line("editions", code, "dates", key),
            prefix=self.name("editions", code, "dates"),
            locale=locale,
        )

    def articles(self, raw: object) -> ArticlesConfig:
        table = self.table(raw, "articles", allowed=_ARTICLES_KEYS)
        wpm = table.get("words_per_minute", ArticlesConfig.words_per_minute)
        if not _is_positive_int(wpm):
            raise self.fail(
                f"{self.name('articles', 'words_per_minute')} must be a positive integer",
                "articles",
                "words_per_minute",
            )
        return ArticlesConfig(words_per_minute=wpm)

    def parity(self, raw: object, editions: Mapping[str, Edition]) -> ParityConfig:
        table = self.table(raw, "parity", allowed=_PARITY_KEYS)
        name = self.name("parity", "required")
        required = table.get("required", list(editions))
        if not _is_string_list(required):
            raise self.fail(f"{name} must be a list of edition codes", "parity", "required")
        for code in required:
            if code not in editions:
                raise self.fail(
                    f"{name}: '{code}' is not a configured edition", "parity", "required"
                )
        grace = parse_duration(
            table.get("grace", "6h"),
            lambda message: self.fail(
                f"{self.name('parity', 'grace')}: {message}", "parity", "grace"
            ),
        )
        return ParityConfig(tuple(required), grace)

    def extract(self, raw: object) -> ExtractConfig:
        table = self.table(raw, "extract", allowed=_EXTRACT_KEYS)
        globs: dict[str, tuple[str, ...]] = {}
        for key in ("templates", "python"):
            value = table.get(key, [])
            if not _is_string_list(value):
                raise self.fail(
                    f"{self.name('extract', key)} must be a list of glob patterns", "extract", key
                )
            globs[key] = tuple(value)
        default_theme = table.get("default_theme", True)
        if not isinstance(default_theme, bool):
            raise self.fail(
                f"{self.name('extract', 'default_theme')} must be true or false",
                "extract",
                "default_theme",
            )
        width = table.get("width", 79)
        if not isinstance(width, int) or isinstance(width, bool) or width < 20:
            raise self.fail(
                f"{self.name('extract', 'width')} must be an integer of at least 20",
                "extract",
                "width",
            )
        return ExtractConfig(globs["templates"], globs["python"], default_theme, width)

    def build(self, raw: object, editions: Mapping[str, Edition]) -> BuildConfig:
        table = self.table(raw, "build", allowed=_BUILD_KEYS)
        base_url = table.get("base_url")
        if base_url is not None and not is_http_url(
            base_url.replace("{edition}", "x") if isinstance(base_url, str) else base_url
        ):
            raise self.fail(
                f"{self.name('build', 'base_url')} must be an http(s) URL "
                "(it may contain {edition})",
                "build",
                "base_url",
            )
        tables: dict[str, dict[str, str]] = {}
        for key in ("base_urls", "links", "descriptions"):
            value = table.get(key, {})
            if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
                raise self.fail(
                    f"{self.name('build', key)} must be a table of strings", "build", key
                )
            tables[key] = dict(value)
        for key in ("base_urls", "descriptions"):
            for code in tables[key]:
                if code not in editions:
                    raise self.fail(
                        f"{self.name('build', key)}: '{code}' is not a configured edition",
                        "build",
                        key,
                        code,
                    )
        for code, url in tables["base_urls"].items():
            if not is_http_url(url):
                raise self.fail(
                    f"{self.name('build', 'base_urls', code)} must be an http(s) URL",
                    "build",
                    "base_urls",
                    code,
                )
        for link, url in tables["links"].items():
            if link not in BUILD_LINKS:
                close = did_you_mean(link, BUILD_LINKS)
                hint = f"; did you mean '{close}'?" if close else ""
                raise self.fail(
                    f"{self.name('build', 'links')}: unknown link '{link}'{hint} "
                    f"({', '.join(BUILD_LINKS)})",
                    "build",
                    "links",
                    link,
                )
            if urlsplit(url).scheme not in ("", "http", "https"):
                raise self.fail(
                    f"{self.name('build', 'links', link)} must be an http(s) URL or a path",
                    "build",
                    "links",
                    link,
                )
        per_page = table.get("per_page", BuildConfig.per_page)
        if not _is_positive_int(per_page):
            raise self.fail(
                f"{self.name('build', 'per_page')} must be a positive integer", "build", "per_page"
            )
        return BuildConfig(
            base_url=base_url,
            base_urls=MappingProxyType(tables["base_urls"]),
            per_page=per_page,
            links=MappingProxyType(tables["links"]),
            descriptions=MappingProxyType(tables["descriptions"]),
        )

    def check(self, raw: object, editions: Mapping[str, Edition]) -> CheckConfig:
        return _CheckReader(self, editions).read(raw)


class _CheckReader:
    """``[check]``, in the wording ``check`` has always used: ``<key path>: <problem>``."""

    def __init__(self, schema: _Schema, editions: Mapping[str, Edition]) -> None:
        self.schema = schema
        self.editions = editions
        self.prefixes: list[tuple[str, tuple[str, ...]]] = []

    def fail(self, message: str, *keys: str) -> I18nNewsError:
        return self.schema.fail(f"{self.schema.name('check', *keys)}: {message}", "check", *keys)

    def table(self, value: object, *keys: str, allowed: Sequence[str], what: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(f"must be {what}", *keys)
        return self.schema.table(value, "check", *keys, allowed=allowed)

    def read(self, raw: object) -> CheckConfig:
        table = self.table(raw, allowed=_CHECK_KEYS, what="a table")
        select = self.prefix_list(table.get("select", ["ALL"]), "select")
        ignore = self.prefix_list(table.get("ignore", []), "ignore")
        base = self.scope(table, (), top=True)
        editions_raw = table.get("editions", {})
        if not isinstance(editions_raw, dict):
            raise self.fail("must be a table of editions", "editions")
        editions: dict[str, CheckScope] = {}
        for code, sub in editions_raw.items():
            if code not in self.editions:
                raise self.fail(
                    f"'{code}' is not a configured edition ({', '.join(self.editions)})",
                    "editions",
                    code,
                )
            where = ("editions", code)
            checked = self.table(sub, *where, allowed=_CHECK_SCOPE_KEYS, what="a table")
            editions[code] = self.scope(checked, where)
        paths_raw = table.get("paths", {})
        if not isinstance(paths_raw, dict):
            example = f'[{self.schema.name("check", "paths")}."content/es"]'
            raise self.fail(f"must be a table of path globs, e.g. {example}", "paths")
        paths: list[tuple[str, CheckScope]] = []
        for glob, sub in paths_raw.items():
            where = ("paths", glob)
            checked = self.table(sub, *where, allowed=_CHECK_SCOPE_KEYS, what="a table")
            paths.append((glob, self.scope(checked, where)))
        theme = table.get("theme", [])
        if not _is_string_list(theme, non_empty_items=True):
            raise self.fail("must be a list of path globs", "theme")
        return CheckConfig(
            select=select,
            ignore=ignore,
            base=base,
            editions=MappingProxyType(editions),
            paths=tuple(paths),
            theme=tuple(theme),
            prefixes=tuple(self.prefixes),
        )

    def prefix(self, value: object, *keys: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{value!r} is not a check ID or prefix", *keys)
        prefix = value.strip().upper()
        self.prefixes.append((prefix, keys))
        return prefix

    def prefix_list(self, value: object, *keys: str) -> tuple[str, ...]:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            raise self.fail("must be a list of check IDs or prefixes", *keys)
        return tuple(self.prefix(item, *keys) for item in items)

    def scope(self, table: dict[str, Any], where: tuple[str, ...], top: bool = False) -> CheckScope:
        ignore = () if top else self.prefix_list(table.get("ignore", []), *where, "ignore")
        severity_raw = table.get("severity", {})
        if not isinstance(severity_raw, dict):
            raise self.fail('must be a table such as { PO132 = "ignore" }', *where, "severity")
        severity: list[tuple[str, str]] = []
        for prefix, level in severity_raw.items():
            keys = (*where, "severity", prefix)
            if level not in CHECK_LEVELS:
                raise self.fail(f"{level!r} is not one of {', '.join(CHECK_LEVELS)}", *keys)
            severity.append((self.prefix(prefix, *keys), level))
        return CheckScope(
            ignore=ignore,
            severity=tuple(severity),
            fuzzy=self.threshold(table.get("fuzzy"), *where, "fuzzy"),
            untranslated=self.threshold(table.get("untranslated"), *where, "untranslated"),
        )

    def threshold(self, value: object, *keys: str) -> Threshold | None:
        if value is None:
            return None
        return parse_threshold(value, lambda message: self.fail(message, *keys))


# ---------------------------------------------------------------------------
# The TOML key -> line scanner
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TomlLines:
    """Where a TOML document defines things.

    ``keys`` maps every key path (through tables, inline tables and arrays of
    tables, not into the values of plain arrays) to the 1-based line that
    first mentions it; ``headers`` lists the lines of ``[table]`` and
    ``[[array]]`` headers.
    """

    keys: dict[KeyPath, int]
    headers: tuple[int, ...]


_SKIP = re.compile(r"(?:[ \t\r\n]+|#[^\n]*)*")
_BLANK = re.compile(r"[ \t]*")
_KEY_PART = re.compile(r"""[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'""")
_STRING = re.compile(
    r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*"""(?:""?)?'  # multi-line basic, up to 2 quotes before its end
    r"|'''[\s\S]*?'''(?:''?)?"  # multi-line literal
    r'|"(?:[^"\\\n]|\\.)*"'  # basic
    r"|'[^'\n]*'"  # literal
)
_SCALAR = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})?"  # a space
    r"|[^\s,\]}#]+"  # numbers, booleans, dates without a space
)


def toml_lines(text: str) -> TomlLines:
    """Scan a TOML document that tomllib accepts for the lines of its keys and headers.

    Follows TOML's grammar (strings of every kind, arrays and inline tables
    over several lines, comments, dotted and quoted keys), so a ``[x]`` or
    ``k = 1`` inside a multi-line string is never taken for a table or key.
    Invalid input gives partial results, never an exception.

    >>> toml_lines("a = '''\\n[b]\\n'''\\n[[c]]\\nd.e = 1\\n").keys
    {('a',): 1, ('c',): 4, ('c', 0): 4, ('c', 0, 'd'): 5, ('c', 0, 'd', 'e'): 5}
    """
    scanner = _TomlScanner(text)
    # Invalid TOML: keep what was found before the problem.
    with contextlib.suppress(IndexError, ValueError, tomllib.TOMLDecodeError):
        scanner.document()
    return TomlLines(scanner.keys, tuple(scanner.headers))


def toml_key_lines(text: str) -> dict[KeyPath, int]:
    """:func:`toml_lines`' key paths and their 1-based lines."""
    return toml_lines(text).keys


class _TomlScanner:
    """A recursive-descent reader of TOML's structure; values are skipped, not converted."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.keys: dict[KeyPath, int] = {}
        self.headers: list[int] = []
        self.arrays: dict[KeyPath, int] = {}  # elements seen of each array of tables
        self.newlines = [m.start() for m in re.finditer("\n", text)]

    def line(self) -> int:
        return bisect.bisect_left(self.newlines, self.pos) + 1

    def skip(self, pattern: re.Pattern[str] = _SKIP) -> None:
        match = pattern.match(self.text, self.pos)
        if match:
            self.pos = match.end()

    def document(self) -> None:
        table: KeyPath = ()
        while True:
            self.skip()
            if self.pos >= len(self.text):
                return
            line = self.line()
            if self.text[self.pos] == "[":
                table = self.header(line)
            else:
                keys = self.key()
                self.record(table, keys, line)
                self.expect("=")
                self.value(table + keys, record=True)

    def header(self, line: int) -> KeyPath:
        is_array = self.text.startswith("[[", self.pos)
        self.pos += 2 if is_array else 1
        keys = self.key()
        self.skip(_BLANK)
        self.expect("]]" if is_array else "]")
        self.headers.append(line)
        path: KeyPath = ()
        for number, key in enumerate(keys, 1):
            path = (*path, key)
            self.keys.setdefault(path, line)
            if is_array and number == len(keys):
                index = self.arrays.get(path, 0)
                self.arrays[path] = index + 1
                path = (*path, index)
                self.keys.setdefault(path, line)
            elif path in self.arrays:  # [a.b] under [[a]]: a table of a's last element
                path = (*path, self.arrays[path] - 1)
        return path

    def key(self) -> KeyPath:
        """A dotted key: bare, basic-quoted or literal-quoted parts."""
        parts: list[str] = []
        while True:
            self.skip(_BLANK)
            match = _KEY_PART.match(self.text, self.pos)
            if match is None:
                raise ValueError(f"no key at offset {self.pos}")
            self.pos = match.end()
            parts.append(_key_text(match.group()))
            self.skip(_BLANK)
            if not self.text.startswith(".", self.pos):
                return tuple(parts)
            self.pos += 1

    def expect(self, token: str) -> None:
        if not self.text.startswith(token, self.pos):
            raise ValueError(f"expected {token!r} at offset {self.pos}")
        self.pos += len(token)

    def record(self, table: KeyPath, keys: KeyPath, line: int) -> None:
        for end in range(1, len(keys) + 1):
            self.keys.setdefault(table + keys[:end], line)

    def value(self, path: KeyPath, *, record: bool) -> None:
        """Skip one value; inline tables record their keys unless inside a plain array."""
        self.skip(_BLANK)
        char = self.text[self.pos]
        if char == "{":
            self.pos += 1
            while True:
                self.skip()
                if self.text.startswith("}", self.pos):
                    self.pos += 1
                    return
                line = self.line()
                keys = self.key()
                if record:
                    self.record(path, keys, line)
                self.expect("=")
                self.value(path + keys, record=record)
                self.skip()
                if self.text.startswith(",", self.pos):
                    self.pos += 1
        elif char == "[":
            self.pos += 1
            while True:
                self.skip()
                if self.text.startswith("]", self.pos):
                    self.pos += 1
                    return
                self.value(path, record=False)
                self.skip()
                if self.text.startswith(",", self.pos):
                    self.pos += 1
        else:
            match = (_STRING if char in "\"'" else _SCALAR).match(self.text, self.pos)
            if match is None:
                raise ValueError(f"no value at offset {self.pos}")
            self.pos = match.end()


def _key_text(token: str) -> str:
    """The key a quoted or bare key part stands for (escapes resolved by tomllib itself)."""
    if token[0] == "'":
        return token[1:-1]
    if token[0] == '"':
        return token[1:-1] if "\\" not in token else str(tomllib.loads(f"k = {token}")["k"])
    return token

"""Disk -> model objects: the only code that walks ``content/``.

Layout: ``content/<edition>/**/<slug>.md``; the first folder under the
content directory names the edition. ``taxonomy.toml``, non-Markdown files,
hidden files, ``_index.md`` list pages and the shared ``img/`` folder are not
articles. Every problem is an ``I18nNewsError`` with the file and the line of
the offending front-matter key (line 1, the opening fence, for a missing key).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from i18n_news.config import Config
from i18n_news.errors import I18nNewsError
from i18n_news.fs import display_path
from i18n_news.model import Article, Edition, Image
from i18n_news.sources.frontmatter import FrontMatter, parse_front_matter, read_text
from i18n_news.sources.taxonomy import Taxonomy, load_taxonomy

#: Folders under the content directory that hold shared files, not an edition.
SHARED_DIRS = frozenset({"img"})

REQUIRED_KEYS = ("key", "title", "published")
ALLOWED_KEYS = (
    "key",
    "title",
    "summary",
    "slug",
    "published",
    "updated",
    "published_tz_assumed",
    "author",
    "source",
    "section",
    "region",
    "tags",
    "image",
    "related",
    "editions",
    "draft",
    "shares",
    "origin",
    "origin_hash",
)
IMAGE_KEYS = ("src", "caption", "credit")
#: Front-matter keys that name a taxonomy entry, with their kind.
_TAXONOMY_FIELDS = (
    ("section", "section"),
    ("region", "region"),
    ("author", "author"),
    ("source", "source"),
)
_KEY_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_HASH_RE = re.compile(r"^sha256:[0-9a-f]{64}$")
_EXAMPLE_DATE = "2024-12-12T23:53:00+02:00"


def content_files(
    config: Config,
    *,
    edition: str | None = None,
    errors: list[I18nNewsError] | None = None,
) -> list[tuple[str, Path]]:
    """``(edition, path)`` of every article file, editions in config order, paths sorted."""
    root = config.content_dir
    if not root.is_dir():
        return []
    found: list[tuple[str, Path]] = []
    for folder in sorted(root.iterdir(), key=lambda p: p.name):
        if not folder.is_dir() or folder.name in SHARED_DIRS or folder.name[0] in "._":
            continue
        if folder.name not in config.editions:
            if edition is None and any(_markdown_files(folder)):
                _fail(
                    I18nNewsError(
                        f"'{folder.name}' is not a configured edition "
                        f"({', '.join(config.editions)}); content goes in content/<edition>/",
                        display_path(folder, config.root),
                    ),
                    errors,
                )
            continue
        if edition is not None and folder.name != edition:
            continue
        found.extend((folder.name, path) for path in _markdown_files(folder))
    order = list(config.editions)
    found.sort(key=lambda item: (order.index(item[0]), item[1].relative_to(root).as_posix()))
    return found


def _markdown_files(folder: Path) -> list[Path]:
    out: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        out.extend(
            Path(dirpath) / name
            for name in sorted(filenames)
            if name.endswith(".md") and not name.startswith((".", "_"))
        )
    return out


def load_articles(
    config: Config,
    *,
    taxonomy: Taxonomy | None = None,
    paths: Iterable[Path | str] | None = None,
    edition: str | None = None,
    errors: list[I18nNewsError] | None = None,
) -> list[Article]:
    """Read and validate every article (or those under ``paths``, or of one ``edition``).

    Raises the first ``I18nNewsError``; with ``errors`` given, appends every
    error there instead and returns the articles that are valid, so ``check``
    can report each bad file. Duplicate keys and slugs are judged against the
    whole edition even when ``paths`` selects a few files.
    """
    if edition is not None:
        config.edition(edition)
    wanted = Selection(paths)
    sink: list[I18nNewsError] = []
    if taxonomy is None:
        try:
            taxonomy = load_taxonomy(config.taxonomy_path, config.editions)
        except I18nNewsError as exc:
            _fail(exc, errors)
            taxonomy = Taxonomy(config.taxonomy_path)
    articles: list[Article] = []
    keys: dict[tuple[str, str], Article] = {}
    slugs: dict[tuple[str, str], Article] = {}
    for code, path in content_files(config, edition=edition, errors=sink):
        shown = display_path(path, config.root)
        try:
            article, problems = _read(path, config.editions[code], config, taxonomy, shown)
            if article is not None:
                _check_unique(article, keys, "key", article.key, shown, config)
                _check_unique(article, slugs, "slug", article.slug, shown, config)
        except I18nNewsError as exc:
            article, problems = None, [exc]
        if article is None:
            if wanted(path):
                for problem in problems if errors is not None else problems[:1]:
                    _fail(problem, errors)
            continue
        keys[(code, article.key)] = article
        slugs[(code, article.slug)] = article
        if wanted(path):
            articles.append(article)
    for problem in sink:
        if wanted(Path(config.root, problem.path or "")):
            _fail(problem, errors)
    return articles


class Selection:
    """Membership test for the ``paths`` argument: files, or everything under folders."""

    def __init__(self, paths: Iterable[Path | str] | None) -> None:
        self.paths = None if paths is None else [Path(p).resolve() for p in paths]

    def __call__(self, path: Path) -> bool:
        if self.paths is None:
            return True
        path = path.resolve()
        return any(path == p or p in path.parents for p in self.paths)


def _fail(exc: I18nNewsError, errors: list[I18nNewsError] | None) -> None:
    if errors is None:
        raise exc
    errors.append(exc)


def _check_unique(
    article: Article,
    seen: dict[tuple[str, str], Article],
    what: str,
    value: str,
    shown: str,
    config: Config,
) -> None:
    other = seen.get((article.edition, value))
    if other is None:
        return
    where = display_path(other.path, config.root)
    line = other.lines.get(what, 1)
    raise I18nNewsError(
        f"duplicate {what} '{value}' in edition '{article.edition}' (also in {where}:{line})",
        shown,
        article.lines.get(what, 1),
    )


def read_article(
    path: Path,
    edition: Edition,
    config: Config,
    taxonomy: Taxonomy | None = None,
    shown: str | None = None,
) -> Article:
    """Parse and validate one article file; raises its first problem (lowest line)."""
    article, problems = _read(path, edition, config, taxonomy, shown)
    if article is None:
        raise problems[0]
    return article


def _read(
    path: Path,
    edition: Edition,
    config: Config,
    taxonomy: Taxonomy | None,
    shown: str | None,
) -> tuple[Article | None, list[I18nNewsError]]:
    """The article, or None and every problem of the file sorted by line."""
    shown = shown or display_path(path, config.root)
    try:
        fm = parse_front_matter(read_text(path), shown)
    except I18nNewsError as exc:
        return None, [exc]
    problems: list[I18nNewsError] = []
    article = _build(fm, Path(path).resolve(), edition, config, taxonomy, shown, problems)
    problems.sort(key=lambda e: e.line or 0)
    return (None if problems else article), problems


def _build(
    fm: FrontMatter,
    path: Path,
    edition: Edition,
    config: Config,
    taxonomy: Taxonomy | None,
    shown: str,
    problems: list[I18nNewsError],
) -> Article | None:
    data = fm.data
    reader = _FieldReader(fm, shown, problems)
    problem, text, flag, keys_list = reader.problem, reader.text, reader.flag, reader.keys_list
    for key in data:
        if key not in ALLOWED_KEYS:
            problem(f"unknown front-matter key '{key}' (allowed: {', '.join(ALLOWED_KEYS)})", key)
    for key in REQUIRED_KEYS:
        if key not in data:
            problem(f"missing required key '{key}'")

    key = text("key", required=True)
    if key and not _KEY_RE.match(key):
        problem(f"'key' may use letters, digits, '-', '_' and '.' only: {key!r}", "key")
    title = text("title", required=True)
    summary = text("summary")
    slug = text("slug") or path.stem
    if "slug" in data and (not slug or slug in (".", "..") or re.search(r"[/\\\s]", slug)):
        problem(f"'slug' must be one path segment without spaces: {slug!r}", "slug")
    assumed = flag("published_tz_assumed")
    zone = ZoneInfo(edition.timezone)
    published = _instant(data, "published", assumed, zone, problem)
    updated = _instant(data, "updated", assumed, zone, problem) if "updated" in data else None
    if published is not None and updated is not None and updated < published:
        problem("'updated' is earlier than 'published'", "updated")

    fields = {name: text(name) for name, _ in _TAXONOMY_FIELDS}
    tags = keys_list("tags")
    _check_taxonomy(fields, tags, taxonomy, problem)
    related = keys_list("related")
    editions = _editions(reader, config, edition) if "editions" in data else None
    shares = data.get("shares", 0)
    if isinstance(shares, bool) or not isinstance(shares, int) or shares < 0:
        problem("'shares' must be a whole number of at least 0", "shares")
        shares = 0
    origin, origin_hash = _origin(reader, config, edition)
    image = _image(data, problem)
    draft = flag("draft")
    if problems or published is None:
        return None
    return Article(
        key=key,
        edition=edition.code,
        path=path,
        slug=slug,
        title=title,
        published=published,
        body=fm.body,
        summary=summary,
        updated=updated,
        author=fields["author"],
        source=fields["source"],
        section=fields["section"],
        region=fields["region"],
        tags=tags,
        image=image,
        related=related,
        editions=editions,
        draft=draft,
        shares=shares,
        origin=origin,
        origin_hash=origin_hash,
        published_tz_assumed=assumed,
        lines=dict(fm.lines),
        body_line=fm.body_line,
    )


class _FieldReader:
    """Typed values of one file's front matter; a wrong one is a problem at its line."""

    def __init__(self, fm: FrontMatter, shown: str, problems: list[I18nNewsError]) -> None:
        self.fm = fm
        self.data = fm.data
        self.shown = shown
        self.problems = problems

    def problem(self, message: str, key: str | None = None, item: str | None = None) -> None:
        line = self.fm.lines.get(key, 1) if key else 1
        if key and item is not None:
            line = self.fm.item_line(key, item)
        self.problems.append(I18nNewsError(message, self.shown, line))

    def text(self, key: str, *, required: bool = False) -> str:
        value = self.data.get(key, "")
        if not isinstance(value, str):
            self.problem(f"'{key}' must be a string", key)
            return ""
        if required and key in self.data and not value.strip():
            self.problem(f"'{key}' must not be empty", key)
        return value

    def flag(self, key: str) -> bool:
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            self.problem(f"'{key}' must be true or false", key)
            return False
        return value

    def keys_list(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self.problem(f"'{key}' must be a list of strings", key)
            return ()
        return tuple(value)


def _check_taxonomy(
    fields: dict[str, str],
    tags: tuple[str, ...],
    taxonomy: Taxonomy | None,
    problem: Callable[..., None],
) -> None:
    """Section, region, author, source and tags must be declared, a tag listed once."""
    if taxonomy is not None:
        for name, kind in _TAXONOMY_FIELDS:
            value = fields[name]
            if value and taxonomy.declares(kind) and taxonomy.get(kind, value) is None:
                problem(f"unknown {kind} '{value}' (not in taxonomy.toml)", name)
        for tag in tags:
            if taxonomy.declares("tag") and taxonomy.get("tag", tag) is None:
                problem(f"unknown tag '{tag}' (not in taxonomy.toml)", "tags", tag)
    for tag in sorted({t for t in tags if tags.count(t) > 1}):
        problem(f"tag '{tag}' is listed twice", "tags")


def _editions(reader: _FieldReader, config: Config, edition: Edition) -> tuple[str, ...]:
    """``editions``: configured ones, at least one, and this file's among them."""
    problem = reader.problem
    editions = reader.keys_list("editions")
    for code in editions:
        if code not in config.editions:
            problem(
                f"'editions': '{code}' is not a configured edition ({', '.join(config.editions)})",
                "editions",
                code,
            )
    if reader.data["editions"] == []:
        problem(
            "'editions' must list at least one edition (omit it for a shared story)",
            "editions",
        )
    elif editions and edition.code not in editions:
        problem(
            f"the story is exclusive to {', '.join(editions)} but this file is in the "
            f"'{edition.code}' edition",
            "editions",
        )
    return editions


def _origin(
    reader: _FieldReader, config: Config, edition: Edition
) -> tuple[str | None, str | None]:
    """``origin`` and ``origin_hash``: a translation names another configured edition."""
    problem = reader.problem
    origin = reader.text("origin") or None
    if origin is not None:
        if origin not in config.editions:
            problem(
                f"'origin': '{origin}' is not a configured edition ({', '.join(config.editions)})",
                "origin",
            )
        elif origin == edition.code:
            problem("'origin' names this file's own edition: omit it in the original", "origin")
    origin_hash = reader.text("origin_hash") or None
    if origin_hash is not None:
        if not _HASH_RE.match(origin_hash):
            problem(
                "'origin_hash' must be 'sha256:' and 64 hex digits (use `i18nnews stamp`)",
                "origin_hash",
            )
        elif origin is None:
            problem("'origin_hash' without 'origin': only a translation records one", "origin_hash")
    return origin, origin_hash


def _instant(
    data: dict[str, Any], key: str, assumed: bool, zone: ZoneInfo, problem: Any
) -> datetime | None:
    """An aware datetime; naive values only with ``published_tz_assumed = true``."""
    if key not in data:
        return None
    value = data[key]
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            problem(f"'{key}' is not a date and time such as {_EXAMPLE_DATE}: {data[key]!r}", key)
            return None
    elif isinstance(value, date) and not isinstance(value, datetime):
        value = datetime.combine(value, time())
    if not isinstance(value, datetime):
        problem(f"'{key}' must be a date and time such as {_EXAMPLE_DATE}", key)
        return None
    if value.tzinfo is None or value.utcoffset() is None:
        if not assumed:
            problem(
                f"'{key}' has no UTC offset: write it as {_EXAMPLE_DATE}, or add "
                f"published_tz_assumed = true to read it in {zone.key}",
                key,
            )
            return None
        value = value.replace(tzinfo=zone)
    return value


def _image(data: dict[str, Any], problem: Any) -> Image | None:
    if "image" not in data:
        return None
    raw = data["image"]
    shape = "'image' must be a table with a string 'src' (and optional 'caption', 'credit')"
    if not isinstance(raw, dict):
        problem(shape, "image")
        return None
    for name in raw:
        if name not in IMAGE_KEYS:
            problem(f"'image': unknown key '{name}' (allowed: {', '.join(IMAGE_KEYS)})", "image")
            return None
    src = raw.get("src")
    if not isinstance(src, str) or not src.strip():
        problem(shape, "image")
        return None
    for name in ("caption", "credit"):
        if not isinstance(raw.get(name, ""), str):
            problem(f"'image.{name}' must be a string", "image")
            return None
    return Image(src=src, caption=raw.get("caption", ""), credit=raw.get("credit", ""))

"""``i18nnews build``: one static site per edition under ``DIR/<edition>/``.

The build is a function of its inputs. It reads the newsroom once, plans
every page (:mod:`i18n_news.site.plan`), and fingerprints each page: a hash of
its template context, the templates, the edition's compiled catalogs, the
edition's settings, the build clock (``now``) and this package's code.
``DIR/.i18nnews-build.json`` remembers the fingerprints of the last build:

* a page whose fingerprint is unchanged and whose file exists is not even
  rendered — a rebuild with nothing changed writes nothing, not even the
  manifest, so every mtime stays as it was;
* a changed article changes the context of its own page and of the pages
  that show it (listings with its card, its translations' alternates…);
* a changed catalog changes the fingerprint of every page of *its* edition,
  which are rendered again, and written only if their bytes differ.

Pages render in a process pool with ``jobs > 1`` (default: the cores this
process may use) or on a Dask cluster (:mod:`i18n_news.site.executors`); each page
is rendered on its own from plain data, so the bytes depend neither on the
number of jobs nor on the executor, and each page is written as soon as it
is rendered.

Past one machine, ``shard=(K, N)`` renders the pages whose output path
hashes to shard K of N and records them in ``DIR/.i18nnews-shard-K-of-N.json``;
once every shard's output is gathered into one folder, ``merge=True`` checks
that all N shards were built from the same inputs and that every page is
there, then writes what needs the whole site (sitemaps or a sitemap index,
feeds, ``robots.txt``, assets) and the manifest. The result is the same tree,
byte for byte, as a build on one machine.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import struct
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from markupsafe import Markup

from i18n_news import __version__
from i18n_news.catalogs.articles import load_stories
from i18n_news.config import Config
from i18n_news.errors import I18nNewsError
from i18n_news.fs import atomic_write
from i18n_news.model import Article, Story
from i18n_news.site.executors import EditionBundle, default_jobs, label_lookup, render_pages
from i18n_news.site.feeds import (
    SITEMAP_LIMIT,
    SitemapEntry,
    atom_feed,
    news_sitemap,
    robots_txt,
    sitemap_entry,
    sitemap_files,
)
from i18n_news.site.plan import EditionLabels, MediaFile, Page, SitePlanner, SiteSettings
from i18n_news.site.sanitize import clean_text
from i18n_news.site.theme import (
    EditionCatalogs,
    edition_catalogs,
    static_files,
    template_dirs,
    templates_digest,
)
from i18n_news.sources.content import display_path
from i18n_news.sources.taxonomy import KINDS, Taxonomy, load_taxonomy

__all__ = [
    "BUILD_FORMAT",
    "MANIFEST_NAME",
    "BuildReport",
    "EditionBundle",
    "EditionReport",
    "Shard",
    "build_site",
    "default_now",
    "parse_shard",
    "resolve_base_urls",
    "shard_of",
]

#: Bump when the output changes for the same inputs (invalidates every manifest entry).
BUILD_FORMAT = "1"
MANIFEST_NAME = ".i18nnews-build.json"
DEFAULT_PER_PAGE = 10
_HASH_LEN = 10
_BUILD_KEYS = {"base_url", "base_urls", "per_page", "links", "descriptions"}

Progress = Callable[[int, int], None]


@dataclass
class EditionReport:
    code: str
    pages: int = 0
    written: int = 0
    unchanged: int = 0
    rendered: int = 0


@dataclass
class BuildReport:
    """What a build did; paths are relative to the output folder (POSIX)."""

    out: Path
    now: datetime
    editions: dict[str, EditionReport] = field(default_factory=dict)
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    rendered: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        """``156 written, 0 unchanged, 0 removed (52 pages rendered) in 1.8 s``."""
        return (
            f"{len(self.written)} written, {len(self.unchanged)} unchanged, "
            f"{len(self.removed)} removed ({self.rendered} pages rendered) in {self.seconds:.1f} s"
        )


# ---------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------


def build_settings(config: Config) -> Mapping[str, Any]:
    """``[tool.i18nnews.build]``, validated (config.py accepts the table as a whole)."""
    raw = config.raw.get("build", {})

    def fail(message: str, *keys: str) -> I18nNewsError:
        return I18nNewsError(message, config.path, config.line_of("build", *keys))

    if not isinstance(raw, dict):
        raise fail("'build' must be a table")
    for key in raw:
        if key not in _BUILD_KEYS:
            raise fail(
                f"unknown key 'build.{key}' (allowed here: {', '.join(sorted(_BUILD_KEYS))})", key
            )
    base_url = raw.get("base_url")
    if base_url is not None and not _is_http_url(
        base_url.replace("{edition}", "x") if isinstance(base_url, str) else base_url
    ):
        raise fail("build.base_url must be an http(s) URL (it may contain {edition})", "base_url")
    for name in ("base_urls", "links", "descriptions"):
        table = raw.get(name, {})
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            raise fail(f"build.{name} must be a table of strings", name)
    for code, url in raw.get("base_urls", {}).items():
        if code not in config.editions:
            raise fail(f"build.base_urls: '{code}' is not a configured edition", "base_urls", code)
        if not _is_http_url(url):
            raise fail(f"build.base_urls.{code} must be an http(s) URL", "base_urls", code)
    for code in raw.get("descriptions", {}):
        if code not in config.editions:
            raise fail(
                f"build.descriptions: '{code}' is not a configured edition", "descriptions", code
            )
    for name, url in raw.get("links", {}).items():
        if name not in ("privacy", "about", "contact", "authors"):
            raise fail(
                f"build.links: unknown link '{name}' (privacy, about, contact, authors)",
                "links",
                name,
            )
        if urlsplit(url).scheme not in ("", "http", "https"):
            raise fail(f"build.links.{name} must be an http(s) URL or a path", "links", name)
    per_page = raw.get("per_page", DEFAULT_PER_PAGE)
    if isinstance(per_page, bool) or not isinstance(per_page, int) or per_page < 1:
        raise fail("build.per_page must be a positive integer", "per_page")
    return raw


def _is_http_url(value: object) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def resolve_base_urls(config: Config, base_url: str | None = None) -> dict[str, str]:
    """The absolute URL each edition is served at, ending in ``/``.

    First match wins: ``--base-url`` (the URL of the output folder; the edition
    code is appended unless it contains ``{edition}``), ``build.base_urls.<code>``,
    ``build.base_url`` (same rule as ``--base-url``), ``site_url`` + ``/<code>/``.
    """
    settings = build_settings(config)
    if base_url is not None and not _is_http_url(base_url.replace("{edition}", "x")):
        raise I18nNewsError(f"--base-url: not an http(s) URL: {base_url!r}")
    out: dict[str, str] = {}
    for code in config.editions:
        if base_url is not None:
            url = _expand(base_url, code)
        elif code in settings.get("base_urls", {}):
            url = settings["base_urls"][code]
        elif settings.get("base_url"):
            url = _expand(settings["base_url"], code)
        elif config.site_url:
            url = f"{config.site_url}/{code}/"
        else:
            raise I18nNewsError(
                "build needs the public URL of the site: set site_url (or [tool.i18nnews.build] "
                "base_url), or pass --base-url",
                config.path,
                config.line_of("site_url") or None,
            )
        out[code] = url if url.endswith("/") else url + "/"
    return out


def _expand(template: str, code: str) -> str:
    if "{edition}" in template:
        return template.replace("{edition}", code)
    return (template if template.endswith("/") else template + "/") + f"{code}/"


def default_now(stories: Mapping[str, Story], environ: Mapping[str, str] | None = None) -> datetime:
    """The build clock when ``--now`` is not given.

    ``SOURCE_DATE_EPOCH`` when set (the reproducible-builds convention), else
    the newest publication or update of any story in any edition, else the
    current time (an empty newsroom). Not the wall clock by default: relative
    dates ("3 hours ago") and the 48-hour news sitemap would then change on
    every build, and a rebuild with nothing changed would rewrite every page.
    """
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), UTC)
        except (ValueError, OverflowError):
            raise I18nNewsError(
                f"SOURCE_DATE_EPOCH is not a number of seconds: {epoch!r}"
            ) from None
    instants = [
        when
        for story in stories.values()
        for article in story.articles.values()
        if not article.draft
        for when in (article.published, article.updated)
        if when is not None
    ]
    return max(instants) if instants else datetime.now(UTC).replace(microsecond=0)


# ---------------------------------------------------------------------------
# Assets
# ---------------------------------------------------------------------------


def hashed_name(name: str, data: bytes) -> str:
    """``style.css`` → ``style.3f2a9c0d1e.css``: the name changes whenever the bytes do.

    >>> hashed_name("img/a.svg", b"x")
    'img/a.2d711642b7.svg'
    """
    digest = hashlib.sha256(data).hexdigest()[:_HASH_LEN]
    folder, _, base = name.rpartition("/")
    stem, dot, suffix = base.partition(".")
    renamed = f"{stem}.{digest}{dot}{suffix}" if dot else f"{stem}.{digest}"
    return f"{folder}/{renamed}" if folder else renamed


def image_size(data: bytes, suffix: str) -> tuple[int | None, int | None]:
    """Intrinsic width and height of an SVG, PNG, GIF or JPEG (None when unknown)."""
    try:
        if suffix == ".svg":
            parser = etree.XMLParser(
                resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
            )
            root = etree.fromstring(data, parser)
            width, height = _svg_length(root.get("width")), _svg_length(root.get("height"))
            if (width is None or height is None) and root.get("viewBox"):
                parts = re.split(r"[\s,]+", root.get("viewBox", "").strip())
                if len(parts) == 4:
                    width, height = round(float(parts[2])), round(float(parts[3]))
            return width, height
        if data[:8] == b"\x89PNG\r\n\x1a\n":
            w, h = struct.unpack(">II", data[16:24])
            return w, h
        if data[:6] in (b"GIF87a", b"GIF89a"):
            w, h = struct.unpack("<HH", data[6:10])
            return w, h
        if data[:2] == b"\xff\xd8":
            return _jpeg_size(data)
    except (etree.XMLSyntaxError, ValueError, struct.error):
        pass
    return None, None


def _svg_length(value: str | None) -> int | None:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(px)?\s*", value or "")
    return round(float(match.group(1))) if match else None


def _jpeg_size(data: bytes) -> tuple[int | None, int | None]:
    index = 2
    while index + 9 < len(data):
        if data[index] != 0xFF:
            return None, None
        marker = data[index + 1]
        length = struct.unpack(">H", data[index + 2 : index + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
            h, w = struct.unpack(">HH", data[index + 5 : index + 9])
            return w, h
        index += 2 + length
    return None, None


@dataclass(frozen=True)
class Asset:
    path: str  # below the edition folder
    source: Path
    digest: str


def _read_bytes(path: Path, shown: str | None = None, line: int | None = None) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise I18nNewsError(
            f"cannot read {path.name}: {exc.strerror or exc}", shown or path, line
        ) from None


def collect_assets(config: Config) -> tuple[dict[str, str], list[Asset]]:
    """Theme static files under content-hashed names.

    Returns ``({"style.css": "static/style.<hash>.css"}, files)``.
    """
    names: dict[str, str] = {}
    files: list[Asset] = []
    for name, path in static_files(config).items():
        data = _read_bytes(path)
        target = "static/" + hashed_name(name, data)
        names[name] = target
        files.append(Asset(target, path, hashlib.sha256(data).hexdigest()))
    return names, files


def collect_media(
    config: Config, articles: Iterable[Article]
) -> tuple[dict[str, MediaFile], list[Asset]]:
    """Images the articles use, copied to ``media/`` with content hashes; bad sources are errors."""
    media: dict[str, MediaFile] = {}
    files: dict[str, Asset] = {}
    content = config.content_dir.resolve()
    for article in articles:
        if article.image is None:
            continue
        src = article.image.src
        if src in media:
            continue
        shown = display_path(article.path, config)
        line = article.lines.get("image")
        scheme = urlsplit(src).scheme
        if scheme in ("http", "https"):
            continue
        if scheme or src.startswith(("/", "\\")):
            raise I18nNewsError(
                f"image src {src!r}: use a path below {display_path(content, config)}/ "
                "or an http(s) URL",
                shown,
                line,
            )
        path = (content / src).resolve()
        if content not in path.parents:
            raise I18nNewsError(f"image src {src!r} points outside the content folder", shown, line)
        if not path.is_file():
            raise I18nNewsError(f"image not found: {display_path(path, config)}", shown, line)
        data = _read_bytes(path, shown, line)
        target = "media/" + hashed_name(path.name, data)
        width, height = image_size(data, path.suffix.lower())
        media[src] = MediaFile(target, width, height)
        files[target] = Asset(target, path, hashlib.sha256(data).hexdigest())
    return media, [files[k] for k in sorted(files)]


# ---------------------------------------------------------------------------
# Fingerprints, manifest, writing
# ---------------------------------------------------------------------------


def _json_default(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Markup):
        return str(value)
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    raise TypeError(f"cannot fingerprint {type(value).__name__}")


def code_digest() -> str:
    """A hash of this package's Python code: a changed renderer invalidates every page.

    The version alone would not notice an edit in a development checkout.
    """
    digest = hashlib.sha256(f"{BUILD_FORMAT}:{__version__}".encode())
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def fingerprint(page: Page, edition_digest: str) -> str:
    payload = json.dumps(
        {"template": page.template, "context": page.context},
        default=_json_default,
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    digest = hashlib.sha256(edition_digest.encode())
    digest.update(payload.encode("utf-8"))
    return digest.hexdigest()


def _read_manifest(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    outputs = data.get("outputs") if isinstance(data, dict) else None
    if not isinstance(outputs, dict) or data.get("format") != BUILD_FORMAT:
        return {}
    return {str(k): str(v) for k, v in outputs.items()}


def _manifest_bytes(outputs: Mapping[str, str]) -> bytes:
    data = {
        "format": BUILD_FORMAT,
        "generator": f"i18n_news {__version__}",
        "outputs": dict(sorted(outputs.items())),
    }
    return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def write_if_changed(path: Path, data: bytes, *, durable: bool = True) -> bool:
    """Write ``data`` atomically unless ``path`` already holds it; True if written.

    Goes through the toolkit's one writer (temp file, rename), never through a
    symlink, so an interrupted build leaves each file old or new. Pages are
    written with ``durable=False`` and synced all at once before the manifest
    (or shard manifest) that records them: two fsyncs per page cost a fifth
    of a large build.
    """
    _make_folder(path.parent)
    return atomic_write(path, data, follow_symlinks=False, durable=durable)


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise I18nNewsError(f"cannot create folder: {exc.strerror or exc}", folder) from None


def _confined(out: Path, rel: str) -> Path:
    """``out/rel``, refusing a path that would land outside ``out`` (``..``, absolute, symlink)."""
    parts = rel.replace("\\", "/").split("/")
    if not rel or rel.startswith("/") or any(p in ("", ".", "..") for p in parts):
        raise I18nNewsError(f"refusing to write outside the output folder: {rel!r}", out)
    path = out / rel
    base = out.resolve()
    parent = path.parent.resolve()
    if parent != base and base not in parent.parents:
        raise I18nNewsError(f"refusing to write outside the output folder: {rel!r}", out)
    return path


def _remove(out: Path, rel: str) -> bool:
    try:
        path = _confined(out, rel)
    except I18nNewsError:
        return False  # a tampered manifest entry: never delete outside the output folder
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise I18nNewsError(f"cannot remove: {exc.strerror or exc}", path) from None
    folder = path.parent
    while folder != out and out in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            break
        folder = folder.parent
    return True


# ---------------------------------------------------------------------------
# The build
# ---------------------------------------------------------------------------


def _labels(
    taxonomy: Taxonomy, catalogs: EditionCatalogs, articles: Iterable[Article]
) -> dict[tuple[str, str], str]:
    """Every taxonomy label the edition can print, translated, bidi-balanced."""
    translations = catalogs.taxonomy_translations()
    keys: dict[tuple[str, str], str] = {}
    for kind in KINDS:
        for entry in taxonomy.entries(kind):
            keys[(kind, entry.key)] = entry.label
    for article in articles:
        for kind, value in (
            ("section", article.section),
            ("region", article.region),
            ("author", article.author),
            ("source", article.source),
        ):
            if value:
                keys.setdefault((kind, value), value)
        for tag in article.tags:
            keys.setdefault(("tag", tag), tag)
    return {
        key: clean_text(translations.pgettext(key[0], english)) for key, english in keys.items()
    }


Shard = tuple[int, int]  # (K, N), 1 <= K <= N
SHARD_GLOB = ".i18nnews-shard-*-of-*.json"


def parse_shard(value: str) -> Shard:
    """``"2/4"`` → ``(2, 4)``; anything else is a one-line error.

    >>> parse_shard("2/4")
    (2, 4)
    """
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", value)
    if not match:
        raise I18nNewsError(f"--shard: expected K/N such as 2/4, got {value!r}")
    k, n = int(match.group(1)), int(match.group(2))
    if not 1 <= k <= n:
        raise I18nNewsError(f"--shard {value}: K must be between 1 and N")
    return k, n


def shard_of(rel: str, count: int) -> int:
    """The shard (1..count) that renders output ``rel``: a hash of its path only.

    A page stays on its shard when other pages come and go, so a shard's
    cached output folder stays useful from one build to the next.
    """
    digest = hashlib.sha256(rel.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def shard_manifest_name(shard: Shard) -> str:
    return f".i18nnews-shard-{shard[0]}-of-{shard[1]}.json"


def inputs_digest(
    config: Config,
    stories: Mapping[str, Story],
    edition_digests: Mapping[str, str],
    base_urls: Mapping[str, str],
    files: Mapping[str, str],
) -> str:
    """Everything the pages of a build depend on, hashed without planning a page.

    The shards of one build and its merge must agree on it: the package, theme,
    catalogs, edition settings and clock (``edition_digests``), the public
    URLs, the configuration and taxonomy files, every story file of every
    edition (a page shows its translations' links), and the content-hashed
    names of assets and images (``files``).
    """
    digest = hashlib.sha256(BUILD_FORMAT.encode())
    digest.update(json.dumps([edition_digests, base_urls, files], sort_keys=True).encode())
    paths = {config.path, config.taxonomy_path}
    paths.update(a.path for story in stories.values() for a in story.articles.values())
    for path in sorted(paths):
        # Relative: shards may check the newsroom out at different places.
        digest.update(os.path.relpath(path, config.root).encode("utf-8") + b"\0")
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            digest.update(b"-")  # no taxonomy file: allowed, and the same on every shard
    return digest.hexdigest()


def _read_shards(out: Path, plan: str) -> dict[str, str]:
    """Fingerprints recorded by the shard manifests in ``out``, after checking the set.

    Every shard 1..N of one N must be there, each built from the same plan.
    """
    found: dict[int, dict[str, Any]] = {}
    counts: set[int] = set()
    for path in sorted(out.glob(SHARD_GLOB)):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            k, n = (int(x) for x in data["shard"])
            outputs = dict(data["outputs"])
            shard_plan = str(data["plan"])
        except (OSError, ValueError, KeyError, TypeError):
            raise I18nNewsError("not a shard manifest of this build format", path, 1) from None
        if data.get("format") != BUILD_FORMAT:
            raise I18nNewsError(
                f"shard {k}/{n} was built by another version of i18n_news; rebuild it", path, 1
            )
        if shard_plan != plan:
            raise I18nNewsError(
                f"shard {k}/{n} was built from other inputs than this merge (content, catalogs, "
                "theme, options or --now differ); build every shard from the same commit "
                "with the same options",
                path,
                1,
            )
        counts.add(n)
        found[k] = outputs
    if not found:
        raise I18nNewsError(
            f"no shard manifests ({SHARD_GLOB}) in {out}: run build --shard K/N for every K "
            "and gather their output folders there first"
        )
    if len(counts) > 1:
        raise I18nNewsError(f"shard manifests of different shard counts in {out}: {sorted(counts)}")
    count = counts.pop()
    missing = [k for k in range(1, count + 1) if k not in found]
    if missing:
        raise I18nNewsError(
            f"missing shard(s) {', '.join(f'{k}/{count}' for k in missing)} in {out}"
        )
    merged: dict[str, str] = {}
    for outputs in found.values():
        merged.update(outputs)
    return merged


def build_site(
    config: Config,
    *,
    out: Path,
    langs: Sequence[str] | None = None,
    jobs: int | None = None,
    base_url: str | None = None,
    now: datetime | None = None,
    force: bool = False,
    progress: Progress | None = None,
    executor: str = "process",
    scheduler: str | None = None,
    shard: Shard | None = None,
    merge: bool = False,
    sitemap_limit: int = SITEMAP_LIMIT,
) -> BuildReport:
    """Build the selected editions (all by default) into ``out/<edition>/``.

    :param jobs: worker processes (default: the cores this process may use).
    :param now: the build clock (relative dates, the news sitemap, the ticker);
        see :func:`default_now`.
    :param force: render every page even when the manifest says it is current
        (files whose bytes did not change are still left alone).
    :param progress: called with ``(done, total)`` as pages are rendered or skipped.
    :param executor: ``process`` (a local pool) or ``dask`` (``scheduler``'s
        cluster, or a local one without it).
    :param shard: render only shard ``K`` of ``N``; see the module docstring.
    :param merge: assemble the gathered shards' output; renders no page.
    """
    started = time.perf_counter()
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise I18nNewsError(f"--jobs must be at least 1, got {jobs}")
    if shard is not None and merge:
        raise I18nNewsError("--shard and --merge are separate steps: use one or the other")
    if shard is not None and not 1 <= shard[0] <= shard[1]:
        raise I18nNewsError(f"--shard {shard[0]}/{shard[1]}: K must be between 1 and N")
    if sitemap_limit < 1:
        raise I18nNewsError("sitemap_limit must be at least 1")
    selected = list(dict.fromkeys(langs)) if langs else list(config.editions)
    for code in selected:
        if code not in config.editions:
            raise I18nNewsError(
                f"unknown edition '{code}' (configured: {', '.join(config.editions)})"
            )
    selected = [code for code in config.editions if code in selected]
    if now is not None and (now.tzinfo is None or now.utcoffset() is None):
        raise I18nNewsError("--now needs a UTC offset (e.g. 2025-08-25T12:00:00+03:00)")
    settings_raw = build_settings(config)
    base_urls = resolve_base_urls(config, base_url)

    taxonomy = load_taxonomy(config.taxonomy_path, config.editions)
    stories = load_stories(config, taxonomy=taxonomy)
    clock = now if now is not None else default_now(stories)

    asset_names, asset_files = collect_assets(config)
    chosen = [
        a
        for s in stories.values()
        for code, a in s.articles.items()
        if code in selected and not a.draft
    ]
    media, media_files = collect_media(config, chosen)

    catalogs = {code: edition_catalogs(config, config.editions[code]) for code in selected}
    by_edition: dict[str, list[Article]] = {code: [] for code in selected}
    for article in chosen:
        by_edition[article.edition].append(article)
    labels = {code: _labels(taxonomy, catalogs[code], by_edition[code]) for code in selected}

    settings = SiteSettings(
        base_urls=base_urls,
        now=clock,
        per_page=settings_raw.get("per_page", DEFAULT_PER_PAGE),
        links=dict(settings_raw.get("links", {})),
        descriptions=dict(settings_raw.get("descriptions", {})),
        assets=asset_names,
        media=media,
    )
    planner = SitePlanner(
        config,
        stories,
        taxonomy,
        settings,
        {
            code: EditionLabels(label_lookup(labels[code]), catalogs[code].message_translations())
            for code in selected
        },
    )

    dirs = template_dirs(config)
    theme_digest = templates_digest(dirs)
    package_digest = code_digest()
    edition_digests = {
        code: hashlib.sha256(
            "\n".join(
                [
                    package_digest,
                    theme_digest,
                    catalogs[code].digest,
                    repr(config.editions[code]),
                    clock.isoformat(),
                ]
            ).encode("utf-8")
        ).hexdigest()
        for code in selected
    }
    bundles = {
        code: EditionBundle(config.editions[code], catalogs[code], labels[code], clock, dirs)
        for code in selected
    }

    manifest_path = out / MANIFEST_NAME
    old = _read_manifest(manifest_path)
    report = BuildReport(
        out=out, now=clock, editions={code: EditionReport(code) for code in selected}
    )

    # Edition folders first: an unusable --out fails here, before any page is rendered.
    for code in selected:
        _make_folder(_confined(out, code))

    # Only shards and merges compare inputs: it reads every story file again.
    plan = ""
    if shard is not None or merge:
        plan = inputs_digest(
            config,
            stories,
            edition_digests,
            base_urls,
            {**asset_names, **{src: m.path for src, m in media.items()}},
        )

    # Plan, fingerprint and render in one stream: pages are planned while the
    # workers render earlier ones, and only what sitemaps need of each is kept.
    prints: dict[str, str] = {}
    entries: dict[str, list[SitemapEntry]] = {code: [] for code in selected}
    shard_path = out / shard_manifest_name(shard) if shard is not None else None
    cached = {**old, **_read_shard_outputs(shard_path)} if shard_path is not None else old
    select = None if shard is None else (lambda rel: shard_of(rel, shard[1]) == shard[0])
    total = planner.count_pages(selected, select)
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    def to_render() -> Iterator[Page]:
        if progress is not None:
            progress(0, total)
        for page in planner.iter_pages(selected, select):
            rel = f"{page.edition}/{page.output}"
            if rel in prints:
                raise I18nNewsError(f"two pages would be written to {rel}")
            print_ = prints[rel] = fingerprint(page, edition_digests[page.edition])
            entry = sitemap_entry(page)
            if entry is not None:
                entries[page.edition].append(entry)
            ed = report.editions[page.edition]
            ed.pages += 1
            if not force and cached.get(rel) == print_ and (out / rel).is_file():
                report.unchanged.append(rel)
                ed.unchanged += 1
                tick()
                continue
            yield page

    if merge:
        _gather(planner, selected, _read_shards(out, plan), out, prints, entries, report)
    for page, data in render_pages(
        () if merge else to_render(), bundles, jobs=jobs, executor=executor, scheduler=scheduler
    ):
        ed = report.editions[page.edition]
        report.rendered += 1
        ed.rendered += 1
        _record(out, f"{page.edition}/{page.output}", data, report, ed)
        tick()

    if shard_path is not None:
        data = {
            "format": BUILD_FORMAT,
            "generator": f"i18n_news {__version__}",
            "shard": list(shard or ()),
            "plan": plan,
            "outputs": {rel: prints[rel] for rel in sorted(report.written + report.unchanged)},
        }
        _sync(report)
        write_if_changed(
            shard_path, (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
        )
        return _finish(report, started)

    new: dict[str, str] = {k: v for k, v in old.items() if k.split("/", 1)[0] not in selected}
    new.update(prints)

    # Assets, feeds, sitemaps, robots.txt: cheap, so always produced and compared.
    for code in selected:
        ed = report.editions[code]
        used = {
            media[a.image.src].path for a in by_edition[code] if a.image and a.image.src in media
        }
        for asset in [*asset_files, *(m for m in media_files if m.path in used)]:
            rel = f"{code}/{asset.path}"
            new[rel] = asset.digest
            if old.get(rel) == asset.digest and (out / rel).is_file():
                report.unchanged.append(rel)
                ed.unchanged += 1
                continue
            _record(out, rel, _read_bytes(asset.source), report, ed)
        for name, data in _edition_files(
            config,
            planner,
            code,
            entries.pop(code),
            base_urls[code],
            clock,
            settings,
            sitemap_limit,
        ):
            rel = f"{code}/{name}"
            new[rel] = hashlib.sha256(data).hexdigest()
            _record(out, rel, data, report, ed)

    for rel in sorted(set(old) - set(new)):
        if _remove(out, rel):
            report.removed.append(rel)
    _sync(report)
    write_if_changed(manifest_path, _manifest_bytes(new))
    if merge:
        for path in out.glob(SHARD_GLOB):
            path.unlink()
    return _finish(report, started)


def _gather(
    planner: SitePlanner,
    selected: Sequence[str],
    gathered: Mapping[str, str],
    out: Path,
    prints: dict[str, str],
    entries: Mapping[str, list[SitemapEntry]],
    report: BuildReport,
) -> None:
    """A merge: every page must come from a shard; no page is planned or rendered.

    The shards agreed on the inputs digest, so the fingerprints they recorded
    are the ones this build would compute; sitemap entries come from the
    planner's index of pages.
    """
    for code in selected:
        ed = report.editions[code]
        for rel, entry in planner.page_index(code):
            if rel not in gathered or not (out / rel).is_file():
                raise I18nNewsError(
                    f"page {rel} is missing from the gathered shards: copy every shard's "
                    "output folder into this one",
                    out,
                )
            prints[rel] = gathered[rel]
            if entry is not None:
                entries[code].append(entry)
            ed.pages += 1
            ed.unchanged += 1
            report.unchanged.append(rel)


def _read_shard_outputs(path: Path) -> dict[str, str]:
    """The outputs a previous run of this shard recorded (its cache), or nothing."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != BUILD_FORMAT:
            return {}
        return {str(k): str(v) for k, v in dict(data["outputs"]).items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _edition_files(
    config: Config,
    planner: SitePlanner,
    code: str,
    entries: Sequence[SitemapEntry],
    home: str,
    clock: datetime,
    settings: SiteSettings,
    sitemap_limit: int,
) -> Iterator[tuple[str, bytes]]:
    """Sitemaps (an index past the limit), the news sitemap, Atom and robots.txt, lazily."""
    edition = config.editions[code]
    yield from sitemap_files(entries, home, limit=sitemap_limit)
    feed = planner.feed_entries(code)
    yield (
        "news-sitemap.xml",
        news_sitemap(feed, publication=edition.name, lang=edition.lang, now=clock),
    )
    yield (
        "atom.xml",
        atom_feed(
            feed,
            title=edition.name,
            lang=edition.lang,
            home_url=home,
            feed_url=home + "atom.xml",
            now=clock,
            subtitle=settings.descriptions.get(code),
        ),
    )
    yield "robots.txt", robots_txt(home)


def _record(out: Path, rel: str, data: bytes, report: BuildReport, ed: EditionReport) -> None:
    if write_if_changed(_confined(out, rel), data, durable=False):
        report.written.append(rel)
        ed.written += 1
    else:
        report.unchanged.append(rel)
        ed.unchanged += 1


def _sync(report: BuildReport) -> None:
    """Make the files written without fsync durable before a manifest records them."""
    if report.written and hasattr(os, "sync"):
        os.sync()


def _finish(report: BuildReport, started: float) -> BuildReport:
    """Sorted lists, so a report does not depend on which worker finished first."""
    report.written.sort()
    report.unchanged.sort()
    report.seconds = time.perf_counter() - started
    return report

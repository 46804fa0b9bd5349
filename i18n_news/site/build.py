"""``i18nnews build``: one static site per edition under ``DIR/<edition>/``.

The build is a function of its inputs. It reads the newsroom once, copies
theme files and images under content-hashed names (:mod:`i18n_news.site.assets`),
plans every page (:mod:`i18n_news.site.plan`) and fingerprints each page: a
hash of its template context, the templates, the edition's compiled catalogs,
the edition's settings, the build clock (``now``) and this package's code.
``DIR/.i18nnews-build.json`` remembers the fingerprints of the last build
(:mod:`i18n_news.site.manifest`):

* a page whose fingerprint is unchanged and whose file exists is not even
  rendered — a rebuild with nothing changed writes nothing, not even the
  manifest, so every mtime stays as it was;
* a changed article changes the context of its own page and of the pages
  that show it (listings with its card, its translations' alternates…);
* a changed catalog changes the fingerprint of every page of *its* edition,
  which are rendered again, and written only if their bytes differ
  (:mod:`i18n_news.site.output`).

Pages render in a process pool with ``jobs > 1`` (default: the cores this
process may use) or on a Dask cluster (:mod:`i18n_news.site.executors`); each page
is rendered on its own from plain data, so the bytes depend neither on the
number of jobs nor on the executor, and each page is written as soon as it
is rendered.

Past one machine, ``shard=(K, N)`` renders the pages whose output path
hashes to shard K of N and records them in ``DIR/.i18nnews-shard-K-of-N.json``;
once every shard's output is gathered into one folder, ``merge=True`` checks
that all N shards were built from the same inputs and that every page is
there (:mod:`i18n_news.site.shards`), then writes what needs the whole site
(sitemaps or a sitemap index, feeds, ``robots.txt``, assets) and the
manifest. The result is the same tree, byte for byte, as a build on one
machine.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from i18n_news.catalogs.articles import load_stories
from i18n_news.config import Config, is_http_url
from i18n_news.errors import I18nNewsError
from i18n_news.model import Article, Story
from i18n_news.site.assets import Asset, collect_assets, collect_media
from i18n_news.site.executors import EditionBundle, default_jobs, render_pages
from i18n_news.site.feeds import (
    SITEMAP_LIMIT,
    SitemapEntry,
    atom_feed,
    news_sitemap,
    robots_txt,
    sitemap_entry,
    sitemap_files,
)
from i18n_news.site.labels import edition_labels, label_lookup
from i18n_news.site.manifest import (
    MANIFEST_NAME,
    code_digest,
    edition_digest,
    fingerprint,
    manifest_bytes,
    read_manifest,
)
from i18n_news.site.output import confined, make_folder, remove_output, write_if_changed
from i18n_news.site.pages import EditionLabels, Page, SiteSettings
from i18n_news.site.plan import SitePlanner
from i18n_news.site.shards import (
    SHARD_GLOB,
    Shard,
    gathered_pages,
    inputs_digest,
    read_shard_outputs,
    read_shards,
    shard_manifest_bytes,
    shard_manifest_name,
    shard_of,
)
from i18n_news.site.theme import edition_catalogs, template_dirs, templates_digest
from i18n_news.sources.taxonomy import load_taxonomy

__all__ = [
    "BuildReport",
    "EditionReport",
    "build_site",
    "default_now",
    "resolve_base_urls",
]


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


def resolve_base_urls(config: Config, base_url: str | None = None) -> dict[str, str]:
    """The absolute URL each edition is served at, ending in ``/``.

    First match wins: ``--base-url`` (the URL of the output folder; the edition
    code is appended unless it contains ``{edition}``), ``build.base_urls.<code>``,
    ``build.base_url`` (same rule as ``--base-url``), ``site_url`` + ``/<code>/``.
    """
    settings = config.build
    if base_url is not None and not is_http_url(base_url.replace("{edition}", "x")):
        raise I18nNewsError(f"--base-url: not an http(s) URL: {base_url!r}")
    out: dict[str, str] = {}
    for code in config.editions:
        if base_url is not None:
            url = _expand(base_url, code)
        elif code in settings.base_urls:
            url = settings.base_urls[code]
        elif settings.base_url:
            url = _expand(settings.base_url, code)
        elif config.site_url:
            url = f"{config.site_url}/{code}/"
        else:
            raise I18nNewsError(
                f"build needs the public URL of the site: set {config.key_path('site_url')} "
                f"(or {config.table_header('build')} base_url), or pass --base-url",
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
# The build
# ---------------------------------------------------------------------------


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
    _check_options(jobs, shard, merge, sitemap_limit)
    selected = _selected(config, langs)
    if now is not None and (now.tzinfo is None or now.utcoffset() is None):
        raise I18nNewsError("--now needs a UTC offset (e.g. 2025-08-25T12:00:00+03:00)")
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
    labels = {code: edition_labels(taxonomy, catalogs[code], by_edition[code]) for code in selected}

    settings = SiteSettings(
        base_urls=base_urls,
        now=clock,
        per_page=config.build.per_page,
        links=dict(config.build.links),
        descriptions=dict(config.build.descriptions),
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
        code: edition_digest(
            package_digest, theme_digest, catalogs[code].digest, config.editions[code], clock
        )
        for code in selected
    }
    bundles = {
        code: EditionBundle(config.editions[code], catalogs[code], labels[code], clock, dirs)
        for code in selected
    }

    manifest_path = out / MANIFEST_NAME
    old = read_manifest(manifest_path)
    report = BuildReport(
        out=out, now=clock, editions={code: EditionReport(code) for code in selected}
    )

    # Edition folders first: an unusable --out fails here, before any page is rendered.
    for code in selected:
        make_folder(confined(out, code))

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

    shard_path = out / shard_manifest_name(shard) if shard is not None else None
    cached = {**old, **read_shard_outputs(shard_path)} if shard_path is not None else old
    select = None if shard is None else (lambda rel: shard_of(rel, shard[1]) == shard[0])
    stream = _Stream(planner, selected, select, edition_digests, report, progress)
    prints, entries = stream.prints, stream.entries
    if merge:
        stream.add_gathered(read_shards(out, plan))
    for page, data in render_pages(
        () if merge else stream.to_render(cached, force),
        bundles,
        jobs=jobs,
        executor=executor,
        scheduler=scheduler,
    ):
        ed = report.editions[page.edition]
        report.rendered += 1
        ed.rendered += 1
        _record(out, f"{page.edition}/{page.output}", data, report, ed)
        stream.tick()

    if shard is not None and shard_path is not None:
        outputs = {rel: prints[rel] for rel in sorted(report.written + report.unchanged)}
        _sync(report)
        write_if_changed(shard_path, shard_manifest_bytes(shard, plan, outputs))
        return _finish(report, started)

    new: dict[str, str] = {k: v for k, v in old.items() if k.split("/", 1)[0] not in selected}
    new.update(prints)

    # Assets, feeds, sitemaps, robots.txt: cheap, so always produced and compared.
    for code in selected:
        ed = report.editions[code]
        used = {
            media[a.image.src].path for a in by_edition[code] if a.image and a.image.src in media
        }
        assets = [*asset_files, *(m for m in media_files if m.path in used)]
        _write_assets(out, code, assets, old, new, report)
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

    _remove_stale(out, old, new, report)
    _sync(report)
    write_if_changed(manifest_path, manifest_bytes(new))
    if merge:
        for path in out.glob(SHARD_GLOB):
            path.unlink()
    return _finish(report, started)


class _Stream:
    """Plan, fingerprint and render in one stream.

    Pages are planned while the workers render earlier ones, and only what
    sitemaps need of each is kept: its fingerprint and its sitemap entry.
    """

    def __init__(
        self,
        planner: SitePlanner,
        selected: list[str],
        select: Callable[[str], bool] | None,
        edition_digests: Mapping[str, str],
        report: BuildReport,
        progress: Progress | None,
    ) -> None:
        self.planner = planner
        self.selected = selected
        self.select = select
        self.edition_digests = edition_digests
        self.report = report
        self.progress = progress
        self.prints: dict[str, str] = {}
        self.entries: dict[str, list[SitemapEntry]] = {code: [] for code in selected}
        self.total = planner.count_pages(selected, select)
        self.done = 0

    def tick(self) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total)

    def to_render(self, cached: Mapping[str, str], force: bool) -> Iterator[Page]:
        """The pages to render: those whose fingerprint ``cached`` lacks (all with ``force``)."""
        report, out = self.report, self.report.out
        if self.progress is not None:
            self.progress(0, self.total)
        for page in self.planner.iter_pages(self.selected, self.select):
            rel = f"{page.edition}/{page.output}"
            if rel in self.prints:
                raise I18nNewsError(f"two pages would be written to {rel}")
            print_ = self.prints[rel] = fingerprint(page, self.edition_digests[page.edition])
            entry = sitemap_entry(page)
            if entry is not None:
                self.entries[page.edition].append(entry)
            ed = report.editions[page.edition]
            ed.pages += 1
            if not force and cached.get(rel) == print_ and (out / rel).is_file():
                report.unchanged.append(rel)
                ed.unchanged += 1
                self.tick()
                continue
            yield page

    def add_gathered(self, gathered: Mapping[str, str]) -> None:
        """A merge: the shards rendered every page, each is recorded as it is."""
        report = self.report
        for code in self.selected:
            ed = report.editions[code]
            for rel, print_, entry in gathered_pages(self.planner, code, gathered, report.out):
                self.prints[rel] = print_
                if entry is not None:
                    self.entries[code].append(entry)
                ed.pages += 1
                ed.unchanged += 1
                report.unchanged.append(rel)


def _remove_stale(
    out: Path, old: Mapping[str, str], new: Mapping[str, str], report: BuildReport
) -> None:
    """Delete what the last build wrote and this one no longer does."""
    for rel in sorted(set(old) - set(new)):
        if remove_output(out, rel):
            report.removed.append(rel)


def _check_options(jobs: int, shard: Shard | None, merge: bool, sitemap_limit: int) -> None:
    if jobs < 1:
        raise I18nNewsError(f"--jobs must be at least 1, got {jobs}")
    if shard is not None and merge:
        raise I18nNewsError("--shard and --merge are separate steps: use one or the other")
    if shard is not None and not 1 <= shard[0] <= shard[1]:
        raise I18nNewsError(f"--shard {shard[0]}/{shard[1]}: K must be between 1 and N")
    if sitemap_limit < 1:
        raise I18nNewsError("sitemap_limit must be at least 1")


def _selected(config: Config, langs: Sequence[str] | None) -> list[str]:
    """The editions to build, in the configuration's order; an unknown one is an error."""
    selected = list(dict.fromkeys(langs)) if langs else list(config.editions)
    for code in selected:
        config.edition(code)  # an unknown one is the usual error
    return [code for code in config.editions if code in selected]


def _write_assets(
    out: Path,
    code: str,
    assets: Sequence[Asset],
    old: Mapping[str, str],
    new: dict[str, str],
    report: BuildReport,
) -> None:
    """Copy the edition's assets and media; one whose digest the manifest has is left alone."""
    ed = report.editions[code]
    for asset in assets:
        rel = f"{code}/{asset.path}"
        new[rel] = asset.digest
        if old.get(rel) == asset.digest and (out / rel).is_file():
            report.unchanged.append(rel)
            ed.unchanged += 1
            continue
        _record(out, rel, asset.read(), report, ed)


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
    if write_if_changed(confined(out, rel), data, durable=False):
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

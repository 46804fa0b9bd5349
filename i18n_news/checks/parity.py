"""Parity checks (PAR2xx): the editions of one story, judged against its original.

Like compare-locales, the original (the story's origin edition, normally the
source edition) is the reference: a required edition that lacks the story,
a translation whose original changed, or metadata that differs from the
original is reported on the file where the fix belongs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from i18n_news.catalogs.scan import ScannedCatalog, scan_po
from i18n_news.checks.registry import finding, register
from i18n_news.config import Config
from i18n_news.errors import I18nNewsError
from i18n_news.fs import display_path, read_bytes
from i18n_news.localize.bidi import EMBEDDING_CONTROLS, ISOLATE_CONTROLS
from i18n_news.model import Article, Finding, Story
from i18n_news.sources.stories import story_status
from i18n_news.sources.taxonomy import Taxonomy

__all__ = ["ParityContext", "content_error", "duration", "run_parity_checks"]

_TAXONOMY_FIELDS = (
    ("section", "section"),
    ("region", "region"),
    ("author", "author"),
    ("source", "source"),
)
_BODY_IMAGE = re.compile(r"!\[[^\]]*\]\(|<img\b", re.I)


@dataclass
class ParityContext:
    """Every story of the newsroom, the taxonomy, and the clock parity is judged by."""

    config: Config
    stories: dict[str, Story]
    taxonomy: Taxonomy
    now: datetime
    _catalogs: dict[str, ScannedCatalog | None] = field(default_factory=dict, repr=False)

    def rel(self, path: Path | str) -> str:
        """``path`` as findings show it: relative to the newsroom root, POSIX style."""
        return display_path(path, self.config.root)

    def at(
        self, check_id: str, article: Article, key: str, message: str, edition: str | None = None
    ) -> Finding:
        """A finding on ``article``'s front-matter key ``key``."""
        return finding(
            check_id,
            self.rel(article.path),
            article.lines.get(key, 1) if article.lines else 0,
            message,
            edition=edition or article.edition,
        )  # fmt: skip

    def taxonomy_catalog(self, edition: str) -> ScannedCatalog | None:
        """The edition's ``taxonomy.po``, None when absent or unreadable (PO100 reports that)."""
        if edition not in self._catalogs:
            path = self.config.catalog_path(edition, "taxonomy")
            try:
                self._catalogs[edition] = scan_po(read_bytes(path, "catalog"), self.rel(path))
            except I18nNewsError:
                self._catalogs[edition] = None
        return self._catalogs[edition]


def duration(delta: timedelta) -> str:
    """``timedelta`` as a reader would say it.

    >>> duration(timedelta(days=2, hours=3, minutes=5)), duration(timedelta(minutes=40))
    ('2 d 3 h', '40 min')
    """
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h" if hours else f"{days} d"
    if hours:
        return f"{hours} h {mins} min" if mins else f"{hours} h"
    return f"{mins} min"


def _iso(value: object) -> str:
    return value.isoformat() if isinstance(value, datetime) else repr(value)


def _origin(story: Story) -> Article | None:
    code = story.origin_edition
    return story.articles.get(code) if code else None


def _translations(story: Story, origin: Article) -> Iterator[Article]:
    """Hand-written editions of a story other than its original."""
    for code, article in story.articles.items():
        if code != origin.edition and not article.from_catalog:
            yield article


@register("PAR200", "content-invalid", "error", "parity")
def content_invalid(ctx: ParityContext) -> Iterator[Finding]:
    """A content file or the taxonomy cannot be read or is invalid.

    ## What it does
    Reports front matter that is not valid TOML or YAML, a missing required
    key (`key`, `title`, `published`), a date without a UTC offset, an
    unknown section or tag, a duplicate key in an edition, an invalid
    `taxonomy.toml`: every problem `i18nnews articles` would stop at, each
    with its file and line, so that one run shows them all.

    ## Why is this bad?
    The story cannot be built, and every parity check about it is blind.

    ## Example
    ```toml
    +++
    key = "2024-12-12-russia-syria-bases"
    published = 2024-12-12T23:53:00
    +++
    ```
    `'published' has no UTC offset` (and `title` is missing).
    """
    return iter(())  # reported while the content is read


@register("PAR201", "story-missing", "error", "parity")
def story_missing(ctx: ParityContext) -> Iterator[Finding]:
    """A story is missing in a required edition after the grace period.

    ## What it does
    For every published original, checks that each edition it must reach
    has it: the editions of `parity.required` for a shared story, the
    editions listed in its `editions` for an exclusive one. A hand-written
    file or a complete per-article catalog counts; a draft does not. Once
    `parity.grace` has passed since the original's `published` time (by the
    clock, or `--now` for reproducible CI) the gap is an error; before, it is
    PAR202. The finding is on the original, with the missing edition.

    ## Why is this bad?
    Readers of that edition never see the story, and its links to the other
    editions (hreflang) point nowhere.

    ## Example
    `content/en/politics/russia-syria-bases.md` published 12 Dec 2024 23:53
    with no `content/ar/…` file of the same `key`, checked a day later.
    """
    yield from _missing(ctx, overdue=True)


@register("PAR202", "story-pending", "info", "parity")
def story_pending(ctx: ParityContext) -> Iterator[Finding]:
    """A story is not yet in a required edition, still within the grace period.

    ## What it does
    The same test as PAR201, for a story whose grace period (`parity.grace`,
    default 6 h after `published`) has not run out yet; the message says
    when it will.

    ## Why is this bad?
    It is not, yet: translation takes time. It tells the desk what is due.

    ## Example
    A story published 40 minutes ago, with no Arabic edition.
    """
    yield from _missing(ctx, overdue=False)


def _missing(ctx: ParityContext, *, overdue: bool) -> Iterator[Finding]:
    grace = ctx.config.parity.grace
    for story in ctx.stories.values():
        origin = _origin(story)
        if origin is None or origin.draft:
            continue
        required = origin.editions if origin.editions is not None else ctx.config.parity.required
        for code in required:
            if code == origin.edition or code not in ctx.config.editions:
                continue
            present = story.articles.get(code)
            if present is not None and not present.draft:
                continue
            due = origin.published + grace
            late = ctx.now >= due
            if late != overdue:
                continue
            state = "only a draft" if present is not None else "missing"
            if late:
                message = (
                    f"story '{story.key}' is {state} in edition '{code}', "
                    f"{duration(ctx.now - origin.published)} after publication "
                    f"(grace {duration(grace)})"
                )
                yield ctx.at("PAR201", origin, "key", message, edition=code)
            else:
                message = (
                    f"story '{story.key}' is {state} in edition '{code}'; due by "
                    f"{due.isoformat()} (in {duration(due - ctx.now)})"
                )
                yield ctx.at("PAR202", origin, "key", message, edition=code)


@register("PAR203", "stale-translation", "warning", "parity")
def stale_translation(ctx: ParityContext) -> Iterator[Finding]:
    """A translation's original changed after it was last brought up to date.

    ## What it does
    A translation records `origin` and `origin_hash`, the hash of the
    original's title, summary, caption and body when it was translated (or
    last stamped). When the original's hash is different now, the
    translation is stale. Translations without `origin_hash` are not judged.

    ## Why is this bad?
    The edition tells readers something the original no longer says: a
    corrected figure, a changed headline, a new paragraph.

    ## Example
    The English original gained a paragraph; `content/ar/…` still has the
    old hash. Update the translation, then `i18nnews stamp content/ar/…`.
    """
    for story in ctx.stories.values():
        for code, article in story.articles.items():
            if story_status(story, code) == "stale":
                yield ctx.at(
                    "PAR203", article, "origin_hash",
                    f"translation of '{story.key}' is stale: the '{article.origin}' original "
                    f"changed since origin_hash was recorded; update it, then run "
                    f"`i18nnews stamp {ctx.rel(article.path)}`",
                )  # fmt: skip


def _compare(
    ctx: ParityContext,
    check_id: str,
    key: str,
    value: Callable[[Article], object],
    show: Callable[[object], str] = repr,
    kind: str | None = None,
) -> Iterator[Finding]:
    """Findings where a translation's ``value`` differs from its original's.

    With a taxonomy ``kind``, an original value that is exclusive to other
    editions is not expected in the translation (PAR221's subject).
    """
    for story in ctx.stories.values():
        origin = _origin(story)
        if origin is None:
            continue
        want = value(origin)
        for article in _translations(story, origin):
            if (
                kind
                and want
                and ctx.taxonomy.get(kind, str(want)) is not None
                and not ctx.taxonomy.allowed_in(kind, str(want), article.edition)
            ):
                continue
            got = value(article)
            if got != want:
                yield ctx.at(
                    check_id, article, key,
                    f"{key} {show(got)} differs from the '{origin.edition}' original's "
                    f"{show(want)} "
                    f"({ctx.rel(origin.path)})",
                )  # fmt: skip


def _set_difference(
    ctx: ParityContext, check_id: str, key: str, kind: str | None = None
) -> Iterator[Finding]:
    for story in ctx.stories.values():
        origin = _origin(story)
        if origin is None:
            continue
        for article in _translations(story, origin):
            want = set(getattr(origin, key))
            if kind:
                want = {
                    v
                    for v in want
                    if ctx.taxonomy.get(kind, v) is None
                    or ctx.taxonomy.allowed_in(kind, v, article.edition)
                }
            got = set(getattr(article, key))
            if got == want:
                continue
            parts = []
            if want - got:
                parts.append("lacks " + ", ".join(repr(v) for v in sorted(want - got)))
            if got - want:
                parts.append("adds " + ", ".join(repr(v) for v in sorted(got - want)))
            yield ctx.at(
                check_id, article, key,
                f"{key} differ from the '{origin.edition}' original ({ctx.rel(origin.path)}): "
                f"{'; '.join(parts)}",
            )  # fmt: skip


@register("PAR210", "published-differs", "warning", "parity")
def published_differs(ctx: ParityContext) -> Iterator[Finding]:
    """A translation's published instant differs from the original's.

    ## What it does
    Compares `published` as an instant: `2024-12-12T23:53:00+02:00` and
    `2024-12-12T21:53:00Z` are equal; the same wall time in another offset is
    not.

    ## Why is this bad?
    Every edition shows when the story broke; a translation that says
    otherwise sorts differently on the front page and in the sitemaps, and
    contradicts its sister editions.

    ## Example
    `published = 2024-12-12T23:53:00Z` in the Spanish file of a story the
    English original dates `2024-12-12T23:53:00+02:00`.
    """
    yield from _compare(ctx, "PAR210", "published", lambda a: a.published, _iso)


@register("PAR211", "section-differs", "warning", "parity")
def section_differs(ctx: ParityContext) -> Iterator[Finding]:
    """A translation is filed in another section than the original.

    ## What it does
    Compares the `section` key of each translation with the original's
    (unless the original's section is exclusive to other editions: then the
    translation has to choose another).

    ## Why is this bad?
    The editions' section pages and breadcrumbs disagree, and the language
    switcher of a section page loses the story.

    ## Example
    `section = "opinion"` in the Arabic file, `"politics"` in the original.
    """
    yield from _compare(ctx, "PAR211", "section", lambda a: a.section, kind="section")


@register("PAR212", "region-differs", "warning", "parity")
def region_differs(ctx: ParityContext) -> Iterator[Finding]:
    """A translation has another region than the original.

    ## What it does
    Compares the `region` key of each translation with the original's.

    ## Why is this bad?
    Region pages of the editions list different stories.

    ## Example
    `region = "mena"` in the original, none in the translation.
    """
    yield from _compare(ctx, "PAR212", "region", lambda a: a.region, kind="region")


@register("PAR213", "tags-differ", "warning", "parity")
def tags_differ(ctx: ParityContext) -> Iterator[Finding]:
    """A translation's tags differ from the original's.

    ## What it does
    Compares the set of tag keys (order does not matter).

    ## Why is this bad?
    Tag pages and "related" suggestions of the editions drift apart.

    ## Example
    The original has `tags = ["russia", "syria"]`, the translation
    `tags = ["russia"]`: it lacks `'syria'`.
    """
    yield from _set_difference(ctx, "PAR213", "tags", kind="tag")


@register("PAR214", "image-count-differs", "warning", "parity")
def image_count_differs(ctx: ParityContext) -> Iterator[Finding]:
    """A translation has more or fewer images than the original.

    ## What it does
    Counts the lead `image` and the images of the body (Markdown `![…](…)`
    and `<img>`), and compares the counts.

    ## Why is this bad?
    A lost image usually means a lost caption or credit, and a page whose
    layout differs from its sister editions.

    ## Example
    The original has a lead image; the translation's front matter has none.
    """
    yield from _compare(
        ctx, "PAR214", "image",
        lambda a: (1 if a.image is not None else 0) + len(_BODY_IMAGE.findall(a.body)),
        lambda n: f"count {n}",
    )  # fmt: skip


@register("PAR215", "related-differ", "warning", "parity")
def related_differ(ctx: ParityContext) -> Iterator[Finding]:
    """A translation links other related stories than the original.

    ## What it does
    Compares the set of story keys in `related`.

    ## Why is this bad?
    "Related News" boxes of the editions disagree, or point at a story an
    edition does not have.

    ## Example
    The original relates `2024-12-12-syria-condemns-incursion`; the
    translation does not.
    """
    yield from _set_difference(ctx, "PAR215", "related")


def _uses(article: Article) -> Iterator[tuple[str, str, str]]:
    """``(kind, key, front-matter key)`` of every taxonomy entry an article uses."""
    for name, kind in _TAXONOMY_FIELDS:
        value = getattr(article, name)
        if value:
            yield kind, value, name
    for tag in article.tags:
        yield "tag", tag, "tags"


@register("PAR220", "taxonomy-untranslated", "warning", "parity")
def taxonomy_untranslated(ctx: ParityContext) -> Iterator[Finding]:
    """A taxonomy label an edition uses has no translation in its taxonomy catalog.

    ## What it does
    For every section, region, tag, source and author the stories of a
    translation edition use, looks up its label (msgctxt = kind) in
    `locales/<edition>/LC_MESSAGES/taxonomy.po`: an entry that is missing,
    empty or fuzzy is reported there, with the stories that use it.

    ## Why is this bad?
    The edition prints the English label in its menus, breadcrumbs and tag
    lists.

    ## Example
    Arabic stories use the tag `hayat-tahrir-al-sham`; its `msgstr` in
    `locales/ar/LC_MESSAGES/taxonomy.po` is empty.
    """
    if not ctx.taxonomy:
        return
    for code in ctx.config.translation_editions():
        used: dict[tuple[str, str], list[Article]] = {}
        for story in ctx.stories.values():
            article = story.articles.get(code)
            if article is None:
                continue
            for kind, key, _field in _uses(article):
                if ctx.taxonomy.get(kind, key) is not None:
                    used.setdefault((kind, key), []).append(article)
        if not used:
            continue
        path = ctx.config.catalog_path(code, "taxonomy")
        catalog = ctx.taxonomy_catalog(code)
        if catalog is None and path.exists():
            continue  # unreadable: PO100
        index = {}
        if catalog is not None:
            index = {(e.msgctxt, e.msgid): e for e in catalog.entries if not e.obsolete}
        for (kind, key), articles in sorted(used.items()):
            label = ctx.taxonomy.label(kind, key)
            entry = index.get((kind, label))
            if entry is not None and "fuzzy" not in entry.flags and entry.msgstr:
                continue
            where = ctx.rel(articles[0].path)
            more = f" and {len(articles) - 1} more" if len(articles) > 1 else ""
            if catalog is None:
                state, line = "the catalog does not exist (run `i18nnews init`)", 0
            elif entry is None:
                state = "the catalog has no entry for it (run `i18nnews update`)"
                line = catalog.header.linenum if catalog.header else 1
            else:
                state = (
                    "its entry is fuzzy" if "fuzzy" in entry.flags else "its entry is untranslated"
                )
                line = entry.linenum
            yield finding(
                "PAR220", ctx.rel(path), line,
                f"{kind} '{key}' (label {label!r}) is used in edition '{code}' by {where}{more} "
                f"but {state}",
                edition=code,
            )  # fmt: skip


@register("PAR221", "taxonomy-edition-exclusive", "error", "parity")
def taxonomy_edition_exclusive(ctx: ParityContext) -> Iterator[Finding]:
    """A story uses a section, region or tag that is exclusive to other editions.

    ## What it does
    `taxonomy.toml` may restrict an entry to some editions
    (`editions = ["es"]`); a story of another edition that uses it is
    reported at the front-matter key. A translation may keep its original's
    exclusive author and source (it credits them), not its section, region
    or tags.

    ## Why is this bad?
    That edition has no page, menu entry or label for the entry: the story
    links to a section that does not exist there.

    ## Example
    `section = "interviews"` (Spanish only) in `content/en/…`.
    """
    for story in ctx.stories.values():
        for code, article in story.articles.items():
            for kind, key, name in _uses(article):
                if kind in ("author", "source") and article.origin is not None:
                    continue  # a translation credits its original's byline and source
                entry = ctx.taxonomy.get(kind, key)
                if entry is not None and not ctx.taxonomy.allowed_in(kind, key, code):
                    yield ctx.at(
                        "PAR221", article, name,
                        f"{kind} '{key}' is exclusive to {', '.join(entry.editions or ())} "
                        f"but used in edition '{code}'",
                    )  # fmt: skip


_CONTROL_CHARS = EMBEDDING_CONTROLS | ISOLATE_CONTROLS


def content_bidi_controls(ctx: ParityContext) -> Iterator[Finding]:
    """PO105 (bidi-control) for stories: override, embedding or isolate controls in their text.

    Looks for LRE, RLE, LRO, RLO, PDF, LRI, RLI, FSI and PDI (U+202A–U+202E,
    U+2066–U+2069) in the title, summary, caption, credit and body of every
    hand-written story (marks are allowed). They reorder text invisibly
    ("Trojan source"); the build balances them inside their element anyway.
    Reported under PO105, the one bidi-control check, so that configuration
    that re-levels or ignores it covers catalogs and content alike.
    """
    for story in ctx.stories.values():
        for article in story.articles.values():
            if article.from_catalog:
                continue
            fields = [("title", article.title), ("summary", article.summary)]
            if article.image is not None:
                fields += [("image", article.image.caption), ("image", article.image.credit)]
            for key, text in fields:
                found = sorted({f"U+{ord(c):04X}" for c in text if c in _CONTROL_CHARS})
                if found:
                    yield ctx.at(
                        "PO105", article, key, f"'{key}' has bidi controls: {', '.join(found)}"
                    )
            body = [c for c in article.body if c in _CONTROL_CHARS]
            if body:
                names = ", ".join(sorted({f"U+{ord(c):04X}" for c in body}))
                yield finding(
                    "PO105",
                    ctx.rel(article.path),
                    article.body_line or 1,
                    f"the body has bidi controls: {names}",
                    edition=article.edition,
                )


def content_error(exc: I18nNewsError, config: Config) -> Finding:
    """A PAR200 finding for a content or taxonomy error collected while reading."""
    path = exc.path or ""  # already relative to the newsroom when not absolute
    shown = display_path(path, config.root) if Path(path).is_absolute() else path
    edition = None
    content = display_path(config.content_dir, config.root)
    if shown.startswith(content + "/"):
        rest = Path(shown[len(content) + 1 :]).parts
        edition = rest[0] if rest and rest[0] in config.editions else None
    return finding("PAR200", shown, exc.line or 0, exc.message, edition=edition)


def run_parity_checks(
    ctx: ParityContext, checks: list[Callable[..., Iterable[Finding]]]
) -> list[Finding]:
    out: list[Finding] = []
    for func in checks:
        out.extend(func(ctx))
    return out

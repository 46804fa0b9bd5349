"""``i18nnews import``: saved article pages -> content files.

A page is read with lxml and nothing else happens to it: no network, no DTD
or entity expansion, no script runs. Each stage of the job is one module:

* :mod:`~i18n_news.importer.html` — bytes to a safe tree (charset, parsing)
  and the text lookups the other stages make in it;
* :mod:`~i18n_news.importer.metadata` — the tree to a :class:`Page`: title,
  summary, byline, section, tags, image, dates and language, each from the
  most reliable source the page has (JSON-LD, OpenGraph, ``<meta>``,
  microdata, the visible headline, byline and dateline);
* :mod:`~i18n_news.importer.bylines` — author names cleaned and split, and
  the byline elements a page shows;
* :mod:`~i18n_news.importer.dates` — dates in machine formats and in the
  edition's own words (``23 Julio 19:20``, ``١٢ كانون الأول ٢٠٢٤``);
* :mod:`~i18n_news.importer.language` — the page's language, from its
  markup and its text;
* :mod:`~i18n_news.importer.markdown` — the article's body as Markdown;
* :mod:`~i18n_news.importer.write` — the content file: slug, TOML front
  matter, the target folder and the atomic write.

The result is ``content/<edition>/imported/<slug>.md``; a date without a UTC
offset is written as the page gave it, with ``published_tz_assumed = true``
so it is read in the edition's time zone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from i18n_news.config import Config
from i18n_news.errors import I18nNewsError
from i18n_news.fs import display_path, read_bytes
from i18n_news.importer.dates import PageDate, parse_date_text, parse_machine_date
from i18n_news.importer.html import MAX_BYTES
from i18n_news.importer.language import primary
from i18n_news.importer.metadata import Page, parse_page, strip_site_suffix
from i18n_news.importer.write import (
    Vocabulary,
    build_front_matter,
    import_lock,
    output_dir,
    page_notes,
    page_slug,
    render_file,
    slugify,
    taxonomy_labels,
    write_content_file,
)
from i18n_news.sources.taxonomy import load_taxonomy

__all__ = [
    "MAX_BYTES",
    "ImportResult",
    "Page",
    "PageDate",
    "import_pages",
    "page_slug",
    "parse_date_text",
    "parse_machine_date",
    "parse_page",
    "result_json",
    "slugify",
    "strip_site_suffix",
]


@dataclass(frozen=True)
class ImportResult:
    """One imported page: where it went and what an editor should look at."""

    source: str
    path: str
    key: str
    slug: str
    title: str
    draft: bool
    front_matter: dict[str, Any] = field(hash=False)
    body: str = ""
    warnings: tuple[str, ...] = ()
    changed: bool = True
    language: str = ""


def import_pages(
    files: Iterable[Path | str],
    edition: str,
    config: Config,
    *,
    now: datetime | None = None,
    overwrite: bool = False,
    any_language: bool = False,
) -> list[ImportResult]:
    """Import saved pages into ``content/<edition>/imported/``.

    Every page is read and checked before anything is written, so a bad
    input leaves the content directory untouched. A file already imported
    with the same text is left alone (``changed=False``); a different file
    of the same name is an error unless ``overwrite``. A page in another
    language than the edition's is refused unless ``any_language`` (then it
    is a warning): a German page does not belong in the English edition.
    """
    from i18n_news.sources.content import content_files

    ed = config.edition(edition)
    target = output_dir(config, edition)
    now = now or datetime.now(UTC)
    taxonomy = load_taxonomy(config.taxonomy_path, config.editions)
    vocabulary = Vocabulary(taxonomy, taxonomy_labels(config, edition))
    taken = {p.stem: p for _, p in content_files(config, edition=edition)}
    planned: list[tuple[Path, str, ImportResult]] = []
    for file in files:
        source = Path(file)
        page = parse_page(read_bytes(source, "page"), ed, name=str(source))
        warnings = list(page.warnings)
        if page.language and primary(page.language) != ed.language:
            mismatch = (
                f"the page is in '{page.language}' but the '{edition}' edition is in "
                f"'{ed.language}'"
            )
            if page.language_certain and not any_language:
                raise I18nNewsError(
                    f"{mismatch}: import it into an edition in '{page.language}', "
                    "or pass --any-language",
                    source,
                )
            warnings.append(
                mismatch
                if page.language_certain
                else f"{mismatch} (a guess from little text: imported anyway)"
            )
        base = page_slug(page)
        slug, n = base, 1
        while (slug in taken and taken[slug].parent.resolve() != target.resolve()) or any(
            slug == r.slug for _, _, r in planned
        ):
            n += 1
            slug = f"{base}-{n}"
        if slug != base:
            warnings.append(f"slug '{base}' is taken in the '{edition}' edition: wrote '{slug}'")
        fm = build_front_matter(
            page, ed, slug=slug, vocabulary=vocabulary, now=now, warnings=warnings
        )
        out = target / f"{slug}.md"
        text = render_file(fm, page.body, undated=page.published is None, notes=page_notes(page))
        shown = display_path(out, config.root)
        changed = True
        if out.exists():
            if out.read_bytes() == text.encode("utf-8"):
                changed = False
            elif not overwrite:
                raise I18nNewsError(
                    f"{shown} already exists with other content; "
                    "move it away to import the page again",
                    source,
                )
        result = ImportResult(
            source=str(source),
            path=shown,
            key=fm["key"],
            slug=slug,
            title=fm["title"],
            draft=bool(fm.get("draft")),
            front_matter=fm,
            body=page.body,
            warnings=tuple(dict.fromkeys(warnings)),
            changed=changed,
            language=page.language,
        )
        planned.append((out, text, result))
    if planned:
        target.mkdir(parents=True, exist_ok=True)
        output_dir(config, edition)  # re-check: nothing became a link meanwhile
        with import_lock(target):
            for out, text, result in planned:
                if result.changed:
                    write_content_file(out, text)
    return [result for _, _, result in planned]


def result_json(result: ImportResult) -> dict[str, Any]:
    """A JSON-ready view of a result (datetimes as ISO-8601), for the CLI and golden tests."""

    def plain(value: Any) -> Any:
        if isinstance(value, datetime):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value

    return {
        "source": result.source,
        "path": result.path,
        "key": result.key,
        "draft": result.draft,
        "changed": result.changed,
        "language": result.language,
        "front_matter": plain(result.front_matter),
        "body": result.body,
        "warnings": list(result.warnings),
    }

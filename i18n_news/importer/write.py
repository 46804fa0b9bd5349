"""A :class:`~i18n_news.importer.metadata.Page` as a content file of the newsroom.

The page's words are mapped onto the newsroom's: its section, tags, author
and source onto taxonomy keys (by label, in the edition's language too), its
title onto an ASCII slug. The file is ``content/<edition>/imported/<slug>.md``
with TOML front matter in the order editors read it; the folder is checked
so that no route (``..``, a symbolic link) leads out of ``content/``.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import time
import unicodedata
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

import tomli_w

from i18n_news.config import Config
from i18n_news.errors import I18nNewsError
from i18n_news.fs import TEMP_PATTERN, atomic_write
from i18n_news.importer.dates import normalize_date_text
from i18n_news.importer.metadata import Page
from i18n_news.model import Edition
from i18n_news.sources.taxonomy import Taxonomy

__all__ = [
    "IMPORT_DIR",
    "Vocabulary",
    "build_front_matter",
    "import_lock",
    "output_dir",
    "page_notes",
    "page_slug",
    "render_file",
    "slugify",
    "taxonomy_labels",
    "transliterate",
    "write_content_file",
]

#: Folder of an edition's content directory that imports are written to.
IMPORT_DIR = "imported"


def slugify(text: str, *, limit: int = 80) -> str:
    """ASCII slug of Latin-script text; ``""`` when nothing Latin is left.

    >>> slugify("Russia contacting Syrian regime, seeks to keep bases: Report")
    'russia-contacting-syrian-regime-seeks-to-keep-bases-report'
    >>> slugify("Ansar Allah promete mantener sus operaciones en Saná")
    'ansar-allah-promete-mantener-sus-operaciones-en-sana'
    """
    text = unicodedata.normalize("NFKD", text.replace("&", " and "))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"['’`]", "", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] if "-" in slug[:limit] else slug[:limit]
    return slug


def _mostly_latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    latin = [c for c in letters if unicodedata.name(c, "").startswith("LATIN")]
    return bool(letters) and len(latin) * 2 >= len(letters)


def page_slug(page: Page) -> str:
    """From a Latin title; else the URL's last path segment; else a short hash."""
    if _mostly_latin(page.title):
        slug = slugify(page.title)
        if len(slug) >= 3:
            return slug
    if page.url:
        segments = [s for s in urlsplit(page.url).path.split("/") if s]
        if segments:
            last = re.sub(r"\.(?:s?html?|php|aspx?|jsp)$", "", unquote(segments[-1]), flags=re.I)
            slug = slugify(last)
            if len(slug) >= 3 and re.search(r"[a-z]", slug):
                return slug
    digest = hashlib.sha1((page.title or page.body).encode("utf-8")).hexdigest()[:8]
    return f"article-{digest}"


def _fold(text: str) -> str:
    return normalize_date_text(text)


class Vocabulary:
    """Maps what a page calls a section, tag, author or source onto taxonomy keys."""

    def __init__(self, taxonomy: Taxonomy, labels: dict[tuple[str, str], str]) -> None:
        self.taxonomy = taxonomy
        self.by_label: dict[tuple[str, str], str] = {}
        for kind in ("section", "tag", "author", "source"):
            for entry in taxonomy.entries(kind):
                self.by_label.setdefault((kind, _fold(entry.label)), entry.key)
                translated = labels.get((kind, entry.label))
                if translated:
                    self.by_label.setdefault((kind, _fold(translated)), entry.key)

    def key(self, kind: str, value: str, warnings: list[str]) -> str:
        """The taxonomy key of ``value``: by label (in the edition's words too), else a
        slug of it; a name without Latin letters gets a transliterated key, and the
        warning gives the taxonomy entry that keeps the name as it is written."""
        if not value:
            return ""
        found = self.by_label.get((kind, _fold(value)))
        if found:
            return found
        slug = slugify(value)
        latin = bool(slug)
        if not slug:
            slug = slugify(transliterate(value))
        if not slug:
            warnings.append(f"{kind} {value!r} is not in the taxonomy and has no Latin key")
            return ""
        if self.taxonomy.get(kind, slug) is not None:
            return slug
        if not latin:
            warnings.append(
                f"{kind} {value!r} is not in the taxonomy: written as '{slug}'; add "
                f'[{_PLURAL[kind]}.{slug}] label = "{value}" to taxonomy.toml to show it as written'
            )
        elif self.taxonomy.declares(kind):
            given = f" ({value})" if value != slug else ""
            warnings.append(f"{kind} '{slug}'{given} is not in the taxonomy yet")
        return slug


_PLURAL = {"section": "sections", "tag": "tags", "author": "authors", "source": "sources"}


def transliterate(text: str) -> str:
    """Latin letters for a name in any script (``حسام أبو العلا`` -> ``hsm 'bw l`l``), by
    anyascii, so a non-Latin byline still gets a stable ASCII key."""
    from anyascii import anyascii

    return str(anyascii(text))


def taxonomy_labels(config: Config, edition: str) -> dict[tuple[str, str], str]:
    """``(kind, English label) -> label in the edition``, from its ``taxonomy`` catalog."""
    path = config.catalog_path(edition, "taxonomy")
    if not path.is_file():
        return {}
    from i18n_news.catalogs.articles import read_catalog

    try:
        po = read_catalog(path)
    except I18nNewsError:
        return {}
    return {
        (e.msgctxt, e.msgid): e.msgstr
        for e in getattr(po, "entries", po)
        if e.msgctxt and e.msgstr and not e.obsolete and "fuzzy" not in e.flags
    }


def build_front_matter(
    page: Page,
    edition: Edition,
    *,
    slug: str,
    vocabulary: Vocabulary,
    now: datetime,
    warnings: list[str],
) -> dict[str, Any]:
    """The front matter of the imported file, keys in the order editors read them."""
    zone = ZoneInfo(edition.timezone)
    fm: dict[str, Any] = {}
    published = page.published
    assumed = published is not None and not published.has_offset
    if published is None:
        warnings.append(
            "no publication date found: written as a draft, 'published' set to the import time"
        )
        when = now.astimezone(zone).replace(microsecond=0)
    else:
        when = published.value
        if assumed:
            warnings.append(
                f"the date {published.text!r} has no UTC offset: read in {edition.timezone} "
                "(published_tz_assumed = true)"
            )
    day = when if when.tzinfo is None else when.astimezone(zone)
    fm["key"] = f"{day:%Y-%m-%d}-{slug}"
    fm["title"] = page.title or slug
    if page.summary:
        fm["summary"] = page.summary
    fm["published"] = when
    if page.updated is not None and page.updated.has_offset == (when.tzinfo is not None):
        fm["updated"] = page.updated.value
    if assumed:
        fm["published_tz_assumed"] = True
    if page.authors:
        fm["author"] = vocabulary.key("author", page.authors[0], warnings)
        if len(page.authors) > 1:
            warnings.append(f"more than one author; kept the first: {', '.join(page.authors)}")
    if page.source:
        fm["source"] = vocabulary.key("source", page.source, warnings)
    if page.section:
        fm["section"] = vocabulary.key("section", page.section, warnings)
    tags = [vocabulary.key("tag", tag, warnings) for tag in page.tags]
    tags = list(dict.fromkeys(t for t in tags if t))
    if tags:
        fm["tags"] = tags
    if published is None:
        fm["draft"] = True
    if page.image is not None:
        image = {"src": page.image.src}
        if page.image.caption:
            image["caption"] = page.image.caption
        if page.image.credit:
            image["credit"] = page.image.credit
        fm["image"] = image
    return {k: v for k, v in fm.items() if v not in ("", None)}


def render_file(
    front_matter: dict[str, Any], body: str, *, undated: bool = False, notes: tuple[str, ...] = ()
) -> str:
    """``+++`` TOML front matter (written by tomli-w) and the Markdown body.

    ``notes`` become comment lines at the top of the front matter: what the
    page said that the fields cannot hold (its language, its byline as written).
    """
    toml = tomli_w.dumps(front_matter)
    if notes:
        toml = "".join(f"# {' '.join(note.split())}\n" for note in notes) + toml
    if undated:
        toml = re.sub(
            r"^published = ",
            "# The page had no date: set 'published' (and remove 'draft') before publishing.\n"
            "published = ",
            toml,
            count=1,
            flags=re.M,
        )
    text = f"+++\n{toml}+++\n"
    if body:
        text += f"\n{body}\n"
    return text


def output_dir(config: Config, edition: str) -> Path:
    """``content/<edition>/imported``, refusing any route out of the content directory."""
    config.edition(edition)
    if "/" in edition or "\\" in edition or edition in (".", "..") or Path(edition).is_absolute():
        raise I18nNewsError(f"edition '{edition}' cannot name a folder")
    content = config.content_dir
    target = content / edition / IMPORT_DIR
    for folder in (content / edition, target):
        if folder.is_symlink():
            raise I18nNewsError("refusing to write through a symbolic link", folder)
    if not target.resolve().is_relative_to(content.resolve()):
        raise I18nNewsError("the import folder resolves outside the content directory", target)
    return target


def page_notes(page: Page) -> tuple[str, ...]:
    """Comment lines for the imported file: the page's language and its byline as written."""
    notes = []
    if page.language:
        how = "" if page.language_certain else " (a guess from little text)"
        notes.append(f"Imported page: language '{page.language}'{how}.")
    if page.authors:
        notes.append(f"Byline on the page: {', '.join(page.authors)}")
    return tuple(notes)


#: A temporary file this old in the import folder belongs to no running write.
STALE_AFTER = 60.0


@contextlib.contextmanager
def import_lock(folder: Path) -> Iterator[int]:
    """Hold the import folder (``flock`` on the folder itself: no lock file in content/)
    and remove the temporary files a killed import left there; yields how many."""
    import fcntl

    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise I18nNewsError(
            f"cannot open the import folder: {exc.strerror or exc}", folder
        ) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise I18nNewsError(
                "another i18nnews import is writing this folder; try again when it has finished",
                folder,
            ) from None
        removed = 0
        now = time.time()
        for entry in os.scandir(folder):
            if entry.is_file(follow_symlinks=False) and TEMP_PATTERN.match(entry.name):
                with contextlib.suppress(OSError):
                    if now - entry.stat(follow_symlinks=False).st_mtime >= STALE_AFTER:
                        os.unlink(entry.path)
                        removed += 1
        yield removed
    finally:
        os.close(fd)


def write_content_file(path: Path, text: str) -> None:
    """Write an imported file atomically, replacing (never following) a symbolic link."""
    atomic_write(path, text.encode("utf-8"), follow_symlinks=False)

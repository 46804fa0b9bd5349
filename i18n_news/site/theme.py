"""Where the theme's files and translations come from.

Templates: the newsroom's ``theme_dir`` (and its ``templates/`` folder) first,
then the default theme shipped in ``i18n_news/theme/templates``. Static files
the same way (``theme_dir/static`` over ``i18n_news/theme/static``).

Translations of the theme's own strings are looked up in up to four catalogs,
in order: the newsroom's ``locales/<edition>/LC_MESSAGES/messages.po``, the
copy of this repository's catalogs that ships inside the package
(``i18n_news/theme/locales/<lang>/LC_MESSAGES/messages.po``), then the same
two for the source edition, then the msgid. A newsroom that translates
nothing still gets an Arabic and Spanish interface; a newsroom that
translates a string (or the whole catalog) wins; a string a Hebrew translator
has not reached yet reads as the French source edition reads it, not in the
theme's English. The packaged copy is
kept identical to ``locales/`` by ``scripts/sync_theme_catalogs.py``, and a
test fails when they differ, so a release can never ship stale UI strings.

Catalogs are compiled in memory (:func:`i18n_news.catalogs.mofile.to_mo`): a build
needs no ``compile`` step first, and fuzzy or empty entries fall through to
the next catalog exactly as with ``msgfmt``.
"""

from __future__ import annotations

import gettext
import hashlib
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from i18n_news.catalogs.mofile import to_mo
from i18n_news.catalogs.reader import read_po
from i18n_news.config import Config
from i18n_news.model import Edition

THEME_DIR = Path(__file__).resolve().parent.parent / "theme"
PACKAGED_LOCALES = THEME_DIR / "locales"
THEME_DOMAIN = "messages"
TAXONOMY_DOMAIN = "taxonomy"


@dataclass(frozen=True)
class CompiledCatalog:
    """One catalog compiled to ``.mo`` bytes, with where it came from (for the build manifest)."""

    role: str  # "newsroom" | "theme" | "source" | "source-theme" | "taxonomy"
    path: str
    mo: bytes

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.mo).hexdigest()


@dataclass(frozen=True)
class EditionCatalogs:
    """The compiled catalogs one edition renders with; picklable for worker processes."""

    messages: tuple[CompiledCatalog, ...]  # in lookup order (see message_catalogs)
    taxonomy: CompiledCatalog | None

    @property
    def digest(self) -> str:
        """Changes whenever a translation the edition can show changes."""
        parts = [f"{c.role}:{c.path}:{c.digest}" for c in self.messages]
        if self.taxonomy is not None:
            parts.append(f"taxonomy:{self.taxonomy.path}:{self.taxonomy.digest}")
        return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()

    def message_translations(self) -> gettext.NullTranslations:
        return chain(self.messages)

    def taxonomy_translations(self) -> gettext.NullTranslations:
        return chain((self.taxonomy,) if self.taxonomy is not None else ())


def chain(
    catalogs: tuple[CompiledCatalog, ...] | list[CompiledCatalog],
) -> gettext.NullTranslations:
    """``GNUTranslations`` for the first catalog, each next one as its fallback.

    A message missing (or fuzzy, or empty) in the first is looked up in the
    next one; each catalog chooses plural forms with its own Plural-Forms.
    """
    if not catalogs:
        return gettext.NullTranslations()
    first = gettext.GNUTranslations(io.BytesIO(catalogs[0].mo))
    current = first
    for catalog in catalogs[1:]:
        nxt = gettext.GNUTranslations(io.BytesIO(catalog.mo))
        current.add_fallback(nxt)
        current = nxt
    return first


def packaged_catalog(edition: Edition, domain: str = THEME_DOMAIN) -> Path | None:
    """The theme catalog shipped in the package for ``edition`` (by code, then language)."""
    for name in dict.fromkeys((edition.code, edition.locale, edition.language)):
        path = PACKAGED_LOCALES / name / "LC_MESSAGES" / f"{domain}.po"
        if path.is_file():
            return path
    return None


def _compile(path: Path, role: str, label: str) -> CompiledCatalog:
    return CompiledCatalog(role, label, to_mo(read_po(path)))


def message_catalogs(config: Config, edition: Edition) -> list[tuple[str, Path, str]]:
    """``(role, path, label)`` of the theme catalogs ``edition`` looks strings up in, in order.

    The edition's own catalog, the packaged one for its language, then the
    same two for the source edition: an untranslated string falls back to the
    source edition's words, and only then to the msgid.
    """
    found: list[tuple[str, Path, str]] = []
    editions = [(edition, "")]
    if edition.code != config.source_edition:
        editions.append((config.source, "source"))
    for ed, prefix in editions:
        own = config.catalog_path(ed.code, THEME_DOMAIN)
        if own.exists():  # a folder in its place is an error, not a missing catalog
            found.append((prefix or "newsroom", own, _label(own, config)))
        packaged = packaged_catalog(ed) if config.extract.default_theme else None
        if packaged is not None:
            label = "i18n_news/" + packaged.relative_to(THEME_DIR.parent).as_posix()
            found.append((f"{prefix}-theme" if prefix else "theme", packaged, label))
    unique = {path: (role, path, label) for role, path, label in reversed(found)}
    return list(reversed(unique.values()))  # each catalog once, at its first place


def theme_compendium(config: Config) -> Callable[[Edition, str], Path | None] | None:
    """What ``init`` and ``update`` start a new catalog from: the packaged theme translation."""
    if not config.extract.default_theme:
        return None

    def lookup(edition: Edition, domain: str) -> Path | None:
        return packaged_catalog(edition) if domain == THEME_DOMAIN else None

    return lookup


def edition_catalogs(config: Config, edition: Edition) -> EditionCatalogs:
    """Read and compile the catalogs ``edition`` needs; raises ``I18nNewsError`` on a bad one."""
    messages = [
        _compile(path, role, label) for role, path, label in message_catalogs(config, edition)
    ]
    taxonomy_path = config.catalog_path(edition.code, TAXONOMY_DOMAIN)
    taxonomy = (
        _compile(taxonomy_path, "taxonomy", _label(taxonomy_path, config))
        if taxonomy_path.exists()
        else None
    )
    return EditionCatalogs(tuple(messages), taxonomy)


def template_dirs(config: Config) -> tuple[Path, ...]:
    """Template search path: the newsroom's theme first, the default theme last."""
    dirs: list[Path] = []
    if config.theme_dir is not None:
        candidates = (config.theme_dir / "templates", config.theme_dir)
        dirs.extend(candidate for candidate in candidates if candidate.is_dir())
    dirs.append(THEME_DIR / "templates")
    return tuple(dirs)


def static_files(config: Config) -> dict[str, Path]:
    """``{relative name: file}`` of the theme's static files; the newsroom's override ours."""
    found: dict[str, Path] = {}
    folders = [THEME_DIR / "static"]
    if config.theme_dir is not None:
        folders.append(config.theme_dir / "static")
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                found[path.relative_to(folder).as_posix()] = path
    return dict(sorted(found.items()))


def template_files(dirs: Sequence[Path]) -> Iterator[tuple[int, str, Path]]:
    """``(folder index, template name, file)`` of every template in the search path."""
    for index, folder in enumerate(dirs):
        for path in sorted(folder.rglob("*.html")):
            yield index, path.relative_to(folder).as_posix(), path


def templates_digest(dirs: tuple[Path, ...]) -> str:
    """A hash of every template the build can load, so a theme edit rebuilds its pages."""
    digest = hashlib.sha256()
    for index, name, path in template_files(dirs):
        digest.update(f"{index}:{name}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _label(path: Path, config: Config) -> str:
    try:
        return path.resolve().relative_to(config.root).as_posix()
    except ValueError:
        return path.as_posix()

"""Where the theme's files and translations come from.

Templates: the newsroom's ``theme_dir`` (and its ``templates/`` folder) first,
then the default theme shipped in ``i18n_news/theme/templates``. Static files
the same way (``theme_dir/static`` over ``i18n_news/theme/static``).

Translations of the theme's own strings are looked up in two catalogs, in
order: the newsroom's ``locales/<edition>/LC_MESSAGES/messages.po``, then the
copy of this repository's catalogs that ships inside the package
(``i18n_news/theme/locales/<lang>/LC_MESSAGES/messages.po``). A newsroom that
translates nothing still gets an Arabic and Spanish interface; a newsroom
that translates a string (or the whole catalog) wins. The packaged copy is
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
from collections.abc import Iterator, Sequence
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

    role: str  # "newsroom" | "theme" | "taxonomy"
    path: str
    mo: bytes

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.mo).hexdigest()


@dataclass(frozen=True)
class EditionCatalogs:
    """The compiled catalogs one edition renders with; picklable for worker processes."""

    messages: tuple[CompiledCatalog, ...]  # in lookup order: newsroom first, then packaged theme
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


def edition_catalogs(config: Config, edition: Edition) -> EditionCatalogs:
    """Read and compile the catalogs ``edition`` needs; raises ``I18nNewsError`` on a bad one."""
    messages: list[CompiledCatalog] = []
    own = config.catalog_path(edition.code, THEME_DOMAIN)
    if own.exists():  # a folder in its place is an error, not a missing catalog
        messages.append(_compile(own, "newsroom", _label(own, config)))
    packaged = packaged_catalog(edition)
    if packaged is not None and config.extract.default_theme:
        label = "i18n_news/" + packaged.relative_to(THEME_DIR.parent).as_posix()
        messages.append(_compile(packaged, "theme", label))
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

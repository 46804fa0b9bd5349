"""``i18nnews new``: the files of a new newsroom in any CLDR languages.

:func:`plan_newsroom` is pure: from the languages, a name and a time zone it
derives each edition's locale, direction and digits from CLDR (Babel) and
writes the texts of ``i18nnews.toml``, ``content/taxonomy.toml``, one
example story in the source edition and a ``.gitignore``. :func:`write_newsroom`
writes them into an empty folder and reads the configuration back, so what
it made is what every command will load. The catalogs come after, from the
catalog stage (``catalogs.operations.update``), which is above this one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import tomli_w
from babel import Locale, UnknownLocaleError

from i18n_news.config import Config, load_config
from i18n_news.errors import I18nNewsError
from i18n_news.fs import atomic_write
from i18n_news.model import DIGITS

__all__ = ["EditionPlan", "NewsroomPlan", "plan_newsroom", "write_newsroom"]

_CODE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]+)*")
#: The example's section key, the same in every newsroom.
SECTION = "news"
#: Where readers of a made-up site_url end up: a domain reserved for examples (RFC 2606).
EXAMPLE_URL = "https://example.org"


@dataclass(frozen=True)
class EditionPlan:
    """One edition as ``new`` configures it, everything taken from CLDR."""

    code: str
    locale: str
    direction: str
    digits: str
    language_name: str  # the language's own name for it ("français", "עברית")


@dataclass(frozen=True)
class NewsroomPlan:
    """A newsroom to create: its editions and the text of every file, by relative path."""

    folder: Path
    name: str
    source: str
    editions: tuple[EditionPlan, ...]
    timezone: str
    files: dict[str, str] = field(default_factory=dict)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(e.code for e in self.editions)


def _edition(code: str, option: str) -> EditionPlan:
    if not _CODE.fullmatch(code):
        raise I18nNewsError(f"{option}: '{code}' is not a language code such as 'fr' or 'pt-BR'")
    try:
        locale = Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise I18nNewsError(f"{option}: CLDR has no locale '{code}'") from None
    system = locale.default_numbering_system
    return EditionPlan(
        code=code,
        locale=str(locale),
        direction=locale.text_direction,
        digits=system if system in DIGITS else "latn",
        language_name=locale.display_name or code,
    )


def plan_newsroom(
    folder: Path,
    *,
    source: str,
    editions: list[str],
    name: str,
    timezone: str = "UTC",
    site_url: str = EXAMPLE_URL,
    now: datetime,
) -> NewsroomPlan:
    """What ``new`` writes: the source edition first, then the others, each once."""
    if not name.strip():
        raise I18nNewsError("--name: the newsroom needs a name")
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise I18nNewsError(
            f"--timezone: unknown time zone {timezone!r} (an IANA name such as "
            "'Europe/Paris', 'Asia/Tehran' or 'UTC')"
        ) from None
    first = _edition(source, "--source")
    others = [_edition(code, "--edition") for code in dict.fromkeys(editions) if code != source]
    plans = (first, *others)
    plan = NewsroomPlan(folder, name.strip(), source, plans, timezone)
    published = now.astimezone(ZoneInfo(timezone)).replace(second=0, microsecond=0)
    key = f"{published:%Y-%m-%d}-welcome"
    text = _example(first)
    files = {
        "i18nnews.toml": _config_text(plan, site_url),
        "content/taxonomy.toml": _taxonomy_text(text.section),
        f"content/{source}/{SECTION}/welcome.md": _story_text(first, key, published, text),
        ".gitignore": GITIGNORE,
    }
    return NewsroomPlan(folder, plan.name, source, plans, timezone, files)


def write_newsroom(plan: NewsroomPlan) -> Config:
    """Write the plan's files into its folder (new or empty) and load the configuration."""
    folder = plan.folder
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        what = "is not empty" if folder.is_dir() else "exists and is not a folder"
        raise I18nNewsError(
            f"{what}; `i18nnews new` only writes into a new or empty folder", folder
        )
    for rel, text in plan.files.items():
        path = folder / rel
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise I18nNewsError(
                f"cannot create folder: {exc.strerror or exc}", path.parent
            ) from None
        atomic_write(path, text.encode("utf-8"), follow_symlinks=False)
    return load_config(folder / "i18nnews.toml")


# --------------------------------------------------------------------------
# The files
# --------------------------------------------------------------------------


def _value(value: object) -> str:
    """``value`` as a TOML value, escaped by tomli_w; a list of strings on one line."""
    if isinstance(value, list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    return tomli_w.dumps({"v": value})[4:].strip()


def _config_text(plan: NewsroomPlan, site_url: str) -> str:
    lines = [
        f"# {plan.name}: the i18n_news configuration (see docs/configuration.md).",
        "# Made by `i18nnews new`; change anything. Each edition's direction and",
        "# digits come from CLDR for its locale.",
        f"name = {_value(plan.name)}  # the templates' Project-Id-Version",
        f"source_edition = {_value(plan.source)}  # the edition stories are written in first",
        f"site_url = {_value(site_url)}  # the public address, for links, sitemaps and feeds",
        f"timezone = {_value(plan.timezone)}  # every edition's, unless it sets its own",
        "",
    ]
    for edition in plan.editions:
        lines += [
            f"[editions.{edition.code}]",
            f"locale = {_value(edition.locale)}  # {edition.language_name}",
            f"name = {_value(plan.name)}  # the edition's name, as its readers read it",
            f"direction = {_value(edition.direction)}",
            f"digits = {_value(edition.digits)}  # CLDR's default numbering system",
            "",
        ]
    lines += [
        "[parity]",
        f"required = {_value(list(plan.codes))}  # editions every shared story must reach",
        'grace = "6h"  # how long a translation may lag its original',
    ]
    return "\n".join(lines) + "\n"


def _taxonomy_text(label: str) -> str:
    return (
        "# Sections, regions, tags, sources and authors by key, each with its label\n"
        "# in the source edition's language (see docs/content.md). Labels are\n"
        "# translated in locales/<edition>/LC_MESSAGES/taxonomy.po.\n"
        "\n"
        f"[sections.{SECTION}]\n"
        f"label = {_value(label)}\n"
    )


def _story_text(edition: EditionPlan, key: str, published: datetime, text: _Example) -> str:
    body = text.body.format(code=edition.code, key=key).strip()
    return (
        "+++\n"
        f"key = {_value(key)}  # links the editions of one story\n"
        f"title = {_value(text.title)}\n"
        f"summary = {_value(text.summary)}\n"
        f"published = {published.isoformat()}  # with its UTC offset\n"
        f'section = "{SECTION}"  # a key of content/taxonomy.toml\n'
        f"editions = [{_value(edition.code)}]  # only this edition, until it is translated\n"
        "+++\n"
        "\n"
        f"{body}\n"
    )


GITIGNORE = """\
# Made by i18nnews from the files you commit: never commit them.
*.mo
locales/**/*.json
/dist/
/i18nnews-report.html
"""


@dataclass(frozen=True)
class _Example:
    section: str
    title: str
    summary: str
    body: str


# The example story in the languages we write; any other source edition gets
# the English one, to replace like the others.
_EXAMPLES = {
    "en": _Example(
        "News",
        "Welcome to your newsroom",
        "An example story made by i18nnews new: replace it with your first one.",
        """
This story was written by `i18nnews new` to show what a story file holds. The
front matter between the `+++` lines gives the story's `key`, which links its
editions, its `title`, `summary`, `published` time and `section`; every field is
described in the content reference (docs/content.md).

For now the story exists in this edition only (`editions = ["{code}"]`). To
publish it in another edition, write a file with the same key under
`content/<edition>/`, or translate its catalog
(`i18nnews init <edition> --domain articles/{key}`), then remove the `editions`
line.

Delete this file once your own stories are in.
""",
    ),
    "fr": _Example(
        "Actualités",
        "Bienvenue dans votre rédaction",
        "Un article d'exemple créé par i18nnews new\u00a0: remplacez-le par votre premier article.",
        """
Cet article a été écrit par `i18nnews new` pour montrer ce que contient un
fichier d'article. L'en-tête entre les lignes `+++` donne sa clé (`key`), qui
relie les éditions de l'article, son titre (`title`), son chapeau (`summary`),
sa date de publication (`published`) et sa rubrique (`section`)\u00a0; chaque
champ est décrit dans la référence du contenu (docs/content.md).

Pour l'instant, l'article n'existe que dans cette édition (`editions = ["{code}"]`).
Pour le publier dans une autre édition, écrivez un fichier avec la même clé sous
`content/<édition>/`, ou traduisez son catalogue
(`i18nnews init <édition> --domain articles/{key}`), puis supprimez la ligne
`editions`.

Supprimez ce fichier quand vos propres articles sont en ligne.
""",
    ),
    "es": _Example(
        "Noticias",
        "Bienvenido a tu redacción",
        "Una noticia de ejemplo creada por i18nnews new: sustitúyela por la primera tuya.",
        """
`i18nnews new` escribió esta noticia para mostrar lo que contiene un archivo de
noticia. La cabecera entre las líneas `+++` da su clave (`key`), que une sus
ediciones, su título (`title`), su entradilla (`summary`), su fecha de
publicación (`published`) y su sección (`section`); cada campo se describe en la
referencia del contenido (docs/content.md).

Por ahora la noticia solo existe en esta edición (`editions = ["{code}"]`). Para
publicarla en otra edición, escribe un archivo con la misma clave en
`content/<edición>/`, o traduce su catálogo
(`i18nnews init <edición> --domain articles/{key}`), y luego borra la línea
`editions`.

Borra este archivo cuando tus propias noticias estén publicadas.
""",
    ),
    "pt": _Example(
        "Notícias",
        "Bem-vindo à sua redação",
        "Uma matéria de exemplo criada pelo i18nnews new: substitua-a pela sua primeira.",
        """
Esta matéria foi escrita pelo `i18nnews new` para mostrar o que um arquivo de
matéria contém. O cabeçalho entre as linhas `+++` traz a sua chave (`key`), que
liga as edições da matéria, o título (`title`), o resumo (`summary`), a data de
publicação (`published`) e a seção (`section`); cada campo está descrito na
referência do conteúdo (docs/content.md).

Por enquanto a matéria só existe nesta edição (`editions = ["{code}"]`). Para
publicá-la em outra edição, escreva um arquivo com a mesma chave em
`content/<edição>/`, ou traduza o catálogo dela
(`i18nnews init <edição> --domain articles/{key}`) e depois apague a linha
`editions`.

Apague este arquivo quando as suas próprias matérias estiverem no ar.
""",
    ),
    "de": _Example(
        "Nachrichten",
        "Willkommen in Ihrer Redaktion",
        "Ein Beispielartikel von i18nnews new: Ersetzen Sie ihn durch Ihren ersten.",
        """
Diesen Artikel hat `i18nnews new` geschrieben, um zu zeigen, was eine
Artikeldatei enthält. Der Kopf zwischen den Zeilen `+++` nennt den Schlüssel
(`key`), der die Ausgaben des Artikels verbindet, den Titel (`title`), den
Vorspann (`summary`), die Veröffentlichungszeit (`published`) und das Ressort
(`section`); jedes Feld ist in der Inhaltsreferenz (docs/content.md)
beschrieben.

Vorerst gibt es den Artikel nur in dieser Ausgabe (`editions = ["{code}"]`). Um
ihn in einer anderen Ausgabe zu veröffentlichen, schreiben Sie eine Datei mit
demselben Schlüssel unter `content/<Ausgabe>/` oder übersetzen Sie seinen
Katalog (`i18nnews init <Ausgabe> --domain articles/{key}`) und löschen dann die
Zeile `editions`.

Löschen Sie diese Datei, sobald Ihre eigenen Artikel online sind.
""",
    ),
}


def _example(edition: EditionPlan) -> _Example:
    language = edition.locale.split("_", 1)[0]
    return _EXAMPLES.get(language, _EXAMPLES["en"])

"""Extraction: theme templates, Python code, taxonomy and stories -> templates (.pot).

Pure functions build ``Message`` lists; ``templates_for`` turns a newsroom into
``{domain: POFile}``. Output is deterministic: messages are ordered by the
sorted file path and line where they first appear, and no clock is read
unless a template really changed (see ``catalogs.write_template``).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract

from i18n_news.catalogs.formats import format_flags
from i18n_news.config import Config
from i18n_news.errors import I18nNewsError
from i18n_news.fs import display_path, read_bytes
from i18n_news.sources.taxonomy import KINDS, Taxonomy, load_taxonomy

THEME_DIR = Path(__file__).resolve().parent.parent / "theme"
COMMENT_TAGS = ("L10N:", "TRANSLATORS:")
_JINJA_OPTIONS = {
    "extensions": "jinja2.ext.i18n",
    "silent": "false",
    "newstyle_gettext": "true",
    "trimmed": "true",
}


#: What Babel's extractors yield: (line, msgid or (msgid, plural…), comments, msgctxt).
_BabelResult = tuple[int, str | tuple[str, ...], list[str], str | None]


@dataclass
class Message:
    """One translatable string with everything a translator should see."""

    msgid: str
    msgid_plural: str | None = None
    msgctxt: str | None = None
    locations: list[tuple[str, int]] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)


class MessageSet:
    """Messages keyed by (msgctxt, msgid), merging repeated occurrences."""

    def __init__(self) -> None:
        self._messages: dict[tuple[str | None, str], Message] = {}

    def add(self, message: Message) -> None:
        found = self._messages.get(message.key)
        if found is None:
            self._messages[message.key] = message
            return
        for loc in message.locations:
            if loc not in found.locations:
                found.locations.append(loc)
        for comment in message.comments:
            if comment not in found.comments:
                found.comments.append(comment)
        if message.msgid_plural and not found.msgid_plural:
            found.msgid_plural = message.msgid_plural

    def __iter__(self) -> Iterator[Message]:
        return iter(self._messages.values())

    def __len__(self) -> int:
        return len(self._messages)


def _from_babel(
    results: Iterable[_BabelResult], label: str, extra_comment: str | None = None
) -> Iterable[Message]:
    for lineno, messages, comments, context in results:
        if isinstance(messages, tuple | list):
            msgid, plural = messages[0], (messages[1] if len(messages) > 1 else None)
        else:
            msgid, plural = messages, None
        if not msgid:
            continue
        notes = [c.strip() for c in comments if c.strip()]
        if extra_comment and not notes:
            notes = [extra_comment]
        yield Message(
            msgid=msgid,
            msgid_plural=plural,
            msgctxt=context,
            locations=[(label, lineno)],
            comments=notes,
            flags=format_flags(msgid, plural),
        )


def extract_template(source: bytes, label: str) -> list[Message]:
    """Messages of one Jinja theme template (newstyle gettext, ``{# L10N: … #}`` comments)."""
    try:
        results = list(
            extract(
                "jinja2.ext:babel_extract",  # Jinja's extractor, imported when first used
                io.BytesIO(source),
                keywords=DEFAULT_KEYWORDS,
                comment_tags=COMMENT_TAGS,
                options=_JINJA_OPTIONS,
                strip_comment_tags=True,
            )
        )
    except Exception as exc:  # jinja raises TemplateSyntaxError with a lineno
        line = getattr(exc, "lineno", None)
        message = getattr(exc, "message", None) or str(exc)
        raise I18nNewsError(f"cannot parse theme template: {message}", label, line) from None
    return list(_from_babel(results, label))


def extract_python(source: bytes, label: str) -> list[Message]:
    """Messages of one Python module (``_()``, ``N_()``, ``ngettext()``, ``pgettext()``)."""
    try:
        compile(source, label, "exec")
    except SyntaxError as exc:
        raise I18nNewsError(f"cannot parse Python: {exc.msg}", label, exc.lineno) from None
    results = extract(
        "python",
        io.BytesIO(source),
        keywords=DEFAULT_KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    )
    return list(_from_babel(results, label))


def extract_taxonomy(taxonomy: Taxonomy, label: str) -> list[Message]:
    """One message per taxonomy label, msgctxt = kind, with the key as context."""
    out: list[Message] = []
    for kind in KINDS:
        for entry in taxonomy.entries(kind):
            notes = [f"Taxonomy {kind} '{entry.key}'."]
            if entry.parent:
                notes.append(f"Listed under '{entry.parent}' in the navigation menu.")
            if entry.editions:
                notes.append(f"Only used in the edition(s): {', '.join(entry.editions)}.")
            out.append(
                Message(
                    msgid=entry.label,
                    msgctxt=kind,
                    locations=[(label, entry.line)],
                    comments=notes,
                    flags=format_flags(entry.label),
                )
            )
    return out


def theme_sources(config: Config) -> list[tuple[Path, str, str]]:
    """``(path, label, kind)`` of every theme template and Python module to extract, sorted."""
    found: dict[str, tuple[Path, str, str]] = {}
    if config.extract.default_theme:
        for path in sorted((THEME_DIR / "templates").glob("*.html")):
            label = f"i18n_news/theme/templates/{path.name}"
            found[label] = (path, label, "template")
    if config.theme_dir:
        for path in sorted(config.theme_dir.rglob("*.html")):
            label = display_path(path, config.root)
            found[label] = (path, label, "template")
    for kind, patterns in (
        ("template", config.extract.templates),
        ("python", config.extract.python),
    ):
        for pattern in patterns:
            for path in sorted(config.root.glob(pattern)):
                if path.is_file():
                    label = display_path(path, config.root)
                    found[label] = (path, label, kind)
    return [found[label] for label in sorted(found)]


def theme_messages(config: Config) -> MessageSet:
    messages = MessageSet()
    for path, label, kind in theme_sources(config):
        data = read_bytes(path, "theme file" if kind == "template" else "source file")
        found = extract_template(data, label) if kind == "template" else extract_python(data, label)
        for message in found:
            messages.add(message)
    return messages


def taxonomy_messages(config: Config) -> MessageSet | None:
    path = config.taxonomy_path
    if not path.exists():
        return None
    messages = MessageSet()
    for message in extract_taxonomy(load_taxonomy(path), display_path(path, config.root)):
        messages.add(message)
    return messages


def article_message_sets(config: Config) -> dict[str, MessageSet]:
    """``{key: messages}`` for every story that originates in the source edition."""
    from i18n_news.catalogs.articles import article_messages
    from i18n_news.sources.content import load_articles

    if not config.content_dir.is_dir():
        return {}
    out: dict[str, MessageSet] = {}
    for article in load_articles(config, edition=config.source_edition):
        if article.origin or article.from_catalog:
            continue
        messages = MessageSet()
        label = display_path(article.path, config.root)
        for item in article_messages(article):
            messages.add(
                Message(
                    msgid=item.msgid,
                    msgctxt=item.msgctxt,
                    locations=[(label, item.line)] if getattr(item, "line", 0) else [],
                    comments=[item.comment] if item.comment else [],
                    flags=[],
                )
            )
        out[article.key] = messages
    return out


def domain_messages(config: Config) -> dict[str, MessageSet]:
    """Every domain of the newsroom: ``messages``, ``taxonomy``, ``articles/<key>``."""
    domains: dict[str, MessageSet] = {"messages": theme_messages(config)}
    taxonomy = taxonomy_messages(config)
    if taxonomy is not None:
        domains["taxonomy"] = taxonomy
    for key, messages in sorted(article_message_sets(config).items()):
        domains[f"articles/{key}"] = messages
    return domains

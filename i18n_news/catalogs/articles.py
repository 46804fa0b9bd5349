"""Per-article catalogs: a story's strings as ``articles/<key>.po``, and back.

Per-article catalogs give one entry per title, summary, image caption and
body block. The msgctxt names the field, or for the body the block's kind
(``p`` paragraph, ``h`` heading), its position and a short hash of its text
(``p3-1a2b3c4d``): the position tells a translator where it is, the hash lets
an edition still be assembled when paragraphs are only reordered.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from i18n_news.config import Config
from i18n_news.errors import I18nNewsError
from i18n_news.model import Article, Image, Story
from i18n_news.sources.stories import group_stories, origin_hash

if TYPE_CHECKING:
    from i18n_news.sources.taxonomy import Taxonomy

_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$|^ {0,3}(#{1,6})[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")


@dataclass(frozen=True)
class ArticleMessage:
    """One translatable string of a story; ``line`` is its 1-based line in the file."""

    msgctxt: str
    msgid: str
    comment: str
    line: int = 0


@dataclass(frozen=True)
class Block:
    """One block of a Markdown body: ``p`` paragraph, ``h`` heading, or ``raw`` (kept as is)."""

    kind: Literal["p", "h", "raw"]
    text: str
    prefix: str = ""
    line: int = 0  # 0-based line within the body


def body_blocks(body: str) -> list[Block]:
    """Split a Markdown body into blocks at blank lines; ATX headings stand alone.

    Fenced code and blocks without a letter (rules, bare images) are ``raw``:
    nothing in them to translate.
    """
    lines = normalize_newlines(body).split("\n")
    blocks: list[Block] = []
    current: list[str] = []
    start = 0
    fence: str | None = None

    def flush() -> None:
        if current:
            text = "\n".join(line.rstrip() for line in current).strip("\n")
            visible = _LINK_TARGET.sub("]", text)
            kind: Literal["p", "raw"] = "p" if any(c.isalpha() for c in visible) else "raw"
            blocks.append(Block(kind, text, line=start))
            current.clear()

    for number, line in enumerate(lines):
        if fence is not None:
            current.append(line)
            if line.strip().startswith(fence):
                blocks.append(Block("raw", "\n".join(current), line=start))
                current.clear()
                fence = None
            continue
        opening = _FENCE.match(line)
        if opening:
            flush()
            fence, start = opening.group(1)[0] * 3, number
            current.append(line)
            continue
        heading = _ATX.match(line)
        if heading:
            flush()
            marks = heading.group(1) or heading.group(3)
            text = (heading.group(2) or "").strip()
            kind: Literal["h", "raw"] = "h" if text else "raw"
            blocks.append(Block(kind, text if text else line, f"{marks} " if text else "", number))
            continue
        if not line.strip():
            flush()
            continue
        if not current:
            start = number
        current.append(line)
    if current and fence is not None:
        blocks.append(Block("raw", "\n".join(current), line=start))
        current.clear()
    flush()
    return blocks


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def block_context(kind: str, index: int, text: str) -> str:
    """``p3-1a2b3c4d``: block kind, 1-based position, first 8 hex of the text's SHA-1.

    >>> block_context("p", 3, "Russia keeps its bases.")
    'p3-1242fb11'
    """
    return f"{kind}{index}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:8]}"


def article_messages(article: Article) -> list[ArticleMessage]:
    """The entries of ``locales/articles/<key>.pot`` for an original story, in reading order."""
    title = " ".join(article.title.split())
    lines = article.lines
    out = [
        ArticleMessage(
            "title", article.title, f"Headline of the story {article.key}", lines.get("title", 0)
        )
    ]
    if article.summary.strip():
        out.append(
            ArticleMessage(
                "summary", article.summary, f"Summary of “{title}”", lines.get("summary", 0)
            )
        )
    if article.image is not None and article.image.caption.strip():
        out.append(
            ArticleMessage(
                "caption",
                article.image.caption,
                f"Image caption of “{title}”",
                lines.get("image", 0),
            )
        )
    blocks = [b for b in body_blocks(article.body) if b.kind != "raw"]
    for index, block in enumerate(blocks, 1):
        what = "Heading" if block.kind == "h" else "Paragraph"
        out.append(
            ArticleMessage(
                block_context(block.kind, index, block.text),
                block.text,
                f"{what} {index} of {len(blocks)} of “{title}”",
                article.body_line + block.line if article.body_line else 0,
            )
        )
    return out


def _entries(po: Any) -> list[Any]:
    return list(getattr(po, "entries", po))


def materialize(
    origin: Article, po: Any, edition: str, *, path: Path | None = None
) -> Article | None:
    """The ``edition`` version of ``origin`` built from its per-article catalog.

    ``po`` is any catalog whose entries look like polib's (``read_po`` or
    ``polib.pofile``). Returns None unless every current message has a
    translation that is neither empty nor fuzzy; an entry whose position
    changed but whose text did not (a reordered paragraph) still counts.
    """
    exact: dict[tuple[str | None, str], str | None] = {}
    moved: dict[tuple[str, str], str] = {}
    for entry in _entries(po):
        if getattr(entry, "obsolete", False) or not entry.msgid:
            continue
        done = bool(entry.msgstr) and "fuzzy" not in entry.flags
        exact[(entry.msgctxt, entry.msgid)] = entry.msgstr if done else None
        match = re.fullmatch(r"([ph])\d+-([0-9a-f]{8})", entry.msgctxt or "")
        if match and done:
            moved.setdefault((match.group(1) + match.group(2), entry.msgid), entry.msgstr)
    translated: dict[str, str] = {}
    for message in article_messages(origin):
        key = (message.msgctxt, message.msgid)
        if key in exact:
            text = exact[key]
        else:
            kind, _, digest = message.msgctxt.partition("-")
            text = moved.get((kind[:1] + digest, message.msgid))
        if not text:
            return None
        translated[message.msgctxt] = text
    parts = []
    index = 0
    for block in body_blocks(origin.body):
        if block.kind == "raw":
            parts.append(block.text)
        else:
            index += 1
            parts.append(block.prefix + translated[block_context(block.kind, index, block.text)])
    image = origin.image
    if image is not None and image.caption.strip():
        image = Image(image.src, translated["caption"], image.credit)
    return replace(
        origin,
        edition=edition,
        path=Path(path) if path is not None else _catalog_path(po),
        title=translated["title"],
        summary=translated.get("summary", origin.summary),
        image=image,
        body="\n\n".join(parts) + "\n" if parts else "",
        origin=origin.edition,
        origin_hash=origin_hash(origin),
        from_catalog=True,
        lines={},
        body_line=0,
    )


def _catalog_path(po: Any) -> Path:
    found = getattr(po, "path", None) or getattr(po, "fpath", None)
    return Path(found) if found else Path()


def read_catalog(path: Path) -> Any:
    """A ``.po`` through the project's byte-preserving reader."""
    from i18n_news.catalogs.reader import read_po

    return read_po(path)


def load_stories(
    config: Config,
    *,
    taxonomy: Taxonomy | None = None,
    errors: list[I18nNewsError] | None = None,
) -> dict[str, Story]:
    """Every story by key (sorted), editions in config order.

    An edition with no hand-written file is materialized from its per-article
    catalog ``locales/<lang>/LC_MESSAGES/articles/<key>.po`` when the story
    originates in the source edition and the catalog is complete and not fuzzy.
    """
    from i18n_news.sources.content import load_articles

    articles = load_articles(config, taxonomy=taxonomy, errors=errors)
    stories: dict[str, Story] = {}
    for key, found in group_stories(articles, list(config.editions)).items():
        origin = found.get(config.source_edition)
        if origin is not None and origin.origin is None:
            for code in config.editions:
                if code in found:
                    continue
                catalog_path = config.catalog_path(code, f"articles/{key}")
                if not catalog_path.is_file():
                    continue
                try:
                    po = read_catalog(catalog_path)
                except I18nNewsError as exc:
                    _report(exc, errors)
                    continue
                made = materialize(origin, po, code, path=catalog_path)
                if made is not None:
                    found[code] = made
        stories[key] = Story(key, {code: found[code] for code in config.editions if code in found})
    return stories


def _report(exc: I18nNewsError, errors: list[I18nNewsError] | None) -> None:
    if errors is None:
        raise exc
    errors.append(exc)

"""Stories across editions: staleness, ``stamp`` and per-article catalogs.

A translation records ``origin`` (the edition it was translated from) and
``origin_hash``, a hash of the origin's translatable fields when it was last
brought up to date; a later edit of the origin changes the hash, so the
translation reads as *stale* until a translator runs ``i18nnews stamp``.
Any edition may be a story's origin.

Per-article catalogs give one entry per title, summary, image caption and
body block. The msgctxt names the field, or for the body the block's kind
(``p`` paragraph, ``h`` heading), its position and a short hash of its text
(``p3-1a2b3c4d``): the position tells a translator where it is, the hash lets
an edition still be assembled when paragraphs are only reordered.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from i18n_news.config import Config
from i18n_news.errors import I18nNewsError
from i18n_news.frontmatter import read_text, set_string_value, write_atomic
from i18n_news.model import Article, Image, Story

Status = Literal["original", "translated", "from-catalog", "stale", "missing", "draft"]

_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$|^ {0,3}(#{1,6})[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")


def normalize_text(text: str) -> str:
    """The form hashed: NFC, ``\\n`` newlines, no trailing spaces, no outer blank lines.

    >>> normalize_text("Title  \\r\\n\\r\\nBody\\r\\n\\n")
    'Title\\n\\nBody'
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def origin_hash(article: Article) -> str:
    """``sha256:<hex>`` of the translatable fields: title, summary, image caption, body."""
    fields = {
        "title": normalize_text(article.title),
        "summary": normalize_text(article.summary),
        "caption": normalize_text(article.image.caption if article.image else ""),
        "body": normalize_text(article.body),
    }
    payload = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(payload.encode("utf-8")).hexdigest()


def story_status(story: Story, edition: str) -> Status:
    """Where ``edition`` stands for ``story``.

    A translation without a recorded ``origin_hash`` (never stamped) counts
    as translated: there is no evidence it is behind. A translation whose
    origin file is absent likewise cannot be judged stale.
    """
    article = story.articles.get(edition)
    if article is None:
        return "missing"
    if article.draft:
        return "draft"
    if article.from_catalog:
        return "from-catalog"
    if article.origin is None:
        return "original"
    source = story.articles.get(article.origin)
    if source is None or article.origin_hash is None:
        return "translated"
    return "translated" if article.origin_hash == origin_hash(source) else "stale"


# ---------------------------------------------------------------------------
# stamp
# ---------------------------------------------------------------------------


def stamp(path: Path | str, config: Config) -> bool:
    """Record the origin's current hash in the translation at ``path``.

    Only the ``origin_hash`` line changes (or is added after ``origin``); the
    body and every other byte stay as they were. Returns False, without
    touching the file, when the recorded hash is already current.
    """
    from i18n_news.sources import display_path, load_articles, read_article
    from i18n_news.taxonomy import Taxonomy

    path = Path(path).resolve()
    shown = display_path(path, config)
    edition = edition_of(path, config)
    article = read_article(path, config.editions[edition], config, Taxonomy(), shown)
    if article.origin is None:
        raise I18nNewsError(
            "this file is an original (it has no 'origin' key); only a translation is stamped",
            shown,
            1,
        )
    problems: list[I18nNewsError] = []
    origins = [
        a
        for a in load_articles(config, taxonomy=Taxonomy(), edition=article.origin, errors=problems)
        if a.key == article.key
    ]
    if not origins:
        hint = f"; {len(problems)} file(s) there could not be read" if problems else ""
        raise I18nNewsError(
            f"the origin edition '{article.origin}' has no story with key '{article.key}'{hint}",
            shown,
            article.lines.get("origin", 1),
        )
    current = origin_hash(origins[0])
    if article.origin_hash == current:
        return False
    text = set_string_value(read_text(path), "origin_hash", current, after="origin", path=shown)
    write_atomic(path, text.encode("utf-8"))
    return True


def edition_of(path: Path, config: Config) -> str:
    """The edition a content file belongs to: the first folder under the content directory."""
    try:
        rel = Path(path).resolve().relative_to(config.content_dir)
    except ValueError:
        raise I18nNewsError(
            f"not inside the content directory ({config.content_dir})", path
        ) from None
    if len(rel.parts) < 2 or rel.parts[0] not in config.editions:
        raise I18nNewsError(
            f"not inside an edition folder (content/<edition>/, editions: "
            f"{', '.join(config.editions)})",
            path,
        )
    return rel.parts[0]


# ---------------------------------------------------------------------------
# Per-article catalogs
# ---------------------------------------------------------------------------


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
    from i18n_news.pofile import read_po

    return read_po(path)

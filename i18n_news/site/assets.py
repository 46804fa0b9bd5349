"""Files a build copies as they are: theme static files and article images, under hashed names.

A copied file's name carries a hash of its bytes (``style.3f2a9c0d1e.css``),
so a page can be cached forever and a changed file is a new URL. Images are
also measured (width and height for ``<img>``, no layout shift) and must sit
below the content folder: a bad ``image.src`` is an input error with its line.
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree

from i18n_news.config import Config
from i18n_news.errors import I18nNewsError
from i18n_news.fs import display_path
from i18n_news.model import Article
from i18n_news.site.pages import MediaFile
from i18n_news.site.theme import static_files

__all__ = ["Asset", "collect_assets", "collect_media", "hashed_name", "image_size"]

_HASH_LEN = 10


def hashed_name(name: str, data: bytes) -> str:
    """``style.css`` → ``style.3f2a9c0d1e.css``: the name changes whenever the bytes do.

    >>> hashed_name("img/a.svg", b"x")
    'img/a.2d711642b7.svg'
    """
    digest = hashlib.sha256(data).hexdigest()[:_HASH_LEN]
    folder, _, base = name.rpartition("/")
    stem, dot, suffix = base.partition(".")
    renamed = f"{stem}.{digest}{dot}{suffix}" if dot else f"{stem}.{digest}"
    return f"{folder}/{renamed}" if folder else renamed


def image_size(data: bytes, suffix: str) -> tuple[int | None, int | None]:
    """Intrinsic width and height of an SVG, PNG, GIF or JPEG (None when unknown)."""
    try:
        if suffix == ".svg":
            parser = etree.XMLParser(
                resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
            )
            root = etree.fromstring(data, parser)
            width, height = _svg_length(root.get("width")), _svg_length(root.get("height"))
            if (width is None or height is None) and root.get("viewBox"):
                parts = re.split(r"[\s,]+", root.get("viewBox", "").strip())
                if len(parts) == 4:
                    width, height = round(float(parts[2])), round(float(parts[3]))
            return width, height
        if data[:8] == b"\x89PNG\r\n\x1a\n":
            w, h = struct.unpack(">II", data[16:24])
            return w, h
        if data[:6] in (b"GIF87a", b"GIF89a"):
            w, h = struct.unpack("<HH", data[6:10])
            return w, h
        if data[:2] == b"\xff\xd8":
            return _jpeg_size(data)
    except (etree.XMLSyntaxError, ValueError, struct.error):
        pass
    return None, None


def _svg_length(value: str | None) -> int | None:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(px)?\s*", value or "")
    return round(float(match.group(1))) if match else None


def _jpeg_size(data: bytes) -> tuple[int | None, int | None]:
    index = 2
    while index + 9 < len(data):
        if data[index] != 0xFF:
            return None, None
        marker = data[index + 1]
        length = struct.unpack(">H", data[index + 2 : index + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
            h, w = struct.unpack(">HH", data[index + 5 : index + 9])
            return w, h
        index += 2 + length
    return None, None


@dataclass(frozen=True)
class Asset:
    """A file copied into every edition folder that uses it."""

    path: str  # below the edition folder
    source: Path
    digest: str

    def read(self) -> bytes:
        return _read_bytes(self.source)


def _read_bytes(path: Path, shown: str | None = None, line: int | None = None) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise I18nNewsError(
            f"cannot read {path.name}: {exc.strerror or exc}", shown or path, line
        ) from None


def collect_assets(config: Config) -> tuple[dict[str, str], list[Asset]]:
    """Theme static files under content-hashed names.

    Returns ``({"style.css": "static/style.<hash>.css"}, files)``.
    """
    names: dict[str, str] = {}
    files: list[Asset] = []
    for name, path in static_files(config).items():
        data = _read_bytes(path)
        target = "static/" + hashed_name(name, data)
        names[name] = target
        files.append(Asset(target, path, hashlib.sha256(data).hexdigest()))
    return names, files


def collect_media(
    config: Config, articles: Iterable[Article]
) -> tuple[dict[str, MediaFile], list[Asset]]:
    """Images the articles use, copied to ``media/`` with content hashes; bad sources are errors."""
    media: dict[str, MediaFile] = {}
    files: dict[str, Asset] = {}
    content = config.content_dir.resolve()
    for article in articles:
        if article.image is None:
            continue
        src = article.image.src
        if src in media:
            continue
        shown = display_path(article.path, config.root)
        line = article.lines.get("image")
        scheme = urlsplit(src).scheme
        if scheme in ("http", "https"):
            continue
        if scheme or src.startswith(("/", "\\")):
            raise I18nNewsError(
                f"image src {src!r}: use a path below {display_path(content, config.root)}/ "
                "or an http(s) URL",
                shown,
                line,
            )
        path = (content / src).resolve()
        if content not in path.parents:
            raise I18nNewsError(f"image src {src!r} points outside the content folder", shown, line)
        if not path.is_file():
            raise I18nNewsError(f"image not found: {display_path(path, config.root)}", shown, line)
        data = _read_bytes(path, shown, line)
        target = "media/" + hashed_name(path.name, data)
        width, height = image_size(data, path.suffix.lower())
        media[src] = MediaFile(target, width, height)
        files[target] = Asset(target, path, hashlib.sha256(data).hexdigest())
    return media, [files[k] for k in sorted(files)]

"""What the last build made from what: page fingerprints and the build manifest.

A page's fingerprint is a hash of its template, its template context and its
edition's digest (:func:`edition_digest`: this package's code, the theme, the
edition's compiled catalogs, its settings and the build clock).
``DIR/.i18nnews-build.json`` maps every output file to its fingerprint (pages)
or the hash of its bytes (assets, feeds), so a rebuild renders only the pages
whose fingerprint changed and removes the files no longer produced.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from markupsafe import Markup

from i18n_news import __version__
from i18n_news.model import Edition
from i18n_news.site.pages import Page

__all__ = [
    "BUILD_FORMAT",
    "MANIFEST_NAME",
    "code_digest",
    "edition_digest",
    "fingerprint",
    "manifest_bytes",
    "read_manifest",
]

#: Bump when the output changes for the same inputs (invalidates every manifest entry).
BUILD_FORMAT = "1"
MANIFEST_NAME = ".i18nnews-build.json"


def _json_default(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Markup):
        return str(value)
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    raise TypeError(f"cannot fingerprint {type(value).__name__}")


def code_digest() -> str:
    """A hash of this package's Python code: a changed renderer invalidates every page.

    The version alone would not notice an edit in a development checkout.
    """
    digest = hashlib.sha256(f"{BUILD_FORMAT}:{__version__}".encode())
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def fingerprint(page: Page, edition_digest: str) -> str:
    payload = json.dumps(
        {"template": page.template, "context": page.context},
        default=_json_default,
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    digest = hashlib.sha256(edition_digest.encode())
    digest.update(payload.encode("utf-8"))
    return digest.hexdigest()


def edition_digest(
    package_digest: str, theme_digest: str, catalogs_digest: str, edition: Edition, now: datetime
) -> str:
    """What every page of an edition depends on besides its own context."""
    return hashlib.sha256(
        "\n".join(
            [package_digest, theme_digest, catalogs_digest, repr(edition), now.isoformat()]
        ).encode("utf-8")
    ).hexdigest()


def read_manifest(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    outputs = data.get("outputs") if isinstance(data, dict) else None
    if not isinstance(outputs, dict) or data.get("format") != BUILD_FORMAT:
        return {}
    return {str(k): str(v) for k, v in outputs.items()}


def manifest_bytes(outputs: Mapping[str, str]) -> bytes:
    data = {
        "format": BUILD_FORMAT,
        "generator": f"i18n_news {__version__}",
        "outputs": dict(sorted(outputs.items())),
    }
    return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")

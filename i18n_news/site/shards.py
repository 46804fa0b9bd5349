"""Past one machine: which shard renders a page, and the checks of a merge.

``build --shard K/N`` renders the pages whose output path hashes to shard K of
N and records them in ``DIR/.i18nnews-shard-K-of-N.json`` with a digest of
every input (:func:`inputs_digest`). Once every shard's output is gathered
into one folder, ``build --merge`` checks that all N shards are there, built
from the same inputs, and that every page came from one of them; the build
then writes what needs the whole site.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from i18n_news import __version__
from i18n_news.config import Config
from i18n_news.errors import I18nNewsError
from i18n_news.model import Story
from i18n_news.site.manifest import BUILD_FORMAT
from i18n_news.site.pages import SitemapEntry
from i18n_news.site.plan import SitePlanner

__all__ = [
    "SHARD_GLOB",
    "Shard",
    "gathered_pages",
    "inputs_digest",
    "parse_shard",
    "read_shard_outputs",
    "read_shards",
    "shard_manifest_bytes",
    "shard_manifest_name",
    "shard_of",
]

Shard = tuple[int, int]  # (K, N), 1 <= K <= N
SHARD_GLOB = ".i18nnews-shard-*-of-*.json"


def parse_shard(value: str) -> Shard:
    """``"2/4"`` → ``(2, 4)``; anything else is a one-line error.

    >>> parse_shard("2/4")
    (2, 4)
    """
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", value)
    if not match:
        raise I18nNewsError(f"--shard: expected K/N such as 2/4, got {value!r}")
    k, n = int(match.group(1)), int(match.group(2))
    if not 1 <= k <= n:
        raise I18nNewsError(f"--shard {value}: K must be between 1 and N")
    return k, n


def shard_of(rel: str, count: int) -> int:
    """The shard (1..count) that renders output ``rel``: a hash of its path only.

    A page stays on its shard when other pages come and go, so a shard's
    cached output folder stays useful from one build to the next.
    """
    digest = hashlib.sha256(rel.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def shard_manifest_name(shard: Shard) -> str:
    return f".i18nnews-shard-{shard[0]}-of-{shard[1]}.json"


def inputs_digest(
    config: Config,
    stories: Mapping[str, Story],
    edition_digests: Mapping[str, str],
    base_urls: Mapping[str, str],
    files: Mapping[str, str],
) -> str:
    """Everything the pages of a build depend on, hashed without planning a page.

    The shards of one build and its merge must agree on it: the package, theme,
    catalogs, edition settings and clock (``edition_digests``), the public
    URLs, the configuration and taxonomy files, every story file of every
    edition (a page shows its translations' links), and the content-hashed
    names of assets and images (``files``).
    """
    digest = hashlib.sha256(BUILD_FORMAT.encode())
    digest.update(json.dumps([edition_digests, base_urls, files], sort_keys=True).encode())
    paths = {config.path, config.taxonomy_path}
    paths.update(a.path for story in stories.values() for a in story.articles.values())
    for path in sorted(paths):
        # Relative: shards may check the newsroom out at different places.
        digest.update(os.path.relpath(path, config.root).encode("utf-8") + b"\0")
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            digest.update(b"-")  # no taxonomy file: allowed, and the same on every shard
    return digest.hexdigest()


def read_shards(out: Path, plan: str) -> dict[str, str]:
    """Fingerprints recorded by the shard manifests in ``out``, after checking the set.

    Every shard 1..N of one N must be there, each built from the same plan.
    """
    found: dict[int, dict[str, Any]] = {}
    counts: set[int] = set()
    for path in sorted(out.glob(SHARD_GLOB)):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            k, n = (int(x) for x in data["shard"])
            outputs = dict(data["outputs"])
            shard_plan = str(data["plan"])
        except (OSError, ValueError, KeyError, TypeError):
            raise I18nNewsError("not a shard manifest of this build format", path, 1) from None
        if data.get("format") != BUILD_FORMAT:
            raise I18nNewsError(
                f"shard {k}/{n} was built by another version of i18n_news; rebuild it", path, 1
            )
        if shard_plan != plan:
            raise I18nNewsError(
                f"shard {k}/{n} was built from other inputs than this merge (content, catalogs, "
                "theme, options or --now differ); build every shard from the same commit "
                "with the same options",
                path,
                1,
            )
        counts.add(n)
        found[k] = outputs
    if not found:
        raise I18nNewsError(
            f"no shard manifests ({SHARD_GLOB}) in {out}: run build --shard K/N for every K "
            "and gather their output folders there first"
        )
    if len(counts) > 1:
        raise I18nNewsError(f"shard manifests of different shard counts in {out}: {sorted(counts)}")
    count = counts.pop()
    missing = [k for k in range(1, count + 1) if k not in found]
    if missing:
        raise I18nNewsError(
            f"missing shard(s) {', '.join(f'{k}/{count}' for k in missing)} in {out}"
        )
    merged: dict[str, str] = {}
    for outputs in found.values():
        merged.update(outputs)
    return merged


def shard_manifest_bytes(shard: Shard, plan: str, outputs: Mapping[str, str]) -> bytes:
    """The shard manifest: the shard, the inputs digest and the fingerprint of each output."""
    data = {
        "format": BUILD_FORMAT,
        "generator": f"i18n_news {__version__}",
        "shard": list(shard),
        "plan": plan,
        "outputs": dict(outputs),
    }
    return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def gathered_pages(
    planner: SitePlanner, code: str, gathered: Mapping[str, str], out: Path
) -> Iterator[tuple[str, str, SitemapEntry | None]]:
    """A merge's pages of edition ``code``: ``(output file, fingerprint, sitemap entry)``.

    Every page must come from a shard; no page is planned or rendered. The
    shards agreed on the inputs digest, so the fingerprints they recorded
    are the ones this build would compute; sitemap entries come from the
    planner's index of pages.
    """
    for rel, entry in planner.page_index(code):
        if rel not in gathered or not (out / rel).is_file():
            raise I18nNewsError(
                f"page {rel} is missing from the gathered shards: copy every shard's "
                "output folder into this one",
                out,
            )
        yield rel, gathered[rel], entry


def read_shard_outputs(path: Path) -> dict[str, str]:
    """The outputs a previous run of this shard recorded (its cache), or nothing."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != BUILD_FORMAT:
            return {}
        return {str(k): str(v) for k, v in dict(data["outputs"]).items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}

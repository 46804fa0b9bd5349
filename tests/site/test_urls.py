"""URLs and links (i18n_news.site.urls): the shortcuts give what parsing both URLs gives."""

from __future__ import annotations

import itertools
import posixpath

import pytest

from i18n_news.site.urls import Links, relative_href

SEGMENTS = ["", "ar", "tag", "x", ".", "..", "404.html"]


def _reference_href(source: str, target: str) -> str:
    """``relative_href`` as it was: ``posixpath.relpath`` on every call."""
    base = source if source.endswith("/") else posixpath.dirname(source) + "/"
    rel = posixpath.relpath(target, base)
    if rel == ".":
        return "./"
    return rel + "/" if target.endswith("/") else rel


def _paths() -> list[str]:
    found = set()
    for size in range(4):
        for parts in itertools.product(SEGMENTS, repeat=size):
            found.add("/" + "/".join(parts))
            found.add("/" + "/".join(parts) + "/")
    return sorted(found)


def test_relative_href_matches_relpath_everywhere() -> None:
    paths = _paths()
    for source in paths[::3]:
        for target in paths:
            assert relative_href(source, target) == _reference_href(source, target), (
                source,
                target,
            )


BASES = [
    {"a": "https://news.example.org/ar/", "b": "https://news.example.org/es/"},
    {"a": "https://ar.example.org/", "b": "https://es.example.org/"},
    {"a": "HTTPS://news.example.org/", "b": "https://news.example.org/en/"},
    {"a": "https://x.test/a/b/", "b": "/local/"},
    {"a": "https://x.test/a?q/", "b": "https://x.test/b/"},
]
PATHS = [
    "",
    "404.html",
    "politics/slug/",
    "tag/x/",
    "page/2/",
    "a/#frag",
    "p?q=1",
    "../up/",
    "a//b/",
]


@pytest.mark.parametrize("bases", BASES)
@pytest.mark.parametrize("rooted", [False, True])
def test_href_and_links_match_parsing_both_urls(bases: dict[str, str], rooted: bool) -> None:
    links = Links(bases)
    for source, target in itertools.product(PATHS, PATHS):
        for other in bases:
            fast = links.href("a", source, other, target, rooted=rooted)
            slow = links._href_parsed("a", source, other, target, rooted=rooted)
            assert fast == slow, (bases, source, other, target)
        link = links.link_for("a", source, rooted)
        expected = links._href_parsed("a", source, "a", target, rooted=rooted)
        assert link(target) == expected, (bases, source, target)

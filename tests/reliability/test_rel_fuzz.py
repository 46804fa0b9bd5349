"""Random bytes given to every parser: a result or the clean I18nNewsError, never a crash or hang.

The write -> read -> write round trip of generated catalogs lives in
tests/catalogs/test_writer.py (``test_render_parse_render_is_byte_identical``).

CI runs a few hundred examples per parser; a long run::

    I18NNEWS_FUZZ_EXAMPLES=20000 .venv/bin/pytest -q tests/reliability/test_rel_fuzz.py
"""

from __future__ import annotations

import os
import signal
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rel_helpers import ROOT

from i18n_news.catalogs.reader import parse_po
from i18n_news.catalogs.scan import scan_po
from i18n_news.config import load_config
from i18n_news.errors import I18nNewsError
from i18n_news.importer import parse_page
from i18n_news.sources.frontmatter import parse_front_matter, read_text
from i18n_news.sources.taxonomy import load_taxonomy

EXAMPLES = int(os.environ.get("I18NNEWS_FUZZ_EXAMPLES", "150"))
#: A parser that takes longer than this on one input is hanging.
ALARM_SECONDS = 10

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=EXAMPLES <= 150,  # CI: the same examples every run
    database=None,
)

EDITION = load_config(ROOT / "pyproject.toml").editions["es"]


@contextmanager
def alarm(seconds: int = ALARM_SECONDS) -> Iterator[None]:
    def hang(_signum: int, _frame: object) -> None:
        raise TimeoutError(f"parser still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def tokens(*words: str) -> st.SearchStrategy[bytes]:
    """Inputs that look like the format: its keywords and punctuation shuffled with noise."""
    piece = st.one_of(
        st.sampled_from(words),
        st.text(max_size=8),
        st.binary(max_size=4).map(lambda b: b.decode("latin-1")),
    )
    return st.lists(piece, max_size=60).map(lambda parts: "".join(parts).encode("utf-8"))


def inputs(*words: str) -> st.SearchStrategy[bytes]:
    return st.one_of(st.binary(max_size=2000), tokens(*words))


PO_WORDS = (
    'msgid "', 'msgstr "', "msgctxt ", "msgid_plural ", "msgstr[0] ", "msgstr[5] ", '"\n',
    "\n", "\r\n", "#~ ", "#| ", "#, fuzzy\n", "#: a:1\n", '"\\n"', "\\", '\\"', "\\x41",
    "\\101", '"Content-Type: text/plain; charset=', "UTF-8", "ISO-8859-1", "\ufeff",
    "\u202e", "é", "ع",
)  # fmt: skip
TOML_WORDS = (
    "[", "]", "[[", "]]", "=", '"', "'''", '"""', "\n", "editions", "source_edition",
    "tool.i18nnews", "locale", "ar_LB", "en", "{", "}", ",", "2024-12-12T23:53:00+02:00",
    "sections.news", "label", "tags", "true", "1e400", "\\u0000", "#", ".",
)  # fmt: skip
FRONT_WORDS = ("+++\n", "---\n", *TOML_WORDS, ": ", "- ", "!!python/object", "&a", "*a", "|\n")
HTML_WORDS = (
    "<html>", "<head>", "<meta ", 'property="og:title" content="', '">', "<script ",
    'type="application/ld+json">', '{"@type":"NewsArticle","headline":"', '"}', "</script>",
    "<!DOCTYPE x [<!ENTITY a \"", '">]>', "&a;", "<article>", "<p>", "</p>", "<time datetime=",
    "<h1>", "</h1>", "charset=", "windows-1256", "\x00", "<![CDATA[", "<?xml ?>",
)  # fmt: skip


def run_parser(parse: Callable[[bytes], Any], data: bytes) -> None:
    with alarm():
        try:
            parse(data)
        except I18nNewsError as exc:
            assert str(exc).strip(), "an error needs a message"


def via_file(suffix: str, reader: Callable[[Path], Any]) -> Callable[[bytes], Any]:
    def parse(data: bytes) -> Any:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"input{suffix}"
            path.write_bytes(data)
            return reader(path)

    return parse


def _front_matter(path: Path) -> Any:
    return parse_front_matter(read_text(path), path)


PARSERS: dict[str, tuple[Callable[[bytes], Any], st.SearchStrategy[bytes]]] = {
    "pofile": (parse_po, inputs(*PO_WORDS)),
    "check-scan": (scan_po, inputs(*PO_WORDS)),
    "config": (via_file(".toml", load_config), inputs(*TOML_WORDS)),
    "front-matter": (via_file(".md", _front_matter), inputs(*FRONT_WORDS)),
    "taxonomy": (
        via_file(".toml", lambda p: load_taxonomy(p, ["en", "ar", "es"])),
        inputs(*TOML_WORDS),
    ),
    "import-page": (lambda data: parse_page(data, EDITION, name="page.html"), inputs(*HTML_WORDS)),
}


@pytest.mark.parametrize("name", sorted(PARSERS))
def test_random_input_gives_a_result_or_a_clean_error(name: str) -> None:
    parse, strategy = PARSERS[name]

    @FUZZ
    @given(data=strategy)
    def check(data: bytes) -> None:
        run_parser(parse, data)

    check()


def test_the_alarm_catches_a_hang() -> None:
    with pytest.raises(TimeoutError), alarm(1):
        while True:
            pass

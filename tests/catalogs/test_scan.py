"""The fast read-only reader agrees with ``reader.parse_po`` on every file it accepts."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import DATA, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from i18n_news.catalogs.reader import parse_po
from i18n_news.catalogs.scan import _Fallback, _fast, scan_po
from i18n_news.errors import I18nNewsError

CORPUS = sorted(
    [
        *DATA.glob("pofile/**/*.po*"),
        *DATA.glob("checks/po/*.po*"),
        *DATA.glob("content/newsroom/locales/**/*.po"),
        *ROOT.glob("locales/**/*.po*"),
    ]
)


def fields(entry: object) -> tuple[object, ...]:
    e = entry
    return (
        e.msgid, e.msgstr, e.msgid_plural, dict(e.msgstr_plural), e.msgctxt,  # type: ignore[attr-defined]
        list(e.flags), e.tcomment, bool(e.obsolete), e.linenum,  # type: ignore[attr-defined]
    )  # fmt: skip


def same(data: bytes) -> None:
    """Either both readers agree, or the fast one defers to parse_po."""
    try:
        fast = _fast(data, "x.po")
    except _Fallback:
        fast = None
    try:
        slow = parse_po(data, "x.po")
        error = None
    except I18nNewsError as exc:
        slow, error = None, exc
    if fast is None:
        if error is not None:
            with pytest.raises(I18nNewsError) as caught:
                scan_po(data, "x.po")
            assert str(caught.value) == str(error)
        return
    if slow is None:
        # Only duplicates are accepted on purpose (PO140 reports them).
        assert error is not None and error.message.startswith("duplicate entry"), error
        return
    assert (fast.header is None) == (slow.header is None)
    items_fast = ([fast.header] if fast.header else []) + list(fast.entries)
    items_slow = ([slow.header] if slow.header else []) + list(slow.entries)
    assert [fields(e) for e in items_fast] == [fields(e) for e in items_slow]


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_corpus(path: Path) -> None:
    same(path.read_bytes())


def test_the_common_files_take_the_fast_path() -> None:
    for path in [*ROOT.glob("locales/**/*.po*"), DATA / "pofile" / "foreign" / "crlf.po"]:
        _fast(path.read_bytes(), str(path))  # no _Fallback


SAMPLE = (DATA / "checks" / "po" / "PO101.pass.po").read_bytes() + (
    DATA / "pofile" / "foreign" / "obsolete_previous.po"
).read_bytes().split(b"\n\n", 1)[1]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=len(SAMPLE)),
            st.integers(min_value=0, max_value=4),
            st.sampled_from([b"", b'"', b"\\", b"\n", b"#", b"#~ ", b"msgid ", b"msgstr[1] ",
                             b"\r\n", b" ", b"\\x41", b"#| msgid ", b'""', b"\n\n", b"\t"]),
        ),
        min_size=1,
        max_size=3,
    )
)  # fmt: skip
def test_mutations(edits: list[tuple[int, int, bytes]]) -> None:
    data = SAMPLE
    for at, cut, insert in edits:
        data = data[:at] + insert + data[at + cut :]
    same(data)

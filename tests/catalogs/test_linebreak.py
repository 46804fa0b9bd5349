"""The embedded line-break data (i18n_news.catalogs.linebreak) against GNU libunistring."""

from __future__ import annotations

import ctypes
import ctypes.util
import random
import unicodedata

import pytest

from i18n_news.catalogs.linebreak import break_opportunities, char_width


def load_libunistring() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("unistring")
    if name is None:
        return None
    try:
        lib = ctypes.CDLL(name)
        version = ctypes.c_int.in_dll(lib, "_libunistring_version").value
    except (OSError, ValueError):
        return None
    # The tables are those of libunistring 1.0 (Unicode 14, as gettext 0.21
    # on Debian 12 uses); other versions classify new characters differently.
    if version >> 8 != 0x100 or unicodedata.unidata_version != "14.0.0":
        return None
    return lib


LIBUNISTRING = load_libunistring()
needs_libunistring = pytest.mark.skipif(
    LIBUNISTRING is None, reason="needs libunistring 1.0 and Python's Unicode 14 data"
)


@needs_libunistring
def test_character_widths_match_libunistring() -> None:
    assert LIBUNISTRING is not None
    uc_width = LIBUNISTRING.uc_width
    uc_width.argtypes = [ctypes.c_uint32, ctypes.c_char_p]
    uc_width.restype = ctypes.c_int
    wrong = [
        hex(code)
        for code in range(1, 0x110000)
        if not 0xD800 <= code < 0xE000 and uc_width(code, b"UTF-8") != char_width(chr(code))
    ]
    assert wrong == []


@needs_libunistring
def test_break_opportunities_match_libunistring() -> None:
    assert LIBUNISTRING is not None
    possible = LIBUNISTRING.u8_possible_linebreaks
    possible.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_char_p]

    def reference(text: str) -> list[tuple[int, int]]:
        raw = text.encode()
        out = ctypes.create_string_buffer(len(raw))
        possible(raw, len(raw), b"UTF-8", out)
        found, offset = [], 0
        for index, char in enumerate(text):
            kind = out.raw[offset]
            if kind in (2, 3):  # UC_BREAK_POSSIBLE, UC_BREAK_MANDATORY
                found.append((index, kind - 1))
            offset += len(char.encode())
        return found

    # Every code point, in contexts where its class decides the breaks.
    codes = [c for c in range(1, 0x40000) if not 0xD800 <= c < 0xE000]
    codes += list(range(0xE0000, 0xE0200))
    for start in range(0, len(codes), 64):
        chunk = [chr(c) for c in codes[start : start + 64]]
        for text in ("".join(f"a{c} {c}a" for c in chunk), "".join(f"{c}(1{c}" for c in chunk)):
            assert break_opportunities(text) == reference(text), hex(ord(chunk[0]))
    rng = random.Random(3)
    pool = [chr(c) for c in range(1, 0x3000) if not 0xD800 <= c < 0xE000] + list("🇸🇾👍🏽")
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 40)))
        assert break_opportunities(text) == reference(text)

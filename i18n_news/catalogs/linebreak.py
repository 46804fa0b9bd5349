"""Where a line of a ``.po`` string may break, and how many columns it takes.

GNU gettext wraps strings at Unicode line-break opportunities (UAX #14) as
GNU libunistring 1.0 finds them, and counts columns with libunistring's
``uc_width``; this module carries both, as compiled tables (Unicode 14), so
that fresh entries break where ``msgcat`` breaks them on any machine. The
tests compare both with the system's libunistring when it is installed.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import accumulate

__all__ = [
    "MANDATORY",
    "POSSIBLE",
    "break_opportunities",
    "break_points",
    "char_width",
    "text_width",
]

(
    _WJ, _GL, _B2, _BA, _BB, _HY, _CL, _CP1, _CP2, _EX, _IN, _NS, _OP1, _OP2, _QU, _IS, _NU,
    _PO, _PR, _SY, _AL, _H2, _H3, _ID1, _ID2, _JL, _JV, _JT, _HL, _RI, _ZWJ, _EB, _EM, _BK,
    _CR, _LF, _CM, _ZW, _SP,
) = range(39)  # fmt: skip
_HL_BA = 100  # Hebrew letter followed by a hyphen: no break after it
_CLASS_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklm"


@lru_cache(maxsize=1)
def _class_table() -> tuple[list[int], list[int]]:
    """Decode ``_LB_RUNS`` into run starts and classes (done once, on first use)."""
    starts: list[int] = []
    classes: list[int] = []
    position = 0
    for match in re.finditer(r"([A-Za-z])(\d*)", "".join(_LB_RUNS)):
        starts.append(position)
        classes.append(_CLASS_LETTERS.index(match.group(1)))
        position += int(match.group(2) or 1)
    return starts, classes


@lru_cache(maxsize=4096)
def _lb_class(char: str) -> int:
    starts, classes = _class_table()
    return classes[bisect_right(starts, ord(char)) - 1]


# Columns of a Unicode character as libunistring's uc_width() counts them in
# a UTF-8 locale: -1 for controls (skipped), 0 for combining and format
# characters, 2 for East Asian wide and fullwidth ones.
_NARROW_MARKS = frozenset({0x0CBF, 0x0CC6, 0x11A07, 0x11A08, 0x11C3F})
_WIDE_UNASSIGNED = (
    (0x2E80, 0xA4CF), (0xF900, 0xFAFF), (0xFE10, 0xFE1F), (0xFE30, 0xFE6F), (0xFF00, 0xFF00),
    (0x1F200, 0x1F2FF), (0x20000, 0x3FFFF),
)  # fmt: skip


@lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    """Columns of ``char`` as libunistring's ``uc_width`` counts them (-1 for controls)."""
    code = ord(char)
    if code < 0x20 or 0x7F <= code < 0xA0:
        return 0 if code == 0 else -1
    if code < 0x7F:
        return 1
    category = unicodedata.category(char)
    if code in _NARROW_MARKS:
        return 1
    if category in ("Mn", "Me", "Cf") or 0x1160 <= code <= 0x11FF:
        return 0
    if 0xD7B0 <= code <= 0xD7C6 or 0xD7CB <= code <= 0xD7FB:
        return 0
    if category == "Cn":
        return 2 if any(lo <= code <= hi for lo, hi in _WIDE_UNASSIGNED) else 1
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


class _CharTable(dict[int, int]):
    """Per-code-point values for ``str.translate``/``map``, filled on first use."""

    def __init__(self, compute: Callable[[str], int]) -> None:
        super().__init__()
        self.compute = compute

    def __missing__(self, key: int) -> int:
        value = self[key] = self.compute(chr(key))
        return value


# chr(class) for each code point, to turn a text into a string of classes.
_CLASSES = _CharTable(_lb_class)
# Columns counted for each character (controls count 0).
_WIDTHS = _CharTable(lambda char: max(char_width(char), 0))


def text_width(text: str) -> int:
    """Columns ``text`` takes on a line (controls count 0)."""
    if text.isascii() and text.isprintable():
        return len(text)
    return sum(map(_WIDTHS.__getitem__, map(ord, text)))


_RUN_RE = re.compile(r"(.)\1*", re.S)
#: Kinds of break opportunity.
POSSIBLE = 1
MANDATORY = 2


def break_points(escaped: str, room: int, start: int, no_break: set[int]) -> list[int]:
    """Offsets in the escaped text of one portion where GNU starts a new line.

    Break opportunities follow UAX #14 as GNU libunistring finds them, minus
    ``no_break``. Lines are filled greedily: a break is used only when the
    next piece would pass ``room`` columns.
    """
    opportunities = _opportunities(escaped.translate(_CLASSES))
    if no_break:
        opportunities = [
            (i, kind) for i, kind in opportunities if kind == MANDATORY or i not in no_break
        ]
    if escaped.isascii() and escaped.isprintable():
        columns: Sequence[int] = range(len(escaped) + 1)
    else:
        columns = [0, *accumulate(map(_WIDTHS.__getitem__, map(ord, escaped)))]
    points: list[int] = []
    last_point = -1
    column = start
    piece_start = 0
    for i, kind in opportunities:
        piece = columns[i] - columns[piece_start]
        if last_point >= 0 and column + piece > room:
            points.append(last_point)
            column = 0
        if kind == MANDATORY:
            last_point = -1
            column = 0
            piece_start = i + 1
        else:
            last_point = i
            column += piece
            piece_start = i
    if last_point >= 0 and column + columns[-1] - columns[piece_start] > room:
        points.append(last_point)
    return points


def break_opportunities(text: str) -> list[tuple[int, int]]:
    """(offset, kind) of each line-break opportunity in ``text``, as libunistring reports them.

    ``POSSIBLE``: a line may start at that offset; ``MANDATORY``: the
    character there (a newline) ends its line.

    >>> break_opportunities("Read more\\nnow")
    [(5, 1), (9, 2)]
    """
    return _opportunities(text.translate(_CLASSES))


def _opportunities(classes: str) -> list[tuple[int, int]]:
    """(offset, kind) of each break opportunity in a string of line-break classes.

    Walks runs of equal classes: inside a run only the pair rule of the class
    with itself (and regional-indicator pairing) can allow a break.
    """
    pairs = _PAIRS
    found: list[tuple[int, int]] = []
    prev = last = _BK
    seen_space = False
    ri_count = 0
    for match in _RUN_RE.finditer(classes):
        begin, end = match.span()
        cls = ord(classes[begin])
        if cls in (_BK, _LF, _CR):
            found.extend((i, MANDATORY) for i in range(begin, end))
            prev, last, seen_space, ri_count = cls, _BK, False, 0
            continue
        if cls == _SP:
            seen_space = True
        elif cls == _ZW:
            last = _ZW
            seen_space = False
        elif cls in (_CM, _ZWJ):
            if last == _BK:
                last = _AL
                seen_space = False
            elif last == _ZW or seen_space:
                found.append((begin, POSSIBLE))
                last = _AL
                seen_space = False
        else:
            if last == _BK or prev in (_ZWJ, _HL_BA):
                pass
            elif last == _ZW:
                found.append((begin, POSSIBLE))
            elif last == _RI and cls == _RI:
                if seen_space or ri_count % 2 == 0:
                    found.append((begin, POSSIBLE))
            else:
                rule = pairs[last][cls]
                if rule == "D" or (rule == "I" and seen_space):
                    found.append((begin, POSSIBLE))
            if end - begin > 1:
                _inside_run(cls, begin, end, ri_count, found)
            last = cls
            seen_space = False
        prev = _HL_BA if prev == _HL and cls in (_HY, _BA) and end - begin == 1 else cls
        ri_count = ri_count + end - begin if cls == _RI else 0
    return found


def _inside_run(
    cls: int, begin: int, end: int, ri_count: int, found: list[tuple[int, int]]
) -> None:
    """Add the opportunities between the characters of a run of one class."""
    if cls == _RI:
        # Regional indicators pair up: a break before every other one.
        count = ri_count + 1
        found.extend(
            (i, POSSIBLE) for i in range(begin + 1, end) if (count + i - begin - 1) % 2 == 0
        )
    elif _PAIRS[cls][cls] == "D":
        found.extend((i, POSSIBLE) for i in range(begin + 1, end))


# Pair table of UAX #14 as compiled into GNU libunistring 1.0 (Unicode 14):
# row = class before the opportunity, column = class after it; D = direct
# break, I = break only after spaces, P = prohibited.
_PAIRS = (
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",
    "PIPIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",
    "PDDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII",
    "PDDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD",
    "PIDIDIPPPPIPDDIPDIIPDDDDDDDDDDDDD",
    "PIDIDIPPPPIIDDIPIIIPIDDDDDDDIDIDD",
    "PIDIDIPPPPIIDDIPDIIPDDDDDDDDDDDDD",
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",
    "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",
    "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP",
    "PIIIIIPPPPIIPPIPIIIPIIIIIIIIIIIII",
    "PIDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD",
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD",
    "PIDIDIPPPPIIIIIPIDDPIDDDDDDDIDIDD",
    "PIDIDIPPPPIIIIIPIDDPIIIIIIIIIDIII",
    "PIDIDIPPPPIIDDIPIDDPDDDDDDDDIDDDD",
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD",
    "PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD",
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD",
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD",
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI",
    "PIDIDIPPPPIIDDIPDIDPDIIDDIIDDDDDD",
    "PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD",
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD",
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD",
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD",
    "PIDIDIPPPPIIIDIPIIIPIDDIIDDDIDIII",
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI",
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD",
)

# Line-break class of every code point (UAX #14 LineBreak property, Unicode
# 14, with AI/SA/XX resolved to AL and CB to ID as libunistring does), run-
# length encoded: a class letter (index into _CLASS_LETTERS) followed by the
# run length when it is more than 1. tests/catalogs/test_linebreak.py checks it against
# the system's libunistring when that is installed.
_LB_RUNS = (
    "k9Djh2ik18mJOUSRUOMHUSPFPTQ10P2U3JU27MSHU29MDGUk6hk26BMRS3U5OUDU2RSU2EU6OU3MU520EU3EU18E"
    "U32k79Bk12B7k13U14PU260k7U255PDU4SUk45DkUk2Uk2JkU8c27U4c4U22R3P2U2k11JkJ3U43k21Q10RQ2U3k"
    "U99JUk7U2k6U2k2Uk4U2Q10U23kU30k27U91k11U15Q10U33k9U4PJU3kS2U22k4Uk9Uk3Uk5U43k3U60k8U42k2"
    "4Uk33U54k3Uk18Uk7U10k2D2Q10U17k3U56kUk7U2k2U2k3U9kU10k2U2Q10U2R2U5RUSU2kU2k3U56kUk5U4k2U"
    "2k3U3kU20Q10k2U3kU11k3U56kUk8Uk3Uk3U20k2U2Q10USU8k6Uk3U56kUk7U2k2U2k3U7k3U10k2U2Q10U18kU"
    "59k5U3k3Uk4U9kU14Q10U9SU6k5U55kUk7Uk3Uk4U7k2U11k2U2Q10U7EU9k3EU55kUk7Uk3Uk4U7k2U11k2U2Q1"
    "0U16k4U55k2Uk7Uk3Uk4U9kU10k2U2Q10U9RU7k3U70kU4k6UkUk8U6Q10U2k2U75SU16Q10D2U116Q10U39E4UE"
    "2BE2DBJ5BUJU3k2U6Q10U10DkUkUkMGMGk2U49k14Dk5Dk2U5k11Uk36UD2U6kU9E2DEU5B2U101Q10D2U68Q10U"
    "102Z96a72b88U349k3UDU158DU639DU26MGU78D3U36k4U28k3D2U27k2U30k2U96D2LUDUDSU4Q10U24J2D2EUJ"
    "2Uk3BkQ10U107k2U34kU118k12U4k12U8J2Q10U128Q10U61k5U99kQ10U6Q10U22k31U49k5U47k17U11Q10D2U"
    "D4U10k9U9D2Uk3U30k13U2Q10U44k14U48k20U3D5Q10U6Q10U36D2U80k3Uk21U4kU6kU2k3U198k64U509EU2D"
    "7BD3lkek2DBD2CU3O2MO3MOU4K3Dh2k5BR8UO2UL2U6PMGL3U12DUD4UD3AU5k10U13MGU14MGU17S7RS14RS4RS"
    "2RSRS15k33U18RU5RU12SU251S2U219KU24MGMGU14X2U13NGU197X4U524X4U16X2U2XUX3fX2U25X3U44XU22X"
    "U61X12U4XUX3UX2U3X2U2XU2X3U8XU6X5UX2fXU2X8U3X2f4U77O6UJ2XU3MGMGMGMGMGMGMGU79MGU31MGMGMGM"
    "GMGU403MGMGMGMGMGMGMGMGMGMGMGU63MGMGU32MGU753k3U7JD3UJDU112DU14kU96k32O14D8UDMDU2O2U2O2M"
    "GMGMGMGD4JUD2UD2U5C2D3UD2MD8UDUD2U3J2MGMGMGMGDU34X26UX89U12X214U26X12U4DG2X2LX2NGNGNGNGN"
    "GX2NGNGNGNGLNG2X10k6X5kX5L2X3ULXLXLXLXLX25LX31LXLXLX6LX6L2U2k2L4XL2XLXLXLXLX25LX31LXLXLX"
    "6LX6L2X4L4XU5X43UX94UX84U12L16X31UX40U8X7024U64X21013LX1143U3X55U55D2U269DJDU16Q10U69k4U"
    "k10U32k2U80k2UD5U266kU3kU4kU23k5U4kU11RU59E2J2U8k2U50k18U8D2Q10U6k18U10EU2kQ10U28k8D2U23"
    "k13U12Z29U3k4U47k14U6D3U6Q10U22Q10U47k14U12kU8k2U2Q10U3D3U139k5D2U3k2U236k8Dk2U2Q10U6VW2"
    "7VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW2"
    "7VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW2"
    "7VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW2"
    "7VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW2"
    "7VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW2"
    "7VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW2"
    "7VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW2"
    "7VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW2"
    "7VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW2"
    "7VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW2"
    "7VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW2"
    "7VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW2"
    "7VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW2"
    "7VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW2"
    "7VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW2"
    "7VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW2"
    "7VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW2"
    "7VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW27VW2"
    "7VW27VW27U12a23U4b49U8452X512U29ckc10Uc13Uc5UcUc2Uc2Uc10U494GMU188RU3k16PG2P2J2NGKU6k16X"
    "5NGNGNGNGNGNGNGNGX2NGX7GXGUL2J2XNGNGNGX8UXSRXU147AUJX2SRX2NGX2GXGX11L2X3JX27NXGX29NXGXNG"
    "2NG2LXL10X45L2X31U3X6U2X6U2X6U2X3U3RSX3S2U18k3XU259D3U250kU226kU149k5U36DU48DU207Q10U941"
    "DU199DU225k3Uk2U5k4U40k3U4kU16D8U141k2U9D6KU66D7U484k4U8Q10U369k2DU152k11U49k4U122k3U53k"
    "15D2U29Q10kU2k2U10k4U45k11U3D4kU45Q10U6k3U36k14UQ10D4Uk2U44kUEU10k3U48k14U4D2UDk4Uk2Q10U"
    "EUD3U76k12D2UD2UkU106DU53k12U5Q10U6k4U55k2Uk7U2k2U2k3U9kU10k2U2k7U3k5U192k18U4D4UQ10D2U2"
    "kU81k20U12Q10U213k7U2k9ED2J2U3D15U4k2U82k17D2U13Q10U6E13U62k13U8Q10U102Q10U2D3U237k15U16"
    "5Q10U70k6Uk2U2k4UkUk2D3U9Q10U119k7U2k7UEUkU28k10U40k7Uk4EUD4EUkU9k11U46k16D3UE3D2U396k8U"
    "k8UD5U10Q10U22EJU32k22Uk14U122k6U3kUk2Uk7UkU8Q10U48k5Uk2Uk5U8Q10U329k4U230R4U30DU1136D5U"
    "3555M3G3U36GU3MGMGU239MG2U180B7MGU4501MGU9360Q10U4D2U80Q10U38k5DU58k7D3U10DU11Q10U829D2U"
    "182kUk55U7k4U77L4BU11k2U14X6136U8X768U512X9U8951X291U45L3U17L4U8X396U2465k2Dk4U4700k46U2"
    "k23U542k5U3k22U2k7U30k4U148k3U1417Q50U512k55U4k50U8kU14kU2D4U16k5Uk15U1360k7Uk17U2k7Uk2U"
    "k5U261k7U9Q10U356kU61k4Q10U5SU1488k7U109k7U5Q10U4M2U844RU3RU847X44Y4X100Y12X15Y2X15YX15Y"
    "X37Y10U13X3U93X3U61XY56d26X3Y13X44Y4X9Y7X2Y14X6Y154X133fX22U2X23U2X5UX5f3X2fX2f3X46g5X66"
    "f2X2f11X21f19X3fX4f3Xf3X7fXfX14UXUXUX5fX4UXU2X77U7X16U14X13U24X42f2X4fX21fX4f2X61U8X24U6"
    "X75f3X3f5U38O3L3U4X35fX16f3X9fX11fX11Y5X16Y3X13Y3U116Y12U85X4Y7X12Y4XY15U12Y4U56Y8U10Y6U"
    "40Y8U30Y2X2Y78U12fX2fX8f8X6fX9f10X2f3X56fX61f2Xf2XfX17f3Xf13X34U84Y12X14Y2X5Y3X5Y3X7Y9X2"
    "9Y3X11Y5X3f3Y10X10Y6X8Y8f7Y9U240Q10U6Y1022U2X65534U2X65534U655363kU30k96U128k240U196112"
)

"""C escapes inside the quoted strings of a ``.po`` file, both ways.

The reader resolves them (octal and hex escapes are bytes in the file's
charset), the writer puts them back (only the single-character ones, as GNU
gettext does), and ``scan`` resolves the common ones on its fast path; all
three read the same table here.
"""

from __future__ import annotations

import re

__all__ = [
    "ESCAPED_CHARS",
    "ESCAPE_PAIR_RE",
    "UNESCAPES",
    "EscapeError",
    "escape",
    "unescape",
]

#: The character each single-character escape stands for (``\\n`` -> newline).
UNESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    '"': '"',
    "\\": "\\",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
}
#: Characters the writer spells as an escape.
ESCAPED_CHARS = frozenset('\a\b\f\n\r\t\v"\\')
#: A backslash and the character after it: an escape sequence as written.
ESCAPE_PAIR_RE = re.compile(r"\\.", re.S)

_ESCAPE_RE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9A-Fa-f]+)|(.)|$)", re.S)
_ESCAPE_TABLE = str.maketrans({char: "\\" + name for name, char in UNESCAPES.items()})
# Text whose escapes are all single-character ones, resolved by one sub().
_SIMPLE_ESCAPES_RE = re.compile(r'(?:[^\\]++|\\[ntr"\\abfv])*+', re.S)
_SIMPLE_ESCAPE_RE = re.compile(r"\\(.)", re.S)


class EscapeError(ValueError):
    """A bad escape sequence; the reader turns it into an error with the string's line."""


def escape(text: str) -> str:
    """``text`` as written between the quotes of a ``.po`` string.

    >>> escape('Tab\\tand "quotes"')
    'Tab\\\\tand \\\\"quotes\\\\"'
    """
    return text.translate(_ESCAPE_TABLE)


def _simple_unescape(match: re.Match[str]) -> str:
    return UNESCAPES[match.group(1)]


def unescape(parts: list[str], codec: str) -> str:
    """Join a string's pieces and resolve C escapes.

    Octal and hex escapes are bytes in the file's charset, so a character may
    be spelled over several of them, even across pieces; an escape itself
    never continues into the next piece (as in GNU's lexer).

    >>> unescape(["caf\\\\303", "\\\\251 \\\\n"], "utf-8")
    'café \\n'
    """
    text = parts[0] if len(parts) == 1 else "".join(parts)
    if "\\" not in text:
        return text
    if _SIMPLE_ESCAPES_RE.fullmatch(text) and not any(p.endswith("\\") for p in parts[:-1]):
        return _SIMPLE_ESCAPE_RE.sub(_simple_unescape, text)
    out: list[str] = []
    pending = bytearray()
    for part in parts:
        pos = 0
        for match in _ESCAPE_RE.finditer(part):
            start = match.start()
            octal, hexa, char = match.groups()
            if pending and (start > pos or (octal is None and hexa is None)):
                out.append(_decode_escaped_bytes(pending, codec))
                pending = bytearray()
            out.append(part[pos:start])
            if octal is not None:
                value = int(octal, 8)
                if value > 0xFF:
                    raise EscapeError(f"octal escape '\\{octal}' is out of range")
                pending.append(value)
            elif hexa is not None:
                value = int(hexa, 16)
                if value > 0xFF:
                    raise EscapeError(f"hex escape '\\x{hexa}' is out of range")
                pending.append(value)
            elif char is None:
                raise EscapeError("string ends with a lone backslash")
            elif char in UNESCAPES:
                out.append(UNESCAPES[char])
            else:
                raise EscapeError(f"invalid escape sequence '\\{char}'")
            pos = match.end()
        if pending and pos < len(part):
            out.append(_decode_escaped_bytes(pending, codec))
            pending = bytearray()
        out.append(part[pos:])
    if pending:
        out.append(_decode_escaped_bytes(pending, codec))
    return "".join(out)


def _decode_escaped_bytes(data: bytearray, codec: str) -> str:
    try:
        return bytes(data).decode(codec)
    except UnicodeDecodeError:
        raise EscapeError(f"escaped bytes {bytes(data)!r} are not valid {codec}") from None

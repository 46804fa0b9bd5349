"""Front matter: split ``+++`` TOML or ``---`` YAML from a Markdown body, and edit it.

Every error carries the 1-based line *in the file*, so a parser's line inside
the front matter is offset by the opening fence. Edits are targeted line
edits: the rest of the file, and above all the body, stays byte-identical.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from i18n_news import fs
from i18n_news.config import toml_error, toml_key_lines, toml_lines
from i18n_news.errors import I18nNewsError

Format = Literal["toml", "yaml"]
_FENCES: dict[str, Format] = {"+++": "toml", "---": "yaml"}
_LINE_RE = re.compile(r"[^\n]*\n|[^\n]+$")


@dataclass(frozen=True)
class FrontMatter:
    """A parsed front matter block and the body that follows it.

    ``lines`` maps each top-level key to the 1-based file line that defines it;
    ``body_line`` is the file line where the body starts.
    """

    format: Format
    data: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    end_line: int = 1
    source_lines: tuple[str, ...] = ()

    def item_line(self, key: str, item: str) -> int:
        """The line of one list item of ``key`` (``tags = [`` spread over lines), else the key's.

        Looks between the key's line and the next key's for the item written
        as a string or a bare YAML scalar.
        """
        start = self.lines.get(key, 1)
        later = [n for n in self.lines.values() if n > start]
        stop = min(later) if later else self.end_line
        name = re.escape(item)
        written = re.compile(
            rf"""(["']){name}\1"""  # a TOML or quoted YAML string
            rf"|^\s*-\s*{name}\s*$"  # a YAML block list item
            rf"|[\[,]\s*{name}\s*[,\]]"  # a YAML flow list item
        )
        for number in range(start, stop):
            if written.search(self.source_lines[number - 1]):
                return number
        return start


def split_lines(text: str) -> list[str]:
    """Lines with their endings kept, so joining them gives ``text`` back."""
    return _LINE_RE.findall(text)


def parse_front_matter(text: str, path: str | os.PathLike[str] | None = None) -> FrontMatter:
    """Parse ``text`` (a whole Markdown file) into front matter and body."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = split_lines(text)
    fence = lines[0].rstrip("\r\n").rstrip() if lines else ""
    if fence not in _FENCES:
        raise I18nNewsError(
            "no front matter: the file must start with '+++' (TOML) or '---' (YAML)", path, 1
        )
    fmt = _FENCES[fence]
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip("\r\n").rstrip() == fence), None)
    if end is None:
        raise I18nNewsError(f"front matter opened with '{fence}' is never closed", path, 1)
    source = "".join(lines[1:end])
    if fmt == "toml":
        data = _load_toml(source, path)
        key_lines = {str(k[0]): n + 1 for k, n in toml_key_lines(source).items() if len(k) == 1}
    else:
        data, key_lines = _load_yaml(source, path)
        key_lines = {k: n + 1 for k, n in key_lines.items()}
    body = "".join(lines[end + 1 :])
    return FrontMatter(fmt, data, key_lines, body, end + 2, end + 1, tuple(lines[: end + 1]))


def _load_toml(source: str, path: str | os.PathLike[str] | None) -> dict[str, Any]:
    try:
        return tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        message, line = toml_error(exc, source)
        raise I18nNewsError(f"invalid TOML front matter: {message}", path, line + 1) from None


def _load_yaml(
    source: str, path: str | os.PathLike[str] | None
) -> tuple[dict[str, Any], dict[str, int]]:
    """Safe-load YAML; key lines come from the composed node tree (no objects built)."""
    try:
        node = yaml.compose(source, Loader=yaml.SafeLoader)
        data = yaml.safe_load(source)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark is not None else 1
        problem = exc.problem or exc.context or "syntax error"
        raise I18nNewsError(f"invalid YAML front matter: {problem}", path, line) from None
    except yaml.YAMLError as exc:
        raise I18nNewsError(f"invalid YAML front matter: {exc}", path, 1) from None
    if data is None:
        return {}, {}
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise I18nNewsError("YAML front matter must be a mapping of keys to values", path, 2)
    lines: dict[str, int] = {}
    for key_node, _ in node.value:
        key = str(key_node.value)
        if key in lines:
            raise I18nNewsError(
                f"duplicate key '{key}' in front matter", path, key_node.start_mark.line + 2
            )
        lines[key] = key_node.start_mark.line + 1
    return data, lines


_TOML_STRING_VALUE = r"""(?:"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""


def set_string_value(
    text: str,
    key: str,
    value: str,
    *,
    after: str | None = None,
    path: str | os.PathLike[str] | None = None,
) -> str:
    """``text`` with the top-level front matter ``key`` set to the string ``value``.

    Only the key's own line changes (or one line is inserted, after the ``after``
    key when present, else before the first TOML table or the closing fence),
    so the rest of the file stays byte-identical. ``value`` must need no
    escaping; the existing value must be a one-line string.
    """
    if re.search(r'["\'\\\n\r]', value):
        raise ValueError(f"value needs escaping: {value!r}")
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    fm = parse_front_matter(text[len(bom) :], path)
    lines = split_lines(text[len(bom) :])
    newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
    if fm.format == "toml":
        new_line = f'{key} = "{value}"'
        pattern = re.compile(rf"^{re.escape(key)}\s*=\s*{_TOML_STRING_VALUE}\s*(#.*)?$")
    else:
        new_line = f'{key}: "{value}"'
        pattern = re.compile(
            rf"^{re.escape(key)}\s*:\s*(?:{_TOML_STRING_VALUE}|[^\s#'\"][^#]*?)?\s*(#.*)?$"
        )
    if key in fm.lines:
        index = fm.lines[key] - 1
        old = lines[index].rstrip("\r\n")
        match = pattern.match(old)
        if not match:
            raise I18nNewsError(
                f"cannot update '{key}': its value must be a one-line string", path, index + 1
            )
        comment = f"  {match.group(1)}" if match.group(1) else ""
        ending = lines[index][len(old) :] or newline
        lines[index] = new_line + comment + ending
    else:
        if after is not None and after in fm.lines:
            index = fm.lines[after]
        else:
            index = fm.end_line - 1
            if fm.format == "toml":  # before the first [table]: a key there would join it
                headers = toml_lines("".join(lines[1 : fm.end_line - 1])).headers
                index = headers[0] if headers else index
        if index > 0 and not lines[index - 1].endswith("\n"):
            lines[index - 1] += newline
        lines.insert(index, new_line + newline)
    updated = "".join(lines)
    check = parse_front_matter(updated, path)
    if check.body != fm.body or check.data.get(key) != value:
        raise I18nNewsError(f"cannot update '{key}' safely in this front matter", path, 1)
    return bom + updated


def write_atomic(path: Path, data: bytes) -> None:
    """Write through the toolkit's one atomic writer (temp file, fsync, rename, mode kept).

    Content files are never written through a symlink.
    """
    fs.atomic_write(path, data, follow_symlinks=False)


def read_text(path: Path, shown: str | None = None) -> str:
    """A content file as text with its newlines untouched (for byte-exact edits)."""
    return fs.read_text(path, "content file", shown=shown)

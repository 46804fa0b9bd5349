"""The documentation says what the code does: commands, options, checks and links.

Like sqlite-utils' ``tests/test_docs.py``: every command and every option of
``i18nnews --help`` is documented in docs/commands.md, docs/checks.md is
exactly what ``scripts/gen_check_docs.py`` writes from the check registry,
no page names a check ID that does not exist, and every relative link of the
README and docs/ points at a file (and a heading) that exists.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from helpers import ROOT
from markdown_it import MarkdownIt
from markdown_it.token import Token

from i18n_news.checks.registry import load_all

DOCS = ROOT / "docs"
COMMANDS_MD = DOCS / "commands.md"
PAGES = sorted(
    [ROOT / "README.md", ROOT / "CONTRIBUTING.md", ROOT / "CHANGELOG.md", *DOCS.glob("*.md")]
)
CHECK_ID = re.compile(r"\b(?:PO|PAR|RTL|GLS)[0-9]{3}\b")
_MARKDOWN = MarkdownIt("commonmark").enable("table")


def cli_command() -> Any:
    """The click command behind ``i18nnews``; imported here so a module rename is one line.

    typer may vendor its own copy of click, so commands are read by duck typing
    (``commands``, ``params``, ``param_type_name``) rather than ``isinstance``.
    """
    import typer

    from i18n_news.cli.app import app

    return typer.main.get_command(app)


@functools.cache
def generator() -> ModuleType:
    """``scripts/gen_check_docs.py`` as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location(
        "gen_check_docs", ROOT / "scripts" / "gen_check_docs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def walk(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every subcommand below ``command`` with its name path (``("check",)``), depth first."""
    subcommands = getattr(command, "commands", None)
    if subcommands:
        for name, sub in sorted(subcommands.items()):
            if not sub.hidden:
                yield (*path, name), sub
                yield from walk(sub, (*path, name))


def option_strings(command: Any) -> list[str]:
    """``--format``, ``-f``… of every visible option except ``--help``."""
    out: list[str] = []
    for param in command.params:
        if param.param_type_name == "option" and not getattr(param, "hidden", False):
            out += [o for o in (*param.opts, *param.secondary_opts) if o not in ("--help", "-h")]
    return out


def mentions(text: str, option: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", text) is not None


def heading_text(inline: Token) -> str:
    """A heading's text as a reader sees it (code spans without their backticks)."""
    return "".join(
        child.content for child in inline.children or () if child.type in ("text", "code_inline")
    )


def sections(path: Path) -> dict[str, str]:
    """``{h2 heading text: the Markdown up to the next h2}`` of one page."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    tokens = _MARKDOWN.parse(text)
    starts = [
        (heading_text(tokens[i + 1]), tok.map[0])
        for i, tok in enumerate(tokens)
        if tok.type == "heading_open" and tok.tag == "h2" and tok.map
    ]
    out: dict[str, str] = {}
    for index, (title, start) in enumerate(starts):
        end = starts[index + 1][1] if index + 1 < len(starts) else len(lines)
        out[title] = "\n".join(lines[start:end])
    return out


def command_sections() -> dict[tuple[str, ...], str]:
    """The commands.md sections headed ``i18nnews <command…>``, by command path."""
    found: dict[tuple[str, ...], str] = {}
    for title, body in sections(COMMANDS_MD).items():
        words = title.split()
        if words and words[0] == "i18nnews" and len(words) > 1:
            found[tuple(words[1:])] = body
    return found


def test_every_command_has_a_section() -> None:
    documented = command_sections()
    commands = [path for path, _ in walk(cli_command())]
    missing = [" ".join(path) for path in commands if path not in documented]
    assert not missing, f"docs/commands.md has no '## i18nnews <command>' section for {missing}"
    stale = [" ".join(path) for path in documented if path not in commands]
    assert not stale, f"docs/commands.md documents commands that do not exist: {stale}"


def test_every_command_option_is_documented_in_its_section() -> None:
    root = cli_command()
    documented = command_sections()
    global_section = sections(COMMANDS_MD).get("Global options", "")
    global_options = set(option_strings(root))
    missing = [
        f"i18nnews {option} (in 'Global options')"
        for option in sorted(global_options)
        if not mentions(global_section, option)
    ]
    for path, command in walk(root):
        body = documented.get(path, "")
        for option in option_strings(command):
            if mentions(body, option):
                continue
            if option in global_options and mentions(global_section, option):
                continue  # a global option also accepted after the command name
            missing.append(f"i18nnews {' '.join(path)} {option}")
    assert not missing, f"options missing from docs/commands.md: {missing}"


def test_every_command_has_help_with_an_example() -> None:
    for path, command in walk(cli_command()):
        assert command.help and command.help.strip(), path
        assert "Example:" in command.help, f"i18nnews {' '.join(path)}: no 'Example:' in its help"


def test_checks_md_is_what_the_generator_writes() -> None:
    expected = generator().render()
    actual = (DOCS / "checks.md").read_text(encoding="utf-8")
    assert actual == expected, "docs/checks.md is out of date: run python scripts/gen_check_docs.py"


def test_every_check_is_documented() -> None:
    checks_md = (DOCS / "checks.md").read_text(encoding="utf-8")
    for spec in load_all().values():
        assert f"### {spec.id} {spec.name}\n" in checks_md, spec.id
        assert spec.summary and spec.doc, spec.id


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_pages_name_only_existing_checks(page: Path) -> None:
    known = set(load_all())
    named = set(CHECK_ID.findall(page.read_text(encoding="utf-8")))
    assert not named - known, f"{page.name} names unknown check IDs {sorted(named - known)}"


def github_anchors(path: Path) -> set[str]:
    """The anchors GitHub gives the headings of a page (``## A b`` -> ``a-b``, repeats -1, -2)."""
    tokens = _MARKDOWN.parse(path.read_text(encoding="utf-8"))
    seen: dict[str, int] = {}
    anchors: set[str] = set()
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        slug = generator().slug(heading_text(tokens[index + 1]))
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        anchors.add(slug if count == 0 else f"{slug}-{count}")
    return anchors


def links(path: Path) -> Iterator[str]:
    """The target of every Markdown link and image of a page (not those inside code)."""
    stack = list(_MARKDOWN.parse(path.read_text(encoding="utf-8")))
    while stack:
        token = stack.pop()
        stack.extend(token.children or ())
        if token.type == "link_open":
            yield str(token.attrGet("href") or "")
        elif token.type == "image":
            yield str(token.attrGet("src") or "")


def test_there_is_something_to_check() -> None:
    assert len(PAGES) > 10
    assert sum(1 for page in PAGES for _ in links(page)) > 50


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_relative_links_point_at_existing_files(page: Path) -> None:
    broken: list[str] = []
    for href in links(page):
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            continue  # an absolute URL: not ours to check offline
        target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
        if not target.exists():
            broken.append(f"{href} (no file {target})")
            continue
        if not target.is_relative_to(ROOT):
            broken.append(f"{href} (outside the repository)")
            continue
        if (
            parts.fragment
            and target.suffix == ".md"
            and parts.fragment not in github_anchors(target)
        ):
            broken.append(f"{href} (no heading #{parts.fragment} in {target.name})")
    assert not broken, f"{page.relative_to(ROOT)}: broken links {broken}"

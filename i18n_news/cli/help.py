"""Help screens in the user's language, through typer's and click's public extension points.

The command classes here are what the ``i18nnews`` app and every command module
pass as ``cls=``. They write their help as click does — usage line,
description, argument and option tables, command list — with each piece
translated as it is written: typer's headings (``Options``, ``[default: …]``),
our docstrings paragraph by paragraph and every option's help. English goes
through untouched, so its screens are exactly typer's.

The msgids are the English texts: :func:`cli_help_messages` collects them for
the template (``scripts/extract_cli_messages.py``).
"""

from __future__ import annotations

import gettext
import inspect
import re
from collections.abc import Iterator
from typing import Any, NoReturn

import typer
from typer.core import TyperCommand, TyperGroup

from i18n_news.ui.messages import N_, current, localize_message

__all__ = ["HELP_SCREEN", "Command", "Context", "Group", "cli_help_messages", "paragraphs"]

# Headings and notes of the help screen and usage errors (typer's own strings).
HELP_SCREEN = (
    N_("Usage: "),
    N_("Options"),
    N_("Commands"),
    N_("Arguments"),
    N_("required"),
    N_("default: {default}"),
    N_("Missing command."),
    N_("No such command {name!r}."),
    N_("Aborted!"),
    N_("Show this message and exit."),
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
)

#: Options whose help is a heading of the help screen, not ours to extract.
_TYPER_OPTIONS = ("install_completion", "show_completion", "help")
_EXAMPLE = "Example:"


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a docstring, each on one line (the form of their msgids)."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", inspect.cleandoc(text)) if p.strip()]


def _translated(tr: gettext.NullTranslations) -> bool:
    return isinstance(tr, gettext.GNUTranslations)


def _paragraph(paragraph: str, tr: gettext.NullTranslations) -> str:
    if paragraph.startswith(_EXAMPLE):  # the command line itself stays as written
        return tr.gettext(_EXAMPLE) + paragraph[len(_EXAMPLE) :]
    return tr.gettext(paragraph)


def _description(text: str, tr: gettext.NullTranslations) -> str:
    return "\n\n".join(_paragraph(p, tr) for p in paragraphs(text))


def _extras(extras: str, tr: gettext.NullTranslations) -> str:
    """typer's ``  [default: x; required]`` after an option's help, translated."""
    match = re.fullmatch(r"(\s*)\[(.*)\]", extras, re.S)
    if match is None:
        return extras
    items = []
    for item in match.group(2).split("; "):
        if item == "required":
            items.append(tr.gettext("required"))
        elif item.startswith("default: "):
            default = item[len("default: ") :]
            items.append(tr.gettext("default: {default}").format(default=default))
        else:
            items.append(item)
    return f"{match.group(1)}[{'; '.join(items)}]"


def _row(param: Any, text: str, tr: gettext.NullTranslations) -> str:
    """One row of the argument or option table: the parameter's help, then typer's notes."""
    own = param.help or ""
    if not _translated(tr) or not text.startswith(own):
        return text
    msgid = " ".join(own.split())
    translated = tr.gettext(msgid) if msgid else ""
    help_text = translated if translated != msgid else own
    return help_text + _extras(text[len(own) :], tr)


def _shorten(text: str, limit: int) -> str:
    """The first sentence of ``text``, or as many words as fit with ``...`` (as click cuts).

    >>> _shorten("Merge the templates into every catalog, keeping translators' work.", 40)
    'Merge the templates into every...'
    """
    words = text.split()
    length = 0
    for i, word in enumerate(words):
        length += len(word) + (i > 0)
        if length > limit:
            break
        if word.endswith("."):
            return " ".join(words[: i + 1])
    else:
        return " ".join(words)
    kept = words[:i]
    while kept and len(" ".join(kept)) + 3 > limit:
        kept.pop()
    return " ".join(kept) + "..."


def _format_usage(command: Any, ctx: Any, formatter: Any) -> None:
    pieces = command.collect_usage_pieces(ctx)
    formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=current().gettext("Usage: "))


def _format_help_text(command: Any, formatter: Any) -> bool:
    """Write the command's description translated; False (nothing written) in English."""
    tr = current()
    if not _translated(tr) or not command.help:
        return False
    wrap = formatter.write_text  # the formatter's wrapped paragraphs, not a file write
    formatter.write_paragraph()
    with formatter.indentation():
        wrap(_description(command.help.partition("\f")[0], tr))
    return True


def _format_params(command: Any, ctx: Any, formatter: Any) -> None:
    """The argument and option tables (as typer writes them), translated."""
    tr = current()
    tables: dict[str, list[tuple[str, str]]] = {"argument": [], "option": []}
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record is not None and param.param_type_name in tables:
            name, text = record
            tables[param.param_type_name].append((name, _row(param, text, tr)))
    for kind, heading in (("argument", "Arguments"), ("option", "Options")):
        if tables[kind]:
            with formatter.section(tr.gettext(heading)):
                formatter.write_dl(tables[kind])


class Context(typer.Context):
    """typer's context, with its usage errors ("No such command 'x'.") translated."""

    def fail(self, message: str) -> NoReturn:
        super().fail(localize_message(message, patterns=HELP_SCREEN))


class Command(TyperCommand):
    """A command whose help screen is in the user's language."""

    context_class = Context

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        _format_usage(self, ctx, formatter)

    def format_help_text(self, ctx: Any, formatter: Any) -> None:
        if not _format_help_text(self, formatter):
            super().format_help_text(ctx, formatter)

    def format_options(self, ctx: Any, formatter: Any) -> None:
        _format_params(self, ctx, formatter)


class Group(TyperGroup):
    """The command group, with its help screen and command list in the user's language."""

    context_class = Context

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        _format_usage(self, ctx, formatter)

    def format_help_text(self, ctx: Any, formatter: Any) -> None:
        if not _format_help_text(self, formatter):
            super().format_help_text(ctx, formatter)

    def format_options(self, ctx: Any, formatter: Any) -> None:
        _format_params(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        tr = current()
        if not _translated(tr):
            super().format_commands(ctx, formatter)
            return
        commands = [
            (name, command)
            for name in self.list_commands(ctx)
            if (command := self.get_command(ctx, name)) is not None and not command.hidden
        ]
        if not commands:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in commands)
        rows = [
            (name, _shorten(_paragraph(paragraphs(command.help)[0], tr), limit))
            if command.help
            else (name, "")
            for name, command in commands
        ]
        with formatter.section(tr.gettext("Commands")):
            formatter.write_dl(rows)


def _walk(command: Any, path: str) -> Iterator[tuple[str, str]]:
    if command.help:
        for paragraph in paragraphs(command.help):
            if not paragraph.startswith(_EXAMPLE):
                yield paragraph, f"{path} --help"
    for param in command.params:
        help_text = getattr(param, "help", None)
        if help_text and param.name not in _TYPER_OPTIONS:
            yield " ".join(help_text.split()), f"{path} {param.opts[0]}"
    commands = getattr(command, "commands", {})
    for name in sorted(commands):
        yield from _walk(commands[name], f"{path} {name}")


def cli_help_messages(root: Any) -> list[tuple[str, str]]:
    """``(msgid, where)`` of every help text under the click command ``root``, for the template."""
    return [(_EXAMPLE, "i18nnews --help"), *_walk(root, "i18nnews")]

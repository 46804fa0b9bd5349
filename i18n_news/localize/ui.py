"""The toolkit's own messages in the user's language (gettext domain ``i18nnews``).

Catalogs ship in the package as ``i18n_news/localize/locales/<lang>/LC_MESSAGES/i18nnews.po``
and are compiled in memory with :func:`i18n_news.catalogs.mofile.to_mo`, so no ``.mo``
file or ``compile`` step is needed. The language comes from ``LC_ALL``, then
``LC_MESSAGES``, then ``LANG`` (``LANGUAGE`` first, as GNU gettext does, when
one of those is set); English, ``C`` and ``POSIX`` leave every message as written.
"""

from __future__ import annotations

import functools
import gettext
import io
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["DOMAIN", "LOCALE_DIR", "_", "available", "ngettext", "translations", "ui_language"]

DOMAIN = "i18nnews"
LOCALE_DIR = Path(__file__).resolve().parent / "locales"


def available() -> list[str]:
    """Languages with a shipped catalog (``["ar", "es"]``)."""
    if not LOCALE_DIR.is_dir():
        return []
    return sorted(
        p.name for p in LOCALE_DIR.iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()
    )


def _language_of(value: str) -> str | None:
    """``ar_LB.UTF-8`` → ``ar``; ``C``/``POSIX``/empty → ``None``."""
    value = value.split(".", 1)[0].split("@", 1)[0].strip()
    if not value or value in ("C", "POSIX"):
        return None
    return value.replace("-", "_").split("_", 1)[0].lower()


def ui_language(environ: Mapping[str, str] | None = None) -> str:
    """The language of the CLI's messages, from the environment (``en`` by default).

    >>> ui_language({"LANG": "ar_LB.UTF-8"})
    'ar'
    >>> ui_language({"LC_ALL": "es_ES.UTF-8", "LANG": "ar_LB.UTF-8"})
    'es'
    >>> ui_language({"LC_ALL": "C", "LANG": "ar_LB.UTF-8"})
    'en'
    """
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if not value:
            continue
        if _language_of(value) is None:  # C/POSIX: untranslated, like GNU gettext
            return "en"
        for candidate in [*env.get("LANGUAGE", "").split(":"), value]:
            lang = _language_of(candidate) if candidate else None
            if lang is not None:
                return lang
    return "en"


@functools.lru_cache(maxsize=8)
def translations(lang: str) -> gettext.NullTranslations:
    """The ``i18nnews`` catalog of ``lang`` compiled in memory; English passes through."""
    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if lang == "en" or not path.is_file():
        return gettext.NullTranslations()
    from i18n_news.catalogs.mofile import to_mo
    from i18n_news.catalogs.reader import read_po

    return gettext.GNUTranslations(io.BytesIO(to_mo(read_po(path))))


def _current() -> gettext.NullTranslations:
    return translations(ui_language())


def _(message: str) -> str:
    """``message`` in the user's language."""
    return _current().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The plural form of ``n`` in the user's language (six forms in Arabic)."""
    return _current().ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark ``message`` for extraction only; it is translated where it is shown."""
    return message


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

# Messages of configuration and input errors, as raised in the code (``{…}``
# stands for the variable part); the CLI prints them translated.
ERRORS = (
    N_("error: {message}"),
    N_("file not found"),
    N_("unknown key '{key}' (allowed here: {allowed})"),
    N_("missing required key '{key}'"),
    N_("invalid TOML: {detail}"),
    N_("no [tool.i18nnews] table"),
    N_("not valid UTF-8"),
    N_("is a directory, expected a TOML file"),
    N_("cannot read: {reason}"),
    N_("no such file or folder"),
    N_("'site_url' must be an http(s) URL"),
    N_("'editions' must be a table with at least one edition"),
    N_("'source_edition' must be a string"),
    N_("editions.{code}.direction must be 'ltr' or 'rtl'"),
    N_("unknown edition '{code}' (configured: {editions})"),
    N_("--lang: unknown edition '{code}' (configured: {editions})"),
    N_("--now: not an ISO-8601 instant: {value}"),
    N_("no i18nnews.toml or pyproject.toml with [tool.i18nnews] found here or above"),
)


def _paragraphs(text: str) -> list[str]:
    import inspect
    import re

    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", inspect.cleandoc(text)) if p.strip()]


def _translate_paragraph(tr: gettext.NullTranslations, paragraph: str) -> str:
    if paragraph.startswith("Example:"):
        return tr.gettext("Example:") + paragraph[len("Example:") :]
    return tr.gettext(paragraph)


def cli_help_messages() -> list[tuple[str, str]]:
    """``(msgid, where)`` of every help text of the CLI, for the template."""
    import typer.main

    from i18n_news.cli.app import app

    out: list[tuple[str, str]] = [("Example:", "i18nnews --help")]

    def visit(command: Any, path: str) -> None:
        if command.help:
            for paragraph in _paragraphs(command.help):
                if not paragraph.startswith("Example:"):
                    out.append((paragraph, f"{path} --help"))
        for param in command.params:
            help_text = getattr(param, "help", None)
            if help_text and param.name not in ("install_completion", "show_completion", "help"):
                out.append((" ".join(help_text.split()), f"{path} {param.opts[0]}"))
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            visit(sub, f"{path} {name}")

    visit(typer.main.get_command(app), "i18nnews")
    return out


def localize_command(command: Any, tr: gettext.NullTranslations | None = None) -> None:
    """Translate the help texts of a click command tree in place, and typer's headings."""
    tr = tr or _current()
    if isinstance(tr, gettext.GNUTranslations):
        _localize_help_screen(tr)
    original = command.get_help_option

    def get_help_option(ctx: Any) -> Any:
        option = original(ctx)
        if option is not None and option.help:
            option.help = tr.gettext(option.help)
        return option

    command.get_help_option = get_help_option
    if command.help:
        command.help = "\n\n".join(_translate_paragraph(tr, p) for p in _paragraphs(command.help))
    for param in command.params:
        help_text = getattr(param, "help", None)
        if help_text:
            plain = " ".join(help_text.split())
            translated = tr.gettext(plain)
            if translated != plain:
                param.help = translated
    for sub in getattr(command, "commands", {}).values():
        localize_command(sub, tr)


def _localize_help_screen(tr: gettext.NullTranslations) -> None:
    """typer's own headings (Options, Commands, default: …) and the usage prefix."""
    import typer.core
    from typer._click import formatting

    typer.core._ = tr.gettext  # type: ignore[attr-defined]
    write_usage = formatting.HelpFormatter.write_usage
    if getattr(write_usage, "__i18nnews__", False):
        return

    def localized_write_usage(
        self: Any, prog: str, args: str = "", prefix: str | None = None
    ) -> None:
        write_usage(self, prog, args, tr.gettext("Usage: ") if prefix is None else prefix)

    localized_write_usage.__i18nnews__ = True  # type: ignore[attr-defined]
    formatting.HelpFormatter.write_usage = localized_write_usage  # type: ignore[method-assign]


def localize_message(message: str, tr: gettext.NullTranslations | None = None) -> str:
    """An English error message in the user's language, when its pattern is known.

    >>> import gettext
    >>> localize_message("file not found", gettext.NullTranslations())
    'file not found'
    """
    import re

    tr = tr or _current()
    if not isinstance(tr, gettext.GNUTranslations):
        return message
    for pattern in ERRORS:
        regex = ""
        for i, part in enumerate(re.split(r"\{(\w+)(?:![rs])?\}", pattern)):
            regex += f"(?P<{part}>.+?)" if i % 2 else re.escape(part)
        match = re.fullmatch(regex, message, re.S)
        if match is None:
            continue
        translated = tr.gettext(pattern)
        if translated == pattern:
            return message
        try:
            return re.sub(r"\{(\w+)(?:![rs])?\}", functools.partial(_fill, match), translated)
        except (IndexError, re.error):
            return message
    return message


def _fill(found: Any, placeholder: Any) -> str:
    return str(found.group(placeholder.group(1)))


def localize_error(exc: BaseException) -> str:
    """``path:line: message`` (or ``error: message``) of an I18nNewsError, translated."""
    path = getattr(exc, "path", None)
    line = getattr(exc, "line", None)
    message = localize_message(getattr(exc, "message", str(exc)))
    if path and line:
        return f"{path}:{line}: {message}"
    if path:
        return f"{path}: {message}"
    return _("error: {message}").format(message=message)


def run_app(app: Any) -> Any:
    """Run the typer ``app`` with its help texts in the user's language.

    English runs the app exactly as typer does; another language builds the
    click command, translates it (:func:`localize_command`) and runs that.
    """
    tr = _current()
    if not isinstance(tr, gettext.GNUTranslations):
        return app()
    import typer.main

    command = typer.main.get_command(app)
    localize_command(command, tr)
    return command()

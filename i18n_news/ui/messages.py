"""The toolkit's own messages in the user's language (gettext domain ``i18nnews``).

Catalogs ship in the package as ``i18n_news/ui/locales/<lang>/LC_MESSAGES/i18nnews.po``
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
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = [
    "DOMAIN",
    "ERRORS",
    "LOCALE_DIR",
    "N_",
    "_",
    "available",
    "current",
    "localize_error",
    "localize_message",
    "ngettext",
    "translations",
    "ui_language",
]

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


def current() -> gettext.NullTranslations:
    """The catalog of the user's language (:func:`ui_language`)."""
    return translations(ui_language())


def _(message: str) -> str:
    """``message`` in the user's language."""
    return current().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The plural form of ``n`` in the user's language (six forms in Arabic)."""
    return current().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction only; it is translated where it is shown."""
    return message


# Messages of configuration and input errors, as raised in the code (``{…}``
# stands for the variable part); the CLI prints them translated.
ERRORS = (
    N_("error: {message}"),
    N_("file not found"),
    N_("unknown key '{key}' (allowed here: {allowed})"),
    N_("unknown key '{key}'; did you mean '{hint}'? (allowed here: {allowed})"),
    N_("missing required key '{key}'"),
    N_("invalid TOML: {detail}"),
    N_("no [tool.i18nnews] table"),
    N_("not valid UTF-8"),
    N_("is a directory, expected a configuration file"),
    N_("cannot read: {reason}"),
    N_("no such file or folder"),
    N_("'{key}' must be an http(s) URL"),
    N_("'{key}' must be a table with at least one edition"),
    N_("'{key}' must be a string"),
    N_("{key}.direction must be 'ltr' or 'rtl'"),
    N_("unknown edition '{code}' (configured: {editions})"),
    N_("--lang: unknown edition '{code}' (configured: {editions})"),
    N_("--now: not an ISO-8601 instant: {value}"),
    N_("no i18nnews.toml or pyproject.toml with [tool.i18nnews] found here or above"),
)


def localize_message(
    message: str,
    tr: gettext.NullTranslations | None = None,
    patterns: Sequence[str] = ERRORS,
) -> str:
    """An English message in the user's language, when one of ``patterns`` matches it.

    A pattern is a msgid whose ``{name}`` fields stand for the variable parts,
    which are carried over into the translation.

    >>> import gettext
    >>> localize_message("file not found", gettext.NullTranslations())
    'file not found'
    """
    import re

    tr = tr or current()
    if not isinstance(tr, gettext.GNUTranslations):
        return message
    for pattern in patterns:
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

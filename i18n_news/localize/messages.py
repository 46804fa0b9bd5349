"""Translated messages with their placeholders filled in the edition's digits.

Theme strings use newstyle gettext (``_("By %(author)s", author=…)``,
``ngettext("%(num)d Share", "%(num)d Shares", n)``). The translation comes
from the catalog, the plural form from its Plural-Forms (six in Arabic);
this module fills the placeholders so that ``%(num)d`` prints ``٢`` in the
Arabic edition, while the translator's own text ("COVID-19") is never
touched.
"""

from __future__ import annotations

import gettext as _gettext
import re
from collections.abc import Mapping
from typing import Protocol

from i18n_news.localize.numbers import format_printf_number
from i18n_news.model import Edition

__all__ = ["Translations", "format_plural", "interpolate", "localize_format"]


class Translations(Protocol):
    """The part of :class:`gettext.NullTranslations` this module uses."""

    def gettext(self, message: str, /) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...


_PLACEHOLDER = re.compile(
    r"%(?:\((?P<key>[^()]*)\))?(?P<spec>[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?)"
    r"(?P<conv>[diouxXeEfFgGcrsa%])"
)


def localize_format(
    message: str, variables: Mapping[str, object], edition: Edition
) -> tuple[str, dict[str, object]]:
    """Rewrite ``%(num)d``-style placeholders so numbers print in the edition's digits.

    Returns a format string and a mapping for Python's ``%``: numeric
    placeholders become ``%(…)s`` over pre-rendered text, everything else is
    untouched so ``%`` (or ``Markup.__mod__``, which escapes) keeps its usual
    semantics and errors. Only the values are shaped, never the translation:
    a translator's own digits ("COVID-19") stay as written.
    """
    values: dict[str, object] = dict(variables)
    pieces: list[str] = []
    last = 0
    for index, match in enumerate(_PLACEHOLDER.finditer(message)):
        key = match.group("key")
        if key is None or key not in variables:
            continue
        text = format_printf_number(
            variables[key], match.group("spec"), match.group("conv"), edition
        )
        if text is None:
            continue
        name = f"\x1fi18n_news{index}"
        values[name] = text
        pieces.append(message[last : match.start()])
        pieces.append(f"%({name})s")
        last = match.end()
    if not pieces:
        return message, values
    pieces.append(message[last:])
    return "".join(pieces), values


def interpolate(message: str, variables: Mapping[str, object], edition: Edition) -> str:
    """``message % variables`` with numbers in the edition's digits.

    >>> ar = Edition("ar", "ar_LB", "عربي", "rtl", "arab")
    >>> interpolate("COVID-19: %(num)d Shares", {"num": 12}, ar)
    'COVID-19: ١٢ Shares'
    """
    fmt, values = localize_format(message, variables, edition)
    return fmt % values


def format_plural(
    translations: Translations | _gettext.NullTranslations,
    singular: str,
    plural: str,
    n: int,
    edition: Edition,
    **variables: object,
) -> str:
    """The catalog's plural form for ``n``, formatted newstyle (``num`` = ``n``).

    The form is chosen by the catalog's Plural-Forms (``check`` holds it to
    the canonical header, six forms in Arabic); ``%(num)d`` prints in the
    edition's digits.
    """
    variables.setdefault("num", n)
    return interpolate(translations.ngettext(singular, plural, n), variables, edition)

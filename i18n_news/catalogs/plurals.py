"""Plural rules: CLDR form index, canonical Plural-Forms headers, equivalence.

Babel's ``get_plural('ar')`` (2.18) writes a formula whose forms 4 and 5 are
swapped (babel issue 816), which would put every Arabic translation for 11..99
into the slot for 100..102. We therefore keep our own canonical headers, taken
from GNU gettext's manual, and judge any header by evaluating it, not by
comparing text.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable
from functools import lru_cache

from babel import Locale
from babel.messages.plurals import get_plural

#: Range over which two formulas must agree to be called equivalent.
EQUIVALENCE_RANGE = range(0, 1001)

#: CLDR plural categories in gettext form order, per language. Arabic's six
#: forms follow GNU gettext: zero, one, two, few, many, other.
_CATEGORY_ORDER: dict[str, tuple[str, ...]] = {
    "ar": ("zero", "one", "two", "few", "many", "other"),
    "en": ("one", "other"),
    "es": ("one", "other"),
}

#: The header ``init`` writes, per language.
CANONICAL: dict[str, str] = {
    "ar": (
        "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
        "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"
    ),
    "en": "nplurals=2; plural=(n != 1);",
    "es": "nplurals=2; plural=(n != 1);",
}

#: Further headers ``check`` accepts as correct (CLDR's three Spanish forms).
ALTERNATIVES: dict[str, tuple[str, ...]] = {
    "es": ("nplurals=3; plural=(n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2);",),
}

_HEADER_RE = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$", re.S)


class PluralFormsError(ValueError):
    """A Plural-Forms header that cannot be parsed or evaluated."""


def base_language(locale: str) -> str:
    return locale.replace("-", "_").split("_")[0].lower()


@lru_cache(maxsize=64)
def parse_header(header: str) -> tuple[int, Callable[[int], int]]:
    """Return ``(nplurals, plural)`` for a Plural-Forms value.

    >>> n, f = parse_header("nplurals=2; plural=(n != 1);")
    >>> n, f(1), f(5)
    (2, 0, 1)
    """
    match = _HEADER_RE.match(header)
    if not match:
        raise PluralFormsError(f"malformed Plural-Forms {header!r}")
    try:
        func = gettext.c2py(match.group(2))
    except (ValueError, SyntaxError) as exc:
        raise PluralFormsError(f"bad plural expression {match.group(2)!r}: {exc}") from None
    return int(match.group(1)), func


@lru_cache(maxsize=64)
def _locale(language: str) -> Locale:
    return Locale.parse(language)


def cldr_category(language: str, n: int) -> str:
    """CLDR plural category (``zero``, ``one``, ``few``…) of ``n`` for ``language``."""
    return _locale(base_language(language)).plural_form(n)


def plural_index(language: str, n: int) -> int:
    """Index of the gettext form for ``n`` under the canonical header of ``language``."""
    lang = base_language(language)
    if lang in CANONICAL:
        return parse_header(CANONICAL[lang])[1](n)
    return cldr_index(lang, n)


def cldr_index(language: str, n: int) -> int:
    """Form index for ``n`` derived from CLDR categories in gettext order."""
    lang = base_language(language)
    locale = _locale(lang)
    order = _CATEGORY_ORDER.get(lang) or _cldr_order(locale)
    category = locale.plural_form(n)
    return order.index(category) if category in order else len(order) - 1


def _cldr_order(locale: Locale) -> tuple[str, ...]:
    # Fallback order for languages without a reviewed table: CLDR's canonical order.
    canonical = ("zero", "one", "two", "few", "many", "other")
    tags = set(locale.plural_form.tags) | {"other"}
    return tuple(c for c in canonical if c in tags)


def canonical_header(language: str) -> str:
    """The Plural-Forms ``init`` writes.

    Reviewed headers first; other languages take Babel's table, which is right
    for them (only its Arabic entry is known to be wrong).
    """
    lang = base_language(language)
    if lang in CANONICAL:
        return CANONICAL[lang]
    plural = get_plural(lang)
    expr = plural.plural_expr
    if not (expr.startswith("(") and expr.endswith(")")):
        expr = f"({expr})"
    return f"nplurals={plural.num_plurals}; plural={expr};"


def accepted_headers(language: str) -> tuple[str, ...]:
    lang = base_language(language)
    return (canonical_header(lang), *ALTERNATIVES.get(lang, ()))


def equivalent(a: str, b: str, numbers: range = EQUIVALENCE_RANGE) -> bool:
    """True when two Plural-Forms headers pick the same form for every ``n`` in ``numbers``."""
    try:
        na, fa = parse_header(a)
        nb, fb = parse_header(b)
    except PluralFormsError:
        return False
    if na != nb:
        return False
    try:
        return all(fa(n) == fb(n) for n in numbers)
    except (ArithmeticError, ValueError):
        return False


def header_is_accepted(language: str, header: str) -> bool:
    """True when ``header`` is equivalent to one accepted for ``language`` (n = 0..1000)."""
    return any(equivalent(header, ok) for ok in accepted_headers(language))

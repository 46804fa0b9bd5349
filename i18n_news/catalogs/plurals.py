"""Plural rules: which Plural-Forms a catalog may carry, and which one ``init`` writes.

A header is judged by evaluating it, never by comparing text. For any locale
Babel knows, two formulas are accepted:

* **CLDR's**, the categories of ``Locale.plural_form`` (Babel's CLDR data)
  in gettext form order (zero, one, two, few, many, other). gettext only ever
  passes whole numbers, so a category no whole number reaches (Russian
  "other", used for 1.5) is not a form; a header that keeps it as a last,
  unused form (as CLDR-based tools write) is accepted too.
* **GNU gettext's** documented formula for the language: the table ``msginit``
  uses (gettext-tools ``plural-table.c``) and the manual's Arabic.

``init`` writes CLDR's (as GNU's text where the two agree, since tools know
that text), except for the reviewed headers of :data:`CANONICAL`. Babel's
older ``babel.messages.plurals`` table is not used: it is wrong for Hebrew,
Persian and others, and its Arabic entry swaps forms 4 and 5 (babel issue
816), which would put every Arabic translation for 11..99 into the slot for
100..102.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from babel import Locale, UnknownLocaleError

__all__ = [
    "CANONICAL",
    "CLDR_ORDER",
    "EQUIVALENCE_RANGE",
    "GNU",
    "LARGE_NUMBERS",
    "Formula",
    "PluralFormsError",
    "accepted_formulas",
    "accepted_headers",
    "base_language",
    "canonical_header",
    "cldr_categories",
    "cldr_category",
    "cldr_header",
    "cldr_index",
    "equivalent",
    "first_difference",
    "gnu_header",
    "header_is_accepted",
    "parse_header",
    "plural_index",
    "refusal",
]

#: Range over which two formulas must agree to be called equivalent.
EQUIVALENCE_RANGE = range(0, 1001)
#: Counts past 1000 where CLDR still tells forms apart (French, Spanish, Italian
#: and Portuguese "many": un million de lecteurs); compared too.
LARGE_NUMBERS = (10_000, 100_000, 1_000_000, 1_000_001, 2_000_000, 10_000_000, 1_000_000_000)
#: CLDR's plural categories in the order of gettext's forms.
CLDR_ORDER = ("zero", "one", "two", "few", "many", "other")

#: Reviewed headers ``init`` writes instead of CLDR's. Arabic is CLDR's and
#: GNU's six forms; English and Spanish keep GNU's two forms, which the sample
#: newsroom's catalogs use (CLDR's third Spanish form, for millions, is accepted).
CANONICAL: dict[str, str] = {
    "ar": (
        "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
        "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"
    ),
    "en": "nplurals=2; plural=(n != 1);",
    "es": "nplurals=2; plural=(n != 1);",
}

_RU = "n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2"
_TWO_FORMS = "en de nl sv da no nb nn fo es pt it bg el fi et he eo hu tr ca"
#: GNU gettext's documented formulas: msginit's table (gettext-tools
#: ``plural-table.c``) and the manual's Arabic ("Plural forms" node).
GNU: dict[str, str] = {
    **dict.fromkeys(("ja", "vi", "ko"), "nplurals=1; plural=0;"),
    **dict.fromkeys(_TWO_FORMS.split(), "nplurals=2; plural=(n != 1);"),
    "pt_BR": "nplurals=2; plural=(n > 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "lv": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);",
    "ga": "nplurals=3; plural=(n==1 ? 0 : n==2 ? 1 : 2);",
    "ro": "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);",
    "lt": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
    "n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2);",
    **dict.fromkeys(("ru", "uk", "be", "sr", "hr"), f"nplurals=3; plural=({_RU});"),
    **dict.fromkeys(("cs", "sk"), "nplurals=3; plural=((n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2);"),
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "sl": "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);",
    "ar": CANONICAL["ar"],
}

_HEADER_RE = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$", re.S)


class PluralFormsError(ValueError):
    """A Plural-Forms header that cannot be parsed or evaluated."""


@dataclass(frozen=True)
class Formula:
    """One accepted Plural-Forms: the header, who documents it, and the category of each form."""

    header: str
    origin: str  # "CLDR", "GNU gettext", "reviewed"
    categories: tuple[str, ...] = ()

    def describe(self) -> str:
        names = f" ({', '.join(self.categories)})" if self.categories else ""
        return f"{self.origin}'s {self.header!r}{names}"


def base_language(locale: str) -> str:
    """``pt-BR``, ``ar_LB`` → ``pt``, ``ar``."""
    return locale.replace("-", "_").split("_")[0].lower()


def _normal(locale: str) -> str:
    parts = locale.replace("-", "_").split("_")
    return "_".join([parts[0].lower(), *parts[1:]])


@lru_cache(maxsize=256)
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


_NUMBERS = (*EQUIVALENCE_RANGE, *LARGE_NUMBERS)


# --------------------------------------------------------------------------
# CLDR
# --------------------------------------------------------------------------


@lru_cache(maxsize=256)
def _locale(locale: str) -> Locale | None:
    try:
        return Locale.parse(_normal(locale))
    except (UnknownLocaleError, ValueError, TypeError):
        try:
            return Locale.parse(base_language(locale))
        except (UnknownLocaleError, ValueError, TypeError):
            return None


def cldr_category(locale: str, n: int) -> str:
    """CLDR plural category (``zero``, ``one``, ``few``…) of ``n`` for ``locale``."""
    loc = _locale(locale)
    return loc.plural_form(n) if loc is not None else "other"


@lru_cache(maxsize=256)
def cldr_categories(locale: str, *, whole_numbers: bool = True) -> tuple[str, ...]:
    """CLDR's categories of ``locale`` in gettext form order.

    With ``whole_numbers`` (what ``init`` writes), only the categories some
    whole number reaches: gettext passes no fractions.

    >>> cldr_categories("ru"), cldr_categories("ru", whole_numbers=False)
    (('one', 'few', 'many'), ('one', 'few', 'many', 'other'))
    """
    loc = _locale(locale)
    if loc is None:
        return ("other",)
    used = set(_cldr_sequence(locale)) if whole_numbers else {*loc.plural_form.tags, "other"}
    return tuple(c for c in CLDR_ORDER if c in used)


@lru_cache(maxsize=256)
def _cldr_sequence(locale: str) -> tuple[str, ...]:
    """CLDR's category of each number compared (n = 0..1000, then :data:`LARGE_NUMBERS`)."""
    loc = _locale(locale)
    if loc is None:
        return ("other",) * len(_NUMBERS)
    return tuple(loc.plural_form(n) for n in _NUMBERS)


def cldr_index(locale: str, n: int) -> int:
    """The form CLDR gives ``n`` in ``locale`` (whole-number categories, gettext order)."""
    categories = cldr_categories(locale)
    category = cldr_category(locale, n)
    return categories.index(category) if category in categories else len(categories) - 1


@lru_cache(maxsize=256)
def cldr_header(locale: str) -> str:
    """CLDR's rule for ``locale`` as a Plural-Forms header (GNU's text where they agree).

    >>> cldr_header("he")
    'nplurals=3; plural=(n==1 ? 0 : n==2 ? 1 : 2);'
    >>> cldr_header("cy")
    'nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n==3 ? 3 : n==6 ? 4 : 5);'
    """
    categories = cldr_categories(locale)
    for known in dict.fromkeys(GNU.values()):  # a text translators and tools already know
        if _agrees(known, categories, locale):
            return known
    return _generated(locale, categories)


def _generated(locale: str, forms: tuple[str, ...]) -> str:
    """A header whose form ``i`` is category ``forms[i]``, from CLDR's rules for whole numbers.

    A chain of conditions over the categories whole numbers reach, the last
    one (usually "other") as the default.
    """
    whole = cldr_categories(locale)
    loc = _locale(locale)
    if loc is None or len(forms) == 1:
        return "nplurals=1; plural=0;"
    rules = dict(loc.plural_form.abstract)
    chain = "".join(f"{_condition(rules[c])} ? {forms.index(c)} : " for c in whole[:-1])
    return f"nplurals={len(forms)}; plural=({chain}{forms.index(whole[-1])});"


def _agrees(header: str, categories: tuple[str, ...], locale: str) -> bool:
    """Whether ``header`` has one form per category and gives each number CLDR's category."""
    try:
        nplurals, func = parse_header(header)
        if nplurals != len(categories):
            return False
        for n, category in zip(_NUMBERS, _cldr_sequence(locale), strict=True):
            form = func(n)
            if not 0 <= form < nplurals or categories[form] != category:
                return False
    except (PluralFormsError, ArithmeticError, ValueError, RecursionError):
        return False
    return True


# A tiny compiler from Babel's CLDR rule tree to a C expression for whole
# numbers: operand i is n, and v, w, f, t, c, e (fraction digits, exponent)
# are 0, so their relations fold to constants. An expression is a bool
# (folded) or ``(text, level)`` with level 1 = ||, 2 = &&, 3 = a comparison.
_Expr = bool | tuple[str, int]
_ZERO_OPERANDS = frozenset("vwftce")


def _operand(node: Any) -> int | str:
    op, args = node
    if op in ("n", "i"):
        return "n"
    if op in _ZERO_OPERANDS:
        return 0
    if op == "value":
        return int(args[0])
    if op == "mod":
        left, right = (_operand(a) for a in args)
        if isinstance(left, int) and isinstance(right, int):
            return left % right
        return f"{left}%{right}"
    raise PluralFormsError(f"unsupported CLDR operand {op!r}")


def _join(parts: list[_Expr], op: str) -> _Expr:
    """``parts`` joined by ``&&`` or ``||``, constants folded."""
    level = 2 if op == "&&" else 1
    absorbing = op == "||"  # True absorbs an OR, False absorbs an AND
    texts = []
    for part in parts:
        if isinstance(part, bool):
            if part is absorbing:
                return absorbing
            continue
        text, part_level = part
        texts.append(f"({text})" if part_level < level else text)
    if not texts:
        return not absorbing
    if len(texts) == 1:
        return next(p for p in parts if not isinstance(p, bool))
    return (f" {op} ".join(texts), level)


def _relation(expr: Any, ranges: Any, negated: bool) -> _Expr:
    operand = _operand(expr)
    bounds: list[tuple[int, int]] = []
    for lo, hi in sorted((int(a[1][0]), int(b[1][0])) for a, b in ranges[1]):
        if bounds and lo <= bounds[-1][1] + 1:  # 0,1 is 0..1: one comparison
            bounds[-1] = (bounds[-1][0], max(hi, bounds[-1][1]))
        else:
            bounds.append((lo, hi))
    if isinstance(operand, int):
        return any(lo <= operand <= hi for lo, hi in bounds) != negated
    parts: list[_Expr] = []
    for lo, hi in bounds:
        if lo == hi:
            parts.append((f"{operand}{'!=' if negated else '=='}{lo}", 3))
        elif lo == 0:
            parts.append((f"{operand}{'>' if negated else '<='}{hi}", 3))
        elif negated:
            parts.append((f"{operand}<{lo} || {operand}>{hi}", 1))
        else:
            parts.append((f"{operand}>={lo} && {operand}<={hi}", 2))
    return _join(parts, "&&" if negated else "||")


def _compile(node: Any, negated: bool = False) -> _Expr:
    op, args = node
    if op == "relation":
        _method, expr, ranges = args
        return _relation(expr, ranges, negated)
    if op == "not":
        return _compile(args[0], not negated)
    if op in ("and", "or"):
        # De Morgan under a negation, so a "not" never reaches the text.
        joined = "&&" if (op == "and") != negated else "||"
        return _join([_compile(a, negated) for a in args], joined)
    raise PluralFormsError(f"unsupported CLDR rule {op!r}")


def _condition(node: Any) -> str:
    expr = _compile(node)
    if isinstance(expr, bool):
        return "1" if expr else "0"
    return expr[0]


# --------------------------------------------------------------------------
# GNU gettext, and what is accepted
# --------------------------------------------------------------------------


def gnu_header(locale: str) -> str | None:
    """GNU gettext's documented formula for ``locale`` (``pt_BR``, else ``pt``), if any."""
    return GNU.get(_normal(locale)) or GNU.get(base_language(locale))


@lru_cache(maxsize=256)
def accepted_formulas(locale: str) -> tuple[Formula, ...]:
    """Every formula ``check`` accepts for ``locale``, the one ``init`` writes first."""
    lang = base_language(locale)
    formulas: list[Formula] = []
    if lang in CANONICAL:
        formulas.append(Formula(CANONICAL[lang], "reviewed"))
    whole = cldr_categories(locale)
    formulas.append(Formula(cldr_header(locale), "CLDR", whole))
    every = cldr_categories(locale, whole_numbers=False)
    if every != whole:
        formulas.append(Formula(_generated(locale, every), "CLDR", every))
    gnu = gnu_header(locale)
    if gnu is not None:
        formulas.append(Formula(gnu, "GNU gettext"))
    unique: list[Formula] = []
    for formula in formulas:  # keep each rule once, under its first name
        same = next((u for u in unique if equivalent(u.header, formula.header)), None)
        if same is None:
            unique.append(formula)
        elif formula.origin not in same.origin:  # one rule, documented by both
            origin = (
                formula.origin
                if same.origin == "reviewed"
                else f"{same.origin} and {formula.origin}"
            )
            categories = same.categories or formula.categories
            unique[unique.index(same)] = Formula(same.header, origin, categories)
    return tuple(unique)


def accepted_headers(locale: str) -> tuple[str, ...]:
    """The headers of :func:`accepted_formulas`."""
    return tuple(f.header for f in accepted_formulas(locale))


def canonical_header(locale: str) -> str:
    """The Plural-Forms ``init`` writes: the reviewed header, else CLDR's."""
    return accepted_formulas(locale)[0].header


def plural_index(locale: str, n: int) -> int:
    """Index of the gettext form for ``n`` under the header ``init`` writes for ``locale``."""
    return parse_header(canonical_header(locale))[1](n)


def equivalent(a: str, b: str, numbers: Iterable[int] | None = None) -> bool:
    """True when two Plural-Forms headers pick the same form for every ``n`` in ``numbers``.

    By default n = 0..1000 and :data:`LARGE_NUMBERS`.
    """
    return first_difference(a, b, numbers) is None and _parses(a) and _parses(b)


def _parses(header: str) -> bool:
    try:
        parse_header(header)
    except PluralFormsError:
        return False
    return True


def first_difference(a: str, b: str, numbers: Iterable[int] | None = None) -> int | None:
    """The first ``n`` two headers send to different forms (-1: unusable or other nplurals)."""
    try:
        na, fa = parse_header(a)
        nb, fb = parse_header(b)
    except PluralFormsError:
        return -1
    if na != nb:
        return -1
    try:
        for n in _NUMBERS if numbers is None else numbers:
            if fa(n) != fb(n):
                return n
    except (ArithmeticError, ValueError, RecursionError):
        return -1
    return None


@lru_cache(maxsize=1024)
def header_is_accepted(locale: str, header: str) -> bool:
    """True when ``header`` is equivalent to a formula accepted for ``locale``."""
    formulas = accepted_formulas(locale)
    return any(_matches(header, f, locale) for f in formulas)


def _matches(header: str, formula: Formula, locale: str) -> bool:
    if formula.categories:
        return _agrees(header, formula.categories, locale)
    return equivalent(header, formula.header)


def refusal(locale: str, header: str) -> str:
    """Why ``header`` is refused for ``locale``: what it gets wrong and what is accepted.

    >>> print(refusal("he", "nplurals=2; plural=(n > 1);"))
    'nplurals=2; plural=(n > 1);' puts n=0 in form 0; accepted for 'he': \
CLDR's 'nplurals=3; plural=(n==1 ? 0 : n==2 ? 1 : 2);' (one, two, other) \
or GNU gettext's 'nplurals=2; plural=(n != 1);'
    """
    formulas = accepted_formulas(locale)
    accepted = " or ".join(f.describe() for f in formulas)
    try:
        nplurals, func = parse_header(header)
    except PluralFormsError as exc:
        return f"{exc}; accepted for '{locale}': {accepted}"
    problem = f"has nplurals={nplurals}"
    for formula in formulas:
        n = first_difference(header, formula.header)
        if n is not None and n >= 0:
            try:
                problem = f"puts n={n} in form {func(n)}"
            except (ArithmeticError, ValueError, RecursionError):
                problem = f"cannot be evaluated for n={n}"
            break
    return f"{header!r} {problem}; accepted for '{locale}': {accepted}"

"""Jinja2 filters and gettext callables that print values the edition's way.

:func:`install` gives a theme environment, for one edition:

=============  ==============================================================
``dateline``   ``{{ article.published|dateline }}`` → ``12 Dec 2024 23:53``
``listdate``   ``{{ item.published|listdate }}`` → ``19 Aug 2025``
``feeddate``   date with UTC offset for feeds
``isodate``    ``<time datetime="{{ a.published|isodate }}">`` (ASCII always)
``reldate``    ``3 hours ago`` / ``قبل ٣ ساعات`` relative to the build's *now*
``date``       any place by name: ``{{ d|date("list") }}``
``number``     ``1,234.5`` / ``١٬٢٣٤٫٥``
``integer``    a count: ``{{ n|integer }}``; ``{{ page|integer(False) }}`` ungrouped
``percent``    ``{{ 0.25|percent }}`` → ``25%`` / ``٢٥٪\u061c``
``digits``     shape the ASCII digits of any string (``{{ "2/3"|digits }}``)
``bdi``        ``{{ author|bdi }}``: ``<bdi>`` when it reads the other way
``isolate``    FSI…PDI for plain-text output (feed titles)
``label``      ``{{ key|label("section") }}``, also the global ``label(kind, key)``
=============  ==============================================================

plus the global ``label(kind, key)`` (``taxonomy_label``; the key itself
when none is given) and the newstyle gettext callables ``_``, ``gettext``,
``ngettext``, ``pgettext`` and ``npgettext``. They keep Jinja's newstyle semantics (as
``jinja2.ext._make_new_gettext``): the translation is always a ``%`` format
string, wrapped in ``Markup`` under autoescape so variables are escaped, and
``ngettext`` provides ``num``. One difference: numbers (``num`` and any
other ``int``/``float`` variable) print in the edition's digits, so
``ngettext("%(num)d Share", "%(num)d Shares", 2)`` reads ``٢`` in Arabic.
Installing also sets ``env.newstyle_gettext = True`` so ``{% trans %}``
blocks (with ``jinja2.ext.i18n`` loaded) call these with the same semantics.
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Protocol

from jinja2 import Environment, Undefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from i18n_news.errors import I18nNewsError
from i18n_news.localize.bidi import isolate_html, isolate_plain
from i18n_news.localize.dates import format_date
from i18n_news.localize.messages import localize_format
from i18n_news.localize.numbers import format_integer, format_number, format_percent, shape_digits
from i18n_news.model import Edition

__all__ = ["FILTER_NAMES", "GETTEXT_NAMES", "TranslationsLike", "install"]

#: Filters :func:`install` adds.
FILTER_NAMES: tuple[str, ...] = (
    "dateline",
    "listdate",
    "feeddate",
    "isodate",
    "reldate",
    "date",
    "number",
    "integer",
    "percent",
    "digits",
    "bdi",
    "isolate",
    "label",
)
#: Gettext globals :func:`install` adds (besides ``label``).
GETTEXT_NAMES: tuple[str, ...] = ("_", "gettext", "ngettext", "pgettext", "npgettext")


class TranslationsLike(Protocol):
    """The :class:`gettext.NullTranslations` interface (a ``GNUTranslations`` from a .mo)."""

    def gettext(self, message: str, /) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...

    def pgettext(self, context: str, message: str, /) -> str: ...

    def npgettext(self, context: str, singular: str, plural: str, n: int, /) -> str: ...


def _as_datetime(value: object) -> datetime | None:
    """Accept a datetime or an ISO-8601 string with offset; None/undefined print nothing."""
    if value is None or isinstance(value, Undefined):
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise I18nNewsError(f"not an ISO-8601 date: {value!r}") from None
    if not isinstance(value, datetime):
        raise I18nNewsError(f"not a date: {value!r}")
    return value


def _key_as_label(kind: str, key: str) -> str:
    """Without a taxonomy the key is the best label there is."""
    return key


def _format(
    context: Context,
    message: str,
    variables: dict[str, Any],
    edition: Edition,
    source: str | None = None,
) -> str | Markup:
    """Interpolate a translation; one whose placeholders are broken falls back to ``source``.

    A stray ``%`` or a misspelt ``%(name)s`` in a msgstr (reported by
    ``check`` as PO101) must not stop the build with a traceback: the page
    shows the source string instead, as gettext does for a missing one. A
    broken source string (a template bug) still raises, as Jinja does.
    """
    fmt, values = localize_format(message, variables, edition)
    try:
        if context.eval_ctx.autoescape:
            return Markup(fmt) % values
        return fmt % values
    except (TypeError, ValueError, KeyError):
        if source is None or source == message:
            raise  # the theme's own string is wrong: a template bug, as in Jinja
        return _format(context, source, variables, edition)


def install(
    env: Environment,
    edition: Edition,
    translations: TranslationsLike | _gettext.NullTranslations,
    *,
    now: datetime,
    taxonomy_label: Callable[[str, str], str] | None = None,
) -> None:
    """Add the edition's filters and gettext callables to ``env``.

    :param now: the build's clock for ``reldate`` and ``_this_year`` patterns;
        one value per build keeps output reproducible.
    :param taxonomy_label: ``(kind, key) -> label`` for ``label()`` and ``|label``.
    """
    if not isinstance(now, datetime) or now.tzinfo is None or now.utcoffset() is None:
        raise I18nNewsError(f"now must be a datetime with a UTC offset, got {now!r}")
    env.filters.update(_date_filters(edition, now))
    env.filters.update(_number_filters(edition))
    env.filters.update(_bidi_filters(edition))
    label: Callable[[str, str], str] = taxonomy_label or _key_as_label

    def label_filter(key: str, kind: str) -> str:
        return label(kind, key)

    env.filters["label"] = label_filter
    env.globals["label"] = label
    env.globals.update(_gettext_callables(edition, translations))
    # Read when ``{% trans %}`` compiles: it must call these, newstyle (an attribute
    # of the i18n extension the environment's type does not declare).
    env.newstyle_gettext = True  # type: ignore[attr-defined]


def _date_filters(edition: Edition, now: datetime) -> dict[str, Callable[..., str]]:
    """``dateline``, ``listdate``, ``feeddate``, ``isodate``, ``reldate`` and ``date``."""
    printed: dict[tuple[str, datetime], str] = {}

    def formatted(when: datetime, place: str) -> str:
        """:func:`format_date`, remembered per instant: cards repeat dates on many pages.

        The text depends on the instant only (it is converted to the
        edition's zone first), so the UTC value is the key.
        """
        if when.tzinfo is None or when.utcoffset() is None:
            return format_date(when, edition, place, now=now)  # raises the usual error
        try:
            key = (place, when.astimezone(UTC))
        except OverflowError:
            return format_date(when, edition, place, now=now)
        text = printed.get(key)
        if text is None:
            text = printed[key] = format_date(when, edition, place, now=now)
        return text

    def place_filter(place: str) -> Callable[[object], str]:
        def render(value: object) -> str:
            when = _as_datetime(value)
            return "" if when is None else formatted(when, place)

        render.__name__ = f"{place}_filter"
        render.__doc__ = f"The edition's {place} date."
        return render

    def date(value: object, place: str = "dateline") -> str:
        when = _as_datetime(value)
        return "" if when is None else formatted(when, place)

    return {
        "dateline": place_filter("dateline"),
        "listdate": place_filter("list"),
        "feeddate": place_filter("feed"),
        "isodate": place_filter("iso"),
        "reldate": place_filter("relative"),
        "date": date,
    }


def _number_filters(edition: Edition) -> dict[str, Callable[..., str]]:
    """``number``, ``integer``, ``percent`` and ``digits``."""
    # Ranks, counts and page numbers repeat on every page: int -> text, per grouping.
    numbers: dict[tuple[str, int], str] = {}

    def number(value: Any) -> str:
        if type(value) is not int:  # floats: 0.0 == -0.0 would share a key
            return format_number(value, edition)
        key = ("number", value)
        text = numbers.get(key)
        if text is None:
            text = numbers[key] = format_number(value, edition)
        return text

    def integer(value: Any, grouping: bool = True) -> str:
        if type(value) is not int or type(grouping) is not bool:
            return format_integer(value, edition, grouping=grouping)
        key = ("grouped" if grouping else "ungrouped", value)
        text = numbers.get(key)
        if text is None:
            text = numbers[key] = format_integer(value, edition, grouping=grouping)
        return text

    def percent(value: Any) -> str:
        return format_percent(value, edition)

    def digits(value: object) -> str:
        return shape_digits(str(value), edition.digits)

    return {"number": number, "integer": integer, "percent": percent, "digits": digits}


def _bidi_filters(edition: Edition) -> dict[str, Callable[..., str]]:
    """``bdi`` (HTML) and ``isolate`` (plain text)."""
    isolated: dict[tuple[str, str], Markup] = {}

    def bdi(value: object, context_dir: str | None = None) -> Markup:
        direction = context_dir or edition.direction
        if type(value) is not str:  # Markup and others: not worth a key
            return isolate_html(value, direction)
        key = (value, direction)
        html = isolated.get(key)
        if html is None:
            html = isolated[key] = isolate_html(value, direction)
        return html

    def isolate(value: object, context_dir: str | None = None) -> str:
        return isolate_plain(str(value), context_dir)

    return {"bdi": bdi, "isolate": isolate}


def _gettext_callables(
    edition: Edition, translations: TranslationsLike | _gettext.NullTranslations
) -> dict[str, Any]:
    """``_``, ``gettext``, ``ngettext``, ``pgettext`` and ``npgettext`` for templates."""
    # Messages without variables print the same on every page: (msgctxt, msgid, autoescape) -> text.
    constant: dict[tuple[str | None, str, bool], str | Markup] = {}

    def remembered(
        context: Context, msgctxt: str | None, msgid: str, compute: Callable[[], str | Markup]
    ) -> str | Markup:
        key = (msgctxt, msgid, bool(context.eval_ctx.autoescape))
        text = constant.get(key)
        if text is None:
            text = constant[key] = compute()
        return text

    @pass_context
    def gettext(__context: Context, __string: str, /, **variables: Any) -> str | Markup:
        def compute() -> str | Markup:
            return _format(__context, translations.gettext(__string), variables, edition, __string)

        if variables:
            return compute()
        return remembered(__context, None, __string, compute)

    @pass_context
    def ngettext(
        __context: Context, __singular: str, __plural: str, __num: int, /, **variables: Any
    ) -> str | Markup:
        variables.setdefault("num", __num)
        message = translations.ngettext(__singular, __plural, __num)
        source = __singular if __num == 1 else __plural
        return _format(__context, message, variables, edition, source)

    @pass_context
    def pgettext(
        __context: Context, __string_ctx: str, __string: str, /, **variables: Any
    ) -> str | Markup:
        plain = not variables
        variables.setdefault("context", __string_ctx)

        def compute() -> str | Markup:
            message = translations.pgettext(__string_ctx, __string)
            return _format(__context, message, variables, edition, __string)

        if not plain:
            return compute()
        return remembered(__context, __string_ctx, __string, compute)

    @pass_context
    def npgettext(
        __context: Context,
        __string_ctx: str,
        __singular: str,
        __plural: str,
        __num: int,
        /,
        **variables: Any,
    ) -> str | Markup:
        variables.setdefault("context", __string_ctx)
        variables.setdefault("num", __num)
        message = translations.npgettext(__string_ctx, __singular, __plural, __num)
        source = __singular if __num == 1 else __plural
        return _format(__context, message, variables, edition, source)

    return {
        "_": gettext,
        "gettext": gettext,
        "ngettext": ngettext,
        "pgettext": pgettext,
        "npgettext": npgettext,
    }

"""Jinja environments per edition: the theme's templates rendered the edition's way.

What text may become inside a page is :mod:`i18n_news.site.sanitize`'s job;
this module wires its :class:`~i18n_news.site.sanitize.SafeTranslations` and
the edition's filters (:mod:`i18n_news.site.filters`) into Jinja.

Environments are created once per edition and process and keep every
compiled template (``cache_size=-1``, no auto-reload). Compiled code is
deliberately *not* shared between editions (no common bytecode cache): Jinja
folds filters applied to constants while compiling, even with its optimizer
off, using the compiling edition's filters — ``{{ 404|number }}`` would print
``404`` instead of ``٤٠٤`` in Arabic with code compiled for English.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from i18n_news.model import Edition
from i18n_news.site import filters
from i18n_news.site.sanitize import SafeTranslations

__all__ = ["make_environment", "render_template"]


def make_environment(
    edition: Edition,
    translations: gettext.NullTranslations,
    *,
    now: datetime,
    template_dirs: tuple[Path, ...],
    taxonomy_label: Callable[[str, str], str],
) -> Environment:
    """A Jinja environment that prints everything the edition's way.

    Autoescaping is on for every template; undefined variables are errors,
    so a template/context mismatch fails the build instead of printing
    nothing. ``taxonomy_label`` should already return translated, balanced text.
    """
    env = _Environment(
        loader=FileSystemLoader([str(d) for d in template_dirs]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=_LenientUndefined,
        extensions=["jinja2.ext.i18n"],
        auto_reload=False,
        keep_trailing_newline=True,
        cache_size=-1,
    )
    filters.install(
        env, edition, SafeTranslations(translations), now=now, taxonomy_label=taxonomy_label
    )
    return env


#: What a plain dict answers as attributes (its class's methods); anything else is an item.
_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(Environment):
    """Jinja's environment, with a shortcut for the plain dicts page contexts are made of.

    Jinja resolves ``card.url`` by trying ``getattr`` first, which on a dict
    raises (an exception per lookup, hundreds per page) before it tries
    ``card["url"]``. A dict instance has no attributes but its class's, so
    for other names the item is looked up directly: same result, no exception.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


class _LenientUndefined(StrictUndefined):
    """Strict about printing or iterating a missing value, but ``x.y|default`` and tests work.

    Templates document optional keys (``urls.privacy``, ``article.audio_url``) and
    test them with ``{% if %}``; those read as false. Printing a missing value fails.
    """

    __slots__ = ()

    # StrictUndefined types these as raising (``-> Never``); answering them is this class's job.
    def __bool__(self) -> bool:  # type: ignore[override]
        return False

    def __iter__(self) -> Iterator[Any]:  # type: ignore[override]
        return iter(())

    def __len__(self) -> int:  # type: ignore[override]
        return 0


def render_template(env: Environment, name: str, context: Mapping[str, Any]) -> str:
    """Render one page; the body's Markdown becomes sanitized HTML here, not in the plan."""
    return env.get_template(name).render(dict(context))

"""Who wrote a page: author names from metadata and from the visible byline, cleaned.

Pages name their authors in many places and rarely cleanly: ``By GARY B.
GRAVES, AP Sports Writer``, ``Luke Kemp 11 February 2020``, a JSON object
pasted into ``<meta name="author">``, a photo credit (``Фото: …``), a CMS
placeholder (``Super User``). :func:`clean_names` turns one such value into
the people it names, or nothing; :func:`markup_bylines` finds the byline
elements a page shows (``rel="author"``, ``.author`` and ``.byline``
vcards, ``itemprop="author"``, ``<address>``) and :func:`text_bylines` the
"By X" / "Por X" / "بقلم X" lines. Which of them wins is
:mod:`~i18n_news.importer.metadata`'s business.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator

from lxml.html import HtmlElement

from i18n_news.importer.html import Texts, clean, in_furniture, text_of

__all__ = [
    "BYLINE_PREFIX",
    "clean_names",
    "is_organisation_like",
    "markup_bylines",
    "text_bylines",
]

#: "By", "Por", "بقلم", "كتب:" … at the start of a byline.
BYLINE_PREFIX = re.compile(
    r"^\s*(?:(?:(?:written|reported|reporting|words|story)\s+by|by|por|par|von|door|"
    r"escrito\s+por|redacci[oó]n\s+por|بقلم|كتب(?:ت|ه)?|إعداد|اعداد|تحرير)"
    r"\s*(?:[:：]\s*|\s+)|(?:texto|text|autor[a]?|author|authors)\s*[:：]\s*)",
    re.I,
)
#: Words that make a comma-separated part a role or an employer, not a person.
_ROLE = re.compile(
    r"(?<![^\W\d_])(?:writer|correspondent|reporter|editor|editors|staff|contributor|columnist|"
    r"associated\s+press|ap|reuters|afp|efe|dpa|agencia|agency|agencies|sports|senior|special|"
    r"bureau|chief|desk|corresponsal|redactor[a]?|enviad[oa]|periodista|journalist|photographer|"
    r"مراسل|محرر|وكالة|وكالات)(?![^\W\d_])",
    re.I,
)
#: Credits and labels that are not bylines at all.
_NOT_A_BYLINE = re.compile(
    r"^\s*(?:фото|photo|photos|foto|fotos|imagen|image|images|bild|video|vídeo|source|fuente|"
    r"quelle|credit|crédito|تصوير|صورة|المصدر|مصدر)\b",
    re.I,
)
_PLACEHOLDERS = frozenset(
    {
        "super user",
        "unknown",
        "admin",
        "administrator",
        "anonymous",
        "guest",
        "n/a",
        "none",
        "null",
        "undefined",
        "user",
        "editor",
        "author",
        "autor",
        "redaccion",
        "webmaster",
        "default",
        "test",
    }
)
#: Lower-case words that may stand inside a name (Latin scripts are cased, others are not).
_PARTICLES = frozenset(
    {
        "de",
        "del",
        "la",
        "las",
        "los",
        "da",
        "das",
        "do",
        "dos",
        "du",
        "des",
        "van",
        "von",
        "der",
        "den",
        "ter",
        "ten",
        "bin",
        "ibn",
        "al",
        "el",
        "y",
        "e",
        "di",
        "le",
        "st",
        "zu",
        "af",
    }
)
_SPLIT = re.compile(r"\s*(?:;|&|\band\b|\bund\b|\by\b|\bet\b|\be\b|\bو\b|،|,|\||/)\s*", re.I)
_CUT = re.compile(r"\s+(?:[|•·–—]|-{1,2})\s+|\s+(?i:from|for|para)\s+(?=[A-Z])")
_QUOTED = re.compile(r"[\"“”«»][^\"“”«»]{1,40}[\"“”«»]")
_HANDLE = re.compile(r"@\w+|https?://\S+|www\.\S+|\S+@\S+\.\w+")


_SYMBOLS = frozenset({"So", "Sk", "Cs", "Co", "Cn"})


def _strip_symbols(text: str) -> str:
    """Emoji and pictographs out (``Jenny Smith ❤️``), letters, marks and separators kept."""
    return "".join(
        c
        for c in text
        if unicodedata.category(c) not in _SYMBOLS and not 0xFE00 <= ord(c) <= 0xFE0F
    )


def _cased(word: str) -> bool:
    return any(c.isupper() or c.islower() for c in word)


def _looks_like_name(name: str) -> bool:
    """A person's or desk's name: 1–6 words, letters, no sentence, not a placeholder."""
    words = name.split()
    if not words or len(words) > 6 or len(name) > 60 or not any(c.isalpha() for c in name):
        return False
    if name.casefold() in _PLACEHOLDERS or re.search(r"[\d!?…:;{}\[\]<>=]", name):
        return False
    if name.endswith(".") and len(words[-1].strip(".")) > 3:
        return False  # a sentence, not an initial or "Jr."
    return not any(_cased(w) and w[0].islower() and w.casefold() not in _PARTICLES for w in words)


def _from_json(value: str) -> list[str] | None:
    """Names from a JSON value pasted as an author (``{"@type":"Person","name":…}``)."""
    text = value.strip()
    if not text.startswith(("{", "[")):
        return None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return []
    items = data if isinstance(data, list) else [data]
    return [clean(i.get("name")) for i in items if isinstance(i, dict) and i.get("name")]


def clean_names(value: str, *, strict: bool = False) -> list[str]:
    """The people a raw author value names, cleaned; ``[]`` when it names nobody.

    ``strict`` (values from ``<meta>``, often user names) also refuses a
    single cased word.

    >>> clean_names("By GARY B. GRAVES, AP Sports Writer")
    ['GARY B. GRAVES']
    >>> clean_names("Luke Kemp 11 February 2020")
    ['Luke Kemp']
    >>> clean_names("Jenny Smith and John Smith")
    ['Jenny Smith', 'John Smith']
    >>> clean_names("كتب: حسام أبو العلا")
    ['حسام أبو العلا']
    >>> clean_names("Por lo mismo, Aravena perdió su lugar")
    []
    """
    from_json = _from_json(value)
    if from_json is not None:
        return [n for v in from_json for n in clean_names(v, strict=strict)]
    text = clean(value).replace("_", " ")
    if not text or _NOT_A_BYLINE.match(text):
        return []
    text = BYLINE_PREFIX.sub("", text, count=1)
    text = _QUOTED.sub(" ", _HANDLE.sub(" ", text))
    text = _strip_symbols(text)
    text = _CUT.split(text, maxsplit=1)[0]
    head = re.split(r"(?<![^\W\d_])\d|\(\s*\d", text, maxsplit=1)[0]  # a date or time after it
    cut_date, text = len(head) < len(text), head
    names: list[str] = []
    parts = _SPLIT.split(text)
    for index, part in enumerate(parts):
        words = BYLINE_PREFIX.sub("", part).split()
        while cut_date and index == len(parts) - 1 and words and _date_word(words[-1]):
            words.pop()  # "Jenny Smith July" of "Jenny Smith July 12, 2021"
        name = " ".join(words).strip(" ,-–—'\"")
        if not name or (_ROLE.search(name) and names):
            continue
        if _looks_like_name(name) and name not in names:
            names.append(name)
    if strict and len(names) == 1 and len(names[0].split()) == 1 and _cased(names[0]):
        return []  # a lone cased word in <meta> is a user name ("Cher", "admin")
    return names


_DATE_WORDS = re.compile(
    r"^(?:on|el|le|am|il|em|في|updated|published|posted|publicado|actualizado|"
    r"mon|tue|wed|thu|fri|sat|sun)\.?,?$",
    re.I,
)


def _date_word(word: str) -> bool:
    """A month, weekday or "on"/"updated" left at the end of a name by a cut date."""
    from i18n_news.importer.dates import month_names, normalize_date_text

    folded = normalize_date_text(word).strip(".,")
    return (
        bool(_DATE_WORDS.match(word)) or folded in month_names("en") or folded in month_names("es")
    )


def is_organisation_like(name: str, site_names: list[str]) -> bool:
    """A name that is the site, an agency or a slug (``el-mostrador``), not a person."""
    folded = re.sub(r"[\W_]+", "", name.casefold())
    sites = {re.sub(r"[\W_]+", "", s.casefold()) for s in site_names if s}
    if folded in sites or re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)+", name):
        return True
    return bool(_ROLE.search(name)) or bool(
        re.search(r"\b(?:news|press|media|times)\b", name, re.I)
    )


_AUTHOR_MARKS = re.compile(
    r"(?:^|[\s_-])(?:author|authors|author-?name|byline|by-?line|writer|submitted-?by|username|"
    r"autor|autores|firma|kateb|katib|contributor|reporter|posted-?by)(?:$|[\s_-])|"
    r"__writer|wrapper--detail__writer|article-meta-author|authorname|attribution__a-author",
    re.I,
)
_NOT_AUTHOR_MARKS = re.compile(
    r"(?:^|[\s_-])(?:bio|avatar|photo|image|img|label|title|role|job|date|time|social|"
    r"twitter|extra|reviewer|follow|more|quote)(?:$|[\s_-])|--label",
    re.I,
)


def _marks(node: HtmlElement) -> str:
    return f"{node.get('class') or ''} {node.get('id') or ''}"


def _byline_text(node: HtmlElement) -> str:
    """The name part of a byline element: its ``itemprop=name`` child, else its text
    without the nested labels, dates, job titles and social links."""
    named = next(
        (n for n in node.iterdescendants() if "name" in (n.get("itemprop") or "").split()), None
    )
    if named is not None:
        return text_of(named)
    parts: list[str] = [node.text or ""]
    for child in node:
        if not isinstance(child.tag, str):
            parts.append(child.tail or "")
            continue
        if child.tag not in ("time", "img", "script", "style") and not (
            _NOT_AUTHOR_MARKS.search(_marks(child))
        ):
            parts.append(_byline_text(child))
        parts.append(child.tail or "")
    return " ".join(" ".join(parts).split())


def _candidates(scope: HtmlElement) -> Iterator[tuple[int, HtmlElement]]:
    """Byline elements with a rank: 0 for ``rel=author``/``itemprop=author``, 1 for classes."""
    for node in scope.iter():
        if not isinstance(node.tag, str):
            continue
        rel = "author" in (node.get("rel") or "").split() and node.tag != "link"
        prop = "author" in (node.get("itemprop") or "").split() and node.tag != "meta"
        data = f"{node.get('data-component') or ''} {node.get('data-testid') or ''}"
        marks = _marks(node)
        if rel or prop:
            yield 0, node
        elif (
            node.tag == "author"
            or (node.tag == "address" and _AUTHOR_MARKS.search(marks))
            or re.search(r"author|byline", data, re.I)
            or (_AUTHOR_MARKS.search(marks) and not _NOT_AUTHOR_MARKS.search(marks))
        ):
            yield 1, node


def markup_bylines(scopes: list[HtmlElement], used: list[HtmlElement]) -> list[str]:
    """Names from the page's byline elements, searched in ``scopes`` in order.

    Within a scope the best-ranked element wins, and of nested matches the
    innermost that still names someone (a ``.byline-content`` wrapper also
    holds the date; its ``.byline`` child holds just the name).
    """
    for scope in scopes:
        found: list[tuple[int, int, HtmlElement, list[str]]] = []
        for order, (rank, node) in enumerate(_candidates(scope)):
            if in_furniture(node):
                continue
            names = clean_names(_byline_text(node))
            if names:
                found.append((rank, order, node, names))
        if not found:
            continue
        nodes = {f[2] for f in found}
        inner = [f for f in found if not any(d in nodes for d in f[2].iterdescendants())]
        rank, _, node, names = min(inner or found, key=lambda f: (f[0], f[1]))
        used.append(node)
        return names
    return []


def text_bylines(texts_by_scope: list[Texts], used: list[HtmlElement]) -> list[str]:
    """Names from a "By X" / "Por X" / "بقلم X" line among short visible texts."""
    for texts in texts_by_scope:
        for node, text in texts:
            if not BYLINE_PREFIX.match(text) or len(text) > 100 or in_furniture(node):
                continue
            if any(
                isinstance(c.tag, str) and BYLINE_PREFIX.match(text_of(c))
                for c in node.iter()
                if c is not node
            ):
                continue  # a wrapper: its inner line is the byline
            names = clean_names(text)
            if names:
                used.append(node)
                return names
    return []

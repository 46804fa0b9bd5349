"""RTL lint (RTL3xx): theme templates and stylesheets that break right-to-left editions.

One stylesheet and one set of templates serve every edition, so the theme
must not say "left" when it means "where lines start". These checks read
CSS (stylesheets, ``<style>`` blocks, ``style`` attributes) and Jinja
templates as text; they are deliberately conservative, so that what they
report is worth fixing. A comment containing ``i18nnews: ignore=ID`` silences
a finding on its own line and the next.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate
from typing import Literal

from i18n_news.checks.registry import CheckFunc, finding, register
from i18n_news.model import Finding

__all__ = ["ThemeFile", "run_rtl_checks", "theme_suppressions"]

#: Physical properties and their logical equivalents.
PHYSICAL: dict[str, str] = {
    "margin-left": "margin-inline-start",
    "margin-right": "margin-inline-end",
    "padding-left": "padding-inline-start",
    "padding-right": "padding-inline-end",
    "border-left": "border-inline-start",
    "border-right": "border-inline-end",
    "border-left-width": "border-inline-start-width",
    "border-right-width": "border-inline-end-width",
    "border-left-style": "border-inline-start-style",
    "border-right-style": "border-inline-end-style",
    "border-left-color": "border-inline-start-color",
    "border-right-color": "border-inline-end-color",
    "border-top-left-radius": "border-start-start-radius",
    "border-top-right-radius": "border-start-end-radius",
    "border-bottom-left-radius": "border-end-start-radius",
    "border-bottom-right-radius": "border-end-end-radius",
    "left": "inset-inline-start",
    "right": "inset-inline-end",
    "scroll-margin-left": "scroll-margin-inline-start",
    "scroll-margin-right": "scroll-margin-inline-end",
    "scroll-padding-left": "scroll-padding-inline-start",
    "scroll-padding-right": "scroll-padding-inline-end",
}
_WATCHED = (*PHYSICAL, "float", "clear", "text-align", "text-align-last")
_NAMES = "|".join(sorted((re.escape(p) for p in _WATCHED), key=len, reverse=True))
_DECLARATION = re.compile(rf"(?:^|(?<=[{{;]))\s*({_NAMES})\s*:\s*([^;{{}}]*)", re.M | re.I)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_STYLE_ATTR = re.compile(r"""\bstyle\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_STYLE_BLOCK = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.S | re.I)
_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)
_JINJA_STATEMENT = re.compile(r"\{%.*?%\}", re.S)
_HTML_TAG = re.compile(r"<html\b((?:[^<>\"']|\"[^\"]*\"|'[^']*')*)>", re.I)
_DIR_ATTR = re.compile(r"(?:^|\s)dir\s*=", re.I)
_TOKEN = re.compile(
    r"(?P<comment><!--.*?-->)"
    r"|(?P<tag><(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9:-]*)(?P<attrs>(?:[^<>\"']|\"[^\"]*\"|'[^']*')*)>)"
    r"|(?P<expr>\{\{-?(?P<inner>.*?)-?\}\})",
    re.S,
)
_SUPPRESS = re.compile(r"i18nnews:\s*ignore\s*=\s*([A-Za-z0-9_, ]+)")
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
#: Elements whose text is not laid out as markup (or is the browser's).
_PLAIN = frozenset({"title", "script", "style", "textarea", "option"})
#: Attribute names that usually hold a reader-visible text of unknown direction.
USER_TEXT = frozenset(
    {"title", "summary", "caption", "credit", "name", "text", "headline", "description",
     "excerpt", "byline"}
)  # fmt: skip
#: Template variables that describe the page's own edition: same direction as the page.
SAME_DIRECTION_ROOTS = frozenset({"edition", "page", "urls", "nav", "loop", "self", "site"})
_ISOLATING_FILTERS = frozenset({"bdi", "isolate"})
_PLAIN_NAME = re.compile(
    r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*|\[['\"][^'\"]+['\"]\])*"
)


@dataclass
class ThemeFile:
    """A stylesheet or template, with its path as findings print it."""

    path: str
    kind: Literal["css", "template"]
    text: str

    @cached_property
    def _starts(self) -> list[int]:
        return [0, *accumulate(len(line) + 1 for line in self.text.split("\n"))]

    def line_of(self, offset: int) -> int:
        return bisect_right(self._starts, offset)

    def column_of(self, offset: int) -> int:
        return offset - self._starts[self.line_of(offset) - 1] + 1

    def finding(self, check_id: str, offset: int, message: str) -> Finding:
        return finding(
            check_id, self.path, self.line_of(offset), message, column=self.column_of(offset)
        )


def _blank(match: re.Match[str]) -> str:
    """Replace a span by spaces, keeping its newlines (lines and columns stay put)."""
    return re.sub(r"[^\n]", " ", match.group(0))


def _css_regions(file: ThemeFile) -> Iterator[tuple[int, str]]:
    """``(offset, css text)`` of every place CSS is written in the file."""
    if file.kind == "css":
        yield 0, _CSS_COMMENT.sub(_blank, file.text)
        return
    text = _JINJA_COMMENT.sub(_blank, file.text)
    for block in _STYLE_BLOCK.finditer(text):
        yield block.start(1), _CSS_COMMENT.sub(_blank, block.group(1))
    for attr in _STYLE_ATTR.finditer(text):
        group = 1 if attr.group(1) is not None else 2
        yield attr.start(group), attr.group(group)


def _declarations(file: ThemeFile) -> Iterator[tuple[int, str, str]]:
    """``(offset, property, value)`` of declarations of the properties RTL checks care about."""
    for base, css in _css_regions(file):
        for match in _DECLARATION.finditer(css):
            yield base + match.start(1), match.group(1).lower(), match.group(2).strip()


def _words(value: str) -> set[str]:
    return set(re.findall(r"[a-z-]+", value.lower()))


@register("RTL301", "physical-css-property", "warning", "rtl")
def physical_css_property(file: ThemeFile) -> Iterator[Finding]:
    """A stylesheet uses a physical left/right property where a logical one exists.

    ## What it does
    Reports `margin-left`, `padding-right`, `border-left…`,
    `border-top-left-radius`, `left`, `right` and their kin in stylesheets,
    `<style>` blocks and `style` attributes, and names the logical property
    to use.

    ## Why is this bad?
    In the Arabic edition the start of a line is on the right: an indent
    written as `margin-left` sits at the end of the line, icons end up on
    the wrong side of their labels, and a drawer opens from the wrong edge.

    ## Example
    ```css
    .byline { margin-left: 0.5rem; }
    ```
    Use `margin-inline-start: 0.5rem;`.
    """
    for offset, prop, _value in _declarations(file):
        if prop in PHYSICAL:
            yield file.finding(
                "RTL301", offset, f"physical property '{prop}': use '{PHYSICAL[prop]}'"
            )


@register("RTL302", "physical-float", "warning", "rtl")
def physical_float(file: ThemeFile) -> Iterator[Finding]:
    """A stylesheet floats or clears to the left or right.

    ## What it does
    Reports `float: left|right` and `clear: left|right`.

    ## Why is this bad?
    A pull quote floated left in English must float right in Arabic; the
    logical values do that by themselves.

    ## Example
    ```css
    .pull-quote { float: left; }
    ```
    Use `float: inline-start;`.
    """
    for offset, prop, value in _declarations(file):
        if prop in ("float", "clear"):
            side = _words(value) & {"left", "right"}
            if side:
                (word,) = sorted(side)[:1]
                logical = "inline-start" if word == "left" else "inline-end"
                yield file.finding("RTL302", offset, f"'{prop}: {word}': use '{prop}: {logical}'")


@register("RTL303", "physical-text-align", "warning", "rtl")
def physical_text_align(file: ThemeFile) -> Iterator[Finding]:
    """A stylesheet aligns text to the left or right.

    ## What it does
    Reports `text-align: left|right` and `text-align-last: left|right`.

    ## Why is this bad?
    Arabic paragraphs aligned left have a ragged start and a straight end:
    they read as broken. `start` and `end` follow the text direction.

    ## Example
    ```css
    .story-body p { text-align: left; }
    ```
    Use `text-align: start;`.
    """
    for offset, prop, value in _declarations(file):
        if prop in ("text-align", "text-align-last"):
            side = _words(value) & {"left", "right"}
            if side:
                (word,) = sorted(side)[:1]
                logical = "start" if word == "left" else "end"
                yield file.finding("RTL303", offset, f"'{prop}: {word}': use '{prop}: {logical}'")


@register("RTL310", "html-without-dir", "warning", "rtl")
def html_without_dir(file: ThemeFile) -> Iterator[Finding]:
    """A template's <html> element has no dir attribute.

    ## What it does
    Reports `<html>` start tags in templates without `dir`.

    ## Why is this bad?
    Without `dir="rtl"` the browser lays an Arabic page out left to right:
    punctuation jumps to the wrong end of sentences, and every logical CSS
    property resolves to the wrong side.

    ## Example
    ```html
    <html lang="{{ edition.lang }}">
    ```
    Use `<html lang="{{ edition.lang }}" dir="{{ edition.direction }}">`.
    """
    if file.kind != "template":
        return
    text = _JINJA_COMMENT.sub(_blank, file.text)
    for match in _HTML_TAG.finditer(text):
        if not _DIR_ATTR.search(_JINJA_STATEMENT.sub(" ", match.group(1))):
            yield file.finding("RTL310", match.start(), "<html> has no dir attribute")


@register("RTL311", "unisolated-interpolation", "warning", "rtl")
def unisolated_interpolation(file: ThemeFile) -> Iterator[Finding]:
    """A template prints text of unknown direction without isolating it.

    ## What it does
    Looks at `{{ … }}` in element content whose value is a reader-visible
    text field of an object that may come from another edition or language
    (`card.title`, `item.text`, `alt.name`, `image.caption`, `credit`…),
    and reports it unless an enclosing element isolates it (`<bdi>`,
    `<bdo>`, or any element with a `dir` attribute, `dir="auto"` above all)
    or a `|bdi` filter does. Calls (`_()`, `label()`), numbers, and fields
    of the page's own edition (`edition.name`, `page.title`) are not
    reported; neither is text inside `<title>`, `<script>` or `<style>`, nor
    text with no element around it in the same file (the body of a block or
    macro, whose context is another template's).

    ## Why is this bad?
    An English headline in an Arabic list (or the reverse) is reordered
    with its neighbours by the bidi algorithm: a trailing "?" or "(AP)"
    jumps to the wrong end, and numbers next to it change sides.

    ## Example
    ```html
    <li><a href="{{ item.url }}">{{ item.title }}</a></li>
    ```
    Use `<a href="{{ item.url }}" dir="auto">{{ item.title }}</a>`.
    """
    if file.kind != "template":
        return
    text = _JINJA_STATEMENT.sub(_blank, _JINJA_COMMENT.sub(_blank, file.text))
    stack: list[tuple[str, bool]] = []
    for match in _TOKEN.finditer(text):
        if match.group("comment"):
            continue
        if match.group("tag"):
            name = match.group("name").lower()
            if match.group("close"):
                for depth in range(len(stack) - 1, -1, -1):
                    if stack[depth][0] == name:
                        del stack[depth:]
                        break
                continue
            attrs = match.group("attrs") or ""
            if name in _VOID or attrs.rstrip().endswith("/"):
                continue
            isolating = name in ("bdi", "bdo") or (
                name not in ("html", "body") and _DIR_ATTR.search(attrs) is not None
            )
            stack.append((name, isolating))
            continue
        if not stack or any(isolating or name in _PLAIN for name, isolating in stack):
            continue  # no element around it here (a block or macro body): context unknown
        expr = match.group("inner").strip()
        if _needs_isolation(expr):
            yield file.finding(
                "RTL311", match.start(),
                f"'{{{{ {expr} }}}}' prints text of unknown direction without isolation: "
                "wrap it in <bdi>, or give its element dir=\"auto\"",
            )  # fmt: skip


def _needs_isolation(expr: str) -> bool:
    """True for ``card.title``-like values; False for calls, own-edition fields, isolated ones."""
    head, *filters = [part.strip() for part in _split_filters(expr)]
    names = {f.split("(", 1)[0].strip() for f in filters}
    if names & _ISOLATING_FILTERS:
        return False
    if not _PLAIN_NAME.fullmatch(head):
        return False
    parts = re.findall(r"[A-Za-z_][A-Za-z0-9_]*", head)
    root, last = parts[0], parts[-1]
    return len(parts) > 1 and root not in SAME_DIRECTION_ROOTS and last in USER_TEXT


def _split_filters(expr: str) -> list[str]:
    """Split ``a.b|f(x)|g`` at top-level pipes (not inside brackets or quotes)."""
    parts, depth, quote, start = [], 0, "", 0
    for i, char in enumerate(expr):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(expr[start:i])
            start = i + 1
    parts.append(expr[start:])
    return parts


def theme_suppressions(file: ThemeFile) -> dict[int, tuple[str, ...]]:
    """``{line: ID prefixes}``: a comment ``i18nnews: ignore=ID`` covers its line and the next."""
    out: dict[int, tuple[str, ...]] = {}
    if "i18nnews" not in file.text:
        return out
    for number, line in enumerate(file.text.split("\n"), 1):
        match = _SUPPRESS.search(line)
        if match:
            ids = tuple(p.strip().upper() for p in match.group(1).split(",") if p.strip())
            for target in (number, number + 1):
                out[target] = out.get(target, ()) + ids
    return out


def run_rtl_checks(file: ThemeFile, checks: Iterable[CheckFunc]) -> list[Finding]:
    out: list[Finding] = []
    for func in checks:
        out.extend(func(file))
    return out

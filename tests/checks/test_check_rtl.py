"""RTL lint: failing and passing snippets per check, the default theme, theme discovery."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from check_helpers import check, set_check_config

import i18n_news
from i18n_news.checks.registry import family, load_all
from i18n_news.checks.rtl import ThemeFile, run_rtl_checks, theme_suppressions

THEME = Path(i18n_news.__file__).parent / "theme"


def lint(kind: str, text: str, path: str = "theme/x") -> list[tuple[str, int, int, str]]:
    load_all()
    file = ThemeFile(path, kind, text)  # type: ignore[arg-type]
    quiet = theme_suppressions(file)
    return [
        (f.check_id, f.line, f.column, f.message)
        for f in run_rtl_checks(file, [spec.func for spec in family("rtl")])
        if not any(f.check_id.startswith(p) for p in quiet.get(f.line, ()))
    ]


CASES = {
    "RTL301": (
        "css",
        ".byline {\n  color: red;\n  margin-left: 0.5rem;\n}\n"
        ".drawer { left: 0; border-top-right-radius: 4px }\n",
        [(3, 3, "physical property 'margin-left': use 'margin-inline-start'"),
         (5, 11, "physical property 'left': use 'inset-inline-start'"),
         (5, 20, "physical property 'border-top-right-radius': use 'border-start-end-radius'")],
        ".byline {\n  margin-inline-start: 0.5rem;\n}\na:hover { inset-inline-start: 0 }\n"
        "/* margin-left: 0 in a comment */\n.left-rail { color: red }\n",
    ),
    "RTL302": (
        "css",
        ".pull-quote { float: left; }\n.x { clear: right }\n",
        [(1, 15, "'float: left': use 'float: inline-start'"),
         (2, 6, "'clear: right': use 'clear: inline-end'")],
        ".pull-quote { float: inline-start; }\n.x { clear: both }\n",
    ),
    "RTL303": (
        "css",
        "p {\n  text-align: right;\n}\n",
        [(2, 3, "'text-align: right': use 'text-align: end'")],
        "p {\n  text-align: start;\n}\nh1 { text-align: center }\n",
    ),
    "RTL310": (
        "template",
        '<!DOCTYPE html>\n<html lang="{{ edition.lang }}">\n<body></body>\n</html>\n',
        [(2, 1, "<html> has no dir attribute")],
        '<!DOCTYPE html>\n<html lang="{{ edition.lang }}" dir="{{ edition.direction }}">\n'
        "</html>\n",
    ),
    "RTL311": (
        "template",
        "<ul>\n{% for item in related %}\n"
        '  <li><a href="{{ item.url }}">{{ item.title }}</a></li>\n'
        "{% endfor %}\n</ul>\n",
        [(3, 32, "'{{ item.title }}' prints text of unknown direction without isolation: "
                 'wrap it in <bdi>, or give its element dir="auto"')],
        '<ul>\n{% for item in related %}\n  <li><a href="{{ item.url }}" dir="auto">'
        "{{ item.title }}</a></li>\n  <li>{{ item.caption|bdi }} {{ _('Latest') }} "
        "{{ label('tag', item.key) }} {{ edition.name }} <bdi>{{ item.credit }}</bdi></li>\n"
        "{% endfor %}\n</ul>\n<title>{{ card.title }}</title>\n{% block t %}{{ article.title }}"
        "{% endblock %}\n",
    ),
}  # fmt: skip


def test_every_rtl_check_has_cases() -> None:
    assert set(CASES) == {c.id for c in load_all().values() if c.family == "rtl"}


@pytest.mark.parametrize("check_id", sorted(CASES))
def test_failing_case(check_id: str) -> None:
    kind, text, expected, _ = CASES[check_id]
    assert lint(kind, text) == [(check_id, *e) for e in expected]


@pytest.mark.parametrize("check_id", sorted(CASES))
def test_passing_case(check_id: str) -> None:
    kind, _, _, text = CASES[check_id]
    assert lint(kind, text) == []


def test_inline_style_and_style_blocks() -> None:
    html = '<div style="padding-right: 1em">x</div>\n<style>\n  .a { float: right }\n</style>\n'
    assert sorted(f[:3] for f in lint("template", html)) == [("RTL301", 1, 13), ("RTL302", 3, 8)]


def test_suppression_comment_covers_its_line_and_the_next() -> None:
    css = "/* i18nnews: ignore=RTL301 */\n.a { margin-left: 0 }\n.b { margin-left: 0 }\n"
    assert [f[:2] for f in lint("css", css)] == [("RTL301", 3)]


def test_default_theme_is_clean() -> None:
    files = sorted(THEME.glob("templates/*.html")) + sorted(THEME.glob("static/*.css"))
    assert files
    for path in files:
        kind = "css" if path.suffix == ".css" else "template"
        assert lint(kind, path.read_text(encoding="utf-8"), path.name) == [], path.name


def test_newsroom_theme_is_linted_by_path(sample: Path) -> None:
    theme = sample / "theme"
    theme.mkdir()
    (theme / "site.css").write_text(".a { margin-left: 1px }\n", encoding="utf-8")
    (theme / "page.html").write_text('<html lang="en"></html>\n', encoding="utf-8")
    set_check_config(sample, '[tool.i18nnews.check]\ntheme = ["theme/**/*.css", "theme/*.html"]\n')
    result = check(sample, "--select", "RTL", "--format", "json")
    assert result.exit_code == 0, result.output  # warnings only
    found = [
        (f["check_id"], f["path"], f["line"], f["column"])
        for f in json.loads(result.stdout)["findings"]
    ]
    assert found == [("RTL310", "theme/page.html", 1, 1), ("RTL301", "theme/site.css", 1, 6)]
    only_css = check(sample, "--select", "RTL", "--format", "json", str(theme / "site.css"))
    assert [f["path"] for f in json.loads(only_css.stdout)["findings"]] == ["theme/site.css"]

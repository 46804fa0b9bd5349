from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from datetime import timedelta
from pathlib import Path

import pytest
from helpers import DATA, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from i18n_news.config import (
    BuildConfig,
    CheckScope,
    Threshold,
    did_you_mean,
    load_config,
    toml_key_lines,
    toml_lines,
)
from i18n_news.errors import I18nNewsError
from i18n_news.site.build import resolve_base_urls

BAD = sorted((DATA / "config").glob("bad.*.toml"))


def _expected(path: Path) -> tuple[int, str]:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    line, message = first.removeprefix("# expect: ").split(": ", 1)
    return int(line), message


@pytest.mark.parametrize("path", BAD, ids=[p.name for p in BAD])
def test_bad_config_names_file_and_line(path: Path, tmp_path: Path) -> None:
    target = tmp_path / "i18nnews.toml"
    target.write_bytes(path.read_bytes())
    line, message = _expected(path)
    with pytest.raises(I18nNewsError) as info:
        load_config(target)
    err = info.value
    assert err.path == str(target)
    assert (err.line or 0) == line
    assert message in err.message
    assert str(err).startswith(f"{target}:{line}: " if line else f"{target}: ")


def test_sample_config() -> None:
    config = load_config(ROOT / "pyproject.toml")
    assert config.source_edition == "en"
    assert list(config.editions) == ["en", "ar", "es"]
    ar = config.editions["ar"]
    assert (ar.locale, ar.direction, ar.digits, ar.timezone) == (
        "ar_LB",
        "rtl",
        "arab",
        "Asia/Beirut",
    )
    assert config.editions["es"].direction == "ltr"
    assert config.parity.required == ("en", "ar", "es")
    assert config.parity.grace == timedelta(hours=6)
    assert config.content_dir == ROOT / "content"
    assert config.catalog_path("ar", "articles/k") == ROOT / "locales/ar/LC_MESSAGES/articles/k.po"


def test_minimal_config_defaults(tmp_path: Path) -> None:
    target = tmp_path / "i18nnews.toml"
    target.write_bytes((DATA / "config" / "good.minimal.toml").read_bytes())
    config = load_config(target)
    assert config.editions["ar"].direction == "rtl"  # derived from the locale
    assert config.editions["en"].timezone == "UTC"
    assert config.parity.required == ("en", "ar")
    assert config.site_url is None


def test_pyproject_key_lines_are_offset(tmp_path: Path) -> None:
    target = tmp_path / "pyproject.toml"
    target.write_text(
        '[project]\nname = "x"\n\n[tool.i18nnews]\nsource_edition = "en"\n'
        '[tool.i18nnews.editions.en]\nlocale = "en"\nbogus = 1\n',
        encoding="utf-8",
    )
    with pytest.raises(I18nNewsError) as info:
        load_config(target)
    assert info.value.line == 8
    assert "editions.en.bogus" in info.value.message


def test_pyproject_without_table(tmp_path: Path) -> None:
    target = tmp_path / "pyproject.toml"
    target.write_text('[project]\nname = "x"\n', encoding="utf-8")
    with pytest.raises(I18nNewsError, match=r"no \[tool.i18nnews\] table"):
        load_config(target)


def test_missing_and_directory(tmp_path: Path) -> None:
    with pytest.raises(I18nNewsError, match="file not found"):
        load_config(tmp_path / "i18nnews.toml")
    (tmp_path / "d.toml").mkdir()
    with pytest.raises(I18nNewsError, match="is a directory"):
        load_config(tmp_path / "d.toml")


# --------------------------------------------------------------------------
# Every command validates the whole configuration (issue 13 item 3)
# --------------------------------------------------------------------------


def _cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_COLOR="1", LC_ALL="C.UTF-8", COLUMNS="120")
    return subprocess.run(
        [sys.executable, "-m", "i18n_news", *args],
        check=False,
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "command",
    [["stats"], ["check"], ["update", "--check"], ["extract", "--check"], ["articles"], ["build"]],
    ids=" ".join,
)
def test_unknown_build_key_fails_every_command(sample: Path, command: list[str]) -> None:
    pyproject = sample / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8") + "\n[tool.i18nnews.build]\nbogus = 1\n"
    pyproject.write_text(text, encoding="utf-8")
    line = text.count("\n")
    result = _cli(sample, *command)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.startswith(
        f"{pyproject}:{line}: unknown key 'tool.i18nnews.build.bogus' (allowed here: base_url, "
    ), result.stderr
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_i18nnews_toml_names_its_own_keys(tmp_path: Path) -> None:
    (tmp_path / "i18nnews.toml").write_text(
        'source_edition = "en"\n[editions.en]\n[build]\nper_pgae = 20\n', encoding="utf-8"
    )
    result = _cli(tmp_path, "stats")
    assert result.returncode == 2
    assert result.stderr == (
        f"{tmp_path / 'i18nnews.toml'}:4: unknown key 'build.per_pgae'; did you mean 'per_page'? "
        "(allowed here: base_url, base_urls, descriptions, links, per_page)\n"
    )


PYPROJECT_HEAD = '[project]\nname = "x"\n\n[tool.i18nnews]\nsource_edition = "en"\n'


EN = "[tool.i18nnews.editions.en]\n"  # line 6, after PYPROJECT_HEAD


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        (EN + "[tool.i18nnews.build]\nper_page = 0\n", 8, "tool.i18nnews.build.per_page must be"),
        (EN + "[tool.i18nnews.parity]\ngrace = 6\n", 8, "tool.i18nnews.parity.grace: invalid"),
        (
            EN + "[tool.i18nnews.editions.es.dates]\nlist = 3\n",
            8,
            "tool.i18nnews.editions.es.dates.list: must be a non-empty string",
        ),
        (EN + "[tool.i18nnews.check]\nignore = [1]\n", 8, "tool.i18nnews.check.ignore: 1 is not"),
        (EN + "[tool.i18nnews.articles]\nspeed = 1\n", 8, "unknown key 'tool.i18nnews.articles."),
        ('site_url = "ftp://x"\n' + EN, 6, "'tool.i18nnews.site_url' must be an http(s) URL"),
        (EN + "[tool.i18nnews.extract]\nwidth = true\n", 8, "tool.i18nnews.extract.width must"),
    ],
)
def test_pyproject_messages_name_the_real_key_path(
    tmp_path: Path, body: str, line: int, message: str
) -> None:
    target = tmp_path / "pyproject.toml"
    target.write_text(PYPROJECT_HEAD + body, encoding="utf-8")
    with pytest.raises(I18nNewsError) as info:
        load_config(target)
    assert info.value.line == line, info.value
    assert info.value.message.startswith(message), info.value.message


def test_missing_key_in_pyproject_points_at_its_table(tmp_path: Path) -> None:
    target = tmp_path / "pyproject.toml"
    target.write_text('[project]\nname = "x"\n[tool.i18nnews]\nsource_edition = "en"\n')
    with pytest.raises(I18nNewsError) as info:
        load_config(target)
    assert str(info.value) == f"{target}:3: missing required key 'tool.i18nnews.editions'"


def test_typed_sections(tmp_path: Path) -> None:
    target = tmp_path / "i18nnews.toml"
    target.write_text(
        'source_edition = "en"\n'
        "[editions.en]\n[editions.ar]\nwords_per_minute = 150\n"
        "[articles]\nwords_per_minute = 220\n"
        '[build]\nbase_url = "https://x.test/{edition}/"\nper_page = 12\n'
        'links = { privacy = "/privacy/" }\ndescriptions = { ar = "أخبار" }\n'
        '[check]\nselect = ["po1", "PAR"]\nignore = "PO141"\nseverity = { rtl = "error" }\n'
        'fuzzy = "5%"\ntheme = ["theme/*.css"]\n'
        "[check.editions.ar]\nuntranslated = 2\n"
        '[check.paths."locales/*/LC_MESSAGES/articles/*.po"]\nuntranslated = "100%"\n',
        encoding="utf-8",
    )
    config = load_config(target)
    assert config.editions["en"].words_per_minute == 220  # [articles] is the default
    assert config.editions["ar"].words_per_minute == 150
    assert config.build == BuildConfig(
        base_url="https://x.test/{edition}/",
        per_page=12,
        links={"privacy": "/privacy/"},
        descriptions={"ar": "أخبار"},
    )
    check = config.check
    assert (check.select, check.ignore, check.theme) == (
        ("PO1", "PAR"),
        ("PO141",),
        ("theme/*.css",),
    )
    assert check.base == CheckScope(severity=(("RTL", "error"),), fuzzy=Threshold(None, 5.0))
    assert check.editions == {"ar": CheckScope(untranslated=Threshold(2))}
    assert check.paths == (
        ("locales/*/LC_MESSAGES/articles/*.po", CheckScope(untranslated=Threshold(None, 100.0))),
    )
    assert [p for p, _ in check.prefixes] == ["PO1", "PAR", "PO141", "RTL"]
    assert resolve_base_urls(config)["ar"] == "https://x.test/ar/"
    assert hash(config) == hash(load_config(target))
    with pytest.raises(TypeError):
        config.build.links["about"] = "/about/"  # type: ignore[index]


def test_base_url_message_names_the_files_table(tmp_path: Path) -> None:
    target = tmp_path / "i18nnews.toml"
    target.write_text('source_edition = "en"\n[editions.en]\n', encoding="utf-8")
    with pytest.raises(I18nNewsError, match=r"set site_url \(or \[build\] base_url\)"):
        resolve_base_urls(load_config(target))
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(PYPROJECT_HEAD + "[tool.i18nnews.editions.en]\n", encoding="utf-8")
    with pytest.raises(I18nNewsError, match=r"\(or \[tool\.i18nnews\.build\] base_url\)"):
        resolve_base_urls(load_config(pyproject))


def test_messages_with_real_key_paths_stay_translated() -> None:
    from i18n_news.ui import messages as ui

    ar, es = ui.translations("ar"), ui.translations("es")
    hint = "unknown key 'build.per_pgae'; did you mean 'per_page'? (allowed here: a, per_page)"
    assert ui.localize_message(hint, ar) == (
        "مفتاح غير معروف 'build.per_pgae'؛ هل تقصد 'per_page'؟ (المسموح هنا: a, per_page)"
    )
    assert ui.localize_message(
        "tool.i18nnews.editions.ar.direction must be 'ltr' or 'rtl'", es
    ) == ("tool.i18nnews.editions.ar.direction debe ser 'ltr' o 'rtl'")
    assert ui.localize_message("'tool.i18nnews.site_url' must be an http(s) URL", es) == (
        "'tool.i18nnews.site_url' debe ser una URL http(s)"
    )


def test_did_you_mean() -> None:
    assert did_you_mean("edition", ["editions", "extract"]) == "editions"
    assert did_you_mean("bogus", ["base_url", "per_page"]) is None


# --------------------------------------------------------------------------
# The TOML key -> line scanner
# --------------------------------------------------------------------------


def test_scanner_on_every_construct() -> None:
    text = (
        "# comment [x] = 1\n"  # 1
        'a = """\n'  # 2
        "[fake]\n"
        'k = "v" # not a key\n'
        '\\""" still inside\n'
        '"""\n'  # 6
        "b = '''[x]\n"  # 7
        "c = 1'''\n"
        '"quoted.key" = { x = 1, "y z".w = 2 }\n'  # 9
        "d = [\n"  # 10
        "  { e = 1 },  # an element, not a key\n"
        "  [2, 3],\n"
        "]\n"
        "dt = 1979-05-27 07:32:00Z\n"  # 14
        "[ t . 'u' ]\n"  # 15
        'v.w = "x"\n'
        "[[arr]]\n"  # 17
        "n = 1\n"
        "[arr.sub]\n"  # 19
        "m = 2\n"
        "[[arr]]\n"  # 21
        "n = 3\n"
        '"\\u0041" = 4\n'  # 23
    )
    assert tomllib.loads(text)
    found = toml_lines(text)
    assert found.keys == {
        ("a",): 2,
        ("b",): 7,
        ("quoted.key",): 9,
        ("quoted.key", "x"): 9,
        ("quoted.key", "y z"): 9,
        ("quoted.key", "y z", "w"): 9,
        ("d",): 10,
        ("dt",): 14,
        ("t",): 15,
        ("t", "u"): 15,
        ("t", "u", "v"): 16,
        ("t", "u", "v", "w"): 16,
        ("arr",): 17,
        ("arr", 0): 17,
        ("arr", 0, "n"): 18,
        ("arr", 0, "sub"): 19,
        ("arr", 0, "sub", "m"): 20,
        ("arr", 1): 21,
        ("arr", 1, "n"): 22,
        ("arr", 1, "A"): 23,
    }
    assert found.headers == (15, 17, 19, 21)


def test_scanner_never_raises_on_invalid_toml() -> None:
    assert toml_key_lines("a = 1\n[b\nc = ") == {("a",): 1}
    assert toml_key_lines('a = """never closed\nb = 1\n') == {("a",): 1}


_BARE = re.compile(r"[A-Za-z0-9_-]+")
NAMES = st.one_of(
    st.from_regex(r"[A-Za-z0-9_-]{1,6}", fullmatch=True),
    st.text(alphabet="ab.[]=#\"' \\é{},", max_size=5),
)
SCALARS = ["1", "-2.5e3", "true", "inf", "1979-05-27 07:32:00Z", "1979-05-27", "07:32:00"]
ML_BASIC = ["[x]", "k = 1", '"', '""', "# c", "'''", "[[y]]", "{", "}", '\\"""', "", "a.b = 2"]
ML_LITERAL = ["[x]", "k = 1", '"""', "'", "''", "# c", "\\", "[[y]]", "", "x = "]


class _Writer:
    """A TOML document written piece by piece, with the line of every key path it defines."""

    def __init__(self, data: st.DataObject) -> None:
        self.draw = data.draw
        self.text = ""
        self.expected: dict[tuple[str | int, ...], int] = {}
        self.arrays: set[tuple[str | int, ...]] = set()

    @property
    def line(self) -> int:
        return self.text.count("\n") + 1

    def key(self, name: str) -> str:
        style = self.draw(st.integers(0, 2))
        if style == 0 and _BARE.fullmatch(name):
            return name
        if style == 1 and "'" not in name:
            return f"'{name}'"
        return json.dumps(name)

    def keys(self, keys: tuple[str, ...]) -> str:
        dot = self.draw(st.sampled_from([".", " . ", ". "]))
        return dot.join(self.key(k) for k in keys)

    def define(self, path: tuple[str | int, ...]) -> None:
        self.expected.setdefault(path, self.line)

    def key_values(self, table: tuple[str | int, ...], names: list[str]) -> None:
        for name in names:
            subs = self.draw(st.lists(NAMES, unique=True, max_size=2))
            for keys in [(name, sub) for sub in subs] or [(name,)]:
                if self.draw(st.booleans()):
                    self.text += self.draw(st.sampled_from(["\n", "# k = 1 [x]\n", "  \n"]))
                for end in range(1, len(keys) + 1):
                    self.define(table + keys[:end])
                self.text += self.keys(keys) + " = "
                self.value(table + keys, depth=0, record=True)
                self.text += self.draw(st.sampled_from(["\n", "  # [x] = 1\n"]))

    def value(self, path: tuple[str | int, ...], depth: int, record: bool) -> None:
        kind = self.draw(st.sampled_from(["scalar", "string", "ml", "array", "inline"]))
        if kind == "array" and depth < 2:
            multiline = self.draw(st.booleans())
            self.text += "["
            count = self.draw(st.integers(0, 3))
            for i in range(count):
                if multiline:
                    self.text += self.draw(st.sampled_from(["\n  ", "\n  # a = [\n  "]))
                self.value(path, depth + 1, record=False)
                if i < count - 1 or self.draw(st.booleans()):
                    self.text += ", "
            self.text += "\n]" if multiline else "]"
        elif kind == "inline" and depth < 2:
            self.text += "{ "
            for i, name in enumerate(self.draw(st.lists(NAMES, unique=True, max_size=3))):
                self.text += ", " if i else ""
                if record:
                    self.define((*path, name))
                self.text += self.key(name) + " = "
                self.value((*path, name), depth + 1, record)
            self.text += " }"
        elif kind == "ml":
            literal = self.draw(st.booleans())
            parts = self.draw(st.lists(st.sampled_from(ML_LITERAL if literal else ML_BASIC)))
            quote = "'''" if literal else '"""'
            self.text += quote + "\n".join(parts) + quote
        elif kind == "string":
            text = self.draw(NAMES)
            self.text += (
                f"'{text}'" if "'" not in text and self.draw(st.booleans()) else json.dumps(text)
            )
        else:
            self.text += self.draw(st.sampled_from(SCALARS))

    def header(self, path: tuple[str | int, ...], keys: tuple[str, ...], array: bool) -> None:
        """``[keys]`` or ``[[keys]]``; ``path`` is where it leads (with array indices)."""
        inner = self.keys(keys)
        pad = self.draw(st.sampled_from(["", " "]))
        self.text += f"[[{pad}{inner}{pad}]]\n" if array else f"[{pad}{inner}{pad}]\n"

    def table(self, path: tuple[str | int, ...], keys: tuple[str, ...], depth: int) -> None:
        """A standard table with its keys and, maybe, sub-tables and arrays of tables."""
        names = self.draw(st.lists(NAMES, unique=True, max_size=6))
        split = self.draw(st.integers(0, len(names)))
        plain, subtables = names[:split], names[split:] if depth < 2 else []
        for end in range(1, len(path) + 1):
            self.define(path[:end])
        self.header(path, keys, array=False)
        self.key_values(path, plain)
        for name in subtables:
            if self.draw(st.booleans()):
                self.table((*path, name), (*keys, name), depth + 1)
            else:
                self.array_of_tables((*path, name), (*keys, name), depth + 1)

    def array_of_tables(
        self, path: tuple[str | int, ...], keys: tuple[str, ...], depth: int
    ) -> None:
        self.arrays.add(path)
        for index in range(self.draw(st.integers(1, 3))):
            for end in range(1, len(path) + 1):
                self.define(path[:end])
            self.define((*path, index))
            self.header(path, keys, array=True)
            names = self.draw(st.lists(NAMES, unique=True, max_size=3))
            self.key_values((*path, index), names)
            if depth < 2 and self.draw(st.booleans()):
                sub = self.draw(NAMES)
                while sub in names:  # a sub-table may not reuse a key of its element
                    sub += "_"
                self.table((*path, index, sub), (*keys, sub), depth + 1)


def _key_paths(value: object, arrays: set[tuple[str | int, ...]], path: tuple[str | int, ...] = ()):
    """Every key path tomllib's result holds (into arrays of tables, not into plain arrays)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*path, key)
            yield from _key_paths(item, arrays, (*path, key))
    elif isinstance(value, list) and path in arrays:
        for index, item in enumerate(value):
            yield (*path, index)
            yield from _key_paths(item, arrays, (*path, index))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_scanner_finds_every_key_path_tomllib_sees(data: st.DataObject) -> None:
    doc = _Writer(data)
    names = data.draw(st.lists(NAMES, unique=True, max_size=8))
    split = data.draw(st.integers(0, len(names)))
    doc.key_values((), names[:split])
    for name in names[split:]:
        choice = data.draw(st.sampled_from(["table", "array", "implicit"]))
        if choice == "table":
            doc.table((name,), (name,), depth=1)
        elif choice == "array":
            doc.array_of_tables((name,), (name,), depth=1)
        else:  # [a.b] defines a; [a] may still come after it
            sub = data.draw(NAMES)
            doc.table((name, sub), (name, sub), depth=2)
            if data.draw(st.booleans()):
                doc.header((name,), (name,), array=False)
    parsed = tomllib.loads(doc.text)
    assert set(_key_paths(parsed, doc.arrays)) == set(doc.expected), doc.text
    assert toml_key_lines(doc.text) == doc.expected, doc.text

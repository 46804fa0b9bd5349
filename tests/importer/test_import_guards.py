"""What `import` refuses, keeps and cleans up (issue 14 items 5, 8, 12, 13; issue 19 items 5, 9)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from import_helpers import EN, NOW

from i18n_news.config import Config
from i18n_news.errors import I18nNewsError
from i18n_news.importer import import_pages, parse_page
from i18n_news.sources.content import load_articles

ARTICLE = (
    '<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>{head}</head>'
    "<body><article><h1>{title}</h1>{byline}<p>{text}</p></article></body></html>"
)
ENGLISH = "The council approved the budget after a long debate on Tuesday evening."


def write(tmp_path: Path, name: str, **fields: str) -> Path:
    values = {"lang": "en", "title": "Budget approved", "head": "", "byline": "", "text": ENGLISH}
    values.update(fields)
    path = tmp_path / name
    path.write_text(ARTICLE.format(**values), encoding="utf-8")
    return path


def cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "i18n_news", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )


# issue 14, item 12: no article, no import ------------------------------------------------


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"hello\n", "refused: not an HTML page (no markup found)"),
        (b"<p>hello</p>", "refused: no article found (no headline, date, author or article text)"),
        (b"<html><body><div></div></body></html>", "refused: no article found"),
    ],
)
def test_a_file_with_no_article_signal_is_refused(
    data: bytes, reason: str, config: Config, tmp_path: Path
) -> None:
    source = tmp_path / "hello.html"
    source.write_bytes(data)
    with pytest.raises(I18nNewsError) as info:
        import_pages([source], "en", config, now=NOW)
    assert str(info.value).startswith(f"{source}: {reason}")
    assert not (config.content_dir / "en" / "imported").exists()


def test_plain_text_hello_on_the_command_line(config: Config, tmp_path: Path) -> None:
    source = tmp_path / "hello.html"
    source.write_bytes(b"hello")
    result = cli(config.root, "import", str(source), "--edition", "en")
    assert result.returncode == 2
    assert result.stderr.strip() == f"{source}: refused: not an HTML page (no markup found)"


# issue 14, item 5: JSON-LD too deep, a lone surrogate --------------------------------------


def test_jsonld_nested_past_1100_levels_is_a_warning(config: Config, tmp_path: Path) -> None:
    deep = "[" * 1200 + "]" * 1200
    source = write(
        tmp_path, "deep.html", head=f'<script type="application/ld+json">{deep}</script>'
    )
    [result] = import_pages([source], "en", config, now=NOW)
    assert any("nested too deeply" in w for w in result.warnings)
    assert result.title == "Budget approved"


def test_a_lone_surrogate_in_the_headline(config: Config, tmp_path: Path) -> None:
    jsonld = (
        '{"@type":"NewsArticle","headline":"Budget \\ud800 approved","datePublished":"2024-01-02"}'
    )
    source = write(
        tmp_path, "surrogate.html", head=f'<script type="application/ld+json">{jsonld}</script>'
    )
    [result] = import_pages([source], "en", config, now=NOW)
    assert result.title == "Budget \ufffd approved"
    text = (config.root / result.path).read_text(encoding="utf-8")
    assert 'title = "Budget \ufffd approved"' in text


# issue 14, item 8: only http(s) images ------------------------------------------------------


@pytest.mark.parametrize(
    "head",
    [
        '<meta property="og:image" content="en/politics/embargoed.md">',
        '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Budget approved",'
        '"image":"en/politics/embargoed.md"}</script>',
        '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Budget approved",'
        '"image":{"url":"../taxonomy.toml"}}</script>',
        '<meta property="og:image" content="file:///etc/passwd">',
    ],
)
def test_an_image_that_is_not_a_web_url_is_dropped(head: str) -> None:
    html = ARTICLE.format(lang="en", title="Budget approved", head=head, byline="", text=ENGLISH)
    assert parse_page(html.encode(), EN).image is None


def test_a_web_image_is_kept() -> None:
    head = '<meta property="og:image" content="https://cdn.example.org/a.jpg">'
    html = ARTICLE.format(lang="en", title="Budget approved", head=head, byline="", text=ENGLISH)
    found = parse_page(html.encode(), EN)
    assert found.image is not None and found.image.src == "https://cdn.example.org/a.jpg"


# issue 14, item 13: a killed import's temporary files --------------------------------------


def test_temp_files_of_a_killed_import_are_removed(config: Config, tmp_path: Path) -> None:
    folder = config.content_dir / "en" / "imported"
    folder.mkdir(parents=True)
    stale = folder / ".budget-approved.md.0123abcd.tmp"
    stale.write_text("half a file", encoding="utf-8")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    fresh = folder / ".other.md.89abcdef.tmp"  # a write under way in another command
    fresh.write_text("being written", encoding="utf-8")
    keep = folder / "notes.txt"
    keep.write_text("an editor's file", encoding="utf-8")
    import_pages(
        [write(tmp_path, "p.html", head='<meta name="date" content="2024-01-02">')],
        "en",
        config,
        now=NOW,
    )
    assert not stale.exists()
    assert fresh.exists() and keep.exists()


def test_a_killed_import_leaves_no_partial_file_and_the_next_cleans_up(
    config: Config, tmp_path: Path
) -> None:
    source = write(tmp_path, "p.html", head='<meta name="date" content="2024-01-02">')
    script = (
        "import os, sys\n"
        "import i18n_news.fs as fs\n"
        "real = os.replace\n"
        "def killed(src, dst):\n"
        "    os.kill(os.getpid(), 9)\n"
        "os.replace = killed\n"
        "from i18n_news.cli.app import main\n"
        f"sys.argv = ['i18nnews', 'import', {str(source)!r}, '--edition', 'en']\n"
        "main()\n"
    )
    killed = subprocess.run(
        [sys.executable, "-c", script], cwd=config.root, timeout=120, check=False
    )
    assert killed.returncode == -9
    folder = config.content_dir / "en" / "imported"
    temps = [p for p in folder.iterdir() if p.name.endswith(".tmp")]
    assert len(temps) == 1 and not any(p.suffix == ".md" for p in folder.iterdir())
    old = time.time() - 3600
    os.utime(temps[0], (old, old))
    result = cli(config.root, "import", str(source), "--edition", "en")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["budget-approved.md"]


# issue 19, item 9: the page's language and the edition's ------------------------------------


def test_a_page_in_another_language_is_refused(config: Config, tmp_path: Path) -> None:
    source = write(tmp_path, "de.html", lang="de", title="Haushalt beschlossen")
    with pytest.raises(I18nNewsError) as info:
        import_pages([source], "en", config, now=NOW)
    assert str(info.value) == (
        f"{source}: the page is in 'de' but the 'en' edition is in 'en': "
        "import it into an edition in 'de', or pass --any-language"
    )
    [result] = import_pages([source], "en", config, now=NOW, any_language=True)
    assert "the page is in 'de' but the 'en' edition is in 'en'" in result.warnings
    text = (config.root / result.path).read_text(encoding="utf-8")
    assert "# Imported page: language 'de'." in text


def test_language_mismatch_on_the_command_line(config: Config, tmp_path: Path) -> None:
    source = write(tmp_path, "es.html", lang="es", title="Presupuesto aprobado")
    result = cli(config.root, "import", str(source), "--edition", "en")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "--any-language" in result.stderr
    result = cli(config.root, "import", str(source), "--edition", "en", "--any-language")
    assert result.returncode == 0, result.stderr


# issue 19, item 5: a byline without Latin letters is kept ------------------------------------


def test_an_arabic_byline_is_kept(config: Config, tmp_path: Path) -> None:
    source = write(
        tmp_path,
        "ar.html",
        lang="ar",
        title="مهرجان للكتاب المستعمل في عمّان",
        head='<meta name="date" content="2022-05-05T22:17:36+03:00">',
        byline='<p class="byline">بقلم أسماء نصار</p>',
        text="يشارك أكثر من خمسين بائعًا في المهرجان الذي يستمر أسبوعًا كاملًا.",
    )
    [result] = import_pages([source], "ar", config, now=NOW)
    assert result.front_matter["author"] == "sm-nsr"
    assert (
        "author 'أسماء نصار' is not in the taxonomy: written as 'sm-nsr'; add "
        '[authors.sm-nsr] label = "أسماء نصار" to taxonomy.toml to show it as written'
    ) in result.warnings
    text = (config.root / result.path).read_text(encoding="utf-8")
    assert "# Byline on the page: أسماء نصار" in text
    errors: list[I18nNewsError] = []
    load_articles(config, edition="ar", errors=errors)  # `check` reports it until it is added
    assert [str(e) for e in errors] == [
        f"{result.path}:{_line(text, 'author')}: unknown author 'sm-nsr' (not in taxonomy.toml)"
    ]


def _line(text: str, key: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(f"{key} ="))

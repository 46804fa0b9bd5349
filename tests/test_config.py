from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from helpers import DATA, ROOT

from i18n_news.config import load_config
from i18n_news.errors import I18nNewsError

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

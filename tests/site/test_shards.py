"""Which shard renders a page, and the --shard option (i18n_news.site.shards)."""

from __future__ import annotations

import pytest

from i18n_news.errors import I18nNewsError
from i18n_news.site.shards import parse_shard, shard_of


def test_shard_is_a_hash_of_the_path_only() -> None:
    assert shard_of("ar/politics/x/index.html", 4) == shard_of("ar/politics/x/index.html", 4)
    spread = {shard_of(f"en/p/{i}/index.html", 4) for i in range(200)}
    assert spread == {1, 2, 3, 4}


@pytest.mark.parametrize("value", ["0/3", "4/3", "x", "1/0", "2-4"])
def test_bad_shard_values(value: str) -> None:
    with pytest.raises(I18nNewsError, match="--shard"):
        parse_shard(value)

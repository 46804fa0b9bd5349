"""The real sample newsroom is green; a 20,000-entry catalog is fast; every check is documented."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

from check_helpers import check
from helpers import ROOT

from i18n_news.checks.registry import load_all
from i18n_news.checks.runner import CatalogTask, check_catalog_file

AR_PLURAL = (
    "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
    "n%100>=11 ? 4 : 5);"
)


def test_sample_newsroom_is_green() -> None:
    result = check(ROOT, "--format", "json", now=None)
    summary = json.loads(result.stdout)["summary"]
    errors = [f for f in json.loads(result.stdout)["findings"] if f["severity"] == "error"]
    assert result.exit_code == 0 and summary["error"] == 0, errors


def big_catalog(entries: int) -> str:
    """A realistic Arabic catalog: placeholders, markup, plurals, comments, references."""
    fields = [
        "Project-Id-Version: big",
        "PO-Revision-Date: 2024-12-13 09:00+0200",
        "Last-Translator: Rania Haddad <rania@example.org>",
        "Language-Team: Arabic <ar@li.org>",
        "Language: ar",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=UTF-8",
        "Content-Transfer-Encoding: 8bit",
        f"Plural-Forms: {AR_PLURAL}",
    ]
    out = ['msgid ""\nmsgstr ""\n' + "".join(f'"{field}\\n"\n' for field in fields)]
    for i in range(entries):
        kind = i % 10
        if kind == 0:
            out.append(
                f'\n#: theme/article.html:{i}\n#, python-format\nmsgid "%(num)d Share {i}"\n'
                f'msgid_plural "%(num)d Shares {i}"\nmsgstr[0] "لا مشاركات {i}"\n'
                f'msgstr[1] "مشاركة واحدة {i}"\nmsgstr[2] "مشاركتان {i}"\n'
                f'msgstr[3] "%(num)d مشاركات {i}"\nmsgstr[4] "%(num)d مشاركة {i}"\n'
                f'msgstr[5] "%(num)d مشاركة {i}"\n'
            )
        elif kind < 3:
            out.append(
                f"\n#. Byline under the headline.\n#: theme/article.html:{i}\n#, python-format\n"
                f'msgid "By %(author)s, story {i}"\nmsgstr "بقلم %(author)s، القصة {i}"\n'
            )
        elif kind == 3:
            out.append(
                f'\n#: theme/base.html:{i}\nmsgid "Read <a href=\\"/s/{i}\\">the full story</a>"\n'
                f'msgstr "اقرأ <a href=\\"/s/{i}\\">القصة كاملة</a>"\n'
            )
        else:
            out.append(
                f'\n#: content/articles/{i}.md:3\nmsgctxt "p{i}"\n'
                f'msgid ""\n"Moscow says it is in contact with the new authorities, paragraph "\n'
                f'"number {i} of a long article that goes on for a while."\n'
                f'msgstr ""\n"تقول موسكو إنها على اتصال بالسلطات الجديدة، الفقرة رقم {i} "\n'
                f'"من مقال طويل يستمر لبعض الوقت."\n'
            )
    return "".join(out)


def test_twenty_thousand_entries_are_fast(tmp_path: Path) -> None:
    path = tmp_path / "big.po"
    path.write_text(big_catalog(20_000), encoding="utf-8")
    task = CatalogTask(str(path), "big.po", "ar", "ar")
    check_catalog_file(task)  # warm up imports and caches
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        outcome = check_catalog_file(task)
        best = min(best, time.perf_counter() - start)
    assert outcome.findings == []
    # Typically 0.3-0.6 s here; the bound leaves room for a busy CI machine.
    assert best < 2.5, f"checking 20,000 entries took {best:.2f} s"


def test_every_check_is_documented() -> None:
    checks = load_all()
    names = [spec.name for spec in checks.values()]
    assert len(set(names)) == len(names)
    for spec in checks.values():
        assert re.fullmatch(r"(PO|PAR|RTL)[0-9]{3}", spec.id)
        assert re.fullmatch(r"[a-z]+(?:-[a-z0-9]+)*", spec.name)
        assert spec.summary and spec.summary.endswith(".")
        for section in ("## What it does", "## Why is this bad?", "## Example"):
            assert section in spec.doc, (spec.id, section)


def test_docs_document_every_check() -> None:
    reference = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    missing = [check_id for check_id in load_all() if check_id not in reference]
    assert not missing, f"docs/checks.md does not document {missing}"

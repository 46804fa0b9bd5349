"""Shared by the tests of the catalog reader, writer and model (``tests/catalogs/``)."""

from __future__ import annotations

import difflib
import shutil
import subprocess
from pathlib import Path

import pytest

from i18n_news.catalogs.entry import POFile
from i18n_news.catalogs.reader import read_po

DATA = Path(__file__).resolve().parents[1] / "data" / "pofile"
FOREIGN = sorted((DATA / "foreign").iterdir())
MSGCAT = shutil.which("msgcat")
MSGMERGE = shutil.which("msgmerge")
needs_gettext = pytest.mark.skipif(
    MSGCAT is None or MSGMERGE is None, reason="GNU gettext tools are not installed"
)

AR_PLURAL_FORMS = (
    "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
    "n%100>=11 ? 4 : 5);"
)
HEADER_UTF8 = (
    "Project-Id-Version: i18n_news 0.1.0\n"
    "Language: ar\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
    f"Plural-Forms: {AR_PLURAL_FORMS}\n"
)

WORDS = (  # noqa: SIM905 - one sample sentence per language reads best as text
    "the news Syria Russia bases authorities talks agency Tartus Hmeimim statement "
    "روسيا على اتصال مع السلطات الجديدة في سوريا قواعدها العسكرية دقائق قراءة "
    "Rusia contacto nuevas autoridades señal mañana año ¿Qué? ¡Ya! "
).split()


def msgcat(data: bytes, tmp: Path, width: int = 79) -> bytes:
    """What GNU msgcat writes for ``data`` (the reference for fresh formatting)."""
    source = tmp / "in.po"
    target = tmp / "out.po"
    source.write_bytes(data)
    target.unlink(missing_ok=True)
    result = subprocess.run(
        [MSGCAT or "msgcat", "--force-po", "-w", str(width), "-o", str(target), str(source)],
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    return target.read_bytes()


def diff(a: bytes, b: bytes) -> str:
    return "\n".join(
        difflib.unified_diff(
            a.decode("utf-8", "replace").splitlines(),
            b.decode("utf-8", "replace").splitlines(),
            "ours",
            "msgcat",
            lineterm="",
        )
    )


def fresh(po: POFile) -> POFile:
    """Forget every entry's source lines so that all are formatted anew."""
    for entry in [po.header, *po.entries]:
        if entry is not None:
            entry.raw = None
    return po


def foreign(name: str) -> POFile:
    return read_po(DATA / "foreign" / name)

"""Copy this repository's theme catalogs into the package, so the wheel ships them.

The default theme's translations live where translators edit them,
``locales/<lang>/LC_MESSAGES/messages.po``; a newsroom that installs the
package finds them in ``i18n_news/theme/locales/`` (the fallback after its
own catalogs). ``tests/build/test_theme_catalogs.py`` fails while the two
differ. Run after translating:

    python scripts/sync_theme_catalogs.py
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "locales"
TARGET = ROOT / "i18n_news" / "theme" / "locales"


def pairs() -> list[tuple[Path, Path]]:
    """``(repository catalog, packaged copy)`` for every language with a theme catalog."""
    return [
        (po, TARGET / po.relative_to(SOURCE))
        for po in sorted(SOURCE.glob("*/LC_MESSAGES/messages.po"))
    ]


def main() -> int:
    wanted = {copy for _, copy in pairs()}
    changed = 0
    for source, copy in pairs():
        if copy.is_file() and copy.read_bytes() == source.read_bytes():
            continue
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, copy)
        print(f"updated {copy.relative_to(ROOT)}")
        changed += 1
    for stale in sorted(TARGET.glob("*/LC_MESSAGES/messages.po")):
        if stale not in wanted:
            stale.unlink()
            print(f"removed {stale.relative_to(ROOT)}")
            changed += 1
    if not changed:
        print("theme catalogs already in sync")
    return 0


if __name__ == "__main__":
    sys.exit(main())

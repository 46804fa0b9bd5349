"""Write the template of the toolkit's own messages, ``i18n_news/ui/locales/i18nnews.pot``.

Three sources, in this order:

* ``_()``, ``ngettext()`` and ``N_()`` calls (Babel's Python extractor) in the
  modules that import them from :mod:`i18n_news.ui.messages`;
* the dashboard template ``i18n_news/report/dashboard.html`` (Jinja);
* the command-line help (:func:`i18n_news.cli.help.cli_help_messages`): the
  app's and every command's docstring, paragraph by paragraph, and every
  option's help; the headings of the help screen are ``N_()`` marks in
  :mod:`i18n_news.cli.help`.

The output is deterministic (no creation date), so ``--check`` can prove in CI
that the template is in sync with the sources (``tests/cli/test_cli_i18n.py``
does). After a change, merge into the translations with GNU gettext:

    python scripts/extract_cli_messages.py
    cd i18n_news/ui/locales
    msgmerge -U ar/LC_MESSAGES/i18nnews.po i18nnews.pot  # and es/…
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "i18n_news"
POT = PACKAGE / "ui" / "locales" / "i18nnews.pot"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}

HEADER = """\
# Messages of the i18nnews command line and its dashboard.
# Written by scripts/extract_cli_messages.py; do not edit by hand.
#
msgid ""
msgstr ""
"Project-Id-Version: i18nnews\\n"
"Report-Msgid-Bugs-To: \\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"""


UI_MODULE = PACKAGE / "ui" / "messages.py"


def _python_sources() -> list[Path]:
    return [
        p
        for p in sorted(PACKAGE.rglob("*.py"))
        if p != UI_MODULE and "from i18n_news.ui.messages import" in p.read_text(encoding="utf-8")
    ] + [UI_MODULE]


def collect() -> dict[tuple[str, str | None], tuple[list[str], list[str]]]:
    """``{(msgid, msgid_plural): (references, comments)}`` in extraction order."""
    from babel.messages.extract import extract_from_file
    from jinja2.ext import babel_extract

    sys.path.insert(0, str(ROOT))
    import typer.main

    from i18n_news.cli.app import app
    from i18n_news.cli.help import cli_help_messages

    found: dict[tuple[str, str | None], tuple[list[str], list[str]]] = {}

    def add(msgid: str | tuple[str, ...], ref: str, comments: list[str]) -> None:
        if isinstance(msgid, tuple):
            key = (msgid[0], msgid[1] if len(msgid) > 1 else None)
        else:
            key = (msgid, None)
        if not key[0]:
            return
        refs, notes = found.setdefault(key, ([], []))
        if ref not in refs:
            refs.append(ref)
        notes.extend(c for c in comments if c not in notes)

    for path in _python_sources():
        rel = path.relative_to(ROOT).as_posix()
        for _lineno, msg, comments, _ctx in extract_from_file(
            "python", path, keywords=KEYWORDS, comment_tags=("L10N:",)
        ):
            add(msg, rel, comments)  # file only (xgettext --add-location=file): stable
    template = PACKAGE / "report" / "dashboard.html"
    rel = template.relative_to(ROOT).as_posix()
    with template.open("rb") as fh:
        for _lineno, _func, msg, comments in babel_extract(
            fh, ("_", "gettext", "ngettext"), ("L10N:",), {"trimmed": "false"}
        ):
            msgid = msg if isinstance(msg, str) else tuple(m for m in msg if m)
            add(msgid, rel, comments)
    for msgid, where in cli_help_messages(typer.main.get_command(app)):
        add(msgid, where, [])
    return found


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def render() -> str:
    out = [HEADER]
    for (msgid, plural), (refs, comments) in collect().items():
        out.append("")
        out.extend(f"#. {c}" for c in comments)
        out.extend(f"#: {r}" for r in refs)
        if "%(" in msgid or (plural and "%(" in plural):
            out.append("#, python-format")
        elif "{" in msgid:
            out.append("#, python-brace-format")
        out.append(f"msgid {_quote(msgid)}")
        if plural:
            out.append(f"msgid_plural {_quote(plural)}")
            out.append('msgstr[0] ""')
            out.append('msgstr[1] ""')
        else:
            out.append('msgstr ""')
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    text = render()
    current = POT.read_text(encoding="utf-8") if POT.is_file() else None
    if "--check" in argv:
        if current != text:
            print(
                f"{POT.relative_to(ROOT)} is out of date: "
                "run python scripts/extract_cli_messages.py"
            )
            return 1
        return 0
    if current != text:
        POT.parent.mkdir(parents=True, exist_ok=True)
        POT.write_text(text, encoding="utf-8")
        print(f"{POT.relative_to(ROOT)}: written")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

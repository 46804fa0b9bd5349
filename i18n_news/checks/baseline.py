"""Baselines: adopt ``check`` on an old newsroom by recording today's findings.

A finding's fingerprint is its check ID, its file and its message with every
number replaced by ``#``: it survives lines moving up and down (and counts
that change, such as "12 of 80 entries are fuzzy"), and changes when the
finding is about another message. A baseline stores fingerprints with their
count, so a second identical problem in the same file is new.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from i18n_news.errors import I18nNewsError
from i18n_news.fs import read_text
from i18n_news.model import Finding

__all__ = ["apply_baseline", "fingerprint", "read_baseline", "render_baseline"]

FORMAT_VERSION = 1
_NUMBER = re.compile(r"[0-9]+")


def fingerprint(f: Finding) -> str:
    """A stable identity for a finding across line shifts.

    >>> from i18n_news.model import Severity
    >>> a = Finding("PO130", Severity.WARNING, "x.po", 3, "12 of 80 entries are fuzzy")
    >>> b = Finding("PO130", Severity.WARNING, "x.po", 9, "13 of 81 entries are fuzzy")
    >>> fingerprint(a) == fingerprint(b)
    True
    """
    message = " ".join(_NUMBER.sub("#", f.message).split())
    payload = "\0".join((f.check_id, f.path, message))
    import hashlib  # loads OpenSSL: only reports that print fingerprints need it

    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:20]


def render_baseline(findings: Iterable[Finding]) -> str:
    """The baseline file for ``findings``: JSON, sorted, without line numbers (diff-friendly)."""
    rows = sorted(
        (
            {
                "fingerprint": fingerprint(f),
                "check_id": f.check_id,
                "path": f.path,
                "message": f.message,
            }
            for f in findings
        ),
        key=lambda r: (r["path"], r["check_id"], r["fingerprint"], r["message"]),
    )
    data = {"version": FORMAT_VERSION, "tool": "i18nnews", "findings": rows}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def read_baseline(path: Path) -> Counter[str]:
    """Fingerprint counts from a baseline file; a bad file is an ``I18nNewsError``."""
    if not path.exists():
        raise I18nNewsError("baseline file not found (write one with --write-baseline)", path)
    try:
        data = json.loads(read_text(path, "baseline file"))
    except json.JSONDecodeError as exc:
        raise I18nNewsError(f"not a baseline (invalid JSON: {exc.msg})", path, exc.lineno) from None
    rows = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(rows, list) or data.get("version") != FORMAT_VERSION:
        raise I18nNewsError(f"not an i18nnews baseline (version {FORMAT_VERSION})", path, 1)
    counts: Counter[str] = Counter()
    for row in rows:
        if not isinstance(row, dict) or not isinstance(row.get("fingerprint"), str):
            raise I18nNewsError("baseline entry without a fingerprint", path)
        counts[row["fingerprint"]] += 1
    return counts


def apply_baseline(findings: Iterable[Finding], known: Counter[str]) -> tuple[list[Finding], int]:
    """``(new findings, how many the baseline absorbed)``; order is kept."""
    remaining = Counter(known)
    new: list[Finding] = []
    absorbed = 0
    for f in findings:
        key = fingerprint(f)
        if remaining[key] > 0:
            remaining[key] -= 1
            absorbed += 1
        else:
            new.append(f)
    return new, absorbed

#!/usr/bin/env bash
# Competitors for bench/run.py that are not project dependencies: translate-toolkit
# (pofilter) and rspolib, in a separate virtualenv so they never mix with the
# project's. GNU gettext (msgfmt, msgmerge, msgcat) comes from scripts/setup.sh.
# Safe to run again.
set -euo pipefail
venv=${BENCH_VENV:-/tmp/bench-venv}
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install -q translate-toolkit rspolib
"$venv/bin/pofilter" --version

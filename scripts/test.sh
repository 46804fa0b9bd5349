#!/usr/bin/env bash
# Set up (scripts/setup.sh), lint and type-check, then run the whole test suite.
# The linters run first and any finding fails the run: ruff (pyproject's
# [tool.ruff] rules, then the formatter's check) and mypy ([tool.mypy]).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
lint() {
  echo "test.sh: $*" >&2
  if ! "$@"; then
    echo "test.sh: '$*' failed: fix its findings before the tests run" >&2
    exit 1
  fi
}
lint .venv/bin/ruff check .
lint .venv/bin/ruff format --check .
lint .venv/bin/mypy
rc=0
.venv/bin/python -m pytest "$@" || rc=$?
if [ "$rc" -eq 5 ]; then
  echo "test.sh: pytest collected no tests" >&2
  exit 1
fi
exit "$rc"

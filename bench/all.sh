#!/usr/bin/env bash
# Every benchmark of issue 8, one after the other, on a fresh machine:
# the project (scripts/setup.sh: .venv, GNU gettext), Hugo from Debian, the
# competitors that are not project dependencies (bench/setup.sh), then the
# catalog tables (bench/run.py -> bench/results.json) and the build tables
# against Hugo plus the cost table (bench/build.py -> bench/build-results.json).
# About 45 minutes on a 2-core machine. Results: bench/README.md, bench/BUILD.md.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
if ! command -v hugo >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends hugo >/dev/null
fi
bash bench/setup.sh

.venv/bin/python bench/run.py
.venv/bin/python bench/build.py --stories 3000 --repeat 3
.venv/bin/python bench/build.py --sizes 1000,3000,10000 --repeat 1

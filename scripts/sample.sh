#!/usr/bin/env bash
# Set up (scripts/setup.sh) and run the main job on the bundled sample newsroom:
# templates and catalogs in sync, catalogs compiled, progress shown.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"
set -x
i18nnews check
i18nnews extract --check
i18nnews update --check
i18nnews compile
i18nnews stats
i18nnews build

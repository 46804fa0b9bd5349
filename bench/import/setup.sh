#!/usr/bin/env bash
# The peers of bench/import/run.py, in a virtualenv of their own (they are not
# dependencies of i18n_news), and their released sdists, whose test data are
# the harness's cases. Pinned: the results file records these versions.
# Safe to run again.
set -euo pipefail
venv=${IMPORT_PEERS_VENV:-/tmp/i18nnews-import-peers}
cache=${IMPORT_BENCH_CACHE:-/tmp/i18nnews-import-bench}
peers=(htmldate==1.11.0 trafilatura==2.3.1 newspaper4k==0.9.6)
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q -U pip   # older pips fail on newspaper4k's lxml extras
fi
# pytest: the peers' test modules import it; cases.py reads their assertions from them.
"$venv/bin/python" -m pip install -q "${peers[@]}" pytest
mkdir -p "$cache"
for peer in "${peers[@]}"; do
  name=${peer%%==*}; version=${peer##*==}
  if [ ! -d "$cache/$name-$version" ]; then
    "$venv/bin/python" -m pip download -q --no-binary :all: --no-deps "$peer" -d "$cache"
    tar xzf "$cache/$name-$version.tar.gz" -C "$cache"
  fi
done
ls -d "$cache"/*/

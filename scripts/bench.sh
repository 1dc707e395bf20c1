#!/usr/bin/env bash
# `npm run bench`: every benchmark in bench/, each printing its figures. Not a test: no pass/fail
# beyond "it ran"; targets are printed beside the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh --with-browser
bash scripts/build-if-stale.sh
mkdir -p bench/results
for f in bench/*.bench.ts; do
  printf '\n\033[1m== %s ==\033[0m\n' "$f"
  npx tsx "$f"
done

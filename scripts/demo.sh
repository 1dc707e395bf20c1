#!/usr/bin/env bash
# `npm run demo`: the console on the embedded demo mesh. Extra arguments go to the launcher,
# e.g. `npm run demo -- --mesh large --workloads 1000 --namespaces 100`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/build-if-stale.sh
exec node --import tsx demo/launcher.ts "$@"

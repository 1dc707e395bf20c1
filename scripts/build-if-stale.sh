#!/usr/bin/env bash
# Builds the console unless .next is newer than every source file it is made from.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=.next/BUILD_ID
if [ -f "$stamp" ] && [ -z "$(find app components server public package-lock.json next.config.ts -newer "$stamp" -print -quit 2>/dev/null)" ]; then
  exit 0
fi
echo "[meshscope] Building the console (next build)…"
npx next build >/tmp/meshscope-build.log 2>&1 || { cat /tmp/meshscope-build.log; exit 1; }

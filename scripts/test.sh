#!/usr/bin/env bash
# `npm test`: every check and test. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh --with-browser
command -v kubectl >/dev/null || { echo "[meshscope] kubectl is required by the integration tests: install kubectl 1.28+ and run npm test again." >&2; exit 1; }

step() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }

step "Type check"
npx tsc --noEmit
step "Lint (zero warnings)"
npx eslint --max-warnings 0 .
step "Format"
npx prettier --check . >/dev/null || { npx prettier --check . ; exit 1; }
step "Unit tests"
npx vitest run --project unit
step "Integration tests (real Prometheus, kubectl, client-node, trace API)"
npx vitest run --project integration
step "Build the console"
npx next build
step "End-to-end tests (Playwright on Debian's chromium, against the demo)"
npx playwright test

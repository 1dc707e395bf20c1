#!/usr/bin/env bash
# Installs what `npm run demo` and `npm test` need on a fresh Debian machine, and says clearly
# what to do where it cannot. Usage: scripts/ensure-deps.sh [--with-browser]
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[meshscope]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[meshscope] %s\033[0m\n' "$*" >&2; exit 1; }

need_browser=0
[ "${1:-}" = "--with-browser" ] && need_browser=1

# Node 20.9+ (Next.js 16's floor). The code also runs on Node 22 and 24.
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
[ "$node_major" -ge 20 ] || die "Node.js 20.9 or newer is required (found: $(node -v 2>/dev/null || echo none)). Install it from your distribution or nodejs.org."

# npm ci when node_modules is missing or older than the lock file.
if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "Installing npm packages (npm ci)…"
  if ! npm ci --no-audit --no-fund; then
    # A registry mirror without some platforms' optional packages can make `npm ci` refuse a
    # lock file that `npm install` accepts; install from the same lock without rewriting it.
    say "npm ci failed; retrying with npm install (the lock file is not rewritten)…"
    npm install --no-audit --no-fund --no-save || die "npm could not install the packages; see the errors above."
  fi
fi

apt_install() {
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    die "Missing: $*. Install it with your package manager (Debian/Ubuntu: sudo apt-get install -y $*) and run the command again."
  fi
  say "Installing $* with apt-get…"
  if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -print -quit 2>/dev/null)" ]; then
    apt-get update -qq
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null; } ||
    die "apt-get could not install $*; install it by hand and run the command again."
}

missing=()
command -v prometheus >/dev/null || missing+=(prometheus)
if [ "$need_browser" = 1 ] && ! command -v chromium >/dev/null; then missing+=(chromium); fi
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
command -v promtool >/dev/null || die "promtool is missing (it ships with Debian's prometheus package)."

if ! command -v kubectl >/dev/null; then
  say "kubectl is not installed: the console works without it, but the kubectl tests and examples need it (https://kubernetes.io/docs/tasks/tools/)."
fi

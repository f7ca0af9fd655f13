#!/usr/bin/env bash
# The whole test suite. Installs what the tests need when it is missing
# (PostgreSQL server binaries from Debian), then checks formatting and lints
# and runs every test. Tests start their own throwaway PostgreSQL cluster.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  echo "== installing PostgreSQL server binaries (Debian package postgresql)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
fi

# squawk (the PostgreSQL migration linter) checks every migration the
# evolution suite emits.
if [ ! -x node_modules/.bin/squawk ] && ! command -v squawk >/dev/null 2>&1; then
  echo "== installing squawk-cli (npm)"
  npm install --no-save --no-package-lock --no-audit --no-fund --prefix "$PWD" squawk-cli@2.66.0 >/dev/null
fi

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --all-targets --locked -- -D warnings
echo "== cargo test"
CI=true cargo test --locked

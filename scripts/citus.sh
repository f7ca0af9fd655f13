#!/usr/bin/env bash
# Builds and installs Citus into the Debian PostgreSQL 15 server when its
# citus.so is missing. Citus ships in no registry these machines reach, so its
# source comes from the vendor folder beside the project (SCHEMAC_CITUS_VENDOR,
# else ../shared/vendor or ../../shared/vendor): citus-13.2.2.tar.gz and the
# compatibility patch for PostgreSQL 15.20 headers. The server headers are
# installed at the exact minor version of the installed server, so the module
# is built for the server that loads it. The build is kept in a cache outside
# the repository and reused. Any failure stops here: the Citus tests never skip.
set -euo pipefail
cd "$(dirname "$0")/.."

CITUS_VERSION=13.2.2
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
fail() { echo "citus: $*" >&2; exit 1; }

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bindir/postgres" ] || fail "no PostgreSQL server binaries found (looked in ${bindir:-/usr/lib/postgresql/*/bin})"
major=$("$bindir/postgres" --version | sed -E 's/.* ([0-9]+)\.([0-9]+).*/\1/')
pkglibdir=$("$bindir/pg_config" --pkglibdir 2>/dev/null || echo /usr/lib/postgresql/$major/lib)
if [ -f "$pkglibdir/citus.so" ]; then
  exit 0
fi

vendor=${SCHEMAC_CITUS_VENDOR:-}
if [ -z "$vendor" ]; then
  for candidate in ../shared/vendor ../../shared/vendor; do
    if [ -f "$candidate/citus-$CITUS_VERSION.tar.gz" ]; then vendor=$candidate; break; fi
  done
fi
[ -n "$vendor" ] && [ -f "$vendor/citus-$CITUS_VERSION.tar.gz" ] \
  || fail "citus-$CITUS_VERSION.tar.gz not found: set SCHEMAC_CITUS_VENDOR to the folder holding it"
vendor=$(cd "$vendor" && pwd)

server=$(dpkg-query -W -f='${Version}' "postgresql-$major" 2>/dev/null) \
  || fail "postgresql-$major is not a Debian package here; install its server headers and Citus by hand"
needed=(libcurl4-openssl-dev liblz4-dev libzstd-dev libkrb5-dev libselinux1-dev libxslt1-dev
  libpam0g-dev libreadline-dev make gcc)
missing=()
[ "$(dpkg-query -W -f='${Version}' "postgresql-server-dev-$major" 2>/dev/null || true)" = "$server" ] \
  || missing+=("postgresql-server-dev-$major=$server")
for package in "${needed[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]} (Debian, to build Citus)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null \
    || fail "could not install ${missing[*]}"
fi

cache=${SCHEMAC_CITUS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/schemac/citus-$CITUS_VERSION-pg$server}
src=$cache/citus-$CITUS_VERSION
if [ ! -f "$src/src/backend/distributed/citus.so" ]; then
  echo "== building Citus $CITUS_VERSION for PostgreSQL $server (about 5 CPU-minutes, once)"
  rm -rf "$cache" && mkdir -p "$cache"
  tar xzf "$vendor/citus-$CITUS_VERSION.tar.gz" -C "$cache"
  [ -d "$src" ] || fail "the archive did not unpack into citus-$CITUS_VERSION"
  (cd "$src" && patch -p1 -s < "$vendor/citus-$CITUS_VERSION-pg15.20.patch") || fail "patch failed"
  (cd "$src" && ./configure --without-libcurl PG_CONFIG="$bindir/pg_config" >"$cache/configure.log" 2>&1) \
    || fail "configure failed, see $cache/configure.log"
  (cd "$src" && make -j"$(nproc)" >"$cache/make.log" 2>&1) || fail "make failed, see $cache/make.log"
fi
echo "== installing Citus $CITUS_VERSION into $pkglibdir"
(cd "$src" && as_root make install >"$cache/install.log" 2>&1) || fail "make install failed, see $cache/install.log"
[ -f "$pkglibdir/citus.so" ] || fail "make install did not put citus.so into $pkglibdir"

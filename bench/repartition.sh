#!/usr/bin/env bash
# Benchmark the repartitioning strategy: a plain tenant table with ROWS rows
# (two tenants) becomes monthly RANGE partitioned (with a default partition),
# and the down turns it back. Reports the plan with its lock levels, the wall
# time of `schemac apply` (the up), of the down file, and checks that every
# row is still there, per tenant, after each.
#
#   bench/repartition.sh                               # builds target/release/schemac
#   SCHEMAC_BIN=/path/to/schemac ROWS=100000 bench/repartition.sh
#
# Environment:
#   SCHEMAC_BIN     schemac binary (default: `cargo build --release`, then
#                   target/release/schemac); only PostgreSQL's time is measured
#   ROWS            rows in the table, split between two tenants (default 1000000)
#   SCHEMAC_PG_BIN  directory of initdb, pg_ctl and psql (default: the newest
#                   /usr/lib/postgresql/*/bin, else initdb on PATH)
#
# Starts a throwaway cluster (temp dir, free loopback port, trust auth, run as
# the postgres user when root) and always stops it. Writes the project and the
# logs to bench/out/repartition/ (gitignored) and the result table to standard
# output and bench/out/repartition-results.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
OUT=bench/out
WORK=$OUT/repartition
ROWS=${ROWS:-1000000}
RUNS=1
TIME=/usr/bin/time

# shellcheck source=bench/lib.sh
source bench/lib.sh
[[ $ROWS =~ ^[1-9][0-9]*$ ]] || die "ROWS=$ROWS is not a positive number"
require_tools_and_schemac

if [[ -n ${SCHEMAC_PG_BIN:-} ]]; then
    PG_BIN=$SCHEMAC_PG_BIN
elif d=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin 2>/dev/null | sort -V | tail -n 1) && [[ -n $d ]]; then
    PG_BIN=$d
elif d=$(command -v initdb); then
    PG_BIN=$(dirname "$d")
else
    die "PostgreSQL server binaries not found: install Debian's \`postgresql\` package or set SCHEMAC_PG_BIN"
fi
for b in initdb pg_ctl psql; do
    [[ -x $PG_BIN/$b ]] || die "$PG_BIN/$b not found"
done
as_pg() {
    if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

rm -rf "$WORK"
mkdir -p "$WORK/logs"
LOG=$WORK/logs

PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/schemac-repartition.XXXXXX")
PG_DATA=$PG_DIR/data
PG_STARTED=0
cleanup() {
    if [[ $PG_STARTED -eq 1 ]]; then
        as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PG_DIR"
}
trap cleanup EXIT
if [[ $(id -u) -eq 0 ]]; then chown postgres: "$PG_DIR"; fi
as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -A trust --no-sync -E UTF8 --locale=C \
    >"$LOG/initdb.log" 2>&1 || die "initdb failed, see $LOG/initdb.log"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# Durability settings as a production server has them: the copy is what is timed.
as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -w -t 60 -l "$PG_DIR/server.log" \
    -o "-p $PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_wal_size=4GB" \
    start >"$LOG/pg_ctl.log" 2>&1 || die "pg_ctl start failed: $(tail -n 5 "$PG_DIR/server.log")"
PG_STARTED=1
URL=postgres://postgres@127.0.0.1:$PORT/bench
sql() {
    PGOPTIONS='-c client_min_messages=warning' \
        "$PG_BIN/psql" -X -At -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres -d "$1" "${@:2}"
}
sql postgres -c 'CREATE DATABASE bench'
PG_VERSION=$(sql postgres -c 'show server_version')

P=$WORK/project
mkdir -p "$P/app"
cat >"$P/schemac.yaml" <<'EOF'
project: bench
tenancy:
  root: app.tenants
  setting: app.current_tenant_id
tiers:
  app: { database: bench }
EOF
cat >"$P/app/tenants.yaml" <<'EOF'
tables:
  tenants:
    columns:
      id: { type: uuid, primary_key: true, default: gen_random_uuid() }
      name: text
EOF
events() {
    cat <<EOF
tables:
  events:
    columns:
      id: { type: uuid, default: gen_random_uuid() }
      kind: text
      amount: integer
      created: timestamptz
    primary_key: [tenant_id, id, created]
    indexes:
      - [tenant_id, created desc]
$1
EOF
}
events "" >"$P/app/events.yaml"
(cd "$P" && "$SCHEMAC_BIN" emit --name init) >"$LOG/emit1.log" 2>&1 || die "emit v1 failed: $(tail -n 5 "$LOG/emit1.log")"
(cd "$P" && "$SCHEMAC_BIN" apply --db "app=$URL") >"$LOG/apply1.log" 2>&1 || die "apply v1 failed: $(tail -n 5 "$LOG/apply1.log")"

echo "bench: loading $ROWS rows for two tenants (PostgreSQL $PG_VERSION)" >&2
sql bench <<EOF
INSERT INTO tenants (id, name) VALUES
  ('00000000-0000-0000-0000-000000000001', 'one'),
  ('00000000-0000-0000-0000-000000000002', 'two');
INSERT INTO events (tenant_id, kind, amount, created)
SELECT ('00000000-0000-0000-0000-00000000000' || (1 + g % 2))::uuid,
       (ARRAY['open', 'click', 'bounce'])[1 + g % 3], g % 1000,
       timestamptz '2025-01-01' + (g % 420) * interval '1 day' + (g % 86400) * interval '1 second'
  FROM generate_series(1, $ROWS) g;
ANALYZE events;
EOF
per_tenant() {
    sql bench -c "SELECT string_agg(tenant_id || ':' || n || ':' || s, ' ' ORDER BY tenant_id) FROM (SELECT tenant_id, count(*) n, sum(amount) s FROM events GROUP BY tenant_id) x"
}
BEFORE=$(per_tenant)

events "    partition: { by: range(created), interval: month, from: 2025-01, count: 12, default: true }" >"$P/app/events.yaml"
(cd "$P" && "$SCHEMAC_BIN" plan --color never) >"$WORK/plan.txt" 2>&1 || [[ $? -eq 2 ]] || die "plan failed: $(tail -n 5 "$WORK/plan.txt")"
(cd "$P" && "$SCHEMAC_BIN" emit --name repartition) >"$LOG/emit2.log" 2>&1 || die "emit v2 failed: $(tail -n 5 "$LOG/emit2.log")"

up=$(run 0 apply-up "$SCHEMAC_BIN" apply --db "app=$URL" "$P")
read -r up_wall _ <<<"$up"
AFTER=$(per_tenant)
[[ $AFTER == "$BEFORE" ]] || die "rows changed by the up: before $BEFORE, after $AFTER"
parts=$(sql bench -c "SELECT count(*) FROM pg_inherits WHERE inhparent = 'events'::regclass")
in_default=$(sql bench -c "SELECT count(*) FROM events_default")

# The down of the repartitioning file(s), newest first, as one would roll back.
downs=$(find "$P/migrations/app" -name '0002_*.down.sql' | sort -r)
[[ -n $downs ]] || die "no down file for the repartitioning"
down_args=()
for f in $downs; do down_args+=(-f "$f"); done
down=$(PGOPTIONS='-c client_min_messages=warning' run 0 apply-down \
    "$PG_BIN/psql" -X -q -1 -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres -d bench "${down_args[@]}")
read -r down_wall _ <<<"$down"
BACK=$(per_tenant)
[[ $BACK == "$BEFORE" ]] || die "rows changed by the down: before $BEFORE, after $BACK"
kind=$(sql bench -c "SELECT relkind FROM pg_class WHERE oid = 'events'::regclass")
[[ $kind == r ]] || die "after the down, events is relkind $kind, not a plain table"

{
    echo "# repartitioning $ROWS rows (PostgreSQL $PG_VERSION)"
    echo
    echo "plain table → monthly RANGE partitions (12 months and a default), two tenants:"
    echo
    echo '```text'
    sed -n '/^tier/,/^$/p' "$WORK/plan.txt"
    echo '```'
    echo
    echo "| step | wall time | check |"
    echo "|---|---|---|"
    echo "| up (\`schemac apply\`) | ${up_wall} s | $parts partitions, $in_default rows in the default, rows per tenant unchanged |"
    echo "| down (its .down.sql) | ${down_wall} s | a plain table again, rows per tenant unchanged |"
    echo
    echo "load average at the end: $(cut -d ' ' -f 1-3 /proc/loadavg) on $(nproc) cores"
} | tee "$OUT/repartition-results.md"

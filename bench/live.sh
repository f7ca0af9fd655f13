#!/usr/bin/env bash
# Benchmark schemac against a live PostgreSQL: `inspect`, `plan --db --check`
# and `--prove` on databases created by `schemac apply` from a generated
# project, with `pg_dump --schema-only` and migra as references.
#
#   bench/live.sh                                  # builds target/release/schemac
#   SCHEMAC_BIN=/path/to/schemac bench/live.sh     # uses that binary, no build
#
# Environment:
#   SCHEMAC_BIN     schemac binary to measure (default: `cargo build --release`,
#                   then target/release/schemac)
#   TABLES_LIST     project sizes, in generated tables (default "1000 5000")
#   RUNS            runs per command; the median wall time and the max RSS are
#                   reported (default 3)
#   SCHEMAC_PG_BIN  directory of initdb, pg_ctl, psql and pg_dump (default:
#                   `pg_config --bindir`, else the newest
#                   /usr/lib/postgresql/*/bin, else initdb on PATH)
#   MIGRA           0 to skip migra (default 1: installed into bench/out/venv)
#   PG_SERVER_OPTS  extra server options, e.g. "-c max_locks_per_transaction=256"
#   WORKLOAD        `tiers` (default: the four-database project of gen.py) or
#                   `peer`: one database, side A and side B of peer_gen.py,
#                   schemac's plan --db A → B next to pg_dump, migra and
#                   pg-delta, and the plan applied and checked (bench/peer.sh)
#   PGDELTA         0 to skip pg-delta (peer; default 1: npm-installed into
#                   bench/out/pg-delta)
#
# Starts a throwaway cluster (temp dir, free loopback port, trust auth, run as
# the postgres user when root) and always stops it. Writes the projects, logs
# and the migra venv to bench/out/ (gitignored) and the result table to
# standard output and bench/out/live-results.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
OUT=bench/out
LIVE=$OUT/live
TABLES_LIST=${TABLES_LIST:-1000 5000}
RUNS=${RUNS:-3}
MIGRA=${MIGRA:-1}
WORKLOAD=${WORKLOAD:-tiers}
[[ $WORKLOAD == tiers || $WORKLOAD == peer ]] || { echo "bench: error: WORKLOAD=$WORKLOAD: tiers or peer" >&2; exit 1; }
TIME=/usr/bin/time

# shellcheck source=bench/lib.sh
source bench/lib.sh
for n in $TABLES_LIST; do
    [[ $n =~ ^[0-9]+$ ]] || die "TABLES_LIST=\"$TABLES_LIST\": \`$n\` is not a number"
done
require_tools_and_schemac

# ---------------------------------------------------------------------------
# PostgreSQL binaries

find_pg_bin() {
    if [[ -n ${SCHEMAC_PG_BIN:-} ]]; then
        echo "$SCHEMAC_PG_BIN"
        return
    fi
    local d
    if command -v pg_config >/dev/null && d=$(pg_config --bindir 2>/dev/null) && [[ -x $d/initdb ]]; then
        echo "$d"
        return
    fi
    d=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin 2>/dev/null | sort -V | tail -n 1)
    if [[ -n $d && -x $d/initdb ]]; then
        echo "$d"
        return
    fi
    if d=$(command -v initdb); then
        dirname "$d"
        return
    fi
    die "PostgreSQL server binaries not found (no initdb via pg_config --bindir, under" \
        "/usr/lib/postgresql/*/bin or on PATH): install Debian's \`postgresql\` package or set SCHEMAC_PG_BIN"
}
PG_BIN=$(find_pg_bin)
for b in initdb pg_ctl psql pg_dump; do
    [[ -x $PG_BIN/$b ]] || die "$PG_BIN/$b not found (SCHEMAC_PG_BIN=${SCHEMAC_PG_BIN:-unset})"
done

# The server refuses to run as root.
as_pg() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}
if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "running as root, but there is no \`postgres\` user to run the server as"
fi

mkdir -p "$OUT"
rm -rf "$LIVE"
mkdir -p "$LIVE"
LOG=$LIVE/logs
mkdir -p "$LOG"

# ---------------------------------------------------------------------------
# throwaway cluster

PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/schemac-live.XXXXXX")
PG_DATA=$PG_DIR/data
PG_STARTED=0
cleanup() {
    if [[ $PG_STARTED -eq 1 ]]; then
        as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 ||
            as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PG_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ $(id -u) -eq 0 ]]; then chown postgres: "$PG_DIR"; fi
as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -A trust --no-sync -E UTF8 --locale=C \
    >"$LOG/initdb.log" 2>&1 || die "initdb failed, see $LOG/initdb.log: $(tail -n 3 "$LOG/initdb.log")"

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# fsync off: the data is thrown away, and only catalog reads are timed.
# autovacuum off: when it analyzes the catalogs is up to chance, and the plans
# of the catalog queries depend on it (see `analyze_all` below).
# The lock table keeps its default size (max_locks_per_transaction 64), as on
# most servers: `apply` and `plan --db` must stay within it. pg_dump takes one
# lock per table, so a database of more than ~6000 tables needs
# PG_SERVER_OPTS="-c max_locks_per_transaction=256".
PORT=
for _ in 1 2 3 4 5; do
    p=$(free_port)
    if as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -w -t 60 -l "$PG_DIR/server.log" \
        -o "-p $p -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c autovacuum=off ${PG_SERVER_OPTS:-}" \
        start >"$LOG/pg_ctl.log" 2>&1; then
        PORT=$p
        PG_STARTED=1
        break
    fi
done
[[ -n $PORT ]] || die "pg_ctl start failed 5 times: $(tail -n 5 "$PG_DIR/server.log" 2>/dev/null)"
SERVER=postgres://postgres@127.0.0.1:$PORT
PG_VERSION=$("$PG_BIN/psql" -X -At -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -c 'show server_version')
echo "bench: PostgreSQL $PG_VERSION ($PG_BIN) on 127.0.0.1:$PORT, data in $PG_DATA" >&2

sql() {
    local db=$1
    shift
    PGOPTIONS='-c client_min_messages=warning' \
        "$PG_BIN/psql" -X -At -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres -d "$db" "$@"
}

# ---------------------------------------------------------------------------
# migra (optional reference)

MIGRA_BIN=
MIGRA_SKIP=
setup_migra() {
    local venv=$OUT/venv
    if [[ $MIGRA == 0 ]]; then
        MIGRA_SKIP="MIGRA=0"
        return
    fi
    if [[ ! -x $venv/bin/migra ]]; then
        echo "bench: installing migra into $venv" >&2
        rm -rf "$venv"
        if ! python3 -m venv "$venv" >"$LOG/venv.log" 2>&1; then
            MIGRA_SKIP="\`python3 -m venv\` failed (Debian: apt-get install python3-venv): $(tail -n 1 "$LOG/venv.log")"
            return
        fi
        # migra 3.0 (the last release) uses the SQLAlchemy 1.x API and pkg_resources.
        if ! "$venv/bin/pip" install --quiet --disable-pip-version-check \
            'migra==3.0.1663481299' 'sqlalchemy>=1.4,<2' psycopg2-binary setuptools \
            >>"$LOG/venv.log" 2>&1; then
            MIGRA_SKIP="pip install of migra failed: $(tail -n 1 "$LOG/venv.log")"
            return
        fi
    fi
    if ! "$venv/bin/migra" --help >"$LOG/migra-help.log" 2>&1; then
        MIGRA_SKIP="\`migra --help\` fails in $venv: $(tail -n 1 "$LOG/migra-help.log")"
        return
    fi
    MIGRA_BIN=$(cd "$venv/bin" && pwd)/migra
}
setup_migra
[[ -z $MIGRA_SKIP ]] || echo "bench: migra: not measured because $MIGRA_SKIP" >&2

# WORKLOAD=peer: the A → B comparison with migra and pg-delta (bench/peer.sh).
if [[ $WORKLOAD == peer ]]; then
    # shellcheck source=bench/peer.sh
    source bench/peer.sh
    exit 0
fi

# ---------------------------------------------------------------------------
# measurement (`run` and `median_of` are in bench/lib.sh)

# result rows grouped by command (LABELS in first-run order), so that the sizes
# of one command are next to each other
declare -A ROWS=()
declare -a LABELS=() NOTES=()
LOG_PREFIX=

# measure LABEL TABLES EXPECTED_RC PREPARE SOFT CMD...: RUNS runs; SOFT=1 turns
# a failure into a "not measured" note instead of stopping the script. @RUN@
# in CMD becomes the run number.
measure() {
    local label=$1 tables=$2 expected=$3 prepare=$4 soft=$5
    shift 5
    local walls=() rss_max=0 i line slug
    slug=$(printf '%s' "$LOG_PREFIX$label" | tr -cs 'a-zA-Z0-9' _)
    slug=${slug#_}
    slug=${slug%_}
    for ((i = 1; i <= RUNS; i++)); do
        [[ $prepare == - ]] || "$prepare"
        if ! line=$(run "$expected" "$slug-$i" "${@//@RUN@/$i}"); then
            [[ $soft -eq 1 ]] || exit 1
            local what=${label//\`/} err
            err=$(tail -n 1 "$LOG/$slug-$i.err")
            NOTES+=("${what%% *}: not measured because ${what} exited $(cat "$LOG/$slug-$i.rc"), expected $expected (see $LOG/$slug-$i.err)${err:+: $err}")
            echo "bench: ${NOTES[-1]}" >&2
            return 0
        fi
        take_sample "$label" "$i" "$line"
    done
    local median mb
    median=$(median_of "${walls[@]}")
    mb=$(mb_of "$rss_max")
    [[ -n ${ROWS[$label]:-} ]] || LABELS+=("$label")
    ROWS[$label]+="| $label | $tables | $median | $mb |"$'\n'
}

# VACUUM ANALYZE every tier database (catalogs included), outside the timed region.
analyze_all() {
    local db
    for db in "${DBS[@]}"; do
        sql "$db" -c "vacuum analyze"
    done
}

# ---------------------------------------------------------------------------
# per size

declare -a SCALE=()
for n in $TABLES_LIST; do
    P=$LIVE/p$n
    LOG_PREFIX="$n "
    python3 bench/gen.py "$P" --tables "$n" --variant 1 >/dev/null
    run 0 "emit-$n" "$SCHEMAC_BIN" --color never emit "$P" >/dev/null

    # "TIER DATABASE" per tier of schemac.yaml (database defaults to the tier name)
    mapfile -t TIERS < <(python3 - "$P/schemac.yaml" <<'EOF'
import re, sys
tier, out, inside = None, {}, False
for line in open(sys.argv[1]):
    if re.match(r"^tiers:\s*$", line):
        inside = True
        continue
    if inside and re.match(r"^\S", line):
        inside = False
    if not inside:
        continue
    m = re.match(r"^  ([A-Za-z0-9_]+):", line)
    if m:
        tier = m.group(1)
        out[tier] = tier
        continue
    m = re.match(r"^    database:\s*['\"]?([^'\"#\s]+)", line)
    if m and tier:
        out[tier] = m.group(1)
for t, d in out.items():
    print(t, d)
EOF
    )
    ((${#TIERS[@]} > 0)) || die "no tiers found in $P/schemac.yaml"

    # fresh databases (a size's databases replace the previous size's)
    EMPTY_DB=bench_empty
    DBS=()
    for td in "${TIERS[@]}"; do DBS+=("${td#* }"); done
    for db in "${DBS[@]}" "$EMPTY_DB"; do
        sql postgres -c "drop database if exists \"$db\"" -c "create database \"$db\""
    done

    # setup, timed once for information: the first migration of every tier
    APPLY_LABEL="\`schemac apply\` (${#DBS[@]} tiers, from empty, 1 run)"
    RUNS=1 measure "$APPLY_LABEL" @ALL_TABLES@ 0 - 0 \
        "$SCHEMAC_BIN" --color never apply "$P" --db "$SERVER"

    # scale: relations of the public schema, per database
    BIG_DB='' BIG_TIER='' BIG_TABLES=0 BIG_RELS=0 ALL_TABLES=0
    for td in "${TIERS[@]}"; do
        tier=${td%% *} db=${td#* }
        IFS='|' read -r rels tables parts indexes views < <(sql "$db" -c "
            select count(*),
                   count(*) filter (where relkind in ('r', 'p')),
                   count(*) filter (where relispartition and relkind in ('r', 'p')),
                   count(*) filter (where relkind in ('i', 'I')),
                   count(*) filter (where relkind in ('v', 'm'))
              from pg_class where relnamespace = 'public'::regnamespace")
        SCALE+=("| $n | $tier | \`$db\` | $rels | $tables | $parts | $indexes | $views |")
        ALL_TABLES=$((ALL_TABLES + tables))
        if ((tables > BIG_TABLES || (tables == BIG_TABLES && rels > BIG_RELS))); then
            BIG_DB=$db BIG_TIER=$tier BIG_RELS=$rels BIG_TABLES=$tables
        fi
    done
    ROWS[$APPLY_LABEL]=${ROWS[$APPLY_LABEL]//@ALL_TABLES@/$ALL_TABLES}
    echo "bench: $n generated tables: $ALL_TABLES tables in ${#DBS[@]} databases," \
        "biggest $BIG_DB ($BIG_TABLES tables, $BIG_RELS relations)" >&2

    # inspect writes one file per table: a new directory each run, none
    # removed before the end (on ext4, creating files right after removing
    # as many is slower with every round).
    INSPECT_OUT=$LIVE/inspect-$n-not-analyzed
    # Right after apply the catalogs have no statistics (autovacuum is off;
    # on a server it would analyze them some minutes later).
    measure "\`schemac inspect\` ($BIG_TIER, catalog not analyzed)" "$BIG_TABLES" 0 - 0 \
        "$SCHEMAC_BIN" --color never inspect --db "$SERVER/$BIG_DB" --out "$INSPECT_OUT-@RUN@"
    measure "\`pg_dump --schema-only\` ($BIG_TIER, catalog not analyzed)" "$BIG_TABLES" 0 - 0 \
        "$PG_BIN/pg_dump" --schema-only -h 127.0.0.1 -p "$PORT" -U postgres -d "$BIG_DB" -f /dev/null

    # From here on: a settled database, vacuumed and analyzed.
    analyze_all
    INSPECT_OUT=$LIVE/inspect-$n-analyzed
    measure "\`schemac inspect\` ($BIG_TIER)" "$BIG_TABLES" 0 - 0 \
        "$SCHEMAC_BIN" --color never inspect --db "$SERVER/$BIG_DB" --out "$INSPECT_OUT-@RUN@"
    measure "\`pg_dump --schema-only\` ($BIG_TIER)" "$BIG_TABLES" 0 - 0 \
        "$PG_BIN/pg_dump" --schema-only -h 127.0.0.1 -p "$PORT" -U postgres -d "$BIG_DB" -f /dev/null
    # shellcheck disable=SC2016 # expanded by the inner shell
    measure "\`pg_dump --schema-only\` (${#DBS[@]} databases, one after another)" "$ALL_TABLES" 0 - 0 \
        sh -c 'bin=$1 port=$2; shift 2; for db; do "$bin/pg_dump" --schema-only -h 127.0.0.1 -p "$port" -U postgres -d "$db" -f /dev/null || exit; done' \
        sh "$PG_BIN" "$PORT" "${DBS[@]}"
    if [[ -n $MIGRA_BIN ]]; then
        # exit 2: differences found, as expected against an empty database
        measure "\`migra --unsafe\` ($BIG_TIER vs empty)" "$BIG_TABLES" 2 - 1 \
            "$MIGRA_BIN" --unsafe "postgresql://postgres@127.0.0.1:$PORT/$BIG_DB" \
            "postgresql://postgres@127.0.0.1:$PORT/$EMPTY_DB"
    fi
    # plan --db builds the desired schema in a scratch schema and rolls it back,
    # leaving dead catalog rows: each run starts from a vacuumed catalog.
    # Exit 2 would be drift right after apply, a bug: the run stops and shows it.
    measure "\`schemac plan --db --check\` ($BIG_TIER)" "$BIG_TABLES" 0 analyze_all 0 \
        "$SCHEMAC_BIN" --color never plan "$P" --db "$SERVER/$BIG_DB" --tier "$BIG_TIER" --check
    measure "\`schemac plan --db --check\` (${#DBS[@]} tiers)" "$ALL_TABLES" 0 analyze_all 0 \
        "$SCHEMAC_BIN" --color never plan "$P" --db "$SERVER" --check

    # --prove: the plan of three hand-made changes runs first on a scratch copy
    # of the database (built from the live schema, checked against it, seeded
    # with 3 rows per table, read back, dropped). Exit 2: drift, proof passed.
    DRIFT_TABLE=$(sql "$BIG_DB" -c "select c.relname from pg_class c join pg_index i on i.indrelid = c.oid and not i.indisprimary and not i.indisunique
        where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and not c.relispartition order by c.relname limit 1")
    DRIFT_INDEX=$(sql "$BIG_DB" -c "select i.indexrelid::regclass from pg_index i where i.indrelid = 'public.\"$DRIFT_TABLE\"'::regclass
        and not i.indisprimary and not i.indisunique order by 1 limit 1")
    sql "$BIG_DB" -c "drop index $DRIFT_INDEX" -c "comment on table \"$DRIFT_TABLE\" is 'edited by hand'" \
        -c "alter table \"$DRIFT_TABLE\" no force row level security"
    measure "\`schemac plan --db --prove\` ($BIG_TIER, 3 hand-made changes)" "$BIG_TABLES" 2 analyze_all 0 \
        "$SCHEMAC_BIN" --color never plan "$P" --db "$SERVER/$BIG_DB" --tier "$BIG_TIER" --prove
    PLAN_FILE=$LIVE/repair-$n.json
    analyze_all
    run 2 "plan-out-$n" "$SCHEMAC_BIN" --color never plan "$P" --db "$SERVER/$BIG_DB" --tier "$BIG_TIER" --out "$PLAN_FILE" >/dev/null
    # The repair changes the database: one run.
    RUNS=1 measure "\`schemac apply --plan --prove\` ($BIG_TIER, the same repair, 1 run)" "$BIG_TABLES" 0 analyze_all 0 \
        "$SCHEMAC_BIN" --color never apply "$P" --db "$SERVER/$BIG_DB" --tier "$BIG_TIER" --plan "$PLAN_FILE" --prove
    analyze_all
    run 0 "repaired-$n" "$SCHEMAC_BIN" --color never plan "$P" --db "$SERVER/$BIG_DB" --tier "$BIG_TIER" --check >/dev/null
done

# ---------------------------------------------------------------------------
# report

[[ -z $MIGRA_SKIP ]] || NOTES+=("migra: not measured because $MIGRA_SKIP")
{
    echo "schemac $("$SCHEMAC_BIN" --version | awk '{print $2}') ($SCHEMAC_BIN)," \
        "PostgreSQL $PG_VERSION, $(nproc) cores, $(date -u +%Y-%m-%d), median of $RUNS runs, max RSS"
    echo
    echo "| size | tier | database | relations | tables (incl. partitions) | partitions | indexes | views |"
    echo "|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${SCALE[@]}"
    echo
    echo "| what | tables in the database | wall (s) | peak RSS (MB) |"
    echo "|---|---|---|---|"
    for label in "${LABELS[@]}"; do
        printf '%s' "${ROWS[$label]}"
    done
    if ((${#NOTES[@]} > 0)); then
        echo
        printf '%s\n' "${NOTES[@]}"
    fi
} | tee "$OUT/live-results.md"

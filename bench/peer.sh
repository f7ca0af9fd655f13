# shellcheck shell=bash
# The peer workload of bench/live.sh (WORKLOAD=peer), sourced by it once the
# throwaway cluster runs: for each size, side A and side B of
# bench/peer_gen.py as two databases, and the same A → B comparison for every
# tool, round by round:
#
#   pg_dump --schema-only of A            the catalog-read floor
#   schemac inspect --db A                reading A into YAML
#   schemac plan B.yaml --db A --out F    B's YAML (inspected from B) against A,
#                                         with an empty canonical-form cache (cold)
#                                         and again with the one it filled (warm)
#   migra --unsafe A B                    migra's A → B script
#   pgdelta plan --source A --desired B   pg-delta's A → B plan
#
# The plan schemac wrote in the last round is then applied to a copy of A,
# and `plan --db --check` on that copy must find nothing left: the plan
# applies and converges. Expects from live.sh: PG_BIN, PORT, SERVER, sql,
# run, take_sample, mb_of, median_of, LIVE, LOG, RUNS, TABLES_LIST,
# SCHEMAC_BIN, MIGRA_BIN, MIGRA_SKIP.

# pg-delta (optional, like migra): npm `@supabase/pg-delta` under bench/out.
PGDELTA_BIN=
PGDELTA_SKIP=
PGDELTA_VERSION=${PGDELTA_VERSION:-1.0.0-alpha.34}
setup_pgdelta() {
    local dir=$OUT/pg-delta
    if [[ ${PGDELTA:-1} == 0 ]]; then
        PGDELTA_SKIP="PGDELTA=0"
        return
    fi
    if [[ ! -x $dir/node_modules/.bin/pgdelta ]]; then
        if ! command -v npm >/dev/null; then
            PGDELTA_SKIP="npm not found (Node.js 20 or later)"
            return
        fi
        echo "bench: installing @supabase/pg-delta@$PGDELTA_VERSION into $dir" >&2
        mkdir -p "$dir"
        if ! npm install --no-audit --no-fund --prefix "$dir" "@supabase/pg-delta@$PGDELTA_VERSION" \
            >"$LOG/pgdelta-install.log" 2>&1; then
            PGDELTA_SKIP="npm install of @supabase/pg-delta failed: $(tail -n 1 "$LOG/pgdelta-install.log")"
            return
        fi
    fi
    if ! "$dir/node_modules/.bin/pgdelta" --help >"$LOG/pgdelta-help.log" 2>&1; then
        PGDELTA_SKIP="\`pgdelta --help\` fails: $(tail -n 1 "$LOG/pgdelta-help.log")"
        return
    fi
    PGDELTA_BIN=$(cd "$dir/node_modules/.bin" && pwd)/pgdelta
}
setup_pgdelta
[[ -z $PGDELTA_SKIP ]] || echo "bench: pg-delta: not measured because $PGDELTA_SKIP" >&2

PEER_ROWS=()
PEER_NOTES=()
PEER_CHECKS=()

# sample NAME RUN EXPECTED CMD...: one timed run; appends to the arrays
# WALL_<NAME> and keeps the highest RSS in RSS_<NAME>. A failing peer (not
# schemac) becomes a note instead of stopping the script.
sample() {
    local name=$1 i=$2 expected=$3
    shift 3
    local line wall rss
    if ! line=$(run "$expected" "peer-$n-$name-$i" "$@" 2>/dev/null); then
        case $name in
        migra | pgdelta)
            PEER_NOTES+=("$name at $n tables: not measured because it exited $(cat "$LOG/peer-$n-$name-$i.rc"), expected $expected: $(tail -n 1 "$LOG/peer-$n-$name-$i.err")")
            echo "bench: ${PEER_NOTES[-1]}" >&2
            eval "SKIP_$name=1"
            return 0
            ;;
        *)
            echo "bench: error: $name exited $(cat "$LOG/peer-$n-$name-$i.rc"), expected $expected; the end of its output:" >&2
            tail -n 40 "$LOG/peer-$n-$name-$i.err" "$LOG/peer-$n-$name-$i.out" >&2
            exit 1
            ;;
        esac
    fi
    read -r wall rss <<<"$line"
    eval "WALL_$name+=(\"$wall\")"
    local max_var="RSS_$name"
    if ((rss > ${!max_var:-0})); then eval "RSS_$name=$rss"; fi
    echo "bench: peer $n $name run $i: ${wall} s, $((rss / 1024)) MB" >&2
}

# cell NAME: "median (MB)" of NAME's samples, or "—" when not measured.
cell() {
    local name=$1 walls_var="WALL_$1[@]" rss_var="RSS_$1" skip_var="SKIP_$1"
    local walls=("${!walls_var}")
    if [[ -n ${!skip_var:-} || ${#walls[@]} -eq 0 ]]; then
        echo "—"
        return
    fi
    echo "$(median_of "${walls[@]}") s ($(mb_of "${!rss_var}") MB)"
}

median() {
    local walls_var="WALL_$1[@]" skip_var="SKIP_$1"
    local walls=("${!walls_var}")
    if [[ -n ${!skip_var:-} || ${#walls[@]} -eq 0 ]]; then
        echo ""
        return
    fi
    median_of "${walls[@]}"
}

ratio() {
    if [[ -z $1 || -z $2 ]]; then
        echo "—"
        return
    fi
    awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'
}

for n in $TABLES_LIST; do
    D=$LIVE/peer$n
    python3 bench/peer_gen.py "$D" --tables "$n" >/dev/null
    for db in peer_a peer_b peer_apply; do
        sql postgres -c "drop database if exists \"$db\""
    done
    sql postgres -c "create database peer_a"
    echo "bench: peer $n: loading side A" >&2
    run 0 "peer-$n-load-a" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" \
        -U postgres -d peer_a -f "$D/a.sql" >/dev/null
    sql postgres -c "create database peer_b template peer_a" -c "create database peer_apply template peer_a"
    run 0 "peer-$n-load-b" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" \
        -U postgres -d peer_b -f "$D/a-to-b.sql" >/dev/null
    for db in peer_a peer_b peer_apply; do sql "$db" -c "vacuum analyze"; done
    # B's YAML: what a project a release later holds.
    run 0 "peer-$n-inspect-b" "$SCHEMAC_BIN" --color never inspect --db "$SERVER/peer_b" --out "$D/b" >/dev/null
    TABLES_A=$(sql peer_a -c "select count(*) from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'p')")

    for name in pgdump inspect plan planwarm migra pgdelta; do
        eval "WALL_$name=()"
        eval "RSS_$name=0"
        eval "SKIP_$name="
    done
    # Interleaved: every tool once per round, the same order each round.
    for ((i = 1; i <= RUNS; i++)); do
        sample pgdump "$i" 0 "$PG_BIN/pg_dump" --schema-only -h 127.0.0.1 -p "$PORT" -U postgres -d peer_a -f /dev/null
        sample inspect "$i" 0 "$SCHEMAC_BIN" --color never inspect --db "$SERVER/peer_a" --out "$D/inspect-a-$i"
        # plan --db leaves dead catalog rows behind (its scratch schema is rolled back)
        sql peer_a -c "vacuum analyze"
        # Cold: an empty canonical-form cache. Warm: the same plan again, with
        # the cache the cold run filled (same YAML, same server).
        rm -rf "$D/cache-$i"
        sample plan "$i" 2 env SCHEMAC_CACHE_DIR="$D/cache-$i" \
            "$SCHEMAC_BIN" --color never plan "$D/b" --db "$SERVER/peer_a" --out "$D/plan-$i.json"
        sql peer_a -c "vacuum analyze"
        sample planwarm "$i" 2 env SCHEMAC_CACHE_DIR="$D/cache-$i" \
            "$SCHEMAC_BIN" --color never plan "$D/b" --db "$SERVER/peer_a" --out "$D/plan-warm-$i.json"
        cmp -s "$D/plan-$i.json" "$D/plan-warm-$i.json" ||
            die "peer $n round $i: the plan with a warm cache differs from the cold one ($D/plan-$i.json, $D/plan-warm-$i.json)"
        if [[ -n $MIGRA_BIN && -z ${SKIP_migra:-} ]]; then
            sample migra "$i" 2 "$MIGRA_BIN" --unsafe "postgresql://postgres@127.0.0.1:$PORT/peer_a" \
                "postgresql://postgres@127.0.0.1:$PORT/peer_b"
        fi
        if [[ -n $PGDELTA_BIN && -z ${SKIP_pgdelta:-} ]]; then
            sample pgdelta "$i" 0 "$PGDELTA_BIN" plan --source "postgresql://postgres@127.0.0.1:$PORT/peer_a" \
                --desired "postgresql://postgres@127.0.0.1:$PORT/peer_b" --out "$D/pgdelta-$i.json"
        fi
    done

    # Correctness: the last plan applies to a copy of A and leaves nothing to do.
    run 0 "peer-$n-apply" "$SCHEMAC_BIN" --color never apply "$D/b" --db "$SERVER/peer_apply" --plan "$D/plan-$RUNS.json" >/dev/null
    sql peer_apply -c "vacuum analyze"
    run 0 "peer-$n-converged" "$SCHEMAC_BIN" --color never plan "$D/b" --db "$SERVER/peer_apply" --check >/dev/null
    statements=$(grep -c '' "$LOG/peer-$n-plan-$RUNS.out" || true)
    PEER_CHECKS+=("$n tables: the plan (\`plan-$RUNS.json\`, $statements lines of output) applied to a copy of A; \`plan --db --check\` then exited 0.")

    p=$(median plan)
    PEER_ROWS+=("| $n | $TABLES_A | $(cell pgdump) | $(cell inspect) | $(cell plan) | $(cell planwarm) | $(cell migra) | $(cell pgdelta) | $(ratio "$p" "$(median pgdump)") | $(ratio "$(median planwarm)" "$(median pgdump)") | $(ratio "$(median migra)" "$p") | $(ratio "$(median pgdelta)" "$p") |")
done

[[ -z $MIGRA_SKIP ]] || PEER_NOTES+=("migra: not measured because $MIGRA_SKIP")
[[ -z $PGDELTA_SKIP ]] || PEER_NOTES+=("pg-delta: not measured because $PGDELTA_SKIP")
{
    echo "schemac $("$SCHEMAC_BIN" --version | awk '{print $2}') ($SCHEMAC_BIN)," \
        "PostgreSQL $PG_VERSION, $(nproc) cores, $(date -u +%Y-%m-%d), median of $RUNS interleaved rounds, max RSS," \
        "load average $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "| tables | relations r/p in A | pg_dump -s (A) | schemac inspect (A) | schemac plan --db A→B, cold | same, warm cache | migra A→B | pg-delta A→B | cold/pg_dump | warm/pg_dump | migra/cold | pg-delta/cold |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${PEER_ROWS[@]}"
    echo
    printf -- '- %s\n' "${PEER_CHECKS[@]}"
    if ((${#PEER_NOTES[@]} > 0)); then
        printf -- '- %s\n' "${PEER_NOTES[@]}"
    fi
} | tee "$OUT/peer-results.md"

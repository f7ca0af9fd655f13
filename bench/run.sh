#!/usr/bin/env bash
# Benchmark schemac check / emit / plan on a generated project.
#
#   bench/run.sh                                   # builds target/release/schemac
#   SCHEMAC_BIN=/path/to/schemac bench/run.sh      # uses that binary, no build
#
# Environment:
#   SCHEMAC_BIN  schemac binary to measure (default: `cargo build --release`,
#                then target/release/schemac)
#   TABLES       number of generated tables (default 5000)
#   RUNS         runs per command; the median wall time and the max RSS are
#                reported (default 3)
#
# Writes the projects and scratch copies to bench/out/ (gitignored) and the
# result table to standard output and bench/out/results.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
OUT=bench/out
TABLES=${TABLES:-5000}
RUNS=${RUNS:-3}
TIME=/usr/bin/time

# shellcheck source=bench/lib.sh
source bench/lib.sh
require_tools_and_schemac

mkdir -p "$OUT"
LOG=$OUT/logs
rm -rf "$LOG"
mkdir -p "$LOG"

# ---------------------------------------------------------------------------
# projects

V1_TABLES=$(python3 bench/gen.py "$OUT/v1" --tables "$TABLES" --variant 1)
V2_TABLES=$(python3 bench/gen.py "$OUT/v2" --tables "$TABLES" --variant 2)

# Scratch copies are made outside the timed region.
prepare_emit() {
    rm -rf "$OUT/emit"
    cp -r "$OUT/v1" "$OUT/emit"
}

# v1 emitted (so migrations/<tier>/schema.lock.json exists), then the YAML
# replaced by v2's, keeping the migrations folder.
prepare_plan() {
    rm -rf "$OUT/plan"
    cp -r "$OUT/v1" "$OUT/plan"
    run 0 plan-setup-emit "$SCHEMAC_BIN" --color never emit "$OUT/plan" >/dev/null
    find "$OUT/plan" -mindepth 1 -maxdepth 1 ! -name migrations -exec rm -rf {} +
    cp -r "$OUT/v2/." "$OUT/plan/"
    [[ -f $OUT/plan/migrations/oltp/schema.lock.json ]] || die "setup: no schema.lock.json after emit"
}

# ---------------------------------------------------------------------------
# measurements

declare -a ROWS=()

# measure LABEL TABLES TARGET_S TARGET_MB EXPECTED_RC PREPARE CMD...
measure() {
    local label=$1 tables=$2 target_s=$3 target_mb=$4 expected=$5 prepare=$6
    shift 6
    local walls=() rss_max=0 i line slug=${label#schemac }
    slug=${slug//[^a-zA-Z0-9]/_}
    for ((i = 1; i <= RUNS; i++)); do
        [[ $prepare == - ]] || "$prepare"
        line=$(run "$expected" "$slug-$i" "$@")
        take_sample "$label" "$i" "$line"
    done
    local median mb met
    median=$(median_of "${walls[@]}")
    mb=$(mb_of "$rss_max")
    met=$(awk -v w="$median" -v m="$mb" -v tw="$target_s" -v tm="$target_mb" \
        'BEGIN {print (w + 0 < tw + 0 && m + 0 < tm + 0) ? "yes" : "no"}')
    ROWS+=("| \`$label\` | $tables | $median | $mb | < $target_s s, < $target_mb MB | $met |")
}

measure "schemac check v1" "$V1_TABLES" 0.5 200 0 - \
    "$SCHEMAC_BIN" --color never check "$OUT/v1"
measure "schemac emit v1" "$V1_TABLES" 1 300 0 prepare_emit \
    "$SCHEMAC_BIN" --color never emit "$OUT/emit"
# Not one of the three targets, but what CI runs on a real project: since
# `check` verifies the migration folder it also reads schema.lock.json.
measure "schemac check v1+migrations" "$V1_TABLES" 0.5 200 0 - \
    "$SCHEMAC_BIN" --color never check "$OUT/emit"
prepare_plan
measure "schemac plan v1→v2" "$V1_TABLES → $V2_TABLES" 1 300 2 - \
    "$SCHEMAC_BIN" --color never plan "$OUT/plan"

# ---------------------------------------------------------------------------
# report

{
    echo "schemac $("$SCHEMAC_BIN" --version | awk '{print $2}') ($SCHEMAC_BIN)," \
        "$(nproc) cores, $(date -u +%Y-%m-%d), median of $RUNS runs, max RSS"
    echo
    echo "| command | tables | wall (s) | peak RSS (MB) | target | met? |"
    echo "|---|---|---|---|---|---|"
    printf '%s\n' "${ROWS[@]}"
} | tee "$OUT/results.md"

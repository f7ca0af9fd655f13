# shellcheck shell=bash
# Shared by bench/run.sh and bench/live.sh (sourced, not run). Expects ROOT,
# TIME and LOG to be set by the caller before `run` is used.

die() {
    echo "bench: error: $*" >&2
    exit 1
}

# Check the tools both scripts need and resolve SCHEMAC_BIN to an absolute
# path, building target/release/schemac when it is not set.
require_tools_and_schemac() {
    [[ -x $TIME ]] || die "$TIME not found: install it (Debian/Ubuntu: apt-get install time)"
    command -v python3 >/dev/null || die "python3 not found"
    [[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS=$RUNS is not a positive number"
    if [[ -z ${SCHEMAC_BIN:-} ]]; then
        echo "bench: building target/release/schemac (set SCHEMAC_BIN to skip)" >&2
        cargo build --release --quiet
        SCHEMAC_BIN=$ROOT/target/release/schemac
    fi
    [[ -x $SCHEMAC_BIN ]] || die "SCHEMAC_BIN=$SCHEMAC_BIN is not an executable"
    SCHEMAC_BIN=$(cd "$(dirname "$SCHEMAC_BIN")" && pwd)/$(basename "$SCHEMAC_BIN")
}

# run EXPECTED_RC LOGNAME CMD...: run once under /usr/bin/time, fail loudly on
# an unexpected exit code (its code is left in LOG/LOGNAME.rc), and print
# "WALL_SECONDS MAX_RSS_KB".
run() {
    local expected=$1 name=$2
    shift 2
    local rc=0
    "$TIME" -f "%e %M" -o "$LOG/$name.time" "$@" >"$LOG/$name.out" 2>"$LOG/$name.err" || rc=$?
    echo "$rc" >"$LOG/$name.rc"
    if [[ $rc -ne $expected ]]; then
        {
            echo "bench: error: \`$*\` exited $rc, expected $expected"
            echo "--- stderr (last 40 lines) of $LOG/$name.err"
            tail -n 40 "$LOG/$name.err"
            echo "--- stdout (last 60 lines) of $LOG/$name.out"
            tail -n 60 "$LOG/$name.out"
        } >&2
        exit 1
    fi
    # /usr/bin/time appends its line after any "Command exited with non-zero status" line
    tail -n 1 "$LOG/$name.time"
}

# take_sample LABEL RUN LINE: add one "WALL_SECONDS MAX_RSS_KB" line from
# `run` to the caller's `walls` array and `rss_max`, and log it.
take_sample() {
    local label=$1 i=$2 wall rss
    read -r wall rss <<<"$3"
    [[ $wall =~ ^[0-9.]+$ && $rss =~ ^[0-9]+$ ]] || die "cannot read /usr/bin/time output: $3"
    walls+=("$wall")
    if ((rss > rss_max)); then rss_max=$rss; fi
    echo "bench: $label run $i: ${wall} s, $((rss / 1024)) MB" >&2
}

# mb_of KB: kilobytes as whole megabytes.
mb_of() {
    awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'
}

# median_of WALL...: the median of the numbers given.
median_of() {
    printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'
}

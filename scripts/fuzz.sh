#!/usr/bin/env bash
# A longer run of the mutation fuzz test (tests/fuzz.rs) for local use:
# several seeds, each for SECONDS (default 300), applying up to APPLIED
# clean mutants per seed (default 200) on a throwaway PostgreSQL cluster.
#   scripts/fuzz.sh            # seeds 1..4, 5 minutes each
#   SEEDS="7 8" SECONDS_PER_SEED=60 scripts/fuzz.sh
# A failure prints the mutated file and what PostgreSQL (or the panic) said;
# rerun with that seed to reproduce it.
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=${SEEDS:-"1 2 3 4"}
for seed in $seeds; do
  echo "== fuzz seed $seed"
  SCHEMAC_FUZZ_SEED=$seed SCHEMAC_FUZZ_SECONDS=${SECONDS_PER_SEED:-300} \
    SCHEMAC_FUZZ_APPLIED=${APPLIED:-200} \
    cargo test --release --locked --test fuzz mutated -- --nocapture
done

#!/usr/bin/env bash
# Runs each fuzz target for SECONDS (default 600) with libFuzzer, one after another, and keeps
# what they find in corpus/<target>/ (replayed by tests/fuzz_corpus.rs). Needs cargo-fuzz:
#   cargo install cargo-fuzz
# `-s none`: no sanitizer, so it builds on the stable toolchain (the crates forbid unsafe code).
set -euo pipefail
cd "$(dirname "$0")"
seconds=${SECONDS_PER_TARGET:-600}
targets=${*:-table text json resolve}
for t in $targets; do
  mkdir -p "corpus/$t" "artifacts/$t"
  echo "=== $t for ${seconds}s"
  cargo fuzz run -s none "$t" "corpus/$t" -- -max_total_time="$seconds" \
    -artifact_prefix="artifacts/$t/" -print_final_stats=1 2>&1 | tail -25
done

#!/usr/bin/env bash
# Instructions per call of a `#[requires]`-guarded function and of the same check by hand,
# counted by callgrind (repeatable, unlike wall time). Per-call cost = (count at N calls -
# count at 0 calls) / N, so process start-up cancels out.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --bench guard_callgrind --no-run >/dev/null 2>&1
bin=$(ls -t target/release/deps/guard_callgrind-* | grep -v '\.d$' | head -1)
n=${GUARD_ITERS:-100000}
count() { # mode session iters
  GUARD_MODE=$1 GUARD_SESSION=$2 GUARD_ITERS=$3 valgrind --tool=callgrind \
    --callgrind-out-file=/dev/null "$bin" 2>&1 | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
printf '%-9s %-20s %12s\n' session function instr/call
for session in allowed denied admin; do
  base=$(count by_hand "$session" 0)
  for mode in requires by_hand by_hand_with_bypass; do
    total=$(count "$mode" "$session" "$n")
    per=$(python3 -c "print(f'{($total - $base) / $n:.2f}')")
    printf '%-9s %-20s %12s\n' "$session" "$mode" "$per"
  done
done

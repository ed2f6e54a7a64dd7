#!/usr/bin/env bash
# Instructions and mispredicted branches per resolution, ours and twilight's, counted by
# cachegrind's branch simulator: repeatable, unlike wall time, though its predictor is simpler
# than a real CPU's. Per-guild cost = (count at N rounds - count at 0 rounds) / (N × guilds
# in the batch: 512 small, 32 large), so process start-up and input generation cancel out.
# Then the same per member for benches/resolution_members.rs (100,000 members, 250 roles, 500
# overwrites): the prepared path, our per-member loop and twilight's.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --bench resolution --bench resolution_members --no-run >/dev/null 2>&1
latest() { ls -t target/release/deps/"$1"-* | grep -v '\.d$' | head -1; }
bin=$(latest resolution)
members_bin=$(latest resolution_members)
n=${RESOLUTION_ROUNDS:-20}
count() { # binary VAR=value... -> "instructions mispredicts"
  out=$(mktemp)
  local binary=$1
  shift
  env "$@" valgrind --tool=cachegrind \
    --cache-sim=no --branch-sim=yes --cachegrind-out-file="$out" "$binary" >/dev/null 2>&1
  # The summary line holds Ir Bc Bcm Bi Bim, in the order the header's events line gives.
  python3 - "$out" <<'PY'
import sys
lines = open(sys.argv[1]).read().splitlines()
events = next(l for l in lines if l.startswith("events:")).split()[1:]
totals = dict(zip(events, map(int, next(l for l in lines if l.startswith("summary:")).split()[1:])))
print(totals["Ir"], totals["Bcm"] + totals["Bim"])
PY
  rm -f "$out"
}
printf '%-6s %-9s %14s %14s\n' case side instr/guild mispred/guild
for case in small large; do
  guilds=$([ "$case" = small ] && echo 512 || echo 32)
  for side in ours twilight; do
    vars=(RESOLUTION_SIDE="$side" RESOLUTION_CASE="$case")
    read -r base_ir base_bm < <(count "$bin" "${vars[@]}" RESOLUTION_ROUNDS=0)
    read -r ir bm < <(count "$bin" "${vars[@]}" RESOLUTION_ROUNDS="$n")
    python3 -c "print(f'{\"$case\":6} {\"$side\":9} {($ir - $base_ir) / ($n * $guilds):14.1f} {($bm - $base_bm) / ($n * $guilds):14.2f}')"
  done
done

m=${RESOLUTION_MEMBER_ROUNDS:-3}
printf '\n%-20s %14s %14s\n' side instr/member mispred/member
for side in prepared ours twilight; do
  read -r base_ir base_bm < <(count "$members_bin" RESOLUTION_MEMBERS="$side" RESOLUTION_ROUNDS=0)
  read -r ir bm < <(count "$members_bin" RESOLUTION_MEMBERS="$side" RESOLUTION_ROUNDS="$m")
  python3 -c "print(f'{\"$side\":20} {($ir - $base_ir) / ($m * 100000):14.1f} {($bm - $base_bm) / ($m * 100000):14.2f}')"
done

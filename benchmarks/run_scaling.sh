#!/bin/sh
# Runs the annual-step benchmark over the scaling grid and writes one JSON file per run into
# benchmarks/results/ (then: scripts/plot_benchmarks.py draws benchmarks/scaling.png and prints
# the table of benchmarks/README.md).
#   benchmarks/run_scaling.sh [THREADS...]       default: 1 2
# Grid: 10^3 ... 10^7 parcels x 100 years (10^7: 20 years, which keeps the sweep near
# 10 minutes), planning active every year, aggregates only. Needs build/ (scripts/build.sh).
# Environment: SCALING_PARCELS="1000 10000" narrows the grid; SCALING_REPEAT (default 3).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bench="$root/build/benchmarks/bench_annual_step"
out="$root/benchmarks/results"
mkdir -p "$out"
threads=${*:-1 2}
parcels=${SCALING_PARCELS:-1000 10000 100000 1000000 10000000}
repeat=${SCALING_REPEAT:-3}
for p in $parcels; do
  years=100
  if [ "$p" -ge 10000000 ]; then years=20; fi
  r=$repeat
  if [ "$p" -ge 1000000 ]; then r=1; fi
  for t in $threads; do
    file="$out/annual_step-plan-p$p-y$years-t$t-r1.json"
    echo "run_scaling: $p parcels x $years years, $t thread(s) -> $(basename "$file")"
    "$bench" --parcels "$p" --years "$years" --threads "$t" --repeat "$r" --plan --timings \
      --json "$file" > /dev/null
  done
done

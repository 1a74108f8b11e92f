#!/usr/bin/env bash
# The general path costs nothing: times `pinn-solve bench benchmarks/burgers_A.json` (the
# problem file, expressions and conditions) against `pinn-bench burgers --config A` (the
# same iteration written directly on ENNCore), alternating, in one run, and prints the ratio
# of the medians of each program's median s/iter. Usage: benchmarks/general-path.sh [ROUNDS] [ITERATIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}; iterations=${2:-500}
swift build -c release >/dev/null
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
general=(); direct=()
for r in $(seq "$rounds"); do
  general+=("$(.build/release/pinn-solve bench benchmarks/burgers_A.json --iterations "$iterations" | tail -1 \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["median_s_per_iter"])')")
  direct+=("$(.build/release/pinn-bench burgers --config A --iterations "$iterations" | tail -1 \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["median_s_per_iter"])')")
done
g=$(printf '%s\n' "${general[@]}" | median); d=$(printf '%s\n' "${direct[@]}" | median)
echo "pinn-solve bench benchmarks/burgers_A.json: ${general[*]} s/iter (median $g)"
echo "pinn-bench burgers --config A:               ${direct[*]} s/iter (median $d)"
python3 -c "print(f'ratio general/direct = {$g/$d:.3f}')"

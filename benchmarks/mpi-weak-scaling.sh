#!/usr/bin/env bash
# Weak scaling of data-parallel training over MPI (issue 13): `pinn-solve bench` on config B
# (benchmarks/burgers_B.json: 2→64×4→1 tanh, 8192 interior + 80 + 160 points) with one rank,
# then with R ranks on R times the points (points per rank fixed), THREADS threads per rank.
# Prints each run's median s/iter, the weak-scaling efficiency t(1)/t(R), the time per
# iteration spent in the sum over ranks during training (gather + waiting for the slowest
# rank) and the same sum timed alone with the ranks in step (the transfer itself); and, for
# the same cores used by threads, one process with R × THREADS threads on the R × points.
# Usage: benchmarks/mpi-weak-scaling.sh [RANKS] [ITERATIONS] [THREADS]
set -euo pipefail
cd "$(dirname "$0")/.."
ranks=${1:-2}; iterations=${2:-40}; threads=${3:-1}
swift build -c release >/dev/null
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
python3 - "$ranks" "$work/burgers_B_x$ranks.json" <<'PY'
import json, sys
r, path = int(sys.argv[1]), sys.argv[2]
p = json.load(open("benchmarks/burgers_B.json"))
p["points"]["interior"] *= r
for c in p["conditions"]: c["points"] *= r
json.dump(p, open(path, "w"))
PY
# mpirun refuses root unless told; --oversubscribe when ranks × threads exceed the cores.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
json() { tail -1 | python3 -c "import json,sys; d=json.load(sys.stdin); print(d['median_s_per_iter'], d.get('median_communication_s_per_iter', 0), d.get('sum_alone_s', 0))"; }
read -r t1 _ < <(.build/release/pinn-solve bench benchmarks/burgers_B.json --threads "$threads" --iterations "$iterations" --warmup 5 | json)
# The same cores used by threads instead of ranks: one process, R × THREADS threads, R × the points.
read -r tt _ < <(.build/release/pinn-solve bench "$work/burgers_B_x$ranks.json" --threads "$((threads * ranks))" \
  --iterations "$iterations" --warmup 5 | json)
read -r tr comm alone < <(mpirun -np "$ranks" --oversubscribe --bind-to none .build/release/pinn-solve bench "$work/burgers_B_x$ranks.json" \
  --threads "$threads" --iterations "$iterations" --warmup 5 | json)
echo "1 rank,  8192 interior points:         median $t1 s/iter"
echo "$ranks ranks, $((8192 * ranks)) interior points (8192 per rank): median $tr s/iter, sum over ranks in training $comm s/iter, the sum alone $alone s"
echo "1 rank with $((threads * ranks)) threads on the $((8192 * ranks)) points:   median $tt s/iter"
python3 -c "print(f'weak-scaling efficiency t(1)/t({$ranks}) = {$t1/$tr:.3f}; sum over ranks in training (gather + waiting for the slower rank) = {100*$comm/$tr:.1f} % of an iteration, the sum alone (ranks in step) = {100*$alone/$tr:.2f} %')"

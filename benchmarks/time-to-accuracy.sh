#!/usr/bin/env bash
# Time to accuracy on Burgers (nu = 0.01/pi): pinn-solve problems/burgers.json, then the
# JAX float64 "strong recipe" of ANCHORS.md (benchmarks/peers/burgers_jax_strong.py), one
# after the other on this machine, 2 threads each. Prints, for each, the training seconds
# to reach rel. L2 <= 1e-2, 1e-3, 5e-4, 1e-4, 1e-5, 1e-6 on the 256 x 101 grid against the
# same Cole-Hopf reference, and the ratio at 1e-3 (JAX / pinn-solve; "≥" when JAX did not
# get there within its time cap). See benchmarks/peers/README.md.
#
#   benchmarks/time-to-accuracy.sh                      # seed 0, JAX capped at 1200 s (~30 min in all)
#   benchmarks/time-to-accuracy.sh --seed 1 --jax-cap 3000
#   benchmarks/time-to-accuracy.sh --skip-jax           # pinn-solve only
#   benchmarks/time-to-accuracy.sh --problem /tmp/burgers_small.json --jax-cap 60   # a quick smoke test
#
# Options:
#   --seed N          seed for both (default 0; the two draw their weights and points differently)
#   --jax-cap S       JAX's training-time cap in seconds (default 1200; the recipe's 20 000 Adam
#                     steps alone take ~45 min on 2 CPU cores)
#   --skip-jax        run pinn-solve only
#   --problem FILE    pinn-solve's problem file (default problems/burgers.json); it must be
#                     the same Burgers problem and grid (a reduced budget is fine)
#   --output DIR      where the files go (default results/time-to-accuracy)
# Environment: PINN_SOLVE=/path/to/pinn-solve skips the `swift build`.
set -euo pipefail

seed=0 cap=1200 skip_jax=false problem=problems/burgers.json out=results/time-to-accuracy
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
    case "$1" in
        --seed) seed=$2; shift 2 ;;
        --jax-cap) cap=$2; shift 2 ;;
        --skip-jax) skip_jax=true; shift ;;
        --problem) problem=$2; shift 2 ;;
        --output) out=$2; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "time-to-accuracy.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
peers=$root/benchmarks/peers
# Relative paths are taken from where the script is called, then everything runs from the root.
case "$problem" in /*) ;; *) problem=$PWD/$problem ;; esac
case "$out" in /*) ;; *) out=$PWD/$out ;; esac
[ -f "$problem" ] || { echo "time-to-accuracy.sh: no problem file $problem" >&2; exit 2; }
cd "$root"

if [ -n "${PINN_SOLVE:-}" ]; then
    pinn=$PINN_SOLVE
else
    echo "== swift build -c release --product pinn-solve" >&2
    swift build -c release --product pinn-solve >&2
    pinn=$root/.build/release/pinn-solve
fi
mkdir -p "$out"
name=$(basename "$problem" .json)

# The reference both sides are measured against: the Cole-Hopf solution on the 256 x 101 grid.
"$pinn" reference problems/burgers.json --output "$out" >&2
reference=$out/burgers.reference.h5

load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "== pinn-solve $problem --seed $seed --threads 2 (load average before: $(load))"
"$pinn" "$problem" --output "$out" --seed "$seed" --threads 2 2>&1 | tee "$out/$name.log"

report_args=(--pinn "$out/$name.h5")
if ! $skip_jax; then
    echo "== JAX float64 strong recipe, time cap ${cap} s, seed $seed, 2 threads (load average before: $(load))"
    "$peers/setup.sh" --jax-only >&2
    "$peers/.venv/bin/python" "$peers/burgers_jax_strong.py" --reference "$reference" --seed "$seed" \
        --time-cap "$cap" --threads 2 | tee "$out/jax-strong.log"
    report_args+=(--jax "$out/jax-strong.log" --jax-cap "$cap")
fi

# The report reads HDF5 with h5py: the peers' venv has it, or Debian's python3-h5py
# (scripts/install-deps.sh --with-checkers).
if "$peers/.venv/bin/python" -c 'import h5py' 2>/dev/null; then
    py=$peers/.venv/bin/python
elif /usr/bin/python3 -c 'import h5py' 2>/dev/null; then
    py=/usr/bin/python3
else
    echo "time-to-accuracy.sh: no python with h5py; run benchmarks/peers/setup.sh --jax-only" \
         "or scripts/install-deps.sh --with-checkers" >&2
    exit 1
fi
"$py" "$peers/time_to_accuracy_report.py" "${report_args[@]}" | tee "$out/report.txt"
echo "(files in $out)"

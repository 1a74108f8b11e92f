#!/usr/bin/env bash
# The issue-11 bar: kill a run with SIGKILL at random moments, resume it each time, and check
# that it ends with the same /training/parameters, bit for bit, as an uninterrupted run with
# the same seed and thread count.
#
# Usage: scripts/kill-resume.sh [PROBLEM] [KILLS] [-- pinn-solve options...]
#   PROBLEM  default problems/burgers.json; KILLS default 10
#   options  passed to every run (default: --checkpoint-every 5s --threads 2); both runs get
#            the same ones, so the checkpoint cadence does not change the numbers compared.
# Environment: PINN_SOLVE (default .build/release/pinn-solve), PYTHON with h5py (default
# python3), WORK (default a new directory under /tmp; kept, with the logs).
# RANKS=R runs every run under `mpirun -np R --oversubscribe --bind-to none` (issue 13) and
# kills one rank (KILL_RANK, default 1) instead of the process: the job must end within
# seconds with rank 0's message and resume from the last checkpoint.
# Each kill comes after a random 1 .. T/KILLS seconds of a process's life, T the
# uninterrupted run's wall time, so kills land in loading, in training and around checkpoints.
# Exit 0 when identical, 1 when they differ or a run fails.
set -euo pipefail

problem=${1:-problems/burgers.json}
kills=${2:-10}
shift $(( $# >= 2 ? 2 : $# )) || true
[[ ${1:-} == "--" ]] && shift
options=("$@")
(( ${#options[@]} )) || options=(--checkpoint-every 5s --threads 2)
binary=${PINN_SOLVE:-.build/release/pinn-solve}
python=${PYTHON:-python3}
work=${WORK:-$(mktemp -d /tmp/kill-resume.XXXXXX)}
mkdir -p "$work"
launch=()
if [[ -n ${RANKS:-} ]]; then
    export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1  # mpirun refuses root unless told
    launch=(mpirun -np "$RANKS" --oversubscribe --bind-to none)
fi
# The pid of rank $2 among the children of mpirun ($1): its environment names the rank.
rank_pid() {
    local child
    for child in $(pgrep -P "$1"); do
        if tr '\0' '\n' < "/proc/$child/environ" 2>/dev/null | grep -qx "OMPI_COMM_WORLD_RANK=$2"; then echo "$child"; fi
    done
    return 0  # none found: the job has ended
}
common=("$problem" --quiet --no-png "${options[@]}")
loud=("$problem" --no-png "${options[@]}")  # the uninterrupted run reports its checkpoints
echo "problem $problem, $kills kills, options: ${options[*]}${RANKS:+, $RANKS MPI ranks (rank ${KILL_RANK:-1} killed)}, work $work"

start=$(date +%s.%N)
"${launch[@]}" "$binary" "${loud[@]}" --output "$work/full" > "$work/full.log" 2>&1 || { echo "uninterrupted run failed, see $work/full.log"; exit 1; }
total=$(echo "$(date +%s.%N) - $start" | bc)
echo "uninterrupted run: ${total} s; $(grep '^checkpoint ' "$work/full.log" || true)"

name=$(basename "${problem%.json}")
checkpoint="$work/killed/$name.checkpoint.h5"
resume=()
finished=0
touch "$work/killed.log"
for (( k = 1; k <= kills; k++ )); do
    [[ -f $checkpoint ]] && resume=(--resume)  # a kill during loading leaves none to resume from
    delay=$("$python" -c "import random; print(round(random.uniform(1, max(1.5, $total / $kills)), 2))")
    logged=$(wc -l < "$work/killed.log")
    "${launch[@]}" "$binary" "${common[@]}" --output "$work/killed" "${resume[@]}" >> "$work/killed.log" 2>&1 &
    pid=$!
    sleep "$delay"
    victim=$pid
    if [[ -n ${RANKS:-} ]]; then victim=$(rank_pid "$pid" "${KILL_RANK:-1}"); fi
    if [[ -n $victim ]] && kill -KILL "$victim" 2>/dev/null; then
        killed_at=$(date +%s.%N)
        wait "$pid" 2>/dev/null || true
        if [[ -n ${RANKS:-} ]]; then
            said=$(tail -n +"$((logged + 1))" "$work/killed.log" | grep -m1 'pinn-solve: rank 0 of' | cut -c1-150 || true)
            echo "  the job ended $(echo "$(date +%s.%N) - $killed_at" | bc) s after the kill; rank 0: ${said:-NO MESSAGE}"
        fi
        where=$("$python" -c "import h5py; f = h5py.File('$checkpoint', 'r'); print(f.attrs['stage'], f.attrs['iterations'])" 2>/dev/null || echo "none yet")
        echo "kill $k after ${delay} s; checkpoint at stage, iterations: $where"
    else
        wait "$pid" && finished=1 || { echo "run $k failed, see $work/killed.log"; exit 1; }
        echo "run $k finished before its kill (${delay} s)"
        break
    fi
done
[[ -f $checkpoint ]] && resume=(--resume)
if (( ! finished )); then
    "${launch[@]}" "$binary" "${common[@]}" --output "$work/killed" "${resume[@]}" >> "$work/killed.log" 2>&1 || { echo "final resume failed, see $work/killed.log"; exit 1; }
fi
"$python" - "$work/full/$name.h5" "$work/killed/$name.h5" <<'PY'
import sys, h5py, numpy as np
a, b = (h5py.File(p, "r")["/training/parameters"][()] for p in sys.argv[1:3])
same = a.shape == b.shape and np.array_equal(a.view(np.uint64), b.view(np.uint64))
print(f"/training/parameters: {a.size} values, " + ("bit-identical" if same else f"DIFFER in {np.count_nonzero(a.view(np.uint64) != b.view(np.uint64)) if a.shape == b.shape else 'shape'}"))
sys.exit(0 if same else 1)
PY

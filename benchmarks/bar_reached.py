"""When a run first reached its error bars, from the result's /training/error_history.

    python3 benchmarks/bar_reached.py results/kovasznay.h5 u=2e-4 v=1e-3

For each OUTPUT=BAR: the training seconds (error evaluations excluded) and the global
iteration of the first recorded row with an error <= BAR (rel. L2, or for a point reference
such as problems/cavity.json's Ghia table the largest deviation, max_abs), and the final error. Rows are as
fine as the recording cadence (`output.error_every`, 2 s by default). Needs h5py
(python3-h5py from Debian, or benchmarks/peers/.venv).
"""
import sys

import h5py

if len(sys.argv) < 3:
    sys.exit(__doc__)
with h5py.File(sys.argv[1], "r") as f:
    if "training/error_history" not in f:
        sys.exit(f"{sys.argv[1]}: no /training/error_history (a problem without a reference?)")
    d = f["training/error_history"]
    columns = [c.decode() if isinstance(c, bytes) else str(c) for c in d.attrs["columns"]]
    rows = d[()]
for pair in sys.argv[2:]:
    name, bar = pair.split("=")
    column = next((c for c in ("rel_l2_" + name, "max_abs_" + name) if c in columns), None)
    if column is None:
        sys.exit(f"no error history for output '{name}' (columns: {', '.join(columns)})")
    j, bar = columns.index(column), float(bar)
    hit = next((r for r in rows if r[j] <= bar), None)
    reached = f"{hit[0]:.1f} s (iteration {int(hit[1])})" if hit is not None else "not reached"
    print(f"{name}: <= {bar:g} first at {reached}; final {rows[-1][j]:.3e}")
print(f"{len(rows)} rows over {rows[-1][0]:.1f} s of training, {int(rows[-1][1])} iterations")

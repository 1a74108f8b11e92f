"""Time to accuracy table: pinn-solve's /training/error_history against a JAX log.

    python time_to_accuracy_report.py --pinn results/time-to-accuracy/burgers.h5 \
        [--jax results/time-to-accuracy/jax-strong.log --jax-cap 1200]

For each threshold, the training seconds (evaluation time excluded on both sides) of the
first recorded row with rel. L2 <= threshold, or "not reached". The JAX log holds lines
"wall_s iteration rel_l2" (other lines start with '#'), as burgers_jax_strong.py prints
them. Times are as fine as the recording cadence (2 s by default on both sides).
"""
import argparse
import sys

import h5py
import numpy as np

THRESHOLDS = [1e-2, 1e-3, 5e-4, 1e-4, 1e-5, 1e-6]
RATIO_AT = 1e-3


def pinn_rows(path):
    """(seconds, iteration, rel_l2) rows from /training/error_history (the first output)."""
    with h5py.File(path, "r") as f:
        if "training/error_history" not in f:
            sys.exit(f"{path}: no /training/error_history (a problem without a reference, or an old pinn-solve)")
        d = f["training/error_history"]
        columns = [c.decode() if isinstance(c, bytes) else str(c) for c in d.attrs["columns"]]
        rows = d[()]
        spent = float(d.attrs.get("evaluation_seconds", np.nan))
        wall = float(f.attrs["wall_seconds"])
    if len(columns) > 3:
        print(f"note: {path} has {columns[2:]}; using {columns[2]}")
    return [(r[0], int(r[1]), r[2]) for r in rows], spent, wall


def jax_rows(path):
    rows = []
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3 and not line.startswith("#"):
                try:
                    rows.append((float(parts[0]), int(parts[1]), float(parts[2])))
                except ValueError:
                    pass
    if not rows:
        sys.exit(f"{path}: no 'wall_s iteration rel_l2' lines")
    return rows


def first_below(rows, threshold):
    return next(((s, i) for s, i, e in rows if e <= threshold), None)


def cell(hit):
    return "not reached" if hit is None else f"{hit[0]:.1f} s (it {hit[1]})"


def summary(rows):
    best = min(rows, key=lambda r: r[2])
    return (f"{len(rows)} rows over {rows[-1][0]:.1f} s, {rows[-1][1]} iterations; "
            f"final {rows[-1][2]:.2e}; best {best[2]:.2e} at {best[0]:.1f} s")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--pinn", required=True, help="pinn-solve's result .h5")
    p.add_argument("--jax", help="burgers_jax_strong.py's log")
    p.add_argument("--jax-cap", type=float, help="the JAX run's time cap (for the note on the ratio)")
    args = p.parse_args()

    pinn, spent, wall = pinn_rows(args.pinn)
    jax = jax_rows(args.jax) if args.jax else None
    print()
    print("time to reach rel. L2 (training seconds, error evaluations excluded)")
    header = f"{'rel. L2 <=':>10}   {'pinn-solve':<22}" + ("   JAX f64 strong recipe" if jax else "")
    print(header.rstrip())
    for t in THRESHOLDS:
        line = f"{t:>10.0e}   {cell(first_below(pinn, t)):<22}"
        if jax:
            line += "   " + cell(first_below(jax, t))
        print(line.rstrip())
    print(f"pinn-solve: {summary(pinn)}; {spent:.2f} s in error evaluations "
          f"({100 * spent / max(wall, 1e-9):.1f} % of its {wall:.1f} s run)")
    if not jax:
        return
    print(f"JAX:        {summary(jax)}")
    p_hit, j_hit = first_below(pinn, RATIO_AT), first_below(jax, RATIO_AT)
    label = f"ratio at {RATIO_AT:.0e} (JAX time / pinn-solve time):"
    if p_hit and j_hit:
        print(f"{label} {j_hit[0] / p_hit[0]:.1f}")
    elif p_hit:
        cap = f"its {args.jax_cap:.0f} s cap" if args.jax_cap else "its run"
        print(f"{label} ≥ {jax[-1][0] / p_hit[0]:.1f} (JAX did not reach {RATIO_AT:.0e} within {cap})")
    elif j_hit:
        print(f"{label} ≤ {j_hit[0] / pinn[-1][0]:.2f} (pinn-solve did not reach {RATIO_AT:.0e} in its run)")
    else:
        print(f"{label} n/a (neither reached {RATIO_AT:.0e})")


if __name__ == "__main__":
    main()

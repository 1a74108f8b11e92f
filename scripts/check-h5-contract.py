#!/usr/bin/env python3
"""Independent check (h5py, not our Swift reader) that a pinn-solve result file follows
DESIGN.md's HDF5 contract.

Usage: python3 scripts/check-h5-contract.py results/burgers.h5 [more.h5 ...]

Checks: /grid/<input> are 1-D float64; every /fields/<out> is float64 with one axis per
grid input; /reference/<out> and /error/<out> (when present) have the same shape and
error == fields - reference; /training/loss is 2-D with a `columns` string attribute of
matching length; /training/parameters is 1-D; /training/error_history (when present) is
[rows, 2 + outputs] float64 with `columns` wall_seconds, iteration, rel_l2_<out>... (or
max_abs_<out>... for a point reference), rising iterations and a last row equal to the root
attributes of those names; a point reference /reference/<name> (Ghia: /reference/ghia) holds per
output in its `outputs` attribute the 1-D coordinates <along>, <out>_<name> and <out>_pinn of one
length, and the root attribute max_abs_<out> = max |<out>_pinn - <out>_<name>|; root attributes
problem (JSON text), seed (int), version (str), wall_seconds (float) and rel_l2_<out> for each
reference field.
Per-step datasets under /xdmf/<group>/<out>/NNNN (copies or virtual) must equal the slices.
Exits 1 with a message on the first failure. Needs h5py and numpy (pip install h5py).
"""
import json
import sys

import h5py
import numpy as np


def fail(path, message):
    print(f"FAIL {path}: {message}")
    sys.exit(1)


def as_str(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def check(path):
    with h5py.File(path, "r") as f:
        for group in ("grid", "fields", "training"):
            if group not in f:
                fail(path, f"missing /{group}")
        grid = {name: f["grid"][name] for name in f["grid"]}
        for name, ds in grid.items():
            if ds.ndim != 1 or ds.dtype != np.float64:
                fail(path, f"/grid/{name}: expected 1-D float64, got {ds.shape} {ds.dtype}")
        for out in f["fields"]:
            field = f["fields"][out]
            if field.dtype != np.float64 or field.ndim != len(grid):
                fail(path, f"/fields/{out}: {field.shape} {field.dtype} for {len(grid)} grid inputs")
            if "reference" in f and out in f["reference"]:
                ref = f["reference"][out][()]
                err = f["error"][out][()]
                if ref.shape != field.shape or err.shape != field.shape:
                    fail(path, f"/reference or /error of {out} differ in shape from /fields/{out}")
                if not np.allclose(err, field[()] - ref, rtol=0, atol=1e-12):
                    fail(path, f"/error/{out} != fields - reference")
                if f"rel_l2_{out}" not in f.attrs:
                    fail(path, f"missing root attribute rel_l2_{out}")
            if "xdmf" in f:
                for group in ("fields", "reference", "error"):
                    key = f"{group}/{out}"
                    if key in f["xdmf"]:
                        steps = f["xdmf"][key]
                        full = f[group][out][()]
                        names = sorted(steps)
                        if len(names) != full.shape[0]:
                            fail(path, f"/xdmf/{key}: {len(names)} steps for {full.shape[0]} times")
                        for i, name in enumerate(names):
                            if not np.array_equal(steps[name][()], full[i]):
                                fail(path, f"/xdmf/{key}/{name} differs from slice {i}")
        for name, group in (f["reference"].items() if "reference" in f else []):
            if not isinstance(group, h5py.Group):
                continue
            along = [as_str(a) for a in group.attrs["along"]]
            for out, coordinate in zip([as_str(o) for o in group.attrs["outputs"]], along):
                points, ref, pinn = group[coordinate], group[f"{out}_{name}"], group[f"{out}_pinn"]
                if not (points.ndim == ref.ndim == pinn.ndim == 1 and points.shape == ref.shape == pinn.shape):
                    fail(path, f"/reference/{name}: {coordinate} {points.shape}, {out}_{name} {ref.shape}, {out}_pinn {pinn.shape}")
                deviation = float(np.max(np.abs(pinn[()] - ref[()])))
                if not np.isclose(deviation, float(f.attrs[f"max_abs_{out}"]), rtol=1e-12, atol=0):
                    fail(path, f"max_abs_{out} {float(f.attrs[f'max_abs_{out}'])} != max |{out}_pinn - {out}_{name}| {deviation}")
        loss = f["training"]["loss"]
        columns = [as_str(c) for c in loss.attrs["columns"]]
        if loss.ndim != 2 or loss.shape[1] != len(columns):
            fail(path, f"/training/loss {loss.shape} vs columns {columns}")
        if f["training"]["parameters"].ndim != 1:
            fail(path, "/training/parameters is not 1-D")
        if "error_history" in f["training"]:
            history = f["training"]["error_history"]
            names = [as_str(c) for c in history.attrs["columns"]]
            if history.dtype != np.float64 or history.ndim != 2 or history.shape[1] != len(names):
                fail(path, f"/training/error_history {history.shape} {history.dtype} vs columns {names}")
            if names[:2] != ["wall_seconds", "iteration"] or not all(c.startswith(("rel_l2_", "max_abs_")) for c in names[2:]):
                fail(path, f"/training/error_history columns {names}")
            rows = history[()]
            if len(rows) > 1 and not (np.all(np.diff(rows[:, 1]) > 0) and np.all(np.diff(rows[:, 0]) >= 0)):
                fail(path, "/training/error_history: iterations must increase and times not decrease")
            for c, name in enumerate(names[2:], start=2):
                if len(rows) and not np.isclose(rows[-1, c], float(f.attrs[name]), rtol=1e-12, atol=0):
                    fail(path, f"/training/error_history: last {name} {rows[-1, c]} != attribute {float(f.attrs[name])}")
        problem = json.loads(as_str(f.attrs["problem"]))
        seed = f.attrs["seed"]
        if not np.issubdtype(np.asarray(seed).dtype, np.integer):
            fail(path, f"seed is not an integer: {seed!r}")
        version = as_str(f.attrs["version"])
        wall = float(f.attrs["wall_seconds"])
        print(f"OK {path}: grid {({k: v.shape[0] for k, v in grid.items()})}, fields {list(f['fields'])}, "
              f"loss {loss.shape} {columns}, params {f['training']['parameters'].shape[0]}, "
              f"seed {int(seed)}, version {version}, wall {wall}, problem keys {sorted(problem)[:4]}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    for p in sys.argv[1:]:
        check(p)

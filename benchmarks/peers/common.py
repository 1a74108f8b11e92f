"""Shared by the peer benchmarks: the problem definition, CLI, data and report.

Points and initial weights come from NumPy with a fixed seed, so the PyTorch and
JAX peers train the very same network on the very same points and their losses
can be compared directly.
"""
import argparse
import json
import resource
import statistics
import time

import numpy as np

NU = 0.01 / np.pi  # viscosity of the standard Burgers PINN benchmark
LR = 1e-3

CONFIGS = {
    # name: (layer widths, interior points); boundary and initial counts are shared
    "A": ([2, 20, 20, 20, 1], 2540),
    "B": ([2, 64, 64, 64, 64, 1], 8192),
}
N_BOUNDARY_PER_SIDE = 40  # at x = -1 and x = +1, random t
N_INITIAL = 160           # at t = 0, random x


def parse_args(peer):
    p = argparse.ArgumentParser(description=f"Burgers PINN training step, {peer}, float64, CPU")
    p.add_argument("--config", choices=sorted(CONFIGS), default="A")
    p.add_argument("--iterations", type=int, default=100, help="timed iterations")
    p.add_argument("--warmup", type=int, default=20, help="untimed iterations first")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=0)
    return p.parse_args()


def make_problem(config, seed):
    """Layer widths, Glorot-normal weights with zero biases, and the fixed points."""
    widths, n_int = CONFIGS[config]
    rng = np.random.default_rng(seed)
    params = []
    for fan_in, fan_out in zip(widths[:-1], widths[1:]):
        std = np.sqrt(2.0 / (fan_in + fan_out))
        params.append((rng.normal(0.0, std, (fan_in, fan_out)), np.zeros(fan_out)))
    interior = np.stack([rng.uniform(-1, 1, n_int), rng.uniform(0, 1, n_int)], axis=1)
    nb = N_BOUNDARY_PER_SIDE
    boundary = np.stack([np.repeat([-1.0, 1.0], nb), rng.uniform(0, 1, 2 * nb)], axis=1)
    initial = np.stack([rng.uniform(-1, 1, N_INITIAL), np.zeros(N_INITIAL)], axis=1)
    return params, interior, boundary, initial


def run(step, args, peer, extra):
    """Run warm-up then timed iterations; step() does one full iteration and
    returns the loss as a Python float only after the work has finished."""
    first_loss = None
    for _ in range(args.warmup):
        loss = step()
        first_loss = loss if first_loss is None else first_loss
    times = []
    for _ in range(args.iterations):
        t0 = time.perf_counter()
        loss = step()
        times.append(time.perf_counter() - t0)
        first_loss = loss if first_loss is None else first_loss
    med, lo, hi = statistics.median(times), min(times), max(times)
    print(f"{peer} float64 config {args.config}: {args.iterations} iterations after "
          f"{args.warmup} warm-up, threads {args.threads}")
    print(f"s/iter median {med:.6f}  min {lo:.6f}  max {hi:.6f}")
    print(f"loss first {first_loss:.6e}  last {loss:.6e} "
          f"(over {args.warmup + args.iterations} iterations)")
    report = {
        "peer": peer, "dtype": "float64", "config": args.config,
        "median_s_per_iter": med, "min_s_per_iter": lo, "max_s_per_iter": hi,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "iterations": args.iterations, "warmup": args.warmup, "threads": args.threads,
        "first_loss": first_loss, "final_loss": loss, **extra,
    }
    print(json.dumps(report))

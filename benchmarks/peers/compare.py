"""Side-by-side Burgers PINN step timings: pinn-bench vs JAX vs PyTorch (float64, CPU).

Runs every benchmark one after another (never two at once, they would share the
2 cores) and prints one Markdown table. Each program reports its median s/iter
on its last output line as JSON; peak RSS is measured here for all three alike,
from the rusage that wait4 returns for that one child (what /usr/bin/time -f %M
reports too).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
VENV_PY = HERE / ".venv" / "bin" / "python"


def run(cmd):
    """Run cmd, echo its output to stderr, return (last-line JSON, peak RSS MB)."""
    cmd = [str(c) for c in cmd]
    print("$ " + " ".join(cmd), file=sys.stderr, flush=True)
    with tempfile.TemporaryFile("w+") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read()
    sys.stderr.write(text)
    lines = text.strip().splitlines()
    if proc.returncode != 0 or not lines:
        sys.exit(f"failed (exit {proc.returncode}): {' '.join(cmd)}")
    return json.loads(lines[-1]), usage.ru_maxrss / 1024


def bench_list(specs):
    """[(name, path)] from --bench NAME=PATH options, else PINN_BENCH, else the default build."""
    if not specs:
        return [("pinn-bench", Path(os.environ.get("PINN_BENCH", ROOT / ".build" / "release" / "pinn-bench")))]
    out = []
    for spec in specs:
        name, sep, path = spec.partition("=")
        if not sep or not name or not path:
            sys.exit(f"--bench {spec!r}: expected NAME=PATH, e.g. --bench haswell=.build-haswell/release/pinn-bench")
        out.append((name, Path(path)))
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--configs", default="A,B", help="comma-separated, e.g. A or A,B")
    p.add_argument("--iterations-a", type=int, default=300)
    p.add_argument("--iterations-b", type=int, default=40)
    p.add_argument("--warmup", type=int, default=20, help="for the peers")
    p.add_argument("--threads", type=int, default=2, help="for the peers")
    p.add_argument("--skip-pinn", action="store_true", help="time the peers only")
    p.add_argument("--peers", default="jax,torch", help="comma-separated subset of jax,torch (default both)")
    p.add_argument("--bench", action="append", metavar="NAME=PATH",
                   help="a pinn-bench binary to time, repeatable (e.g. native=.build/release/pinn-bench "
                        "haswell=.build-haswell/release/pinn-bench); default $PINN_BENCH or .build/release/pinn-bench")
    args = p.parse_args()

    peers = [x for x in args.peers.split(",") if x]
    if not set(peers) <= {"jax", "torch"} or not peers:
        sys.exit(f"--peers {args.peers!r}: expected a comma-separated subset of jax,torch")
    benches = [] if args.skip_pinn else bench_list(args.bench)
    for name, bench in benches:
        if not os.access(bench, os.X_OK):
            sys.exit(f"pinn-bench ({name}) not found at {bench}. Build it from {ROOT} with\n"
                     f"  swift build -c release --product pinn-bench\n"
                     f"or set PINN_BENCH=/path/to/pinn-bench or pass --bench NAME=PATH, or pass --skip-pinn.")
    py = str(VENV_PY) if VENV_PY.exists() else sys.executable

    load_before = os.getloadavg()[0]
    rows, versions = [], {}
    for config in args.configs.split(","):
        n = args.iterations_a if config == "A" else args.iterations_b
        res = {}
        for name, bench in benches:
            res[("pinn", name)] = run([bench, "burgers", "--config", config, "--iterations", n])
        for peer in peers:
            peer_args = ["--config", config, "--iterations", n,
                         "--warmup", args.warmup, "--threads", args.threads]
            res[peer] = run([py, HERE / f"burgers_{peer}.py", *peer_args])
            versions[peer] = res[peer][0].get("version")
        rows.append((config, n, res))

    def s(r):
        return f"{r[0]['median_s_per_iter']:.4g}" if r else "–"

    def ratio(r, res, k):
        return f"{r[0]['median_s_per_iter'] / res[k][0]['median_s_per_iter']:.2f}" if r and k in res else "–"

    def rss(r):
        return f"{r[1]:.0f} MB" if r else "–"

    print(f"\nBurgers PINN, one training iteration (loss + gradient + Adam), float64, CPU, "
          f"median s/iter; peers: JAX {versions.get('jax')}, PyTorch {versions.get('torch')}, "
          f"{args.threads} threads, {args.warmup} warm-up iterations; load average "
          f"{load_before:.2f} before, {os.getloadavg()[0]:.2f} after.\n")
    print("| config | iters | binary | pinn-bench s/iter | JAX f64 s/iter | PyTorch f64 s/iter "
          "| pinn-bench/JAX | pinn-bench/PyTorch "
          "| peak RSS pinn-bench | peak RSS JAX | peak RSS PyTorch |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for config, n, res in rows:
        for name in [b[0] for b in benches] or ["–"]:
            r = res.get(("pinn", name))
            print(f"| {config} | {n} | {name} | {s(r)} | {s(res.get('jax'))} | {s(res.get('torch'))} "
                  f"| {ratio(r, res, 'jax')} | {ratio(r, res, 'torch')} "
                  f"| {rss(r)} | {rss(res.get('jax'))} | {rss(res.get('torch'))} |")


if __name__ == "__main__":
    main()

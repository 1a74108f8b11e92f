#!/usr/bin/env bash
# Creates benchmarks/peers/.venv with PyTorch, JAX (CPU), NumPy, SciPy and h5py for the
# peer benchmarks. Idempotent: a package that already imports is left alone.
# --jax-only: everything but PyTorch (enough for burgers_jax*.py and time-to-accuracy.sh).
#
# PyTorch: PyPI's Linux torch wheel depends on ~4.5 GB of CUDA packages and does
# not import without them (it preloads libcudart); PyPI has no CPU-only variant.
# A CPU-only wheel (torch-X+cpu, ~190 MB, same CPU kernels: MKL, oneDNN) is used
# when one sits in a pip find-links folder (this project's machine image ships
# one in /opt/wheels); otherwise the default PyPI wheel is installed.
# TORCH_SPEC overrides the choice, e.g. TORCH_SPEC=torch==2.15.0 for PyPI's.
set -euo pipefail
cd "$(dirname "$0")"

[ -x .venv/bin/python ] || "${PYTHON:-python3}" -m venv .venv
py=.venv/bin/python
pip() { "$py" -m pip install --disable-pip-version-check -q "$@"; }
has() { "$py" -c "import $1" 2>/dev/null; }

jax_only=false
[ "${1:-}" = "--jax-only" ] && jax_only=true

has numpy || pip numpy
has jax || pip "jax[cpu]"
has scipy || pip scipy
has h5py || pip h5py

if $jax_only; then
    "$py" -c 'import numpy, jax, scipy, h5py
print("peers venv ready (JAX only): numpy", numpy.__version__, "jax", jax.__version__, "scipy", scipy.__version__,
      "h5py", h5py.__version__)'
    exit 0
fi

if ! has torch; then
    spec=${TORCH_SPEC:-}
    if [ -z "$spec" ]; then
        tag=$("$py" -c 'import sys; print(f"cp{sys.version_info[0]}{sys.version_info[1]}")')
        for dir in ${PIP_FIND_LINKS:-} $(pip3 config get global.find-links 2>/dev/null || true) /opt/wheels; do
            for whl in "$dir"/torch-*+cpu-"$tag"-*-manylinux*_"$(uname -m)".whl; do
                [ -f "$whl" ] && spec=$whl
            done
        done
    fi
    echo "installing ${spec:-torch (PyPI default, with CUDA packages)}"
    pip "${spec:-torch}"
fi

"$py" -c 'import numpy, jax, scipy, h5py, torch
print("peers venv ready: numpy", numpy.__version__, "jax", jax.__version__, "scipy", scipy.__version__,
      "h5py", h5py.__version__, "torch", torch.__version__)'

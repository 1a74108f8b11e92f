#!/usr/bin/env bash
# Installs the C libraries pinn-solve links (Debian's -dev packages) and pkg-config when
# any is missing. Idempotent: does nothing when pkg-config already finds all three.
set -euo pipefail
need=()
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
pkg-config --exists hdf5-serial 2>/dev/null || need+=(libhdf5-dev)
pkg-config --exists fftw3 2>/dev/null || need+=(libfftw3-dev)
pkg-config --exists openblas 2>/dev/null || need+=(libopenblas-dev)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
# pkg-config may be missing while the libraries are there: install all to be sure.
[ ${#need[@]} -eq 1 ] && [ "${need[0]}" = pkg-config ] && need+=(libhdf5-dev libfftw3-dev libopenblas-dev)
echo "installing: ${need[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "error: need root (or sudo) to apt-get install ${need[*]}" >&2; exit 1; }
  SUDO=sudo
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null

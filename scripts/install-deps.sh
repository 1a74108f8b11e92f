#!/usr/bin/env bash
# Installs what pinn-solve needs from Debian when it is missing: the -dev packages of the
# C libraries it links (HDF5, FFTW, OpenBLAS, and cairo, which draws NAME.png) and pkg-config; with --with-checkers also ParaView's pvpython
# (paraview, python3-paraview: ~250 MB download, ~70 s) and python3-h5py, which the test
# suite uses to open the written files with independent readers, and Open MPI's mpirun
# (openmpi-bin) for the MPI tests. Idempotent: installs
# nothing when everything is there.
set -euo pipefail
need=()
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
pkg-config --exists hdf5-serial 2>/dev/null || need+=(libhdf5-dev)
pkg-config --exists fftw3 2>/dev/null || need+=(libfftw3-dev)
pkg-config --exists openblas 2>/dev/null || need+=(libopenblas-dev)
pkg-config --exists cairo 2>/dev/null || need+=(libcairo2-dev)
# The test suite's independent checks: ParaView opens the XDMF, h5py reads the HDF5.
if [ "${1:-}" = "--with-checkers" ]; then
  command -v pvpython >/dev/null 2>&1 || need+=(paraview python3-paraview)
  /usr/bin/python3 -c "import h5py" >/dev/null 2>&1 || need+=(python3-h5py)
  # MPITests and MPIStopTests run `mpirun -np 2` (ParaView's packages bring it too).
  command -v mpirun >/dev/null 2>&1 || need+=(openmpi-bin)
fi
# pkg-config may be missing while the libraries are there: install all to be sure.
if [ ${#need[@]} -eq 1 ] && [ "${need[0]}" = pkg-config ]; then need+=(libhdf5-dev libfftw3-dev libopenblas-dev libcairo2-dev); fi
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
echo "installing: ${need[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "error: need root (or sudo) to apt-get install ${need[*]}" >&2; exit 1; }
  SUDO=sudo
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null

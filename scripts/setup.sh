#!/bin/sh
# Installs the Debian 12 packages shinrin needs to build, test and run its demo.
# Idempotent: packages already present are skipped, apt-get runs only when something is missing.
# Runs as root, or through sudo when not root.
# Usage: scripts/setup.sh [--mpi]   (--mpi: also Open MPI and Debian's parallel HDF5, for the MPI
# build of scripts/test.sh; the serial libhdf5-dev stays and the default build keeps using it)
set -eu

PACKAGES="build-essential cmake ninja-build pkg-config \
libisal-dev libssl-dev libeigen3-dev libgdal-dev gdal-bin libhdf5-dev hdf5-tools catch2 libyaml-cpp-dev libcli11-dev \
python3 python3-numpy python3-h5py python3-xarray python3-netcdf4 python3-h5netcdf python3-gdal \
libjs-chart.js chromium python3-matplotlib"
if [ "${1:-}" = "--mpi" ]; then
  PACKAGES="$PACKAGES libopenmpi-dev openmpi-bin libhdf5-openmpi-dev"
fi

missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done

if [ -z "$missing" ]; then
  echo "setup: all Debian packages present"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "setup: need root or sudo to install:$missing" >&2
  exit 1
fi

echo "setup: installing$missing"
$SUDO apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing

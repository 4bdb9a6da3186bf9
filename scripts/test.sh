#!/bin/sh
# The test command: installs what is needed, builds in build/ (Release) and runs every test with
# ctest; then builds the same tree under AddressSanitizer and UndefinedBehaviorSanitizer in
# build-asan/ (RelWithDebInfo at -O1 -g1, -DSHINRIN_SANITIZE=ON) and runs every test again there, where the
# tests that start the shinrin binary start the sanitized one (README "The tests").
# Third, the MPI build in build-mpi/ (-DSHINRIN_WITH_MPI=ON: Open MPI and parallel HDF5, installed
# by scripts/setup.sh --mpi; no unit tests or benchmarks) and its tests: mpirun -np 2 and 3 against
# one process, bit for bit (tests/mpi/).
# Usage: scripts/test.sh [ctest arguments], e.g. scripts/test.sh -R fukuoka (given to every stage)
# SHINRIN_SANITIZE=0 skips the sanitizer stage, SHINRIN_MPI=0 the MPI stage.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh"
cd "$root/build"
ctest --output-on-failure --timeout 1200 "$@"

generator=""
if command -v ninja >/dev/null 2>&1; then generator="-G Ninja"; fi
if [ "${SHINRIN_SANITIZE:-1}" = 0 ]; then
  echo "test.sh: sanitizer stage skipped (SHINRIN_SANITIZE=0)"
else
  echo "test.sh: the same tests under AddressSanitizer and UndefinedBehaviorSanitizer (build-asan/)"
  if [ ! -f "$root/build-asan/CMakeCache.txt" ]; then
    # shellcheck disable=SC2086
    # -O1 -g1: line tables for the sanitizers' stack traces at half the compile time of -O2 -g
    # (48 s -> 24 s for one test source here), which keeps CI within its time.
    cmake -S "$root" -B "$root/build-asan" $generator -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DSHINRIN_SANITIZE=ON \
      -DSHINRIN_BUILD_BENCHMARKS=OFF
  fi
  cmake --build "$root/build-asan" --parallel "$(nproc)"
  cd "$root/build-asan"
  ctest --output-on-failure --timeout 1200 "$@"
fi

if [ "${SHINRIN_MPI:-1}" = 0 ]; then
  echo "test.sh: MPI stage skipped (SHINRIN_MPI=0)"
  exit 0
fi
echo "test.sh: the MPI build (build-mpi/) and its tests: mpirun -np 2 and 3 against one process"
"$root/scripts/setup.sh" --mpi
if [ ! -f "$root/build-mpi/CMakeCache.txt" ]; then
  # shellcheck disable=SC2086
  cmake -S "$root" -B "$root/build-mpi" $generator -DCMAKE_BUILD_TYPE=Release \
    -DSHINRIN_WITH_MPI=ON -DSHINRIN_BUILD_TESTS=OFF -DSHINRIN_BUILD_BENCHMARKS=OFF
fi
cmake --build "$root/build-mpi" --parallel "$(nproc)"
cd "$root/build-mpi"
ctest --output-on-failure --timeout 1200 "$@"

#!/bin/sh
# The test command: installs what is needed, builds in build/ (Release) and runs every test with
# ctest; then builds the same tree under AddressSanitizer and UndefinedBehaviorSanitizer in
# build-asan/ (RelWithDebInfo at -O1 -g1, -DSHINRIN_SANITIZE=ON) and runs every test again there, where the
# tests that start the shinrin binary start the sanitized one (README "The tests").
# Usage: scripts/test.sh [ctest arguments], e.g. scripts/test.sh -R fukuoka (given to both stages)
# SHINRIN_SANITIZE=0 scripts/test.sh runs the Release stage only.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh"
cd "$root/build"
ctest --output-on-failure --timeout 1200 "$@"

if [ "${SHINRIN_SANITIZE:-1}" = 0 ]; then
  echo "test.sh: sanitizer stage skipped (SHINRIN_SANITIZE=0)"
  exit 0
fi
echo "test.sh: the same tests under AddressSanitizer and UndefinedBehaviorSanitizer (build-asan/)"
generator=""
if command -v ninja >/dev/null 2>&1; then generator="-G Ninja"; fi
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

#!/bin/sh
# Installs the Debian packages (scripts/setup.sh), then configures and builds shinrin in
# build/ (Release). Usage: scripts/build.sh [extra cmake arguments]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
generator=""
if command -v ninja >/dev/null 2>&1; then generator="-G Ninja"; fi
if [ ! -f "$root/build/CMakeCache.txt" ]; then
  # shellcheck disable=SC2086
  cmake -S "$root" -B "$root/build" $generator -DCMAKE_BUILD_TYPE=Release "$@"
fi
cmake --build "$root/build" --parallel "$(nproc)"

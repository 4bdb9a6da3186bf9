#!/bin/sh
# The test command: installs what is needed, builds, and runs every test with ctest.
# Usage: scripts/test.sh [ctest arguments], e.g. scripts/test.sh -R fukuoka
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh"
cd "$root/build"
ctest --output-on-failure --timeout 1200 "$@"

#!/bin/sh
# The demo command: installs what is needed, builds, runs the Hinohara demo scenario and prints
# the summary of its results file (demo-results.h5 in the repository root).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh"
cd "$root"
build/shinrin run scenarios/hinohara-demo.yaml --output demo-results.h5
echo
build/shinrin info demo-results.h5

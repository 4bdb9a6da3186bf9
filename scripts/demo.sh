#!/bin/sh
# The demo command: installs what is needed, builds, runs the Hinohara demo scenario and prints
# the summary of its results file (demo-results.h5 in the repository root), then the boiler table
# of the shortfall scenario (demo-boilers-shortfall.h5).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh"
cd "$root"
build/shinrin run scenarios/hinohara-demo.yaml --output demo-results.h5 --overwrite
echo
build/shinrin info demo-results.h5
echo
echo "The same spa boilers fed only by the ordinary plan (scenarios/hinohara-boilers-shortfall.yaml):"
build/shinrin run scenarios/hinohara-boilers-shortfall.yaml --output demo-boilers-shortfall.h5 --overwrite >/dev/null
build/shinrin info demo-boilers-shortfall.h5 | sed -n '/^wood boilers/,/^  reduction = /p'

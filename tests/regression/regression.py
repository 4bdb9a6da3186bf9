#!/usr/bin/python3
"""Regression references of the shipped scenarios.

Runs every scenario of SCENARIOS with the shinrin executable and compares the aggregate results
(every dataset on the year axis that is not per parcel: totals, per species, municipality and
regime, carbon flux channels, harvest-plan rows, the boilers' years and each credit project's chain
per period) with the reference file of that scenario in this
folder, within

    |a - b| <= RTOL * max(|a|, |b|) + ATOL   and the same NaN positions,

so that an unintended change of any number shows up. They catch change; correctness comes from
the hand-computed unit tests. After a deliberate change of results, regenerate the references
with --update and commit them on their own, saying why.

Usage: regression.py --exe PATH/TO/shinrin [--update] [--only NAME]
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
RTOL = 1e-9   # relative: a tenth of a part per billion of the value
ATOL = 1e-6   # absolute [t, m3, ha]: the fixed-point totals are exact to 2^-20 per block

# name -> scenario (relative to the repository) and extra command-line options
SCENARIOS = {
    "hinohara-demo": ("scenarios/hinohara-demo.yaml", []),
    "hinohara-yield-table": ("scenarios/hinohara-yield-table.yaml", []),
    "hinohara-boilers-shortfall": ("scenarios/hinohara-boilers-shortfall.yaml", []),
    "fukuoka-register-hisayama": ("scenarios/fukuoka-register.yaml", []),
    "fukuoka-managed-hisayama": ("scenarios/fukuoka-managed.yaml", []),
    "fukuoka-fo001-hisayama": ("scenarios/fukuoka-fo001.yaml", []),
    "fukuoka-managed-tagawa": ("scenarios/fukuoka-managed.yaml",
                               ["--parcels", os.path.join(REPO, "..", "shared", "data", "fukuoka-forest-register",
                                                          "tagawa.fgb")]),
}


def aggregates(path):
    """Every numeric dataset whose last axis is `year`, except per-parcel ones, as lists (the
    root group and the /fuel group)."""
    out = {}
    with h5py.File(path, "r") as f:
        nyear = f["year"].shape[0]
        items = list(f.items())
        if "fuel" in f:
            items += [("fuel/" + name, ds) for name, ds in f["fuel"].items()]
        for name, ds in items:
            if not isinstance(ds, h5py.Dataset) or ds.dtype.kind not in "fiu" or ds.ndim == 0 or name.endswith("year") or name == "time":
                continue
            if ds.shape[-1] != nyear or (ds.ndim >= 1 and "parcel" in [d.label for d in ds.dims]):
                continue
            dims = [os.path.basename(ds.dims[k][0].name) if len(ds.dims[k]) else "" for k in range(ds.ndim)]
            if "parcel" in dims or "output_year" in dims:
                continue
            out[name] = np.asarray(ds[()], dtype=float).tolist()
        # Credit projects: every numeric dataset of a project on the period axis (the chain).
        if "crediting" in f:
            for project, g in f["crediting"].items():
                for name, ds in g.items():
                    dims = [os.path.basename(ds.dims[k][0].name) if len(ds.dims[k]) else "" for k in range(ds.ndim)]
                    if ds.dtype.kind in "fiu" and dims == ["period"] and name != "period":
                        out["crediting/" + project + "/" + name] = np.asarray(ds[()], dtype=float).tolist()
    return out


def run(exe, scenario, options, output):
    cmd = [exe, "run", os.path.join(REPO, scenario), "--output", output] + options
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stdout}\n{done.stderr}")


def differences(name, ref, new):
    problems = []
    for key in sorted(set(ref) | set(new)):
        if key not in ref or key not in new:
            problems.append(f"{name}: dataset {key} only in {'reference' if key in ref else 'this run'}")
            continue
        a, b = np.asarray(ref[key], dtype=float), np.asarray(new[key], dtype=float)
        if a.shape != b.shape:
            problems.append(f"{name}: {key} shape {a.shape} != {b.shape}")
            continue
        nan_a, nan_b = np.isnan(a), np.isnan(b)
        if (nan_a != nan_b).any():
            problems.append(f"{name}: {key} NaN positions differ")
            continue
        x, y = a[~nan_a], b[~nan_b]
        bad = np.abs(x - y) > RTOL * np.maximum(np.abs(x), np.abs(y)) + ATOL
        if bad.any():
            k = int(np.argmax(bad))
            problems.append(f"{name}: {key}: {int(bad.sum())} values differ, e.g. reference {x[k]!r}, now {y[k]!r}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exe", required=True)
    parser.add_argument("--update", action="store_true", help="rewrite the reference files")
    parser.add_argument("--only", help="one scenario name")
    args = parser.parse_args()
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, (scenario, options) in SCENARIOS.items():
            if args.only and name != args.only:
                continue
            output = os.path.join(tmp, name + ".h5")
            run(args.exe, scenario, options, output)
            new = aggregates(output)
            ref_path = os.path.join(HERE, name + ".json")
            if args.update:
                with open(ref_path, "w") as f:
                    json.dump({"scenario": scenario, "options": [o.replace(REPO, "$REPO") for o in options],
                               "rtol": RTOL, "atol": ATOL, "datasets": new},
                              f, indent=0, sort_keys=True, allow_nan=True)
                    f.write("\n")
                print(f"updated {ref_path} ({len(new)} datasets)")
                continue
            if not os.path.exists(ref_path):
                problems.append(f"{name}: no reference file {ref_path} (run with --update)")
                continue
            with open(ref_path) as f:
                ref = json.load(f)["datasets"]
            found = differences(name, ref, new)
            problems += found
            print(f"{name}: {len(new)} datasets, {'differs' if found else 'as referenced'}")
    if problems:
        print("\n".join(problems[:40]))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""MPI test: `shinrin run` on K ranks writes the bits of one process.

Usage: check_ranks.py --exe SHINRIN --mpiexec MPIEXEC --scenario YAML --dir SCRATCH
                      [--ranks 2,3] [--serial-exe SHINRIN_WITHOUT_MPI]

Runs the scenario under `mpiexec -np 1` with 2 OpenMP threads (the reference: one process), then
under `mpiexec -np K` with 1 thread per rank for each K of --ranks (and, when given, once with
the default build's executable, without mpiexec), every run onto the same output path with the
same arguments (so the command line and the resolved scenario are the same), keeping each file.
Each file must equal the reference: the same groups, datasets and attributes on every object;
every dataset the same dtype, shape and bytes (NaN payloads and signed zeros included); every
attribute the same value. Excluded, and only these: the root attributes `date_and_time` (the
time the run started writing) and `history` (which holds that time); against the default
build's file also `command_line` (the executable's path), `git_sha` and `source` (the commit it
was built from). The thread and rank counts are not recorded in the file. Exits 1 and lists the
differences otherwise.
"""
import os
import shutil
import sys

import h5py
import numpy as np

import mpi_common

EXCLUDED_ROOT_ATTRS = {"date_and_time", "history"}
# Against the default build's file, also what names the executable that wrote it: its path (in
# command_line) and the commit it was built from (git_sha, source), which differ when one build
# folder is older than the other.
EXCLUDED_FOR_OTHER_BUILD = {"command_line", "git_sha", "source"}


def run(cmd, threads, out_path, keep_as):
    """Runs `cmd` with `threads` OpenMP threads a process and keeps its results as `keep_as`."""
    if os.path.exists(out_path):
        os.remove(out_path)
    p = mpi_common.run(cmd, threads)
    if p.returncode != 0:
        sys.stderr.write(p.stdout[-3000:] + p.stderr[-3000:])
        raise SystemExit(f"FAILED (exit {p.returncode}): {' '.join(cmd)}")
    shutil.move(out_path, keep_as)
    line = next((l for l in p.stdout.splitlines() if l.startswith("simulated ")), "")
    print(f"{os.path.basename(keep_as)}: {line}")
    return keep_as


def same_value(x, y):
    x, y = np.asarray(x), np.asarray(y)
    if x.dtype != y.dtype or x.shape != y.shape:
        return False
    if x.dtype.kind in "fc":
        return x.tobytes() == y.tobytes()
    return np.array_equal(x, y)


def resolve(f, value):
    """`value` with every object reference replaced by the name of the object it points to
    (dimension scales: DIMENSION_LIST, REFERENCE_LIST hold references, which are addresses in
    each file), as nested tuples; other values as they are."""
    if isinstance(value, h5py.Reference):
        return ("ref", f[value].name if value else None)
    if isinstance(value, np.void) or (isinstance(value, np.ndarray) and value.dtype.names):
        if isinstance(value, np.ndarray):
            return tuple(resolve(f, v) for v in value.flat)
        return tuple(resolve(f, value[k]) for k in value.dtype.names)
    if isinstance(value, np.ndarray) and value.dtype.kind == "O":
        return tuple(resolve(f, v) for v in value.flat) + (value.shape,)
    return value


def has_references(value):
    dt = np.asarray(value).dtype
    return dt.kind == "O" or dt.names is not None


def same_attr(fa, fb, x, y):
    if has_references(x) or has_references(y):
        return resolve(fa, x) == resolve(fb, y)
    return same_value(x, y)


def objects(f):
    out = {"/": f}
    f.visititems(lambda name, obj: out.__setitem__(name, obj))
    return out


def compare(a_path, b_path, excluded):
    problems = []
    compared = attrs = 0
    with h5py.File(a_path, "r") as a, h5py.File(b_path, "r") as b:
        oa, ob = objects(a), objects(b)
        if set(oa) != set(ob):
            problems.append(f"objects only in one file: {sorted(set(oa) ^ set(ob))[:10]}")
        for name in sorted(set(oa) & set(ob)):
            x, y = oa[name], ob[name]
            if type(x) is not type(y):
                problems.append(f"{name}: a {type(x).__name__} in one file, a {type(y).__name__} in the other")
                continue
            if isinstance(x, h5py.Dataset):
                if x.dtype != y.dtype or x.shape != y.shape:
                    problems.append(f"{name}: dtype/shape {x.dtype}{x.shape} vs {y.dtype}{y.shape}")
                elif not same_value(x[()], y[()]):
                    problems.append(f"{name}: values differ")
                compared += 1
            keys = set(x.attrs) | set(y.attrs)
            if name == "/":
                keys -= excluded
            for key in sorted(keys):
                if key not in x.attrs or key not in y.attrs:
                    problems.append(f"{name}: attribute {key} only in one file")
                elif not same_attr(a, b, x.attrs[key], y.attrs[key]):
                    problems.append(f"{name}: attribute {key} differs")
                attrs += 1
    return problems, compared, attrs


def main():
    args = mpi_common.arguments(("--scenario", None), ("--ranks", "2"), ("--serial-exe", ""))
    out_path = os.path.join(args.dir, "results.h5")
    shinrin = ["run", args.scenario, "--output", out_path, "--quiet"]

    def mpi(k):
        return mpi_common.mpiexec(args, k, shinrin)

    reference = run(mpi(1), 2, out_path, os.path.join(args.dir, "ranks1-threads2.h5"))
    others = [run(mpi(int(k)), 1, out_path, os.path.join(args.dir, f"ranks{k}-threads1.h5"))
              for k in args.ranks.split(",")]
    if args.serial_exe and os.path.exists(args.serial_exe):
        others.append(run([args.serial_exe] + shinrin, 2, out_path,
                          os.path.join(args.dir, "default-build.h5")))
    failed = False
    for other in others:
        excluded = EXCLUDED_ROOT_ATTRS
        if other.endswith("default-build.h5"):
            excluded = EXCLUDED_ROOT_ATTRS | EXCLUDED_FOR_OTHER_BUILD
        problems, compared, attrs = compare(reference, other, excluded)
        if problems:
            failed = True
            print(f"DIFFERENT {os.path.basename(other)} vs {os.path.basename(reference)}:")
            print("  " + "\n  ".join(problems[:30]))
        else:
            print(f"identical: {os.path.basename(other)} = {os.path.basename(reference)} "
                  f"({compared} datasets, {attrs} attributes; excluded: "
                  f"{', '.join(sorted(excluded))})")
    # Something to compare: every target of the plan treated parcels (the selection ran over
    # candidates of every rank), and the per-parcel series hold values.
    with h5py.File(reference, "r") as f:
        if "plan_treated_parcels" in f:
            treated = np.nansum(f["plan_treated_parcels"][()], axis=1)
            print(f"parcels treated per plan row over the run: {treated.tolist()}")
            if not (treated > 0).all():
                failed = True
                print("a plan row treated nothing: the test would not exercise it")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

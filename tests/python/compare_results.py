#!/usr/bin/python3
"""Compares two shinrin results files dataset by dataset, bit for bit.

Usage: compare_results.py [--by-key] A.h5 B.h5
Every dataset (values, dtype, shape) must be identical, including NaN positions. Root attributes
must be identical except those that describe the invocation (date_and_time, command_line,
history, scenario_sha256) and /scenario (the resolved scenario text records the thread count and
the input paths) and /inputs (paths and hashes of the input files).
--by-key: the two runs read the same records in a different order (a shuffled copy of the
layer): per-parcel datasets are compared after matching parcels by (parcel_key, storey), and
source_fid and parcel_index (the feature id and the position in each file) are not compared.
Exits 1 and prints the first differences otherwise.
"""
import sys

import h5py
import numpy as np

INVOCATION_ATTRS = {"date_and_time", "command_line", "history", "scenario_sha256"}


def datasets(f):
    out = {}
    f.visititems(lambda name, obj: out.__setitem__(name, obj) if isinstance(obj, h5py.Dataset) else None)
    return out


def key_order(f):
    keys = [k.decode() if isinstance(k, bytes) else k for k in f["parcel_key"][()]]
    storey = f["storey"][()]
    pairs = list(zip(keys, storey.tolist()))
    if len(set(pairs)) != len(pairs):
        raise SystemExit("--by-key needs unique (parcel_key, storey) pairs")
    return np.array(sorted(range(len(pairs)), key=lambda i: pairs[i]))


def main(a_path, b_path, by_key=False):
    problems = []
    with h5py.File(a_path, "r") as a, h5py.File(b_path, "r") as b:
        da, db = datasets(a), datasets(b)
        n = a["parcel"].shape[0]
        order_a = key_order(a) if by_key else None
        order_b = key_order(b) if by_key else None
        if set(da) != set(db):
            problems.append(f"dataset names differ: {sorted(set(da) ^ set(db))}")
        compared = 0
        for name in sorted(set(da) & set(db)):
            if name.startswith("scenario/") or name.startswith("inputs/"):
                continue
            if by_key and name in ("source_fid", "parcel_index"):  # positions in each file
                continue
            x, y = da[name][()], db[name][()]
            if by_key and name == "parcel":  # the parcel ids (format 3), in each file's order
                x, y = x[order_a], y[order_b]
            elif by_key and np.ndim(x) >= 1 and np.shape(x)[0] == n and \
                    da[name].dims[0].keys() and "parcel" in [d.name.split("/")[-1] for d in da[name].dims[0].values()]:
                x, y = x[order_a], y[order_b]
            if da[name].dtype != db[name].dtype or np.shape(x) != np.shape(y):
                problems.append(f"{name}: dtype/shape differ")
                continue
            if np.asarray(x).dtype.kind == "f":
                same = np.array_equal(np.atleast_1d(x).view(np.uint8), np.atleast_1d(y).view(np.uint8))
            else:
                same = np.array_equal(x, y)
            if not same:
                problems.append(f"{name}: values differ")
            compared += 1
        for key in set(a.attrs) | set(b.attrs):
            if key in INVOCATION_ATTRS:
                continue
            if key not in a.attrs or key not in b.attrs or not np.array_equal(a.attrs[key], b.attrs[key]):
                problems.append(f"root attribute {key} differs")
    if problems:
        print("\n".join(problems[:20]))
        return 1
    print(f"identical: {compared} datasets")
    return 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--by-key"]
    sys.exit(main(args[0], args[1], by_key="--by-key" in sys.argv[1:]))

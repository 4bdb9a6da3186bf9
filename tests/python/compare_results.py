#!/usr/bin/python3
"""Compares two shinrin results files dataset by dataset, bit for bit.

Usage: compare_results.py A.h5 B.h5
Every dataset (values, dtype, shape) must be identical, including NaN positions. Root attributes
must be identical except those that describe the invocation (date_and_time, command_line,
history, scenario_sha256) and /scenario (the resolved scenario text records the thread count).
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


def main(a_path, b_path):
    problems = []
    with h5py.File(a_path, "r") as a, h5py.File(b_path, "r") as b:
        da, db = datasets(a), datasets(b)
        if set(da) != set(db):
            problems.append(f"dataset names differ: {sorted(set(da) ^ set(db))}")
        compared = 0
        for name in sorted(set(da) & set(db)):
            if name.startswith("scenario/"):
                continue
            x, y = da[name][()], db[name][()]
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
    sys.exit(main(sys.argv[1], sys.argv[2]))

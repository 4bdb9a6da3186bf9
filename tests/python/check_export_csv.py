#!/usr/bin/python3
"""Checks the CSV tables of `shinrin export RESULTS.h5 --to DIR --csv [--long]` against the
results file read with h5py: each file starts with the UTF-8 byte-order mark, reads with Python's
csv module (encoding utf-8-sig), has a column `state` (initial at the first fiscal year, then
`end of year`), and holds every fiscal year of the totals and of every group with the file's
values (empty where the file holds NaN); the group labels (e.g. Japanese municipality names) are
the file's. --expect LABEL: a label that must appear in municipality.csv.

Usage: check_export_csv.py RESULTS.h5 DIR [--long] [--expect LABEL]
"""
import csv
import math
import os
import sys

import h5py


def text(values):
    return [v.decode() if isinstance(v, bytes) else str(v) for v in values]


def attr(ds, name):
    v = ds.attrs[name]
    return v.decode() if isinstance(v, bytes) else str(v)


def same(expected, cell, what):
    expected = float(expected)
    if math.isnan(expected):
        assert cell == "", f"{what}: {cell!r}, expected empty (NaN)"
        return
    assert cell != "" and float(cell) == expected, f"{what}: {cell!r} != {expected!r}"


def main(h5_path, folder, *flags):
    long = "--long" in flags
    expect = flags[flags.index("--expect") + 1] if "--expect" in flags else None
    checked = 0
    with h5py.File(h5_path, "r") as f:
        year = [int(y) for y in f["year"][()]]
        agg_vars = [n[len("total_"):] for n in f if n.startswith("total_") and n != "total_area"]
        units = {v: attr(f["total_" + v], "units") for v in agg_vars}
        sheets = [("totals", None), ("species", "species"), ("municipality", "municipality"),
                  ("regime", "regime")]
        if "age_class" in f:
            sheets.append(("age_class", "age_class"))
            for v in ("area", "stem_volume", "carbon_ag", "carbon_bg"):
                units[v + "@age_class"] = attr(f["age_class_" + v], "units")
        for name, dim in sheets:
            variables = (["area", "stem_volume", "carbon_ag", "carbon_bg"] if dim == "age_class"
                         else agg_vars)
            unit = (lambda v: units[v + "@age_class"]) if dim == "age_class" else (lambda v: units[v])
            path = os.path.join(folder, name + ".csv")
            with open(path, "rb") as fh:
                raw = fh.read()
            assert raw.startswith(b"\xef\xbb\xbf"), f"{path}: no byte-order mark"
            with open(path, encoding="utf-8-sig", newline="") as fh:
                rows = list(csv.reader(fh))
            header, body = rows[0], rows[1:]
            labels = ([str(int(k)) for k in f[dim][()]] if dim == "age_class"
                      else text(f[dim][()]) if dim else ["total"])
            if expect and dim == "municipality":
                assert expect in labels, (expect, labels)
                assert any(r[2] == expect for r in body), f"{expect} not in {path}"
            def value(v, l, k):
                return f[f"{dim}_{v}"][l, k] if dim else f["total_" + v][k]
            if name == "age_class" and not long:
                # The ages of each class in a column of their own.
                first, last = f["age_class_first_age"][()], f["age_class_last_age"][()]
                ages = [f"{a}+" if b < 0 else f"{a}-{b}" for a, b in zip(first, last)]
                assert rows[0][3] == "ages", rows[0]
                for r in rows[1:]:
                    assert r[3] == ages[labels.index(r[2])], r
                rows = [r[:3] + r[4:] for r in rows]
                header, body = rows[0], rows[1:]
            if long:
                assert header == ["fiscal_year", "state", "group", "variable", "unit", "value"], header
                assert len(body) == len(year) * len(labels) * len(variables), (path, len(body))
                for r in body:
                    k, l = year.index(int(r[0])), labels.index(r[2])
                    assert r[1] == ("initial" if k == 0 else "end of year"), r
                    assert r[4] == unit(r[3]), r
                    same(value(r[3], l, k), r[5], f"{path} {r[:4]}")
                    checked += 1
            else:
                lead = ["fiscal_year", "state"] + ([dim] if dim else [])
                assert header[:len(lead)] == lead, header
                columns = header[len(lead):]
                assert columns == [f"{v} [{unit(v)}]" for v in variables] or name != "age_class", columns
                assert sorted(columns) == sorted(f"{v} [{unit(v)}]" for v in variables), columns
                names = [c[:c.index(" [")] for c in columns]
                assert len(body) == len(year) * len(labels), (path, len(body))
                for r in body:
                    k = year.index(int(r[0]))
                    l = labels.index(r[2]) if dim else 0
                    assert r[1] == ("initial" if k == 0 else "end of year"), r
                    for c, v in enumerate(names):
                        same(value(v, l, k), r[len(lead) + c], f"{path} {r[:len(lead)]} {v}")
                        checked += 1
    assert checked > 0
    print(f"checked: {checked} values")


if __name__ == "__main__":
    main(*sys.argv[1:])

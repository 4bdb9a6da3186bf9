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
        order = ["stem_volume"]  # the first column; the rest as the engine's table
        units = {v: attr(f["total_" + v], "units") for v in agg_vars}
        for name, dim in (("totals", None), ("species", "species"),
                          ("municipality", "municipality"), ("regime", "regime")):
            path = os.path.join(folder, name + ".csv")
            with open(path, "rb") as fh:
                raw = fh.read()
            assert raw.startswith(b"\xef\xbb\xbf"), f"{path}: no byte-order mark"
            with open(path, encoding="utf-8-sig", newline="") as fh:
                rows = list(csv.reader(fh))
            header, body = rows[0], rows[1:]
            labels = text(f[dim][()]) if dim else ["total"]
            if expect and dim == "municipality":
                assert expect in labels, (expect, labels)
                assert any(r[2] == expect for r in body), f"{expect} not in {path}"
            def value(v, l, k):
                return f[f"{dim}_{v}"][l, k] if dim else f["total_" + v][k]
            if long:
                assert header == ["fiscal_year", "state", "group", "variable", "unit", "value"], header
                assert len(body) == len(year) * len(labels) * len(agg_vars), (path, len(body))
                for r in body:
                    k, l = year.index(int(r[0])), labels.index(r[2])
                    assert r[1] == ("initial" if k == 0 else "end of year"), r
                    assert r[4] == units[r[3]], r
                    same(value(r[3], l, k), r[5], f"{path} {r[:4]}")
                    checked += 1
            else:
                lead = ["fiscal_year", "state"] + ([dim] if dim else [])
                assert header[:len(lead)] == lead, header
                columns = header[len(lead):]
                assert columns[0] == f"stem_volume [{units['stem_volume']}]", columns[0]
                assert sorted(columns) == sorted(f"{v} [{units[v]}]" for v in agg_vars), columns
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

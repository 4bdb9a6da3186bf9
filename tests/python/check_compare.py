#!/usr/bin/python3
"""Checks the output of `shinrin compare --json A.h5 B.h5` against differences computed here,
independently, from the two files read with h5py: per fiscal year in both files the totals and
the per-species, per-municipality and per-regime aggregates (B - A, matched by label), and the
per-parcel series (B - A, parcels matched by the `parcel` coordinate, output years in both);
the lists of years, labels and parcels found in one file only.

Usage: check_compare.py A.h5 B.h5 COMPARE.json [--zero | --nonzero]
--zero: every difference is 0 (or null where both are NaN) and nothing is in one file only.
--nonzero: some total and some per-parcel difference is not 0 (the comparison is not vacuous).
"""
import json
import math
import sys

import h5py
import numpy as np


def text(values):
    return [v.decode() if isinstance(v, bytes) else str(v) for v in values]


def close(expected, got, what):
    if got is None:
        assert math.isnan(expected), f"{what}: null, expected {expected}"
        return
    assert not math.isnan(expected), f"{what}: {got}, expected NaN"
    assert abs(expected - got) <= 1e-12 * max(abs(expected), abs(got)) + 1e-12, f"{what}: {got} != {expected}"


def main(a_path, b_path, json_path, mode):
    with open(json_path, encoding="utf-8") as fh:
        out = json.load(fh)
    with h5py.File(a_path, "r") as a, h5py.File(b_path, "r") as b:
        ya, yb = list(a["year"][()]), list(b["year"][()])
        common = [y for y in ya if y in yb]
        assert out["years"] == common, (out["years"], common)
        assert out["years_only_in_a"] == [y for y in ya if y not in yb]
        assert out["years_only_in_b"] == [y for y in yb if y not in ya]
        ia, ib = [ya.index(y) for y in common], [yb.index(y) for y in common]
        numbers = []

        # Totals.
        for k, row in enumerate(out["totals"]):
            assert row["year"] == common[k]
            for var, got in row.items():
                if var == "year":
                    continue
                name = "total_" + var
                expected = float(b[name][ib[k]]) - float(a[name][ia[k]])
                close(expected, got, f"{name} {common[k]}")
                numbers.append(got)
        # Groups.
        for dim in ("species", "municipality", "regime"):
            la, lb = text(a[dim][()]), text(b[dim][()])
            g = out["groups"][dim]
            assert g["only_in_a"] == [x for x in la if x not in lb]
            assert g["only_in_b"] == [x for x in lb if x not in la]
            both = [x for x in la if x in lb]
            assert [r[dim] for r in g["rows"]] == both
            for r in g["rows"]:
                i, j = la.index(r[dim]), lb.index(r[dim])
                for k, row in enumerate(r["values"]):
                    for var, got in row.items():
                        if var == "year":
                            continue
                        name = dim + "_" + var
                        expected = float(b[name][j, ib[k]]) - float(a[name][i, ia[k]])
                        close(expected, got, f"{name} {r[dim]} {common[k]}")
                        numbers.append(got)
        # Parcels, by id.
        pa, pb = text(a["parcel"][()]), text(b["parcel"][()])
        assert len(set(pa)) == len(pa) and len(set(pb)) == len(pb), "parcel ids are not unique"
        p = out["parcels"]
        assert p["in_a"] == len(pa) and p["in_b"] == len(pb)
        assert p["only_in_a"] == [x for x in pa if x not in set(pb)]
        assert p["only_in_b"] == [x for x in pb if x not in set(pa)]
        row_b = {x: i for i, x in enumerate(pb)}
        both = [(i, row_b[x]) for i, x in enumerate(pa) if x in row_b]
        assert p["in_both"] == len(both)
        oa, ob = list(a["output_year"][()]), list(b["output_year"][()])
        oy = [y for y in oa if y in ob]
        assert p["output_years"] == oy
        ja, jb = [oa.index(y) for y in oy], [ob.index(y) for y in oy]
        # Per-parcel series: the datasets on (parcel, output_year) of both files.
        def series(f):
            return {name for name, ds in f.items() if isinstance(ds, h5py.Dataset) and ds.ndim == 2 and
                    [d[0].name.split("/")[-1] if len(d) else "" for d in ds.dims] == ["parcel", "output_year"]}
        assert set(p["variables"]) == series(a) & series(b), (p["variables"], series(a) & series(b))
        parcel_numbers = []
        for var in p["variables"]:
            xa = a[var][()].astype("f8")[:, ja]
            xb = b[var][()].astype("f8")[:, jb]
            rows = p["differences"][var]
            assert list(rows) == [pa[i] for i, _ in both]
            for i, j in both:
                expected = xb[j] - xa[i]
                got = rows[pa[i]]
                for k in range(len(oy)):
                    close(float(expected[k]), got[k], f"{var} {pa[i]} {oy[k]}")
                    parcel_numbers.append(got[k])
    finite = [x for x in numbers if x is not None]
    finite_p = [x for x in parcel_numbers if x is not None]
    if mode == "--zero":
        assert all(x == 0 for x in finite + finite_p), "a run compared with itself differs"
        assert not out["years_only_in_a"] and not p["only_in_a"] and not p["only_in_b"]
        assert finite and finite_p
    if mode == "--nonzero":
        assert any(x != 0 for x in finite), "no total differs"
        assert any(x != 0 for x in finite_p), "no per-parcel value differs"
    print(f"compare matches: {len(finite)} aggregate and {len(finite_p)} per-parcel differences")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else ""))

#!/usr/bin/python3
"""The age-class aggregates (齢級, format 3.1) of a results file agree with its per-parcel series.

Usage: check_age_classes.py RESULTS.h5
The file must hold the per-parcel series age, stem_volume, carbon_ag and carbon_bg every year.
Classes are recomputed here from each parcel's age at the end of every year: class k (1-based)
holds ages 5k-4..5k, age 0 is in class 1, class 21 holds 101 years and older. For each class and
year, age_class_area must equal the sum of the areas of its parcels, and the stock variables the
sum of per-hectare value x area (the series are float32: relative tolerance 1e-5). The classes
add up to the totals, and the initial state's classes come from the register ages. The engine
adds block sums in fixed point (2^-20 of the unit, docs/results-format.md), so sums of the file
and sums computed here agree to 1e-6 of the unit per block of 1,024 parcels and class.
"""
import sys

import h5py
import numpy as np
import xarray as xr


def classes_of(age):
    age = np.asarray(age, dtype=np.int64)
    return np.where(age <= 5, 0, np.minimum((age - 1) // 5, 20))


def main(path):
    with h5py.File(path, "r") as f:
        assert tuple(f.attrs["format_version"]) >= (3, 1), f.attrs["format_version"]
        number = f["age_class"][()]
        first, last = f["age_class_first_age"][()], f["age_class_last_age"][()]
        assert list(number) == list(range(1, 22)), number
        assert list(first) == [0] + [5 * k + 1 for k in range(1, 21)], first
        assert list(last) == [5 * k for k in range(1, 21)] + [-1], last
        area = f["area"][()]
        initial_age = f["initial_age"][()]
        year, out_year = list(f["year"][()]), list(f["output_year"][()])
        assert out_year == year, "the check needs the series every year"
        series = {v: f[v][()].astype(np.float64) for v in
                  ("age", "stem_volume", "carbon_ag", "carbon_bg")}
        agg = {v: f["age_class_" + v][()] for v in
               ("area", "stem_volume", "carbon_ag", "carbon_bg")}
        totals = {v: f["total_" + v][()] for v in ("stem_volume", "carbon_ag", "carbon_bg")}
        total_area = float(f["total_area"][()])
    assert np.array_equal(series["age"][:, 0], initial_age), "age at entry 0 is the register's"
    blocks = (len(area) + 1023) // 1024
    quantum = 1e-6 * blocks  # fixed-point rounding of one class (or total) over all blocks
    felled_to_young = 0
    for t in range(len(year)):
        cls = classes_of(series["age"][:, t])
        for k in range(21):
            rows = cls == k
            want_area = float(area[rows].sum())
            got = float(agg["area"][k, t])
            assert abs(got - want_area) <= quantum, (year[t], k + 1, got, want_area)
            for v in ("stem_volume", "carbon_ag", "carbon_bg"):
                want = float((series[v][rows, t] * area[rows]).sum())
                got = float(agg[v][k, t])
                assert abs(got - want) <= quantum + 1e-5 * abs(want), (v, year[t], k + 1, got, want)
        assert abs(agg["area"][:, t].sum() - total_area) <= 22 * quantum, year[t]
        for v in totals:
            s = agg[v][:, t].sum()
            assert abs(s - totals[v][t]) <= 22 * quantum, (v, year[t], s, totals[v][t])
        if t > 0:
            felled_to_young += int(((series["age"][:, t] == 0)).sum())
    # xarray sees the age_class coordinate.
    ds = xr.open_dataset(path)
    assert float(ds.age_class_area.sel(age_class=21).isel(year=0)) == float(agg["area"][20, 0])
    print(f"age classes agree over {len(year)} years and {len(area)} parcels; "
          f"{felled_to_young} parcel-years at age 0")


if __name__ == "__main__":
    main(sys.argv[1])

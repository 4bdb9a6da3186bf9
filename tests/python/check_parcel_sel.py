#!/usr/bin/python3
"""The parcel dimension of a results file (format 3) is indexed by the parcel id, so that
`ds.sel(parcel=key)` works in xarray, and two runs over the same layer line up by parcel.

Usage: check_parcel_sel.py A.h5 [B.h5]
A alone: ids are unique; the id of a single-storey record is its register key and
ds.sel(parcel=key) gives that record's row (checked against h5py: the row whose parcel_key is the
key and whose storey is 0); storey records carry /upper or /lower; the register's species and
forest-type names are beside the codes.
With B (the same layer, another growth model or regime): the same ids, and every static value of
a parcel (key, area, initial age, register names) is the same when selected by id in both.
"""
import sys
from collections import Counter

import h5py
import numpy as np
import xarray as xr


def text(values):
    return [v.decode() if isinstance(v, bytes) else str(v) for v in values]


def check_one(path):
    with h5py.File(path, "r") as f:
        keys, storey = text(f["parcel_key"][()]), f["storey"][()]
        volume = f["stem_volume"][()]
        area = f["area"][()]
    ds = xr.open_dataset(path)
    ids = [str(x) for x in ds.parcel.values]
    assert ds.indexes["parcel"].is_unique, "parcel ids repeat"
    assert ds.parcel.attrs["cf_role"] == "timeseries_id"
    assert ds.attrs["featureType"] == "timeSeries"
    count = Counter(keys)
    single = [i for i in range(len(keys)) if storey[i] == 0 and count[keys[i]] == 1]
    assert single, "no single-storey record"
    for i in single[:: max(1, len(single) // 50)]:
        row = ds.sel(parcel=keys[i])
        assert float(row.area) == float(area[i]), (keys[i], float(row.area), area[i])
        assert np.array_equal(row.stem_volume.values, volume[i], equal_nan=True), keys[i]
        assert str(row.parcel_key.values) == keys[i]
    for i in range(len(keys)):
        suffix = {0: "", 1: "/upper", 2: "/lower"}[int(storey[i])]
        assert ids[i].startswith(keys[i] + suffix), (ids[i], keys[i], storey[i])
    # Register names beside the codes.
    assert ds.register_species_name.dims == ("parcel",)
    assert ds.register_forest_type_name.dims == ("parcel",)
    names = [str(x) for x in ds.register_species_name.values]
    assert any(n for n in names), "no register species name"
    return ds


def main(a_path, b_path=None):
    a = check_one(a_path)
    two_storey = [p for p in a.parcel.values if str(p).endswith("/upper") or str(p).endswith("/lower")]
    print(f"{a_path}: {a.sizes['parcel']} parcels, {len(two_storey)} storey records; sel by key works")
    if b_path:
        b = check_one(b_path)
        assert set(a.parcel.values) == set(b.parcel.values), "the runs hold different parcels"
        # B's rows in A's order, by label: the static values must agree parcel by parcel.
        b_in_a = b.sel(parcel=a.parcel.values)
        for name in ("parcel_key", "area", "initial_age", "site_class", "storey",
                     "register_species_name", "register_forest_type_name"):
            assert np.array_equal(a[name].values, b_in_a[name].values), f"{name} differs between runs by parcel"
        # Aligned arithmetic works by label (xarray aligns on the parcel index).
        diff = b.stem_volume - a.stem_volume
        assert diff.sizes["parcel"] == a.sizes["parcel"]
        assert not (b_in_a.stem_volume == a.stem_volume).all(), "the two growth models give the same volumes"
        print(f"{b_path}: lines up with {a_path} by parcel")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))

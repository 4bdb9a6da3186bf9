#!/usr/bin/python3
"""Checks what io::read_results_tables and io::ParcelSeriesReader read from a results file (dumped
by tests/unit/test_export.cpp as tab-separated lines) against the file read here with h5py: the
static per-parcel variables (group labels looked up through the coordinates), every per-parcel
series value, the aggregates per group and the totals, and the parcel source of /inputs.

Usage: check_results_tables.py RESULTS.h5 DUMP.tsv
"""
import math
import sys

import h5py
import numpy as np


def text(values):
    return [v.decode() if isinstance(v, bytes) else str(v) for v in values]


def same(expected, got, what):
    if math.isnan(expected):
        assert math.isnan(got), f"{what}: {got}, expected NaN"
        return
    assert expected == got, f"{what}: {got!r} != {expected!r}"


def main(h5_path, dump_path):
    rows = {}
    with open(dump_path, encoding="utf-8") as fh:
        for line in fh:
            fields = line.rstrip("\n").split("\t")
            rows.setdefault(fields[0], []).append(fields[1:])
    checked = {k: 0 for k in rows}
    with h5py.File(h5_path, "r") as f:
        ids = text(f["parcel"][()])
        species = text(f["species"][()])
        munis = text(f["municipality"][()])
        regimes = text(f["regime"][()])
        sp = f["parcel_species"][()]
        mu = f["parcel_municipality"][()]
        rg = f["parcel_regime"][()]
        keys = text(f["parcel_key"][()])
        rsn = text(f["register_species_name"][()])
        rft = text(f["register_forest_type_name"][()])
        fid, area, site = f["source_fid"][()], f["area"][()], f["site_class"][()]
        storey, age = f["storey"][()], f["initial_age"][()]
        assert len(rows["parcel"]) == len(ids), (len(rows["parcel"]), len(ids))
        for p, r in enumerate(rows["parcel"]):
            expected = [ids[p], keys[p], str(int(fid[p])), None, species[sp[p]],
                        munis[mu[p]], regimes[rg[p]], str(int(site[p])),
                        str(int(storey[p])), str(int(age[p])), rsn[p], rft[p]]
            for k, e in enumerate(expected):
                if e is not None:
                    assert r[k] == e, f"parcel row {p} column {k}: {r[k]!r} != {e!r}"
            assert float(r[3]) == float(area[p]), f"area of row {p}"
            checked["parcel"] += 1
        names = [r[0] for r in rows.get("series", [])]
        present = [n for n in ("age", "stem_volume", "stems", "height", "yield_index", "carbon_ag",
                               "carbon_bg", "carbon_dead_wood", "carbon_litter", "carbon_soil",
                               "carbon_hwp_sawnwood", "carbon_hwp_panels", "carbon_hwp_paper",
                               "co2_removal", "co2_emission", "operation", "removed_sawlog",
                               "removed_other_industrial", "removed_fuelwood", "stems_left",
                               "residues_collected", "residues_left") if n in f]
        assert names == present, (names, present)
        for r in rows.get("series", []):
            units = f[r[0]].attrs["units"]
            units = units.decode() if isinstance(units, bytes) else str(units)
            assert r[1] == units, (r, units)
        index = {pid: p for p, pid in enumerate(ids)}
        cache = {}

        def data(name):
            if name not in cache:
                cache[name] = f[name][()]
            return cache[name]

        for name, pid, j, value in rows.get("value", []):
            e = float(np.float32(data(name)[index[pid], int(j)]))
            same(e, float(np.float32(float(value))), f"{name} of {pid} at output year {j}")
            checked["value"] += 1
        for dim, label, var, t, value in rows.get("group", []):
            labels = text(data(dim))
            e = float(data(f"{dim}_{var}")[labels.index(label), int(t)])
            same(e, float(value), f"{dim}_{var}[{label}, {t}]")
            checked["group"] += 1
        for var, t, value in rows.get("total", []):
            same(float(data(f"total_{var}")[int(t)]), float(value), f"total_{var}[{t}]")
            checked["total"] += 1
        roles = text(f["inputs/role"][()])
        k = roles.index("parcels")
        path, sha = text(f["inputs/path"][()])[k], text(f["inputs/sha256"][()])[k]
        assert rows["source"][0][:2] == [path, sha], (rows["source"], path, sha)
    print("checked:", ", ".join(f"{k} {v}" for k, v in sorted(checked.items())))
    for k in ("parcel", "value", "group", "total"):
        assert checked.get(k, 0) > 0, f"nothing of kind {k} was checked"


if __name__ == "__main__":
    main(*sys.argv[1:3])

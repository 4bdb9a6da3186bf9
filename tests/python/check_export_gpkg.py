#!/usr/bin/python3
"""Checks a GeoPackage written by `shinrin export RESULTS.h5 --to OUT.gpkg` against the results
file read with h5py and the source layer read with GDAL: one feature per simulated record (ids as
the `parcel` coordinate), each with the static variables and the per-parcel series of the file
(columns <variable>_<year>, or with --long the table parcel_series), the geometry of the source
feature of its source_fid (same CRS, same area) whose register key is the parcel's; the aggregate
tables equal the file's totals and groups, and the groups add up to the totals.

Usage: check_export_gpkg.py RESULTS.h5 OUT.gpkg SOURCE LAYER KEY_FIELD [--long] [--variables a,b]
"""
import math
import sys

import h5py
import numpy as np
from osgeo import ogr

ogr.UseExceptions()


def text(values):
    return [v.decode() if isinstance(v, bytes) else str(v) for v in values]


def attr(ds, name):
    v = ds.attrs[name]
    return v.decode() if isinstance(v, bytes) else str(v)


def same(expected, got, what):
    expected = float(expected)
    if math.isnan(expected):
        assert got is None, f"{what}: {got}, expected NULL (NaN)"
        return
    assert got is not None and float(got) == expected, f"{what}: {got!r} != {expected!r}"


def main(h5_path, gpkg_path, source_path, layer_name, key_field, *flags):
    long = "--long" in flags
    variables = None
    if "--variables" in flags:
        variables = flags[flags.index("--variables") + 1].split(",")
    out = ogr.Open(gpkg_path)
    names = sorted(out.GetLayer(i).GetName() for i in range(out.GetLayerCount()))
    expected_layers = ["municipality", "parcels", "regime", "species", "totals", "variables"]
    if long:
        expected_layers.append("parcel_series")
    with h5py.File(h5_path, "r") as f:
        if "age_class" in f:
            expected_layers.append("age_class")
    assert names == sorted(expected_layers), names
    src_ds = ogr.Open(source_path)
    src = src_ds.GetLayerByName(layer_name) if layer_name != "-" else src_ds.GetLayer(0)
    with h5py.File(h5_path, "r") as f:
        ids = text(f["parcel"][()])
        keys = text(f["parcel_key"][()])
        species, munis, regimes = (text(f[d][()]) for d in ("species", "municipality", "regime"))
        sp, mu, rg = f["parcel_species"][()], f["parcel_municipality"][()], f["parcel_regime"][()]
        rsn, rft = text(f["register_species_name"][()]), text(f["register_forest_type_name"][()])
        years = list(f["output_year"][()]) if "output_year" in f else []
        series = [n for n in ("age", "stem_volume", "stems", "height", "yield_index", "carbon_ag",
                              "carbon_bg", "carbon_dead_wood", "carbon_litter", "carbon_soil",
                              "carbon_hwp_sawnwood", "carbon_hwp_panels", "carbon_hwp_paper",
                              "co2_removal", "co2_emission", "operation", "removed_sawlog",
                              "removed_other_industrial", "removed_fuelwood", "stems_left",
                              "residues_collected", "residues_left") if n in f]
        if variables is not None:
            series = variables
        values = {n: f[n][()] for n in series}
        layer = out.GetLayerByName("parcels")
        assert layer.GetFeatureCount() == len(ids), (layer.GetFeatureCount(), len(ids))
        assert layer.GetSpatialRef().IsSame(src.GetSpatialRef()), "CRS differs from the source's"
        defn = layer.GetLayerDefn()
        fields = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
        wide = [f"{n}_{y}" for n in series for y in years] if not long else []
        assert fields == ["parcel", "parcel_key", "source_fid", "area", "species", "municipality",
                          "regime", "site_class", "storey", "initial_age", "register_species_name",
                          "register_forest_type_name"] + wide, fields
        index = {pid: p for p, pid in enumerate(ids)}
        column = {(n, j): defn.GetFieldIndex(f"{n}_{y}") for n in series for j, y in enumerate(years)}
        fids, area, site = f["source_fid"][()], f["area"][()], f["site_class"][()]
        storey, age = f["storey"][()], f["initial_age"][()]
        source = {}
        for s in src:
            g = s.GetGeometryRef()
            source[s.GetFID()] = (s.GetField(key_field), g.Area() if g is not None else None)
        seen = set()
        checked_values = 0
        for feat in layer:
            pid = feat.GetField("parcel")
            p = index[pid]
            assert pid not in seen, f"parcel {pid} twice"
            seen.add(pid)
            assert feat.GetField("parcel_key") == keys[p]
            fid = int(fids[p])
            assert feat.GetField("source_fid") == fid
            assert feat.GetField("area") == float(area[p])
            assert feat.GetField("species") == species[sp[p]]
            assert feat.GetField("municipality") == munis[mu[p]]
            assert feat.GetField("regime") == regimes[rg[p]]
            assert feat.GetField("site_class") == int(site[p])
            assert feat.GetField("storey") == int(storey[p])
            assert feat.GetField("initial_age") == int(age[p])
            assert feat.GetField("register_species_name") == rsn[p]
            assert feat.GetField("register_forest_type_name") == rft[p]
            for n in ([] if long else series):
                expected = values[n][p].astype(np.float64).tolist()  # float32 values, exactly
                for j, y in enumerate(years):
                    k = column[n, j]
                    got = None if feat.IsFieldNull(k) else feat.GetFieldAsDouble(k)
                    same(expected[j], got, f"{n}_{y} of {pid}")
                    checked_values += 1
            assert fid in source, f"no source feature {fid}"
            key, source_area = source[fid]
            assert key.strip().strip("\u3000") == keys[p], (key, keys[p])
            g = feat.GetGeometryRef()
            assert g is not None and source_area is not None
            assert abs(g.Area() - source_area) <= 1e-12 * source_area + 1e-18, (pid, g.Area(), source_area)
            assert source_area > 0
        assert seen == set(ids)
        if long:
            t = out.GetLayerByName("parcel_series")
            assert t.GetFeatureCount() == len(ids) * len(years) * len(series), t.GetFeatureCount()
            year_index = {int(y): j for j, y in enumerate(years)}
            for row in t:
                p, j = index[row.GetField("parcel")], year_index[row.GetField("fiscal_year")]
                same(np.float32(values[row.GetField("variable")][p, j]), row.GetField("value"), "long row")
                checked_values += 1
        if series and years:
            assert checked_values > 0
        # Aggregates: the file's values; groups add up to the totals.
        agg_vars = [n[len("total_"):] for n in f if n.startswith("total_") and n != "total_area"]
        year = list(f["year"][()])
        totals = {v: f["total_" + v][()] for v in agg_vars}
        t = out.GetLayerByName("totals")
        assert t.GetFeatureCount() == len(year)
        for row in t:
            k = year.index(row.GetField("fiscal_year"))
            assert row.GetField("state") == ("initial" if k == 0 else "end of year")
            for v in agg_vars:
                same(totals[v][k], row.GetField(v), f"totals {v} {year[k]}")
        for dim in ("species", "municipality", "regime"):
            labels = text(f[dim][()])
            t = out.GetLayerByName(dim)
            assert t.GetFeatureCount() == len(year) * len(labels)
            sums = {v: np.zeros(len(year)) for v in agg_vars}
            group = {v: f[f"{dim}_{v}"][()] for v in agg_vars}
            for row in t:
                k, label = year.index(row.GetField("fiscal_year")), row.GetField(dim)
                l = labels.index(label)
                for v in agg_vars:
                    same(group[v][l, k], row.GetField(v), f"{dim} {label} {v} {year[k]}")
                    x = row.GetField(v)
                    sums[v][k] += float("nan") if x is None else x
            for v in agg_vars:
                for k in range(len(year)):
                    e, s = totals[v][k], sums[v][k]
                    if math.isnan(e):
                        assert k == 0 and math.isnan(s), (dim, v, k)
                    else:
                        assert abs(e - s) <= 1e-5 * len(labels) + 1e-9 * abs(e), (dim, v, k, e, s)
        if "age_class" in f:
            # Age classes: the file's values; the classes add up to the totals of the four stocks.
            classes = [int(k) for k in f["age_class"][()]]
            first, last = f["age_class_first_age"][()], f["age_class_last_age"][()]
            t = out.GetLayerByName("age_class")
            assert t.GetFeatureCount() == len(year) * len(classes)
            class_vars = ("area", "stem_volume", "carbon_ag", "carbon_bg")
            data = {v: f["age_class_" + v][()] for v in class_vars}
            sums = {v: np.zeros(len(year)) for v in class_vars}
            for row in t:
                k, c = year.index(row.GetField("fiscal_year")), classes.index(row.GetField("age_class"))
                ages = f"{first[c]}+" if last[c] < 0 else f"{first[c]}-{last[c]}"
                assert row.GetField("ages") == ages, (row.GetField("ages"), ages)
                for v in class_vars:
                    same(data[v][c, k], row.GetField(v), f"age class {classes[c]} {v} {year[k]}")
                    sums[v][k] += row.GetField(v)
            for v in class_vars:
                expected = np.full(len(year), float(f["total_area"][()])) if v == "area" else totals[v]
                for k in range(len(year)):
                    assert abs(sums[v][k] - expected[k]) <= 1e-4 + 1e-9 * abs(expected[k]), (v, k, sums[v][k], expected[k])
        units = {}
        for row in out.GetLayerByName("variables"):
            if "totals" in row.GetField("tables"):
                units[row.GetField("name")] = row.GetField("units")
        for v in agg_vars:
            assert units[v] == attr(f["total_" + v], "units"), (v, units.get(v))
    print(f"checked: {len(ids)} features, {checked_values} series values, layers {names}")


if __name__ == "__main__":
    main(*sys.argv[1:])

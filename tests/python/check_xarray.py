#!/usr/bin/python3
"""Opens a shinrin results file with xarray.open_dataset(path), no options, with both netCDF
engines, and checks what a reader relies on: named dimensions, coordinates, CF units, and that
per-parcel series times area add up to the totals; with boilers, that the /fuel group opens on
its own and its heat adds up.

Usage: check_xarray.py RESULTS.h5
"""
import sys

import h5py
import numpy as np
import xarray as xr


def check(path, engine):
    ds = xr.open_dataset(path) if engine is None else xr.open_dataset(path, engine=engine)
    assert ds.attrs["filetype"] == "shinrin_results", ds.attrs["filetype"]
    assert list(ds.attrs["format_version"])[0] == 3
    assert ds.attrs["Conventions"] == "CF-1.8"
    for dim in ("year", "parcel", "species", "municipality", "regime", "flux", "output_year", "handling_class"):
        assert dim in ds.dims, f"dimension {dim} missing ({engine})"
    assert "parcel_key" in ds.coords, "parcel_key is not a coordinate"
    # Format 3: the parcel dimension is indexed by unique text ids (register key, storey suffix).
    assert ds.parcel.dtype.kind in "OU" and ds.indexes["parcel"].is_unique
    assert ds.parcel.attrs["cf_role"] == "timeseries_id" and ds.attrs["featureType"] == "timeSeries"
    if ds.sizes["parcel"]:
        key = str(ds.parcel.values[0])
        assert float(ds.area.sel(parcel=key)) == float(ds.area.values[0])
    # CF time: end of each fiscal year (1 April), bounded by the fiscal year.
    assert ds.time.attrs["standard_name"] == "time" and ds.time.attrs["bounds"] == "time_bounds"
    t = ds.time.values.astype("datetime64[D]")
    assert all(str(x) == f"{y + 1}-04-01" for x, y in zip(t, ds.year.values)), t[:3]
    b = ds.time_bounds.values.astype("datetime64[D]")
    assert all(str(b[k, 0]) == f"{y}-04-01" and b[k, 1] == t[k] for k, y in enumerate(ds.year.values))
    assert ds.total_stem_volume.attrs["cell_methods"] == "time: point"
    assert ds.total_co2_removal.attrs["cell_methods"] == "time: sum"
    assert ds.stem_volume.attrs["cell_methods"] == "time: point"
    assert ds.co2_removal.attrs["cell_methods"] == "time: sum"
    assert "output_time" in ds.stem_volume.coords and "time" in ds.total_stem_volume.coords
    # The per-parcel flux's bounds cover the years it sums (from the previous output year on).
    ob = ds.output_time_bounds.values.astype("datetime64[D]")
    oy = ds.output_year.values
    for k in range(1, len(oy)):
        assert str(ob[k, 0]) == f"{oy[k - 1] + 1}-04-01" and str(ob[k, 1]) == f"{oy[k] + 1}-04-01"
    for name, sn in (("carbon_litter", "litter_mass_content_of_carbon"),
                     ("carbon_dead_wood", "wood_debris_mass_content_of_carbon"),
                     ("carbon_bg", "root_mass_content_of_carbon")):
        if name in ds:
            assert ds[name].attrs["standard_name"] == sn, name
    assert list(ds.storey.attrs["flag_values"]) == [0, 1, 2]
    assert ds.storey.attrs["flag_meanings"] == "single upper lower"
    assert len(ds.parcel_species.attrs["flag_meanings"].split()) == ds.sizes["species"]
    if "operation" in ds:
        assert list(ds.operation.attrs["flag_values"]) == [0, 1, 2, 3]
        assert set(np.unique(ds.operation.values[~np.isnan(ds.operation.values)])) <= {0, 1, 2, 3}
    assert ds.stem_volume.dims == ("parcel", "output_year")
    assert ds.species_co2_removal.dims == ("species", "year")
    for name, var in ds.data_vars.items():
        # (xarray moves the units of a decoded time, such as time_bounds, into the encoding)
        assert ("units" in var.attrs or "units" in var.encoding) and "long_name" in var.attrs, \
            f"{name} lacks units/long_name"
    assert ds.stem_volume.attrs["units"] == "m3 ha-1"
    assert ds.total_co2_removal.attrs["units"] == "t year-1"
    # The first year entry is the initial state: fluxes are NaN there and nowhere else.
    assert np.isnan(ds.total_co2_removal.values[0]) and not np.isnan(ds.total_co2_removal.values[1:]).any()
    # Per-parcel series (float32) x area summed over parcels equals the totals (float64); a
    # per-parcel flux holds the sum over the years since the previous output year.
    years = ds.output_year.values
    # A per-parcel flux written every k > 1 years is an amount over its interval: t ha-1 (3.1).
    step = int(years[1] - years[0]) if len(years) > 1 else 1
    assert ds.co2_removal.attrs["units"] == ("t ha-1" if step > 1 else "t ha-1 year-1"), \
        (step, ds.co2_removal.attrs["units"])
    for previous, y in zip(years[:-1], years[1:]):
        per_parcel = float((ds.co2_removal.sel(output_year=y).astype("f8") * ds.area).sum())
        total = float(ds.total_co2_removal.sel(year=slice(previous + 1, y)).sum())
        assert abs(per_parcel - total) <= 1e-5 * abs(total) + 1e-6, (y, per_parcel, total)
    volume = float((ds.stem_volume.isel(output_year=-1).astype("f8") * ds.area).sum())
    assert abs(volume - float(ds.total_stem_volume[-1])) <= 1e-5 * float(ds.total_stem_volume[-1])
    # Every flux channel to the atmosphere adds up to the CO2 emission (t C x 44/12 = t CO2).
    to_atm = [i for i, name in enumerate(ds.flux.values) if str(name).endswith("atmosphere") or "(burnt)" in str(name)]
    emitted = ds.carbon_flux.isel(flux=to_atm).sum("flux") * 44.0 / 12.0
    # totals are exact to 2^-20 t per block of 1,024 parcels (fixed-point reduction)
    assert np.allclose(emitted.values[1:], ds.total_co2_emission.values[1:], rtol=1e-9, atol=1e-4)
    assert np.allclose(ds.regime_co2_removal.sum("regime")[1:], ds.total_co2_removal[1:], rtol=1e-9, atol=1e-4)
    # Species totals add up to the totals.
    assert np.allclose(ds.species_stem_volume.sum("species"), ds.total_stem_volume, rtol=1e-12)
    assert abs(float(ds.handling_hectares.sel(handling_class="simulated") +
                     ds.handling_hectares.sel(handling_class="fallback_species")) - float(ds.total_area)) < 1e-6
    ds.close()


def check_fuel(path, engine):
    """The /fuel group opens on its own; heat adds up by source and, with a profile, by month."""
    ds = xr.open_dataset(path, group="fuel") if engine is None else xr.open_dataset(path, group="fuel", engine=engine)
    assert ds.reduction.dims == ("boiler", "year") and ds.reduction.attrs["units"] == "t year-1"
    burning = ds.heat_demand.isel(year=slice(1, None)) > 0
    heat = (ds.useful_heat + ds.shortfall).isel(year=slice(1, None))
    assert np.allclose(heat.where(burning, 0), ds.heat_demand.isel(year=slice(1, None)).where(burning, 0), rtol=1e-9)
    em = ds.baseline_emission - ds.project_emission
    assert np.allclose(em.values[:, 1:], ds.reduction.values[:, 1:], rtol=1e-12, atol=1e-9)
    if "profile" in ds:
        assert ds.shortfall_monthly.dims == ("boiler", "year", "month")
        assert ds.shortfall_monthly.attrs["units"] == "GJ month-1"
        for b in range(ds.sizes["boiler"]):
            if np.isnan(ds.profile.values[b, 0]):
                continue
            monthly = ds.shortfall_monthly.isel(boiler=b, year=slice(1, None)).sum("month")
            assert np.allclose(monthly, ds.shortfall.isel(boiler=b, year=slice(1, None)), rtol=1e-9, atol=1e-6)
            monthly = ds.useful_heat_monthly.isel(boiler=b, year=slice(1, None)).sum("month")
            assert np.allclose(monthly, ds.useful_heat.isel(boiler=b, year=slice(1, None)), rtol=1e-9, atol=1e-6)
    ds.close()


def check_crediting(path, project, engine):
    """A credit project's group opens on its own; its chain adds up."""
    group = "crediting/" + project
    ds = xr.open_dataset(path, group=group) if engine is None else xr.open_dataset(path, group=group, engine=engine)
    assert ds.issued.dims == ("period",) and ds.issued.attrs["units"] == "t"
    assert np.allclose(ds.credited, ds.net - ds.baseline_net, rtol=1e-12, atol=1e-9)
    assert (ds.issued <= np.maximum(ds.credited - ds.buffer, 0) + 1e-9).all()
    assert (ds.issued == np.floor(ds.issued)).all()
    if "absorption" in ds:
        assert np.allclose(ds.net, ds.absorption - ds.emission + ds.replanting + ds.hwp, rtol=1e-12, atol=1e-9)
        assert np.allclose(ds.parcel_credited.sum("project_parcel"), ds.credited, rtol=1e-9, atol=1e-6)
    ds.close()


def main(path):
    with h5py.File(path, "r") as f:
        has_fuel = "fuel" in f
        projects = list(f["crediting"].keys()) if "crediting" in f else []
    for engine in (None, "netcdf4", "h5netcdf"):
        check(path, engine)
        if has_fuel:
            check_fuel(path, engine)
        for project in projects:
            check_crediting(path, project, engine)
    print("xarray opens", path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

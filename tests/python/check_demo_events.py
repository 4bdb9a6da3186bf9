#!/usr/bin/python3
"""Checks that the demo's explicit event list (data/demo/events.csv) was applied as given.

Usage: check_demo_events.py DEMO_RESULTS.h5
Each event's parcel shows the operation in the event's fiscal year (1 thinning, 3 final felling)
and the consequences the event implies: thinning_left_on_site leaves every felled stem on site
(no sawlogs, other industrial wood or fuelwood), a final felling resets the age to 0.
"""
import csv
import os
import sys

import numpy as np
import xarray as xr

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main(path):
    ds = xr.open_dataset(path)
    keys = [k if isinstance(k, str) else k.decode() for k in ds.parcel_key.values]
    with open(os.path.join(ROOT, "data", "demo", "events.csv"), encoding="utf-8") as f:
        events = list(csv.DictReader(line for line in f if not line.startswith("#")))
    assert len(events) == 4, events
    for e in events:
        rows = [i for i, k in enumerate(keys) if k == e["parcel"]]
        assert rows, f"parcel {e['parcel']} not simulated"
        p = ds.isel(parcel=rows[0]).sel(output_year=int(e["year"]))
        before = ds.isel(parcel=rows[0]).sel(output_year=int(e["year"]) - 1)
        op = int(p.operation)
        if e["operation"] == "final_felling":
            assert op == 3, (e, op)
            assert int(p.age) == 0 and float(p.stem_volume) == 0.0, (e, float(p.age))
        else:
            assert op == 1, (e, op)
            share = float(e["intensity"])
            # stems after = (1 - share) x stems before, up to this year's self-thinning (none here)
            assert abs(float(p.stems) - (1 - share) * float(before.stems)) <= 1e-3 * float(before.stems), e
        if e["operation"] == "thinning_left_on_site":
            assert float(p.stems_left) > 0 and float(p.removed_sawlog) == 0 and float(p.removed_fuelwood) == 0, e
        if e["operation"] == "row_thinning":
            # row thinning: volume share = stems share, measured against the volume before plus growth
            assert float(p.stem_volume) < float(before.stem_volume), e
    print("events applied:", len(events))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

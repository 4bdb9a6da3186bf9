#!/usr/bin/python3
"""Builds a synthetic forest register (森林簿) for the shinrin demo: data/demo/hinohara_demo.gpkg.

It models the sub-compartments (小班) of a Tama mountain village after Hinohara (檜原村, Tokyo):
mostly Sugi/Hinoki plantations, broadleaf and red pine stands on the ridges, a little bamboo in the
valleys, forest roads, wild grass and cut-over land, plus four two-storey stands (one polygon, two
records). The values are invented; only the layout, the register vocabulary and the mix are meant
to look like the real thing, so the engine meets every handling class in a small file.

Layout: 30 compartments (林班) of 500 m x 400 m in a 6 x 5 grid centred on Hinohara in
JGD2011 / Japan Plane Rectangular CS IX (EPSG:6677). Each compartment is cut into columns by
slanted boundaries, and each column into rows by slanted boundaries; boundary positions come from
cumulative random weights, so they are jittered but never cross. Neighbouring cells share each
vertex of a common slanted edge, so the polygons tile the area exactly (no overlaps, no slivers).
Two forest roads (林道) run east-west as 7 m strips along the south edge of compartment rows 2 and 4.

Run with Debian's Python (python3-gdal):  scripts/make_demo_parcels.py [OUTPUT]
The same seed gives the same attributes and geometries on every run.
"""
import math
import os
import random
import sys
from collections import Counter

from osgeo import ogr, osr

ogr.UseExceptions()
osr.UseExceptions()

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUTPUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "data", "demo", "hinohara_demo.gpkg")

rng = random.Random(20120401)
X0, Y0 = -63500.0, -31000.0      # south-west corner; grid centre is (-62000, -30000) ≈ 35.73 N 139.15 E
CW, CH, NCOL, NROW = 500.0, 400.0, 6, 5
ROAD_ROWS, ROAD_W = (1, 3), 7.0  # compartment rows (0 = south) whose south edge carries a road
N_SUB = 584                      # forest sub-compartments (roads come on top: 12 -> 596 polygons)


def cuts(lo, hi, n):
    """n+1 increasing positions from lo to hi, spacing from random weights (0.4..1.6)."""
    w = [rng.uniform(0.4, 1.6) for _ in range(n)]
    acc, out = 0.0, [lo]
    for wi in w[:-1]:
        acc += wi
        out.append(lo + (hi - lo) * acc / sum(w))
    return out + [hi]


def ring(points):
    r = ogr.Geometry(ogr.wkbLinearRing)
    for x, y in points + points[:1]:
        r.AddPoint_2D(x, y)
    poly = ogr.Geometry(ogr.wkbPolygon)
    poly.AddGeometry(r)
    return poly


def compartment(x0, y0, n, road):
    """Polygons of one compartment: [(is_road, geometry), ...] with n forest cells."""
    x1, y1 = x0 + CW, y0 + CH
    yb = y0 + ROAD_W if road else y0                  # forest starts above the road strip
    ncols = max(2, min(n, round(math.sqrt(n * CW / CH))))
    rows = [n // ncols + (c < n % ncols) for c in range(ncols)]
    rng.shuffle(rows)
    xs_b, xs_t = cuts(x0, x1, ncols), cuts(x0, x1, ncols)    # column boundaries at bottom / top

    def on_line(i, y):  # point on column boundary i at height y (the same floats for both sides)
        return (xs_b[i] + (xs_t[i] - xs_b[i]) * (y - yb) / (y1 - yb), y)

    # row boundary heights of column c on its left (L) and right (R) side
    L = [cuts(yb, y1, rows[c]) for c in range(ncols)]
    R = [cuts(yb, y1, rows[c]) for c in range(ncols)]
    out = []
    if road:  # road top edge carries the column corners standing on it
        out.append((True, ring([(x0, y0), (x1, y0)] + [on_line(i, yb) for i in range(ncols, -1, -1)])))
    for c in range(ncols):
        for j in range(rows[c]):
            lo_l, hi_l, lo_r, hi_r = L[c][j], L[c][j + 1], R[c][j], R[c][j + 1]
            # T-junctions: corners of the neighbouring columns lying on this cell's side edges
            right = [y for y in (L[c + 1][1:-1] if c + 1 < ncols else []) if lo_r < y < hi_r]
            left = [y for y in (R[c - 1][1:-1] if c > 0 else []) if lo_l < y < hi_l]
            pts = ([on_line(c, lo_l), on_line(c + 1, lo_r)] + [on_line(c + 1, y) for y in right] +
                   [on_line(c + 1, hi_r), on_line(c, hi_l)] + [on_line(c, y) for y in reversed(left)])
            out.append((False, ring(pts)))
    return out


# --- geometry: forest cells per compartment from random weights, summing exactly to N_SUB ------
w = [rng.uniform(0.6, 1.4) for _ in range(NCOL * NROW)]
share = [N_SUB * wi / sum(w) for wi in w]
counts = [int(s) for s in share]
for i in sorted(range(len(w)), key=lambda i: counts[i] - share[i])[:N_SUB - sum(counts)]:
    counts[i] += 1

cells = []  # dicts: rinpan, shohan, geom, road, elevation proxy
for k in range(NCOL * NROW):
    r, c = divmod(k, NCOL)
    rinpan = (NROW - 1 - r) * NCOL + c + 1            # 林班 1 in the north-west, row by row
    polys = compartment(X0 + c * CW, Y0 + r * CH, counts[k], r in ROAD_ROWS)
    for s, (road, g) in enumerate(polys, start=1):
        y = g.Centroid().GetY() - Y0
        dist = min(abs(y - rr * CH) for rr in ROAD_ROWS)  # distance uphill/downhill from a road
        cells.append(dict(rinpan=rinpan, shohan=str(s), geom=g, road=road,
                          score=dist + rng.gauss(0, 90)))

# --- attributes: exact counts, placed by the elevation proxy (valley -> ridge) -----------------
forest = [c for c in cells if not c["road"]]
rng.shuffle(forest)
for c in forest[:6]:                                   # cut-over: recently clear-felled plantation
    c.update(species=rng.choice(["スギ", "ヒノキ"]), ftype="伐採跡地")
for c in forest[6:12]:                                 # wild grass (原野)
    c.update(species="原野", ftype="未立木地")
ranked = sorted(forest[12:], key=lambda c: c["score"])
plan = [("モウソウチク", "竹林", 18), ("スギ", "人工林", 270), ("ヒノキ", "人工林", 176),
        ("ridge", "天然林", 108)]                      # bamboo in valleys, Sugi low, Hinoki mid
i = 0
for sp, ft, n in plan:
    for c in ranked[i:i + n]:
        c.update(species=sp, ftype=ft)
    i += n
assert i == len(ranked)
ridge = [c for c in ranked if c["species"] == "ridge"]
for j, c in enumerate(rng.sample(ridge, len(ridge))):   # 18 red pine among the ridge stands
    c["species"] = "アカマツ" if j < 18 else "広葉樹"
for c in cells:
    if c["road"]:
        c.update(species="林道", ftype="更新困難地")


def plantation_age():  # mostly 40-70 (planted 1950s-70s), some young, a few old
    lo, hi = rng.choices([(40, 70), (10, 39), (71, 90)], weights=[75, 20, 5])[0]
    return rng.randint(lo, hi)


records = []  # (key, cell, species, forest_type, age, site_class, storey)
upper = {id(c) for c in rng.sample([c for c in ranked if c["species"] == "スギ"], 2) +
         rng.sample([c for c in ranked if c["species"] == "ヒノキ"], 2)}
for c in cells:
    sp, ft = c["species"], c["ftype"]
    if ft == "人工林":
        age = plantation_age()
    elif ft == "天然林":
        age = rng.randint(50, 80) if sp == "アカマツ" else rng.randint(50, 100)
    else:
        age = 0  # bamboo, road, wild grass, cut-over
    site = rng.choices([1, 2, 3], weights=[25, 50, 25])[0] if ft in ("人工林", "天然林") else 0
    key = f"{c['rinpan']}-{c['shohan']}"
    if id(c) in upper:  # two-storey stand: old upper storey over young Hinoki underplanting
        records.append((key + "上", c, sp, ft, rng.randint(60, 80), site, "上層木"))
        records.append((key + "下", c, "ヒノキ", ft, rng.randint(10, 25), site, "下層木"))
    else:
        records.append((key, c, sp, ft, age, site, ""))

# --- write the GeoPackage ----------------------------------------------------------------------
srs = osr.SpatialReference()
srs.ImportFromEPSG(6677)
srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)  # x = easting, y = northing
os.makedirs(os.path.dirname(os.path.abspath(OUTPUT)), exist_ok=True)
if os.path.exists(OUTPUT):
    os.remove(OUTPUT)
ds = ogr.GetDriverByName("GPKG").CreateDataSource(OUTPUT)
lyr = ds.CreateLayer("shohan", srs, ogr.wkbPolygon)
for name, typ in [("key", ogr.OFTString), ("rinpan", ogr.OFTInteger), ("shohan", ogr.OFTString),
                  ("municipality", ogr.OFTString), ("species_name", ogr.OFTString),
                  ("forest_type", ogr.OFTString), ("age", ogr.OFTInteger), ("area_ha", ogr.OFTReal),
                  ("site_class", ogr.OFTInteger), ("storey", ogr.OFTString)]:
    lyr.CreateField(ogr.FieldDefn(name, typ))

ds.StartTransaction()
for key, c, sp, ft, age, site, storey in records:
    assert c["geom"].IsValid(), key
    f = ogr.Feature(lyr.GetLayerDefn())
    for name, v in [("key", key), ("rinpan", c["rinpan"]), ("shohan", c["shohan"]),
                    ("municipality", "檜原村"), ("species_name", sp), ("forest_type", ft),
                    ("age", age), ("area_ha", round(c["geom"].GetArea() / 10000.0, 2)),
                    ("site_class", site), ("storey", storey)]:
        f.SetField(name, v)
    f.SetGeometry(c["geom"])
    lyr.CreateFeature(f)
ds.CommitTransaction()
ds = None

# --- summary -------------------------------------------------------------------------------------
assert len({r[0] for r in records}) == len(records), "keys must be unique"
tally = Counter((r[2], r[3]) for r in records)
print(f"{OUTPUT}: {len(records)} records on {len(cells)} polygons")
for (sp, ft), n in sorted(tally.items(), key=lambda t: -t[1]):
    print(f"  {sp}\t{ft}\t{n:4d}  ({100.0 * n / len(records):.1f} %)")
areas = [c["geom"].GetArea() / 10000.0 for c in cells if not c["road"]]
print(f"total area_ha (all records): {sum(round(r[1]['geom'].GetArea() / 1e4, 2) for r in records):.2f}"
      f"; land area {sum(c['geom'].GetArea() for c in cells) / 1e4:.2f} ha;"
      f" forest cells {min(areas):.2f}..{max(areas):.2f} ha")
wgs = osr.SpatialReference()
wgs.ImportFromEPSG(6668)
wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
lon, lat, _ = osr.CoordinateTransformation(srs, wgs).TransformPoint(X0 + NCOL * CW / 2, Y0 + NROW * CH / 2)
print(f"grid centre ({X0 + NCOL * CW / 2:.0f}, {Y0 + NROW * CH / 2:.0f}) -> lon {lon:.4f} E, lat {lat:.4f} N")

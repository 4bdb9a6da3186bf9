#!/usr/bin/python3
"""Writes a synthetic forest register with N parcels for end-to-end benchmarks.

Usage: make_synthetic_register.py N OUTPUT.fgb

Same schema and register names as the demo (data/demo/hinohara_demo.gpkg): key, municipality,
species_name, forest_type, age, area_ha, site_class, storey; square polygons on a grid in
EPSG:6677. Species mix: スギ 45 %, ヒノキ 25 %, 広葉樹 20 %, アカマツ 5 %, モウソウチク 3 %, 林道 2 %;
ages 1-100; 60 municipalities, each a contiguous run of records as in a prefecture's
register file. Deterministic (seeded).
"""
import random
import sys

from osgeo import ogr, osr

NAMES = [("スギ", "人工林", 0.45), ("ヒノキ", "人工林", 0.25), ("広葉樹", "天然林", 0.20),
         ("アカマツ", "天然林", 0.05), ("モウソウチク", "竹林", 0.03), ("林道", "更新困難地", 0.02)]


def main(n, path):
    rng = random.Random(1)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(6677)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    drv = ogr.GetDriverByName("FlatGeobuf")
    ds = drv.CreateDataSource(path)
    layer = ds.CreateLayer("parcels", srs, ogr.wkbPolygon, ["SPATIAL_INDEX=NO"])
    for name, kind in [("key", ogr.OFTString), ("municipality", ogr.OFTString), ("species_name", ogr.OFTString),
                       ("forest_type", ogr.OFTString), ("age", ogr.OFTInteger), ("area_ha", ogr.OFTReal),
                       ("site_class", ogr.OFTInteger), ("storey", ogr.OFTString)]:
        layer.CreateField(ogr.FieldDefn(name, kind))
    defn = layer.GetLayerDefn()
    side = int(n ** 0.5) + 1
    for i in range(n):
        u = rng.random()
        for name, ftype, share in NAMES:
            if u < share:
                break
            u -= share
        x0, y0 = -100000 + 100.0 * (i % side), -60000 + 100.0 * (i // side)
        ring = ogr.Geometry(ogr.wkbLinearRing)
        for x, y in ((x0, y0), (x0 + 100, y0), (x0 + 100, y0 + 100), (x0, y0 + 100), (x0, y0)):
            ring.AddPoint_2D(x, y)
        poly = ogr.Geometry(ogr.wkbPolygon)
        poly.AddGeometry(ring)
        f = ogr.Feature(defn)
        f.SetField("key", str(i))
        f.SetField("municipality", f"町村{i * 60 // n:02d}")  # contiguous runs, as in a register
        f.SetField("species_name", name)
        f.SetField("forest_type", ftype)
        forest = ftype in ("人工林", "天然林")
        f.SetField("age", rng.randint(1, 100) if forest else 0)
        f.SetField("area_ha", round(0.1 + 4.9 * rng.random(), 2))
        f.SetField("site_class", rng.randint(1, 3) if forest else 0)
        f.SetField("storey", "")
        f.SetGeometryDirectly(poly)
        layer.CreateFeature(f)
    ds = None
    print(f"wrote {n} parcels to {path}")


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])

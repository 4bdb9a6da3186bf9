#!/usr/bin/python3
"""Writes data/yield_tables/western_japan_richards.csv: a yield table (stem volume by age class)
tabulated from the site-average Richards curves of data/richards_curves.csv (DOMAIN.md 6.2;
each row keeps the status of its curve: D, or U where a species borrows another's curve), at the end of each 5-year age class up to age 100, rounded to
0.1 m3/ha. It exists so the yield-table growth model can run without a prefectural table; replace
it with a real 収穫表 when one is available.

Usage: scripts/make_yield_table.py [OUTPUT]
"""
import csv
import math
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main(out_path):
    rows = []
    with open(os.path.join(ROOT, "data", "richards_curves.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(line for line in f if not line.startswith("#")):
            A, k, c = float(r["A"]), float(r["k"]), float(r["c"])
            for age in range(5, 101, 5):
                v = A * (1.0 - math.exp(-k * age)) ** c
                rows.append((r["species"], "*", age, f"{v:.1f}", r["status"], r["source"]))
    with open(out_path, "w", encoding="utf-8", newline="") as f:
        f.write("# Yield table tabulated from the site-average Richards curves of DOMAIN.md 6.2 at the end of\n"
                "# each 5-year age class (made by scripts/make_yield_table.py). site_class * = every class.\n"
                "# volume: stem volume [m3 ha-1] at `age` [years]. Status D: derived from Yoshida & Matsushita\n"
                "# (1999) summary statistics; U: a curve borrowed from another species. Not a prefectural\n"
                "# yield table.\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["species", "site_class", "age", "volume", "status", "source"])
        for sp, cls, age, v, status, source in rows:
            w.writerow([sp, cls, age, v, status, "tabulated Richards curve: " + source])
    print(f"wrote {len(rows)} rows to {out_path}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "data", "yield_tables", "western_japan_richards.csv"))

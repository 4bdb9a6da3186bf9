"""Reads the JSON that `shinrin run --json` printed on stdout (a file) and prints what the test
checks: that it parses, its fiscal years and the number of rows of totals.

usage: check_run_json.py SUMMARY.json
"""
import json
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    summary = json.load(f)
years = [row["year"] for row in summary["totals"]]
print("complete", summary["complete"])
print("start_year", summary["start_year"])
print("years", summary["years"])
print("rows", len(years))
print("first", years[0], "last", years[-1])
print("parcels", summary["parcels"])

#!/usr/bin/python3
"""The benchmark's JSON and the scaling plot, as a user runs them (benchmarks/README.md).

Usage: check_bench_json.py BENCH_EXE

Runs bench_annual_step on a small landscape with 1 and 2 threads (planning active, --json),
then scripts/plot_benchmarks.py on those two files, and checks:
- each JSON file has the fields the plot and table read, with the values asked for;
- the two runs have the same SHA-256 digests of the aggregates and of the final State (bitwise
  identical results for any thread count, the reproducibility contract in README.md);
- the Markdown table has one row per file, in parcels/threads order, with each run's figure;
- the plot is a PNG file, and no temporary file is left beside it.
"""
import json
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
bench = sys.argv[1]
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    results = tmp / "results"
    results.mkdir()
    runs = {}
    for threads in (2, 1):
        path = results / f"run-t{threads}.json"
        subprocess.run([bench, "--parcels", "3000", "--years", "12", "--threads", str(threads),
                        "--repeat", "1", "--plan", "--timings", "--json", str(path)],
                       check=True, stdout=subprocess.DEVNULL)
        runs[threads] = json.loads(path.read_text(encoding="utf-8"))
    for threads, run in runs.items():
        check(run["parcels"] == 3000 and run["years"] == 12, f"t{threads}: size {run}")
        check(run["threads"] == threads and run["ranks"] == 1, f"t{threads}: threads/ranks")
        check(run["plan"] is True and run["output"] == "aggregates", f"t{threads}: mode")
        check(run["parcel_years_per_s_median"] > 0, f"t{threads}: rate")
        check(run["peak_rss_mib"] > 1, f"t{threads}: peak RSS")
        check("planning (landscape)" in run["ns_per_parcel_year"], f"t{threads}: phases")
        check(len(run["aggregates_sha256"]) == 64 and len(run["state_sha256"]) == 64,
              f"t{threads}: digests")
    check(runs[1]["aggregates_sha256"] == runs[2]["aggregates_sha256"],
          "aggregates differ between 1 and 2 threads")
    check(runs[1]["state_sha256"] == runs[2]["state_sha256"],
          "final State differs between 1 and 2 threads")

    png = tmp / "scaling.png"
    table = tmp / "table.md"
    out = subprocess.run(["/usr/bin/python3", str(ROOT / "scripts" / "plot_benchmarks.py"),
                          "--results", str(results), "--png", str(png), "--table", str(table)],
                         check=True, capture_output=True, text=True).stdout
    rows = [line for line in out.splitlines() if line.startswith("| annual step | 3,000 |")]
    check(len(rows) == 2, f"table rows: {out}")
    if len(rows) == 2:
        check(rows[0].split("|")[4].strip() == "1" and rows[1].split("|")[4].strip() == "2",
              f"table order (threads 1 then 2): {rows}")
        for row, threads in zip(rows, (1, 2)):
            figure = float(row.split("|")[7])
            want = runs[threads]["parcel_years_per_s_median"]
            check(abs(figure - want) <= 0.005 * want, f"table figure {figure} vs {want}")
    check(table.read_text(encoding="utf-8") == out, "--table file differs from the printout")
    check(png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", "plot is not a PNG")
    check(sorted(p.name for p in tmp.iterdir()) == ["results", "scaling.png", "table.md"],
          f"left in the folder: {sorted(p.name for p in tmp.iterdir())}")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("benchmark JSON and scaling plot: ok")

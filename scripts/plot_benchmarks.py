#!/usr/bin/python3
"""Table and scaling plot of benchmark runs, from the JSON files the benchmarks write.

Usage: plot_benchmarks.py [--results DIR] [--png FILE] [--table FILE]

Reads every *.json in DIR (default benchmarks/results; written by `bench_annual_step --json`,
benchmarks/run_scaling.sh and benchmarks/run_whole.py), prints a Markdown table (benchmark,
parcels, years, threads, ranks, output, parcel-years/s, peak RSS, per parcel, date measured)
sorted by benchmark, parcels, threads and ranks, and draws FILE (default benchmarks/scaling.png): parcel-years per second and
peak memory per parcel against the number of parcels, one line per (benchmark, output, threads,
ranks). Needs python3-matplotlib (scripts/setup.sh).
"""
import argparse
import json
import pathlib
import sys

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402

NAMES = {"annual_step": "annual step", "whole_run": "whole run"}
REQUIRED = ("benchmark", "parcels", "years", "threads", "ranks", "output", "parcel_years_per_s_median",
            "peak_rss_mib")


def load(folder):
    runs = []
    for path in sorted(pathlib.Path(folder).glob("*.json")):
        try:
            run = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            sys.exit(f"plot_benchmarks: {path}: not JSON ({e})")
        missing = [k for k in REQUIRED if k not in run]
        if missing:
            sys.exit(f"plot_benchmarks: {path}: missing {', '.join(missing)}")
        run["file"] = path.name
        runs.append(run)
    if not runs:
        sys.exit(f"plot_benchmarks: no *.json in {folder}")
    runs.sort(key=lambda r: (r["benchmark"], r["output"], r["parcels"], r["threads"], r["ranks"],
                             r["years"], r["file"]))
    return runs


def table(runs):
    lines = ["| benchmark | parcels | years | threads | ranks | output | parcel-years/s | peak RSS "
             "| per parcel | measured |",
             "| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- |"]
    for r in runs:
        per_parcel = r["peak_rss_mib"] * 1048576.0 / r["parcels"]
        lines.append(f"| {NAMES.get(r['benchmark'], r['benchmark'])} | {r['parcels']:,} | {r['years']} | {r['threads']} | {r['ranks']} | "
                     f"{r['output']} | {r['parcel_years_per_s_median']:.3g} | "
                     f"{r['peak_rss_mib']:.0f} MiB | {per_parcel:,.0f} B | "
                     f"{str(r.get('date', ''))[:10]} |")
    return "\n".join(lines) + "\n"


def plot(runs, png):
    series = {}
    for r in runs:
        series.setdefault((r["benchmark"], r["output"], r["threads"], r["ranks"]), []).append(r)
    fig, (speed, memory) = plt.subplots(1, 2, figsize=(11, 4.2))
    for (benchmark, output, threads, ranks), rs in sorted(series.items()):
        x = [r["parcels"] for r in rs]
        label = (f"{NAMES.get(benchmark, benchmark)} ({output}): {threads} thread"
                 f"{'s' if threads > 1 else ''} x {ranks} rank{'s' if ranks > 1 else ''}")
        speed.plot(x, [r["parcel_years_per_s_median"] for r in rs], marker="o", label=label)
        memory.plot(x, [r["peak_rss_mib"] * 1048576.0 / r["parcels"] for r in rs], marker="o",
                    label=label)
    speed.set(xscale="log", yscale="log", xlabel="parcels", ylabel="parcel-years per second",
              title="Speed (annual step: planning every year)")
    memory.set(xscale="log", yscale="log", xlabel="parcels", ylabel="peak RSS per parcel [bytes]",
               title="Peak memory per parcel")
    for ax in (speed, memory):
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
    fig.tight_layout()
    tmp = pathlib.Path(str(png) + ".tmp.png")
    fig.savefig(tmp, dpi=110)
    tmp.replace(png)  # a finished file or none


def main():
    root = pathlib.Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--results", default=root / "benchmarks" / "results")
    ap.add_argument("--png", default=root / "benchmarks" / "scaling.png")
    ap.add_argument("--table", help="also write the Markdown table to this file")
    args = ap.parse_args()
    runs = load(args.results)
    text = table(runs)
    sys.stdout.write(text)
    if args.table:
        pathlib.Path(args.table).write_text(text, encoding="utf-8")
    plot(runs, args.png)


if __name__ == "__main__":
    main()

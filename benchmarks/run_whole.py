#!/usr/bin/python3
"""Times whole `shinrin run`s from a GIS file and writes one JSON file per run.

Usage: run_whole.py PARCELS.fgb [--threads T ...] [--ranks R] [--repeat N] [--out DIR]
                    [--scenarios NAME ...]

For each scenario of benchmarks/ (synthetic-aggregates, synthetic-planning, synthetic-series) and
each thread count, runs `build/shinrin run SCENARIO --parcels PARCELS.fgb` N times (after one
warm-up run that fills the page cache) and writes DIR/whole-<scenario>-p<parcels>-t<T>-r<R>.json
with the median wall time of the whole process, parcel-years per second (simulated parcels x
years / median wall seconds), the peak resident memory of the largest run (the child's
ru_maxrss from wait4, each run on its own; with ranks, of the largest rank) and the time the run prints for its simulation
phase. --ranks R > 1 starts the run under `mpirun -np R` (an MPI build: README "Scaling out").
The files have the fields scripts/plot_benchmarks.py reads.
"""
import argparse
import datetime
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT_MODE = {"synthetic-aggregates": "aggregates", "synthetic-planning": "aggregates, plan",
               "synthetic-series": "4 series"}


def run_once(cmd):
    """Wall seconds, peak RSS [MiB] of this run and the run's JSON summary."""
    t0 = time.perf_counter()
    with tempfile.TemporaryFile("w+") as err, \
            subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, text=True) as child:
        out = child.stdout.read()
        # wait4 (not Popen.wait) reports this child's own usage: the peak of the process and of
        # the descendants it waited for (under mpirun, the largest rank), not of earlier runs.
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        if child.returncode != 0:
            sys.exit(f"run_whole: {' '.join(cmd)} failed ({child.returncode}):\n"
                     f"{err.read()[-2000:]}")
    wall = time.perf_counter() - t0
    return wall, usage.ru_maxrss / 1024.0, json.loads(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("parcels")
    ap.add_argument("--threads", type=int, nargs="+", default=[2])
    ap.add_argument("--ranks", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", default=ROOT / "benchmarks" / "results")
    ap.add_argument("--scenarios", nargs="+", default=list(OUTPUT_MODE))
    ap.add_argument("--exe", default=ROOT / "build" / "shinrin")
    args = ap.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name in args.scenarios:
        scenario = ROOT / "benchmarks" / f"{name}.yaml"
        for threads in args.threads:
            result = pathlib.Path("/tmp") / f"shinrin-whole-{os.getpid()}.h5"
            cmd = [str(args.exe), "run", str(scenario), "--parcels", args.parcels, "--output",
                   str(result), "--overwrite", "--no-lock", "--threads", str(threads), "--json",
                   "--timings", "-q"]
            if args.ranks > 1:
                cmd = ["mpirun", "--allow-run-as-root", "--bind-to", "none", "--oversubscribe",
                       "-np", str(args.ranks)] + cmd
            run_once(cmd)  # warm-up: the page cache holds the input afterwards
            walls, peak, summary = [], 0.0, None
            for _ in range(args.repeat):
                wall, rss, summary = run_once(cmd)
                walls.append(wall)
                peak = max(peak, rss)
            result.unlink(missing_ok=True)
            parcels = summary["parcels"]
            years = summary["years"]
            median = statistics.median(walls)
            record = {
                "benchmark": "whole_run", "scenario": name, "output": OUTPUT_MODE.get(name, name),
                "parcels": parcels, "years": years, "threads": threads, "ranks": args.ranks,
                "repeats": args.repeat, "wall_seconds": walls, "wall_seconds_median": median,
                "parcel_years_per_s_median": parcels * years / median, "peak_rss_mib": peak,
                "input": os.path.basename(args.parcels),
                "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            }
            path = out / f"whole-{name}-p{parcels}-t{threads}-r{args.ranks}.json"
            path.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
            print(f"{name}: {threads} thread(s) x {args.ranks} rank(s): median {median:.2f} s, "
                  f"{record['parcel_years_per_s_median']:.3g} parcel-years/s, {peak:.0f} MiB "
                  f"-> {path.name}")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""MPI test: on 2 ranks, what cannot run distributed, or must not run, ends with a clear error on
every rank (no rank left waiting), the status of one process, and no results file.

Usage: check_rank_errors.py --exe SHINRIN --mpiexec MPIEXEC --source-dir REPO --dir SCRATCH
Cases:
  a scenario with a credit project (scenarios/hinohara-demo.yaml) -> exit 1, "not supported with
    2 > 1 ranks yet", no results file and no temporary file left;
  a run onto an existing results file without --overwrite -> exit 1 (the root refuses; the other
    rank stops with it), the file unchanged.
Each run has a time limit: a rank waiting for another forever fails the test.
"""
import argparse
import glob
import os
import subprocess
import sys

MPI_FLAGS = ["--allow-run-as-root", "--bind-to", "none"]


def error_line(text):
    """The line shinrin printed about the error (mpirun adds its own lines around it)."""
    return next((l for l in text.splitlines() if l.startswith("shinrin:")), "(no shinrin message)")


def mpirun(args, extra, timeout=300):
    cmd = [args.mpiexec, "-np", "2"] + MPI_FLAGS + [args.exe] + extra
    env = dict(os.environ, OMP_NUM_THREADS="1")
    try:
        return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise SystemExit(f"FAILED: {' '.join(cmd)} did not end within {timeout} s (a rank waits)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--exe", required=True)
    ap.add_argument("--mpiexec", required=True)
    ap.add_argument("--source-dir", required=True)
    ap.add_argument("--dir", required=True)
    args = ap.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    failures = []

    out = os.path.join(args.dir, "demo.h5")
    for f in glob.glob(out + "*"):
        os.remove(f)
    p = mpirun(args, ["run", os.path.join(args.source_dir, "scenarios/hinohara-demo.yaml"),
                      "--output", out, "--quiet"])
    text = p.stdout + p.stderr
    print(f"credit project on 2 ranks: exit {p.returncode}: {error_line(text)}")
    if p.returncode != 1:
        failures.append(f"credit project on 2 ranks: exit {p.returncode}, expected 1")
    if "not supported with 2 > 1 ranks yet" not in text:
        failures.append("credit project on 2 ranks: the message does not say it is not supported")
    left = glob.glob(out + "*")
    if left:
        failures.append(f"credit project on 2 ranks: files left: {left}")

    out = os.path.join(args.dir, "existing.h5")
    with open(out, "wb") as f:
        f.write(b"an earlier file")
    p = mpirun(args, ["run", os.path.join(args.source_dir, "scenarios/fukuoka-managed.yaml"),
                      "--output", out, "--quiet", "--years", "2"])
    text = p.stdout + p.stderr
    print(f"existing output on 2 ranks: exit {p.returncode}: {error_line(text)}")
    if p.returncode != 1 or "give --overwrite" not in text:
        failures.append(f"existing output on 2 ranks: exit {p.returncode}, expected 1 naming --overwrite")
    with open(out, "rb") as f:
        if f.read() != b"an earlier file":
            failures.append("existing output on 2 ranks: the earlier file changed")

    if failures:
        print("\n".join(failures))
        return 1
    print("every case ended as expected")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""MPI test: on 2 ranks, what cannot run distributed, or must not run, ends with a clear error on
every rank (no rank left waiting), the status of one process, and no results file.

Usage: check_rank_errors.py --exe SHINRIN --mpiexec MPIEXEC --source-dir REPO --dir SCRATCH
Cases:
  a scenario with a forest credit project (scenarios/fukuoka-fo001.yaml) -> exit 1, "not
    supported with 2 > 1 ranks yet" naming the project, no results file and no temporary file
    left;
  a run onto an existing results file without --overwrite -> exit 1 (the root refuses; the other
    rank stops with it), the file unchanged.
Each run has a time limit: a rank waiting for another forever fails the test.
"""
import glob
import os
import sys

import mpi_common


def error_line(text):
    """The line shinrin printed about the error (mpirun adds its own lines around it)."""
    return next((l for l in text.splitlines() if l.startswith("shinrin:")), "(no shinrin message)")


def mpirun(args, extra):
    return mpi_common.run(mpi_common.mpiexec(args, 2, extra), 1, timeout=300)


def main():
    args = mpi_common.arguments(("--source-dir", None))
    failures = []

    out = os.path.join(args.dir, "fo001.h5")
    for f in glob.glob(out + "*"):
        os.remove(f)
    p = mpirun(args, ["run", os.path.join(args.source_dir, "scenarios/fukuoka-fo001.yaml"),
                      "--output", out, "--quiet"])
    text = p.stdout + p.stderr
    print(f"forest credit project on 2 ranks: exit {p.returncode}: {error_line(text)}")
    if p.returncode != 1:
        failures.append(f"forest credit project on 2 ranks: exit {p.returncode}, expected 1")
    if "not supported with 2 > 1 ranks yet" not in text or "hisayama_fo001" not in text:
        failures.append("forest credit project on 2 ranks: the message does not say that the "
                        "project is not supported")
    left = glob.glob(out + "*")
    if left:
        failures.append(f"forest credit project on 2 ranks: files left: {left}")

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

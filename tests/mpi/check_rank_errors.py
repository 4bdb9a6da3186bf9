#!/usr/bin/python3
"""MPI test: on 2 ranks, a run that rank 0 refuses (it alone touches the output path) ends with a
clear error on every rank (no rank left waiting for it), the status of one process, and no
results file.

Usage: check_rank_errors.py --exe SHINRIN --mpiexec MPIEXEC --source-dir REPO --dir SCRATCH
Cases:
  an output path in a folder that does not exist -> exit 1 naming it, nothing made;
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

    out = os.path.join(args.dir, "no-such-folder", "results.h5")
    p = mpirun(args, ["run", os.path.join(args.source_dir, "scenarios/fukuoka-managed.yaml"),
                      "--output", out, "--quiet", "--years", "2"])
    text = p.stdout + p.stderr
    print(f"output folder missing on 2 ranks: exit {p.returncode}: {error_line(text)}")
    if p.returncode != 1 or "no-such-folder" not in text:
        failures.append(f"output folder missing on 2 ranks: exit {p.returncode}, expected 1 "
                        "naming the folder")
    if os.path.exists(os.path.dirname(out)):
        failures.append("output folder missing on 2 ranks: the folder was made")

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

"""What the MPI test scripts share: the command line they take and how they start mpiexec."""
import argparse
import os
import subprocess

# As a root container needs (README "Scaling out"); --oversubscribe for more ranks than cores.
MPI_FLAGS = ["--allow-run-as-root", "--bind-to", "none", "--oversubscribe"]


def arguments(*extra):
    """--exe SHINRIN --mpiexec MPIEXEC --dir SCRATCH and the `extra` options (name, default;
    a default of None makes the option required); the scratch folder is made."""
    ap = argparse.ArgumentParser()
    for name in ("--exe", "--mpiexec", "--dir"):
        ap.add_argument(name, required=True)
    for name, default in extra:
        ap.add_argument(name, required=default is None, default=default)
    args = ap.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    return args


def mpiexec(args, ranks, shinrin_args):
    """The command that runs `shinrin shinrin_args` on `ranks` ranks."""
    return [args.mpiexec, "-np", str(ranks)] + MPI_FLAGS + [args.exe] + shinrin_args


def run(cmd, threads, timeout=600):
    """Runs `cmd` with `threads` OpenMP threads a process; fails the test when it does not end
    in `timeout` seconds (a rank left waiting for another)."""
    env = dict(os.environ, OMP_NUM_THREADS=str(threads))
    try:
        return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise SystemExit(f"FAILED: {' '.join(cmd)} did not end within {timeout} s (a rank waits)")

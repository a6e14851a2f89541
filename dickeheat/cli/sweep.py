"""The ``dickeheat sweep`` verb: steady states on a parameter grid to a NetCDF file."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

__all__ = ["add_parser"]


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``sweep`` verb to the sub-command parsers ``sub``."""
    p = sub.add_parser(
        "sweep",
        help="steady states on a parameter grid -> NetCDF file (resumable)",
        description="Solve the heat valve's steady state on the grid of a TOML config ([fixed] "
        "scalars, [grid] lists; see docs/sweeps.md) and write a NetCDF file. A killed sweep "
        "rerun with the same config and --out computes only the missing points. Exit status 1 "
        "if some points failed (they are flagged in the file), 2 for a bad config or option.",
    )
    p.add_argument("config", metavar="CONFIG.toml", help="sweep configuration (TOML)")
    p.add_argument("--out", metavar="FILE", required=True, help="NetCDF file to write")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="run on this Dask distributed scheduler (needs dickeheat[dask]); an "
                        "address where no scheduler answers within 5 s is an error")
    p.add_argument("--processes", metavar="N", type=int,
                   help="local worker processes (default: one per CPU)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--overwrite", action="store_true",
                   help="replace FILE if it exists and is not this sweep's own output "
                        "(default: refuse; this sweep's finished or partial output is resumed)")
    p.set_defaults(func=_cmd_sweep)
    return p


def _cmd_sweep(args: argparse.Namespace) -> int:
    from dickeheat.cli._progress import wanted
    from dickeheat.errors import ParameterError, UnknownNameError
    from dickeheat.files import check_output_file
    from dickeheat.numeric.sweep import SchedulerError, Sweep
    from dickeheat.numeric.sweep_config import load_config

    t0 = time.perf_counter()
    out = Path(args.out)
    if out.exists() and Path(args.config).exists() and out.resolve() == \
            Path(args.config).resolve():
        raise ParameterError(f"--out {args.out!r} is the configuration file; choose another "
                             "output file")
    config = load_config(args.config)
    try:
        job = Sweep(config)  # checks the backends named in the config
    except (ParameterError, UnknownNameError) as err:
        raise type(err)(f"{Path(args.config).name}: {err}") from None
    if out.exists() and not args.overwrite and not _is_output_of(out, job.fingerprint):
        raise ParameterError(f"--out {args.out!r} exists and is not the output of this sweep; "
                             "pass --overwrite to replace it, or choose another file")
    check_output_file(out, overwrite=True, inputs=[args.config])
    todo = job.pending(args.out)
    try:
        ds = job.run(out=args.out, scheduler=args.scheduler, processes=args.processes,
                     progress=not args.no_progress and wanted(None, sys.stderr),
                     overwrite=args.overwrite)
    except SchedulerError as err:
        raise ParameterError(f"--{err}") from None  # the message starts with "scheduler"
    size = job.config.size
    failed = int(ds["failed"].sum())
    dims = ", ".join(f"{d}={n}" for d, n in ds.sizes.items()) or "one point"
    print(f"wrote {args.out}: {size} points ({dims}); computed {todo}, reused {size - todo}; "
          f"{failed} failed  ({time.perf_counter() - t0:.1f} s)")
    return 1 if failed else 0


def _is_output_of(path: Path, fingerprint: str) -> bool:
    """Whether ``path`` is a NetCDF file written by a sweep with this fingerprint."""
    import xarray as xr

    try:
        with xr.open_dataset(path, engine="netcdf4") as ds:
            return ds.attrs.get("sweep_fingerprint") == fingerprint
    except Exception:  # not NetCDF, unreadable: not this sweep's output
        return False

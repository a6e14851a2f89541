"""The ``dickeheat reproduce`` verb: compute, plot and save a figure of the papers.

``dickeheat reproduce FIGURE [--out DIR] [--version arxiv|published] [--fast] [--svg]`` writes
``FIGURE.png`` (300 dpi), ``FIGURE.pdf`` (vector; ``--svg`` adds ``FIGURE.svg``) and its data
``FIGURE.nc`` (NetCDF) into DIR (default: the current directory), and prints the caption;
``dickeheat reproduce --list [--json]`` lists the figures. Unknown figure ids and an
unwritable ``--out`` exit with status 2 (via :class:`dickeheat.errors.DickeheatError`).
"""

from __future__ import annotations

import argparse
import sys

from dickeheat.cli._common import print_json
from dickeheat.errors import ParameterError

__all__ = ["add_parser"]

_DESCRIPTION = """\
Reproduce a figure of the papers: compute its data (closed forms from the registry where the
paper uses closed forms, numerical steady states where it uses numerics), plot it, and write
FIGURE.png (300 dpi), FIGURE.pdf (vector; --svg adds FIGURE.svg) and FIGURE.nc (NetCDF, the
plotted data with labels) into --out. The paper, the parameters and the caption are in every
file's metadata; the caption is printed. Progress is shown on a terminal.

Figure ids follow the arXiv numbering of Andolina et al.; the published version numbers
Figs. 4-7 as Figs. 3-6 and has no Fig. 3. --version selects the parameter set where the two
versions differ (gamma = omega0 vs omega0/10 in Figs. 4-5, Table I gamma = 1.0 vs 0.5 GHz in
Fig. 6). `dickeheat reproduce --list` shows every id with both numberings.
"""


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``reproduce`` verb to the sub-command parsers ``sub``."""
    p = sub.add_parser("reproduce", help="compute, plot and save a figure of the papers",
                       description=_DESCRIPTION,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("figure", nargs="?", metavar="FIGURE",
                   help="figure id, e.g. andolina2024-fig4 (see --list)")
    p.add_argument("--out", metavar="DIR", default=".",
                   help="directory for the output files (default: current directory)")
    p.add_argument("--version", dest="paper_version", metavar="VERSION", default=None,
                   help="the paper version whose parameters to use, where a paper has two "
                        "(andolina2024: arxiv, the default, or published); see --list")
    p.add_argument("--fast", action="store_true",
                   help="reduced grids (seconds instead of tens of seconds; for previews)")
    p.add_argument("--svg", action="store_true",
                   help="also write FIGURE.svg (the PDF is always written)")
    p.add_argument("--overwrite", action="store_true",
                   help="replace the output files if they exist (default: refuse)")
    p.add_argument("--list", action="store_true", help="list the figures and exit")
    p.add_argument("--json", action="store_true", help="with --list: print JSON")
    p.set_defaults(func=_cmd_reproduce)
    return p


def _cmd_reproduce(args: argparse.Namespace) -> int:
    from dickeheat import reproduce as figures
    from dickeheat.cli._progress import Stages, wanted
    from dickeheat.files import check_output_file, writable_directory
    from dickeheat.reproduce.figure import output_paths

    if args.list:
        extra = [flag for flag, given in (("FIGURE", args.figure is not None),
                                          ("--svg", args.svg), ("--fast", args.fast),
                                          ("--overwrite", args.overwrite),
                                          ("--version", args.paper_version is not None))
                 if given]
        if extra:
            raise ParameterError(f"--list takes no {', '.join(extra)}: it only lists the "
                                 "figures (add --json for JSON)")
        specs = [figures.get_figure(i) for i in figures.figure_ids()]
        if args.json:
            print_json([s.to_dict() for s in specs])
        else:
            wid = max(len(s.id) for s in specs) + 2
            wnum = max(len(s.numbering) for s in specs) + 2
            print(f"{'figure':<{wid}}{'in the paper':<{wnum}}title")
            for s in specs:
                slow = "  (slow)" if s.slow else ""
                print(f"{s.id:<{wid}}{s.numbering:<{wnum}}{s.title}{slow}")
        return 0
    if args.json:
        raise ParameterError("--json is only valid together with --list")
    if args.figure is None:
        raise ParameterError(
            "a FIGURE id is required (or --list); known figures: "
            + ", ".join(figures.figure_ids()))
    spec = figures.get_figure(args.figure)  # unknown id -> UnknownNameError, exit 2
    if args.paper_version is not None and args.paper_version not in spec.versions:
        raise ParameterError(f"--version {args.paper_version}: {spec.id} ({spec.numbering}) "
                             f"exists only as {', '.join(spec.versions)}")
    out = writable_directory(args.out, name="--out")
    vector = ("pdf", "svg") if args.svg else ("pdf",)
    for path in output_paths(spec, out, vector):
        check_output_file(path, name="--out", overwrite=args.overwrite)
    show = wanted(args, sys.stderr)
    with Stages(spec.id, show) as stage:
        done = figures.reproduce(spec.id, args.out, version=args.paper_version, fast=args.fast,
                                 progress=show, overwrite=args.overwrite, vector=vector,
                                 on_stage=stage)
    print(f"wrote {', '.join(str(p) for p in done.files)} ({spec.numbering}, {done.version} "
          f"parameters{', fast grid' if args.fast else ''}; compute "
          f"{done.compute_seconds:.1f} s, plot and write {done.plot_seconds:.1f} s)")
    print(f"caption: {done.caption}")
    return 0

"""The ``dickeheat`` command line.

Verbs: ``list``, ``show``, ``verify`` (the main job), ``circuit``, ``sweep``, ``valve``,
``reproduce``, ``latex``, ``bounds``.
Library code does not print; this module does. Errors of the package
(:class:`dickeheat.errors.DickeheatError`) are reported on stderr with exit status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from typing import Any

from dickeheat import __version__
from dickeheat.errors import DickeheatError

__all__ = ["main", "build_parser"]


def _print_json(obj: Any) -> None:
    print(json.dumps(obj, indent=2, ensure_ascii=False, default=str))


# -- list / show / verify --------------------------------------------------------------------
def _registry(paper: str | None):
    from dickeheat.derivations import registry

    return registry(None if paper is None else (paper,))


def _cmd_list(args: argparse.Namespace) -> int:
    reg = _registry(args.paper)
    for r in reg:
        print(f"{r.name:<40} {r.equation:<26} {r.title}")
    return 0


def _cmd_show(args: argparse.Namespace) -> int:
    from dickeheat.derivations import registry

    paper = args.name.split(".", 1)[0]
    reg = registry((paper,))
    r = reg.get(args.name)
    record = r.to_dict()
    if args.json:
        _print_json(record)
        return 0
    print(f"{r.name}  —  {r.title}")
    print(f"paper: {r.paper}   equation: {r.equation}   status: {record['status']}")
    print(f"args:  {', '.join(record['args'])}")
    print(f"derived: {record['lhs'] if 'lhs' in record else ''}{record['expression']}")
    print(f"latex:   {record['latex']}")
    if record["printed"] is not None:
        print(f"printed: {record['printed']}")
    if record["discrepancy"]:
        print(f"discrepancy ({record['discrepancy']['kind']}): {record['discrepancy']['detail']}")
    if args.steps:
        for i, s in enumerate(record["steps"], 1):
            print(f"  step {i} [{s['label']}] {s['description']}")
            print(f"      {s['latex']}")
    if r.notes:
        print(f"notes: {r.notes}")
    return 0


def _cmd_verify(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from dickeheat.derivations.verify import verify_all

    t0 = time.perf_counter()
    reg = _registry(args.paper)
    show_bar = not args.json and sys.stderr.isatty()
    records = verify_all(
        reg, progress=lambda it: tqdm(list(it), desc="verify", disable=not show_bar,
                                      file=sys.stderr)
    )
    elapsed = time.perf_counter() - t0
    failed = [r for r in records if r.failed]
    if args.json:
        _print_json([r.to_dict() for r in records])
    else:
        print(f"{'name':<34} {'equation':<22} {'status':<8} {'numeric check':<24} discrepancy")
        for r in records:
            nc = r.numeric_check
            check = "—" if nc is None else (
                f"{'pass' if nc['passed'] else 'FAIL'} rel.err {nc['max_rel_error']:.1e}"
            )
            disc = "" if r.discrepancy is None else f"{r.discrepancy['kind']}: {r.discrepancy['detail']}"
            if r.error and r.failed:
                disc = (disc + "  " if disc else "") + f"[{r.error}]"
            print(f"{r.name:<34} {r.equation:<22} {r.status:<8} {check:<24} {disc}")
        counts = {s: sum(r.status == s for r in records) for s in ("agrees", "erratum", "derived", "failed")}
        print(
            f"\n{len(records)} results: {counts['agrees']} agree, {counts['erratum']} errata, "
            f"{counts['derived']} derived only, {counts['failed']} failed  ({elapsed:.1f} s)"
        )
    return 1 if failed else 0


# -- parser ----------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dickeheat",
        description="Derive, code-generate and verify collective quantum thermal machines.",
    )
    parser.add_argument("--version", action="version", version=f"dickeheat {__version__}")
    sub = parser.add_subparsers(dest="verb", required=True, metavar="VERB")

    p = sub.add_parser("list", help="list every registered result")
    p.add_argument("--paper", metavar="KEY", help="only this paper's results")
    p.set_defaults(func=_cmd_list)

    p = sub.add_parser("show", help="show one result: expression, LaTeX, print, status")
    p.add_argument("name", help="dotted result name, e.g. andolina2024.G")
    p.add_argument("--json", action="store_true", help="print a JSON record")
    p.add_argument("--steps", action="store_true", help="also print the derivation steps")
    p.set_defaults(func=_cmd_show)

    p = sub.add_parser(
        "verify",
        help="run every derivation, compare with the print, run the numeric checks",
        description="Run every derivation, compare it with the paper's printed form and run its "
        "independent numerical check. Exit status 1 if a derivation or a check fails; a found "
        "erratum is a finding, not a failure.",
    )
    p.add_argument("--paper", metavar="KEY", help="only this paper (e.g. andolina2024)")
    p.add_argument("--json", action="store_true", help="print a list of JSON records")
    p.set_defaults(func=_cmd_verify)

    p = sub.add_parser(
        "latex",
        help="write a standalone LaTeX document of every derived result",
        description="A standalone LaTeX document (pdflatex) with every derived result, labelled "
        "with its paper equation; where the print disagrees both are shown with the discrepancy.",
    )
    p.add_argument("--paper", metavar="KEY", help="only this paper")
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument("--steps", action="store_true", help="include the derivation steps")
    p.set_defaults(func=_cmd_latex)

    p = sub.add_parser(
        "circuit",
        help="circuit elements (SI) -> heat-valve model parameters",
        description="Map the circuit of the heat valve (transmons coupled capacitively to two "
        "parallel RLC resonators) to the model's parameters with the derived closed forms. "
        "Inputs in SI units: farad, henry, ohm. The printed formulas' values are reported beside "
        "the derived ones, and the rates are compared with the damping of the linear circuit.",
    )
    for flag, unit, text in _CIRCUIT_FLAGS:
        p.add_argument(flag, type=float, required=True, metavar="F", help=f"{text} [{unit}]")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=_cmd_circuit)

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
                   help="run on this Dask distributed scheduler (needs dickeheat[dask])")
    p.add_argument("--processes", metavar="N", type=int,
                   help="local worker processes (default: one per CPU)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=_cmd_sweep)

    from dickeheat.cli_valve import add_valve_parser  # the `valve` verb

    add_valve_parser(sub)
    from dickeheat.cli_reproduce import add_reproduce_parser  # the `reproduce` verb

    add_reproduce_parser(sub)
    from dickeheat.cli_bounds import add_bounds_parser  # the `bounds` verb

    add_bounds_parser(sub)
    return parser


def _cmd_sweep(args: argparse.Namespace) -> int:
    from pathlib import Path

    from dickeheat.errors import ParameterError, UnknownNameError
    from dickeheat.numeric.sweep import Sweep
    from dickeheat.numeric.sweep_config import load_config

    t0 = time.perf_counter()
    config = load_config(args.config)
    try:
        job = Sweep(config)  # checks the backends named in the config
    except (ParameterError, UnknownNameError) as err:
        raise type(err)(f"{Path(args.config).name}: {err}") from None
    todo = job.pending(args.out)
    ds = job.run(out=args.out, scheduler=args.scheduler, processes=args.processes,
                 progress=not args.no_progress and sys.stderr.isatty())
    size = job.config.size
    failed = int(ds["failed"].sum())
    dims = ", ".join(f"{d}={n}" for d, n in ds.sizes.items()) or "one point"
    print(f"wrote {args.out}: {size} points ({dims}); computed {todo}, reused {size - todo}; "
          f"{failed} failed  ({time.perf_counter() - t0:.1f} s)")
    return 1 if failed else 0


def _cmd_latex(args: argparse.Namespace) -> int:
    from pathlib import Path

    from dickeheat.errors import ParameterError
    from dickeheat.symbolic.latexdoc import render_document

    doc = render_document(_registry(args.paper), steps=args.steps,
                          title="dickeheat: derived results")
    if args.out is None:
        sys.stdout.write(doc)
        return 0
    try:
        Path(args.out).write_text(doc, encoding="utf-8")
    except OSError as err:
        raise ParameterError(f"--out {args.out!r} is not writable: {err.strerror}") from None
    return 0


_CIRCUIT_FLAGS = (
    ("--C-T", "F", "transmon capacitance C_T"),
    ("--L-J", "H", "Josephson inductance L_J"),
    ("--C-c-h", "F", "coupling capacitance to the hot resonator C_c^(h)"),
    ("--C-c-c", "F", "coupling capacitance to the cold resonator C_c^(c)"),
    ("--R-h", "ohm", "hot resistor R_h"),
    ("--R-c", "ohm", "cold resistor R_c"),
    ("--L", "H", "resonator inductance L"),
    ("--C", "F", "resonator capacitance C"),
)


def _cmd_circuit(args: argparse.Namespace) -> int:
    from dickeheat.derivations.andolina2024.device import CircuitParameters, circuit_parameters

    params = CircuitParameters(C_T=args.C_T, L_J=args.L_J, C_c_h=args.C_c_h, C_c_c=args.C_c_c,
                               R_h=args.R_h, R_c=args.R_c, L=args.L, C=args.C)
    out = circuit_parameters(params)
    if args.json:
        _print_json(out)
        return 0
    units = {"omega0": "rad/s", "omega_LC": "rad/s", "E_T": "J", "E_J": "J", "E_C": "J",
             "Z_T": "ohm"}
    for key, value in out.items():
        if key == "notes":
            continue
        unit = units.get(key, "1/s" if key.startswith("gamma") and "diff" not in key else
                         "1/(V s)" if key.startswith("G_") else "")
        print(f"{key:<32} {value:.6g} {unit}")
    print(f"\n{out['notes']}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except DickeheatError as err:
        print(f"dickeheat {args.verb}: error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

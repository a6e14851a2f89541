"""The ``dickeheat circuit`` verb: circuit elements (SI) to heat-valve model parameters."""

from __future__ import annotations

import argparse

from dickeheat.cli._common import print_json

__all__ = ["add_parser"]


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``circuit`` verb to the sub-command parsers ``sub``."""
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
    return p


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
    from dickeheat.reproduce.andolina2024.device import (
        CircuitParameters,
        circuit_parameters,
    )

    params = CircuitParameters(C_T=args.C_T, L_J=args.L_J, C_c_h=args.C_c_h, C_c_c=args.C_c_c,
                               R_h=args.R_h, R_c=args.R_c, L=args.L, C=args.C)
    out = circuit_parameters(params)
    if args.json:
        print_json(out)
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

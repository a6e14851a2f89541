"""The ``dickeheat bounds`` verb: a heat current and the two universal bounds on it.

Natural units (ħ = k_B = 1, energies in the unit of ``--omega``). Bad input exits with status 2
(via :class:`dickeheat.errors.DickeheatError`).
"""

from __future__ import annotations

import argparse
import math
from fractions import Fraction
from typing import Any

from dickeheat.cli._common import print_json
from dickeheat.errors import ParameterError

__all__ = ["add_parser", "bounds_record", "parse_state", "MAX_L"]

#: largest L in the Dicke sector (dense (L+1)x(L+1) matrices)
MAX_L = 2000

_DESCRIPTION = """\
Heat current J = Tr[H D[rho]] of the Redfield (Born-Markov) dissipator and the bounds
  Bound 1: |J| <= 4 ||H|| Xi ||A||^2      Bound 2: |J| <= 2 Xi dE ||A||^2
(Xi = int_0^oo |C(s)| ds of the bath, dE the largest energy gap that A connects).

Models (L qubits, symmetric Dicke sector J = L/2):
  m-body          H = omega J_z, A = (g L / C(L,m)) sum of all m-fold products of sigma_x
  superradiance   H = omega J_z, A = 2 g J_x
  superabsorption H = omega J_z + Omega J_z^2, A = 2 g J_x
  valve           the collective heat valve (N = L qubits, H = omega J_z) with RLC baths
                  reproducing gamma_h, gamma_c at omega; current and bounds of the hot bath;
                  also prints the valve's own bounds Q_h^max and Q_h^lim.

States: excited (M = L/2), ground (M = -L/2), M=<value> (e.g. M=1/2), steady (valve only).
Defaults: m-body -> excited; superradiance and superabsorption -> M=1/2 (odd L) or M=0;
valve -> steady.
Baths: white (C = c delta(s), c = --strength; the paper's m-body example), lorentzian (damped
mode: strength, --kappa, centre omega, --T; default for superradiance, at T = 0 as in the
paper), rlc (parallel RLC, R = --strength, omega_LC = omega, --Q, --T; the valve's baths).
"""

_DEFAULT_BATH = {"m-body": "white", "superradiance": "lorentzian",
                 "superabsorption": "lorentzian", "valve": "rlc"}


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``bounds`` verb to the sub-command parsers ``sub``."""
    p = sub.add_parser("bounds", help="a heat current and the universal Bounds 1 and 2",
                       description=_DESCRIPTION,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", required=True,
                   choices=("superradiance", "m-body", "superabsorption", "valve"))
    p.add_argument("--L", type=int, required=True, help="number of qubits (>= 1)")
    p.add_argument("--m", type=int, help="body order of the m-body coupling (1 <= m <= L)")
    p.add_argument("--state", help="excited | ground | M=<value> | steady (valve)")
    p.add_argument("--bath", choices=("white", "lorentzian", "rlc"),
                   help="bath (default per model, see above)")
    p.add_argument("--strength", type=float, default=1.0, metavar="F",
                   help="c (white), lambda^2 (lorentzian) or R (rlc); default 1")
    p.add_argument("--kappa", type=float, default=0.1, metavar="F",
                   help="lorentzian linewidth (default 0.1)")
    p.add_argument("--Q", type=float, default=20.0, metavar="F",
                   help="rlc quality factor (default 20)")
    p.add_argument("--T", type=float, default=0.0, metavar="F",
                   help="bath temperature for lorentzian/rlc (default 0)")
    p.add_argument("--omega", type=float, default=1.0, metavar="F", help="qubit frequency")
    p.add_argument("--g", type=float, default=1.0, metavar="F", help="coupling constant g")
    p.add_argument("--Omega", type=float, default=0.1, metavar="F",
                   help="superabsorption J_z^2 coefficient (default 0.1)")
    p.add_argument("--Th", type=float, default=2.0, metavar="F", help="valve: hot temperature")
    p.add_argument("--Tc", type=float, default=0.5, metavar="F", help="valve: cold temperature")
    p.add_argument("--gamma-h", type=float, default=0.1, metavar="F", help="valve: gamma_h")
    p.add_argument("--gamma-c", type=float, default=0.1, metavar="F", help="valve: gamma_c")
    p.add_argument("--json", action="store_true", help="print a JSON record")
    p.set_defaults(func=_cmd_bounds)
    return p


def parse_state(text: str | None, model: str, L: int) -> str | Fraction:
    """``steady`` or the Dicke quantum number M (a Fraction), validated for L qubits."""
    if text is None:
        if model == "valve":
            return "steady"
        if model == "m-body":
            return Fraction(L, 2)
        return Fraction(1, 2) if L % 2 else Fraction(0)
    t = text.strip().lower()
    if t == "steady":
        if model != "valve":
            raise ParameterError("--state steady is only defined for --model valve")
        return "steady"
    if t == "excited":
        return Fraction(L, 2)
    if t == "ground":
        return Fraction(-L, 2)
    if t.startswith("m="):
        try:
            M = Fraction(t[2:])
        except (ValueError, ZeroDivisionError):
            raise ParameterError(f"--state M=<value> needs a number such as M=1/2, got "
                                 f"{text!r}") from None
        k = Fraction(L, 2) - M
        if k.denominator != 1 or not 0 <= k <= L:
            raise ParameterError(f"--state {text}: M must be one of L/2, L/2 - 1, ..., -L/2 "
                                 f"for L = {L}")
        return M
    raise ParameterError(f"--state must be excited, ground, M=<value> or steady, got {text!r}")


def _bath(args: argparse.Namespace, name: str):
    from dickeheat.symbolic.bath import Lorentzian, WhiteNoise
    from dickeheat.symbolic.bath_rlc import RLCBath

    if name == "white":
        return WhiteNoise(args.strength)
    if name == "lorentzian":
        return Lorentzian(strength=args.strength, kappa=args.kappa, center=args.omega, T=args.T)
    return RLCBath(R=args.strength, omega_LC=args.omega, Q=args.Q, T=args.T)


def _valve_record(args: argparse.Namespace, state: str | Fraction) -> dict[str, Any]:
    from dickeheat.numeric.model import HeatValve
    from dickeheat.reproduce.kamimura2023.valve import valve_bound_report

    if args.bath not in (None, "rlc"):
        raise ParameterError("--model valve uses RLC baths: --bath must be rlc")
    model = HeatValve(N=args.L, omega0=args.omega, gamma_h=args.gamma_h,
                      gamma_c=args.gamma_c, T_h=args.Th, T_c=args.Tc)
    rep = valve_bound_report(model, state=state, Q=args.Q)
    out = rep.to_dict()
    out["Xi"] = out["Xi_h"]
    if state == "steady":
        from dickeheat.reproduce.kamimura2023.valve import valve_own_bounds

        out.update(valve_own_bounds(model))
    return out


def bounds_record(args: argparse.Namespace) -> dict[str, Any]:
    """Compute the record the verb prints."""
    _check_numbers(args)
    from dickeheat.numeric.spin_models import check_L, check_m

    L = check_L(args.L)
    model = args.model
    if args.m is not None and model != "m-body":
        raise ParameterError("--m only applies to --model m-body")
    if model == "m-body":
        if args.m is None:
            raise ParameterError("--model m-body needs --m (1 <= m <= L)")
        check_m(args.m, L)
    if L > MAX_L:
        raise ParameterError(f"L must be <= {MAX_L} (dense Dicke-sector matrices), got {L}")
    for name in ("omega", "g"):
        v = getattr(args, name)
        if not (v > 0 and math.isfinite(v)):
            raise ParameterError(f"--{name} must be a finite number > 0, got {v}")
    state = parse_state(args.state, model, L)
    if model == "valve":
        rec = _valve_record(args, state)
        rec.update(model=model, L=L, m=None)
        return rec
    from dickeheat.numeric.redfield import Coupling
    from dickeheat.numeric.spin_models import dicke_state, model_operators
    from dickeheat.reproduce.kamimura2023.bounds import bound_report

    bath_name = args.bath or _DEFAULT_BATH[model]
    bath = _bath(args, bath_name)
    H, A = model_operators(model, L, m=args.m, omega=args.omega, g=args.g, Omega=args.Omega)
    rep = bound_report(H, Coupling((A,), (bath,)), dicke_state(L, state))
    rec = rep.to_dict()
    rec.update(model=model, L=L, m=args.m, state=f"M={state}", bath=bath.to_dict(),
               Xi=rep.Xi[0], dE=rep.dE[0], A_norm=rep.A_norms[0])
    rec.pop("A_norms")
    return rec


#: (flag, attribute, lower limit, whether the limit itself is allowed); None: finite only
_NUMBERS = (("--strength", "strength", 0.0, False), ("--kappa", "kappa", 0.0, False),
            ("--Q", "Q", 0.0, False), ("--T", "T", 0.0, True), ("--omega", "omega", 0.0, False),
            ("--g", "g", None, True), ("--Omega", "Omega", None, True),
            ("--Th", "Th", 0.0, True), ("--Tc", "Tc", 0.0, True),
            ("--gamma-h", "gamma_h", 0.0, True), ("--gamma-c", "gamma_c", 0.0, True))


def _check_numbers(args: argparse.Namespace) -> None:
    """Every numeric option finite and in range, whether or not the chosen model uses it (a
    bad value is never silently ignored)."""
    import math

    for flag, attr, low, inclusive in _NUMBERS:
        v = getattr(args, attr, None)
        if v is None:
            continue
        if not math.isfinite(v):
            raise ParameterError(f"{flag} must be a finite number, got {v!r}")
        if low is not None and (v < low or (v == low and not inclusive)):
            raise ParameterError(f"{flag} must be {'>=' if inclusive else '>'} {low:g}, "
                                 f"got {v!r}")


def _cmd_bounds(args: argparse.Namespace) -> int:
    rec = bounds_record(args)
    if args.json:
        print_json(rec)
        return 0
    bath = rec["bath"]
    params = ", ".join(f"{k}={v}" for k, v in bath.items() if k not in ("kind", "role"))
    m = f", m={rec['m']}" if rec.get("m") else ""
    print(f"model: {rec['model']} (L={rec['L']}{m}), state: {rec['state']}")
    print(f"bath: {bath['kind']}({params})" + (f" [{bath['role']} bath]" if "role" in bath else "")
          + f", Xi = {rec['Xi']:.6g}")
    print(f"current J      = {rec['current']:.6g}")
    print(f"Bound 1        = {rec['bound1']:.6g}   |J|/Bound 1 = {rec['ratio1']:.6g}")
    print(f"Bound 2        = {rec['bound2']:.6g}   |J|/Bound 2 = {rec['ratio2']:.6g}   "
          f"(dE = {rec['dE']:.6g})")
    if "Q_max" in rec:
        print(f"valve Q_h^max  = {rec['Q_max']:.6g}   Q_h^lim (J = N/2) = {rec['Q_lim']:.6g}")
    return 0

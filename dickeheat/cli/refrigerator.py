"""The ``dickeheat refrigerator`` verb: the collective J_z^2 absorption refrigerator.

Stationary energy currents (positive from each bath into the qubits), the noise of the cold
current, entropy production, TUR ratio and coefficients of performance, from the exact
rate equation in one parity sector of the j = N/2 multiplet (``--model full``) or the
three-level model (``--model reduced``). Bad input exits with status 2.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from typing import Any

from dickeheat.errors import ParameterError

__all__ = ["add_parser", "refrigerator_record"]

_DESCRIPTION = """\
N qubits with H = Omega J_z^2, coupled collectively to a cold bath (J_x), a hot bath
(J_x^2/N) and a work bath (J_x), each with the peaked spectral density
Gamma(w) = 4 Gamma eps delta^2 w / {[(w-eps)^2 + delta^2][(w+eps)^2 + delta^2]}
at inverse temperature beta. Solved in the maximal-spin (j = N/2) sector of the given
x-parity, where the secular master equation is a rate equation on (N+1)/2 levels
(odd N), so N up to 10^6 is fast.

Output: I_c, I_h, I_w (energy currents, positive into the system), S_c (zero-frequency noise
of I_c), sigma (entropy production), tur = S_c sigma / I_c^2 (>= 2), cop = I_c/I_w (only when
the device cools: I_c > 0 and I_w > 0; else null and "cooling": false), cop_carnot =
beta_h/(beta_c - beta_h), cop_tur (the TUR bound kappa-bar, Eq. 20 of Kloc et al. 2021).

--beta-w 0 is an infinite-temperature work bath (n_w -> infinity): the levels it joins share
their population. For --model reduced that is the coarse-grained model of Appendix G; for
--model full every level is joined (the spectral density is nonzero at every transition) and
the device does not cool. --laser F replaces the work bath by a resonant drive with equal up
and down rates F on the transitions within delta_w of eps_w.

--model reduced: the three lowest levels of the sector, each bath driving one transition with
rate Gamma |<a|A|b>|^2 (eps and delta unused). With --beta-w 0 the closed forms (G4), (G5)
are used for I_c and S_c when the derivation registry provides them ("source" in the JSON).

Defaults (Fig. 2 of Kloc et al. 2021): Omega = 1, eps_c, eps_h, eps_w = 2, 6, 4 Omega,
delta_c = delta_h = 0.1 Omega, delta_w = 1e-3 Omega, Gamma_c = Gamma_h = Gamma_w = 1 Omega.
Natural units (hbar = k_B = 1, energies in the unit of Omega).

The COP bounds assume beta_c > beta_h >= beta_w; other orderings exit with status 2 unless
--no-cop-bounds is given (then cop_carnot and cop_tur are null).
"""

_DEFAULTS = {"Omega": 1.0, "eps_c": 2.0, "eps_h": 6.0, "eps_w": 4.0, "delta_c": 0.1,
             "delta_h": 0.1, "delta_w": 1e-3, "Gamma_c": 1.0, "Gamma_h": 1.0, "Gamma_w": 1.0}


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``refrigerator`` verb to the sub-command parsers ``sub``."""
    p = sub.add_parser("refrigerator", help="collective J_z^2 absorption refrigerator",
                       description=_DESCRIPTION,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--N", type=int, required=True, help="number of qubits (>= 2)")
    for b in ("c", "h", "w"):
        p.add_argument(f"--beta-{b}", type=float, required=True, metavar="F",
                       help=f"inverse temperature of the {_NAME[b]} bath"
                            + (" (0: infinite temperature)" if b == "w" else " (> 0)"))
    p.add_argument("--Omega", type=float, default=_DEFAULTS["Omega"], metavar="F",
                   help="energy scale of H = Omega J_z^2 (default 1)")
    for key, what in (("eps", "peak position"), ("delta", "peak width"),
                      ("Gamma", "peak height")):
        for b in ("c", "h", "w"):
            d = _DEFAULTS[f"{key}_{b}"]
            p.add_argument(f"--{key}-{b}", type=float, default=d, metavar="F",
                           help=f"{what} of the {_NAME[b]} bath (default {d:g})")
    p.add_argument("--model", choices=["full", "reduced"], default="full",
                   help="full rate equation of the sector or the three-level model")
    p.add_argument("--parity", choices=["even", "odd"], default="even",
                   help="x-parity sector (default even; both are equivalent for odd N)")
    p.add_argument("--laser", type=float, metavar="F",
                   help="replace the work bath by a resonant drive of rate F (>= 0)")
    p.add_argument("--no-cop-bounds", action="store_true",
                   help="accept any beta ordering; do not report the COP bounds")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=_cmd_refrigerator)
    return p


_NAME = {"c": "cold", "h": "hot", "w": "work"}


def _finite(flag: str, value: float) -> float:
    if not math.isfinite(value):
        raise ParameterError(f"{flag} must be a finite number, got {value!r}")
    return value


def _validate(args: argparse.Namespace) -> None:
    from dickeheat.numeric.parity_sector import sector_dimension
    from dickeheat.numeric.spin_refrigerator import MAX_N

    if not 2 <= args.N <= MAX_N:
        raise ParameterError(f"--N must be an integer in [2, {MAX_N}], got {args.N}")
    for b in ("c", "h", "w"):
        beta = _finite(f"--beta-{b}", getattr(args, f"beta_{b}"))
        if b != "w" and not beta > 0:
            raise ParameterError(f"--beta-{b} must be > 0, got {beta!r}")
        if beta < 0:
            raise ParameterError(f"--beta-{b} must be >= 0 (0 = infinite temperature), "
                                 f"got {beta!r}")
        for key, low in (("eps", "> 0"), ("delta", "> 0"), ("Gamma", ">= 0")):
            flag = f"--{key}-{b}"
            v = _finite(flag, getattr(args, f"{key}_{b}"))
            if (low == "> 0" and not v > 0) or (low == ">= 0" and not v >= 0):
                raise ParameterError(f"{flag} must be {low}, got {v!r}")
    if not _finite("--Omega", args.Omega) > 0:
        raise ParameterError(f"--Omega must be > 0, got {args.Omega!r}")
    if args.laser is not None and not _finite("--laser", args.laser) >= 0:
        raise ParameterError(f"--laser must be >= 0, got {args.laser!r}")
    parity = 1 if args.parity == "even" else -1
    if args.model == "reduced" and sector_dimension(args.N / 2, parity) < 3:
        need = ("odd N >= 5 or even N >= 4" if parity == 1 else "odd N >= 5 or even N >= 6")
        raise ParameterError(
            f"--N: the reduced (three-level) model needs three levels in the {args.parity} "
            f"sector; N = {args.N} has {sector_dimension(args.N / 2, parity)} "
            f"(allowed: {need})"
        )
    if not args.no_cop_bounds:
        bc, bh, bw = args.beta_c, args.beta_h, (0.0 if args.laser is not None else args.beta_w)
        if not bc > bh:
            raise ParameterError(
                f"--beta-c must be > --beta-h (cooling assumptions beta_c > beta_h >= beta_w of "
                f"the COP bounds), got beta_c = {bc:g}, beta_h = {bh:g}; use --no-cop-bounds "
                "for the currents only")
        if not bh >= bw:
            raise ParameterError(
                f"--beta-w must be <= --beta-h (cooling assumptions beta_c > beta_h >= beta_w "
                f"of the COP bounds), got beta_w = {bw:g}, beta_h = {bh:g}; use "
                "--no-cop-bounds for the currents only")


def _model(args: argparse.Namespace):
    from dickeheat.numeric.spin_refrigerator import PeakedBath, SpinRefrigerator

    def bath(b: str) -> PeakedBath:
        return PeakedBath(beta=getattr(args, f"beta_{b}"), center=getattr(args, f"eps_{b}"),
                          width=getattr(args, f"delta_{b}"),
                          amplitude=getattr(args, f"Gamma_{b}"))

    return SpinRefrigerator(N=args.N, cold=bath("c"), hot=bath("h"), work=bath("w"),
                            Omega=args.Omega, parity=1 if args.parity == "even" else -1,
                            laser=args.laser)


def _num(x: float | None) -> float | None:
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


def refrigerator_record(args: argparse.Namespace) -> dict[str, Any]:
    """Validate the parsed arguments, solve, and return the JSON record."""
    from dickeheat.numeric.spin_refrigerator import solve

    _validate(args)
    model = _model(args)
    reduced = args.model == "reduced"
    r = solve(model, reduced=reduced)
    I_c, S_c, source = r.I_c, r.S_c, "numeric (counting statistics of the rate equation)"
    if reduced and args.beta_w == 0.0 and args.laser is None:
        from dickeheat.reproduce.kloc2021.common import reduced_limit

        closed = reduced_limit(args.N, Omega=args.Omega, beta_c=args.beta_c,
                               beta_h=args.beta_h, Gamma_c=args.Gamma_c, Gamma_h=args.Gamma_h)
        if closed is not None:
            I_c, S_c = closed["I_c"], closed["S_c"]
            source = "closed forms " + ", ".join(closed["results"])
    bounds = not args.no_cop_bounds
    cooling = r.cooling
    rec: dict[str, Any] = {
        "N": args.N, "model": args.model, "parity": args.parity,
        "I_c": I_c, "I_h": r.I_h, "I_w": r.I_w, "S_c": S_c, "C3_c": r.C3_c,
        "sigma": r.sigma,
        "tur": _num(S_c * r.sigma / I_c**2) if I_c != 0 else None,
        "cooling": cooling,
        "cop": _num(r.cop),
        "cop_carnot": _num(r.cop_carnot()) if bounds else None,
        "cop_carnot_exact": _num(r.cop_carnot_exact()) if bounds else None,
        "cop_tur": _num(r.cop_tur()) if bounds else None,
        "first_law": r.first_law,
        "residual": r.residual,
        "solve_seconds": r.solve_seconds,
        "source": source,
        "numeric": {"I_c": r.I_c, "S_c": r.S_c},
        "parameters": {
            "Omega": args.Omega, "laser": args.laser,
            **{f"{k}_{b}": getattr(args, f"{k}_{b}") for k in ("beta", "eps", "delta", "Gamma")
               for b in ("c", "h", "w")}},
        "units": "natural (hbar = k_B = 1; energies and rates in the unit of Omega)",
    }
    return rec


def _fmt(x: Any) -> str:
    if x is None:
        return "n/a"
    return f"{x:.6g}" if isinstance(x, float) else str(x)


def _cmd_refrigerator(args: argparse.Namespace) -> int:
    from dickeheat.cli._progress import spinner, wanted

    with spinner(f"solving the refrigerator, N = {args.N}", wanted(args, sys.stderr)):
        rec = refrigerator_record(args)
    if args.json:
        print(json.dumps(rec, indent=2, ensure_ascii=False, allow_nan=False))
        return 0
    print(f"J_z^2 refrigerator N = {rec['N']} ({rec['model']} model, {rec['parity']} parity, "
          f"{rec['solve_seconds']:.3g} s)")
    for key in ("I_c", "I_h", "I_w", "S_c", "sigma", "tur"):
        print(f"  {key:<6} = {_fmt(rec[key])}")
    print(f"  cooling: {'yes' if rec['cooling'] else 'no'}   COP = {_fmt(rec['cop'])}   "
          f"Carnot = {_fmt(rec['cop_carnot'])}   TUR bound = {_fmt(rec['cop_tur'])}")
    print(f"  residual = {rec['residual']:.2e}   first law = {rec['first_law']:.2e}   "
          f"({rec['source']})")
    return 0

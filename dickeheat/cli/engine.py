"""The ``dickeheat engine`` verb: steady-state power, currents and noise of the collective
spin-pair heat engine (two ensembles of N spins, resonant collective exchange drive).

Natural units (ħ = k_B = 1). Bad input exits with status 2 (via
:class:`dickeheat.errors.DickeheatError`) before anything is computed.
"""

from __future__ import annotations

import argparse
import json
import math
from typing import Any

from dickeheat.errors import ParameterError, check_positive

__all__ = [
    "DEFAULT_GAMMA0",
    "DEFAULT_OMEGA0",
    "MODE_RTOL",
    "add_parser",
    "classify_mode",
    "engine_record",
    "mode_tolerance",
]

#: the drive amplitude omega0 of V = (omega0/2)(S1+ S2- e^{i nu t} + h.c.) used by the paper's
#: Figs. 3, 5-8 and 10 (in units of E1 = 1), and the matching spontaneous rate Gamma0
DEFAULT_OMEGA0 = 0.006
DEFAULT_GAMMA0 = 0.001

_DESCRIPTION = """\
Two ensembles of N spins-1/2 (collective spins S = N/2) with splittings E1 <= E2, each coupled
collectively to its own bosonic bath (bath 1 at beta1, the cold one; bath 2 at beta2 <= beta1,
the hot one; rates gamma_down = Gamma0 (n+1), gamma_up = Gamma0 n), driven by the collective
exchange V = (omega0/2)(S1+ S2- e^{i nu t} + h.c.) at nu = E2 - E1. omega0 is the drive
strength (default 0.006, Gamma0 default 0.001: the values of most of the paper's figures,
in units of E1 = 1).

Prints the power delivered to the drive P, the heat currents J1, J2 from the baths into the
spins, the efficiency P/J2 (engine regime only), the Carnot efficiency 1 - beta2/beta1,
Var(P) (zero-frequency power noise, regression theorem), the constancy
C = (P/Var P) 2 eta T1/(eta_C - eta), the entropy production sigma = -beta1 J1 - beta2 J2, the
Lindbladian gap (exact method, N <= 10; null above) and the operating mode.

--scaling high-temperature applies omega0 -> omega0/N, Gamma0 -> Gamma0/N, beta -> beta/N
(the macroscopic-limit scaling) before solving.

--method exact: exact steady state in the symmetric sector (dimension (N+1)^2), solved in the
weak-U(1) charge-0 sector (about (2/3)(N+1)^3 unknowns); N = 100 takes tens of seconds.
--method cumulant: the cumulant closure (not available yet in this version: exits 2).
"""


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``engine`` verb to the sub-command parsers ``sub``."""
    p = sub.add_parser("engine", help="power, currents and noise of the collective spin-pair "
                       "heat engine", description=_DESCRIPTION,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--N", type=int, required=True, help="spin pairs (>= 1)")
    p.add_argument("--E1", type=float, required=True, metavar="F", help="splitting of ensemble 1")
    p.add_argument("--E2", type=float, required=True, metavar="F",
                   help="splitting of ensemble 2 (>= E1)")
    p.add_argument("--beta1", type=float, required=True, metavar="F",
                   help="inverse temperature of bath 1 (cold; 'inf' for T = 0)")
    p.add_argument("--beta2", type=float, required=True, metavar="F",
                   help="inverse temperature of bath 2 (hot, <= beta1)")
    p.add_argument("--omega0", type=float, default=DEFAULT_OMEGA0, metavar="F",
                   help=f"drive strength omega0 (default {DEFAULT_OMEGA0})")
    p.add_argument("--Gamma0", type=float, default=DEFAULT_GAMMA0, metavar="F",
                   help=f"spontaneous collective rate Gamma0 (default {DEFAULT_GAMMA0})")
    p.add_argument("--scaling", choices=["none", "high-temperature"], default="none",
                   help="apply omega0, Gamma0, beta -> /N before solving (default none)")
    p.add_argument("--method", choices=["exact", "cumulant"], default="exact",
                   help="exact sector solver (default) or cumulant closure")
    p.add_argument("--order", type=int, default=3, help="cumulant closure order (default 3)")
    p.add_argument("--no-gap", action="store_true", help="skip the Lindbladian gap")
    p.add_argument("--counting", action="store_true",
                   help="also Var(P) from counting statistics of the bath-2 quanta "
                   "(var_P_counting; one more linear solve)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=_cmd_engine)
    return p


def _validated(args: argparse.Namespace) -> dict[str, Any]:
    if args.N < 1:
        raise ParameterError(f"--N must be an integer >= 1, got {args.N}")
    E1 = check_positive("--E1", args.E1)
    E2 = check_positive("--E2", args.E2)
    if E2 < E1:
        raise ParameterError(f"--E2 must be >= --E1 (the model assumes E2 >= E1: ensemble 2, "
                             f"the wider gap, is coupled to the hot bath), got E1 = {E1:g}, "
                             f"E2 = {E2:g}")
    for flag, b in (("--beta1", args.beta1), ("--beta2", args.beta2)):
        if not b > 0 or math.isnan(b):
            raise ParameterError(f"{flag} must be > 0 (inf for zero temperature), got {b!r}")
    if math.isinf(args.beta2):
        raise ParameterError("--beta2 must be finite: bath 2 is the hot bath")
    if args.beta2 > args.beta1:
        raise ParameterError(f"--beta2 must be <= --beta1 (bath 2 is the hot bath, T2 >= T1), "
                             f"got beta1 = {args.beta1:g}, beta2 = {args.beta2:g}")
    check_positive("--Gamma0", args.Gamma0)
    if not args.omega0 >= 0 or math.isinf(args.omega0):
        raise ParameterError(f"--omega0 must be a finite number >= 0, got {args.omega0!r}")
    s = args.N if args.scaling == "high-temperature" else 1
    return {"N": args.N, "E1": E1, "E2": E2, "beta1": args.beta1 / s, "beta2": args.beta2 / s,
                "coupling": args.omega0 / s, "Gamma0": args.Gamma0 / s}


#: currents below this fraction of the model's current scale are zero to working precision
MODE_RTOL = 1e-9


def mode_tolerance(current_scale: float, residual: float = 0.0) -> float:
    """The magnitude below which a power or heat current counts as zero.

    ``current_scale`` is the size of a current the model could carry (a splitting times the
    largest rate of its generator, e.g. ``E2 * rate_scale``); a current is resolved only above
    ``max(MODE_RTOL, 100 * residual)`` of it: rounding alone leaves currents of about
    1e-16 of that scale (at the zero-bias point beta2 E2 = beta1 E1 the power is rounding noise).
    """
    return max(MODE_RTOL, 100.0 * float(residual)) * abs(float(current_scale))


def classify_mode(P: float, J1: float, J2: float, tol: float) -> str:
    """``engine`` (P > 0 from the hot bath, J2 > 0), ``refrigerator`` (P < 0, J1 > 0: heat
    drawn from the cold bath) or ``neither``; values within ``tol`` of zero count as zero."""
    if P > tol and J2 > tol:
        return "engine"
    if P < -tol and J1 > tol:
        return "refrigerator"
    return "neither"


def _finite(x: float) -> float | None:
    return float(x) if x is not None and math.isfinite(x) else None


def engine_record(params: dict[str, Any], *, gap: bool = True,
                  counting: bool = False) -> dict[str, Any]:
    """Solve the exact model for ``params`` (keywords of ``ExchangeCoupledSpins.thermal``)."""
    from dickeheat.numeric.exchange_spins import ExchangeCoupledSpins
    from dickeheat.numeric.exchange_spins_observables import thermodynamics
    from dickeheat.numeric.exchange_spins_spectrum import GAP_MAX_N, liouvillian_gap
    from dickeheat.numeric.exchange_spins_steady import check_memory

    check_memory(params["N"])                        # refuse before allocating anything
    model = ExchangeCoupledSpins.thermal(**params)
    th = thermodynamics(model, counting=counting)
    b1, b2 = params["beta1"], params["beta2"]
    tiny = mode_tolerance(model.E2 * model.rate_scale, th.residual)
    mode = classify_mode(th.P, th.J1, th.J2, tiny)
    from dickeheat.derivations import registry

    reg = registry(("dasilvasouza2022",))          # the closed forms of Eqs. (18) and (20)
    eta_c = float(reg.get("dasilvasouza2022.eta_carnot").numpy_function(b1, b2)) \
        if math.isfinite(b1) else 1.0
    eta = th.P / th.J2 if mode == "engine" else None
    constancy = None
    if eta is not None and eta < eta_c and th.var_P > 0 and math.isfinite(b1):
        constancy = float(reg.get("dasilvasouza2022.constancy").numpy_function(
            th.P, th.var_P, b1, eta, eta_c))
    sigma = -(b1 * th.J1 if th.J1 != 0 else 0.0) - b2 * th.J2
    g, gap_note = None, None
    if gap and model.N <= GAP_MAX_N:
        g = liouvillian_gap(model).gap
    elif gap:
        gap_note = f"the gap is computed for N <= {GAP_MAX_N} (all 2N+1 charge sectors)"
    return {
        "P": th.P, "J1": th.J1, "J2": th.J2,
        "efficiency": eta, "efficiency_carnot": eta_c,
        "var_P": th.var_P, "var_P_counting": _finite(th.var_P_counting),
        "constancy": _finite(constancy) if constancy is not None else None,
        "sigma": _finite(sigma), "gap": g, "gap_note": gap_note,
        "mode": mode, "mode_tolerance": tiny, "method": "exact", "solver": th.method, "iterations": th.iterations,
        "N": model.N, "residual": th.residual, "solve_seconds": th.solve_seconds,
        "model": {"E1": model.E1, "E2": model.E2, "omega0": model.coupling,
                  "Gamma0": params["Gamma0"], "beta1": _finite(b1), "beta2": b2,
                  "rates": {"down1": model.down1, "up1": model.up1, "down2": model.down2,
                            "up2": model.up2},
                  "units": "natural (hbar = k_B = 1)"},
    }


def _cumulant_record(args: argparse.Namespace) -> dict[str, Any]:
    from dickeheat.symbolic.cumulants import check_order

    check_order(args.order)
    raise ParameterError("--method cumulant is not available yet: the third-cumulant results "
                         "of the engine are not registered in this version; use --method exact")


def _cmd_engine(args: argparse.Namespace) -> int:
    params = _validated(args)
    if args.method == "cumulant":
        rec = _cumulant_record(args)
    else:
        rec = engine_record(params, gap=not args.no_gap, counting=args.counting)
    if args.json:
        print(json.dumps(rec, indent=2, allow_nan=False))
        return 0
    print(f"collective spin-pair engine N = {rec['N']}  ({rec['method']}/{rec['solver']}, "
          f"{rec['solve_seconds']:.2f} s, residual {rec['residual']:.1e})")
    for key in ("P", "J1", "J2", "efficiency", "efficiency_carnot", "var_P", "constancy",
                "sigma", "gap"):
        v = rec[key]
        print(f"  {key:<18} = {'n/a' if v is None else format(v, '.6g')}")
    print(f"  mode               = {rec['mode']}")
    if rec["gap_note"]:
        print(f"  ({rec['gap_note']})")
    return 0

"""The ``dickeheat engine`` verb: steady-state power, currents and noise of the collective
spin-pair heat engine (two ensembles of N spins, resonant collective exchange drive).

Natural units (ħ = k_B = 1). Bad input exits with status 2 (via
:class:`dickeheat.errors.DickeheatError`) before anything is computed.
"""

from __future__ import annotations

import argparse
import math
import sys
from typing import Any

import numpy as np

from dickeheat.cli._common import print_json
from dickeheat.cli._progress import spinner, wanted
from dickeheat.errors import NumericalError, ParameterError, check_positive

__all__ = [
    "DEFAULT_GAMMA0",
    "DEFAULT_OMEGA0",
    "MODE_RTOL",
    "add_parser",
    "classify_mode",
    "cumulant_record",
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
Lindbladian gap (exact method, N <= 20, with the residual of its eigenpair; null above;
about a minute at N = 20) and the operating mode.

--scaling high-temperature applies omega0 -> omega0/N, Gamma0 -> Gamma0/N, beta -> beta/N
(the macroscopic-limit scaling) before solving.

--method exact: exact steady state in the symmetric sector (dimension (N+1)^2), solved in the
weak-U(1) charge-0 sector (about (2/3)(N+1)^3 unknowns); N = 100 takes tens of seconds.
--method cumulant: the closed moment equations of the macroscopic limit with the scaling (28)
(omega0, Gamma0, beta -> /N; give the unscaled values), closed at --order (1, 2 or 3; 2 is the
paper's closure (31)); P, J1, J2 are N times the per-pair limit, the gap is the Jacobian gap.
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
    p.add_argument("--scaling", choices=["none", "high-temperature"], default=None,
                   help="apply omega0, Gamma0, beta -> /N before solving (default: none for "
                   "exact; cumulant always uses it)")
    p.add_argument("--method", choices=["exact", "cumulant"], default="exact",
                   help="exact sector solver (default) or cumulant closure")
    p.add_argument("--order", type=int, default=None,
                   help="--method cumulant only: closure order 1, 2 or 3; joint cumulants of "
                   "more than ORDER factors are set to zero (default 2, the paper's closure "
                   "(31), which it calls 'third cumulant')")
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
    if args.method != "cumulant" and args.order is not None:
        raise ParameterError(f"--order applies only to --method cumulant (the exact method "
                             f"has no closure), got --order {args.order} with --method "
                             f"{args.method}")
    if args.method == "cumulant":
        from dickeheat.symbolic.cumulants import check_order

        if args.order is None:
            args.order = 2

        try:
            check_order(args.order)
        except ParameterError as err:
            raise ParameterError(f"--order: {err}") from None
        if args.scaling == "none":
            raise ParameterError("--scaling none is not possible with --method cumulant: the "
                                 "closed equations are the macroscopic limit with the scaling "
                                 "(28) (give the unscaled parameters; omit --scaling)")
        if math.isinf(args.beta1):
            raise ParameterError("--beta1 must be finite for --method cumulant (the scaling "
                                 "(28) divides the temperatures by N)")
        s = 1
    else:
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
    g, gap_note, gap_residual = None, None, None
    if gap and model.N <= GAP_MAX_N:
        gr = liouvillian_gap(model)
        g, gap_residual = gr.gap, _finite(gr.residual)
    elif gap:
        gap_note = f"the gap is computed for N <= {GAP_MAX_N} (all 2N+1 charge sectors)"
    return {
        "P": th.P, "J1": th.J1, "J2": th.J2,
        "efficiency": eta, "efficiency_carnot": eta_c,
        "var_P": th.var_P, "var_P_counting": _finite(th.var_P_counting),
        "constancy": _finite(constancy) if constancy is not None else None,
        "sigma": _finite(sigma), "gap": g, "gap_residual": gap_residual,
        "gap_note": gap_note,
        "mode": mode, "mode_tolerance": tiny, "method": "exact", "solver": th.method,
        "iterations": th.iterations,
        "N": model.N, "residual": th.residual, "solve_seconds": th.solve_seconds,
        "model": {"E1": model.E1, "E2": model.E2, "omega0": model.coupling,
                  "Gamma0": params["Gamma0"], "beta1": _finite(b1), "beta2": b2,
                  "rates": {"down1": model.down1, "up1": model.up1, "down2": model.down2,
                            "up2": model.up2},
                  "units": "natural (hbar = k_B = 1)"},
    }


def _sphere_moment(kappa: float, a: int, b: int) -> float:
    """⟨(1 − z²)^a z^b⟩ for the density ∝ exp(−κ z) on [−1, 1] (a classical spin in a field)."""
    if kappa > 200.0:                              # concentrated at z = −1
        return 0.0 if a else float((-1) ** b)
    z, w = np.polynomial.legendre.leggauss(200)
    w = w * np.exp(-kappa * (z + 1.0))
    return float(np.sum(w * (1 - z**2) ** a * z**b) / np.sum(w))


def _initial_state(monomials, layout_size: int, kappas: tuple[float, float]) -> np.ndarray:
    """The uncoupled (ω₀ = 0) limit of the moments: each cloud a classical thermal spin."""
    y = []
    for mono in monomials:
        value = 1.0
        for (a, b, c), kappa in zip(mono, kappas):
            value *= _sphere_moment(kappa, int(a), int(b)) if a == c else 0.0
        y.append(value)
    return np.asarray(y)


def _macro_variance(reg: Any, state: dict[str, float], values: dict[str, float]) -> float:
    """Var(P_N)/N² at the order-2 fixed point from the registered Appendix-D results."""
    from dickeheat.symbolic.codegen import to_function
    from dickeheat.symbolic.cumulants_numeric import gaussian_noise

    r = reg.get("dasilvasouza2022.eqD4_m1")
    table = state | values
    table |= {"<m1z>": state["<S1z>"], "<m2z>": state["<S2z>"]}  # m^z = S^z/S in the limit
    mats = []
    for step in ("regression", "covariance", "weights"):
        expr = r.step(step)
        syms = tuple(sorted(expr.free_symbols, key=str))
        fn = to_function(syms, expr)
        mats.append(np.asarray(fn(*[table[str(x)] for x in syms]), dtype=float).reshape(4, 4))
    return gaussian_noise(*mats)


def cumulant_record(params: dict[str, Any], order: int) -> dict[str, Any]:
    """The macroscopic limit (28) of the engine at closure ``order``, scaled back to ``N``.

    ``params`` holds the *unscaled* parameters (N, E1, E2, beta1, beta2, coupling = omega0,
    Gamma0), as in the paper's figures: the closed equations are those of m = S/S with
    omega0, Gamma0, beta -> /N; extensive quantities are returned at the given N
    (P = N p, J_i = N j_i, Var P = N^2 v) and intensive ones (efficiency, sigma, constancy,
    Jacobian gap) are N-independent.
    """
    import time

    from dickeheat.derivations import registry
    from dickeheat.symbolic.codegen import to_function
    from dickeheat.symbolic.cumulants import check_order
    from dickeheat.symbolic.cumulants_numeric import stationary_point

    check_order(order)
    reg = registry(("dasilvasouza2022",))
    rhs = reg.get(f"dasilvasouza2022.macro_rhs_order{order}")
    t0 = time.perf_counter()          # the solve (code generation included), not the registry
    E1, E2, b1, b2 = params["E1"], params["E2"], params["beta1"], params["beta2"]
    omega0, Gamma0, N = params["coupling"], params["Gamma0"], params["N"]
    if not (math.isfinite(b1) and b1 * E1 < 1e6):
        raise ParameterError("--beta1 must be finite for --method cumulant (the macroscopic "
                             "limit (28) scales the temperature with N)")
    values = {"omega_0": omega0, "Gamma_0": Gamma0, "E_1": E1, "E_2": E2, "beta_1": b1,
              "beta_2": b2}
    names = [str(a) for a in rhs.args]
    nvar = len(names) - len(values)
    pvals = [values[n] for n in names[nvar:]]
    f_all = rhs.numpy_function
    jac_all = to_function(rhs.args, rhs.step("jacobian"))

    def f(y: np.ndarray) -> np.ndarray:
        return np.asarray(f_all(*y, *pvals), dtype=float).ravel()

    def jac(y: np.ndarray) -> np.ndarray:
        return np.asarray(jac_all(*y, *pvals), dtype=float).reshape(nvar, nvar)

    monos = rhs.step("monomials")
    # one or two real variables per representative monomial, in the layout's order
    y0 = []
    guess = _initial_state(monos, nvar, (b1 * E1 / 2, b2 * E2 / 2))
    k = 0
    for name in names[:nvar]:
        if name.startswith("Im<"):
            y0.append(0.0)
        else:
            y0.append(guess[k])
            k += 1
    rate = Gamma0 * (1.0 + 2.0 / (b1 * E1) + 2.0 / (b2 * E2)) + omega0
    sol = stationary_point(f, jac, y0, t_relax=200.0 / rate, tol=1e-9 * rate)
    J = jac(sol.y)
    ev = np.linalg.eigvals(J)
    lam = ev[int(np.argmax(ev.real))]
    if not lam.real < 0:
        raise NumericalError(f"the fixed point of the order-{order} equations is not stable "
                             f"(Jacobian eigenvalue {lam:.3g})")
    state = dict(zip(names[:nvar], sol.y))

    def observe(key: str) -> float:
        r = reg.get(f"dasilvasouza2022.macro_{key}_order{order}")
        return float(r.numpy_function(*[state.get(str(a), values.get(str(a))) for a in r.args]))

    p, j1, j2 = observe("P"), observe("J1"), observe("J2")
    P, J1, J2 = N * p, N * j1, N * j2
    residual = sol.residual / float(np.max(np.abs(J)))
    tiny = mode_tolerance(N * Gamma0 * (E2 / 4 + 1 / b2), residual)
    mode = classify_mode(P, J1, J2, tiny)
    eta_c = float(reg.get("dasilvasouza2022.eta_carnot").numpy_function(b1, b2))
    eta = P / J2 if mode == "engine" else None
    var_P, var_note, constancy = None, None, None
    if order == 2:
        var_pp = _macro_variance(reg, state, values)
        var_P = N * N * var_pp
        var_note = ("Appendix D: Var(P_N)/N^2 = 2 int <dp(0) dp(t)> dt with the order-2 "
                    "regression (D4)-(D5) and the Gaussian closure (D2)-(D3); Var P = N^2 x "
                    "that")
        if eta is not None and eta < eta_c and var_P > 0:
            constancy = float(reg.get("dasilvasouza2022.constancy").numpy_function(
                P, var_P, b1 / N, eta, eta_c))
    else:
        var_note = (f"not computed at order {order}: Appendix D (the regression (D4)-(D5) "
                    "and the closure (D2)) is derived for the order-2 closure only"
                    + ("; at order 1 every second cumulant vanishes, so the closure has no "
                       "power fluctuations" if order == 1 else ""))
    return {
        "P": P, "J1": J1, "J2": J2,
        "efficiency": eta, "efficiency_carnot": eta_c,
        "var_P": var_P, "var_P_note": var_note,
        "constancy": constancy,
        "constancy_note": None if constancy is not None else
        "Eq. (20) needs Var(P) and the engine regime (eta < eta_C)",
        "sigma": _finite(-b1 * j1 - b2 * j2),
        "gap": float(-lam.real),
        "gap_note": "Jacobian gap -max Re(lambda) of the closed equations at the fixed point "
                    "(Eqs. 41-45), in the time unit of Gamma0; N-independent",
        "mode": mode, "mode_tolerance": tiny, "method": "cumulant", "order": order,
        "scaling": "high-temperature (28): omega0, Gamma0, beta -> /N",
        "N": N, "residual": residual, "solve_seconds": time.perf_counter() - t0,
        "solver": sol.method, "iterations": None,
        "per_pair": {"P": p, "J1": j1, "J2": j2},
        "model": {"E1": E1, "E2": E2, "omega0": omega0, "Gamma0": Gamma0, "beta1": b1,
                  "beta2": b2, "units": "natural (hbar = k_B = 1)"},
    }


def _cmd_engine(args: argparse.Namespace) -> int:
    params = _validated(args)
    with spinner(f"engine: solving N = {args.N} ({args.method})", wanted(args, sys.stderr)):
        if args.method == "cumulant":
            rec = cumulant_record(params, args.order)
        else:
            rec = engine_record(params, gap=not args.no_gap, counting=args.counting)
    if args.json:
        print_json(rec)
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

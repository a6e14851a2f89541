"""Independent numerical checks of Appendix C and Sec. II C.

Closed forms (``result.numpy_function``, arguments by name) are compared with QuTiP (traces of
e^{−βH} in a spin-J sector, exact fixed-J steady states), with exact finite thermal sums in
mpmath where a limit is taken, and with a Richardson extrapolation of fixed-J steady states for
the thermodynamic limit. The bounds are tested on documented grids. Natural units
ħ = k_B = ω0 = 1.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import mpmath
import numpy as np
import qutip

from dickeheat.derivations.andolina2024.checks._common import (
    BATHS,
    TOL,
    evaluate,
    steady,
)
from dickeheat.numeric.accuracy import relative_error
from dickeheat.numeric.model import allowed_J
from dickeheat.numeric.thermal import bose
from dickeheat.symbolic.result import NumericCheck, Result

__all__ = [
    "BOUND_GRID", "coth_check", "jz_high_check", "jz_low_check", "jz_ratio_check",
    "jz_thermal_check", "partition_function_check", "q_high_check", "q_lim_check",
    "q_max_check", "thermal_sum",
]

#: grid of the bound checks: N, (T0/T_h, T0/T_c), γ_h/γ_c (γ_c = ω0/10)
BOUND_N: tuple[int, ...] = tuple(range(1, 9))
BOUND_T0_OVER_T: tuple[tuple[float, float], ...] = ((0.1, 3.0), (1.0, 3.0), (3.0, 10.0))
BOUND_GH_OVER_GC: tuple[float, ...] = (0.5, 2.0)
BOUND_GRID = {"N": BOUND_N, "T0_over_T": BOUND_T0_OVER_T, "gh_over_gc": BOUND_GH_OVER_GC}


def thermal_sum(J, x, dps: int = 40):
    """⟨J_z⟩ = Σ m e^{−xm}/Σ e^{−xm} by direct summation in mpmath (2J + 1 terms)."""
    with mpmath.workdps(dps):
        J = mpmath.mpf(J)
        ms = [-J + k for k in range(int(2 * J) + 1)]
        w = [mpmath.exp(-x * m) for m in ms]
        return sum(m * wi for m, wi in zip(ms, w, strict=True)) / sum(w)


def partition_function_check(result: Result) -> NumericCheck:
    """(C7): Tr e^{−ω0 J_z/T} of qutip.jmat, J <= 8."""
    errs = []
    for twoJ in range(1, 17):
        jz = qutip.jmat(twoJ / 2, "z")
        for T in (0.2, 1.0, 5.0):
            closed = evaluate(result, {"Jbar": twoJ / 2, "omega_0": 1.0, "T": T}, natural=True)
            errs.append(relative_error(closed, (-jz / T).expm().tr().real))
    err = max(errs)
    return NumericCheck(err < TOL, err, TOL, "trace of expm(−J_z/T) from qutip.jmat, J = 1/2..8, "
                        "T = 0.2, 1, 5 ω0")


def jz_thermal_check(result: Result) -> NumericCheck:
    """(C10) at T = T*: ⟨J_z⟩ of QuTiP fixed-J steady states of the two-bath problem."""
    errs = []
    for gh, gc, th, tc in BATHS[:3]:
        for twoJ in range(1, 17):
            ss = steady(twoJ, gh, gc, th, tc, J=twoJ / 2)
            closed = evaluate(result, {"Jbar": twoJ / 2, "omega_0": 1.0, "T": ss.model.T_star},
                              natural=True)
            errs.append(relative_error(closed, ss.jz))
    err = max(errs)
    return NumericCheck(err < TOL, err, TOL,
                        "⟨J_z⟩ of QuTiP fixed-J steady states at T = T*, J = 1/2..8 (N = 2J)")


def jz_low_check(result: Result) -> NumericCheck:
    """(C11): ⟨J_z⟩ → −J: QuTiP fixed-J steady states at T_h = T_c = ω0/40."""
    errs = [relative_error(evaluate(result, {"Jbar": twoJ / 2}),
                           steady(twoJ, 1.0, 1.0, 1 / 40, 1 / 40, J=twoJ / 2).jz)
            for twoJ in range(1, 9)]
    err = max(errs)
    return NumericCheck(err < TOL, err, TOL,
                        "QuTiP fixed-J steady states at T0/T* = 40 (remainder ~ e^{-40}), J <= 4")


def jz_high_check(result: Result) -> NumericCheck:
    """(C12): leading high-temperature term against the exact thermal sum at x = 1e-7."""
    x = mpmath.mpf("1e-7")
    errs = [relative_error(evaluate(result, {"Jbar": twoJ / 2, "omega_0": 1.0,
                                             "T": float(1 / x)}, natural=True),
                           float(thermal_sum(twoJ / 2, x))) for twoJ in range(1, 17)]
    err = max(errs)
    return NumericCheck(err < TOL, err, TOL,
                        "exact finite thermal sum (mpmath, 40 digits) at ħω0/k_BT = 1e-7, "
                        "J = 1/2..8; remainder O(x²)")


def jz_ratio_check(result: Result) -> NumericCheck:
    """(C13): ⟨J_z⟩_J/(J⟨J_z⟩_{1/2}) at J = 10^13 from direct sums in mpmath."""
    big = mpmath.mpf(10) ** 13
    errs = []
    with mpmath.workdps(50):
        for T in (0.2, 1.0, 5.0):
            x = 1 / mpmath.mpf(T)
            K = int(80 / x) + 10  # e^{−xK} < 1e-34: the rest of the 2J + 1 terms is negligible
            w = [mpmath.exp(-x * k) for k in range(K)]
            mean_k = sum(k * wk for k, wk in enumerate(w)) / sum(w)  # ⟨m + J⟩ near m = −J
            ratio = (-big + mean_k) / (big * thermal_sum(0.5, x, dps=50))
            closed = evaluate(result, {"omega_0": 1.0, "T": T}, natural=True)
            errs.append(relative_error(closed, float(ratio)))
    err = max(errs)
    return NumericCheck(err < TOL, err, TOL,
                        "direct thermal sums (mpmath) at J = 1e13, T = 0.2, 1, 5 ω0; remainder "
                        "O(1/J)")


def _grid() -> Iterator[tuple[float, float, float, float]]:
    """(γ_h, γ_c, T_h, T_c) of the bound grid."""
    for (a, b), r in itertools.product(BOUND_T0_OVER_T, BOUND_GH_OVER_GC):
        yield 0.1 * r, 0.1, 1 / a, 1 / b


def _sector_current(J: float, gh: float, gc: float, th: float, tc: float) -> float:
    """Q_h in the fixed-J sector (QuTiP); the sector's dynamics does not depend on N, so the
    model uses N = 2J. The singlet J = 0 carries no current."""
    if J == 0:
        return 0.0
    return steady(round(2 * J), gh, gc, th, tc, J=J).Q_h


def _violation(current: float, bound: float) -> float:
    """(Q_h − bound)/|bound|: positive when the bound is violated (also for a negative bound)."""
    return (current - bound) / abs(bound)


def q_lim_check(result: Result) -> NumericCheck:
    """(27 [published 28]): Q_h <= Q_h^lim = (2γ_hγ_c/(γ_h+γ_c)) ħω0 J̄ (n_h − n_c) in every
    fixed-J sector on a grid (the saturation at low T is the (C11) check)."""
    worst = -np.inf
    for gh, gc, th, tc in _grid():
        for twoJ in range(1, max(BOUND_N) + 1):
            bound = evaluate(result, {"omega_0": 1.0, "gamma_h": gh, "gamma_c": gc,
                                      "n_h": bose(1.0, th), "n_c": bose(1.0, tc),
                                      "Jbar": twoJ / 2}, natural=True)
            worst = max(worst, _violation(_sector_current(twoJ / 2, gh, gc, th, tc), bound))
    err = max(worst, 0.0)
    return NumericCheck(err < TOL, err, TOL,
                        f"inequality on the grid {BOUND_GRID}, J = 1/2..4 (QuTiP fixed-J steady "
                        "states); worst (Q_h − bound)/|bound| reported, 0 if none violates")


def q_high_check(result: Result) -> NumericCheck:
    """(28 [published 30]): Eq. (24) with the exact thermal ⟨J_z⟩ at T0/T* ≈ 1e-7 (mpmath)."""
    errs = []
    with mpmath.workdps(40):
        for gh, gc in ((1.0, 1.0), (0.3, 1.0)):
            th, tc = mpmath.mpf("2e7"), mpmath.mpf("5e6")
            nh, nc = 1 / mpmath.expm1(1 / th), 1 / mpmath.expm1(1 / tc)
            x = mpmath.log((gc * (1 + nc) + gh * (1 + nh)) / (gc * nc + gh * nh))
            for twoJ in (1, 4, 16):
                exact = 2 * gh * gc / (gh + gc) * (-thermal_sum(twoJ / 2, x, dps=40)) * (nh - nc)
                closed = evaluate(result, {"omega_0": 1.0, "gamma_h": gh, "gamma_c": gc,
                                           "n_h": float(nh), "n_c": float(nc),
                                           "Jbar": twoJ / 2, "T^*": float(1 / x)}, natural=True)
                errs.append(relative_error(closed, float(exact)))
    err = max(errs)
    return NumericCheck(err < TOL, err, TOL,
                        "Eq. (24) with the exact thermal sum (mpmath) at T_h = 2e7, T_c = 5e6 ω0 "
                        "(T0/T* ~ 1e-7), J = 1/2, 2, 8")


def coth_check(result: Result) -> NumericCheck:
    """(29): lim_{J→∞} Q_h(J)/(2J Q_h(1 qubit)) by Richardson extrapolation of QuTiP fixed-J
    steady states at J = 7, 8 (the remainder is c/J + O(J e^{−(2J+1)T0/T*}))."""
    errs = []
    for gh, gc, th, tc in ((1.0, 1.0, 0.5, 1 / 3), (0.5, 1.0, 0.4, 0.25), (1.0, 0.3, 0.45, 0.2)):
        single = steady(1, gh, gc, th, tc)
        g = {J: steady(int(2 * J), gh, gc, th, tc, J=J).Q_h / (2 * J * single.Q_h)
             for J in (7, 8)}
        limit = 8 * g[8] - 7 * g[7]
        closed = evaluate(result, {"T_0": 1.0, "T^*": single.model.T_star})
        errs.append(relative_error(closed, limit))
    err = max(errs)
    return NumericCheck(err < TOL, err, TOL,
                        "Richardson extrapolation (J = 7, 8) of QuTiP fixed-J steady states over "
                        "the one-qubit current, T0/T* >= 2")


def q_max_check(result: Result) -> NumericCheck:
    """([published 25]): Q_h <= Q_h^max = (γ_hγ_c/(γ_h+γ_c)) ħω0 N (n_h − n_c) for every
    J <= N/2 on a grid."""
    worst = -np.inf
    for gh, gc, th, tc in _grid():
        for n in BOUND_N:
            bound = evaluate(result, {"N": n, "omega_0": 1.0, "gamma_h": gh, "gamma_c": gc,
                                      "n_h": bose(1.0, th), "n_c": bose(1.0, tc)}, natural=True)
            for J in allowed_J(n):
                worst = max(worst, _violation(_sector_current(J, gh, gc, th, tc), bound))
    err = max(worst, 0.0)
    return NumericCheck(err < TOL, err, TOL,
                        f"inequality on the grid {BOUND_GRID}, every J <= N/2 (QuTiP fixed-J "
                        "steady states); worst (Q_h − bound)/|bound| reported, 0 if none violates")

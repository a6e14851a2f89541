"""Checks of the m-body results (Eqs. 10–12): QuTiP's Bloch–Redfield current in the full 2^L
space, the largest singular value of the full-space A, the registered general Bound 1 at the
numerical norms (passed in by the chain: the one reference for every model bound), and a
log-log fit of the current in the Dicke sector for the scaling exponent.
"""

from __future__ import annotations

import numpy as np

from dickeheat.derivations.kamimura2023.checks._common import (
    TOL,
    collective,
    evaluate,
    full_space_dicke_state,
    full_space_mbody,
    general_bound,
    qutip_current,
)
from dickeheat.numeric.accuracy import relative_error
from dickeheat.symbolic.bath import WhiteNoise
from dickeheat.symbolic.result import NumericCheck, Result

__all__ = [
    "MB",
    "bound1_check",
    "current_check",
    "exponent_check",
    "norm_check",
    "ratio_check",
]

#: parameters of the checks: white noise C(s) = c δ(s), coupling g, qubit frequency ω_q
MB = {"c": 0.7, "g": 1.3, "omega": 0.9}


def _cases(Lmax: int = 4):
    for L in range(1, Lmax + 1):
        for m in range(1, L + 1):
            yield L, m


def _values(L: int, m: int) -> dict[str, float]:
    c, g, w = MB["c"], MB["g"], MB["omega"]
    return {"gamma_wn": c * g**2, "omega_q": w, "g": g, "L": L, "m": m}


def _white_noise(nu: float) -> float:
    return MB["c"]


def current_check(result: Result) -> NumericCheck:
    """``kamimura2023.J_mbody`` against QuTiP from |⇑⟩, 1 <= m <= L <= 4."""
    err = 0.0
    for L, m in _cases():
        A = full_space_mbody(L, m, MB["g"])
        H = MB["omega"] * collective(L)["jz"]
        J = qutip_current(H, [(A, _white_noise)], full_space_dicke_state(L, 0))
        err = max(err, relative_error(float(evaluate(result, _values(L, m))), J))
    return NumericCheck(err < TOL, err, TOL, "QuTiP Bloch–Redfield tensor (no secular "
                        "approximation), full 2^L space, white noise S = c, 1 <= m <= L <= 4")


def norm_check(result: Result) -> NumericCheck:
    """``kamimura2023.norm_A_mbody`` against the largest singular value, L <= 6."""
    err = 0.0
    for L, m in _cases(6):
        A = full_space_mbody(L, m, MB["g"]).full()
        err = max(err, relative_error(float(evaluate(result, _values(L, m))),
                                      float(np.linalg.norm(A, 2))))
    return NumericCheck(err < TOL, err, TOL, "largest singular value of the full-space A, "
                        "1 <= m <= L <= 6")


def bound1_check(general: Result, result: Result) -> NumericCheck:
    """``kamimura2023.bound1_mbody`` against the general Bound 1 (``general``) at the
    numerical norms of the full-space H and A, L <= 5; and |J(0)| <= Bound 1 (QuTiP, L <= 3)."""
    xi = np.array([[WhiteNoise(MB["c"]).xi_value()]])
    err = excess = 0.0
    for L, m in _cases(5):
        H = MB["omega"] * collective(L)["jz"]
        A = full_space_mbody(L, m, MB["g"])
        closed = float(evaluate(result, _values(L, m)))
        err = max(err, relative_error(closed, general_bound(general, H.full(), [A.full()], xi)))
        if L <= 3:
            J = qutip_current(H, [(A, _white_noise)], full_space_dicke_state(L, 0))
            excess = max(excess, abs(J) / closed - 1.0)
    ok = err < TOL and excess <= TOL
    return NumericCheck(ok, max(err, excess), TOL, "registered Bound 1 at the numerical norms "
                        "of the full-space H and A (L <= 5) and Ξ of white noise; QuTiP current "
                        f"from |⇑⟩ <= the bound (L <= 3, largest excess {excess:.1e})")


def ratio_check(general: Result, result: Result) -> NumericCheck:
    """``kamimura2023.mbody_bound1_ratio``: QuTiP current over the general Bound 1
    (``general``) at the numerical norms, L <= 4."""
    xi = np.array([[WhiteNoise(MB["c"]).xi_value()]])
    err = 0.0
    for L, m in _cases():
        A = full_space_mbody(L, m, MB["g"])
        H = MB["omega"] * collective(L)["jz"]
        J = qutip_current(H, [(A, _white_noise)], full_space_dicke_state(L, 0))
        ratio = abs(J) / general_bound(general, H.full(), [A.full()], xi)
        err = max(err, relative_error(float(evaluate(result, _values(L, m))), ratio))
    return NumericCheck(err < TOL, err, TOL, "QuTiP current / registered Bound 1 at the "
                        "numerical norms, L <= 4")


def exponent_check(result: Result) -> NumericCheck:
    """``kamimura2023.mbody_exponent`` against a log-log fit of the Dicke-sector current."""
    from dickeheat.numeric.bounds import scaling_fit
    from dickeheat.numeric.redfield import Coupling, redfield_current
    from dickeheat.numeric.spin_models import dicke_state, model_operators

    Ls = list(range(30, 91, 15))
    err = 0.0
    for dv in (0, 1, 2):
        currents = []
        for L in Ls:
            H, A = model_operators("m-body", L, m=L - dv)
            currents.append(redfield_current(H, Coupling((A,), (WhiteNoise(1.0),)),
                                             dicke_state(L, L / 2)))
        fit = scaling_fit(Ls, currents)
        expected = float(evaluate(result, {"L": Ls[-1], "m": Ls[-1] - dv}))
        err = max(err, relative_error(fit.exponent, expected))
    tol = 0.06
    return NumericCheck(err < tol, err, tol, "log-log least-squares fit of the Redfield "
                        "current in the Dicke sector, L = 30..90, L − m = 0, 1, 2 (finite-size "
                        "drift of the local slope is O(d/L))")

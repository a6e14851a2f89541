"""Checks of the superradiance and superabsorption results (Eqs. 15–18).

Currents: QuTiP's Bloch–Redfield tensor without the secular approximation in the full 2^L
space (Dicke states built by applying J_− to the all-excited state), with bath spectra taken
from :mod:`dickeheat.symbolic.bath`, or the Redfield current of
:mod:`dickeheat.numeric.redfield` in the Dicke sector for large L. Windows, norms and bounds:
numerical diagonalisation, evaluated through the registered general Bound 2 (passed in by the
chain, :func:`~dickeheat.derivations.kamimura2023.checks._common.general_bound`), the one
reference for every model bound and ratio.
"""

from __future__ import annotations

import numpy as np

from dickeheat.derivations.kamimura2023.checks._common import (
    TOL,
    collective,
    evaluate,
    full_space_dicke_state,
    general_bound,
    qutip_current,
    scalar_spectrum,
)
from dickeheat.numeric.accuracy import relative_error
from dickeheat.numeric.bounds import energy_window
from dickeheat.numeric.redfield import Coupling, redfield_current
from dickeheat.numeric.spin_models import dicke_state, model_operators
from dickeheat.symbolic.bath import Lorentzian, WhiteNoise
from dickeheat.symbolic.bath_rlc import RLCBath
from dickeheat.symbolic.result import NumericCheck, Result

__all__ = [
    "SR",
    "bound2_superabsorption_check",
    "bound2_superradiance_check",
    "dE_superradiance_check",
    "dicke_current_check",
    "limit_check",
    "ratio_check",
    "superabsorption_dE_check",
    "superabsorption_gap_check",
    "superradiance_check",
]

#: parameters of the checks (ω_q = 1 sets the unit)
SR = {"omega": 1.0, "g": 0.8, "Omega": 0.37}


def _values(**extra: float) -> dict[str, float]:
    return {"omega_q": SR["omega"], "g": SR["g"], "Omega": SR["Omega"], **extra}


def dicke_current_check(result: Result) -> NumericCheck:
    """``kamimura2023.J_dicke`` against QuTiP in every Dicke state, L <= 4."""
    w, g = SR["omega"], SR["g"]
    S = scalar_spectrum(Lorentzian(strength=0.6, kappa=0.7, center=1.2, T=0.8)
                        .spectrum_function())
    err = 0.0
    for L in range(1, 5):
        ops = collective(L)
        for k in range(L + 1):
            J = qutip_current(w * ops["jz"], [(2 * g * ops["jx"], S)], full_space_dicke_state(L, k))
            ref = float(evaluate(result, _values(**{"S_+": S(w), "S_-": S(-w), "J": L / 2,
                                                    "M": L / 2 - k})))
            err = max(err, relative_error(ref, J) if abs(J) > 1e-12 else abs(ref))
    return NumericCheck(err < TOL, err, TOL, "QuTiP Bloch–Redfield tensor (no secular "
                        "approximation), full space L <= 4, every Dicke state, damped-mode "
                        "bath at T = 0.8")


def superradiance_check(result: Result) -> NumericCheck:
    """``kamimura2023.J_superradiance`` against QuTiP from |M = 1/2⟩ at T = 0, L = 1, 3, 5."""
    w, g, s0 = SR["omega"], SR["g"], 0.45

    def zero_temperature(nu: float) -> float:
        return s0 * (nu > 0)

    err = 0.0
    for L in (1, 3, 5):
        ops = collective(L)
        J = qutip_current(w * ops["jz"], [(2 * g * ops["jx"], zero_temperature)],
                          full_space_dicke_state(L, (L - 1) // 2))
        err = max(err, relative_error(float(evaluate(result, _values(gamma_0=g**2 * s0, L=L))),
                                      J))
    return NumericCheck(err < TOL, err, TOL, "QuTiP Bloch–Redfield tensor, zero-temperature "
                        "spectrum S(ν) = s0 Θ(ν), full space, L = 1, 3, 5, state |M = 1/2⟩")


def dE_superradiance_check(result: Result) -> NumericCheck:
    """``kamimura2023.dE_superradiance`` against the numerical energy window."""
    err = 0.0
    for L in range(1, 13):
        for space in ("sector", "full") if L <= 4 else ("sector",):
            H, A = model_operators("superradiance", L, omega=SR["omega"], g=SR["g"], space=space)
            err = max(err, relative_error(float(evaluate(result, _values())),
                                          energy_window(H, A)))
    return NumericCheck(err < TOL, err, TOL, "largest gap connected by A in the numerical "
                        "eigenbasis, L <= 12 (sector) and L <= 4 (full space)")


def bound2_superradiance_check(general: Result, result: Result) -> NumericCheck:
    """``kamimura2023.bound2_superradiance`` against the general Bound 2 (``general``) at the
    numerical norms and windows, L <= 15."""
    bath = Lorentzian(strength=0.6, kappa=0.7, center=1.0, T=0.0)
    xi = bath.xi_value()
    err = 0.0
    for L in range(1, 16):
        H, A = model_operators("superradiance", L, omega=SR["omega"], g=SR["g"])
        err = max(err, relative_error(float(evaluate(result, _values(Xi=xi, L=L))),
                                      general_bound(general, H, [A], np.array([[xi]]))))
    return NumericCheck(err < TOL, err, TOL, "registered Bound 2 at the numerical norms and "
                        "windows in the Dicke sector, L <= 15, damped-mode bath at T = 0")


def _rlc_zero_T() -> RLCBath:
    return RLCBath(R=0.3, omega_LC=SR["omega"], Q=8.0, T=0.0)


def ratio_check(general: Result, result: Result) -> NumericCheck:
    """``kamimura2023.superradiance_bound2_ratio``: QuTiP current over the general Bound 2
    (``general``) at the numerical norms."""
    bath = _rlc_zero_T()
    S = scalar_spectrum(bath.spectrum_function())
    xi = bath.xi_value()
    w, g = SR["omega"], SR["g"]
    eta = S(w) / (2 * xi)
    err = 0.0
    for L in (1, 3, 5):
        ops = collective(L)
        H, A = w * ops["jz"], 2 * g * ops["jx"]
        J = qutip_current(H, [(A, S)], full_space_dicke_state(L, (L - 1) // 2))
        b2 = general_bound(general, H.full(), [A.full()], np.array([[xi]]))
        err = max(err, relative_error(float(evaluate(result, {"eta": eta, "L": L})), abs(J) / b2))
    tol = 1e-7  # Ξ by quadrature
    return NumericCheck(err < tol, err, tol, "QuTiP current / registered Bound 2 (numerical "
                        "norms), RLC bath at T = 0 (S(ν < 0) = 0 exactly), L = 1, 3, 5")


def limit_check(general: Result, result: Result) -> NumericCheck:
    """``kamimura2023.superradiance_ratio_limit``: |J|/Bound 2 at L = 21, 41, 81 extrapolated."""
    bath = _rlc_zero_T()
    xi = bath.xi_value()
    eta = scalar_spectrum(bath.spectrum_function())(SR["omega"]) / (2 * xi)
    Ls = np.array([21, 41, 81])
    ratios = []
    for L in Ls:
        H, A = model_operators("superradiance", int(L), omega=SR["omega"], g=SR["g"])
        J = redfield_current(H, Coupling((A,), (bath,)), dicke_state(int(L), 0.5))
        ratios.append(abs(J) / general_bound(general, H, [A], np.array([[xi]])))
    # Richardson: ratio = a + b/L + c/L^2
    X = np.vstack([np.ones(3), 1.0 / Ls, 1.0 / Ls**2]).T
    a = np.linalg.solve(X, np.array(ratios))[0]
    err = relative_error(float(evaluate(result, {"eta": eta})), float(a))
    tol = 1e-6
    return NumericCheck(err < tol, err, tol, "Redfield current in the Dicke sector (own "
                        "solver, RLC bath at T = 0) / registered Bound 2 at L = 21, 41, 81, "
                        "extrapolated in 1/L (quadratic in 1/L)")


def _sa_operators(L: int, space: str = "sector") -> tuple[np.ndarray, np.ndarray]:
    return model_operators("superabsorption", L, omega=SR["omega"], g=SR["g"],
                           Omega=SR["Omega"], space=space)


def superabsorption_gap_check(result: Result) -> NumericCheck:
    """``kamimura2023.superabsorption_gap``: E(−L/2+1) − E(−L/2) of the numerical H_SA."""
    err = 0.0
    for L in range(2, 13):
        H, _ = _sa_operators(L)
        E = np.real(np.diag(H))  # basis M = L/2, ..., −L/2
        err = max(err, relative_error(float(evaluate(result, _values(L=L))), E[-2] - E[-1]))
    return NumericCheck(err < TOL, err, TOL, "diagonal of ω_q J_z + ΩJ_z² (QuTiP jmat), "
                        "E(−L/2+1) − E(−L/2), L = 2..12")


def superabsorption_dE_check(result: Result) -> NumericCheck:
    """``kamimura2023.superabsorption_dE`` against the numerical energy window of H_SA."""
    err = 0.0
    for L in range(1, 13):
        H, A = _sa_operators(L)
        err = max(err, relative_error(float(evaluate(result, _values(L=L))),
                                      energy_window(H, A)))
    return NumericCheck(err < TOL, err, TOL, "largest gap connected by 2gJ_x, numerical "
                        "eigenbasis of H_SA, L <= 12")


def bound2_superabsorption_check(general: Result, result: Result) -> NumericCheck:
    """``kamimura2023.bound2_superabsorption`` against the general Bound 2 (``general``) at
    the numerical norms and windows."""
    xi = WhiteNoise(0.9).xi_value()
    err = 0.0
    for L in range(1, 13):
        H, A = _sa_operators(L)
        err = max(err, relative_error(float(evaluate(result, _values(Xi=xi, L=L))),
                                      general_bound(general, H, [A], np.array([[xi]]))))
    return NumericCheck(err < TOL, err, TOL, "registered Bound 2 at the numerical norms and "
                        "windows of H_SA and 2gJ_x, L <= 12")

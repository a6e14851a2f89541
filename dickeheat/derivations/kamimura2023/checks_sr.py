"""Independent numerical checks of the superradiance and superabsorption results (Eqs. 15–18).

Currents: QuTiP's Bloch–Redfield tensor without the secular approximation in the full 2^L
space (Dicke states built by applying J_− to the all-excited state), with bath spectra taken
from :mod:`dickeheat.symbolic.bath`. Windows, norms and bounds: numerical diagonalisation.
"""

from __future__ import annotations

import numpy as np

from dickeheat.derivations.kamimura2023.checks import (
    TOL, _collective, _result, full_space_dicke_state, qutip_current, relative_error,
)
from dickeheat.symbolic.result import NumericCheck

__all__ = [
    "dicke_current_check", "superradiance_check", "dE_superradiance_check",
    "bound2_superradiance_check", "superradiance_ratio_check", "superradiance_limit_check",
    "superabsorption_gap_check", "superabsorption_dE_check", "bound2_superabsorption_check",
    "SR",
]

#: parameters of the checks (ω_q = 1 sets the unit)
SR = dict(omega=1.0, g=0.8, Omega=0.37)


def _spectrum(bath):
    S = bath.spectrum_function()
    return lambda nu: float(S(np.array([nu]))[0])


def dicke_current_check() -> NumericCheck:
    from dickeheat.symbolic.bath import Lorentzian

    f = _result("kamimura2023.J_dicke").numpy_function
    w, g = SR["omega"], SR["g"]
    bath = Lorentzian(strength=0.6, kappa=0.7, center=1.2, T=0.8)
    S = _spectrum(bath)
    err = 0.0
    for L in range(1, 5):
        ops = _collective(L)
        for k in range(L + 1):
            J = qutip_current(w * ops["jz"], [(2 * g * ops["jx"], S)], full_space_dicke_state(L, k))
            ref = float(f(g, w, S(w), S(-w), L / 2, L / 2 - k))
            err = max(err, relative_error(ref, J) if abs(J) > 1e-12 else abs(ref))
    return NumericCheck(err < TOL, err, TOL, "QuTiP Bloch–Redfield tensor (no secular "
                        "approximation), full space L <= 4, every Dicke state, damped-mode "
                        "bath at T = 0.8")


def superradiance_check() -> NumericCheck:
    f = _result("kamimura2023.J_superradiance").numpy_function
    w, g, s0 = SR["omega"], SR["g"], 0.45
    err = 0.0
    for L in (1, 3, 5):
        ops = _collective(L)
        J = qutip_current(w * ops["jz"], [(2 * g * ops["jx"], lambda nu: s0 * (nu > 0))],
                          full_space_dicke_state(L, (L - 1) // 2))
        err = max(err, relative_error(float(f(g**2 * s0, w, L)), J))
    return NumericCheck(err < TOL, err, TOL, "QuTiP Bloch–Redfield tensor, zero-temperature "
                        "spectrum S(ν) = s0 Θ(ν), full space, L = 1, 3, 5, state |M = 1/2⟩")


def dE_superradiance_check() -> NumericCheck:
    from dickeheat.numeric.bounds import energy_window
    from dickeheat.numeric.spin_models import model_operators

    f = _result("kamimura2023.dE_superradiance").numpy_function
    err = 0.0
    for L in range(1, 13):
        for space in ("sector", "full") if L <= 4 else ("sector",):
            H, A = model_operators("superradiance", L, omega=SR["omega"], g=SR["g"], space=space)
            err = max(err, relative_error(float(f(SR["omega"])), energy_window(H, A)))
    return NumericCheck(err < TOL, err, TOL, "largest gap connected by A in the numerical "
                        "eigenbasis, L <= 12 (sector) and L <= 4 (full space)")


def bound2_superradiance_check() -> NumericCheck:
    from dickeheat.numeric.bounds import bound_report
    from dickeheat.numeric.redfield import Coupling
    from dickeheat.numeric.spin_models import dicke_state, model_operators
    from dickeheat.symbolic.bath import Lorentzian

    f = _result("kamimura2023.bound2_superradiance").numpy_function
    bath = Lorentzian(strength=0.6, kappa=0.7, center=1.0, T=0.0)
    err = 0.0
    for L in range(1, 16):
        H, A = model_operators("superradiance", L, omega=SR["omega"], g=SR["g"])
        r = bound_report(H, Coupling((A,), (bath,)), dicke_state(L, L / 2))
        err = max(err, relative_error(float(f(bath.xi_value(), SR["omega"], SR["g"], L)),
                                      r.bound2))
    return NumericCheck(err < TOL, err, TOL, "numerical norms and windows in the Dicke "
                        "sector, L <= 15, damped-mode bath at T = 0")


def _rlc_zero_T():
    from dickeheat.symbolic.bath_rlc import RLCBath

    return RLCBath(R=0.3, omega_LC=SR["omega"], Q=8.0, T=0.0)


def superradiance_ratio_check() -> NumericCheck:
    bath = _rlc_zero_T()
    S = _spectrum(bath)
    xi = bath.xi_value()
    w, g = SR["omega"], SR["g"]
    eta = S(w) / (2 * xi)
    f = _result("kamimura2023.superradiance_bound2_ratio").numpy_function
    err = 0.0
    for L in (1, 3, 5):
        ops = _collective(L)
        H, A = w * ops["jz"], 2 * g * ops["jx"]
        J = qutip_current(H, [(A, S)], full_space_dicke_state(L, (L - 1) // 2))
        b2 = 2 * xi * w * np.linalg.norm(A.full(), 2) ** 2
        err = max(err, relative_error(float(f(eta, L)), abs(J) / b2))
    tol = 1e-7  # Ξ by quadrature
    return NumericCheck(err < tol, err, tol, "QuTiP current / numerical Bound 2 with an RLC "
                        "bath at T = 0 (S(ν < 0) = 0 exactly), L = 1, 3, 5")


def superradiance_limit_check() -> NumericCheck:
    from dickeheat.numeric.bounds import bound_report
    from dickeheat.numeric.redfield import Coupling
    from dickeheat.numeric.spin_models import dicke_state, model_operators

    bath = _rlc_zero_T()
    S = _spectrum(bath)
    eta = S(SR["omega"]) / (2 * bath.xi_value())
    Ls = np.array([21, 41, 81])
    ratios = []
    for L in Ls:
        H, A = model_operators("superradiance", int(L), omega=SR["omega"], g=SR["g"])
        ratios.append(bound_report(H, Coupling((A,), (bath,)), dicke_state(int(L), 0.5)).ratio2)
    # Richardson: ratio = a + b/L + c/L^2
    X = np.vstack([np.ones(3), 1.0 / Ls, 1.0 / Ls**2]).T
    a = np.linalg.solve(X, np.array(ratios))[0]
    f = _result("kamimura2023.superradiance_ratio_limit").numpy_function
    err = relative_error(float(f(eta)), float(a))
    tol = 1e-6
    return NumericCheck(err < tol, err, tol, "Redfield current in the Dicke sector (own "
                        "solver, RLC bath at T = 0) / numerical Bound 2 at L = 21, 41, 81, "
                        "extrapolated in 1/L (quadratic in 1/L)")


def _sa_operators(L: int, space: str = "sector"):
    from dickeheat.numeric.spin_models import model_operators

    return model_operators("superabsorption", L, omega=SR["omega"], g=SR["g"],
                           Omega=SR["Omega"], space=space)


def superabsorption_gap_check() -> NumericCheck:
    f = _result("kamimura2023.superabsorption_gap").numpy_function
    err = 0.0
    for L in range(2, 13):
        H, _ = _sa_operators(L)
        E = np.real(np.diag(H))  # basis M = L/2, ..., −L/2
        err = max(err, relative_error(float(f(SR["omega"], SR["Omega"], L)), E[-2] - E[-1]))
    return NumericCheck(err < TOL, err, TOL, "diagonal of ω_q J_z + ΩJ_z² (QuTiP jmat), "
                        "E(−L/2+1) − E(−L/2), L = 2..12")


def superabsorption_dE_check() -> NumericCheck:
    from dickeheat.numeric.bounds import energy_window

    f = _result("kamimura2023.superabsorption_dE").numpy_function
    err = 0.0
    for L in range(1, 13):
        H, A = _sa_operators(L)
        err = max(err, relative_error(float(f(SR["omega"], SR["Omega"], L)), energy_window(H, A)))
    return NumericCheck(err < TOL, err, TOL, "largest gap connected by 2gJ_x, numerical "
                        "eigenbasis of H_SA, L <= 12")


def bound2_superabsorption_check() -> NumericCheck:
    from dickeheat.numeric.bounds import bound_report
    from dickeheat.numeric.redfield import Coupling
    from dickeheat.numeric.spin_models import dicke_state
    from dickeheat.symbolic.bath import WhiteNoise

    f = _result("kamimura2023.bound2_superabsorption").numpy_function
    bath = WhiteNoise(0.9)
    err = 0.0
    for L in range(1, 13):
        H, A = _sa_operators(L)
        r = bound_report(H, Coupling((A,), (bath,)), dicke_state(L, -L / 2))
        err = max(err, relative_error(
            float(f(bath.xi_value(), SR["omega"], SR["Omega"], SR["g"], L)), r.bound2))
    return NumericCheck(err < TOL, err, TOL, "numerical Bound 2 (norms, windows), L <= 12")

"""Independent numerical checks of Appendix B: complex impedances with NumPy, the resonance
width by root finding, correlation integrals by quadrature, and the damping of the transmon
mode of the full linear circuit."""

from __future__ import annotations

import math

import numpy as np
import scipy.constants as const
import scipy.integrate
import scipy.optimize

from dickeheat.derivations.andolina2024.checks import relative_error
from dickeheat.numeric.circuit import coupled_circuit_modes
from dickeheat.symbolic.codegen import to_function
from dickeheat.symbolic.result import NumericCheck

__all__ = [
    "z_lc_check", "re_z_check", "quality_check", "linewidth_check", "re_z_lorentzian_check",
    "structure_factor_check", "gamma_check", "gamma_circuit_check", "circuit_case",
    "normal_mode_rates",
]

W_LC, C_V, R_V = 2 * math.pi * 4e9, 1e-12, 800.0  # a 4 GHz resonator, 1 pF, Q = 20


def _chain():
    from dickeheat.derivations.andolina2024.bath import chain

    return chain()


def _sym(name):
    from dickeheat.derivations.andolina2024 import symbols

    return getattr(symbols, name)


def _numeric_z(w, w_lc, R, C):
    L = 1 / (w_lc**2 * C)
    y = 1 / R + 1 / (-1j * w * L) + 1 / (1j / (w * C))
    return 1 / y


def z_lc_check() -> NumericCheck:
    f = to_function((_sym("omega"), _sym("omega_LC"), _sym("C")), _chain()["Z_LC"])
    w = W_LC * np.linspace(0.5, 1.5, 11)
    w = w[np.abs(w - W_LC) > 1e-6 * W_LC]
    L = 1 / (W_LC**2 * C_V)
    num = 1 / (1 / (-1j * w * L) + 1 / (1j / (w * C_V)))
    err = relative_error(f(w, W_LC, C_V), num)
    return NumericCheck(err < 1e-12, err, 1e-12, "complex admittances summed with NumPy")


def re_z_check() -> NumericCheck:
    f = to_function((_sym("omega"), _sym("omega_LC"), _sym("R"), _sym("C")), _chain()["re_Z"])
    w = W_LC * np.linspace(0.5, 1.5, 21)
    err = relative_error(f(w, W_LC, R_V, C_V), _numeric_z(w, W_LC, R_V, C_V).real)
    return NumericCheck(err < 1e-12, err, 1e-12, "real part of the NumPy complex impedance")


def _fwhm(R, C):
    re = lambda w: _numeric_z(w, W_LC, R, C).real - R / 2  # noqa: E731
    lo = scipy.optimize.brentq(re, 0.2 * W_LC, W_LC, xtol=1e-3)
    hi = scipy.optimize.brentq(re, W_LC, 5 * W_LC, xtol=1e-3)
    return hi - lo


def quality_check() -> NumericCheck:
    f = to_function((_sym("R"), _sym("C"), _sym("omega_LC")), _chain()["quality"])
    errs = [relative_error(f(R, C_V, W_LC), W_LC / _fwhm(R, C_V)) for R in (200.0, 800.0, 4000.0)]
    return NumericCheck(max(errs) < 1e-9, max(errs), 1e-9,
                        "ω_LC / full width at half maximum of Re Z (root finding)")


def linewidth_check() -> NumericCheck:
    f = to_function((_sym("R"), _sym("C")), _chain()["linewidth"])
    errs = [relative_error(f(R, C_V), _fwhm(R, C_V)) for R in (200.0, 800.0, 4000.0)]
    return NumericCheck(max(errs) < 1e-9, max(errs), 1e-9,
                        "full width at half maximum of Re Z (root finding)")


def re_z_lorentzian_check() -> NumericCheck:
    f = to_function((_sym("omega"), _sym("omega_LC"), _sym("R"), _sym("Qf")),
                    _chain()["re_Z_lorentzian"])
    w = W_LC * np.linspace(0.5, 1.5, 21)
    q = R_V * C_V * W_LC
    err = relative_error(f(w, W_LC, R_V, q), _numeric_z(w, W_LC, R_V, C_V).real)
    return NumericCheck(err < 1e-12, err, 1e-12, "NumPy complex impedance at Q = R C ω_LC")


def structure_factor_check() -> NumericCheck:
    """Re ∫_0^∞ e^{iωτ}C(τ)dτ / ∫_ℝ e^{iωτ}C(τ)dτ by quadrature for a damped kernel."""
    ratio = _chain()["one_sided_over_full"]
    kappa, Omega = 0.3, 1.0
    errs = []
    for w in (0.5, 1.0, 1.7):
        # Re[e^{iωτ} C(τ)] on each half-line, with C(−τ) = C(τ)* for τ < 0
        integrand = lambda t: math.exp(-kappa * abs(t) / 2) * math.cos((w - Omega) * t)  # noqa: E731
        re_one = scipy.integrate.quad(integrand, 0, np.inf, limit=400)[0]
        re_neg = scipy.integrate.quad(integrand, -np.inf, 0, limit=400)[0]
        errs.append(relative_error(float(ratio), re_one / (re_one + re_neg)))
    return NumericCheck(max(errs) < 1e-6, max(errs), 1e-6,
                        "quadrature of one-sided and two-sided transforms of e^{−κ|τ|/2−iΩτ}")


def circuit_case(eps: float, detuning: float, R: float = R_V):
    """A transmon (C_T = 80 fF, L_J = 20 nH) coupled by C_c = eps·C_T to one RLC resonator of
    C = 1 pF and Q = R C ω_LC, with ω_LC = detuning × the transmon's plasma frequency."""
    C_T, L_J = 80e-15, 20e-9
    w_t = 1 / math.sqrt(L_J * C_T)
    w_lc = detuning * w_t
    return dict(C_T=C_T, L_J=L_J, C_c=eps * C_T, C=C_V, L=1 / (w_lc**2 * C_V), R=R, w_lc=w_lc)


def normal_mode_rates(case) -> tuple[float, float]:
    """(energy damping rate, angular frequency) of the transmon mode of the linear circuit."""
    m = coupled_circuit_modes(case["C_T"], case["L_J"], (case["C_c"],), (case["R"],), case["L"],
                              case["C"])
    return m.transmon_damping, m.transmon_frequency


def gamma_circuit_check() -> NumericCheck:
    """γ in circuit parameters against the damping of the coupled circuit's transmon mode."""
    f = to_function((_sym("omega0"), _sym("omega_LC"), _sym("R"), _sym("Qf"), _sym("C_c"),
                     _sym("C_T"), _sym("Z_T")), _gamma_circuit_expr())
    eps = 1e-4
    errs = []
    for det in (0.8, 1.0, 1.25):
        k = circuit_case(eps, det)
        w0 = 1 / math.sqrt(k["L_J"] * k["C_T"])
        q = k["R"] * k["C"] * k["w_lc"]
        closed = f(w0, k["w_lc"], k["R"], q, k["C_c"], k["C_T"], math.sqrt(k["L_J"] / k["C_T"]))
        errs.append(relative_error(closed, normal_mode_rates(k)[0]))
    tol = 1e-3
    return NumericCheck(max(errs) < tol, max(errs), tol,
                        "energy damping −2 Re λ of the transmon mode of the linear circuit "
                        f"(C_c/C_T = {eps:g}, ω_LC/ω_T = 0.8, 1, 1.25); the first-order closed "
                        "form has an O(C_c/C_T) remainder enhanced by the slope of Re Z")


def _gamma_circuit_expr():
    from dickeheat.derivations.andolina2024.bath import _gamma_circuit

    return _gamma_circuit()


def gamma_check() -> NumericCheck:
    """γ(G) with G from the exact Legendre transform, against the normal-mode damping."""
    from dickeheat.derivations.andolina2024.circuit import chain as circuit_chain

    gamma_f = to_function((_sym("omega0"), _sym("omega_LC"), _sym("R"), _sym("Qf"), _sym("hbar"),
                           _sym("G")), _chain()["gamma"])
    g_f = to_function((_sym("C_ch"), _sym("C_cc"), _sym("C_T"), _sym("L_J"), _sym("hbar")),
                      circuit_chain()["G_exact_h"])
    eps = 1e-2
    errs = []
    for det in (0.8, 1.0, 1.25):
        k = circuit_case(eps, det)
        c_sigma = k["C_T"] + k["C_c"]
        w_p = 1 / math.sqrt(k["L_J"] * c_sigma)
        g = g_f(k["C_c"], 0.0, k["C_T"], k["L_J"], const.hbar)
        closed = gamma_f(w_p, k["w_lc"], k["R"], k["R"] * k["C"] * k["w_lc"], const.hbar, g)
        errs.append(relative_error(closed, normal_mode_rates(k)[0]))
    tol = 1e-2
    return NumericCheck(max(errs) < tol, max(errs), tol,
                        "energy damping of the transmon mode of the linear circuit at "
                        f"C_c/C_T = {eps:g} (ω_LC/ω_T = 0.8, 1, 1.25), with G from the exact "
                        "Legendre transform and ω0 = 1/sqrt(L_J C_Σ)")

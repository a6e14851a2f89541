"""Independent numerical checks of Appendix B: complex impedances with NumPy, the resonance
width by root finding, correlation integrals by quadrature, and the damping of the transmon
mode of the full linear circuit."""

from __future__ import annotations

import math

import numpy as np
import scipy.constants as const
import scipy.integrate
import scipy.optimize

from dickeheat.derivations.andolina2024.checks._common import evaluate
from dickeheat.numeric.accuracy import relative_error
from dickeheat.numeric.circuit import coupled_circuit_modes
from dickeheat.symbolic.result import NumericCheck, Result

__all__ = [
    "circuit_case", "gamma_check", "gamma_circuit_check", "linewidth_check",
    "normal_mode_rates", "quality_check", "re_z_check", "re_z_lorentzian_check",
    "structure_factor_check", "z_lc_check",
]

W_LC, C_V, R_V = 2 * math.pi * 4e9, 1e-12, 800.0  # a 4 GHz resonator, 1 pF, Q = 20
#: the quality factor's symbol name
QF = "\\mathcal{Q}"


def _numeric_z(w, w_lc, R, C):
    L = 1 / (w_lc**2 * C)
    y = 1 / R + 1 / (-1j * w * L) + 1 / (1j / (w * C))
    return 1 / y


def z_lc_check(result: Result) -> NumericCheck:
    """(B12) against L ∥ C from complex admittances in NumPy."""
    w = W_LC * np.linspace(0.5, 1.5, 11)
    w = w[np.abs(w - W_LC) > 1e-6 * W_LC]
    L = 1 / (W_LC**2 * C_V)
    num = 1 / (1 / (-1j * w * L) + 1 / (1j / (w * C_V)))
    err = relative_error(evaluate(result, {"omega": w, "omega_LC": W_LC, "C": C_V}), num)
    return NumericCheck(err < 1e-12, err, 1e-12, "complex admittances summed with NumPy")


def re_z_check(result: Result) -> NumericCheck:
    """(B13) against the real part of R ∥ L ∥ C from complex arithmetic."""
    w = W_LC * np.linspace(0.5, 1.5, 21)
    closed = evaluate(result, {"omega": w, "omega_LC": W_LC, "R": R_V, "C": C_V})
    err = relative_error(closed, _numeric_z(w, W_LC, R_V, C_V).real)
    return NumericCheck(err < 1e-12, err, 1e-12, "real part of the NumPy complex impedance")


def _fwhm(R, C):
    def re(w: float) -> float:
        return _numeric_z(w, W_LC, R, C).real - R / 2

    lo = scipy.optimize.brentq(re, 0.2 * W_LC, W_LC, xtol=1e-3)
    hi = scipy.optimize.brentq(re, W_LC, 5 * W_LC, xtol=1e-3)
    return hi - lo


def quality_check(result: Result) -> NumericCheck:
    """(B14) Q against ω_LC over the full width at half maximum of Re Z."""
    errs = [relative_error(evaluate(result, {"R": R, "C": C_V, "omega_LC": W_LC}),
                           W_LC / _fwhm(R, C_V)) for R in (200.0, 800.0, 4000.0)]
    return NumericCheck(max(errs) < 1e-9, max(errs), 1e-9,
                        "ω_LC / full width at half maximum of Re Z (root finding)")


def linewidth_check(result: Result) -> NumericCheck:
    """(B14) κ against the full width at half maximum of Re Z."""
    errs = [relative_error(evaluate(result, {"R": R, "C": C_V}), _fwhm(R, C_V))
            for R in (200.0, 800.0, 4000.0)]
    return NumericCheck(max(errs) < 1e-9, max(errs), 1e-9,
                        "full width at half maximum of Re Z (root finding)")


def re_z_lorentzian_check(result: Result) -> NumericCheck:
    """(B14) Lorentzian form against the NumPy complex impedance at Q = R C ω_LC."""
    w = W_LC * np.linspace(0.5, 1.5, 21)
    q = R_V * C_V * W_LC
    closed = evaluate(result, {"omega": w, "omega_LC": W_LC, "R": R_V, QF: q})
    err = relative_error(closed, _numeric_z(w, W_LC, R_V, C_V).real)
    return NumericCheck(err < 1e-12, err, 1e-12, "NumPy complex impedance at Q = R C ω_LC")


def _lindblad_mode_spectrum(omegas: np.ndarray, quality: float, n_occ: float,
                            dim: int = 20) -> np.ndarray:
    """∫ e^{iωτ}⟨V(τ)V(0)⟩dτ of a damped LC mode (ħ = ω_LC = C = 1, V = Q/C =
    sqrt(ω_LC/2C)(a + a†)) by the quantum regression theorem (``qutip.spectrum``, which
    transforms with e^{−iωτ}: evaluated at −ω), damping κ = ω_LC/Q at occupation n."""
    import qutip

    kappa = 1.0 / quality
    a = qutip.destroy(dim)
    c_ops = [math.sqrt(kappa * (n_occ + 1)) * a, math.sqrt(kappa * n_occ) * a.dag()]
    v = math.sqrt(0.5) * (a + a.dag())
    return np.real(qutip.spectrum(a.dag() * a, -np.asarray(omegas), c_ops, v, v, solver="pi"))


def structure_factor_check(result: Result) -> NumericCheck:
    """(B15): Re S_one-sided = (Re ∫_0^∞ / ∫_ℝ of e^{iωτ}C(τ), by quadrature for a damped
    kernel) × the full transform of the voltage correlation of a Lindblad-damped LC mode
    (QuTiP, quantum regression theorem), not the fluctuation–dissipation formula. The damped
    mode's spectrum equals 2ħω Re Z (n + 1) up to O(1/Q) near resonance: Q = 200, ω within
    ±κ of ω_LC, tolerance 1e-2."""
    kappa_k, Omega = 0.3, 1.0
    quality, T = 200.0, 1 / math.log(1 + 1 / 0.37)  # n(ω_LC) = 0.37
    omegas = 1.0 + np.array([-1.0, -0.5, 0.0, 0.5, 1.0]) / quality
    numeric = _lindblad_mode_spectrum(omegas, quality, 1 / math.expm1(1 / T))
    errs = []
    for w, s_num in zip(omegas, numeric, strict=True):
        def integrand(t: float, w: float = w) -> float:
            return math.exp(-kappa_k * abs(t) / 2) * math.cos((w - Omega) * t)

        re_one = scipy.integrate.quad(integrand, 0, np.inf, limit=400)[0]
        re_neg = scipy.integrate.quad(integrand, -np.inf, 0, limit=400)[0]
        closed = evaluate(result, {"omega": w, "omega_LC": 1.0, "R": quality, QF: quality,
                                   "hbar": 1.0, "n": 1 / math.expm1(w / T)})
        errs.append(relative_error(closed, re_one / (re_one + re_neg) * s_num))
    tol = 1e-2
    return NumericCheck(max(errs) < tol, max(errs), tol,
                        "quadrature of one-sided/two-sided transforms of e^{−κ|τ|/2−iΩτ} times "
                        "the voltage spectrum of a Lindblad-damped LC mode (qutip.spectrum, "
                        "Q = 200, |ω − ω_LC| <= κ); remainder O(1/Q)")


def circuit_case(eps: float, detuning: float, R: float = R_V) -> dict[str, float]:
    """A transmon (C_T = 80 fF, L_J = 20 nH) coupled by C_c = eps·C_T to one RLC resonator of
    C = 1 pF and Q = R C ω_LC, with ω_LC = detuning × the transmon's plasma frequency."""
    C_T, L_J = 80e-15, 20e-9
    w_t = 1 / math.sqrt(L_J * C_T)
    w_lc = detuning * w_t
    return {"C_T": C_T, "L_J": L_J, "C_c": eps * C_T, "C": C_V, "L": 1 / (w_lc**2 * C_V),
            "R": R, "w_lc": w_lc}


def normal_mode_rates(case: dict[str, float]) -> tuple[float, float]:
    """(energy damping rate, angular frequency) of the transmon mode of the linear circuit."""
    m = coupled_circuit_modes(case["C_T"], case["L_J"], (case["C_c"],), (case["R"],), case["L"],
                              case["C"])
    return m.transmon_damping, m.transmon_frequency


def gamma_circuit_check(result: Result) -> NumericCheck:
    """γ in circuit parameters against the damping of the coupled circuit's transmon mode."""
    eps = 1e-4
    errs = []
    for det in (0.8, 1.0, 1.25):
        k = circuit_case(eps, det)
        closed = evaluate(result, {
            "omega_0": 1 / math.sqrt(k["L_J"] * k["C_T"]), "omega_LC": k["w_lc"], "R": k["R"],
            QF: k["R"] * k["C"] * k["w_lc"], "C_c": k["C_c"], "C_T": k["C_T"],
            "Z_T": math.sqrt(k["L_J"] / k["C_T"])})
        errs.append(relative_error(closed, normal_mode_rates(k)[0]))
    tol = 1e-3
    return NumericCheck(max(errs) < tol, max(errs), tol,
                        "energy damping −2 Re λ of the transmon mode of the linear circuit "
                        f"(C_c/C_T = {eps:g}, ω_LC/ω_T = 0.8, 1, 1.25); the first-order closed "
                        "form has an O(C_c/C_T) remainder enhanced by the slope of Re Z")


def gamma_check(result: Result) -> NumericCheck:
    """γ(G) with G from the exact Legendre transform (the registered ``andolina2024.G_exact``),
    against the normal-mode damping."""
    from dickeheat.derivations import registry

    g_exact = registry(("andolina2024",)).get("andolina2024.G_exact")
    eps = 1e-2
    errs = []
    for det in (0.8, 1.0, 1.25):
        k = circuit_case(eps, det)
        c_sigma = k["C_T"] + k["C_c"]
        g = evaluate(g_exact, {"C_c^{(h)}": k["C_c"], "C_c^{(c)}": 0.0, "C_T": k["C_T"],
                               "L_J": k["L_J"], "hbar": const.hbar})
        closed = evaluate(result, {
            "omega_0": 1 / math.sqrt(k["L_J"] * c_sigma), "omega_LC": k["w_lc"], "R": k["R"],
            QF: k["R"] * k["C"] * k["w_lc"], "hbar": const.hbar, "G": g})
        errs.append(relative_error(closed, normal_mode_rates(k)[0]))
    tol = 1e-2
    return NumericCheck(max(errs) < tol, max(errs), tol,
                        "energy damping of the transmon mode of the linear circuit at "
                        f"C_c/C_T = {eps:g} (ω_LC/ω_T = 0.8, 1, 1.25), with G from the exact "
                        "Legendre transform and ω0 = 1/sqrt(L_J C_Σ)")

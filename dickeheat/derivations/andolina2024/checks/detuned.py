"""Independent numerical checks of the detuned protocol (Eqs. 33, 36–37 [published D1, D4–D5]).

Q_det against the sum of two QuTiP one-qubit steady states; γ_2 against the damping of the
detuned transmon mode of the linear circuit (classical normal modes); the occupation n_i^(k)
against the thermal state of a truncated oscillator (QuTiP). Closed forms through
``result.numpy_function`` (arguments by name). Natural units ħ = k_B = 1.
"""

from __future__ import annotations

import numpy as np
import qutip

from dickeheat.derivations.andolina2024.checks._common import TOL, evaluate, steady
from dickeheat.numeric.accuracy import relative_error
from dickeheat.numeric.circuit import coupled_circuit_modes
from dickeheat.numeric.thermal import bose
from dickeheat.symbolic.result import NumericCheck, Result

__all__ = ["gamma_2_check", "occupation_check", "parallel_rlc_re_z", "q_det_check"]


def q_det_check(result: Result) -> NumericCheck:
    """Q_det = Σ_k Q_h of one qubit at ω0^(k) (QuTiP), γ_h = γ_c = γ_k, common parasitic bath."""
    errs = []
    for w2, g1, g2, gp, th, tc, tp in ((0.5, 1.0, 1 / 901, 0.01, 2.0, 0.5, 0.26),
                                       (0.5, 0.25, 0.01, 0.0025, 2.0, 0.5, 2.3),
                                       (0.8, 1.0, 0.3, 0.2, 1.0, 1 / 3, 0.5)):
        numeric = sum(steady(1, g, g, th, tc, gamma_p=gp, T_p=tp, omega0=w).Q_h
                      for w, g in ((1.0, g1), (w2, g2)))
        values = {"omega_0^(1)": 1.0, "omega_0^(2)": w2, "gamma_1": g1, "gamma_2": g2,
                  "gamma_p": gp}
        for k, w in ((1, 1.0), (2, w2)):
            for b, t in (("h", th), ("c", tc), ("p", tp)):
                values[f"n_{b}^({k})"] = bose(w, t)
        errs.append(relative_error(evaluate(result, values, natural=True), numeric))
    err = max(errs)
    return NumericCheck(err < TOL, err, TOL,
                        "sum of Q_h of two QuTiP one-qubit steady states "
                        "(ω0^(2)/ω0^(1) = 0.5, 0.8)")


def parallel_rlc_re_z(omega, R, L, C):
    """Re Z of R ∥ L ∥ C by complex arithmetic (NumPy), e^{−iωt} convention."""
    z = 1 / (1 / R + 1 / (-1j * omega * L) + 1 / (1j / (omega * C)))
    return z.real


def _transmon_mode(C_T: float, L_J: float, C_c: float, R: float, L: float,
                   C: float) -> tuple[float, float]:
    """(energy damping rate −2 Re λ, angular frequency) of the transmon mode of the linear
    circuit (classical normal modes)."""
    m = coupled_circuit_modes(C_T, L_J, (C_c,), (R,), L, C)
    return m.transmon_damping, m.transmon_frequency


def gamma_2_check(result: Result) -> NumericCheck:
    """(37): the damping of the detuned circuit by classical normal modes, no γ ∝ ω Re Z built
    in. Two transmons (C_T = 80 fF) on a parallel RLC (C = 1 pF, Q = R C ω_LC): qubit 1 tuned
    by L_J to ω_LC, qubit 2 to ω0^(2); the coupling capacitor of qubit 2 is scaled so that G
    (A22, G ∝ (C_c/C_T)/sqrt(Z_T)) is the same as qubit 1's, C_c/C_T ~ 1e-4. γ_1 and γ_2 are
    the energy damping rates −2 Re λ of the transmon modes; the closed form gets γ_1 and the
    measured mode frequencies, and must give γ_2 to 2e-3 (first-order remainder in C_c/C_T
    and the resonator's loading)."""
    C_T, C = 80e-15, 1e-12
    errs = []
    for q, frac in ((20.0, 0.5), (5.0, 1.3), (50.0, 0.9)):
        w_lc = 2 * np.pi * 4e9
        L = 1 / (w_lc**2 * C)
        R = q / (C * w_lc)
        lj1 = 1 / (w_lc**2 * C_T)
        lj2 = 1 / ((frac * w_lc) ** 2 * C_T)
        cc1 = 1e-4 * C_T
        cc2 = cc1 * (lj2 / lj1) ** 0.25  # same G: C_c/sqrt(Z_T), Z_T = sqrt(L_J/C_T)
        g1, _ = _transmon_mode(C_T, lj1, cc1, R, L, C)
        g2, w2 = _transmon_mode(C_T, lj2, cc2, R, L, C)
        closed = evaluate(result, {"gamma_1": g1, "omega_0^(2)": w2, "omega_LC": w_lc,
                                   "\\mathcal{Q}": q})
        errs.append(relative_error(closed, g2))
    err = max(errs)
    tol = 2e-3
    return NumericCheck(err < tol, err, tol,
                        "energy damping of the transmon modes of the linear circuit (classical "
                        "normal modes), qubit 2 detuned to ω0^(2)/ω_LC = 0.5, 1.3, 0.9 at "
                        "Q = 20, 5, 50 with G fixed; C_c/C_T ~ 1e-4")


def occupation_check(result: Result) -> NumericCheck:
    """(33): ⟨b†b⟩ of the thermal state e^{−ω b†b/T}/Z of an oscillator truncated to 400
    levels (QuTiP), ω/T from 0.2 to 20 (the truncation error is ~e^{−80})."""
    dim = 400
    num = qutip.num(dim)
    errs = []
    for w, T in ((1.0, 0.05), (0.5, 0.26), (1.0, 1.0), (0.5, 2.3), (1.0, 5.0)):
        rho = (-w * num / T).expm()
        numeric = qutip.expect(num, rho / rho.tr())
        closed = evaluate(result, {"omega_0": w, "T_i": T}, natural=True)
        errs.append(relative_error(closed, numeric))
    err = max(errs)
    return NumericCheck(err < TOL, err, TOL,
                        f"⟨b†b⟩ of a thermal oscillator truncated to {dim} levels (QuTiP), "
                        "ω/T = 0.2 … 20")

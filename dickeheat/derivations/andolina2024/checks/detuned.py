"""Independent numerical checks of the detuned protocol (Eqs. 33, 36–37 [published D1, D4–D5]).

Q_det against the sum of two QuTiP one-qubit steady states; γ_2 against the complex impedance
of the parallel RLC circuit evaluated with NumPy; the occupation n_i^(k) against the thermal
state of a truncated oscillator (QuTiP). Closed forms through ``result.numpy_function``
(arguments by name). Natural units ħ = k_B = 1.
"""

from __future__ import annotations

import numpy as np
import qutip

from dickeheat.derivations.andolina2024.checks._common import TOL, evaluate, steady
from dickeheat.numeric.accuracy import relative_error
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


def gamma_2_check(result: Result) -> NumericCheck:
    """(37): γ ∝ ω0 Re Z(ω0) at fixed G (the ω0 Re Z dependence of the golden-rule rate,
    S_VV ∝ ħω Re Z), with Re Z of R ∥ L ∥ C from complex arithmetic; Q = R sqrt(C/L)."""
    errs = []
    for q, w_lc, frac in ((20.0, 1.0, 0.5), (5.0, 2.0, 1.3), (50.0, 0.7, 0.9)):
        L, C = 1.0 / w_lc, 1.0 / w_lc  # ω_LC = 1/sqrt(LC)
        R = q / np.sqrt(C / L)
        w2 = frac * w_lc
        ratio = w2 * parallel_rlc_re_z(w2, R, L, C) / (w_lc * parallel_rlc_re_z(w_lc, R, L, C))
        closed = evaluate(result, {"gamma_1": 1.0, "omega_0^(2)": w2, "omega_LC": w_lc,
                                   "\\mathcal{Q}": q})
        errs.append(relative_error(closed, ratio))
    err = max(errs)
    return NumericCheck(err < TOL, err, TOL,
                        "ω Re Z(ω) of the parallel RLC from NumPy complex arithmetic, ratio at "
                        "ω0^(2) and ω_LC")


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

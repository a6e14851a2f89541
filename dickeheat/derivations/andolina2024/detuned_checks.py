"""Independent numerical checks of the detuned protocol (Eqs. 36–37 [published D4–D5]).

Q_det against the sum of two QuTiP one-qubit steady states; γ_2 against the complex impedance
of the parallel RLC circuit evaluated with NumPy. Natural units ħ = k_B = 1.
"""

from __future__ import annotations

import numpy as np

from dickeheat.derivations.andolina2024.heat_checks import TOL, natural, relative_error, steady
from dickeheat.numeric.model import bose
from dickeheat.symbolic.result import NumericCheck

__all__ = ["q_det_check", "gamma_2_check", "parallel_rlc_re_z"]


def _chain():
    from dickeheat.derivations.andolina2024.detuned import chain

    return chain()


def q_det_check() -> NumericCheck:
    """Q_det = Σ_k Q_h of one qubit at ω0^(k) (QuTiP), γ_h = γ_c = γ_k, common parasitic bath."""
    from dickeheat.derivations.andolina2024 import heat_symbols as s
    from dickeheat.derivations.andolina2024.detuned import occupations

    args = (s.hbar, s.omega_1, s.omega_2, s.gamma_1, s.gamma_2, s.gamma_p, *occupations(1),
            *occupations(2))
    f = natural(_chain()["Q_det"], args)
    errs = []
    for w2, g1, g2, gp, th, tc, tp in ((0.5, 1.0, 1 / 901, 0.01, 2.0, 0.5, 0.26),
                                       (0.5, 0.25, 0.01, 0.0025, 2.0, 0.5, 2.3),
                                       (0.8, 1.0, 0.3, 0.2, 1.0, 1 / 3, 0.5)):
        numeric = sum(steady(1, g, g, th, tc, gamma_p=gp, T_p=tp, omega0=w).Q_h
                      for w, g in ((1.0, g1), (w2, g2)))
        occ = [bose(w, t) for w in (1.0, w2) for t in (th, tc, tp)]
        errs.append(relative_error(f(1.0, 1.0, w2, g1, g2, gp, *occ), numeric))
    err = max(errs)
    return NumericCheck(err < TOL, err, TOL,
                        "sum of Q_h of two QuTiP one-qubit steady states "
                        "(ω0^(2)/ω0^(1) = 0.5, 0.8)")


def parallel_rlc_re_z(omega, R, L, C):
    """Re Z of R ∥ L ∥ C by complex arithmetic (NumPy), e^{−iωt} convention."""
    z = 1 / (1 / R + 1 / (-1j * omega * L) + 1 / (1j / (omega * C)))
    return z.real


def gamma_2_check() -> NumericCheck:
    """(37): γ ∝ ω0 Re Z(ω0) at fixed G (the ω0 Re Z dependence of the golden-rule rate,
    S_VV ∝ ħω Re Z), with Re Z of R ∥ L ∥ C from complex arithmetic; Q = R sqrt(C/L)."""
    from dickeheat.derivations.andolina2024 import heat_symbols as s

    f = natural(_chain()["gamma_2"], (s.gamma_1, s.omega_2, s.omega_LC, s.Qf))
    errs = []
    for q, w_lc, frac in ((20.0, 1.0, 0.5), (5.0, 2.0, 1.3), (50.0, 0.7, 0.9)):
        L, C = 1.0 / w_lc, 1.0 / w_lc  # ω_LC = 1/sqrt(LC)
        R = q / np.sqrt(C / L)
        w2 = frac * w_lc
        ratio = w2 * parallel_rlc_re_z(w2, R, L, C) / (w_lc * parallel_rlc_re_z(w_lc, R, L, C))
        errs.append(relative_error(f(1.0, w2, w_lc, q), ratio))
    err = max(errs)
    return NumericCheck(err < TOL, err, TOL,
                        "ω Re Z(ω) of the parallel RLC from NumPy complex arithmetic, ratio at "
                        "ω0^(2) and ω_LC")

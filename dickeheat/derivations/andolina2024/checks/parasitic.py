"""Independent numerical checks of the parasitic-bath results (Sec. III, Eq. 35).

QuTiP full-space (2^N) steady states with the local bath, and QuTiP's Lindblad superoperators
on random states; closed forms through ``result.numpy_function`` (arguments by name). Natural
units ħ = k_B = ω0 = 1.
"""

from __future__ import annotations

import numpy as np
import qutip

from dickeheat.derivations.andolina2024.checks._common import (
    BATHS,
    RNG_SEED,
    TOL,
    evaluate,
    steady,
)
from dickeheat.numeric.accuracy import relative_error
from dickeheat.numeric.thermal import bose
from dickeheat.symbolic.result import NumericCheck, Result

__all__ = ["local_operators", "q_h_tp_check", "q_p_check", "t_k_check"]


def local_operators(N: int) -> tuple[list[qutip.Qobj], qutip.Qobj]:
    """(σ_−^(j) for each j, J_z) on the full 2^N space (QuTiP: basis 0 is the excited state,
    σ_− = qutip.sigmam() maps it to basis 1)."""
    sm = [qutip.tensor([qutip.sigmam() if k == j else qutip.qeye(2) for k in range(N)])
          for j in range(N)]
    jz = sum(s.dag() * s for s in sm) - N / 2 * qutip.qeye([2] * N)
    return sm, jz


def q_p_check(result: Result) -> NumericCheck:
    """Q_p against (i) Tr[H0 D_p(ρ)] with qutip.lindblad_dissipator on random states (N = 3)
    and (ii) the Q_p of QuTiP full-space steady states (N = 2, 3) at their ⟨J_z⟩."""
    errs = []
    rng = np.random.default_rng(RNG_SEED)
    N = 3
    sm, jz = local_operators(N)
    for _ in range(3):
        rho = qutip.rand_dm([2] * N, seed=int(rng.integers(1 << 30)))
        g, n = rng.uniform(0.1, 2.0, size=2)
        D = sum(g * (1 + n) * qutip.lindblad_dissipator(a)
                + g * n * qutip.lindblad_dissipator(a.dag()) for a in sm)
        numeric = (jz * qutip.vector_to_operator(D * qutip.operator_to_vector(rho))).tr().real
        closed = evaluate(result, {"N": N, "omega_0": 1.0, "gamma_p": g, "n_p": n,
                                   "<J_z>": qutip.expect(jz, rho)}, natural=True)
        errs.append(relative_error(closed, numeric))
    for n_q in (2, 3):
        for gp, tp in ((0.05, 0.1), (0.3, 2.0)):
            ss = steady(n_q, 1.0, 1.0, 1.0, 1 / 3, gamma_p=gp, T_p=tp)
            closed = evaluate(result, {"N": n_q, "omega_0": 1.0, "gamma_p": gp,
                                       "n_p": bose(1.0, tp), "<J_z>": ss.jz}, natural=True)
            errs.append(relative_error(closed, ss.Q_p))
    err = max(errs)
    return NumericCheck(err < TOL, err, TOL,
                        "qutip.lindblad_dissipator of the local bath on random states (N = 3) and "
                        "Q_p of QuTiP full-space steady states (N = 2, 3)")


def q_h_tp_check(result: Result) -> NumericCheck:
    """Q_h of QuTiP full-space steady states with T_p = T* against the closed form."""
    errs = []
    for gh, gc, th, tc in BATHS:
        for n_q, gp in ((2, 0.01), (3, 0.3)):
            t_star = steady(1, gh, gc, th, tc).model.T_star
            ss = steady(n_q, gh, gc, th, tc, gamma_p=gp, T_p=t_star)
            closed = evaluate(result, {"N": n_q, "omega_0": 1.0, "gamma_h": gh, "gamma_c": gc,
                                       "n_h": bose(1.0, th), "n_c": bose(1.0, tc)},
                              natural=True)
            errs.append(relative_error(closed, ss.Q_h))
    err = max(errs)
    return NumericCheck(err < TOL, err, TOL,
                        "Q_h of QuTiP full-space steady states (N = 2, 3, γ_p = 0.01, 0.3) with "
                        "T_p = T*")


def t_k_check(result: Result) -> NumericCheck:
    """(35): p_1/p_0 = (1/2 + ⟨σ_z⟩/2)/(1/2 − ⟨σ_z⟩/2) of one qubit with three baths (QuTiP)."""
    errs = []
    for gk, gp, th, tc, tp in ((1.0, 0.01, 1.0, 1 / 3, 0.1), (0.5, 0.5, 3.0, 1 / 3, 1.0),
                               (0.2, 1.0, 2.0, 0.5, 5.0)):
        ss = steady(1, gk, gk, th, tc, gamma_p=gp, T_p=tp)
        ratio = (0.5 + ss.jz) / (0.5 - ss.jz)
        closed = evaluate(result, {"gamma_k": gk, "gamma_p": gp, "n_h": bose(1.0, th),
                                   "n_c": bose(1.0, tc), "n_p": bose(1.0, tp)})
        errs.append(relative_error(closed, ratio))
    err = max(errs)
    return NumericCheck(err < TOL, err, TOL,
                        "population ratio of QuTiP steady states of one qubit with hot, cold and "
                        "parasitic baths")

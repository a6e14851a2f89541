"""Independent numerical checks of the heat-current chain (Sec. II).

Each check evaluates the registered closed form (``result.numpy_function``, arguments by name)
and compares it with a computation that does not use the symbolic chain: QuTiP superoperators
on random states, or exact steady states of the master equation from
:func:`dickeheat.numeric.steady.steady_state` (QuTiP backend, fixed-J sectors or the full 2^N
space). Natural units ħ = k_B = ω0 = 1.
"""

from __future__ import annotations

import numpy as np
import qutip

from dickeheat.derivations.andolina2024.checks._common import (
    BATHS,
    POP_FLOOR,
    RNG_SEED,
    TOL,
    collective_ops,
    evaluate,
    resolved,
    sector_populations,
    steady,
)
from dickeheat.numeric.accuracy import relative_error
from dickeheat.numeric.thermal import bose
from dickeheat.symbolic.result import NumericCheck, Result

__all__ = [
    "detailed_balance_check", "dicke_state_check", "q_h_steady_check", "q_i_check",
    "q_ind_check", "t_star_check",
]


def dicke_state_check(result: Result) -> NumericCheck:
    """(8): 1/‖J_+^{J+m}|J,−J⟩‖ with QuTiP's jmat, J <= 4, every m."""
    errs = []
    for twoJ in range(1, 9):
        Jv = twoJ / 2
        jp = qutip.jmat(Jv, "+")
        lowest = qutip.basis(twoJ + 1, twoJ)  # jmat basis: index 0 is m = +J
        for k in range(twoJ + 1):
            vec = (jp**k * lowest) if k else lowest
            closed = evaluate(result, {"J": Jv, "m": k - Jv})
            errs.append(relative_error(closed, 1 / vec.norm()))
    err = max(errs)
    return NumericCheck(err < TOL, err, TOL, "norm of J_+^{J+m}|J,−J⟩ from qutip.jmat, J <= 4")


def detailed_balance_check(result: Result) -> NumericCheck:
    """(13): neighbouring population ratios of a single-bath fixed-J steady state."""
    errs = []
    for T in (0.3, 1.0, 3.0):
        closed = evaluate(result, {"omega_0": 1.0, "T_i": T}, natural=True)
        for J in (1.0, 1.5, 3.0):
            pops = resolved(sector_populations(steady(int(2 * J), 1.0, 0.0, T, T, J=J), J))
            errs.append(relative_error(pops[1:] / pops[:-1], closed))
    err = max(errs)
    return NumericCheck(err < TOL, err, TOL,
                        "p_{M+1}/p_M of QuTiP fixed-J steady states, one bath, T = 0.3, 1, 3 ω0, "
                        f"J = 1, 3/2, 3 (populations above {POP_FLOOR:g} × the largest)")


def t_star_check(result: Result) -> NumericCheck:
    """(16): T* = ω0 / ln(p_M/p_{M+1}) of two-bath fixed-J steady states."""
    errs = []
    for gh, gc, th, tc in BATHS:
        closed = evaluate(result, {"T_0": 1.0, "gamma_h": gh, "gamma_c": gc,
                                   "n_h": bose(1.0, th), "n_c": bose(1.0, tc)})
        for J in (1.0, 2.5):
            pops = resolved(sector_populations(steady(int(2 * J), gh, gc, th, tc, J=J), J))
            t_num = 1.0 / np.log(pops[:-1] / pops[1:])
            errs.append(relative_error(t_num, closed))
    err = max(errs)
    return NumericCheck(err < TOL, err, TOL,
                        "ω0/ln(p_M/p_{M+1}) of QuTiP fixed-J steady states (J = 1, 5/2), "
                        f"(γ_h, γ_c, T_h, T_c) in {BATHS}")


def q_i_check(result: Result) -> NumericCheck:
    """(22): Tr[H0 D_i(ρ)] with QuTiP's Lindblad superoperators on random states."""
    rng = np.random.default_rng(RNG_SEED)
    errs = []
    for J in (0.5, 1.5, 3.0):
        jp, jm, jz = collective_ops(J)
        for _ in range(3):
            rho = qutip.rand_dm(int(2 * J + 1), seed=int(rng.integers(1 << 30)))
            g, n, w = rng.uniform(0.1, 2.0, size=3)
            D = (g * (1 + n) * qutip.lindblad_dissipator(jm)
                 + g * n * qutip.lindblad_dissipator(jp))
            numeric = (w * jz * qutip.vector_to_operator(D * qutip.operator_to_vector(rho))).tr()
            closed = evaluate(result, {"omega_0": w, "gamma_i": g, "n_i": n,
                                       "<J_+J_->": qutip.expect(jp * jm, rho),
                                       "<J_-J_+>": qutip.expect(jm * jp, rho)}, natural=True)
            errs.append(relative_error(closed, numeric.real))
    err = max(errs)
    return NumericCheck(err < TOL, err, TOL,
                        "Tr[ω0 J_z D_i(ρ)] from qutip.lindblad_dissipator on random density "
                        "matrices, J = 1/2, 3/2, 3")


def q_h_steady_check(result: Result) -> NumericCheck:
    """(24): Q_h of QuTiP fixed-J steady states against (24) at their ⟨J_z⟩."""
    errs = []
    for gh, gc, th, tc in BATHS:
        for J in (0.5, 1.0, 2.0, 3.5):
            ss = steady(int(2 * J), gh, gc, th, tc, J=J)
            closed = evaluate(result, {"omega_0": 1.0, "gamma_h": gh, "gamma_c": gc,
                                       "n_h": bose(1.0, th), "n_c": bose(1.0, tc),
                                       "<J_z>": ss.jz}, natural=True)
            errs.append(relative_error(closed, ss.Q_h))
    err = max(errs)
    return NumericCheck(err < TOL, err, TOL,
                        "Q_h and ⟨J_z⟩ of QuTiP fixed-J steady states, J = 1/2, 1, 2, 7/2")


def q_ind_check(result: Result) -> NumericCheck:
    """(25): N × Q_h of the QuTiP steady state of one qubit between the two baths."""
    errs = []
    for gh, gc, th, tc in BATHS:
        single = steady(1, gh, gc, th, tc).Q_h
        for n_qubits in (1, 4):
            closed = evaluate(result, {"N": n_qubits, "omega_0": 1.0, "gamma_h": gh,
                                       "gamma_c": gc, "n_h": bose(1.0, th),
                                       "n_c": bose(1.0, tc)}, natural=True)
            errs.append(relative_error(closed, n_qubits * single))
    err = max(errs)
    return NumericCheck(err < TOL, err, TOL,
                        "N × Q_h of the QuTiP steady state of one qubit between the two baths")

"""Independent numerical checks of the heat-current chain (Sec. II).

Each check code-generates the derived closed form and compares it with a computation that does
not use the symbolic chain: QuTiP superoperators on random states, or exact steady states of
the master equation from :func:`dickeheat.numeric.steady.steady_state` (QuTiP backend, fixed-J
sectors or the full 2^N space). Natural units ħ = k_B = ω0 = 1.
"""

from __future__ import annotations

import functools

import numpy as np
import qutip

from dickeheat.numeric.model import HeatValve, bose
from dickeheat.numeric.steady import SteadyState, steady_state
from dickeheat.symbolic.codegen import to_function
from dickeheat.symbolic.result import NumericCheck

__all__ = [
    "relative_error", "steady", "natural", "sector_populations", "resolved", "collective_ops",
    "dicke_state_check", "detailed_balance_check", "t_star_check", "q_i_check",
    "q_h_steady_check", "q_ind_check", "TOL",
]

#: relative tolerance of the checks against exact numerics
TOL = 1e-10
RNG_SEED = 20240602
#: (γ_h, γ_c, T_h, T_c) in units of ω0: the paper's two cases and two asymmetric ones
BATHS = ((1.0, 1.0, 1.0, 1 / 3), (1.0, 1.0, 3.0, 1 / 3), (0.1, 0.3, 2.0, 0.5),
         (0.7, 0.2, 0.8, 0.25))


def relative_error(a, b) -> float:
    """max |a − b| / max |b| over arrays."""
    a = np.atleast_1d(np.asarray(a, dtype=float))
    b = np.atleast_1d(np.asarray(b, dtype=float))
    return float(np.max(np.abs(a - b)) / np.max(np.abs(b)))


@functools.lru_cache(maxsize=512)
def steady(N: int, gamma_h: float = 1.0, gamma_c: float = 1.0, T_h: float = 1.0,
           T_c: float = 1 / 3, gamma_p: float = 0.0, T_p: float | None = None,
           J: float | None = None, omega0: float = 1.0) -> SteadyState:
    """Cached exact steady state from the QuTiP backend (fixed-J sector if ``J`` is given)."""
    model = HeatValve(N=N, omega0=omega0, gamma_h=gamma_h, gamma_c=gamma_c, T_h=T_h, T_c=T_c,
                      gamma_p=gamma_p, T_p=T_p, J=J)
    return steady_state(model, backend="qutip")


def natural(expr, args):
    """``expr`` as a NumPy function of ``args`` with ħ = k_B = 1 substituted."""
    from dickeheat.derivations.andolina2024.heat_symbols import hbar, k_B

    return to_function(args, expr.subs({hbar: 1, k_B: 1}))


def sector_populations(ss: SteadyState, J: float) -> np.ndarray:
    """The 2J + 1 populations of a fixed-J steady state, largest first (basis independent:
    the state is diagonal in the Dicke basis, so these are its largest eigenvalues)."""
    rho = ss.rho.full() if hasattr(ss.rho, "full") else np.asarray(ss.rho)
    if rho.ndim == 1:
        values = np.sort(rho.real)[::-1]
    else:
        values = np.sort(np.linalg.eigvalsh((rho + rho.conj().T) / 2))[::-1]
    return values[: int(round(2 * J)) + 1]


#: populations below this fraction of the largest carry absolute rounding errors ~1e-16
POP_FLOOR = 1e-5


def resolved(pops: np.ndarray) -> np.ndarray:
    """The leading populations down to ``POP_FLOOR`` × the largest (ratios of smaller ones are
    limited by the solver's absolute accuracy, not by the closed form)."""
    return pops[pops > POP_FLOOR * pops[0]]


def collective_ops(J: float):
    """(J_+, J_−, J_z) of a spin-J sector as QuTiP operators."""
    return qutip.jmat(J, "+"), qutip.jmat(J, "-"), qutip.jmat(J, "z")


def _heat():
    from dickeheat.derivations.andolina2024.heat import chain

    return chain()


def dicke_state_check() -> NumericCheck:
    """(8): 1/‖J_+^{J+m}|J,−J⟩‖ with QuTiP's jmat, J <= 4, every m."""
    import sympy as sp

    from dickeheat.derivations.andolina2024.heat import J, m

    f = to_function((J, m), _heat()["dicke_norm"], backend="mpmath")
    errs = []
    for twoJ in range(1, 9):
        Jv = twoJ / 2
        jp = qutip.jmat(Jv, "+")
        lowest = qutip.basis(twoJ + 1, twoJ)  # jmat basis: index 0 is m = +J
        for k in range(twoJ + 1):
            vec = (jp**k * lowest) if k else lowest
            errs.append(relative_error(float(f(sp.Rational(twoJ, 2), k - sp.Rational(twoJ, 2))),
                                       1 / vec.norm()))
    err = max(errs)
    return NumericCheck(err < TOL, err, TOL, "norm of J_+^{J+m}|J,−J⟩ from qutip.jmat, J <= 4")


def detailed_balance_check() -> NumericCheck:
    """(13): neighbouring population ratios of a single-bath fixed-J steady state."""
    from dickeheat.derivations.andolina2024.heat_symbols import T_i, hbar, k_B, omega0

    f = natural(_heat()["detailed_balance"], (hbar, omega0, k_B, T_i))
    errs = []
    for T in (0.3, 1.0, 3.0):
        for J in (1.0, 1.5, 3.0):
            pops = resolved(sector_populations(steady(int(2 * J), 1.0, 0.0, T, T, J=J), J))
            errs.append(relative_error(pops[1:] / pops[:-1], f(1.0, 1.0, 1.0, T)))
    err = max(errs)
    return NumericCheck(err < TOL, err, TOL,
                        "p_{M+1}/p_M of QuTiP fixed-J steady states, one bath, T = 0.3, 1, 3 ω0, "
                        f"J = 1, 3/2, 3 (populations above {POP_FLOOR:g} × the largest)")


def t_star_check() -> NumericCheck:
    """(16): T* = ω0 / ln(p_M/p_{M+1}) of two-bath fixed-J steady states."""
    from dickeheat.derivations.andolina2024.heat_symbols import T0, gamma_c, gamma_h, n_c, n_h

    f = natural(_heat()["T_star"], (T0, gamma_h, gamma_c, n_h, n_c))
    errs = []
    for gh, gc, th, tc in BATHS:
        for J in (1.0, 2.5):
            pops = resolved(sector_populations(steady(int(2 * J), gh, gc, th, tc, J=J), J))
            t_num = 1.0 / np.log(pops[:-1] / pops[1:])
            errs.append(relative_error(t_num, f(1.0, gh, gc, bose(1.0, th), bose(1.0, tc))))
    err = max(errs)
    return NumericCheck(err < TOL, err, TOL,
                        "ω0/ln(p_M/p_{M+1}) of QuTiP fixed-J steady states (J = 1, 5/2), "
                        f"(γ_h, γ_c, T_h, T_c) in {BATHS}")


def q_i_check() -> NumericCheck:
    """(22): Tr[H0 D_i(ρ)] with QuTiP's Lindblad superoperators on random states."""
    from dickeheat.derivations.andolina2024.heat_symbols import (
        gamma_i, hbar, jmjp, jpjm, n_i, omega0,
    )

    f = natural(_heat()["Q_i"], (hbar, omega0, gamma_i, n_i, jpjm, jmjp))
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
            closed = f(1.0, w, g, n, qutip.expect(jp * jm, rho), qutip.expect(jm * jp, rho))
            errs.append(relative_error(closed, numeric.real))
    err = max(errs)
    return NumericCheck(err < TOL, err, TOL,
                        "Tr[ω0 J_z D_i(ρ)] from qutip.lindblad_dissipator on random density "
                        "matrices, J = 1/2, 3/2, 3")


def q_h_steady_check() -> NumericCheck:
    """(24): Q_h of QuTiP fixed-J steady states against (24) at their ⟨J_z⟩."""
    from dickeheat.derivations.andolina2024.heat_symbols import (
        gamma_c, gamma_h, hbar, jz, n_c, n_h, omega0,
    )

    f = natural(_heat()["Q_h_steady"], (hbar, omega0, gamma_h, gamma_c, n_h, n_c, jz))
    errs = []
    for gh, gc, th, tc in BATHS:
        for J in (0.5, 1.0, 2.0, 3.5):
            ss = steady(int(2 * J), gh, gc, th, tc, J=J)
            errs.append(relative_error(f(1.0, 1.0, gh, gc, bose(1.0, th), bose(1.0, tc), ss.jz),
                                       ss.Q_h))
    err = max(errs)
    return NumericCheck(err < TOL, err, TOL,
                        "Q_h and ⟨J_z⟩ of QuTiP fixed-J steady states, J = 1/2, 1, 2, 7/2")


def q_ind_check() -> NumericCheck:
    """(25): N × Q_h of the QuTiP steady state of one qubit between the two baths."""
    from dickeheat.derivations.andolina2024.heat_symbols import (
        N, gamma_c, gamma_h, hbar, n_c, n_h, omega0,
    )

    f = natural(_heat()["Q_ind"], (N, hbar, omega0, gamma_h, gamma_c, n_h, n_c))
    errs = []
    for gh, gc, th, tc in BATHS:
        single = steady(1, gh, gc, th, tc).Q_h
        for n_qubits in (1, 4):
            errs.append(relative_error(f(n_qubits, 1.0, 1.0, gh, gc, bose(1.0, th),
                                         bose(1.0, tc)), n_qubits * single))
    err = max(errs)
    return NumericCheck(err < TOL, err, TOL,
                        "N × Q_h of the QuTiP steady state of one qubit between the two baths")

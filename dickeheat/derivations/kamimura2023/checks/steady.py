"""Check of the steady-state claim (text before Eq. 21): for [H_S, ρ] = 0 the Redfield current
equals the GKSL current.

The registered closed form is the Redfield current of a generic three-level system (diagonal
H_S, ρ = diag(p), two channels with Hermitian A_1, A_2 and one-sided transforms Γ_kl at each
Bohr frequency of the step ``bohr``), Lamb shifts included. It is evaluated on random systems
with damped-mode baths (Γ_kl(ν) from :meth:`~dickeheat.symbolic.bath.Bath.one_sided_function`,
imaginary part included) and compared with the current of QuTiP's *secular* Bloch–Redfield
tensor (``sec_cutoff`` tiny: the GKSL dissipator of Eq. 20, no Lamb shift) and with the
Redfield current of :mod:`dickeheat.numeric.redfield`:

* two independent baths, one per channel (Γ_12 = Γ_21 = 0), both channels and each alone, on
  random diagonal states and on QuTiP's steady state of the two baths (checked to commute
  with H_S: a steady heat flow between baths at different temperatures);
* one bath seen by both channels (Γ_kl = Γ for every k, l: correlated channels), against
  QuTiP with the single coupling A_1 + A_2.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import qutip
import sympy as sp

from dickeheat.derivations.kamimura2023.checks._common import evaluate, scalar_spectrum
from dickeheat.numeric.accuracy import relative_error
from dickeheat.numeric.bounds import random_hermitian
from dickeheat.numeric.redfield import Coupling, redfield_current
from dickeheat.symbolic.bath import Bath, Lorentzian
from dickeheat.symbolic.result import NumericCheck, Result

__all__ = ["gksl_redfield_check"]

DIM = 3
N_SYSTEMS, SEED = 6, 21
TOL = 1e-8


def _bath(rng: np.random.Generator) -> Lorentzian:
    return Lorentzian(strength=float(rng.uniform(0.2, 1.0)), kappa=float(rng.uniform(0.3, 2.0)),
                      center=float(rng.uniform(0.5, 2.5)), T=float(rng.uniform(0.2, 2.0)))


def _values(result: Result, E: np.ndarray, p: np.ndarray, ops: tuple[np.ndarray, np.ndarray],
            gamma: Callable[[int, int, float], complex]) -> dict[str, float]:
    """Every argument of the closed form by name; ``gamma(k, l, w)`` is Γ_kl(w) (complex)."""
    values: dict[str, float] = {}
    for i in range(DIM):
        values[f"E_{i + 1}"] = float(E[i])
        values[f"p_{i + 1}"] = float(p[i])
    for name, A in zip("ab", ops):
        for i in range(DIM):
            values[f"{name}_{i + 1}{i + 1}"] = float(np.real(A[i, i]))
            for j in range(i + 1, DIM):
                values[f"{name}_{i + 1}{j + 1}r"] = float(np.real(A[i, j]))
                values[f"{name}_{i + 1}{j + 1}i"] = float(np.imag(A[i, j]))
    energies = {sp.Symbol(f"E_{i + 1}", real=True): float(E[i]) for i in range(DIM)}
    for idx, w_expr in enumerate(result.step("bohr")):
        w = float(sp.sympify(w_expr).subs(energies))
        for k in range(2):
            for l in range(2):
                G = complex(gamma(k, l, w))
                values[f"G{k + 1}{l + 1}_{idx}r"] = G.real
                values[f"G{k + 1}{l + 1}_{idx}i"] = G.imag
    return values


def _gamma_of(baths: Mapping[tuple[int, int], Bath]) -> Callable[[int, int, float], complex]:
    def gamma(k: int, l: int, w: float) -> complex:
        bath = baths.get((k, l))
        return 0j if bath is None else complex(bath.one_sided_function()(np.array([w]))[0])

    return gamma


def _qutip_secular(H: np.ndarray, a_ops: Sequence[tuple[np.ndarray, Bath]],
                   rho: np.ndarray) -> float:
    Hq = qutip.Qobj(H)
    R = qutip.bloch_redfield_tensor(
        Hq, [(qutip.Qobj(A), scalar_spectrum(b.spectrum_function())) for A, b in a_ops],
        sec_cutoff=1e-9, fock_basis=True)
    drho = qutip.vector_to_operator(R @ qutip.operator_to_vector(qutip.Qobj(rho)))
    return float(np.real((Hq * drho).tr()))


def gksl_redfield_check(result: Result) -> NumericCheck:
    """``kamimura2023.gksl_equals_redfield`` on random three-level systems (see the module)."""
    rng = np.random.default_rng(SEED)
    err = comm = 0.0
    zero = np.zeros((DIM, DIM))
    for _ in range(N_SYSTEMS):
        E = np.sort(rng.uniform(-1.5, 1.5, DIM))
        H = np.diag(E)
        A1, A2 = random_hermitian(DIM, rng), random_hermitian(DIM, rng)
        b1, b2 = _bath(rng), _bath(rng)
        # the steady state of the two baths under the secular tensor commutes with H
        R = qutip.bloch_redfield_tensor(
            qutip.Qobj(H), [(qutip.Qobj(A), scalar_spectrum(b.spectrum_function()))
                            for A, b in ((A1, b1), (A2, b2))], sec_cutoff=1e-9, fock_basis=True)
        rho_ss = qutip.steadystate(R).full()
        comm = max(comm, float(np.linalg.norm(H @ rho_ss - rho_ss @ H)))
        states = (rng.dirichlet(np.ones(DIM)), np.real(np.diag(rho_ss)))
        cases = (
            # (A_1, A_2, Γ_kl, QuTiP a_ops, own Redfield coupling)
            ((A1, A2), {(0, 0): b1, (1, 1): b2}, [(A1, b1), (A2, b2)],
             Coupling((A1, A2), (b1, b2))),
            ((A1, zero), {(0, 0): b1}, [(A1, b1)], Coupling((A1,), (b1,))),
            ((zero, A2), {(1, 1): b2}, [(A2, b2)], Coupling((A2,), (b2,))),
            ((A1, A2), {(k, l): b1 for k in range(2) for l in range(2)}, [(A1 + A2, b1)],
             Coupling((A1 + A2,), (b1,))),
        )
        for n, p in enumerate(states):
            rho = np.diag(p)
            # on the steady state the total current of the two baths vanishes: only per bath
            for ops, baths, a_ops, coupling in cases[1:] if n else cases:
                closed = float(evaluate(result, _values(result, E, p, ops, _gamma_of(baths))))
                err = max(err, relative_error(closed, _qutip_secular(H, a_ops, rho)),
                          relative_error(closed, redfield_current(H, coupling, rho)))
    return NumericCheck(err < TOL and comm < 1e-8, max(err, comm), TOL,
                        f"{N_SYSTEMS} random 3-level systems, damped-mode baths (Lamb shifts "
                        "included in the closed form): closed form vs QuTiP secular "
                        "Bloch–Redfield current and own Redfield current, two independent baths "
                        "(together and each alone) and one bath seen by both channels, on "
                        "random diagonal states and on QuTiP's steady state of the two baths "
                        f"(max ‖[H, ρ_ss]‖ = {comm:.1e})")

"""Independent numerical check of the steady-state claim (text before Eq. 21).

Random four-level systems with two channels coupled to independent damped-mode baths (Lamb
shifts included): the Redfield current of :mod:`dickeheat.numeric.redfield` (full Eq. 6, complex
Γ) on states diagonal in the energy basis is compared with the current of QuTiP's secular
Bloch–Redfield tensor (``sec_cutoff`` tiny: GKSL of Eq. 20, no Lamb shift). The QuTiP steady
state of the secular tensor is checked to commute with H_S, and its two currents to agree.
"""

from __future__ import annotations

import numpy as np
import qutip

from dickeheat.derivations.kamimura2023.checks import relative_error
from dickeheat.symbolic.result import NumericCheck

__all__ = ["gksl_redfield_check"]


def _scalar(S):
    # QuTiP passes the frequency only to a single parameter named ``w``
    return lambda w: float(S(np.array([w]))[0])


def _system(rng: np.random.Generator, dim: int):
    from dickeheat.numeric.redfield import Coupling
    from dickeheat.symbolic.bath import Lorentzian

    X = rng.normal(size=(dim, dim)) + 1j * rng.normal(size=(dim, dim))
    H = 0.5 * (X + X.conj().T)
    ops = []
    for _ in range(2):
        Y = rng.normal(size=(dim, dim)) + 1j * rng.normal(size=(dim, dim))
        ops.append(0.5 * (Y + Y.conj().T))
    baths = tuple(Lorentzian(strength=float(rng.uniform(0.2, 1.0)),
                             kappa=float(rng.uniform(0.3, 2.0)),
                             center=float(rng.uniform(0.5, 2.5)),
                             T=float(rng.uniform(0.2, 2.0))) for _ in ops)
    return H, Coupling(tuple(ops), baths)


def gksl_redfield_check(n_systems: int = 6, seed: int = 21) -> NumericCheck:
    from dickeheat.numeric.redfield import Coupling, redfield_current

    rng = np.random.default_rng(seed)
    err = 0.0
    comm = 0.0
    for _ in range(n_systems):
        H, coupling = _system(rng, 4)
        E, V = np.linalg.eigh(H)
        Hq = qutip.Qobj(H)
        # two baths a = 1, 2, one channel each (different temperatures: a steady heat flow)
        a_ops = [(qutip.Qobj(A), _scalar(b.spectrum_function()))
                 for A, b in zip(coupling.operators, coupling.baths)]
        R_total = qutip.bloch_redfield_tensor(Hq, a_ops, sec_cutoff=1e-9, fock_basis=True)
        R_each = [qutip.bloch_redfield_tensor(Hq, [op], sec_cutoff=1e-9, fock_basis=True)
                  for op in a_ops]
        p = rng.dirichlet(np.ones(4))
        rho_ss = qutip.steadystate(R_total)
        comm = max(comm, float(np.linalg.norm(H @ rho_ss.full() - rho_ss.full() @ H)))
        for rho in (V @ np.diag(p) @ V.conj().T, rho_ss.full()):
            for R, A, bath in zip(R_each, coupling.operators, coupling.baths):
                drho = qutip.vector_to_operator(R @ qutip.operator_to_vector(qutip.Qobj(rho)))
                J_G = float(np.real((Hq * drho).tr()))
                J_R = redfield_current(H, Coupling((A,), (bath,)), rho)
                err = max(err, relative_error(J_R, J_G))
    tol = 1e-8
    return NumericCheck(err < tol and comm < 1e-8, max(err, comm), tol,
                        f"{n_systems} random 4-level systems, two damped-mode baths (Lamb "
                        "shifts included): own Redfield current of each bath vs QuTiP secular "
                        "Bloch–Redfield current, on diagonal states and on QuTiP's steady "
                        f"state (max ‖[H, ρ_ss]‖ = {comm:.1e})")

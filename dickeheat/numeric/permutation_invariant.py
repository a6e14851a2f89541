r"""Collective secular baths plus local (single-qubit) noise in the Dicke basis of PIQS.

Local processes acting identically on every qubit (dephasing :math:`\gamma\,\mathcal
D[\sigma_z^{(i)}]`, emission, pumping) keep a permutation-invariant state permutation
invariant, but break :math:`J^2` conservation: the state spreads over all multiplets
:math:`J = N/2, N/2-1, \dots`. QuTiP's PIQS represents such states in the Dicke basis, an
``nds × nds`` matrix block-diagonal in :math:`J` (``nds`` :math:`\approx (N/2+1)^2`), and
``qutip.piqs.Dicke(N, dephasing=…).lindbladian()`` gives the local part as an
``nds² × nds²`` superoperator.

The collective part here is the secular (Davies) master equation of
:mod:`~dickeheat.numeric.davies` built *per multiplet*: collective operators act identically on
every copy of a multiplet and never couple different :math:`J`, so the collective dissipator of
the block-diagonal state is the direct sum over :math:`J` of the Davies generator of a spin
:math:`J` (jump operators from the eigenprojectors of :math:`H` inside the block, so the
:math:`\pm m` degeneracies are handled as in the spin space). Each block superoperator is
embedded at the block's position in the PIQS flattening. Every operator involved is real, so
the superoperators commute with transposition and row- and column-major flattening agree.

Cost: the number of physical unknowns is :math:`\sum_J (2J+1)^2 \approx N^3/6`; PIQS builds
its local Lindbladian with a Python loop over them (single-precision rates inside PIQS, so
results are accurate to ~1e-6 relative), and the sparse LU of the steady state dominates beyond
N ≈ 40.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import qutip
import scipy.sparse as sp
import scipy.sparse.linalg as spla
from qutip import piqs

from dickeheat.errors import NumericalError, ParameterError
from dickeheat.numeric.davies import davies_model

__all__ = ["LocalNoiseSteadyState", "collective_with_local_noise"]


@dataclasses.dataclass(frozen=True)
class LocalNoiseSteadyState:
    """Stationary currents of the collective baths with local noise.

    ``currents[k]``: energy from collective bath ``k`` into the system; ``P_J``: weight of
    each multiplet (keys ``J``); ``residual``: :math:`\\|L\\rho\\|_\\infty/\\|L\\|_\\infty`.
    """

    currents: tuple[float, ...]
    P_J: dict[float, float]
    residual: float
    unknowns: int
    build_seconds: float
    solve_seconds: float


def _blocks(N: int) -> list[tuple[float, int]]:
    """(J, offset) of each block in the PIQS Dicke basis (J = N/2, N/2 - 1, …)."""
    out, off = [], 0
    J = N / 2
    while J >= 0:
        out.append((J, off))
        off += int(round(2 * J)) + 1
        J -= 1
    return out


def collective_with_local_noise(
        N: int, hamiltonian: Callable[[float], qutip.Qobj],
        baths: Sequence[tuple[Callable[[float], qutip.Qobj], Callable[[np.ndarray], Any]]],
        *, dephasing: float = 0.0, emission: float = 0.0, pumping: float = 0.0,
) -> LocalNoiseSteadyState:
    r"""Steady state of collective secular baths plus PIQS local noise, and the bath currents.

    Parameters
    ----------
    N
        Number of qubits (>= 1).
    hamiltonian
        ``hamiltonian(J)``: the collective Hamiltonian on a spin-J block
        (e.g. ``lambda J: Omega * qutip.jmat(J, "z") ** 2``), real.
    baths
        ``(coupling(J), gamma)`` per collective bath: the coupling operator on a spin-J block
        (real) and the bath's rate function.
    dephasing, emission, pumping
        Local rates per qubit (PIQS conventions: ``dephasing`` is :math:`\gamma` in
        :math:`\tfrac{\gamma}{2}\mathcal D'[\sigma_z]`, see ``qutip.piqs.Dicke``).

    Raises
    ------
    ParameterError
        For N < 1 or negative rates.
    NumericalError
        If the steady-state solve fails or its residual exceeds 1e-8.
    """
    if not isinstance(N, (int, np.integer)) or N < 1:
        raise ParameterError(f"N must be an integer >= 1, got {N!r}")
    for name, v in (("dephasing", dephasing), ("emission", emission), ("pumping", pumping)):
        if not v >= 0:
            raise ParameterError(f"{name} must be >= 0, got {v!r}")
    t0 = time.perf_counter()
    nds = piqs.num_dicke_states(N)
    local = piqs.Dicke(N, dephasing=dephasing, emission=emission, pumping=pumping)
    L = sp.csr_matrix(local.lindbladian().data.as_scipy()) if (
        dephasing or emission or pumping) else sp.csr_matrix((nds * nds, nds * nds))
    rows, cols, vals = [], [], []
    # per block: (offset, d, H, [D_k superop])
    energy_ops: list[tuple[int, int, qutip.Qobj | None, list[qutip.Qobj | None]]] = []
    for J, off in _blocks(N):
        d = int(round(2 * J)) + 1
        if d == 1:
            energy_ops.append((off, d, None, []))
            continue
        model = davies_model(hamiltonian(J), [(A(J), g) for A, g in baths])
        H = model.H
        S = sp.coo_matrix(model.L.data.as_scipy())
        a, b = S.row % d, S.row // d          # column-stacked: index a + d b <-> (a, b)
        a2, b2 = S.col % d, S.col // d
        rows.append(nds * (off + a) + (off + b))
        cols.append(nds * (off + a2) + (off + b2))
        vals.append(S.data)
        dis = [sum(qutip.lindblad_dissipator(c) for c, _ in jumps) if jumps else None
               for jumps in model.jumps]
        energy_ops.append((off, d, H, dis))
    if rows:
        C = sp.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                          shape=(nds * nds, nds * nds))
        L = L + C
    # physical (block-diagonal) indices only
    phys = np.concatenate([
        np.array([nds * (off + i) + off + k for i in range(int(round(2 * J)) + 1)
                  for k in range(int(round(2 * J)) + 1)]) for J, off in _blocks(N)])
    Lp = sp.csr_matrix(L[phys][:, phys]).astype(complex)
    where = np.full(nds * nds, -1)
    where[phys] = np.arange(phys.size)
    diag_idx = where[np.arange(nds) * (nds + 1)]
    build = time.perf_counter() - t0
    t1 = time.perf_counter()
    r0 = int(diag_idx[0])
    keep = sp.diags(np.where(np.arange(phys.size) == r0, 0.0, 1.0))
    trace_row = sp.csr_matrix((np.ones(nds), (np.full(nds, r0), diag_idx)),
                              shape=Lp.shape)
    M = keep @ Lp + trace_row
    rhs = np.zeros(phys.size, dtype=complex)
    rhs[r0] = 1.0
    try:
        x = spla.spsolve(sp.csc_matrix(M), rhs)
    except RuntimeError as err:
        raise NumericalError(f"steady state: {err}") from None
    norm = max(float(abs(Lp).max()), 1e-300)
    res = float(np.max(np.abs(Lp @ x))) / (norm * float(np.max(np.abs(x))))
    if not np.isfinite(res) or res > 1e-8:
        raise NumericalError(f"steady-state residual {res:.2e} exceeds 1e-8")
    rho_full = np.zeros(nds * nds, dtype=complex)
    rho_full[phys] = x
    rho = rho_full.reshape(nds, nds)
    currents = np.zeros(len(baths))
    P_J: dict[float, float] = {}
    for (J, off), (_, d, H, dis) in zip(_blocks(N), energy_ops):
        block = rho[off:off + d, off:off + d]
        P_J[float(J)] = float(np.real(np.trace(block)))
        if H is None:
            continue
        r = qutip.Qobj(block, dims=H.dims)
        vec = qutip.operator_to_vector(r)
        for k, D in enumerate(dis):
            if D is not None:
                currents[k] += float(np.real(qutip.expect(H, qutip.vector_to_operator(D * vec))))
    return LocalNoiseSteadyState(currents=tuple(float(c) for c in currents), P_J=P_J,
                                 residual=res, unknowns=int(phys.size), build_seconds=build,
                                 solve_seconds=time.perf_counter() - t1)

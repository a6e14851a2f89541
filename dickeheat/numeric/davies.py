r"""Secular Born–Markov (Davies) master equations in QuTiP, with degenerate spectra.

For :math:`H_S` with eigenvalues :math:`\varepsilon` (projectors :math:`\Pi_\varepsilon`, any
degeneracy) and baths coupled through :math:`A_\nu \otimes B_\nu` with rate functions
:math:`\gamma_\nu(\omega)`, the secular Born–Markov master equation is

.. math::

    \dot\rho = -i[H_S, \rho] + \sum_\nu \sum_\omega \gamma_\nu(\omega)\,
        \mathcal D[A_\nu(\omega)]\rho, \qquad
    A_\nu(\omega) = \sum_{\varepsilon' - \varepsilon = \omega}
        \Pi_\varepsilon A_\nu \Pi_{\varepsilon'} ,

the sum over *pairs of eigenvalues* with the same Bohr frequency, so that within a degenerate
eigenspace the jump operators carry its coherences (populations and coherences of degenerate
levels are coupled — the reason a Pauli equation needs a non-degenerate basis). The Lamb shift
is neglected. Each :math:`A_\nu(\omega)` lowers the energy by :math:`\omega`: the energy the
system gains from bath ν is counted with weight :math:`-\omega` per jump, and the current is
:math:`I_\nu = \mathrm{Tr}[H_S\,\mathcal D_\nu(\rho)]`.

Everything is built with QuTiP (``Qobj``, ``liouvillian``, ``lindblad_dissipator``,
``countstat_current_noise``); this module is the independent, operator-level route against
which rate equations are checked, for small Hilbert spaces (dense eigendecomposition).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import qutip
import scipy.linalg as la

from dickeheat.errors import NumericalError, ParameterError

__all__ = ["DaviesModel", "davies_model", "restrict", "constrained_steady_state",
           "bath_current", "bath_counting"]


@dataclasses.dataclass(frozen=True, eq=False)
class DaviesModel:
    """A secular master equation: Liouvillian and, per bath, its jump operators.

    ``jumps[k]`` is a list of ``(c, omega)``: :math:`c = \\sqrt{\\gamma(\\omega)}A(\\omega)`
    and the Bohr frequency (energy lost by the system per jump).
    """

    H: qutip.Qobj
    L: qutip.Qobj
    jumps: tuple[tuple[tuple[qutip.Qobj, float], ...], ...]


def _energy_groups(evals: np.ndarray, tol: float) -> list[np.ndarray]:
    order = np.argsort(evals)
    groups, current = [], [order[0]]
    for i in order[1:]:
        if abs(evals[i] - evals[current[-1]]) <= tol:
            current.append(i)
        else:
            groups.append(np.array(current))
            current = [i]
    groups.append(np.array(current))
    return groups


def davies_model(H: qutip.Qobj,
                 baths: Sequence[tuple[qutip.Qobj, Callable[[np.ndarray], Any]]],
                 *, tol: float = 1e-9) -> DaviesModel:
    r"""Build the secular master equation of ``H`` with ``baths = [(A, gamma), ...]``.

    Parameters
    ----------
    H
        System Hamiltonian (dense diagonalisation: small spaces only).
    baths
        Coupling operator and rate function :math:`\gamma(\omega)` of each bath (vectorised).
    tol
        Energies closer than ``tol`` (relative to the spectral width) count as degenerate,
        and Bohr frequencies closer than that as equal.
    """
    if not baths:
        raise ParameterError("baths must contain at least one (A, gamma) pair")
    evals, evecs = la.eigh(H.full())
    width = max(float(np.ptp(evals)), 1.0)
    groups = _energy_groups(evals, tol * width)
    eps = np.array([evals[g].mean() for g in groups])
    dims = H.dims
    proj = []
    for g in groups:
        V = evecs[:, g]
        proj.append(V @ V.conj().T)
    all_jumps = []
    c_all = []
    for A, gamma in baths:
        Af = A.full()
        by_freq: dict[float, list[tuple[int, int]]] = {}
        freqs: list[float] = []
        for i in range(len(groups)):
            for k in range(len(groups)):
                w = eps[k] - eps[i]
                key = next((f for f in freqs if abs(f - w) <= tol * width), None)
                if key is None:
                    freqs.append(w)
                    key = w
                by_freq.setdefault(key, []).append((i, k))
        jumps = []
        for w, pairs in by_freq.items():
            Aw = sum(proj[i] @ Af @ proj[k] for i, k in pairs)
            if np.max(np.abs(Aw)) <= 1e-12 * max(np.max(np.abs(Af)), 1.0):
                continue
            rate = float(np.asarray(gamma(np.array([w]))).ravel()[0])
            if rate < 0:
                raise NumericalError(f"negative rate gamma({w:g}) = {rate:g}")
            if rate == 0.0:
                continue
            Aw = np.where(np.abs(Aw) > 1e-14 * np.max(np.abs(Aw)), Aw, 0.0)
            # no absolute tidy-up (QuTiP's default drops entries below 1e-14, which would
            # delete every rate below ~1e-28 and break detailed balance at low temperature);
            # Aw was tidied relative to its own size above
            with qutip.CoreOptions(auto_tidyup=False):
                c = qutip.Qobj(np.sqrt(rate) * Aw, dims=dims).to("CSR")
            jumps.append((c, float(w)))
            c_all.append(c)
        all_jumps.append(tuple(jumps))
    H = H.to("CSR")
    with qutip.CoreOptions(auto_tidyup=False):
        L = qutip.liouvillian(H, c_all)
    return DaviesModel(H=H, L=L, jumps=tuple(all_jumps))


def restrict(model: DaviesModel, V: np.ndarray, *, tol: float = 1e-10) -> DaviesModel:
    r"""The same master equation on an invariant subspace (isometry ``V``, columns a basis).

    The jump operators are built in the full space first (so degeneracies are treated
    there) and then compressed, :math:`c \to V^\dagger c V`. Use this to obtain a Liouvillian
    with a unique stationary state when symmetries split the full one (QuTiP's
    ``countstat_current_noise`` solves :math:`(L + i0^+)x = y`; with a second zero mode the
    round-off components of ``y`` along it are amplified by :math:`10^{15}`).

    Raises
    ------
    ParameterError
        If the subspace is not invariant under ``H`` and every jump operator.
    """
    V = np.asarray(V, dtype=complex)
    P = V @ V.conj().T

    def compress(op: qutip.Qobj) -> qutip.Qobj:
        M = op.full()
        leak = np.linalg.norm(M @ V - P @ M @ V) + np.linalg.norm(M.conj().T @ V
                                                                  - P @ M.conj().T @ V)
        if leak > tol * max(float(np.linalg.norm(M)), 1.0):
            raise ParameterError(f"the subspace is not invariant (leak {leak:.2e})")
        return qutip.Qobj(V.conj().T @ M @ V)

    H = compress(model.H)
    jumps = tuple(tuple((compress(c), w) for c, w in bath) for bath in model.jumps)
    L = qutip.liouvillian(H, [c for bath in jumps for c, _ in bath])
    return DaviesModel(H=H, L=L, jumps=jumps)


def constrained_steady_state(L: qutip.Qobj, constraints: Sequence[tuple[qutip.Qobj, float]],
                             ) -> tuple[qutip.Qobj, float, int]:
    r"""The stationary :math:`\rho` with :math:`\mathrm{Tr}[O_k\rho] = v_k` for each constraint.

    For a Liouvillian with several stationary states (conserved quantities), the constraints
    (trace, a symmetry's expectation value) select one. Solved densely by least squares on
    :math:`[L; \mathrm{vec}(O_k)^\dagger]`. Returns ``(rho, residual, kernel_dim)`` with the
    relative residual :math:`\|L\rho\|/\|L\|` and the dimension of the kernel of :math:`L`.

    Raises
    ------
    NumericalError
        If the constraints do not select a unique state.
    """
    Lm = L.full()
    n2 = Lm.shape[0]
    d = int(round(np.sqrt(n2)))
    rows = [Lm]
    rhs = [np.zeros(n2, dtype=complex)]
    for O, v in constraints:
        # Tr[O rho] = sum_ij O_ji rho_ij; column-stacked vec(rho)[i + d j] = rho_ij
        rows.append(O.full().T.reshape(1, -1, order="F"))
        rhs.append(np.array([v], dtype=complex))
    M = np.vstack(rows)
    b = np.concatenate(rhs)
    s = la.svdvals(M)
    if s[-1] <= 1e-10 * s[0]:
        raise NumericalError("the constraints do not select a unique stationary state")
    x, *_ = la.lstsq(M, b)
    rho = qutip.Qobj(x.reshape(d, d, order="F"), dims=L.dims[0])
    rho = 0.5 * (rho + rho.dag())
    sL = la.svdvals(Lm)
    kernel = int(np.sum(sL <= 1e-10 * sL[0]))
    res = float(np.linalg.norm(Lm @ qutip.operator_to_vector(rho).full().ravel())
                / np.linalg.norm(Lm))
    return rho, res, kernel


def bath_current(model: DaviesModel, k: int, rho: qutip.Qobj) -> float:
    r""":math:`I_k = \mathrm{Tr}[H\,\mathcal D_k(\rho)]`, energy from bath ``k`` into the system."""
    D = sum(qutip.lindblad_dissipator(c) for c, _ in model.jumps[k])
    return float(qutip.expect(model.H, qutip.vector_to_operator(D * qutip.operator_to_vector(rho))))


def bath_counting(model: DaviesModel, k: int, rho: qutip.Qobj) -> tuple[float, float]:
    r"""Mean and noise of the energy from bath ``k`` by ``qutip.countstat_current_noise``.

    Jump :math:`c` with Bohr frequency :math:`\omega` is weighted :math:`-\omega` in the net
    current superoperator (``I_ops``) and :math:`\omega^2` in the total one (``J_ops``); the
    steady state is passed explicitly (``rhoss``).
    """
    I_op = sum((-w) * qutip.sprepost(c, c.dag()) for c, w in model.jumps[k])
    J_op = sum((w * w) * qutip.sprepost(c, c.dag()) for c, w in model.jumps[k])
    current, noise, _ = qutip.countstat_current_noise(
        model.L, [], rhoss=rho, I_ops=[I_op], J_ops=[J_op])
    return float(np.ravel(current)[0]), float(np.ravel(noise)[0])

r"""Dense Redfield and secular (GKSL) master equations for small systems, and their heat currents.

A system Hamiltonian ``H`` (a Hermitian array) couples to one bath through channels
:math:`A_k \otimes B_k`; :class:`Coupling` holds the operators :math:`A_k` and one
:class:`~dickeheat.symbolic.bath.Bath` per channel (independent channels,
:math:`C_{kl} = \delta_{kl} C_k`). In the energy eigenbasis
:math:`H = \sum_a E_a|a\rangle\langle a|`

.. math::

    (\Lambda_k)_{ab} = \Gamma_k(E_b - E_a)\,(A_k)_{ab},\qquad
    \mathcal{D}[\rho] = \sum_k \Lambda_k\rho A_k - A_k\Lambda_k\rho + \mathrm{H.c.},

with :math:`\Gamma_k(\nu) = \int_0^\infty C_k(s)e^{i\nu s}ds` (Lamb-shift part included). The
secular (GKSL) dissipator keeps equal Bohr frequencies only, with rates :math:`S_k(\omega)` and
no Lamb shift. The heat current is :math:`J = \mathrm{Tr}[H\mathcal{D}[\rho]]`.

Superoperators act on row-major vectorised matrices: ``vec(X @ rho @ Y) = kron(X, Y.T) @ vec(rho)``.

>>> import numpy as np
>>> from dickeheat.symbolic.bath import WhiteNoise
>>> H = np.diag([0.5, -0.5]); A = np.array([[0, 1], [1, 0]])
>>> c = Coupling((A,), (WhiteNoise(2.0),))
>>> round(redfield_current(H, c, np.diag([1.0, 0.0])), 12)   # -(c/2)<[A,[A,H]]> = -c
-2.0
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np
from scipy import linalg, sparse
from scipy.sparse import linalg as splinalg

from dickeheat.errors import NumericalError, ParameterError
from dickeheat.symbolic.bath import Bath

__all__ = [
    "Coupling",
    "eigensystem",
    "evolve",
    "gksl_current",
    "gksl_dissipator",
    "gksl_generator",
    "lambda_matrices",
    "redfield_current",
    "redfield_dissipator",
    "redfield_generator",
    "steady_state_of",
    "unvec",
    "vec",
]


def _hermitian(name: str, M: np.ndarray) -> np.ndarray:
    M = np.asarray(M, dtype=complex)
    if M.ndim != 2 or M.shape[0] != M.shape[1]:
        raise ParameterError(f"{name} must be a square matrix, got shape {M.shape}")
    if not np.allclose(M, M.conj().T, atol=1e-10 * max(1.0, np.abs(M).max())):
        raise ParameterError(f"{name} must be Hermitian")
    return M


@dataclasses.dataclass(frozen=True)
class Coupling:
    """The channels :math:`A_k \\otimes B_k` of one bath: operators and one bath per channel."""

    operators: tuple[np.ndarray, ...]
    baths: tuple[Bath, ...]

    def __post_init__(self) -> None:
        ops = tuple(_hermitian(f"A_{k}", A) for k, A in enumerate(self.operators))
        if not ops:
            raise ParameterError("a coupling needs at least one channel")
        if len(self.baths) != len(ops):
            raise ParameterError(f"one bath per channel is required: {len(ops)} operators, "
                                 f"{len(self.baths)} baths")
        for b in self.baths:
            if not isinstance(b, Bath):
                raise ParameterError(f"baths must be Bath instances, got {type(b).__name__}")
        object.__setattr__(self, "operators", ops)
        object.__setattr__(self, "baths", tuple(self.baths))

    def xi_matrix(self) -> np.ndarray:
        """:math:`\\Xi_{kl} = \\delta_{kl}\\int_0^\\infty |C_k(s)| ds`."""
        return np.diag([b.xi_value() for b in self.baths])


def eigensystem(H: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues and eigenvectors (columns) of a Hermitian ``H``."""
    E, V = np.linalg.eigh(_hermitian("H", H))
    return E, V


def _on_grid(f, omega: np.ndarray) -> np.ndarray:
    """``f`` evaluated once per distinct Bohr frequency (rounded to 1e-12) and broadcast."""
    keys = np.round(omega, 12)
    uniq, inverse = np.unique(keys, return_inverse=True)
    values = np.asarray(f(uniq), dtype=complex)
    return values[inverse].reshape(omega.shape)


def lambda_matrices(H: np.ndarray, coupling: Coupling) -> list[np.ndarray]:
    r""":math:`\Lambda_k = \int_0^\infty C_k(s)\tilde A_k(-s)\,ds` in the original basis."""
    E, V = eigensystem(H)
    omega = E[None, :] - E[:, None]  # omega_ab = E_b - E_a
    out = []
    for A, bath in zip(coupling.operators, coupling.baths):
        Ae = V.conj().T @ A @ V
        mask = np.abs(Ae) > 1e-15 * max(1.0, float(np.abs(Ae).max()))
        G = np.zeros(omega.shape, dtype=complex)
        G[mask] = _on_grid(bath.one_sided_function(), omega[mask])  # only where A_ab != 0
        out.append(V @ (G * Ae) @ V.conj().T)
    return out


def redfield_dissipator(H: np.ndarray, coupling: Coupling, rho: np.ndarray) -> np.ndarray:
    """:math:`\\mathcal{D}[\\rho]` of the Redfield equation (Eq. 6 form)."""
    rho = np.asarray(rho, dtype=complex)
    X = np.zeros_like(rho)
    for A, Lam in zip(coupling.operators, lambda_matrices(H, coupling)):
        X += Lam @ rho @ A - A @ Lam @ rho
    return X + X.conj().T


def redfield_current(H: np.ndarray, coupling: Coupling, rho: np.ndarray) -> float:
    """:math:`J = \\mathrm{Tr}[H\\mathcal{D}[\\rho]]` with the Redfield dissipator."""
    return float(np.real(np.trace(np.asarray(H) @ redfield_dissipator(H, coupling, rho))))


def _bohr_blocks(H: np.ndarray, A: np.ndarray, tol: float) -> list[tuple[float, np.ndarray]]:
    """``[(omega, A_omega)]`` in the original basis, Bohr frequencies grouped within ``tol``."""
    E, V = eigensystem(H)
    Ae = V.conj().T @ A @ V
    omega = E[None, :] - E[:, None]
    mask = np.abs(Ae) > 1e-14 * max(1.0, np.abs(Ae).max())
    values = np.sort(omega[mask])
    groups: list[float] = []
    for w in values:
        if not groups or w - groups[-1] > tol:
            groups.append(w)
    out = []
    for w in groups:
        sel = mask & (np.abs(omega - w) <= tol)
        out.append((float(np.mean(omega[sel])), V @ np.where(sel, Ae, 0) @ V.conj().T))
    return out


def gksl_dissipator(H: np.ndarray, coupling: Coupling, rho: np.ndarray, *,
                    tol: float = 1e-9) -> np.ndarray:
    """The secular dissipator :math:`\\sum_\\omega S(\\omega)\\mathcal{D}[A_\\omega]\\rho`."""
    rho = np.asarray(rho, dtype=complex)
    out = np.zeros_like(rho)
    for A, bath in zip(coupling.operators, coupling.baths):
        S = bath.spectrum_function()
        for w, Aw in _bohr_blocks(H, A, tol):
            rate = float(S(np.array([w]))[0])
            AdA = Aw.conj().T @ Aw
            out += rate * (Aw @ rho @ Aw.conj().T - 0.5 * (AdA @ rho + rho @ AdA))
    return out


def gksl_current(H: np.ndarray, coupling: Coupling, rho: np.ndarray) -> float:
    """:math:`J^{(G)} = \\mathrm{Tr}[H\\mathcal{D}^{(G)}[\\rho]]`."""
    return float(np.real(np.trace(np.asarray(H) @ gksl_dissipator(H, coupling, rho))))


def vec(rho: np.ndarray) -> np.ndarray:
    return np.asarray(rho, dtype=complex).reshape(-1)


def unvec(v: np.ndarray) -> np.ndarray:
    d = round(np.sqrt(v.size))
    return np.asarray(v).reshape(d, d)


def _hamiltonian_part(H: np.ndarray) -> np.ndarray:
    eye = np.eye(H.shape[0])
    return -1j * (np.kron(H, eye) - np.kron(eye, H.T))


def redfield_generator(H: np.ndarray, couplings: Sequence[Coupling]) -> np.ndarray:
    r"""The Redfield generator :math:`-i[H,\cdot] + \sum_a\mathcal{D}_a` as a dense matrix."""
    H = _hermitian("H", H)
    eye = np.eye(H.shape[0])
    Lsup = _hamiltonian_part(H)
    for c in couplings:
        for A, Lam in zip(c.operators, lambda_matrices(H, c)):
            Ld = Lam.conj().T
            Lsup += (np.kron(Lam, A.T) + np.kron(A, Ld.T)
                     - np.kron(A @ Lam, eye) - np.kron(eye, (Ld @ A).T))
    return Lsup


def gksl_generator(H: np.ndarray, couplings: Sequence[Coupling], *,
                   tol: float = 1e-9) -> np.ndarray:
    r"""The secular (GKSL) generator :math:`-i[H,\cdot] + \sum_a\mathcal{D}^{(G)}_a`."""
    H = _hermitian("H", H)
    eye = np.eye(H.shape[0])
    Lsup = _hamiltonian_part(H)
    for c in couplings:
        for A, bath in zip(c.operators, c.baths):
            S = bath.spectrum_function()
            for w, Aw in _bohr_blocks(H, A, tol):
                rate = float(S(np.array([w]))[0])
                AdA = Aw.conj().T @ Aw
                Lsup += rate * (np.kron(Aw, Aw.conj()) - 0.5 * np.kron(AdA, eye)
                                - 0.5 * np.kron(eye, AdA.T))
    return Lsup


def evolve(generator: np.ndarray, rho0: np.ndarray, times: Sequence[float]) -> list[np.ndarray]:
    """:math:`\\rho(t) = e^{\\mathcal{L}t}\\rho_0` at each time (``times`` increasing, >= 0)."""
    t = np.asarray(times, dtype=float)
    if t.ndim != 1 or t.size == 0 or np.any(t < 0) or np.any(np.diff(t) <= 0):
        raise ParameterError("times must be a nonempty increasing sequence of values >= 0")
    if t.size == 1:
        return [unvec(linalg.expm(generator * t[0]) @ vec(rho0))]
    out = splinalg.expm_multiply(sparse.csr_matrix(generator), vec(rho0), start=t[0],
                                 stop=t[-1], num=t.size, endpoint=True)
    grid = np.linspace(t[0], t[-1], t.size)
    if not np.allclose(grid, t, rtol=1e-12, atol=1e-12):
        out = [linalg.expm(generator * ti) @ vec(rho0) for ti in t]
    return [unvec(v) for v in out]


def steady_state_of(generator: np.ndarray, *, tol: float = 1e-8) -> np.ndarray:
    """The unique trace-one null vector of ``generator``.

    Raises
    ------
    NumericalError
        If the null space is not one-dimensional (the steady state is not unique).
    """
    d = round(np.sqrt(generator.shape[0]))
    _u, s, vh = np.linalg.svd(generator)
    null = np.sum(s < tol * max(1.0, s[0]))
    if null != 1:
        raise NumericalError(f"the generator has a {null}-dimensional null space; the steady "
                             "state is not unique (restrict to a symmetry sector)")
    rho = vh[-1].conj().reshape(d, d)
    rho = rho / np.trace(rho)
    return 0.5 * (rho + rho.conj().T)

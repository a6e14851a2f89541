r"""Exact steady state of :class:`~dickeheat.numeric.exchange_spins.ExchangeCoupledSpins`.

The steady state is solved in the charge-0 sector (real form, see
:mod:`dickeheat.numeric.exchange_spins`), about :math:`\tfrac23(N+1)^3` unknowns, from the
bordered system :math:`\mathcal L' x = \mathcal L x + w\,\mathrm{tr}(x) = w` (``tr w ≠ 0``), whose
unique solution is the normalised steady state; the same operator, applied to a traceless right
hand side, gives the traceless solution of :math:`\mathcal L y = v` that the noise needs.

Methods
    ``direct``: sparse LU (SuperLU) of :math:`\mathcal L'`; fill-in grows like a 3-d grid, so it
    is meant for small N (default below N = 12).
    ``gmres``: GMRES on :math:`\mathcal L'` with a two-level preconditioner: an exact coarse
    solve on the entries of coherence order :math:`|n_{1a} - n_{1b}| \le 2` (populations and
    the low coherences that carry the drive; sparse LU, about :math:`5(N+1)^2` unknowns),
    followed by one symmetric block Gauss–Seidel sweep over the excitation-number blocks M,
    each block solved exactly as the Sylvester equation :math:`K_M X + X K_M^T = R` (real Schur
    forms computed once, LAPACK ``trsyl``). About 60 iterations at N = 100.

The residual is :math:`\|\mathcal L r\|_2 / (s\,\|r\|_2)` with s the model's
:attr:`~dickeheat.numeric.exchange_spins.ExchangeCoupledSpins.rate_scale`; above
``residual_tol`` a :class:`~dickeheat.errors.NumericalError` is raised.

>>> from dickeheat.numeric.exchange_spins import ExchangeCoupledSpins
>>> m = ExchangeCoupledSpins.thermal(N=3, E1=1.0, E2=2.0, beta1=2.0, beta2=0.5,
...                                  coupling=0.2, Gamma0=0.1)
>>> ss = solve_steady_state(m)
>>> ss.residual < 1e-12, abs(ss.trace - 1.0) < 1e-12
(True, True)
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable

import numpy as np
import scipy.linalg as sla
import scipy.sparse as sp
import scipy.sparse.linalg as spla

from dickeheat.errors import NumericalError, ParameterError
from dickeheat.numeric.exchange_spins import (
    ExchangeCoupledSpins,
    SectorLayout,
    block_generator,
    sector_layout,
    sector_liouvillian,
)
from dickeheat.numeric.reduced import available_memory

__all__ = [
    "FILL_COARSE",
    "FILL_DIRECT",
    "GMRES_RESTART",
    "METHODS",
    "SectorSolver",
    "SectorSteadyState",
    "check_memory",
    "lu_fill",
    "memory_estimate",
    "solve_steady_state",
]

METHODS: tuple[str, ...] = ("auto", "direct", "gmres")
#: Krylov vectors kept by GMRES (memory: this many real vectors of the sector)
GMRES_RESTART = 150
_DIRECT_BELOW = 12
#: coherence order kept by the coarse space of the GMRES preconditioner
COARSE_ORDER = 2


#: measured fill-in (nonzeros of L + U) of the sparse LU factors, fitted as c N^a:
#: the direct solve of the bordered q = 0 sector (SuperLU, COLAMD; N = 8…16, within 3 %) and
#: the coarse-space LU of the GMRES preconditioner (MMD_AT_PLUS_A; N = 12…64, within 4 %)
FILL_DIRECT = (4.42, 4.48)
FILL_COARSE = (49.4, 2.63)
#: bytes per stored nonzero of a factor (value + row index + slack)
_BYTES_PER_FILL = 16
_FIT_MARGIN = 1.5


def lu_fill(N: int, method: str) -> int:
    """Estimated nonzeros of the LU factors for ``method`` ("direct" or "gmres": the
    preconditioner's coarse LU), from the measured fits :data:`FILL_DIRECT`,
    :data:`FILL_COARSE` with a margin of 1.5."""
    c, a = FILL_DIRECT if method == "direct" else FILL_COARSE
    return int(_FIT_MARGIN * c * float(N) ** a)


def memory_estimate(N: int, method: str = "gmres") -> int:
    """Peak working memory in bytes of the q = 0 solve for N (before anything is allocated),
    including the fill-in of the sparse LU factors (direct) or of the preconditioner's coarse
    LU (gmres), both from measured fits."""
    n = sum((min(M, 2 * N - M, N) + 1) ** 2 for M in range(2 * N + 1))
    nnz = 9 * n
    base = nnz * 12 * 3 + 8 * n * 12                       # matrix (+ build copies), vectors
    fill = _BYTES_PER_FILL * lu_fill(N, method)
    if method == "direct":
        return base + fill
    schur = 16 * sum((min(M, 2 * N - M, N) + 1) ** 2 for M in range(2 * N + 1))
    coarse_ops = 12 * 3 * nnz // 4                         # R, P_c and R L P_c
    return base + 8 * n * (GMRES_RESTART + 4) + schur + fill + coarse_ops


def check_memory(N: int, method: str = "gmres", limit: int | None = None) -> int:
    """The estimate of :func:`memory_estimate`; :class:`ParameterError` (naming N) above the limit.

    ``limit`` defaults to 80 % of the memory the operating system reports available.
    """
    need = memory_estimate(N, method)
    if limit is None:
        avail = available_memory()
        limit = None if avail is None else int(0.8 * avail)
    if limit is not None and need > limit:
        raise ParameterError(
            f"N = {N} needs about {need / 1e9:.1f} GB of working memory for the exact steady "
            f"state (method {method!r}), more than the {limit / 1e9:.1f} GB available; "
            f"choose a smaller N")
    return need


@dataclasses.dataclass(frozen=True)
class SectorSteadyState:
    """The steady state in the real-form charge-0 sector and how it was obtained.

    ``blocks[i]`` is the real symmetric block r_M of M = ``layout.kets[i]`` excitations;
    :meth:`density_block` returns the complex block ρ_M.
    """

    model: ExchangeCoupledSpins
    layout: SectorLayout
    vector: np.ndarray
    residual: float
    trace: float
    method: str
    iterations: int
    solve_seconds: float

    @property
    def blocks(self) -> list[np.ndarray]:
        lay = self.layout
        return [self.vector[lay.offsets[i]:lay.offsets[i + 1]].reshape(lay.shapes[i])
                for i in range(len(lay.kets))]

    def density_block(self, M: int) -> np.ndarray:
        """The complex block ρ_M (n1 ascending) of the steady state."""
        from dickeheat.numeric.exchange_spins import block_range

        lo, hi = block_range(self.model.N, M)
        phase = 1j ** (np.arange(lo, hi + 1) % 4)
        r = self.blocks[self.layout.index(M)]
        return phase[:, None] * r * phase.conj()[None, :]


class SectorSolver:
    """The bordered q = 0 operator of a model with its preconditioner, for repeated solves.

    Parameters
    ----------
    model
        The model.
    method
        ``"auto"`` (direct below N = 12, else gmres), ``"direct"`` or ``"gmres"``.
    tol
        Relative tolerance of GMRES.
    memory_limit
        Bytes; default 80 % of the available memory. Checked before anything large is built.
    """

    def __init__(self, model: ExchangeCoupledSpins, *, method: str = "auto", tol: float = 1e-12,
                 memory_limit: int | None = None) -> None:
        if method not in METHODS:
            raise ParameterError(f"method must be one of {list(METHODS)}, got {method!r}")
        if method == "auto":
            method = "direct" if model.N < _DIRECT_BELOW else "gmres"
        check_memory(model.N, method, memory_limit)
        self.model, self.method, self.tol = model, method, float(tol)
        self.layout = sector_layout(model.N, 0)
        self.L = sector_liouvillian(model, 0, self.layout)
        self.trace = self.layout.trace_vector()
        self.scale = model.rate_scale
        self.w = np.zeros(self.layout.dimension)
        self.w[0] = self.scale                     # tr(w) = scale > 0: not in the range of L
        self._lu: spla.SuperLU | None = None
        self._prec: Callable[[np.ndarray], np.ndarray] | None = None

    # -- the bordered operator -------------------------------------------------------------
    def _matvec(self, x: np.ndarray) -> np.ndarray:
        return self.L @ x + self.w * (self.trace @ x)

    def solve(self, rhs: np.ndarray) -> tuple[np.ndarray, int]:
        """Solve :math:`\\mathcal L' x = b`; returns ``x`` and the iteration count."""
        rhs = np.asarray(rhs, dtype=float)
        if self.method == "direct":
            lu = self._lu
            if lu is None:
                lu = self._lu = spla.splu(sp.csc_matrix(self._bordered_sparse()))
            return lu.solve(rhs), 0
        if self._prec is None:
            self._prec = _two_level(self._matvec, self.layout, self.L, self.w, self.trace,
                                    _block_gauss_seidel(self.model, self.layout, self.L))
        n = self.layout.dimension
        A = spla.LinearOperator((n, n), matvec=self._matvec, dtype=float)
        P = spla.LinearOperator((n, n), matvec=self._prec, dtype=float)
        count = [0]

        def cb(_: object) -> None:
            count[0] += 1

        x, info = spla.gmres(A, rhs, M=P, rtol=self.tol, atol=0.0,
                             restart=min(GMRES_RESTART, n), maxiter=20,
                             callback=cb, callback_type="pr_norm")
        if info != 0:
            raise NumericalError(f"GMRES did not converge to rtol {self.tol:g} "
                                 f"({count[0]} iterations, info {info})")
        return x, count[0]

    def _bordered_sparse(self) -> sp.csr_matrix:
        """L + w tr^T (w has one entry: one extra dense row)."""
        return (self.L + sp.csr_matrix(self.w[:, None] * self.trace[None, :])
                if self.layout.dimension <= 2000 else
                self.L + sp.csr_matrix((self.scale * self.trace[self.trace > 0],
                                        (np.zeros(int((self.trace > 0).sum()), dtype=int),
                                         np.nonzero(self.trace)[0])), shape=self.L.shape))

    def relative_residual(self, x: np.ndarray) -> float:
        nx = float(np.linalg.norm(x))
        return float(np.linalg.norm(self.L @ x)) / (self.scale * nx) if nx > 0 else np.inf

    def drazin_solve(self, v: np.ndarray) -> np.ndarray:
        """The traceless y with :math:`\\mathcal L y = v` for a traceless v (real form)."""
        y, _ = self.solve(v)
        return y


def _two_level(matvec: Callable[[np.ndarray], np.ndarray], lay: SectorLayout,
               L: sp.csr_matrix, w: np.ndarray, trace: np.ndarray,
               smoother: Callable[[np.ndarray], np.ndarray]) -> Callable[[np.ndarray], np.ndarray]:
    """Coarse correction on the block populations (one unknown per M) around ``smoother``.

    The coarse space holds, per block, the uniform diagonal state; restriction is the block
    trace. The coarse operator is the (bordered) birth–death chain of the block weights, which
    carries the slow diffusion in M that block Gauss–Seidel alone resolves only slowly.
    """
    parts = []                                   # entries |n1 - n1'| <= COARSE_ORDER
    for i, (d, _) in enumerate(lay.shapes):
        a, b = np.divmod(np.arange(d * d), d)
        parts.append(lay.offsets[i] + np.nonzero(np.abs(a - b) <= COARSE_ORDER)[0])
    sel = np.concatenate(parts)
    n, nc = lay.dimension, sel.size
    Pc = sp.csr_matrix((np.ones(nc), (sel, np.arange(nc))), shape=(n, nc))
    R = Pc.T.tocsr()
    Rw, tP = R @ w, trace @ Pc
    rw = np.nonzero(Rw)[0]
    tc = np.nonzero(tP)[0]
    border = sp.csr_matrix((np.outer(Rw[rw], tP[tc]).ravel(),
                            (np.repeat(rw, tc.size), np.tile(tc, rw.size))), shape=(nc, nc))
    Ac = (R @ L @ Pc + border).tocsc()
    lu = spla.splu(sp.csc_matrix(Ac), permc_spec="MMD_AT_PLUS_A")

    def coarse(r: np.ndarray) -> np.ndarray:
        return Pc @ lu.solve(R @ r)

    def apply(r: np.ndarray) -> np.ndarray:
        r = np.asarray(r, dtype=float).ravel()
        x = coarse(r)
        return x + smoother(r - matvec(x))

    return apply


def _block_gauss_seidel(model: ExchangeCoupledSpins, lay: SectorLayout,
                        L: sp.csr_matrix) -> Callable[[np.ndarray], np.ndarray]:
    """One symmetric block Gauss–Seidel sweep over the M blocks (exact Sylvester block solves)."""
    nb = len(lay.kets)
    off = lay.offsets
    schur = []
    eps = 1e-13 * model.rate_scale
    for M in lay.kets:
        K = block_generator(model, M) - eps * np.eye(lay.shapes[lay.index(M)][0])
        T, U = sla.schur(K, output="real")
        schur.append((T, U))
    lower = [L[off[i]:off[i + 1], off[i - 1]:off[i]] if i > 0 else None for i in range(nb)]
    upper = [L[off[i]:off[i + 1], off[i + 1]:off[i + 2]] if i < nb - 1 else None
             for i in range(nb)]
    trsyl = sla.lapack.dtrsyl

    def dsolve(i: int, r: np.ndarray) -> np.ndarray:
        T, U = schur[i]
        d = T.shape[0]
        C = U.T @ r.reshape(d, d) @ U
        Y, scale, info = trsyl(T, T, C, tranb="T")
        if info < 0:
            raise NumericalError(f"trsyl failed (info {info}) in block {lay.kets[i]}")
        return (U @ Y @ U.T).ravel() / scale

    def apply(r: np.ndarray) -> np.ndarray:
        r = np.asarray(r, dtype=float).ravel()
        y = np.empty_like(r)
        for i in range(nb):
            rhs = r[off[i]:off[i + 1]]
            if i > 0:
                rhs = rhs - lower[i] @ y[off[i - 1]:off[i]]
            y[off[i]:off[i + 1]] = dsolve(i, rhs)
        x = y.copy()
        for i in range(nb - 2, -1, -1):
            x[off[i]:off[i + 1]] -= dsolve(i, upper[i] @ x[off[i + 1]:off[i + 2]])
        return x

    return apply


def solve_steady_state(model: ExchangeCoupledSpins, *, method: str = "auto",
                       tol: float = 1e-12, residual_tol: float = 1e-8,
                       memory_limit: int | None = None,
                       solver: SectorSolver | None = None) -> SectorSteadyState:
    """The normalised steady state of ``model`` (see the module docstring for the methods)."""
    t0 = time.perf_counter()
    s = SectorSolver(model, method=method, tol=tol, memory_limit=memory_limit) \
        if solver is None else solver
    x, its = s.solve(s.w)
    trace = float(s.trace @ x)
    if not np.all(np.isfinite(x)) or abs(trace) < 1e-300:
        raise NumericalError("steady-state solve returned non-finite values or zero trace")
    x = x / trace
    res = s.relative_residual(x)
    if not res <= residual_tol:
        raise NumericalError(f"steady-state residual {res:.2e} exceeds {residual_tol:.0e} "
                             f"(method {s.method})")
    return SectorSteadyState(model, s.layout, x, res, float(s.trace @ x), s.method, its,
                             time.perf_counter() - t0)

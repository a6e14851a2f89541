r"""Full counting statistics of a classical rate equation: current, noise, third cumulant.

A rate equation :math:`\dot p = R_0 p` (column ``b`` holds the rates out of state ``b``, every
column sums to zero) and one counted process: the jumps :math:`b \to a` of rate
:math:`W_{ab}` (part of :math:`R_0`) each add :math:`d_{ab}` to a counter (for a bath ν, the
energy the system gains, :math:`d_{ab} = E_a - E_b`). With :math:`s = i\chi` the tilted generator

.. math:: R(s) = R_0 + W \circ (e^{s d} - 1)
          = R_0 + \sum_{k \ge 1} \frac{s^k}{k!} M_k, \qquad M_k = W \circ d^{\,k},

has a dominant eigenvalue :math:`\lambda(s)` with :math:`\lambda(0) = 0`, the scaled cumulant
generating function: the long-time cumulants per unit time are :math:`c_n = \lambda^{(n)}(0)`
(mean current :math:`c_1`, noise :math:`c_2`, third cumulant :math:`c_3`).

Route (Rayleigh–Schrödinger perturbation theory of :math:`\lambda(s)`, no finite differences):
with the stationary state :math:`p` (:math:`R_0 p = 0`, :math:`1^T p = 1`) and the Drazin
(group) inverse :math:`D` of :math:`R_0` (:math:`R_0 D y = y`, :math:`1^T D y = 0` for every
:math:`y` with :math:`1^T y = 0`),

.. math::

    c_1 &= 1^T M_1 p, \qquad v_1 = -D (M_1 - c_1) p,\\
    c_2 &= 1^T M_2 p + 2\,1^T M_1 v_1,\\
    v_2 &= -D\big(M_1 v_1 + \tfrac12 M_2 p - c_1 v_1 - \tfrac{c_2}{2} p\big),\\
    c_3 &= 6\,1^T\big(M_1 v_2 + \tfrac12 M_2 v_1\big) + 1^T M_3 p .

:math:`c_2` is Eq. (13)–(14) of the usual counting-field formalism (:math:`\sigma = i v_1`).
Both :math:`p` and :math:`D y` come from the bordered system

.. math:: K = \begin{pmatrix} R_0 & e_k \\ 1^T & 0 \end{pmatrix}, \qquad
          K\binom{p}{\mu} = \binom{0}{1}, \qquad K\binom{x}{\mu} = \binom{y}{0},

which is invertible whenever the zero eigenvalue of :math:`R_0` is simple; for
:math:`1^T y = 0` it forces :math:`\mu = 0` and :math:`x = D y`. The border column is the unit
vector :math:`e_k` of one state ``k``, *not* the vector of ones of the textbook bordered system:
the diagonal of a floating-point generator conserves probability only up to round-off
(~1e-16 of the largest rate), the multiplier :math:`\mu` absorbs that inconsistency, and with
a border of ones it enters every row, where long-lived states (escape rates of a many-level
system easily span fifteen decades) turn it into populations of order 1e-3 with the wrong
sign. Eliminating :math:`\mu` and the normalisation, the system with :math:`e_k` is the
generator with row and column ``k`` removed: :math:`x_k` is pinned (1 for the stationary
state, 0 for a Drazin solve), the other components solve the reduced system, and the result is
normalised (:math:`1^T p = 1`) or projected (:math:`x - (1^T x)\,p`) afterwards. ``k`` is the
state of largest escape rate (the round-off defect is then divided by the largest rate), or
the most populated state if that one is nearly empty. One factorisation serves the stationary
state and all Drazin solves. Measured on a 51-level generator with escape rates from 2e-8 to
2e5: current and noise agree with a 40-digit mpmath solve to 4e-15 (with a border of ones
the noise was off by 1 % and populations came out negative).

Small matrices are factorised densely (LAPACK), large or sparse ones with SuperLU
(:func:`scipy.sparse.linalg.splu`). Removing one row and column keeps a banded generator
banded (no dense border row), so the factorisation has no fill beyond the band: a pentadiagonal
generator of 50 000 states is solved in a fraction of a second.

The independent route for tests, :func:`cumulants_by_eigenvalue`, differentiates the dominant
eigenvalue of the dense tilted matrix (``numpy.linalg.eigvals``) by finite differences.

>>> import numpy as np
>>> W = np.array([[0.0, 2.0], [1.0, 0.0]])     # 0 -> 1 at rate 1, 1 -> 0 at rate 2
>>> R0 = W - np.diag(W.sum(axis=0))
>>> up = np.array([[0.0, 0.0], [1.0, 0.0]])   # count the 0 -> 1 jumps only
>>> cs = counting_statistics(R0, up, increments=np.ones((2, 2)))
>>> round(cs.current * 3, 12), round(cs.noise * 27, 12)   # flux 2/3, Fano factor 5/9
(2.0, 10.0)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any, cast

import numpy as np
import scipy.linalg as la
import scipy.sparse as sp
import scipy.sparse.linalg as spla

from dickeheat.errors import NumericalError, ParameterError

__all__ = [
    "CountingStatistics",
    "BorderedSolver",
    "jump_moments",
    "energy_increments",
    "counting_statistics",
    "cumulants",
    "checked_stationary",
    "mean_current",
    "stationary_residual",
    "coarse_grain",
    "cumulants_by_eigenvalue",
    "DENSE_MAX",
    "RESIDUAL_TOL",
]

#: matrices up to this size are factorised densely (unless given as scipy.sparse)
DENSE_MAX = 400
#: a stationary state whose relative residual exceeds this raises :class:`NumericalError`
RESIDUAL_TOL = 1e-9

Matrix = Any  # numpy.ndarray or a scipy.sparse matrix


@dataclasses.dataclass(frozen=True)
class CountingStatistics:
    """Long-time statistics of one counted process.

    Attributes
    ----------
    stationary
        The stationary populations :math:`p` (sum 1).
    current, noise, skewness
        The first three scaled cumulants :math:`c_1, c_2, c_3` of the counter per unit time.
    residual
        :func:`stationary_residual` of ``stationary``.
    """

    stationary: np.ndarray
    current: float
    noise: float
    skewness: float
    residual: float


def _is_sparse(A: Matrix) -> bool:
    return sp.issparse(A)


def _colsum(A: Matrix) -> np.ndarray:
    return np.asarray(A.sum(axis=0)).ravel()


def stationary_residual(R0: Matrix, p: np.ndarray) -> float:
    r"""Relative residual :math:`\|R_0 p\|_1 / \sum_b |R_{0,bb}|\,|p_b|` of a stationary state.

    The denominator is the total probability flux leaving the states, so the residual is the
    fraction of that flux that does not balance. Zero for an exact stationary state.
    """
    r = R0 @ p
    out = np.abs(R0.diagonal()) @ np.abs(p)
    if out == 0.0:
        return float(np.sum(np.abs(r)))
    return float(np.sum(np.abs(r)) / out)


class BorderedSolver:
    r"""One factorisation for the stationary state and all Drazin solves of a generator.

    Parameters
    ----------
    R0
        Generator (``n × n``, columns sum to zero), dense ``ndarray`` or ``scipy.sparse``.
    sparse
        Force the sparse (SuperLU) or dense (LAPACK) path; default: sparse when ``R0`` is
        sparse or larger than :data:`DENSE_MAX`.
    pin
        The state whose balance equation the normalisation replaces; default: the state of
        largest escape rate, or the most populated one if that one is nearly empty (which
        costs a second factorisation: give ``pin`` when the most populated state is known).
    permc_spec
        Column ordering of SuperLU (sparse path); ``"MMD_AT_PLUS_A"`` suits generators on
        2-D lattices (about half the fill of the default ``"COLAMD"``).
    diagonal_pivots
        Sparse path: eliminate on the diagonal in the symmetric ordering (SuperLU's
        ``SymmetricMode``, no row interchanges). Stable here: the matrix factorised is a
        principal submatrix of −R0, whose columns sum to zero, so it is column diagonally
        dominant and elimination without pivoting has growth at most 2. Saves ~10 % on the
        valve's 2-D lattice.

    Raises
    ------
    ParameterError
        If ``R0`` is not square or its columns do not sum to zero.
    NumericalError
        If the reduced matrix is singular (the zero eigenvalue of ``R0`` is not simple:
        the rate equation has more than one stationary state).
    """

    def __init__(self, R0: Matrix, *, sparse: bool | None = None, pin: int | None = None,
                 permc_spec: str = "COLAMD", diagonal_pivots: bool = False) -> None:
        n = R0.shape[0]
        if R0.ndim != 2 or R0.shape[1] != n or n < 1:
            raise ParameterError(f"R0 must be a square matrix, got shape {R0.shape}")
        diag = np.abs(np.asarray(R0.diagonal()))
        scale = float(diag.max()) if n else 0.0
        if not np.isfinite(scale):
            raise ParameterError("R0 must have finite entries")
        scale = scale if scale > 0.0 else 1.0
        cs = _colsum(R0)
        if np.max(np.abs(cs)) > 1e-10 * scale:
            raise ParameterError(
                f"R0 must conserve probability (columns summing to 0); largest column sum "
                f"{np.max(np.abs(cs)):.3g} against a rate scale {scale:.3g}"
            )
        self.n = n
        self.scale = scale
        self.R0 = R0
        use_sparse = (_is_sparse(R0) or n > DENSE_MAX) if sparse is None else sparse
        self.sparse = use_sparse
        self._permc_spec = permc_spec
        self._lu_options: dict = (
            {"diag_pivot_thresh": 0.0, "options": {"SymmetricMode": True}}
            if diagonal_pivots else {})
        self._R = sp.csc_matrix(R0) if use_sparse else (
            R0.toarray() if _is_sparse(R0) else np.asarray(R0, dtype=float))
        # pin first the state of largest escape rate; if its population turns out to be
        # negligible, pin the most populated state instead (compared in magnitude: with a
        # nearly empty pinned state the rounding of the solve can flip the sign of all the
        # others, and the largest *signed* entry is then the pinned state itself)
        k = int(np.argmax(diag)) if pin is None else int(pin)
        if not 0 <= k < n:
            raise ParameterError(f"pin must be a state index in [0, {n}), got {pin!r}")
        try:
            self._factor(k)
        except NumericalError:
            if pin is not None:
                raise
            # a nearly empty pinned state (population ~1e-200) leaves a reduced matrix that is
            # singular in floating point; pin the state of slowest escape (the most populated
            # one in such stiff cases) before concluding that the stationary state is not unique
            k = int(np.argmin(diag))
            self._factor(k)
        p = self._pinned_solution(np.zeros(n))
        if pin is None and n > 1 and abs(p[k]) < 1e-6 * np.max(np.abs(p)):
            k = int(np.argmax(np.abs(p)))
            self._factor(k)
            p = self._pinned_solution(np.zeros(n))
        if not np.all(np.isfinite(p)) or p.sum() <= 0.0:
            raise NumericalError("the rate matrix has no unique stationary state")
        self.pinned = k
        self._p = p / p.sum()

    def _factor(self, k: int) -> None:
        n = self.n
        keep = np.r_[0:k, k + 1:n]
        self._keep = keep
        self._k = k
        if n == 1:
            self._solve = lambda b: np.zeros(0)
            return
        if self.sparse:
            A = self._R[keep][:, keep]
            try:
                lu = spla.splu(sp.csc_matrix(A), permc_spec=self._permc_spec,
                               **self._lu_options)
            except RuntimeError as err:  # "Factor is exactly singular"
                raise NumericalError(
                    f"the rate matrix has more than one stationary state ({err})"
                ) from None
            self._solve = lu.solve
        else:
            A = self._R[np.ix_(keep, keep)]
            lu, piv = la.lu_factor(A, check_finite=True)
            if np.min(np.abs(np.diag(lu))) == 0.0:
                raise NumericalError("the rate matrix has more than one stationary state "
                                     "(singular reduced matrix)")
            self._solve = lambda b: la.lu_solve((lu, piv), b)

    def _pinned_solution(self, y: np.ndarray) -> np.ndarray:
        """A solution ``x`` of ``R0 x = y`` with ``x[k] = 1`` (``y = 0``) or ``x[k] = 0``."""
        k = self._k
        x = np.empty(self.n)
        if not np.any(y):
            x[k] = 1.0
            rhs = -self._column(k)[self._keep]
        else:
            x[k] = 0.0
            rhs = y[self._keep]
        x[self._keep] = self._solve(np.asarray(rhs, dtype=float))
        return x

    def _column(self, k: int) -> np.ndarray:
        if self.sparse:
            R = cast("sp.csc_matrix", self._R)  # sparse branch: built as csc_matrix above
            return np.asarray(R[:, [k]].toarray()).ravel()
        return np.asarray(self._R[:, k], dtype=float)

    def stationary(self) -> np.ndarray:
        """The stationary populations (sum 1)."""
        return self._p.copy()

    def drazin(self, y: np.ndarray) -> np.ndarray:
        """:math:`D y` for a vector ``y`` with :math:`1^T y = 0` (the sum is projected out)."""
        y = np.asarray(y, dtype=float)
        y = y - y.sum() * self._p  # remove round-off along p (exact y has zero sum)
        if not np.any(y):
            return np.zeros(self.n)
        x = self._pinned_solution(y)
        return x - x.sum() * self._p


def energy_increments(W: Matrix, energies: np.ndarray) -> Matrix:
    r"""The increments :math:`d_{ab} = E_a - E_b` on the nonzero pattern of ``W``.

    For a jump :math:`b \to a` the system gains :math:`E_a - E_b` from the bath that causes it
    (positive into the system).
    """
    e = np.asarray(energies, dtype=float)
    if _is_sparse(W):
        C = sp.coo_matrix(W)
        return sp.csr_matrix((e[C.row] - e[C.col], (C.row, C.col)), shape=W.shape)
    return e[:, None] - e[None, :]


def jump_moments(W: Matrix, increments: Matrix, order: int = 3) -> list[Matrix]:
    r""":math:`[M_1, \dots, M_{order}]` with :math:`M_k = W \circ d^{\,k}` (elementwise)."""
    if order < 1:
        raise ParameterError(f"order must be >= 1, got {order}")
    if _is_sparse(W):
        Wc = sp.csr_matrix(W)
        D = sp.csr_matrix(increments)
        out, P = [], Wc
        for _ in range(order):
            P = sp.csr_matrix(P.multiply(D))
            out.append(P)
        return out
    Wd = np.asarray(W, dtype=float)
    Dd = increments.toarray() if _is_sparse(increments) else np.asarray(increments, float)
    return [Wd * Dd**k for k in range(1, order + 1)]


def mean_current(W: Matrix, increments: Matrix, p: np.ndarray) -> float:
    r"""Mean rate :math:`\sum_{ab} W_{ab} d_{ab} p_b` of the counter in the state ``p``."""
    return float(np.sum(jump_moments(W, increments, 1)[0] @ p))


def counting_statistics(R0: Matrix, W: Matrix, *, energies: np.ndarray | None = None,
                        increments: Matrix | None = None, sparse: bool | None = None,
                        residual_tol: float = RESIDUAL_TOL) -> CountingStatistics:
    r"""Stationary state, current, noise and third cumulant of the process counted by ``W``.

    Parameters
    ----------
    R0
        The full generator (all processes, columns sum to zero).
    W
        The rates of the counted jumps (``W[a, b]``: rate of :math:`b \to a`), a part of the
        off-diagonal of ``R0``; same storage kind as ``R0``.
    energies, increments
        Exactly one: the system energies (the counter is the energy the system gains,
        :math:`d_{ab} = E_a - E_b`) or the increment matrix :math:`d_{ab}` itself.
    sparse
        Forwarded to :class:`BorderedSolver`.
    residual_tol
        Largest accepted :func:`stationary_residual`.

    Raises
    ------
    NumericalError
        If the stationary state is not unique, has a residual above ``residual_tol`` or
        negative populations beyond round-off.
    """
    if (energies is None) == (increments is None):
        raise ParameterError("give exactly one of energies= or increments=")
    if increments is not None:
        d = increments
    elif energies is not None:
        d = energy_increments(W, energies)
    else:  # unreachable: exactly one of the two was checked above
        raise ParameterError("give exactly one of energies= or increments=")
    solver = BorderedSolver(R0, sparse=sparse)
    p, res = checked_stationary(solver, residual_tol=residual_tol)
    c1, c2, c3 = cumulants(solver, p, jump_moments(W, d, 3))
    return CountingStatistics(stationary=p, current=c1, noise=c2, skewness=c3, residual=res)


def cumulants(solver: BorderedSolver, p: np.ndarray,
              moments: Sequence[Matrix]) -> tuple[float, float, float]:
    r""":math:`c_1, c_2, c_3` from the stationary state and the moments :math:`M_1, M_2, M_3`.

    ``solver`` is the :class:`BorderedSolver` of the generator, ``p`` its stationary state.
    Use this directly when the moments are not of the form :math:`W\circ d^k` with one
    increment matrix (e.g. after :func:`coarse_grain`).
    """
    M1, M2, M3 = moments
    c1 = float(np.sum(M1 @ p))
    v1 = -solver.drazin(M1 @ p - c1 * p)
    c2 = float(np.sum(M2 @ p) + 2.0 * np.sum(M1 @ v1))
    v2 = -solver.drazin(M1 @ v1 + 0.5 * (M2 @ p) - c1 * v1 - 0.5 * c2 * p)
    c3 = float(6.0 * (np.sum(M1 @ v2) + 0.5 * np.sum(M2 @ v1)) + np.sum(M3 @ p))
    return c1, c2, c3


def checked_stationary(solver: BorderedSolver, *,
                       residual_tol: float = RESIDUAL_TOL) -> tuple[np.ndarray, float]:
    """The stationary state of ``solver`` and its residual, checked.

    Raises
    ------
    NumericalError
        If the residual exceeds ``residual_tol`` or a population is negative beyond round-off.
    """
    p = solver.stationary()
    res = stationary_residual(solver.R0, p)
    if not np.isfinite(res) or res > residual_tol:
        raise NumericalError(f"stationary state residual {res:.3g} exceeds {residual_tol:.1g}")
    if np.min(p) < -1e-9 * np.max(np.abs(p)):
        raise NumericalError(f"stationary state has a negative population {np.min(p):.3g}")
    return p, res


def coarse_grain(matrices: Sequence[Matrix], components: np.ndarray,
                 weights: np.ndarray) -> list[np.ndarray]:
    r"""Project rate matrices onto groups of states kept in internal equilibrium.

    When some transitions are infinitely fast (e.g. a bath at infinite temperature with
    finite spectral density: its upward and downward rates both diverge like
    :math:`\Gamma(\omega)/(\beta\omega)`), the states they connect form a group whose internal
    distribution is fixed (``weights``, normalised within each group). The slow processes then
    act on the groups through :math:`\tilde M = E^T M \Pi`, with :math:`E_{aI} = 1` if state
    ``a`` is in group ``I`` and :math:`\Pi_{bJ}` the internal weight of ``b`` in group ``J``.
    Applied to the slow generator and to each counted moment matrix this gives the
    coarse-grained tilted generator exactly (jumps inside a group keep their counting factor
    on the diagonal).

    Parameters
    ----------
    matrices
        Matrices over the states (generator of the slow processes, jump moments).
    components
        Group index of every state, ``0 .. K-1``.
    weights
        Internal weight of every state in its group (each group's weights sum to 1).
    """
    comp = np.asarray(components, dtype=int)
    n = comp.size
    K = int(comp.max()) + 1
    E = sp.csr_matrix((np.ones(n), (np.arange(n), comp)), shape=(n, K))
    Pi = sp.csr_matrix((np.asarray(weights, float), (np.arange(n), comp)), shape=(n, K))
    out = []
    for M in matrices:
        Ms = sp.csr_matrix(M)
        out.append(np.asarray((E.T @ Ms @ Pi).toarray()))
    return out


def cumulants_by_eigenvalue(R0: Matrix, W: Matrix, increments: Matrix, *,
                            h: float | None = None) -> tuple[float, float, float]:
    r"""Independent route (tests only, dense): :math:`c_1, c_2, c_3` from :math:`\lambda(s)`.

    The dominant eigenvalue (largest real part) of the dense tilted matrix
    :math:`R_0 + W\circ(e^{s d}-1)` is computed by ``numpy.linalg.eigvals`` at
    :math:`s = 0, \pm h, \pm 2h, \pm 3h` and differentiated by central finite differences.
    The default ``h`` is ``0.02/max|d|``; the stencils are of order :math:`h^4`
    (truncation ~1e-7 relative, round-off ~1e-16/h^3 for :math:`c_3`).
    """
    R = R0.toarray() if _is_sparse(R0) else np.asarray(R0, float)
    Wd = W.toarray() if _is_sparse(W) else np.asarray(W, float)
    D = increments.toarray() if _is_sparse(increments) else np.asarray(increments, float)
    dmax = float(np.max(np.abs(D[Wd != 0]))) if np.any(Wd != 0) else 1.0
    h = 0.02 / dmax if h is None else h

    def lam(s: float) -> float:
        ev = np.linalg.eigvals(R + Wd * np.expm1(s * D))
        return float(np.max(ev.real))

    f = {k: lam(k * h) for k in (-3, -2, -1, 0, 1, 2, 3)}
    # central stencils of order h^4
    c1 = (-f[2] + 8 * f[1] - 8 * f[-1] + f[-2]) / (12 * h)
    c2 = (-f[2] + 16 * f[1] - 30 * f[0] + 16 * f[-1] - f[-2]) / (12 * h**2)
    c3 = (-f[3] + 8 * f[2] - 13 * f[1] + 13 * f[-1] - 8 * f[-2] + f[-3]) / (8 * h**3)
    return c1, c2, c3

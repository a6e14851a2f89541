r"""The permutation-invariant Dicke lattice (J, M) and the population rates on it.

For N spins-1/2 the permutation-invariant diagonal states are spanned by the projectors
:math:`\Pi_{J,M}` onto the :math:`d_J`-fold degenerate Dicke levels :math:`|J, M\rangle`,
:math:`J = N/2, N/2-1, \dots \ge 0`, :math:`M = -J, \dots, J`. The lumped populations
:math:`P(J, M) = d_J\,p(J, M)` (the probability of the level, summed over its degenerate
copies) obey a classical rate equation whose rates are derived in
:mod:`dickeheat.symbolic.dicke_rates` from the Lindblad dissipators; this module evaluates those
closed forms with NumPy (the tests check them against the symbolic derivation):

collective :math:`\mathcal{D}[J_\mp]`, per unit rate, :math:`(J, M)\to(J, M\mp 1)`:
    ``collective_down(J, M) = (J+M)(J-M+1)``, ``collective_up(J, M) = (J-M)(J+M+1)``;
local :math:`\sum_j \mathcal{D}[\sigma_-^{(j)}]`, per unit rate, :math:`(J, M)\to(J', M-1)`:
    :math:`J' = J-1`: :math:`(J+M)(J+M-1)\,(N/2+J+1)/[2J(2J+1)]`,
    :math:`J' = J`: :math:`(J+M)(J-M+1)\,(N/2+1)/[2J(J+1)]`,
    :math:`J' = J+1`: :math:`(J-M+1)(J-M+2)\,(N/2-J)/[2(J+1)(2J+1)]`;
local :math:`\sum_j \mathcal{D}[\sigma_+^{(j)}]`: the same with :math:`M \to -M`;
local dephasing :math:`\sum_j \mathcal{D}[\sigma_z^{(j)}]`, per unit rate, :math:`(J, M)\to(J', M)`:
    :math:`J' = J-1`: :math:`(J+M)(J-M)\,(N+2J+2)/[J(2J+1)]`,
    :math:`J' = J+1`: :math:`(J+M+1)(J-M+1)\,(N-2J)/[(J+1)(2J+1)]`
    (and :math:`M^2(N+2)/[J(J+1)]` back to the same level; the three add up to N);
collective dephasing :math:`\mathcal{D}[J_z]`: no population rate.

The three local emission rates add up to :math:`N/2 + M` (the number of excited spins) and the
absorption rates to :math:`N/2 - M`.

Storage layout ("packed"): block ``k = 0 … K`` (``K = N // 2``) holds ``J = N/2 − k`` with its
``2J + 1`` levels ``M = −J … J`` in increasing order; the blocks follow each other in one
vector of length :func:`n_levels` ``(N)``.

Examples
--------
>>> n_levels(4), block_offsets(4).tolist()
(9, [0, 5, 8, 9])
>>> [float(x[0]) for x in local_emission(4, 2.0, np.array([2.0]))]
[3.0, 1.0, 0.0]
"""

from __future__ import annotations

import numpy as np
from scipy.special import gammaln

from dickeheat.errors import ParameterError

__all__ = [
    "block_J",
    "block_offsets",
    "collective_down",
    "collective_up",
    "local_absorption",
    "local_dephasing",
    "local_emission",
    "log_degeneracy",
    "n_levels",
    "rate_matrix",
    "sparse_lu_populations",
]


def _check_N(N: int) -> int:
    if isinstance(N, bool) or not float(N).is_integer() or N < 1:
        raise ParameterError(f"N must be an integer >= 1, got {N!r}")
    return int(N)


def n_levels(N: int) -> int:
    """Number of Dicke levels (J, M) for N spins: ``(N//2 + 1) * (N + 1 - N//2)``.

    >>> n_levels(10_000)
    25010001
    """
    N = _check_N(N)
    K = N // 2
    return (K + 1) * (N + 1 - K)


def block_offsets(N: int) -> np.ndarray:
    """Start index of each J block in the packed vector (length K + 2, last = total)."""
    N = _check_N(N)
    k = np.arange(N // 2 + 2, dtype=np.int64)
    return k * (N + 2 - k)


def block_J(N: int) -> np.ndarray:
    """The J value of each block, ``N/2, N/2 − 1, …``."""
    N = _check_N(N)
    return N / 2 - np.arange(N // 2 + 1)


def log_degeneracy(N: int, J) -> np.ndarray:
    r"""Natural log of the multiplicity :math:`d_J = (2J+1)\,N!/[(N/2+J+1)!\,(N/2-J)!]`.

    Never forms :math:`d_J` (it overflows a double for N ≳ 1030).

    >>> round(float(np.exp(log_degeneracy(4, 1.0))), 10)
    3.0
    """
    N = _check_N(N)
    J = np.asarray(J, dtype=float)
    return (
        np.log(2 * J + 1)
        + gammaln(N + 1.0)
        - gammaln(N / 2 + J + 2)
        - gammaln(N / 2 - J + 1)
    )


def collective_down(J, M):
    """|<J, M−1|J_−|J, M>|² = (J+M)(J−M+1)."""
    return (J + M) * (J - M + 1)


def collective_up(J, M):
    """|<J, M+1|J_+|J, M>|² = (J−M)(J+M+1)."""
    return (J - M) * (J + M + 1)


def _safe_ratio(num, den):
    den = np.asarray(den, dtype=float)
    out = np.zeros(np.broadcast(num, den).shape)
    np.divide(num, den, out=out, where=den != 0)
    return out


def local_emission(N: int, J, M):
    r"""Lumped rates (per unit :math:`\gamma`) of :math:`\sum_j\mathcal{D}[\sigma_-^{(j)}]`.

    Returns the rates from (J, M) to (J − 1, M − 1), (J, M − 1) and (J + 1, M − 1); rates into
    levels that do not exist are zero.
    """
    h = N / 2
    J = np.asarray(J, dtype=float)
    M = np.asarray(M, dtype=float)
    lower = _safe_ratio((J + M) * (J + M - 1) * (h + J + 1), 2 * J * (2 * J + 1))
    same = _safe_ratio((J + M) * (J - M + 1) * (h + 1), 2 * J * (J + 1))
    upper = (J - M + 1) * (J - M + 2) * (h - J) / (2 * (J + 1) * (2 * J + 1))
    return lower, same, upper


def local_absorption(N: int, J, M):
    r"""Lumped rates (per unit :math:`\gamma`) of :math:`\sum_j\mathcal{D}[\sigma_+^{(j)}]`.

    Returns the rates from (J, M) to (J − 1, M + 1), (J, M + 1) and (J + 1, M + 1).
    """
    return local_emission(N, J, -np.asarray(M, dtype=float))


def local_dephasing(N: int, J, M):
    r"""Lumped rates (per unit :math:`\gamma`) of :math:`\sum_j\mathcal{D}[\sigma_z^{(j)}]`
    that change J: from (J, M) to (J − 1, M) and to (J + 1, M).

    The model's local dephasing :math:`(\gamma_\phi/2)\sum_j\mathcal{D}[\sigma_z^{(j)}]`
    multiplies them by :math:`\gamma_\phi/2`.

    Examples
    --------
    >>> [float(x[0]) for x in local_dephasing(4, 2.0, np.array([-1.0]))]
    [3.0, 0.0]
    """
    J = np.asarray(J, dtype=float)
    M = np.asarray(M, dtype=float)
    lower = _safe_ratio((J + M) * (J - M) * (N + 2 * J + 2), J * (2 * J + 1))
    upper = (J + M + 1) * (J - M + 1) * (N - 2 * J) / ((J + 1) * (2 * J + 1))
    return lower, upper


def rate_matrix(model):
    """The generator A of dP/dt = A P on the packed lattice (``scipy.sparse`` CSR), with every
    rate of ``model``: collective baths, local bath and local dephasing (collective dephasing
    has no population rate)."""
    import scipy.sparse as sps

    N, off, n = model.N, block_offsets(model.N), n_levels(model.N)
    ge, ga = model.gamma_p * (1 + model.n_p), model.gamma_p * model.n_p + model.gamma_pump
    gz = model.gamma_phi / 2
    rows, cols, vals = [], [], []
    for k, J in enumerate(block_J(N)):
        M = np.arange(-J, J + 1)
        moves = [(0, -1, model.emission_rate * collective_down(J, M)),
                 (0, 1, model.absorption_rate * collective_up(J, M))]
        moves += [(dj, -1, ge * np.broadcast_to(w, M.shape))
                  for dj, w in zip((-1, 0, 1), local_emission(N, J, M))]
        moves += [(dj, 1, ga * np.broadcast_to(w, M.shape))
                  for dj, w in zip((-1, 0, 1), local_absorption(N, J, M))]
        moves += [(dj, 0, gz * np.broadcast_to(w, M.shape))
                  for dj, w in zip((-1, 1), local_dephasing(N, J, M))]
        for dj, dm, rate in moves:
            ok = (rate > 0) & (np.abs(M + dm) <= J + dj) & (J + dj <= N / 2)
            if ok.any():
                src = off[k] + np.flatnonzero(ok)
                tgt = off[k - dj] + (M[ok] + dm + J + dj).round().astype(int)
                rows += [tgt, src]
                cols += [src, src]
                vals += [rate[ok], -rate[ok]]
    return sps.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                          shape=(n, n))


def sparse_lu_populations(model) -> np.ndarray:
    """Populations P(J, M) (packed layout) by a plain double-precision sparse LU.

    An independent reference for moderate N: it assembles the full rate matrix from the same
    rates and solves it with the trace condition in place of one balance equation. It has no
    protection against under- or overflow, so it is accurate only where populations are not
    tiny (the ``reduced`` backend is the solver for large N and low temperature).
    """
    import scipy.sparse.linalg as spl

    n = n_levels(model.N)
    A = rate_matrix(model).tolil()
    A[0, :] = 1.0
    b = np.zeros(n)
    b[0] = 1.0
    return spl.spsolve(A.tocsc(), b)

r"""Relaxation of a rate equation towards a target distribution: relative entropy and its time.

:math:`S(p(t)\,\|\,q) = \sum_a p_a(t) \ln[p_a(t)/q_a]` with :math:`p(t) = e^{R t} p(0)` decreases
monotonically when :math:`q` is the stationary state of :math:`R` (contractivity of Markovian
dynamics), so the first time it falls below a threshold is well defined and is found by
bisection in :math:`\ln t`.

>>> import numpy as np
>>> R = np.array([[-1.0, 1.0], [1.0, -1.0]])
>>> q = np.array([0.5, 0.5])
>>> t = relaxation_time(R, np.array([1.0, 0.0]), q, threshold=1e-6)
>>> x = np.sqrt(2e-6)          # p(t) = ((1+x)/2, (1-x)/2) with x = e^{-2t}, S = x^2/2 + O(x^4)
>>> round(float(t), 4), round(float(-np.log(x) / 2), 4)
(3.2806, 3.2806)
"""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.linalg as la
import scipy.sparse as sp
from scipy.sparse.linalg import expm_multiply

from dickeheat.errors import NumericalError, ParameterError

__all__ = ["relative_entropy", "evolve", "relaxation_time"]


def relative_entropy(p: np.ndarray, q: np.ndarray) -> float:
    """:math:`\\sum_a p_a \\ln(p_a/q_a)` (terms with :math:`p_a = 0` count 0)."""
    p = np.clip(np.asarray(p, dtype=float), 0.0, None)
    q = np.asarray(q, dtype=float)
    m = p > 0
    return float(np.sum(p[m] * np.log(p[m] / q[m])))


def evolve(R0: Any, p0: np.ndarray, t: float) -> np.ndarray:
    """:math:`e^{R_0 t} p_0` (``scipy.linalg.expm`` up to 200 states, else
    ``scipy.sparse.linalg.expm_multiply``)."""
    p0 = np.asarray(p0, dtype=float)
    if p0.size <= 200:
        R = R0.toarray() if sp.issparse(R0) else np.asarray(R0, dtype=float)
        return la.expm(R * t) @ p0
    return np.asarray(expm_multiply(sp.csr_matrix(R0) * t, p0))


def relaxation_time(R0: Any, p0: np.ndarray, target: np.ndarray, *, threshold: float,
                    rtol: float = 1e-6) -> float:
    """First time at which :math:`S(p(t)\\|target) \\le` ``threshold``.

    Raises
    ------
    ParameterError
        For ``threshold <= 0``.
    NumericalError
        If the threshold is not reached within :math:`10^{12}` times the slowest escape time.
    """
    if not threshold > 0:
        raise ParameterError(f"threshold must be > 0, got {threshold!r}")
    p0 = np.asarray(p0, dtype=float)
    if relative_entropy(p0, target) <= threshold:
        return 0.0

    if p0.size <= 200:
        # one eigendecomposition, then p(t) for any t (checked against expm at the end)
        R = R0.toarray() if sp.issparse(R0) else np.asarray(R0, dtype=float)
        w, V = la.eig(R)
        c = la.solve(V, p0)

        def S(t: float) -> float:
            return relative_entropy(np.real(V @ (np.exp(w * t) * c)), target)
    else:
        def S(t: float) -> float:
            return relative_entropy(evolve(R0, p0, t), target)

    rate = float(np.max(np.abs(sp.csr_matrix(R0).diagonal())))
    lo, hi = 0.0, 1.0 / rate
    limit = 1e12 / rate
    while S(hi) > threshold:
        lo, hi = hi, 2.0 * hi
        if hi > limit:
            raise NumericalError("relaxation_time: threshold not reached")
    while hi - lo > rtol * hi:
        mid = 0.5 * (lo + hi)
        if S(mid) > threshold:
            lo = mid
        else:
            hi = mid
    t = 0.5 * (lo + hi)
    if p0.size <= 200:
        direct = evolve(R0, p0, t)
        approx = np.real(V @ (np.exp(w * t) * c))
        if np.max(np.abs(direct - approx)) > 1e-9:
            raise NumericalError("relaxation_time: eigendecomposition inaccurate "
                                 f"({np.max(np.abs(direct - approx)):.2e})")
    return t

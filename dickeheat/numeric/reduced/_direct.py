r"""An independent route for the ``reduced`` lattice: a scaled sparse LU on the whole lattice.

Local dephasing moves population between the ladders J and J ± 1 at *fixed* M; the aggregation
kernel carries it on its log reference (``_log``). This module solves the same rate equation
another way, for the tests to compare with (N up to a few hundred): the generator assembled
by :func:`~dickeheat.numeric.dicke_lattice.rate_matrix`, :math:`A P = 0`, is solved directly, in
scaled unknowns :math:`P = G\,y`, :math:`G = \mathrm{diag}(e^{g})`: the system
:math:`G^{-1} A G\,y = 0` has coefficients "rate × e^{difference of logs}", so nothing under-
or overflows however far the populations spread. The first reference is a product-state guess,
:math:`g(J, M) = \ln d_J + M\ln x` with :math:`x = \Gamma_\uparrow/\Gamma_\downarrow`; the
system is factorised by SciPy's sparse LU (SuperLU) with the level of largest reference
population pinned to y = 1 in place of its balance equation (a trace row would make that level
1 − Σ others, which cancels when it is small), refined iteratively, and then solved again (up
to :data:`_ROUNDS` times) with the solution itself as the reference, so that the scaled
unknowns are ~1 and the LU's normwise accuracy becomes componentwise accuracy.

The residual is the componentwise relative balance residual
:math:`\max |(G^{-1}AG\,y)_i| / (\mathrm{out}_i\,y_i)` of the returned solution, which is
:math:`\max_{J,M} |\dot P(J,M)| / (\Gamma_{\rm out} P(J,M))` evaluated without underflow.
Cost: one sparse LU of ~N²/4 unknowns per round (fill grows like N³ in practice).
"""

from __future__ import annotations

import math

import numpy as np
import scipy.sparse as sps
import scipy.sparse.linalg as spl
from scipy.special import logsumexp

from dickeheat.errors import NumericalError
from dickeheat.numeric import dicke_lattice as lat
from dickeheat.numeric.model import HeatValve

__all__ = ["solve_direct"]
#: solves per call: the first scaled by the collective balance, the next by the last solution
_ROUNDS = 4
#: steps of iterative refinement per solve
_REFINE = 3


def solve_direct(model: HeatValve,
                 reference: np.ndarray | None = None) -> tuple[np.ndarray, float]:
    """(log P in the packed layout, componentwise relative balance residual).

    ``reference``: a first log reference (packed layout), e.g. the steady state of a nearby
    model without dephasing; default the product-state guess ln d_J + M ln x.
    """
    N = model.N
    A = lat.rate_matrix(model).tocoo()
    off = lat.block_offsets(N)
    ks = np.repeat(np.arange(N // 2 + 1), np.diff(off))
    Jk = lat.block_J(N)[ks]
    t = np.arange(len(ks)) - off[ks]
    Gu, Gd = model.absorption_rate, model.emission_rate
    theta = math.log(Gu / Gd) if Gu > 0.0 else -700.0
    log_g = theta * (t - Jk) + lat.log_degeneracy(N, Jk)  # d_J x^M: a product-state guess
    if reference is not None:
        log_g = np.where(np.isfinite(reference), reference, log_g - 745.0)
    best: tuple[float, np.ndarray] | None = None
    for _ in range(_ROUNDS):
        log_P, residual = _solve_scaled(A, log_g, N)
        if best is None or residual < best[0]:
            best = (residual, log_P)
        if residual < 1e-14:
            break
        log_g = log_P  # rescale by the solution: the next scaled unknowns are all ~1
    assert best is not None
    return best[1], best[0]


def _solve_scaled(A: sps.coo_matrix, log_g: np.ndarray, N: int) -> tuple[np.ndarray, float]:
    """Solve (G⁻¹ A G) y = 0, G = diag(e^log_g), with the level of largest log_g pinned to
    y = 1 in place of its balance equation (a trace row would make that level 1 − Σ others),
    then iterative refinement; returns (normalised log P, componentwise relative residual).
    Every coefficient is a rate times e^(difference of logs): nothing under- or overflows."""
    n = A.shape[0]
    with np.errstate(over="ignore"):
        scaled = A.data * np.exp(np.clip(log_g[A.col] - log_g[A.row], -745.0, 700.0))
    B = sps.csr_matrix((scaled, (A.row, A.col)), shape=(n, n))
    out = -B.diagonal()
    i0 = int(np.argmax(log_g))
    C = B.tolil()
    C[i0, :] = 0.0
    C[i0, i0] = 1.0
    C = C.tocsc()
    b = np.zeros(n)
    b[i0] = 1.0
    try:
        lu = spl.splu(C)
    except RuntimeError as err:
        raise NumericalError(f"reduced solver (dephasing): sparse LU failed: {err}") from err
    with np.errstate(all="ignore"):
        y = lu.solve(b)
        for _ in range(_REFINE):
            y = y + lu.solve(b - C @ y)
    if not np.all(np.isfinite(y)):
        raise NumericalError(f"reduced solver (dephasing): the sparse LU failed (N = {N})")
    if y.min() <= 0.0:
        raise NumericalError(f"reduced solver (dephasing): non-positive population "
                             f"(scaled {y.min():.2e}, N = {N})")
    residual = float(np.max(np.abs(B @ y) / (out * y)))
    log_P = log_g + np.log(y)
    log_P -= logsumexp(log_P)
    return log_P, residual

r"""The ``reduced`` backend with local dephasing: a scaled sparse LU on the whole lattice.

Local dephasing moves population between the ladders J and J ± 1 at *fixed* M, a coupling the
aggregation kernel (``_aggregation``: ladders coupled only through M ± 1 local jumps) does not
carry. With ``gamma_phi > 0`` the rate equation :math:`A P = 0`, :math:`\sum P = 1` is instead
solved directly: the unknowns are scaled by the collective detailed balance,
:math:`P(J, M) = e^{(J+M)\ln x}\,y(J, M)` with :math:`x = \Gamma_\uparrow/\Gamma_\downarrow`
times the multiplicity :math:`d_J` (the infinite-temperature weight of a ladder), so the
spread over M and J does not reach the LU,, and the scaled system is factorised by
SciPy's sparse LU (SuperLU) with the level of largest expected population pinned in place of its balance equation (a
trace row would make that level 1 − Σ others, which cancels for a small one); then it
is solved again (up to three times) scaled by its own solution, which turns the LU's normwise
accuracy into componentwise accuracy for the small populations. It keeps
no log representation beyond that scaling, so levels whose population underflows a double
(deep in the cold tail at large N) are returned as 0; the componentwise residual over the
levels above :data:`RESIDUAL_FLOOR` times the largest population certifies the rest.
"""

from __future__ import annotations

import math

import numpy as np
import scipy.sparse as sps
import scipy.sparse.linalg as spl

from dickeheat.errors import NumericalError
from dickeheat.numeric import dicke_lattice as lat
from dickeheat.numeric.model import HeatValve

__all__ = ["RESIDUAL_FLOOR", "solve_direct"]

#: levels with P below this fraction of the largest population are left out of the residual
RESIDUAL_FLOOR = 1e-250
#: solves per call: the first scaled by the collective balance, the next by the last solution
_ROUNDS = 4
#: steps of iterative refinement per solve
_REFINE = 3


def solve_direct(model: HeatValve) -> tuple[np.ndarray, float]:
    """(log P in the packed layout, componentwise relative balance residual)."""
    N = model.N
    A = lat.rate_matrix(model)
    off = lat.block_offsets(N)
    t = np.concatenate([np.arange(off[k + 1] - off[k], dtype=float) for k in range(N // 2 + 1)])
    Gu, Gd = model.absorption_rate, model.emission_rate
    theta = math.log(Gu / Gd) if Gu > 0.0 else 0.0
    theta = max(theta, -600.0 / max(N, 1))  # keep the scale factors inside a double
    ks = np.repeat(np.arange(N // 2 + 1), np.diff(off))
    Jk = lat.block_J(N)[ks]
    log_g = theta * (t - Jk) + lat.log_degeneracy(N, Jk)  # d_J x^M: a product-state guess
    g = np.exp(log_g - log_g.max())
    out = -np.asarray(A.diagonal())
    best: tuple[float, np.ndarray] | None = None
    for _ in range(_ROUNDS):
        P = _solve_scaled(A, g, N)
        residual = _residual(A, P, out)
        if best is None or residual < best[0]:
            best = (residual, P)
        if residual < 1e-14 or not np.any(P > 0.0):
            break
        # rescale by the solution itself: the next scaled unknowns are all ~1, so the LU's
        # normwise accuracy becomes componentwise accuracy (levels that underflowed keep the
        # smallest positive scale)
        g = np.where(P > 0.0, P, g * (P[P > 0.0].min() / g.max()))
        g = g / g.max()
    assert best is not None
    with np.errstate(divide="ignore"):
        return np.log(best[1]), best[0]


def _solve_scaled(A: sps.csr_matrix, g: np.ndarray, N: int) -> np.ndarray:
    """P = g y with (G⁻¹ A G) y = 0, G = diag(g), and Σ g y = 1 (one level pinned to 1 in
    place of its balance equation, then normalised), with
    iterative refinement on the residual (the factorisation is reused)."""
    B = (sps.diags(1.0 / g) @ A @ sps.diags(g)).tolil()  # G⁻¹ A G: rates times P ratios
    # pin the level with the largest expected population (y = 1 there) in place of its balance
    # equation: a trace row would give the replaced level 1 − Σ others, which cancels
    i0 = int(np.argmax(g))
    B[i0, :] = 0.0
    B[i0, i0] = 1.0
    B = B.tocsc()
    b = np.zeros(A.shape[0])
    b[i0] = 1.0
    try:
        lu = spl.splu(B)
    except RuntimeError as err:
        raise NumericalError(f"reduced solver (dephasing): sparse LU failed: {err}") from err
    with np.errstate(all="ignore"):
        y = lu.solve(b)
        for _ in range(_REFINE):
            r = b - B @ y
            y = y + lu.solve(r)
    P = g * y
    if not np.all(np.isfinite(P)):
        raise NumericalError(f"reduced solver (dephasing): the sparse LU failed (N = {N})")
    top = float(P.max())
    if P.min() < -1e-12 * top:
        raise NumericalError(f"reduced solver (dephasing): negative population {P.min():.2e}")
    P = np.clip(P, 0.0, None)
    return P / math.fsum(P)


def _residual(A: sps.csr_matrix, P: np.ndarray, out: np.ndarray) -> float:
    keep = P > RESIDUAL_FLOOR * P.max()
    r = A @ P
    return float(np.max(np.abs(r[keep]) / (out[keep] * P[keep])))

r"""The ``reduced`` backend with local dephasing: a scaled sparse LU on the whole lattice.

Local dephasing moves population between the ladders J and J ± 1 at *fixed* M, a coupling the
aggregation kernel (``_aggregation``: ladders coupled only through M ± 1 local jumps) does not
carry. With ``gamma_phi > 0`` the rate equation :math:`A P = 0`, :math:`\sum P = 1` is instead
solved directly: the unknowns are scaled by the collective detailed balance,
:math:`P(J, M) = e^{(J+M)\ln x}\,y(J, M)` with :math:`x = \Gamma_\uparrow/\Gamma_\downarrow`
(so the thermal spread over M does not reach the LU), and the scaled system is factorised by
SciPy's sparse LU (SuperLU) with the trace condition in place of one balance equation. It keeps
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


def solve_direct(model: HeatValve) -> tuple[np.ndarray, float]:
    """(log P in the packed layout, componentwise relative balance residual)."""
    N = model.N
    A = lat.rate_matrix(model)
    off = lat.block_offsets(N)
    t = np.concatenate([np.arange(off[k + 1] - off[k], dtype=float) for k in range(N // 2 + 1)])
    Gu, Gd = model.absorption_rate, model.emission_rate
    theta = math.log(Gu / Gd) if Gu > 0.0 else 0.0
    theta = max(theta, -600.0 / max(N, 1))  # keep the scale factors inside a double
    g = np.exp(theta * t)
    B = (A @ sps.diags(g)).tolil()
    B[0, :] = g  # Σ P = 1
    b = np.zeros(A.shape[0])
    b[0] = 1.0
    with np.errstate(all="ignore"):
        y = spl.spsolve(B.tocsc(), b)
    P = g * y
    if not np.all(np.isfinite(P)):
        raise NumericalError(f"reduced solver (dephasing): the sparse LU failed (N = {N})")
    top = float(P.max())
    if P.min() < -1e-12 * top:
        raise NumericalError(f"reduced solver (dephasing): negative population {P.min():.2e}")
    P = np.clip(P, 0.0, None)
    P /= math.fsum(P)
    out = -np.asarray(A.diagonal())
    r = A @ P
    keep = P > RESIDUAL_FLOOR * P.max()
    residual = float(np.max(np.abs(r[keep]) / (out[keep] * P[keep])))
    with np.errstate(divide="ignore"):
        return np.log(P), residual

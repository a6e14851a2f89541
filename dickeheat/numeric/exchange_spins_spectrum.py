r"""Liouvillian gap of the exchange-coupled collective spins, sector by sector.

The Liouvillian is block diagonal in the charge :math:`q = M_a - M_b` (see
:mod:`dickeheat.numeric.exchange_spins`); sectors q and −q have complex-conjugate spectra
(Hermitian conjugation maps one onto the other), so q = 0 … 2N are searched. The gap is
:math:`-\max \mathrm{Re}\,\lambda` over all eigenvalues but the steady state's zero.

A sector of dimension up to ``dense_below`` is diagonalised densely (all eigenvalues); a larger
one by ARPACK in shift-invert mode (sparse LU) around a small positive shift, keeping the
``nev`` eigenvalues nearest to it and taking the largest real part among them (an eigenvalue
with a small real part but a very large imaginary part could be missed there).

>>> from dickeheat.numeric.exchange_spins import ExchangeCoupledSpins
>>> m = ExchangeCoupledSpins.thermal(N=1, E1=1.0, E2=2.0, beta1=1.0, beta2=0.5,
...                                  coupling=0.0, Gamma0=0.1)
>>> g = liouvillian_gap(m)
>>> bool(abs(g.gap - 0.5 * min(m.down1 + m.up1, m.down2 + m.up2)) < 1e-12)
True
"""

from __future__ import annotations

import dataclasses

import numpy as np
import scipy.sparse.linalg as spla

from dickeheat.errors import NumericalError, ParameterError
from dickeheat.numeric.exchange_spins import (
    ExchangeCoupledSpins,
    sector_dimension,
    sector_liouvillian,
)

__all__ = ["GAP_MAX_N", "GapResult", "liouvillian_gap", "sector_spectrum"]

#: largest N for which the gap is searched over every sector by default
GAP_MAX_N = 10


@dataclasses.dataclass(frozen=True)
class GapResult:
    """The gap, the slowest eigenvalue, the sector it lives in and the method per sector."""

    gap: float
    eigenvalue: complex
    charge: int
    methods: tuple[str, ...]


def sector_spectrum(model: ExchangeCoupledSpins, q: int, *, dense_below: int = 400,
                    nev: int = 8) -> tuple[np.ndarray, str]:
    """Eigenvalues of the charge-q sector (all of them, or the ``nev`` nearest to 0)."""
    L = sector_liouvillian(model, q)
    n = L.shape[0]
    if n <= dense_below:
        return np.linalg.eigvals(L.toarray()), "dense"
    shift = 1e-3 * min(model.down1 + model.up1, model.down2 + model.up2)
    try:
        vals = spla.eigs(L.tocsc(), k=min(nev, n - 2), sigma=shift, which="LM",
                         return_eigenvectors=False, tol=1e-10)
    except (spla.ArpackNoConvergence, RuntimeError) as err:
        raise NumericalError(f"ARPACK shift-invert failed in sector q = {q}: {err}") from None
    return np.asarray(vals), "shift-invert"


def liouvillian_gap(model: ExchangeCoupledSpins, *, max_N: int = GAP_MAX_N,
                    dense_below: int = 400, nev: int = 8) -> GapResult:
    """The Liouvillian gap over all charge sectors (refuses N > ``max_N``)."""
    if model.N > max_N:
        raise ParameterError(f"N = {model.N}: the Liouvillian gap searches all 2N+1 charge "
                             f"sectors and is limited to N <= {max_N}")
    best, best_q, methods = None, 0, []
    scale = model.rate_scale
    for q in range(2 * model.N + 1):
        if sector_dimension(model.N, q) == 0:
            continue
        vals, how = sector_spectrum(model, q, dense_below=dense_below, nev=nev)
        methods.append(how)
        if q == 0:
            vals = np.delete(vals, int(np.argmin(np.abs(vals))))
            if vals.size == 0:
                continue
        lam = vals[int(np.argmax(vals.real))]
        if best is None or lam.real > best.real:
            best, best_q = lam, q
    if best is None or best.real > 1e-9 * scale:
        raise NumericalError(f"no decaying eigenvalue found (largest real part {best})")
    return GapResult(float(-best.real), complex(best), best_q, tuple(methods))

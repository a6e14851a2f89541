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

#: largest N for which the gap is searched over every sector by default (N = 20: about a
#: minute on two cores, dominated by the sparse LU of the shift-invert in the large sectors)
GAP_MAX_N = 20


@dataclasses.dataclass(frozen=True)
class GapResult:
    """The gap, the slowest eigenvalue, the sector it lives in, the method per sector and the
    relative residual ‖L v − λ v‖ / (‖v‖ · rate scale) of the slowest eigenpair."""

    gap: float
    eigenvalue: complex
    charge: int
    methods: tuple[str, ...]
    residual: float = float("nan")


def sector_spectrum(model: ExchangeCoupledSpins, q: int, *, dense_below: int = 400,
                    nev: int = 8, vectors: bool = False):
    """Eigenvalues of the charge-q sector (all of them, or the ``nev`` nearest to a small
    positive shift by shift-invert Arnoldi); with ``vectors`` also the eigenvectors (columns)
    and the sector matrix: ``(values, method)`` or ``(values, method, vectors, L)``."""
    L = sector_liouvillian(model, q)
    n = L.shape[0]
    if n <= max(dense_below, nev + 2):
        dense = L.toarray()
        if vectors:
            vals, vecs = np.linalg.eig(dense)
            return vals, "dense", vecs, L
        return np.linalg.eigvals(dense), "dense"
    shift = 1e-3 * min(model.down1 + model.up1, model.down2 + model.up2)
    try:
        out = spla.eigs(L.tocsc(), k=min(nev, n - 2), sigma=shift, which="LM",
                        return_eigenvectors=vectors, tol=1e-10)
    except (spla.ArpackNoConvergence, RuntimeError) as err:
        raise NumericalError(f"ARPACK shift-invert failed in sector q = {q}: {err}") from None
    if vectors:
        return np.asarray(out[0]), "shift-invert", out[1], L
    return np.asarray(out), "shift-invert"


def liouvillian_gap(model: ExchangeCoupledSpins, *, max_N: int = GAP_MAX_N,
                    dense_below: int = 400, nev: int = 8) -> GapResult:
    """The Liouvillian gap over all charge sectors (refuses N > ``max_N``).

    Sectors of dimension up to ``dense_below`` are diagonalised densely; larger ones by
    shift-invert Arnoldi (sparse LU). The residual of the slowest eigenpair is reported.
    """
    if model.N > max_N:
        raise ParameterError(f"N = {model.N}: the Liouvillian gap searches all 2N+1 charge "
                             f"sectors and is limited to N <= {max_N}")
    best, best_q, methods, best_res = None, 0, [], float("nan")
    scale = model.rate_scale
    for q in range(2 * model.N + 1):
        if sector_dimension(model.N, q) == 0:
            continue
        vals, how, vecs, L = sector_spectrum(model, q, dense_below=dense_below, nev=nev,
                                             vectors=True)
        methods.append(how)
        keep = np.arange(vals.size)
        if q == 0:
            keep = np.delete(keep, int(np.argmin(np.abs(vals))))
            if keep.size == 0:
                continue
        i = keep[int(np.argmax(vals[keep].real))]
        lam = vals[i]
        if best is None or lam.real > best.real:
            v = vecs[:, i]
            best, best_q = lam, q
            best_res = float(np.linalg.norm(L @ v - lam * v) / (np.linalg.norm(v) * scale))
    if best is None or best.real > 1e-9 * scale:
        raise NumericalError(f"no decaying eigenvalue found (largest real part {best})")
    return GapResult(float(-best.real), complex(best), best_q, tuple(methods), best_res)

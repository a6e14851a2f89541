r"""Pauli rate equations from the secular Born–Markov master equation (non-degenerate spectra).

For a system with non-degenerate energies :math:`E_a` coupled to a bath through
:math:`A \otimes B`, the secular Born–Markov master equation closes on the populations, with
rates (jump :math:`b \to a`)

.. math:: W_{ab} = \gamma(E_b - E_a)\,|\langle a|A|b\rangle|^2 \qquad (a \ne b),

where :math:`\gamma` is the bath's rate function
(:func:`dickeheat.numeric.spectral.thermal_rate`). Rates of independent baths add; the
generator is :math:`R_0 = \sum_\nu W^\nu - \mathrm{diag}(1^T \sum_\nu W^\nu)`.

>>> import numpy as np, scipy.sparse as sp
>>> A = sp.csr_matrix(np.array([[0.0, 1.0], [1.0, 0.0]]))
>>> W = pauli_jump_rates(np.array([0.0, 1.0]), A, lambda w: np.where(w > 0, 2.0, 1.0))
>>> W.toarray().tolist()             # 1 -> 0 (emission) at 2, 0 -> 1 at 1
[[0.0, 2.0], [1.0, 0.0]]
>>> generator(W).toarray().tolist()
[[-1.0, 2.0], [1.0, -2.0]]
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import scipy.sparse as sp

from dickeheat.errors import ParameterError

__all__ = ["pauli_jump_rates", "generator"]


def pauli_jump_rates(energies: np.ndarray, coupling: Any,
                     rate: Callable[[np.ndarray], Any]) -> sp.csr_matrix:
    r"""The jump-rate matrix :math:`W_{ab} = \gamma(E_b - E_a)|A_{ab}|^2` of one bath.

    Parameters
    ----------
    energies
        The system energies :math:`E_a` (the basis diagonalises the Hamiltonian).
    coupling
        The system coupling operator :math:`A` in that basis (dense or sparse).
    rate
        :math:`\gamma(\omega)`, vectorised; called on the Bohr frequencies
        :math:`E_b - E_a` of the nonzero off-diagonal elements only.

    Raises
    ------
    ParameterError
        If two levels joined by ``coupling`` are degenerate (the Pauli equation does not hold:
        coherences between them enter the secular master equation).
    """
    E = np.asarray(energies, dtype=float)
    C = sp.coo_matrix(coupling)
    off = C.row != C.col
    r, c, v = C.row[off], C.col[off], C.data[off]
    keep = v != 0
    r, c, v = r[keep], c[keep], v[keep]
    bohr = E[c] - E[r]
    scale = max(float(np.max(np.abs(E))) if E.size else 0.0, 1.0)
    if np.any(np.abs(bohr) <= 1e-12 * scale):
        raise ParameterError("coupling joins degenerate levels: the Pauli rate equation needs "
                             "a non-degenerate spectrum (use a parity-resolved basis)")
    rates = np.asarray(rate(bohr), dtype=float) * np.abs(v) ** 2
    W = sp.csr_matrix((rates, (r, c)), shape=(E.size, E.size))
    W.sum_duplicates()
    return W


def generator(*jump_rates: Any) -> sp.csr_matrix:
    r"""The generator :math:`R_0 = \sum_\nu W^\nu - \mathrm{diag}(1^T\sum_\nu W^\nu)`."""
    if not jump_rates:
        raise ParameterError("generator needs at least one jump-rate matrix")
    Wt = sp.csr_matrix(jump_rates[0], dtype=float)
    for W in jump_rates[1:]:
        Wt = Wt + sp.csr_matrix(W, dtype=float)
    out = np.asarray(Wt.sum(axis=0)).ravel()
    return sp.csr_matrix(Wt - sp.diags(out))

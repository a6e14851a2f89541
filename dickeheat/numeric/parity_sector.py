r"""A collective spin :math:`j` in the eigenbasis of :math:`J_z^2` with definite reflection parity.

:math:`J_z^2` has the doubly degenerate levels :math:`m^2` (:math:`m = \pm a`). The reflection
:math:`P|j,m\rangle = |j,-m\rangle` commutes with :math:`J_z^2` and :math:`J_x` and splits the
spin into two sectors with the non-degenerate bases

.. math:: |v_a^{\pm}\rangle = \tfrac{1}{\sqrt2}\big(|j,a\rangle \pm |j,-a\rangle\big),
          \qquad a = j, j-1, \dots > 0,

plus :math:`|v_0^+\rangle = |j,0\rangle` for integer :math:`j` (parity +1). For the
maximal-spin multiplet of :math:`N` qubits (:math:`j = N/2`), :math:`P` is the
:math:`x`-parity :math:`e^{i\pi(J_x - N/2)}` (it flips every qubit). The sector of parity
:math:`+1` has :math:`\lfloor j \rfloor + 1` states, that of parity :math:`-1` has
:math:`\lceil j \rceil` states.

:math:`J_x` (and so every function of it) maps each sector to itself. Its matrix in the sector
basis is built from the standard ladder elements
:math:`\langle j,m\pm1|J_\pm|j,m\rangle = \sqrt{j(j+1) - m(m\pm1)}` in the
:math:`|j,m\rangle` basis (scipy.sparse) and the sparse isometry :math:`V` onto the sector,
:math:`J_x^{(\pm)} = V^T J_x V`: tridiagonal in :math:`a`, with one diagonal entry
:math:`\pm\tfrac12(j+\tfrac12)` at :math:`a = \tfrac12` for half-integer :math:`j` (from
:math:`|{\tfrac12}\rangle \leftrightarrow |{-\tfrac12}\rangle`). Cost O(j) in time and memory.

>>> s = parity_sector(1.5, +1)
>>> s.labels.tolist()
[0.5, 1.5]
>>> np.round(s.jx.toarray(), 6).tolist()    # <v_a|J_x|v_b>, a, b = 1/2, 3/2
[[1.0, 0.866025], [0.866025, 0.0]]
"""

from __future__ import annotations

import dataclasses
import functools

import numpy as np
import scipy.sparse as sp

from dickeheat.errors import ParameterError

__all__ = ["ParitySector", "parity_sector", "ladder_operators", "sector_dimension"]


@dataclasses.dataclass(frozen=True, eq=False)
class ParitySector:
    """The basis :math:`|v_a^{\\pm}\\rangle` of one parity sector and :math:`J_x` in it.

    Attributes
    ----------
    j
        The spin quantum number.
    parity
        +1 or −1, the eigenvalue of the reflection :math:`m \\to -m`.
    labels
        The values :math:`a = |m|` of the basis states, increasing.
    jx
        :math:`J_x` in this basis (``scipy.sparse.csr_matrix``, real symmetric).
    isometry
        :math:`V` (``(2j+1) × n``): column ``k`` is :math:`|v_{a_k}\\rangle` in the
        :math:`|j, m\\rangle` basis ordered :math:`m = j, j-1, \\dots, -j`.
    """

    j: float
    parity: int
    labels: np.ndarray
    jx: sp.csr_matrix
    isometry: sp.csr_matrix

    @property
    def dimension(self) -> int:
        return int(self.labels.size)

    def jz2(self) -> np.ndarray:
        """The eigenvalues :math:`a^2` of :math:`J_z^2` (diagonal in this basis)."""
        return self.labels**2


def _check_j(j: float) -> float:
    jj = float(j)
    if not (jj > 0 and np.isfinite(jj) and abs(2 * jj - round(2 * jj)) < 1e-12):
        raise ParameterError(f"j must be a positive integer or half-integer, got {j!r}")
    return round(2 * jj) / 2


def sector_dimension(j: float, parity: int) -> int:
    """Number of states of the sector (``floor(j)+1`` for +1, ``ceil(j)`` for −1).

    >>> sector_dimension(1.5, 1), sector_dimension(2, 1), sector_dimension(2, -1)
    (2, 3, 2)
    """
    jj = _check_j(j)
    if parity not in (1, -1):
        raise ParameterError(f"parity must be +1 or -1, got {parity!r}")
    integer = float(jj).is_integer()
    n_pos = int(np.ceil(jj)) if not integer else int(jj)  # number of a > 0
    return n_pos + (1 if integer and parity == 1 else 0)


def ladder_operators(j: float) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    r""":math:`J_+` and :math:`J_z` in the :math:`|j,m\rangle` basis, :math:`m = j, \dots, -j`.

    :math:`\langle j,m+1|J_+|j,m\rangle = \sqrt{j(j+1)-m(m+1)}`.
    """
    jj = _check_j(j)
    dim = int(round(2 * jj)) + 1
    m = jj - np.arange(dim)
    # row i-1 (m+1) <- column i (m), for i = 1..dim-1
    up = np.sqrt(np.maximum(jj * (jj + 1) - m[1:] * (m[1:] + 1), 0.0))
    jp = sp.diags(up, offsets=1, shape=(dim, dim), format="csr")
    jz = sp.diags(m, 0, format="csr")
    return jp, jz


@functools.lru_cache(maxsize=32)
def parity_sector(j: float, parity: int) -> ParitySector:
    """Build the sector of reflection parity ``parity`` (+1 or −1) of spin ``j``.

    Cached (the same object is returned for the same arguments): treat its arrays as
    read-only.

    Raises
    ------
    ParameterError
        If ``j`` is not a positive (half-)integer or ``parity`` is not ±1.
    """
    jj = _check_j(j)
    n = sector_dimension(jj, parity)
    dim = int(round(2 * jj)) + 1
    integer = float(jj).is_integer()
    a_min = 0.0 if (integer and parity == 1) else (1.0 if integer else 0.5)
    labels = a_min + np.arange(n, dtype=float)
    rows, cols, vals = [], [], []
    for k, a in enumerate(labels):
        i_pos = int(round(jj - a))   # index of m = +a
        i_neg = int(round(jj + a))   # index of m = -a
        if a == 0.0:
            rows.append(i_pos)
            cols.append(k)
            vals.append(1.0)
        else:
            rows += [i_pos, i_neg]
            cols += [k, k]
            vals += [1 / np.sqrt(2), parity / np.sqrt(2)]
    V = sp.csr_matrix((vals, (rows, cols)), shape=(dim, n))
    jp, _ = ladder_operators(jj)
    jx_full = 0.5 * (jp + jp.T)
    jx = sp.csr_matrix(V.T @ jx_full @ V)
    jx.eliminate_zeros()
    return ParitySector(j=jj, parity=int(parity), labels=labels, jx=jx, isometry=V)

r"""Collective-spin models for heat-current bounds, in the symmetric Dicke sector or the full space.

Models of L qubits with :math:`H = \omega J_z` (or :math:`\omega J_z + \Omega J_z^2`) coupled to one
bath through a single Hermitian operator :math:`A`:

``superradiance``
    :math:`A = 2g J_x` (collective dipole coupling).
``m-body``
    :math:`A = \frac{gL}{\binom{L}{m}}\sum_{|S| = m}\prod_{i\in S}\sigma_x^{(i)}` (all
    m-qubit products of :math:`\sigma_x`).
``superabsorption``
    :math:`H = \omega J_z + \Omega J_z^2`, :math:`A = 2gJ_x`.

All these operators commute with qubit permutations, so the symmetric sector
:math:`J = L/2` (dimension :math:`L+1`, basis :math:`|L/2, M\rangle`, :math:`M = L/2, \dots,
-L/2`, QuTiP's ``jmat`` order) is invariant; ``space="full"`` builds the :math:`2^L`-dimensional
operators instead (QuTiP's convention: ``basis(2, 0)`` is the excited qubit).

In the sector, the m-body operator is diagonal in the :math:`J_x` eigenbasis: on a symmetric
state with ``k`` qubits in :math:`|-\rangle_x` its eigenvalue is the Krawtchouk number
:math:`K_m(k) = \sum_j (-1)^j\binom{k}{j}\binom{L-k}{m-j}` (exact integers).

>>> import numpy as np
>>> H, A = model_operators("m-body", 4, m=4)
>>> round(float(np.max(np.abs(np.linalg.eigvalsh(A)))), 10)   # ||A|| = gL
4.0
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from math import comb

import numpy as np
import qutip

from dickeheat.errors import ParameterError
from dickeheat.numeric.operators import collective_ops, sector_ops

__all__ = [
    "MODELS",
    "check_L",
    "check_m",
    "dicke_state",
    "krawtchouk",
    "mbody_operator",
    "model_operators",
]

MODELS = ("superradiance", "m-body", "superabsorption")

#: largest L for ``space="full"`` (2^L-dimensional dense matrices)
MAX_FULL_L = 10


def check_L(L: int) -> int:
    if isinstance(L, bool) or not float(L).is_integer() or L < 1:
        raise ParameterError(f"L must be an integer >= 1, got {L!r}")
    return int(L)


def check_m(m: int, L: int) -> int:
    if isinstance(m, bool) or not float(m).is_integer() or not 1 <= m <= L:
        raise ParameterError(f"m must be an integer with 1 <= m <= L = {L}, got {m!r}")
    return int(m)


def krawtchouk(m: int, k: int, L: int) -> int:
    """:math:`K_m(k) = \\sum_j (-1)^j \\binom{k}{j}\\binom{L-k}{m-j}` (exact)."""
    return sum((-1) ** j * comb(k, j) * comb(L - k, m - j) for j in range(m + 1))


def _space(space: str) -> str:
    if space not in ("sector", "full"):
        raise ParameterError(f"space must be 'sector' or 'full', got {space!r}")
    return space


def mbody_operator(L: int, m: int, *, g: float = 1.0, space: str = "sector") -> np.ndarray:
    r"""The m-body coupling.

    .. math::

        \frac{gL}{\binom{L}{m}}\sum_{|S|=m}\prod_{i\in S}\sigma_x^{(i)}
    """
    L = check_L(L)
    m = check_m(m, L)
    if _space(space) == "full":
        if L > MAX_FULL_L:
            raise ParameterError(f"L must be <= {MAX_FULL_L} for space='full', got {L}")
        dim = 2**L
        idx = np.arange(dim)
        A = np.zeros((dim, dim))
        for S in itertools.combinations(range(L), m):
            mask = sum(1 << (L - 1 - i) for i in S)
            A[idx ^ mask, idx] += 1.0
        return g * L / comb(L, m) * A
    jx = sector_ops(L / 2).jx.full()
    evals, V = np.linalg.eigh(jx)
    order = np.argsort(-evals)  # M_x = L/2, L/2 - 1, ...: k = L/2 - M_x qubits in |->_x
    V = V[:, order]
    lam = np.array([float(Fraction(L * krawtchouk(m, k, L), comb(L, m))) for k in range(L + 1)])
    return g * (V * lam) @ V.conj().T


def model_operators(
    model: str, L: int, *, m: int | None = None, omega: float = 1.0, g: float = 1.0,
    Omega: float = 0.0, space: str = "sector",
) -> tuple[np.ndarray, np.ndarray]:
    """``(H, A)`` of a collective model (see the module docstring)."""
    L = check_L(L)
    space = _space(space)
    if model not in MODELS:
        raise ParameterError(f"model must be one of {MODELS}, got {model!r}")
    if space == "full" and L > MAX_FULL_L:
        raise ParameterError(f"L must be <= {MAX_FULL_L} for space='full', got {L}")
    ops = sector_ops(L / 2) if space == "sector" else collective_ops(L)
    jz, jx = ops.jz.full(), ops.jx.full()
    H = omega * jz
    if model == "superabsorption":
        H = H + Omega * jz @ jz
    if model == "m-body":
        if m is None:
            raise ParameterError("the m-body model needs m (1 <= m <= L)")
        A = mbody_operator(L, m, g=g, space=space)
    else:
        A = 2 * g * jx
    return H, A


def dicke_state(L: int, M: float | Fraction, *, space: str = "sector") -> np.ndarray:
    r"""The density matrix :math:`|L/2, M\rangle\langle L/2, M|`.

    Raises
    ------
    ParameterError
        If ``M`` is not one of :math:`L/2, L/2-1, \dots, -L/2`.
    """
    L = check_L(L)
    Mf = Fraction(M).limit_denominator(1000) if not isinstance(M, Fraction) else M
    k = Fraction(L, 2) - Mf
    if k.denominator != 1 or not 0 <= k <= L:
        allowed = ", ".join(str(Fraction(L, 2) - i) for i in range(min(L, 4) + 1))
        raise ParameterError(
            f"M must be one of L/2, L/2 - 1, ..., -L/2 for L = {L} (e.g. {allowed}, ...), "
            f"got {M}"
        )
    if _space(space) == "sector":
        v = np.zeros(L + 1)
        v[int(k)] = 1.0
        return np.outer(v, v).astype(complex)
    if L > MAX_FULL_L:
        raise ParameterError(f"L must be <= {MAX_FULL_L} for space='full', got {L}")
    psi = qutip.tensor([qutip.basis(2, 0)] * L)
    jm = collective_ops(L).jm
    for _ in range(int(k)):
        psi = (jm * psi).unit()
    v = psi.full().ravel()
    return np.outer(v, v.conj())

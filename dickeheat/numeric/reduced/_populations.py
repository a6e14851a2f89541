"""The state the ``reduced`` backend returns: lumped Dicke populations, stored as logs."""

from __future__ import annotations

import dataclasses

import numpy as np

from dickeheat.errors import ParameterError
from dickeheat.numeric import dicke_lattice as lat

__all__ = ["DickePopulations"]


@dataclasses.dataclass(frozen=True, eq=False)
class DickePopulations:
    """Lumped populations P(J, M) = d_J p(J, M) of a permutation-invariant diagonal state.

    Stored as natural logs (``-inf`` for an exactly empty level) in the packed layout of
    :mod:`dickeheat.numeric.dicke_lattice`, because most of them underflow a double.

    Attributes
    ----------
    N
        Number of qubits.
    log_P
        Packed natural-log populations.
    iterations, change
        Solver iterations and the last relative change (0 for closed-form solutions).
    sector
        If not None, the state lives in this one J ladder and ``log_P`` holds only it.
    reference
        ``"thermal"`` or ``"log"`` (the scaling the iteration ended with) or ``"closed form"``;
        the iteration's extras follow after commas: ``"slope refitted"`` (the thermal
        reference's slope re-centred on the iterate) and ``"coarse step in M"`` (the second
        coarse step, used when the sweeps are slow), e.g. ``"thermal, coarse step in M"``,
        and ``"cut above J = …"`` when the lattice was cut (``J_max``).
    J_max
        None, or the largest J that was solved: the lattice was cut above it because the
        probability there is negligible, and every level above holds ``-inf`` (not resolved).
    cut_mass
        With ``J_max``: the probability of the ladder J_max plus an estimate of what the
        uncut chain holds above it (≤ 1e-20; the populations of the last few ladders below
        the cut are not resolved to relative accuracy, their sum is).
    """

    N: int
    log_P: np.ndarray
    iterations: int = 0
    change: float = 0.0
    sector: float | None = None
    reference: str = "closed form"
    J_max: float | None = None
    cut_mass: float = 0.0

    def J_values(self) -> np.ndarray:
        """The J of each block, N/2, N/2 − 1, …"""
        return lat.block_J(self.N)

    def packed(self) -> np.ndarray:
        """log P on the full packed lattice (``-inf`` outside ``sector``)."""
        if self.sector is None:
            return self.log_P
        out = np.full(lat.n_levels(self.N), -np.inf)
        k = round(self.N / 2 - self.sector)
        off = k * (self.N + 2 - k)
        out[off : off + len(self.log_P)] = self.log_P
        return out

    def block(self, J: float) -> tuple[np.ndarray, np.ndarray]:
        """``(M, log P(J, M))`` for one J sector, M increasing."""
        k = round(self.N / 2 - float(J))
        if not (0 <= k <= self.N // 2) or abs(self.N / 2 - k - float(J)) > 1e-9:
            raise ParameterError(f"J must be one of N/2, N/2 - 1, ..., >= 0 for N={self.N}, "
                                 f"got {J!r}")
        length = self.N + 1 - 2 * k
        M = np.arange(length) - (self.N / 2 - k)
        if self.sector is not None:
            if abs(float(J) - self.sector) > 1e-9:
                return M, np.full(length, -np.inf)
            return M, self.log_P
        off = k * (self.N + 2 - k)
        return M, self.log_P[off : off + length]

    def populations(self) -> np.ndarray:
        """P(J, M) in the packed layout (underflows to 0 below ~1e-308)."""
        return np.exp(self.packed())

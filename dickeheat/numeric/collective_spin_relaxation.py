r"""One collective spin S = N/2 relaxing under a collective thermal dissipator (no Hamiltonian).

.. math:: \dot\rho = \gamma_\downarrow \mathcal D[S_-]\rho + \gamma_\uparrow \mathcal D[S_+]\rho

The Liouvillian maps the coherences :math:`|n\rangle\langle n-k|` of a fixed order k onto
themselves, so it is a direct sum of 2N+1 blocks of size N+1−|k|, each tridiagonal in n. The
steady state is diagonal, :math:`p_n \propto (\gamma_\uparrow/\gamma_\downarrow)^n` (n excitations).

>>> r = CollectiveSpinRelaxation(N=1, down=1.0, up=0.0)
>>> round(r.gap(), 12)       # a single spin-1/2 at T = 0: coherences decay at gamma/2
0.5
>>> r.magnetization()        # <S_z>/S in the ground state
-1.0
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import expm_multiply

from dickeheat.errors import ParameterError, check_nonnegative

__all__ = ["CollectiveSpinRelaxation"]


@dataclasses.dataclass(frozen=True)
class CollectiveSpinRelaxation:
    """Spin S = N/2 with emission rate ``down`` and absorption rate ``up`` (collective)."""

    N: int
    down: float
    up: float

    def __post_init__(self) -> None:
        if isinstance(self.N, bool) or not isinstance(self.N, (int, np.integer)) or self.N < 1:
            raise ParameterError(f"N must be an integer >= 1, got {self.N!r}")
        check_nonnegative("down", self.down)
        check_nonnegative("up", self.up)
        if self.down + self.up <= 0:
            raise ParameterError("down + up must be > 0")

    def _amp(self, n: np.ndarray) -> np.ndarray:
        n = np.asarray(n, dtype=float)
        return np.sqrt(np.clip((n + 1.0) * (self.N - n), 0.0, None))

    def coherence_block(self, k: int) -> sp.csr_matrix:
        """Liouvillian on the coherences |n><n−k| (k >= 0), indexed by n = k … N."""
        if not 0 <= k <= self.N:
            raise ParameterError(f"k must be in 0..N, got {k}")
        N = self.N
        n = np.arange(k, N + 1)
        npr = n - k
        diag = -0.5 * (self.down * (n * (N - n + 1.0) + npr * (N - npr + 1.0))
                       + self.up * ((n + 1.0) * (N - n) + (npr + 1.0) * (N - npr)))
        # S- rho S+: (n+1, n'+1) -> (n, n');  S+ rho S-: (n-1, n'-1) -> (n, n')
        from_above = self.down * self._amp(n[:-1]) * self._amp(npr[:-1])
        from_below = self.up * self._amp(n[:-1]) * self._amp(npr[:-1])
        return sp.diags([diag, from_above, from_below], [0, 1, -1], format="csr")

    def populations(self) -> np.ndarray:
        """Steady-state populations p_n (n = 0 … N excitations), normalised, in logs."""
        n = np.arange(self.N + 1)
        if self.up == 0.0:
            p = np.zeros(self.N + 1)
            p[0] = 1.0
            return p
        if self.down == 0.0:
            p = np.zeros(self.N + 1)
            p[-1] = 1.0
            return p
        logp = n * (math.log(self.up) - math.log(self.down))
        logp -= logp.max()
        p = np.exp(logp)
        return p / p.sum()

    def magnetization(self, populations: np.ndarray | None = None) -> float:
        """<S_z>/S of the steady state (or of the given populations)."""
        p = self.populations() if populations is None else populations
        S = self.N / 2.0
        return float(p @ (np.arange(self.N + 1) - S) / S)

    def magnetization_square(self) -> float:
        """<S_z^2>/S^2 of the steady state."""
        p = self.populations()
        S = self.N / 2.0
        return float(p @ ((np.arange(self.N + 1) - S) / S) ** 2)

    def gap(self) -> float:
        """Liouvillian gap: −(largest nonzero real part) over all coherence orders (dense)."""
        best = -np.inf
        for k in range(self.N + 1):
            ev = np.linalg.eigvals(self.coherence_block(k).toarray())
            if k == 0:
                ev = np.delete(ev, int(np.argmin(np.abs(ev))))
            if ev.size:
                best = max(best, float(ev.real.max()))
        return -best

    def magnetization_dynamics(self, times: np.ndarray, initial: np.ndarray) -> np.ndarray:
        """<S_z>/S(t) from diagonal initial populations (rate equation, ``expm_multiply``)."""
        t = np.asarray(times, dtype=float)
        p0 = np.asarray(initial, dtype=float)
        if p0.shape != (self.N + 1,):
            raise ParameterError(f"initial must have N+1 = {self.N + 1} populations")
        if np.any(np.diff(t) < 0) or (t.size and t[0] < 0):
            raise ParameterError("times must be >= 0 and non-decreasing")
        R = self.coherence_block(0).tocsc()
        P = np.empty((t.size, self.N + 1))
        p, t_prev = p0, 0.0
        for k, tk in enumerate(t):                   # any grid: step from the previous time
            if tk > t_prev:
                p = expm_multiply(R * (tk - t_prev), p)
            P[k], t_prev = p, tk
        S = self.N / 2.0
        return P @ ((np.arange(self.N + 1) - S) / S)

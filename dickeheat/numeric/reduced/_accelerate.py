r"""Anderson acceleration of the ladder sweeps (used by ``_aggregation.iterate``).

The fixed-point map is one *double* sweep (downward then upward, each followed by the coarse
step), :math:`u \mapsto g(u)`, in the variables :math:`u = \ln y` (so every extrapolated
iterate stays positive and the mixing weighs the relative error of every level alike, tiny
populations included, as the convergence criterion does). With the last ``depth`` differences
:math:`\Delta F = [f_{i+1} - f_i]`, :math:`\Delta G = [g_{i+1} - g_i]` of the residuals
:math:`f = g(u) - u` and the images, the next iterate is

.. math:: u_{+} = g - \Delta G\,\gamma, \qquad
          \gamma = \arg\min_\gamma \lVert f - \Delta F\,\gamma\rVert_2

(Anderson type II, Walker & Ni 2011), solved through the regularised ``depth × depth`` normal
equations, kept up to date one column at a time. On the linear problem this is GMRES with the
double sweep as preconditioner, restarted every ``depth`` steps by truncation. The history is
dropped (a restart) whenever the residual grows, so a poor extrapolation costs one double sweep.

Memory: ``2 depth + 3`` float64 arrays of n_levels (:func:`depth_for`). Dot products are
single-threaded (``_compiled.dot``: NumPy's threaded BLAS stalls on a busy machine).
"""

from __future__ import annotations

import numpy as np

from dickeheat.numeric.reduced._compiled import dot

__all__ = ["Anderson", "depth_for"]

#: largest history kept
MAX_DEPTH = 8


def depth_for(n: int, spare_bytes: int | None) -> int:
    """History depth that fits ``spare_bytes`` (all of :data:`MAX_DEPTH` if unknown), 0 if
    fewer than two columns fit."""
    if spare_bytes is None:
        return MAX_DEPTH
    columns = spare_bytes // (8 * n) - 3
    depth = int(min(MAX_DEPTH, columns // 2))
    return depth if depth >= 2 else 0


class Anderson:
    """Type-II Anderson mixing over a bounded history (see the module docstring)."""

    def __init__(self, depth: int) -> None:
        self.depth = depth
        self.dF: list[np.ndarray] = []
        self.dG: list[np.ndarray] = []
        self.gram = np.zeros((depth, depth))
        self.f_prev: np.ndarray | None = None
        self.g_prev: np.ndarray | None = None
        self.best = np.inf
        self.steps = 0
        self.restarts = 0

    def restart(self) -> None:
        self.dF.clear()
        self.dG.clear()
        self.f_prev = self.g_prev = None
        self.best = np.inf
        self.restarts += 1

    def step(self, u: np.ndarray, g: np.ndarray) -> np.ndarray | None:
        """Given the iterate ``u`` and its image ``g`` (both consumed), the next iterate, or
        None to take ``g`` itself (first step after a restart, or a rejected mix)."""
        f = np.subtract(g, u, out=u)  # u is no longer needed
        norm = float(np.sqrt(dot(f, f)))
        if not np.isfinite(norm) or norm > 10.0 * self.best:
            self.restart()
        self.best = min(self.best, norm)
        if self.f_prev is not None and self.g_prev is not None:
            if len(self.dF) == self.depth:  # drop the oldest column, shift the Gram matrix
                self.dF.pop(0)
                self.dG.pop(0)
                self.gram[:-1, :-1] = self.gram[1:, 1:]
            df = np.subtract(f, self.f_prev, out=self.f_prev)
            dg = np.subtract(g, self.g_prev, out=self.g_prev)
            m = len(self.dF)
            for i, col in enumerate(self.dF):
                self.gram[i, m] = self.gram[m, i] = float(dot(col, df))
            self.gram[m, m] = float(dot(df, df))
            self.dF.append(df)
            self.dG.append(dg)
        self.f_prev, self.g_prev = f.copy(), g.copy()
        m = len(self.dF)
        if m == 0:
            return None
        H = self.gram[:m, :m]
        rhs = np.array([float(dot(col, f)) for col in self.dF])
        reg = 1e-12 * float(np.trace(H)) / m
        try:
            gamma = np.linalg.solve(H + reg * np.eye(m), rhs)
        except np.linalg.LinAlgError:
            self.restart()
            return None
        if not np.all(np.isfinite(gamma)):
            self.restart()
            return None
        out = g  # g is consumed: the mix is written over it
        for c, col in zip(gamma, self.dG):
            out -= c * col
        self.steps += 1
        return out

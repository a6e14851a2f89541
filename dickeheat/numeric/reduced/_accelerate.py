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

Memory: ``2 depth + 4`` float64 arrays of n_levels (:func:`depth_for`): the history, the
previous residual and image, and the iterate and image of the current step. Each step is two
compiled passes over them (``_compiled.anderson_update``: the new column, its Gram entries and
the right-hand side; ``_compiled.anderson_mix``), single-threaded (NumPy's threaded BLAS
stalls on a busy machine) and without temporaries.
"""

from __future__ import annotations

import math

import numpy as np

from dickeheat.numeric.reduced._compiled import anderson_mix, anderson_update

__all__ = ["Anderson", "depth_for"]

#: largest history kept
MAX_DEPTH = 8


def depth_for(n: int, spare_bytes: int | None) -> int:
    """History depth that fits ``spare_bytes`` (all of :data:`MAX_DEPTH` if unknown), 0 if
    fewer than two columns fit."""
    if spare_bytes is None:
        return MAX_DEPTH
    columns = spare_bytes // (8 * n) - 4
    depth = int(min(MAX_DEPTH, columns // 2))
    return depth if depth >= 2 else 0


class Anderson:
    """Type-II Anderson mixing over a bounded history of n-vectors (see the module
    docstring). The caller writes the iterate into :attr:`u` and its image into :attr:`g`,
    then calls :meth:`step`."""

    def __init__(self, depth: int, n: int) -> None:
        self.depth = depth
        self.F = np.empty((depth, n))  # history columns ΔF, ΔG, stored by slot
        self.G = np.empty((depth, n))
        self.f_prev, self.g_prev = np.empty(n), np.empty(n)
        self.u, self.g = np.empty(n), np.empty(n)
        self.slots: list[int] = []  # the slots in use, oldest first
        self.has_prev = False
        self.gram = np.zeros((depth, depth))  # ΔF_a·ΔF_b by slot
        self.best = math.inf
        self.steps = 0
        self.restarts = 0

    def restart(self) -> None:
        self.slots.clear()
        self.has_prev = False
        self.best = math.inf
        self.restarts += 1

    def swap(self) -> None:
        """Exchange :attr:`u` and :attr:`g` (the image of one step is the next iterate)."""
        self.u, self.g = self.g, self.u

    def step(self) -> np.ndarray | None:
        """The next iterate, mixed over :attr:`g` (which is returned), or None to take ``g``
        itself (first step after a restart, or a rejected mix; :attr:`g` is then unchanged).
        :attr:`u` is consumed."""
        f = np.subtract(self.g, self.u, out=self.u)
        new = -1
        if self.has_prev:
            if len(self.slots) == self.depth:
                new = self.slots.pop(0)  # the oldest column's storage
            else:
                new = min(set(range(self.depth)) - set(self.slots))
            self.slots.append(new)
        slots = np.array(self.slots, dtype=np.int64)
        row, rhs = np.zeros(len(slots)), np.zeros(len(slots))
        ff = anderson_update(self.F, self.G, slots, new, f, self.g, self.f_prev, self.g_prev,
                             row, rhs)
        self.has_prev = True
        norm = math.sqrt(ff) if ff >= 0.0 else math.nan
        if not math.isfinite(norm) or norm > 10.0 * self.best:
            self.restart()  # the residual grew: drop the history (f_prev, g_prev are kept)
            self.has_prev = True
        self.best = min(self.best, norm)
        if not self.slots:
            return None
        for j, a in enumerate(self.slots):
            self.gram[a, new] = self.gram[new, a] = row[j]
        m = len(self.slots)
        H = self.gram[np.ix_(slots, slots)]
        reg = 1e-12 * float(np.trace(H)) / m
        try:
            gamma = np.linalg.solve(H + reg * np.eye(m), rhs)
        except np.linalg.LinAlgError:
            self.restart()
            return None
        if not np.all(np.isfinite(gamma)):
            self.restart()
            return None
        anderson_mix(self.G, slots, gamma, self.g)
        self.steps += 1
        return self.g

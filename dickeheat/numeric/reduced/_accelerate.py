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
compiled passes over them (``_compiled.anderson_update``: log y, the residual, the new column,
its Gram entries and the right-hand side; ``_compiled.anderson_mix``), without temporaries,
in two fixed halves of the levels above :data:`SPLIT_ABOVE` (on two threads when there are
two cores; NumPy's threaded BLAS is not used, it stalls on a busy machine).
"""

from __future__ import annotations

import math

import numpy as np

from dickeheat.numeric.reduced import _compiled

__all__ = ["Anderson", "depth_for"]

#: largest history kept
MAX_DEPTH = 8
#: vectors of at least this many entries are processed in two halves, on two threads when
#: there are two cores (the halves, not the threads, fix the arithmetic)
SPLIT_ABOVE = 250_000


def depth_for(n: int, spare_bytes: int | None) -> int:
    """History depth that fits ``spare_bytes`` (all of :data:`MAX_DEPTH` if unknown), 0 if
    fewer than two columns fit."""
    if spare_bytes is None:
        return MAX_DEPTH
    columns = spare_bytes // (8 * n) - 4
    depth = int(min(MAX_DEPTH, columns // 2))
    return depth if depth >= 2 else 0


class Anderson:
    """Type-II Anderson mixing over a bounded history of n-vectors in log y (see the module
    docstring): :meth:`load` takes the iterate from y, :meth:`step` its image from y, and
    :meth:`store` writes the mixed iterate back."""

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
        parts = 2 if n >= SPLIT_ABOVE else 1
        self.bounds = np.array([n * p // parts for p in range(parts + 1)], dtype=np.int64)
        self.threads = min(parts, _compiled.cores())

    def _parts(self, call) -> list:
        return _compiled.in_parts(self.bounds, self.threads, call)

    def restart(self) -> None:
        self.slots.clear()
        self.has_prev = False
        self.best = math.inf
        self.restarts += 1

    def load(self, y: np.ndarray) -> None:
        """The iterate: :attr:`u` = log y."""
        self._parts(lambda lo, hi, p: _compiled.log_into(y, self.u, lo, hi))

    def store(self, y: np.ndarray) -> None:
        """y = exp(:attr:`g`), the mixed iterate; it becomes the next iterate (:attr:`u`)."""
        self._parts(lambda lo, hi, p: _compiled.exp_into(self.g, y, lo, hi))
        self.swap()

    def swap(self) -> None:
        """Exchange :attr:`u` and :attr:`g` (the image of one step is the next iterate)."""
        self.u, self.g = self.g, self.u

    def step(self, y: np.ndarray) -> np.ndarray | None:
        """Given the image y of the iterate in :attr:`u`: the next iterate in log y, mixed
        over :attr:`g` (which is returned), or None to take the image itself (first step after
        a restart, or a rejected mix; :attr:`g` then holds log y). :attr:`u` is consumed."""
        new = -1
        if self.has_prev:
            if len(self.slots) == self.depth:
                new = self.slots.pop(0)  # the oldest column's storage
            else:
                new = min(set(range(self.depth)) - set(self.slots))
            self.slots.append(new)
        slots = np.array(self.slots, dtype=np.int64)
        P = len(self.bounds) - 1
        rows, rhss = np.zeros((P, len(slots))), np.zeros((P, len(slots)))
        ffs = self._parts(lambda lo, hi, p: _compiled.anderson_update(
            self.F, self.G, slots, new, self.u, y, self.g, self.f_prev, self.g_prev, lo, hi,
            rows[p], rhss[p]))
        row, rhs, ff = rows.sum(axis=0), rhss.sum(axis=0), math.fsum(ffs)
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
        self._parts(lambda lo, hi, p: _compiled.anderson_mix(self.G, slots, gamma, self.g,
                                                             lo, hi))
        self.steps += 1
        return self.g

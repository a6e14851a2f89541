"""Thermal occupations, evaluated without overflow or underflow into a wrong limit.

>>> round(float(bose(1.0, 1.0)), 6)
0.581977
>>> float(bose(1.0, 1e-3))   # far below ω: vanishes, no overflow
0.0
>>> float(bose(1.0, 0.0))    # T = 0
0.0
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["bose", "log_bose"]


def bose(omega: ArrayLike, T: ArrayLike) -> Any:
    r"""Bose–Einstein occupation :math:`n = 1/(e^{\omega/T} - 1)` (ħ = k_B = 1).

    Elementwise for arrays (a float for scalar input). ``T = 0`` gives 0. Written as
    :math:`e^{-x}/(1 - e^{-x})` with ``expm1``, so low temperatures underflow smoothly to 0 and
    high temperatures keep full relative precision. Validation of the arguments (ω > 0, T ≥ 0)
    is the caller's: models check their parameters at construction.
    """
    w = np.asarray(omega, dtype=float)
    t = np.asarray(T, dtype=float)
    w, t = np.broadcast_arrays(w, t)
    with np.errstate(divide="ignore", over="ignore", invalid="ignore", under="ignore"):
        x = np.where(t > 0, w / np.where(t > 0, t, 1.0), np.inf)
        n = np.where(np.isinf(x), 0.0, np.exp(-x) / -np.expm1(-x))
    return float(n) if n.ndim == 0 else n


def log_bose(omega: float, T: float) -> float:
    r""":math:`\ln n` for one frequency and temperature, finite where :func:`bose` underflows
    (``-inf`` at T = 0).

    >>> round(log_bose(1.0, 1e-3), 3)   # n = e^{-1000}
    -1000.0
    """
    if T <= 0:
        return -math.inf
    x = omega / T
    return -x - math.log(-math.expm1(-x))

r"""Bosonic bath spectral densities and the transition-rate function of a thermal bath.

For a bath coupled linearly through :math:`B = \sum_k h_k b_k + \mathrm{h.c.}` with spectral
density :math:`\Gamma(\omega)` (continued to :math:`\omega < 0` as an odd function), the
Fourier transform of the bath correlation function is

.. math:: \gamma(\omega) = \Gamma(\omega)\,[1 + n(\omega)], \qquad
          n(\omega) = \frac{1}{e^{\beta\omega} - 1},

i.e. :math:`\gamma(\omega) = \Gamma(\omega)[1+n(\omega)]` for emission into the bath
(:math:`\omega > 0`) and :math:`\gamma(-\omega) = \Gamma(\omega)\,n(\omega)` for absorption
from it; :math:`\gamma(\omega)/\gamma(-\omega) = e^{\beta\omega}` (local detailed balance).

>>> round(float(peaked_spectral_density(2.0, amplitude=1.0, center=2.0, width=0.1)), 6)
0.999375
>>> float(thermal_rate(-1.0, lambda w: w, beta=float("inf")))   # absorption at T = 0
0.0
>>> round(float(thermal_rate(1.0, lambda w: w, beta=1.0) / thermal_rate(-1.0, lambda w: w,
...                                                                     beta=1.0)), 12)
2.718281828459
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from dickeheat.errors import ParameterError
from dickeheat.numeric.thermal import bose

__all__ = ["peaked_spectral_density", "ohmic_spectral_density", "thermal_rate"]


def peaked_spectral_density(omega: ArrayLike, *, amplitude: float, center: float,
                            width: float) -> Any:
    r"""Odd spectral density with two Lorentzian-like peaks at :math:`\pm\varepsilon`:

    .. math:: \Gamma(\omega) = \frac{4\bar\Gamma\,\varepsilon\,\delta^2\,\omega}
              {[(\omega-\varepsilon)^2+\delta^2]\,[(\omega+\varepsilon)^2+\delta^2]},

    (amplitude :math:`\bar\Gamma`, center :math:`\varepsilon`, width :math:`\delta`), whose
    maximum for :math:`\delta \ll \varepsilon` is close to :math:`\bar\Gamma` at
    :math:`\omega \approx \varepsilon`; exactly
    :math:`\Gamma(\varepsilon) = \bar\Gamma\,4\varepsilon^2/(4\varepsilon^2+\delta^2)`.
    It decays like :math:`\omega^{-3}` far from the peak. This is the spectral density a
    system sees through a damped harmonic mode (a filter) between it and an Ohmic bath.
    """
    w = np.asarray(omega, dtype=float)
    g = (4.0 * amplitude * center * width**2 * w
         / (((w - center) ** 2 + width**2) * ((w + center) ** 2 + width**2)))
    return float(g) if g.ndim == 0 else g


def ohmic_spectral_density(omega: ArrayLike, *, coupling: float = 1.0,
                           cutoff: float) -> Any:
    r"""Ohmic spectral density with exponential cut-off, :math:`\Gamma(\omega) =
    g\,\omega\,e^{-|\omega|/\omega_c}` (odd in :math:`\omega`)."""
    w = np.asarray(omega, dtype=float)
    g = coupling * w * np.exp(-np.abs(w) / cutoff)
    return float(g) if g.ndim == 0 else g


def thermal_rate(omega: ArrayLike, spectral: Callable[[np.ndarray], Any], *,
                 beta: float) -> Any:
    r"""The rate function :math:`\gamma(\omega)` of a thermal bath at inverse temperature β.

    ``omega > 0``: emission of :math:`\omega` into the bath, :math:`\Gamma(\omega)[1+n]`;
    ``omega < 0``: absorption of :math:`|\omega|`, :math:`\Gamma(|\omega|)\,n`;
    ``omega = 0``: 0 (pure dephasing drops out of population equations).
    ``beta = inf`` is zero temperature. ``spectral`` is evaluated at :math:`|\omega|` only.

    Raises
    ------
    ParameterError
        For ``beta <= 0`` (infinite temperature makes every rate with
        :math:`\Gamma \ne 0` infinite; treat that limit by coarse-graining, see
        :func:`dickeheat.numeric.fcs.coarse_grain`).
    """
    if not (beta > 0):
        raise ParameterError(f"beta must be > 0 (inf allowed), got {beta!r}")
    w = np.asarray(omega, dtype=float)
    aw = np.abs(w)
    safe = np.where(aw > 0, aw, 1.0)
    G = np.asarray(spectral(safe), dtype=float)
    T = 0.0 if np.isinf(beta) else 1.0 / beta
    n = np.asarray(bose(safe, T), dtype=float)
    out = np.where(w > 0, G * (1.0 + n), np.where(w < 0, G * n, 0.0))
    return float(out) if out.ndim == 0 else out

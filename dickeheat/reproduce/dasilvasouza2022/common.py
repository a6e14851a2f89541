"""Shared pieces of the da Silva Souza et al. figures: one exact engine point, fits, labels."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from dickeheat.numeric.exchange_spins import ExchangeCoupledSpins
from dickeheat.numeric.exchange_spins_observables import thermodynamics

__all__ = ["PAPER", "constancy", "engine_point", "power_law_exponent", "progress_iter"]

PAPER = "dasilvasouza2022"


def engine_point(N: int, *, E1: float, E2: float, T1: float, T2: float, omega0: float,
                 Gamma0: float, scaled: bool = False, noise: bool = False) -> dict[str, float]:
    """Exact steady-state P, J1, J2 (and Var P) of N spin pairs.

    ``scaled`` applies the high-temperature scaling omega0, Gamma0 -> /N and T -> N T.
    """
    s = N if scaled else 1
    m = ExchangeCoupledSpins.thermal(N=N, E1=E1, E2=E2, beta1=1.0 / (s * T1),
                                     beta2=1.0 / (s * T2), coupling=omega0 / s,
                                     Gamma0=Gamma0 / s)
    th = thermodynamics(m, noise=noise)
    return {"P": th.P, "J1": th.J1, "J2": th.J2, "var_P": th.var_P,
            "residual": th.residual, "T1": s * T1, "T2": s * T2}


def registered(name: str):
    """The registered result ``dasilvasouza2022.<name>`` (the one door to a closed form)."""
    from dickeheat.derivations import registry

    return registry((PAPER,)).get(f"{PAPER}.{name}")


def constancy(P: float, var_P: float, *, eta: float, T1: float, T2: float) -> float:
    """Normalised constancy C_N of Eq. (20) through the registered results ``constancy`` and
    ``eta_carnot`` (NaN where it is undefined)."""
    b1, b2 = 1.0 / T1, 1.0 / T2
    eta_c = float(registered("eta_carnot").numpy_function(b1, b2))
    if var_P <= 0 or eta == eta_c:
        return math.nan
    return float(registered("constancy").numpy_function(P, var_P, b1, eta, eta_c))


def power_law_exponent(N: np.ndarray, ratio: np.ndarray, n_min: int) -> float:
    """Slope of log(ratio) against log(N) over N >= ``n_min`` (linear least squares)."""
    N = np.asarray(N, dtype=float)
    r = np.asarray(ratio, dtype=float)
    sel = (N >= n_min) & np.isfinite(r) & (r > 0)
    if sel.sum() < 2:
        return math.nan
    return float(np.polyfit(np.log(N[sel]), np.log(r[sel]), 1)[0])


def progress_iter(items: Iterable[Any], progress: bool, desc: str) -> Iterable[Any]:
    """``items`` wrapped in a tqdm bar when ``progress`` is set."""
    if not progress:
        return items
    from tqdm import tqdm

    return tqdm(list(items), desc=desc)


def vectorize_grid(f: Callable[..., float], xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """``f(x, y)`` on the grid (x rows, y columns)."""
    return np.array([[f(x, y) for y in ys] for x in xs])

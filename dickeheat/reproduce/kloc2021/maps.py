"""Fig. 3 (cooling against the widths), Fig. 4 (beta_c^max against delta_w), Fig. 5 (COP maps).

All at N = 31 with the other parameters of Fig. 2 (the captions). The panels of Fig. 5 are not
specified in the available text beyond "different values of delta_nu", (a), (b) close to the
reduced model (delta_w -> 0), (c), (d) with larger delta_c and delta_h, (d) the least
efficient; the values used here are stated in the dataset (``panel_*`` attributes).
"""

from __future__ import annotations

import numpy as np
import xarray as xr
from scipy.optimize import brentq

from dickeheat.numeric.spin_refrigerator import solve
from dickeheat.reproduce.kloc2021.common import model

__all__ = ["compute_fig3", "compute_fig4", "compute_fig5", "FIG5_PANELS", "N_MAPS"]

N_MAPS = 31

#: (delta_c, delta_h, delta_w) of the four panels of Fig. 5 (our choice, see module docstring)
FIG5_PANELS: dict[str, tuple[float, float, float]] = {
    "a": (0.1, 0.1, 1e-4),
    "b": (0.1, 0.1, 1e-3),
    "c": (0.1, 0.5, 1e-3),
    "d": (0.2, 0.1, 1e-3),
}


def compute_fig3(*, version: str = "paper", fast: bool = False,
                 progress: bool = False) -> xr.Dataset:
    """I_c on (delta_w, delta_h) at delta_c = 0.1 (a) and on (delta_c, delta_h) at
    delta_w = 1e-3 (b)."""
    n = 9 if fast else 41
    dw = np.logspace(-5, 0, n)
    dch = np.logspace(-3, 0, n)
    a = np.array([[solve(model(N_MAPS, delta_w=x, delta_h=y)).I_c for x in dw] for y in dch])
    b = np.array([[solve(model(N_MAPS, delta_c=x, delta_h=y)).I_c for x in dch] for y in dch])
    return xr.Dataset(
        {"I_a": (("delta_h", "delta_w"), a), "I_b": (("delta_h", "delta_c"), b)},
        coords={"delta_w": dw, "delta_h": dch, "delta_c": dch},
        attrs={"N": N_MAPS, "panel_a": "delta_c = 0.1", "panel_b": "delta_w = 1e-3"})


def _beta_c_max(delta_w: float, grid: np.ndarray, values: np.ndarray) -> float:
    """Largest beta_c with I_c > 0 (the last sign change on ``grid``, refined by Brent's
    method), NaN if I_c does not change sign there."""
    def f(bc: float) -> float:
        return solve(model(N_MAPS, beta_c=bc, delta_w=delta_w)).I_c

    idx = np.nonzero((values[:-1] > 0) & (values[1:] <= 0))[0]
    if idx.size == 0:
        return float("nan")
    k = int(idx[-1])
    return float(brentq(f, grid[k], grid[k + 1], xtol=1e-10))


def compute_fig4(*, version: str = "paper", fast: bool = False,
                 progress: bool = False) -> xr.Dataset:
    """I_c against beta_c (beta_h = 1) for several delta_w, and the sign change beta_c^max."""
    deltas = np.array([1e-5, 1e-4, 1e-3, 3e-3, 1e-2])
    bc = np.linspace(1.0, 3.5, 16 if fast else 126)
    I = np.array([[solve(model(N_MAPS, beta_c=x, delta_w=d)).I_c for x in bc] for d in deltas])
    bmax = np.array([_beta_c_max(float(d), bc, row) for d, row in zip(deltas, I)])
    return xr.Dataset({"I_c": (("delta_w", "beta_c"), I), "beta_c_max": ("delta_w", bmax)},
                      coords={"delta_w": deltas, "beta_c": bc},
                      attrs={"N": N_MAPS, "beta_h": 1.0, "reduced_limit": 3.0})


def compute_fig5(*, version: str = "paper", fast: bool = False,
                 progress: bool = False) -> xr.Dataset:
    """kappa/kappa_bar (Eq. 20) on the (beta_c, beta_h) plane for four sets of widths, with
    I_c, and the reduced-model I_c for the contour lines 0.4, 0.04, 0.004."""
    n = 10 if fast else 50
    bh = np.linspace(0.1, 2.5, n)
    bc = np.linspace(0.1, 7.0, n)
    out: dict[str, tuple] = {}
    attrs: dict[str, object] = {"N": N_MAPS}
    for key, (dc, dh, dw) in FIG5_PANELS.items():
        ratio = np.full((n, n), np.nan)
        cur = np.empty((n, n))
        for i, y in enumerate(bh):
            for k, x in enumerate(bc):
                m = model(N_MAPS, beta_c=float(x), beta_h=float(y), delta_c=dc, delta_h=dh,
                          delta_w=dw)
                r = solve(m)
                cur[i, k] = r.I_c
                kb = r.cop_tur() if x > y >= m.work.beta else None
                if r.cop is not None and kb:
                    ratio[i, k] = r.cop / kb
        out[f"ratio_{key}"] = (("beta_h", "beta_c"), ratio)
        out[f"I_{key}"] = (("beta_h", "beta_c"), cur)
        attrs[f"panel_{key}"] = f"delta_c = {dc:g}, delta_h = {dh:g}, delta_w = {dw:g}"
    red = np.array([[solve(model(N_MAPS, beta_c=float(x), beta_h=float(y)), reduced=True).I_c
                     for x in bc] for y in bh])
    out["I_reduced"] = (("beta_h", "beta_c"), red)
    return xr.Dataset(out, coords={"beta_h": bh, "beta_c": bc}, attrs=attrs)

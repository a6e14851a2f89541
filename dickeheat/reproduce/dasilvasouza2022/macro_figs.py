"""Macroscopic-limit data of Figs. 5, 6 and of the N → ∞ curves of Figs. 7, 8, 10
(da Silva Souza et al.), from the registered closed moment equations (:mod:`.macro`).

Parameters are the captions' (ω₀ = 0.006, Γ₀ = 0.001, E₁ = 1, ΔT = 20 for Figs. 5, 6, 8);
the axis ranges and the ΔE values of Fig. 5 are not given in the paper and are chosen here.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

from dickeheat.numeric.thermal import bose
from dickeheat.reproduce.dasilvasouza2022.common import PAPER, progress_iter, registered
from dickeheat.reproduce.dasilvasouza2022.macro import macro_engine

__all__ = ["compute_fig5", "compute_fig6", "gain", "macro_grid", "pair_power"]

CAPTION = {"omega0": 0.006, "Gamma0": 0.001, "E1": 1.0, "dT": 20.0}


def pair_power(*, omega0: float, Gamma0: float, E1: float, E2: float, T1: float,
               T2: float) -> float:
    """P₁ of one spin pair, the registered closed form (N = 1)."""
    n1, n2 = float(bose(E1, T1)), float(bose(E2, T2))
    return float(registered("pair_power").numpy_function(E2 - E1, omega0, Gamma0, n1, n2))


def gain(P_per_N: float, P1: float) -> float:
    """P_N/(N P₁), NaN at the Carnot point where both vanish (P₁ = 0)."""
    return P_per_N / P1 if P1 != 0.0 else float("nan")


def macro_grid(dEs: np.ndarray, Tbars: np.ndarray, *, noise: bool, progress: bool = False,
               desc: str = "macroscopic limit") -> dict[str, np.ndarray]:
    """P/N, gain P_N/(N P₁), Jacobian gap, (constancy), mutual information and concurrence on a
    (ΔE, T̄) grid with the caption parameters; each row continues from the previous point."""
    eng = macro_engine()
    shape = (dEs.size, Tbars.size)
    out = {k: np.full(shape, np.nan) for k in ("P_per_N", "gain", "gap", "var_P", "constancy",
                                                "mutual_information", "concurrence",
                                                "residual")}
    c = CAPTION
    for i, dE in enumerate(progress_iter(dEs, progress, desc)):
        y = None
        for j, Tb in enumerate(Tbars):
            kw = {"omega0": c["omega0"], "Gamma0": c["Gamma0"], "E1": c["E1"],
                  "E2": c["E1"] + float(dE), "T1": float(Tb) - c["dT"] / 2,
                  "T2": float(Tb) + c["dT"] / 2}
            pt = eng.point(noise=noise, y0=y, **kw)
            y = pt.y
            out["P_per_N"][i, j] = pt.P
            out["gain"][i, j] = gain(pt.P, pair_power(**kw))
            out["gap"][i, j] = pt.gap
            out["var_P"][i, j] = pt.var_P
            out["constancy"][i, j] = pt.constancy
            out["mutual_information"][i, j] = pt.mutual_information
            out["concurrence"][i, j] = pt.concurrence
            out["residual"][i, j] = pt.residual
    return out


def _carnot_line(Tbars: np.ndarray) -> np.ndarray:
    """ΔE*(T̄) of the registered (23)."""
    f = registered("dE_star").numpy_function
    return np.asarray(f(CAPTION["E1"], Tbars, CAPTION["dT"]), dtype=float)


def compute_fig5(*, version: str = "paper", fast: bool = False,
                 progress: bool = False) -> xr.Dataset:
    """Fig. 5: the Jacobian gap (43) of the closed equations against T̄ for several ΔE (values
    not given in the paper: 1, 3, 5, 7, 9), with the Carnot temperature T̄* of (23)."""
    dEs = np.array([1.0, 5.0, 9.0]) if fast else np.array([1.0, 3.0, 5.0, 7.0, 9.0])
    Tbars = np.linspace(10.5, 60.0, 8 if fast else 60)
    g = macro_grid(dEs, Tbars, noise=False, progress=progress, desc="Fig. 5")
    Tstar = np.asarray(registered("Tbar_star").numpy_function(CAPTION["E1"], dEs,
                                                              CAPTION["dT"]), dtype=float)
    return xr.Dataset(
        {"gap": (("dE", "Tbar"), g["gap"]), "P_per_N": (("dE", "Tbar"), g["P_per_N"]),
         "Tbar_star": (("dE",), Tstar), "residual": (("dE", "Tbar"), g["residual"])},
        coords={"dE": dEs, "Tbar": Tbars},
        attrs={"figure": f"{PAPER}-fig5", "version": version, **CAPTION,
               "limit": "macroscopic (closed order-2 moment equations, scaling 28)"})


def compute_fig6(*, version: str = "paper", fast: bool = False,
                 progress: bool = False) -> xr.Dataset:
    """Fig. 6: P_N/(NΓ₀), log10 P_N/(N P₁) and the constancy (20) in the macroscopic limit over
    (ΔE, T̄) (ranges not given in the paper: ΔE = 0.25 … 9, T̄ = 11 … 40)."""
    dEs = np.linspace(0.25, 9.0, 5 if fast else 36)
    Tbars = np.linspace(11.0, 40.0, 5 if fast else 30)
    g = macro_grid(dEs, Tbars, noise=True, progress=progress, desc="Fig. 6")
    data = {k: (("dE", "Tbar"), g[k]) for k in ("P_per_N", "gain", "var_P", "constancy",
                                                "residual", "gap")}
    data["dE_star"] = (("Tbar",), _carnot_line(Tbars))
    return xr.Dataset(data, coords={"dE": dEs, "Tbar": Tbars},
                      attrs={"figure": f"{PAPER}-fig6", "version": version, **CAPTION,
                             "limit": "macroscopic (closed order-2 moment equations, "
                                      "scaling 28)"})

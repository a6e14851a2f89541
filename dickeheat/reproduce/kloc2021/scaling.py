"""Fig. 2 (current and noise against N) and Fig. 7 (thermalisation time against N)."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
import xarray as xr

from dickeheat.numeric.parity_sector import parity_sector
from dickeheat.numeric.pauli import generator, pauli_jump_rates
from dickeheat.numeric.relaxation import relaxation_time
from dickeheat.numeric.spectral import ohmic_spectral_density, thermal_rate
from dickeheat.numeric.spin_refrigerator import solve
from dickeheat.reproduce.kloc2021.common import FIG2, model, reduced_limit

__all__ = ["compute_fig2", "compute_fig7"]


def compute_fig2(*, version: str = "paper", fast: bool = False,
                 progress: bool = False) -> xr.Dataset:
    """I_c and S_c against odd N: full model, three-level model, and the n_w -> inf limit."""
    Ns = np.arange(5, 52 if fast else 152, 2)
    cols: dict[str, list[float]] = {k: [] for k in
                                    ("I_full", "S_full", "I_red", "S_red", "I_lim", "S_lim",
                                     "res_full")}
    for N in Ns:
        full = solve(model(int(N)))
        red = solve(model(int(N)), reduced=True)
        lim = solve(model(int(N), beta_w=0.0), reduced=True)
        for k, v in (("I_full", full.I_c), ("S_full", full.S_c), ("I_red", red.I_c),
                     ("S_red", red.S_c), ("I_lim", lim.I_c), ("S_lim", lim.S_c),
                     ("res_full", full.residual)):
            cols[k].append(v)
    data = {k: ("N", np.array(v)) for k, v in cols.items()}
    lim = [reduced_limit(int(N), Omega=FIG2["Omega"], beta_c=FIG2["beta_c"],
                         beta_h=FIG2["beta_h"], Gamma_c=FIG2["Gamma_c"],
                         Gamma_h=FIG2["Gamma_h"]) for N in Ns]
    names = ""
    if all(x is not None for x in lim):
        data["I_G4"] = ("N", np.array([x["I_c"] for x in lim]))
        data["S_G5"] = ("N", np.array([x["S_c"] for x in lim]))
        names = " ".join(lim[0]["results"])
    ds = xr.Dataset(data, coords={"N": Ns})
    ds["I_full"].attrs["long_name"] = "cold-bath current, full model"
    ds.attrs.update({"closed_forms": names or "none registered: n_w -> inf limit "
                     "computed numerically (coarse-grained three-level model)",
                     **{k: v for k, v in FIG2.items()}})
    return ds


def _thermalisation_time(N: int, *, beta_i: float, beta_f: float, cutoff: float,
                         Omega: float = 1.0, threshold: float = 1e-6) -> float:
    s = parity_sector(N / 2, 1)
    E = Omega * s.jz2()
    # levels with beta_i (E - E_0) > 60 start below e^-60 and the colder bath only empties them:
    # they are dropped (this keeps ~10 levels, where all the relaxation happens)
    keep = int(np.searchsorted(beta_i * (E - E[0]), 60.0, side="right"))
    keep = max(keep, 2)
    E = E[:keep]
    jx = sp.csr_matrix(s.jx)[:keep, :keep]
    W = pauli_jump_rates(E, jx, lambda w: thermal_rate(
        w, lambda x: ohmic_spectral_density(x, cutoff=cutoff), beta=beta_f))
    R = generator(W).toarray()

    def gibbs(beta: float) -> np.ndarray:
        g = np.exp(-beta * (E - E.min()))
        return g / g.sum()

    return relaxation_time(R, gibbs(beta_i), gibbs(beta_f), threshold=threshold)


def compute_fig7(*, version: str = "paper", fast: bool = False,
                 progress: bool = False) -> xr.Dataset:
    """Thermalisation time t_th (relative entropy <= 1e-6) against N, Ohmic bath, App. C."""
    Ns = np.arange(2, 31 if fast else 101)
    t = np.array([_thermalisation_time(int(N), beta_i=1.0, beta_f=4.0, cutoff=100.0)
                  for N in Ns])
    # least-squares fit t = a / N^2 over the upper half of the N range
    sel = Ns >= Ns[len(Ns) // 2]
    a = float(np.sum(t[sel] / Ns[sel] ** 2) / np.sum(1.0 / Ns[sel] ** 4))
    return xr.Dataset({"t_th": ("N", t), "fit": ("N", a / Ns.astype(float) ** 2)},
                      coords={"N": Ns},
                      attrs={"beta_i": 1.0, "beta_f": 4.0, "cutoff": 100.0, "threshold": 1e-6,
                             "fit_coefficient": a})

"""Exact finite-N data of the purely dissipative figures (Figs. 4 and 9 of da Silva Souza et al.).

One collective spin S = N/2 with the collective thermal dissipator in the high-temperature
scaling (Gamma0 -> Gamma0/N, beta -> beta/N): gamma_down = (Gamma0/N)(n+1),
gamma_up = (Gamma0/N) n, n = 1/(e^{beta E/N} - 1); Gamma0 = E = 1.
"""

from __future__ import annotations

import math

import numpy as np
import xarray as xr

from dickeheat.numeric.collective_spin_relaxation import CollectiveSpinRelaxation
from dickeheat.numeric.thermal import bose
from dickeheat.reproduce.dasilvasouza2022.common import PAPER, progress_iter, registered

__all__ = ["compute_fig4", "compute_fig9", "scaled_spin", "transient_size", "jacobian_gap",
           "cumulant_dynamics"]


def jacobian_gap(betaE: np.ndarray, Gamma0: float = 1.0) -> np.ndarray:
    """-max Re of the registered Jacobian eigenvalues (Eq. 44) of the macroscopic limit."""
    b = np.asarray(betaE, dtype=complex)
    lam = [np.asarray(registered(k).numpy_function(Gamma0, b), dtype=complex)
           for k in ("lambda_plus", "lambda_minus")]
    return -np.maximum(lam[0].real, lam[1].real)


def cumulant_dynamics(betaE: float, t: np.ndarray, Gamma0: float = 1.0) -> np.ndarray:
    """<m_z>(t) of the registered closed equations (38)-(39) from m_z = <m_z^2> = 1."""
    from scipy.integrate import solve_ivp

    f1 = registered("eq38").numpy_function
    f2 = registered("eq39").numpy_function

    def rhs(_: float, y: np.ndarray) -> list[float]:
        return [float(f1(Gamma0, betaE, y[0], y[1])), float(f2(Gamma0, betaE, y[0], y[1]))]

    sol = solve_ivp(rhs, (0.0, float(t[-1])), [1.0, 1.0], t_eval=t, method="LSODA",
                    rtol=1e-9, atol=1e-12)
    return sol.y[0]

EPSILON = 1e-10


def scaled_spin(N: int, betaE: float, Gamma0: float = 1.0) -> CollectiveSpinRelaxation:
    """The spin of N spins-1/2 in the high-temperature scaling (``betaE = inf``: T = 0)."""
    n = 0.0 if math.isinf(betaE) else float(bose(1.0, N / betaE))
    return CollectiveSpinRelaxation(N=N, down=Gamma0 / N * (n + 1.0), up=Gamma0 / N * n)


def transient_size(betaE: float, quantity: str, n_max: int) -> float:
    """Smallest N with |X(beta E) - X(beta E -> inf)| > 1e-10 (X = gap or magnetization)."""
    for N in range(1, n_max + 1):
        if quantity == "magnetization":
            dev = abs(scaled_spin(N, betaE).magnetization() + 1.0)
        else:
            dev = abs(scaled_spin(N, betaE).gap() - scaled_spin(N, math.inf).gap())
        if dev > EPSILON:
            return float(N)
    return math.nan


def compute_fig4(*, version: str = "paper", fast: bool = False,
                 progress: bool = False) -> xr.Dataset:
    """Fig. 4: magnetization and gap against beta E (finite N, and the macroscopic limit through
    the registered Eq. 33 and Jacobian eigenvalues, Eq. 44), magnetization against N and the
    transient size N* (epsilon = 1e-10) against beta E."""
    bE = np.logspace(-2, 2, 9 if fast else 41)
    Ns = np.array([4, 16]) if fast else np.array([10, 40, 100])
    mz = np.array([[scaled_spin(int(N), b).magnetization() for b in bE] for N in Ns])
    gap = np.array([[scaled_spin(int(N), b).gap() for b in bE]
                    for N in progress_iter(Ns, progress, "Fig. 4 gap")])
    Nscan = np.unique(np.round(np.logspace(0, 2 if fast else 3, 12 if fast else 30)).astype(int))
    bE_c = np.array([0.1, 1.0, 10.0, 100.0])
    mz_N = np.array([[scaled_spin(int(N), b).magnetization() for N in Nscan] for b in bE_c])
    bE_d = np.logspace(0, 2 if fast else 3, 4 if fast else 10)
    nmax = 20 if fast else 120
    Nstar_m = np.array([transient_size(b, "magnetization", nmax) for b in bE_d])
    Nstar_g = np.array([transient_size(b, "gap", min(nmax, 60)) for b in
                        progress_iter(bE_d, progress, "Fig. 4 N*")])
    mz_macro = np.asarray(registered("mz_ss").numpy_function(bE), dtype=float)
    return xr.Dataset(
        {"mz": (("N", "betaE"), mz), "gap": (("N", "betaE"), gap),
         "mz_macro": (("betaE",), mz_macro), "jacobian_gap": (("betaE",), jacobian_gap(bE)),
         "mz_vs_N": (("betaE_c", "N_scan"), mz_N),
         "Nstar_magnetization": (("betaE_d",), Nstar_m), "Nstar_gap": (("betaE_d",), Nstar_g)},
        coords={"N": Ns, "betaE": bE, "N_scan": Nscan, "betaE_c": bE_c, "betaE_d": bE_d},
        attrs={"figure": f"{PAPER}-fig4", "version": version, "Gamma0": 1.0, "E": 1.0,
               "epsilon": EPSILON, "scaling": "high-temperature"})


def compute_fig9(*, version: str = "paper", fast: bool = False,
                 progress: bool = False) -> xr.Dataset:
    """Fig. 9 at finite N: <m_z>, <m_z^2> against beta E for several N, and <m_z>(t) from the
    fully excited state (the paper does not state its initial state) at beta E = 0.1 and 10,
    time in units of 1/Gamma0 on a logarithmic grid up to 10^1.5; the macroscopic limit from
    the registered Eqs. (33), (34) and the closed equations (38)-(39)."""
    bE = np.logspace(-2, 2, 9 if fast else 41)
    Ns = np.array([4, 16]) if fast else np.array([10, 40, 200])
    mz = np.array([[scaled_spin(int(N), b).magnetization() for b in bE] for N in Ns])
    mz2 = np.array([[scaled_spin(int(N), b).magnetization_square() for b in bE] for N in Ns])
    t = np.concatenate([[0.0], np.logspace(-3, 1.5, 20 if fast else 80)])
    dyn = np.empty((2, Ns.size, t.size))
    for k, b in enumerate((0.1, 10.0)):
        for i, N in enumerate(progress_iter(Ns, progress, "Fig. 9")):
            p0 = np.zeros(int(N) + 1)
            p0[-1] = 1.0
            dyn[k, i] = scaled_spin(int(N), b).magnetization_dynamics(t, p0)
    macro = np.array([cumulant_dynamics(b, t) for b in (0.1, 10.0)])
    return xr.Dataset(
        {"mz": (("N", "betaE"), mz), "mz2": (("N", "betaE"), mz2),
         "mz_t": (("betaE_t", "N", "t"), dyn), "mz_t_macro": (("betaE_t", "t"), macro),
         "mz_macro": (("betaE",), np.asarray(registered("mz_ss").numpy_function(bE), float)),
         "mz2_macro": (("betaE",), np.asarray(registered("mz2_ss").numpy_function(bE),
                                             float))},
        coords={"N": Ns, "betaE": bE, "t": t, "betaE_t": [0.1, 10.0]},
        attrs={"figure": f"{PAPER}-fig9", "version": version, "Gamma0": 1.0, "E": 1.0,
               "initial_state": "fully excited (m_z = +1)", "scaling": "high-temperature"})

"""Exact finite-N data of the engine figures (Figs. 2, 3, 7, 8, 10 of da Silva Souza et al.).

Every point is an exact steady state of N spin pairs in the symmetric sector
(:mod:`dickeheat.numeric.exchange_spins`). Parameters are the captions' where given; the
choices the paper leaves open are stated in each function and in the figure summaries.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

from dickeheat.reproduce.dasilvasouza2022.common import (
    PAPER,
    constancy,
    engine_point,
    power_law_exponent,
    progress_iter,
    registered,
)
from dickeheat.reproduce.dasilvasouza2022.macro import macro_engine
from dickeheat.reproduce.dasilvasouza2022.macro_figs import gain as gain_ratio
from dickeheat.reproduce.dasilvasouza2022.macro_figs import macro_grid, pair_power

__all__ = ["compute_fig2", "compute_fig3", "compute_fig7", "compute_fig8", "compute_fig10"]


def _attrs(fig: str, version: str, **kw) -> dict:
    return {"figure": f"{PAPER}-{fig}", "version": version, **kw}


def compute_fig2(*, version: str = "paper", fast: bool = False,
                 progress: bool = False) -> xr.Dataset:
    """Fig. 2 (units of omega0): E1 = 100, Gamma0 = 1, Delta T = 100.

    (a) P_1 over (Delta E, Tbar); (b) P_N/P_1 against N at Delta E = 125 for several Tbar
    (the legend's Tbar values are not given: 60, 80, 100, 120 are used); (c) the exponent alpha
    of P_N/P_1 ~ N^alpha fitted over the upper half of the N range, over (Delta E, Tbar).
    """
    E1, G, w0, dT = 100.0, 1.0, 1.0, 100.0
    dE_a = np.linspace(10.0, 300.0, 6 if fast else 30)
    Tb_a = np.linspace(60.0, 400.0, 6 if fast else 30)
    P1 = np.empty((dE_a.size, Tb_a.size))
    for i, dE in enumerate(progress_iter(dE_a, progress, "Fig. 2a")):
        for j, Tb in enumerate(Tb_a):
            P1[i, j] = engine_point(1, E1=E1, E2=E1 + dE, T1=Tb - dT / 2, T2=Tb + dT / 2,
                                    omega0=w0, Gamma0=G)["P"]
    Ns = np.arange(1, 7 if fast else 31)
    Tb_b = np.array([60.0, 80.0, 100.0, 120.0])
    ratio = np.empty((Tb_b.size, Ns.size))
    for i, Tb in enumerate(progress_iter(Tb_b, progress, "Fig. 2b")):
        P = [engine_point(int(N), E1=E1, E2=E1 + 125.0, T1=Tb - dT / 2, T2=Tb + dT / 2,
                          omega0=w0, Gamma0=G)["P"] for N in Ns]
        ratio[i] = np.asarray(P) / P[0]
    n_fit = int(Ns[len(Ns) // 2])
    alpha_b = np.array([power_law_exponent(Ns, r, n_fit) for r in ratio])
    dE_c = np.linspace(25.0, 275.0, 3 if fast else 9)
    Tb_c = np.linspace(70.0, 300.0, 3 if fast else 9)
    Nc = np.array([3, 4, 6]) if fast else np.array([8, 11, 14, 17, 20])
    alpha = np.empty((dE_c.size, Tb_c.size))
    for i, dE in enumerate(progress_iter(dE_c, progress, "Fig. 2c")):
        for j, Tb in enumerate(Tb_c):
            kw = {"E1": E1, "E2": E1 + dE, "T1": Tb - dT / 2, "T2": Tb + dT / 2,
                  "omega0": w0, "Gamma0": G}
            p1 = engine_point(1, **kw)["P"]
            r = [engine_point(int(N), **kw)["P"] / p1 for N in Nc]
            alpha[i, j] = power_law_exponent(Nc, np.asarray(r), int(Nc[0]))
    fits = np.array([np.polyfit(np.log(Ns[Ns >= n_fit]), np.log(r[Ns >= n_fit]), 1)
                     for r in ratio])
    dE_star = np.asarray(registered("dE_star").numpy_function(E1, Tb_a, dT), dtype=float)
    return xr.Dataset(
        {"P1": (("dE_a", "Tbar_a"), P1), "ratio": (("Tbar_b", "N"), ratio),
         "alpha_b": (("Tbar_b",), alpha_b), "fit_intercept_b": (("Tbar_b",), fits[:, 1]),
         "alpha": (("dE_c", "Tbar_c"), alpha), "dE_star": (("Tbar_a",), dE_star)},
        coords={"dE_a": dE_a, "Tbar_a": Tb_a, "N": Ns, "Tbar_b": Tb_b, "dE_c": dE_c,
                "Tbar_c": Tb_c, "N_fit_c": Nc},
        attrs=_attrs("fig2", version, E1=E1, Gamma0=G, omega0=w0, dT=dT, dE_b=125.0,
                     N_fit_b_min=n_fit, units="omega0"))


def compute_fig3(*, version: str = "paper", fast: bool = False,
                 progress: bool = False) -> xr.Dataset:
    """Fig. 3: C_N against N for Tbar = 10 ... 12 E1; omega0 = 0.006, Gamma0 = 0.001,
    Delta E = 9, Delta T = 10 (E1 = 1). eta = P/J2 (= Delta E/E2 by Eq. 21) in Eq. (20)."""
    Tbars = np.linspace(10.0, 12.0, 3 if fast else 5)
    Ns = np.arange(1, 5 if fast else 21)
    C = np.empty((Tbars.size, Ns.size))
    P = np.empty_like(C)
    V = np.empty_like(C)
    for i, Tb in enumerate(progress_iter(Tbars, progress, "Fig. 3")):
        T1, T2 = Tb - 5.0, Tb + 5.0
        for j, N in enumerate(Ns):
            pt = engine_point(int(N), E1=1.0, E2=10.0, T1=T1, T2=T2, omega0=0.006,
                              Gamma0=0.001, noise=True)
            P[i, j], V[i, j] = pt["P"], pt["var_P"]
            C[i, j] = constancy(pt["P"], pt["var_P"], eta=pt["P"] / pt["J2"], T1=T1, T2=T2)
    return xr.Dataset({"C": (("Tbar", "N"), C), "P": (("Tbar", "N"), P),
                       "var_P": (("Tbar", "N"), V)},
                      coords={"Tbar": Tbars, "N": Ns},
                      attrs=_attrs("fig3", version, E1=1.0, E2=10.0, omega0=0.006,
                                   Gamma0=0.001, dT=10.0))


def compute_fig7(*, version: str = "paper", fast: bool = False,
                 progress: bool = False) -> xr.Dataset:
    """Fig. 7: C_N against N in the high-temperature scaling, E1 = 1, E2 = 10, Gamma0 = 0.001,
    T1 = 2, T2 = 25, for several omega0 (values not listed in the paper: 0.001 ... 0.006)."""
    w0s = np.array([0.001, 0.002, 0.003, 0.006]) if not fast else np.array([0.003, 0.006])
    Ns = np.arange(1, 5 if fast else 31)
    C = np.empty((w0s.size, Ns.size))
    for i, w0 in enumerate(progress_iter(w0s, progress, "Fig. 7")):
        for j, N in enumerate(Ns):
            pt = engine_point(int(N), E1=1.0, E2=10.0, T1=2.0, T2=25.0, omega0=float(w0),
                              Gamma0=0.001, scaled=True, noise=True)
            C[i, j] = constancy(pt["P"], pt["var_P"], eta=pt["P"] / pt["J2"], T1=pt["T1"],
                                T2=pt["T2"])
    w_macro = np.linspace(0.0005, 0.008, 6 if fast else 31)
    eng = macro_engine()
    C_inf = np.array([eng.point(omega0=float(w), Gamma0=0.001, E1=1.0, E2=10.0, T1=2.0,
                                T2=25.0, noise=True).constancy for w in w_macro])
    C_inf_at = np.array([eng.point(omega0=float(w), Gamma0=0.001, E1=1.0, E2=10.0, T1=2.0,
                                   T2=25.0, noise=True).constancy for w in w0s])
    return xr.Dataset({"C": (("omega0", "N"), C), "C_macro": (("omega0_macro",), C_inf),
                       "C_macro_at": (("omega0",), C_inf_at)},
                      coords={"omega0": w0s, "N": Ns, "omega0_macro": w_macro},
                      attrs=_attrs("fig7", version, E1=1.0, E2=10.0, Gamma0=0.001, T1=2.0,
                                   T2=25.0, scaling="high-temperature"))


def compute_fig8(*, version: str = "paper", fast: bool = False,
                 progress: bool = False) -> xr.Dataset:
    """Fig. 8 at finite N (the paper's panel is the macroscopic limit): mutual information and
    concurrence of one spin of each ensemble, P_N/N and the gain P_N/(N P_1), over
    (Delta E, Tbar), omega0 = 0.006, Gamma0 = 0.001, E1 = 1, Delta T = 20, high-temperature
    scaling; N = 12 (fast: 3). Axis ranges are not given in the paper (chosen here)."""
    from dickeheat.numeric.exchange_spins import ExchangeCoupledSpins
    from dickeheat.numeric.exchange_spins_observables import (
        power,
        two_spin_correlations,
    )
    from dickeheat.numeric.exchange_spins_steady import solve_steady_state

    N = 3 if fast else 12
    dEs = np.linspace(1.0, 9.0, 3 if fast else 17)
    Tbs = np.linspace(12.0, 40.0, 3 if fast else 15)
    shape = (dEs.size, Tbs.size)
    MI, CC, PN, gain = (np.empty(shape) for _ in range(4))
    for i, dE in enumerate(progress_iter(dEs, progress, "Fig. 8")):
        for j, Tb in enumerate(Tbs):
            T1, T2 = Tb - 10.0, Tb + 10.0
            m = ExchangeCoupledSpins.thermal(N=N, E1=1.0, E2=1.0 + dE, beta1=1 / (N * T1),
                                             beta2=1 / (N * T2), coupling=0.006 / N,
                                             Gamma0=0.001 / N)
            ss = solve_steady_state(m)
            MI[i, j], CC[i, j] = two_spin_correlations(ss)
            PN[i, j] = power(ss) / N
            p1 = engine_point(1, E1=1.0, E2=1.0 + dE, T1=T1, T2=T2, omega0=0.006,
                              Gamma0=0.001)["P"]
            gain[i, j] = gain_ratio(float(PN[i, j]), p1)
    dEm = np.linspace(0.25, 9.0, 5 if fast else 36)
    Tbm = np.linspace(11.0, 40.0, 5 if fast else 30)
    g = macro_grid(dEm, Tbm, noise=False, progress=progress, desc="Fig. 8 (N → ∞)")
    macro = {f"{k}_macro": (("dE_macro", "Tbar_macro"), g[k])
             for k in ("mutual_information", "concurrence", "P_per_N")}
    dE_star = np.asarray(registered("dE_star").numpy_function(1.0, Tbm, 20.0), dtype=float)
    return xr.Dataset({"mutual_information": (("dE", "Tbar"), MI),
                       "concurrence": (("dE", "Tbar"), CC),
                       "P_per_N": (("dE", "Tbar"), PN), "gain": (("dE", "Tbar"), gain),
                       "dE_star": (("Tbar_macro",), dE_star), **macro},
                      coords={"dE": dEs, "Tbar": Tbs, "dE_macro": dEm, "Tbar_macro": Tbm},
                      attrs=_attrs("fig8", version, N=N, E1=1.0, omega0=0.006, Gamma0=0.001,
                                   dT=20.0, scaling="high-temperature"))


def compute_fig10(*, version: str = "paper", fast: bool = False,
                  progress: bool = False) -> xr.Dataset:
    """Fig. 10: P_N/(N P_1) against Delta E, omega0 = 0.006, Gamma0 = 0.001, E1 = 1,
    beta1 = 50, beta2 = 0.01, high-temperature scaling, finite N (the Delta E range and the N
    values are not given: Delta E = 0.5 ... 6, N = 2, 4, 8, 16)."""
    Ns = np.array([2, 4]) if fast else np.array([2, 4, 8, 16])
    dEs = np.linspace(0.5, 6.0, 4 if fast else 12)
    gain = np.empty((Ns.size, dEs.size))
    for j, dE in enumerate(progress_iter(dEs, progress, "Fig. 10")):
        kw = {"E1": 1.0, "E2": 1.0 + float(dE), "T1": 1 / 50, "T2": 100.0, "omega0": 0.006,
              "Gamma0": 0.001}
        p1 = engine_point(1, **kw)["P"]
        for i, N in enumerate(Ns):
            gain[i, j] = engine_point(int(N), scaled=True, **kw)["P"] / (N * p1)
    eng = macro_engine()
    gain_inf = np.empty(dEs.size)
    y = None
    for j, dE in enumerate(dEs):
        kw = {"omega0": 0.006, "Gamma0": 0.001, "E1": 1.0, "E2": 1.0 + float(dE),
              "T1": 1 / 50, "T2": 100.0}
        pt = eng.point(y0=y, **kw)
        y = pt.y
        gain_inf[j] = gain_ratio(pt.P, pair_power(**kw))
    return xr.Dataset({"gain": (("N", "dE"), gain), "gain_macro": (("dE",), gain_inf)},
                      coords={"N": Ns, "dE": dEs},
                      attrs=_attrs("fig10", version, E1=1.0, omega0=0.006, Gamma0=0.001,
                                   beta1=50.0, beta2=0.01, scaling="high-temperature"))

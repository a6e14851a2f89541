"""Data of the Sec. II / Appendix C figures: T* (arXiv Fig. 3), the fixed-J̄ heat current
(arXiv Fig. 4 = published Fig. 3) and ⟨J_z⟩_{J̄,T} (arXiv Fig. 7 = published Fig. 6).

Each ``compute_*`` returns an :class:`xarray.Dataset` in natural units (ħ = k_B = ω0 = 1, so
temperatures are in units of T0 = ħω0/k_B and currents in units of ħω0²); nothing here plots.
The paper evaluates T* and ⟨J_z⟩ in closed form and the heat current of Fig. 4 from the
numerical steady state of Eq. (14); so do these functions (closed forms from the registry,
steady states from QuTiP in the fixed-J̄ sector), and Fig. 4 also carries the closed form
Q_h = Eq. (24) with ⟨J_z⟩_{J̄,T*} as an independent cross-check.

The grids (the T_c values of Fig. 3, the J̄ and T0/T_h values of Fig. 4, the range of T) are
not given in the paper; they are chosen to span its discussion.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

from dickeheat.reproduce.andolina2024.common import (
    DEFAULT_VERSION,
    T_C,
    Q_ind,
    Q_lim,
    Q_steady,
    T_star,
    check_fast,
    check_version,
    closed_form,
    collective_gamma,
    jz_thermal,
    run_sweep,
)

__all__ = ["compute_fig3", "compute_fig4", "compute_fig7"]

_UNITS = "natural units: hbar = k_B = omega0 = 1 (temperatures in T0, currents in hbar omega0^2)"


def compute_fig3(*, version: str = DEFAULT_VERSION, fast: bool = False,
                 progress: bool = False) -> xr.Dataset:
    """arXiv Fig. 3: T*/T0 versus T_h/T0 for several T_c (γ_h = γ_c), Eq. (16).

    Also the two operating points of Secs. II C–III (T_c = T0/3 and T_h = T0, 3T0), whose
    T0/T* the paper quotes as ≈ 1.42 and ≈ 0.57. Only in the arXiv version (the published
    version has no T* figure). ``progress`` is accepted for a uniform signature.
    """
    check_version(version, ("arxiv",))
    n = 20 if check_fast(fast) else 120
    T_c = np.array([0.1, 0.2, T_C, 0.5, 1.0])
    T_h = np.linspace(0.05, 4.0, n)
    Th, Tc = np.meshgrid(T_h, T_c)
    ts = np.where(Th >= Tc, T_star(Th, Tc), np.nan)
    op = np.array([1.0, 3.0])
    return xr.Dataset(
        {
            "T_star": (("T_c", "T_h"), ts, {"long_name": "T*/T0 (Eq. 16)"}),
            "T0_over_T_star_op": ("T_h_op", 1.0 / T_star(op, T_C),
                                  {"long_name": "T0/T* at the operating points, T_c = T0/3"}),
        },
        coords={"T_c": ("T_c", T_c, {"long_name": "T_c/T0"}),
                "T_h": ("T_h", T_h, {"long_name": "T_h/T0"}),
                "T_h_op": ("T_h_op", op, {"long_name": "T_h/T0 of the operating points"})},
        attrs={"figure": "andolina2024-fig3", "version": version, "gamma_h_over_gamma_c": 1.0,
               "units": _UNITS, "method": "closed form andolina2024.T_star"},
    )


def _sector_currents(Jbar: float, T_h: np.ndarray, gamma: float, *, progress: bool,
                     what: str) -> np.ndarray:
    """Q_h of the steady state of Eq. (14) in the sector J = J̄ (QuTiP), for each T_h."""
    N = int(round(2 * Jbar))
    ds = run_sweep({"T_h": [float(t) for t in T_h]},
                   {"N": N, "J": float(Jbar), "gamma_h": gamma, "gamma_c": gamma, "T_c": T_C,
                    "backend": "qutip"}, what=f"{what}, J = {Jbar:g}", progress=progress)
    return ds["Q_h"].values


def compute_fig4(*, version: str = DEFAULT_VERSION, fast: bool = False,
                 progress: bool = False) -> xr.Dataset:
    """arXiv Fig. 4 = published Fig. 3: Q_h/(J̄ħω0²) in the sector J = J̄, T_c = T0/3.

    Panel (a): versus T0/T_h for several J̄, with Q_h^ind/J̄ (Eq. 25 [published 26], N = 2J̄)
    and Q_h^lim/J̄ (Eq. 27 [published 28]). Panel (b): versus J̄ for several T0/T_h, with
    Q_h^lim/J̄. γ_h = γ_c = ω0 (arXiv) or ω0/10 (published).

    Variables ``Q_a``/``Q_b`` are the numerical steady states (QuTiP, sector J̄);
    ``Q_a_closed``/``Q_b_closed`` the closed form Eq. (24) with ⟨J_z⟩_{J̄,T*} (Eq. C10).
    """
    g = collective_gamma(version)
    if check_fast(fast):
        J_a, x_a = [0.5, 2.0, 8.0], np.linspace(0.1, 2.0, 8)
        x_b, J_b = [0.1, 0.3, 0.7, 1.5], np.array([0.5, 1.0, 2.0, 4.0, 8.0])
    else:
        J_a, x_a = [0.5, 1.0, 2.0, 4.0, 8.0], np.linspace(0.05, 2.0, 40)
        x_b, J_b = [0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 1.5], np.arange(0.5, 8.01, 0.5)
    x_b = np.asarray(x_b)
    what = f"andolina2024-fig4 ({version})"
    Q_a = np.array([_sector_currents(J, 1 / x_a, g, progress=progress, what=what) / J
                    for J in J_a])
    Q_b = np.array([_sector_currents(J, 1 / x_b, g, progress=progress, what=what) / J
                    for J in J_b]).T
    Ja, Xa = np.meshgrid(J_a, x_a, indexing="ij")
    Xb, Jb = np.meshgrid(x_b, J_b, indexing="ij")

    def closed(J, x):
        return Q_steady(jz_thermal(J, T_star(1 / x, T_C)), 1 / x, T_C, g, g) / J

    return xr.Dataset(
        {
            "Q_a": (("Jbar_a", "x_a"), Q_a,
                    {"long_name": "Q_h/(Jbar hbar omega0^2), steady state of Eq. (14), QuTiP"}),
            "Q_a_closed": (("Jbar_a", "x_a"), closed(Ja, Xa),
                           {"long_name": "Eq. (24) with <J_z>_{Jbar,T*} (Eq. C10)"}),
            "Q_ind_a": ("x_a", Q_ind(1, 1 / x_a, T_C, g, g) * 2,
                        {"long_name": "Q_h^ind/Jbar (Eq. 25, N = 2 Jbar)"}),
            "Q_lim_a": ("x_a", Q_lim(1.0, 1 / x_a, T_C, g, g),
                        {"long_name": "Q_h^lim/Jbar (Eq. 27)"}),
            "T0_over_T_star_a": ("x_a", 1 / T_star(1 / x_a, T_C), {"long_name": "T0/T*"}),
            "Q_b": (("x_b", "Jbar_b"), Q_b,
                    {"long_name": "Q_h/(Jbar hbar omega0^2), steady state of Eq. (14), QuTiP"}),
            "Q_b_closed": (("x_b", "Jbar_b"), closed(Jb, Xb),
                           {"long_name": "Eq. (24) with <J_z>_{Jbar,T*} (Eq. C10)"}),
            "Q_lim_b": ("x_b", Q_lim(1.0, 1 / x_b, T_C, g, g),
                        {"long_name": "Q_h^lim/Jbar (Eq. 27)"}),
        },
        coords={"Jbar_a": ("Jbar_a", np.asarray(J_a, float), {"long_name": "Jbar"}),
                "x_a": ("x_a", x_a, {"long_name": "T0/T_h"}),
                "x_b": ("x_b", x_b, {"long_name": "T0/T_h"}),
                "Jbar_b": ("Jbar_b", J_b, {"long_name": "Jbar"})},
        attrs={"figure": "andolina2024-fig4", "version": version, "gamma_h": g, "gamma_c": g,
               "T_c": T_C, "units": _UNITS,
               "method": "QuTiP steady state in the sector J = Jbar; closed forms from the "
                         "registry (Q_h_steady, jz_thermal, T_star, Q_ind, Q_lim)"},
    )


def compute_fig7(*, version: str = DEFAULT_VERSION, fast: bool = False,
                 progress: bool = False) -> xr.Dataset:
    """arXiv Fig. 7 = published Fig. 6: ⟨J_z⟩_{J̄,T} (Eq. C10 [published C9]).

    Panel (a): versus T/T0 for several J̄ (the figure of the paper). Panel (b): −⟨J_z⟩ versus
    J̄ for several T, with the limits −⟨J_z⟩ ≈ J̄ (C11) and J̄(J̄+1)T0/3T (C12), illustrating
    the "linear → superlinear" remark of the text. The same in both versions.
    """
    check_version(version)
    n = 25 if check_fast(fast) else 150
    T_a = np.linspace(0.02, 4.0, n)
    J_a = np.array([0.5, 1.0, 2.0, 4.0, 8.0])
    T_b = np.array([0.1, 0.5, 1.0, 2.0, 5.0])
    J_b = np.arange(0.5, 10.01, 0.5)
    Tb, Jb = np.meshgrid(T_b, J_b, indexing="ij")
    low = closed_form("jz_low_T").evaluate(Jbar=J_b)
    high = closed_form("jz_high_T").evaluate(Jbar=Jb, hbar=1.0, omega_0=1.0, k_B=1.0, T=Tb)
    return xr.Dataset(
        {
            "jz_a": (("Jbar_a", "T_a"), jz_thermal(*np.meshgrid(J_a, T_a, indexing="ij")),
                     {"long_name": "<J_z>_{Jbar,T} (Eq. C10)"}),
            "minus_jz_b": (("T_b", "Jbar_b"), -jz_thermal(Jb, Tb),
                           {"long_name": "-<J_z>_{Jbar,T} (Eq. C10)"}),
            "low_T_b": ("Jbar_b", -np.broadcast_to(low, J_b.shape).astype(float),
                        {"long_name": "-<J_z> at low T (Eq. C11)"}),
            "high_T_b": (("T_b", "Jbar_b"), -np.asarray(high, dtype=float),
                         {"long_name": "-<J_z> at high T (Eq. C12)"}),
        },
        coords={"Jbar_a": ("Jbar_a", J_a, {"long_name": "Jbar"}),
                "T_a": ("T_a", T_a, {"long_name": "T/T0"}),
                "T_b": ("T_b", T_b, {"long_name": "T/T0"}),
                "Jbar_b": ("Jbar_b", J_b, {"long_name": "Jbar"})},
        attrs={"figure": "andolina2024-fig7", "version": version, "units": _UNITS,
               "method": "closed forms jz_thermal, jz_low_T, jz_high_T"},
    )

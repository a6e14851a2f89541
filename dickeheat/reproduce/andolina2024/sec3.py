"""Data of the parasitic-bath figures (Sec. III): arXiv Fig. 5 = published Fig. 4, its
extension to N = 1000, and the approach of Q_h/Q_h^ind to the coth law (29).

The paper computes the steady state of Eq. (32) [published 33] numerically (PIQS); here
:func:`dickeheat.numeric.sweep.sweep` solves it with ``backend="auto"`` (full 2^N space for
N ≤ 6, the exact rate equations on the Dicke lattice beyond) or ``"reduced"`` (large N). The
reference lines are closed forms from the registry: Q_h^ind (Eq. 25 [published 26]) and the
"ideal" current without parasitic bath, Eq. (24) with ⟨J_z⟩_{N/2,T*} (black triangles).

Two regimes (both versions): T_c = T0/3 and T_h = T0 ("low", panels a–b, T0/T* ≈ 1.42) or
T_h = 3T0 ("high", panels c–d, T0/T* ≈ 0.57); γ_p = 0.001 ω0; γ_h = γ_c = ω0 (arXiv) or ω0/10
(published). The paper does not list its T_p values; the ones used follow its colour legend:
low: T0/T_p = 0.3, 1 (hot), T0/T* (T_p = T*), 10, 30 (cold);
high: T0/T_p = 0.3 (hot), T0/T* (T_p = T*), 1, 3, 10 (cold).
"""

from __future__ import annotations

import numpy as np
import xarray as xr

from dickeheat.reproduce.andolina2024.common import (
    DEFAULT_VERSION,
    GAMMA_P,
    T_C,
    Q_ind,
    Q_steady,
    T_star,
    check_fast,
    collective_gamma,
    coth_limit,
    integer_grid,
    jz_thermal,
    raise_failures,
    run_sweep,
)

__all__ = ["REGIMES", "parasitic_ratios", "compute_fig5", "compute_fig5_large",
           "compute_coth_approach"]

#: regime name -> T_h/T0 (T_c = T0/3)
REGIMES: dict[str, float] = {"low": 1.0, "high": 3.0}

_UNITS = "natural units: hbar = k_B = omega0 = 1 (temperatures in T0, currents in hbar omega0^2)"


def parasitic_ratios(regime: str) -> list[float]:
    """The T0/T_p values of one regime, including T_p = T* (see the module docstring)."""
    x_star = float(1.0 / T_star(REGIMES[regime], T_C))
    return sorted([0.3, 1.0, x_star, 10.0, 30.0] if regime == "low"
                  else [0.3, x_star, 1.0, 3.0, 10.0])


def _parasitic_data(N: list[int], *, version: str, backend: str, progress: bool,
                    what: str) -> xr.Dataset:
    g = collective_gamma(version)
    Nf = np.asarray(N, dtype=float)
    data, coords = {}, {"N": ("N", np.asarray(N), {"long_name": "number of qubits N"})}
    sweeps = [(f"{what}, T_h = {T_h:g} T0",
               run_sweep({"T_p": [1.0 / x for x in parasitic_ratios(regime)], "N": list(N)},
                         {"gamma_h": g, "gamma_c": g, "T_h": T_h, "T_c": T_C,
                          "gamma_p": GAMMA_P, "backend": backend},
                         what=what, progress=progress, strict=False))
              for regime, T_h in REGIMES.items()]
    raise_failures(sweeps)  # all regimes solved first, so the error lists every failed point
    for (regime, T_h), (_, ds) in zip(REGIMES.items(), sweeps):
        xs = parasitic_ratios(regime)
        dim = f"x_{regime}"
        ts = float(T_star(T_h, T_C))
        coords[dim] = (dim, np.asarray(xs), {"long_name": "T0/T_p"})
        data[f"Q_{regime}"] = ((dim, "N"), ds["Q_h"].values / Nf,
                               {"long_name": "Q_h/N with the parasitic bath (steady state)"})
        data[f"J2_{regime}"] = ((dim, "N"), ds["J2"].values / (Nf / 2 * (Nf / 2 + 1)),
                                {"long_name": "<J^2>/(N/2(N/2+1))"})
        data[f"residual_{regime}"] = ((dim, "N"), ds["residual"].values,
                                      {"long_name": "solver residual"})
        data[f"Q_ind_{regime}"] = ("N", Q_ind(Nf, T_h, T_C, g, g) / Nf,
                                   {"long_name": "Q_h^ind/N (Eq. 25 [published 26])"})
        data[f"Q_ideal_{regime}"] = (
            "N", Q_steady(jz_thermal(Nf / 2, ts), T_h, T_C, g, g) / Nf,
            {"long_name": "Q_h/N without parasitic bath, J = N/2 (Eq. 24 with C10)"})
        data[f"T0_over_T_star_{regime}"] = ((), 1.0 / ts, {"long_name": "T0/T*"})
    return xr.Dataset(data, coords=coords,
                      attrs={"version": version, "gamma_h": g, "gamma_c": g, "T_c": T_C,
                             "T_h_low": REGIMES["low"], "T_h_high": REGIMES["high"],
                             "gamma_p": GAMMA_P, "backend": backend, "units": _UNITS})


def compute_fig5(*, version: str = DEFAULT_VERSION, fast: bool = False,
                 progress: bool = False) -> xr.Dataset:
    """arXiv Fig. 5 = published Fig. 4: Q_h/N and ⟨J²⟩/(N/2(N/2+1)) versus N, N = 1…20.

    Variables per regime (``low``: panels a, b; ``high``: panels c, d): ``Q_<regime>``
    (x_<regime>, N), ``J2_<regime>``, ``Q_ind_<regime>`` (dashed line), ``Q_ideal_<regime>``
    (triangles). Solved with ``backend="auto"``.
    """
    N = [1, 2, 4, 8] if check_fast(fast) else list(range(1, 21))
    ds = _parasitic_data(N, version=version, backend="auto", progress=progress,
                         what=f"andolina2024-fig5 ({version})")
    ds.attrs["figure"] = "andolina2024-fig5"
    return ds


def compute_fig5_large(*, version: str = DEFAULT_VERSION, fast: bool = False,
                       progress: bool = False) -> xr.Dataset:
    """Beyond the paper: the parasitic-bath figure for N up to 1000 (``backend="reduced"``).

    Same variables and T_p values as :func:`compute_fig5`, N on a geometric grid 1…1000
    (``fast``: 1…100). Raises :class:`~dickeheat.errors.NumericalError` listing every point
    the reduced backend could not solve.
    """
    N = integer_grid(1, 100, 8) if check_fast(fast) else integer_grid(1, 1000, 30)
    ds = _parasitic_data(N, version=version, backend="reduced", progress=progress,
                         what=f"andolina2024-fig5-large ({version})")
    ds.attrs["figure"] = "andolina2024-fig5-large"
    return ds


def compute_coth_approach(*, version: str = DEFAULT_VERSION, fast: bool = False,
                          progress: bool = False) -> xr.Dataset:
    """Beyond the paper: Q_h/Q_h^ind versus N approaching coth(T0/2T*) (Eq. 29).

    Without parasitic bath (J = N/2, closed form, ``ratio_ideal``) and with it
    (``backend="reduced"``, ``ratio_p``) for T_p = T* (exactly 1, the registered
    ``Q_h_Tp_eq_Tstar``) and two cold baths T0/T_p = 3, 6; both regimes of Fig. 5. (Colder
    baths are not used: at T0/T_p = 10 the reduced backend overflows for N ≳ 800 with the
    published rates.)
    """
    N = integer_grid(1, 100, 8) if check_fast(fast) else integer_grid(1, 1000, 30)
    g = collective_gamma(version)
    Nf = np.asarray(N, dtype=float)
    T_h = np.array(list(REGIMES.values()))
    ts = T_star(T_h, T_C)
    baths = ["T_p = T*", "T0/T_p = 3", "T0/T_p = 6"]
    ideal = np.empty((len(T_h), len(N)))
    ratio = np.empty((len(T_h), len(baths), len(N)))
    x_p = np.empty((len(T_h), len(baths)))
    sweeps = []
    for i, (th, t) in enumerate(zip(T_h, ts)):
        q_ind = Q_ind(Nf, th, T_C, g, g)
        ideal[i] = Q_steady(jz_thermal(Nf / 2, t), th, T_C, g, g) / q_ind
        x_p[i] = [1.0 / t, 3.0, 6.0]
        what = f"andolina2024-coth-approach ({version}), T_h = {th:g} T0"
        ds = run_sweep({"T_p": [float(1.0 / x) for x in x_p[i]], "N": list(N)},
                       {"gamma_h": g, "gamma_c": g, "T_h": float(th), "T_c": T_C,
                        "gamma_p": GAMMA_P, "backend": "reduced"},
                       what=what, progress=progress, strict=False)
        sweeps.append((what, ds))
        ratio[i] = ds["Q_h"].values / q_ind
    raise_failures(sweeps)
    return xr.Dataset(
        {
            "ratio_ideal": (("T_h", "N"), ideal,
                            {"long_name": "Q_h/Q_h^ind without parasitic bath, J = N/2"}),
            "ratio_p": (("T_h", "bath", "N"), ratio,
                        {"long_name": "Q_h/Q_h^ind with the parasitic bath (reduced backend)"}),
            "coth": ("T_h", coth_limit(ts), {"long_name": "coth(T0/2T*) (Eq. 29)"}),
            "T0_over_T_star": ("T_h", 1.0 / ts, {"long_name": "T0/T*"}),
        },
        coords={"T_h": ("T_h", T_h, {"long_name": "T_h/T0"}),
                "bath": ("bath", baths),
                "N": ("N", np.asarray(N), {"long_name": "number of qubits N"}),
                "x_p": (("T_h", "bath"), x_p, {"long_name": "T0/T_p"})},
        attrs={"figure": "andolina2024-coth-approach", "version": version, "gamma_h": g,
               "gamma_c": g, "T_c": T_C, "gamma_p": GAMMA_P, "backend": "reduced",
               "units": _UNITS},
    )

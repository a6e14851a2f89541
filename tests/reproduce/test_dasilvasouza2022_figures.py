"""Figures of the collective spin-pair engine (fast grids) against the paper's text and captions.

Every number pinned here is a claim of the paper; claims the exact numerics contradict are
marked ``xfail(strict=True)`` with the reason, so that they stay visible and a change that
suddenly reproduces them is noticed.
"""

from __future__ import annotations

import numpy as np
import pytest
import xarray as xr

from dickeheat.reproduce import figure_ids, get_figure
from dickeheat.reproduce.dasilvasouza2022 import engine_figs as ef
from dickeheat.reproduce.dasilvasouza2022 import macro_figs as mf
from dickeheat.reproduce.dasilvasouza2022 import relaxation_figs as rf


@pytest.fixture(scope="module")
def fig3() -> xr.Dataset:
    return ef.compute_fig3(fast=True)


@pytest.fixture(scope="module")
def fig4() -> xr.Dataset:
    return rf.compute_fig4(fast=True)


def test_registered_and_plottable(tmp_path):
    ids = [i for i in figure_ids() if i.startswith("dasilvasouza2022-")]
    assert ids == [f"dasilvasouza2022-fig{k}" for k in (2, 3, 4, 5, 6, 7, 8, 9, 10)]
    spec = get_figure("dasilvasouza2022-fig9")
    assert spec.numbering == "Fig. 9" and spec.versions == ("paper",)
    ds = spec.compute(version="paper", fast=True, progress=False)
    fig = spec.plot(ds)
    fig.savefig(tmp_path / "f.png")
    assert (tmp_path / "f.png").stat().st_size > 0


def test_fig3_constancy_below_tur_for_two_or_more_pairs(fig3):
    # "the constancy drops below the classical limit by just considering N >= 2"
    assert np.all(fig3.C.sel(N=slice(2, None)).values < 1.0)
    # "The constancy of the engine C_N decreases with the number of spin pairs N"
    assert np.all(np.diff(fig3.C.values, axis=1) < 0)


@pytest.mark.xfail(strict=True, reason="paper: the single pair reaches C_1 ~ 1.0001 for some "
                   "Tbar in [10, 12] E1; exact numerics give C_1 = 0.9984 ... 0.9998 < 1")
def test_fig3_single_pair_violates_tur(fig3):
    assert abs(float(fig3.C.sel(N=1).max()) - 1.0001) < 5e-5


def test_fig4_gap_regimes_and_transient_size(fig4):
    g = fig4.gap.isel(N=-1)
    bE = fig4.betaE.values
    # gap ~ (beta E)^-1 for beta E <~ 1 ...
    small = bE <= 0.1
    slope = np.polyfit(np.log(bE[small]), np.log(g.values[small]), 1)[0]
    assert abs(slope + 1.0) < 0.1
    # ... and ~ 1 (constant) for beta E >~ 1
    assert 0.5 < float(g.sel(betaE=100.0) / g.sel(betaE=bE[bE >= 10][0])) < 2.0
    # "N* ~ 0.05 beta E for small temperatures (beta E >~ 1)"
    nstar = float(fig4.Nstar_magnetization.sel(betaE_d=100.0))
    assert 0.5 * 5.0 <= nstar <= 2.0 * 5.0
    assert float(fig4.Nstar_gap.sel(betaE_d=100.0)) == pytest.approx(nstar, abs=2)


def test_fig7_finite_size_enhanced_constancy():
    ds = ef.compute_fig7(fast=True)
    # "regions with enhanced constancy (an enhanced TUR violation) for larger, but finite
    # sizes (e.g. omega/E1 ~ 0.003)"
    c = ds.C.sel(omega0=0.003)
    assert float(c.isel(N=-1)) > 1.0
    assert float(c.isel(N=-1)) > float(c.sel(N=1))


def test_fig8_no_entanglement_between_two_spins():
    ds = ef.compute_fig8(fast=True)
    # "We observe that there is no entanglement"
    assert float(ds.concurrence.max()) < 1e-9
    assert float(ds.mutual_information.min()) >= 0.0


@pytest.mark.xfail(strict=True, reason="paper (Fig. 10, App. E): P_N/(N P_1) grows "
                   "exponentially with Delta E with slopes increasing with N; exact finite-N "
                   "gains are below 1, grow by only a few per cent over Delta E = 0.5..6 and "
                   "decrease with N")
def test_fig10_gain_grows_exponentially():
    ds = ef.compute_fig10(fast=True)
    slopes = [np.polyfit(ds.dE, np.log(ds.gain.sel(N=n)), 1)[0] for n in ds.N.values]
    assert slopes[0] > 0.3 and np.all(np.diff(slopes) > 0)


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="paper (Fig. 2c): alpha lies between 1 and 1.5 in all "
                   "the parameter regime studied; at Delta E = 25, Tbar = 300 (units of "
                   "omega0, caption parameters) the exact P_N/P_1 over N = 8..20 gives "
                   "alpha = 1.76 (the paper's grid is not given)")
def test_fig2_exponent_between_one_and_one_and_a_half():
    from dickeheat.reproduce.dasilvasouza2022.common import engine_point, power_law_exponent

    kw = dict(E1=100.0, E2=125.0, T1=250.0, T2=350.0, omega0=1.0, Gamma0=1.0)
    p1 = engine_point(1, **kw)["P"]
    Ns = np.array([8, 11, 14, 17, 20])
    r = np.array([engine_point(int(N), **kw)["P"] / p1 for N in Ns])
    assert 1.0 <= power_law_exponent(Ns, r, 8) <= 1.5


# -- the macroscopic limit (closed moment equations) -----------------------------------------


@pytest.fixture(scope="module")
def fig6() -> xr.Dataset:
    return mf.compute_fig6(fast=True)


@pytest.fixture(scope="module")
def macro():
    from dickeheat.reproduce.dasilvasouza2022.macro import macro_engine

    return macro_engine()


def test_macro_power_vanishes_at_the_carnot_point_of_eq23(macro):
    # independent routes: the registered closed form (23) (Tbar = 20 -> Delta E* = 2) and the
    # numerical stationary point of the closed equations; the power changes sign across it
    kw = {"omega0": 0.006, "Gamma0": 0.001, "E1": 1.0, "T1": 10.0, "T2": 30.0}
    at = macro.point(E2=3.0, **kw)
    below, above = macro.point(E2=2.5, **kw), macro.point(E2=3.5, **kw)
    assert abs(at.P) < 1e-12 * abs(below.P)
    assert below.P > 0 > above.P
    assert at.residual < 1e-12 and at.gap > 0


def test_macro_limit_is_approached_by_exact_finite_n(macro):
    # exact steady states with the scaling (28) approach the closed equations (closure error
    # and 1/N corrections shrink with N)
    from dickeheat.reproduce.dasilvasouza2022.common import engine_point

    kw = {"omega0": 0.006, "Gamma0": 0.001, "E1": 1.0, "E2": 5.0, "T1": 2.0, "T2": 22.0}
    P_inf = macro.point(**kw).P
    dev = [abs(engine_point(N, scaled=True, **kw)["P"] / N - P_inf) / abs(P_inf)
           for N in (5, 10, 20)]
    # measured 0.75, 0.35, 0.165 at N = 5, 10, 20 (0.075 at N = 40): ∝ 1/N
    assert dev[0] > dev[1] > dev[2]
    assert 1.7 < dev[1] / dev[2] < 2.5
    assert dev[2] < 0.25


def test_fig6_constancy_below_tur_in_the_macroscopic_limit(fig6):
    # "the constancy of the system for a macroscopic number of spins lies always below its
    # classical TUR bound"
    c = fig6.constancy.values
    assert np.all(c[np.isfinite(c)] <= 1.0)
    assert float(fig6.residual.max()) < 1e-12


def test_fig6_power_sign_follows_the_carnot_boundary(fig6):
    # "the boundary between thermodynamic modes of operation ... is also given by Eq. (23)"
    engine = fig6.dE.values[:, None] < fig6.dE_star.values[None, :]
    P = fig6.P_per_N.values
    assert np.all((P > 0) == engine)


@pytest.mark.xfail(strict=True, reason="paper (Fig. 6b): a region of collective gain "
                   "P_N/(N P_1) > 1 (upper left), with gains ~1e3 (Fig. 6c caption); the "
                   "closed equations give 0.11-0.26 on Delta E = 0.25..9, Tbar = 11..40")
def test_fig6_collective_gain_above_one_somewhere(fig6):
    assert float(np.nanmax(fig6.gain.values)) > 1.0


def test_fig5_gap_slope_engine_independent_of_splitting():
    # "In the heat engine mode of operation the slope of the growth is independent of the
    # energy spacing difference which is not true for the refrigerator mode"
    ds = mf.compute_fig5(fast=True)
    T = ds.Tbar.values
    ts = float(ds.Tbar_star.sel(dE=1.0))
    g = ds.gap.sel(dE=1.0).values
    left = np.polyfit(T[T < ts], g[T < ts], 1)[0]
    right = np.polyfit(T[T > ts], g[T > ts], 1)[0]
    assert right < 0.7 * left  # the slope changes at the Carnot point
    assert np.all(np.diff(ds.gap.values, axis=1)[:, 2:] > 0)  # grows with Tbar


def test_fig7_macroscopic_constancy_below_one(macro):
    # "These enhancements are lost in the macroscopic limit, where the constancy is always
    # below the classical limit" (Fig. 7 parameters)
    C = [macro.point(omega0=w, Gamma0=0.001, E1=1.0, E2=10.0, T1=2.0, T2=25.0,
                     noise=True).constancy for w in (0.001, 0.003, 0.006)]
    assert np.all(np.asarray(C) < 1.0)


def test_fig8_macroscopic_two_spin_state_not_entangled():
    # "We observe that there is no entanglement" (Fig. 8 parameters, N -> infinity)
    g = mf.macro_grid(np.array([1.0, 5.0, 9.0]), np.array([11.0, 20.0, 35.0]), noise=False)
    assert float(g["concurrence"].max()) < 1e-9
    assert float(g["mutual_information"].min()) >= -1e-12


@pytest.mark.xfail(strict=True, reason="paper (Fig. 10, App. E): in the macroscopic limit too "
                   "P_N/(N P_1) grows exponentially with Delta E; the closed equations give "
                   "0.37 -> 0.50 over Delta E = 0.5..6 (log-slope 0.05)")
def test_fig10_macroscopic_gain_grows_exponentially(macro):
    dEs = np.array([0.5, 2.0, 4.0, 6.0])
    gain = []
    for dE in dEs:
        kw = {"omega0": 0.006, "Gamma0": 0.001, "E1": 1.0, "E2": 1.0 + dE, "T1": 1 / 50,
              "T2": 100.0}
        gain.append(mf.gain(macro.point(**kw).P, mf.pair_power(**kw)))
    slope = np.polyfit(dEs, np.log(gain), 1)[0]
    assert slope > 0.3


@pytest.mark.xfail(strict=True, reason="paper (Fig. 6c): higher constancy where the power is "
                   "enhanced, i.e. small temperatures and large splittings; the closed "
                   "equations give the lowest constancy there (0.44 at Delta E = 9, Tbar = 11, "
                   "against 0.99 at Tbar = 40)")
def test_fig6_constancy_highest_at_low_temperature_large_splitting(fig6):
    corner = float(fig6.constancy.sel(dE=9.0, Tbar=11.0))
    assert corner >= float(np.nanmax(fig6.constancy.values)) - 0.05


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="App. D (Gaussian pairing D3 + linearised regression "
                   "D4-D5) overestimates the macroscopic power variance at omega0 = 0.006 "
                   "(Fig. 7 parameters): Var(P_N)/N^2 = 0.0175 against 0.0109 from exact "
                   "N = 20, 30 extrapolated in 1/N (the power itself agrees to 2 %); the "
                   "exact C_N stays at 1.00002 for N = 13..30 while App. D gives C = 0.63")
def test_fig7_app_d_variance_matches_exact_large_n(macro):
    from dickeheat.reproduce.dasilvasouza2022.common import engine_point

    kw = {"omega0": 0.006, "Gamma0": 0.001, "E1": 1.0, "E2": 10.0, "T1": 2.0, "T2": 25.0}
    v = [engine_point(N, scaled=True, noise=True, **kw)["var_P"] / N**2 for N in (20, 30)]
    v_inf = (30 * v[1] - 20 * v[0]) / 10  # linear in 1/N
    assert abs(macro.point(noise=True, **kw).var_P / v_inf - 1) < 0.1

"""The Kloc et al. figures: registered, computed on fast grids, and the paper's stated claims.

Every pinned number is one the paper states in its text or captions (with a tolerance);
nothing here pins a value this code produced.
"""

from __future__ import annotations

import matplotlib
import numpy as np
import pytest

from dickeheat.reproduce import compute, figures, get_figure, plot

matplotlib.use("Agg")

IDS = ["kloc2021-fig2", "kloc2021-fig3", "kloc2021-fig4", "kloc2021-fig5", "kloc2021-fig7"]


@pytest.fixture(scope="module")
def data():
    return {fid: compute(fid, fast=True) for fid in IDS}


def test_registered():
    known = figures()
    for fid in IDS:
        spec = known[fid]
        assert spec.paper == "kloc2021" and spec.versions == ("paper",)
        assert spec.numbering == "Fig. " + fid[-1]


@pytest.mark.parametrize("fid", IDS)
def test_plot_draws_without_computing(data, fid):
    fig = plot(fid, data[fid])
    assert fig.axes and all(ax.get_xlabel() for ax in fig.axes if ax.get_label() != "<colorbar>"
                            and ax.get_xlabel() != "")
    assert get_figure(fid).title


def test_fig2_quadratic_scaling_and_reduced_agreement(data):
    ds = data["kloc2021-fig2"]
    N = ds.N.values.astype(float)
    upper = N >= 25
    for var in ("I_full", "S_full", "I_red", "S_red"):
        slope = np.polyfit(np.log(N[upper]), np.log(ds[var].values[upper]), 1)[0]
        assert slope == pytest.approx(2.0, abs=0.12), var       # "All curves show the N^2"
    # "agree almost perfectly with the analytic formulas for beta_w -> 0"
    I_lim = ds["I_G4"] if "I_G4" in ds else ds["I_lim"]
    S_lim = ds["S_G5"] if "S_G5" in ds else ds["S_lim"]
    assert np.max(np.abs(ds.I_red / I_lim - 1)) < 0.01
    assert np.max(np.abs(ds.S_red / S_lim - 1)) < 0.01
    # "The performance of the full model is a bit worse"
    assert np.all(ds.I_full < ds.I_red) and np.all(ds.I_full > 0.5 * ds.I_red)
    assert float(ds.res_full.max()) < 1e-12


def test_fig3_widths(data):
    ds = data["kloc2021-fig3"]
    # "delta_w needs to be two or three orders smaller than delta_c and delta_h": at
    # delta_c = delta_h = 0.1 the device cools for delta_w = 1e-4 (three orders below), not
    # for delta_w = 0.1
    a = ds.I_a.sel(delta_h=0.1, method="nearest")
    assert float(a.sel(delta_w=1e-4, method="nearest")) > 0
    assert float(a.sel(delta_w=0.1, method="nearest")) < 0
    # "the cooler is more sensitive to delta_c than delta_h" (panel b): raising delta_c to
    # 1 stops cooling, raising delta_h to 1 does not (delta_c = 0.1 fixed)
    b = ds.I_b
    assert float(b.sel(delta_c=1.0, delta_h=0.1, method="nearest")) < 0
    assert float(b.sel(delta_c=0.1, delta_h=1.0, method="nearest")) > 0


def test_fig4_beta_c_max(data):
    ds = data["kloc2021-fig4"]
    bmax = ds.beta_c_max.values
    # "larger delta_w results in lower values of beta_c^max" and "closely approachable 3 beta_h"
    finite = bmax[np.isfinite(bmax)]
    assert np.all(np.diff(finite) <= 1e-9)
    assert bmax[0] == pytest.approx(3.0, rel=0.03)
    assert np.all(finite < 3.0)


def test_fig5_cooling_window(data):
    ds = data["kloc2021-fig5"]
    bc, bh = np.meshgrid(ds.beta_c.values, ds.beta_h.values)
    for key in "abcd":
        ratio = ds[f"ratio_{key}"].values
        cool = np.isfinite(ratio)
        # kappa <= kappa_bar (Eq. 20) wherever the device cools
        assert np.all(ratio[cool] <= 1 + 1e-12) and np.all(ratio[cool] > 0)
        # "the full model does not allow us to cool in the full range": cooling only inside
        # the reduced window beta_h < beta_c < 3 beta_h
        assert np.all((bc[cool] > bh[cool]) & (bc[cool] < 3 * bh[cool]))
    # (a), (b): delta_w -> 0 close to the reduced model, bounded from the right
    assert np.any(np.isfinite(ds.ratio_a.values)) and np.any(np.isfinite(ds.ratio_b.values))
    # "especially the case in panel (d) where also the relative efficiency is very low"
    assert np.nanmax(ds.ratio_d.values) < np.nanmax(ds.ratio_b.values) if np.any(
        np.isfinite(ds.ratio_d.values)) else True


def test_fig7_inverse_square(data):
    ds = data["kloc2021-fig7"]
    t = ds.t_th.values
    N = ds.N.values
    # "we observe 1/N^2 scaling of the thermalization time"
    slope = np.polyfit(np.log(N[N >= 16]), np.log(t[N >= 16]), 1)[0]
    assert slope == pytest.approx(-2.0, abs=0.15)

"""Plots of the macroscopic-limit figures (Figs. 5 and 6) from their datasets; no computation."""

from __future__ import annotations

import numpy as np
import xarray as xr
from matplotlib import colormaps
from matplotlib.colors import TwoSlopeNorm
from matplotlib.figure import Figure

from dickeheat.reproduce.dasilvasouza2022.plot import MARKERS, STYLES, _figure, _signed_map

__all__ = ["plot_fig5", "plot_fig6"]


def plot_fig5(ds: xr.Dataset) -> Figure:
    """Jacobian gap against T̄ for each ΔE; dashed verticals at the Carnot temperature T̄*."""
    fig, (ax,) = _figure(ds, 1, label="Relaxation rate of the macroscopic engine")
    for i, dE in enumerate(ds.dE.values):
        ax.plot(ds.Tbar, ds.gap[i] / 1e-3, marker=MARKERS[i % 6], ls=STYLES[i % 6], ms=3,
                markevery=max(1, ds.Tbar.size // 12), mfc="none", color=f"C{i}",
                label=rf"$\Delta E={dE:g}$")
        ts = float(ds.Tbar_star[i])
        if float(ds.Tbar.min()) <= ts <= float(ds.Tbar.max()):
            ax.axvline(ts, color=f"C{i}", ls="--", lw=0.9)
    ax.set_xlabel(r"$\bar T/E_1$")
    ax.set_ylabel(r"Jacobian gap $\lambda^J_{\rm gap}/\Gamma_0$")
    ax.set_title("dashed: engine (left) / refrigerator (right) boundary", fontsize=8,
                 loc="right")
    ax.legend(fontsize=7, loc="center right")
    return fig


def plot_fig6(ds: xr.Dataset) -> Figure:
    """(a) P/(NΓ₀) with the Carnot line, (b) log10 gain with the gain = 1 line, (c) constancy."""
    fig, (a, b, c) = _figure(ds, 3, label="Power, collective gain and constancy in the "
                             "macroscopic limit")
    _signed_map(fig, a, ds.dE, ds.Tbar, ds.P_per_N / float(ds.attrs["Gamma0"]),
                r"$\lim\,\mathcal{P}_N/(N\Gamma_0)$")
    lg = np.log10(np.abs(ds.gain.values))
    lim = max(float(np.nanmax(np.abs(lg))), 1e-3)
    cmap = colormaps["PuOr_r"].with_extremes(bad="0.6")
    m = b.pcolormesh(ds.dE, ds.Tbar, lg.T, shading="nearest", cmap=cmap,
                     norm=TwoSlopeNorm(0.0, -lim, max(lim, 1e-3)) if np.nanmax(lg) > 0
                     else None)
    fig.colorbar(m, ax=b, label=r"$\lim\,\log_{10}\mathcal{P}_N/(N\mathcal{P}_1)$")
    if np.nanmin(lg) < 0 < np.nanmax(lg):
        b.contour(ds.dE, ds.Tbar, lg.T, levels=[0.0], colors="k", linestyles="--")
    m = c.pcolormesh(ds.dE, ds.Tbar, ds.constancy.T, shading="nearest",
                     cmap=colormaps["viridis"].with_extremes(bad="0.6"),
                     vmin=0.0, vmax=1.0)
    fig.colorbar(m, ax=c, label=r"$\lim\,\mathcal{C}_N$")
    for ax in (a, b, c):
        ax.plot(ds.dE_star, ds.Tbar, color="k" if ax is a else "w" if ax is c else "k",
                lw=2, ls="-")
        ax.set_xlim(float(ds.dE.min()), float(ds.dE.max()))
        ax.set_ylim(float(ds.Tbar.min()), float(ds.Tbar.max()))
        ax.set_xlabel(r"$\Delta E/E_1$")
        ax.set_ylabel(r"$\bar T/E_1$")
    return fig

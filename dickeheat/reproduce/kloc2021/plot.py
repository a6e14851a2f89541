"""Plots of the Kloc et al. figures from their datasets; nothing here computes.

Each ``plot_*`` takes the dataset of the matching ``compute_*`` and returns a
:class:`matplotlib.figure.Figure` (object-oriented API, no pyplot). Energies and rates are in
units of Omega (hbar = k_B = 1), so currents are in units of Omega^2 (Gamma = Omega) and noise
in Omega^3; the paper plots the same dimensionless numbers.
"""

from __future__ import annotations

import numpy as np
import xarray as xr
from matplotlib.colors import SymLogNorm
from matplotlib.figure import Figure
from matplotlib.ticker import NullFormatter

__all__ = ["plot_fig2", "plot_fig3", "plot_fig4", "plot_fig5", "plot_fig7"]


def _figure(title: str, ncols: int = 1, nrows: int = 1,
            size: tuple[float, float] = (5.6, 4.2)) -> tuple[Figure, list]:
    fig = Figure(figsize=(size[0] * ncols, size[1] * nrows + 0.4), layout="constrained")
    axes = list(np.atleast_1d(fig.subplots(nrows, ncols)).ravel())
    fig.suptitle(title, fontsize=10)
    if len(axes) > 1:
        for ax, tag in zip(axes, "abcdefgh"):
            ax.set_title(f"({tag})", loc="left", fontsize=10)
    return fig, axes


def plot_fig2(ds: xr.Dataset) -> Figure:
    """Fig. 2: cold current (main panel) and its noise (inset) against N."""
    fig, (ax,) = _figure("Cooling current and noise grow like N² (Fig. 2)")
    N = ds.N.values
    ax.plot(N, ds.I_full, "o", ms=3, color="C0", label="full model")
    ax.plot(N, ds.I_red, "s", ms=3, color="C3", mfc="none",
            label=r"three-level model, $\beta_w=10^{-3}$")
    if "I_G4" in ds:
        ax.plot(N, ds.I_G4, "k-", lw=1, label=r"closed form (Eq. G4), $\beta_w\to 0$")
    else:
        ax.plot(N, ds.I_lim, "k-", lw=1, label=r"$n_w\to\infty$ limit (numeric)")
    ax.set_xlabel("number of qubits N")
    ax.set_ylabel(r"cold-bath current $\bar I_E^c$ [$\Omega^2$]")
    ax.legend(loc="lower right", fontsize=8)
    ins = ax.inset_axes([0.1, 0.55, 0.36, 0.38])
    ins.plot(N, ds.S_full, "o", ms=2, color="C0")
    ins.plot(N, ds.S_red, "s", ms=2, color="C3", mfc="none")
    ins.plot(N, ds.S_G5 if "S_G5" in ds else ds.S_lim, "k-", lw=1)
    ins.set_xlabel("N", fontsize=7)
    ins.set_ylabel(r"noise $\bar S_E^c$ [$\Omega^3$]", fontsize=7)
    ins.tick_params(labelsize=7)
    return fig


def _signed_map(ax, x, y, z, xlabel: str, ylabel: str, fig: Figure) -> None:
    zmax = float(np.nanmax(np.abs(z))) or 1.0
    # symmetric logarithmic colours: the cooling currents are small next to the heating ones
    norm = SymLogNorm(linthresh=1e-3 * zmax, vmin=-zmax, vmax=zmax)
    # blue where the device cools (I_c > 0), red where it heats the cold bath
    pc = ax.pcolormesh(x, y, z, cmap="RdBu", norm=norm, shading="nearest")
    ax.contour(x, y, z, levels=[0.0], colors="k", linewidths=0.8)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    fig.colorbar(pc, ax=ax, label=r"cold current $\bar I_E^c$ [$\Omega^2$] (blue: cooling)")


def plot_fig3(ds: xr.Dataset) -> Figure:
    """Fig. 3: sign and size of the cold current against the spectral widths."""
    fig, axes = _figure(f"Where the device cools, against the bath widths (Fig. 3, N = "
                        f"{ds.attrs['N']})", ncols=2)
    _signed_map(axes[0], ds.delta_w, ds.delta_h, ds.I_a, r"work-bath width $\delta_w$ [$\Omega$]",
                r"hot-bath width $\delta_h$ [$\Omega$]", fig)
    axes[0].set_title(r"(a) $\delta_c = 0.1\,\Omega$", loc="left", fontsize=10)
    _signed_map(axes[1], ds.delta_c, ds.delta_h, ds.I_b, r"cold-bath width $\delta_c$ [$\Omega$]",
                r"hot-bath width $\delta_h$ [$\Omega$]", fig)
    axes[1].set_title(r"(b) $\delta_w = 10^{-3}\,\Omega$", loc="left", fontsize=10)
    return fig


def plot_fig4(ds: xr.Dataset) -> Figure:
    """Fig. 4: cold current against beta_c for several delta_w, and where it changes sign."""
    fig, (ax,) = _figure(f"Lowest reachable cold temperature (Fig. 4, N = {ds.attrs['N']})")
    for i, d in enumerate(ds.delta_w.values):
        # the smallest widths give nearly the same curve: line styles and markers tell them apart
        mant, exp = f"{d:.0e}".split("e")
        value = rf"10^{{{int(exp)}}}" if mant == "1" else rf"{mant}\times 10^{{{int(exp)}}}"
        ax.plot(ds.beta_c, ds.I_c.sel(delta_w=d), color=f"C{i}",
                ls=["-", "--", "-.", ":", "-"][i % 5], marker="osv^D"[i % 5], ms=4, mfc="none",
                markevery=(i, 5), label=rf"$\delta_w = {value}\,\Omega$")
        bm = float(ds.beta_c_max.sel(delta_w=d))
        if np.isfinite(bm):
            ax.axvline(bm, color=f"C{i}", lw=0.8)
    ax.axhline(0.0, color="k", ls="--", lw=0.8)
    ax.axvline(ds.attrs["reduced_limit"] * ds.attrs["beta_h"], color="k", ls=":", lw=1,
               label=r"$\beta_c^{max} = 3\beta_h$ (three-level model)")
    ax.set_xlabel(r"cold-bath inverse temperature $\beta_c$ [$1/\Omega$]")
    ax.set_ylabel(r"cold-bath current $\bar I_E^c$ [$\Omega^2$]")
    ax.legend(fontsize=8)
    return fig


def plot_fig5(ds: xr.Dataset) -> Figure:
    """Fig. 5: relative COP kappa/kappa_bar on the (beta_c, beta_h) plane, four width sets."""
    fig, axes = _figure(f"Relative coefficient of performance (Fig. 5, N = {ds.attrs['N']})",
                        ncols=2, nrows=2, size=(5.0, 3.8))
    bc, bh = ds.beta_c.values, ds.beta_h.values
    for ax, key in zip(axes, "abcd"):
        ratio = ds[f"ratio_{key}"].values
        pc = ax.pcolormesh(bc, bh, ratio, cmap="Blues", vmin=0.0, vmax=1.0, shading="nearest")
        ax.contour(bc, bh, ds.I_reduced.values, levels=[0.004, 0.04, 0.4], colors="green",
                   linewidths=0.8)
        ax.plot(bc, bc, "k--", lw=0.8)
        ax.plot(bc, bc / 3.0, "k--", lw=0.8)
        cur = np.where(np.isfinite(ratio), ds[f"I_{key}"].values, -np.inf)
        if np.any(np.isfinite(ratio)):
            i, k = np.unravel_index(np.argmax(cur), cur.shape)
            ax.plot(bc[k], bh[i], "o", color="red", ms=5, label="largest current")
            i, k = np.unravel_index(np.nanargmax(ratio), ratio.shape)
            ax.plot(bc[k], bh[i], "*", color="red", ms=8, label=r"largest $\kappa/\bar\kappa$")
        ax.set_ylim(bh[0], bh[-1])
        ax.set_title(f"({key}) " + ds.attrs[f"panel_{key}"], loc="left", fontsize=8)
        ax.set_xlabel(r"$\beta_c$ [$1/\Omega$]")
        ax.set_ylabel(r"$\beta_h$ [$1/\Omega$]")
        fig.colorbar(pc, ax=ax, label=r"$\kappa/\bar\kappa$ (where cooling)")
    axes[0].legend(fontsize=7, loc="upper left")
    return fig


def plot_fig7(ds: xr.Dataset) -> Figure:
    """Fig. 7: thermalisation time against N with a 1/N^2 fit."""
    fig, (ax,) = _figure("Superradiant thermalisation near the ground state (Fig. 7)")
    ax.plot(ds.N, ds.t_th, "ko", ms=3, label="rate equation (Eq. C1)")
    ax.plot(ds.N, ds.fit, "r--", label=rf"fit ${ds.attrs['fit_coefficient']:.3g}/N^2$ [$1/\Omega$]")
    ax.set_xscale("log")
    ax.set_yscale("log")
    # plain integers on the N axis (the default minor labels 3x10^0, 4x10^0 collide)
    ticks = [n for n in (2, 3, 5, 10, 20, 30, 50, 100, 200, 500, 1000)
             if ds.N.values.min() <= n <= ds.N.values.max()]
    ax.set_xticks(ticks, [str(n) for n in ticks])
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel("number of qubits N")
    ax.set_ylabel(r"thermalisation time $t_{th}$ [$1/\Omega$]")
    ax.legend()
    return fig

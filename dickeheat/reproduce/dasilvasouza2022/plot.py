"""Plots of the da Silva Souza et al. figures from their datasets; nothing here computes."""

from __future__ import annotations

import numpy as np
import xarray as xr
from matplotlib.colors import TwoSlopeNorm
from matplotlib.figure import Figure

__all__ = ["plot_fig2", "plot_fig3", "plot_fig4", "plot_fig7", "plot_fig8", "plot_fig9",
           "plot_fig10"]


def _figure(ds: xr.Dataset, ncols: int, nrows: int = 1, label: str = "") -> tuple[Figure, list]:
    fig = Figure(figsize=(4.6 * ncols, 3.8 * nrows + 0.4), layout="constrained")
    axes = list(np.atleast_1d(fig.subplots(nrows, ncols)).ravel())
    fig.suptitle(f"{ds.attrs.get('figure', '')}  {label}".strip(), fontsize=10)
    if len(axes) > 1:
        for ax, tag in zip(axes, "abcdefgh"):
            ax.set_title(f"({tag})", loc="left", fontsize=10)
    return fig, axes


def _signed_map(fig: Figure, ax, x, y, z, label: str) -> None:
    z = np.asarray(z, dtype=float)
    lim = np.nanmax(np.abs(z)) or 1.0
    m = ax.pcolormesh(x, y, z.T, cmap="RdBu_r", norm=TwoSlopeNorm(0.0, -lim, lim),
                      shading="nearest")
    if np.nanmin(z) < 0 < np.nanmax(z):
        ax.contour(x, y, z.T, levels=[0.0], colors="k", linewidths=2)
    fig.colorbar(m, ax=ax, label=label)


def plot_fig2(ds: xr.Dataset) -> Figure:
    """(a) P_1 map with the P = 0 line; (b) P_N/P_1 against N (log-log); (c) alpha map."""
    fig, (a, b, c) = _figure(ds, 3, label="units of $\\omega_0$")
    _signed_map(fig, a, ds.dE_a, ds.Tbar_a, ds.P1, r"$\mathcal{P}_1$")
    a.set_xlabel(r"$\Delta E$")
    a.set_ylabel(r"$\bar T$")
    for i, Tb in enumerate(ds.Tbar_b.values):
        b.loglog(ds.N, np.abs(ds.ratio[i]), "o", ms=4, color=f"C{i}",
                 label=rf"$\bar T={Tb:g}$, $\alpha={float(ds.alpha_b[i]):.2f}$")
    N = ds.N.values.astype(float)
    b.loglog(N, N, "k:", lw=1, label=r"$\propto N$")
    b.set_xlabel("N")
    b.set_ylabel(r"$\mathcal{P}_N/\mathcal{P}_1$")
    b.legend(fontsize=7)
    m = c.pcolormesh(ds.dE_c, ds.Tbar_c, ds.alpha.T, cmap="viridis", shading="nearest")
    fig.colorbar(m, ax=c, label=r"$\alpha$")
    c.set_xlabel(r"$\Delta E$")
    c.set_ylabel(r"$\bar T$")
    return fig


def plot_fig3(ds: xr.Dataset) -> Figure:
    """C_N against N for each Tbar, with the TUR bound C = 1."""
    fig, (ax,) = _figure(ds, 1)
    for i, Tb in enumerate(ds.Tbar.values):
        ax.plot(ds.N, ds.C[i], "o-", ms=3, label=rf"$\bar T={Tb:g}E_1$")
    ax.axhline(1.0, color="k", ls=":", label="TUR bound")
    ax.set_xlabel("N")
    ax.set_ylabel(r"$\mathcal{C}_N$")
    ax.legend(fontsize=7)
    return fig


def plot_fig4(ds: xr.Dataset) -> Figure:
    fig, (a, b, c, d) = _figure(ds, 2, 2, label="finite N, high-temperature scaling")
    for i, N in enumerate(ds.N.values):
        a.semilogx(ds.betaE, ds.mz[i], label=f"N={N}")
        b.loglog(ds.betaE, ds.gap[i], label=f"N={N}")
    a.semilogx(ds.betaE, ds.mz_macro, "k--", label="N→∞ (Eq. 33)")
    b.loglog(ds.betaE, ds.jacobian_gap, "k--", label="Jacobian gap (Eq. 44)")
    a.set_xlabel(r"$\beta E$")
    a.set_ylabel(r"$\langle m^z\rangle_{ss}$")
    b.set_xlabel(r"$\beta E$")
    b.set_ylabel(r"gap$(\mathcal{L})/\Gamma_0$")
    for k, bE in enumerate(ds.betaE_c.values):
        c.semilogx(ds.N_scan, ds.mz_vs_N[k], "o-", ms=3, label=rf"$\beta E={bE:g}$")
    c.set_xlabel("N")
    c.set_ylabel(r"$\langle m^z\rangle_{ss}$")
    d.loglog(ds.betaE_d, ds.Nstar_magnetization, "o", label="from magnetization")
    d.loglog(ds.betaE_d, ds.Nstar_gap, "x", label="from gap")
    d.loglog(ds.betaE_d, 0.05 * ds.betaE_d, "k:", label=r"$0.05\,\beta E$")
    d.set_xlabel(r"$\beta E$")
    d.set_ylabel(r"$N^*$")
    for ax in (a, b, c, d):
        ax.legend(fontsize=7)
    return fig


def plot_fig7(ds: xr.Dataset) -> Figure:
    fig, (ax,) = _figure(ds, 1, label="finite N, high-temperature scaling")
    for i, w in enumerate(ds.omega0.values):
        ax.plot(ds.N, ds.C[i], "o-", ms=3, label=rf"$\omega_0={w:g}$")
    ax.axhline(1.0, color="k", ls=":")
    ax.set_xlabel("N")
    ax.set_ylabel(r"$\mathcal{C}_N$")
    ax.legend(fontsize=7)
    return fig


def plot_fig8(ds: xr.Dataset) -> Figure:
    fig, axes = _figure(ds, 2, 2, label=f"finite N = {ds.attrs.get('N')}, high-temperature "
                        "scaling")
    for ax, key, lab in zip(axes, ("mutual_information", "P_per_N", "gain", "concurrence"),
                            (r"$I_N$ (nats)", r"$\mathcal{P}_N/N$",
                             r"$\log_{10}\mathcal{P}_N/(N\mathcal{P}_1)$", "concurrence")):
        z = ds[key].values
        if key == "gain":
            z = np.log10(np.abs(z))
        if key == "P_per_N":
            _signed_map(fig, ax, ds.dE, ds.Tbar, z, lab)
        else:
            m = ax.pcolormesh(ds.dE, ds.Tbar, z.T, shading="nearest")
            fig.colorbar(m, ax=ax, label=lab)
        ax.set_xlabel(r"$\Delta E$")
        ax.set_ylabel(r"$\bar T$")
    return fig


def plot_fig9(ds: xr.Dataset) -> Figure:
    fig, (a, b, c, d) = _figure(ds, 2, 2, label="finite N, high-temperature scaling")
    for i, N in enumerate(ds.N.values):
        a.semilogx(ds.betaE, ds.mz[i], label=f"N={N}")
        b.semilogx(ds.betaE, ds.mz2[i], label=f"N={N}")
        c.semilogx(ds.t[1:], ds.mz_t[0, i, 1:], label=f"N={N}")
        d.semilogx(ds.t[1:], ds.mz_t[1, i, 1:], label=f"N={N}")
    a.semilogx(ds.betaE, ds.mz_macro, "k--", label="N→∞ (Eq. 33)")
    b.semilogx(ds.betaE, ds.mz2_macro, "k--", label="N→∞ (Eq. 34)")
    c.semilogx(ds.t[1:], ds.mz_t_macro[0, 1:], "k--", label="Eqs. (38)-(39)")
    d.semilogx(ds.t[1:], ds.mz_t_macro[1, 1:], "k--", label="Eqs. (38)-(39)")
    a.set_ylabel(r"$\langle m^z\rangle$")
    b.set_ylabel(r"$\langle (m^z)^2\rangle$")
    for ax in (a, b):
        ax.set_xlabel(r"$\beta E$")
    c.set_title(r"$\beta E = 0.1$", fontsize=9)
    d.set_title(r"$\beta E = 10$", fontsize=9)
    for ax in (c, d):
        ax.set_xlabel(r"$\Gamma_0 t$")
        ax.set_ylabel(r"$\langle m^z\rangle(t)$")
    for ax in (a, b, c, d):
        ax.legend(fontsize=7)
    return fig


def plot_fig10(ds: xr.Dataset) -> Figure:
    fig, (ax,) = _figure(ds, 1, label="finite N, high-temperature scaling")
    for i, N in enumerate(ds.N.values):
        ax.semilogy(ds.dE, ds.gain[i], "o-", ms=3, label=f"N={N}")
    ax.set_xlabel(r"$\Delta E$")
    ax.set_ylabel(r"$\mathcal{P}_N/(N\mathcal{P}_1)$")
    ax.legend(fontsize=7)
    return fig

"""Plots of the da Silva Souza et al. figures from their datasets; nothing here computes."""

from __future__ import annotations

import numpy as np
import xarray as xr
from matplotlib.colors import TwoSlopeNorm
from matplotlib.figure import Figure

__all__ = ["plot_fig2", "plot_fig3", "plot_fig4", "plot_fig7", "plot_fig8", "plot_fig9",
           "plot_fig10"]


MARKERS = "osd^vP"
STYLES = ("-", "--", "-.", ":", (0, (5, 1, 1, 1)), (0, (3, 1)))


def _figure(ds: xr.Dataset, ncols: int, nrows: int = 1, label: str = "") -> tuple[Figure, list]:
    """A figure whose title is ``label`` (words; the paper and parameters go in the caption)."""
    fig = Figure(figsize=(4.6 * ncols, 3.8 * nrows + 0.4), layout="constrained")
    axes = list(np.atleast_1d(fig.subplots(nrows, ncols)).ravel())
    if label:
        fig.suptitle(label, fontsize=10)
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
    fig, (a, b, c) = _figure(ds, 3, label="Single-pair power and collective power scaling "
                             r"(energies in units of $\omega_0$)")
    _signed_map(fig, a, ds.dE_a, ds.Tbar_a, ds.P1, r"$\mathcal{P}_1/\omega_0^2$")
    a.set_xlabel(r"$\Delta E$")
    a.set_ylabel(r"$\bar T$")
    a.set_title("engine (red), refrigerator (blue)", fontsize=8, loc="right")
    N = ds.N.values.astype(float)
    nfit = float(ds.attrs.get("N_fit_b_min", 1))
    for i, Tb in enumerate(ds.Tbar_b.values):
        b.loglog(ds.N, np.abs(ds.ratio[i]), MARKERS[i % 6], ms=4, color=f"C{i}", mfc="none",
                 label=rf"$\bar T={Tb:g}$, $\alpha={float(ds.alpha_b[i]):.2f}$")
        Nf = N[N >= nfit]
        b.loglog(Nf, np.exp(float(ds.fit_intercept_b[i])) * Nf ** float(ds.alpha_b[i]), "--",
                 color="C3", lw=1)
    b.loglog(N, N, "k:", lw=1, label=r"$\propto N$")
    b.set_xlabel("N")
    b.set_ylabel(r"$\mathcal{P}_N/\mathcal{P}_1$")
    b.legend(fontsize=7)
    m = c.pcolormesh(ds.dE_c, ds.Tbar_c, ds.alpha.T, cmap="viridis", shading="nearest")
    fig.colorbar(m, ax=c,
                 label=r"exponent $\alpha$ of $\mathcal{P}_N/\mathcal{P}_1\propto N^\alpha$")
    for ax, color in ((a, "k"), (c, "w")):
        ax.plot(ds.dE_star, ds.Tbar_a, color=color, lw=2, label=r"$\Delta E_*$ (Eq. 23)")
    a.set_xlim(float(ds.dE_a.min()), float(ds.dE_a.max()))
    c.set_xlim(float(ds.dE_c.min()) - 15, float(ds.dE_c.max()) + 15)
    c.set_ylim(float(ds.Tbar_c.min()) - 15, float(ds.Tbar_c.max()) + 15)
    c.legend(fontsize=7, loc="upper right")
    c.set_xlabel(r"$\Delta E$")
    c.set_ylabel(r"$\bar T$")
    return fig


def plot_fig3(ds: xr.Dataset) -> Figure:
    """C_N against N for each Tbar, with the TUR bound C = 1."""
    fig, (ax,) = _figure(ds, 1, label="Constancy against the number of pairs")
    for i, Tb in enumerate(ds.Tbar.values):
        ax.plot(ds.N, ds.C[i], marker=MARKERS[i % 6], ls=STYLES[i % 6], ms=4, mfc="none",
                label=rf"$\bar T={Tb:g}E_1$")
    ax.axhline(1.0, color="k", ls=":", label="TUR bound")
    ax.set_xlabel("N")
    ax.set_ylabel(r"$\mathcal{C}_N$")
    ax.legend(fontsize=7)
    return fig


def plot_fig4(ds: xr.Dataset) -> Figure:
    fig, (a, b, c, d) = _figure(ds, 2, 2, label="One collective spin with a thermal bath "
                                "(no drive): finite N and the macroscopic limit")
    for i, N in enumerate(ds.N.values):
        a.semilogx(ds.betaE, ds.mz[i], ls=STYLES[i % 6], label=f"N={N}")
        b.loglog(ds.betaE, ds.gap[i], ls=STYLES[i % 6], label=f"N={N}")
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
    fig, (a, b) = _figure(ds, 2, label="Constancy in the high-temperature regime: finite N "
                          "and the macroscopic limit")
    for i, w in enumerate(ds.omega0.values):
        a.plot(ds.N, ds.C[i], marker=MARKERS[i % 6], ls=STYLES[i % 6], ms=4, mfc="none",
               color=f"C{i}", label=rf"$\omega_0={w:g}$")
    a.axhline(1.0, color="k", lw=1.5, label="TUR bound")
    a.set_xlabel("number of pairs N")
    a.set_ylabel(r"$\mathcal{C}_N$")
    a.legend(fontsize=7)
    b.plot(ds.omega0_macro, ds.C_macro, "k.-", label="N → ∞ (closed equations)")
    for i, w in enumerate(ds.omega0.values):
        b.plot([w], [float(ds.C_macro_at[i])], MARKERS[i % 6], color=f"C{i}", ms=6)
    b.axhline(1.0, color="k", lw=1.5, ls=":", label="TUR bound")
    b.set_xlabel(r"$\omega_0/E_1$")
    b.set_ylabel(r"$\mathcal{C}_\infty$")
    b.legend(fontsize=7)
    return fig


def plot_fig8(ds: xr.Dataset) -> Figure:
    fig, (a, b, c, d) = _figure(ds, 2, 2, label="Mutual information of two spins (one per "
                                "ensemble) and power per pair")
    for ax, key, lab in ((a, "mutual_information_macro", r"$I_\infty$ (nats)"),
                         (c, "mutual_information", rf"$I_N$ (nats), N = {ds.attrs.get('N')}")):
        x = ds.dE_macro if ax is a else ds.dE
        y = ds.Tbar_macro if ax is a else ds.Tbar
        m = ax.pcolormesh(x, y, ds[key].values.T, shading="nearest", cmap="viridis")
        fig.colorbar(m, ax=ax, label=lab)
    _signed_map(fig, b, ds.dE_macro, ds.Tbar_macro, ds.P_per_N_macro / 1e-3,
                r"$\lim\, \mathcal{P}_N/(N\Gamma_0)$")
    _signed_map(fig, d, ds.dE, ds.Tbar, ds.P_per_N / 1e-3,
                rf"$\mathcal{{P}}_N/(N\Gamma_0)$, N = {ds.attrs.get('N')}")
    a.set_title("(a) N → ∞", loc="left", fontsize=10)
    b.set_title("(b) N → ∞", loc="left", fontsize=10)
    c.set_title(f"(c) exact, N = {ds.attrs.get('N')}", loc="left", fontsize=10)
    d.set_title(f"(d) exact, N = {ds.attrs.get('N')}", loc="left", fontsize=10)
    for ax in (a, b, c, d):
        ax.plot(ds.dE_star, ds.Tbar_macro, "w" if ax in (a, c) else "k", lw=1.5)
        ax.set_xlim(float(ds.dE_macro.min()), float(ds.dE_macro.max()))
        ax.set_ylim(float(ds.Tbar_macro.min()), float(ds.Tbar_macro.max()))
        ax.set_xlabel(r"$\Delta E$")
        ax.set_ylabel(r"$\bar T$")
    return fig


def plot_fig9(ds: xr.Dataset) -> Figure:
    fig, (a, b, c, d) = _figure(ds, 2, 2, label="Magnetization of one collective spin and its "
                                "relaxation: finite N and the macroscopic limit")
    for i, N in enumerate(ds.N.values):
        kw = {"ls": STYLES[i % 6], "label": f"N={N}"}
        a.semilogx(ds.betaE, ds.mz[i], **kw)
        b.semilogx(ds.betaE, ds.mz2[i], **kw)
        c.semilogx(ds.t[1:], ds.mz_t[0, i, 1:], **kw)
        d.semilogx(ds.t[1:], ds.mz_t[1, i, 1:], **kw)
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
    fig, (ax,) = _figure(ds, 1, label="Collective gain against the splitting difference")
    for i, N in enumerate(ds.N.values):
        ax.semilogy(ds.dE, ds.gain[i], marker=MARKERS[i % 6], ls=STYLES[i % 6], ms=4,
                    mfc="none", label=f"N={N} (exact)")
    ax.semilogy(ds.dE, ds.gain_macro, "k-", lw=2, label="N → ∞ (closed equations)")
    ax.axhline(1.0, color="gray", lw=0.8, ls=":")
    ax.set_xlabel(r"$\Delta E/E_1$")
    ax.set_ylabel(r"$\mathcal{P}_N/(N\mathcal{P}_1)$")
    ax.legend(fontsize=7)
    return fig

"""Plots of the Andolina et al. figures from their datasets; nothing here computes.

Each ``plot_*`` takes the :class:`xarray.Dataset` of the matching ``compute_*`` and returns a
:class:`matplotlib.figure.Figure` built with the object-oriented API (no pyplot, no global
backend: saving a PNG uses Agg). Colours follow matplotlib's default cycle, which is what the
paper's colour names (blue, orange, green, red, purple dots) refer to. Line styles follow the
published captions: Q_h^ind black dashed, Q_h^lim red dotted, triangles for J = N/2.
"""

from __future__ import annotations

import numpy as np
import xarray as xr
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

__all__ = ["plot_fig3", "plot_fig4", "plot_fig5", "plot_fig6", "plot_fig7", "plot_coth_approach"]

_C = ["C0", "C1", "C2", "C3", "C4", "C5", "C6", "C7"]
_STYLES = ["-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1))]
_MARKERS = ["o", "s", "^", "v", "D"]


_VERSION = {"arxiv": "arXiv", "published": "published"}


def _heading(ds: xr.Dataset) -> tuple[str, str]:
    """The figure's title in words, and its number in the paper with the parameter set used."""
    title = ds.attrs.get("title", "")
    numbering = ds.attrs.get("paper_numbering", "").replace("; not in the published version",
                                                            " (arXiv only)")
    version = ds.attrs.get("paper_version", ds.attrs.get("version", ""))
    where = [numbering] if numbering else []
    if version:
        where.append(f"{_VERSION.get(version, version)} parameters")
    return title, ", ".join(where)


def _figure(ds: xr.Dataset, ncols: int, nrows: int = 1, *, label: str = "") -> tuple[Figure, list]:
    fig = Figure(figsize=(5.2 * ncols, 4.0 * nrows + 0.5), layout="constrained")
    axes = list(np.atleast_1d(fig.subplots(nrows, ncols)).ravel())
    title, where = _heading(ds)
    lines = [title, "; ".join(x for x in (where, label) if x)]
    fig.suptitle("\n".join(x for x in lines if x), fontsize=9)
    for ax, tag in zip(axes, "abcdefgh"):
        if len(axes) > 1:
            ax.set_title(f"({tag})", loc="left", fontsize=10)
    return fig, axes


def plot_fig3(ds: xr.Dataset) -> Figure:
    """arXiv Fig. 3: T*/T0 versus T_h/T0 for several T_c."""
    fig, (ax,) = _figure(ds, 1, label=r"equal couplings $\gamma_h=\gamma_c$")
    th = ds.T_h.values
    # the curves of the lowest T_c nearly coincide: distinct line styles and markers, and an
    # inset showing their differences from the lowest one
    diff = ax.inset_axes([0.1, 0.56, 0.4, 0.34])
    every = max(1, len(th) // 8)
    base = ds.T_star.isel(T_c=0)
    for i, tc in enumerate(ds.T_c.values):
        style = {"color": _C[i], "ls": _STYLES[i % len(_STYLES)],
                 "marker": _MARKERS[i % len(_MARKERS)], "ms": 4, "mfc": "none",
                 "markevery": (i % every, every)}
        ax.plot(th, ds.T_star.sel(T_c=tc), **style, label=rf"cold bath $T_c/T_0={tc:.3g}$")
        if i < 3:
            diff.plot(th, ds.T_star.sel(T_c=tc) - base, **style)
    ax.plot(th, th, color="0.6", ls=":", lw=1, label=r"$T^*=T_h$ (for comparison)")
    for th_op, x in zip(ds.T_h_op.values, ds.T0_over_T_star_op.values):
        ax.plot([th_op], [1 / x], "k*", ms=9)
        ax.annotate(rf"$T_0/T^*\approx{x:.2f}$", (th_op, 1 / x), textcoords="offset points",
                    xytext=(6, -12), fontsize=8)
    diff.set_xlim(0, th.max())
    diff.tick_params(labelsize=7)
    diff.set_title(rf"difference from $T_c/T_0={float(ds.T_c[0]):.3g}$", fontsize=7)
    diff.set_ylabel(r"$\Delta T^*/T_0$", fontsize=7, labelpad=1)
    ax.set(xlabel=r"hot-bath temperature $T_h/T_0$",
           ylabel=r"effective temperature $T^*/T_0$", xlim=(0, th.max()), ylim=(0, None))
    ax.legend(fontsize=8, loc="lower right")
    return fig


def plot_fig4(ds: xr.Dataset) -> Figure:
    """arXiv Fig. 4 = published Fig. 3: Q_h/(J̄ħω0²) versus T0/T_h and versus J̄."""
    fig, (a, b) = _figure(ds, 2, label=rf"$\gamma_h=\gamma_c={ds.attrs['gamma_h']:g}\,\omega_0$, "
                                       r"$T_c=T_0/3$")
    for i, J in enumerate(ds.Jbar_a.values):
        a.plot(ds.x_a, ds.Q_a.sel(Jbar_a=J), "o", ms=3.5, color=_C[i], label=rf"$\bar J={J:g}$")
        a.plot(ds.x_a, ds.Q_a_closed.sel(Jbar_a=J), "-", lw=0.8, color=_C[i])
    a.plot(ds.x_a, ds.Q_ind_a, "k--", label=r"independent qubits $\dot Q_h^{\rm ind}$")
    a.plot(ds.x_a, ds.Q_lim_a, "r:", lw=2, label=r"large-$\bar J$ limit $\dot Q_h^{\rm lim}$")
    a.set(xlabel=r"$T_0/T_h$", ylabel=r"$\dot Q_h/(\bar J\hbar\omega_0^2)$", yscale="log")
    a.legend(fontsize=8)
    for i, x in enumerate(ds.x_b.values):
        b.plot(ds.Jbar_b, ds.Q_b.sel(x_b=x), "o", ms=4, color=_C[i], label=rf"$T_0/T_h={x:g}$")
        b.plot(ds.Jbar_b, ds.Q_b_closed.sel(x_b=x), "-", lw=0.8, color=_C[i])
        b.axhline(float(ds.Q_lim_b.sel(x_b=x)), color=_C[i], ls=":", lw=1.2)
    b.set(xlabel=r"$\bar J$", ylabel=r"$\dot Q_h/(\bar J\hbar\omega_0^2)$", yscale="log")
    b.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return fig


def plot_fig5(ds: xr.Dataset) -> Figure:
    """arXiv Fig. 5 = published Fig. 4 (and the large-N extension): Q_h/N and ⟨J²⟩ vs N."""
    fig, axes = _figure(ds, 2, 2, label=rf"$\gamma_h=\gamma_c={ds.attrs['gamma_h']:g}\,\omega_0$, "
                                        rf"$\gamma_p={ds.attrs['gamma_p']:g}\,\omega_0$, "
                                        r"$T_c=T_0/3$")
    logx = int(ds.N.max()) > 50
    for row, regime in enumerate(("low", "high")):
        q, j2 = axes[2 * row], axes[2 * row + 1]
        dim = f"x_{regime}"
        x_star = float(ds[f"T0_over_T_star_{regime}"])
        for i, x in enumerate(ds[dim].values):
            tag = r"\approx T_0/T^*" if abs(x - x_star) < 1e-9 else ""
            lab = rf"$T_0/T_p={x:.3g}{tag}$"
            # curves that coincide (large T0/T_p) differ in marker and line style
            style = {"color": _C[i], "marker": _MARKERS[i % len(_MARKERS)],
                     "ls": _STYLES[i % len(_STYLES)], "ms": 4, "lw": 0.8, "mfc": "none"}
            q.plot(ds.N, ds[f"Q_{regime}"].sel({dim: x}), label=lab, **style)
            j2.plot(ds.N, ds[f"J2_{regime}"].sel({dim: x}), label=lab, **style)
        q.plot(ds.N, ds[f"Q_ind_{regime}"], "k--",
               label=r"independent qubits $\dot Q_h^{\rm ind}/N$")
        q.plot(ds.N, ds[f"Q_ideal_{regime}"], "k^", ms=5, mfc="none",
               label=r"no parasitic bath, $J=N/2$")
        th = ds.attrs[f"T_h_{regime}"]
        q.set(xlabel="N", ylabel=r"$\dot Q_h/(N\hbar\omega_0^2)$",
              title=rf"$T_h={th:g}\,T_0$, $T_0/T^*\approx{x_star:.2f}$")
        j2.set(xlabel="N", ylabel=r"$\langle J^2\rangle/[\frac{N}{2}(\frac{N}{2}+1)]$",
               ylim=(0, 1.05), title=rf"$T_h={th:g}\,T_0$")
        q.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))  # also for (b), (d)
        for ax in (q, j2):
            if logx:
                ax.set_xscale("log")
            else:
                ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    return fig


def plot_fig6(ds: xr.Dataset) -> Figure:
    """arXiv Fig. 6 = published Fig. 5: the experimental proposal in fW."""
    fig, (a, b) = _figure(ds, 2, label=rf"$\omega_0/2\pi={ds.attrs['omega0_over_2pi_GHz']:g}$ GHz, "
                                       rf"$\gamma_h=\gamma_c={ds.attrs['gamma_h_GHz']:g}$ GHz, "
                                       rf"$\gamma_p={ds.attrs['gamma_p_GHz']:g}$ GHz")
    for i, t in enumerate(ds.T_p_a.values):
        a.plot(ds.N, ds.Q_a_fW.sel(T_p_a=t), "o-", ms=4, lw=0.7, color=_C[i],
               label=rf"$T_p={t:g}$ mK")
    a.axhline(float(ds.Q_ind_a_fW), color="k", ls="--",
              label=r"independent qubits $\dot Q_h^{\rm ind}/N$")
    a.set(xlabel="N", ylabel=r"$\dot Q_h/N$ [fW]")
    a.xaxis.set_major_locator(MaxNLocator(integer=True))
    a.legend(fontsize=8)
    b.plot(ds.T_p_b, ds.Q_b_fW, "C0-", label=r"$\dot Q_h$ (collective, N = 2)")
    b.axhline(float(ds.Q_ind_b_fW), color="C3", ls="--",
              label=r"independent qubits $\dot Q_h^{\rm ind}$")
    b.plot(ds.T_p_b, ds.Q_det2_fW, "C2:", lw=2,
           label=r"$2\dot Q_h^{\rm det}$, $\gamma_2$ as printed (Eq. 37)")
    b.plot(ds.T_p_b, ds.Q_det2_derived_fW, color="0.5", ls="-.", lw=0.8,
           label=r"$2\dot Q_h^{\rm det}$, $\gamma_2$ derived (Eq. B18)")
    b.set(xlabel=r"$T_p$ [mK]", ylabel=r"$\dot Q_h$ [fW]")
    b.legend(fontsize=8)
    return fig


def plot_fig7(ds: xr.Dataset) -> Figure:
    """arXiv Fig. 7 = published Fig. 6: ⟨J_z⟩_{J̄,T} versus T (and −⟨J_z⟩ versus J̄)."""
    fig, (a, b) = _figure(ds, 2)
    for i, J in enumerate(ds.Jbar_a.values):
        a.plot(ds.T_a, ds.jz_a.sel(Jbar_a=J), color=_C[i], label=rf"$\bar J={J:g}$")
    a.set(xlabel=r"$T/T_0$", ylabel=r"$\langle J_z\rangle_{\bar J,T}$")
    a.legend(fontsize=8)
    for i, T in enumerate(ds.T_b.values):
        b.plot(ds.Jbar_b, ds.minus_jz_b.sel(T_b=T), "o-", ms=3, color=_C[i],
               label=rf"$T/T_0={T:g}$")
        # the high-temperature limit (C12) only where it applies, J̄ T0 <~ T
        b.plot(ds.Jbar_b, ds.high_T_b.sel(T_b=T).where(ds.Jbar_b <= 2 * T), ":", color=_C[i],
               lw=1.2)
    b.plot(ds.Jbar_b, ds.low_T_b, "k--", lw=1, label=r"low-temperature limit $\bar J$ (Eq. C11)")
    b.plot([], [], "k:", label=r"high-temperature limit $\bar J(\bar J+1)T_0/3T$ (Eq. C12)")
    b.set(xlabel=r"$\bar J$", ylabel=r"$-\langle J_z\rangle_{\bar J,T}$", xscale="log",
          yscale="log")
    b.legend(fontsize=7)
    return fig


def plot_coth_approach(ds: xr.Dataset) -> Figure:
    """Q_h/Q_h^ind versus N approaching coth(T0/2T*) with and without the parasitic bath."""
    fig, axes = _figure(ds, 2, label=rf"$\gamma_h=\gamma_c={ds.attrs['gamma_h']:g}\,\omega_0$, "
                                     rf"$\gamma_p={ds.attrs['gamma_p']:g}\,\omega_0$")
    for ax, th in zip(axes, ds.T_h.values):
        d = ds.sel(T_h=th)
        ax.plot(d.N, d.ratio_ideal, "k-", label=r"no parasitic bath, $J=N/2$")
        for i, bath in enumerate(d.bath.values):
            x = float(d.x_p.sel(bath=bath))
            lab = (rf"$T_p=T^*$ ($T_0/T_p\approx{x:.2f}$)" if bath == "T_p = T*"
                   else rf"$T_0/T_p={x:g}$")
            ax.plot(d.N, d.ratio_p.sel(bath=bath), "o", ms=3.5, color=_C[i],
                    label=f"parasitic bath, {lab}")
        ax.axhline(float(d.coth), color="r", ls=":", lw=2,
                   label=rf"$\coth(T_0/2T^*)={float(d.coth):.3f}$")
        ax.set(xscale="log", xlabel="N", ylabel=r"$\dot Q_h/\dot Q_h^{\rm ind}$",
               title=rf"$T_h={th:g}\,T_0$, $T_c=T_0/3$, $T_0/T^*\approx"
                     rf"{float(d.T0_over_T_star):.2f}$")
        ax.legend(fontsize=8)
    return fig


"""The reproduced figures of Andolina et al.: a small registry with stable ids.

Ids follow the **arXiv numbering** (file 000); each entry also names the published figure
(Phys. Rev. Research 6, 043128, file 001), which drops the T* figure and so numbers the
others one lower:

==============================  ==============  =================  =========================
id                              arXiv           published          computed from
==============================  ==============  =================  =========================
``andolina2024-fig3``           Fig. 3          —                  closed form T* (16)
``andolina2024-fig4``           Fig. 4          Fig. 3             QuTiP (sector J̄) + (24)
``andolina2024-fig5``           Fig. 5          Fig. 4             steady states (auto)
``andolina2024-fig6``           Fig. 6          Fig. 5             QuTiP/reduced + (25, 36)
``andolina2024-fig7``           Fig. 7          Fig. 6             closed form (C10)
``andolina2024-fig5-large``     beyond paper                       reduced backend, N ≤ 1000
``andolina2024-coth-approach``  beyond paper                       (24), (29), reduced
==============================  ==============  =================  =========================

``version="arxiv"`` (default, matching the ids) or ``"published"`` selects the parameters:
γ_h = γ_c = ω0 (arXiv Figs. 4–5) or ω0/10 (published Figs. 3–4), and Table I with
γ_h = γ_c = 1.0 GHz (arXiv) or 0.5 GHz (published) for Fig. 6. Figs. 3 and 7 do not depend on
them (Fig. 3 exists only in the arXiv version). ``fast=True`` uses reduced grids (for tests and
the documentation gallery).

For every figure, ``compute`` returns labelled data (:class:`xarray.Dataset`) and ``plot``
draws it without computing; :func:`reproduce` does both and writes ``<id>.png`` and
``<id>.nc`` (NetCDF).

>>> len(figure_ids()), figure_ids()[0]
(7, 'andolina2024-fig3')
>>> get_figure("andolina2024-fig4").numbering
'arXiv Fig. 4 = published Fig. 3'
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import xarray as xr
from matplotlib.figure import Figure

from dickeheat.derivations.andolina2024 import figures_plot as fp
from dickeheat.derivations.andolina2024 import figures_sec2 as s2
from dickeheat.derivations.andolina2024 import figures_sec3 as s3
from dickeheat.derivations.andolina2024 import figures_sec4 as s4
from dickeheat.derivations.andolina2024.figures_common import (
    DEFAULT_VERSION, VERSIONS, check_fast, check_version,
)
from dickeheat.errors import ParameterError, UnknownNameError

__all__ = ["FigureSpec", "FIGURES", "figure_ids", "get_figure", "compute", "plot",
           "ReproducedFigure", "reproduce", "writable_directory", "VERSIONS", "DEFAULT_VERSION"]


@dataclasses.dataclass(frozen=True)
class FigureSpec:
    """One reproducible figure: its id, numbering in both versions, and how to make it."""

    id: str
    title: str
    arxiv: str | None
    published: str | None
    summary: str
    compute: Callable[..., xr.Dataset]
    plot: Callable[[xr.Dataset], Figure]
    versions: tuple[str, ...] = VERSIONS
    slow: bool = False  # the full (not fast) computation takes more than ~20 s

    @property
    def beyond_paper(self) -> bool:
        return self.arxiv is None and self.published is None

    @property
    def numbering(self) -> str:
        """E.g. ``"arXiv Fig. 4 = published Fig. 3"``."""
        if self.beyond_paper:
            return "beyond the paper"
        parts = [f"arXiv {self.arxiv}" if self.arxiv else "not in the arXiv version",
                 f"published {self.published}" if self.published else "not in the published "
                 "version"]
        return " = ".join(parts) if self.arxiv and self.published else "; ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "arxiv": self.arxiv,
                "published": self.published, "numbering": self.numbering,
                "summary": self.summary, "versions": list(self.versions),
                "beyond_paper": self.beyond_paper, "slow": self.slow}


FIGURES: dict[str, FigureSpec] = {f.id: f for f in (
    FigureSpec(
        "andolina2024-fig3", "Effective temperature T*", "Fig. 3", None,
        "T*/T0 (Eq. 16) versus T_h/T0 for several T_c, gamma_h = gamma_c; the operating points "
        "T_c = T0/3, T_h = T0 and 3 T0 give T0/T* = 1.42 and 0.57.",
        s2.compute_fig3, fp.plot_fig3, versions=("arxiv",)),
    FigureSpec(
        "andolina2024-fig4", "Heat current in a fixed-J subspace", "Fig. 4", "Fig. 3",
        "Q_h/(Jbar hbar omega0^2) versus T0/T_h for several Jbar and versus Jbar for several "
        "T0/T_h (T_c = T0/3), QuTiP steady states in the sector J = Jbar with the closed form "
        "(24), Q_ind (25) and Q_lim (27).",
        s2.compute_fig4, fp.plot_fig4, slow=True),
    FigureSpec(
        "andolina2024-fig5", "Parasitic bath", "Fig. 5", "Fig. 4",
        "Q_h/N and <J^2>/(N/2(N/2+1)) versus N = 1..20 for several T_p, for T_h = T0 and "
        "T_h = 3 T0 (T_c = T0/3, gamma_p = 0.001 omega0), with Q_ind and the J = N/2 current.",
        s3.compute_fig5, fp.plot_fig5),
    FigureSpec(
        "andolina2024-fig6", "Experimental proposal", "Fig. 6", "Fig. 5",
        "Table I parameters: Q_h/N in fW versus N for several T_p; for N = 2 versus T_p the "
        "collective Q_h, Q_ind (25) and twice the detuned current 2 Q_det (36).",
        s4.compute_fig6, fp.plot_fig6),
    FigureSpec(
        "andolina2024-fig7", "Thermal <J_z> in a fixed-J subspace", "Fig. 7", "Fig. 6",
        "<J_z>_{Jbar,T} (Eq. C10) versus T/T0 for several Jbar, and -<J_z> versus Jbar with "
        "the low- and high-temperature limits (C11, C12).",
        s2.compute_fig7, fp.plot_fig7),
    FigureSpec(
        "andolina2024-fig5-large", "Parasitic bath up to N = 1000", None, None,
        "The parasitic-bath figure (arXiv Fig. 5) extended to N = 1000 on a geometric grid "
        "with the reduced (Dicke-lattice rate-equation) backend.",
        s3.compute_fig5_large, fp.plot_fig5, slow=True),
    FigureSpec(
        "andolina2024-coth-approach", "Approach to the coth law", None, None,
        "Q_h/Q_ind versus N up to 1000 approaching coth(T0/2T*) (Eq. 29): J = N/2 without "
        "parasitic bath (closed form) and with a parasitic bath at T_p = T*, T0/3, T0/6 "
        "(reduced backend).",
        s3.compute_coth_approach, fp.plot_coth_approach),
)}


def figure_ids() -> list[str]:
    """The ids of every registered figure, in order."""
    return list(FIGURES)


def get_figure(fig_id: str) -> FigureSpec:
    """The :class:`FigureSpec` of ``fig_id``; :class:`UnknownNameError` lists the known ids."""
    try:
        return FIGURES[fig_id]
    except (KeyError, TypeError):
        raise UnknownNameError(
            f"unknown figure {fig_id!r}; known figures: {', '.join(FIGURES)}"
        ) from None


def _check(spec: FigureSpec, version: str) -> str:
    check_version(version)
    if version not in spec.versions:
        raise ParameterError(
            f"{spec.id} ({spec.numbering}) has no {version!r} version; version must be one of "
            f"{list(spec.versions)}"
        )
    return version


def compute(fig_id: str, *, version: str = DEFAULT_VERSION, fast: bool = False,
            progress: bool = False) -> xr.Dataset:
    """The labelled data of figure ``fig_id`` (see the module docstring for ``version``)."""
    spec = get_figure(fig_id)
    return spec.compute(version=_check(spec, version), fast=check_fast(fast), progress=progress)


def plot(fig_id: str, data: xr.Dataset) -> Figure:
    """Draw figure ``fig_id`` from its dataset (no computation)."""
    return get_figure(fig_id).plot(data)


@dataclasses.dataclass(frozen=True)
class ReproducedFigure:
    """What :func:`reproduce` wrote, and how long it took."""

    id: str
    version: str
    png: Path
    data: Path
    compute_seconds: float
    plot_seconds: float


def writable_directory(path: str | os.PathLike, *, name: str = "out_dir") -> Path:
    """``path`` as a directory that exists (created if needed) and accepts new files.

    Raises
    ------
    ParameterError
        Naming ``name`` if it cannot be created or written to.
    """
    p = Path(path)
    try:
        p.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=p, prefix=".dickeheat-", delete=True):
            pass
    except OSError as err:
        raise ParameterError(
            f"{name} {str(path)!r} is not a writable directory: {err.strerror or err}"
        ) from None
    return p


def _replace_atomically(target: Path, write: Callable[[Path], None]) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def reproduce(fig_id: str, out_dir: str | os.PathLike = ".", *,
              version: str = DEFAULT_VERSION, fast: bool = False,
              progress: bool = False) -> ReproducedFigure:
    """Compute figure ``fig_id``, plot it, and write ``<id>.png`` and ``<id>.nc`` to ``out_dir``.

    The output directory is checked before anything is computed.
    """
    spec = get_figure(fig_id)
    _check(spec, version)
    out = writable_directory(out_dir)
    t0 = time.perf_counter()
    data = compute(fig_id, version=version, fast=fast, progress=progress)
    data.attrs.update({"paper_numbering": spec.numbering, "fast_grid": int(fast)})
    t1 = time.perf_counter()
    fig = spec.plot(data)
    png, nc = out / f"{fig_id}.png", out / f"{fig_id}.nc"
    _replace_atomically(png, lambda p: fig.savefig(p, dpi=110, format="png"))
    t2 = time.perf_counter()
    _replace_atomically(nc, lambda p: data.to_netcdf(p))
    return ReproducedFigure(fig_id, version, png, nc, t1 - t0, t2 - t1)

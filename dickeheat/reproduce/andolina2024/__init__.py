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
draws it without computing; :func:`dickeheat.reproduce.reproduce` does both and writes
``<id>.png`` and ``<id>.nc`` (NetCDF).

>>> len(FIGURES), FIGURES[0].id
(7, 'andolina2024-fig3')
>>> FIGURES[1].numbering
'arXiv Fig. 4 = published Fig. 3'
"""

from __future__ import annotations

from dickeheat.reproduce.andolina2024 import plot as fp
from dickeheat.reproduce.andolina2024 import sec2 as s2
from dickeheat.reproduce.andolina2024 import sec3 as s3
from dickeheat.reproduce.andolina2024 import sec4 as s4
from dickeheat.reproduce.andolina2024.common import VERSIONS
from dickeheat.reproduce.figure import FigureSpec

__all__ = ["FIGURES"]

FIGURES: tuple[FigureSpec, ...] = (
    FigureSpec(
        id="andolina2024-fig3", paper="andolina2024",
        title="Effective temperature T* of the collective baths",
        numbers={"arxiv": "Fig. 3", "published": None},
        summary=(
            "T*/T0 (Eq. 16) versus T_h/T0 for several T_c, gamma_h = gamma_c; the operating points "
            "T_c = T0/3, T_h = T0 and 3 T0 give T0/T* = 1.42 and 0.57."
        ),
        compute=s2.compute_fig3, plot=fp.plot_fig3, versions=("arxiv",)),
    FigureSpec(
        id="andolina2024-fig4", paper="andolina2024",
        title="Heat current within one total-spin subspace J",
        numbers={"arxiv": "Fig. 4", "published": "Fig. 3"},
        summary=(
            "Q_h/(Jbar hbar omega0^2) versus T0/T_h for several Jbar and versus Jbar for several "
            "T0/T_h (T_c = T0/3), QuTiP steady states in the sector J = Jbar with the closed form "
            "(24), Q_ind (25) and Q_lim (27)."
        ),
        compute=s2.compute_fig4, plot=fp.plot_fig4, versions=VERSIONS, slow=True),
    FigureSpec(
        id="andolina2024-fig5", paper="andolina2024",
        title="Heat current per qubit with a parasitic bath",
        numbers={"arxiv": "Fig. 5", "published": "Fig. 4"},
        summary=(
            "Q_h/N and <J^2>/(N/2(N/2+1)) versus N = 1..20 for several T_p, for T_h = T0 and "
            "T_h = 3 T0 (T_c = T0/3, gamma_p = 0.001 omega0), with Q_ind and the J = N/2 current."
        ),
        compute=s3.compute_fig5, plot=fp.plot_fig5, versions=VERSIONS),
    FigureSpec(
        id="andolina2024-fig6", paper="andolina2024",
        title="Experimental proposal: heat currents in femtowatts",
        numbers={"arxiv": "Fig. 6", "published": "Fig. 5"},
        summary=(
            "Table I parameters: Q_h/N in fW versus N for several T_p; for N = 2 versus T_p the "
            "collective Q_h, Q_ind (25) and twice the detuned current 2 Q_det (36)."
        ),
        compute=s4.compute_fig6, plot=fp.plot_fig6, versions=VERSIONS),
    FigureSpec(
        id="andolina2024-fig7", paper="andolina2024",
        title="Thermal ⟨J_z⟩ within one total-spin subspace J",
        numbers={"arxiv": "Fig. 7", "published": "Fig. 6"},
        summary=(
            "<J_z>_{Jbar,T} (Eq. C10) versus T/T0 for several Jbar, and -<J_z> versus Jbar with "
            "the low- and high-temperature limits (C11, C12)."
        ),
        compute=s2.compute_fig7, plot=fp.plot_fig7, versions=VERSIONS),
    FigureSpec(
        id="andolina2024-fig5-large", paper="andolina2024",
        title="Heat current per qubit with a parasitic bath, up to N = 1000",
        numbers={},
        summary=(
            "The parasitic-bath figure (arXiv Fig. 5) extended to N = 1000 on a geometric grid "
            "with the reduced (Dicke-lattice rate-equation) backend."
        ),
        compute=s3.compute_fig5_large, plot=fp.plot_fig5, versions=VERSIONS, slow=True),
    FigureSpec(
        id="andolina2024-coth-approach", paper="andolina2024",
        title="Collective enhancement approaching coth(T0/2T*)",
        numbers={},
        summary=(
            "Q_h/Q_ind versus N up to 1000 approaching coth(T0/2T*) (Eq. 29): J = N/2 without "
            "parasitic bath (closed form) and with a parasitic bath at T_p = T*, T0/3, T0/6 "
            "(reduced backend)."
        ),
        compute=s3.compute_coth_approach, plot=fp.plot_coth_approach, versions=VERSIONS),
)

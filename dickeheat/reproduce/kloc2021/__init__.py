"""The reproduced figures of Kloc, Meier, Hadjikyriakos, Schaller, "Superradiant many-qubit
absorption refrigerator" (2021).

=================  =======  ==================================================================
id                 paper    computed from
=================  =======  ==================================================================
``kloc2021-fig2``  Fig. 2   sector rate equation (full), three-level model, (G4)/(G5)
``kloc2021-fig3``  Fig. 3   sector rate equation, N = 31, widths delta_nu
``kloc2021-fig4``  Fig. 4   sector rate equation, N = 31, sign change of I_c
``kloc2021-fig5``  Fig. 5   sector rate equation + Eq. (20), four width sets
``kloc2021-fig7``  Fig. 7   one Ohmic bath, relative entropy to the Gibbs state
=================  =======  ==================================================================

(G4)/(G5) are taken from the registry when the derivations register them (results with
``equation`` "G4"/"G5"); otherwise Fig. 2 draws the n_w -> infinity limit computed numerically
(coarse-grained three-level model) and says so in its legend.

Examples
--------
>>> [f.id for f in FIGURES]
['kloc2021-fig2', 'kloc2021-fig3', 'kloc2021-fig4', 'kloc2021-fig5', 'kloc2021-fig7']
"""

from __future__ import annotations

from dickeheat.reproduce.figure import FigureSpec
from dickeheat.reproduce.kloc2021 import maps, scaling
from dickeheat.reproduce.kloc2021 import plot as fp

__all__ = ["FIGURES"]

FIGURES: tuple[FigureSpec, ...] = (
    FigureSpec(
        id="kloc2021-fig2", paper="kloc2021", title="Cooling current and noise against N",
        numbers={"paper": "Fig. 2"},
        summary=("Stationary cold current I_c and its noise S_c against odd N = 5..151: full "
                 "model (one parity sector), three-level model at beta_w = 1e-3 and the "
                 "beta_w -> 0 closed forms (G4), (G5); Fig. 2 caption parameters."),
        compute=scaling.compute_fig2, plot=fp.plot_fig2, versions=("paper",)),
    FigureSpec(
        id="kloc2021-fig3", paper="kloc2021", title="Cooling against the spectral widths",
        numbers={"paper": "Fig. 3"},
        summary=("I_c at N = 31 on (delta_w, delta_h) with delta_c = 0.1 (a) and on "
                 "(delta_c, delta_h) with delta_w = 1e-3 (b); blue where the device cools."),
        compute=maps.compute_fig3, plot=fp.plot_fig3, versions=("paper",), slow=True),
    FigureSpec(
        id="kloc2021-fig4", paper="kloc2021", title="Lowest reachable cold temperature",
        numbers={"paper": "Fig. 4"},
        summary=("I_c against beta_c (beta_h = 1, N = 31) for delta_w = 1e-5..1e-2; vertical "
                 "lines at the sign change beta_c^max, dotted at 3 beta_h."),
        compute=maps.compute_fig4, plot=fp.plot_fig4, versions=("paper",)),
    FigureSpec(
        id="kloc2021-fig5", paper="kloc2021", title="Relative coefficient of performance",
        numbers={"paper": "Fig. 5"},
        summary=("kappa/kappa_bar (Eq. 20) on (beta_c, beta_h) at N = 31 for four sets of "
                 "widths, with the reduced-model contours I_c = 0.4, 0.04, 0.004 and the lines "
                 "beta_c = beta_h, 3 beta_h."),
        compute=maps.compute_fig5, plot=fp.plot_fig5, versions=("paper",), slow=True),
    FigureSpec(
        id="kloc2021-fig7", paper="kloc2021", title="Thermalisation time against N",
        numbers={"paper": "Fig. 7"},
        summary=("Time until the relative entropy to the Gibbs state (beta_f = 4) falls below "
                 "1e-6, from a Gibbs state at beta_i = 1, one Ohmic J_x bath (cut-off 100), "
                 "N = 2..100, with a 1/N^2 fit."),
        compute=scaling.compute_fig7, plot=fp.plot_fig7, versions=("paper",)),
)

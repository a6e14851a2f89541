"""The reproduced figures of da Silva Souza, Manzano, Fazio and Iemini (collective spin-pair
heat engine): exact finite-N steady states and the macroscopic limit of the closed
(third-cumulant) moment equations.

==========================  =========  ==============================================
id                          paper      computed from
==========================  =========  ==============================================
``dasilvasouza2022-fig2``   Fig. 2     exact sector steady states, N = 1 … 30
``dasilvasouza2022-fig3``   Fig. 3     exact steady states + power noise, N = 1 … 20
``dasilvasouza2022-fig4``   Fig. 4     one collective spin, finite N + registered (33), (44)
``dasilvasouza2022-fig5``   Fig. 5     closed equations: Jacobian gap (43)
``dasilvasouza2022-fig6``   Fig. 6     closed equations: power, gain, constancy (App. D)
``dasilvasouza2022-fig7``   Fig. 7     exact N = 1 … 30 and the closed equations' N → ∞
``dasilvasouza2022-fig8``   Fig. 8     closed equations (N → ∞) and exact N = 12
``dasilvasouza2022-fig9``   Fig. 9     one collective spin, finite N + registered (33)-(39)
``dasilvasouza2022-fig10``  Fig. 10    exact N = 2 … 16 and the closed equations' N → ∞
==========================  =========  ==============================================

The macroscopic limit is reached only through the registry: the closed equations are the step
``system`` of ``dasilvasouza2022.macro_power_per_pair``, the power variance is
``macro_power_variance`` (D3) with the regression equations ``eqD4_*``/``eqD5_*``
(:mod:`.macro`). ``fast=True`` uses small grids (tests, gallery).

Examples
--------
>>> [s.id for s in FIGURES][:2]
['dasilvasouza2022-fig2', 'dasilvasouza2022-fig3']
"""

from __future__ import annotations

from dickeheat.reproduce.dasilvasouza2022 import engine_figs as ef
from dickeheat.reproduce.dasilvasouza2022 import macro_figs as mf
from dickeheat.reproduce.dasilvasouza2022 import plot as fp
from dickeheat.reproduce.dasilvasouza2022 import plot_macro as pm
from dickeheat.reproduce.dasilvasouza2022 import relaxation_figs as rf
from dickeheat.reproduce.figure import FigureSpec

__all__ = ["FIGURES"]

_P = "dasilvasouza2022"

FIGURES: tuple[FigureSpec, ...] = (
    FigureSpec(
        id=f"{_P}-fig2", paper=_P, title="Power of one pair, collective power scaling",
        numbers={"paper": "Fig. 2"},
        summary=(
            "Units of omega0; E1 = 100, Gamma0 = omega0, Delta T = 100 (caption). (a) P_1 over "
            "(Delta E, Tbar) with the P = 0 line (numerical zero contour, the Carnot point); "
            "(b) P_N/P_1 against N = 1..30 at Delta E = 125 for Tbar = 60, 80, 100, 120 (the "
            "legend values are not given in the paper: chosen), alpha fitted over N >= 16; "
            "red dashed: the fits; (c) alpha fitted over N = 8..20 on a 9 x 9 grid of (Delta E, "
            "Tbar) (the paper does not state its N_sat or grid); black/white line: Delta E* of "
            "the registered Eq. (23)."
        ),
        compute=ef.compute_fig2, plot=fp.plot_fig2, slow=True),
    FigureSpec(
        id=f"{_P}-fig3", paper=_P, title="Constancy against the number of pairs",
        numbers={"paper": "Fig. 3"},
        summary=(
            "C_N (Eq. 20, Var P from the regression theorem, eta = P/J2) against N = 1..20 for "
            "Tbar = 10, 10.5, 11, 11.5, 12 E1; omega0 = 0.006 E1, Gamma0 = 0.001 E1, "
            "Delta E = 9 E1, Delta T = 10 E1 (caption). At these parameters the machine is a "
            "refrigerator (Delta E > Delta E*)."
        ),
        compute=ef.compute_fig3, plot=fp.plot_fig3, slow=True),
    FigureSpec(
        id=f"{_P}-fig4", paper=_P, title="Purely dissipative collective spin",
        numbers={"paper": "Fig. 4"},
        summary=(
            "One collective spin, high-temperature scaling, Gamma0 = E = 1: <m_z> and the "
            "Lindbladian gap against beta E for N = 10, 40, 100; <m_z> against N; the "
            "transient size N* (epsilon = 1e-10) from the magnetization and from the gap. "
            "Macroscopic limit: the registered Eq. (33) and the Jacobian gap from Eq. (44)."
        ),
        compute=rf.compute_fig4, plot=fp.plot_fig4),
    FigureSpec(
        id=f"{_P}-fig5", paper=_P, title="Relaxation rate of the macroscopic engine",
        numbers={"paper": "Fig. 5"},
        summary=(
            "Jacobian gap (Eq. 43) of the closed (third-cumulant) macroscopic equations of the "
            "driven engine against Tbar = 10.5..60 E1 for Delta E = 1, 3, 5, 7, 9 E1 (not given "
            "in the paper: chosen); omega0 = 0.006, Gamma0 = 0.001, E1 = 1, Delta T = 20 "
            "(caption), high-temperature scaling (Eq. 28). Dashed verticals: the Carnot "
            "temperature Tbar* of the registered Eq. (23)."
        ),
        compute=mf.compute_fig5, plot=pm.plot_fig5),
    FigureSpec(
        id=f"{_P}-fig6", paper=_P, title="Power, collective gain and constancy, N to infinity",
        numbers={"paper": "Fig. 6"},
        summary=(
            "Macroscopic limit from the closed (third-cumulant) moment equations: (a) P_N/"
            "(N Gamma0) with the engine/refrigerator boundary Delta E* (Eq. 23); (b) log10 "
            "P_N/(N P_1) (P_1: the registered single-pair power), dashed where the gain is 1 "
            "(absent: the gain stays below 1 on this grid); (c) constancy (Eq. 20) with Var P "
            "from App. D (Gaussian pairing D3, regression D4-D5). Grey: grid points on the "
            "Carnot line, where P_1 = 0 and the constancy is undefined. omega0 = 0.006, Gamma0 = "
            "0.001, E1 = 1, Delta T = 20 (caption); Delta E = 0.25..9, Tbar = 11..40 (not "
            "given: chosen)."
        ),
        compute=mf.compute_fig6, plot=pm.plot_fig6, slow=True),
    FigureSpec(
        id=f"{_P}-fig7", paper=_P, title="Constancy in the high-temperature regime",
        numbers={"paper": "Fig. 7"},
        summary=(
            "C_N against N = 1..30 with omega0, Gamma0 -> /N and T -> N T; E1 = 1, E2 = 10, "
            "Gamma0 = 0.001, T1 = 2, T2 = 25 (caption) for omega0 = 0.001, 0.002, 0.003, "
            "0.006 (the values are not listed: chosen). (b) in place of the paper's inset: the "
            "macroscopic limit C_inf against omega0 from the closed equations (Var P from "
            "App. D: D3 with the regression equations D4-D5), coloured markers at the "
            "omega0 of (a). Caution: at omega0 = 0.006 App. D's variance is 60 % above the "
            "1/N-extrapolated exact one (the exact C_N stays at 1.00002 up to N = 30)."
        ),
        compute=ef.compute_fig7, plot=fp.plot_fig7, slow=True),
    FigureSpec(
        id=f"{_P}-fig8", paper=_P, title="Two-spin mutual information and power per pair",
        numbers={"paper": "Fig. 8"},
        summary=(
            "Mutual information of one spin of each ensemble and P_N/(N Gamma0) over Delta E "
            "and Tbar: (a, b) the macroscopic limit of the closed equations (two-spin state "
            "from the moments <m1^a m2^b>), Delta E = 0.25..9, Tbar = 11..40; (c, d) exact "
            "reduced state at N = 12 (high-temperature scaling), Delta E = 1..9, Tbar = 12..40. "
            "omega0 = 0.006, Gamma0 = 0.001, E1 = 1, Delta T = 20 (caption); ranges chosen. "
            "The concurrence (in the dataset) vanishes everywhere; line: Delta E* (Eq. 23)."
        ),
        compute=ef.compute_fig8, plot=fp.plot_fig8, slow=True),
    FigureSpec(
        id=f"{_P}-fig9", paper=_P, title="Magnetization and its relaxation (finite N)",
        numbers={"paper": "Fig. 9"},
        summary=(
            "One collective spin, high-temperature scaling: <m_z> and <m_z^2> against beta E "
            "for N = 10, 40, 200, and <m_z>(t) from the fully excited state (not stated in "
            "the paper: chosen) at beta E = 0.1 and 10, with the macroscopic limit from the "
            "registered Eqs. (33), (34) and the closed equations (38)-(39)."
        ),
        compute=rf.compute_fig9, plot=fp.plot_fig9),
    FigureSpec(
        id=f"{_P}-fig10", paper=_P, title="Collective gain against the splitting difference",
        numbers={"paper": "Fig. 10"},
        summary=(
            "P_N/(N P_1) against Delta E = 0.5..6 for N = 2, 4, 8, 16 (exact, high-temperature "
            "scaling) and N -> infinity (closed equations, black); omega0 = 0.006, Gamma0 = "
            "0.001, E1 = 1, beta1 = 50, beta2 = 0.01 (caption; the Delta E range and N values "
            "are chosen)."
        ),
        compute=ef.compute_fig10, plot=fp.plot_fig10, slow=True),
)

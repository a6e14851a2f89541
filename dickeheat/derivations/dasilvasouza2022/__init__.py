"""da Silva Souza, Manzano, Fazio, Iemini: Collective effects on the performance and stability
of quantum heat engines (file 003).

Submodules, each a part of the derivation chain (the model is the input, :mod:`.model`):

``thermo``
    Eqs. (10), (12)–(23): power, heat currents, first law, entropy production, Carnot bounds,
    proportionality, efficiency, engine/refrigerator boundary, TUR and constancy.
``pair``
    The N = 1 engine in closed form: P₁, Q₁, Q₂ and Var(P₁) (11).
``dissipative``
    Sec. V A: scaling (28), (27), (29)–(30), the steady state (32)–(35), the moment hierarchy
    (36)–(39), the Jacobian (41)–(42) and its eigenvalues (44)–(45).
``driven``
    Sec. V B: the driven equations (47) and (C1)–(C12) from the cumulant engine.
``macro_engine``
    The driven engine's macroscopic limit as the figures use it: the closed equations in real
    variables, the power per pair, the regression equations (D4)–(D5) with the third-order
    closure about the stationary state (``eqD4_m1_order3`` …) and the Gaussian-paired
    variance (D3).
``macroscopic``
    The closed macroscopic equations at order 1, 2, 3 in real variables with their Jacobian,
    and the power and heat currents per pair (what ``dickeheat engine --method cumulant``
    solves).
``fluctuations``
    Appendix D: (D1), (D3)–(D5), the regression matrix and the equal-time covariance that
    give Var(P_N)/N² in the macroscopic limit (order-2 closure; what ``dickeheat engine
    --method cumulant`` reports).
"""

from dickeheat.derivations.dasilvasouza2022.symbols import PAPER

__all__ = ["PAPER", "SUBMODULES"]


SUBMODULES = (
    "thermo",
    "pair",
    "dissipative",
    "driven",
    "macroscopic",
    "fluctuations",
    "macro_engine",
)

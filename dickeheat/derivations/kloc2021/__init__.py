"""Kloc, Meier, Hadjikyriakos, Schaller: Superradiant many-qubit absorption refrigerator
(arXiv 2021) (file 002).

Submodules, each a part of the derivation chain:

``symmetry``
    Sec. II, Eqs. (1)–(3), footnote [58]: parity, proper collective basis, spectrum.
``elements``
    Eqs. (8)–(9): matrix elements of J_x and J_x² between proper-basis states.
``rates``
    Eqs. (4), (5), (7), (16), (17): spectral density, rates, local detailed balance.
``statistics``
    Eqs. (10)–(14), App. E: counting-field rate matrix, current and noise from the dominant
    eigenvalue.
``reduced``
    App. G, Eqs. (G1)–(G6): the three-level refrigerator, its n_w → ∞ limit, current, noise,
    cooling window, laser limit.
``thermo``
    Eqs. (15), (18)–(20), App. F: first law, entropy production, TUR, COP bounds.
``relaxation``
    Apps. C and D: zero-temperature relaxation time and two-bath supertransmittance.
"""

from dickeheat.derivations.kloc2021.symbols import PAPER

__all__ = ["PAPER", "SUBMODULES"]


SUBMODULES = (
    "symmetry",
    "elements",
    "rates",
    "statistics",
    "reduced",
    "thermo",
    "relaxation",
)

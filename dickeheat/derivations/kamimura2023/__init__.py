"""Kamimura, Yoshida, Tokura, Matsuzaki: Universal Scaling Bounds on a Quantum Heat Current,
Phys. Rev. Lett. 131, 090401 (2023) (file 004).

Submodules, each a part of the derivation chain:

``general``
    Eqs. (5)–(9) and (13)–(14): the Redfield current in commutator form, Bound 1 and Bound 2.
``mbody``
    Eqs. (10)–(12): the m-body example, ‖A‖, Bound 1 saturated at m = L, the exponent 3 + m − L.
``superradiance``
    Eqs. (15)–(18): J(0) from a Dicke state, Eq. (17), ΔE = ω_q, Bound 2 and the ratio → η/4,
    superabsorption ΔE = Θ(L).
``steady``
    Eqs. (19)–(21): for [H_S, ρ] = 0 the GKSL current equals the Redfield current.

The checks of these results are in ``checks/`` (one module per chain module); the users of the
results (the bounds and valve reports) are in :mod:`dickeheat.reproduce.kamimura2023`.
"""

from dickeheat.derivations.kamimura2023.symbols import PAPER

__all__ = ["PAPER", "SUBMODULES"]

SUBMODULES = (
    "general",
    "mbody",
    "superradiance",
    "steady",
)

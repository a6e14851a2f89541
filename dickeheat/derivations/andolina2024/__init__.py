"""Andolina, Erdman, Noé, Pekola, Schirò: Dicke superradiant enhancement of the heat current in
circuit QED (arXiv version, file 000; published Phys. Rev. Research 6, 043128 (2024), file 001).

Equation labels are the arXiv version's; where the published version numbers an equation
differently, the label reads ``"B18 [published B19]"``.

Submodules, each a part of the derivation chain:

``circuit``
    Appendix A: Lagrangian (A17) → charges (A18) → inversion (A19) → Legendre transform (A21)
    → transmon (A7–A13) → qubit truncation (A14–A16) → G_i (A22).
``bath``
    Appendix B: RLC impedance (B11–B14), structure factor (B10, B15), rates γ_i (B18).
``heat``
    Sec. II: Dicke states (8), detailed balance (13), T* (15–16), heat currents (19–24) by
    operator algebra, independent qubits (25 [published 26]).
``collective``
    Appendix C: Z_{J,T} (C5–C7), ⟨J_z⟩_{J,T} (C9–C10), limits (C11–C13), Eqs. (27–29) and the
    published bounds Q_h^max (published 25) and Q_h^lim (published 28).
``parasitic``
    Sec. III: the local bath (30–32 [published 31–33]): Q_p, T_p = T*, T_k* (35 [published D3]).
``detuned``
    Sec. IV / published Appendix D: Q_det (36 [published D4]), γ_2 (37 [published D5]) and the
    occupations n_i^(k) (33).

Each chain module's ``chain()`` returns a frozen dataclass of its objects and ``results()`` its
registered results, built with the one constructor :func:`~.symbols.make`; the independent
numerical checks live in the ``checks`` subpackage, one module per chain module.

The figures, the Table I proposal and the device mapping use these results; they live in
:mod:`dickeheat.reproduce.andolina2024`.
"""

from dickeheat.derivations.andolina2024.symbols import PAPER

__all__ = ["PAPER", "SUBMODULES"]

SUBMODULES = (
    "circuit",
    "bath",
    "heat",
    "collective",
    "parasitic",
    "detuned",
)

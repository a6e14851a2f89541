"""Moment symbols of the two-cloud model, named by their canonical monomials."""

from __future__ import annotations

from collections.abc import Mapping

import sympy as sp

from dickeheat.derivations.dasilvasouza2022.model import SYSTEM
from dickeheat.symbolic.cumulants import moment_expr, moment_symbol
from dickeheat.symbolic.spin_poly import Monomial

__all__ = ["MONOMIALS", "moment", "moments_of"]

#: the canonical monomials the results are written in
MONOMIALS: dict[str, Monomial] = {
    "S1z": ((0, 1, 0), (0, 0, 0)),
    "S1z^2": ((0, 2, 0), (0, 0, 0)),
    "S2z": ((0, 0, 0), (0, 1, 0)),
    "S2z^2": ((0, 0, 0), (0, 2, 0)),
    "S1- S2+": ((0, 0, 1), (1, 0, 0)),
}


def moment(label: str) -> sp.Symbol:
    """The symbol of ⟨label⟩ (a key of :data:`MONOMIALS`)."""
    return moment_symbol(SYSTEM, MONOMIALS[label])


def moments_of(p: Mapping) -> sp.Expr:
    """A moment polynomial of the model as a SymPy expression."""
    return moment_expr(SYSTEM, p)

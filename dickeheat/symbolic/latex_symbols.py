r"""Symbols that print as the mathematics they stand for.

A symbol whose name is ``"||A_1||"`` reads well in plain text and keeps that name as its
argument name (checks and users look arguments up by it), but SymPy's LaTeX printer splits a
name at its underscores and renders it as ``||A_{1||}``. :class:`NormSymbol` is a positive
symbol standing for the operator norm of an operator; it prints as
:math:`\lVert A_{1} \rVert`.

>>> import sympy as sp
>>> a = NormSymbol("||A_1||", positive=True)
>>> sp.latex(a)
'\\lVert A_{1} \\rVert'
>>> sp.latex(4 * NormSymbol("||H_S||", positive=True) * a**2)
'4 \\lVert A_{1} \\rVert^{2} \\lVert H_{S} \\rVert'
>>> str(a), a.is_positive
('||A_1||', True)
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from dickeheat.errors import DickeheatError

__all__ = ["NormSymbol"]


class NormSymbol(sp.Symbol):
    r"""The norm :math:`\lVert X\rVert` of an operator :math:`X` as a scalar symbol named
    ``"||X||"``; LaTeX :math:`\lVert X \rVert` (``X`` rendered as a symbol name, so ``A_1``
    becomes :math:`A_{1}`)."""

    def __new__(cls, name: str, **assumptions: Any) -> NormSymbol:
        if not (name.startswith("||") and name.endswith("||") and len(name) > 4):
            raise DickeheatError(f"a norm symbol is named '||X||', got {name!r}")
        return super().__new__(cls, name, **assumptions)

    @property
    def operator_name(self) -> str:
        """The name of the operator inside the norm (``"A_1"`` for ``"||A_1||"``)."""
        return self.name[2:-2]

    def _latex(self, printer: Any) -> str:
        return r"\lVert " + printer._print(sp.Symbol(self.operator_name)) + r" \rVert"

"""Dimensional analysis of SymPy expressions with SymPy's SI dimension system.

Every physical symbol is mapped to a :class:`sympy.physics.units.Dimension`; the dimension of an
expression is inferred recursively, and a sum of terms of different dimension, or a
transcendental function of a dimensional argument, is reported as an inconsistency.

>>> import sympy as sp
>>> from sympy.physics.units import capacitance, voltage, charge
>>> C, V = sp.symbols("C V", positive=True)
>>> same_dimension(dimension_of(C * V, {C: capacitance, V: voltage}), charge)
True
"""

from collections.abc import Mapping

import sympy as sp
from sympy.physics.units import Dimension
from sympy.physics.units.systems.si import dimsys_SI

from dickeheat.errors import DickeheatError

__all__ = [
    "DimensionError",
    "ONE",
    "dimension_of",
    "same_dimension",
    "is_dimensionless",
    "describe",
]

ONE = Dimension(1)


class DimensionError(DickeheatError, ValueError):
    """An expression adds quantities of different dimension or takes a function of one."""


def same_dimension(a: Dimension, b: Dimension) -> bool:
    """True if the two dimensions are equal in the SI base dimensions."""
    return bool(dimsys_SI.equivalent_dims(a, b))


def is_dimensionless(a: Dimension) -> bool:
    """True if the dimension reduces to 1 in the SI base dimensions."""
    return bool(dimsys_SI.is_dimensionless(a))


def describe(a: Dimension) -> str:
    """A short human-readable form in SI base dimensions, e.g. ``'mass*length**2/time**2'``."""
    deps = dimsys_SI.get_dimensional_dependencies(a)
    if not deps:
        return "1"
    expr = sp.Mul(*[sp.Symbol(str(k.name)) ** v for k, v in deps.items()])
    return str(expr)


def dimension_of(expr: sp.Expr, dims: Mapping[sp.Symbol, Dimension]) -> Dimension:
    """Infer the dimension of ``expr``.

    Parameters
    ----------
    expr
        A SymPy expression.
    dims
        The dimension of every free symbol of ``expr``; symbols not listed are dimensionless.

    Raises
    ------
    DimensionError
        If two added terms differ in dimension, or a function other than a power takes a
        dimensional argument.
    """
    if isinstance(expr, sp.Symbol):
        return dims.get(expr, ONE)
    if expr.is_Number or expr.is_NumberSymbol or expr in (sp.I, sp.zoo, sp.oo):
        return ONE
    if isinstance(expr, sp.Add):
        parts = [(t, dimension_of(t, dims)) for t in expr.args]
        first_term, first = parts[0]
        for term, d in parts[1:]:
            if not same_dimension(first, d):
                raise DimensionError(
                    f"adds {first_term} [{describe(first)}] to {term} [{describe(d)}]"
                )
        return first
    if isinstance(expr, sp.Mul):
        out = ONE
        for factor in expr.args:
            out = out * dimension_of(factor, dims)
        return out
    if isinstance(expr, sp.Pow):
        base, exponent = expr.args
        if not is_dimensionless(dimension_of(exponent, dims)):
            raise DimensionError(f"exponent {exponent} of {expr} is not dimensionless")
        if not exponent.is_number:
            if not is_dimensionless(dimension_of(base, dims)):
                raise DimensionError(f"symbolic power {expr} of a dimensional base")
            return ONE
        return dimension_of(base, dims) ** exponent
    if isinstance(expr, (sp.re, sp.im, sp.Abs, sp.conjugate)):
        return dimension_of(expr.args[0], dims)
    if isinstance(expr, (sp.Max, sp.Min)):
        return dimension_of(sp.Add(*expr.args), dims)
    if isinstance(expr, sp.Piecewise):
        branch_dims = [dimension_of(e, dims) for e, _ in expr.args]
        for d in branch_dims[1:]:
            if not same_dimension(branch_dims[0], d):
                raise DimensionError(f"branches of {expr} differ in dimension")
        return branch_dims[0]
    if isinstance(expr, sp.Function) or isinstance(expr, sp.Derivative):
        for arg in expr.args:
            if isinstance(arg, sp.Basic) and arg.free_symbols:
                d = dimension_of(arg, dims) if isinstance(arg, sp.Expr) else ONE
                if not is_dimensionless(d):
                    raise DimensionError(
                        f"{type(expr).__name__} of the dimensional argument {arg} [{describe(d)}]"
                    )
        return ONE
    raise DimensionError(f"cannot infer the dimension of {expr!r} ({type(expr).__name__})")

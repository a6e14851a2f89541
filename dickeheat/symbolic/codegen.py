"""The one bridge from SymPy to numbers: :func:`to_function` (``lambdify`` with CSE).

>>> import sympy as sp
>>> x = sp.Symbol("x", positive=True)
>>> f = to_function((x,), sp.coth(x), backend="numpy")
>>> round(float(f(1.0)), 6)
1.313035
"""

from collections.abc import Callable, Sequence
from typing import Any

import sympy as sp

from dickeheat.errors import UnknownNameError

__all__ = ["BACKENDS", "to_function"]

BACKENDS = ("numpy", "mpmath")


def to_function(
    args: Sequence[sp.Symbol], expr: sp.Expr, *, backend: str = "numpy"
) -> Callable[..., Any]:
    """Compile ``expr`` into a function of ``args`` (positional, in this order).

    Parameters
    ----------
    args
        The argument order; every free symbol of ``expr`` must be among them.
    expr
        The expression.
    backend
        ``"numpy"`` (vectorised floats) or ``"mpmath"`` (arbitrary precision).
    """
    if backend not in BACKENDS:
        raise UnknownNameError(f"backend must be one of {BACKENDS}, got {backend!r}")
    modules = ["numpy", "scipy"] if backend == "numpy" else ["mpmath"]
    return sp.lambdify(tuple(args), expr, modules=modules, cse=True)

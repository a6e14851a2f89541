r"""Thermal sums over a spin-J ladder with J kept symbolic.

With :math:`x = \beta\omega` (energy quantum over temperature) and levels
:math:`E_m = \omega m`, :math:`m = -J, -J+1, \dots, J`:

.. math::

    Z_J(x) = \sum_{m=-J}^{J} e^{-xm}
           = \frac{e^{Jx} - e^{-(J+1)x}}{1 - e^{-x}},\qquad
    \langle J_z\rangle_J = -\frac{\partial\ln Z_J}{\partial x}.

The sum is done by SymPy's summation (a geometric series); it needs only that :math:`2J` is a
non-negative integer (the number of steps), so it holds for half-integer :math:`J` as well.
Limits: low temperature (:math:`x\to\infty`), high temperature (series at :math:`x = 0`), and
the :math:`J\to\infty` ratio :math:`\langle J_z\rangle_J / (J\langle J_z\rangle_{1/2})`.

>>> import sympy as sp
>>> J, x = sp.symbols("J x", positive=True)
>>> Z_half = partition_function(J, x).subs(J, sp.Rational(1, 2))
>>> sp.simplify((Z_half - 2 * sp.cosh(x / 2)).rewrite(sp.exp))
0
>>> sp.simplify((jz_mean(sp.Rational(1, 2), x) + sp.tanh(x / 2) / 2).rewrite(sp.exp))
0
"""

from __future__ import annotations

import sympy as sp

from dickeheat.errors import DickeheatError

__all__ = [
    "partition_sum",
    "partition_function",
    "jz_mean",
    "jz_mean_from_sum",
    "jz_low_temperature",
    "jz_high_temperature",
    "large_J_ratio",
    "coth_law",
    "select_branch",
]


def partition_sum(J: sp.Expr, x: sp.Expr, m: sp.Symbol | None = None) -> sp.Sum:
    r"""The unevaluated :math:`\sum_{m=-J}^{J} e^{-xm}`."""
    m = sp.Symbol("m", real=True) if m is None else m
    return sp.Sum(sp.exp(-x * m), (m, -J, J))


def select_branch(expr: sp.Expr, x: sp.Expr) -> sp.Expr:
    r"""Drop the :math:`e^{-x} = 1` branch SymPy's geometric-series sum carries.

    For :math:`x > 0` (finite temperature, positive level spacing) the condition
    :math:`e^{-x} = 1` is false; the generic branch is returned.

    Raises
    ------
    DickeheatError
        If ``expr`` is a Piecewise whose generic branch cannot be identified.
    """
    if not isinstance(expr, sp.Piecewise):
        return expr
    generic = None
    for value, cond in expr.args:
        if cond == sp.true:
            generic = value
            continue
        if isinstance(cond, sp.Eq):
            y = sp.Dummy("y", positive=True)
            residual = sp.simplify((cond.lhs - cond.rhs).subs(x, y))
            if residual.is_nonzero:
                continue
            if residual.free_symbols <= {y} and (
                    sp.solveset(residual, y, sp.Interval.open(0, sp.oo)) == sp.S.EmptySet):
                continue
        raise DickeheatError(f"cannot decide the branch condition {cond} for x > 0")
    if generic is None:
        raise DickeheatError(f"no generic branch in {expr}")
    return generic


def partition_function(J: sp.Expr, x: sp.Expr) -> sp.Expr:
    r""":math:`Z_J(x)` summed by SymPy (geometric series), for :math:`x > 0`.

    ``J`` may be a symbol; ``x`` must be positive.
    """
    Z = partition_sum(J, x).doit()
    return select_branch(sp.piecewise_fold(Z), x)


def jz_mean_from_sum(J: sp.Expr, x: sp.Expr) -> sp.Expr:
    r""":math:`\sum_m m\,e^{-xm}/\sum_m e^{-xm}`, the defining average, unevaluated.

    Call ``.doit()`` after substituting a number for ``J`` to get the finite sum.
    """
    m = sp.Symbol("m", real=True)
    return sp.Sum(m * sp.exp(-x * m), (m, -J, J)) / partition_sum(J, x, m)


def jz_mean(J: sp.Expr, x: sp.Expr) -> sp.Expr:
    r""":math:`\langle J_z\rangle_J = -\partial_x \ln Z_J(x)`, simplified.

    The result is returned as SymPy simplifies it (not in any particular printed form).
    """
    return sp.simplify(-sp.diff(sp.log(partition_function(J, x)), x))


def jz_low_temperature(expr: sp.Expr, x: sp.Symbol) -> sp.Expr:
    r""":math:`\lim_{x\to\infty}` (low temperature) of an expression of ``x``."""
    return sp.limit(expr, x, sp.oo)


def jz_high_temperature(expr: sp.Expr, x: sp.Symbol, order: int = 2) -> sp.Expr:
    r"""The leading terms of the series of ``expr`` at :math:`x = 0` (high temperature),
    up to (not including) :math:`x^{order}`."""
    return sp.factor(sp.series(expr, x, 0, order).removeO())


def large_J_ratio(jz: sp.Expr, J: sp.Symbol, x: sp.Symbol) -> sp.Expr:
    r""":math:`\lim_{J\to\infty}\langle J_z\rangle_J/(J\langle J_z\rangle_{1/2})`.

    ``jz`` is :math:`\langle J_z\rangle_J` as a function of ``J`` and ``x``.
    """
    half = jz.subs(J, sp.Rational(1, 2))
    ratio = jz / (J * half)
    return sp.simplify(sp.limit(ratio, J, sp.oo))


def coth_law(jz: sp.Expr, J: sp.Symbol, x: sp.Symbol) -> sp.Expr:
    r"""The collective-over-independent ratio :math:`\lim_{N\to\infty}
    \langle J_z\rangle_{N/2}/(N\langle J_z\rangle_{1/2}) = \coth(x/2)`.

    Half of :func:`large_J_ratio` (with :math:`J = N/2`): a spin-:math:`N/2` ladder against
    :math:`N` independent spin-1/2 ladders at the same temperature.
    """
    return sp.simplify(large_J_ratio(jz, J, x) / 2)

r"""Lindblad dissipators and their adjoints on noncommutative SymPy operators.

.. math::

    \mathcal{D}[A]\rho = A\rho A^\dagger - \tfrac12\{A^\dagger A, \rho\},\qquad
    \mathcal{D}^\dagger[A]X = A^\dagger X A - \tfrac12\{A^\dagger A, X\},

so that :math:`\mathrm{Tr}[X\,\mathcal{D}[A]\rho] = \mathrm{Tr}[(\mathcal{D}^\dagger[A]X)\rho]`.
A dissipator is a list of :class:`Channel` (rate, jump operator). :func:`heat_current` turns
:math:`\mathrm{Tr}[H\,\mathcal{D}(\rho)]` into :math:`\langle O\rangle` with the cyclic property
of the trace and reduces :math:`O` with the ordering rules of an
:class:`~dickeheat.symbolic.algebra.OperatorAlgebra` (commutators).

>>> import sympy as sp
>>> from dickeheat.symbolic.spin import JP, JM, JZ, collective_spin_algebra
>>> alg = collective_spin_algebra()
>>> adjoint_dissipator(JM, JZ, alg) == -JP * JM
True
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import sympy as sp
from sympy.physics.quantum import Operator

from dickeheat.errors import ParameterError
from dickeheat.symbolic.algebra import (
    OperatorAlgebra,
    collect_monomials,
    expectation_form,
)

__all__ = [
    "Channel",
    "adjoint_dissipator",
    "channel_rates",
    "dissipator",
    "heat_current",
    "total_dissipator",
]


@dataclasses.dataclass(frozen=True)
class Channel:
    """One dissipative channel: ``rate * D[jump]``."""

    rate: sp.Expr
    jump: sp.Expr


def dissipator(A: sp.Expr, rho: sp.Expr, algebra: OperatorAlgebra) -> sp.Expr:
    r""":math:`\mathcal{D}[A]\rho = A\rho A^\dagger - \frac12\{A^\dagger A,\rho\}` (expanded,
    not ordered: ``rho`` is a generic operator)."""
    Ad = algebra.dagger(A)
    return sp.expand(A * rho * Ad - sp.Rational(1, 2) * (Ad * A * rho + rho * Ad * A))


def adjoint_dissipator(A: sp.Expr, X: sp.Expr, algebra: OperatorAlgebra) -> sp.Expr:
    r""":math:`\mathcal{D}^\dagger[A]X = A^\dagger X A - \frac12\{A^\dagger A, X\}`, reduced to
    canonical order with the algebra's commutators."""
    Ad = algebra.dagger(A)
    return algebra.order(Ad * X * A - sp.Rational(1, 2) * (Ad * A * X + X * Ad * A))


def total_dissipator(
    channels: Sequence[Channel], rho: sp.Expr, algebra: OperatorAlgebra
) -> sp.Expr:
    r""":math:`\sum_k \gamma_k\mathcal{D}[A_k]\rho`."""
    return sp.expand(sp.Add(*[c.rate * dissipator(c.jump, rho, algebra) for c in channels]))


def heat_current(
    H: sp.Expr, channels: Sequence[Channel], algebra: OperatorAlgebra
) -> tuple[sp.Expr, sp.Expr]:
    r"""The heat current :math:`\mathrm{Tr}[H\,\mathcal{D}(\rho)]` as an expectation value.

    Returns
    -------
    trace_form, operator
        ``trace_form`` is :math:`H\,\mathcal{D}(\rho)` (the argument of the trace, with a
        generic state :math:`\rho`); ``operator`` is the ordered :math:`O` with
        :math:`\mathrm{Tr}[H\mathcal{D}(\rho)] = \langle O\rangle`, obtained by moving
        :math:`\rho` to the right under the trace and ordering with the commutators.
    """
    rho = Operator("rho")
    trace_form = sp.expand(H * total_dissipator(channels, rho, algebra))
    operator = algebra.order(expectation_form(trace_form, rho))
    return trace_form, operator


def channel_rates(
    D: sp.Expr, jumps: Sequence[sp.Expr], algebra: OperatorAlgebra
) -> dict[sp.Expr, sp.Expr]:
    r"""Read the rate of each :math:`\mathcal{D}[A]` off a sum of dissipators.

    ``D`` is an expanded :math:`\sum_k c_k\mathcal{D}[A_k]\rho` in a generic state ``rho``
    (as made by :func:`total_dissipator`); the rate of :math:`\mathcal{D}[A]` is the coefficient
    of its jump term :math:`A\rho A^\dagger`. The remainder is checked to be exactly
    :math:`\sum_k c_k\mathcal{D}[A_k]\rho`.

    Raises
    ------
    ValueError
        If ``D`` is not a combination of the dissipators of ``jumps``.
    """
    rho = Operator("rho")
    groups = collect_monomials(D)
    rates = {}
    for A in jumps:
        rates[A] = groups.get(A * rho * algebra.dagger(A), sp.S.Zero)
    rebuilt = sp.Add(*[r * dissipator(A, rho, algebra) for A, r in rates.items()])
    if sp.simplify(sp.expand(D - rebuilt)) != 0:
        raise ParameterError("D is not a linear combination of the dissipators of the given jumps")
    return rates

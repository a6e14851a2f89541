"""Circuit Lagrangian → canonical momenta → velocity inversion → Legendre transform.

Works for any Lagrangian quadratic in the velocities. A small parameter can be introduced to
expand a result to a given order (``first_order``).

>>> import sympy as sp
>>> C, L = sp.symbols("C L", positive=True)
>>> phi, phidot, Q = sp.symbols("phi phidot Q", real=True)
>>> lag = C * phidot**2 / 2 - phi**2 / (2 * L)
>>> legendre_transform(lag, [phidot], [Q]).hamiltonian == Q**2/(2*C) + phi**2/(2*L)
True
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

import sympy as sp

from dickeheat.errors import DickeheatError

__all__ = ["Legendre", "legendre_transform", "first_order", "scale_small"]


@dataclasses.dataclass(frozen=True)
class Legendre:
    """The pieces of a Legendre transform.

    Attributes
    ----------
    momenta
        ``p_k = ∂L/∂q̇_k`` as functions of the velocities.
    velocities
        The inversion ``q̇_k(p)``.
    hamiltonian
        ``H = Σ p_k q̇_k − L`` with the velocities eliminated, simplified.
    mass_matrix
        The Hessian ``∂²L/∂q̇_k∂q̇_l`` (the capacitance matrix of a circuit).
    """

    momenta: tuple[sp.Expr, ...]
    velocities: dict[sp.Symbol, sp.Expr]
    hamiltonian: sp.Expr
    mass_matrix: sp.Matrix


def legendre_transform(
    lagrangian: sp.Expr, velocities: Sequence[sp.Symbol], momenta: Sequence[sp.Symbol]
) -> Legendre:
    """Legendre-transform ``lagrangian`` in ``velocities`` to a Hamiltonian of ``momenta``.

    Raises
    ------
    DickeheatError
        If the Lagrangian is not quadratic in the velocities with an invertible Hessian.
    """
    if len(velocities) != len(momenta):
        raise DickeheatError("need one momentum symbol per velocity")
    p_exprs = tuple(sp.diff(lagrangian, v) for v in velocities)
    hessian = sp.Matrix([[sp.diff(p, v) for v in velocities] for p in p_exprs])
    if any(h.free_symbols & set(velocities) for h in hessian):
        raise DickeheatError("the Lagrangian is not quadratic in the velocities")
    if sp.simplify(hessian.det()) == 0:
        raise DickeheatError("singular mass (capacitance) matrix: the transform does not exist")
    solution = sp.solve([sp.Eq(p, pe) for p, pe in zip(momenta, p_exprs)], list(velocities),
                        dict=True)
    if len(solution) != 1:
        raise DickeheatError("the momenta do not determine the velocities uniquely")
    vel = {v: sp.simplify(solution[0][v]) for v in velocities}
    h = sum(p * vel[v] for p, v in zip(momenta, velocities)) - lagrangian.subs(vel)
    return Legendre(p_exprs, vel, sp.simplify(sp.expand(h)), hessian)


def scale_small(expr: sp.Expr, small: Mapping[sp.Symbol, sp.Expr], eps: sp.Symbol) -> sp.Expr:
    """Replace each small symbol ``c`` by ``eps*c`` (bookkeeping for an expansion in eps)."""
    return expr.subs({c: eps * c for c in small}, simultaneous=True)


def first_order(expr: sp.Expr, small: Sequence[sp.Symbol], order: int = 1) -> sp.Expr:
    """Expand ``expr`` to ``order`` in the symbols ``small`` jointly (all of the same order).

    >>> import sympy as sp
    >>> a, c = sp.symbols("a c", positive=True)
    >>> first_order(1 / (a + c), [c])
    1/a - c/a**2
    """
    eps = sp.Symbol("epsilon_order", positive=True)
    scaled = scale_small(expr, {c: c for c in small}, eps)
    series = sp.series(scaled, eps, 0, order + 1).removeO()
    return sp.expand(series.subs(eps, 1))

r"""Noncommutative operator algebra on SymPy expressions: ordering, adjoints, traces.

An :class:`OperatorAlgebra` knows how to move one noncommuting factor past another
(``exchange``), what the adjoint of each generator is, and in which order monomials are
written. With it, :meth:`OperatorAlgebra.order` brings any polynomial in the generators to a
canonical ordered form, so that two expressions are equal as operators exactly when their
ordered forms agree. :func:`expectation_form` uses the cyclic property of the trace to rewrite
:math:`\mathrm{Tr}[X]`, with :math:`X` linear in a state :math:`\rho`, as
:math:`\mathrm{Tr}[O\rho] = \langle O\rangle`.

The algebra knows no physics: the collective-spin and Pauli rules live in
:mod:`dickeheat.symbolic.spin`.

>>> import sympy as sp
>>> from sympy.physics.quantum import Operator
>>> a, b = Operator("a"), Operator("b")
>>> # a toy algebra with [b, a] = 1, written with a to the left of b
>>> alg = OperatorAlgebra(
...     exchange=lambda B, A: A * B + 1 if (B, A) == (b, a) else None, adjoints={})
>>> alg.order(b * a * b)
a*b**2 + b
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping

import sympy as sp
from sympy.physics.quantum import Dagger

from dickeheat.errors import DickeheatError

__all__ = [
    "OperatorAlgebra",
    "noncommutative_factors",
    "expectation_form",
    "collect_monomials",
]

Exchange = Callable[[sp.Expr, sp.Expr], "sp.Expr | None"]


def noncommutative_factors(term: sp.Expr) -> tuple[sp.Expr, list[sp.Expr]]:
    """Split a monomial into its commutative coefficient and its ordered noncommuting factors.

    Positive integer powers of a noncommuting factor are unrolled (``A**2`` -> ``[A, A]``).

    >>> from sympy.physics.quantum import Operator
    >>> A, B = Operator("A"), Operator("B")
    >>> noncommutative_factors(3 * A**2 * B)
    (3, [A, A, B])
    """
    if isinstance(term, sp.Add):
        raise DickeheatError(f"expected a monomial, got the sum {term}")
    c_part, nc_part = term.args_cnc() if isinstance(term, sp.Mul) else (
        ([term], []) if term.is_commutative else ([], [term])
    )
    factors: list[sp.Expr] = []
    for f in nc_part:
        if isinstance(f, sp.Pow) and f.exp.is_Integer and f.exp > 0:
            factors.extend([f.base] * int(f.exp))
        else:
            factors.append(f)
    return sp.Mul(*c_part), factors


@dataclasses.dataclass(frozen=True)
class OperatorAlgebra:
    """Rules to rewrite products of noncommuting generators into a canonical order.

    Parameters
    ----------
    exchange
        ``exchange(B, A)`` returns an expression equal to the product ``B*A`` that is closer to
        canonical order (typically ``A*B + [B, A]``, or a shorter product), or ``None`` when the
        pair ``B, A`` is already in canonical order. It must never return ``None`` for a pair
        that is out of order, and repeated exchanges must terminate.
    adjoints
        The adjoint of each generator that is not self-adjoint under :class:`Dagger`
        (e.g. ``{J_-: J_+, J_+: J_-}``).
    """

    exchange: Exchange
    adjoints: Mapping[sp.Expr, sp.Expr]

    def dagger(self, expr: sp.Expr) -> sp.Expr:
        """The adjoint of ``expr``: products reversed, generators mapped by ``adjoints``.

        Generators not in ``adjoints`` whose SymPy :class:`Dagger` does not evaluate are treated
        as self-adjoint only if they are listed with themselves as image.
        """
        out = Dagger(sp.expand(expr))
        table = {Dagger(k): v for k, v in self.adjoints.items()}
        return out.xreplace(table)

    def order(self, expr: sp.Expr, *, max_steps: int = 100_000) -> sp.Expr:
        """Rewrite ``expr`` with every monomial in canonical order.

        Raises
        ------
        DickeheatError
            If the rewriting does not terminate within ``max_steps`` exchanges.
        """
        pending = [sp.expand(expr)]
        done: list[sp.Expr] = []
        steps = 0
        while pending:
            current = pending.pop()
            terms = current.args if isinstance(current, sp.Add) else (current,)
            for term in terms:
                coeff, factors = noncommutative_factors(term)
                rewritten = None
                for i in range(len(factors) - 1):
                    rewritten = self.exchange(factors[i], factors[i + 1])
                    if rewritten is not None:
                        new = coeff * sp.Mul(*factors[:i]) * rewritten * sp.Mul(*factors[i + 2:])
                        pending.append(sp.expand(new))
                        break
                if rewritten is None:
                    done.append(term)
                steps += 1
                if steps > max_steps:
                    raise DickeheatError(
                        f"operator ordering did not terminate after {max_steps} exchanges"
                    )
        return sp.expand(sp.Add(*done))

    def commutator(self, a: sp.Expr, b: sp.Expr) -> sp.Expr:
        """``[a, b] = ab − ba``, in canonical order."""
        return self.order(a * b - b * a)

    def equal(self, a: sp.Expr, b: sp.Expr) -> bool:
        """True if ``a`` and ``b`` are equal as operators (same canonical form)."""
        return sp.simplify(self.order(a - b)) == 0


def expectation_form(expr: sp.Expr, state: sp.Expr) -> sp.Expr:
    r"""The operator :math:`O` with :math:`\mathrm{Tr}[\mathrm{expr}] = \mathrm{Tr}[O\,\rho]`.

    Every monomial of ``expr`` must contain the state :math:`\rho` exactly once; the cyclic
    property of the trace moves the factors to the right of :math:`\rho` to the front:
    :math:`\mathrm{Tr}[A\rho B] = \mathrm{Tr}[BA\rho]`.

    >>> from sympy.physics.quantum import Operator
    >>> A, B, rho = Operator("A"), Operator("B"), Operator("rho")
    >>> expectation_form(A * rho * B + 2 * rho * A, rho)
    2*A + B*A
    """
    out = []
    expanded = sp.expand(expr)
    for term in expanded.args if isinstance(expanded, sp.Add) else (expanded,):
        coeff, factors = noncommutative_factors(term)
        positions = [i for i, f in enumerate(factors) if f == state]
        if len(positions) != 1:
            raise DickeheatError(
                f"each term must contain the state {state} exactly once; {term} has "
                f"{len(positions)}"
            )
        i = positions[0]
        out.append(coeff * sp.Mul(*factors[i + 1:]) * sp.Mul(*factors[:i]))
    return sp.Add(*out)


def collect_monomials(expr: sp.Expr) -> dict[sp.Expr, sp.Expr]:
    """Group an ordered expression by its noncommuting monomials: ``{monomial: coefficient}``.

    The commutative part of each term is its coefficient; the monomial ``1`` collects the
    c-number terms.

    >>> from sympy.physics.quantum import Operator
    >>> import sympy as sp
    >>> A = Operator("A"); x = sp.Symbol("x")
    >>> collect_monomials(x * A + 2 * A + 3) == {A: x + 2, sp.S.One: 3}
    True
    """
    groups: dict[sp.Expr, sp.Expr] = {}
    expanded = sp.expand(expr)
    for term in expanded.args if isinstance(expanded, sp.Add) else (expanded,):
        if term == 0:
            continue
        coeff, factors = noncommutative_factors(term)
        mono = sp.Mul(*factors) if factors else sp.S.One
        groups[mono] = groups.get(mono, sp.S.Zero) + coeff
    return {k: sp.factor(v) for k, v in groups.items() if sp.simplify(v) != 0}

r"""Heisenberg–Langevin moment equations of collective spins, closed by a cumulant expansion.

The engine knows no paper. Given a Hamiltonian :math:`H` and dissipative channels
:math:`\gamma_k\mathcal D[L_k]` written as :class:`~dickeheat.symbolic.spin_poly.SpinPoly`
polynomials, :func:`meanfield` derives

.. math:: \frac{d\langle O\rangle}{dt} = \Big\langle i[H, O]
          + \sum_k \gamma_k\big(L_k^\dagger O L_k - \tfrac12\{L_k^\dagger L_k, O\}\big)\Big\rangle

for chosen canonical monomials :math:`O` (exactly: the algebra is the spin algebra with its
Casimirs), writes the right-hand side in moments :math:`\langle M\rangle` of canonical
monomials, and, if an ``order`` :math:`n` is given, closes it by setting every joint cumulant of
more than :math:`n` generator factors to zero (:func:`cumulant_expansion`: a moment is the sum
over set partitions of its factors, in their original order, of products of cumulants of at most
:math:`n` factors). :func:`complete` adds the equations of every moment that appears on a
right-hand side until the set is closed (the design of QuantumCumulants.jl's ``meanfield``,
``cumulant_expansion`` and ``complete``).

A moment and its adjoint are one variable: :math:`\langle M^\dagger\rangle =
\overline{\langle M\rangle}`; the representative of the pair is the smaller monomial.
Right-hand sides are kept as :data:`MomentPoly` (products of moments with SymPy
coefficients) and turned into SymPy expressions of moment symbols by
:meth:`MomentEquations.sympy_rhs`. :func:`scaled_limit` rescales every moment by
:math:`s^{\deg M}` and keeps the leading order as :math:`s\to\infty` (a macroscopic limit).
The numbers come from :mod:`dickeheat.symbolic.cumulants_numeric`.

>>> import sympy as sp
>>> from dickeheat.symbolic.spin_poly import SpinSystem
>>> S, g = sp.symbols("S gamma", positive=True)
>>> ops = SpinSystem((S,))
>>> eqs = meanfield([ops.sz(0)], 0, [Channel(g, ops.sm(0))], order=1)
>>> eqs.sympy_rhs()[0]
<S1z>**2*gamma - <S1z>*gamma - S**2*gamma - S*gamma
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Mapping, Sequence
from math import factorial
from typing import cast

import sympy as sp
from sympy.utilities.iterables import multiset_partitions

from dickeheat.errors import ParameterError
from dickeheat.symbolic.spin_poly import (
    Monomial,
    SpinPoly,
    SpinSystem,
    dagger_monomial,
    monomial_degree,
)

__all__ = [
    "ALLOWED_ORDERS",
    "Channel",
    "MomentEquations",
    "MomentPoly",
    "check_order",
    "close",
    "complete",
    "cumulant_expansion",
    "expectation",
    "heisenberg",
    "meanfield",
    "moment_expr",
    "moment_symbol",
    "representative",
    "scaled_expectation",
    "scaled_limit",
]

#: closure orders the engine supports (the largest joint cumulant kept)
ALLOWED_ORDERS = (1, 2, 3)

#: a polynomial in moments: ``{sorted tuple of monomials: coefficient}`` (``()`` is 1)
MomentPoly = dict[tuple[Monomial, ...], sp.Expr]


@dataclasses.dataclass(frozen=True)
class Channel:
    """One dissipative channel ``rate * D[jump]`` with a :class:`SpinPoly` jump operator."""

    rate: sp.Expr
    jump: SpinPoly


def check_order(order: int | None) -> int | None:
    """Return ``order`` if it is ``None`` (no closure) or one of :data:`ALLOWED_ORDERS`."""
    if order is None or (isinstance(order, int) and order in ALLOWED_ORDERS):
        return order
    raise ParameterError(f"order must be one of {ALLOWED_ORDERS} (or None), got {order!r}")


def heisenberg(op: SpinPoly, H: SpinPoly | sp.Expr, channels: Sequence[Channel]) -> SpinPoly:
    r""":math:`i[H, O] + \sum_k \gamma_k(L_k^\dagger O L_k - \frac12\{L_k^\dagger L_k, O\})`,
    canonical."""
    system = op.system
    H = H if isinstance(H, SpinPoly) else system.scalar(H)
    out = (H * op - op * H) * sp.I
    for ch in channels:
        Ld = ch.jump.dagger()
        LdL = Ld * ch.jump
        out = out + (Ld * op * ch.jump - (LdL * op + op * LdL) * sp.Rational(1, 2)) * ch.rate
    return out.expand()


def _add(target: MomentPoly, key: tuple[Monomial, ...], value: sp.Expr) -> None:
    target[key] = target.get(key, sp.S.Zero) + value


def _mul(p: MomentPoly, q: MomentPoly) -> MomentPoly:
    out: MomentPoly = {}
    for k1, v1 in p.items():
        for k2, v2 in q.items():
            _add(out, tuple(sorted(k1 + k2)), v1 * v2)
    return out


def expectation(poly: SpinPoly) -> MomentPoly:
    """``⟨poly⟩`` as a linear :data:`MomentPoly` (the identity monomial is the number 1)."""
    ident = poly.system.identity
    out: MomentPoly = {}
    for m, v in poly.terms.items():
        _add(out, () if m == ident else (m,), v)
    return out


def _word(m: Monomial) -> tuple[tuple[int, str], ...]:
    return tuple((k, g) for k, (a, b, c) in enumerate(m)
                 for g, n in (("+", a), ("z", b), ("-", c)) for _ in range(n))


def _monomial_of(word: Sequence[tuple[int, str]], size: int) -> Monomial:
    counts = [[0, 0, 0] for _ in range(size)]
    for k, g in word:
        counts[k]["+z-".index(g)] += 1
    return tuple((c[0], c[1], c[2]) for c in counts)


@functools.cache
def _cumulant(word: tuple[tuple[int, str], ...], size: int) -> tuple:
    """The joint cumulant of the factors of ``word`` (original order) through its moments."""
    out: MomentPoly = {}
    for part in multiset_partitions(list(range(len(word)))):
        q = len(part)
        coeff = sp.Integer((-1) ** (q - 1) * factorial(q - 1))
        key = tuple(sorted(_monomial_of([word[i] for i in block], size) for block in part))
        _add(out, key, coeff)
    return tuple(out.items())


@functools.cache
def _expansion(m: Monomial, order: int) -> tuple:
    word = _word(m)
    size = len(m)
    out: MomentPoly = {}
    for part in multiset_partitions(list(range(len(word)))):
        if max(len(b) for b in part) > order:
            continue
        prod: MomentPoly = {(): sp.S.One}
        for block in part:
            prod = _mul(prod, dict(_cumulant(tuple(word[i] for i in block), size)))
        for k, v in prod.items():
            _add(out, k, v)
    return tuple((k, v) for k, v in out.items() if v != 0)


def cumulant_expansion(m: Monomial, order: int) -> MomentPoly:
    r"""⟨m⟩ with every joint cumulant of more than ``order`` factors set to zero.

    The factors of the canonical monomial ``m`` keep their order inside every sub-product.
    At ``order = 2`` a product of three factors gives
    :math:`\langle ABC\rangle \to \langle AB\rangle\langle C\rangle
    + \langle AC\rangle\langle B\rangle + \langle BC\rangle\langle A\rangle
    - 2\langle A\rangle\langle B\rangle\langle C\rangle`.
    """
    check_order(order)
    if monomial_degree(m) <= order:
        return {(m,): sp.S.One}
    return dict(_expansion(m, order))


def close(p: MomentPoly, order: int | None) -> MomentPoly:
    """Apply :func:`cumulant_expansion` to every moment of ``p`` (``None``: unchanged)."""
    check_order(order)
    if order is None:
        return dict(p)
    out: MomentPoly = {}
    for key, v in p.items():
        prod: MomentPoly = {(): v}
        for m in key:
            prod = _mul(prod, cumulant_expansion(m, order))
        for k, w in prod.items():
            _add(out, k, w)
    return {k: sp.expand(v) for k, v in out.items() if sp.expand(v) != 0}


def representative(m: Monomial) -> tuple[Monomial, bool]:
    """The representative of ``{m, m†}`` and whether ``⟨m⟩`` is its conjugate."""
    d = dagger_monomial(m)
    return (m, False) if m <= d else (d, True)


def moment_symbol(system: SpinSystem, m: Monomial) -> sp.Symbol:
    """The SymPy symbol of the representative moment ``⟨m⟩`` (real if ``m = m†``)."""
    label = f"<{system.monomial_label(m)}>"
    return sp.Symbol(label, real=True) if m == dagger_monomial(m) else sp.Symbol(label)


def moment_expr(system: SpinSystem, p: Mapping) -> sp.Expr:
    """A :data:`MomentPoly` as a SymPy expression of moment symbols (non-representative
    moments as conjugates)."""
    def sym(m: Monomial) -> sp.Expr:
        rep, conj = representative(m)
        s = moment_symbol(system, rep)
        return sp.conjugate(s) if conj else s

    return sp.Add(*[v * sp.Mul(*[sym(m) for m in key]) for key, v in p.items()])


@dataclasses.dataclass(frozen=True)
class MomentEquations:
    """The equations :math:`d\\langle M\\rangle/dt` of a set of representative moments.

    ``monomials[i]`` is the moment whose equation is ``rhs[i]`` (a :data:`MomentPoly`).
    """

    system: SpinSystem
    monomials: tuple[Monomial, ...]
    rhs: tuple[Mapping, ...]
    order: int | None

    def symbol(self, m: Monomial) -> sp.Expr:
        """``⟨m⟩`` as a symbol or the conjugate of its representative's symbol."""
        return moment_expr(self.system, {(m,): sp.S.One})

    @property
    def symbols(self) -> tuple[sp.Symbol, ...]:
        return tuple(moment_symbol(self.system, m) for m in self.monomials)

    def to_sympy(self, p: Mapping) -> sp.Expr:
        return moment_expr(self.system, p)

    def sympy_rhs(self) -> tuple[sp.Expr, ...]:
        return tuple(sp.expand(self.to_sympy(p)) for p in self.rhs)

    def equation(self, m: Monomial) -> sp.Expr:
        """The right-hand side of ``d⟨m⟩/dt`` (conjugated if ``m`` is not a representative)."""
        rep, conj = representative(m)
        try:
            expr = self.to_sympy(self.rhs[self.monomials.index(rep)])
        except ValueError:
            raise ParameterError(f"no equation for the moment {self.system.monomial_label(m)}")\
                from None
        return sp.expand(sp.conjugate(expr) if conj else expr)

    def missing(self) -> tuple[Monomial, ...]:
        """Representatives appearing on a right-hand side without an equation."""
        have = set(self.monomials)
        seen: list[Monomial] = []
        for p in self.rhs:
            for key in p:
                for m in key:
                    rep, _ = representative(m)
                    if rep not in have and rep not in seen:
                        seen.append(rep)
        return tuple(sorted(seen, key=lambda m: (monomial_degree(m), m)))


def _as_monomial(op: SpinPoly | Monomial) -> Monomial:
    if isinstance(op, SpinPoly):
        if len(op.terms) != 1 or next(iter(op.terms.values())) != 1:
            raise ParameterError("each operator must be a single canonical monomial")
        return next(iter(op.terms))
    # lists become tuples; the entries are validated where the monomial is used
    return cast(Monomial, tuple(tuple(t) for t in op))


def meanfield(
    ops: Iterable[SpinPoly | Monomial],
    H: SpinPoly | sp.Expr,
    channels: Sequence[Channel],
    *,
    order: int | None = None,
    system: SpinSystem | None = None,
) -> MomentEquations:
    """The (closed, if ``order`` is given) equations of the moments of ``ops``.

    Parameters
    ----------
    ops
        Canonical monomials (single-term :class:`SpinPoly` with coefficient 1, or tuples).
    H
        The Hamiltonian (a :class:`SpinPoly` or a c-number).
    channels
        The dissipative channels.
    order
        ``None`` (exact equations) or one of :data:`ALLOWED_ORDERS`.
    system
        The spin system, needed only when every op is given as a tuple and ``H`` is a number.
    """
    check_order(order)
    ops = list(ops)
    if system is None:
        candidates = [o for o in ops if isinstance(o, SpinPoly)]
        candidates += [H] if isinstance(H, SpinPoly) else []
        candidates += [c.jump for c in channels]
        if not candidates:
            raise ParameterError("system is needed when no operator is a SpinPoly")
        system = candidates[0].system
    monos: list[Monomial] = []
    for op in ops:
        rep, _ = representative(_as_monomial(op))
        if rep not in monos:
            monos.append(rep)
    rhs = tuple(_equation(system, m, H, tuple(channels), order) for m in monos)
    return MomentEquations(system, tuple(monos), rhs, order)


def _equation(system: SpinSystem, m: Monomial, H, channels, order) -> MomentPoly:
    return close(expectation(heisenberg(system.monomial(m), H, channels)), order)


def complete(
    eqs: MomentEquations, H: SpinPoly | sp.Expr, channels: Sequence[Channel],
    *, max_moments: int = 500,
) -> MomentEquations:
    """Add the equation of every moment that appears without one, until the set is closed."""
    monos = list(eqs.monomials)
    rhs = list(eqs.rhs)
    current = eqs
    while True:
        new = current.missing()
        if not new:
            return current
        if len(monos) + len(new) > max_moments:
            raise ParameterError(
                f"the moment set grows beyond max_moments = {max_moments}; give an order "
                f"(one of {ALLOWED_ORDERS}) to close it")
        for m in new:
            monos.append(m)
            rhs.append(_equation(eqs.system, m, H, tuple(channels), eqs.order))
        current = MomentEquations(eqs.system, tuple(monos), tuple(rhs), eqs.order)


def scaled_limit(
    eqs: MomentEquations, s: sp.Symbol, substitutions: Mapping[sp.Expr, sp.Expr] | None = None,
) -> MomentEquations:
    r"""Leading order of the equations of :math:`\mu_M = \langle M\rangle/s^{\deg M}` as
    :math:`s\to\infty`.

    ``substitutions`` (e.g. parameters that scale with the size) are applied first. A term
    :math:`c\,\langle M_1\rangle\cdots\langle M_k\rangle` of :math:`d\langle M\rangle/dt`
    becomes :math:`c\,s^{\sum\deg M_i - \deg M}\mu_{M_1}\cdots\mu_{M_k}` and its coefficient is
    replaced by its limit. A divergent coefficient raises :class:`ParameterError` (the scaling
    has no macroscopic limit). The result is in the same form, read as equations of
    :math:`\mu`.
    """
    subs = dict(substitutions or {})
    limits: dict[sp.Expr, sp.Expr] = {}  # many coefficients repeat: take each limit once

    def limit(v: sp.Expr) -> sp.Expr:
        if v not in limits:
            lim = sp.limit(sp.simplify(v), s, sp.oo)
            limits[v] = lim if lim.has(sp.oo, -sp.oo, sp.zoo, sp.nan) else sp.simplify(lim)
        return limits[v]

    rhs: list[MomentPoly] = []
    for m, p in zip(eqs.monomials, eqs.rhs):
        d0 = monomial_degree(m)
        grouped: MomentPoly = {}
        for key, v in p.items():
            power = sum(monomial_degree(k) for k in key) - d0
            _add(grouped, key, sp.sympify(v).subs(subs) * s**power)
        out: MomentPoly = {}
        for key, v in grouped.items():
            lim = limit(v)
            if lim.has(sp.oo, -sp.oo, sp.zoo, sp.nan):
                raise ParameterError(
                    f"the coefficient of {key} in d<{eqs.system.monomial_label(m)}>/dt diverges "
                    f"as {s} -> oo: the scaling has no macroscopic limit")
            if lim != 0:
                out[key] = lim
        rhs.append(out)
    return MomentEquations(eqs.system, eqs.monomials, tuple(rhs), eqs.order)


def scaled_expectation(
    system: SpinSystem, p: Mapping, s: sp.Symbol, scale: sp.Expr,
) -> sp.Expr:
    r"""Leading order of :math:`\langle O\rangle/\mathrm{scale}` as :math:`s\to\infty`, with
    every moment written as :math:`\langle M\rangle = s^{\deg M}\mu_M`.

    ``p`` is the (closed) :data:`MomentPoly` of :math:`\langle O\rangle`; the result is a SymPy
    expression in the symbols of the scaled moments :math:`\mu_M` (the same symbols as
    :func:`scaled_limit`'s equations). A divergent coefficient raises :class:`ParameterError`.
    """
    out: MomentPoly = {}
    for key, v in p.items():
        power = sum(monomial_degree(k) for k in key)
        lim = sp.limit(sp.simplify(sp.sympify(v) * s**power / scale), s, sp.oo)
        if lim.has(sp.oo, -sp.oo, sp.zoo, sp.nan):
            raise ParameterError(f"the coefficient of {key} diverges as {s} -> oo: the "
                                 "observable has no limit at this scale")
        if lim != 0:
            _add(out, key, sp.simplify(lim))
    return sp.expand(moment_expr(system, out))

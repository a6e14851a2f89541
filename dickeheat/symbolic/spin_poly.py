r"""Polynomials in the collective spins of several ensembles, in one canonical order.

Each site :math:`k` carries a collective spin :math:`\hat S_k` of fixed length :math:`S_k`
(Casimir :math:`C_k = S_k(S_k+1)`, a c-number on the symmetric sector). Spins of different
sites commute; on one site :math:`[\hat S^z, \hat S^\pm] = \pm\hat S^\pm`,
:math:`[\hat S^+, \hat S^-] = 2\hat S^z`. Every polynomial is kept in the canonical form

.. math:: \prod_k (\hat S_k^+)^{a_k} (\hat S_k^z)^{b_k} (\hat S_k^-)^{c_k},
          \qquad \min(a_k, c_k) = 0,

obtained with the exchange rules :math:`\hat S^-f(\hat S^z) = f(\hat S^z+1)\hat S^-`,
:math:`f(\hat S^z)\hat S^+ = \hat S^+f(\hat S^z+1)` and the Casimir identities
:math:`\hat S^+\hat S^- = C - (\hat S^z)^2 + \hat S^z`,
:math:`\hat S^-\hat S^+ = C - (\hat S^z)^2 - \hat S^z`. Two polynomials are equal as operators
on the symmetric sector exactly when their canonical forms agree. A canonical monomial is a
tuple of per-site exponent triples ``((a1, b1, c1), (a2, b2, c2), ...)``.

>>> import sympy as sp
>>> S = sp.Symbol("S", positive=True)
>>> ops = SpinSystem((S,))
>>> (ops.sm(0) * ops.sp(0)).to_sympy()
S**2 + S - S1z - S1z**2
>>> ops.commutator(ops.sx(0), ops.sy(0)) == ops.sz(0) * sp.I
True
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Mapping
from math import comb
from typing import cast

import sympy as sp
from sympy import Expr  # the class below has a method named ``sp``

from dickeheat.errors import ParameterError

__all__ = ["Monomial", "SpinPoly", "SpinSystem", "Triple", "dagger_monomial", "monomial_degree"]

Triple = tuple[int, int, int]
Monomial = tuple[Triple, ...]


def _shift_power(a: int, b: int, c: int, shift: int, coeff: sp.Expr) -> dict[Triple, sp.Expr]:
    """``coeff × S+^a (Sz + shift)^b S-^c`` expanded into canonical triples."""
    return {(a, k, c): coeff * comb(b, k) * sp.Integer(shift) ** (b - k) for k in range(b + 1)}


def _add_into(target: dict, key, value: sp.Expr) -> None:
    target[key] = target.get(key, sp.S.Zero) + value


@functools.cache
def _site_times_generator(t: Triple, g: str, C: sp.Expr) -> tuple[tuple[Triple, sp.Expr], ...]:
    """The canonical form of ``S+^a Sz^b S-^c · g`` on one site (``g`` in ``+ z -``)."""
    a, b, c = t
    out: dict[Triple, sp.Expr] = {}
    if g == "z":  # S-^c Sz = (Sz + c) S-^c
        _add_into(out, (a, b + 1, c), sp.S.One)
        if c:
            _add_into(out, (a, b, c), sp.Integer(c))
    elif g == "-":
        if a == 0:
            out[(0, b, c + 1)] = sp.S.One
        else:  # S+^{a-1} (S+ Sz^b) S- = S+^{a-1} (Sz-1)^b (C - Sz^2 + Sz)
            for (_, k, _), v in _shift_power(a - 1, b, 0, -1, sp.S.One).items():
                _add_into(out, (a - 1, k, 0), v * C)
                _add_into(out, (a - 1, k + 2, 0), -v)
                _add_into(out, (a - 1, k + 1, 0), v)
    elif g == "+":
        if c == 0:  # Sz^b S+ = S+ (Sz+1)^b
            for key, v in _shift_power(a + 1, b, 0, 1, sp.S.One).items():
                _add_into(out, key, v)
        else:  # Sz^b S-^{c-1} (S- S+) = Sz^b f(Sz + c - 1) S-^{c-1}, f(x) = C - x^2 - x
            s = c - 1
            # f(Sz + s) = C - s^2 - s - (2s + 1) Sz - Sz^2
            for power, v in ((0, C - s * s - s), (1, -(2 * s + 1)), (2, -1)):
                _add_into(out, (0, b + power, c - 1), sp.Integer(1) * v)
    else:  # pragma: no cover - internal
        raise ParameterError(f"generator must be one of '+', 'z', '-', got {g!r}")
    return tuple((k, sp.expand(v)) for k, v in out.items() if v != 0)


@functools.cache
def _site_product(left: Triple, right: Triple, C: sp.Expr) -> tuple[tuple[Triple, sp.Expr], ...]:
    """Canonical form of the product of two canonical triples on one site."""
    current: dict[Triple, sp.Expr] = {left: sp.S.One}
    word = "+" * right[0] + "z" * right[1] + "-" * right[2]
    for g in word:
        nxt: dict[Triple, sp.Expr] = {}
        for t, v in current.items():
            for t2, v2 in _site_times_generator(t, g, C):
                _add_into(nxt, t2, v * v2)
        current = {k: sp.expand(v) for k, v in nxt.items() if sp.expand(v) != 0}
    return tuple(current.items())


def monomial_degree(m: Monomial) -> int:
    """Number of generator factors of a canonical monomial."""
    return sum(a + b + c for a, b, c in m)


def dagger_monomial(m: Monomial) -> Monomial:
    """The adjoint of a canonical monomial (canonical again: ``(a, b, c) -> (c, b, a)``)."""
    return tuple((c, b, a) for a, b, c in m)


@dataclasses.dataclass(frozen=True, eq=False)
class SpinPoly:
    """A polynomial in collective-spin operators, canonical (see the module docstring).

    Parameters
    ----------
    system
        The :class:`SpinSystem` (site Casimirs) the polynomial lives in.
    terms
        ``{monomial: coefficient}`` with canonical monomials and nonzero SymPy coefficients.
    """

    system: SpinSystem
    terms: Mapping[Monomial, sp.Expr]

    # -- arithmetic -----------------------------------------------------------------------
    def _coerce(self, other: object) -> SpinPoly:
        if isinstance(other, SpinPoly):
            if other.system != self.system:
                raise ParameterError("cannot combine polynomials of different spin systems")
            return other
        return self.system.scalar(sp.sympify(other))

    def __add__(self, other: object) -> SpinPoly:
        o = self._coerce(other)
        out = dict(self.terms)
        for k, v in o.terms.items():
            _add_into(out, k, v)
        return self.system.poly(out)

    __radd__ = __add__

    def __neg__(self) -> SpinPoly:
        return self.system.poly({k: -v for k, v in self.terms.items()})

    def __sub__(self, other: object) -> SpinPoly:
        return self + (-self._coerce(other))

    def __rsub__(self, other: object) -> SpinPoly:
        return self._coerce(other) - self

    def __mul__(self, other: object) -> SpinPoly:
        if not isinstance(other, SpinPoly):
            c = sp.sympify(other)
            return self.system.poly({k: v * c for k, v in self.terms.items()})
        o = self._coerce(other)
        out: dict[Monomial, sp.Expr] = {}
        for m1, v1 in self.terms.items():
            for m2, v2 in o.terms.items():
                for m, v in self.system.monomial_product(m1, m2).items():
                    _add_into(out, m, v1 * v2 * v)
        return self.system.poly(out)

    def __rmul__(self, other: object) -> SpinPoly:
        return self * other  # a scalar commutes

    def __pow__(self, n: int) -> SpinPoly:
        if not isinstance(n, int) or n < 0:
            raise ParameterError(f"power must be an integer >= 0, got {n!r}")
        out = self.system.scalar(sp.S.One)
        for _ in range(n):
            out = out * self
        return out

    def __eq__(self, other: object) -> bool:
        try:
            diff = self - self._coerce(other)
        except (ParameterError, sp.SympifyError, TypeError):
            return NotImplemented
        return not diff.terms

    def __hash__(self) -> int:  # pragma: no cover - not used as a key
        return hash(tuple(sorted(self.terms)))

    def dagger(self) -> SpinPoly:
        """The adjoint (monomials reversed, coefficients conjugated)."""
        return self.system.poly({dagger_monomial(m): sp.conjugate(v)
                                 for m, v in self.terms.items()})

    def expand(self) -> SpinPoly:
        return self.system.poly({k: sp.expand(v) for k, v in self.terms.items()})

    @property
    def degree(self) -> int:
        return max((monomial_degree(m) for m in self.terms), default=0)

    def to_sympy(self) -> sp.Expr:
        """The polynomial as a SymPy expression in noncommutative symbols ``S1+``, ``S1z``, …
        (for display and LaTeX)."""
        return sp.Add(*[v * self.system.monomial_expr(m) for m, v in self.terms.items()])

    def __repr__(self) -> str:
        return f"SpinPoly({sp.sstr(self.to_sympy())})"


@dataclasses.dataclass(frozen=True)
class SpinSystem:
    """Several collective spins of fixed lengths: the factory of :class:`SpinPoly` objects.

    Parameters
    ----------
    lengths
        The spin length :math:`S_k` of each site (SymPy expressions or numbers).
    names
        Site labels used in printed monomials (default ``"1", "2", …``).
    """

    lengths: tuple[sp.Expr, ...]
    names: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.lengths:
            raise ParameterError("lengths must name at least one spin")
        object.__setattr__(self, "lengths", tuple(sp.sympify(s) for s in self.lengths))
        if not self.names:
            object.__setattr__(self, "names", tuple(str(i + 1) for i in range(self.size)))
        if len(self.names) != self.size:
            raise ParameterError("names must have one label per spin")

    @property
    def size(self) -> int:
        return len(self.lengths)

    @property
    def casimirs(self) -> tuple[sp.Expr, ...]:
        return tuple(sp.expand(s * (s + 1)) for s in self.lengths)

    @property
    def identity(self) -> Monomial:
        return tuple((0, 0, 0) for _ in range(self.size))

    # -- construction ---------------------------------------------------------------------
    def poly(self, terms: Mapping[Monomial, sp.Expr]) -> SpinPoly:
        clean = {}
        for k, v in terms.items():
            v = sp.expand(v)
            if v != 0:
                clean[k] = v
        return SpinPoly(self, clean)

    def scalar(self, value: sp.Expr) -> SpinPoly:
        return self.poly({self.identity: sp.sympify(value)})

    def monomial(self, m: Monomial | Iterable[Triple]) -> SpinPoly:
        """The canonical monomial ``m`` as a polynomial (checked to be canonical)."""
        m = cast(Monomial, tuple(tuple(t) for t in m))  # validated just below
        if len(m) != self.size or any(min(a, c) != 0 or min(a, b, c) < 0 for a, b, c in m):
            raise ParameterError(f"not a canonical monomial of {self.size} sites: {m}")
        return self.poly({m: sp.S.One})

    def _generator(self, site: int, t: Triple) -> SpinPoly:
        if not 0 <= site < self.size:
            raise ParameterError(f"site must be in 0..{self.size - 1}, got {site}")
        m = list(self.identity)
        m[site] = t
        return self.poly({tuple(m): sp.S.One})

    def sp(self, site: int) -> SpinPoly:
        """:math:`\\hat S^+` of ``site``."""
        return self._generator(site, (1, 0, 0))

    def sm(self, site: int) -> SpinPoly:
        """:math:`\\hat S^-` of ``site``."""
        return self._generator(site, (0, 0, 1))

    def sz(self, site: int) -> SpinPoly:
        """:math:`\\hat S^z` of ``site``."""
        return self._generator(site, (0, 1, 0))

    def sx(self, site: int) -> SpinPoly:
        return (self.sp(site) + self.sm(site)) * sp.Rational(1, 2)

    def sy(self, site: int) -> SpinPoly:
        return (self.sp(site) - self.sm(site)) * (-sp.I / 2)

    # -- algebra --------------------------------------------------------------------------
    def monomial_product(self, m1: Monomial, m2: Monomial) -> dict[Monomial, Expr]:
        """Canonical form of ``m1 · m2``: sites multiply independently (they commute)."""
        partial: dict[Monomial, sp.Expr] = {(): sp.S.One}
        for k, C in enumerate(self.casimirs):
            site = _site_product(m1[k], m2[k], C)
            nxt: dict[Monomial, sp.Expr] = {}
            for head, v in partial.items():
                for t, w in site:
                    _add_into(nxt, head + (t,), v * w)
            partial = nxt
        return partial

    def commutator(self, a: SpinPoly, b: SpinPoly) -> SpinPoly:
        return a * b - b * a

    def monomial_expr(self, m: Monomial) -> Expr:
        """A canonical monomial as a product of noncommutative SymPy symbols."""
        out = sp.S.One
        for name, (a, b, c) in zip(self.names, m):
            for tag, power in (("+", a), ("z", b), ("-", c)):
                if power:
                    out = out * sp.Symbol(f"S{name}{tag}", commutative=False) ** power
        return out

    def monomial_label(self, m: Monomial) -> str:
        """A short label of a monomial, ``"S1+ S1z^2 S2-"``."""
        parts = []
        for name, (a, b, c) in zip(self.names, m):
            for tag, power in (("+", a), ("z", b), ("-", c)):
                if power:
                    parts.append(f"S{name}{tag}" + (f"^{power}" if power > 1 else ""))
        return " ".join(parts) if parts else "1"

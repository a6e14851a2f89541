r"""Macroscopic moments in Cartesian form.

In the limit of :func:`~dickeheat.symbolic.cumulants.scaled_limit` the normalised spins
:math:`m^\alpha = \hat S^\alpha/S` commute and satisfy :math:`(m^x)^2 + (m^y)^2 + (m^z)^2 = 1`
on every site, so a canonical moment :math:`\langle\prod(m_k^+)^{a}(m_k^z)^{b}(m_k^-)^{c}\rangle`
is a polynomial in commuting Cartesian moments :math:`\langle\prod (m_k^x)^p (m_k^y)^q
(m_k^z)^r\rangle` (with :math:`m^\pm = m^x \pm i m^y`). :func:`to_cartesian` makes that
substitution, :func:`cartesian_rhs` gives :math:`d\langle\prod (m^x)^p(m^y)^q(m^z)^r\rangle/dt`
from macroscopic canonical equations, and :func:`sphere_reduce` writes every Cartesian
expression with :math:`(m^y)^2 = 1 - (m^x)^2 - (m^z)^2` so that two forms can be compared.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import sympy as sp

from dickeheat.errors import ParameterError
from dickeheat.symbolic.cumulants import MomentEquations
from dickeheat.symbolic.spin_poly import SpinSystem

__all__ = ["cartesian_rhs", "cartesian_symbol", "sphere_reduce", "to_cartesian"]

Exps = tuple[tuple[int, int, int], ...]


def _vars(system: SpinSystem) -> list[tuple[sp.Symbol, sp.Symbol, sp.Symbol]]:
    return [(sp.Symbol(f"m{n}x", real=True), sp.Symbol(f"m{n}y", real=True),
             sp.Symbol(f"m{n}z", real=True))
            for n in system.names]


def cartesian_symbol(system: SpinSystem, exps: Sequence[tuple[int, int, int]]) -> sp.Symbol:
    """The symbol ``<m1x m1z^2 m2y>`` of a commuting Cartesian moment (real)."""
    parts = []
    for name, (p, q, r) in zip(system.names, exps):
        for tag, power in (("x", p), ("y", q), ("z", r)):
            if power:
                parts.append(f"m{name}{tag}" + (f"^{power}" if power > 1 else ""))
    return sp.Symbol("<" + " ".join(parts) + ">", real=True)


def _poly_to_moments(system: SpinSystem, poly: sp.Expr) -> sp.Expr:
    V = _vars(system)
    gens = [v for trio in V for v in trio]
    P = sp.Poly(sp.expand(poly), *gens)
    out = sp.S.Zero
    for monom, coeff in P.terms():
        exps = tuple(tuple(monom[3 * k:3 * k + 3]) for k in range(system.size))
        out += coeff * (1 if not any(map(any, exps)) else cartesian_symbol(system, exps))
    return out


def _reduce_poly(system: SpinSystem, poly: sp.Expr) -> sp.Expr:
    """Reduce (m_y)² → 1 − (m_x)² − (m_z)² on every site (polynomial division)."""
    out = sp.expand(poly)
    for x, y, z in _vars(system):
        _, rem = sp.reduced(out, [y**2 + x**2 + z**2 - 1], y, x, z)
        out = sp.expand(rem)
    return out


def to_cartesian(system: SpinSystem, expr: sp.Expr, symbols: Mapping[sp.Symbol, tuple]) -> sp.Expr:
    """Replace macroscopic canonical moment symbols by Cartesian moments.

    ``symbols`` maps each canonical moment symbol in ``expr`` to its monomial (per-site
    triples ``(a, b, c)`` of :math:`m^+, m^z, m^-`); conjugated symbols are handled.
    """
    V = _vars(system)
    table: dict[sp.Expr, sp.Expr] = {}
    for sym, mono in symbols.items():
        poly = sp.S.One
        for (a, b, c), (x, y, z) in zip(mono, V):
            poly *= (x + sp.I * y) ** a * z**b * (x - sp.I * y) ** c
        poly = _reduce_poly(system, poly)
        value = _poly_to_moments(system, poly)
        table[sym] = value
        table[sp.conjugate(sym)] = sp.expand(value.xreplace({sp.I: -sp.I}))
    return sp.expand(sp.expand(expr).xreplace(table))


def sphere_reduce(system: SpinSystem, expr: sp.Expr) -> sp.Expr:
    """Rewrite a Cartesian-moment expression with (m_y)² eliminated on every site."""
    V = _vars(system)
    lookup = {}
    for s in expr.free_symbols:
        name = s.name
        if not (name.startswith("<m") and name.endswith(">")):
            continue
        poly = sp.S.One
        for factor in name[1:-1].split():
            base, _, power = factor.partition("^")
            site = system.names.index(base[1:-1])
            poly *= V[site]["xyz".index(base[-1])] ** (int(power) if power else 1)
        lookup[s] = _poly_to_moments(system, _reduce_poly(system, poly))
    return sp.expand(expr.xreplace(lookup))


def cartesian_rhs(eqs: MomentEquations, exps: Exps) -> sp.Expr:
    """d⟨∏ (m^x)^p (m^y)^q (m^z)^r⟩/dt from macroscopic canonical equations, in Cartesian
    moments reduced with :func:`sphere_reduce`."""
    system = eqs.system
    us = [sp.Symbol(f"u{k}") for k in range(system.size)]
    vs = [sp.Symbol(f"v{k}") for k in range(system.size)]
    zs = [sp.Symbol(f"w{k}") for k in range(system.size)]
    poly = sp.S.One
    for (p, q, r), u, v, z in zip(exps, us, vs, zs):
        poly *= ((u + v) / 2) ** p * ((u - v) / (2 * sp.I)) ** q * z**r
    poly = sp.expand(poly)
    for u, v, z in zip(us, vs, zs):  # m+ m- = 1 − (m^z)²
        _, poly = sp.reduced(poly, [u * v + z**2 - 1], u, v, z)
        poly = sp.expand(poly)
    gens = [g for trio in zip(us, zs, vs) for g in trio]
    out = sp.S.Zero
    symbols: dict[sp.Symbol, tuple] = {}
    for monom, coeff in sp.Poly(poly, *gens).terms():
        mono = tuple(tuple(monom[3 * k:3 * k + 3]) for k in range(system.size))
        if not any(map(any, mono)):
            continue  # a constant: zero derivative
        if any(min(a, c) for a, b, c in mono):
            raise ParameterError("reduction left a product m+ m- on one site")
        rhs = eqs.equation(mono)
        out += coeff * rhs
    for m in eqs.monomials:
        symbols[eqs.symbol(m)] = m
    return sphere_reduce(system, to_cartesian(system, out, symbols))

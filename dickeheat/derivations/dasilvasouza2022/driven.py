"""Sec. V B: the driven engine in the macroscopic limit, equations (47) and (C1)–(C12),
from the cumulant engine.

Chain:

1. The model's V_I and baths (4)–(8) with the scaling (28): ω₀ → ω₀/N, Γ₀ → Γ₀/N,
   β_i → β_i/N, N = 2S.
2. The equations of ⟨S₁ᶻ⟩, ⟨S₁⁻⟩, ⟨S₂ᶻ⟩, ⟨S₂⁻⟩ (Heisenberg–Langevin, exact), closed at
   order 2 (third joint cumulant zero, (31)) and completed (every moment of degree ≤ 2 that
   appears gets its equation): 14 complex/real moments.
3. The leading order as S → ∞ of the equations of m = S/S
   (:func:`~dickeheat.symbolic.cumulants.scaled_limit`), rewritten in commuting Cartesian
   moments (:func:`~dickeheat.symbolic.macro_moments.cartesian_rhs`), (m^y)² eliminated with
   (m^x)² + (m^y)² + (m^z)² = 1.
"""

from __future__ import annotations

import dataclasses
import functools

import sympy as sp

from dickeheat.derivations.dasilvasouza2022 import model
from dickeheat.derivations.dasilvasouza2022.checks import driven as ck
from dickeheat.derivations.dasilvasouza2022.symbols import (
    E1,
    E2,
    RATE,
    Gamma0,
    S,
    beta1,
    beta2,
    make,
    omega0,
)
from dickeheat.symbolic.cumulants import (
    Channel,
    MomentEquations,
    complete,
    meanfield,
    scaled_limit,
)
from dickeheat.symbolic.macro_moments import (
    cartesian_rhs,
    cartesian_symbol,
    sphere_reduce,
)
from dickeheat.symbolic.result import Result, Step

__all__ = ["Driven", "chain", "macro_equations", "results"]

SYS = model.SYSTEM
C_EQUATIONS = {"C1": (2, 0, 0), "C2": (1, 1, 0), "C3": (1, 0, 1), "C4": (0, 2, 0),
               "C5": (0, 1, 1), "C6": (0, 0, 2)}
#: the cross-cloud pairs ⟨m_1^a m_2^b⟩ between (C6) and (C12), absent from the text; the
#: remaining orders (yx, zx, zy) follow by exchanging the clouds
C_CROSS = {"C7": ((1, 0, 0), (1, 0, 0)), "C8": ((1, 0, 0), (0, 1, 0)),
           "C9": ((1, 0, 0), (0, 0, 1)), "C10": ((0, 1, 0), (0, 1, 0)),
           "C11": ((0, 1, 0), (0, 0, 1))}


def _m(site: int, exps: tuple[int, int, int]) -> sp.Symbol:
    e = [(0, 0, 0), (0, 0, 0)]
    e[site] = exps
    return cartesian_symbol(SYS, e)


@functools.cache
def macro_equations() -> MomentEquations:
    """The closed (order 2) macroscopic equations of the driven engine, canonical moments."""
    N = 2 * S
    V = model.drive(False) * (1 / N)  # ω₀ → ω₀/N
    chans = []
    for i, (b, E) in enumerate(((beta1, E1), (beta2, E2)), start=1):
        for ch in model.bath_channels(i, model.bose(b / N, E)):
            chans.append(Channel(ch.rate / N, ch.jump))  # Γ₀ → Γ₀/N
    ops = [SYS.sz(0), SYS.sm(0), SYS.sz(1), SYS.sm(1)]
    eqs = complete(meanfield(ops, V, chans, order=2), V, chans)
    return scaled_limit(eqs, S)


@dataclasses.dataclass(frozen=True)
class Driven:
    first: dict
    second: dict


@functools.cache
def chain() -> Driven:
    macro = macro_equations()
    first = {}
    for site in (0, 1):
        for axis, e in (("x", (1, 0, 0)), ("y", (0, 1, 0)), ("z", (0, 0, 1))):
            exps = [(0, 0, 0), (0, 0, 0)]
            exps[site] = e
            first[(site, axis)] = cartesian_rhs(macro, tuple(exps))
    second = {name: cartesian_rhs(macro, (e, (0, 0, 0))) for name, e in C_EQUATIONS.items()}
    second |= {name: cartesian_rhs(macro, e) for name, e in C_CROSS.items()}
    second["C12"] = cartesian_rhs(macro, ((0, 0, 1), (0, 0, 1)))
    return Driven(first, second)


def _printed47(site: int, axis: str) -> sp.Expr:
    """(47) with the cloud labels ℓ̄ restored (the text drops them on the drive terms)."""
    l, lb = site, 1 - site
    bE = (beta1 * E1, beta2 * E2)[site]
    if axis == "x":
        return (omega0 / 2 * _m2(l, "z", lb, "y") + Gamma0 / 2 * _m(l, (1, 0, 1))
                - Gamma0 / bE * _m(l, (1, 0, 0)))
    if axis == "y":
        return (-omega0 / 2 * _m2(l, "z", lb, "x") + Gamma0 / 2 * _m(l, (0, 1, 1))
                - Gamma0 / bE * _m(l, (0, 1, 0)))
    return (omega0 / 2 * (_m2(l, "y", lb, "x") - _m2(l, "x", lb, "y"))
            - Gamma0 / 2 * (_m(l, (2, 0, 0)) + _m(l, (0, 2, 0)))
            - 2 * Gamma0 / bE * _m(l, (0, 0, 1)))


def _m2(s1: int, a1: str, s2: int, a2: str) -> sp.Symbol:
    e = [[0, 0, 0], [0, 0, 0]]
    e[s1]["xyz".index(a1)] += 1
    e[s2]["xyz".index(a2)] += 1
    return cartesian_symbol(SYS, [tuple(x) for x in e])


def results() -> list[Result]:
    c = chain()
    out = []
    for (site, axis), expr in c.first.items():
        printed = sphere_reduce(SYS, _printed47(site, axis))
        args = tuple(sorted(expr.free_symbols | printed.free_symbols, key=str))
        out.append(make(
            f"eq47_m{site + 1}{axis}", equation="47",
            title=f"d⟨m_{site + 1}^{axis}⟩/dt in the macroscopic limit with (28)",
            lhs=sp.Symbol(f"dm{site + 1}{axis}_dt"), expr=expr, args=args, printed=printed,
            expected=RATE, check=ck.first_moment_check,
            notes="Exact in the limit (no closure enters first moments). The text prints "
                  "⟨m_ℓ^z m_ℓ^y⟩ etc. in the drive terms; the second label is the other cloud "
                  "ℓ̄ (restored here; with ℓ the drive terms would vanish). (m^y)² is "
                  "eliminated on both sides with (m^x)² + (m^y)² + (m^z)² = 1."))
    for name, expr in c.second.items():
        args = tuple(sorted(expr.free_symbols, key=str))
        out.append(make(
            f"eq{name}", equation=name,
            title=f"closed two-body equation {name} "
                  f"({'clouds 1, 2' if name in C_CROSS or name == 'C12' else 'cloud 1'}) "
                  "in the macroscopic limit",
            lhs=sp.Symbol(f"d{name}_dt"), expr=expr, args=args, expected=RATE,
            steps=(Step("31", "order-2 closure (third cumulant zero)", expr),),
            check=ck.closed_pair_check,
            notes=("Derived from the engine; the paper's text does not contain (C7)–(C11) "
                   "(the appendix jumps from (C6) to (C12)): no print to compare with. Read as "
                   "the cross-cloud pairs xx, xy, xz, yy, yz (zz is (C12))."
                   if name in C_CROSS else
                   "Derived from the engine; not compared with the print: the text of "
                   "(C1)–(C12) lost the cloud labels ℓ/ℓ̄ (as printed, the drive bracket of "
                   "(C6) cancels identically) and (C7)–(C11) are missing from it.")))
    return out

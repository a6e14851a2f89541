"""Impedance algebra of lumped circuits (time dependence e^{−iωt}, the physics convention).

In this convention ``Z_C = i/(ωC)``, ``Z_L = −iωL`` and ``Z_R = R``.

>>> import sympy as sp
>>> w, L, C = sp.symbols("omega L C", positive=True)
>>> sp.simplify(parallel(inductor(L, w), capacitor(C, w)) - sp.I*w/(C*(w**2 - 1/(L*C))))
0
"""

from __future__ import annotations

import sympy as sp

from dickeheat.errors import DickeheatError

__all__ = [
    "capacitor",
    "inductor",
    "resistor",
    "series",
    "parallel",
    "real_part",
    "lorentzian_quality_factor",
]


def capacitor(C: sp.Expr, omega: sp.Expr) -> sp.Expr:
    """Impedance ``i/(ωC)`` of a capacitor."""
    return sp.I / (omega * C)


def inductor(L: sp.Expr, omega: sp.Expr) -> sp.Expr:
    """Impedance ``−iωL`` of an inductor."""
    return -sp.I * omega * L


def resistor(R: sp.Expr, omega: sp.Expr | None = None) -> sp.Expr:
    """Impedance ``R`` of a resistor."""
    return R


def series(*zs: sp.Expr) -> sp.Expr:
    """Impedance of elements in series: the sum."""
    return sp.Add(*zs)


def parallel(*zs: sp.Expr) -> sp.Expr:
    """Impedance of elements in parallel: the inverse of the summed admittances."""
    return sp.simplify(1 / sp.Add(*[1 / z for z in zs]))


def real_part(z: sp.Expr) -> sp.Expr:
    """Re Z for real, positive circuit parameters (symbols must carry ``positive=True``)."""
    num, den = sp.fraction(sp.together(z))
    den_conj = sp.conjugate(den)
    re = sp.re(sp.expand(num * den_conj)) / sp.expand(den * den_conj)
    return sp.factor(sp.simplify(re))


def lorentzian_quality_factor(
    re_z: sp.Expr, peak: sp.Expr, omega: sp.Symbol, omega_r: sp.Expr
) -> sp.Expr:
    """Extract Q from ``Re Z = peak / (1 + Q²(ω/ω_r − ω_r/ω)²)``.

    Solves for Q² = (peak/ReZ − 1)/(ω/ω_r − ω_r/ω)², which must not depend on ω, and returns
    the positive root.
    """
    q2 = sp.simplify((peak / re_z - 1) / (omega / omega_r - omega_r / omega) ** 2)
    if omega in q2.free_symbols:
        raise DickeheatError(f"Re Z is not of the single-Lorentzian form: Q² = {q2} depends on ω")
    return sp.sqrt(sp.factor(q2))

"""Sec. V B as numbers: the closed moment equations of the driven engine in the macroscopic
limit (28), at closure order 1, 2 or 3, with the power and heat currents per pair.

Chain (every object from the cumulant engine, nothing typed):

1. The model's V_I and baths (4)–(8) with the scaling (28) (ω₀, Γ₀, β_i → /N, N = 2S).
2. The equations of ⟨S₁ᶻ⟩, ⟨S₁⁻⟩, ⟨S₂ᶻ⟩, ⟨S₂⁻⟩ closed at ``order`` (every joint cumulant of
   more than ``order`` factors set to zero; the paper's "third cumulant" closure (31) is
   order 2) and completed; their leading order as S → ∞
   (:func:`~dickeheat.symbolic.cumulants.scaled_limit`), split into real variables
   (:func:`~dickeheat.symbolic.cumulants_numeric.real_system`) with the Jacobian.
3. The power operator p̂ = i[H₀, V_I] (work delivered to the drive, so that P = J₁ + J₂ in the
   steady state) and the heat currents J_i = ⟨D_i†(H₀⁽ⁱ⁾)⟩ (12) with the derived sign, closed at
   the same order, per pair (÷ N) as S → ∞
   (:func:`~dickeheat.symbolic.cumulants.scaled_expectation`).

Results (for ``k`` = 1, 2, 3): ``macro_rhs_order{k}`` (the right-hand side vector in real
variables; named steps ``jacobian`` and ``monomials``), ``macro_power_order{k}``,
``macro_J1_order{k}``, ``macro_J2_order{k}``. The numbers (steady state, Jacobian gap) are
produced from these results by :mod:`dickeheat.cli.engine`.
"""

from __future__ import annotations

import functools

import sympy as sp

from dickeheat.derivations.dasilvasouza2022 import driven, model
from dickeheat.derivations.dasilvasouza2022.checks import macroscopic as ck
from dickeheat.derivations.dasilvasouza2022.symbols import (
    E1,
    E2,
    POWER,
    Gamma0,
    S,
    beta1,
    beta2,
    make,
    omega0,
)
from dickeheat.symbolic.cumulants import (
    ALLOWED_ORDERS,
    Channel,
    MomentEquations,
    close,
    complete,
    expectation,
    heisenberg,
    meanfield,
    scaled_expectation,
    scaled_limit,
)
from dickeheat.symbolic.cumulants_numeric import RealMomentSystem, real_system
from dickeheat.symbolic.result import Result, Step

__all__ = ["PARAMETERS", "closed_equations", "observables", "real_equations", "results",
           "results_for", "to_real"]

#: the parameters of the macroscopic equations, in the order of every result's arguments
PARAMETERS = (omega0, Gamma0, E1, E2, beta1, beta2)


def _scaled_model() -> tuple[object, list[Channel], list[list[Channel]]]:
    N = 2 * S
    V = model.drive(False) * (1 / N)  # ω₀ → ω₀/N
    per_bath = []
    for i, (b, E) in enumerate(((beta1, E1), (beta2, E2)), start=1):
        per_bath.append([Channel(ch.rate / N, ch.jump)  # Γ₀ → Γ₀/N, β → β/N
                         for ch in model.bath_channels(i, model.bose(b / N, E))])
    return V, per_bath[0] + per_bath[1], per_bath


@functools.cache
def closed_equations(order: int) -> MomentEquations:
    """The macroscopic equations closed at ``order`` (order 2 is :mod:`.driven`'s (47), (C))."""
    if order not in ALLOWED_ORDERS:
        raise ValueError(f"order must be one of {ALLOWED_ORDERS}")
    if order == 2:
        return driven.macro_equations()
    V, chans, _ = _scaled_model()
    ops = [model.SYSTEM.sz(0), model.SYSTEM.sm(0), model.SYSTEM.sz(1), model.SYSTEM.sm(1)]
    return scaled_limit(complete(meanfield(ops, V, chans, order=order), V, chans), S)


@functools.cache
def real_equations(order: int) -> RealMomentSystem:
    return real_system(closed_equations(order), PARAMETERS)


def to_real(system: RealMomentSystem, expr: sp.Expr) -> sp.Expr:
    """A moment expression in the real variables of ``system``."""
    subs: dict[sp.Expr, sp.Expr] = {}
    eqs = system.equations
    for m, j_re, j_im in system.layout:
        sym = eqs.symbol(m)
        if j_im is None:
            subs[sym] = system.variables[j_re]
        else:
            u, v = system.variables[j_re], system.variables[j_im]
            subs[sym] = u + sp.I * v
            subs[sp.conjugate(sym)] = u - sp.I * v
    out = sp.expand(expr.xreplace(subs))
    if sp.simplify(sp.im(out).subs({x: sp.Symbol(x.name, real=True)
                                     for x in out.free_symbols})) != 0:
        raise ValueError(f"observable is not real: {out}")
    return sp.expand((out + out.xreplace({sp.I: -sp.I})) / 2)


@functools.cache
def observables(order: int) -> dict[str, sp.Expr]:
    """P/N, J₁/N, J₂/N in the real variables of :func:`real_equations` (S → ∞)."""
    system = real_equations(order)
    V, _, per_bath = _scaled_model()
    SYS = model.SYSTEM
    H0 = model.H0()
    N = 2 * S
    p_hat = heisenberg(H0, V, []) * (-1)  # i[H0, V_I] = −(i[V_I, H0])
    out = {"P": close(expectation(p_hat), order)}
    for i, (E, chans) in enumerate(((E1, per_bath[0]), (E2, per_bath[1])), start=1):
        Hi = (SYS.sz(i - 1) + S) * E
        out[f"J{i}"] = close(expectation(heisenberg(Hi, 0, chans)), order)
    return {k: to_real(system, scaled_expectation(SYS, p, S, N)) for k, p in out.items()}


def results() -> list[Result]:
    return results_for(ALLOWED_ORDERS)


def results_for(orders: tuple[int, ...]) -> list[Result]:
    """The results of the given closure orders (:func:`results` has all of them)."""
    out = []
    for order in orders:
        system = real_equations(order)
        eqs = system.equations
        monos = sp.Tuple(*[sp.Tuple(*[sp.Tuple(*t) for t in m]) for m, _, _ in system.layout])
        args = tuple(system.variables) + PARAMETERS
        out.append(make(
            f"macro_rhs_order{order}", equation=f"47, C1–C12 (order {order})",
            title=f"closed macroscopic moment equations of the driven engine, order {order}",
            lhs=sp.Symbol(f"dy_dt_order{order}"), expr=sp.Matrix(system.rhs), args=args,
            steps=(Step("31", f"closure: joint cumulants of more than {order} factors set to "
                        "zero; completed; S → ∞ with (28)", sp.Matrix(eqs.sympy_rhs())),
                   Step("", "representative monomials (per site: powers of S+, Sz, S-), one "
                        "or two real variables each", monos, name="monomials"),
                   Step("41", "Jacobian of the real right-hand side", system.jacobian,
                        name="jacobian")),
            check=ck.rhs_check, dims=False,
            notes=f"{len(eqs.monomials)} moments, {len(system.variables)} real variables. "
                  "Order 2 is the paper's closure (31) ('third cumulant' zero). Derived only: "
                  "the paper prints order 2 alone, and in part ((47), (C1)–(C6), (C12) are "
                  "registered separately; (C7)–(C11) are absent from the text)."))
        obs = observables(order)
        for key, title in (("P", "power per pair P_N/N (work on the drive)"),
                           ("J1", "heat current per pair from bath 1, J₁/N"),
                           ("J2", "heat current per pair from bath 2, J₂/N")):
            expr = obs[key]
            eq = "10" if key == "P" else "12"
            out.append(make(
                f"macro_{key}_order{order}", equation=f"{eq} (S → ∞, order {order})",
                title=f"{title} in the macroscopic limit (28), order {order}",
                lhs=sp.Symbol(f"{key}_N/N"), expr=expr,
                args=tuple(sorted(expr.free_symbols, key=str)), expected=POWER,
                dims=False, check=ck.observable_check,
                notes="From the engine: p̂ = i[H₀, V_I] (so P = J₁ + J₂), J_i = ⟨D_i†(H₀⁽ⁱ⁾)⟩ "
                      "with the sign derived for (12); closed at the same order; ÷ N, "
                      "S → ∞."))
    return out

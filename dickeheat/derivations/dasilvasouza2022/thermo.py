"""Sec. III–IV for any N: power (10), heat currents (12), first law (13), entropy production
(15)–(17), efficiencies and Carnot bounds (16)–(18), TUR and constancy (19)–(20), the
proportionality (21), efficiency (22) and the engine/refrigerator boundary (23).

Chain (each a SymPy operation on the model of :mod:`.model`):

1. (10) dV/dt of (4) (``sp.diff``), moved to the interaction picture with the eigenfrequencies
   [H₀, M] = ω_M M from the spin algebra; with ν = E₂ − E₁ it is time independent;
   P_N = −⟨(dV/dt)_I⟩.
2. (12) Q_i = Tr[H₀ D_i(ρ)] = ⟨D_i†(H₀)⟩ (engine adjoint, canonical order).
3. (13) d⟨H₀⟩/dt = ⟨i[V_I, H₀]⟩ + Q₁ + Q₂ and ⟨i[V_I, H₀]⟩ = −P_N (identity), so the
   stationary state has P_N = Q₁ + Q₂.
4. (15) → (17): eliminate Q₁ or Q₂ with (13); (18) the efficiency / COP at Ṡ = 0.
5. (21) [V_I, S₁ᶻ + S₂ᶻ] = 0 and ⟨i[V_I, S₁ᶻ]⟩ = P_N/ν; stationarity of ⟨S₁ᶻ⟩, ⟨S₂ᶻ⟩ gives
   Q₁ = −E₁P_N/ΔE, Q₂ = E₂P_N/ΔE; (22) η = P/Q₂, ε = Q₁/(−P).
6. (23) η(22) = η_C(18) solved for ΔE and for T̄ (T₁,₂ = T̄ ∓ ΔT/2).
7. (19) TUR Var·Ṡ/P² ≥ 2 with Ṡ from (17) and Q₂ = P/η; (20) the constancy.
"""

from __future__ import annotations

import dataclasses
import functools

import sympy as sp

from dickeheat.derivations.dasilvasouza2022 import model
from dickeheat.derivations.dasilvasouza2022.checks import thermo as ck
from dickeheat.derivations.dasilvasouza2022.moments import moment, moments_of
from dickeheat.derivations.dasilvasouza2022.symbols import (
    E1,
    E2,
    ONE,
    POWER,
    Q1,
    Q2,
    RATE,
    Gamma0,
    P,
    S,
    Tbar,
    beta1,
    beta2,
    dE,
    dT,
    eps,
    eta,
    eta_C_sym,
    make,
    n1,
    n2,
    nu,
    omega0,
    t,
    var_P,
)
from dickeheat.symbolic.cumulants import expectation, heisenberg
from dickeheat.symbolic.result import Result, Step, require_zero
from dickeheat.symbolic.spin_poly import SpinPoly

__all__ = ["Thermo", "chain", "results"]


@dataclasses.dataclass(frozen=True)
class Thermo:
    dVdt: sp.Expr
    dVdt_I: sp.Expr
    power: sp.Expr
    Q: tuple[sp.Expr, sp.Expr]
    dH0dt: sp.Expr
    first_law: sp.Expr
    S_tot: sp.Expr
    S_Q2: sp.Expr
    S_Q1: sp.Expr
    eta_C: sp.Expr
    eps_C: sp.Expr
    conservation: sp.Expr
    Q1_prop: sp.Expr
    Q2_prop: sp.Expr
    eta_22: sp.Expr
    eps_22: sp.Expr
    dE_star: sp.Expr
    Tbar_star: sp.Expr
    tur: sp.Expr
    constancy: sp.Expr
    power_operator: SpinPoly  # (dV/dt)_I


@functools.cache
def chain() -> Thermo:
    sysm = model.SYSTEM
    chans = model.all_channels()
    V = model.drive(True)
    # (10)
    dV = sysm.poly({m: sp.diff(c, t) for m, c in V.terms.items()})
    dV_I = model.interaction_picture(dV)
    dV_I = sysm.poly({m: sp.simplify(c.subs(nu, E2 - E1)) for m, c in dV_I.terms.items()})
    if any(c.has(t) for c in dV_I.terms.values()):
        raise ValueError("(dV/dt)_I depends on time although nu = E2 - E1")
    dV_I = sysm.poly({m: sp.factor(sp.expand(c.subs(E2, E1 + nu))) for m, c in dV_I.terms.items()})
    power = sp.expand(-moments_of(expectation(dV_I)))
    # (12)
    Qs = tuple(sp.expand(moments_of(expectation(heisenberg(model.H0(), 0, model.bath_channels(i)))))
               for i in (1, 2))
    # (13)
    V_I = model.drive(False)
    dH0 = sp.expand(moments_of(expectation(heisenberg(model.H0(), V_I, chans))))
    first_law = sp.expand(-dH0)  # = P − Q1 − Q2 identically
    require_zero("(13): dH0/dt = −P + Q1 + Q2", sp.expand(dH0 - (-power + Qs[0] + Qs[1])
                                                        .subs(nu, E2 - E1)))
    # (15)–(18)
    S_tot = -beta1 * Q1 - beta2 * Q2
    S_Q2 = sp.expand(S_tot.subs(Q1, P - Q2))
    S_Q1 = sp.expand(S_tot.subs(Q2, P - Q1))
    eta_C = sp.solve(S_Q2.subs(Q2, P / eta), eta)[0]
    eps_C = sp.solve(S_Q1.subs(Q1, -eps * P), eps)[0]
    # (21)
    cons = model.SYSTEM.commutator(V_I, sysm.sz(0) + sysm.sz(1))
    require_zero("[V_I, S1z + S2z] = 0", sp.Integer(len(cons.terms)))
    drive_part = sp.expand(moments_of(expectation(heisenberg(sysm.sz(0), V_I, []))))
    require_zero("<i[V_I, S1z]> = P/nu", sp.expand(drive_part - power / nu))
    # d<S_iz>/dt in full (drive and both baths), each term identified: the stationary
    # equations below are these derivatives set to zero
    drive_2 = sp.expand(moments_of(expectation(heisenberg(sysm.sz(1), V_I, []))))
    require_zero("<i[V_I, S2z]> = -P/nu", sp.expand(drive_2 + power / nu))
    require_zero("<D2†(S2z)> E2 = Q2", sp.expand(
        E2 * moments_of(expectation(heisenberg(sysm.sz(1), 0, model.bath_channels(2)))) - Qs[1]))
    for site, sign, Q_i, E_i in ((0, 1, Qs[0], E1), (1, -1, Qs[1], E2)):
        dSz = sp.expand(moments_of(expectation(heisenberg(sysm.sz(site), V_I, chans))))
        require_zero(f"d<S{site + 1}z>/dt = {'+' if sign > 0 else '-'}P/nu + Q{site + 1}/E"
                     f"{site + 1}", sp.expand(dSz - (sign * power / nu + Q_i / E_i)))
    # stationary <S1z>: drive part + Q1/E1 = 0;  <S2z>: −drive part + Q2/E2 = 0
    q1, q2 = sp.symbols("q1 q2")
    Q1_prop = sp.solve(sp.Eq(P / nu + q1 / E1, 0), q1)[0].subs(nu, dE)
    Q2_prop = sp.solve(sp.Eq(-P / nu + q2 / E2, 0), q2)[0].subs(nu, dE)
    require_zero("<D1†(S1z)> E1 = Q1", sp.expand(
        E1 * moments_of(expectation(heisenberg(sysm.sz(0), 0, model.bath_channels(1)))) - Qs[0]))
    eta_22 = sp.simplify((P / Q2).subs(Q2, Q2_prop).subs(dE, E2 - E1))
    eps_22 = sp.simplify((Q1 / (-P)).subs(Q1, Q1_prop).subs(dE, E2 - E1))
    # (23) η = η_C with β = 1/T, T1,2 = Tbar ∓ ΔT/2, E2 = E1 + ΔE
    carnot = sp.Eq(eta_22.subs(E2, E1 + dE),
                   eta_C.subs({beta1: 1 / (Tbar - dT / 2), beta2: 1 / (Tbar + dT / 2)}))
    dE_star = sp.simplify(sp.solve(carnot, dE)[0])
    Tbar_star = sp.simplify(sp.solve(carnot, Tbar)[0])
    # (19)–(20)
    sigma = sp.simplify(S_Q2.subs(Q2, P / eta))
    bound = sp.simplify(2 * P**2 / sigma / P)  # Var/P >= 2P/σ
    tur = sp.simplify(bound.subs(beta2, sp.solve(sp.Eq(eta_C, eta_C_sym), beta2)[0]))
    constancy = sp.simplify(P / var_P * tur)
    return Thermo(dV.to_sympy(), dV_I.to_sympy(), power, Qs, dH0, first_law, S_tot, S_Q2,
                  S_Q1, eta_C, eps_C, drive_part, Q1_prop, Q2_prop, eta_22, eps_22, dE_star,
                  Tbar_star, tur, constancy, dV_I)


def results() -> list[Result]:
    c = chain()
    X = moment("S1- S2+")
    Z1, Z11 = moment("S1z"), moment("S1z^2")
    Z2, Z22 = moment("S2z"), moment("S2z^2")
    def sp_sm(Z, ZZ):
        return S**2 + S - ZZ + Z
    out = [
        make("power", equation="10", title="stationary output power −⟨(dV/dt)_I⟩",
             lhs=P, expr=c.power, args=(omega0, nu, X),
             steps=(Step("4", "dV/dt", c.dVdt), Step("10", "(dV/dt)_I, ν = E₂ − E₁", c.dVdt_I)),
             printed=-sp.I * omega0 * nu * (sp.conjugate(X) - X) / 2,
             expected=POWER, check=ck.power_check,
             notes="⟨S₊⁽¹⁾S₋⁽²⁾⟩ = conj⟨S₋⁽¹⁾S₊⁽²⁾⟩; E₂ − E₁ written ν."),
    ]
    for i, (Z, ZZ, Ei, ni) in enumerate(((Z1, Z11, E1, n1), (Z2, Z22, E2, n2)), start=1):
        out.append(make(
            f"heat_current_{i}", equation="12",
            title=f"heat current from bath {i}, Tr[H₀ D_{i}(ρ)]", lhs=(Q1, Q2)[i - 1],
            expr=c.Q[i - 1], args=(Ei, Gamma0, ni, S, Z, ZZ),
            steps=(Step("12", f"⟨D_{i}†(H₀)⟩ in canonical moments", c.Q[i - 1], name="Q"),),
            printed=Ei * Gamma0 * (sp_sm(Z, ZZ) + 2 * ni * Z), expected=POWER,
            check=ck.heat_current_check,
            notes="The derivation gives Q_i = −E_iΓ₀(⟨S₊S₋⟩ + 2n_i⟨S^z⟩): the print has the "
                  "opposite sign (a bath at n_i > 0 heating the ground state gives Q_i > 0 only "
                  "with the derived sign). ⟨S₊S₋⟩ = S(S+1) − ⟨(S^z)²⟩ + ⟨S^z⟩."))
    out += [
        make("first_law", equation="13", title="P_N − Q₁ − Q₂ = −d⟨H₀⟩/dt (zero when stationary)",
             lhs=P - Q1 - Q2, expr=c.first_law,
             args=(E1, E2, Gamma0, omega0, n1, n2, S, Z1, Z11, Z2, Z22, X),
             steps=(Step("13", "d⟨H₀⟩/dt from the engine", c.dH0dt),), check=ck.first_law_check,
             notes="Holds with the derived currents (12); with the printed (sign-flipped) (12) "
                   "the first law would read P = −(Q₁ + Q₂)."),
        make("entropy_production_Q2", equation="17", title="Ṡ_tot with Q₁ eliminated",
             lhs=sp.Symbol("Sdot_tot"), expr=c.S_Q2, args=(beta1, beta2, P, Q2),
             steps=(Step("15", "Ṡ_tot = −β₁Q₁ − β₂Q₂", c.S_tot),),
             printed=-beta1 * P + (beta1 - beta2) * Q2, expected=RATE,
             check=ck.entropy_check),
        make("entropy_production_Q1", equation="17", title="Ṡ_tot with Q₂ eliminated",
             lhs=sp.Symbol("Sdot_tot"), expr=c.S_Q1, args=(beta1, beta2, P, Q1),
             steps=(Step("15", "Ṡ_tot = −β₁Q₁ − β₂Q₂", c.S_tot),),
             printed=-beta2 * P - (beta1 - beta2) * Q1, expected=RATE,
             check=ck.entropy_check),
        make("eta_carnot", equation="18", title="Carnot efficiency (Ṡ_tot = 0 in (17))",
             lhs=sp.Symbol("eta_C"), expr=c.eta_C, args=(beta1, beta2), expected=ONE,
             printed=1 - beta1 / beta2, check=ck.carnot_check,
             notes="Derived η_C = 1 − β₂/β₁ = 1 − T₁/T₂; the print has the ratio inverted "
                   "(1 − β₁/β₂ ≤ 0 for β₂ ≤ β₁)."),
        make("cop_carnot", equation="18", title="Carnot COP (Ṡ_tot = 0 in (17))",
             lhs=sp.Symbol("epsilon_C"), expr=c.eps_C, args=(beta1, beta2), expected=ONE,
             printed=beta2 / (beta1 - beta2), check=ck.cop_carnot_check),
        make("Q1_proportional", equation="21", title="Q₁ = −E₁P_N/ΔE (stationary)",
             lhs=Q1, expr=c.Q1_prop, args=(E1, dE, P), printed=-E1 * P / dE, expected=POWER,
             steps=(Step("21", "⟨i[V_I, S₁ᶻ]⟩ = P_N/ν", c.conservation),),
             check=ck.proportional_check),
        make("Q2_proportional", equation="21", title="Q₂ = E₂P_N/ΔE (stationary)",
             lhs=Q2, expr=c.Q2_prop, args=(E2, dE, P), printed=E2 * P / dE, expected=POWER,
             steps=(Step("21", "⟨i[V_I, S₁ᶻ]⟩ = P_N/ν", c.conservation),),
             check=ck.proportional_check),
        make("efficiency", equation="22", title="engine efficiency η = P/Q₂",
             lhs=eta, expr=c.eta_22, args=(E1, E2), printed=(E2 - E1) / E2, expected=ONE,
             check=ck.efficiency_check),
        make("cop", equation="22", title="refrigerator COP ε = Q₁/(−P)",
             lhs=eps, expr=c.eps_22, args=(E1, E2), printed=E1 / (E2 - E1), expected=ONE,
             check=ck.efficiency_check),
        make("dE_star", equation="23", title="ΔE at the Carnot point (engine/refrigerator)",
             lhs=sp.Symbol("Delta_E_*"), expr=c.dE_star, args=(E1, Tbar, dT), expected=RATE,
             printed=E1 * dT / (Tbar - dT / 2), check=ck.boundary_check),
        make("Tbar_star", equation="23", title="T̄ at the Carnot point",
             lhs=sp.Symbol("Tbar_*"), expr=c.Tbar_star, args=(E1, dE, dT), expected=RATE,
             printed=dT / 2 * (dE - 2 * E1) / dE, check=ck.boundary_check,
             notes="Derived T̄_* = (ΔT/2)(ΔE + 2E₁)/ΔE; the print has −2E₁ (e.g. E₁ = ΔE = ΔT "
                   "= 1: T₁ = 1, T₂ = 2, T̄_* = 3/2, while the print gives −1/2)."),
        make("tur_bound", equation="19", title="TUR lower bound on the Fano factor Var(P)/P",
             lhs=var_P / P, expr=c.tur, args=(beta1, eta, eta_C_sym), expected=RATE,
             printed=2 * eta / beta1 / (eta_C_sym - eta), check=ck.tur_check,
             notes="From Var·Ṡ_tot/P² ≥ 2 with Ṡ_tot of (17) and Q₂ = P/η; T₁ = 1/β₁."),
        make("constancy", equation="20", title="normalised constancy C_N",
             lhs=sp.Symbol("C_N"), expr=c.constancy, args=(P, var_P, beta1, eta, eta_C_sym),
             printed=P / var_P * 2 * eta / beta1 / (eta_C_sym - eta), expected=ONE,
             check=ck.tur_check),
    ]
    return out

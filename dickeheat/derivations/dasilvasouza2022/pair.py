"""The N = 1 engine in closed form: P₁, Q₁, Q₂ (10), (12) and Var(P₁) (11).

Chain:

1. The model's V_I, channels (6)–(8) and the power operator (dV/dt)_I of :mod:`.thermo` as
   4 × 4 matrices (S = 1/2: S₊ = |e⟩⟨g|, S^z = diag(−½, ½) on each qubit).
2. The steady state: the Lindbladian (5) on Hermitian ρ restricted to the block that the drive
   and the dissipators preserve (populations and the |ge⟩⟨eg| coherence; the solution is
   checked to solve all 16 equations), ``linsolve``.
3. P₁ = −Tr[(dV/dt)_I ρ], Q_i = Tr[H₀ D_i(ρ)].
4. (11) Regression theorem: Var = 2 Tr[P̂ x] with L x = −(½{P̂, ρ} − ⟨P̂⟩ρ), Tr x = 0
   (symmetrised source: the real part of ∫⟨δP(t)δP(0)⟩).
"""

from __future__ import annotations

import dataclasses
import functools

import sympy as sp

from dickeheat.derivations.dasilvasouza2022 import model
from dickeheat.derivations.dasilvasouza2022.checks import pair as ck
from dickeheat.derivations.dasilvasouza2022.symbols import (
    E1,
    E2,
    POWER,
    Q1,
    Q2,
    Gamma0,
    P,
    make,
    n1,
    n2,
    nu,
    omega0,
    var_P,
)
from dickeheat.derivations.dasilvasouza2022.thermo import chain as thermo_chain
from dickeheat.errors import DickeheatError
from dickeheat.symbolic.result import Result, Step
from dickeheat.symbolic.spin_poly import SpinPoly

__all__ = ["Pair", "chain", "matrix_of", "results"]

_ONE_HALF = {"+": sp.Matrix([[0, 0], [1, 0]]), "-": sp.Matrix([[0, 1], [0, 0]]),
             "z": sp.diag(-sp.Rational(1, 2), sp.Rational(1, 2))}


def matrix_of(op: SpinPoly) -> sp.Matrix:
    """A polynomial of the two clouds as a 4 × 4 matrix at S = 1/2 (N = 1)."""
    out = sp.zeros(4)
    for m, coeff in op.terms.items():
        sites = []
        for a, b, c in m:
            M = sp.eye(2)
            for g, k in (("+", a), ("z", b), ("-", c)):
                M = M * _ONE_HALF[g] ** k
            sites.append(M)
        out += coeff.subs(model.S, sp.Rational(1, 2)) * sp.kronecker_product(*sites)
    return out


def _hermitian(prefix: str) -> tuple[sp.Matrix, list[sp.Symbol]]:
    d = list(sp.symbols(f"{prefix}0:4", real=True))
    a, b = sp.symbols(f"{prefix}a {prefix}b", real=True)
    M = sp.diag(*d)
    M[1, 2], M[2, 1] = a + sp.I * b, a - sp.I * b
    return M, d + [a, b]


def _real_equations(M: sp.Matrix) -> list[sp.Expr]:
    out = []
    for e in M:
        e = sp.expand(e)
        out += [sp.re(e), sp.im(e)]
    return [e for e in out if e != 0]


@dataclasses.dataclass(frozen=True)
class Pair:
    rho: sp.Matrix
    power: sp.Expr
    Q: tuple[sp.Expr, sp.Expr]
    variance: sp.Expr


@functools.cache
def chain() -> Pair:
    V = matrix_of(model.drive(False))
    jumps = [(ch.rate, matrix_of(ch.jump)) for ch in model.all_channels()]

    def L(r: sp.Matrix, channels=jumps, H=V) -> sp.Matrix:
        out = -sp.I * (H * r - r * H)
        for g, A in channels:
            out += g * (A * r * A.H - (A.H * A * r + r * A.H * A) / 2)
        return out

    R, unknowns = _hermitian("r")
    sol = dict(zip(unknowns, next(iter(sp.linsolve(_real_equations(L(R)) + [R.trace() - 1],
                                                   unknowns)))))
    rho = R.subs(sol)
    # the block ansatz solves all 16 equations: exact zero at random rational parameters
    probe = {s: sp.Rational(k + 3, 7) for k, s in enumerate(sorted(
        set().union(*(e.free_symbols for e in rho)), key=str))}
    if any(sp.nsimplify(e.subs(probe)) != 0 for e in L(rho.subs(probe), [
            (g.subs(probe), A) for g, A in jumps], V.subs(probe))):
        raise DickeheatError("the block steady state does not solve the Lindblad equation")
    Pop = matrix_of(thermo_chain().power_operator)
    power = sp.factor(sp.together((-(Pop * R).trace()).subs(sol)))
    H0 = matrix_of(model.H0())
    Qs = []
    for i in (1, 2):
        chans = [(ch.rate, matrix_of(ch.jump)) for ch in model.bath_channels(i)]
        Qs.append(sp.factor(sp.together((H0 * L(R, chans, sp.zeros(4))).trace().subs(sol))))
    X, xs = _hermitian("x")
    mean = (Pop * R).trace().subs(sol)
    src = (Pop * R + R * Pop) / 2 - sp.Symbol("mu") * R
    eqs = [e.subs(sol).subs(sp.Symbol("mu"), mean) for e in _real_equations(L(X) + src)]
    solx = dict(zip(xs, next(iter(sp.linsolve(eqs + [X.trace()], xs)))))
    variance = sp.factor(sp.together(sp.expand(2 * (Pop * X).trace()).subs(solx)))
    return Pair(rho, power, tuple(Qs), variance)


def results() -> list[Result]:
    c = chain()
    args = (omega0, Gamma0, n1, n2)
    step = Step("9", "N = 1 steady state (populations, coherence ρ_{ge,eg})", c.rho, name="rho")
    note = ("The paper says the N = 1 case 'can be solved analytically' but prints no closed "
            "form.")
    return [
        make("pair_power", equation="10 (N = 1)", title="output power of one spin pair",
             lhs=P, expr=c.power, args=(nu,) + args, steps=(step,), expected=POWER,
             check=ck.pair_check, notes=note),
        make("pair_heat_1", equation="12 (N = 1)", title="heat current from the cold bath, N = 1",
             lhs=Q1, expr=c.Q[0], args=(E1,) + args, steps=(step,), expected=POWER,
             check=ck.pair_check, notes=note),
        make("pair_heat_2", equation="12 (N = 1)", title="heat current from the hot bath, N = 1",
             lhs=Q2, expr=c.Q[1], args=(E2,) + args, steps=(step,), expected=POWER,
             check=ck.pair_check, notes=note),
        make("pair_power_variance", equation="11 (N = 1)",
             title="power variance 2∫⟨δP(t)δP(0)⟩dt of one spin pair (regression theorem)",
             lhs=var_P, expr=c.variance, args=(nu,) + args, steps=(step,),
             check=ck.pair_check,
             notes=note + " The text says ⟨P(0)P(t)⟩ = ⟨P(t)P(0)⟩; they are complex "
                          "conjugates, and (11) is read as twice the real part. At the Fig. 3 "
                          "parameters (ω₀ = 0.006, Γ₀ = 0.001, E₁ = 1, ΔE = 9, ΔT = 10, "
                          "T̄ = 10…12) this Var(P₁) gives the constancy (20) C₁ = 0.9998…0.9984 "
                          "(a refrigerator there: η = 0.9 > η_C), not the C₁ ≃ 1.0001 the text "
                          "reports."),
    ]

"""The driven engine's macroscopic limit as numbers: the closed equations in real variables,
the power per pair, and the power fluctuations of App. D, (D3)–(D5).

Chain:

1. The closed (order 2) macroscopic equations of :mod:`.driven` (scaling (28)) split into real
   variables (:func:`~dickeheat.symbolic.cumulants_numeric.real_system`): 25 real unknowns, the
   parameters ω₀, Γ₀, E₁, E₂, β₁, β₂ (unscaled). The system is kept as a step (``system``), so
   that a user compiles it (:class:`~dickeheat.symbolic.cumulants_numeric.CompiledMoments`) and
   solves for steady states and Jacobian spectra.
2. The power per pair: (10) of :mod:`.thermo` with ω₀ → ω₀/N, ⟨S₋⁽¹⁾S₊⁽²⁾⟩ = S²⟨m₋⁽¹⁾m₊⁽²⁾⟩,
   N = 2S, divided by N — exactly S-independent: P_N/N = −νω₀ Im⟨m₋⁽¹⁾m₊⁽²⁾⟩/4.
3. (D4)–(D5): the regression equations of ⟨m_ℓ^{x,y}(τ) A(0)⟩ (A = m_j^{x,y}): the
   first-moment equations (47) of :mod:`.driven` with every one-time moment ⟨O⟩ read as
   ⟨O(τ)A(0)⟩ and three-point moments closed at third order (31) around a stationary state
   with ⟨m^{x,y}⟩ = 0 and ⟨A⟩ = 0: ⟨a b A⟩ → ⟨a⟩⟨b A⟩ + ⟨b⟩⟨a A⟩.
4. (D3): the variance (11) of the power per pair, 2∫[⟨p(0)p(τ)⟩ − ⟨p⟩²]dτ, for the per-pair
   power operator p of step 2 with ⟨m₋⁽¹⁾m₊⁽²⁾⟩ rewritten in commuting Cartesian variables
   (it comes out as −νω₀(m₁ˣm₂ʸ − m₁ʸm₂ˣ)/4), four-point functions paired as in (D2)
   (Isserlis), written in the integrals K(p,q; r,s) = ∫₀^∞⟨p(0)q(τ)⟩⟨r(0)s(τ)⟩dτ.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools

import sympy as sp

from dickeheat.derivations.dasilvasouza2022 import driven, model, thermo
from dickeheat.derivations.dasilvasouza2022.checks import macro_engine as ck
from dickeheat.derivations.dasilvasouza2022.moments import MONOMIALS, moment
from dickeheat.derivations.dasilvasouza2022.symbols import (
    E1,
    E2,
    ONE,
    RATE,
    Gamma0,
    S,
    beta1,
    beta2,
    make,
    nu,
    omega0,
)
from dickeheat.symbolic.cumulants_numeric import RealMomentSystem, real_system
from dickeheat.symbolic.macro_moments import cartesian_symbol, to_cartesian
from dickeheat.symbolic.result import Result, Step, require_zero

__all__ = ["FLUCTUATING", "MacroEngine", "PARAMETERS", "chain", "correlation_integral",
           "correlation_symbol", "results"]

#: parameter order of the real system (unscaled values; the scaling (28) is inside)
PARAMETERS = (omega0, Gamma0, E1, E2, beta1, beta2)
#: the fluctuating transverse components u = (m₁ˣ, m₁ʸ, m₂ˣ, m₂ʸ) of (D4)–(D5)
FLUCTUATING = ((0, "x"), (0, "y"), (1, "x"), (1, "y"))


def correlation_symbol(site: int, axis: str) -> sp.Symbol:
    """C_{ax,site} = ⟨m_site^axis(τ) A(0)⟩ (sites 0, 1 are clouds 1, 2)."""
    return sp.Symbol(f"C_m{site + 1}{axis}", real=True)


def _label(site: int, axis: str) -> str:
    return f"m{site + 1}{axis}"


def correlation_integral(p: tuple[int, str], q: tuple[int, str], r: tuple[int, str],
                         s: tuple[int, str]) -> sp.Symbol:
    """K(p,q; r,s) = ∫₀^∞ ⟨p(0)q(τ)⟩⟨r(0)s(τ)⟩ dτ (the two pairs in a canonical order)."""
    a, b = (p, q), (r, s)
    a, b = sorted((a, b))
    return sp.Symbol(f"K[{_label(*a[0])},{_label(*a[1])};{_label(*b[0])},{_label(*b[1])}]",
                     real=True)


def _parse(sym: sp.Symbol) -> list[tuple[int, str]]:
    """The factors (site, axis) of a Cartesian moment symbol ``<m1x m2y^2>``."""
    out = []
    for factor in sym.name[1:-1].split():
        base, _, power = factor.partition("^")
        out += [(int(base[1]) - 1, base[2])] * (int(power) if power else 1)
    return out


@dataclasses.dataclass(frozen=True)
class MacroEngine:
    system: RealMomentSystem
    per_pair_power: sp.Expr
    power_operator: sp.Expr  # P_N/N as a bilinear form in the Cartesian m's
    regression: dict[tuple[int, str], sp.Expr]
    regression_matrix: sp.Matrix
    variance: sp.Expr


def _regression(expr: sp.Expr) -> sp.Expr:
    """(47)'s right-hand side read at two times and closed around ⟨m^{x,y}⟩ = ⟨A⟩ = 0."""
    z = {k: cartesian_symbol(model.SYSTEM, [(0, 0, 1) if j == k else (0, 0, 0)
                                            for j in (0, 1)]) for k in (0, 1)}

    def stationary(f: tuple[int, str]) -> sp.Expr:
        return z[f[0]] if f[1] == "z" else sp.S.Zero

    table = {}
    for sym in expr.free_symbols:
        if not (sym.name.startswith("<m") and sym.name.endswith(">")):
            continue
        fs = _parse(sym)
        if len(fs) == 1:
            table[sym] = correlation_symbol(*fs[0])
        elif len(fs) == 2:
            a, b = fs
            table[sym] = stationary(a) * correlation_symbol(*b) + \
                stationary(b) * correlation_symbol(*a)
        else:
            raise ValueError(f"unexpected moment {sym} in a first-moment equation")
    out = sp.expand(expr.xreplace(table))
    return out.xreplace({correlation_symbol(k, "z"): 0 for k in (0, 1)}) \
        if out.has(*(correlation_symbol(k, "z") for k in (0, 1))) else out


def _variance(observable: sp.Expr) -> sp.Expr:
    """(D1) → (D3): Var(P_N)/N² of the per-pair power operator with Isserlis pairing.

    ``observable`` is the per-pair power as a linear combination of bilinear Cartesian moments
    ``<m1x m2y>`` (read as products of commuting macroscopic variables). Each product of two
    terms c_k a b and c_l c d gives ⟨a(0)b(0)c(τ)d(τ)⟩ = ⟨ab⟩⟨cd⟩ + ⟨a(0)c(τ)⟩⟨b(0)d(τ)⟩ +
    ⟨a(0)d(τ)⟩⟨b(0)c(τ)⟩; Σ c_k c_l ⟨ab⟩⟨cd⟩ = ⟨P⟩² is subtracted in (11)."""
    terms = []
    for term in sp.Add.make_args(sp.expand(observable)):
        syms = [f for f in term.free_symbols if f.name.startswith("<m")]
        if len(syms) != 1:
            raise ValueError(f"power operator term {term} is not one moment times a number")
        (sym,) = syms
        coeff = sp.cancel(term / sym)
        if coeff.has(sym):
            raise ValueError(f"power operator term {term} is not linear in {sym}")
        factors = _parse(sym)
        if len(factors) != 2 or any(f not in FLUCTUATING for f in factors):
            raise ValueError(f"power operator term {term} is not bilinear in m^x, m^y")
        terms.append((coeff, factors))
    total = sp.S.Zero
    for (c1, (a, b)), (c2, (c, d)) in itertools.product(terms, terms):
        total += c1 * c2 * (correlation_integral(a, c, b, d) + correlation_integral(a, d, b, c))
    return sp.expand(2 * total)


@functools.cache
def chain() -> MacroEngine:
    system = real_system(driven.macro_equations(), PARAMETERS)
    # (10) per pair with (28)
    X = moment("S1- S2+")
    mono = MONOMIALS["S1- S2+"]
    (j_re, j_im), = [(jr, ji) for m, jr, ji in system.layout if m == mono]
    u, v = system.variables[j_re], system.variables[j_im]
    P = thermo.chain().power.subs(omega0, omega0 / (2 * S))
    P = P.xreplace({X: S**2 * (u + sp.I * v), sp.conjugate(X): S**2 * (u - sp.I * v)})
    per_pair = sp.simplify(sp.expand(P / (2 * S)))
    require_zero("P_N/N is S-independent", sp.diff(per_pair, S))
    # the same per-pair power as an operator: ⟨m₋⁽¹⁾m₊⁽²⁾⟩ in commuting Cartesian variables
    P_op = thermo.chain().power.subs(omega0, omega0 / (2 * S))
    P_op = sp.expand(P_op.xreplace({X: S**2 * X, sp.conjugate(X): S**2 * sp.conjugate(X)})
                     / (2 * S))
    observable = to_cartesian(model.SYSTEM, P_op, {X: mono})
    require_zero("power operator is S-independent", sp.diff(observable, S))
    # its mean is the per-pair power above: Im⟨m₋⁽¹⁾m₊⁽²⁾⟩ = ⟨m1x m2y⟩ − ⟨m1y m2x⟩
    im_mu = sp.expand(sp.im(to_cartesian(model.SYSTEM, X, {X: mono})))
    require_zero("⟨power operator⟩ = P_N/N", observable - per_pair.xreplace({v: im_mu}))
    # (D4)–(D5)
    first = driven.chain().first
    regression = {f: _regression(first[f]) for f in FLUCTUATING}
    cs = [correlation_symbol(*f) for f in FLUCTUATING]
    M = sp.Matrix([[sp.diff(regression[f], c) for c in cs] for f in FLUCTUATING])
    require_zero("(D4)-(D5) are linear in the correlations",
                 sp.expand(sp.Matrix([regression[f] for f in FLUCTUATING]) - M * sp.Matrix(cs))
                 .norm())
    return MacroEngine(system, per_pair, observable, regression, M, _variance(observable))


def _printed_regression(site: int, axis: str) -> sp.Expr:
    """(D4)/(D5) as printed: every label ℓ̄ (the drive term included)."""
    z = cartesian_symbol(model.SYSTEM, [(0, 0, 1) if j == site else (0, 0, 0) for j in (0, 1)])
    bE = (beta1 * E1, beta2 * E2)[site]
    other = "y" if axis == "x" else "x"
    sign = 1 if axis == "x" else -1
    c = correlation_symbol(site, axis)
    return (sign * omega0 / 2 * correlation_symbol(site, other) * z + Gamma0 / 2 * c * z
            - Gamma0 / bE * c)


def _printed_variance() -> sp.Expr:
    K = correlation_integral
    x1, y1, x2, y2 = (0, "x"), (0, "y"), (1, "x"), (1, "y")
    # (D3) term by term; ⟨p(τ)q(0)⟩ = ⟨q(0)p(τ)⟩ in the limit (commuting m)
    return omega0**2 * nu**2 / 8 * (
        K(x1, x1, y2, y2) + K(x1, y2, y2, x1) - K(x1, y1, y2, x2) - K(x1, x2, y2, y1)
        - K(y1, x1, x2, y2) - K(y1, y2, x2, x1) + K(y1, y1, x2, x2) + K(y1, x2, x2, y1))


def results() -> list[Result]:
    c = chain()
    u_im = [s for s in c.per_pair_power.free_symbols if s.name.startswith("Im<")][0]
    out = [make(
        "macro_power_per_pair", equation="10, 28",
        title="power per pair P_N/N in the macroscopic limit with (28), from the closed moments",
        lhs=sp.Symbol("P_N/N"), expr=c.per_pair_power, args=(omega0, nu, u_im),
        steps=(Step("47, C1–C12", "closed (order 2) macroscopic equations in real variables "
                    "(parameters ω₀, Γ₀, E₁, E₂, β₁, β₂, unscaled)", c.system, name="system"),),
        expected=RATE**2, dims=False, check=ck.power_per_pair_check,
        notes="Exact at every N for the normalised moment ⟨m₋⁽¹⁾m₊⁽²⁾⟩ (no limit needed); "
              "the steady state of the step 'system' gives its macroscopic value.")]
    for site, axis in FLUCTUATING:
        expr = c.regression[(site, axis)]
        printed = _printed_regression(site, axis)
        args = tuple(sorted(expr.free_symbols | printed.free_symbols, key=str))
        out.append(make(
            f"eqD{4 if axis == 'x' else 5}_m{site + 1}_order3",
            equation="D4" if axis == "x" else "D5",
            title=f"regression equation of ⟨m_{site + 1}^{axis}(τ)A(0)⟩ in the macroscopic "
                  "limit", lhs=sp.Symbol(f"dC_m{site + 1}{axis}_dtau"), expr=expr, args=args,
            printed=printed, dims=False,
            steps=(Step("D4-D5", "regression matrix of u = (m1x, m1y, m2x, m2y)",
                        c.regression_matrix, name="matrix"),),
            check=ck.regression_check,
            notes="From (47) with one-time moments read as ⟨O(τ)A(0)⟩ and the third-order "
                  "closure around ⟨m^{x,y}⟩ = ⟨A⟩ = 0. The drive term couples to the OTHER "
                  "cloud: ½ω₀⟨m_ℓ^z⟩⟨m_ℓ̄^y(τ)A⟩ (x) and −½ω₀⟨m_ℓ^z⟩⟨m_ℓ̄^x(τ)A⟩ (y); the "
                  "print has ℓ̄ on every factor, as in (47) whose labels are lost in the text."))
    pv = _printed_variance()
    args = tuple(sorted(c.variance.free_symbols | pv.free_symbols, key=str))
    out.append(make(
        "macro_power_variance", equation="D3",
        title="Var(P_N)/N² in the macroscopic limit from Gaussian-paired four-point functions",
        lhs=sp.Symbol("Var(P_N)/N^2"), expr=c.variance, args=args, printed=pv, dims=False,
        expected=ONE, check=ck.variance_check,
        steps=(Step("10, 28", "per-pair power operator P_N/N in commuting Cartesian variables",
                    c.power_operator, name="power_operator"),),
        notes="(11) with (D2): the equal-time pairing gives ⟨X⟩² and cancels; the "
              "two-time functions commute in the limit. The paper writes the left side "
              "Var(P_N/N); it is Var(P_N)/N² (the variance (11) of P_N divided by N²), "
              "the quantity that enters the constancy (20) with T₁ → N T₁."))
    return out

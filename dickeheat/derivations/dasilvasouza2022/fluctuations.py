"""Appendix D: power fluctuations in the macroscopic limit, (D1), (D3)–(D5), from the cumulant
engine.

Chain:

1. (D1) The power per pair p = P_N/N of :mod:`.macroscopic` (order 2), in Cartesian moments:
   p = −(ω₀ΔE/4)(m₁ˣm₂ʸ − m₁ʸm₂ˣ); its quadratic form w (p = vᵀ w v, v = (m₁ˣ, m₁ʸ, m₂ˣ, m₂ʸ))
   and the prefactor 2(ω₀ΔE/4)² of Var(P_N/N) = 2∫₀^∞⟨δp(0)δp(τ)⟩dτ (11).
2. (D3) The connected four-point function ⟨A(0)B(0)C(τ)D(τ)⟩ − ⟨AB⟩⟨CD⟩ closed by the engine's
   :func:`~dickeheat.symbolic.cumulants.cumulant_expansion` at order 2 (joint cumulants of three
   and four factors zero, (D2)), with ⟨m^{x,y}⟩_ss = 0 (the weak U(1) symmetry): two pairings.
3. (D4)–(D5) The regression equations d⟨v_a(τ)X(0)⟩/dτ: the x, y equations of (47) (from
   :mod:`.driven`), every product ⟨m m'(τ) X(0)⟩ closed by the same expansion: a linear system
   dG/dτ = A G with A depending on ⟨m₁ᶻ⟩_ss, ⟨m₂ᶻ⟩_ss.
4. The equal-time covariance G₀ = ⟨v vᵀ⟩ in the variables of the order-2 equations.

Then Var(P_N)/N² = 2 Σ w_ab w_cd ∫₀^∞ [G_ca G_db + G_cb G_da](τ) dτ with G(τ) = e^{Aτ}G₀,
evaluated by :func:`~dickeheat.symbolic.cumulants_numeric.gaussian_noise`.
"""

from __future__ import annotations

import functools

import sympy as sp

from dickeheat.derivations.dasilvasouza2022 import driven, macroscopic, model
from dickeheat.derivations.dasilvasouza2022.checks import fluctuations as ck
from dickeheat.derivations.dasilvasouza2022.symbols import E1, E2, Gamma0, S, make, omega0
from dickeheat.symbolic.cumulants import (
    close,
    cumulant_expansion,
    expectation,
    scaled_expectation,
)
from dickeheat.symbolic.macro_moments import cartesian_symbol
from dickeheat.symbolic.result import Result, Step
from dickeheat.symbolic.spin_poly import SpinSystem

__all__ = ["FACTORS", "covariance", "correlation", "regression_matrix", "results",
           "weights"]

SYS = model.SYSTEM
#: the fluctuating factors of the power, in the order of v
FACTORS = ("m1x", "m1y", "m2x", "m2y")
_AXES = {"m1x": (0, "x"), "m1y": (0, "y"), "m2x": (1, "x"), "m2y": (1, "y"),
         "m1z": (0, "z"), "m2z": (1, "z")}


def correlation(a: str, b: str) -> sp.Symbol:
    """⟨a(τ) b(0)⟩ (the macroscopic spins commute: the order of the factors is irrelevant)."""
    return sp.Symbol(f"G[{a}(t),{b}(0)]", real=True)


def _single(name: str) -> sp.Symbol:
    site, axis = _AXES[name]
    e = [[0, 0, 0], [0, 0, 0]]
    e[site]["xyz".index(axis)] = 1
    return cartesian_symbol(SYS, [tuple(x) for x in e])


def _pair(a: str, b: str) -> sp.Symbol:
    e = [[0, 0, 0], [0, 0, 0]]
    for name in (a, b):
        site, axis = _AXES[name]
        e[site]["xyz".index(axis)] += 1
    return cartesian_symbol(SYS, [tuple(x) for x in e])


def _closed_product(factors: list[str], at_zero: int | None) -> sp.Expr:
    """⟨∏ factors⟩ closed at order 2 by the engine's expansion (each factor one site of an
    auxiliary system); ``at_zero`` is the index of the factor taken at time 0 (None: all at τ).
    Means of x, y components and of the time-0 factor vanish."""
    k = len(factors)
    aux = SpinSystem(tuple(sp.Integer(1) for _ in range(k)))
    word = tuple((0, 1, 0) for _ in range(k))
    out = sp.S.Zero
    for key, coeff in cumulant_expansion(word, 2).items():
        term = coeff
        for mono in key:
            sites = [i for i, t in enumerate(mono) if t != (0, 0, 0)]
            names = [factors[i] for i in sites]
            if len(sites) == 1:
                term *= 0 if (sites[0] == at_zero or names[0][-1] in "xy") else \
                    _single(names[0])
            elif at_zero in sites:
                other = names[1 - sites.index(at_zero)]
                term *= correlation(other, factors[at_zero])
            else:
                term *= _pair(*names)
        out += term
    del aux
    return sp.expand(out)


@functools.cache
def regression_matrix() -> sp.Matrix:
    """A of dG/dτ = A G for G_ab = ⟨v_a(τ) v_b(0)⟩ (the same for every v_b(0))."""
    first = driven.chain().first
    X = "m2y"  # any x/y factor at time 0; A does not depend on it (checked)
    rows = []
    for a in FACTORS:
        site, axis = _AXES[a]
        rhs = first[(site, axis)]
        out = sp.S.Zero
        for term in sp.Add.make_args(sp.expand(rhs)):
            coeff, syms = sp.S.One, []
            for f in sp.Mul.make_args(term):
                if isinstance(f, sp.Symbol) and f.name.startswith("<m"):
                    syms.append(f)
                else:
                    coeff *= f
            if len(syms) != 1:
                raise ValueError(f"unexpected term {term} in d<{a}>/dt")
            factors = []
            for part in syms[0].name[1:-1].split():
                base, _, power = part.partition("^")
                factors += [base] * (int(power) if power else 1)
            out += coeff * _closed_product(factors + [X], len(factors))
        left = out.free_symbols - {correlation(b, X) for b in FACTORS} - \
            {_single("m1z"), _single("m2z"), omega0, Gamma0} - set(rhs.free_symbols)
        if any(s.name.startswith("G[m") and s.name[2:5] in ("m1z", "m2z") for s in left):
            raise ValueError("a z correlation survived the closure")
        rows.append([sp.expand(out).coeff(correlation(b, X)) for b in FACTORS])
    return sp.Matrix(rows)


@functools.cache
def weights() -> tuple[sp.Matrix, sp.Expr]:
    """w of p = vᵀ w v (from the order-2 power per pair, in Cartesian moments) and p."""
    x = {n: sp.Symbol(n, real=True) for n in FACTORS}
    u, v = sp.Symbol("u"), sp.Symbol("v")
    p = macroscopic.observables(2)["P"]
    # Im<S1- S2+> = m1x m2y − m1y m2x in the limit (m∓ = mx ∓ i my)
    mu = sp.expand((x["m1x"] - sp.I * x["m1y"]) * (x["m2x"] + sp.I * x["m2y"]))
    poly = sp.expand(p.subs({sp.Symbol("Re<S1- S2+>", real=True): sp.re(mu),
                             sp.Symbol("Im<S1- S2+>", real=True): sp.im(mu)}))
    del u, v
    vec = sp.Matrix([x[n] for n in FACTORS])
    w = sp.hessian(poly, vec) / 2
    if sp.expand((vec.T * w * vec)[0] - poly) != 0:
        raise ValueError("the power per pair is not a quadratic form of v")
    return w, poly


@functools.cache
def covariance() -> sp.Matrix:
    """G₀ = ⟨v vᵀ⟩ (symmetrised) in the real variables of the order-2 equations."""
    ops = {"m1x": SYS.sx(0), "m1y": SYS.sy(0), "m2x": SYS.sx(1), "m2y": SYS.sy(1)}
    system = macroscopic.real_equations(2)
    rows = []
    for a in FACTORS:
        row = []
        for b in FACTORS:
            prod = (ops[a] * ops[b] + ops[b] * ops[a]) * sp.Rational(1, 2)
            mom = scaled_expectation(SYS, close(expectation(prod.expand()), 2), S, S**2)
            row.append(macroscopic.to_real(system, mom))
        rows.append(row)
    return sp.Matrix(rows)


def _printed_D3() -> sp.Expr:
    G = correlation
    return (G("m1x", "m1x") * G("m2y", "m2y") + G("m2y", "m1x") * G("m1x", "m2y")
            - G("m1y", "m1x") * G("m2x", "m2y") - G("m2x", "m1x") * G("m1y", "m2y")
            - G("m1x", "m1y") * G("m2y", "m2x") - G("m2y", "m1y") * G("m1x", "m2x")
            + G("m1y", "m1y") * G("m2x", "m2x") + G("m2x", "m1y") * G("m1y", "m2x"))


def _derived_D3(w: sp.Matrix) -> sp.Expr:
    """Σ w_ab w_cd ⟨v_a(0)v_b(0)v_c(τ)v_d(τ)⟩_conn / (ω₀ΔE/4)², closed by the engine."""
    c = omega0 * (E2 - E1) / 4
    out = sp.S.Zero
    for i, a in enumerate(FACTORS):
        for j, b in enumerate(FACTORS):
            for k, cc in enumerate(FACTORS):
                for m, d in enumerate(FACTORS):
                    if w[i, j] == 0 or w[k, m] == 0:
                        continue
                    four = _four_point(a, b, cc, d) - _pair(a, b) * _pair(cc, d)
                    out += w[i, j] * w[k, m] * four
    return sp.expand(sp.simplify(out / c**2))


def _four_point(a: str, b: str, c: str, d: str) -> sp.Expr:
    """⟨a(0) b(0) c(τ) d(τ)⟩ at order 2 with zero x, y means (D2)."""
    aux_word = tuple((0, 1, 0) for _ in range(4))
    names = (a, b, c, d)
    times = (0, 0, 1, 1)
    out = sp.S.Zero
    for key, coeff in cumulant_expansion(aux_word, 2).items():
        term = coeff
        for mono in key:
            sites = [i for i, t in enumerate(mono) if t != (0, 0, 0)]
            if len(sites) == 1:
                term = 0
                break
            i, j = sites
            if times[i] == times[j]:
                term *= _pair(names[i], names[j])
            else:
                late, early = (i, j) if times[i] else (j, i)
                term *= correlation(names[late], names[early])
        out += term
    return out


def results() -> list[Result]:
    w, p = weights()
    A = regression_matrix()
    G0 = covariance()
    system = macroscopic.real_equations(2)
    out = [make(
        "eqD1", equation="D1", title="prefactor of Var(P_N/N) = pref ∫₀^∞ (…) dτ",
        lhs=sp.Symbol("pref_D1"), expr=sp.factor(2 * (2 * w[0, 3]) ** 2),
        args=(omega0, E1, E2), printed=omega0**2 * (E2 - E1) ** 2 / 8,
        steps=(Step("10", "power per pair, Cartesian, S → ∞", p),
               Step("D1", "quadratic form p = vᵀ w v, v = (m1x, m1y, m2x, m2y)", w,
                    name="weights")),
        check=ck.prefactor_check, dims=False,
        notes="Var(P_N/N) = 2∫₀^∞⟨δp(0)δp(τ)⟩dτ (11) with p = −(ω₀ΔE/4)(m₁ˣm₂ʸ − m₁ʸm₂ˣ); "
              "the four-point combination of (D1) is that of p² (checked by D3).")]
    out.append(make(
        "eqD3", equation="D3", title="connected power autocorrelation closed by (D2), "
        "÷ (ω₀ΔE/4)²", lhs=sp.Symbol("C_p_over_c2"), expr=_derived_D3(w),
        args=tuple(sorted(_printed_D3().free_symbols, key=str)), printed=_printed_D3(),
        steps=(Step("D2", "order-2 cumulant expansion of the four-point function (engine), "
                    "⟨m^{x,y}⟩ = 0", _four_point("m1x", "m2y", "m1x", "m2y")),),
        check=ck.d3_check, dims=False,
        notes="⟨a(τ)b(0)⟩ = ⟨b(0)a(τ)⟩ in the limit (the m commute)."))
    args_A = tuple(sorted(A.free_symbols, key=str))
    for r, (name, eq) in enumerate((("eqD4_m1", "D4"), ("eqD5_m1", "D5"),
                                    ("eqD4_m2", "D4"), ("eqD5_m2", "D5"))):
        X = "m2y"
        expr = sum(A[r, k] * correlation(b, X) for k, b in enumerate(FACTORS))
        out.append(make(
            name, equation=eq, title=f"regression equation of ⟨{FACTORS[r]}(τ) X(0)⟩",
            lhs=sp.Symbol(f"dG_{FACTORS[r]}_dtau"), expr=sp.expand(expr),
            args=tuple(sorted(expr.free_symbols, key=str)),
            printed=_printed_D45(r, X),
            steps=(Step("D4", "regression matrix A (rows/columns m1x, m1y, m2x, m2y)", A,
                        name="regression"),
                   Step("", "equal-time covariance G₀ = ⟨v vᵀ⟩ in the order-2 variables", G0,
                        name="covariance"),
                   Step("", "quadratic form of the power per pair", w, name="weights"),
                   Step("", "arguments of the regression matrix", sp.Tuple(*args_A),
                        name="regression_args")),
            check=ck.variance_check, dims=False,
            notes="Derived from (47) by the regression theorem with the order-2 closure. The "
                  "print puts ℓ̄ on every factor, so the drive term couples a cloud's x to its "
                  "own y; the derivation couples m_ℓ^x(τ) to the other cloud's m_ℓ̄^y(τ) with "
                  "the factor ⟨m_ℓ^z⟩ (as in (47))."))
    del system
    return out


def _printed_D45(row: int, X: str) -> sp.Expr:
    """(D4)/(D5) as printed: every label ℓ̄ (the equation of cloud ℓ̄ in its own terms)."""
    site = row // 2
    ax = "xy"[row % 2]
    me, other = f"m{site + 1}{ax}", f"m{site + 1}{'y' if ax == 'x' else 'x'}"
    mz = _single(f"m{site + 1}z")
    bE = (sp.Symbol("beta_1", positive=True) * E1, sp.Symbol("beta_2", positive=True) * E2)[site]
    sign = 1 if ax == "x" else -1
    return (sign * omega0 / 2 * correlation(other, X) * mz
            + Gamma0 / 2 * correlation(me, X) * mz - Gamma0 / bE * correlation(me, X))

"""Superradiance and superabsorption (Eqs. 15–18): L qubits, H = ω_q J_z (+ Ω J_z²), A = 2g J_x.

Chain:

1. Eigenoperators of H_SR = ω_q J_z: [H, J_∓] = ∓ω_q J_∓ (collective-spin algebra), so
   A = 2gJ_x = gJ_− + gJ_+ has Bohr frequencies ±ω_q and Λ = Γ(ω_q) gJ_− + Γ(−ω_q) gJ_+.
2. (7–8) J = ⟨O⟩ + c.c. with O ordered by the spin commutators
   (:func:`dickeheat.symbolic.redfield.redfield_current_operator`), Γ(ν) = S(ν)/2 + iΔ(ν).
3. Dicke matrix elements (:func:`dickeheat.symbolic.spin.eigenvalue`, SymPy's qapply) in
   |J, M⟩: J(0) = −g²ω_q[S(ω_q)(J+M)(J−M+1) − S(−ω_q)(J−M)(J+M+1)]; the Lamb shifts Δ cancel.
4. Zero temperature: detailed balance S(−ω) = e^{−ω/T}S(ω) → 0; J = L/2, M = 1/2 and
   γ_0 ≡ g²S(ω_q) give (17).
5. (13) the Bohr frequencies of A are ±ω_q: ΔE = ω_q; ‖A‖ = 2g‖J_x‖ = gL; Bound 2 = 2Ξω_q g²L².
6. |J(0)|/Bound 2 = η(L+1)²/(4L²) with η = S(ω_q)/(2Ξ) <= 1, → η/4 as L → ∞.
7. (18) H_SA = ω_q J_z + ΩJ_z²: E(M) from the Dicke eigenvalues, gap(M) = E(M) − E(M−1);
   the bottom gap |−L/2⟩ → |−L/2+1⟩ is ω_q − (L−1)Ω (the paper prints ω_q + (L−1)Ω).
   ΔE of Eq. (13) is derived, not chosen: A = 2gJ_x connects only M ↔ M − 1 (its Dicke matrix
   elements), so ΔE = max_{−L/2 < M <= L/2} |gap(M)|; d gap/dM = 2Ω > 0, so the maximum of
   |gap| is at an end of the ladder; the top gap ω_q + (L−1)Ω is positive and top² − bottom² =
   (top − bottom)(top + bottom) = 2(L−1)Ω · 2ω_q >= 0, so ΔE = ω_q + (L−1)Ω. Each of these
   facts is established by SymPy inside the chain (the chain stops otherwise).
"""

from __future__ import annotations

import dataclasses
import functools

import sympy as sp
from sympy.physics.quantum import Operator

from dickeheat.derivations.kamimura2023 import general
from dickeheat.derivations.kamimura2023.checks import superradiance as checks
from dickeheat.derivations.kamimura2023.symbols import (
    CURRENT,
    RATE,
    Jq,
    L,
    M,
    Omega,
    S_minus,
    S_plus,
    Xi,
    eta,
    g,
    gamma0,
    make,
    omega_q,
)
from dickeheat.errors import DickeheatError
from dickeheat.symbolic.algebra import collect_monomials
from dickeheat.symbolic.bounds import bound2, collective_spin_norm
from dickeheat.symbolic.redfield import (
    eigenoperator_frequency,
    redfield_current_operator,
)
from dickeheat.symbolic.result import Result, Step
from dickeheat.symbolic.spin import (
    JM,
    JP,
    JZ,
    collective_spin_algebra,
    eigenvalue,
    matrix_element,
)

__all__ = ["SuperradianceChain", "chain", "results"]

T = sp.Symbol("T", positive=True)

@dataclasses.dataclass(frozen=True)
class SuperradianceChain:
    """The objects of the superradiance and superabsorption chain (all SymPy expressions;
    see the module docstring for the steps)."""

    bohr: sp.Expr
    O: sp.Expr
    J_general_raw: sp.Expr
    J_dicke: sp.Expr
    S_minus_T0: sp.Expr
    J17_S: sp.Expr
    J17: sp.Expr
    dE: sp.Expr
    norm_A: sp.Expr
    bound2: sp.Expr
    ratio_gamma0: sp.Expr
    ratio: sp.Expr
    ratio_limit: sp.Expr
    E_sa: sp.Expr
    gap: sp.Expr
    gap_bottom: sp.Expr
    gap_top: sp.Expr
    gap_diff: sp.Expr
    connected: sp.Expr
    gap_slope: sp.Expr
    dE_sa: sp.Expr
    bound2_sa: sp.Expr
    bound2_sa_exponent: sp.Expr


@functools.cache
def chain() -> SuperradianceChain:
    """Run the superradiance chain (cached)."""
    alg = collective_spin_algebra()
    H = omega_q * JZ
    # 1. eigenoperators
    w_minus = eigenoperator_frequency(H, JM, alg)
    w_plus = eigenoperator_frequency(H, JP, alg)
    comps = [(w_minus, g * JM), (w_plus, g * JP)]
    # 2. the current operator with Γ(ν) = S(ν)/2 + iΔ(ν)
    D_plus, D_minus = sp.symbols("Delta_+ Delta_-", real=True)
    spec = {w_minus: (S_plus, D_plus), w_plus: (S_minus, D_minus)}
    O, _ = redfield_current_operator(H, comps, lambda w: spec[w][0] / 2 + sp.I * spec[w][1],
                                     alg, Operator("rho"))
    # 3. Dicke expectation values
    mono = collect_monomials(O)
    val = sp.Add(*[coef * eigenvalue(k, Jq, M) for k, coef in mono.items()])
    J_general = sp.expand(val + sp.conjugate(val))
    J_dicke = sp.collect(sp.factor_terms(J_general), [S_plus, S_minus], func=sp.factor)
    # 4. zero temperature and (17)
    balance = sp.exp(-omega_q / T) * S_plus
    S_minus_T0 = sp.limit(balance, T, 0, "+")
    J_T0 = J_dicke.subs(S_minus, S_minus_T0)
    J17_S = sp.factor(J_T0.subs({Jq: L / 2, M: sp.Rational(1, 2)}))
    J17 = sp.factor(J17_S.subs(S_plus, gamma0 / g**2))
    # 5. ΔE, norms, Bound 2
    dE = sp.Max(*[sp.Abs(w) for w, _ in comps])
    norm_A = 2 * g * collective_spin_norm("x", L)
    b2 = sp.factor(bound2(sp.Matrix([[Xi]]), [dE], [norm_A]))
    # 6. ratio: γ_0 = g² S(ω_q) = 2η g² Ξ
    ratio_gamma0 = sp.factor(-J17 / b2)
    ratio = sp.factor(ratio_gamma0.subs(gamma0, 2 * eta * g**2 * Xi))
    # 7. superabsorption
    H_sa = omega_q * JZ + Omega * JZ**2
    E = sp.expand(eigenvalue(H_sa, Jq, M))
    gap = sp.expand(E - E.subs(M, M - 1))
    # which levels 2gJ_x = g(J_+ + J_−) connects: ⟨M'|J_±|M⟩ ≠ 0 only for M' = M ± 1
    Mp = sp.Symbol("M'", real=True)
    connected = sp.Tuple(*[sp.simplify(matrix_element(op, Jq, Mp, Jq, M))
                           for op in (JP, JM)])
    for op in (JP, JM):
        for other in (0, 2, -2):  # a diagonal or a two-step element must vanish
            if sp.simplify(matrix_element(op, Jq, M + other, Jq, M)) != 0:
                raise DickeheatError("2gJ_x connects levels other than M ± 1")
    slope = sp.diff(gap, M)
    bottom = sp.expand(gap.subs(M, -Jq + 1).subs(Jq, L / 2))
    top = sp.expand(gap.subs(M, Jq).subs(Jq, L / 2))
    diff_factors = (sp.factor(top - bottom), sp.factor(top + bottom))
    n_above = sp.Symbol("n", integer=True, nonnegative=True)  # L = 1 + n, L >= 1

    def sign_known(e: sp.Expr, attr: str) -> bool:
        return bool(getattr(sp.expand(e.subs(L, 1 + n_above)), attr))

    if not (slope.is_positive and sign_known(top, "is_positive")
            and all(sign_known(f, "is_nonnegative") for f in diff_factors)):
        raise DickeheatError("the largest gap of H_SA is not established: slope "
                             f"{slope}, top {top}, top ∓ bottom {diff_factors}")
    b2_sa = sp.factor(bound2(sp.Matrix([[Xi]]), [top], [norm_A]))
    return SuperradianceChain(
        bohr=sp.Tuple(w_minus, w_plus), O=O, J_general_raw=J_general, J_dicke=J_dicke,
        S_minus_T0=S_minus_T0, J17_S=J17_S, J17=J17, dE=dE, norm_A=norm_A, bound2=b2,
        ratio_gamma0=ratio_gamma0, ratio=ratio, ratio_limit=sp.limit(ratio, L, sp.oo),
        E_sa=E, gap=gap, gap_bottom=bottom, gap_top=top,
        gap_diff=sp.Mul(*diff_factors, evaluate=False),  # top² − bottom² >= 0 (required)
        connected=connected, gap_slope=slope, dE_sa=top, bound2_sa=b2_sa,
        bound2_sa_exponent=sp.limit(sp.log(b2_sa) / sp.log(L), L, sp.oo),
    )


def results() -> list[Result]:
    """The superradiance and superabsorption results."""
    ch = chain()
    # the registered general Bound 2: the reference the model bound checks evaluate
    b2_general = next(r for r in general.results() if r.name.endswith(".bound2"))
    s_common = (
        Step("15–16", "Bohr frequencies of gJ_− and gJ_+ under ω_q J_z", ch.bohr),
        Step("7–8", "current operator O (J = ⟨O⟩ + c.c.), Γ(ν) = S(ν)/2 + iΔ(ν)", ch.O),
        Step("", "⟨O⟩ + c.c. in the Dicke state |J, M⟩ (Δ cancels)", ch.J_dicke),
    )
    dicke_args = (g, omega_q, S_plus, S_minus, Jq, M)
    return [
        make(
            "J_dicke", equation="15–17",
            title="Redfield heat current from a Dicke state |J, M⟩ for A = 2gJ_x (any bath)",
            lhs=sp.Symbol("J(0)"), expr=ch.J_dicke, args=dicke_args, steps=s_common,
            expected=CURRENT, check=checks.dicke_current_check,
            notes="S_± = S(±ω_q) with S(ν) = ∫ C(s) e^{iνs} ds; the Lamb shift drops out.",
        ),
        make(
            "J_superradiance", equation="17",
            title="superradiant heat current from |M = 1/2⟩ into a zero-temperature bath",
            lhs=sp.Symbol("J(0)"), expr=ch.J17, args=(gamma0, omega_q, L),
            steps=s_common + (
                Step("17", "detailed balance, T → 0: S(−ω_q)", ch.S_minus_T0),
                Step("17", "J = L/2, M = 1/2", ch.J17_S),
                Step("17", "γ_0 ≡ g² S(ω_q)", ch.J17)),
            printed=-sp.Rational(1, 4) * gamma0 * omega_q * (L + 1) ** 2,
            expected=CURRENT, check=checks.superradiance_check,
            notes="γ_0 is identified as g² S(ω_q); L odd (M = 1/2 must be a Dicke level).",
        ),
        make(
            "dE_superradiance", equation="13, text after 16",
            title="energy window ΔE of the collective coupling 2gJ_x",
            lhs=sp.Symbol("Delta_E"), expr=ch.dE, args=(omega_q,),
            steps=(s_common[0],), printed=omega_q, expected=RATE,
            check=checks.dE_superradiance_check,
        ),
        make(
            "bound2_superradiance", equation="14 (superradiance)",
            title="Bound 2 for superradiance: 2Ξ ω_q ‖A‖² with ‖A‖ = gL",
            lhs=sp.Symbol("B_2"), expr=ch.bound2, args=(Xi, omega_q, g, L),
            steps=(Step("16", "‖2gJ_x‖", ch.norm_A, name="norm_A"),),
            expected=CURRENT,
            check=functools.partial(checks.bound2_superradiance_check, b2_general),
        ),
        make(
            "superradiance_bound2_ratio", equation="14, 17",
            title="|J(0)| / Bound 2 for superradiance, η = S(ω_q)/(2Ξ) <= 1",
            lhs=sp.Symbol("|J(0)|/B_2"), expr=ch.ratio, args=(eta, L),
            steps=(Step("", "in terms of γ_0", ch.ratio_gamma0),
                   Step("", "L → ∞", ch.ratio_limit)),
            check=functools.partial(checks.ratio_check, b2_general),
            notes="η <= 1 because |∫C(s)e^{iνs}ds| <= ∫|C(s)|ds = 2Ξ; the ratio tends to η/4 "
                  "<= 1/4, so superradiance reaches Bound 2 up to a factor 4 (the paper: "
                  "'saturates ... in terms of scaling').",
        ),
        make(
            "superradiance_ratio_limit", equation="14, 17",
            title="lim_{L→∞} |J(0)| / Bound 2 for superradiance",
            lhs=sp.Symbol("lim |J(0)|/B_2"), expr=ch.ratio_limit, args=(eta,),
            check=functools.partial(checks.limit_check, b2_general),
        ),
        make(
            "superabsorption_gap", equation="text after 18",
            title="energy difference between |−L/2⟩ and |−L/2 + 1⟩ under H_SA",
            lhs=sp.Symbol("E(-L/2+1) - E(-L/2)"), expr=ch.gap_bottom,
            args=(omega_q, Omega, L),
            steps=(Step("18", "E(M) of ω_q J_z + ΩJ_z²", ch.E_sa),
                   Step("18", "gap(M) = E(M) − E(M−1)", ch.gap)),
            printed=omega_q + (L - 1) * Omega, expected=RATE,
            check=checks.superabsorption_gap_check,
            notes="The printed ω_q + (L−1)Ω is the gap at the top of the ladder "
                  "(|L/2−1⟩ → |L/2⟩), not at the bottom; both give ΔE = Θ(L).",
        ),
        make(
            "superabsorption_dE", equation="13, text after 18",
            title="energy window ΔE of 2gJ_x under H_SA (Ω > 0): the largest gap",
            lhs=sp.Symbol("Delta_E"), expr=ch.dE_sa, args=(omega_q, Omega, L),
            steps=(Step("13", "⟨M'|J_+|M⟩, ⟨M'|J_−|M⟩: 2gJ_x connects only M ↔ M ± 1",
                        ch.connected),
                   Step("18", "gap(M) = E(M) − E(M−1)", ch.gap),
                   Step("18", "d gap/dM (> 0: |gap| is largest at an end of the ladder)",
                        ch.gap_slope),
                   Step("18", "top gap² − bottom gap² = (top − bottom)(top + bottom) >= 0",
                        ch.gap_diff),
                   Step("13", "ΔE = the top gap", ch.dE_sa)),
            expected=RATE, check=checks.superabsorption_dE_check,
            notes="Ω > 0 as in the paper; the top gap is the largest for every L >= 1 "
                  "(required in the derivation).",
        ),
        make(
            "bound2_superabsorption", equation="14 (superabsorption)",
            title="Bound 2 for superabsorption (Θ(L³))",
            lhs=sp.Symbol("B_2"), expr=ch.bound2_sa, args=(Xi, omega_q, Omega, g, L),
            steps=(Step("18", "lim log B_2 / log L", ch.bound2_sa_exponent),),
            expected=CURRENT,
            check=functools.partial(checks.bound2_superabsorption_check, b2_general),
        ),
    ]

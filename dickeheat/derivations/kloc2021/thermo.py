r"""Thermodynamic consistency (Eqs. (15), (18)–(20), App. F) of the three-level refrigerator.

* First law (15): the stationary currents of the three baths of (G1), each from the recipe (11)
  (:math:`I_\nu = \sum_{a\ne b}(E_a - E_b)W^\nu_{ab}p_b`), sum to zero; along the single cycle
  :math:`I_w = 2I_c`, :math:`I_h = -3I_c`.
* Entropy production (18): :math:`\sigma_i = -\sum_\nu\beta_\nu I_\nu = J\mathcal A` with the
  cycle flux :math:`J = I_c/\varepsilon_c = I_c/(2\Omega) = (k_+ - k_-)/D`,
  :math:`k_+/k_- = e^{\mathcal A}`, so
  :math:`\sigma_i = k_-\,\mathcal A(e^{\mathcal A} - 1)/D \ge 0` (both signs of
  :math:`\mathcal A` treated separately).
* TUR (19) for the :math:`n_w\to\infty` limit with (G4), (G5): sampled.
* COP bounds: (F1) and (F2)/(20) as inequality chains proved under the stated conditions.
"""

from __future__ import annotations

import dataclasses
import functools

import sympy as sp

from dickeheat.derivations.kloc2021 import reduced
from dickeheat.derivations.kloc2021.checks import thermo as checks
from dickeheat.derivations.kloc2021.symbols import (
    CURRENT,
    PAPER,
    G_c,
    G_h,
    G_w,
    Omega,
    beta_c,
    beta_h,
    beta_w,
    make,
    n_c,
    n_h,
    n_w,
    s,
)
from dickeheat.symbolic.counting import stationary_state
from dickeheat.symbolic.inequality import InequalityChain, InequalityResult, Link
from dickeheat.symbolic.result import Result, Step, require_zero

__all__ = ["ThermoChain", "chain", "results"]

I_c, I_h, I_w = sp.symbols("I_c I_h I_w", real=True)
S_c = sp.Symbol("S_c", positive=True)
sig = sp.Symbol("sigma_i", nonnegative=True)
Dbeta = sp.Symbol("Delta_beta", positive=True)  # β_c − β_h > 0
Ic_p, Iw_p = sp.symbols("I_c I_w", positive=True)  # cooling regime
tau = sp.Symbol("tau", nonnegative=True)  # TUR slack: σ = 2 I_c²/S + τ
bw0 = sp.Symbol("beta_w", nonnegative=True)


@dataclasses.dataclass(frozen=True)
class ThermoChain:
    currents: tuple[sp.Expr, sp.Expr, sp.Expr]
    sigma: sp.Expr
    affinity: sp.Expr
    tur_ratio: sp.Expr
    f1: InequalityChain
    f2: InequalityChain


def _sign_lemma() -> None:
    """x (e^x − 1) ≥ 0 for real x. For x = u > 0: e^u − 1 = ∫_0^u e^t dt with a positive
    integrand; for x = −u: x(e^x − 1) = u (1 − e^{−u}) = u ∫_0^u e^{−t} dt. SymPy evaluates the
    integrals and decides the signs of the integrands."""
    u = sp.Symbol("u", positive=True)
    tt = sp.Symbol("t", positive=True)
    for integrand, factor in ((sp.exp(tt), sp.exp(u) - 1), (sp.exp(-tt), 1 - sp.exp(-u))):
        require_zero("e^x − 1 as an integral", sp.integrate(integrand, (tt, 0, u)) - factor)
        if not integrand.is_positive:
            raise ValueError("sign lemma: integrand not positive")


@functools.cache
def chain() -> ThermoChain:
    R = reduced.three_level_matrix().subs(s, 0)
    p = stationary_state(R)
    E = reduced.level_energies()  # E_{1/2}, E_{3/2}, E_{5/2} from the derived spectrum
    eps_c, eps_h, eps_w = E[1] - E[0], E[2] - E[0], E[2] - E[1]
    pairs = {"c": ((1, 0), (0, 1)), "h": ((2, 0), (0, 2)), "w": ((2, 1), (1, 2))}
    cur = {}
    for nu, links in pairs.items():
        cur[nu] = sp.factor(sum((E[a] - E[b]) * R[a, b] * p[b] for a, b in links))
    require_zero("first law I_c + I_h + I_w = 0", cur["c"] + cur["h"] + cur["w"])
    require_zero("cycle: I_w/ε_w = I_c/ε_c", sp.factor(cur["w"] / eps_w - cur["c"] / eps_c))
    # entropy production with thermal occupations
    therm = {n_c: 1 / (sp.exp(eps_c * beta_c) - 1), n_h: 1 / (sp.exp(eps_h * beta_h) - 1),
             n_w: 1 / (sp.exp(eps_w * beta_w) - 1)}
    sigma = -(beta_c * cur["c"] + beta_h * cur["h"] + beta_w * cur["w"])
    # cycle 1/2 → 3/2 (cold) → 5/2 (work) → 1/2 (hot): J = I_c/ε_c, affinity Σ ±β_ν ε_ν
    A = beta_h * eps_h - beta_c * eps_c - beta_w * eps_w
    J = cur["c"] / eps_c
    require_zero("σ = J A with J = I_c/ε_c", sp.factor(sigma - J * A))
    k_plus = G_c * n_c * G_w * n_w * G_h * (1 + n_h)
    k_minus = G_c * (1 + n_c) * G_w * (1 + n_w) * G_h * n_h
    require_zero("k+/k- = e^A", sp.simplify((k_plus / k_minus).subs(therm) - sp.exp(A)))
    D = sp.denom(sp.together(p[0]))
    require_zero("J = (k+ − k−)/D", sp.factor(J - (k_plus - k_minus) / D))
    _sign_lemma()
    sigma_thermal = sigma.subs(therm)
    # TUR ratio in the n_w → ∞ limit (β_w → 0: β_w I_w → 0 with I_w = 2 I_c finite)
    rc = reduced.chain()
    tur = sp.factor(rc.noise * sp.expand(A / eps_c).subs(beta_w, 0) / rc.current)
    # COP chains (β_c = β_h + Δβ, I_c, I_w > 0, σ ≥ 0, β_w ≥ 0)
    kappa = Ic_p / Iw_p
    bc = beta_h + Dbeta
    Ih = -Ic_p - Iw_p  # first law
    sigma_def = -bc * Ic_p - beta_h * Ih - bw0 * Iw_p
    bracket = -(bc - bw0) * Ic_p - (beta_h - bw0) * Ih
    require_zero("[...] of (F1) = σ_i", bracket - sigma_def)
    line2 = beta_h * Ic_p / (bracket + bw0 * Iw_p + Dbeta * Ic_p)
    require_zero("(F1) second line = κ", line2 - kappa)
    f1 = InequalityChain((
        Link(beta_h * Ic_p / (sig + bw0 * Iw_p + Dbeta * Ic_p), "=",
             "κ = I_c/I_w rewritten with (15) and (18); [...] = σ_i ≥ 0"),
        Link(beta_h * Ic_p / (bw0 * Iw_p + Dbeta * Ic_p), "<=", "drop σ_i ≥ 0"),
        Link(beta_h / Dbeta, "<=", "drop β_w I_w ≥ 0"),
    ))
    f2 = InequalityChain((
        Link(beta_h * Ic_p / (2 * Ic_p**2 / S_c + tau + bw0 * Iw_p + Dbeta * Ic_p), "=",
             "κ with σ_i = 2 I_c²/S_c + τ, τ ≥ 0 (TUR (19))"),
        Link(beta_h * Ic_p / (2 * Ic_p**2 / S_c + tau + Dbeta * Ic_p), "<=", "drop β_w I_w ≥ 0"),
        Link(beta_h * Ic_p / (2 * Ic_p**2 / S_c + Dbeta * Ic_p), "<=", "drop τ ≥ 0 (use the TUR)"),
        Link(beta_h / Dbeta / (1 + 2 * Ic_p / (S_c * Dbeta)), "=", "κ_Ca/(1 + 2 I_c/(S_c Δβ))"),
    ))
    for ch in (f1, f2):
        if ch.verify()[0] != "proved":
            raise ValueError(f"COP chain not proved: {ch.verify()}")
    return ThermoChain((cur["c"], cur["h"], cur["w"]), sigma_thermal, A, tur, f1, f2)


def results() -> list[Result]:
    c = chain()
    args3 = (Omega, G_c, G_h, G_w, n_c, n_h, n_w)
    kap_ca = beta_h / (beta_c - beta_h)
    f1_final = c.f1.last.subs(Dbeta, beta_c - beta_h)
    f2_final = c.f2.last.subs({Dbeta: beta_c - beta_h, Ic_p: I_c})
    return [
        make("first_law", equation="15",
             title="cold current = −(hot + work currents), three levels",
             lhs=sp.Symbol("I_E^c"), expr=c.currents[0], args=args3,
             printed=-(c.currents[1] + c.currents[2]), printed_source="derivation",
             expected=CURRENT,
             steps=(Step("11", "hot current", c.currents[1], name="I_h"),
                    Step("11", "work current", c.currents[2], name="I_w")),
             check=checks.first_law_check,
             notes="Currents of (G1) at finite n_w by the recipe (11); (15) prints only "
                   "I_c + I_h + I_w = 0, so printed = −(I_h + I_w) of the same derivation "
                   "(consistent, not a comparison with a printed formula). Along the single "
                   "cycle I_w = 2 I_c and I_h = −3 I_c (derived)."),
        InequalityResult(
            name="kloc2021.entropy_production", equation="18",
            title="entropy production σ_i = −Σ β_ν I_ν ≥ 0 (three levels, thermal baths)",
            lhs=sp.Symbol("sigma_i"), expr=c.sigma,
            args=(Omega, G_c, G_h, G_w, beta_c, beta_h, beta_w),
            steps=(Step("18", "affinity 𝒜 of the cycle (σ_i = J 𝒜)", c.affinity, name="affinity"),),
            check=checks.entropy_check, verdict="proved",
            notes="Proved: σ_i = J 𝒜, J = (k₊ − k₋)/D with D > 0 and k₊/k₋ = e^𝒜, so "
                  "σ_i = k₋ 𝒜 (e^𝒜 − 1)/D ≥ 0 (x(e^x − 1) ≥ 0 for each sign of x, by "
                  "SymPy integrals with positive integrands). The check also samples σ_i ≥ 0 on "
                  "random parameters.",
            paper=PAPER, dims=None),
        InequalityResult(
            name="kloc2021.tur_ratio", equation="19",
            title="TUR ratio S σ_i / I² of the reduced model for n_w → ∞ (≥ 2, sampled)",
            lhs=sp.Symbol("Q"), expr=c.tur_ratio, args=(Omega, G_c, G_h, n_c, n_h, beta_c, beta_h),
            check=checks.tur_check, verdict="sampled",
            notes="Q = S_c (3β_h − β_c)/I_c with (G4), (G5) (σ_i = I_c(3β_h − β_c) when β_w → 0). "
                  "Sampling (in the check): 4000 log-uniform points, Ω = 1, Γ_c, Γ_h ∈ [1e-2, "
                  "1e2], β_h ∈ [1e-2, 5], β_c/β_h ∈ (1, 3) with thermal n_c, n_h; min Q ≥ 2 is "
                  "asserted. Only this closed form (n_w → ∞) is sampled; the check also "
                  "compares it with linear-solve numerics of the 3×3 model at "
                  "n_w = 1e7.",
            paper=PAPER, dims=None),
        InequalityResult(
            name="kloc2021.carnot_bound", equation="F1", title="Carnot bound on the COP",
            lhs=sp.Symbol("kappa_Ca"), expr=f1_final, args=(beta_c, beta_h), printed=kap_ca,
            inequality=c.f1, check=checks.carnot_check, verdict="proved",
            steps=tuple(Step("F1", lk.reason, lk.expr) for lk in c.f1.links),
            notes="Chain (F1) proved by SymPy under β_c − β_h > 0, I_c, I_w > 0, σ_i ≥ 0, β_w ≥ 0.",
            paper=PAPER, dims=None),
        InequalityResult(
            name="kloc2021.tur_cop_bound", equation="20, F2", title="TUR bound κ̄ on the COP",
            lhs=sp.Symbol("kappabar"), expr=f2_final, args=(beta_c, beta_h, I_c, S_c),
            printed=kap_ca / (1 + 2 * I_c / (S_c * (beta_c - beta_h))), inequality=c.f2,
            check=checks.tur_cop_check, verdict="proved",
            steps=tuple(Step("F2", lk.reason, lk.expr) for lk in c.f2.links),
            notes="Chain (F2) proved by SymPy given the TUR (19) (σ_i ≥ 2I_c²/S_c), itself only "
                  "sampled here.", paper=PAPER, dims=None),
    ]

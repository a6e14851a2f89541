r"""Superradiant relaxation with one bath (App. C) and supertransmittance with two (App. D).

* (C1): with one :math:`J_x`-coupled bath the rates are those of (7) with the elements of (8);
  at the boundary :math:`a = 1/2` the :math:`|a-1|` terms of (C1) cancel because
  :math:`\alpha_{-1/2}^+ = \alpha_{1/2}^-` (the identity :math:`\alpha_a^+ = \alpha_{-a}^-`).
* (C2)–(C3): at zero temperature the no-jump evolution gives the waiting-time density
  :math:`R e^{-R\tau}`, whose mean (SymPy integral) is :math:`1/R`; summing the decay times of
  the ladder gives (C3).
* (D1)–(D2): the two lowest levels with a cold and a work bath; the current from the dominant
  eigenvalue of :math:`R(\chi)`.
"""

from __future__ import annotations

import dataclasses
import functools

import sympy as sp

from dickeheat.derivations.kloc2021 import elements, symmetry
from dickeheat.derivations.kloc2021.checks import relaxation as checks
from dickeheat.derivations.kloc2021.symbols import (
    CURRENT,
    G_c,
    G_w,
    N,
    Omega,
    a,
    j,
    make,
    n_c,
    n_w,
    s,
)
from dickeheat.symbolic.counting import (
    characteristic_polynomial,
    counting_rate_matrix,
    polynomial_cumulants,
)
from dickeheat.symbolic.result import Result, Step, require_zero

__all__ = ["RelaxationChain", "chain", "results"]

Gam = sp.Symbol("Gamma_gap", positive=True)  # Γ at the relevant gap
Gb = sp.Symbol("Gamma(2Omega)", positive=True)
tau = sp.Symbol("tau", positive=True)
R_sym = sp.Symbol("R", positive=True)


@dataclasses.dataclass(frozen=True)
class RelaxationChain:
    boundary: sp.Expr  # α^+_{-1/2} − α^-_{1/2}
    mean_wait: sp.Expr  # ∫ τ R e^{-Rτ} dτ
    decay_rate: sp.Expr  # R_{a-1,a} at T = 0 with Γ at the gap
    wait_step: sp.Expr  # ⟨τ_{a−1,a}⟩
    gap: sp.Expr  # E_a − E_{a−1}
    d1_rate: sp.Expr
    d2_current: sp.Expr
    ladder_time: sp.Expr  # Σ_{a=3/2}^{N/2} ⟨τ_{a−1,a}⟩ for constant Γ
    ladder_asymptote: sp.Expr  # lim ladder_time · N / ln N


@functools.cache
def chain() -> RelaxationChain:
    half = sp.Rational(1, 2)
    boundary = require_zero("α^+_{-1/2} = α^-_{1/2}",
                            elements.alpha_plus(-half) - elements.alpha_minus(half))
    m = sp.Symbol("m", real=True)
    require_zero("α_m^+ = α_{-m}^-", elements.alpha_plus(m) - elements.alpha_minus(-m))
    mean_wait = sp.integrate(tau * R_sym * sp.exp(-R_sym * tau), (tau, 0, sp.oo))
    el = elements.chain()
    # T = 0: only emission, γ(ω > 0) = Γ(ω); decay a → a − 1 through J_x
    energy = symmetry.chain().energy  # E_a (derived spectrum)
    gap = sp.expand(energy - energy.subs(a, a - 1))
    decay = sp.expand(Gam * el.jx_down.subs(elements.b, a) ** 2).subs(j, N / 2)
    wait = sp.factor(mean_wait.subs(R_sym, decay))
    # App. D: two lowest levels, cold (counted, ±2Ω) and work bath, both through J_x
    # cold bath counted (increments ±2Ω), work bath uncounted
    Wc = sp.Matrix([[0, G_c * (1 + n_c)], [G_c * n_c, 0]])
    Ww = sp.Matrix([[0, G_w * (1 + n_w)], [G_w * n_w, 0]])
    low_gap = energy.subs(a, 3 * half) - energy.subs(a, half)  # E_{3/2} − E_{1/2}
    D = sp.Matrix([[0, -low_gap], [low_gap, 0]])
    R = counting_rate_matrix(Wc, D, s) + counting_rate_matrix(Ww, sp.zeros(2, 2), s)
    P, lam = characteristic_polynomial(R, s)
    (cur,) = polynomial_cumulants(P, lam, s, 1)
    d1_rate = sp.expand(Gb * el.jx_up.subs(elements.b, half) ** 2).subs(j, N / 2)
    # (C3) with a_0 = N/2 and constant Γ: N = 2M + 1, a = k + 1/2, partial fractions in k,
    # each part summed after shifting the index onto 1/k
    M = sp.Symbol("M", positive=True, integer=True)
    k = sp.Symbol("k", integer=True)
    term = sp.factor(wait.subs({N: 2 * M + 1, a: k + half}))
    total = sp.S.Zero
    for part in sp.Add.make_args(sp.apart(term, k)):
        coeff, den = part.as_independent(k)
        lin = sp.Poly(1 / den, k)  # den = 1/(c1 k + c0)
        c1, c0 = lin.all_coeffs()
        if (c1 + c0).subs(M, 1) <= 0:  # first denominator negative: flip the sign
            c1, c0, coeff = -c1, -c0, -coeff
        shifted = sp.Sum(1 / (c1 * k + c0), (k, 1, M)).change_index(k, c1 * k + c0)
        (_, lo, hi) = shifted.limits[0]
        if abs(c1) != 1 or sp.simplify(shifted.function - 1 / shifted.limits[0][0]) != 0:
            raise ValueError("unexpected partial fraction")
        kk = sp.Symbol("kk", integer=True, positive=True)
        total += coeff * (sp.summation(1 / kk, (kk, 1, hi)) - sp.summation(1 / kk, (kk, 1, lo - 1)))
    ladder = sp.simplify(total.subs(M, (N - 1) / 2))
    asym = sp.limit(ladder.rewrite(sp.digamma) * N / sp.log(N), N, sp.oo)
    return RelaxationChain(boundary, mean_wait, sp.expand(decay), wait, gap, sp.expand(d1_rate),
                           sp.factor(cur), ladder.rewrite(sp.digamma), asym)


def results() -> list[Result]:
    c = chain()
    half = sp.Rational(1, 2)
    return [
        make("zero_T_decay_rate", equation="C3", title="T = 0 decay rate R_{a−1,a} through J_x",
             lhs=sp.Symbol("R_{a-1,a}"), expr=c.decay_rate, args=(N, a, Gam), dims=False,
             printed=Gam / 4 * (N / 2 * (N / 2 + 1) - (a - 1) * a),
             steps=(Step("C1", "α^+_{−1/2} − α^-_{1/2} (vanishes: boundary terms of (C1) cancel)",
                         c.boundary),
                    Step("C3", "gap E_a − E_{a−1}", c.gap, name="gap")),
             check=checks.decay_rate_check,
             notes="Γ_gap = Γ((2a − 1)Ω), the spectral density at the gap. App. C prints "
                   "R_{a,a+1} = Γ(E_{a+1} − E_a)/4 [N/2(N/2+1) − a(a+1)], the same rate with "
                   "a → a − 1."),
        make("waiting_time", equation="C2, C3", title="mean waiting time ⟨τ_{a−1,a}⟩ at T = 0",
             lhs=sp.Symbol("<tau_{a-1,a}>"), expr=c.wait_step, args=(N, a, Gam), dims=False,
             printed=4 / (Gam * (N / 2 * (N / 2 + 1) - a * (a - 1))),
             steps=(Step("C2", "∫ τ R e^{−Rτ} dτ", c.mean_wait, name="mean_wait"),),
             check=checks.waiting_time_check,
             notes="(C3) is the sum of these over a = 3/2 … a_0 (the upper limit is printed "
                   "once as m_0 and once as a_0). The check compares the sum with the mean "
                   "first-passage time to the ground state of the numerical T = 0 rate matrix."),
        make("D1_rate", equation="D1", title="effective two-level rate Γ_c^eff of App. D",
             lhs=G_c, expr=c.d1_rate, args=(N, Gb),
             printed=Gb / 4 * (N / 2 * (N / 2 + 1) - 3 * half**2),
             check=checks.d1_check, dims=False,
             notes="Agrees with App. D; contrast with the (G2) print, which has N/2(N/2 − 1)."),
        make("D2_current", equation="D2", title="two-bath cold current (supertransmittance)",
             lhs=sp.Symbol("I_E^c"), expr=c.d2_current, args=(Omega, G_c, G_w, n_c, n_w),
             printed=-2 * Omega * G_c * G_w * (n_w - n_c)
             / (G_c * (1 + 2 * n_c) + G_w * (1 + 2 * n_w)),
             expected=CURRENT, check=checks.d2_check,
             notes="Sign change under β_c ↔ β_w (n_c ↔ n_w) holds; the magnitude changes unless "
                   "Γ_c^eff = Γ_w^eff (rectification), as stated."),
        make("ladder_relaxation_time", equation="C3",
             title="⟨τ⟩ from the top state a_0 = N/2 with constant Γ", lhs=sp.Symbol("<tau>"),
             expr=c.ladder_time, args=(N, Gam), dims=False, check=checks.ladder_check,
             notes="(C3) summed in closed form (partial fractions, harmonic numbers). For large N "
                   "⟨τ⟩ ≈ 4 ln N/(Γ N) (see ladder_log_coefficient): the text's 'may for roughly "
                   "constant Γ(ω) still scale as 1/N' misses a logarithmic factor ln N."),
        make("ladder_log_coefficient", equation="C3",
             title="lim_{N→∞} ⟨τ⟩ N / ln N for a_0 = N/2 and constant Γ", lhs=sp.Symbol("c_tau"),
             expr=c.ladder_asymptote, args=(Gam,), dims=False, check=checks.ladder_slope_check,
             notes="Nonzero and finite, so ⟨τ⟩ ∝ ln N / N, not 1/N as the text after (C3) says."),
    ]

r"""Spectral density, bath correlation function and Pauli rates (Eqs. (4), (5), (7), (16), (17)).

Input: the spectral density (5). Derived: its odd continuation, the exact position of its
maximum (a quadratic in :math:`\omega^2`) and the :math:`\delta \to 0` limits of position and
height; :math:`\gamma(\omega) = \Gamma(\omega)[1 + n(\omega)]` for both signs of
:math:`\omega` from the emission/absorption parts of a thermal bosonic bath, hence
:math:`\gamma(-\omega) = \Gamma(\omega)n(\omega)` and the KMS ratio; the Pauli rates (7) with the
elements of :mod:`.elements`; local detailed balance (16) and local thermalisation (17).
"""

from __future__ import annotations

import dataclasses
import functools

import sympy as sp

from dickeheat.derivations.kloc2021 import elements, symmetry
from dickeheat.derivations.kloc2021.checks import rates as checks
from dickeheat.derivations.kloc2021.symbols import (
    ONE,
    RATE,
    Gbar,
    N,
    Omega,
    a,
    b,
    beta,
    delta,
    eps,
    j,
    make,
    omega,
)
from dickeheat.symbolic.result import Result, Step, require_zero

__all__ = ["RatesChain", "bose_n", "chain", "gamma_fn", "results", "spectral_density"]


def spectral_density(w: sp.Expr, G: sp.Expr = Gbar, e: sp.Expr = eps,
                     d: sp.Expr = delta) -> sp.Expr:
    """Eq. (5): the model's spectral density (the input)."""
    return 4 * G * e * d**2 * w / (((w - e) ** 2 + d**2) * ((w + e) ** 2 + d**2))


def bose_n(w: sp.Expr, bt: sp.Expr = beta) -> sp.Expr:
    return 1 / (sp.exp(bt * w) - 1)


def gamma_fn(w: sp.Expr, bt: sp.Expr = beta, G: sp.Expr = Gbar, e: sp.Expr = eps,
             d: sp.Expr = delta) -> sp.Expr:
    """γ(ω) = Γ(ω)(1 + n(ω)) with the odd Γ (valid for both signs of ω, see the chain)."""
    return spectral_density(w, G, e, d) * (1 + bose_n(w, bt))


@dataclasses.dataclass(frozen=True)
class RatesChain:
    reflected: sp.Expr  # Γ(−ω)
    peak_s: sp.Expr  # ω_max²
    peak_position: sp.Expr
    peak_height: sp.Expr
    peak_position_limit: sp.Expr
    peak_height_limit: sp.Expr
    absorption: sp.Expr  # γ(−ω) for ω > 0
    kms: sp.Expr
    rate_up_x: sp.Expr  # R_{b+1, b} for A = J_x
    rate_up_x2: sp.Expr  # R_{b+2, b} for A = J_x²/N
    ldb: sp.Expr  # R_{b+1,b}/R_{b,b+1}
    ldb_exponent: sp.Expr  # ln R_{b+1,b}/R_{b,b+1}
    gibbs_ratio: sp.Expr  # p_a / p_b of the single-bath stationary state


@functools.cache
def chain() -> RatesChain:
    w = sp.Symbol("w", positive=True)
    G = spectral_density(omega)
    reflected = sp.factor(G.subs(omega, -omega))
    # maximum: d/dω [ω/D(ω)] = 0 with D a quadratic in ω² → quadratic in x = ω²
    x = sp.Symbol("x", positive=True)
    num = sp.numer(sp.together(sp.diff(spectral_density(w), w)))
    poly = sp.Poly(sp.expand(num).subs(w, sp.sqrt(x)), x)
    roots = [r for r in sp.solve(poly.as_expr(), x)
             if r.subs({eps: 1, delta: sp.Rational(1, 10)}).is_positive]
    if len(roots) != 1:
        raise ValueError("expected one positive stationary point of Γ(ω) for ω > 0")
    peak_s = sp.simplify(roots[0])
    peak_position = sp.sqrt(peak_s)
    peak_height = spectral_density(peak_position)
    pos_lim = peak_position.subs(delta, 0)  # continuous at δ = 0
    # Γ(ω_max)/Γ̄ depends on u = δ/ε only (homogeneity); its limit u → 0
    u = sp.Symbol("u", positive=True)
    height_lim = Gbar * sp.limit((peak_height / Gbar).subs({eps: 1, delta: u}), u, 0)
    # thermal bosonic bath: emission ∝ ⟨b b†⟩ = 1 + n(ω_k) at ω = +ω_k, absorption ∝ ⟨b† b⟩ =
    # n(ω_k) at ω = −ω_k; with the odd continuation both are Γ(ω)(1 + n(ω))
    absorption = sp.factor(sp.simplify(gamma_fn(-w)))  # γ(−ω) = Γ(−ω)(1 + n(−ω)), ω > 0
    kms = sp.simplify(absorption / gamma_fn(w))
    c = elements.chain()
    energy = symmetry.chain().energy  # E_a of the proper basis (derived spectrum)

    def E(m: sp.Expr) -> sp.Expr:
        return energy.subs(a, m)

    # Eq. (7): R_ab = γ(E_b − E_a)|⟨v_a|A|v_b⟩|², upward a = b + 1 (J_x) and a = b + 2 (J_x²/N)
    rate_up_x = gamma_fn(E(b) - E(b + 1)) * c.jx_up**2
    rate_up_x2 = gamma_fn(E(b) - E(b + 2)) * (c.jx2_up / N) ** 2
    ratio_el = sp.cancel(sp.expand(c.jx_up**2) / sp.expand(c.jx_down.subs(b, b + 1) ** 2))
    ratio_g = sp.powsimp(sp.factor(sp.cancel(sp.together(
        gamma_fn(E(b) - E(b + 1)) / gamma_fn(E(b + 1) - E(b))))))
    ldb = sp.factor_terms(sp.expand_power_base(ratio_el * ratio_g))
    # Eq. (17): the single-bath rate matrix of a chain of links k ↔ k + 1 (plus links k ↔ k + 2
    # obeying the same balance) is stationary on p with p_{k+1}/p_k = R_{k+1,k}/R_{k,k+1}
    # along every link (Kolmogorov's criterion holds since the ratios derive from one E), so
    # p_a/p_b = Π_{k=b}^{a−1} ldb(k): the product of exponentials telescopes in its exponent
    exponent = sp.expand_log(sp.log(ldb), force=True)
    require_zero("ldb = exp(exponent)", sp.simplify(sp.exp(exponent) - ldb))
    k = sp.Symbol("k", real=True)
    gibbs_ratio = sp.exp(sp.factor(sp.summation(exponent.subs(b, k), (k, b, a - 1))))
    require_zero("p_{b+1}/p_b = R_{b+1,b}/R_{b,b+1}", sp.simplify(gibbs_ratio.subs(a, b + 1)
                                                                   - ldb))
    # the J_x²/N links b → b + 2 balance with the same stationary ratio
    ratio2 = sp.powsimp(sp.factor(sp.cancel(sp.together(
        gamma_fn(E(b) - E(b + 2)) / gamma_fn(E(b + 2) - E(b))))))
    el2 = sp.cancel(sp.expand(c.jx2_up**2) / sp.expand(c.jx2_down.subs(b, b + 2) ** 2))
    require_zero("R_{b+2,b}/R_{b,b+2} = p_{b+2}/p_b",
                 sp.simplify(sp.expand_power_base(el2 * ratio2) - gibbs_ratio.subs(a, b + 2)))
    return RatesChain(reflected, peak_s, peak_position, peak_height, pos_lim, height_lim,
                      absorption, kms, rate_up_x, rate_up_x2, ldb, exponent,
                      gibbs_ratio)


def results() -> list[Result]:
    c = chain()
    w = sp.Symbol("w", positive=True)
    return [
        make("spectral_odd", equation="5", title="odd continuation Γ(−ω) of the spectral density",
             lhs=sp.Symbol("Gamma(-omega)"), expr=c.reflected, args=(Gbar, eps, delta, omega),
             printed=-spectral_density(omega), expected=RATE, check=checks.odd_check),
        make("peak_position", equation="5", title="exact position of the maximum of Γ(ω), ω > 0",
             lhs=sp.Symbol("omega_max"), expr=c.peak_position, args=(eps, delta), expected=RATE,
             steps=(Step("5", "ω_max² from d/dω Γ = 0 (quadratic in ω²)", c.peak_s),),
             check=checks.peak_position_check,
             notes=f"δ → 0 limit: {c.peak_position_limit} "
                   "(text: 'roughly has a maximum at ω = ε'). "
                   "Expansion: ω_max = ε + O(δ²/ε)."),
        make("peak_position_limit", equation="5", title="position of the maximum for δ → 0",
             lhs=sp.Symbol("omega_max"), expr=c.peak_position_limit, args=(eps,),
             printed=eps, expected=RATE, check=checks.peak_limit_check("position")),
        make("peak_height", equation="5", title="exact height of the maximum of Γ(ω)",
             lhs=sp.Symbol("Gamma_max"), expr=c.peak_height, args=(Gbar, eps, delta),
             expected=RATE, check=checks.peak_height_check,
             notes=f"δ → 0 limit: {c.peak_height_limit} (text: 'of height Γ̄')."),
        make("peak_height_limit", equation="5", title="height of the maximum for δ → 0",
             lhs=sp.Symbol("Gamma_max"), expr=c.peak_height_limit, args=(Gbar,),
             printed=Gbar, expected=RATE, check=checks.peak_limit_check("height")),
        make("gamma_absorption", equation="4, C1", title="γ(−ω) = Γ(ω) n(ω) for ω > 0",
             lhs=sp.Symbol("gamma(-omega)"), expr=c.absorption.subs(w, omega),
             args=(Gbar, eps, delta, beta, omega), expected=RATE,
             printed=spectral_density(omega) * bose_n(omega), check=checks.absorption_check,
             notes="Derived: γ(−ω) = Γ(−ω)(1 + n(−ω)) (γ(ω) = Γ(ω)(1 + n(ω)) of Eq. (4) with the "
                   "odd continuation of Γ, valid for both signs), simplified for ω > 0; "
                   "printed: Γ(ω) n(ω), as stated in App. C."),
        make("kms", equation="4", title="KMS ratio γ(−ω)/γ(ω)", lhs=sp.Symbol("r"),
             expr=c.kms.subs(w, omega), args=(beta, omega), printed=sp.exp(-beta * omega),
             expected=ONE, check=checks.kms_check),
        make("rate_up_Jx", equation="7", title="Pauli rate R_{b+1,b} of a J_x-coupled bath",
             lhs=sp.Symbol("R_{b+1,b}"), expr=c.rate_up_x,
             args=(j, b, Omega, Gbar, eps, delta, beta), expected=RATE,
             check=checks.rate_check("x"),
             notes="γ(E_b − E_{b+1}) |⟨v_{b+1}|J_x|v_b⟩|² with the derived element and γ."),
        make("rate_up_Jx2", equation="7", title="Pauli rate R_{b+2,b} of the J_x²/N-coupled bath",
             lhs=sp.Symbol("R_{b+2,b}"), expr=c.rate_up_x2,
             args=(N, j, b, Omega, Gbar, eps, delta, beta), expected=RATE,
             check=checks.rate_check("x2"), notes="j = N/2 is kept as its own argument."),
        make("local_detailed_balance", equation="16", title="R_{b+1,b}/R_{b,b+1} for one bath",
             lhs=sp.Symbol("R_ab/R_ba"), expr=c.ldb, args=(beta, Omega, b),
             printed=sp.exp(-beta * (Omega * (b + 1) ** 2 - Omega * b**2)), expected=ONE,
             check=checks.ldb_check),
        make("local_thermalisation", equation="17",
             title="stationary ratio p_a/p_b of a single bath's rate matrix",
             lhs=sp.Symbol("p_a/p_b"), expr=c.gibbs_ratio, args=(beta, Omega, a, b),
             printed=sp.exp(-beta * Omega * a**2) / sp.exp(-beta * Omega * b**2), expected=ONE,
             check=checks.gibbs_check,
             steps=(Step("16", "ln R_{k+1,k}/R_{k,k+1} (summed over k = b … a − 1: telescoping "
                         "product of the local detailed balance ratios)", c.ldb_exponent,
                         name="ldb_exponent"),),
             notes="Derived as Π_{k=b}^{a−1} R_{k+1,k}/R_{k,k+1} (the product of (16) along the "
                   "links, summed in the exponent); the J_x²/N links b → b + 2 are shown to "
                   "balance with the same ratio. Eq. (17) says Σ_b R_ab e^{−βΩb²} = 0 (with the "
                   "diagonal); equivalently the "
                   "stationary state of R^ν alone has p_a/p_b = e^{−βΩ(a²−b²)}. The check solves "
                   "for the stationary state of numerically built single-bath rate matrices "
                   "(J_x and J_x²/N couplings, broad spectral density, N = 7)."),
    ]

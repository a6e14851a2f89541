r"""The reduced three-level refrigerator (App. G, Eqs. (G1)–(G6)).

1. Transition energies of the three lowest proper levels (:math:`E_a = \Omega a^2`) and, with
   :math:`\varepsilon_\nu` tuned to them, the :math:`\delta_\nu \to 0` limit of (5) at resonance
   (:math:`\Gamma_\nu(\varepsilon_\nu) \to \bar\Gamma_\nu`) give the effective bare rates (G2) from
   the matrix elements of :mod:`.elements`.
2. (G1): the rates (7) with :math:`\gamma(\pm\Delta)` and the counting field of (10) on the cold
   bath.
3. (G3) is *obtained*, not assumed: :math:`\det(\lambda - R(s))` is linear in :math:`n_w`; for
   :math:`n_w \to \infty` the roots that stay finite are those of its :math:`n_w`-coefficient
   :math:`P_1(\lambda, s)`. Independently, adiabatic elimination of the work transition (its
   conditional stationary probabilities tend to 1/2) gives a 2×2 matrix
   :math:`\tilde R(s)` whose characteristic polynomial is shown to be proportional to
   :math:`P_1`.
4. (G4), (G5): first and second derivative of the root of :math:`P_1` through the origin.
5. The cooling window: the sign of (G4) is that of :math:`n_c - n_h`.
6. (G6): a resonant laser on the work transition, :math:`\Gamma_L^{\rm eff}\to\infty`; its
   polynomial's leading coefficient is the same :math:`P_1`.
"""

from __future__ import annotations

import dataclasses
import functools

import sympy as sp

from dickeheat.derivations.kloc2021 import elements, rates, symmetry
from dickeheat.derivations.kloc2021.checks import reduced as checks
from dickeheat.derivations.kloc2021.symbols import (
    CURRENT,
    G_L,
    NOISE,
    ONE,
    RATE,
    TIME,
    G_c,
    G_h,
    G_w,
    Gbar,
    N,
    Omega,
    a,
    beta_h,
    delta,
    eps,
    j,
    make,
    n_c,
    n_h,
    n_w,
    s,
)
from dickeheat.symbolic.counting import (
    characteristic_polynomial,
    counting_rate_matrix,
    polynomial_cumulants,
)
from dickeheat.symbolic.result import Result, Step, require_zero

__all__ = ["LEVELS", "ReducedChain", "chain", "level_energies", "results",
           "three_level_matrix"]

HALF = sp.Rational(1, 2)
Gb_c, Gb_h, Gb_w = sp.symbols("Gammabar_c Gammabar_h Gammabar_w", positive=True)


LEVELS = (HALF, 3 * HALF, 5 * HALF)


def level_energies() -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """E_{1/2}, E_{3/2}, E_{5/2} from the derived spectrum of :mod:`.symmetry`."""
    energy = symmetry.chain().energy
    return tuple(energy.subs(a, m) for m in LEVELS)  # type: ignore[return-value]


def three_level_matrix(work: sp.Matrix | None = None) -> sp.Matrix:
    """R(s) of (G1), levels (1/2, 3/2, 5/2), cold jumps counted with ΔE_system = ±(E_{3/2} −
    E_{1/2}) (= ±2Ω, from the derived spectrum).

    ``work``: the rate matrix (zero diagonal, W[a, b] rate b → a) replacing the thermal work
    bath (the laser of (G6))."""
    W = sp.zeros(3, 3)
    W[1, 0], W[0, 1] = G_c * n_c, G_c * (1 + n_c)
    W[2, 0], W[0, 2] = G_h * n_h, G_h * (1 + n_h)
    if work is None:
        W[2, 1], W[1, 2] = G_w * n_w, G_w * (1 + n_w)
    else:
        W += work
    E = level_energies()
    D = sp.zeros(3, 3)
    D[1, 0], D[0, 1] = E[1] - E[0], E[0] - E[1]
    return counting_rate_matrix(W, D, s)


@dataclasses.dataclass(frozen=True)
class ReducedChain:
    gaps: tuple[sp.Expr, sp.Expr, sp.Expr]  # E_{3/2}−E_{1/2}, E_{5/2}−E_{3/2}, E_{5/2}−E_{1/2}
    resonant_height: sp.Expr  # lim_{δ→0} Γ(ε)
    G_eff: tuple[sp.Expr, sp.Expr, sp.Expr]  # (G_c, G_h, G_w) in N and Γ̄
    R_s: sp.Matrix
    current_finite: sp.Expr  # finite n_w
    P1: sp.Expr
    conditional: sp.Expr
    R_tilde: sp.Matrix
    current: sp.Expr
    noise: sp.Expr
    beta_c_max: sp.Expr
    laser_current: sp.Expr
    laser_noise: sp.Expr


@functools.cache
def chain() -> ReducedChain:
    lv = LEVELS
    E = level_energies()
    gaps = (E[1] - E[0], E[2] - E[1], E[2] - E[0])
    # resonance: Γ_ν(ε_ν) for δ_ν → 0 (rational in δ, continuous after cancellation)
    height = sp.cancel(rates.spectral_density(eps)).subs(delta, 0)
    el = elements.chain()
    bsym = elements.b
    jx_c = el.jx_up.subs(bsym, lv[0])
    jx_w = el.jx_up.subs(bsym, lv[1])
    jx2_h = el.jx2_up.subs(bsym, lv[0]) / N
    G_eff = tuple(sp.expand((g * x**2).subs(j, N / 2)) for g, x in
                  ((Gb_c * height / Gbar, jx_c), (Gb_h * height / Gbar, jx2_h),
                   (Gb_w * height / Gbar, jx_w)))
    R_s = three_level_matrix()
    P, lam = characteristic_polynomial(R_s, s)
    (current_finite,) = polynomial_cumulants(P, lam, s, 1)
    current_finite = sp.factor(current_finite)
    # n_w → ∞: P = P0 + n_w P1
    require_zero("det(λ − R) has degree 1 in n_w", P.coeff(n_w, 2))
    P1 = sp.expand(P.coeff(n_w, 1))
    # adiabatic elimination: the work bath alone equilibrates 3/2 ↔ 5/2
    pi_32 = (G_w * (1 + n_w)) / (G_w * (1 + n_w) + G_w * n_w)
    conditional = sp.limit(pi_32, n_w, sp.oo)
    cond_52 = sp.limit(1 - pi_32, n_w, sp.oo)
    Rt = sp.zeros(2, 2)
    Rt[0, 1] = R_s[0, 1] * conditional + R_s[0, 2] * cond_52
    Rt[1, 0] = R_s[1, 0] + R_s[2, 0]
    Rt[0, 0] = -Rt[1, 0].subs(s, 0)
    Rt[1, 1] = -Rt[0, 1].subs(s, 0)
    Pt, _ = characteristic_polynomial(Rt, s)
    ratio = sp.cancel(P1 / Pt)
    if ratio.has(lam) or ratio.has(s):
        raise ValueError("the coarse-grained matrix does not reproduce the n_w → ∞ limit")
    current, noise = (sp.factor(x) for x in polynomial_cumulants(P1, lam, s, 2))
    # cooling window: sign(current) = sign(n_c − n_h); boundary n_c = n_h
    bc = sp.Symbol("b_c", positive=True)
    nc_of = 1 / (sp.exp(bc * gaps[0]) - 1)
    nh_of = 1 / (sp.exp(beta_h * gaps[2]) - 1)
    roots = sp.solve(sp.Eq(nc_of, nh_of), bc)
    if len(roots) != 1:
        raise ValueError("cooling window: expected one root")
    beta_c_max = roots[0]
    # laser (G6)
    L = sp.zeros(3, 3)
    L[2, 1] = L[1, 2] = G_L
    PL, _ = characteristic_polynomial(three_level_matrix(work=L), s)
    require_zero("laser polynomial degree 1 in Γ_L", sp.expand(PL).coeff(G_L, 2))
    PL1 = sp.expand(PL).coeff(G_L, 1)
    laser_current, laser_noise = (sp.factor(x) for x in polynomial_cumulants(PL1, lam, s, 2))
    return ReducedChain(gaps, height, G_eff, R_s, current_finite, P1, conditional, Rt, current,
                        noise, beta_c_max, laser_current, laser_noise)


def _printed_G2() -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    x = N / 2 * (N / 2 - 1)  # as printed in (G2)
    return (Gb_c / 4 * (x - sp.Rational(3, 4)),
            Gb_h / (16 * N**2) * (x - sp.Rational(3, 4)) * (x - sp.Rational(15, 4)),
            Gb_w / 4 * (x - sp.Rational(15, 4)))


def _printed_G4() -> sp.Expr:
    return 2 * Omega * G_c * G_h * (n_c - n_h) / (G_c * (1 + 3 * n_c) + G_h * (1 + 3 * n_h))


def _printed_G5() -> sp.Expr:
    den = G_c * (1 + 3 * n_c) + G_h * (1 + 3 * n_h)
    A = ((G_c * (1 + 3 * n_c)) ** 2 + (G_h * (1 + 3 * n_h)) ** 2) * (n_c + n_h + 2 * n_c * n_h)
    B = (n_c * (1 + n_c) + n_h * (1 + n_h) + 12 * n_c * n_h + 15 * n_c * n_h * (n_c + n_h)
         + 18 * n_c**2 * n_h**2)
    return 4 * Omega**2 * G_c * G_h * (A + 2 * G_c * G_h * B) / den**3


def results() -> list[Result]:
    c = chain()
    pc, ph, pw = _printed_G2()
    g2_note = ("Derived: Γ̄_ν |⟨v_a|A_ν|v_b⟩|² with the elements of Eq. (8) at j = N/2, i.e. "
               "j(j+1) = N/2 (N/2 + 1). (G2) prints N/2 (N/2 − 1): a sign error inside the "
               "bracket (missing term N). App. D prints the same element correctly, "
               "Γ(2Ω)/4 [N/2 (N/2 + 1) − 3/4]. The leading N² scaling is unaffected; at N = 5 "
               "the printed Γ_w^eff vanishes (N/2(N/2−1) = 15/4) while the derived one is 5Γ̄_w/4.")
    gap_step = Step("G1", "transition energies E_{3/2}−E_{1/2}, E_{5/2}−E_{3/2}, E_{5/2}−E_{1/2}",
                    sp.Tuple(*c.gaps), name="gaps")
    res_step = Step("5", "Γ_ν(ε_ν) for δ_ν → 0", c.resonant_height, name="resonant_height")
    g1_step = Step("G1", "three-level R(s), s = iχ, cold jumps counted", c.R_s, name="R_s")
    p1_step = Step("G3", "n_w-coefficient P_1(λ, s) of det(λ − R(s))", c.P1, name="P1")
    rt_step = Step("G3", "coarse-grained R̃(s) (adiabatic elimination; det ∝ P_1)", c.R_tilde,
                   name="R_tilde")
    args_lim = (Omega, G_c, G_h, n_c, n_h)
    return [
        make("gap_cold", equation="G1", title="cold transition energy E_{3/2} − E_{1/2}",
             lhs=sp.Symbol("varepsilon_c"), expr=c.gaps[0], args=(Omega,), printed=2 * Omega,
             expected=RATE, check=checks.gap_check(0)),
        make("gap_work", equation="G1", title="work transition energy E_{5/2} − E_{3/2}",
             lhs=sp.Symbol("varepsilon_w"), expr=c.gaps[1], args=(Omega,), printed=4 * Omega,
             expected=RATE, check=checks.gap_check(1)),
        make("gap_hot", equation="G1", title="hot transition energy E_{5/2} − E_{1/2}",
             lhs=sp.Symbol("varepsilon_h"), expr=c.gaps[2], args=(Omega,), printed=6 * Omega,
             expected=RATE, check=checks.gap_check(2)),
        make("G_c_eff", equation="G2", title="effective cold rate Γ_c^eff", lhs=G_c,
             expr=c.G_eff[0], args=(N, Gb_c), printed=pc, steps=(res_step,),
             check=checks.geff_check("c"), notes=g2_note, dims=False),
        make("G_h_eff", equation="G2", title="effective hot rate Γ_h^eff", lhs=G_h,
             expr=c.G_eff[1], args=(N, Gb_h), printed=ph, steps=(res_step,),
             check=checks.geff_check("h"), notes=g2_note, dims=False),
        make("G_w_eff", equation="G2", title="effective work rate Γ_w^eff", lhs=G_w,
             expr=c.G_eff[2], args=(N, Gb_w), printed=pw, steps=(res_step,),
             check=checks.geff_check("w"), notes=g2_note, dims=False),
        make("current_finite_nw", equation="G1, 11", title="three-level cold current, finite n_w",
             lhs=sp.Symbol("I_E^c"), expr=c.current_finite,
             args=(Omega, G_c, G_h, G_w, n_c, n_h, n_w), steps=(gap_step, g1_step),
             expected=CURRENT, check=checks.finite_current_check,
             notes="Derivative of the dominant eigenvalue of (G1); no closed form printed."),
        make("G3_conditional", equation="G3",
             title="conditional probability P_{3/2}/P_12 for n_w → ∞",
             lhs=sp.Symbol("P_{3/2}/P_12"), expr=c.conditional, args=(), printed=HALF,
             expected=ONE, steps=(p1_step, rt_step), check=checks.conditional_check,
             notes="The text says 'P_{3/2}/P_12 and P_{1/2}/P_12 both approach 1/2'; the second "
                   "must read P_{5/2}/P_12 (P_{1/2} is not part of the coarse-grained state). "
                   "(G3) itself is reproduced: det(λ − R̃(s)) is proportional to the n_w-"
                   "coefficient of det(λ − R(s)) of (G1), so R̃ is the exact n_w → ∞ limit."),
        make("G3_escape", equation="G3", title="coarse-grained decay rate 12 → 1/2",
             lhs=sp.Symbol("-R~_{12,12}"), expr=-c.R_tilde[1, 1],
             args=(G_c, G_h, n_c, n_h), printed=G_c * (1 + n_c) / 2 + G_h * (1 + n_h) / 2,
             expected=RATE, steps=(rt_step,), check=checks.escape_check),
        make("G4_current", equation="G4", title="cold current of the reduced model, n_w → ∞",
             lhs=sp.Symbol("I_E^c"), expr=c.current, args=args_lim, printed=_printed_G4(),
             expected=CURRENT, steps=(gap_step, g1_step, p1_step, rt_step),
             check=checks.limit_check(1)),
        make("G5_noise", equation="G5", title="cold-current noise of the reduced model, n_w → ∞",
             lhs=sp.Symbol("S_E^c"), expr=c.noise, args=args_lim, printed=_printed_G5(),
             expected=NOISE, steps=(gap_step, g1_step, p1_step, rt_step),
             check=checks.limit_check(2)),
        make("beta_c_max", equation="G4", title="upper end of the cooling window in β_c",
             lhs=sp.Symbol("beta_c^max"), expr=c.beta_c_max, args=(beta_h,), printed=3 * beta_h,
             expected=TIME, check=checks.window_check,
             notes="sign(G4) = sign(n_c − n_h): cooling for β_c < 3β_h. The lower end β_c > β_h "
                   "quoted in App. G is the assumed hierarchy β_c ≥ β_h, not a property of (G4) "
                   "(G4 stays positive for β_c < β_h). Intro: the cold bath can be cooled down to "
                   "T_h/3 — consistent."),
        make("G6_laser_current", equation="G6", title="cold current with a resonant laser, Γ_L → ∞",
             lhs=sp.Symbol("I_E^c"), expr=c.laser_current, args=args_lim, printed=_printed_G4(),
             expected=CURRENT, check=checks.laser_check(1),
             notes="Claim after (G6): strong driving acts like an infinite-temperature work "
                   "reservoir for current and noise. Derived: the Γ_L-coefficient of the "
                   "characteristic polynomial equals P_1 of the thermal n_w → ∞ limit, so "
                   "current and noise coincide with (G4) and (G5)."),
        make("G6_laser_noise", equation="G6",
             title="cold-current noise with a resonant laser, Γ_L → ∞",
             lhs=sp.Symbol("S_E^c"), expr=c.laser_noise, args=args_lim, printed=_printed_G5(),
             expected=NOISE, check=checks.laser_check(2),
             notes="The text after (G6) claims the same noise as the infinite-temperature work "
                   "reservoir: printed = (G5) as printed."),
    ]

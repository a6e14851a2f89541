"""Appendix C 2 and Sec. II C: thermal averages in a fixed-J ladder, their limits, the heat
current in a fixed subspace, the thermodynamic-limit ratio (29) and the two upper bounds of the
published version (its Eqs. 25 and 28).

Chain (each a SymPy operation on the objects before it):

1. (C5–C7 [published C4–C6]) Z_{J,T} summed as a geometric series by SymPy, J symbolic.
2. (C8–C10 [published C7–C9]) ⟨J_z⟩_{J,T} = −(1/ħω0) ∂ln Z/∂(1/k_B T).
3. (C11 [published C10]) low-temperature limit, (C12 [published C11]) high-temperature series,
   (C13 [published C12]) the J → ∞ ratio ⟨J_z⟩_J/(J⟨J_z⟩_{1/2}).
4. (27 [published 28]) Eq. (24) with the low-T limit: Q_h^lim, also an upper bound since
   ⟨−J_z⟩ <= J̄; (28 [published 30]) Eq. (24) with the high-T series.
5. (29) lim_{N→∞} Q_h(J̄ = N/2)/Q_h^ind = ½ × (C13) at T*.
6. ([published 25]) Eq. (24) with ⟨−J_z⟩ <= N/2, the largest eigenvalue of −J_z.
"""

from __future__ import annotations

import dataclasses
import functools

import sympy as sp
from sympy.physics.units import Dimension

from dickeheat.derivations.andolina2024.checks import collective as checks
from dickeheat.derivations.andolina2024.heat import Gdown, Gup
from dickeheat.derivations.andolina2024.heat import chain as heat_chain
from dickeheat.derivations.andolina2024.heat_symbols import (
    POWER,
    T0,
    N,
    T,
    T_star,
    gamma_c,
    gamma_h,
    hbar,
    jz,
    k_B,
    n_c,
    n_h,
    omega0,
    x,
)
from dickeheat.derivations.andolina2024.heat_symbols import J as Jbar
from dickeheat.derivations.andolina2024.symbols import make
from dickeheat.errors import DickeheatError
from dickeheat.symbolic.inequality import InequalityChain, InequalityResult, Link
from dickeheat.symbolic.result import Result, Step, require_zero
from dickeheat.symbolic.spin import JZ, eigenvalue
from dickeheat.symbolic.thermal import (
    jz_high_temperature,
    jz_low_temperature,
    large_J_ratio,
    partition_function,
)

__all__ = ["CollectiveChain", "chain", "results"]

ONE = Dimension(1)
beta = sp.Symbol("beta", positive=True)  # 1/(k_B T)


@dataclasses.dataclass(frozen=True)
class CollectiveChain:
    """The objects of the Appendix-C derivation: Z_{J,T} (C5–C7), ⟨J_z⟩_{J,T} (C9–C10) and its
    limits (C11–C13), the currents (27–28), the thermodynamic-limit ratio (29) and the bound
    Q_h^max (published 25)."""

    Z_x: sp.Expr
    Z: sp.Expr
    jz_x: sp.Expr
    jz_T: sp.Expr
    jz_low: sp.Expr
    jz_high_x: sp.Expr
    jz_high: sp.Expr
    ratio_x: sp.Expr
    ratio: sp.Expr
    Q_lim: sp.Expr
    Q_high: sp.Expr
    ratio_N: sp.Expr
    coth_x: sp.Expr
    coth: sp.Expr
    coth_rates: sp.Expr
    jz_identity: sp.Expr
    lim_chain: InequalityChain
    minus_jz_chain: InequalityChain
    max_chain: InequalityChain
    max_minus_jz: sp.Expr
    Q_max: sp.Expr
    Q_max_over_ind: sp.Expr


@functools.cache
def chain() -> CollectiveChain:
    """Run the derivation (once, cached) and return its objects as a :class:`CollectiveChain`."""
    h = heat_chain()
    x_phys = hbar * omega0 / (k_B * T)
    # (C5)-(C7)
    z_x = partition_function(Jbar, x)
    Z_x = z_x
    Z = z_x.subs(x, x_phys)
    # (C8)-(C9): derivative with respect to β = 1/(k_B T)
    z_beta = z_x.subs(x, hbar * omega0 * beta)
    jz_beta = -sp.diff(sp.log(z_beta), beta) / (hbar * omega0)
    jz_x = sp.simplify(jz_beta.subs(beta, x / (hbar * omega0)))
    jz_T = jz_x.subs(x, x_phys)
    # (C11)-(C13)
    jz_low = jz_low_temperature(jz_x, x)
    high = jz_high_temperature(jz_x, x, order=2)
    jz_high_x = high
    jz_high = high.subs(x, x_phys)
    ratio_x = large_J_ratio(jz_x, Jbar, x)
    ratio = ratio_x.subs(x, x_phys)
    # (27 [published 28]) and (28 [published 30]) from Eq. (24)
    q24 = h.Q_h_steady
    Q_lim = sp.factor(q24.subs(jz, jz_low))
    Q_high = sp.factor(q24.subs(jz, high.subs(x, hbar * omega0 / (k_B * T_star))))
    # (29): Q_h(J̄ = N/2)/Q_ind, Q_ind = N × (24) at J = 1/2, both at T*; then N → ∞
    collective = q24.subs(jz, jz_x)
    independent = N * q24.subs(jz, jz_x.subs(Jbar, sp.Rational(1, 2)))
    ratio_N = sp.simplify((collective / independent).subs(Jbar, N / 2))
    lim = sp.simplify(sp.limit(ratio_N, N, sp.oo))
    if sp.simplify(lim - ratio_x / 2) != 0:
        raise DickeheatError("the N → ∞ ratio is not half the (C13) ratio")
    coth_x = lim
    coth = lim.subs(x, T0 / T_star)
    # in rates: T* of Eq. (16), x = ln(Γ↓/Γ↑)
    x_rates = sp.logcombine(h.x_star, force=True).subs(
        {Gdown: h.rates_two_down, Gup: h.rates_two_up})
    coth_rates = sp.factor(sp.simplify(lim.rewrite(sp.exp).subs(x, x_rates)))
    # ([published 25], [published 28]): the bounds as inequality chains. In a sector J̄ with
    # populations P_k = P(m = k − J̄ | J̄) >= 0, Σ P_k = 1 (k = 0 … 2J̄):
    # ⟨−J_z⟩ = Σ_k (J̄ − k) P_k = J̄ − S with S = Σ_k k P_k >= 0; J̄ = N/2 − d, d >= 0.
    k_ = sp.Symbol("k", integer=True, nonnegative=True)
    P_ = sp.Function("P", nonnegative=True)
    total = sp.Sum(P_(k_), (k_, 0, 2 * Jbar))
    s_sum = sp.Sum(k_ * P_(k_), (k_, 0, 2 * Jbar))
    minus_jz_pop = sp.Sum((Jbar - k_) * P_(k_), (k_, 0, 2 * Jbar))
    jz_identity = require_zero("⟨−J_z⟩ = J̄ Σ P − Σ k P_k",
                               sp.simplify(sp.expand(minus_jz_pop - (Jbar * total - s_sum))))
    if not s_sum.is_nonnegative:
        raise DickeheatError("SymPy cannot show S = Σ k P_k >= 0")
    S_dev, d_gap, dn = (sp.Symbol("S", nonnegative=True), sp.Symbol("d", nonnegative=True),
                        sp.Symbol("Delta_n", nonnegative=True))
    hot = {n_h: n_c + dn}  # n_h >= n_c (T_h >= T_c)
    lim_chain = InequalityChain((
        Link(q24.subs(jz, -(Jbar - S_dev)).subs(hot), "=",
             "Eq. (24) with ⟨−J_z⟩ = J̄ − S, S = Σ_k k P_k (populations of the sector)"),
        Link(Q_lim.subs(hot), "<=", "S >= 0 (a sum of products of non-negatives, SymPy), "
             "Δn = n_h − n_c >= 0 (T_h >= T_c), rates > 0"),
    ))
    minus_jz_chain = InequalityChain((
        Link(N / 2 - d_gap - S_dev, "=", "⟨−J_z⟩ = J̄ − S, J̄ = N/2 − d (allowed J̄ <= N/2)"),
        Link(N / 2 - d_gap, "<=", "S >= 0"),
        Link(N / 2, "<=", "d >= 0"),
    ))
    max_minus_jz = minus_jz_chain.last
    # attained: S = 0 (P_k = δ_k0, m = −J̄) and d = 0 (J̄ = N/2), the state |N/2, −N/2⟩
    require_zero("max ⟨−J_z⟩ attained at |N/2, −N/2⟩",
                 minus_jz_chain.first.subs({S_dev: 0, d_gap: 0}) - max_minus_jz)
    require_zero("⟨N/2, −N/2|−J_z|N/2, −N/2⟩ = N/2",
                 -eigenvalue(JZ, N / 2, -N / 2) - max_minus_jz)
    Q_max = sp.factor(q24.subs(jz, -max_minus_jz))
    max_chain = InequalityChain((
        Link(q24.subs(jz, -(N / 2 - d_gap - S_dev)).subs(hot), "=",
             "Eq. (24) with ⟨−J_z⟩ = J̄ − S, J̄ = N/2 − d"),
        Link(q24.subs(jz, -(N / 2 - d_gap)).subs(hot), "<=", "S >= 0, Δn >= 0, rates > 0"),
        Link(q24.subs(jz, -N / 2).subs(hot), "<=", "d >= 0 (J̄ <= N/2), Δn >= 0, rates > 0"),
        Link(Q_max.subs(hot), "=", "Q_h^max"),
    ))
    for name, ch in (("Q_lim", lim_chain), ("max <-J_z>", minus_jz_chain),
                     ("Q_max", max_chain)):
        if ch.verify()[0] != "proved":
            raise DickeheatError(f"the inequality chain of {name} does not verify: {ch.verify()}")
    # Q_max / Q_ind = (29) in rate form: the bound is the thermodynamic limit
    Q_max_over_ind = sp.factor(sp.simplify(Q_max / h.Q_ind))
    return CollectiveChain(
        Z_x=Z_x,
        Z=Z,
        jz_x=jz_x,
        jz_T=jz_T,
        jz_low=jz_low,
        jz_high_x=jz_high_x,
        jz_high=jz_high,
        ratio_x=ratio_x,
        ratio=ratio,
        Q_lim=Q_lim,
        Q_high=Q_high,
        ratio_N=ratio_N,
        coth_x=coth_x,
        coth=coth,
        coth_rates=coth_rates,
        jz_identity=jz_identity,
        lim_chain=lim_chain,
        minus_jz_chain=minus_jz_chain,
        max_chain=max_chain,
        max_minus_jz=max_minus_jz,
        Q_max=Q_max,
        Q_max_over_ind=Q_max_over_ind,
    )


def _inequality(r: Result, chain_: InequalityChain) -> InequalityResult:
    """The result as an :class:`InequalityResult` (verdict ``proved``) carrying its chain."""
    fields = {f.name: getattr(r, f.name) for f in dataclasses.fields(Result)}
    return InequalityResult(**fields, inequality=chain_, verdict="proved")


def results() -> list[Result]:
    c = chain()
    h = heat_chain()
    S = Step
    b = hbar * omega0 / (k_B * T)
    z_steps = [S("C5 [published C4]", "Σ_{m=−J}^{J} e^{−mx}, x = ħω0/k_B T (SymPy summation)",
                 c.Z_x),
               S("C7 [published C6]", "geometric series, x = ħω0/k_B T", c.Z)]
    jz_steps = [*z_steps,
                S("C9 [published C8]", "−(1/ħω0) ∂ln Z/∂β, β = 1/k_B T, in x", c.jz_x),
                S("C10 [published C9]", "in physical variables", c.jz_T)]
    q24 = S("24", "steady-state current", h.Q_h_steady)
    power_args = (hbar, omega0, gamma_h, gamma_c, n_h, n_c)
    return [
        make("partition_function", equation="C7 [published C6]",
             title="partition function of a spin-J ladder",
             lhs=sp.Symbol("Z_{J,T}"), expr=c.Z, args=(Jbar, hbar, omega0, k_B, T), steps=z_steps,
             printed=(sp.exp(Jbar * b) - sp.exp(-(Jbar + 1) * b)) / (1 - sp.exp(-b)),
             expected=ONE, check=checks.partition_function_check,
             notes="The text says 'assuming that J is an integer'; the geometric sum needs only "
                   "2J to be a non-negative integer, so (C7) holds for half-integer J too."),
        make("jz_thermal", equation="C10 [published C9]",
             title="thermal ⟨J_z⟩ in a fixed-J subspace",
             lhs=sp.Symbol("<J_z>_{J,T}"), expr=c.jz_T, args=(Jbar, hbar, omega0, k_B, T),
             steps=jz_steps,
             printed=-Jbar + (2 * Jbar + 1) / (1 - sp.exp((2 * Jbar + 1) * b))
             + 1 / (sp.exp(b) - 1),
             expected=ONE, check=checks.jz_thermal_check),
        make("jz_low_T", equation="C11 [published C10]", title="⟨J_z⟩_{J,T} at low temperature",
             lhs=sp.Symbol("<J_z>_{J,T}"), expr=c.jz_low, args=(Jbar,),
             steps=[jz_steps[-2], S("C11 [published C10]", "lim x → ∞", c.jz_low)],
             printed=-Jbar, check=checks.jz_low_check,
             notes="arXiv says (C11) is used for Eq. (27); published (C10) proves its Eq. (28) "
                   "bound is tight."),
        make("jz_high_T", equation="C12 [published C11]",
             title="⟨J_z⟩_{J,T} at high temperature (leading order)",
             lhs=sp.Symbol("<J_z>_{J,T}"), expr=c.jz_high, args=(Jbar, hbar, omega0, k_B, T),
             steps=[jz_steps[-2], S("C12 [published C11]", "series at x = 0, O(x)", c.jz_high_x)],
             printed=-(hbar * omega0 / (3 * k_B * T)) * Jbar * (1 + Jbar), expected=ONE,
             check=checks.jz_high_check),
        make("jz_ratio", equation="C13 [published C12]",
             title="lim_{J→∞} ⟨J_z⟩_{J,T}/(J⟨J_z⟩_{1/2,T})",
             lhs=sp.Symbol("R_J"), expr=c.ratio, args=(hbar, omega0, k_B, T),
             steps=[jz_steps[-2], S("C13 [published C12]", "limit J → ∞", c.ratio_x)],
             printed=2 * sp.coth(hbar * omega0 / (2 * k_B * T)), expected=ONE,
             check=checks.jz_ratio_check,
             notes="arXiv says (C13) is applied to derive Eq. (27), published (C12) says its Eq. "
                   "(28); in both it gives the coth law, Eq. (29)."),
        _inequality(make(
            "Q_lim", equation="27 [published 28]",
            title="heat current at low T* and the upper bound Q_h <= Q_h^lim (fixed J̄)",
            lhs=sp.Symbol("Qdot_h^lim"), expr=c.Q_lim, args=(*power_args, Jbar),
            steps=[q24, S("C11", "⟨J_z⟩ → −J̄", c.jz_low),
                   S("27 [published 28]", "(24) at ⟨J_z⟩ = −J̄", c.Q_lim),
                   *[S("published 28", lk.reason, lk.expr) for lk in c.lim_chain.links]],
            printed=2 * gamma_h * gamma_c / (gamma_h + gamma_c) * hbar * omega0 * Jbar
            * (n_h - n_c),
            expected=POWER, check=checks.q_lim_check,
            notes="arXiv Eq. (27) is this expression as the low-T approximation; the published "
                  "Eq. (28) states it as the upper bound Q_h <= Q_h^lim for fixed J̄. Proved "
                  "(InequalityChain, SymPy): ⟨−J_z⟩ = J̄ − Σ_k k P_k over the sector's "
                  "populations P_k >= 0, and Σ_k k P_k >= 0; needs n_h >= n_c (T_h >= T_c) and "
                  "no parasitic bath (Eq. 24). The check searches for a violation (random "
                  "parameters + Nelder–Mead) on exact rate-equation steady states."),
            c.lim_chain),
        make("Q_high_T", equation="28 [published 30]", title="heat current at high T* (J̄T0 << T*)",
             lhs=sp.Symbol("Qdot_h"), expr=c.Q_high, args=(*power_args, Jbar, k_B, T_star),
             steps=[q24, S("C12", "⟨J_z⟩ ≈ −x J̄(J̄+1)/3 at x = ħω0/k_B T*", c.jz_high_x),
                    S("28 [published 30]", "(24) with (C12)", c.Q_high)],
             printed=2 * gamma_h * gamma_c / (gamma_h + gamma_c) * (hbar * omega0) ** 2
             / (3 * k_B * T_star) * Jbar * (1 + Jbar) * (n_h - n_c),
             expected=POWER, check=checks.q_high_check),
        make("coth_limit", equation="29", title="thermodynamic-limit ratio Q_h^lim/Q_h^ind",
             lhs=sp.Symbol("Qdot_h^lim/Qdot_h^ind"), expr=c.coth, args=(T0, T_star),
             steps=[q24, S("25", "Q_ind = N × (24) at J = 1/2; ratio at J̄ = N/2", c.ratio_N),
                    S("29", "N → ∞ (half the C13 ratio), x = T0/T*", c.coth),
                    S("29", "in rates, T* of Eq. (16)", c.coth_rates)],
             printed=sp.coth(T0 / (2 * T_star)), expected=ONE, check=checks.coth_check),
        _inequality(make(
            "Q_max", equation="published 25", title="upper bound Q_h <= Q_h^max (all J)",
            lhs=sp.Symbol("Qdot_h^max"), expr=c.Q_max, args=(N, *power_args),
            steps=[q24,
                   *[S("published 25", lk.reason, lk.expr) for lk in c.minus_jz_chain.links],
                   S("published 25", "max ⟨−J_z⟩ = N/2, attained at |N/2, −N/2⟩",
                     c.max_minus_jz),
                   S("published 25", "(24) at ⟨−J_z⟩ = N/2", c.Q_max),
                   *[S("published 25", lk.reason, lk.expr) for lk in c.max_chain.links],
                   S("published 25", "Q_h^max/Q_h^ind = coth(T0/2T*) in rates",
                     c.Q_max_over_ind)],
            printed=gamma_h * gamma_c / (gamma_h + gamma_c) * hbar * omega0 * N * (n_h - n_c),
            expected=POWER, check=checks.q_max_check,
            notes="Only in the published version. Proved (InequalityChain, SymPy): ⟨−J_z⟩ = "
                  "J̄ − Σ_k k P_k <= J̄ <= N/2 by maximisation over the sector populations and "
                  "over the allowed J̄, equality at |N/2, −N/2⟩; needs n_h >= n_c and no "
                  "parasitic bath (Eq. 24). The check searches for a violation (random "
                  "parameters + Nelder–Mead) on exact rate-equation steady states."),
            c.max_chain),
    ]

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

import functools

import sympy as sp
from sympy.physics.units import Dimension

from dickeheat.errors import DickeheatError
from dickeheat.derivations.andolina2024 import collective_checks as cc
from dickeheat.derivations.andolina2024.heat import Gdown, Gup
from dickeheat.derivations.andolina2024.heat import chain as heat_chain
from dickeheat.derivations.andolina2024.heat_symbols import (
    DIMS, POWER, N, T, T0, T_star, gamma_c, gamma_h, hbar, jz, k_B, n_c, n_h, omega0, x,
)
from dickeheat.derivations.andolina2024.heat_symbols import J as Jbar
from dickeheat.symbolic.result import Result, Step, result_factory
from dickeheat.symbolic.spin import JZ, eigenvalue
from dickeheat.symbolic.thermal import (
    jz_high_temperature, jz_low_temperature, large_J_ratio, partition_function,
)

__all__ = ["results", "chain"]

PAPER = "andolina2024"
ONE = Dimension(1)
beta = sp.Symbol("beta", positive=True)  # 1/(k_B T)


@functools.cache
def chain() -> dict[str, sp.Expr]:
    """Run the derivation and return its intermediate objects by name."""
    out: dict[str, sp.Expr] = {}
    h = heat_chain()
    x_phys = hbar * omega0 / (k_B * T)
    # (C5)-(C7)
    z_x = partition_function(Jbar, x)
    out["Z_x"] = z_x
    out["Z"] = z_x.subs(x, x_phys)
    # (C8)-(C9): derivative with respect to β = 1/(k_B T)
    z_beta = z_x.subs(x, hbar * omega0 * beta)
    jz_beta = -sp.diff(sp.log(z_beta), beta) / (hbar * omega0)
    jz_x = sp.simplify(jz_beta.subs(beta, x / (hbar * omega0)))
    out["jz_x"] = jz_x
    out["jz"] = jz_x.subs(x, x_phys)
    # (C11)-(C13)
    out["jz_low"] = jz_low_temperature(jz_x, x)
    high = jz_high_temperature(jz_x, x, order=2)
    out["jz_high_x"] = high
    out["jz_high"] = high.subs(x, x_phys)
    ratio_x = large_J_ratio(jz_x, Jbar, x)
    out["ratio_x"] = ratio_x
    out["ratio"] = ratio_x.subs(x, x_phys)
    # (27 [published 28]) and (28 [published 30]) from Eq. (24)
    q24 = h["Q_h_steady"]
    out["Q_lim"] = sp.factor(q24.subs(jz, out["jz_low"]))
    out["Q_high"] = sp.factor(q24.subs(jz, high.subs(x, hbar * omega0 / (k_B * T_star))))
    # (29): Q_h(J̄ = N/2)/Q_ind, Q_ind = N × (24) at J = 1/2, both at T*; then N → ∞
    collective = q24.subs(jz, jz_x)
    independent = N * q24.subs(jz, jz_x.subs(Jbar, sp.Rational(1, 2)))
    ratio_N = sp.simplify((collective / independent).subs(Jbar, N / 2))
    out["ratio_N"] = ratio_N
    lim = sp.simplify(sp.limit(ratio_N, N, sp.oo))
    if sp.simplify(lim - ratio_x / 2) != 0:
        raise DickeheatError("the N → ∞ ratio is not half the (C13) ratio")
    out["coth_x"] = lim
    out["coth"] = lim.subs(x, T0 / T_star)
    # in rates: T* of Eq. (16), x = ln(Γ↓/Γ↑)
    x_rates = sp.logcombine(h["x_star"], force=True).subs(
        {Gdown: h["rates_two_down"], Gup: h["rates_two_up"]})
    out["coth_rates"] = sp.factor(sp.simplify(lim.rewrite(sp.exp).subs(x, x_rates)))
    # ([published 25]): the largest eigenvalue of −J_z is N/2 (J = N/2, M = −N/2)
    max_minus_jz = -eigenvalue(JZ, N / 2, -N / 2)
    out["max_minus_jz"] = max_minus_jz
    out["Q_max"] = sp.factor(q24.subs(jz, -max_minus_jz))
    # Q_max / Q_ind = (29) in rate form: the bound is the thermodynamic limit
    out["Q_max_over_ind"] = sp.factor(sp.simplify(out["Q_max"] / h["Q_ind"]))
    return out


_res = result_factory(PAPER, DIMS)


def results() -> list[Result]:
    c = chain()
    h = heat_chain()
    S = Step
    b = hbar * omega0 / (k_B * T)
    z_steps = [S("C5 [published C4]", "Σ_{m=−J}^{J} e^{−mx}, x = ħω0/k_B T (SymPy summation)",
                 c["Z_x"]),
               S("C7 [published C6]", "geometric series, x = ħω0/k_B T", c["Z"])]
    jz_steps = [*z_steps,
                S("C9 [published C8]", "−(1/ħω0) ∂ln Z/∂β, β = 1/k_B T, in x", c["jz_x"]),
                S("C10 [published C9]", "in physical variables", c["jz"])]
    q24 = S("24", "steady-state current", h["Q_h_steady"])
    power_args = (hbar, omega0, gamma_h, gamma_c, n_h, n_c)
    return [
        _res("partition_function", "C7 [published C6]", "partition function of a spin-J ladder",
             sp.Symbol("Z_{J,T}"), c["Z"], (Jbar, hbar, omega0, k_B, T), z_steps,
             printed=(sp.exp(Jbar * b) - sp.exp(-(Jbar + 1) * b)) / (1 - sp.exp(-b)),
             expected=ONE, check=cc.partition_function_check,
             notes="The text says 'assuming that J is an integer'; the geometric sum needs only "
                   "2J to be a non-negative integer, so (C7) holds for half-integer J too."),
        _res("jz_thermal", "C10 [published C9]", "thermal ⟨J_z⟩ in a fixed-J subspace",
             sp.Symbol("<J_z>_{J,T}"), c["jz"], (Jbar, hbar, omega0, k_B, T), jz_steps,
             printed=-Jbar + (2 * Jbar + 1) / (1 - sp.exp((2 * Jbar + 1) * b))
             + 1 / (sp.exp(b) - 1),
             expected=ONE, check=cc.jz_thermal_check),
        _res("jz_low_T", "C11 [published C10]", "⟨J_z⟩_{J,T} at low temperature",
             sp.Symbol("<J_z>_{J,T}"), c["jz_low"], (Jbar,),
             [jz_steps[-2], S("C11 [published C10]", "lim x → ∞", c["jz_low"])],
             printed=-Jbar, check=cc.jz_low_check,
             notes="arXiv says (C11) is used for Eq. (27); published (C10) proves its Eq. (28) "
                   "bound is tight."),
        _res("jz_high_T", "C12 [published C11]", "⟨J_z⟩_{J,T} at high temperature (leading order)",
             sp.Symbol("<J_z>_{J,T}"), c["jz_high"], (Jbar, hbar, omega0, k_B, T),
             [jz_steps[-2], S("C12 [published C11]", "series at x = 0, O(x)", c["jz_high_x"])],
             printed=-(hbar * omega0 / (3 * k_B * T)) * Jbar * (1 + Jbar), expected=ONE,
             check=cc.jz_high_check),
        _res("jz_ratio", "C13 [published C12]", "lim_{J→∞} ⟨J_z⟩_{J,T}/(J⟨J_z⟩_{1/2,T})",
             sp.Symbol("R_J"), c["ratio"], (hbar, omega0, k_B, T),
             [jz_steps[-2], S("C13 [published C12]", "limit J → ∞", c["ratio_x"])],
             printed=2 * sp.coth(hbar * omega0 / (2 * k_B * T)), expected=ONE,
             check=cc.jz_ratio_check,
             notes="arXiv says (C13) is applied to derive Eq. (27), published (C12) says its Eq. "
                   "(28); in both it gives the coth law, Eq. (29)."),
        _res("Q_lim", "27 [published 28]", "heat current at low T* (and its upper bound)",
             sp.Symbol("Qdot_h^lim"), c["Q_lim"], (*power_args, Jbar),
             [q24, S("C11", "⟨J_z⟩ → −J̄", c["jz_low"]),
              S("27 [published 28]", "(24) at ⟨J_z⟩ = −J̄", c["Q_lim"])],
             printed=2 * gamma_h * gamma_c / (gamma_h + gamma_c) * hbar * omega0 * Jbar
             * (n_h - n_c),
             expected=POWER, check=cc.q_lim_check,
             notes="arXiv Eq. (27) is this expression as the low-T approximation; the published "
                   "Eq. (28) states it as the upper bound Q_h <= Q_h^lim for fixed J̄, which holds "
                   "since ⟨−J_z⟩_{J̄,T} = J̄ − Σ_m (m + J̄) P(m|J̄) <= J̄ and n_h >= n_c. SymPy "
                   "does not prove the inequality for symbolic J̄; the check tests it on a grid."),
        _res("Q_high_T", "28 [published 30]", "heat current at high T* (J̄T0 << T*)",
             sp.Symbol("Qdot_h"), c["Q_high"], (*power_args, Jbar, k_B, T_star),
             [q24, S("C12", "⟨J_z⟩ ≈ −x J̄(J̄+1)/3 at x = ħω0/k_B T*", c["jz_high_x"]),
              S("28 [published 30]", "(24) with (C12)", c["Q_high"])],
             printed=2 * gamma_h * gamma_c / (gamma_h + gamma_c) * (hbar * omega0) ** 2
             / (3 * k_B * T_star) * Jbar * (1 + Jbar) * (n_h - n_c),
             expected=POWER, check=cc.q_high_check),
        _res("coth_limit", "29", "thermodynamic-limit ratio Q_h^lim/Q_h^ind",
             sp.Symbol("Qdot_h^lim/Qdot_h^ind"), c["coth"], (T0, T_star),
             [q24, S("25", "Q_ind = N × (24) at J = 1/2; ratio at J̄ = N/2", c["ratio_N"]),
              S("29", "N → ∞ (half the C13 ratio), x = T0/T*", c["coth"]),
              S("29", "in rates, T* of Eq. (16)", c["coth_rates"])],
             printed=sp.coth(T0 / (2 * T_star)), expected=ONE, check=cc.coth_check),
        _res("Q_max", "published 25", "upper bound Q_h <= Q_h^max (all J)",
             sp.Symbol("Qdot_h^max"), c["Q_max"], (N, *power_args),
             [q24, S("published 25", "largest eigenvalue of −J_z: N/2", c["max_minus_jz"]),
              S("published 25", "(24) at ⟨−J_z⟩ = N/2", c["Q_max"]),
              S("published 25", "Q_h^max/Q_h^ind = coth(T0/2T*) in rates", c["Q_max_over_ind"])],
             printed=gamma_h * gamma_c / (gamma_h + gamma_c) * hbar * omega0 * N * (n_h - n_c),
             expected=POWER, check=cc.q_max_check,
             notes="Only in the published version. Holds without the parasitic bath (Eq. 24) for "
                   "n_h >= n_c since ⟨−J_z⟩ <= N/2 = ‖J_z‖; SymPy does not prove the inequality; "
                   "the check tests it on a grid of fixed-J steady states."),
    ]

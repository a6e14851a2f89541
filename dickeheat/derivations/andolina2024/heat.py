"""Main text, Sec. II: Dicke states (8), detailed balance (13), effective temperature (15–16),
heat currents (19–22) from the dissipator by operator algebra, the steady-state current (23–24)
and the independent-qubit current (25 [published 26]).

Chain (each a SymPy operation on the objects before it):

1. (8) Normalisation of |J, m⟩ ∝ J_+^{J+m}|J, −J⟩ from the ladder matrix elements (qapply).
2. (11, 14) The two collective dissipators added; the rates Γ↓, Γ↑ of D[J_−], D[J_+] read off.
3. (13) One bath: the population balance between |J, M⟩ and |J, M+1⟩ from the Dicke matrix
   elements gives p_{M+1}/p_M = γn/(γ(1+n)); with the Bose occupation (12) this is
   exp(−ħω0/k_B T).
4. (15–16) Two baths: D(e^{−xJ_z}) = 0, ordered with [J_z, J_±] = ±J_±, fixes
   e^{−x} = Γ↑/Γ↓; x = T0/T* gives T*.
5. (19–22) Tr[H0 D_i(ρ)] = ⟨D_i†(H0)⟩ by the cyclic trace; D_i†(ħω0 J_z) reduced with the
   commutators and written on the basis {J_+J_−, J_−J_+}.
6. (23–24) Stationarity Q_h + Q_c = 0 and J_−J_+ = J_+J_− − 2J_z eliminate ⟨J_+J_−⟩.
7. (25 [published 26]) N × (24) at J = 1/2 with the thermal ⟨J_z⟩ at T* (Appendix C).
"""

from __future__ import annotations

import dataclasses
import functools

import sympy as sp
from sympy.physics.quantum import Operator
from sympy.physics.units import Dimension, temperature

from dickeheat.derivations.andolina2024.checks import heat as checks
from dickeheat.derivations.andolina2024.heat_symbols import (
    POWER,
    T0,
    M,
    N,
    T_i,
    T_star,
    bose,
    gamma_c,
    gamma_h,
    gamma_i,
    hbar,
    jmjp,
    jpjm,
    jz,
    k_B,
    n_c,
    n_h,
    n_i,
    omega0,
    x,
)
from dickeheat.derivations.andolina2024.symbols import make
from dickeheat.errors import DickeheatError
from dickeheat.symbolic.algebra import collect_monomials
from dickeheat.symbolic.lindblad import (
    Channel,
    channel_rates,
    heat_current,
    total_dissipator,
)
from dickeheat.symbolic.result import Result, Step, require_zero
from dickeheat.symbolic.spin import (
    JM,
    JP,
    JZ,
    BoltzmannOperator,
    collective_spin_algebra,
    matrix_element,
    raising_normalization,
)
from dickeheat.symbolic.thermal import jz_mean

__all__ = [
    "Gdown", "Gup", "HeatChain", "J", "chain", "collective_channels", "heat_current_of_bath",
    "m", "results",
]

ONE = Dimension(1)
J = sp.Symbol("J", positive=True)  # a generic ladder (any allowed J)
m = sp.Symbol("m", real=True)
Gdown, Gup = sp.symbols("Gamma_down Gamma_up", positive=True)


def collective_channels(gamma: sp.Expr, n: sp.Expr) -> list[Channel]:
    """Eq. (11): D_i = γ_i(1 + n_i) D[J_−] + γ_i n_i D[J_+]."""
    return [Channel(gamma * (1 + n), JM), Channel(gamma * n, JP)]


def heat_current_of_bath(gamma: sp.Expr, n: sp.Expr) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """Eqs. (21–22): Tr[ħω0 J_z D_i(ρ)] as trace form, ordered operator and expectation value.

    The ordered operator O = D_i†(ħω0 J_z) is written on the basis {J_+J_−, J_−J_+}
    (coefficients solved from the ordered forms) and each basis operator replaced by its
    expectation value ⟨J_+J_−⟩, ⟨J_−J_+⟩.
    """
    alg = collective_spin_algebra()
    trace_form, op = heat_current(hbar * omega0 * JZ, collective_channels(gamma, n), alg)
    c1, c2 = sp.symbols("c1 c2")
    ansatz = alg.order(c1 * JP * JM + c2 * JM * JP)
    eqs = collect_monomials(sp.expand(ansatz - op))
    sol = sp.solve(list(eqs.values()), [c1, c2], dict=True)
    if len(sol) != 1:
        raise DickeheatError(f"D†(H0) = {op} is not a combination of J+J-, J-J+")
    expectation = sp.factor(sol[0][c1]) * jpjm + sp.factor(sol[0][c2]) * jmjp
    return trace_form, op, expectation


@dataclasses.dataclass(frozen=True)
class HeatChain:
    """The objects of the Sec.-II derivation: the Dicke normalisation (8), the collective rates
    (14), the single-bath population balance and detailed balance (13), the Gibbs condition and
    T* (15–16), the heat current of one bath (19–22), the steady-state current (23–24) and the
    independent-qubit current (25)."""

    dicke_norm: sp.Expr
    dicke_norm_product: sp.Expr
    rates_two_down: sp.Expr
    rates_two_up: sp.Expr
    up_element: sp.Expr
    down_element: sp.Expr
    population_ratio: sp.Expr
    population_residual: sp.Expr
    detailed_balance: sp.Expr
    D_of_gibbs: sp.Expr
    x_star: sp.Expr
    T_star_expr: sp.Expr
    Q_trace_form: sp.Expr
    Q_operator: sp.Expr
    Q_i: sp.Expr
    jmjp_identity: sp.Expr
    eq23: sp.Expr
    jpjm_steady: sp.Expr
    Q_h_steady: sp.Expr
    jz_half: sp.Expr
    Q_ind: sp.Expr


@functools.cache
def chain() -> HeatChain:
    """Run the derivation (once, cached) and return its objects as a :class:`HeatChain`."""
    alg = collective_spin_algebra()
    rho = Operator("rho")
    # (8): |J,m⟩ = c J_+^{J+m}|J,−J⟩
    norm, norm_steps = raising_normalization(J, m)
    dicke_norm = sp.powsimp(sp.simplify(norm).rewrite(sp.factorial), force=True)
    dicke_norm_product = norm_steps[1][1].rewrite(sp.factorial)
    # (11) one bath; (14) two baths: rates of D[J−], D[J+]
    one = total_dissipator(collective_channels(gamma_i, n_i), rho, alg)
    rates_one = channel_rates(one, [JM, JP], alg)
    two = total_dissipator(collective_channels(gamma_h, n_h) + collective_channels(gamma_c, n_c),
                           rho, alg)
    rates_two = channel_rates(two, [JM, JP], alg)
    rates_two_down = sp.collect(sp.expand(rates_two[JM]), [gamma_h, gamma_c])
    rates_two_up = sp.collect(sp.expand(rates_two[JP]), [gamma_h, gamma_c])
    # (13): populations. Net flux between M and M+1 vanishes in the stationary state of a ladder
    up_elem = matrix_element(JP, J, M + 1, J, M)  # ⟨M+1|J+|M⟩
    down_elem = matrix_element(JM, J, M, J, M + 1)  # ⟨M|J−|M+1⟩
    up_element, down_element = up_elem, down_elem
    p_M, p_M1 = sp.symbols("p_M p_M1", positive=True)
    flux = rates_one[JP] * up_elem**2 * p_M - rates_one[JM] * down_elem**2 * p_M1
    ratio = sp.simplify(sp.solve(flux, p_M1)[0] / p_M)
    population_ratio = ratio  # γn/(γ(1+n))
    # full stationarity of the population equation with p_M = r^M (all M, symbolic J)
    r = sp.Symbol("r", positive=True)
    def pm(k: int) -> sp.Expr:
        return r ** (M + k)
    dpdt = (rates_one[JM] * (matrix_element(JM, J, M, J, M + 1) ** 2 * pm(1)
                             - matrix_element(JM, J, M - 1, J, M) ** 2 * pm(0))
            + rates_one[JP] * (matrix_element(JP, J, M, J, M - 1) ** 2 * pm(-1)
                               - matrix_element(JP, J, M + 1, J, M) ** 2 * pm(0)))
    population_residual = require_zero("single-bath population balance",
                                              sp.factor(sp.simplify(dpdt.subs(r, ratio))))
    T_bath = T_i
    detailed_balance = sp.simplify(ratio.subs(n_i, bose(omega0, T_bath)))
    # (15)–(16): D(e^{−xJz}) = 0
    G = BoltzmannOperator(x)
    dg = alg.order(total_dissipator([Channel(Gdown, JM), Channel(Gup, JP)], G, alg))
    D_of_gibbs = dg
    conditions = list(collect_monomials(dg).values())
    sol_x = sp.solve(conditions, x, dict=True)
    if len(sol_x) != 1:
        raise DickeheatError(f"D(exp(-x Jz)) = 0 has solutions {sol_x}")
    x_star = sp.expand_log(sol_x[0][x], force=True)
    subs_rates = {Gdown: rates_two_down, Gup: rates_two_up}
    T_star_expr = T0 / sp.logcombine(x_star.subs(subs_rates), force=True)
    # (19)–(22)
    trace_form, op, q_i = heat_current_of_bath(gamma_i, n_i)
    Q_trace_form, Q_operator, Q_i = trace_form, op, q_i
    # (23)–(24)
    q_h = q_i.subs({gamma_i: gamma_h, n_i: n_h})
    q_c = q_i.subs({gamma_i: gamma_c, n_i: n_c})
    ordered = alg.order(JM * JP)  # J−J+ = J+J− − 2Jz
    jmjp_value = ordered.subs({JP * JM: jpjm, JZ: jz})
    jmjp_identity = jmjp_value
    combo = (1 / gamma_h + 1 / gamma_c) ** -1 * (q_h / gamma_h - q_c / gamma_c)  # (23)
    eq23 = sp.factor(sp.expand(combo.subs(jmjp, jmjp_value)))
    a_star = sp.solve(sp.Eq((q_h + q_c).subs(jmjp, jmjp_value), 0), jpjm)[0]
    q_h_steady = sp.factor(q_h.subs(jmjp, jmjp_value).subs(jpjm, a_star))
    jpjm_steady = a_star
    Q_h_steady = q_h_steady
    if sp.simplify(q_h_steady - eq23) != 0:
        raise DickeheatError("Eq. (23) and the elimination of <J+J-> disagree")
    # (25): N × (24) at J = 1/2 with ⟨Jz⟩_{1/2,T*}, e^{x} = Γ↓/Γ↑
    jz_half = jz_mean(sp.Rational(1, 2), x)
    x_rates = sp.logcombine(x_star, force=True)  # log(Γ↓/Γ↑)
    per_qubit = q_h_steady.subs(jz, jz_half.rewrite(sp.exp)).subs(x, x_rates).subs(subs_rates)
    Q_ind = sp.factor(sp.simplify(N * per_qubit))
    return HeatChain(
        dicke_norm=dicke_norm,
        dicke_norm_product=dicke_norm_product,
        rates_two_down=rates_two_down,
        rates_two_up=rates_two_up,
        up_element=up_element,
        down_element=down_element,
        population_ratio=population_ratio,
        population_residual=population_residual,
        detailed_balance=detailed_balance,
        D_of_gibbs=D_of_gibbs,
        x_star=x_star,
        T_star_expr=T_star_expr,
        Q_trace_form=Q_trace_form,
        Q_operator=Q_operator,
        Q_i=Q_i,
        jmjp_identity=jmjp_identity,
        eq23=eq23,
        jpjm_steady=jpjm_steady,
        Q_h_steady=Q_h_steady,
        jz_half=jz_half,
        Q_ind=Q_ind,
    )


def results() -> list[Result]:
    c = chain()
    S = Step
    rates_step = S("14", "D_h + D_c = Γ↓ D[J−] + Γ↑ D[J+]: rates read off",
                   sp.Tuple(c.rates_two_down, c.rates_two_up))
    gibbs_step = S("15", "D(e^{−xJz}) ordered with [Jz, J±] = ±J± (must vanish)", c.D_of_gibbs)
    x_step = S("15", "coefficients of every monomial vanish: x = ln(Γ↓/Γ↑)", c.x_star)
    q_steps = [
        S("19", "Tr[H0 D_i(ρ)], H0 = ħω0 J_z, D_i of Eq. (11)", c.Q_trace_form),
        S("C1", "cyclic trace → ⟨D_i†(H0)⟩, ordered with [Jz, J±] = ±J±", c.Q_operator),
        S("22", "written on {J+J−, J−J+}", c.Q_i),
    ]
    jmjp_step = S("24", "[J+, J−] = 2Jz: ⟨J−J+⟩ = ⟨J+J−⟩ − 2⟨Jz⟩", c.jmjp_identity)
    steady_steps = [
        *q_steps, jmjp_step,
        S("23", "(1/γh + 1/γc)^{-1}(Q_h/γh − Q_c/γc), using Q_c = −Q_h", c.eq23),
        S("24", "same from Q_h + Q_c = 0 solved for ⟨J+J−⟩", c.jpjm_steady),
    ]
    power_args = (hbar, omega0, gamma_h, gamma_c, n_h, n_c)
    return [
        make("dicke_state", equation="8", title="normalisation of |J,m⟩ = c J_+^{J+m}|J,−J⟩",
             lhs=sp.Symbol("c"),
             expr=c.dicke_norm, args=(J, m),
             steps=[S("8", "⟨J,−J+i+1|J+|J,−J+i⟩² multiplied over i < J+m", c.dicke_norm_product),
                    S("8", "c = 1/sqrt(product)", c.dicke_norm)],
             printed=sp.sqrt(sp.factorial(J + m) * sp.factorial(J - m) / sp.factorial(2 * J)),
             check=checks.dicke_state_check,
             notes="The print's factor sqrt((J+m)!(J−m)!/(2J)!) normalises the state only for "
                   "J + m <= 1; the derived sqrt((J−m)!/((2J)!(J+m)!)) is smaller by (J+m)!."),
        make("detailed_balance", equation="13",
             title="single bath: ratio of neighbouring Dicke populations",
             lhs=sp.Symbol("p_{M+1}/p_M"), expr=c.detailed_balance, args=(hbar, omega0, k_B, T_i),
             steps=[S("13", "⟨M+1|J+|M⟩ and ⟨M|J−|M+1⟩ (qapply)",
                    sp.Tuple(c.up_element, c.down_element)),
                    S("13", "zero net flux between M and M+1: p_{M+1}/p_M", c.population_ratio),
                    S("13", "population equation with p_M = r^M, r = that ratio (must vanish)",
                    c.population_residual),
                    S("12–13", "Bose occupation n_i = 1/(e^{ħω0/k_B T_i} − 1)",
                      c.detailed_balance)],
             printed=sp.exp(-hbar * omega0 / (k_B * T_i)), expected=ONE,
             check=checks.detailed_balance_check),
        make("T_star", equation="16", title="effective temperature of the two collective baths",
             lhs=T_star,
             expr=c.T_star_expr, args=(T0, gamma_h, gamma_c, n_h, n_c),
             steps=[rates_step, gibbs_step, x_step,
                                                             S("16", "x = T0/T*", c.T_star_expr)],
             printed=T0 / sp.log((gamma_c * (1 + n_c) + gamma_h * (1 + n_h))
                                 / (gamma_c * n_c + gamma_h * n_h)),
             expected=temperature, check=checks.t_star_check),
        make("Q_h", equation="22", title="heat current from bath i, from Tr[H0 D_i(ρ)]",
             lhs=sp.Symbol("Qdot_i"),
             expr=c.Q_i, args=(hbar, omega0, gamma_i, n_i, jpjm, jmjp), steps=q_steps,
             printed=hbar * omega0 * gamma_i * (-(1 + n_i) * jpjm + n_i * jmjp),
             expected=POWER, check=checks.q_i_check),
        make("Q_h_steady", equation="24", title="steady-state heat current from the hot bath",
             lhs=sp.Symbol("Qdot_h"), expr=c.Q_h_steady, args=(*power_args, jz), steps=steady_steps,
             printed=2 * gamma_h * gamma_c / (gamma_h + gamma_c) * hbar * omega0 * (-jz)
             * (n_h - n_c),
             expected=POWER, check=checks.q_h_steady_check,
             notes="Valid without the parasitic bath (Q_c = −Q_h). The text after Eq. (24) "
                   "writes J_z = Σ_j σ_z^(j); by Eq. (5) it is Σ_j σ_z^(j)/2."),
        make("Q_ind", equation="25 [published 26]",
             title="N independent qubits, each between the two baths",
             lhs=sp.Symbol("Qdot_h^ind"), expr=c.Q_ind, args=(N, *power_args),
             steps=[*steady_steps[-2:], S("C10", "⟨Jz⟩ at J = 1/2", c.jz_half),
                    S("25", "N × Eq. (24) at J = 1/2, e^{T0/T*} = Γ↓/Γ↑", c.Q_ind)],
             printed=N * hbar * omega0 * gamma_h * gamma_c
             / (gamma_c * (2 * n_c + 1) + gamma_h * (2 * n_h + 1)) * (n_h - n_c),
             expected=POWER, check=checks.q_ind_check),
    ]

"""Sec. III: the local parasitic bath, Eqs. (30–32) [published (31–33)].

Chain (each a SymPy operation on the objects before it):

1. (30–31 [published 31–32]) The heat current Q_p = Tr[H0 D_p(ρ)] of the local dissipator:
   D_p^(j)†(H0) ordered with the Pauli algebra on named sites (operators on other sites drop
   out), then summed over the N identical sites with Σ_j σ_z^(j) = 2J_z.
2. (32 [published 33]) Stationarity of the Gibbs state e^{−xJ_z} = Π_j e^{−x s_z^(j)}: the
   collective dissipator fixes e^{−x} = Γ↑/Γ↓ (heat chain), each local one
   e^{−x} = n_p/(1+n_p), i.e. T_p = T*. Then ρ is a product of identical diagonal qubit
   states, ⟨J_+J_−⟩ = N p_1, and Eq. (22) gives Q_h = Q_h^ind of Eq. (25).
3. (35 [published D3]) One qubit with all three baths: D(e^{−xs_z}) = 0 gives its effective
   temperature T_k*; the print specialises to γ_h = γ_c = γ_k.
"""

from __future__ import annotations

import dataclasses
import functools

import sympy as sp
from sympy.matrices.expressions.kronecker import kronecker_product
from sympy.physics.units import Dimension

from dickeheat.derivations.andolina2024.checks import parasitic as checks
from dickeheat.derivations.andolina2024.heat import Gdown, Gup, collective_channels
from dickeheat.derivations.andolina2024.heat import chain as heat_chain
from dickeheat.derivations.andolina2024.heat_symbols import (
    POWER,
    N,
    T_p,
    bose,
    gamma_c,
    gamma_h,
    gamma_i,
    gamma_k,
    gamma_p,
    hbar,
    jmjp,
    jpjm,
    jz,
    n_c,
    n_h,
    n_i,
    n_p,
    omega0,
    x,
)
from dickeheat.derivations.andolina2024.symbols import make
from dickeheat.errors import DickeheatError
from dickeheat.symbolic.algebra import collect_monomials
from dickeheat.symbolic.lindblad import Channel, heat_current, total_dissipator
from dickeheat.symbolic.result import Result, Step, require_zero
from dickeheat.symbolic.spin import (
    JM,
    JP,
    BoltzmannOperator,
    collective_spin_algebra,
    eigenvalue,
    pauli_algebra,
    pauli_site,
)

__all__ = [
    "ParasiticChain", "chain", "gibbs_condition", "local_channels",
    "product_state_pair_moments", "results",
]

ONE = Dimension(1)


def local_channels(site: str) -> list[Channel]:
    """Eq. (31) [published 32]: γ_p(1+n_p) D[σ_−^(j)] + γ_p n_p D[σ_+^(j)] on one site."""
    return [Channel(gamma_p * (1 + n_p), pauli_site("-", site)),
            Channel(gamma_p * n_p, pauli_site("+", site))]


def product_state_pair_moments(weights: dict, z1: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
    """⟨σ+^(1)σ−^(1)⟩ and ⟨σ+^(1)σ−^(2)⟩ in the two-site product state ρ_1 ⊗ ρ_1.

    ``weights`` maps the qubit's m = ±1/2 to its Boltzmann weight, ``z1`` is their sum. The
    state and operators are 2×2 matrices in the ordering (|m = +1/2⟩, |m = −1/2⟩), the two-site
    objects their Kronecker products; the moments are traces.
    """
    half = sp.Rational(1, 2)
    rho1 = sp.diag(weights[half], weights[-half]) / z1
    sp_ = sp.Matrix([[0, 1], [0, 0]])  # σ+ |−1/2⟩ = |+1/2⟩
    sm_ = sp_.T
    one = sp.eye(2)
    rho2 = kronecker_product(rho1, rho1)
    same = sp.simplify((rho2 * kronecker_product(sp_ * sm_, one)).trace())
    cross = sp.simplify((rho2 * kronecker_product(sp_, sm_)).trace())
    return same, cross


def gibbs_condition(channels_down_up: list[Channel]) -> sp.Expr:
    r"""Solve :math:`\mathcal{D}(e^{-xJ_z}) = 0` for :math:`e^{-x}` on a spin ladder.

    ``channels_down_up`` are channels whose jumps are :data:`JM` or :data:`JP` (any spin,
    including a single qubit, s_± = σ_±). Returns :math:`e^{-x}` as a ratio of rates.
    """
    alg = collective_spin_algebra()
    dg = alg.order(total_dissipator(channels_down_up, BoltzmannOperator(x), alg))
    r = sp.Symbol("r", positive=True)  # r = e^{−x}
    eqs = [sp.expand(v.subs(sp.exp(-x), r).subs(sp.exp(x), 1 / r))
           for v in collect_monomials(dg).values()]
    sol = sp.solve(eqs, r, dict=True)
    if len(sol) != 1:
        raise DickeheatError(f"D(exp(-x Jz)) = 0 has solutions {sol}")
    return sp.factor(sol[0][r])


@dataclasses.dataclass(frozen=True)
class ParasiticChain:
    """The objects of the Sec.-III derivation: the parasitic current Q_p (30–31), the Gibbs
    conditions of the collective and local baths and the current at T_p = T* (32), and the
    three-bath qubit's e^{−x_k} (35)."""

    Q_p_trace_form: sp.Expr
    Q_p_site: sp.Expr
    Q_p: sp.Expr
    local_gibbs: sp.Expr
    local_gibbs_T: sp.Expr
    collective_gibbs: sp.Expr
    p1: sp.Expr
    jpjm_diagonal: sp.Expr
    jpjm_cross: sp.Expr
    jpjm_gibbs: sp.Expr
    jz_gibbs: sp.Expr
    Q_h_gibbs: sp.Expr
    T_k_general: sp.Expr
    T_k: sp.Expr


@functools.cache
def chain() -> ParasiticChain:
    """Run the derivation (once, cached) and return its objects as a :class:`ParasiticChain`."""
    h = heat_chain()
    alg = pauli_algebra()
    # (1) two named sites j, k: D_p^(j)† acting on H0 = (ħω0/2)(σz^(j) + σz^(k))
    h0 = hbar * omega0 / 2 * (pauli_site("z", "j") + pauli_site("z", "k"))
    trace_form, op = heat_current(h0, local_channels("j"), alg)
    Q_p_trace_form, Q_p_site = trace_form, op
    groups = collect_monomials(op)
    if set(groups) - {sp.S.One, pauli_site("z", "j")}:
        raise DickeheatError(f"site k did not drop out of D_p^(j)†(H0): {op}")
    alpha = groups.get(sp.S.One, sp.S.Zero)
    beta_ = groups.get(pauli_site("z", "j"), sp.S.Zero)
    # Σ_j over N identical sites, Σ_j σ_z^(j) = 2 J_z
    Q_p = sp.factor(N * alpha + 2 * beta_ * jz)
    # (2) Gibbs state: collective rates (heat chain) and one site of the local bath
    e_local = gibbs_condition([Channel(gamma_p * (1 + n_p), JM), Channel(gamma_p * n_p, JP)])
    local_gibbs = e_local
    local_gibbs_T = sp.simplify(e_local.subs(n_p, bose(omega0, T_p)))
    collective_gibbs = sp.exp(-h.x_star)
    # product Gibbs state: qubit populations from the J = 1/2 ladder
    weights = {mm: sp.exp(-x * mm) for mm in (sp.Rational(1, 2), -sp.Rational(1, 2))}
    z1 = sum(weights.values())
    p1 = sp.simplify(weights[sp.Rational(1, 2)] / z1)
    # ⟨J+J−⟩ = Σ_j ⟨σ+^(j)σ−^(j)⟩ + Σ_{j≠k} ⟨σ+^(j)σ−^(k)⟩ in ρ = ⊗_j ρ_1: every diagonal
    # (cross) term equals the one of sites (1, 1) ((1, 2)) by permutation symmetry, both
    # computed as traces over two sites with the 2×2 matrices of ρ_1 = e^{−x s_z}/z_1
    same_site, cross_site = product_state_pair_moments(weights, z1)
    jpjm_diagonal = N * same_site
    jpjm_cross = require_zero("⟨σ+^(j)σ−^(k)⟩, j ≠ k, in a diagonal product state",
                              N * (N - 1) * cross_site)
    jpjm_gibbs = sp.simplify(jpjm_diagonal + jpjm_cross)
    per_site_check = sum(eigenvalue(JP * JM, sp.Rational(1, 2), mm) * w / z1
                         for mm, w in weights.items())
    require_zero("⟨σ+σ−⟩ per site: two-site trace vs J = 1/2 eigenvalue",
                 sp.simplify(same_site - per_site_check))
    jz_gibbs = sp.simplify(N * sum(mm * w / z1 for mm, w in weights.items()))
    q_h = h.Q_i.subs({gamma_i: gamma_h, n_i: n_h})
    q_h = q_h.subs(jmjp, h.jmjp_identity).subs({jpjm: jpjm_gibbs, jz: jz_gibbs})
    x_rates = sp.logcombine(h.x_star, force=True).subs(
        {Gdown: h.rates_two_down, Gup: h.rates_two_up})
    Q_h_gibbs = sp.factor(sp.simplify(q_h.rewrite(sp.exp).subs(x, x_rates)))
    # (3) one qubit, three baths
    chans = (collective_channels(gamma_h, n_h) + collective_channels(gamma_c, n_c)
             + [Channel(gamma_p * (1 + n_p), JM), Channel(gamma_p * n_p, JP)])
    e_k = gibbs_condition(chans)
    T_k_general = e_k
    T_k = sp.factor(e_k.subs({gamma_h: gamma_k, gamma_c: gamma_k}))
    return ParasiticChain(
        Q_p_trace_form=Q_p_trace_form,
        Q_p_site=Q_p_site,
        Q_p=Q_p,
        local_gibbs=local_gibbs,
        local_gibbs_T=local_gibbs_T,
        collective_gibbs=collective_gibbs,
        p1=p1,
        jpjm_diagonal=jpjm_diagonal,
        jpjm_cross=jpjm_cross,
        jpjm_gibbs=jpjm_gibbs,
        jz_gibbs=jz_gibbs,
        Q_h_gibbs=Q_h_gibbs,
        T_k_general=T_k_general,
        T_k=T_k,
    )


def results() -> list[Result]:
    c = chain()
    S = Step
    q_ind_printed = (N * hbar * omega0 * gamma_h * gamma_c
                     / (gamma_c * (2 * n_c + 1) + gamma_h * (2 * n_h + 1)) * (n_h - n_c))
    return [
        make("Q_p", equation="31 [published 32]",
             title="heat current from the local parasitic bath",
             lhs=sp.Symbol("Qdot_p"), expr=c.Q_p, args=(N, hbar, omega0, gamma_p, n_p, jz),
             steps=[S("31 [published 32]", "Tr[H0 D_p^(j)(ρ)] on two named sites j, k",
                    c.Q_p_trace_form),
                    S("31 [published 32]", "⟨D_p^(j)†(H0)⟩: Pauli algebra, site k drops out",
                    c.Q_p_site),
                    S("30 [published 31]", "Σ over N sites, Σ_j σ_z^(j) = 2J_z", c.Q_p)],
             expected=POWER, check=checks.q_p_check,
             notes="Not printed in the paper. With it the first law reads "
                   "Q_h + Q_c + Q_p = 0 in the steady state."),
        make("Q_h_Tp_eq_Tstar", equation="Sec. III text: (25 [published 26]) at T_p = T*",
             title="heat current when the parasitic bath is at T_p = T*", lhs=sp.Symbol("Qdot_h"),
             expr=c.Q_h_gibbs, args=(N, hbar, omega0, gamma_h, gamma_c, n_h, n_c),
             steps=[S("15", "collective: e^{−x} = Γ↑/Γ↓", c.collective_gibbs),
                    S("31 [published 32]", "local, D_p^(j)(e^{−x s_z}) = 0: e^{−x} = n_p/(1+n_p)",
                    c.local_gibbs),
                    S("31 [published 32]", "with the Bose occupation: x = ħω0/k_B T_p, so T_p = T*",
                    c.local_gibbs_T),
                    S("Sec. III", "product Gibbs state ⊗_j e^{−x s_z^(j)}: N diagonal terms "
                      "⟨σ+^(j)σ−^(j)⟩ (two-site trace)", c.jpjm_diagonal),
                    S("Sec. III", "N(N−1) cross terms ⟨σ+^(j)σ−^(k)⟩, j ≠ k (two-site trace, "
                      "must vanish)", c.jpjm_cross),
                    S("Sec. III", "⟨J+J−⟩ of the product Gibbs state", c.jpjm_gibbs),
                    S("22", "Eq. (22) at e^{x} = Γ↓/Γ↑", c.Q_h_gibbs)],
             printed=q_ind_printed, expected=POWER, check=checks.q_h_tp_check,
             notes="The text (Sec. III) states that at T_p ≈ T* the heat current coincides with "
                   "the independent-qubit value (25) [published 26]; the derivation shows it is "
                   "exact for any γ_p > 0: the global Gibbs state at T* is then the unique "
                   "steady state. Filed under the text's claim about (25), not under the master "
                   "equation (32); the N(N−1) cross terms of ⟨J+J−⟩ are computed as two-site "
                   "traces (they vanish), not argued."),
        make("T_k_star", equation="35 [published D3]",
             title="effective temperature of one qubit coupled to hot, cold and parasitic baths",
             lhs=sp.exp(-sp.Symbol("x_k")), expr=c.T_k, args=(gamma_k, gamma_p, n_h, n_c, n_p),
             steps=[S("35", "D(e^{−x s_z}) = 0 with all three baths", c.T_k_general),
                    S("35", "γ_h = γ_c = γ_k", c.T_k)],
             printed=(gamma_k * (n_h + n_c) + gamma_p * n_p)
             / (gamma_k * (n_h + n_c + 2) + gamma_p * (n_p + 1)),
             expected=ONE, check=checks.t_k_check,
             notes="x_k = ħω0^(k)/(k_B T_k*); n_i stand for the occupations n_i^(k) at the "
                   "qubit's own frequency ω0^(k) (Eq. 33; unnumbered in the published "
                   "Appendix D). arXiv calls the "
                   "next equation 'Eq. (33)' when it means the unnumbered current before it "
                   "(published: D1)."),
    ]

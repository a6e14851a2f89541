"""Sec. IV and Appendix D (published): the detuned two-qubit protocol, Eqs. (33–37)
[published (D1–D5)].

Chain (each a SymPy operation on the objects before it):

1. (unnumbered before 33 [published D1]) Each qubit is a J = 1/2 ladder with its own bath
   modes: Eq. (22) with ω0 → ω0^(k), γ_i → γ_k, n_i → n_i^(k) (Eq. 33; unnumbered in the
   published Appendix D).
2. (34 [published D2]) ⟨σ_+σ_−⟩ = p_1, ⟨σ_−σ_+⟩ = p_0 from the J = 1/2 eigenvalues of J_+J_−,
   J_−J_+ in a diagonal state.
3. (35 [published D3]) p_1/p_0 = e^{−x_k} from D(e^{−x s_z}) = 0 with all three baths (parasitic
   chain), γ_h = γ_c = γ_k.
4. (36 [published D4]) The sum over k = 1, 2.
5. (37 [published D5]) γ_2/γ_1 from the rate γ_i(ω0) of (B18) [published B19] (bath chain) at
   fixed G_i, R_i, Q_i, qubit 1 on resonance.
6. (33) The occupations n_i^(k) = n(ω0^(k), T_i): the mean occupation −∂ ln Z/∂x of a bath
   mode, Z summed as a geometric series (registered as ``andolina2024.occupation``).
"""

from __future__ import annotations

import dataclasses
import functools

import sympy as sp
from sympy.physics.units import time

from dickeheat.derivations.andolina2024.bath import chain as bath_chain
from dickeheat.derivations.andolina2024.checks import detuned as checks
from dickeheat.derivations.andolina2024.circuit import chain as circuit_chain
from dickeheat.derivations.andolina2024.heat import chain as heat_chain
from dickeheat.derivations.andolina2024.heat_symbols import (
    POWER,
    Qf,
    T_i,
    gamma_1,
    gamma_2,
    gamma_i,
    gamma_k,
    gamma_p,
    hbar,
    jmjp,
    jpjm,
    k_B,
    n_c,
    n_h,
    n_i,
    n_p,
    omega0,
    omega_1,
    omega_2,
    omega_LC,
)
from dickeheat.derivations.andolina2024.parasitic import chain as parasitic_chain
from dickeheat.derivations.andolina2024.symbols import make
from dickeheat.errors import DickeheatError
from dickeheat.symbolic.result import Result, Step
from dickeheat.symbolic.spin import JM, JP, eigenvalue

__all__ = ["DetunedChain", "chain", "occupations", "qubit_current", "results"]

half = sp.Rational(1, 2)


def occupations(k: int) -> tuple[sp.Symbol, sp.Symbol, sp.Symbol]:
    """The occupations n_h^(k), n_c^(k), n_p^(k) of Eq. (33) as symbols."""
    return tuple(sp.Symbol(f"n_{b}^({k})", positive=True) for b in "hcp")


def qubit_current(omega_k: sp.Expr, gamma: sp.Expr, k: int) -> tuple[sp.Expr, sp.Expr]:
    """Heat current from the hot bath into qubit ``k`` (Eqs. 34–36) and its p_1.

    Returns the current in terms of the occupations n_i^(k) (:func:`occupations`), with T_k*
    of Eq. (35) substituted, and the excited-state population p_1.
    """
    h, p = heat_chain(), parasitic_chain()
    nh_k, nc_k, np_k = occupations(k)
    r = p.T_k.subs(gamma_k, gamma).subs({n_h: nh_k, n_c: nc_k, n_p: np_k})  # p_1/p_0
    p1 = r / (1 + r)
    p0 = 1 - p1
    # (34): J = 1/2 eigenvalues of J+J− and J−J+ at M = ±1/2
    jpjm_v = eigenvalue(JP * JM, half, half) * p1 + eigenvalue(JP * JM, half, -half) * p0
    jmjp_v = eigenvalue(JM * JP, half, half) * p1 + eigenvalue(JM * JP, half, -half) * p0
    q = h.Q_i.subs({gamma_i: gamma, n_i: nh_k, omega0: omega_k})
    return sp.factor(sp.cancel(q.subs({jpjm: jpjm_v, jmjp: jmjp_v}))), sp.factor(p1)


@dataclasses.dataclass(frozen=True)
class DetunedChain:
    """The objects of the Sec.-IV derivation: ⟨σ_±σ_∓⟩ of a qubit (34), qubit 1's p_1 and
    current and the sum Q_det (35–36), the rate ratio and γ_2 (37, also for a flux-tuned
    transmon), and the thermal occupation of a bath mode (33: partition function and
    n = −∂ ln Z/∂x)."""

    sigma_pm: sp.Tuple
    Q_qubit_1: sp.Expr
    p1_qubit_1: sp.Expr
    Q_det: sp.Expr
    gamma_B18: sp.Expr
    gamma_ratio: sp.Expr
    gamma_2_expr: sp.Expr
    Z_T_of_omega: sp.Expr
    G2_ratio_flux_tuned: sp.Expr
    gamma_2_flux_tuned: sp.Expr
    mode_partition_function: sp.Expr
    occupation: sp.Expr


@functools.cache
def chain() -> DetunedChain:
    """Run the derivation (once, cached) and return its objects as a :class:`DetunedChain`."""
    p_sym = sp.Symbol("p_1", positive=True)
    sigma_pm = sp.Tuple(eigenvalue(JP * JM, half, half) * p_sym
                        + eigenvalue(JP * JM, half, -half) * (1 - p_sym),
                        eigenvalue(JM * JP, half, half) * p_sym
                        + eigenvalue(JM * JP, half, -half) * (1 - p_sym))
    q1, p1_1 = qubit_current(omega_1, gamma_1, 1)
    q2, _ = qubit_current(omega_2, gamma_2, 2)
    Q_qubit_1, p1_qubit_1 = q1, p1_1
    Q_det = q1 + q2
    # (37): γ(ω) of (B18) at fixed G, R, Q; qubit 1 at ω_LC
    gamma_of = bath_chain().gamma
    gamma_B18 = gamma_of
    ratio = sp.simplify(gamma_of.subs(omega0, omega_2) / gamma_of.subs(omega0, omega_LC))
    gamma_ratio = ratio
    gamma_2_expr = sp.factor(gamma_1 * ratio)
    # a flux-tuned transmon also changes G (A22, circuit chain): G² ∝ 1/Z_T with
    # Z_T = sqrt(L_J/C_T) and ω0 = 1/sqrt(L_J C_T)
    L_J, C_T = sp.symbols("L_J C_T", positive=True)
    lj = sp.solve(sp.Eq(omega0, 1 / sp.sqrt(L_J * C_T)), L_J)[0]
    z_t = sp.simplify(sp.sqrt(L_J / C_T).subs(L_J, lj))
    Z_T_of_omega = z_t
    g_sym = sp.Symbol("G", positive=True)
    Z_T = sp.Symbol("Z_T", positive=True)
    g_of = circuit_chain().G
    g_ratio = sp.simplify((g_of**2).subs(Z_T, z_t.subs(omega0, omega_2))
                          / (g_of**2).subs(Z_T, z_t.subs(omega0, omega_LC)))
    G2_ratio_flux_tuned = g_ratio
    if g_sym in ratio.free_symbols:
        raise DickeheatError("the rate ratio at fixed G still depends on G")
    gamma_2_flux_tuned = sp.factor(gamma_1 * ratio * g_ratio)
    # (33): n_i^(k), the mean occupation of a bath mode of frequency ω0^(k) at T_i:
    # Z = Σ_k e^{−kx} (geometric, x = ħω/k_B T > 0), n = −∂ ln Z/∂x
    k = sp.Symbol("k", integer=True, nonnegative=True)
    q = sp.Symbol("q", positive=True)
    z_q = sp.summation(q**k, (k, 0, sp.oo))
    if isinstance(z_q, sp.Piecewise):  # the branch of the convergent series, q = e^{−x} < 1
        z_q = z_q.args[0][0]
    xm = sp.Symbol("x", positive=True)
    mode_partition_function = z_q.subs(q, sp.exp(-xm))
    n_x = sp.simplify(-sp.diff(sp.log(mode_partition_function), xm))
    occupation = n_x.subs(xm, hbar * omega0 / (k_B * T_i))
    return DetunedChain(
        sigma_pm=sigma_pm,
        Q_qubit_1=Q_qubit_1,
        p1_qubit_1=p1_qubit_1,
        Q_det=Q_det,
        gamma_B18=gamma_B18,
        gamma_ratio=gamma_ratio,
        gamma_2_expr=gamma_2_expr,
        Z_T_of_omega=Z_T_of_omega,
        G2_ratio_flux_tuned=G2_ratio_flux_tuned,
        gamma_2_flux_tuned=gamma_2_flux_tuned,
        mode_partition_function=mode_partition_function,
        occupation=occupation,
    )


def _printed_q_det() -> sp.Expr:
    """Eq. (36) with p_0, p_1 from the text and T_k* from Eq. (35), in the n_i^(k)."""
    total = 0
    for k, w, g in ((1, omega_1, gamma_1), (2, omega_2, gamma_2)):
        nh, nc, npp = occupations(k)
        boltz = (g * (nh + nc) + gamma_p * npp) / (g * (nh + nc + 2) + gamma_p * (npp + 1))
        p0 = 1 / (1 + boltz)
        p1 = 1 - p0
        total += hbar * w * g * (-(1 + nh) * p1 + nh * p0)
    return total


def results() -> list[Result]:
    c = chain()
    S = Step
    return [
        make("Q_det", equation="36 [published D4]",
             title="heat current of the detuned two-qubit protocol",
             lhs=sp.Symbol("Qdot_h^det"), expr=c.Q_det,
             args=(hbar, omega_1, omega_2, gamma_1, gamma_2, gamma_p, *occupations(1),
                   *occupations(2)),
             steps=(S("34 [published D2]", "J = 1/2: (⟨σ+σ−⟩, ⟨σ−σ+⟩) = (p_1, p_0)",
                      c.sigma_pm),
                    S("35 [published D3]", "p_1 of qubit 1 from T_1*", c.p1_qubit_1),
                    S("36 [published D4]", "qubit 1: Eq. (22) at ω0^(1), γ_1", c.Q_qubit_1),
                    S("36 [published D4]", "sum over k = 1, 2", c.Q_det)),
             printed=_printed_q_det(), expected=POWER, check=checks.q_det_check,
             notes="Assumes γ_h = γ_c = γ_k for each qubit, as the paper does; n_i^(k) = "
                   "1/(exp(ħω0^(k)/k_B T_i) − 1) (Eq. 33; unnumbered in the published "
                   "Appendix D; andolina2024.occupation at ω0 = ω0^(k)). The text "
                   "(arXiv) calls σ_−^(k) (σ_+^(k)) the creation (destruction) operators: "
                   "swapped."),
        make("gamma_2", equation="37 [published D5]",
             title="rate of the detuned qubit from the RLC rate (B18)", lhs=gamma_2,
             expr=c.gamma_2_expr, args=(gamma_1, omega_2, omega_LC, Qf),
             steps=(S("B18 [published B19]", "γ_i(ω0) of the bath chain", c.gamma_B18),
                    S("37 [published D5]", "γ(ω0^(2))/γ(ω_LC) at fixed G, R, Q",
                      c.gamma_ratio),
                    S("A22", "flux-tuned transmon: G² ∝ 1/Z_T, Z_T = 1/(ω0 C_T)",
                      c.gamma_2_flux_tuned)),
             # Eq. (37) [published D5] as printed (the ω0 prefactor of B18 is missing)
             printed=gamma_1 / (1 + Qf**2 * (omega_2 / omega_LC - omega_LC / omega_2) ** 2),
             expected=1 / time, check=checks.gamma_2_check,
             notes="The print reads ω0 for the detuned qubit's frequency ω0^(2). It drops the "
                   "factor ω0 of (B18) (its ħω0 R G² prefactor, also in the derived rate): "
                   "derived/printed = ω0^(2)/ω_LC = 1/2 for ω0^(2) = ω_LC/2, i.e. γ_2 = γ_1/1802 "
                   "instead of γ_1/901 at Q = 20. If the qubit is tuned by its Josephson "
                   "inductance, G² ∝ 1/Z_T brings another ω0^(2)/ω_LC (γ_1/3604). With Table I "
                   "the derived γ_2 changes 2Q_det/Q_ind by <= 0.2 % (arXiv, T_p = 50 mK: "
                   "1.0122 printed, 1.0110 derived)."),
        make("occupation", equation="33",
             title="thermal occupation n_i^(k) of bath i at a qubit frequency (ω0 = ω0^(k))",
             lhs=sp.Symbol("n_i^(k)"), expr=c.occupation, args=(hbar, omega0, k_B, T_i),
             steps=(S("12", "Z = Σ_k e^{−kx} of one bath mode, x = ħω/k_B T (SymPy summation)",
                      c.mode_partition_function),
                    S("33", "n = −∂ ln Z/∂x at x = ħω0^(k)/k_B T_i", c.occupation)),
             printed=1 / (sp.exp(hbar * omega0 / (k_B * T_i)) - 1), check=checks.occupation_check,
             notes="The occupations n_h^(k), n_c^(k), n_p^(k) of andolina2024.Q_det are this "
                   "result at ω0 = ω0^(k) and T_i = T_h, T_c, T_p (Eq. 12 with the qubit's own "
                   "frequency)."),
    ]

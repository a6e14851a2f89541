"""Bound 1 (Eq. 9) and Bound 2 (Eq. 14) for a bath with two channels (c_a = 2).

Chain:

1. (6)–(8) on a generic two-level system with one channel and symbolic one-sided transforms
   Γ(ω): Tr[H D[ρ]] equals Σ_kl Tr(ρ[A_k, H]Λ_kl) + c.c. (difference expanded to 0), the form
   from which both bounds follow.
2. Triangle inequality, |Tr(ρXY)| <= ‖X‖‖Y‖ and ‖Ã(−s)‖ = ‖A‖:
   |J_a| <= 2 Σ_kl Ξ_kl c_k ‖A_l‖ with c_k >= ‖[A_k, H_S]‖
   (:func:`dickeheat.symbolic.bounds.current_bound`).
3. Bound 1: c_k = 2‖A_k‖‖H_S‖. Bound 2: c_k = ΔE_k‖A_k‖ under the band condition (13).
"""

from __future__ import annotations

import functools

import sympy as sp

from dickeheat.derivations.kamimura2023 import checks
from dickeheat.derivations.kamimura2023.symbols import CURRENT, RATE
from dickeheat.symbolic.bounds import bound1, bound2, current_bound
from dickeheat.symbolic.redfield import commutator_form, heat_current, redfield_dissipator
from dickeheat.symbolic.result import Result, Step, require_zero

__all__ = ["results", "chain"]

PAPER = "kamimura2023"

H_norm = sp.Symbol("||H_S||", positive=True)
a1, a2 = sp.symbols("||A_1|| ||A_2||", positive=True)
Xi11, Xi12, Xi21, Xi22 = sp.symbols("Xi_11 Xi_12 Xi_21 Xi_22", nonnegative=True)
dE1, dE2 = sp.symbols("Delta_E_1 Delta_E_2", positive=True)
XI = sp.Matrix([[Xi11, Xi12], [Xi21, Xi22]])
DIMS = {H_norm: RATE, Xi11: RATE, Xi12: RATE, Xi21: RATE, Xi22: RATE, dE1: RATE, dE2: RATE}


@functools.cache
def chain() -> dict[str, sp.Expr]:
    out: dict[str, sp.Expr] = {}
    # 1. commutator form on a generic two-level system
    E1, E2 = sp.symbols("E_1 E_2", real=True)
    x, y, z, u = sp.symbols("x y z u", real=True)
    r11, r22 = sp.symbols("rho_11 rho_22", real=True)
    r12 = sp.Symbol("rho_12r", real=True) + sp.I * sp.Symbol("rho_12i", real=True)
    H = sp.diag(E1, E2)
    A = sp.Matrix([[x, z + sp.I * u], [z - sp.I * u, y]])
    rho = sp.Matrix([[r11, r12], [sp.conjugate(r12), r22]])
    G = sp.Function("Gamma")
    Gamma = lambda k, l, w: G(w)  # noqa: E731
    J8 = heat_current(H, redfield_dissipator(H, [A], rho, Gamma=Gamma))
    Jc = commutator_form(H, [A], rho, Gamma)
    out["commutator_identity"] = require_zero("Eq. 8 = commutator form",
                                             sp.simplify(sp.expand(J8 - Jc)))
    # 2.-3. the bounds
    out["generic"] = current_bound(XI, [a1, a2], [sp.Symbol("c_1"), sp.Symbol("c_2")])
    out["bound1"] = bound1(H_norm, XI, [a1, a2])
    out["bound2"] = bound2(XI, [dE1, dE2], [a1, a2])
    return out


def results() -> list[Result]:
    ch = chain()
    common = (
        Step("8", "Tr[H D[ρ]] − Σ Tr(ρ[A,H]Λ) − c.c. on a generic 2-level system (must be 0)",
             ch["commutator_identity"]),
        Step("9", "triangle inequality: |J_a| <= 2 Σ Ξ_kl c_k ‖A_l‖, c_k >= ‖[A_k, H_S]‖",
             ch["generic"]),
    )
    printed1 = 4 * H_norm * sum(XI[k, l] * [a1, a2][k] * [a1, a2][l]
                                for k in range(2) for l in range(2))
    printed2 = 2 * sum(XI[k, l] * [dE1, dE2][k] * [a1, a2][k] * [a1, a2][l]
                       for k in range(2) for l in range(2))
    args1 = (H_norm, Xi11, Xi12, Xi21, Xi22, a1, a2)
    args2 = (Xi11, Xi12, Xi21, Xi22, dE1, dE2, a1, a2)
    return [
        Result(
            name=f"{PAPER}.bound1", paper=PAPER, equation="9",
            title="Bound 1 on the Redfield heat current (two channels)",
            lhs=sp.Symbol("B_1"), expr=ch["bound1"], args=args1,
            steps=common + (Step("9", "‖[A_k, H_S]‖ <= 2‖A_k‖‖H_S‖", ch["bound1"]),),
            printed=sp.expand(printed1), dims=DIMS, expected_dimension=CURRENT,
            check=lambda: checks.bound_sampling_check(1),
            notes="Holds for every state; the m-body model at m = L attains it exactly "
                  "(kamimura2023.mbody_bound1_ratio). The generic triangle-inequality form "
                  "|J_a| <= 2 Σ Ξ_kl c_k ‖A_l‖ is taken as the starting point, not derived, so "
                  "agreement with the print only confirms the substitution c_k = 2‖A_k‖‖H_S‖; "
                  "the inequality itself is tested by random sampling.",
        ),
        Result(
            name=f"{PAPER}.bound2", paper=PAPER, equation="14",
            title="Bound 2 on the Redfield heat current under the band condition (13)",
            lhs=sp.Symbol("B_2"), expr=ch["bound2"], args=args2,
            steps=common + (Step("14", "‖[A_k, H_S]‖ <= ΔE_k‖A_k‖ (Bernstein inequality for "
                                       "the band-limited t ↦ e^{iHt}A_k e^{-iHt})",
                                 ch["bound2"]),),
            printed=sp.expand(printed2), dims=DIMS, expected_dimension=CURRENT,
            check=lambda: checks.bound_sampling_check(2),
            notes="ΔE_k is the largest gap that A_k connects (Eq. 13); with the smallest such "
                  "ΔE_k, Bound 2 <= Bound 1 because ΔE_k <= E_max − E_min <= 2‖H_S‖. As for "
                  "Bound 1, the triangle-inequality form is the starting point and the "
                  "inequality itself is tested by random sampling.",
        ),
    ]

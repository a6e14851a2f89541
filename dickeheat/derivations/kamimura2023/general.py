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

import dataclasses
import functools

import sympy as sp

from dickeheat.derivations.kamimura2023.checks import general as checks
from dickeheat.derivations.kamimura2023.symbols import (
    CURRENT,
    XI,
    A1_norm,
    A2_norm,
    H_norm,
    Xi11,
    Xi12,
    Xi21,
    Xi22,
    dE1,
    dE2,
    make,
)
from dickeheat.symbolic.bounds import bound1, bound2, current_bound
from dickeheat.symbolic.redfield import (
    commutator_form,
    heat_current,
    redfield_dissipator,
)
from dickeheat.symbolic.result import Result, Step, require_zero

__all__ = ["GeneralChain", "chain", "results"]

_NORMS = (A1_norm, A2_norm)


@dataclasses.dataclass(frozen=True)
class GeneralChain:
    """The objects of the general chain."""

    commutator_identity: sp.Expr  #: Eq. 8 − commutator form on a 2-level system (0)
    generic: sp.Expr  #: 2 Σ Ξ_kl c_k ‖A_l‖
    bound1: sp.Expr  #: Bound 1, Eq. 9
    bound2: sp.Expr  #: Bound 2, Eq. 14


@functools.cache
def chain() -> GeneralChain:
    """Run the general chain (cached)."""
    # 1. commutator form on a generic two-level system
    E1, E2 = sp.symbols("E_1 E_2", real=True)
    x, y, z, u = sp.symbols("x y z u", real=True)
    r11, r22 = sp.symbols("rho_11 rho_22", real=True)
    r12 = sp.Symbol("rho_12r", real=True) + sp.I * sp.Symbol("rho_12i", real=True)
    H = sp.diag(E1, E2)
    A = sp.Matrix([[x, z + sp.I * u], [z - sp.I * u, y]])
    rho = sp.Matrix([[r11, r12], [sp.conjugate(r12), r22]])
    G = sp.Function("Gamma")

    def Gamma(k: int, l: int, w: sp.Expr) -> sp.Expr:
        return G(w)

    J8 = heat_current(H, redfield_dissipator(H, [A], rho, Gamma=Gamma))
    Jc = commutator_form(H, [A], rho, Gamma)
    identity = require_zero("Eq. 8 = commutator form", sp.simplify(sp.expand(J8 - Jc)))
    # 2.-3. the bounds
    Xi = sp.Matrix(XI)
    return GeneralChain(
        commutator_identity=identity,
        generic=current_bound(Xi, list(_NORMS), [sp.Symbol("c_1"), sp.Symbol("c_2")]),
        bound1=bound1(H_norm, Xi, list(_NORMS)),
        bound2=bound2(Xi, [dE1, dE2], list(_NORMS)),
    )


def results() -> list[Result]:
    """Bound 1 and Bound 2."""
    ch = chain()
    common = (
        Step("8", "Tr[H D[ρ]] − Σ Tr(ρ[A,H]Λ) − c.c. on a generic 2-level system (must be 0)",
             ch.commutator_identity, name="commutator_identity"),
        Step("9", "triangle inequality: |J_a| <= 2 Σ Ξ_kl c_k ‖A_l‖, c_k >= ‖[A_k, H_S]‖",
             ch.generic, name="generic"),
    )
    printed1 = 4 * H_norm * sum(XI[k, l] * _NORMS[k] * _NORMS[l]
                                for k in range(2) for l in range(2))
    printed2 = 2 * sum(XI[k, l] * (dE1, dE2)[k] * _NORMS[k] * _NORMS[l]
                       for k in range(2) for l in range(2))
    return [
        make(
            "bound1", equation="9",
            title="Bound 1 on the Redfield heat current (two channels)",
            lhs=sp.Symbol("B_1"), expr=ch.bound1,
            args=(H_norm, Xi11, Xi12, Xi21, Xi22, A1_norm, A2_norm),
            steps=common + (Step("9", "‖[A_k, H_S]‖ <= 2‖A_k‖‖H_S‖", ch.bound1),),
            printed=sp.expand(printed1), expected=CURRENT, check=checks.bound1_check,
            notes="Holds for every state; the m-body model at m = L attains it exactly "
                  "(kamimura2023.mbody_bound1_ratio). The generic triangle-inequality form "
                  "|J_a| <= 2 Σ Ξ_kl c_k ‖A_l‖ is taken as the starting point, not derived, so "
                  "agreement with the print only confirms the substitution c_k = 2‖A_k‖‖H_S‖; "
                  "the inequality itself is tested by random sampling.",
        ),
        make(
            "bound2", equation="14",
            title="Bound 2 on the Redfield heat current under the band condition (13)",
            lhs=sp.Symbol("B_2"), expr=ch.bound2,
            args=(Xi11, Xi12, Xi21, Xi22, dE1, dE2, A1_norm, A2_norm),
            steps=common + (Step("14", "‖[A_k, H_S]‖ <= ΔE_k‖A_k‖ (Bernstein inequality for "
                                       "the band-limited t ↦ e^{iHt}A_k e^{-iHt})",
                                 ch.bound2),),
            printed=sp.expand(printed2), expected=CURRENT, check=checks.bound2_check,
            notes="ΔE_k is the largest gap that A_k connects (Eq. 13); with the smallest such "
                  "ΔE_k, Bound 2 <= Bound 1 because ΔE_k <= E_max − E_min <= 2‖H_S‖. As for "
                  "Bound 1, the triangle-inequality form is the starting point and the "
                  "inequality itself is tested by random sampling.",
        ),
    ]

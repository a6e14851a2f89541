"""Bound 1 (Eq. 9) and Bound 2 (Eq. 14) for a bath with two channels (c_a = 2).

Chain:

1. (6)–(8) on a generic two-level system with one channel and symbolic one-sided transforms
   Γ(ω): Tr[H D[ρ]] equals Σ_kl Tr(ρ[A_k, H]Λ_kl) + c.c. (difference expanded to 0): the
   matrix route of the first step below.
2. The bounds as chains of named lemmas on abstract operators
   (:func:`dickeheat.symbolic.bounds.redfield_bound_chain`): |J_a| = |Tr[H X] + c.c.| with X
   from the Redfield dissipator, cyclicity of the trace, the triangle inequality, Hölder
   |Tr[XY]| <= ‖X‖‖Y‖₁ with Y = ρ, ‖ρ‖₁ = 1, submultiplicativity, ‖Λ_kl‖ <= Ξ_kl‖A_l‖, and
   ‖[A_k, H_S]‖ <= 2‖H_S‖‖A_k‖ (Bound 1) or <= ΔE_k‖A_k‖ under the window condition (13)
   (Bound 2). Every step is verified (the lemma re-applied, the previous member monotone in
   what it replaces); each lemma is falsification-tested on random matrices
   (``tests/symbolic/test_norm_lemmas.py``).
3. The last member with ‖H_S‖, ‖A_k‖, Ξ_kl, ΔE_k as symbols is the registered bound.
"""

from __future__ import annotations

import dataclasses
import functools

import sympy as sp

from dickeheat.derivations.kamimura2023.checks import general as checks
from dickeheat.derivations.kamimura2023.symbols import (
    CURRENT,
    DIMS,
    PAPER,
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
)
from dickeheat.symbolic.bounds import bound1, bound2, redfield_bound_chain
from dickeheat.symbolic.inequality import InequalityChain, InequalityResult
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
    chain1: InequalityChain  #: |J_a| <= ... <= Bound 1, lemma by lemma
    chain2: InequalityChain  #: |J_a| <= ... <= Bound 2, lemma by lemma
    bound1: sp.Expr  #: Bound 1, Eq. 9 (last member of chain1, norms as symbols)
    bound2: sp.Expr  #: Bound 2, Eq. 14 (last member of chain2, norms as symbols)


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
    # 2.-3. the bounds: lemma chains (verified when built), last member with symbols
    Xi = sp.Matrix(XI)
    return GeneralChain(
        commutator_identity=identity,
        chain1=redfield_bound_chain(2, 1),
        chain2=redfield_bound_chain(2, 2),
        bound1=bound1(H_norm, Xi, list(_NORMS)),
        bound2=bound2(Xi, [dE1, dE2], list(_NORMS)),
    )


def _chain_steps(ch: InequalityChain, label: str) -> tuple[Step, ...]:
    out = []
    for i, link in enumerate(ch.links):
        lemma = "" if link.lemma is None else f"[{link.lemma.name}: {link.lemma.statement}] "
        rel = "start" if i == 0 else link.relation
        out.append(Step(label, f"{rel} {lemma}{link.reason}".strip(), link.expr))
    return tuple(out)


def results() -> list[Result]:
    """Bound 1 and Bound 2 (inequality results, proved relative to their named lemmas)."""
    ch = chain()
    identity = Step("8", "Tr[H D[ρ]] − Σ Tr(ρ[A,H]Λ) − c.c. on a generic 2-level system "
                         "(must be 0)", ch.commutator_identity, name="commutator_identity")
    printed1 = 4 * H_norm * sum(XI[k, l] * _NORMS[k] * _NORMS[l]
                                for k in range(2) for l in range(2))
    printed2 = 2 * sum(XI[k, l] * (dE1, dE2)[k] * _NORMS[k] * _NORMS[l]
                       for k in range(2) for l in range(2))
    lemmas = "; ".join(f"{lem.name} ({lem.statement})" for lem in ch.chain2.lemmas)
    return [
        InequalityResult(
            name="kamimura2023.bound1", paper=PAPER, equation="9",
            title="Bound 1 on the Redfield heat current (two channels)",
            lhs=sp.Symbol("B_1"), expr=ch.bound1,
            args=(H_norm, Xi11, Xi12, Xi21, Xi22, A1_norm, A2_norm),
            steps=(identity, *_chain_steps(ch.chain1, "9")),
            printed=sp.expand(printed1), dims=DIMS, expected_dimension=CURRENT,
            check=checks.bound1_check, inequality=ch.chain1, verdict="proved",
            notes="|J_a| <= B_1 for every state, derived from the Redfield current (Eqs. 6–8) as "
                  "a chain of named lemmas, each step verified; the lemmas are "
                  "falsification-tested on random matrices. The check samples random systems "
                  "(|J| <= B_1 on the measured Redfield current, random + optimiser) and a "
                  "qubit with rank-one white noise, which attains the bound exactly. The m-body "
                  "model at m = L attains it too (kamimura2023.mbody_bound1_ratio).",
        ),
        InequalityResult(
            name="kamimura2023.bound2", paper=PAPER, equation="14",
            title="Bound 2 on the Redfield heat current under the band condition (13)",
            lhs=sp.Symbol("B_2"), expr=ch.bound2,
            args=(Xi11, Xi12, Xi21, Xi22, dE1, dE2, A1_norm, A2_norm),
            steps=(identity, *_chain_steps(ch.chain2, "14")),
            printed=sp.expand(printed2), dims=DIMS, expected_dimension=CURRENT,
            check=checks.bound2_check, inequality=ch.chain2, verdict="proved",
            notes="ΔE_k is the largest gap that A_k connects (Eq. 13); the last step is "
                  "Bernstein's inequality for the band-limited t ↦ e^{iHt}A_k e^{−iHt}, "
                  "‖[A_k, H_S]‖ <= ΔE_k‖A_k‖ (the paper cites the relation of its Ref. [57]). "
                  "With the smallest such ΔE_k, Bound 2 <= Bound 1 because ΔE_k <= E_max − "
                  f"E_min <= 2‖H_S‖. Lemmas: {lemmas}.",
        ),
    ]

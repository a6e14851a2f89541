"""Steady states (Eqs. 19–21): for [H_S, ρ] = 0 the GKSL current equals the Redfield current.

Chain, on a generic three-level system (energies E_1, E_2, E_3, distinct Bohr frequencies) with
two channels of generic Hermitian couplings A_1, A_2 and correlated one-sided transforms
Γ_kl(ω) = Re + i Im (one pair of real symbols per channel pair and Bohr frequency):

1. Redfield current J = Tr[H D[ρ]] with D from Eq. (6) in Bohr form
   (:func:`dickeheat.symbolic.redfield.redfield_dissipator`), ρ = diag(p_1, p_2, p_3).
2. GKSL current J^(G) = Tr[H D^(G)[ρ]] with Eq. (20), γ_kl(ω) = Γ_kl(ω) + Γ_lk(ω)*
   (the Lamb-shift Hamiltonian commutes with H_S, so Tr(H_S[H_LS, ρ]) = 0 drops out).
3. The two polynomials are compared (the printed side is the GKSL one: the paper states the
   equality). The imaginary parts (Lamb shifts) cancel from both.
"""

from __future__ import annotations

import dataclasses
import functools

import sympy as sp

from dickeheat.derivations.kamimura2023.checks import steady as checks
from dickeheat.derivations.kamimura2023.symbols import make
from dickeheat.symbolic.redfield import (
    gksl_dissipator,
    gksl_rate,
    heat_current,
    redfield_dissipator,
)
from dickeheat.symbolic.result import Result, Step

__all__ = ["SteadyChain", "chain", "results"]

DIM, CHANNELS = 3, 2


@dataclasses.dataclass(frozen=True)
class SteadyChain:
    """The objects of the steady-state chain."""

    J_R: sp.Expr  #: Redfield current Tr[H D[ρ]], ρ = diag(p), expanded
    J_G: sp.Expr  #: GKSL current Tr[H D^(G)[ρ]] (Eq. 20), expanded
    args: tuple[sp.Symbol, ...]  #: E_i, p_i, entries of A_1 and A_2, Re/Im Γ_kl(ω_idx)
    bohr: sp.Tuple  #: the Bohr frequency of each index idx of the Γ symbols


def _hermitian(name: str) -> tuple[sp.Matrix, list[sp.Symbol]]:
    syms: list[sp.Symbol] = []
    M = sp.zeros(DIM, DIM)
    for i in range(DIM):
        d = sp.Symbol(f"{name}_{i + 1}{i + 1}", real=True)
        syms.append(d)
        M[i, i] = d
        for j in range(i + 1, DIM):
            re = sp.Symbol(f"{name}_{i + 1}{j + 1}r", real=True)
            im = sp.Symbol(f"{name}_{i + 1}{j + 1}i", real=True)
            syms += [re, im]
            M[i, j], M[j, i] = re + sp.I * im, re - sp.I * im
    return M, syms


@functools.cache
def chain() -> SteadyChain:
    """Run the steady-state chain (cached)."""
    E = sp.symbols("E_1:4", real=True)
    p = sp.symbols("p_1:4", nonnegative=True)
    H = sp.diag(*E)
    rho = sp.diag(*p)
    A1, s1 = _hermitian("a")
    A2, s2 = _hermitian("b")
    table: dict[tuple[int, int, sp.Expr], sp.Expr] = {}
    gamma_syms: list[sp.Symbol] = []
    labels: list[sp.Expr] = []

    def Gamma(k: int, l: int, w: sp.Expr) -> sp.Expr:
        idx = next((i for i, x in enumerate(labels) if sp.expand(x - w) == 0), None)
        if idx is None:
            labels.append(w)
            idx = len(labels) - 1
        key = (k, l, idx)
        if key not in table:
            re = sp.Symbol(f"G{k + 1}{l + 1}_{idx}r", real=True)
            im = sp.Symbol(f"G{k + 1}{l + 1}_{idx}i", real=True)
            gamma_syms.extend([re, im])
            table[key] = re + sp.I * im
        return table[key]

    J_R = heat_current(H, redfield_dissipator(H, [A1, A2], rho, Gamma=Gamma))
    J_G = heat_current(H, gksl_dissipator(H, [A1, A2], rho, rates=gksl_rate(Gamma)))
    return SteadyChain(J_R=sp.expand(J_R), J_G=sp.expand(J_G),
                       args=tuple(E) + tuple(p) + tuple(s1) + tuple(s2) + tuple(gamma_syms),
                       bohr=sp.Tuple(*labels))


def results() -> list[Result]:
    """The steady-state result: Redfield current = GKSL current for [H_S, ρ] = 0."""
    ch = chain()
    return [
        make(
            "gksl_equals_redfield", equation="text before 21",
            title="[H_S, ρ] = 0 ⇒ Redfield current = GKSL current (generic 3-level, 2 channels)",
            lhs=sp.Symbol("J_a(rho)"), expr=ch.J_R, args=ch.args,
            steps=(Step("20", "Bohr frequencies of the generic system", ch.bohr, name="bohr"),),
            printed=ch.J_G, printed_source="derivation", check=checks.gksl_redfield_check,
            dims=False,
            notes="The printed side is Tr[H_S D^(G)[ρ]] built from the paper's Eq. (20); the "
                  "paper states J^(G)(ρ) = J(ρ) for [H_S, ρ] = 0 without printing either "
                  "expression. Valid for nondegenerate Bohr frequencies as here; degenerate "
                  "ones are grouped by the secular approximation in the same way.",
        ),
    ]

"""The model as input: two collective spins S₁ = S₂ = S = N/2, H₀ (3), the drive (4) and the
collective dissipators (6)–(8), written once in the cumulant engine's spin algebra.

Everything else of the paper is derived from these objects.
"""

from __future__ import annotations

import functools

import sympy as sp

from dickeheat.derivations.dasilvasouza2022.symbols import (
    E1,
    E2,
    Gamma0,
    S,
    n1,
    n2,
    nu,
    omega0,
    t,
)
from dickeheat.symbolic.cumulants import Channel
from dickeheat.symbolic.spin_poly import SpinPoly, SpinSystem

__all__ = [
    "H0",
    "SYSTEM",
    "all_channels",
    "bath_channels",
    "bose",
    "drive",
    "interaction_picture",
]

#: the two clouds, both in the maximal-spin sector S = N/2
SYSTEM = SpinSystem((S, S), names=("1", "2"))


def bose(beta_: sp.Expr, energy: sp.Expr) -> sp.Expr:
    """n_th = 1/(e^{βE} − 1) (8)."""
    return 1 / (sp.exp(beta_ * energy) - 1)


@functools.cache
def H0() -> SpinPoly:
    """Eq. (3) summed over the pairs: Σ_k σ₊σ₋ = S^z + N/2 on each cloud."""
    return (SYSTEM.sz(0) + S) * E1 + (SYSTEM.sz(1) + S) * E2


@functools.cache
def drive(time_dependent: bool = True) -> SpinPoly:
    """Eq. (4): V(t) = (ω₀/2)(S₊⁽¹⁾S₋⁽²⁾e^{iνt} + S₋⁽¹⁾S₊⁽²⁾e^{−iνt}) (``False``: V_I)."""
    phase = sp.exp(sp.I * nu * t) if time_dependent else sp.S.One
    return (SYSTEM.sp(0) * SYSTEM.sm(1) * phase
            + SYSTEM.sm(0) * SYSTEM.sp(1) * sp.conjugate(phase)) * (omega0 / 2)


def bath_channels(i: int, occupation: sp.Expr | None = None) -> list[Channel]:
    """Eqs. (6), (8): D_i = Γ₀(n_i + 1) D[S₋⁽ⁱ⁾] + Γ₀ n_i D[S₊⁽ⁱ⁾] (``i`` = 1 or 2)."""
    occ = occupation if occupation is not None else (n1, n2)[i - 1]
    return [Channel(Gamma0 * (occ + 1), SYSTEM.sm(i - 1)),
            Channel(Gamma0 * occ, SYSTEM.sp(i - 1))]


def all_channels() -> list[Channel]:
    return bath_channels(1) + bath_channels(2)


def interaction_picture(op: SpinPoly) -> SpinPoly:
    """e^{iH₀t} O e^{−iH₀t} for a polynomial of eigenoperators of H₀.

    Each monomial M is checked to be an eigenoperator, [H₀, M] = ω_M M (engine commutator),
    and multiplied by e^{iω_M t}.
    """
    h0 = H0()
    out = SYSTEM.scalar(0)
    for m, coeff in op.terms.items():
        mono = SYSTEM.monomial(m)
        comm = h0 * mono - mono * h0
        if not comm.terms:
            freq = sp.S.Zero
        else:
            (m2, f), = comm.terms.items()
            if m2 != m or len(comm.terms) != 1:
                raise ValueError(f"{SYSTEM.monomial_label(m)} is not an eigenoperator of H0")
            freq = f
        out = out + mono * (coeff * sp.exp(sp.I * freq * t))
    return out

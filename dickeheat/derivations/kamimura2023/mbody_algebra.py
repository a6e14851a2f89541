"""The algebra of the m-body coupling of Eq. (11), for general L and m, and its exact 2^L checks.

With κ = gL/C(L,m) and X_S = Π_{i∈S} σ_x^(i), A = κ Σ_{|S|=m} X_S. Two facts carry the m-body
chain (:mod:`dickeheat.derivations.kamimura2023.mbody`):

* **A on the all-excited state.** On |⇑⟩ = |L/2, L/2⟩ every σ_x^(i) acts as σ_−^(i) (SymPy's
  Pauli algebra), the σ_−^(i) commute and square to zero, so (Σ_i σ_−^(i))^m = m! Σ_{|S|=m}
  Π_{i∈S} σ_−^(i) (multinomial theorem for commuting nilpotents, :func:`nilpotent_multinomial`)
  and A|⇑⟩ = (κ/m!) J_−^m |L/2, L/2⟩ = (κ N_m/m!) |L/2, L/2 − m⟩ with N_m² the product of the
  Dicke-ladder matrix elements (:func:`ladder_norm2`).
* **The spectrum of A.** In the product eigenbasis of the σ_x^(i) (eigenvalues s_i = ±1), X_S
  is diagonal with eigenvalue Π_{i∈S} s_i, and Σ_{|S|=m} Π s_i is the coefficient of t^m in
  Π_i (1 + s_i t) = (1 − t)^k (1 + t)^{L−k} for k negative signs: the Krawtchouk number
  K_m(k) = Σ_j (−1)^j C(k,j) C(L−k,m−j) (Cauchy product of the two binomial series,
  :func:`krawtchouk`), with multiplicity C(L,k).

The exact checks work in the 2^L space with integer arithmetic: :func:`exact_current` (the
current of Eq. 12 from |⇑⟩) and :func:`exact_spectrum` (the eigenvalues of Σ_S X_S).
"""

from __future__ import annotations

import itertools
from collections import Counter
from math import comb

import numpy as np
import sympy as sp

from dickeheat.symbolic import spin

__all__ = [
    "exact_current",
    "exact_spectrum",
    "krawtchouk",
    "krawtchouk_from_generating_function",
    "ladder_norm2",
    "nilpotent_multinomial",
]


def exact_current(Lv: int, mv: int) -> sp.Rational:
    """J(0)/(c g² ω_q) for the m-body model from |⇑⟩, by exact integer arithmetic in the 2^L
    space: J = (c/2)⟨[A,[H,A]]⟩ with A = κ Σ_S X_S, H = (ω_q/2) Σ σ_z."""
    dim = 2**Lv
    idx = np.arange(dim, dtype=np.int64)
    Aint = np.zeros((dim, dim), dtype=np.int64)  # Σ_S X_S (entries 0/1)
    for S in itertools.combinations(range(Lv), mv):
        mask = sum(1 << (Lv - 1 - i) for i in S)
        Aint[idx ^ mask, idx] += 1
    bits = (idx[:, None] >> np.arange(Lv)[None, :]) & 1
    two_jz = np.diag(Lv - 2 * bits.sum(axis=1))  # bit 0 = excited: σ_z = +1
    e0 = np.zeros(dim, dtype=np.int64)
    e0[0] = 1  # |⇑⟩ = index 0
    # <⇑|[A',[2Jz,A']]|⇑> = 2<A' 2Jz A'> − <2Jz A'²> − <A'² 2Jz>, A' real symmetric
    v = Aint @ e0
    value = int(2 * v @ (two_jz @ v) - (two_jz @ e0) @ (Aint @ v) - (Aint @ v) @ (two_jz @ e0))
    kappa = sp.Rational(Lv, comb(Lv, mv))
    # J = (c/2) κ² (ω_q/2) <[A',[2Jz,A']]>, in units of c g² ω_q
    return sp.Rational(1, 2) * kappa**2 * sp.Rational(1, 2) * value


def exact_spectrum(Lv: int, mv: int) -> Counter[int]:
    """The eigenvalues of Σ_{|S|=m} X_S with multiplicities, by enumerating the 2^L product
    eigenstates of the σ_x^(i) (integer arithmetic, no formula)."""
    out: Counter[int] = Counter()
    for signs in itertools.product((1, -1), repeat=Lv):
        out[sum(int(np.prod([signs[i] for i in S])) for S in
                itertools.combinations(range(Lv), mv))] += 1
    return out


def nilpotent_multinomial(Lv: int, mv: int) -> sp.Expr:
    """(Σ_i x_i)^m − m! e_m(x) for commuting x_i with x_i² = 0 (L sites): zero when the
    multinomial identity behind A|⇑⟩ = (κ/m!) J_−^m|⇑⟩ holds.

    The power is expanded word by word (every ordered product x_{i_1}…x_{i_m}); a word with a
    repeated letter vanishes (x_i² = 0), the others are collected by their set of letters.
    """
    x = sp.symbols(f"x_0:{Lv}")
    counts: Counter[tuple[int, ...]] = Counter()
    for word in itertools.product(range(Lv), repeat=mv):
        if len(set(word)) == mv:
            counts[tuple(sorted(word))] += 1
    power = sum(n * sp.Mul(*[x[i] for i in S]) for S, n in counts.items())
    e_m = sum(sp.Mul(*S) for S in itertools.combinations(x, mv))
    return sp.expand(power - sp.factorial(mv) * e_m)


def ladder_norm2(J: sp.Expr, m: sp.Expr) -> sp.Expr:
    """‖J_−^m |J, J⟩‖² = Π_{k=0}^{m−1} |⟨J, J−k−1|J_−|J, J−k⟩|² from the Dicke-ladder matrix
    element (:func:`dickeheat.symbolic.spin.matrix_element`), as a SymPy product."""
    k = sp.Symbol("k", integer=True, nonnegative=True)
    M = sp.Symbol("M", real=True)
    element = spin.matrix_element(spin.JM, J, M - 1, J, M)
    return sp.product(sp.expand(element**2).subs(M, J - k), (k, 0, m - 1))


def krawtchouk(L: sp.Expr, k: sp.Expr, m: sp.Expr) -> sp.Expr:
    """K_m(k) = Σ_j (−1)^j C(k,j) C(L−k,m−j): the coefficient of t^m in (1 − t)^k (1 + t)^{L−k}
    by the Cauchy product of the binomial series Σ_j C(k,j)(−t)^j and Σ_i C(L−k,i) t^i."""
    j = sp.Symbol("j", integer=True, nonnegative=True)
    return sp.Sum((-1) ** j * sp.binomial(k, j) * sp.binomial(L - k, m - j), (j, 0, m))


def krawtchouk_from_generating_function(Lv: int, kv: int, mv: int) -> int:
    """The coefficient of t^m in (1 − t)^k (1 + t)^{L−k}, by polynomial expansion."""
    t = sp.Symbol("t")
    return int(sp.Poly((1 - t) ** kv * (1 + t) ** (Lv - kv), t).coeff_monomial(t**mv))

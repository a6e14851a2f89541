r"""Population rate equations in the Dicke basis, derived from the operator algebra.

For N spins-1/2 a permutation-invariant state that is diagonal in :math:`(J^2, J_z)` is
:math:`\rho = \sum_{J,M} p(J,M)\,\Pi_{J,M}`, with :math:`\Pi_{J,M}` the projector onto the
:math:`d_J` degenerate copies of :math:`|J,M\rangle`. Its lumped populations
:math:`P(J,M) = d_J\,p(J,M)` obey :math:`\dot P(J',M') = \sum W(J,M\to J',M')P(J,M) -
\Gamma_{\rm out}(J,M')P(J',M')`. This module derives the rates W, never typing them in:

1. degeneracy (:func:`degeneracy`): every multiplet with :math:`J \ge |M|` has one state
   with :math:`J_z = M`, and there are :math:`\binom{N}{N/2+M}` product states with
   :math:`J_z = M`, so :math:`d_J = \binom{N}{N/2-J} - \binom{N}{N/2-J-1}`, simplified with
   ``gammasimp``;
2. collective jumps (:func:`collective_rates`): the dissipator :math:`\mathcal{D}[A]` maps
   :math:`\Pi_{J,M}` to :math:`|\langle J,M\mp1|A|J,M\rangle|^2\Pi_{J,M\mp1} - \langle
   A^\dagger A\rangle\Pi_{J,M}` for :math:`A = J_\mp`, which acts inside each copy; the matrix
   elements come from ``sympy.physics.quantum.spin`` (``qapply``);
3. coupling one spin to N − 1 (:func:`spin_half_cg_squared`): the squared Clebsch–Gordan
   coefficients :math:`|\langle j, M-s; \tfrac12, s|J, M\rangle|^2` are the squared components
   of the eigenvectors of :math:`\mathbf{J}^2 = \mathbf{j}^2 + \mathbf{s}^2 +
   2\,\mathbf{j}\cdot\mathbf{s}` on the two product states with total M (matrix elements by
   ``qapply``); checked against ``sympy.physics.quantum.cg.CG``;
4. local jumps (:func:`local_rates`): by permutation symmetry
   :math:`\sum_j \mathrm{Tr}[\Pi_{J',M\mp1}\sigma_\mp^{(j)}\Pi_{J,M}\sigma_\pm^{(j)}] =
   N\,\mathrm{Tr}[\ldots\sigma_\mp^{(N)}\ldots]`, and writing each copy of
   :math:`|J,M\rangle` of N spins as a copy of :math:`|j,\cdot\rangle` of the first N − 1
   spins (:math:`j = J \pm \tfrac12`, :math:`d^{(N-1)}_j` copies) coupled to spin N,
   :math:`\sigma_\mp^{(N)}` only flips the last factor:

   .. math::
      W(J,M\to J',M\mp1) = \frac{N}{d^{(N)}_J}\sum_{j} d^{(N-1)}_j\,
      |\langle j, M\mp\tfrac12; \tfrac12, \pm\tfrac12|J, M\rangle|^2\,
      |\langle j, M\mp\tfrac12; \tfrac12, \mp\tfrac12|J', M\mp1\rangle|^2 .

   The loss term :math:`\sum_j \sigma_\pm^{(j)}\sigma_\mp^{(j)} = N/2 \pm J_z` gives the outflow
   :math:`N/2 \pm M`; :func:`sum_rule` checks that the three rates add up to it.

:func:`local_rates_exact` evaluates step 4 for a concrete N with exact rationals
(``CG(...).doit()`` and integer degeneracies), including the edge levels where the symbolic
closed forms read 0/0.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from fractions import Fraction

import sympy as sp
from sympy.physics.quantum.cg import CG
from sympy.physics.quantum.spin import Jminus, Jplus, Jz

from dickeheat.errors import ParameterError
from dickeheat.symbolic.result import Step
from dickeheat.symbolic.spin import matrix_element

__all__ = [
    "J",
    "M",
    "N",
    "collective_rates",
    "degeneracy",
    "lattice_rates_exact",
    "degeneracy_int",
    "derivation_steps",
    "local_rates",
    "lattice_rates_exact", "local_rates_exact",
    "spin_half_cg_squared",
    "sum_rule",
]

N = sp.Symbol("N", positive=True, integer=True)
J = sp.Symbol("J", nonnegative=True)
M = sp.Symbol("M", real=True)
_j = sp.Symbol("j", nonnegative=True)
_half = sp.S.Half


def degeneracy(n: sp.Expr = N, j: sp.Expr = J) -> sp.Expr:
    """d_J = C(N, N/2−J) − C(N, N/2−J−1), simplified to (2J+1) N!/((N/2+J+1)!(N/2−J)!).

    >>> degeneracy(4, 1)
    3
    """
    diff = sp.binomial(n, n / 2 - j) - sp.binomial(n, n / 2 - j - 1)
    return sp.gammasimp(sp.expand_func(diff))


def degeneracy_int(n: int, j: Fraction | float) -> int:
    """The integer multiplicity of spin j among n spins-1/2 (0 if j is not allowed)."""
    lowering = Fraction(n, 2) - Fraction(j)
    if lowering < 0 or lowering.denominator != 1:
        return 0
    k = int(lowering)
    from math import comb

    return comb(n, k) - (comb(n, k - 1) if k >= 1 else 0)


def collective_rates(j: sp.Expr = J, m: sp.Expr = M) -> dict[str, sp.Expr]:
    r"""Lumped rates of :math:`\mathcal{D}[J_-]` and :math:`\mathcal{D}[J_+]` from (J, M).

    Keys ``"down"`` (to M − 1), ``"up"`` (to M + 1) and the losses ``"loss_down"`` =
    :math:`\langle J_+J_-\rangle`, ``"loss_up"`` = :math:`\langle J_-J_+\rangle`.
    """
    down = sp.expand(matrix_element(Jminus, j, m - 1, j, m) ** 2)
    up = sp.expand(matrix_element(Jplus, j, m + 1, j, m) ** 2)
    loss_down = sp.expand(matrix_element(Jplus * Jminus, j, m, j, m))
    loss_up = sp.expand(matrix_element(Jminus * Jplus, j, m, j, m))
    return {"down": sp.factor(down), "up": sp.factor(up),
            "loss_down": sp.factor(loss_down), "loss_up": sp.factor(loss_up)}


@functools.cache
def _coupling_matrix(j: sp.Expr, m: sp.Expr) -> sp.Matrix:
    """2 j·s on |j, m−½>|↑>, |j, m+½>|↓> (product-state matrix elements by qapply)."""
    a = (m - _half, _half)  # (m_j, m_s) of the two product states with total m
    b = (m + _half, -_half)

    def jdots(bra, ket):
        (mj, ms), (nj, ns) = bra, ket
        zz = matrix_element(Jz, j, mj, j, nj) * matrix_element(Jz, _half, ms, _half, ns) \
            if bra == ket else 0
        pm = 0
        if mj == nj + 1 and ms == ns - 1:
            pm = matrix_element(Jplus, j, mj, j, nj) * matrix_element(Jminus, _half, ms, _half, ns)
        if mj == nj - 1 and ms == ns + 1:
            pm = matrix_element(Jminus, j, mj, j, nj) * matrix_element(Jplus, _half, ms, _half, ns)
        return zz + pm / 2

    return sp.Matrix([[2 * jdots(a, a), 2 * jdots(a, b)], [2 * jdots(b, a), 2 * jdots(b, b)]])


@functools.cache
def _cg2_general(s: sp.Expr, branch: int) -> sp.Expr:
    """Squared CG for symbolic (j, M): s = ±1/2, branch = ±1 for J = j ± 1/2."""
    lam = _j if branch == 1 else -_j - 1  # 2 j·s on J = j + 1/2 and on J = j − 1/2
    A = _coupling_matrix(_j, M)
    v = (A[0, 1], lam - A[0, 0])  # eigenvector of the 2×2 block, unnormalised
    norm = sp.factor(sp.expand(v[0] ** 2 + v[1] ** 2))
    comp = v[0] if s == _half else v[1]
    return sp.factor(sp.cancel(sp.factor(sp.expand(comp**2)) / norm))


def spin_half_cg_squared(j: sp.Expr, m: sp.Expr, s: sp.Expr, big_j: sp.Expr) -> sp.Expr:
    r""":math:`|\langle j, m-s; \tfrac12, s|J, m\rangle|^2` for :math:`J = j \pm \tfrac12`.

    From the normalised eigenvector of :math:`\mathbf{J}^2 = j(j+1) + \tfrac34 +
    2\,\mathbf{j}\cdot\mathbf{s}` with eigenvalue J(J+1) on the two product states, derived
    for symbolic (j, m) and then evaluated (the closed form also covers the edge m = ±J).

    >>> spin_half_cg_squared(_j, M, _half, _j + _half)
    (2*M + 2*j + 1)/(2*(2*j + 1))
    """
    if sp.simplify(big_j - j - _half) == 0:
        branch = 1
    elif sp.simplify(big_j - j + _half) == 0:
        branch = -1
    else:
        raise ParameterError(f"J must be j ± 1/2, got J={big_j}, j={j}")
    if s not in (_half, -_half):
        raise ParameterError(f"s must be ±1/2, got {s!r}")
    return sp.factor(_cg2_general(s, branch).subs({_j: j, M: m}, simultaneous=True))


def _degeneracy_ratio(shift: sp.Expr) -> sp.Expr:
    """N d^(N−1)_{J+shift} / d^(N)_J, simplified (a rational function of N and J)."""
    ratio = N * degeneracy(N - 1, J + shift) / degeneracy(N, J)
    return sp.factor(sp.gammasimp(ratio))


def local_rates(kind: str = "emission") -> dict[int, sp.Expr]:
    r"""Lumped rates of :math:`\sum_j \mathcal{D}[\sigma_\mp^{(j)}]` from (J, M) to J + ΔJ.

    ``kind`` = ``"emission"`` (σ₋, to M − 1) or ``"absorption"`` (σ₊, to M + 1). Returns
    {ΔJ: rate} for ΔJ ∈ {−1, 0, +1}, rational functions of N, J, M (valid where the
    denominators do not vanish; :func:`local_rates_exact` covers every level).
    """
    if kind not in ("emission", "absorption"):
        raise ParameterError(f"kind must be 'emission' or 'absorption', got {kind!r}")
    s_in = _half if kind == "emission" else -_half  # spin N before the jump
    dm = -1 if kind == "emission" else 1
    out = {}
    for dj in (-1, 0, 1):
        total = sp.S.Zero
        for shift in (-_half, _half):  # j = J ± 1/2 must also couple to J' = J + dj
            jj = J + shift
            if abs(float(dj - shift)) != 0.5:
                continue
            before = spin_half_cg_squared(jj, M, s_in, J)
            after = spin_half_cg_squared(jj, M + dm, -s_in, J + dj)
            total += _degeneracy_ratio(shift) * before * after
        out[dj] = sp.factor(sp.simplify(total))
    return out


def sum_rule(kind: str = "emission") -> sp.Expr:
    """Σ_ΔJ rate − (N/2 ± M): zero if the derived rates conserve probability."""
    rates = local_rates(kind)
    loss = N / 2 + M if kind == "emission" else N / 2 - M
    return sp.simplify(sum(rates.values()) - loss)


def lattice_rates_exact(n: int, dm: int,
                        amplitude: Callable[[sp.Expr, sp.Expr, sp.Expr, sp.Expr], sp.Expr],
                        ) -> dict[tuple, sp.Rational]:
    """Exact rational rates {(J, M, J', M + dm): W} of Σ_j D[A^(j)] on the Dicke lattice of
    N = n spins, for a one-site operator A that changes M by ``dm``.

    ``amplitude(j, J, M, J')`` is the matrix element of A between the states |J, M⟩ and
    |J', M + dm⟩ built from one spin-j state of the other n − 1 spins and the last spin
    (Clebsch–Gordan sums, signs kept); the rate sums its square over j with the integer
    degeneracies. Zero rates are omitted.
    """
    h = sp.Rational(n, 2)
    out = {}
    for Jv in (h - k for k in range(n // 2 + 1)):
        dJ = degeneracy_int(n, Fraction(int(Jv.p), int(Jv.q)))
        for i in range(int(2 * Jv) + 1):
            Mv = -Jv + i
            for dj in (-1, 0, 1):
                Jt = Jv + dj
                if Jt < 0 or Jt > h or abs(Mv + dm) > Jt:
                    continue
                total = sp.S.Zero
                for jj in (Jv - _half, Jv + _half):
                    if jj < 0 or abs(jj - Jt) != _half:
                        continue
                    d1 = degeneracy_int(n - 1, Fraction(int(jj.p), int(jj.q)))
                    if d1 != 0:
                        total += d1 * amplitude(jj, Jv, Mv, Jt) ** 2
                rate = sp.nsimplify(n * total / dJ)
                if rate != 0:
                    out[(Jv, Mv, Jt, Mv + dm)] = rate
    return out


def local_rates_exact(n: int, kind: str = "emission") -> dict[tuple, sp.Rational]:
    """Exact rational rates {(J, M, J', M'): W} of the local jumps for concrete N = n.

    Uses ``CG(j, m1, 1/2, s, J, M).doit()`` and the integer degeneracies; J, M are SymPy
    Rationals. Zero rates are omitted.
    """
    if isinstance(n, bool) or int(n) != n or n < 1:
        raise ParameterError(f"n must be an integer >= 1, got {n!r}")
    if kind not in ("emission", "absorption"):
        raise ParameterError(f"kind must be 'emission' or 'absorption', got {kind!r}")
    s_in = _half if kind == "emission" else -_half
    dm = -1 if kind == "emission" else 1

    def amplitude(jj: sp.Expr, Jv: sp.Expr, Mv: sp.Expr, Jt: sp.Expr) -> sp.Expr:
        m1 = Mv - s_in  # the last spin flips from s_in to −s_in
        if abs(m1) > jj:
            return sp.S.Zero
        return CG(jj, m1, _half, s_in, Jv, Mv).doit() * CG(jj, m1, _half, -s_in, Jt, Mv + dm).doit()

    return lattice_rates_exact(n, dm, amplitude)


def derivation_steps() -> tuple[Step, ...]:
    """The derivation as labelled steps (for display)."""
    col = collective_rates()
    em = local_rates("emission")
    ab = local_rates("absorption")
    return (
        Step("", "multiplicity of spin J: d_J = C(N, N/2−J) − C(N, N/2−J−1)",
             sp.Eq(sp.Symbol("d_J"), degeneracy())),
        Step("", "collective emission |<J,M−1|J_−|J,M>|²", col["down"]),
        Step("", "collective absorption |<J,M+1|J_+|J,M>|²", col["up"]),
        Step("", "CG² for coupling j = J − 1/2 with the last spin (s = +1/2)",
             spin_half_cg_squared(J - _half, M, _half, J)),
        *(Step("30–31", f"local emission (J, M) → (J{dj:+d}, M−1)", em[dj]) for dj in (-1, 0, 1)),
        *(Step("30–31", f"local absorption (J, M) → (J{dj:+d}, M+1)", ab[dj]) for dj in (-1, 0, 1)),
    )

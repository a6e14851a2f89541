r"""Local and collective dephasing on the Dicke lattice, derived from the operator algebra.

Same setting as :mod:`dickeheat.symbolic.dicke_rates`: a permutation-invariant state diagonal
in :math:`(J^2, J_z)`, :math:`\rho = \sum p(J,M)\,\Pi_{J,M}`, lumped populations
:math:`P(J,M) = d_J\,p(J,M)`, and rates :math:`W(J,M\to J',M') =
\mathrm{Tr}[\Pi_{J',M'}\,\mathcal{L}(\Pi_{J,M})]/d_J`.

Local dephasing, :math:`\sum_j \mathcal{D}[\sigma_z^{(j)}]` per unit rate (:func:`local_rates`)
    :math:`\mathcal{D}[\sigma_z]\rho = \sigma_z\rho\sigma_z - \rho` because
    :math:`\sigma_z^2 = 1`, so the outflow of every level is :math:`N` (:func:`sum_rule`).
    :math:`\sigma_z^{(j)}` commutes with :math:`J_z`, so M is kept, and by permutation symmetry
    the sum over spins is N times the last spin. Writing each copy of :math:`|J,M\rangle` as a
    copy of :math:`|j,\cdot\rangle` of the first N − 1 spins (:math:`j = J\pm\tfrac12`)
    coupled to spin N, :math:`\sigma_z^{(N)}` multiplies the component with spin N in state
    s by 2s, so its matrix element to the copy of :math:`|J',M\rangle` built on the same copy
    of j is the *signed* overlap

    .. math::
       a_j(J\to J') = \sum_{s=\pm1/2} 2s\,\langle j, M-s; \tfrac12, s|J, M\rangle
                      \langle j, M-s; \tfrac12, s|J', M\rangle ,

    and :math:`W(J,M\to J',M) = \frac{N}{d^{(N)}_J}\sum_j d^{(N-1)}_j\,a_j^2`, for
    :math:`J' = J, J\pm1`. Unlike emission, the two CG amplitudes interfere, so the signed
    eigenvectors of :math:`2\,\mathbf{j}\cdot\mathbf{s}` are used (from
    :mod:`dickeheat.symbolic.dicke_rates`); :func:`local_rates_exact` repeats the sum with
    ``sympy.physics.quantum.cg.CG`` for concrete N.

Collective dephasing, :math:`\mathcal{D}[J_z]` (:func:`collective_rate`)
    :math:`\mathcal{D}[J_z]\Pi_{J,M} = M\Pi_{J,M}M - \tfrac12\{M^2, \Pi_{J,M}\} = 0`:
    :math:`J_z` and :math:`J^2` commute with every :math:`\Pi_{J,M}`, so collective dephasing
    has no population rate at all. It damps only coherences between different M.

Normalisations: the model's local dephasing is :math:`(\gamma_\phi/2)\sum_j
\mathcal{D}[\sigma_z^{(j)}]` (a single qubit's coherence decays at :math:`\gamma_\phi`), so its
rates are :math:`(\gamma_\phi/2)\,W`. QuTiP's PIQS writes :math:`(\gamma_D/2)\sum_j
\mathcal{L}[\sigma_z^{(j)}/2]` with :math:`\mathcal{L}[A] = 2\mathcal{D}[A]`, i.e.
:math:`(\gamma_D/4)\sum_j\mathcal{D}[\sigma_z^{(j)}]`: :func:`piqs_dephasing` gives
:math:`\gamma_D = 2\gamma_\phi` (derived, not typed: the ratio of the two prefactors).
"""

from __future__ import annotations

import functools

import sympy as sp
from sympy.physics.quantum.cg import CG
from sympy.physics.quantum.spin import Jz

from dickeheat.errors import ParameterError
from dickeheat.symbolic.dicke_rates import (
    J,
    M,
    N,
    _coupling_matrix,
    degeneracy,
    lattice_rates_exact,
)
from dickeheat.symbolic.result import Step
from dickeheat.symbolic.spin import matrix_element

__all__ = [
    "collective_rate",
    "derivation_steps",
    "local_rates",
    "local_rates_exact",
    "piqs_dephasing",
    "signed_cg",
    "sum_rule",
]

_j = sp.Symbol("j", nonnegative=True)
_half = sp.S.Half


@functools.cache
def _signed_cg_general(branch: int) -> tuple[sp.Expr, sp.Expr]:
    """(CG_{s=+1/2}, CG_{s=-1/2}) of J = j + branch/2 for symbolic (j, M), up to a common sign."""
    lam = _j if branch == 1 else -_j - 1  # eigenvalue of 2 j·s on J = j ± 1/2
    A = _coupling_matrix(_j, M)
    v = (A[0, 1], sp.expand(lam - A[0, 0]))
    norm = sp.factor(sp.expand(v[0] ** 2 + v[1] ** 2))
    return v[0] / sp.sqrt(norm), v[1] / sp.sqrt(norm)


def signed_cg(branch: int) -> tuple[sp.Expr, sp.Expr]:
    r"""The normalised eigenvector of :math:`2\,\mathbf{j}\cdot\mathbf{s}` on
    :math:`|j, M-\tfrac12\rangle|\uparrow\rangle, |j, M+\tfrac12\rangle|\downarrow\rangle` for
    :math:`J = j + \text{branch}/2` (branch = ±1), symbolic in ``j`` and ``M``."""
    if branch not in (1, -1):
        raise ParameterError(f"branch must be +1 or -1, got {branch!r}")
    return _signed_cg_general(branch)


def _amplitude_squared(branch_in: int, branch_out: int) -> sp.Expr:
    """a_j² for the copies J = j + branch_in/2 → J' = j + branch_out/2 (symbolic j, M)."""
    up_in, dn_in = signed_cg(branch_in)
    up_out, dn_out = signed_cg(branch_out)
    amp = up_in * up_out - dn_in * dn_out  # 2s = +1 on the first component, −1 on the second
    return sp.factor(sp.simplify(sp.expand(amp**2)))


def _degeneracy_ratio(shift: sp.Expr) -> sp.Expr:
    """N d^(N−1)_{J+shift} / d^(N)_J (a rational function of N and J)."""
    return sp.factor(sp.gammasimp(N * degeneracy(N - 1, J + shift) / degeneracy(N, J)))


@functools.cache
def local_rates() -> dict[int, sp.Expr]:
    r"""Lumped rates of :math:`\sum_j\mathcal{D}[\sigma_z^{(j)}]` from (J, M) to (J + ΔJ, M).

    Returns {ΔJ: rate} for ΔJ ∈ {−1, 0, +1} (ΔJ = 0 is the part of :math:`\sum_j
    \sigma_z^{(j)}\Pi\sigma_z^{(j)}` that returns to the same level); rational functions of
    N, J, M valid where the denominators do not vanish (:func:`local_rates_exact` covers every
    level). The outflow of each level is N.
    """
    out = {}
    for dj in (-1, 0, 1):
        total = sp.S.Zero
        for shift in (-_half, _half):  # j = J + shift
            branch_in = -1 if shift == _half else 1  # J = j + branch_in/2
            jt = dj - shift  # J' − j
            if abs(jt) != _half:
                continue
            branch_out = 1 if jt == _half else -1
            a2 = _amplitude_squared(branch_in, branch_out).subs(_j, J + shift)
            total += _degeneracy_ratio(shift) * a2
        out[dj] = sp.factor(sp.simplify(total))
    return out


def sum_rule() -> sp.Expr:
    """Σ_ΔJ W(J, M → J + ΔJ, M) − N: zero if the derived rates conserve probability."""
    return sp.simplify(sum(local_rates().values()) - N)


def collective_rate() -> sp.Expr:
    r""":math:`\langle J,M|\mathcal{D}[J_z](|J,M\rangle\langle J,M|)|J,M\rangle`, the whole
    population action of collective dephasing (``qapply`` matrix elements): identically 0."""
    jz = matrix_element(Jz, J, M, J, M)
    jz2 = matrix_element(Jz * Jz, J, M, J, M)
    return sp.simplify(jz * jz - (jz2 + jz2) / 2)


def piqs_dephasing(gamma_phi: sp.Expr) -> sp.Expr:
    r"""PIQS's ``dephasing`` γ_D equal to the model's local dephasing ``gamma_phi``.

    Solves :math:`(\gamma_D/2)\,\mathcal{L}[\sigma_z/2] = (\gamma_\phi/2)\,\mathcal{D}[\sigma_z]`
    with :math:`\mathcal{L}[A] = 2\mathcal{D}[A]` and :math:`\mathcal{D}[cA] = c^2\mathcal{D}[A]`.
    """
    gD = sp.Symbol("gamma_D", nonnegative=True)
    piqs_prefactor = gD / 2 * 2 * sp.Rational(1, 2) ** 2  # coefficient of D[σ_z]
    return sp.solve(sp.Eq(piqs_prefactor, gamma_phi / 2), gD)[0]


def local_rates_exact(n: int) -> dict[tuple, sp.Rational]:
    """Exact rational rates {(J, M, J', M): W} of Σ_j D[σ_z^(j)] for concrete N = n.

    Signed ``CG(j, m1, 1/2, s, J, M).doit()`` and integer degeneracies; includes ΔJ = 0 (the
    return to the same level); zero rates are omitted.
    """
    if isinstance(n, bool) or int(n) != n or n < 1:
        raise ParameterError(f"n must be an integer >= 1, got {n!r}")

    def amplitude(jj: sp.Expr, Jv: sp.Expr, Mv: sp.Expr, Jt: sp.Expr) -> sp.Expr:
        # σ_z of the last spin is diagonal (2s): the two s channels interfere, signs kept
        return sum((2 * s * CG(jj, Mv - s, _half, s, Jv, Mv).doit()
                    * CG(jj, Mv - s, _half, s, Jt, Mv).doit()
                    for s in (_half, -_half) if abs(Mv - s) <= jj), sp.S.Zero)

    return lattice_rates_exact(n, 0, amplitude)


def derivation_steps() -> tuple[Step, ...]:
    """The derivation as labelled steps (for display)."""
    rates = local_rates()
    return (
        Step("", "signed CG vector of J = j + 1/2 (s = +1/2, −1/2)",
             sp.Matrix(signed_cg(1))),
        *(Step("", f"local dephasing (J, M) → (J{dj:+d}, M) per unit Σ_j D[σ_z]", rates[dj])
          for dj in (-1, 0, 1)),
        Step("", "collective dephasing: population rate of D[J_z]", collective_rate()),
        Step("", "PIQS dephasing γ_D for the model's γ_φ",
             piqs_dephasing(sp.Symbol("gamma_phi", nonnegative=True))),
    )

r"""Symmetries, proper collective basis and spectrum (Sec. II, Eqs. (1)–(3), footnote [58]).

The parity :math:`\Pi = e^{i\pi(J_x - N/2)}` factorises over the spins,
:math:`\Pi = \prod_i e^{i\pi(\sigma_x^i - 1)/2}`; the one-site factor is evaluated with SymPy's
matrix exponential and turns out to be :math:`\sigma_x`, so :math:`\Pi = \bigotimes_i\sigma_x^i`.
Conjugating the Pauli matrices with it gives the signs
:math:`\Pi J_{x,y,z}\Pi = (+J_x, -J_y, -J_z)`, from which :math:`[\Pi, J_z^2] = [\Pi, J_x] =
[\Pi, J_x^2] = [\Pi, J^2] = 0`. On Dicke states :math:`\Pi|j,m\rangle = |j,-m\rangle` (the top
state is mapped to the bottom one with phase 1, and :math:`\Pi J_-\Pi = J_+` with equal
normalisations), so :math:`|v_m^\pm\rangle` have parity :math:`\pm 1`; the spectrum of
:math:`\Omega J_z^2` on them is :math:`\Omega m^2`.
"""

from __future__ import annotations

import dataclasses
import functools

import sympy as sp

from dickeheat.derivations.kloc2021.checks import symmetry as checks
from dickeheat.derivations.kloc2021.symbols import ONE, RATE, N, Omega, a, j, make
from dickeheat.symbolic.result import Result, Step, require_zero
from dickeheat.symbolic.spin import JM, JP, JZ, eigenvalue, matrix_element

__all__ = ["SymmetryChain", "chain", "results"]

_SX = sp.Matrix([[0, 1], [1, 0]])
_SY = sp.Matrix([[0, -sp.I], [sp.I, 0]])
_SZ = sp.Matrix([[1, 0], [0, -1]])


@dataclasses.dataclass(frozen=True)
class SymmetryChain:
    """Intermediate objects of the symmetry chain."""

    site_parity: sp.Matrix  # exp(iπ(σ_x − 1)/2)
    signs: tuple[sp.Expr, sp.Expr, sp.Expr]  # Π J_ν Π = sign_ν J_ν
    top_phase: sp.Expr  # Π|j, j⟩ = phase |j, −j⟩
    ladder_symmetry: sp.Expr  # ⟨j,m−1|J−|j,m⟩ − ⟨j,−m+1|J+|j,−m⟩ (must vanish)
    proper_parity: sp.Expr  # ⟨v_m^+|Π|v_m^+⟩
    energy: sp.Expr  # E_a
    sector_dim: sp.Expr  # number of |v_a^+⟩, odd N
    ghz_angle: sp.Expr  # θ with e^{iθ σ_y^{⊗N}}|0…0⟩ ∝ GHZ (equal weights)
    ghz_relative_phase: sp.Expr  # i^{N+1}: amplitude ratio ⟨1…1|ψ⟩/⟨0…0|ψ⟩ for θ > 0


def _conjugation_sign(P: sp.Matrix, s: sp.Matrix) -> sp.Expr:
    conj = (P * s * P).applyfunc(sp.simplify)
    ratio = {sp.simplify(conj[k] / s[k]) for k in range(4) if s[k] != 0}
    if len(ratio) != 1:
        raise ValueError("Π σ Π is not proportional to σ")
    return ratio.pop()


@functools.cache
def chain() -> SymmetryChain:
    """Run the symmetry derivation."""
    site = (sp.I * sp.pi * (_SX - sp.eye(2)) / 2).exp().applyfunc(sp.simplify)
    signs = tuple(_conjugation_sign(site, s) for s in (_SX, _SY, _SZ))
    # Π|↑…↑⟩: each site σ_x|↑⟩ = 1·|↓⟩, so the phase is a product of N ones
    up = sp.Matrix([1, 0])
    site_phase = (site * up)[1]
    k = sp.Symbol("k", integer=True, positive=True)
    top_phase = sp.simplify(sp.product(site_phase, (k, 1, N)))
    m = sp.Symbol("m", real=True)
    ladder = require_zero(
        "|<j,m-1|J-|j,m>| = <j,-m+1|J+|j,-m>",
        sp.simplify(matrix_element(JM, j, m - 1, j, m) - matrix_element(JP, j, -m + 1, j, -m)),
    )
    # ⟨v_m^+|Π|v_m^+⟩ = ½(⟨m| + ⟨−m|)(|−m⟩ + |m⟩) with Π|j,±m⟩ = top_phase·|j,∓m⟩ (m ≠ 0)
    proper = sp.Rational(1, 2) * (top_phase + top_phase)
    energy = Omega * eigenvalue(JZ * JZ, j, a)
    kk = sp.Symbol("k", integer=True, nonnegative=True)
    sector_dim = sp.simplify(sp.summation(1, (kk, 0, (N - 1) / 2)))
    # App. A: P = σ_y^{⊗N} squares to 1, so e^{iθP} = cos θ + i sin θ P; σ_y|0⟩ = i|1⟩ per
    # site (|0⟩ = spin up), hence P|0…0⟩ = i^N|1…1⟩ (product over the sites)
    th = sp.Symbol("theta", positive=True)
    y_amp = (_SY * sp.Matrix([1, 0]))[1]
    p_amp = sp.product(y_amp, (k, 1, N))
    amp0, amp1 = sp.cos(th), sp.I * sp.sin(th) * p_amp
    weights = sp.simplify(sp.Abs(amp0) ** 2 - sp.Abs(amp1) ** 2)
    angle = min(r for r in sp.solve(weights, th) if r.is_positive)
    rel_phase = sp.simplify(amp1 / amp0).subs(th, angle)
    return SymmetryChain(site, signs, top_phase, ladder, proper, sp.expand(energy), sector_dim,
                         angle, sp.simplify(rel_phase))


def results() -> list[Result]:
    c = chain()
    site_step = Step("[58]", "one-site factor exp(iπ(σ_x − 1)/2) by matrix exponential",
                     c.site_parity,
                     name="site_parity")
    eta = sp.Symbol("eta")
    out = []
    for label, sign, printed in zip("xyz", c.signs, (1, -1, -1)):
        out.append(make(
            f"parity_J{label}", equation="[58]",
            title=f"parity conjugation Π J_{label} Π = η J_{label}: the sign η",
            lhs=eta, expr=sp.sympify(sign), args=(), printed=sp.Integer(printed), expected=ONE,
            steps=(site_step,), check=checks.conjugation_check(label),
            notes="Π = ⊗_i σ_x^i (derived). The check also verifies [H, J²] = [H, Π] = "
                  "[J², Π] = [Π, H_I,ν] = 0 with explicit 2^N-dimensional matrices for N = 3, 5."))
    out.append(make(
        "proper_parity", equation="3",
        title="parity of the proper collective basis ⟨v_m^+|Π|v_m^+⟩",
        lhs=sp.Symbol("pi_+"), expr=c.proper_parity, args=(), printed=sp.Integer(1), expected=ONE,
        steps=(Step("", "Π|j, j⟩ = phase · |j, −j⟩", c.top_phase, name="top_phase"),
               Step("", "|⟨j,m−1|J−|j,m⟩| − ⟨j,−m+1|J+|j,−m⟩ (vanishes: Π|j,m⟩ = |j,−m⟩)",
                    c.ladder_symmetry)),
        check=checks.proper_parity_check,
        notes="Π|j,m⟩ = |j,−m⟩ for j = N/2, hence Π|v_m^±⟩ = ±|v_m^±⟩ (m ≠ 0)."))
    out.append(make(
        "spectrum", equation="3", title="energies of the proper collective basis E_a = Ω a²",
        lhs=sp.Symbol("E_a"), expr=c.energy, args=(Omega, a), printed=Omega * a**2,
        expected=RATE, check=checks.spectrum_check,
        notes="Each E_a, a > 0, is doubly degenerate in the j = N/2 multiplet (±a) and "
              "non-degenerate inside each parity sector; the check diagonalises Ω J_z² in the "
              "Π = +1 sector for N = 3 … 11."))
    out.append(make(
        "sector_dimension", equation="3", title="dimension of the j = N/2, Π = +1 sector (odd N)",
        lhs=sp.Symbol("d_+"), expr=c.sector_dim, args=(N,), printed=(N + 1) / 2, expected=ONE,
        check=checks.sector_dimension_check))
    out.append(make(
        "ghz_angle", equation="App. A", title="GHZ preparation angle θ in e^{±iθ σ_y^{⊗N}}|0…0⟩",
        lhs=sp.Symbol("theta"), expr=c.ghz_angle, args=(), printed=sp.pi / 2, expected=ONE,
        steps=(Step("A", "relative amplitude ⟨1…1|ψ⟩/⟨0…0|ψ⟩ at θ = +angle",
                    c.ghz_relative_phase, name="relative_phase"),),
        check=checks.ghz_check,
        notes="Since (σ_y^{⊗N})² = 1, e^{iθP} = cos θ + i sin θ P: θ = π/2 (as printed in App. "
              "A) gives i P|0…0⟩ ∝ |1…1⟩, a product state; equal weights need θ = π/4. The "
              "relative phase at θ = +π/4 is i^{N+1} = (−1)^{(N+1)/2}, so the sign that yields "
              "the even-parity GHZ state |v_{N/2}^+⟩ is (−1)^{(N+1)/2}, consistent with the "
              "text's statement that the sign depends on the parity of (N+1)/2."))
    return out

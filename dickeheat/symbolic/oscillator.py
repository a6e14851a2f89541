"""Quantised oscillators: ladder-operator forms, normal ordering, truncation to a qubit.

Built on :mod:`sympy.physics.quantum` (``BosonOp``, ``Dagger``, ``normal_ordered_form``).

>>> import sympy as sp
>>> from sympy.physics.quantum import Dagger
>>> b = boson("b")
>>> number_conserving(normal_order((b + Dagger(b))**2)) == 2*Dagger(b)*b + 1
True
"""

from __future__ import annotations

import sympy as sp
from sympy.physics.quantum import Dagger
from sympy.physics.quantum.boson import BosonOp
from sympy.physics.quantum.operatorordering import normal_ordered_form

__all__ = [
    "boson",
    "normal_order",
    "number_conserving",
    "ladder_forms",
    "fock_matrix",
    "truncate_to_qubit",
    "pauli_decomposition",
]


def boson(name: str) -> BosonOp:
    """An annihilation operator with ``[b, b†] = 1``."""
    return BosonOp(name)


def normal_order(expr: sp.Expr) -> sp.Expr:
    """Expand and normal-order an expression of boson operators (independent of order)."""
    return sp.expand(normal_ordered_form(sp.expand(expr), independent=True, recursive_limit=50))


def _counts(term: sp.Expr) -> tuple[int, int]:
    n_create = n_annih = 0
    for factor in sp.Mul.make_args(term):
        base, exp = factor.as_base_exp()
        if isinstance(base, Dagger) and isinstance(base.args[0], BosonOp):
            n_create += int(exp)
        elif isinstance(base, BosonOp):
            if base.is_annihilation:
                n_annih += int(exp)
            else:
                n_create += int(exp)
    return n_create, n_annih


def number_conserving(expr: sp.Expr) -> sp.Expr:
    """Keep the terms of a normal-ordered expression with as many b† as b (the secular part)."""
    return sp.Add(*[t for t in sp.Add.make_args(sp.expand(expr)) if _counts(t)[0] == _counts(t)[1]])


def ladder_forms(b: BosonOp, hbar: sp.Expr, Z: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
    """Charge and flux of an oscillator of impedance Z in terms of ``b``, ``b†``.

    ``Q = sqrt(ħ/2Z)(b + b†)``, ``φ = i sqrt(ħZ/2)(b† − b)``: the forms (A2–A3)/(A8–A9)
    of the heat-valve paper. They give ``[Q, φ] = iħ``.
    """
    Q = sp.sqrt(hbar / (2 * Z)) * (b + Dagger(b))
    phi = sp.I * sp.sqrt(hbar * Z / 2) * (Dagger(b) - b)
    return Q, phi


def fock_matrix(expr: sp.Expr, b: BosonOp, dim: int) -> sp.Matrix:
    """Matrix of ``expr`` (polynomial in b, b†) on Fock states |0⟩…|dim−1⟩, exact.

    Computed as the product of the truncated matrices of each factor in an enlarged space, so
    truncation does not spoil the kept block.
    """
    big = dim + 8
    a = sp.zeros(big, big)
    for n in range(1, big):
        a[n - 1, n] = sp.sqrt(n)
    ad = a.T

    def mat(e: sp.Expr) -> sp.Matrix:
        e = sp.expand(e)
        if not e.atoms(BosonOp):
            return e * sp.eye(big)
        if isinstance(e, sp.Add):
            return sum((mat(t) for t in e.args), sp.zeros(big, big))
        if isinstance(e, sp.Mul):
            out = sp.eye(big)
            for f in e.args:
                out = out * mat(f)
            return out
        if isinstance(e, sp.Pow):
            return mat(e.base) ** int(e.exp)
        if isinstance(e, BosonOp) and e.name == b.name:
            return a if e.is_annihilation else ad
        return e * sp.eye(big)

    return mat(expr)[:dim, :dim]


def truncate_to_qubit(expr: sp.Expr, b: BosonOp) -> sp.Matrix:
    """Project an operator onto {|0⟩, |1⟩} in the qubit ordering (|1⟩, |0⟩) = (↑, ↓).

    With this ordering σ_z|1⟩ = +|1⟩, so ``b → σ_-``.
    """
    m = fock_matrix(expr, b, 2)
    perm = sp.Matrix([[0, 1], [1, 0]])
    return sp.simplify(perm * m * perm)


def pauli_decomposition(m: sp.Matrix) -> sp.Expr:
    """Write a 2×2 matrix as ``c0 + cx σx + cy σy + cz σz`` with Pauli symbols.

    >>> import sympy as sp
    >>> pauli_decomposition(sp.Matrix([[1, 0], [0, -1]]))
    sigma3
    """
    from sympy.physics.paulialgebra import Pauli

    paulis = [sp.eye(2), sp.Matrix([[0, 1], [1, 0]]), sp.Matrix([[0, -sp.I], [sp.I, 0]]),
              sp.Matrix([[1, 0], [0, -1]])]
    coeffs = [sp.simplify((m * p).trace() / 2) for p in paulis]
    return coeffs[0] + sum(c * Pauli(k) for k, c in zip((1, 2, 3), coeffs[1:]))

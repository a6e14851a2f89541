"""Ladder operators derived by diagonalising a quadratic Hamiltonian (symbolic/canonical.py)."""

import pytest
import sympy as sp
from sympy.physics.quantum import Dagger
from sympy.physics.quantum.boson import BosonOp

from dickeheat.errors import DickeheatError
from dickeheat.symbolic.canonical import canonical_commutator, diagonalise_oscillator

hbar, m, k = sp.symbols("hbar m k", positive=True)
x, p = sp.symbols("x p", commutative=False)
b = BosonOp("b")


def test_product_rule_commutator():
    br = {(x, p): sp.I * hbar, (p, x): -sp.I * hbar}
    assert sp.simplify(canonical_commutator(x**2, p, br) - 2 * sp.I * hbar * x) == 0
    assert sp.simplify(canonical_commutator(p**2, x, br) + 2 * sp.I * hbar * p) == 0


@pytest.mark.parametrize("sign", [1, -1])
@pytest.mark.parametrize("real", ["x", "p"])
def test_forms_reproduce_the_commutator_and_spectrum(sign, real):
    modes = diagonalise_oscillator(
        p**2 / (2 * m) + k * x**2 / 2, x, p, sign * sp.I * hbar, real=real, b=b, hbar=hbar
    )
    assert sp.simplify(modes.omega - sp.sqrt(k / m)) == 0
    assert sp.simplify(modes.commutator_xp - sign * sp.I * hbar) == 0
    chosen = modes.p_form if real == "p" else modes.x_form
    c_b = sp.expand(chosen).coeff(b)
    assert c_b.is_positive and sp.simplify(sp.expand(chosen).coeff(Dagger(b)) - c_b) == 0


def test_commutator_sign_flips_the_partner():
    """With the phase fixed on p, [x, p] = +iħ and −iħ give x forms of opposite sign."""
    h = p**2 / (2 * m) + k * x**2 / 2
    plus = diagonalise_oscillator(h, x, p, sp.I * hbar, real="p", b=b, hbar=hbar)
    minus = diagonalise_oscillator(h, x, p, -sp.I * hbar, real="p", b=b, hbar=hbar)
    assert sp.simplify(plus.x_form + minus.x_form) == 0
    assert sp.simplify(plus.p_form - minus.p_form) == 0


def test_non_quadratic_rejected():
    with pytest.raises(DickeheatError):
        diagonalise_oscillator(p**2 / (2 * m) + k * x**4, x, p, sp.I * hbar, b=b, hbar=hbar)


def test_bad_convention_rejected():
    with pytest.raises(DickeheatError):
        diagonalise_oscillator(p**2 / (2 * m) + k * x**2, x, p, sp.I * hbar, real="q")

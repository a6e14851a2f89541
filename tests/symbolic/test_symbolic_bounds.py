"""Symbolic Bound 1, Bound 2 and collective-spin norms."""

import numpy as np
import pytest
import qutip
import sympy as sp

from dickeheat.errors import ParameterError
from dickeheat.symbolic.bounds import (
    bound1,
    bound2,
    bounds_from_operators,
    collective_spin_norm,
    current_bound,
    energy_window,
    operator_norm,
    sector_matrix,
)


def test_bound_forms_two_channels():
    h = sp.Symbol("h", positive=True)
    a = sp.symbols("a1 a2", positive=True)
    X = sp.Matrix(2, 2, sp.symbols("x11 x12 x21 x22", nonnegative=True))
    d = sp.symbols("d1 d2", positive=True)
    b1 = bound1(h, X, list(a))
    b2 = bound2(X, list(d), list(a))
    pairs = [(k, l) for k in range(2) for l in range(2)]
    assert sp.expand(b1 - 4 * h * sum(X[k, l] * a[k] * a[l] for k, l in pairs)) == 0
    assert sp.expand(b2 - 2 * sum(X[k, l] * d[k] * a[k] * a[l] for k, l in pairs)) == 0
    # Bound 2 <= Bound 1 whenever every window is <= 2||H||
    assert sp.expand(b1 - b2.subs({d[0]: 2 * h, d[1]: 2 * h})) == 0


def test_bound_input_validation():
    with pytest.raises(ParameterError):
        current_bound(sp.eye(2), [1], [1])
    with pytest.raises(ParameterError):
        bound2(sp.Matrix([[1]]), [1, 2], [1])


@pytest.mark.parametrize("L", range(1, 8))
def test_collective_spin_norms_against_qutip_full_space(L):
    def total(op):
        return 0.5 * sum(qutip.tensor([op if i == j else qutip.qeye(2) for i in range(L)])
                         for j in range(L))

    for comp, op in (("x", qutip.sigmax()), ("y", qutip.sigmay()), ("z", qutip.sigmaz())):
        exact = collective_spin_norm(comp, L)
        assert exact == sp.Rational(L, 2)
        assert float(exact) == pytest.approx(np.abs(total(op).eigenenergies()).max(), rel=1e-12)


def test_collective_spin_norm_symbolic_and_errors():
    L = sp.Symbol("L", positive=True, integer=True)
    assert collective_spin_norm("x", L) == L / 2
    assert collective_spin_norm("z", L) == L / 2
    with pytest.raises(ParameterError):
        collective_spin_norm("w", 3)
    with pytest.raises(ParameterError):
        collective_spin_norm("x", 0)


def test_sector_matrix_commutation():
    j = sp.Rational(3, 2)
    X, Y, Z = (sector_matrix(c, j) for c in "xyz")
    assert sp.simplify(X * Y - Y * X - sp.I * Z) == sp.zeros(4, 4)


def test_operator_norm_and_energy_window():
    A = sp.Matrix([[0, 2], [2, 0]])
    assert operator_norm(A) == 2
    H = sp.diag(0, 1, 5)
    A = sp.Matrix([[0, 1, 0], [1, 0, 0], [0, 0, 3]])
    assert energy_window(H, A) == 1
    assert energy_window(H, sp.Matrix([[0, 0, 1], [0, 0, 0], [1, 0, 0]])) == 5


def test_bounds_from_operators_m_body_L_equals_m():
    # L = 2, m = 2: A = g L σx⊗σx, H = ω(σz⊗1 + 1⊗σz)/2, white noise Ξ = c/2: B1 = c g² ω L³
    from sympy.physics.quantum import TensorProduct

    c, g, w = sp.symbols("c g omega", positive=True)
    sx, sz, one = sp.Matrix([[0, 1], [1, 0]]), sp.diag(1, -1), sp.eye(2)
    A = 2 * g * TensorProduct(sx, sx)
    H = w * (TensorProduct(sz, one) + TensorProduct(one, sz)) / 2
    b1, b2 = bounds_from_operators(H, [A], sp.Matrix([[c / 2]]))
    assert sp.simplify(b1 - 8 * c * g**2 * w) == 0
    assert sp.simplify(b2 - 8 * c * g**2 * w) == 0  # ΔE = 2ω = 2‖H‖ here

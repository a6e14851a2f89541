import pytest
import sympy as sp

from dickeheat.errors import DickeheatError
from dickeheat.symbolic.lagrangian import first_order, legendre_transform

C1, C2, Cc, L = sp.symbols("C1 C2 C_c L", positive=True)
x1, x2, v1, v2, p1, p2 = sp.symbols("x1 x2 v1 v2 p1 p2", real=True)


def test_two_coupled_oscillators_match_inverse_capacitance_matrix():
    lag = (C1 * v1**2 + C2 * v2**2 + Cc * (v1 - v2) ** 2) / 2 - (x1**2 + x2**2) / (2 * L)
    leg = legendre_transform(lag, [v1, v2], [p1, p2])
    cap = sp.Matrix([[C1 + Cc, -Cc], [-Cc, C2 + Cc]])
    p = sp.Matrix([p1, p2])
    expected = (p.T * cap.inv() * p)[0] / 2 + (x1**2 + x2**2) / (2 * L)
    assert sp.simplify(leg.hamiltonian - expected) == 0
    assert leg.mass_matrix == cap


def test_singular_and_non_quadratic_lagrangians_are_rejected():
    with pytest.raises(DickeheatError):
        legendre_transform((v1 - v2) ** 2, [v1, v2], [p1, p2])
    with pytest.raises(DickeheatError):
        legendre_transform(v1**4, [v1], [p1])


def test_first_order_expansion():
    expr = 1 / (C1 + Cc)
    assert sp.simplify(first_order(expr, [Cc]) - (1 / C1 - Cc / C1**2)) == 0

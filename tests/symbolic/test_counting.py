"""Counting-field cumulants: the Rayleigh–Schrödinger recursion against implicit
differentiation of the characteristic polynomial (exact rationals) and against finite
differences of the numerical dominant eigenvalue."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from dickeheat.errors import DickeheatError
from dickeheat.symbolic.counting import (
    bordered_solve,
    characteristic_polynomial,
    counting_rate_matrix,
    expansion_blocks,
    polynomial_cumulants,
    rs_cumulants,
    stationary_state,
)

s = sp.Symbol("s", real=True)


def _random_system(n: int, seed: int) -> tuple[sp.Matrix, sp.Matrix]:
    rng = np.random.default_rng(seed)
    W = sp.Matrix(n, n, lambda a, b: 0 if a == b else sp.Rational(int(rng.integers(1, 9)), 3))
    D = sp.Matrix(n, n, lambda a, b: 0 if a == b else int(rng.integers(-2, 3)))
    return W, D


@pytest.mark.parametrize("n, seed", [(3, 0), (4, 1)])
def test_rs_equals_polynomial_route(n: int, seed: int) -> None:
    W, D = _random_system(n, seed)
    R = counting_rate_matrix(W, D, s)
    rs = rs_cumulants(*expansion_blocks(R, s, 3))
    P, lam = characteristic_polynomial(R, s)
    poly = polynomial_cumulants(P, lam, s, 3)
    for k in range(3):
        assert sp.simplify(rs.cumulants[k] - poly[k]) == 0


def test_against_eigenvalue_finite_differences() -> None:
    W, D = _random_system(4, 3)
    R = counting_rate_matrix(W, D, s)
    c = rs_cumulants(*expansion_blocks(R, s, 2)).cumulants
    f = sp.lambdify(s, R, "numpy")

    def lam(x: float) -> float:
        ev = np.linalg.eigvals(np.array(f(x), dtype=float))
        return float(np.max(ev.real))

    h = 1e-4
    d1 = (lam(h) - lam(-h)) / (2 * h)
    d2 = (lam(h) - 2 * lam(0.0) + lam(-h)) / h**2
    assert abs(float(c[0]) - d1) < 1e-7 * max(1, abs(d1))
    assert abs(float(c[1]) - d2) < 1e-4 * max(1, abs(d2))


def test_stationary_state_and_traceless_solve() -> None:
    W, D = _random_system(3, 4)
    R0 = counting_rate_matrix(W, D, s).subs(s, 0)
    p = stationary_state(R0)
    assert sum(p) == 1
    assert (R0 * p).applyfunc(sp.simplify) == sp.zeros(3, 1)
    y = sp.Matrix([1, -2, 1])
    x = bordered_solve(R0, y)
    assert sum(x) == 0 and (R0 * x - y).applyfunc(sp.simplify) == sp.zeros(3, 1)


def test_rate_matrix_conserves_probability() -> None:
    W, D = _random_system(4, 5)
    R = counting_rate_matrix(W, D, s)
    assert (sp.ones(1, 4) * R.subs(s, 0)).applyfunc(sp.simplify) == sp.zeros(1, 4)


def test_errors() -> None:
    with pytest.raises(DickeheatError):
        rs_cumulants(sp.zeros(2, 2))
    with pytest.raises(DickeheatError):
        counting_rate_matrix(sp.zeros(2, 2), sp.zeros(3, 3), s)
    lam = sp.Symbol("lambda")
    with pytest.raises(DickeheatError, match="not a root"):
        polynomial_cumulants(lam - 1 + s, lam, s, 1)
    with pytest.raises(DickeheatError, match="simple"):
        polynomial_cumulants(lam**2 + s, lam, s, 1)

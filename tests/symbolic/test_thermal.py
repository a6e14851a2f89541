"""Thermal sums over a spin-J ladder with J symbolic."""

import math

import pytest
import sympy as sp

from dickeheat.errors import DickeheatError
from dickeheat.symbolic.thermal import (
    coth_law,
    jz_high_temperature,
    jz_low_temperature,
    jz_mean,
    jz_mean_from_sum,
    large_J_ratio,
    partition_function,
    select_branch,
)

J, x = sp.symbols("J x", positive=True)


@pytest.fixture(scope="module")
def jz():
    return jz_mean(J, x)


@pytest.mark.parametrize("twoJ", [1, 2, 3, 8, 17])
def test_partition_function_equals_direct_sum(twoJ):
    Z = partition_function(J, x)
    for xv in (0.1, 1.0, 4.0):
        direct = sum(math.exp(-xv * (-twoJ / 2 + k)) for k in range(twoJ + 1))
        assert float(Z.subs({J: sp.Rational(twoJ, 2), x: xv})) == pytest.approx(direct, rel=1e-13)


@pytest.mark.parametrize("twoJ", [1, 2, 5, 16])
def test_jz_mean_equals_finite_average(jz, twoJ):
    for xv in (0.05, 1.0, 3.0):
        finite = jz_mean_from_sum(sp.Rational(twoJ, 2), sp.Float(xv, 30)).doit()
        assert float(jz.subs({J: sp.Rational(twoJ, 2), x: xv})) == pytest.approx(float(finite),
                                                                                rel=1e-12)


def test_low_temperature_limit(jz):
    assert jz_low_temperature(jz, x) == -J


def test_high_temperature_series(jz):
    assert sp.simplify(jz_high_temperature(jz, x) + x * J * (J + 1) / 3) == 0


def test_large_J_ratio_is_twice_coth(jz):
    ratio = large_J_ratio(jz, J, x)
    assert sp.simplify((ratio - 2 * sp.coth(x / 2)).rewrite(sp.exp)) == 0


def test_coth_law(jz):
    law = coth_law(jz, J, x)
    assert sp.simplify((law - sp.coth(x / 2)).rewrite(sp.exp)) == 0
    # the collective average per spin exceeds the independent one: coth > 1
    assert all(float(law.subs(x, xv)) > 1 for xv in (0.01, 1.0, 10.0))


def test_jz_is_bounded_by_J(jz):
    # property: −J <= ⟨J_z⟩ <= 0 at positive temperature
    for twoJ in (1, 4, 9):
        for xv in (0.01, 0.5, 5.0, 30.0):
            v = float(jz.subs({J: sp.Rational(twoJ, 2), x: xv}))
            assert -twoJ / 2 - 1e-12 <= v <= 0


def test_select_branch_refuses_undecidable_condition():
    y = sp.Symbol("y")
    pw = sp.Piecewise((1, sp.Eq(y, 1)), (2, True))
    with pytest.raises(DickeheatError):
        select_branch(pw, x)

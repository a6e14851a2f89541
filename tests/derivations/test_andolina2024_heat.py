"""Sec. II of the heat-valve paper: detailed balance, T*, heat currents (Eqs. 8, 13–25)."""

import math

import numpy as np
import pytest
import sympy as sp

from dickeheat.derivations.andolina2024 import heat
from dickeheat.derivations.andolina2024.checks._common import evaluate, steady
from dickeheat.derivations.andolina2024.heat import J, chain, m
from dickeheat.numeric.thermal import bose
from dickeheat.symbolic.registry import Registry

HEAT_RESULTS = [
    ("dicke_state", "factor"), ("detailed_balance", "agrees"), ("T_star", "agrees"),
    ("Q_h", "agrees"), ("Q_h_steady", "agrees"), ("Q_ind", "agrees"),
]


@pytest.fixture(scope="module")
def reg():
    return Registry(heat.results())


@pytest.fixture(scope="module")
def t_star(reg):
    r = reg.get("andolina2024.T_star")

    def f(t0, gh, gc, nh, nc):
        return evaluate(r, {"T_0": t0, "gamma_h": gh, "gamma_c": gc, "n_h": nh, "n_c": nc})

    return f


@pytest.mark.parametrize("name, kind", HEAT_RESULTS)
def test_comparison_with_print(reg, name, kind):
    assert reg.get(f"andolina2024.{name}").compare().kind == kind


@pytest.mark.parametrize("name", [n for n, _ in HEAT_RESULTS])
def test_numeric_check_passes(reg, name):
    check = reg.get(f"andolina2024.{name}").run_check()
    assert check.passed, check


def test_dicke_normalisation_erratum_is_a_factorial():
    """Eq. (8) prints sqrt((J+m)!(J−m)!/(2J)!); the derived norm is smaller by (J+m)!."""
    c = chain().dicke_norm
    printed = sp.sqrt(sp.factorial(J + m) * sp.factorial(J - m) / sp.factorial(2 * J))
    for jv, mv in ((1, 1), (sp.Rational(3, 2), sp.Rational(1, 2)), (3, 2)):
        ratio = (printed / c).subs({J: jv, m: mv})
        assert sp.nsimplify(ratio) == sp.factorial(jv + mv)


@pytest.mark.parametrize("T0_over_Th, claim", [(1.0, 1.42), (1 / 3, 0.57)])
def test_effective_temperature_claims(t_star, T0_over_Th, claim):
    """Sec. III: T0/T* ≈ 1.42 (T0/T_h = 1) and ≈ 0.57 (T0/T_h = 1/3), T0/T_c = 3, γ_h = γ_c."""
    value = 1.0 / t_star(1.0, 1.0, 1.0, bose(1.0, 1 / T0_over_Th), bose(1.0, 1 / 3))
    assert value == pytest.approx(claim, abs=0.005)


def test_effective_temperature_between_the_baths(t_star):
    rng = np.random.default_rng(7)
    for _ in range(50):
        tc, th = np.sort(rng.uniform(0.05, 10.0, size=2))
        gh, gc = rng.uniform(0.01, 3.0, size=2)
        ts = float(t_star(1.0, gh, gc, bose(1.0, th), bose(1.0, tc)))
        assert tc <= ts <= th


def test_crossover_T_star_equals_T0_sits_at_T_h_about_1_56_T0(t_star):
    """The text puts the crossover T0 = T* at 'T0 ≈ 1.5 T_h' (T0/T_c = 3, γ_h = γ_c); T* = T0
    holds at T0/T_h = ln(1 + 1/(2/(e−1) − n_c)) ≈ 0.64, i.e. T_h ≈ 1.56 T0."""
    from scipy.optimize import brentq

    root = brentq(lambda a: t_star(1.0, 1.0, 1.0, bose(1.0, 1 / a), bose(1.0, 1 / 3)) - 1.0,
                  0.1, 3.0, xtol=1e-14)
    n_c = 1 / math.expm1(3.0)
    assert root == pytest.approx(math.log1p(1 / (2 / (math.e - 1) - n_c)), rel=1e-10)
    assert 1 / root == pytest.approx(1.56, abs=0.01)


def test_first_law_and_eq23_in_fixed_J_numerics(reg):
    """Q_h + Q_c = 0 without the parasitic bath, and Eq. (24) holds at the numerical ⟨J_z⟩."""
    r = reg.get("andolina2024.Q_h_steady")

    def f(hbar, w, gh, gc, nh, nc, jz):
        return evaluate(r, {"hbar": hbar, "omega_0": w, "gamma_h": gh, "gamma_c": gc,
                            "n_h": nh, "n_c": nc, "<J_z>": jz})
    for jbar in (0.5, 2.0):
        ss = steady(int(2 * jbar), 0.4, 1.3, 2.0, 0.3, J=jbar)
        assert ss.Q_h + ss.Q_c == pytest.approx(0.0, abs=1e-12)
        assert ss.Q_h > 0  # heat flows from the hot bath
        assert f(1, 1, 0.4, 1.3, bose(1, 2.0), bose(1, 0.3), ss.jz) == pytest.approx(ss.Q_h,
                                                                                    rel=1e-10)

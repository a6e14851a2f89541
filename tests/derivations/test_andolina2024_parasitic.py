"""Sec. III: the local parasitic bath (Eqs. 30–32 [published 31–33]) and Eq. (35)."""

import pytest
import sympy as sp

from dickeheat.derivations.andolina2024 import heat, parasitic
from dickeheat.derivations.andolina2024 import heat_symbols as s
from dickeheat.derivations.andolina2024.checks._common import evaluate, steady
from dickeheat.numeric.thermal import bose
from dickeheat.symbolic.registry import Registry


@pytest.fixture(scope="module")
def reg():
    return Registry(parasitic.results())


@pytest.fixture(scope="module")
def q_ind():
    r = Registry(heat.results()).get("andolina2024.Q_ind")

    def f(n, gh, gc, nh, nc):
        return evaluate(r, {"N": n, "omega_0": 1, "gamma_h": gh, "gamma_c": gc, "n_h": nh,
                            "n_c": nc}, natural=True)

    return f


@pytest.mark.parametrize("name, status", [("Q_p", "derived"), ("Q_h_Tp_eq_Tstar", "agrees"),
                                          ("T_k_star", "agrees")])
def test_status_and_check(reg, name, status):
    r = reg.get(f"andolina2024.{name}")
    assert r.status == status
    check = r.run_check()
    assert check.passed, check


def test_q_p_closed_form():
    expected = -s.hbar * s.omega0 * s.gamma_p * ((2 * s.n_p + 1) * s.jz + s.N / 2)
    assert sp.simplify(parasitic.chain().Q_p - expected) == 0


def test_first_law_with_parasitic_bath():
    for n in (2, 3):
        ss = steady(n, 1.0, 1.0, 1.0, 1 / 3, gamma_p=0.05, T_p=0.2)
        assert ss.Q_h + ss.Q_c + ss.Q_p == pytest.approx(0.0, abs=1e-12)


def test_parasitic_at_T_star_is_stationary_for_the_gibbs_state():
    c = parasitic.chain()
    assert sp.simplify(c.local_gibbs_T - sp.exp(-s.hbar * s.omega0 / (s.k_B * s.T_p))) == 0


@pytest.mark.parametrize("gamma, T0_over_Th", [(1.0, 1.0), (1.0, 1 / 3), (0.1, 1.0)])
def test_hot_parasitic_bath_suppresses_cold_one_enhances(q_ind, gamma, T0_over_Th):
    """arXiv Fig. 5 / published Fig. 4 (γ_p = 0.001 ω0, T0/T_c = 3): a parasitic bath hotter
    than T* pushes Q_h below the independent value (25), a colder one above it, and
    T_p = T* gives it exactly (see Q_h_Tp_eq_Tstar)."""
    th, tc = 1 / T0_over_Th, 1 / 3
    t_star = steady(1, gamma, gamma, th, tc).model.T_star
    ref = q_ind(2, gamma, gamma, bose(1, th), bose(1, tc))
    for factor in (0.2, 0.7, 1.5, 4.0):
        q = steady(2, gamma, gamma, th, tc, gamma_p=0.001, T_p=factor * t_star).Q_h
        assert (q > ref) == (factor < 1)


def test_cold_parasitic_bath_approaches_the_J_max_sector():
    """arXiv Fig. 5(a): for T0/T_h = 1 and T0/T_p >= 10 the current is close to the J = N/2
    value (the text says 'coincides'; the gap is a few per cent at N = 2 and shrinks with N)."""
    gaps = []
    for n in (2, 3, 4):
        q = steady(n, 1.0, 1.0, 1.0, 1 / 3, gamma_p=0.001, T_p=0.1).Q_h
        q_sector = steady(n, 1.0, 1.0, 1.0, 1 / 3, J=n / 2).Q_h
        gaps.append(1 - q / q_sector)
    assert all(0 < g < 0.05 for g in gaps)
    assert gaps[0] > gaps[1] > gaps[2]

"""The N = 1 engine of da Silva Souza et al. in closed form: checks against QuTiP, planted
errors, physics laws and the Fig. 3 constancy claim."""

import dataclasses

import numpy as np
import pytest

from dickeheat.derivations.dasilvasouza2022 import pair

RESULTS = {r.name.split(".")[1]: r for r in pair.results()}


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_check_passes(name):
    check = RESULTS[name].run_check()
    assert check.passed, check


@pytest.mark.parametrize("name", sorted(RESULTS))
@pytest.mark.parametrize("plant", ["factor", "sign"])
def test_check_catches_a_planted_error(name, plant):
    r = RESULTS[name]
    planted = dataclasses.replace(r, expr=2 * r.expr if plant == "factor" else -r.expr)
    assert not planted.run_check().passed


def test_first_law_and_proportionality_hold_in_closed_form():
    rng = np.random.default_rng(1)
    for _ in range(5):
        E1, dE, w, G, n1, n2 = rng.uniform(0.1, 2.0, 6)
        P = RESULTS["pair_power"].numpy_function(dE, w, G, n1, n2)
        Q1 = RESULTS["pair_heat_1"].numpy_function(E1, w, G, n1, n2)
        Q2 = RESULTS["pair_heat_2"].numpy_function(E1 + dE, w, G, n1, n2)
        assert np.isclose(P, Q1 + Q2, rtol=1e-12)
        assert np.isclose(P / dE, -Q1 / E1, rtol=1e-12)
        assert RESULTS["pair_power_variance"].numpy_function(dE, w, G, n1, n2) > 0


def test_fig3_constancy_of_one_pair_stays_below_one():
    """Fig. 3 text: the single pair reaches C ≃ 1.0001; Eq. (11) as printed gives C₁ < 1."""
    w, G, E1, dE, dT = 0.006, 0.001, 1.0, 9.0, 10.0
    values = []
    for Tbar in np.linspace(10.0, 12.0, 5):
        T1, T2 = Tbar - dT / 2, Tbar + dT / 2
        n1, n2 = 1 / np.expm1(E1 / T1), 1 / np.expm1((E1 + dE) / T2)
        P = RESULTS["pair_power"].numpy_function(dE, w, G, n1, n2)
        V = RESULTS["pair_power_variance"].numpy_function(dE, w, G, n1, n2)
        eta, eta_c = dE / (E1 + dE), 1 - T1 / T2
        values.append(P / V * 2 * eta * T1 / (eta_c - eta))
    assert 0.998 < min(values) and max(values) < 1.0

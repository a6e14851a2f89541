"""Sec. III–IV results of da Silva Souza et al.: comparisons with the print, checks against
exact QuTiP steady states, and planted errors that the checks must catch."""

import dataclasses

import pytest

from dickeheat.derivations.dasilvasouza2022 import thermo

RESULTS = {r.name.split(".")[1]: r for r in thermo.results()}

EXPECTED_STATUS = {
    "power": "agrees", "heat_current_1": "erratum", "heat_current_2": "erratum",
    "first_law": "derived", "entropy_production_Q2": "agrees",
    "entropy_production_Q1": "agrees", "eta_carnot": "erratum", "cop_carnot": "agrees",
    "Q1_proportional": "agrees", "Q2_proportional": "agrees", "efficiency": "agrees",
    "cop": "agrees", "dE_star": "agrees", "Tbar_star": "erratum", "tur_bound": "agrees",
    "constancy": "agrees",
}


def test_every_result_has_the_expected_status():
    assert {k: r.status for k, r in RESULTS.items()} == EXPECTED_STATUS


def test_heat_current_print_has_the_opposite_sign():
    assert RESULTS["heat_current_1"].compare().kind == "sign"
    assert RESULTS["heat_current_2"].compare().kind == "sign"


@pytest.mark.parametrize("name", sorted(EXPECTED_STATUS))
def test_check_passes(name):
    check = RESULTS[name].run_check()
    assert check.passed, check


@pytest.mark.parametrize("name", sorted(EXPECTED_STATUS))
@pytest.mark.parametrize("plant", ["factor", "sign"])
def test_check_catches_a_planted_error(name, plant):
    r = RESULTS[name]
    wrong = 2 * r.expr if plant == "factor" else -r.expr
    planted = dataclasses.replace(r, expr=wrong)
    assert not planted.run_check().passed

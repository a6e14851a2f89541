"""Sec. V B of da Silva Souza et al.: (47) and (C1)–(C6), (C12) from the cumulant engine,
checked against exact finite-N derivatives; planted errors."""

import dataclasses

import pytest

from dickeheat.derivations.dasilvasouza2022 import driven

RESULTS = {r.name.split(".")[1]: r for r in driven.results()}


def test_eq47_agrees_with_the_print_once_the_cloud_labels_are_restored():
    for name, r in RESULTS.items():
        if name.startswith("eq47"):
            assert r.status == "agrees", (name, r.compare())


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_check_passes(name):
    check = RESULTS[name].run_check()
    assert check.passed, check


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(RESULTS))
@pytest.mark.parametrize("plant", ["factor", "sign"])
def test_check_catches_a_planted_error(name, plant):
    r = RESULTS[name]
    planted = dataclasses.replace(r, expr=2 * r.expr if plant == "factor" else -r.expr)
    assert not planted.run_check().passed


@pytest.mark.parametrize("name", ["eq47_m1x", "eqC6"])
def test_planted_error_quick(name):
    r = RESULTS[name]
    assert not dataclasses.replace(r, expr=2 * r.expr).run_check().passed

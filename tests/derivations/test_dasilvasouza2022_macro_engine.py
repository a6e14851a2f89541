"""The driven engine's macroscopic limit as registered results: power per pair, (D4)–(D5),
(D3); their checks pass and fail on planted errors."""

import dataclasses

import pytest
import sympy as sp

from dickeheat.derivations.dasilvasouza2022 import macro_engine

RESULTS = {r.name.split(".")[1]: r for r in macro_engine.results()}


def test_names_and_statuses():
    assert set(RESULTS) == {"macro_power_per_pair", "eqD4_m1_order3", "eqD5_m1_order3",
                            "eqD4_m2_order3", "eqD5_m2_order3",
                            "macro_power_variance"}
    # (D3) is the Isserlis pairing of (D1): agrees with the print
    assert RESULTS["macro_power_variance"].status == "agrees"
    # (D4)-(D5): the printed drive term has the wrong cloud label
    for name in ("eqD4_m1_order3", "eqD5_m1_order3", "eqD4_m2_order3", "eqD5_m2_order3"):
        r = RESULTS[name]
        assert r.status == "erratum", (name, r.compare())
        diff = (r.printed - r.expr).expand()
        assert diff.has(macro_engine.correlation_symbol(0 if "_m1" in name else 1,
                                                        "y" if "D4" in name else "x"))


def test_per_pair_power_is_minus_nu_omega_im_over_four():
    r = RESULTS["macro_power_per_pair"]
    assert float(r.numpy_function(2.0, 3.0, 1.0)) == pytest.approx(-1.5)
    assert len(r.step("system").variables) == 25


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


@pytest.mark.parametrize("name", ["macro_power_per_pair", "macro_power_variance", "eqD4_m1_order3"])
def test_planted_factor_quick(name):
    r = RESULTS[name]
    assert not dataclasses.replace(r, expr=2 * r.expr).run_check().passed


@pytest.mark.parametrize("name", ["eqD4_m1_order3", "eqD5_m2_order3"])
def test_regression_check_rejects_the_printed_label(name):
    r = RESULTS[name]
    assert not dataclasses.replace(r, expr=r.printed).run_check().passed


def test_variance_is_built_from_the_derived_power_operator():
    """The observable of (D3) is the per-pair power operator, −νω₀(m₁ˣm₂ʸ − m₁ʸm₂ˣ)/4,
    derived from (10) with (28); nothing of it is typed in the derivation."""
    r = RESULTS["macro_power_variance"]
    op = r.step("power_operator")
    syms = {s.name: s for s in op.free_symbols}
    nu, w = syms["nu"], syms["omega_0"]
    expected = -nu * w / 4 * (syms["<m1x m2y>"] - syms["<m1y m2x>"])
    assert sp.expand(op - expected) == 0


@pytest.mark.parametrize("plant", ["factor", "sign"])
def test_variance_agreement_is_not_a_self_comparison(plant):
    r = RESULTS["macro_power_variance"]
    planted = dataclasses.replace(r, expr=2 * r.expr if plant == "factor" else -r.expr)
    assert planted.compare().kind != "agrees"

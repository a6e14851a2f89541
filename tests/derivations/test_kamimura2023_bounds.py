"""Bound 1 and Bound 2 of Kamimura et al.: checked against measured currents, never against a
second product of norms. Planted errors a factor-2/sign test would miss must fail too."""

import dataclasses

import pytest

from dickeheat.derivations import registry


@pytest.fixture(scope="module")
def reg():
    return registry(("kamimura2023",))


PLANTS = {
    "half": lambda r: r.expr / 2,  # too small: violated by the attaining witness
    "no Xi_12": lambda r: r.expr.subs(r.arg("Xi_12"), 0),  # wrong cross-channel coefficient
    "Xi_12 doubled": lambda r: r.expr.subs(r.arg("Xi_12"), 2 * r.arg("Xi_12")),
}


@pytest.mark.parametrize("plant", ["half", "no Xi_12", "Xi_12 doubled"])
def test_bound2_check_catches_subtle_plants(reg, plant):
    r = reg.get("kamimura2023.bound2")
    planted = dataclasses.replace(r, expr=PLANTS[plant](r))
    assert not planted.run_check().passed


def test_bound_checks_report_measured_currents(reg):
    check = reg.get("kamimura2023.bound2").run_check()
    assert check.passed
    assert "measured Redfield currents" in check.method and "attained" in check.method


def test_model_bounds_use_the_registered_general_bound(reg):
    # the model-specific bound checks receive the registered general bound: one reference
    for name, general in (("bound1_mbody", "bound1"), ("bound2_superradiance", "bound2"),
                          ("bound2_superabsorption", "bound2"),
                          ("mbody_bound1_ratio", "bound1"),
                          ("superradiance_bound2_ratio", "bound2")):
        check = reg.get(f"kamimura2023.{name}").check
        args = getattr(check, "args", ())
        assert args and args[0].name == f"kamimura2023.{general}", name

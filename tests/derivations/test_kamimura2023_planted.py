"""Every Kamimura et al. check must fail on a planted error in the closed form it checks: the
result with a factor 2 and with its sign flipped goes through the same ``run_check``."""

import dataclasses
import functools

import pytest

from dickeheat.derivations import registry

#: at least one fast check per chain module (general, mbody, superradiance, steady)
FAST = ["bound2", "J_mbody", "norm_A_mbody", "bound1_mbody", "dE_superradiance",
        "bound2_superradiance", "superabsorption_gap", "superabsorption_dE",
        "bound2_superabsorption", "gksl_equals_redfield"]
#: the remaining checks (slower: random sampling, fits, QuTiP in the full space)
SLOW = ["bound1", "mbody_bound1_ratio", "mbody_exponent", "J_dicke", "J_superradiance",
        "superradiance_bound2_ratio", "superradiance_ratio_limit"]

PLANTS = {"factor 2": lambda e: 2 * e, "sign": lambda e: -e}


@pytest.fixture(scope="module")
def reg():
    return registry(("kamimura2023",))


def test_every_result_is_covered(reg):
    assert {f"kamimura2023.{n}" for n in FAST + SLOW} == set(reg.names())


@functools.cache
def _passes_unplanted(name):
    return registry(("kamimura2023",)).get(f"kamimura2023.{name}").run_check().passed


def _assert_planted_fails(reg, name, plant):
    result = reg.get(f"kamimura2023.{name}")
    assert _passes_unplanted(name)  # the check passes on the derived closed form
    planted = dataclasses.replace(result, expr=PLANTS[plant](result.expr))
    check = planted.run_check()
    assert not check.passed, (name, plant, check)


@pytest.mark.parametrize("plant", list(PLANTS))
@pytest.mark.parametrize("name", FAST)
def test_planted_error_fails_the_check(reg, name, plant):
    _assert_planted_fails(reg, name, plant)


@pytest.mark.slow
@pytest.mark.parametrize("plant", list(PLANTS))
@pytest.mark.parametrize("name", SLOW)
def test_planted_error_fails_the_slow_checks(reg, name, plant):
    _assert_planted_fails(reg, name, plant)

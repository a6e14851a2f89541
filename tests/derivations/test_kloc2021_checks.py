"""Every registered Kloc et al. result passes its independent check, and a planted error (a
factor 2, a flipped sign) makes that check fail."""

from __future__ import annotations

import dataclasses

import pytest
import sympy as sp

from dickeheat.derivations import registry

RESULTS = {r.name: r for r in registry(("kloc2021",))}
CHECKED = sorted(name for name, r in RESULTS.items() if r.check is not None)


def test_every_result_has_a_check() -> None:
    assert set(CHECKED) == set(RESULTS)


@pytest.mark.parametrize("name", CHECKED)
def test_check_passes(name: str) -> None:
    outcome = RESULTS[name].run_check()
    assert outcome.passed, (name, outcome)


@pytest.mark.parametrize("plant", ["factor2", "sign"])
@pytest.mark.parametrize("name", CHECKED)
def test_planted_error_fails(name: str, plant: str) -> None:
    r = RESULTS[name]
    wrong = 2 * r.expr if plant == "factor2" else -r.expr
    planted = dataclasses.replace(r, expr=sp.sympify(wrong))
    outcome = planted.run_check()
    assert not outcome.passed, (name, plant, outcome)

"""Every check of Andolina et al. must be able to fail: a copy of the registered result with a
planted error (the closed form doubled, or its sign flipped) must not pass its check.

The default run plants errors in a representative set (at least one result of every chain
module); the ``slow`` run covers every result with a closed form.
"""

import dataclasses

import pytest

from dickeheat.derivations import registry

#: factor planted in the closed form: doubled, sign flipped
PLANTS = {"x2": 2, "sign": -1}

FAST = [
    "charge", "G", "quartic", "E_T", "phi_ladder", "phi_qubit",  # circuit
    "quality", "gamma_circuit", "structure_factor",  # bath
    "T_star", "Q_h_steady", "dicke_state",  # heat
    "jz_high_T", "coth_limit",  # collective
    "T_k_star", "Q_h_Tp_eq_Tstar",  # parasitic
    "Q_det", "gamma_2", "occupation",  # detuned
]
SLOW = [
    "phidot_exact", "phidot", "H_exact", "H", "C_eff", "L_J", "E_J", "E_T_harmonic", "E_T",
    "H_qubit", "Q_ladder",
    "Q_qubit", "commutator", "G_exact",
    "Z_LC", "re_Z", "linewidth", "re_Z_lorentzian", "gamma",
    "detailed_balance", "Q_h", "Q_ind",
    "partition_function", "jz_thermal", "jz_low_T", "jz_ratio", "Q_high_T",
    "Q_p",
]
#: upper bounds: a looser bound (factor 2) still holds, so plant a tighter one (factor 1/2)
#: and a sign flip
BOUNDS = {"Q_lim": {"half": 0.5, "sign": -1}, "Q_max": {"half": 0.5, "sign": -1}}
#: no result is sign-free any more: the flux checks compare Im⟨0|Q|1⟩⟨1|φ|0⟩, whose sign is
#: fixed by the canonical commutator
SIGN_FREE: dict[str, dict[str, float]] = {}


@pytest.fixture(scope="module")
def reg():
    return registry(("andolina2024",))


def _planted(reg, name, factor):
    r = reg.get(f"andolina2024.{name}")
    assert r.run_check().passed, f"{name}: the unmodified result must pass its check"
    return dataclasses.replace(r, expr=factor * r.expr)


def _cases(names, plants):
    return [pytest.param(n, f, id=f"{n}-{k}") for n in names for k, f in plants.items()]


@pytest.mark.parametrize("name, factor", _cases(FAST, PLANTS))
def test_planted_error_fails(reg, name, factor):
    check = _planted(reg, name, factor).run_check()
    assert not check.passed, check


@pytest.mark.slow
@pytest.mark.parametrize("name, factor",
                         _cases(SLOW, PLANTS)
                         + [c for n, p in {**BOUNDS, **SIGN_FREE}.items() for c in _cases([n], p)])
def test_planted_error_fails_everywhere(reg, name, factor):
    check = _planted(reg, name, factor).run_check()
    assert not check.passed, check


def test_every_checked_result_is_covered(reg):
    covered = set(FAST) | set(SLOW) | set(BOUNDS) | set(SIGN_FREE)
    names = {r.name.removeprefix("andolina2024.") for r in reg
             if r.paper == "andolina2024" and r.check is not None}
    assert names == covered

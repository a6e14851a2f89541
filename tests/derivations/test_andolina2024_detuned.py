"""Sec. IV / published Appendix D: the detuned protocol (the Table I proposal is tested with
the reproduce layer)."""

import pytest
import sympy as sp

from dickeheat.derivations.andolina2024 import detuned
from dickeheat.derivations.andolina2024 import heat_symbols as s
from dickeheat.symbolic.registry import Registry


@pytest.fixture(scope="module")
def reg():
    return Registry(detuned.results())


def test_q_det_agrees_and_checks(reg):
    r = reg.get("andolina2024.Q_det")
    assert r.status == "agrees"
    assert r.run_check().passed


def test_gamma_2_drops_the_omega0_factor_of_b18(reg):
    """Eq. (37) [published D5] from (B18) at fixed G: printed/derived = ω_LC/ω0^(2)."""
    r = reg.get("andolina2024.gamma_2")
    assert r.status == "erratum"
    assert r.run_check().passed
    ratio = sp.simplify(r.printed / r.expr)
    assert sp.simplify(ratio - s.omega_LC / s.omega_2) == 0
    # Fig. 6(b)/5(b): ω0^(2) = ω_LC/2, Q = 20 -> printed γ_1/901, derived γ_1/1802
    values = {s.gamma_1: 1, s.omega_2: sp.Rational(1, 2), s.omega_LC: 1, s.Qf: 20}
    assert r.printed.subs(values) == sp.Rational(1, 901)
    assert r.expr.subs(values) == sp.Rational(1, 1802)

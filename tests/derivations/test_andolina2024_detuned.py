"""Sec. IV / published Appendix D: the detuned protocol (Eqs. 33, 36–37 [published D1, D4–D5])."""

import numpy as np
import pytest
import sympy as sp

from dickeheat.derivations.andolina2024 import detuned
from dickeheat.derivations.andolina2024 import heat_symbols as s
from dickeheat.derivations.andolina2024.checks._common import evaluate
from dickeheat.numeric.thermal import bose
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


def test_printed_gamma_2_has_the_same_arguments(reg):
    """The printed γ_2 (used by the Table I proposal) is a function of the result's args."""
    r = reg.get("andolina2024.gamma_2")
    assert r.printed.free_symbols <= set(r.args)


def test_occupation_is_the_bose_function(reg):
    r = reg.get("andolina2024.occupation")
    assert r.status == "agrees"
    assert r.run_check().passed
    w = np.array([1.0, 0.5, 0.5])
    T = np.array([0.3, 2.3, 0.05])
    np.testing.assert_allclose(evaluate(r, {"omega_0": w, "T_i": T}, natural=True), bose(w, T),
                               rtol=1e-12)


def test_q_det_arguments_are_named_occupations(reg):
    """Q_det's occupations are n_b^(k), b in h, c, p, k in 1, 2 (the proposal evaluates
    andolina2024.occupation at ω0^(k), T_b for each)."""
    names = [str(a) for a in reg.get("andolina2024.Q_det").args]
    assert names[6:] == [f"n_{b}^({k})" for k in (1, 2) for b in "hcp"]


def test_chain_fields():
    c = detuned.chain()
    assert isinstance(c, detuned.DetunedChain)
    assert sp.simplify(c.gamma_2_flux_tuned / c.gamma_2_expr - s.omega_2 / s.omega_LC) == 0

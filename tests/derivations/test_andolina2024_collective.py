"""Appendix C and Sec. II C: thermal ⟨J_z⟩, limits, coth law, the published bounds."""

import numpy as np
import pytest
import sympy as sp

from dickeheat.derivations.andolina2024 import collective, heat
from dickeheat.derivations.andolina2024 import heat_symbols as s
from dickeheat.derivations.andolina2024.checks._common import evaluate, steady
from dickeheat.derivations.andolina2024.collective import chain
from dickeheat.numeric.thermal import bose
from dickeheat.symbolic.registry import Registry

NAMES = ["partition_function", "jz_thermal", "jz_low_T", "jz_high_T", "jz_ratio", "Q_lim",
         "Q_high_T", "coth_limit", "Q_max"]


@pytest.fixture(scope="module")
def reg():
    return Registry(collective.results() + heat.results())


@pytest.mark.parametrize("name", NAMES)
def test_agrees_with_print(reg, name):
    assert reg.get(f"andolina2024.{name}").status == "agrees"


@pytest.mark.parametrize("name", NAMES)
def test_numeric_check_passes(reg, name):
    check = reg.get(f"andolina2024.{name}").run_check()
    assert check.passed, check


def test_c13_ratio_is_twice_coth_and_eq29_is_half_of_it():
    c = chain()
    x = s.hbar * s.omega0 / (s.k_B * s.T)
    assert sp.simplify((c.ratio - 2 * sp.coth(x / 2)).rewrite(sp.exp)) == 0
    assert sp.simplify((c.coth - sp.coth(s.T0 / (2 * s.T_star))).rewrite(sp.exp)) == 0


def test_coth_law_limits():
    """Eq. (29): ratio → 1 for T0/T* >> 1, ≈ 2T*/T0 for T0/T* << 1, always > 1."""
    u = sp.Symbol("u", positive=True)  # T0/T*
    ratio = chain().coth.subs(s.T0, u * s.T_star)
    assert sp.limit(ratio, u, sp.oo) == 1
    assert sp.limit(ratio * u / 2, u, 0) == 1
    f = sp.lambdify(u, ratio)
    assert all(f(v) > 1 for v in np.geomspace(1e-3, 20, 40))


def test_published_figure3_closed_form_against_fixed_J_numerics(reg):
    """Published Fig. 3 (arXiv Fig. 4): Q_h/(J̄ħω0²) for J̄ <= 8, T0/T_c = 3, γ_h = γ_c = ω0/10,
    closed form (Eq. 24 with C10 at T*) against QuTiP fixed-J steady states."""
    jz, q24 = reg.get("andolina2024.jz_thermal"), reg.get("andolina2024.Q_h_steady")
    g = 0.1
    for a in (0.1, 0.3, 0.7, 1.0, 2.0):
        th, tc = 1 / a, 1 / 3
        for twoJ in range(1, 17):
            ss = steady(twoJ, g, g, th, tc, J=twoJ / 2)
            jz_value = evaluate(jz, {"Jbar": twoJ / 2, "omega_0": 1, "T": ss.model.T_star},
                                natural=True)
            closed = evaluate(q24, {"omega_0": 1, "gamma_h": g, "gamma_c": g,
                                    "n_h": bose(1, th), "n_c": bose(1, tc), "<J_z>": jz_value},
                              natural=True)
            assert closed == pytest.approx(ss.Q_h, rel=1e-10)


def test_superlinear_scaling_at_high_temperature_and_saturation_at_low(reg):
    """Fig. 3: Q_h/J̄ grows with J̄ up to J̄ = 8 for T0/T_h <= 0.3; for T0/T_h >= 0.7 the current
    at J̄ = 8 is close to the bound Q_h^lim (Eq. 28 published), for T0/T_h <= 0.3 it is not."""
    g = 0.1
    for a in (0.1, 0.3):
        per_J = [steady(twoJ, g, g, 1 / a, 1 / 3, J=twoJ / 2).Q_h / (twoJ / 2)
                 for twoJ in range(1, 17)]
        assert np.all(np.diff(per_J) > 0)
    q_lim = reg.get("andolina2024.Q_lim")

    def saturation(a):
        bound = evaluate(q_lim, {"omega_0": 1, "gamma_h": g, "gamma_c": g, "n_h": bose(1, 1 / a),
                                 "n_c": bose(1, 1 / 3), "Jbar": 8.0}, natural=True)
        return steady(16, g, g, 1 / a, 1 / 3, J=8.0).Q_h / bound

    assert saturation(0.7) > 0.9 and saturation(1.0) > 0.95
    assert saturation(0.3) < 0.85
    assert all(saturation(a) <= 1 for a in (0.1, 0.3, 0.7, 1.0, 2.0))


def test_bounds_ordering():
    """Q_h(J̄) <= Q_h^lim(J̄) <= Q_h^max(N) for J̄ <= N/2, equality of the bounds at J̄ = N/2."""
    c = chain()
    diff = sp.simplify(c.Q_max - c.Q_lim.subs(s.J, s.N / 2))
    assert diff == 0

"""The users of the Kamimura et al. bounds: a current next to Bounds 1 and 2 (saturation,
ratios, scaling, random sampling, transients) and the heat valve with RLC baths."""

import itertools
from fractions import Fraction
from math import comb

import numpy as np
import pytest

from dickeheat.errors import ParameterError
from dickeheat.numeric.bounds import scaling_fit, transient_currents
from dickeheat.numeric.model import HeatValve
from dickeheat.numeric.redfield import Coupling, gksl_current
from dickeheat.numeric.spin_models import dicke_state, model_operators
from dickeheat.reproduce.kamimura2023.bounds import (
    bound_report,
    bounds_from_norms,
    sample_random_systems,
    sample_states,
)
from dickeheat.symbolic.bath import Lorentzian, WhiteNoise
from dickeheat.symbolic.bath_rlc import RLCBath

WHITE = WhiteNoise(1.0)


WHITE = WhiteNoise(1.0)


def _report(model, L, state, bath=WHITE, **kw):
    H, A = model_operators(model, L, **kw)
    return bound_report(H, Coupling((A,), (bath,)), dicke_state(L, state))


# -- m-body ----------------------------------------------------------------------------------
@pytest.mark.parametrize("L", [1, 2, 5, 12, 30])
def test_bound1_saturated_exactly_for_m_equal_L(L):
    r = _report("m-body", L, L / 2, m=L)
    assert r.ratio1 == pytest.approx(1.0, abs=1e-11)
    assert r.current == pytest.approx(-(L**3), rel=1e-11)  # -γ_wn ω L³ with c = g = ω = 1


@pytest.mark.parametrize("L", [3, 6, 9])
def test_mbody_current_below_bound_for_m_below_L(L):
    for m in range(1, L):
        r = _report("m-body", L, L / 2, m=m)
        assert r.current == pytest.approx(-(L**2) * m / comb(L, m), rel=1e-10)
        assert r.ratio1 == pytest.approx(m / (L * comb(L, m)), rel=1e-10) and r.ratio1 < 1


# -- superradiance -----------------------------------------------------------------------------
NARROW = Lorentzian(strength=1.0, kappa=0.01, center=1.0, T=0.0)  # S(-ω)/S(ω) ≈ 6e-6


def test_superradiant_ratio_to_bound2_tends_to_one_quarter():
    Ls = [1, 5, 21, 101, 401]
    ratios = [_report("superradiance", L, 0.5, NARROW).ratio2 for L in Ls]
    assert all(a > b for a, b in itertools.pairwise(ratios))  # decreasing towards the limit
    for L, r in zip(Ls, ratios):
        assert r <= (L + 1) ** 2 / (4 * L**2) + 1e-12  # η <= 1
    assert ratios[-1] == pytest.approx(0.25, abs=2e-3)


def test_superradiant_current_is_17_with_zero_temperature_rlc_bath():
    bath = RLCBath(R=0.3, omega_LC=1.0, Q=8.0, T=0.0)
    S = float(bath.spectrum_function()(np.array([1.0]))[0])
    for L in (1, 3, 7, 15):
        r = _report("superradiance", L, 0.5, bath, g=0.5)
        assert r.current == pytest.approx(-0.25 * 0.25 * S * (L + 1) ** 2, rel=1e-9)


# -- scaling fits ------------------------------------------------------------------------------
def test_exponent_three_recovered_for_L_body_coupling():
    Ls = list(range(10, 61, 10))
    fit = scaling_fit(Ls, [_report("m-body", L, L / 2, m=L).current for L in Ls])
    assert fit.exponent == pytest.approx(3.0, abs=1e-8)
    assert fit.exponent_stderr < 1e-8 and fit.r_squared > 1 - 1e-12


def test_exponent_two_recovered_for_superradiance():
    Ls = list(range(101, 402, 60))
    reps = [_report("superradiance", L, 0.5, NARROW) for L in Ls]
    fit = scaling_fit(Ls, [r.current for r in reps])
    # |J| ∝ (L+1)^2: local log-slope 2L/(L+1) ≈ 1.99 here
    assert abs(fit.exponent - 2.0) < 0.02
    assert abs(fit.exponent - 2.0) < 5 * fit.exponent_stderr + 0.02
    assert scaling_fit(Ls, [r.bound2 for r in reps]).exponent == pytest.approx(2.0, abs=1e-9)
    assert scaling_fit(Ls, [r.bound1 for r in reps]).exponent == pytest.approx(3.0, abs=1e-9)


# -- random sampling ---------------------------------------------------------------------------
@pytest.mark.parametrize("seed", [1, 7])
def test_no_violation_in_random_systems(seed):
    rep = sample_random_systems(150, seed=seed)
    assert not rep.violated
    assert 0 < rep.max_ratio1 <= 1 and 0 < rep.max_ratio2 <= 1


@pytest.mark.parametrize("model,kw", [("m-body", {"m": 3}), ("superradiance", {}),
                                      ("superabsorption", {"Omega": 0.3})])
def test_no_violation_for_random_states_of_the_models(model, kw):
    H, A = model_operators(model, 6, **kw)
    for bath in (WHITE, Lorentzian(strength=0.4, kappa=0.5, center=1.0, T=0.7)):
        rep = sample_states(H, Coupling((A,), (bath,)), 200, seed=3)
        assert rep.max_ratio1 <= 1 and rep.max_ratio2 <= 1


def test_bound2_never_exceeds_bound1_with_minimal_windows():
    rng = np.random.default_rng(4)
    for _ in range(30):
        d = int(rng.integers(2, 6))
        X = rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d))
        Y = rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d))
        H, A = 0.5 * (X + X.conj().T), 0.5 * (Y + Y.conj().T)
        r = bound_report(H, Coupling((A,), (WHITE,)), np.eye(d) / d)
        assert r.bound2 <= r.bound1 * (1 + 1e-12)


def test_sampling_is_reproducible():
    a = sample_random_systems(20, seed=5)
    b = sample_random_systems(20, seed=5)
    assert a.max_ratio1 == b.max_ratio1 and a.worst2 == b.worst2


# -- transients --------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["redfield", "gksl"])
def test_transients_stay_below_the_bounds(kind):
    L = 9
    H, A = model_operators("superradiance", L)
    c = Coupling((A,), (Lorentzian(strength=0.05, kappa=1.0, center=1.0, T=0.0),))
    times = np.linspace(0.0, 20.0, 41)
    J = transient_currents(H, c, dicke_state(L, L / 2), times, kind=kind)
    r = bound_report(H, c, dicke_state(L, L / 2))
    assert np.max(np.abs(J)) <= r.bound2
    assert np.argmax(np.abs(J)) > 0  # the superradiant burst comes after t = 0


def test_bad_report_input():
    H, A = model_operators("superradiance", 2)
    with pytest.raises(ParameterError, match="kind"):
        bound_report(H, Coupling((A,), (WHITE,)), dicke_state(2, 0), kind="lindblad")
    with pytest.raises(TypeError):
        bound_report(H, Coupling((A,), (WHITE,)), dicke_state(2, 0), redfield=True)
    with pytest.raises(ParameterError, match="channels"):
        bounds_from_norms(1.0, [1.0, 1.0, 1.0], [1.0, 1.0, 1.0], np.eye(3))


def test_bounds_from_norms_are_the_registered_closed_forms():
    # one channel: 4 ||H|| Xi ||A||^2 and 2 Xi dE ||A||^2; two channels with cross terms
    assert bounds_from_norms(2.0, [3.0], [0.5], np.array([[0.7]])) == pytest.approx(
        (4 * 2.0 * 0.7 * 9.0, 2 * 0.7 * 0.5 * 9.0), rel=1e-14)
    Xi = np.array([[0.3, 0.1], [0.2, 0.4]])
    a, w = np.array([1.5, 0.5]), np.array([0.7, 1.1])
    b1, b2 = bounds_from_norms(2.0, a, w, Xi)
    assert b1 == pytest.approx(4 * 2.0 * a @ Xi @ a, rel=1e-14)
    assert b2 == pytest.approx(2 * (w * a) @ Xi @ a, rel=1e-14)


# -- the heat valve ----------------------------------------------------------------------------
def test_valve_rlc_baths_reproduce_the_valve_dissipator():
    import qutip

    from dickeheat.numeric.operators import bath_superoperators, sector_ops
    from dickeheat.reproduce.kamimura2023.valve import valve_baths

    model = HeatValve(N=4, gamma_h=0.1, gamma_c=0.07, T_h=2.0, T_c=0.5)
    hot, cold = valve_baths(model)
    ops = sector_ops(2.0)
    sup = bath_superoperators(model, ops)
    H = ops.jz.full()
    for M in (2, 0, -1):
        rho = dicke_state(4, M)
        for D, bath in ((sup.D_h, hot), (sup.D_c, cold)):
            ref = float(np.real((ops.jz * qutip.vector_to_operator(
                D * qutip.operator_to_vector(qutip.Qobj(rho)))).tr()))
            assert gksl_current(H, Coupling((ops.jx.full(),), (bath,)), rho) == pytest.approx(
                ref, rel=1e-10)


@pytest.mark.parametrize("N", [1, 2, 5])
def test_valve_steady_current_below_own_bounds_and_bound2(N):
    from dickeheat.reproduce.kamimura2023.valve import valve_bound_report

    model = HeatValve(N=N, gamma_h=0.1, gamma_c=0.1, T_h=2.0, T_c=0.5)
    r = valve_bound_report(model)
    q_max = model.gamma_h * model.gamma_c / (model.gamma_h + model.gamma_c) * N * (
        model.n_h - model.n_c)  # the valve's Eq. (24) with <-J_z> <= N/2
    assert 0 < r.current <= q_max <= r.bound2 <= r.bound1


def test_valve_transient_exceeds_steady_bound_but_not_bound2():
    from dickeheat.reproduce.kamimura2023.valve import valve_bound_report

    N = 15
    model = HeatValve(N=N, gamma_h=0.1, gamma_c=0.1, T_h=2.0, T_c=0.5)
    r = valve_bound_report(model, state=Fraction(1, 2))
    q_max = 0.05 * N * (model.n_h - model.n_c)
    assert abs(r.current) > q_max  # the valve's Q_max bounds steady states only
    assert abs(r.current) <= r.bound2

"""Heat currents against Bounds 1 and 2: saturation, ratios, scaling fits, random sampling,
transients, GKSL steady states and the heat valve."""

from fractions import Fraction
from math import comb

import numpy as np
import pytest

from dickeheat.errors import NumericalError, ParameterError
from dickeheat.numeric.bounds import (
    bound_report, energy_window, operator_norm, sample_random_systems, sample_states,
    scaling_fit, transient_currents,
)
from dickeheat.numeric.model import HeatValve
from dickeheat.numeric.redfield import (
    Coupling, evolve, gksl_current, gksl_generator, redfield_current, steady_state_of,
)
from dickeheat.numeric.spin_models import dicke_state, mbody_operator, model_operators
from dickeheat.symbolic.bath import Lorentzian, WhiteNoise
from dickeheat.symbolic.bath_rlc import RLCBath

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


def test_mbody_sector_operator_equals_full_space_restriction():
    L, m = 5, 3
    full = mbody_operator(L, m, space="full")
    k = 2  # |L/2, L/2 - k> in both representations
    sector = mbody_operator(L, m)
    psi = dicke_state(L, Fraction(L, 2) - k, space="full")
    phi = dicke_state(L, Fraction(L, 2) - k)
    assert np.trace(full @ psi) == pytest.approx(np.trace(sector @ phi), abs=1e-12)
    assert operator_norm(full) == pytest.approx(operator_norm(sector), rel=1e-12)


# -- superradiance -----------------------------------------------------------------------------
NARROW = Lorentzian(strength=1.0, kappa=0.01, center=1.0, T=0.0)  # S(-ω)/S(ω) ≈ 6e-6


def test_superradiant_ratio_to_bound2_tends_to_one_quarter():
    Ls = [1, 5, 21, 101, 401]
    ratios = [_report("superradiance", L, 0.5, NARROW).ratio2 for L in Ls]
    assert all(a > b for a, b in zip(ratios, ratios[1:]))  # decreasing towards the limit
    for L, r in zip(Ls, ratios):
        assert r <= (L + 1) ** 2 / (4 * L**2) + 1e-12  # η <= 1
    assert ratios[-1] == pytest.approx(0.25, abs=2e-3)


def test_superradiant_current_is_17_with_zero_temperature_rlc_bath():
    bath = RLCBath(R=0.3, omega_LC=1.0, Q=8.0, T=0.0)
    S = float(bath.spectrum_function()(np.array([1.0]))[0])
    for L in (1, 3, 7, 15):
        r = _report("superradiance", L, 0.5, bath, g=0.5)
        assert r.current == pytest.approx(-0.25 * 0.25 * S * (L + 1) ** 2, rel=1e-9)


def test_superabsorption_window_is_linear_in_L():
    for L in (2, 5, 9):
        H, A = model_operators("superabsorption", L, Omega=0.2)
        assert energy_window(H, A) == pytest.approx(1 + 0.2 * (L - 1), rel=1e-12)


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


def test_scaling_fit_rejects_bad_input():
    with pytest.raises(ParameterError):
        scaling_fit([1, 2], [1.0, 2.0])
    with pytest.raises(ParameterError):
        scaling_fit([1, 2, 3], [1.0, 0.0, 2.0])


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


def test_gksl_steady_state_commutes_and_currents_agree():
    rng = np.random.default_rng(11)
    X = rng.normal(size=(4, 4)) + 1j * rng.normal(size=(4, 4))
    H = 0.5 * (X + X.conj().T)
    E, V = np.linalg.eigh(H)
    ops = [0.5 * (Y + Y.conj().T) for Y in (rng.normal(size=(4, 4)) for _ in range(2))]
    hot = Coupling((ops[0],), (Lorentzian(strength=0.3, kappa=0.5, center=1.0, T=2.0),))
    cold = Coupling((ops[1],), (Lorentzian(strength=0.3, kappa=0.5, center=1.0, T=0.2),))
    gen = gksl_generator(H, [hot, cold])
    rho0 = V @ np.diag([0.4, 0.3, 0.2, 0.1]) @ V.conj().T
    rho_t = evolve(gen, rho0, [0.0, 400.0])[-1]
    rho_ss = steady_state_of(gen)
    assert np.linalg.norm(rho_t - rho_ss) < 1e-8
    assert np.linalg.norm(H @ rho_ss - rho_ss @ H) < 1e-10
    for c in (hot, cold):
        assert gksl_current(H, c, rho_ss) == pytest.approx(redfield_current(H, c, rho_ss),
                                                           rel=1e-9)
    J = [gksl_current(H, c, rho_ss) for c in (hot, cold)]
    assert J[0] + J[1] == pytest.approx(0.0, abs=1e-12) and J[0] > 0  # hot -> cold


def test_non_unique_steady_state_is_reported():
    H = np.diag([1.0, 0.0, 0.0, -1.0])
    A = np.zeros((4, 4))
    A[0, 1] = A[1, 0] = 1.0  # levels 2 and 3 never couple
    with pytest.raises(NumericalError, match="not unique"):
        steady_state_of(gksl_generator(H, [Coupling((A,), (WHITE,))]))


# -- windows, options and bad input -------------------------------------------------------------
def test_energy_window_ignores_degenerate_basis_choice():
    H, A = model_operators("superradiance", 4, space="full")  # J_z is degenerate
    assert energy_window(H, A) == pytest.approx(1.0, rel=1e-12)


def test_bad_model_input():
    with pytest.raises(ParameterError, match="L"):
        model_operators("superradiance", 0)
    with pytest.raises(ParameterError, match="m"):
        model_operators("m-body", 4, m=5)
    with pytest.raises(ParameterError, match="M"):
        dicke_state(4, Fraction(1, 2))
    with pytest.raises(ParameterError, match="model"):
        model_operators("laser", 3)
    with pytest.raises(ParameterError):
        Coupling((np.eye(2),), ())
    with pytest.raises(ParameterError, match="Hermitian"):
        Coupling((np.array([[0, 1], [0, 0]]),), (WHITE,))
    H, A = model_operators("superradiance", 2)
    with pytest.raises(ParameterError, match="kind"):
        bound_report(H, Coupling((A,), (WHITE,)), dicke_state(2, 0), kind="lindblad")
    with pytest.raises(TypeError):
        bound_report(H, Coupling((A,), (WHITE,)), dicke_state(2, 0), redfield=True)


# -- the heat valve ----------------------------------------------------------------------------
def test_valve_rlc_baths_reproduce_the_valve_dissipator():
    import qutip

    from dickeheat.numeric.operators import bath_superoperators, sector_ops
    from dickeheat.numeric.valve_bounds import valve_baths

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
    from dickeheat.numeric.valve_bounds import valve_bound_report

    model = HeatValve(N=N, gamma_h=0.1, gamma_c=0.1, T_h=2.0, T_c=0.5)
    r = valve_bound_report(model)
    q_max = model.gamma_h * model.gamma_c / (model.gamma_h + model.gamma_c) * N * (
        model.n_h - model.n_c)  # the valve's Eq. (24) with <-J_z> <= N/2
    assert 0 < r.current <= q_max <= r.bound2 <= r.bound1


def test_valve_transient_exceeds_steady_bound_but_not_bound2():
    from dickeheat.numeric.valve_bounds import valve_bound_report

    N = 15
    model = HeatValve(N=N, gamma_h=0.1, gamma_c=0.1, T_h=2.0, T_c=0.5)
    r = valve_bound_report(model, state=Fraction(1, 2))
    q_max = 0.05 * N * (model.n_h - model.n_c)
    assert abs(r.current) > q_max  # the valve's Q_max bounds steady states only
    assert abs(r.current) <= r.bound2

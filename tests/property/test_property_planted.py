"""Every property can fail: a planted violation is caught by the same predicate, tolerance and
(where a search is needed) the same Hypothesis strategy as the property test.

Also the regression test of the one defect the property tests found (Davies rates below ~1e-28
were dropped by QuTiP's absolute tidy-up, breaking detailed balance at low temperature).
"""

from __future__ import annotations

import dataclasses
import types

import numpy as np
import pytest
import qutip
from hypothesis import HealthCheck, find, settings
from property_support import (
    TOL,
    bound_ratio,
    detailed_balance_defect,
    entropy_production,
    first_law_residual,
    relative_difference,
    state_defects,
)
from test_property_bounds import BOUND_TOL, margins, registered_bounds, systems
from test_property_machines import check_engine, check_refrigerator, engine_gross
from test_property_rates import (
    DB_TOL,
    check_davies,
    davies_of,
    davies_rates,
    lattice_defect,
    valve_bath_parts,
)
from test_property_valve import check_valve, current_scale, lattice_residual

from dickeheat.numeric import dicke_lattice as lat
from dickeheat.numeric.davies import bath_current, davies_model
from dickeheat.numeric.exchange_spins import ExchangeCoupledSpins
from dickeheat.numeric.exchange_spins_observables import diagonal_expectations, thermodynamics
from dickeheat.numeric.model import HeatValve
from dickeheat.numeric.pauli import pauli_jump_rates
from dickeheat.numeric.spectral import ohmic_spectral_density, thermal_rate
from dickeheat.numeric.spin_refrigerator import PeakedBath, SpinRefrigerator, jump_rates
from dickeheat.numeric.steady import steady_state

SEARCH = settings(
    max_examples=300,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

VALVE = HeatValve(
    N=3, omega0=1.0, gamma_h=1.0, gamma_c=0.7, T_h=2.0, T_c=0.5, gamma_p=0.3, T_p=0.8, gamma_phi=0.1
)


# -- first law ---------------------------------------------------------------------------------


def test_first_law_catches_a_missing_current():
    ss = steady_state(VALVE, backend="qutip")
    good = first_law_residual([ss.Q_h, ss.Q_c, ss.Q_p], current_scale(VALVE))
    planted = first_law_residual([ss.Q_h, ss.Q_c], current_scale(VALVE))  # Q_p dropped
    assert good <= TOL < planted


def test_valve_check_catches_a_current_with_a_wrong_factor(monkeypatch):
    import test_property_valve as mod

    def broken(model, backend):
        ss = steady_state(model, backend=backend)
        return dataclasses.replace(ss, Q_c=1.01 * ss.Q_c) if backend == "reduced" else ss

    monkeypatch.setattr(mod, "steady_state", broken)
    with pytest.raises(AssertionError):
        check_valve(VALVE)


def test_engine_first_law_catches_a_sign():
    m = ExchangeCoupledSpins.thermal(
        N=3, E1=1.0, E2=3.0, beta1=2.0, beta2=0.2, coupling=0.3, Gamma0=0.1
    )
    th = thermodynamics(m, noise=False)
    gross = engine_gross(m, diagonal_expectations(th.state))
    assert first_law_residual([th.P, -th.J1, -th.J2], gross) <= TOL
    assert first_law_residual([-th.P, -th.J1, -th.J2], gross) > TOL


def test_refrigerator_check_catches_a_wrong_work_current(monkeypatch):
    import test_property_machines as mod

    b = PeakedBath(beta=1.0, center=3.0, width=0.5, amplitude=1.0)
    m = SpinRefrigerator(
        N=7,
        cold=dataclasses.replace(b, beta=2.0, center=1.0),
        hot=b,
        work=dataclasses.replace(b, beta=0.1, center=2.0),
    )
    check_refrigerator(m, False)
    real = mod.solve
    monkeypatch.setattr(
        mod,
        "solve",
        lambda model, reduced: dataclasses.replace(
            real(model, reduced=reduced), I_w=1.001 * real(model, reduced=reduced).I_w
        ),
    )
    with pytest.raises(AssertionError):
        check_refrigerator(m, False)


# -- second law --------------------------------------------------------------------------------


def test_entropy_production_catches_swapped_temperatures():
    m = dataclasses.replace(VALVE, gamma_p=0.0, gamma_phi=0.0)
    ss = steady_state(m, backend="qutip")
    sigma, size = entropy_production([1 / m.T_h, 1 / m.T_c], [ss.Q_h, ss.Q_c])
    assert sigma >= -TOL * size
    sigma, size = entropy_production([1 / m.T_c, 1 / m.T_h], [ss.Q_h, ss.Q_c])  # swapped
    assert sigma < -TOL * size


def test_engine_check_catches_swapped_temperatures():
    m = ExchangeCoupledSpins.thermal(
        N=2, E1=1.0, E2=3.0, beta1=2.0, beta2=0.2, coupling=0.3, Gamma0=0.1
    )
    check_engine(m, 2.0, 0.2)
    with pytest.raises(AssertionError):
        check_engine(m, 0.2, 2.0)


def test_davies_check_catches_a_bath_without_detailed_balance():
    """A rate function with γ(−ω) = γ(ω) at β = 1 (an infinite-temperature bath passed off
    as β = 1) fails the detailed-balance predicate."""
    H = np.diag([0.0, 0.7, 1.9]).astype(complex)
    A = np.array([[0, 1, 0.5], [1, 0, 1], [0.5, 1, 0]], dtype=complex)

    def ohmic(w):
        return ohmic_spectral_density(w, cutoff=2.0)

    check_davies(H, [(A, 1.0, ohmic), (A, 3.0, ohmic)])
    flat = [(A, 1.0, ohmic), (A, 3.0, ohmic)]
    model = davies_model(qutip.Qobj(H), [(qutip.Qobj(A), lambda w: ohmic(np.abs(w)) + 0.0 * w)])
    E, V = np.linalg.eigh(H)
    assert detailed_balance_defect(davies_rates(model, E, V, 0), -flat[0][1] * E) > DB_TOL


# -- detailed balance --------------------------------------------------------------------------


def test_lattice_detailed_balance_catches_n_instead_of_one_plus_n():
    for name, part, T in valve_bath_parts(VALVE):
        R = lat.rate_matrix(part).toarray()
        assert lattice_defect(R, VALVE.N, VALVE.omega0, T) <= DB_TOL
        if name == "hot":
            broken = types.SimpleNamespace(
                **{**vars(part), "emission_rate": VALVE.gamma_h * VALVE.n_h}
            )
            Rb = lat.rate_matrix(broken).toarray()
            assert lattice_defect(Rb, VALVE.N, VALVE.omega0, T) > DB_TOL
        if name == "dephasing":  # judged against π without the multiplicities d_J
            assert detailed_balance_defect(R, np.zeros(R.shape[0])) > DB_TOL


def test_refrigerator_detailed_balance_catches_one_scaled_rate():
    b = PeakedBath(beta=1.0, center=3.0, width=0.5, amplitude=1.0)
    m = SpinRefrigerator(N=9, cold=b, hot=b, work=b)
    E, _labels, W = jump_rates(m)
    R = W["c"].toarray()
    assert detailed_balance_defect(R, -E) <= DB_TOL
    i, j = np.argwhere(R > 0)[0]
    R[i, j] *= 1.001
    assert detailed_balance_defect(R, -E) > DB_TOL


def test_pauli_detailed_balance_catches_a_wrong_temperature():
    E = np.array([0.0, 0.4, 1.3, 2.0])
    A = np.ones((4, 4)) - np.eye(4)
    W = pauli_jump_rates(E, A, lambda w: thermal_rate(w, lambda x: x, beta=1.5)).toarray()
    assert detailed_balance_defect(W, -1.5 * E) <= DB_TOL
    assert detailed_balance_defect(W, -1.5 * (1 + 1e-6) * E) > DB_TOL


# -- states ------------------------------------------------------------------------------------


def test_state_predicates_catch_negative_and_unnormalised_states():
    good = np.diag([0.7, 0.3]).astype(complex)
    dtr, low, herm = state_defects(good)
    assert dtr <= 1e-9 and low >= -1e-10 and herm <= 1e-9
    assert state_defects(np.diag([1.001, -0.001]))[1] < -1e-10  # not positive
    assert state_defects(np.array([[0.5, 0.6], [0.6, 0.5]]))[1] < -1e-10  # coherence too big
    assert state_defects(np.diag([0.7, 0.3 - 1e-8]))[0] > 1e-9  # trace
    assert state_defects(np.array([[0.5, 0.1], [0.2, 0.5]]))[2] > 1e-9  # not Hermitian
    assert state_defects(np.array([0.6, 0.5, -0.1]))[1] < -1e-12  # populations


def test_lattice_residual_catches_a_perturbed_population(monkeypatch):
    ss = steady_state(VALVE, backend="reduced")
    assert lattice_residual(ss) <= 1e-8
    logP = ss.rho.log_P.copy()
    logP[1] += 1e-6
    planted = dataclasses.replace(ss, rho=dataclasses.replace(ss.rho, log_P=logP))
    assert lattice_residual(planted) > 1e-8


# -- reduced vs full space ---------------------------------------------------------------------


def test_reduced_vs_full_catches_a_slightly_different_model():
    full = steady_state(VALVE, backend="qutip")
    red = steady_state(VALVE, backend="reduced")
    other = steady_state(dataclasses.replace(VALVE, T_c=VALVE.T_c * (1 + 1e-6)), backend="reduced")
    s = current_scale(VALVE)
    assert relative_difference(red.Q_h, full.Q_h, s) <= 1e-8
    assert relative_difference(other.Q_h, full.Q_h, s) > 1e-8


# -- bounds ------------------------------------------------------------------------------------


def _scaled(result, factor: float):
    return types.SimpleNamespace(
        args=result.args, numpy_function=lambda *a: factor * result.numpy_function(*a)
    )


@pytest.mark.parametrize("which", [0, 1])
def test_bound_halved_is_violated_on_the_same_strategy(which):
    """With Bound 1 (or 2) scaled down by 2, Hypothesis finds a violating system among the same
    random systems the property test draws."""
    b = list(registered_bounds())
    b[which] = _scaled(b[which], 0.5)

    def violated(system) -> bool:
        _family, H, coupling, rho = system
        return margins(H, coupling, rho, bounds=tuple(b))[which] < 1.0 - BOUND_TOL

    _family, H, coupling, rho = find(systems, violated, settings=SEARCH)
    assert margins(H, coupling, rho, bounds=tuple(b))[which] < 1.0
    assert margins(H, coupling, rho)[which] >= 1.0 - BOUND_TOL


def test_bound_ratio():
    assert bound_ratio(1.0, 0.0) == np.inf
    assert bound_ratio(1.0, -2.0) == 0.5


# -- the regression found by the property tests ---------------------------------------------------


def test_davies_keeps_tiny_rates_and_detailed_balance():
    """Minimal reproducer: H = [[2, 2], [2, 2]] (levels 0 and 4), A = [[0, 1], [1, 1]], Ohmic
    bath (cut-off 0.3) at β = 20: the upward rate γ(−4)|A_10|² ≈ 1e-40 must be kept (QuTiP's
    default absolute tidy-up of 1e-14 on √γ A used to delete it: a one-way rate)."""
    H = np.array([[2, 2], [2, 2]], dtype=complex)
    A = np.array([[0, 1], [1, 1]], dtype=complex)

    def ohmic(w):
        return ohmic_spectral_density(w, cutoff=0.3)

    model = davies_of(H, [(A, 20.0, ohmic)])
    E, V = np.linalg.eigh(H)
    W = davies_rates(model, E, V, 0)
    assert W[1, 0] > 0.0
    assert detailed_balance_defect(W, -20.0 * E) <= DB_TOL


def test_refrigerator_solves_a_nearly_empty_fast_level():
    """Minimal reproducer of the second defect: far-detuned cold and hot baths (ε = 0.2,
    δ = 0.01, Γ̄ = 0.05, β = 0.05) and a cold, strong work bath (β_w = 20, ε_w = 20, Γ̄_w = 3) on
    N = 14, Ω = 1.5244. The level of largest escape rate, pinned first by the bordered solver,
    holds ~1e-19 of the probability; rounding then flipped the sign of every other population and
    the solver raised "no unique stationary state" (it now re-pins by magnitude)."""
    b = PeakedBath(beta=0.05, center=0.2, width=0.01, amplitude=0.05)
    m = SpinRefrigerator(
        N=14,
        cold=b,
        hot=b,
        work=PeakedBath(beta=20.0, center=20.0, width=0.01, amplitude=3.0),
        Omega=1.5243982444638442,
    )
    check_refrigerator(m, False)


def test_davies_laws_catch_a_dropped_bath_and_swapped_temperatures():
    """Two baths at β = 0.5 and 3 on a three-level system: the first law fails without the
    second bath's current, the second law fails with the temperatures swapped."""
    H = np.diag([0.0, 0.7, 1.9]).astype(complex)
    A = np.array([[0, 1, 0.5], [1, 0, 1], [0.5, 1, 0]], dtype=complex)

    def ohmic(w):
        return ohmic_spectral_density(w, cutoff=2.0)

    baths = [(A, 0.5, ohmic), (A, 3.0, ohmic)]
    check_davies(H, baths)
    model = davies_of(H, baths)
    rho = qutip.steadystate(model.L)
    I = [bath_current(model, k, rho) for k in range(2)]
    assert first_law_residual(I, 1e-12) <= 1e-8 < first_law_residual(I[:1], 1e-12)
    sigma, size = entropy_production([0.5, 3.0], I)
    assert sigma >= -TOL * size
    sigma, size = entropy_production([3.0, 0.5], I)
    assert sigma < -TOL * size


def test_refrigerator_three_level_model_at_low_temperature():
    """Minimal reproducer of the third defect: the three-level model (N = 16, parity −1,
    Ω = 3, all baths at β = 20): the level of largest escape rate holds ~1e-209 of the
    probability, and pinning it left a reduced matrix that is exactly singular in floating
    point ("more than one stationary state"); the solver now pins the slowest level instead."""
    b = PeakedBath(beta=20.0, center=0.2, width=0.01, amplitude=0.05)
    m = SpinRefrigerator(N=16, cold=b, hot=b, work=b, Omega=3.0, parity=-1)
    check_refrigerator(m, True)

"""The numbers the bounds are made of: norms, windows, scaling fits, seeded random systems,
transients, GKSL steady states and the collective spin models."""

from fractions import Fraction

import numpy as np
import pytest

from dickeheat.errors import NumericalError, ParameterError
from dickeheat.numeric.bounds import (
    energy_window,
    operator_norm,
    random_systems,
    scaling_fit,
    transient_currents,
)
from dickeheat.numeric.redfield import (
    Coupling,
    evolve,
    gksl_current,
    gksl_generator,
    redfield_current,
    steady_state_of,
)
from dickeheat.numeric.spin_models import dicke_state, mbody_operator, model_operators
from dickeheat.symbolic.bath import Lorentzian, WhiteNoise

WHITE = WhiteNoise(1.0)


WHITE = WhiteNoise(1.0)


def test_mbody_sector_operator_equals_full_space_restriction():
    L, m = 5, 3
    full = mbody_operator(L, m, space="full")
    k = 2  # |L/2, L/2 - k> in both representations
    sector = mbody_operator(L, m)
    psi = dicke_state(L, Fraction(L, 2) - k, space="full")
    phi = dicke_state(L, Fraction(L, 2) - k)
    assert np.trace(full @ psi) == pytest.approx(np.trace(sector @ phi), abs=1e-12)
    assert operator_norm(full) == pytest.approx(operator_norm(sector), rel=1e-12)


def test_superabsorption_window_is_linear_in_L():
    for L in (2, 5, 9):
        H, A = model_operators("superabsorption", L, Omega=0.2)
        assert energy_window(H, A) == pytest.approx(1 + 0.2 * (L - 1), rel=1e-12)


def test_scaling_fit_rejects_bad_input():
    with pytest.raises(ParameterError):
        scaling_fit([1, 2], [1.0, 2.0])
    with pytest.raises(ParameterError):
        scaling_fit([1, 2, 3], [1.0, 0.0, 2.0])


def test_gksl_steady_state_commutes_and_currents_agree():
    rng = np.random.default_rng(11)
    X = rng.normal(size=(4, 4)) + 1j * rng.normal(size=(4, 4))
    H = 0.5 * (X + X.conj().T)
    _E, V = np.linalg.eigh(H)
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


def test_norms_and_window_of_a_qubit():
    H = np.diag([0.5, -0.5])
    A = np.array([[0.0, 1.0], [1.0, 0.0]])
    assert (operator_norm(H), operator_norm(A), energy_window(H, A)) == (0.5, 1.0, 1.0)
    assert operator_norm(np.array([[0.0, 2.0], [0.0, 0.0]])) == pytest.approx(2.0)  # not Hermitian


def test_exponent_three_recovered_for_L_body_coupling():
    Ls = list(range(10, 61, 10))
    currents = []
    for L in Ls:
        H, A = model_operators("m-body", L, m=L)
        currents.append(redfield_current(H, Coupling((A,), (WHITE,)), dicke_state(L, L / 2)))
    fit = scaling_fit(Ls, currents)
    assert fit.exponent == pytest.approx(3.0, abs=1e-8)
    assert fit.exponent_stderr < 1e-8 and fit.r_squared > 1 - 1e-12


def test_random_systems_are_reproducible_and_valid():
    a = list(random_systems(15, seed=5))
    b = list(random_systems(15, seed=5))
    assert len(a) == 15
    for (H, c, rho), (H2, c2, rho2) in zip(a, b):
        assert np.array_equal(H, H2) and np.array_equal(rho, rho2)
        assert 1 <= len(c.operators) <= 2 and c.baths == c2.baths
        assert np.trace(rho) == pytest.approx(1.0)
        assert np.min(np.linalg.eigvalsh(rho)) > -1e-12
    with pytest.raises(ParameterError, match="n_samples"):
        next(random_systems(0, seed=1))


@pytest.mark.parametrize("kind", ["redfield", "gksl"])
def test_transient_current_starts_at_the_current_of_the_initial_state(kind):
    L = 5
    H, A = model_operators("superradiance", L)
    c = Coupling((A,), (Lorentzian(strength=0.05, kappa=1.0, center=1.0, T=0.0),))
    rho0 = dicke_state(L, L / 2)
    J = transient_currents(H, c, rho0, [0.0, 1.0], kind=kind)
    ref = redfield_current(H, c, rho0) if kind == "redfield" else gksl_current(H, c, rho0)
    assert J[0] == pytest.approx(ref, rel=1e-12)
    with pytest.raises(ParameterError, match="kind"):
        transient_currents(H, c, rho0, [0.0], kind="lindblad")


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

"""Dephasing in the heat valve: validation, the three backends against each other (residuals
reported), and collective dephasing leaving the steady state unchanged."""

import math

import numpy as np
import pytest

from dickeheat.errors import ParameterError
from dickeheat.numeric import dicke_lattice as lat
from dickeheat.numeric import piqs_backend, qutip_backend, reduced
from dickeheat.numeric.accuracy import relative_error
from dickeheat.numeric.model import HeatValve

BASE = dict(gamma_h=1.0, gamma_c=0.7, T_h=2.0, T_c=1 / 3)


@pytest.mark.parametrize("name", ["gamma_phi", "gamma_phi_c"])
@pytest.mark.parametrize("bad", [-0.1, math.nan, math.inf])
def test_bad_rates_are_rejected_by_name(name, bad):
    with pytest.raises(ParameterError, match=name):
        HeatValve(N=3, **BASE, **{name: bad})


def test_fixed_J_needs_no_local_dephasing():
    with pytest.raises(ParameterError, match="gamma_phi"):
        HeatValve(N=4, **BASE, J=1.0, gamma_phi=0.1)
    assert HeatValve(N=4, **BASE, J=1.0, gamma_phi_c=0.1).J == 1.0  # collective: allowed


def _errors(a, b):
    return max(relative_error(a.Q_h, b.Q_h), relative_error(a.Q_c, b.Q_c),
               relative_error(a.J2, b.J2), relative_error(a.jz, b.jz))


CASES = [
    dict(gamma_phi=0.3),  # dephasing alone couples the J sectors: unique steady state
    dict(gamma_phi=0.3, gamma_phi_c=0.2, gamma_p=0.05, T_p=0.5),
    dict(gamma_phi=2.0, gamma_p=0.01, T_p=3.0),
]


@pytest.mark.parametrize("N", [2, 3, 4, 5, 6])
@pytest.mark.parametrize("kw", CASES)
def test_three_backends_agree(N, kw):
    m = HeatValve(N=N, **BASE, **kw)
    full = qutip_backend.solve(m)
    red = reduced.solve(m)
    pq = piqs_backend.solve(m)
    for s in (full, red):
        assert abs(s.first_law) <= 1e-9 * abs(s.Q_h)  # dephasing carries no energy
    assert abs(pq.first_law) <= 1e-5 * abs(pq.Q_h)  # PIQS: single-precision rates
    # relative residuals, reported (the reduced kernel stops at an estimated error of 1e-11)
    assert full.residual < 1e-12 and red.residual < 1e-10
    assert _errors(red, full) <= 1e-10
    assert _errors(pq, full) <= piqs_backend.PIQS_REL_TOL
    assert set(full.P_J) == set(red.P_J)
    for J, p in full.P_J.items():
        assert red.P_J[J] == pytest.approx(p, rel=1e-10, abs=1e-14)


def test_planted_factor_in_dephasing_rate_is_caught(monkeypatch):
    m = HeatValve(N=4, **BASE, gamma_phi=0.5, gamma_p=0.02, T_p=0.5)
    full = qutip_backend.solve(m)
    good = lat.local_dephasing

    def doubled(N, J, M):
        lo, up = good(N, J, M)
        return 2 * lo, up

    monkeypatch.setattr(lat, "local_dephasing", doubled)
    assert _errors(reduced.solve(m), full) > 1e-4


@pytest.mark.parametrize("kw", [dict(gamma_p=0.05, T_p=0.5), dict(gamma_p=0.05, T_p=0.5,
                                                                  gamma_phi=0.3), dict()])
def test_collective_dephasing_leaves_the_steady_state_unchanged(kw):
    # D[J_z] commutes with J_z and J²: D[J_z] Π_{J,M} = 0, and the steady state (unique, or the
    # sector's) lies in the span of the Π_{J,M}, so it is the same state with or without it
    plain = HeatValve(N=4, **BASE, **kw)
    noisy = HeatValve(N=4, **BASE, **kw, gamma_phi_c=1.3)
    a, b = qutip_backend.solve(plain), qutip_backend.solve(noisy)
    assert np.abs(a.rho.full() - b.rho.full()).max() < 1e-12
    assert b.residual < 1e-12
    ra, rb = reduced.solve(plain), reduced.solve(noisy)
    assert np.array_equal(ra.rho.packed(), rb.rho.packed())


def test_reduced_with_dephasing_at_larger_N_is_normalised_and_balanced():
    m = HeatValve(N=60, **BASE, gamma_phi=0.2, gamma_p=0.01, T_p=0.5)
    s = reduced.solve(m)
    assert s.residual < 1e-10
    assert abs(s.trace - 1) < 1e-12 and abs(s.first_law) < 1e-9 * abs(s.Q_h)
    # the plain double-precision LU on unscaled populations agrees where populations are O(1)
    P = lat.sparse_lu_populations(m)
    assert np.max(np.abs(P - s.rho.populations())) < 1e-10


def test_reduced_dephasing_size_limit_is_a_parameter_error():
    m = HeatValve(N=reduced.DEPHASING_MAX_N + 1, **BASE, gamma_phi=0.1)
    with pytest.raises(ParameterError, match="DEPHASING|dephasing"):
        reduced.solve(m)

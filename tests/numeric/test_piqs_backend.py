"""The PIQS backend against the full-space QuTiP backend, within its documented tolerance."""

from __future__ import annotations

import numpy as np
import pytest
import qutip
from qutip import piqs

from dickeheat.errors import ParameterError
from dickeheat.numeric import piqs_backend, qutip_backend
from dickeheat.numeric.model import HeatValve

TOL = piqs_backend.PIQS_REL_TOL

CASES = [
    {"T_h": 2.0, "T_c": 1 / 3},
    {"T_h": 10.0, "T_c": 0.1},
    {"T_h": 0.5, "T_c": 2.0},
    {"T_h": 3.0, "T_c": 0.3, "gamma_p": 0.02, "T_p": 0.1},
    {"T_h": 1.0, "T_c": 1 / 3, "gamma_p": 0.1, "T_p": 3.0},
    {"gamma_h": 0.4, "T_h": 5.0, "T_c": 0.5, "gamma_p": 0.01, "T_p": 1.0},
]


def rel(a: float, b: float, scale: float) -> float:
    return abs(a - b) / scale


@pytest.mark.parametrize("N", [1, 2, 3, 4, 5, 6])
@pytest.mark.parametrize("case", CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_piqs_matches_full_space(N, case):
    model = HeatValve(N=N, **case)
    exact = qutip_backend.solve(model)
    ss = piqs_backend.solve(model)
    scale = max(abs(exact.Q_h), abs(exact.Q_c))
    assert rel(ss.Q_h, exact.Q_h, scale) < TOL
    assert rel(ss.Q_c, exact.Q_c, scale) < TOL
    assert rel(ss.Q_p, exact.Q_p, scale) < TOL
    assert rel(ss.J2, exact.J2, exact.J2) < TOL
    assert rel(ss.jz, exact.jz, N / 2) < TOL
    assert set(ss.P_J) == set(exact.P_J)
    for J, p in exact.P_J.items():
        assert ss.P_J[J] == pytest.approx(p, abs=TOL)


@pytest.mark.parametrize("N,J", [(8, 4.0), (8, 3.0), (9, 2.5), (24, 12.0), (40, 17.0)])
def test_piqs_fixed_J_matches_sector(N, J):
    model = HeatValve(N=N, gamma_h=1.0, gamma_c=0.5, T_h=3.0, T_c=0.25, J=J)
    exact = qutip_backend.solve(model)
    ss = piqs_backend.solve(model)
    assert ss.P_J == pytest.approx({J: 1.0})
    assert rel(ss.Q_h, exact.Q_h, abs(exact.Q_h)) < piqs_backend.PIQS_SECTOR_REL_TOL
    assert rel(ss.jz, exact.jz, abs(exact.jz)) < piqs_backend.PIQS_SECTOR_REL_TOL
    assert rel(ss.J2, exact.J2, exact.J2) < 1e-6  # J² is fixed by the block


def test_laws_and_state():
    ss = piqs_backend.solve(HeatValve(N=7, T_h=2.0, T_c=0.5, gamma_p=0.05, T_p=0.3))
    assert abs(ss.first_law) < TOL * abs(ss.Q_h)
    assert ss.trace == pytest.approx(1.0, abs=1e-12)
    assert sum(ss.P_J.values()) == pytest.approx(1.0, abs=1e-12)
    rho = ss.rho.full()
    assert rho.shape == (piqs.num_dicke_states(7),) * 2
    # block diagonal in J and diagonal in m: the coherences vanish
    assert np.max(np.abs(rho - np.diag(np.diag(rho)))) < 1e-10
    assert np.real(np.diag(rho)).min() > -1e-10


def test_detailed_balance():
    T = 0.8
    ss = piqs_backend.solve(HeatValve(N=6, T_h=T, T_c=T, gamma_p=0.1, T_p=T))
    assert max(abs(ss.Q_h), abs(ss.Q_c), abs(ss.Q_p)) < 1e-5
    exact = qutip_backend.solve(HeatValve(N=6, T_h=T, T_c=T, gamma_p=0.1, T_p=T))
    assert rel(ss.jz, exact.jz, abs(exact.jz)) < TOL


def test_raw_piqs_liouvillian_is_singular_but_backend_solves():
    """The documented failure of qutip.steadystate on the raw PIQS Lindbladian (N >= 2)."""
    model = HeatValve(N=3, T_h=2.0, T_c=0.5, gamma_p=0.1, T_p=0.5)
    L = piqs.Dicke(3, **piqs_backend.dicke_rates(model)).liouvillian()
    with pytest.raises(ValueError, match="singular"):
        qutip.steadystate(L)
    assert piqs_backend.solve(model).trace == pytest.approx(1.0)


def test_piqs_rates_are_single_precision():
    """The fact behind PIQS_REL_TOL: a rate of 0.1 enters PIQS as float32(0.1)."""
    L = piqs.Dicke(1, collective_emission=0.1).lindbladian().full()
    assert L[0, 0].real == -float(np.float32(0.1))
    assert L[0, 0].real != -0.1


def test_mapping_of_rates():
    model = HeatValve(N=2, gamma_h=0.5, gamma_c=2.0, T_h=1.0, T_c=0.5, gamma_p=0.1, T_p=2.0)
    r = piqs_backend.dicke_rates(model)
    assert r["collective_emission"] == pytest.approx(model.emission_rate)
    assert r["collective_pumping"] == pytest.approx(model.absorption_rate)
    assert r["emission"] / r["pumping"] == pytest.approx(np.exp(1 / 2.0))


def test_too_large():
    with pytest.raises(ParameterError, match="N <= 96"):
        piqs_backend.solve(HeatValve(N=97))


@pytest.mark.slow
def test_piqs_N32_parasitic_laws():
    ss = piqs_backend.solve(HeatValve(N=32, T_h=3.0, T_c=0.3, gamma_p=0.02, T_p=0.2))
    assert abs(ss.first_law) < TOL * abs(ss.Q_h)
    assert sum(ss.P_J.values()) == pytest.approx(1.0, abs=1e-10)


def test_singlet_block():
    ss = piqs_backend.solve(HeatValve(N=4, T_h=2.0, T_c=0.5, J=0.0))
    assert ss.P_J == {0.0: 1.0} and ss.Q_h == 0.0 and ss.J2 == 0.0


@pytest.mark.slow
@pytest.mark.parametrize("N", [7, 8])
def test_piqs_matches_full_space_largest(N):
    model = HeatValve(N=N, gamma_c=0.7, T_h=10.0, T_c=0.1, gamma_p=0.01, T_p=0.1)
    exact = qutip_backend.solve(model)
    ss = piqs_backend.solve(model)
    assert rel(ss.Q_h, exact.Q_h, abs(exact.Q_h)) < TOL
    assert rel(ss.J2, exact.J2, exact.J2) < TOL

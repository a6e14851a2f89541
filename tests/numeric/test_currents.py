"""Independent-qubit reference current, enhancement ratio, sector temperatures, SI units."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.constants as const

from dickeheat.errors import ParameterError
from dickeheat.numeric import units
from dickeheat.numeric.currents import (
    enhancement,
    independent_current,
    sector_temperatures,
)
from dickeheat.numeric.model import HeatValve
from dickeheat.numeric.steady import steady_state


def one_qubit_current(g_h, g_c, g_p, n_h, n_c, n_p, w=1.0):
    """Hand-solved two-level rate equation."""
    up = g_h * n_h + g_c * n_c + g_p * n_p
    down = g_h * (1 + n_h) + g_c * (1 + n_c) + g_p * (1 + n_p)
    p_e = up / (up + down)
    return w * g_h * (n_h * (1 - p_e) - (1 + n_h) * p_e)


@pytest.mark.parametrize("parasitic", [True, False])
def test_independent_current_is_N_single_qubits(parasitic):
    m = HeatValve(N=5, gamma_h=0.8, gamma_c=1.3, T_h=2.0, T_c=0.4, gamma_p=0.1, T_p=0.2)
    n = [1 / math.expm1(1 / T) for T in (2.0, 0.4, 0.2)]
    expected = 5 * one_qubit_current(0.8, 1.3, 0.1 if parasitic else 0.0, *n)
    assert independent_current(m, parasitic=parasitic) == pytest.approx(expected, rel=1e-12)


def test_enhancement_N1_is_one_and_sign():
    assert enhancement(steady_state(HeatValve(N=1, T_h=2.0, T_c=0.5))) == pytest.approx(1.0)
    assert math.isnan(enhancement(steady_state(HeatValve(N=3, T_h=1.0, T_c=1.0))))
    # hot collective baths: the symmetric sector beats independent qubits
    assert enhancement(steady_state(HeatValve(N=4, T_h=5.0, T_c=0.5))) > 1.0


@pytest.mark.parametrize("N", [2, 5, 12])
def test_sector_temperatures_equal_T_star(N):
    m = HeatValve(N=N, gamma_h=0.5, gamma_c=1.5, T_h=4.0, T_c=0.3)
    T = sector_temperatures(steady_state(m, backend="qutip"))
    gh, gc, nh, nc = 0.5, 1.5, 1 / math.expm1(1 / 4.0), 1 / math.expm1(1 / 0.3)
    T_star = 1 / math.log((gh * (1 + nh) + gc * (1 + nc)) / (gh * nh + gc * nc))
    assert len(T) == N
    assert np.allclose(T, T_star, rtol=1e-8)
    assert m.T_star == pytest.approx(T_star, rel=1e-14)


def test_sector_temperatures_needs_one_sector():
    ss = steady_state(HeatValve(N=2, gamma_p=0.1, T_p=1.0), backend="qutip")
    with pytest.raises(ParameterError, match="one J sector"):
        sector_temperatures(ss)


def test_units_against_scipy_constants():
    nu0 = 4.0e9
    assert units.temperature_to_natural(96.0, 4.0) == pytest.approx(
        const.Boltzmann * 0.096 / (const.Planck * nu0), rel=1e-14)
    assert units.rate_to_natural(1.0, 4.0) == 0.25
    w0 = 2 * math.pi * nu0
    assert units.current_to_fW(2.0, 4.0) == pytest.approx(2.0 * const.hbar * w0**2 * 1e15)
    with pytest.raises(ParameterError, match="T \\[mK\\]"):
        units.temperature_to_natural(-1.0, 4.0)
    with pytest.raises(ParameterError, match="omega0"):
        units.rate_to_natural(1.0, 0.0)

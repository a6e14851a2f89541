import math

import numpy as np
import pytest

from dickeheat.errors import NumericalError, ParameterError
from dickeheat.numeric.circuit import (
    coupled_circuit_modes,
    legendre_numeric,
    transmon_spectrum,
)


def test_transmon_charge_regime_limit():
    # E_J -> 0: free rotor, E_01 = 4E_C (n = 0 -> ±1) at n_g = 0
    s = transmon_spectrum(1e-6, 1.0)
    assert abs(s.E01 - 4.0) < 1e-5


def test_transmon_cutoff_error():
    with pytest.raises(NumericalError):
        transmon_spectrum(1e5, 1.0, n_cut=5)
    with pytest.raises(ParameterError):
        transmon_spectrum(-1.0, 1.0)


def test_single_rlc_mode_damping():
    # uncoupled limit: the resonator alone decays at 1/(RC) (energy), transmon at 0
    C, L, R = 1e-12, 1e-9, 500.0
    m = coupled_circuit_modes(80e-15, 20e-9, (1e-22,), (R,), L, C)
    res = [lam for lam in m.eigenvalues if abs(abs(lam.imag) - 1 / math.sqrt(L * C)) < 1e8]
    assert res and abs(-2 * res[0].real * R * C - 1) < 1e-6
    assert m.transmon_damping < 1e-6


def test_legendre_numeric_quadratic():
    cap = np.array([[2.0, -0.5], [-0.5, 1.0]])
    d = np.array([0.3, -0.1])
    def lag(v):
        return 0.5 * v @ cap @ v - v @ d + 1.0
    q = np.array([0.7, 0.2])
    v, h = legendre_numeric(lag, q)
    v_exact = np.linalg.solve(cap, q + d)
    assert np.allclose(v, v_exact, rtol=1e-10)
    assert abs(h - (0.5 * (q + d) @ v_exact - 1.0)) < 1e-10

"""The microscopic (Caldeira–Leggett) bath: each step of the derivation of the FDT and the
golden-rule rate, and independent numerical checks of the results."""

import math

import numpy as np
import pytest
import scipy.integrate
import sympy as sp

from dickeheat.errors import DickeheatError
from dickeheat.symbolic.bath_microscopic import (
    delta_weights,
    derive_oscillator_bath,
    lossless_real_part,
    section_impedance,
    spectrum,
)

HBAR = sp.Symbol("hbar", positive=True)
W = sp.Symbol("omega", real=True)
N_OF = sp.Function("n_B")


@pytest.fixture(scope="module")
def micro():
    return derive_oscillator_bath(HBAR, W, N_OF)


def test_fdt_derived(micro):
    assert sp.simplify(micro.kernel_positive - 2 * HBAR * W * (N_OF(W) + 1)) == 0
    assert sp.simplify(micro.kernel_negative + 2 * HBAR * W * N_OF(-W)) == 0


def test_golden_rule_over_spectrum(micro):
    assert sp.simplify(micro.rate_over_spectrum - HBAR**-2) == 0


def test_thermal_moments(micro):
    n = micro.occupation
    assert micro.moments == {"ada": n, "aad": n + 1, "aa": 0, "adad": 0}


def test_sum_rule_of_lossy_section_matches_delta_weight():
    """∫_0^∞ Re Z of a lossy parallel RLC (quadrature) = π/2C, the weight of δ(ω − ω_k) in
    the lossless Re Z_k from Sokhotski–Plemelj."""
    C, wk = sp.symbols("C omega_k", positive=True)
    weights = delta_weights(lossless_real_part(section_impedance(C, wk, W), W), W)
    weight = float(weights[wk].subs(C, 0.7))
    for R in (50.0, 500.0):

        def rez(w, R=R):
            z = 1 / (1 / R + 1 / (-1j * w / (1.3**2 * 0.7)) + 1 / (1j / (w * 0.7)))
            return z.real

        num = (
            scipy.integrate.quad(rez, 0, 1.3, limit=500)[0]
            + scipy.integrate.quad(rez, 1.3, np.inf, limit=500)[0]
        )
        assert math.isclose(num, weight, rel_tol=1e-6)
    assert not math.isclose(2 * weight, num, rel_tol=1e-2)


def test_spectrum_rejects_non_phase():
    tau = sp.Symbol("tau", real=True)
    with pytest.raises(DickeheatError):
        spectrum(sp.exp(-(tau**2)), tau, W)


def test_lossy_impedance_rejected():
    R, C, wk = sp.symbols("R C omega_k", positive=True)
    z = 1 / (1 / R + 1 / section_impedance(C, wk, W))
    with pytest.raises(DickeheatError):
        lossless_real_part(z, W)

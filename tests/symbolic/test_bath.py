"""Bath correlation functions: closed forms against quadrature, divergences, conventions."""

import math

import mpmath
import numpy as np
import pytest
import sympy as sp
from scipy import integrate

from dickeheat.errors import ParameterError
from dickeheat.symbolic.bath import NU, Lorentzian, WhiteNoise
from dickeheat.symbolic.bath_rlc import RLCBath


def test_white_noise_half_delta_convention():
    c = sp.Symbol("c", positive=True)
    w = WhiteNoise(c)
    assert w.xi() == c / 2
    assert w.one_sided() == c / 2
    assert w.spectrum() == c
    # Γ + Γ* = S
    assert sp.simplify(w.one_sided() + sp.conjugate(w.one_sided()) - w.spectrum()) == 0


def test_white_noise_is_limit_of_narrow_exponential():
    # C_eps(s) = c e^{-|s|/eps}/(2 eps) -> c delta(s): int_0^oo |C_eps| = c/2 for every eps
    c = 1.7
    for eps in (1e-1, 1e-3):
        val = integrate.quad(lambda s, eps=eps: c * math.exp(-s / eps) / (2 * eps), 0, math.inf)[0]
        assert val == pytest.approx(float(WhiteNoise(c).xi()), rel=1e-10)


def test_lorentzian_zero_temperature_closed_forms():
    lam2, k, wc = sp.symbols("lambda2 kappa omega_c", positive=True)
    b = Lorentzian(strength=lam2, kappa=k, center=wc, T=0)
    assert sp.simplify(b.xi() - 2 * lam2 / k) == 0
    S = b.spectrum()
    assert sp.simplify(S - lam2 * k / ((NU - wc) ** 2 + k**2 / 4)) == 0
    # the spectrum integrates to 2π C(0) = 2π λ²
    assert sp.simplify(sp.integrate(S, (NU, -sp.oo, sp.oo)) - 2 * sp.pi * lam2) == 0


@pytest.mark.parametrize("T", [0.0, 0.4, 2.0])
def test_lorentzian_transforms_against_quadrature(T):
    b = Lorentzian(strength=0.7, kappa=0.6, center=1.3, T=T)
    C = sp.lambdify(sp.Symbol("s", nonnegative=True), b.correlation(), "numpy")
    for nu in (-1.0, 0.2, 1.3):
        re = integrate.quad(lambda s, nu=nu: (C(s) * np.exp(1j * nu * s)).real, 0, 200,
                            limit=400)[0]
        im = integrate.quad(lambda s, nu=nu: (C(s) * np.exp(1j * nu * s)).imag, 0, 200,
                            limit=400)[0]
        G = complex(b.one_sided_function()(np.array([nu]))[0])
        assert G == pytest.approx(re + 1j * im, rel=1e-7, abs=1e-9)
        assert float(b.spectrum_function()(np.array([nu]))[0]) == pytest.approx(2 * re, rel=1e-7)
    xi = integrate.quad(lambda s: abs(C(s)), 0, 300, limit=2000)[0]
    assert b.xi_value() == pytest.approx(xi, rel=1e-6)


def test_rlc_re_impedance_is_the_quality_factor_lorentzian():
    R, w0, Q = sp.symbols("R omega_LC Q", positive=True)
    nu = sp.Symbol("nu", positive=True)
    rez = RLCBath(R=R, omega_LC=w0, Q=Q, T=0).re_impedance(nu)
    assert sp.simplify(rez - R / (1 + Q**2 * (nu / w0 - w0 / nu) ** 2)) == 0


def _direct_correlation(R: float, w0: float, Q: float, T: float, s: float) -> complex:
    """(1/2π)∫ S(ν) e^{-iνs} dν with the Johnson–Nyquist spectrum, by mpmath quadrature."""
    k = w0 / Q

    def S(nu):
        if nu == 0:
            return mpmath.mpf(0)
        rez = R * k**2 * nu**2 / (k**2 * nu**2 + (nu**2 - w0**2) ** 2)
        occ = 1 / (-mpmath.expm1(-nu / T)) if T > 0 else (1 if nu > 0 else 0)
        return 2 * nu * rez * occ

    def f(nu):
        return S(nu) * mpmath.exp(-1j * nu * s)
    pts = [0.0, 0.5, 0.9, 0.95, 1.0, 1.05, 1.1, 1.5, 2.0, 4.0, 8.0]
    with mpmath.workdps(15):
        pos = mpmath.quad(f, pts) + mpmath.quadosc(f, [8.0, mpmath.inf], omega=s)
        neg = 0
        if T > 0:
            neg = mpmath.quad(f, [-40 * T] + [-p for p in reversed(pts[1:]) if p < 40 * T] + [0.0])
    return complex(pos + neg) / (2 * math.pi)


@pytest.mark.parametrize("T,Q", [(0.0, 20.0), (0.0, 0.3), (0.5, 3.0), (2.0, 20.0)])
def test_rlc_correlation_closed_form_against_fourier_integral(T, Q):
    b = RLCBath(R=1.0, omega_LC=1.0, Q=Q, T=T)
    s = 2.0
    assert complex(b.correlation_values(np.array([s]))[0]) == pytest.approx(
        _direct_correlation(1.0, 1.0, Q, T, s), rel=1e-6)


def test_rlc_zero_temperature_power_law_tail():
    b = RLCBath(R=1.0, omega_LC=1.0, Q=3.0, T=0.0)
    k = 1.0 / 3.0
    s = np.array([200.0, 400.0])
    C = b.correlation_values(s)
    assert np.allclose(C.real * s**4, 6 * k**2 / np.pi, rtol=1e-2)


def test_rlc_detailed_balance_and_one_sided_transform():
    b = RLCBath(R=0.5, omega_LC=1.0, Q=5.0, T=0.7)
    S = b.spectrum_function()
    nu = np.array([0.4, 1.0, 1.7])
    assert np.allclose(S(-nu), np.exp(-nu / 0.7) * S(nu), rtol=1e-12)
    G = b.one_sided_function()(np.array([1.0, -1.0]))
    assert np.allclose(2 * G.real, S(np.array([1.0, -1.0])), rtol=1e-10)
    # imaginary part against ∫_0^∞ C(s) e^{iνs} ds from the closed-form C(s)
    for nu0, g in zip((1.0, -1.0), G):
        def f(s, nu0=nu0):
            return (complex(b.correlation_values(np.array([s]))[0]) * np.exp(1j * nu0 * s)).imag

        im = integrate.quad(f, 1e-12, 400, limit=4000)[0]
        assert g.imag == pytest.approx(im, rel=2e-3, abs=2e-4)


def test_rlc_xi_against_plain_quadrature():
    b = RLCBath(R=1.0, omega_LC=1.0, Q=3.0, T=0.5)
    def f(s):
        return abs(complex(b.correlation_values(np.array([s]))[0]))
    brute = integrate.quad(f, 0, 1, limit=200)[0] + integrate.quad(f, 1, 400, limit=4000)[0]
    assert b.xi_value() == pytest.approx(brute, rel=1e-6)
    # |∫ C e^{iνs}| <= ∫ |C|: S(ν)/2 <= Ξ
    assert float(b.spectrum_function()(np.array([1.0]))[0]) / 2 <= b.xi_value()


@pytest.mark.parametrize("make,name", [
    (lambda: Lorentzian(kappa=0.0), "kappa"),
    (lambda: RLCBath(Q=float("inf")), "Q"),
    (lambda: WhiteNoise(c=0.0), "c"),
    (lambda: RLCBath(T=-1.0), "T"),
    (lambda: Lorentzian(center=0.0, T=1.0), "center"),
])
def test_bad_or_divergent_baths_name_the_parameter(make, name):
    with pytest.raises(ParameterError, match=name):
        make()

"""Checks of the spectral-density and rate results: numerical maximisation, thermal bosonic
expectation values from a truncated Fock space (QuTiP), rate matrices assembled from
numerical eigenvectors and matrix elements, stationary states by linear algebra."""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np
import qutip
from scipy.optimize import minimize_scalar

from dickeheat.derivations.kloc2021.checks._numerics import (
    proper_basis,
    relative_error,
    sector_rates,
    spectral_density,
    stationary,
)
from dickeheat.symbolic.result import NumericCheck, Result

__all__ = [
    "absorption_check",
    "gibbs_check",
    "kms_check",
    "ldb_check",
    "odd_check",
    "peak_height_check",
    "peak_limit_check",
    "peak_position_check",
    "rate_check",
]

TOL = 1e-8
PEAKS = ((2.0, 0.1), (6.0, 0.5), (4.0, 1e-3), (1.0, 0.8))


def odd_check(result: Result) -> NumericCheck:
    f = result.numpy_function
    w = np.linspace(0.05, 9.0, 40)
    err = max(relative_error(f(1.3, e, d, w), -spectral_density(w, 1.3, e, d)) for e, d in PEAKS)
    return NumericCheck(err < TOL, err, TOL, "Eq. (5) evaluated at +ω, 40 points, 4 shapes")


def _argmax(e: float, d: float) -> tuple[float, float]:
    r = minimize_scalar(lambda w: -spectral_density(w, 1.0, e, d),
                        bounds=(0.5 * e, 1.5 * e + 3 * d),
                        method="bounded", options={"xatol": 1e-12 * e})
    return float(r.x), float(-r.fun)


def peak_position_check(result: Result) -> NumericCheck:
    f = result.numpy_function
    err = max(relative_error(f(e, d), _argmax(e, d)[0]) for e, d in PEAKS)
    return NumericCheck(err < 1e-6, err, 1e-6, "bounded scalar maximisation of Eq. (5)")


def peak_height_check(result: Result) -> NumericCheck:
    f = result.numpy_function
    err = max(relative_error(f(1.7, e, d), 1.7 * _argmax(e, d)[1]) for e, d in PEAKS)
    return NumericCheck(err < 1e-9, err, 1e-9, "bounded scalar maximisation of Eq. (5)")


def peak_limit_check(which: str) -> Callable[[Result], NumericCheck]:
    return functools.partial(_peak_limit_check, which)


def _peak_limit_check(which: str, result: Result) -> NumericCheck:
    f = result.numpy_function
    err = 0.0
    for e in (1.0, 2.0, 6.0):
        pos, height = _argmax(e, 1e-4 * e)
        err = max(err, relative_error(f(e), pos) if which == "position"
                  else relative_error(f(2.3), 2.3 * height))
    return NumericCheck(err < 1e-6, err, 1e-6, "numerical maximum at δ = 1e-4 ε")


def _thermal_occupation(w: float, beta: float) -> float:
    dim = 60
    rho = qutip.thermal_dm(dim, 1 / np.expm1(beta * w))
    return float(qutip.expect(qutip.num(dim), rho))


def absorption_check(result: Result) -> NumericCheck:
    f = result.numpy_function
    err = 0.0
    for w, beta in ((2.0, 2.0), (6.0, 0.4), (4.0, 0.9)):
        ref = spectral_density(w, 1.1, 4.0, 0.3) * _thermal_occupation(w, beta)
        err = max(err, relative_error(f(1.1, 4.0, 0.3, beta, w), ref))
    return NumericCheck(err < 1e-7, err, 1e-7,
                        "Γ(ω)⟨b†b⟩ of a thermal mode (qutip, 60 Fock states)")


def kms_check(result: Result) -> NumericCheck:
    f = result.numpy_function
    err = 0.0
    for w, beta in ((2.0, 2.0), (6.0, 0.4), (4.0, 0.9)):
        n = _thermal_occupation(w, beta)
        err = max(err, relative_error(f(beta, w), n / (1 + n)))
    return NumericCheck(err < 1e-7, err, 1e-7, "⟨b†b⟩/⟨b b†⟩ of a thermal mode (qutip)")


def _one_bath(N: int, kind: str, beta: float) -> tuple[np.ndarray, np.ndarray]:
    def Gam(w):
        return spectral_density(w, 0.8, 3.0, 1.5)
    (W,) = sector_rates(N, 1.0, [(kind, beta, Gam)])
    return W, proper_basis(N)[0]


def rate_check(kind: str) -> Callable[[Result], NumericCheck]:
    return functools.partial(_rate_check, kind)


def _rate_check(kind: str, result: Result) -> NumericCheck:
    shift = 1 if kind == "x" else 2
    f = result.numpy_function
    err = 0.0
    for N in (5, 9):
        for beta in (0.5, 2.0):
            W, _ = _one_bath(N, kind, beta)
            b = np.arange(W.shape[0] - shift) + 0.5
            args = (N / 2, b, 1.0, 0.8, 3.0, 1.5, beta)
            val = f(*args) if kind == "x" else f(N, *args)
            ref = np.diagonal(W, -shift)  # W[b + shift, b]
            err = max(err, relative_error(val, ref))
    return NumericCheck(err < TOL, err, TOL, "numerical rate matrix (jmat eigenvectors, "
                        "Γ of Eq. (5), γ from Bose factors), N = 5, 9")


def ldb_check(result: Result) -> NumericCheck:
    f = result.numpy_function
    err = 0.0
    for beta in (0.5, 1.0):
        W, _ = _one_bath(7, "x", beta)
        for ib in range(W.shape[0] - 1):
            err = max(err, relative_error(f(beta, 1.0, ib + 0.5), W[ib + 1, ib] / W[ib, ib + 1]))
    return NumericCheck(err < TOL, err, TOL, "ratios of numerical rates, N = 7")


def gibbs_check(result: Result) -> NumericCheck:
    f = result.numpy_function
    err = 0.0
    for kind in ("x", "x2"):
        for beta in (0.3, 1.0):
            W, _ = _one_bath(7, kind, beta)
            R = W - np.diag(W.sum(axis=0))
            p, _ = stationary(R)
            a = np.arange(len(p)) + 0.5
            err = max(err, relative_error(f(beta, 1.0, a, 0.5), p / p[0]))
    return NumericCheck(err < TOL, err, TOL, "stationary state of numerical single-bath rate "
                        "matrices (J_x and J_x²/N), N = 7, residual < 1e-9")

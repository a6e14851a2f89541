"""Checks of the reduced-model results.

References: energies from numerical diagonalisation; effective rates from numerical proper-basis
matrix elements (jmat); current and noise from finite differences of the numerically computed
dominant eigenvalue of the 3×3 R(χ) (finite, very large n_w or Γ_L standing in for the limits);
stationary states by least squares; the cooling edge by root bracketing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np
from scipy.optimize import brentq

from dickeheat.derivations.kloc2021.checks._numerics import (
    counted_matrix,
    cumulants_fd,
    proper_basis,
    proper_element,
    relative_error,
    stationary,
    three_level_rates,
)
from dickeheat.numeric.fcs import counting_statistics
from dickeheat.symbolic.result import NumericCheck, Result

__all__ = [
    "conditional_check",
    "escape_check",
    "finite_current_check",
    "gap_check",
    "geff_check",
    "laser_check",
    "limit_check",
    "window_check",
]

E3 = np.array([0.25, 2.25, 6.25])  # used only as the counted increments E_a (units of Ω)
POINTS = (  # (Ω, G_c, G_h, n_c, n_h)
    (1.0, 3.0, 0.8, 0.4, 0.05),
    (0.7, 1.2, 2.5, 0.02, 0.3),
    (1.5, 10.0, 10.0, 1.3, 0.9),
)
HUGE = 1e7


def gap_check(k: int) -> Callable[[Result], NumericCheck]:
    return functools.partial(_gap_check, k)


def _gap_check(k: int, result: Result) -> NumericCheck:
    f = result.numpy_function
    lo, hi = ((0, 1), (1, 2), (0, 2))[k]
    err = 0.0
    for N in (5, 7, 11):
        E, _ = proper_basis(N)
        err = max(err, relative_error(f(1.3), 1.3 * (E[hi] - E[lo])))
    return NumericCheck(err < 1e-10, err, 1e-10, "eigenvalues of J_z² in the Π = + sector")


def geff_check(bath: str) -> Callable[[Result], NumericCheck]:
    return functools.partial(_geff_check, bath)


def _geff_check(bath: str, result: Result) -> NumericCheck:
    f = result.numpy_function
    err = 0.0
    for N in (5, 7, 9, 15, 31):
        if bath == "c":
            ref = proper_element(N, "x", 1, 0) ** 2
        elif bath == "w":
            ref = proper_element(N, "x", 2, 1) ** 2
        else:
            ref = (proper_element(N, "x2", 2, 0) / N) ** 2
        err = max(err, relative_error(f(N, 0.9), 0.9 * ref))
    return NumericCheck(err < 1e-10, err, 1e-10,
                        "Γ̄ × numerical squared elements (jmat), N = 5 … 31")


def _fd(G: tuple, n: tuple, Om: float, laser: float | None = None) -> tuple[float, float]:
    """(current, noise) of the numerical 3×3 model: finite differences of the dominant
    eigenvalue when the rates are moderate, the sparse bordered linear-solve route of
    :mod:`dickeheat.numeric.fcs` when a huge rate makes finite differences lose digits."""
    Ws = three_level_rates(G, n, laser)
    if max(w.max() for w in Ws) < 1e4:
        return cumulants_fd(lambda x: counted_matrix(Ws, Om * E3, 0, x), 2 * Om)
    W = np.sum(Ws, axis=0)
    stats = counting_statistics(W - np.diag(W.sum(axis=0)), Ws[0], energies=Om * E3)
    return stats.current, stats.noise


def finite_current_check(result: Result) -> NumericCheck:
    f = result.numpy_function
    err = 0.0
    for (Om, Gc, Gh, nc, nh), (Gw, nw) in zip(POINTS, ((2.0, 5.0), (0.3, 0.01), (7.0, 40.0))):
        ref = _fd((Gc, Gh, Gw), (nc, nh, nw), Om)[0]
        err = max(err, relative_error(f(Om, Gc, Gh, Gw, nc, nh, nw), ref))
    return NumericCheck(err < 1e-6, err, 1e-6, "finite differences of the dominant eigenvalue "
                        "of the numerical 3×3 R(χ)")


def conditional_check(result: Result) -> NumericCheck:
    val = float(result.numpy_function())
    err = 0.0
    for _Om, Gc, Gh, nc, nh in POINTS:
        Ws = three_level_rates((Gc, Gh, 1.0), (nc, nh, HUGE))
        p, _ = stationary(np.sum(Ws, axis=0) - np.diag(np.sum(Ws, axis=0).sum(axis=0)))
        err = max(err, relative_error(val, p[1] / (p[1] + p[2])))
    return NumericCheck(err < 1e-6, err, 1e-6, "stationary state of the 3×3 rate matrix, n_w = 1e7")


def escape_check(result: Result) -> NumericCheck:
    f = result.numpy_function
    err = 0.0
    for _Om, Gc, Gh, nc, nh in POINTS:
        Ws = three_level_rates((Gc, Gh, 1.0), (nc, nh, HUGE))
        W = np.sum(Ws, axis=0)
        p, _ = stationary(W - np.diag(W.sum(axis=0)))
        flux_down = W[0, 1] * p[1] + W[0, 2] * p[2]
        err = max(err, relative_error(f(Gc, Gh, nc, nh), flux_down / (p[1] + p[2])))
    return NumericCheck(err < 1e-6, err, 1e-6,
                        "stationary flux 12 → 1/2 per probability, n_w = 1e7")


def limit_check(order: int) -> Callable[[Result], NumericCheck]:
    return functools.partial(_limit_check, order)


def _limit_check(order: int, result: Result) -> NumericCheck:
    f = result.numpy_function
    err = 0.0
    for Om, Gc, Gh, nc, nh in POINTS:
        ref = _fd((Gc, Gh, 1.0), (nc, nh, HUGE), Om)[order - 1]
        err = max(err, relative_error(f(Om, Gc, Gh, nc, nh), ref))
    return NumericCheck(err < 1e-5, err, 1e-5, "bordered linear solves (numeric.fcs) on "
                        "the numerical 3×3 rate matrix at n_w = 1e7")


def laser_check(order: int) -> Callable[[Result], NumericCheck]:
    return functools.partial(_laser_check, order)


def _laser_check(order: int, result: Result) -> NumericCheck:
    f = result.numpy_function
    err = 0.0
    for Om, Gc, Gh, nc, nh in POINTS:
        ref = _fd((Gc, Gh, 0.0), (nc, nh, 0.0), Om, laser=HUGE)[order - 1]
        err = max(err, relative_error(f(Om, Gc, Gh, nc, nh), ref))
    return NumericCheck(err < 1e-5, err, 1e-5, "bordered linear solves (numeric.fcs), 3×3 "
                        "with a symmetric laser rate Γ_L = 1e7 on the work transition")


def window_check(result: Result) -> NumericCheck:
    f = result.numpy_function
    err = 0.0
    for beta_h in (0.3, 1.0, 2.0):
        def current(beta_c: float, beta_h: float = beta_h) -> float:
            n = (1 / np.expm1(2 * beta_c), 1 / np.expm1(6 * beta_h), 1e6)
            Ws = three_level_rates((1.0, 0.7, 1.0), n)
            R = np.sum(Ws, axis=0) - np.diag(np.sum(Ws, axis=0).sum(axis=0))
            p, _ = stationary(R)
            Wc = Ws[0]
            return float(2 * (Wc[1, 0] * p[0] - Wc[0, 1] * p[1]))

        root = brentq(current, 1.01 * beta_h, 10 * beta_h, xtol=1e-13)
        err = max(err, relative_error(f(beta_h), root))
    return NumericCheck(err < 1e-5, err, 1e-5, "root of the numerical stationary cold flux in β_c")

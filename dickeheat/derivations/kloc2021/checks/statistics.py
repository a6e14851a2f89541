"""Checks of the counting-statistics formulas: finite differences of the numerically computed
dominant eigenvalue of R(χ) for random rates and increments."""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np

from dickeheat.derivations.kloc2021.checks._numerics import cumulants_fd, relative_error
from dickeheat.symbolic.result import NumericCheck, Result

__all__ = ["generic_check"]

TOL = 1e-6


def generic_check(order: int) -> Callable[[Result], NumericCheck]:
    return functools.partial(_generic_check, order)


def _generic_check(order: int, result: Result) -> NumericCheck:
    f = result.numpy_function
    rng = np.random.default_rng(11)
    err = 0.0
    for _ in range(6):
        w01, w10 = rng.uniform(0.2, 3.0, 2)
        d01, d10 = rng.uniform(-2.0, 2.0, 2)

        def R(x: float, w01: float = w01, w10: float = w10, d01: float = d01,
              d10: float = d10) -> np.ndarray:
            return np.array([[-w10, w01 * np.exp(1j * x * d01)],
                             [w10 * np.exp(1j * x * d10), -w01]])

        ref = cumulants_fd(R, max(abs(d01), abs(d10)))[order - 1]
        err = max(err, relative_error(np.real(f(w01, w10, d01, d10)), ref))
    return NumericCheck(err < TOL, err, TOL, "finite differences of the dominant eigenvalue "
                        "of R(χ) (numpy eigvals), 6 random two-state systems")


"""Checks of the matrix elements (8)–(9) against numbers from :func:`qutip.jmat`.

The proper-basis vectors are the numerical eigenvectors of Ω J_z² inside the Π = +1 sector
(see :mod:`._numerics`), so neither the basis nor the elements reuse the chain's algebra.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np

from dickeheat.derivations.kloc2021.checks._numerics import (
    proper_element,
    relative_error,
    spin,
)
from dickeheat.symbolic.result import NumericCheck, Result

__all__ = ["boundary_check", "element_check", "ground_check", "ladder_check"]

TOL = 1e-10
SIZES = (3, 5, 7, 9, 13)


def ladder_check(sign: int) -> Callable[[Result], NumericCheck]:
    """α_m^± against ⟨j,m±1|J_±|j,m⟩ from jmat, every m, several j (half-integer and integer)."""
    return functools.partial(_ladder_check, sign)


def _ladder_check(sign: int, result: Result) -> NumericCheck:
    f = result.numpy_function
    err = 0.0
    for N in (3, 4, 7, 10):
        ops = spin(N)
        Jpm = ops["x"] + sign * 1j * ops["y"]
        j = N / 2
        ms = j - np.arange(N + 1)
        for k, m in enumerate(ms):
            k2 = k - sign  # index of m ± 1
            if 0 <= k2 <= N:
                err = max(err, relative_error(f(j, m), abs(Jpm[k2, k])))
    return NumericCheck(err < TOL, err, TOL, "qutip.jmat ladder elements, N = 3, 4, 7, 10")


def element_check(op: str, shift: int) -> Callable[[Result], NumericCheck]:
    """⟨v_{b+shift}|O|v_b⟩ for every admissible b, N in SIZES (signs included: the phase
    convention of Eq. (3) is imposed on the numerical eigenvectors)."""
    return functools.partial(_element_check, op, shift)


def _element_check(op: str, shift: int, result: Result) -> NumericCheck:
    f = result.numpy_function
    err = 0.0
    lowest = {1: 0, -1: 1, 2: 0, -2: 2}[shift]  # exclude the boundary pairs
    for N in SIZES:
        j = N / 2
        n = (N + 1) // 2
        for ib in range(lowest, n):
            ia = ib + shift
            if 0 <= ia < n:
                ref = proper_element(N, op, ia, ib)
                err = max(err, relative_error(f(j, ib + 0.5), ref))
    return NumericCheck(err < TOL, err, TOL,
                        f"numerical ⟨v_a|J_{op}|v_b⟩ from jmat eigenvectors, N = {SIZES}")


def boundary_check(result: Result) -> NumericCheck:
    f = result.numpy_function
    err = 0.0
    for N in SIZES:
        err = max(err, relative_error(f(N / 2), proper_element(N, "x2", 0, 1)))
        # and J_x² does not connect neighbours above the boundary
        n = (N + 1) // 2
        for ib in range(1, n - 1):
            err = max(err, abs(proper_element(N, "x2", ib + 1, ib)) / N**2)
    return NumericCheck(err < TOL, err, TOL, f"numerical ⟨v_1/2|J_x²|v_3/2⟩, N = {SIZES}")


def ground_check(result: Result) -> NumericCheck:
    f = result.numpy_function
    err = max(relative_error(f(N / 2), proper_element(N, "x", 0, 0)) for N in SIZES)
    return NumericCheck(err < TOL, err, TOL, f"numerical ⟨v_1/2|J_x|v_1/2⟩, N = {SIZES}")

"""Numerical circuit physics, independent of the symbolic chain.

* :func:`transmon_spectrum` diagonalises the Cooper-pair-box Hamiltonian
  ``4E_C(n − n_g)² − E_J cos θ`` in the charge basis (exact up to the charge cut-off).
* :func:`coupled_circuit_modes` finds the complex normal-mode frequencies of the linear circuit
  (transmon as an LC oscillator, coupling capacitors, two parallel RLC resonators) from its
  classical equations of motion, so the damping of the transmon mode can be compared with the
  Born–Markov rates.
* :func:`legendre_numeric` performs the Legendre transform of a quadratic Lagrangian with a
  numerically inverted capacitance matrix.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable

import numpy as np
import scipy.linalg

from dickeheat.errors import NumericalError, ParameterError, check_positive

__all__ = [
    "CircuitModes",
    "TransmonSpectrum",
    "coupled_circuit_modes",
    "legendre_numeric",
    "transmon_spectrum",
]


@dataclasses.dataclass(frozen=True)
class TransmonSpectrum:
    """Lowest levels of a transmon and the charge matrix element between |0⟩ and |1⟩."""

    energies: np.ndarray  # E_k - E_0, in the unit of E_J and E_C
    n01: float  # |⟨0|n̂|1⟩|
    n_cut: int

    @property
    def E01(self) -> float:
        return float(self.energies[1])

    @property
    def anharmonicity(self) -> float:
        return float(self.energies[2] - 2 * self.energies[1])


def transmon_spectrum(E_J: float, E_C: float, *, n_g: float = 0.0, n_cut: int = 40,
                      levels: int = 4) -> TransmonSpectrum:
    """Diagonalise ``4E_C(n − n_g)² − E_J cos θ`` in the charge basis ``n = −n_cut … n_cut``.

    >>> s = transmon_spectrum(50.0, 1.0)
    >>> abs(s.E01 - (math.sqrt(8 * 50.0) - 1.0)) < 0.1  # E_01 ≈ √(8E_J E_C) − E_C
    True
    """
    check_positive("E_J", E_J)
    check_positive("E_C", E_C)
    if n_cut < 5:
        raise ParameterError(f"n_cut must be >= 5, got {n_cut}")
    if not 2 <= levels <= 2 * n_cut + 1:
        raise ParameterError(f"levels must be in 2 ... 2 n_cut + 1 = {2 * n_cut + 1}, got {levels}")
    if not np.isfinite(n_g):
        raise ParameterError(f"n_g must be a finite offset charge, got {n_g!r}")
    n = np.arange(-n_cut, n_cut + 1, dtype=float)
    diag = 4.0 * E_C * (n - n_g) ** 2
    off = np.full(n.size - 1, -E_J / 2.0)
    w, v = scipy.linalg.eigh_tridiagonal(diag, off, select="i", select_range=(0, levels - 1))
    if abs(v[0, 0]) > 1e-10 or abs(v[-1, 0]) > 1e-10:
        raise NumericalError(f"charge cut-off n_cut={n_cut} too small for E_J/E_C={E_J/E_C:g}")
    n01 = abs(float(v[:, 0] @ (n * v[:, 1])))
    return TransmonSpectrum(energies=w - w[0], n01=n01, n_cut=n_cut)


@dataclasses.dataclass(frozen=True)
class CircuitModes:
    """Complex eigenfrequencies λ = −κ/2 ± iω of the linear circuit, transmon mode first."""

    eigenvalues: np.ndarray
    transmon_index: int

    @property
    def transmon_frequency(self) -> float:
        """Angular frequency ω of the transmon-like mode (rad/s)."""
        return float(abs(self.eigenvalues[self.transmon_index].imag))

    @property
    def transmon_damping(self) -> float:
        """Energy damping rate κ = −2 Re λ of the transmon-like mode (1/s)."""
        return float(-2.0 * self.eigenvalues[self.transmon_index].real)


def coupled_circuit_modes(
    C_T: float, L_J: float, C_c: tuple[float, ...], R: tuple[float, ...], L: float, C: float
) -> CircuitModes:
    """Normal modes of a transmon (C_T ∥ L_J, linearised) coupled through capacitors ``C_c[i]``
    to parallel RLC resonators (``R[i]`` ∥ L ∥ C). ``R[i] = inf`` removes that resistor.

    The node fluxes ψ obey ``C ψ̈ + G ψ̇ + L⁻¹ ψ = 0``; the mode with the largest weight on
    the transmon node is returned as the transmon mode.
    """
    k = len(C_c)
    if len(R) != k:
        raise ParameterError("C_c and R must have one entry per resonator")
    for name, val in (("C_T", C_T), ("L_J", L_J), ("L", L), ("C", C)):
        check_positive(name, val)
    cap = np.zeros((k + 1, k + 1))
    cap[0, 0] = C_T + sum(C_c)
    for i, cc in enumerate(C_c, start=1):
        check_positive(f"C_c[{i - 1}]", cc)
        cap[0, i] = cap[i, 0] = -cc
        cap[i, i] = C + cc
    inv_l = np.diag([1.0 / L_J] + [1.0 / L] * k)
    cond = np.diag([0.0] + [0.0 if math.isinf(r) else 1.0 / check_positive("R", r) for r in R])
    cinv = np.linalg.inv(cap)
    a = np.block([[np.zeros((k + 1, k + 1)), np.eye(k + 1)], [-cinv @ inv_l, -cinv @ cond]])
    lam, vec = np.linalg.eig(a)
    upper = np.where(lam.imag > 0)[0]
    weights = np.abs(vec[0, upper]) / np.linalg.norm(vec[: k + 1, upper], axis=0)
    idx = int(upper[np.argmax(weights)])
    order = [idx] + [int(j) for j in upper if j != idx]
    return CircuitModes(eigenvalues=lam[order], transmon_index=0)


def legendre_numeric(
    lagrangian: Callable[[np.ndarray], float], charges: np.ndarray, *, step: float = 1.0
) -> tuple[np.ndarray, float]:
    """Numerical Legendre transform of a Lagrangian quadratic in the velocities.

    The Hessian (capacitance matrix) and the linear term are obtained by central finite
    differences of ``lagrangian`` (exact for a quadratic up to rounding; ``step`` sets the
    difference in the velocities' unit), the velocities by a linear solve of
    ``∂L/∂v = Q``, and ``H = Q·v − L(v)``.

    Returns
    -------
    velocities, H
    """
    q = np.asarray(charges, dtype=float)
    n = q.size
    eye = np.eye(n) * step
    grad0 = np.array([(lagrangian(eye[k]) - lagrangian(-eye[k])) / (2 * step) for k in range(n)])
    hess = np.empty((n, n))
    for k in range(n):
        for m in range(n):
            hess[k, m] = (lagrangian(eye[k] + eye[m]) - lagrangian(eye[k] - eye[m])
                          - lagrangian(-eye[k] + eye[m]) + lagrangian(-eye[k] - eye[m])) / (
                4 * step**2)
    if np.linalg.cond(hess) > 1e12:
        raise NumericalError("the capacitance matrix is singular to working precision")
    v = np.linalg.solve(hess, q - grad0)
    return v, float(q @ v - lagrangian(v))

"""Checks of the symmetry results with explicit matrices.

Full 2^N-dimensional collective operators are built from single-spin Pauli matrices (Kronecker
products), the parity operator with :func:`scipy.linalg.expm`; the spectrum by numerical
diagonalisation of Ω J_z² in the Π = +1 sector of the j = N/2 multiplet.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np
from scipy.linalg import expm

from dickeheat.derivations.kloc2021.checks._numerics import (
    parity,
    proper_basis,
    relative_error,
    spin,
)
from dickeheat.symbolic.result import NumericCheck, Result

__all__ = ["conjugation_check", "ghz_check", "proper_parity_check", "sector_dimension_check",
           "spectrum_check"]

TOL = 1e-10


@functools.cache
def _full(N: int) -> dict[str, np.ndarray]:
    s = {"x": np.array([[0, 1], [1, 0]], complex), "y": np.array([[0, -1j], [1j, 0]]),
         "z": np.array([[1, 0], [0, -1]], complex)}
    out = {}
    for c, m in s.items():
        J = np.zeros((2**N, 2**N), complex)
        for i in range(N):
            ops: list[np.ndarray] = [np.eye(2, dtype=complex)] * N
            ops[i] = m / 2
            k = ops[0]
            for o in ops[1:]:
                k = np.kron(k, o)
            J += k
        out[c] = J
    out["P"] = expm(1j * np.pi * (out["x"] - N / 2 * np.eye(2**N)))
    return out


def _comm(A: np.ndarray, B: np.ndarray) -> float:
    return float(np.linalg.norm(A @ B - B @ A) / (np.linalg.norm(A) * np.linalg.norm(B)))


def conjugation_check(component: str) -> Callable[[Result], NumericCheck]:
    """Check Π J_c Π = η J_c (η from the result) and the commutators of Sec. II."""
    return functools.partial(_conjugation_check, component)


def _conjugation_check(component: str, result: Result) -> NumericCheck:
    eta = complex(result.numpy_function())
    err = 0.0
    for N in (3, 5):
        F = _full(N)
        P, Jc = F["P"], F[component]
        err = max(err, relative_error(P @ Jc @ P, eta * Jc))
        H = F["z"] @ F["z"]
        J2 = F["x"] @ F["x"] + F["y"] @ F["y"] + F["z"] @ F["z"]
        Jx2 = F["x"] @ F["x"] / N
        err = max(err, _comm(H, J2), _comm(H, P), _comm(J2, P), _comm(P, F["x"]),
                  _comm(P, Jx2), _comm(J2, F["x"]))
    return NumericCheck(err < TOL, err, TOL, "explicit 2^N matrices (N = 3, 5), Π by expm: "
                        "Π J Π vs η J, and [H,J²], [H,Π], [J²,Π], [Π,A_ν], [J²,A_ν]")


def proper_parity_check(result: Result) -> NumericCheck:
    """⟨v_m^+|Π|v_m^+⟩ with |v_m^+⟩ = (|j,m⟩ + |j,−m⟩)/√2 built in the jmat basis."""
    val = complex(result.numpy_function())
    err = 0.0
    for N in (3, 5, 7, 9):
        P = parity(N)
        d = N + 1
        for k in range((N + 1) // 2):  # m = j − k > 0
            v = np.zeros(d, complex)
            v[k] = v[d - 1 - k] = 1 / np.sqrt(2)
            err = max(err, relative_error(P @ v, val * v))
    return NumericCheck(err < TOL, err, TOL, "Π = expm(iπ(J_x − N/2)) on qutip.jmat, N = 3 … 9")


def spectrum_check(result: Result) -> NumericCheck:
    f = result.numpy_function
    err = 0.0
    for N in (3, 5, 7, 9, 11):
        E, _ = proper_basis(N)
        for Om in (0.7, 1.3):
            a = np.arange((N + 1) // 2) + 0.5
            err = max(err, relative_error(f(Om, a), Om * E))
        # ±m degeneracy in the whole multiplet: every sector level appears twice
        full = np.sort(np.linalg.eigvalsh(spin(N)["z"] @ spin(N)["z"]))
        err = max(err, relative_error(full, np.sort(np.repeat(E, 2))))
    return NumericCheck(err < TOL, err, TOL, "numerical diagonalisation of J_z² in the Π = +1 "
                        "sector (N = 3 … 11) and of the whole multiplet")


def sector_dimension_check(result: Result) -> NumericCheck:
    f = result.numpy_function
    err = 0.0
    for N in (3, 5, 7, 9, 11):
        rank = round(float(np.real(np.trace((np.eye(N + 1) + parity(N)) / 2))))
        err = max(err, relative_error(f(N), rank))
    return NumericCheck(err < TOL, err, TOL, "trace of the projector (1 + Π)/2 on j = N/2")


def ghz_check(result: Result) -> NumericCheck:
    """|⟨GHZ+|e^{iσθ σ_y^{⊗N}}|0…0⟩| = 1 with σ = (−1)^{(N+1)/2}, by expm in the 2^N space."""
    theta = float(np.real(result.numpy_function()))
    sy = np.array([[0, -1j], [1j, 0]])
    err = 0.0
    for N in (3, 5, 7):
        P = sy
        for _ in range(N - 1):
            P = np.kron(P, sy)
        zero = np.zeros(2**N, complex)
        zero[0] = 1.0
        ghz = zero.copy()
        ghz[-1] = 1.0
        ghz /= np.sqrt(2)
        sign = (-1) ** ((N + 1) // 2)
        psi = expm(1j * sign * theta * P) @ zero
        err = max(err, abs(1 - abs(np.vdot(ghz, psi))))
        # and the GHZ state is the highest proper-basis state: Π-even, energy (N/2)²
        F = _full(N) if N <= 5 else None
        if F is not None:
            err = max(err, float(np.linalg.norm(F["P"] @ ghz - ghz)))
    return NumericCheck(err < 1e-10, err, 1e-10, "expm(iσθ σ_y^⊗N)|0…0⟩ vs (|0…0⟩ + |1…1⟩)/√2, "
                        "N = 3, 5, 7, σ = (−1)^((N+1)/2)")

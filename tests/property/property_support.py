"""Strategies, physical predicates and the margin log of the property tests.

Every predicate returns a *margin*: a number whose sign (or comparison with a stated
tolerance) says whether the physical law holds, so that the same function is used by the
property tests (random systems) and by the planted-violation tests (which feed it a broken
object and assert that it fails). :func:`record` keeps, per property, the number of evaluated
samples and the worst margin seen; ``tests/property/conftest.py`` prints them at the end of the
run.

Tolerances: rounding of double precision (1e-9 relative for the exact backends); the PIQS
backend builds its Lindbladian in single precision (``cdef float``), so its first-law residual
and its agreement with the other backends are at the 1e-7 level (tolerance 1e-5).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from hypothesis import currently_in_test_context, target
from hypothesis import strategies as st

__all__ = [
    "MARGINS",
    "TOL",
    "TOL_PIQS",
    "bound_ratio",
    "detailed_balance_defect",
    "entropy_production",
    "first_law_residual",
    "log_uniform",
    "record",
    "relative_difference",
    "state_defects",
    "steer",
]

#: relative tolerance of double-precision laws
TOL = 1e-9
#: relative tolerance for the PIQS backend (single-precision Lindbladian entries)
TOL_PIQS = 1e-5

#: property name -> {"count": int, "worst": float, "sense": "min" | "max", "where": str}
MARGINS: dict[str, dict] = {}


def record(name: str, value: float, *, sense: str, where: str = "") -> None:
    """Log one sample of property ``name``; ``sense`` says whether the worst is the min or max.

    Only samples drawn by Hypothesis count (a planted violation, checked outside a property
    test, is not a sample of the property)."""
    if not currently_in_test_context():
        return
    entry = MARGINS.setdefault(name, {"count": 0, "worst": None, "sense": sense, "where": ""})
    entry["count"] += 1
    worst = entry["worst"]
    if worst is None or (value < worst if sense == "min" else value > worst):
        entry["worst"] = float(value)
        entry["where"] = where


def steer(value: float, label: str) -> None:
    """``hypothesis.target`` (maximised: pass minus the margin) when run inside a property test,
    nothing when a check is called directly (the planted tests)."""
    if currently_in_test_context() and math.isfinite(value):
        target(value, label=label)


def log_uniform(lo: float, hi: float) -> st.SearchStrategy[float]:
    """Floats spread log-uniformly over [lo, hi] (shrinking towards lo)."""
    a, b = math.log(lo), math.log(hi)
    return st.floats(0.0, 1.0).map(lambda u: float(math.exp(a + u * (b - a))))


# -- predicates ----------------------------------------------------------------------------


def first_law_residual(currents: list[float], scale: float) -> float:
    """|Σ currents| / max(Σ|currents|, scale): 0 when energy is conserved.

    ``scale`` (> 0) is a typical current of the model (rate × energy), so that a model with
    vanishing currents is not judged on a 0/0.
    """
    total = abs(math.fsum(currents))
    return total / max(math.fsum(abs(c) for c in currents), scale)


def entropy_production(betas: list[float], currents: list[float]) -> tuple[float, float]:
    """σ = −Σ β_i I_i (currents from bath i into the system) and its rounding scale Σ|β_i I_i|.

    The second law says σ >= 0; a σ of order −1e-12 × scale is rounding.
    """
    terms = [-b * c for b, c in zip(betas, currents)]
    return math.fsum(terms), math.fsum(abs(t) for t in terms)


def detailed_balance_defect(R: np.ndarray, log_pi: np.ndarray) -> float:
    r"""Largest relative violation of :math:`R_{ab}\pi_b = R_{ba}\pi_a` (a ≠ b).

    ``R[a, b]`` is the rate b → a (only off-diagonal entries are used), ``log_pi`` the log of the
    candidate equilibrium distribution (computed from thermodynamics, not from the solver).
    Compared in logs: :math:`\ln R_{ab} + \ln\pi_b` vs :math:`\ln R_{ba} + \ln\pi_a`; a rate that
    is zero while its reverse is not is a violation (inf) unless detailed balance puts it below
    1e-280 (it underflowed); rates below 1e-290 count as underflowed.
    """
    R = np.asarray(R, dtype=float)
    n = R.shape[0]
    off = ~np.eye(n, dtype=bool)
    fwd, bwd = R[off], R.T[off]
    if np.any(fwd < 0):
        return math.inf
    # subnormal rates (below ~1e-290, e.g. a Bose factor e^{-720}) have lost their relative
    # precision: they count as underflowed zeros
    fwd, bwd = np.where(fwd > 1e-290, fwd, 0.0), np.where(bwd > 1e-290, bwd, 0.0)
    both = (fwd > 0) & (bwd > 0)
    one = (fwd > 0) & (bwd == 0)
    lp_b = np.broadcast_to(log_pi[None, :], (n, n))[off]
    lp_a = np.broadcast_to(log_pi[:, None], (n, n))[off]
    if np.any(one):
        # R_ba = 0 is allowed only where detailed balance makes it underflow a double:
        # R_ba = R_ab π_b / π_a < 1e-280 (e.g. a Bose factor e^{-βω} with βω > 700)
        expected = np.log(fwd[one]) + lp_b[one] - lp_a[one]
        if np.any(expected > math.log(1e-280)):
            return math.inf
    if not np.any(both):
        return 0.0
    lhs = np.log(fwd[both]) + lp_b[both]
    rhs = np.log(bwd[both]) + lp_a[both]
    return float(np.max(np.abs(np.expm1(lhs - rhs))))


def state_defects(rho: np.ndarray) -> tuple[float, float, float]:
    """(|Tr ρ − 1|, smallest eigenvalue of ρ, ‖ρ − ρ†‖) of a density matrix (dense array).

    A 1-d array is read as populations (a diagonal state).
    """
    rho = np.asarray(rho)
    if rho.ndim == 1:
        return abs(float(np.sum(rho)) - 1.0), float(np.min(rho)), 0.0
    herm = float(np.linalg.norm(rho - rho.conj().T))
    lowest = float(np.min(np.linalg.eigvalsh(0.5 * (rho + rho.conj().T))))
    return abs(complex(np.trace(rho)) - 1.0), lowest, herm


def relative_difference(a: float, b: float, scale: float) -> float:
    """|a − b| / max(|a|, |b|, scale)."""
    return abs(a - b) / max(abs(a), abs(b), scale)


def bound_ratio(bound: float, current: float) -> float:
    """bound / |current| (inf for no current): Bound holds iff the ratio is >= 1."""
    c = abs(current)
    if c == 0.0:
        return math.inf
    return bound / c


def hermitian_from(real: np.ndarray, imag: np.ndarray) -> np.ndarray:
    """The Hermitian matrix (X + Xᵀ)/2 + i(Y − Yᵀ)/2 of two real square arrays."""
    return 0.5 * (real + real.T) + 0.5j * (imag - imag.T)


def density_from(real: np.ndarray, imag: np.ndarray) -> np.ndarray:
    """G G† / Tr of the complex matrix G = real + i·imag (a d × r array: a state of rank <= r)."""
    G = real + 1j * imag
    rho = G @ G.conj().T
    tr = float(np.real(np.trace(rho)))
    if tr <= 1e-12:
        rho = np.eye(real.shape[0], dtype=complex)
        tr = float(real.shape[0])
    return rho / tr


def worst_of(values: list[float], key: Callable[[float], float] = abs) -> float:
    """The entry of ``values`` with the largest ``key``."""
    return max(values, key=key)

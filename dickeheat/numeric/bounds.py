r"""Numerical heat currents and the two universal bounds on them, for any small system.

For a system Hamiltonian ``H`` and one bath coupled through :class:`~dickeheat.numeric.redfield.Coupling`
(channels :math:`A_k`, independent baths with :math:`\Xi_k = \int_0^\infty|C_k(s)|ds`):

* Bound 1: :math:`|J| \le 4\|H\|\sum_{kl}\Xi_{kl}\|A_k\|\|A_l\|`;
* Bound 2: :math:`|J| \le 2\sum_{kl}\Xi_{kl}\Delta E_k\|A_k\|\|A_l\|`, with :math:`\Delta E_k` the
  largest energy gap :math:`A_k` connects (:func:`energy_window`).

The closed forms come from :mod:`dickeheat.symbolic.bounds`; this module supplies the numbers
(norms, windows, currents), transients, scaling fits and seeded random sampling.

>>> import numpy as np
>>> from dickeheat.symbolic.bath import WhiteNoise
>>> from dickeheat.numeric.redfield import Coupling
>>> H = np.diag([0.5, -0.5]); A = np.array([[0.0, 1.0], [1.0, 0.0]])
>>> r = bound_report(H, Coupling((A,), (WhiteNoise(2.0),)), np.diag([1.0, 0.0]))
>>> (r.current, r.bound1, r.bound2)
(-2.0, 2.0, 2.0)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import numpy as np
import sympy as sp
from scipy import stats

from dickeheat.errors import ParameterError
from dickeheat.numeric import redfield
from dickeheat.numeric.redfield import Coupling
from dickeheat.symbolic import bounds as sbounds
from dickeheat.symbolic.bath import Bath, Lorentzian, WhiteNoise

__all__ = [
    "operator_norm",
    "energy_window",
    "BoundReport",
    "bound_report",
    "transient_currents",
    "ScalingFit",
    "scaling_fit",
    "SamplingReport",
    "random_density_matrix",
    "random_bath",
    "sample_random_systems",
    "sample_states",
]


def operator_norm(A: np.ndarray) -> float:
    """The spectral norm (largest singular value; largest |eigenvalue| if Hermitian)."""
    A = np.asarray(A)
    if A.ndim == 2 and A.shape[0] == A.shape[1] and np.allclose(A, A.conj().T, rtol=0,
                                                                 atol=1e-14 * max(1.0, np.abs(A).max())):
        return float(np.max(np.abs(np.linalg.eigvalsh(A))))
    return float(np.linalg.norm(A, 2))


def energy_window(H: np.ndarray, A: np.ndarray, *, tol: float = 1e-10) -> float:
    r"""The smallest :math:`\Delta E` with :math:`|E_i - E_j| > \Delta E \Rightarrow
    \langle i|A|j\rangle = 0` (independent of the basis chosen inside degenerate levels)."""
    E, V = redfield.eigensystem(H)
    Ae = V.conj().T @ np.asarray(A) @ V
    mask = np.abs(Ae) > tol * max(1.0, np.abs(Ae).max())
    gaps = np.abs(E[:, None] - E[None, :])[mask]
    return float(gaps.max()) if gaps.size else 0.0


@dataclasses.dataclass(frozen=True)
class BoundReport:
    """A heat current and its two bounds.

    ``ratio1 = |J|/bound1`` and ``ratio2 = |J|/bound2`` (``nan`` if a bound is 0).
    """

    current: float
    bound1: float
    bound2: float
    H_norm: float
    A_norms: tuple[float, ...]
    dE: tuple[float, ...]
    Xi: tuple[float, ...]

    @property
    def ratio1(self) -> float:
        return abs(self.current) / self.bound1 if self.bound1 > 0 else float("nan")

    @property
    def ratio2(self) -> float:
        return abs(self.current) / self.bound2 if self.bound2 > 0 else float("nan")

    def to_dict(self) -> dict[str, Any]:
        out = dataclasses.asdict(self)
        out.update(ratio1=self.ratio1, ratio2=self.ratio2)
        return out


def _bounds(H: np.ndarray, coupling: Coupling, dE: Sequence[float] | None):
    A_norms = [operator_norm(A) for A in coupling.operators]
    Xi = coupling.xi_matrix()
    windows = list(dE) if dE is not None else [energy_window(H, A) for A in coupling.operators]
    H_norm = operator_norm(H)
    n = len(A_norms)
    b1 = sbounds.bound1(sp.Float(H_norm), sp.Matrix(Xi), [sp.Float(a) for a in A_norms])
    b2 = sbounds.bound2(sp.Matrix(Xi), [sp.Float(d) for d in windows],
                        [sp.Float(a) for a in A_norms])
    if len(windows) != n:
        raise ParameterError("one dE per channel is required")
    return float(b1), float(b2), H_norm, A_norms, windows, Xi


def bound_report(
    H: np.ndarray, coupling: Coupling, rho: np.ndarray, *, kind: str = "redfield",
    dE: Sequence[float] | None = None,
) -> BoundReport:
    """The heat current ``Tr[H D[rho]]`` (``kind`` = ``redfield`` or ``gksl``) and both bounds.

    ``dE`` overrides the energy windows (default: the smallest windows of Eq. 13).
    """
    if kind == "redfield":
        J = redfield.redfield_current(H, coupling, rho)
    elif kind == "gksl":
        J = redfield.gksl_current(H, coupling, rho)
    else:
        raise ParameterError(f"kind must be 'redfield' or 'gksl', got {kind!r}")
    b1, b2, H_norm, A_norms, windows, Xi = _bounds(H, coupling, dE)
    return BoundReport(J, b1, b2, H_norm, tuple(A_norms), tuple(windows),
                       tuple(float(Xi[k, k]) for k in range(Xi.shape[0])))


def transient_currents(
    H: np.ndarray, coupling: Coupling, rho0: np.ndarray, times: Sequence[float], *,
    kind: str = "redfield",
) -> np.ndarray:
    """:math:`J(t) = \\mathrm{Tr}[H\\mathcal{D}[\\rho(t)]]` along the evolution of ``kind``."""
    if kind == "redfield":
        gen, cur = redfield.redfield_generator(H, [coupling]), redfield.redfield_current
    elif kind == "gksl":
        gen, cur = redfield.gksl_generator(H, [coupling]), redfield.gksl_current
    else:
        raise ParameterError(f"kind must be 'redfield' or 'gksl', got {kind!r}")
    states = redfield.evolve(gen, rho0, times)
    return np.array([cur(H, coupling, r) for r in states])


@dataclasses.dataclass(frozen=True)
class ScalingFit:
    """``|y| ≈ prefactor * L**exponent``: least squares on log-log, with standard errors."""

    exponent: float
    exponent_stderr: float
    prefactor: float
    r_squared: float
    n_points: int


def scaling_fit(Ls: Sequence[float], values: Sequence[float]) -> ScalingFit:
    """Fit ``log|values| = log(prefactor) + exponent * log(L)`` (ordinary least squares)."""
    x = np.log(np.asarray(Ls, dtype=float))
    y = np.abs(np.asarray(values, dtype=float))
    if x.size < 3 or x.size != y.size:
        raise ParameterError("scaling_fit needs at least 3 points and equal lengths")
    if np.any(y <= 0) or not np.all(np.isfinite(y)):
        raise ParameterError("scaling_fit needs finite nonzero values")
    res = stats.linregress(x, np.log(y))
    return ScalingFit(float(res.slope), float(res.stderr), float(np.exp(res.intercept)),
                      float(res.rvalue**2), int(x.size))


@dataclasses.dataclass(frozen=True)
class SamplingReport:
    """Largest ratios ``|J|/bound`` found in a seeded random sample."""

    n_samples: int
    seed: int
    max_ratio1: float
    max_ratio2: float
    worst1: dict[str, Any]
    worst2: dict[str, Any]

    @property
    def violated(self) -> bool:
        return self.max_ratio1 > 1 + 1e-9 or self.max_ratio2 > 1 + 1e-9


def random_density_matrix(dim: int, rng: np.random.Generator, *, rank: int | None = None) -> np.ndarray:
    """A random density matrix ``G G†/Tr`` from a complex Ginibre matrix ``G``."""
    r = dim if rank is None else rank
    G = rng.normal(size=(dim, r)) + 1j * rng.normal(size=(dim, r))
    rho = G @ G.conj().T
    return rho / np.trace(rho)


def random_bath(rng: np.random.Generator) -> Bath:
    """White noise or a damped-mode (Lorentzian) bath with random parameters (T may be 0)."""
    if rng.random() < 0.3:
        return WhiteNoise(float(rng.uniform(0.1, 2.0)))
    T = 0.0 if rng.random() < 0.4 else float(rng.uniform(0.1, 3.0))
    return Lorentzian(strength=float(rng.uniform(0.1, 2.0)), kappa=float(rng.uniform(0.05, 3.0)),
                      center=float(rng.uniform(0.2, 3.0)), T=T)


def _random_hermitian(dim: int, rng: np.random.Generator) -> np.ndarray:
    X = rng.normal(size=(dim, dim)) + 1j * rng.normal(size=(dim, dim))
    return 0.5 * (X + X.conj().T)


def sample_random_systems(n_samples: int, *, seed: int, dims: Sequence[int] = (2, 3, 4, 5),
                          max_channels: int = 2, banded: float = 0.5) -> SamplingReport:
    """Sample systems (H, A_k, baths, rho) and return the largest ``|J|/bound``.

    With probability ``banded`` each :math:`A_k` is band-limited in the energy basis (entries
    with a gap above a random window are removed), so that Bound 2 is tighter than Bound 1.
    """
    if n_samples < 1:
        raise ParameterError(f"n_samples must be >= 1, got {n_samples}")
    rng = np.random.default_rng(seed)
    best1 = best2 = -1.0
    worst1: dict[str, Any] = {}
    worst2: dict[str, Any] = {}
    for i in range(n_samples):
        d = int(rng.choice(dims))
        H = _random_hermitian(d, rng)
        E, V = np.linalg.eigh(H)
        ops = []
        for _ in range(int(rng.integers(1, max_channels + 1))):
            A = _random_hermitian(d, rng)
            if rng.random() < banded:
                Ae = V.conj().T @ A @ V
                window = rng.uniform(0.2, 1.0) * (E[-1] - E[0])
                Ae[np.abs(E[:, None] - E[None, :]) > window] = 0
                A = V @ Ae @ V.conj().T
                A = 0.5 * (A + A.conj().T)
            ops.append(A)
        coupling = Coupling(tuple(ops), tuple(random_bath(rng) for _ in ops))
        rank = int(rng.integers(1, d + 1))
        rho = random_density_matrix(d, rng, rank=rank)
        r = bound_report(H, coupling, rho)
        info = {"sample": i, "dim": d, "channels": len(ops), "current": r.current,
                "bound1": r.bound1, "bound2": r.bound2,
                "baths": [b.describe() for b in coupling.baths]}
        if r.ratio1 > best1:
            best1, worst1 = r.ratio1, info
        if r.ratio2 > best2:
            best2, worst2 = r.ratio2, info
    return SamplingReport(n_samples, seed, best1, best2, worst1, worst2)


def sample_states(H: np.ndarray, coupling: Coupling, n_samples: int, *, seed: int) -> SamplingReport:
    """Random states (all ranks) of one fixed system: the largest ``|J|/bound``."""
    if n_samples < 1:
        raise ParameterError(f"n_samples must be >= 1, got {n_samples}")
    rng = np.random.default_rng(seed)
    d = np.asarray(H).shape[0]
    b1, b2, *_ = _bounds(H, coupling, None)
    Lams = redfield.lambda_matrices(H, coupling)
    H = np.asarray(H, dtype=complex)
    best = -1.0
    worst: dict[str, Any] = {}
    for i in range(n_samples):
        rho = random_density_matrix(d, rng, rank=int(rng.integers(1, d + 1)))
        X = sum(L @ rho @ A - A @ L @ rho for A, L in zip(coupling.operators, Lams))
        J = float(np.real(np.trace(H @ (X + X.conj().T))))
        if abs(J) > best:
            best, worst = abs(J), {"sample": i, "current": J}
    worst.update(bound1=b1, bound2=b2)
    return SamplingReport(n_samples, seed, best / b1, best / b2, worst, worst)

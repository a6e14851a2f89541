r"""The numbers the heat-current bounds are made of, for any small system: operator norms,
energy windows, transients of the current, scaling fits and seeded random systems.

No bound formula lives here: the bounds are registered closed forms, evaluated by their users
through the registry. For a system Hamiltonian ``H`` coupled to a bath through
:class:`~dickeheat.numeric.redfield.Coupling` (channels :math:`A_k`, independent baths with
:math:`\Xi_k = \int_0^\infty|C_k(s)|ds`, :meth:`~dickeheat.numeric.redfield.Coupling.xi_matrix`)
this module supplies :math:`\|H\|`, :math:`\|A_k\|` and the window :math:`\Delta E_k` (the
largest energy gap :math:`A_k` connects); the current itself is
:func:`~dickeheat.numeric.redfield.redfield_current`.

>>> import numpy as np
>>> H = np.diag([0.5, -0.5]); A = np.array([[0.0, 1.0], [1.0, 0.0]])
>>> operator_norm(H), operator_norm(A), energy_window(H, A)
(0.5, 1.0, 1.0)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence

import numpy as np
from scipy import stats

from dickeheat.errors import ParameterError
from dickeheat.numeric import redfield
from dickeheat.numeric.redfield import Coupling
from dickeheat.symbolic.bath import Bath, Lorentzian, WhiteNoise

__all__ = [
    "ScalingFit",
    "energy_window",
    "operator_norm",
    "random_bath",
    "random_density_matrix",
    "random_hermitian",
    "random_systems",
    "scaling_fit",
    "transient_currents",
]


def operator_norm(A: np.ndarray) -> float:
    """The spectral norm (largest singular value; largest |eigenvalue| if Hermitian)."""
    A = np.asarray(A)
    if A.ndim == 2 and A.shape[0] == A.shape[1] and np.allclose(
            A, A.conj().T, rtol=0, atol=1e-14 * max(1.0, np.abs(A).max())):
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


def random_density_matrix(dim: int, rng: np.random.Generator, *,
                          rank: int | None = None) -> np.ndarray:
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


def random_hermitian(dim: int, rng: np.random.Generator) -> np.ndarray:
    """A random Hermitian matrix ``(X + X†)/2`` from a complex Ginibre matrix ``X``."""
    X = rng.normal(size=(dim, dim)) + 1j * rng.normal(size=(dim, dim))
    return 0.5 * (X + X.conj().T)


def random_systems(n_samples: int, *, seed: int, dims: Sequence[int] = (2, 3, 4, 5),
                   max_channels: int = 2, banded: float = 0.5,
                   ) -> Iterator[tuple[np.ndarray, Coupling, np.ndarray]]:
    """Seeded random systems ``(H, coupling, rho)``: a Hermitian ``H`` of a dimension drawn
    from ``dims``, 1 to ``max_channels`` Hermitian channels with random baths
    (:func:`random_bath`) and a random state of random rank.

    With probability ``banded`` each :math:`A_k` is band-limited in the energy basis (entries
    with a gap above a random window are removed), so that its energy window is smaller than
    the spectral width of ``H``.
    """
    if n_samples < 1:
        raise ParameterError(f"n_samples must be >= 1, got {n_samples}")
    rng = np.random.default_rng(seed)
    for _ in range(n_samples):
        d = int(rng.choice(dims))
        H = random_hermitian(d, rng)
        E, V = np.linalg.eigh(H)
        ops = []
        for _ in range(int(rng.integers(1, max_channels + 1))):
            A = random_hermitian(d, rng)
            if rng.random() < banded:
                Ae = V.conj().T @ A @ V
                window = rng.uniform(0.2, 1.0) * (E[-1] - E[0])
                Ae[np.abs(E[:, None] - E[None, :]) > window] = 0
                A = V @ Ae @ V.conj().T
                A = 0.5 * (A + A.conj().T)
            ops.append(A)
        coupling = Coupling(tuple(ops), tuple(random_bath(rng) for _ in ops))
        rank = int(rng.integers(1, d + 1))
        yield H, coupling, random_density_matrix(d, rng, rank=rank)

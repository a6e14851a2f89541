r"""A heat current next to the two universal bounds on it, for any small system.

For a system Hamiltonian ``H`` coupled to one bath through
:class:`~dickeheat.numeric.redfield.Coupling` (channels :math:`A_k`, independent baths with
:math:`\Xi_k = \int_0^\infty|C_k(s)|ds`), the numbers — the Redfield or GKSL current, the norms
:math:`\|H\|`, :math:`\|A_k\|`, the windows :math:`\Delta E_k` and :math:`\Xi` — come from
:mod:`dickeheat.numeric`; Bound 1 (Eq. 9) and Bound 2 (Eq. 14) are the registered closed forms
``kamimura2023.bound1`` and ``kamimura2023.bound2`` (two channels; a one-channel coupling fills
the second channel with zeros), evaluated through the registry.

>>> import numpy as np
>>> from dickeheat.symbolic.bath import WhiteNoise
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

from dickeheat.errors import ParameterError
from dickeheat.numeric import redfield
from dickeheat.numeric.bounds import (
    energy_window,
    operator_norm,
    random_density_matrix,
    random_systems,
)
from dickeheat.numeric.redfield import Coupling

__all__ = [
    "BoundReport",
    "SamplingReport",
    "bound_report",
    "bounds_from_norms",
    "sample_random_systems",
    "sample_states",
]

#: channels of the registered closed forms of Bound 1 and Bound 2
CHANNELS = 2


def bounds_from_norms(H_norm: float, A_norms: Sequence[float], dE: Sequence[float],
                      Xi: np.ndarray) -> tuple[float, float]:
    """Bound 1 and Bound 2 (``kamimura2023.bound1``, ``kamimura2023.bound2``) at the given
    norms, windows and Ξ matrix (one or two channels)."""
    from dickeheat.derivations import registry

    n = len(A_norms)
    if not 1 <= n <= CHANNELS or len(dE) != n:
        raise ParameterError(f"the registered bounds take 1 to {CHANNELS} channels with one "
                             f"window each, got {n} norms and {len(dE)} windows")
    xi = np.zeros((CHANNELS, CHANNELS))
    xi[:n, :n] = np.asarray(Xi, dtype=float)
    a = list(A_norms) + [0.0] * (CHANNELS - n)
    w = list(dE) + [0.0] * (CHANNELS - n)
    values = {"||H_S||": float(H_norm), "||A_1||": a[0], "||A_2||": a[1],
              "Delta_E_1": w[0], "Delta_E_2": w[1]}
    values.update({f"Xi_{k + 1}{l + 1}": xi[k, l] for k in range(2) for l in range(2)})
    reg = registry(("kamimura2023",))
    out = []
    for name in ("kamimura2023.bound1", "kamimura2023.bound2"):
        result = reg.get(name)
        out.append(float(result.numpy_function(*[values[s.name] for s in result.args])))
    return out[0], out[1]


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
    if len(windows) != len(A_norms):
        raise ParameterError("one dE per channel is required")
    H_norm = operator_norm(H)
    b1, b2 = bounds_from_norms(H_norm, A_norms, windows, Xi)
    return b1, b2, H_norm, A_norms, windows, Xi


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


def sample_random_systems(n_samples: int, *, seed: int, dims: Sequence[int] = (2, 3, 4, 5),
                          max_channels: int = 2, banded: float = 0.5) -> SamplingReport:
    """Sample systems (:func:`dickeheat.numeric.bounds.random_systems`) and return the
    largest ``|J|/bound``."""
    best1 = best2 = -1.0
    worst1: dict[str, Any] = {}
    worst2: dict[str, Any] = {}
    systems = random_systems(n_samples, seed=seed, dims=dims, max_channels=max_channels,
                             banded=banded)
    for i, (H, coupling, rho) in enumerate(systems):
        r = bound_report(H, coupling, rho)
        info = {"sample": i, "dim": H.shape[0], "channels": len(coupling.operators),
                "current": r.current, "bound1": r.bound1, "bound2": r.bound2,
                "baths": [b.describe() for b in coupling.baths]}
        if r.ratio1 > best1:
            best1, worst1 = r.ratio1, info
        if r.ratio2 > best2:
            best2, worst2 = r.ratio2, info
    return SamplingReport(n_samples, seed, best1, best2, worst1, worst2)


def sample_states(H: np.ndarray, coupling: Coupling, n_samples: int, *,
                  seed: int) -> SamplingReport:
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

"""Small self-contained numerics shared by the Kloc et al. checks.

Everything here is computed a different way from the chains: explicit spin matrices
(:func:`qutip.jmat`), numerical diagonalisation of :math:`\\Omega J_z^2` inside the
positive-parity sector, numerical matrix elements, rate matrices assembled from those numbers,
stationary states by dense linear algebra and cumulants by finite differences of the
numerically computed dominant eigenvalue of :math:`R(\\chi)`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

import numpy as np
import qutip
from scipy.linalg import expm

from dickeheat.errors import NumericalError
from dickeheat.numeric.accuracy import relative_error
from dickeheat.numeric.thermal import bose

__all__ = [
    "counted_matrix",
    "cumulants_fd",
    "dominant_eigenvalue",
    "gamma",
    "parity",
    "proper_basis",
    "proper_element",
    "relative_error",
    "sector_rates",
    "spectral_density",
    "spin",
    "stationary",
    "three_level_rates",
]


@functools.cache
def spin(N: int) -> dict[str, np.ndarray]:
    """Dense spin-j matrices (j = N/2) from :func:`qutip.jmat`, basis m = j, j-1, ..., -j."""
    j = N / 2
    x, y, z = (np.asarray(qutip.jmat(j, c).full()) for c in "xyz")
    return {"x": x, "y": y, "z": z, "j": np.array(j)}


def parity(N: int) -> np.ndarray:
    """Π = exp(iπ(J_x − N/2)) in the j = N/2 representation, by a matrix exponential."""
    ops = spin(N)
    return expm(1j * np.pi * (ops["x"] - N / 2 * np.eye(ops["x"].shape[0])))


@functools.cache
def proper_basis(N: int) -> tuple[np.ndarray, np.ndarray]:
    """Energies and eigenvectors of Ω J_z² (Ω = 1) in the Π = +1 sector, by diagonalising
    P H P restricted to the range of the projector P = (1 + Π)/2; ordered by energy.

    Each eigenvector's phase is fixed so that its component on |j, +a⟩ (a > 0, the upper half
    of the jmat basis) is real positive, the convention of Eq. (3).
    """
    ops = spin(N)
    P = (np.eye(ops["z"].shape[0]) + parity(N)) / 2
    w, U = np.linalg.eigh((P + P.conj().T) / 2)
    Q = U[:, w > 0.5]  # orthonormal basis of the + sector
    H = Q.conj().T @ (ops["z"] @ ops["z"]) @ Q
    E, V = np.linalg.eigh((H + H.conj().T) / 2)
    vecs = Q @ V
    for k in range(vecs.shape[1]):
        i = np.argmax(np.abs(vecs[: (N + 1) // 2, k]))
        vecs[:, k] *= np.abs(vecs[i, k]) / vecs[i, k]
    return E, vecs


def proper_element(N: int, op: str, ia: int, ib: int) -> float:
    """⟨v_a|O|v_b⟩ (real) for O = J_x ('x') or J_x² ('x2'), a = ia + 1/2, b = ib + 1/2."""
    ops = spin(N)
    O = ops["x"] if op == "x" else ops["x"] @ ops["x"]
    _, V = proper_basis(N)
    value = complex(V[:, ia].conj() @ O @ V[:, ib])
    if abs(value.imag) > 1e-10 * max(1.0, abs(value)):
        raise NumericalError("proper-basis matrix element is not real")
    return value.real


def spectral_density(w: np.ndarray | float, Gbar: float, eps: float, delta: float) -> np.ndarray:
    """The model's spectral density, Eq. (5) (the input of the paper, odd in ω)."""
    w = np.asarray(w, dtype=float)
    return 4 * Gbar * eps * delta**2 * w / (((w - eps) ** 2 + delta**2)
                                            * ((w + eps) ** 2 + delta**2))


def gamma(w: np.ndarray | float, beta: float,
          Gamma: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """γ(ω) = Γ(ω)(1 + n(ω)) with the odd continuation of Γ; finite at ω → 0 is not needed."""
    w = np.atleast_1d(np.asarray(w, dtype=float))
    out = np.empty_like(w)
    pos = w > 0
    out[pos] = Gamma(w[pos]) * (1 + bose(w[pos], 1 / beta))
    out[~pos] = Gamma(-w[~pos]) * bose(-w[~pos], 1 / beta)
    return out


def sector_rates(N: int, Omega: float,
                 baths: Sequence[tuple[str, float, Callable]]) -> list[np.ndarray]:
    """Pauli rate matrices W^ν[a, b] (rate b → a, zero diagonal) in the + sector.

    ``baths``: (coupling 'x' | 'x2/N', β, Γ(ω)). Energies and matrix elements are numerical.
    """
    E, V = proper_basis(N)
    E = Omega * E
    ops = spin(N)
    out = []
    for kind, beta, Gamma in baths:
        O = ops["x"] if kind == "x" else ops["x"] @ ops["x"] / N
        A = np.abs(V.conj().T @ O @ V) ** 2
        dE = E[None, :] - E[:, None]  # E_b − E_a
        W = np.zeros_like(A)
        mask = ~np.eye(len(E), dtype=bool) & (np.abs(dE) > 1e-9)
        W[mask] = gamma(dE[mask], beta, Gamma) * A[mask]
        out.append(W)
    return out


def counted_matrix(Ws: Sequence[np.ndarray], E: np.ndarray, counted: int,
                   chi: complex) -> np.ndarray:
    """R(χ): off-diagonal Σ_ν W^ν e^{iχ(E_a − E_b)} on the counted bath, diagonal undressed."""
    R = np.sum(Ws, axis=0).astype(complex)
    dE = E[:, None] - E[None, :]
    R = R + Ws[counted] * (np.exp(1j * chi * dE) - 1)
    R -= np.diag(np.diag(R))
    R -= np.diag(np.sum(Ws, axis=0).sum(axis=0))
    return R


def stationary(R: np.ndarray) -> tuple[np.ndarray, float]:
    """Stationary state of a rate matrix (least squares with the trace row) and its relative
    residual ‖R p‖/(‖R‖ ‖p‖)."""
    n = R.shape[0]
    M = np.vstack([R, np.ones((1, n))])
    rhs = np.zeros(n + 1)
    rhs[-1] = 1.0
    p, *_ = np.linalg.lstsq(M, rhs, rcond=None)
    res = float(np.linalg.norm(R @ p) / (np.linalg.norm(R) * np.linalg.norm(p)))
    if res > 1e-9:
        raise NumericalError(f"stationary state residual {res:.2e} too large")
    return np.real(p), res


def dominant_eigenvalue(R: np.ndarray) -> complex:
    """The eigenvalue with the largest real part (the one continuously connected to 0)."""
    ev = np.linalg.eigvals(R)
    return ev[np.argmax(ev.real)]


def cumulants_fd(R_of_chi: Callable[[float], np.ndarray], scale: float) -> tuple[float, float]:
    """Mean and noise (−i∂_χ)^k λ(χ) by central finite differences of the dominant eigenvalue;
    ``scale`` is the typical energy quantum (step h = 1e-3/scale, Richardson-extrapolated)."""

    def fd(h: float) -> tuple[complex, complex]:
        lp, lm = dominant_eigenvalue(R_of_chi(h)), dominant_eigenvalue(R_of_chi(-h))
        l0 = dominant_eigenvalue(R_of_chi(0.0))
        return (lp - lm) / (2 * h), (lp - 2 * l0 + lm) / h**2

    h = 2e-3 / scale
    d1a, d2a = fd(h)
    d1b, d2b = fd(h / 2)
    d1 = (4 * d1b - d1a) / 3
    d2 = (4 * d2b - d2a) / 3
    return float(np.real(-1j * d1)), float(np.real(-d2))


def three_level_rates(G: Sequence[float], n: Sequence[float],
                      laser: float | None = None) -> list[np.ndarray]:
    """Rate matrices W_c, W_h, W_w of the three lowest levels (index 0, 1, 2 = a = 1/2, 3/2, 5/2)
    from effective bare rates G = (G_c, G_h, G_w) and occupations n = (n_c, n_h, n_w); with
    ``laser`` the work transition is driven symmetrically at that rate."""
    Gc, Gh, Gw = G
    nc, nh, nw = n
    Wc = np.zeros((3, 3))
    Wh = np.zeros((3, 3))
    Ww = np.zeros((3, 3))
    Wc[1, 0], Wc[0, 1] = Gc * nc, Gc * (1 + nc)
    Wh[2, 0], Wh[0, 2] = Gh * nh, Gh * (1 + nh)
    if laser is None:
        Ww[2, 1], Ww[1, 2] = Gw * nw, Gw * (1 + nw)
    else:
        Ww[2, 1] = Ww[1, 2] = laser
    return [Wc, Wh, Ww]

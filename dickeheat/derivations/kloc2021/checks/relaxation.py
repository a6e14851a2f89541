"""Checks of the App. C and D results: numerical rate matrices from jmat matrix elements, the
mean first-passage time to the ground state by a linear solve, finite differences of the
dominant eigenvalue of the numerical two-level R(χ)."""

from __future__ import annotations

import numpy as np

from dickeheat.derivations.kloc2021.checks._numerics import (
    cumulants_fd,
    proper_basis,
    proper_element,
    relative_error,
    spin,
)
from dickeheat.symbolic.result import NumericCheck, Result

__all__ = ["d1_check", "d2_check", "decay_rate_check", "ladder_check", "ladder_slope_check",
           "waiting_time_check"]


def _ohmic(w: np.ndarray) -> np.ndarray:
    return w * np.exp(-w / 100.0)  # App. C: Γ(ω) = ω e^{−ω/ω_c}, ω_c = 100 Ω


def _zero_T(N: int, Om: float, flat: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """T = 0 rate matrix of one J_x-coupled Ohmic bath (numerical energies and elements)."""
    E, V = proper_basis(N)
    E = Om * E
    A2 = np.abs(V.conj().T @ spin(N)["x"] @ V) ** 2
    dE = E[None, :] - E[:, None]  # E_b − E_a
    gam = np.ones_like(dE) if flat else _ohmic(np.where(dE > 0, dE, 1.0))
    W = np.triu(gam * A2, k=1)  # only decays b → a < b
    return W - np.diag(W.sum(axis=0)), E


def decay_rate_check(result: Result) -> NumericCheck:
    f = result.numpy_function
    err = 0.0
    for N in (5, 9, 15):
        R, E = _zero_T(N, 1.0)
        n = len(E)
        a = np.arange(1, n) + 0.5
        ref = np.array([R[k - 1, k] for k in range(1, n)])
        err = max(err, relative_error(f(N, a, _ohmic(E[1:] - E[:-1])), ref))
    return NumericCheck(err < 1e-10, err, 1e-10, "numerical T = 0 rates (jmat), N = 5, 9, 15")


def waiting_time_check(result: Result) -> NumericCheck:
    f = result.numpy_function
    err = 0.0
    for N in (5, 9, 15):
        R, E = _zero_T(N, 1.0)
        n = len(E)
        # mean first-passage time to the ground state: −R_T^T t = 1 on the excited states
        T = R[1:, 1:]
        mfpt = np.linalg.solve(-T.T, np.ones(n - 1))
        for k0 in range(1, n):
            a = np.arange(1, k0 + 1) + 0.5
            gaps = _ohmic(E[1:k0 + 1] - E[:k0])
            err = max(err, relative_error(np.sum(f(N, a, gaps)), mfpt[k0 - 1]))
    return NumericCheck(err < 1e-9, err, 1e-9, "mean first-passage time to |v_1/2⟩ by a linear "
                        "solve on the numerical T = 0 rate matrix, every start, N = 5, 9, 15")


def d1_check(result: Result) -> NumericCheck:
    f = result.numpy_function
    err = max(relative_error(f(N, 0.7), 0.7 * proper_element(N, "x", 1, 0) ** 2)
              for N in (3, 5, 11, 31))
    return NumericCheck(err < 1e-10, err, 1e-10, "numerical ⟨v_3/2|J_x|v_1/2⟩², N = 3 … 31")


def d2_check(result: Result) -> NumericCheck:
    f = result.numpy_function
    err = 0.0
    for Om, Gc, Gw, nc, nw in ((1.0, 2.0, 0.5, 0.1, 0.4), (0.6, 0.3, 3.0, 1.2, 0.05),
                               (2.0, 5.0, 5.0, 0.02, 0.02001)):
        def R(x: float, Om: float = Om, Gc: float = Gc, Gw: float = Gw, nc: float = nc,
              nw: float = nw) -> np.ndarray:
            return np.array([[-(Gc * nc + Gw * nw),
                              Gc * (1 + nc) * np.exp(-2j * x * Om) + Gw * (1 + nw)],
                             [Gc * nc * np.exp(2j * x * Om) + Gw * nw,
                              -(Gc * (1 + nc) + Gw * (1 + nw))]])

        ref = cumulants_fd(R, 2 * Om)[0]
        err = max(err, relative_error(f(Om, Gc, Gw, nc, nw), ref))
    return NumericCheck(err < 1e-6, err, 1e-6, "finite differences of the dominant eigenvalue of "
                        "the numerical two-level R(χ)")


def _top_mfpt(N: int) -> float:
    """Mean first-passage time from |v_{N/2}⟩ to |v_{1/2}⟩, constant Γ = 1, T = 0."""
    R, E = _zero_T(N, 1.0, flat=True)
    T = R[1:, 1:]
    return float(np.linalg.solve(-T.T, np.ones(len(E) - 1))[-1])


def ladder_check(result: Result) -> NumericCheck:
    f = result.numpy_function
    err = max(relative_error(f(N, 1.7), _top_mfpt(N) / 1.7) for N in (5, 11, 31, 61))
    return NumericCheck(err < 1e-9, err, 1e-9, "mean first-passage time from the top state, "
                        "numerical T = 0 rate matrix with constant Γ, N = 5 … 61")


def _top_mfpt_dicke(N: int) -> float:
    """Same first-passage time for large N: T = 0 decay rates |⟨j,a−1|J_x|j,a⟩|² read from the
    sparse :func:`qutip.jmat` (⟨v_{a−1}|J_x|v_a⟩ = ⟨j,a−1|J_x|j,a⟩ for a ≥ 3/2), constant Γ = 1,
    and a sparse solve of the absorbing pure-death chain."""
    import qutip
    import scipy.sparse as sps
    from scipy.sparse.linalg import spsolve

    Jx = qutip.jmat(N / 2, "x").data.as_scipy().tocsr()  # basis m = j, j−1, …, −j
    n = (N + 1) // 2
    # level a = k + 1/2 (k = 0 … n−1) sits at row j − a = n − 1 − k
    rates = np.array([abs(Jx[n - 1 - k, n - k]) ** 2 for k in range(1, n)])  # a → a − 1
    T = sps.diags([-rates, rates[1:]], [0, 1], format="csc")  # excited levels k = 1 … n−1
    t = spsolve(-T.T, np.ones(n - 1))
    return float(t[-1])


def ladder_slope_check(result: Result) -> NumericCheck:
    f = result.numpy_function
    lo, hi = 1001, 20001
    slope = (hi * _top_mfpt_dicke(hi) - lo * _top_mfpt_dicke(lo)) / (np.log(hi) - np.log(lo))
    small = relative_error(_top_mfpt_dicke(31), _top_mfpt(31))  # the two numerical routes agree
    err = max(relative_error(f(1.0), slope), small)
    return NumericCheck(err < 0.01, err, 0.01, "slope of N⟨τ⟩ against ln N between N = 1001 and "
                        "20001 (sparse first-passage solve, jmat rates), O(ln N/N) corrections")

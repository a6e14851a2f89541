"""Checks of Sec. V A (one collective bath) against exact finite-N numerics.

Finite-N results (27) are compared on random states with Tr[m^α D(ρ)] (QuTiP dissipators).
Macroscopic results are compared with exact values at N and 2N extrapolated to N → ∞
(Richardson, removing the 1/N term): stationary moments of QuTiP steady states, and exact
derivatives Tr[O D(ρ)] on test states with a macroscopic limit (a rotated thermal state; for
the closed equations a narrow state symmetric about ⟨m^z⟩, whose third cumulant vanishes).
Jacobian results are compared with central finite differences of the closed equations.
"""

from __future__ import annotations

import functools

import numpy as np
import qutip
import sympy as sp

from dickeheat.numeric.accuracy import relative_error
from dickeheat.symbolic.codegen import to_function
from dickeheat.symbolic.result import NumericCheck

__all__ = [
    "adjoint_check",
    "closed_check",
    "dissipator",
    "eigen_check",
    "gibbs_check",
    "jacobian_check",
    "macro_check",
    "richardson",
    "spin_ops",
    "stationary_check",
]

G0 = 1.0
BE_VALUES = (0.7, 3.0)


@functools.lru_cache(maxsize=8)
@functools.lru_cache(maxsize=16)
def spin_ops(j: float) -> dict[str, np.ndarray]:
    """Spin-j matrices (cached: callers only read them)."""
    return {g: qutip.jmat(j, g).full() for g in ("+", "-", "z", "x", "y")}


def dissipator(j: float, gdown: float, gup: float, rho: np.ndarray) -> np.ndarray:
    o = spin_ops(j)

    def D(L: np.ndarray) -> np.ndarray:
        Ld = L.conj().T
        return L @ rho @ Ld - 0.5 * (Ld @ L @ rho + rho @ Ld @ L)

    return gdown * D(o["-"]) + gup * D(o["+"])


def _moments(j: float, rho: np.ndarray) -> dict[str, float]:
    o = spin_ops(j)
    def tr(A):
        return float(np.real(np.trace(A @ rho)))
    out = {"<mx>": tr(o["x"]) / j, "<my>": tr(o["y"]) / j,
           "<mx mz>": tr((o["x"] @ o["z"] + o["z"] @ o["x"]) / 2) / j**2}
    for k in range(1, 6):
        out["<mz>" if k == 1 else f"<mz^{k}>"] = tr(np.linalg.matrix_power(o["z"], k)) / j**k
    return out


def _verdict(errs: list[float], tol: float, method: str) -> NumericCheck:
    e = float(max(errs))
    return NumericCheck(e <= tol, e, tol, method)


def adjoint_check(result) -> NumericCheck:
    errs = []
    for j, n in ((1.5, 0.4), (3.0, 1.3)):
        rho = qutip.rand_dm(int(2 * j + 1), seed=int(10 * j)).full()
        d = dissipator(j, G0 * (n + 1), G0 * n, rho)
        axis = "x" if result.name.endswith("mx") else "z"
        ref = np.real(np.trace(spin_ops(j)[axis] @ d)) / j
        table = _moments(j, rho) | {"Gamma_0": G0, "n": n, "S": j}
        errs.append(relative_error(result.evaluate(table, strict=False),
                                   ref))
    return _verdict(errs, 1e-10, "Tr[m^α D(ρ)] with QuTiP matrices on random states")


def _scaled(N: int, bE: float) -> tuple[float, float]:
    n = 1.0 / np.expm1(bE / N)
    return G0 / N * (n + 1), G0 / N * n


def _rotated_thermal(j: float, c: float = 1.3, theta: float = 0.7) -> np.ndarray:
    o = spin_ops(j)
    rho = np.diag(np.exp(-c * np.real(np.diag(o["z"])) / j)).astype(complex)
    lam, vec = np.linalg.eigh(o["y"])  # U = exp(−iθ J_y) from the eigenbasis of J_y
    U = (vec * np.exp(-1j * theta * lam)) @ vec.conj().T
    rho = U @ rho @ U.conj().T
    return rho / np.trace(rho)


def _symmetric_narrow(j: float, m0: float = 0.25, sigma: float = 0.1) -> np.ndarray:
    m = np.arange(j, -j - 1, -1) / j  # jmat order: m = j, ..., −j
    p = np.exp(-((m - m0) ** 2) / (2 * sigma**2))
    return np.diag(p / p.sum()).astype(complex)


def _observable(result, j: float) -> tuple[np.ndarray, float]:
    o = spin_ops(j)
    name = result.name
    if name.endswith("mx"):
        return o["x"] / j, 1.0
    if "hierarchy_n" in name:
        k = int(name[-1])
        return np.linalg.matrix_power(o["z"] / j, k), 2 / G0
    if name.endswith("eq39"):
        return (o["z"] / j) @ (o["z"] / j), 1.0
    return o["z"] / j, 1.0


def _deviation(result, N: int, bE: float, state) -> tuple[float, float]:
    j = N / 2
    rho = state(j)
    gd, gu = _scaled(N, bE)
    O, factor = _observable(result, j)
    exact = factor * float(np.real(np.trace(O @ dissipator(j, gd, gu, rho))))
    table = _moments(j, rho) | {"Gamma_0": G0, "betaE": bE}
    value = float(np.real(result.evaluate(table, strict=False)))
    return value - exact, exact


def richardson(values) -> float:
    """N → ∞ from values at N, 2N, 4N (removes the 1/N and 1/N² terms)."""
    f1, f2, f4 = values
    return (8 * f4 - 6 * f2 + f1) / 3


def _extrapolated(result, state, sizes=(20, 40, 80)) -> list[float]:
    errs = []
    for bE in BE_VALUES:
        devs = [_deviation(result, N, bE, state) for N in sizes]
        scale = max(abs(devs[-1][1]), 1e-3)
        errs.append(abs(richardson([d for d, _ in devs])) / scale)
    return errs


def macro_check(result) -> NumericCheck:
    return _verdict(_extrapolated(result, _rotated_thermal), 1e-3,
                    "exact Tr[O D(ρ)] at N = 20, 40, 80 on a rotated thermal state, "
                    "extrapolated N → ∞")


def closed_check(result) -> NumericCheck:
    return _verdict(_extrapolated(result, _symmetric_narrow), 1e-3,
                    "exact Tr[O D(ρ)] at N = 20, 40, 80 on a narrow state symmetric about "
                    "⟨m^z⟩ (third cumulant zero), extrapolated N → ∞")


@functools.lru_cache(maxsize=32)
def _steady(N: int, bE: float) -> np.ndarray:
    j = N / 2
    gd, gu = _scaled(N, bE)
    L = qutip.liouvillian(0 * qutip.jmat(j, "z"), [np.sqrt(gd) * qutip.jmat(j, "-"),
                                                   np.sqrt(gu) * qutip.jmat(j, "+")])
    rho = qutip.steadystate(L).full()
    res = np.linalg.norm(dissipator(j, gd, gu, rho)) / (gd * j * j)
    if res > 1e-9:
        raise ArithmeticError(f"steady-state residual {res:.1e}")
    return rho


def gibbs_check(result) -> NumericCheck:
    errs = []
    for bE in BE_VALUES:
        N = 20
        rho = _steady(N, bE)
        m = np.arange(N / 2, -N / 2 - 1, -1) / (N / 2)
        slope = np.polyfit(m, np.log(np.real(np.diag(rho))), 1)[0]
        errs.append(relative_error(result.numpy_function(bE), -slope))
    return _verdict(errs, 1e-8, "slope of ln p(m^z) of the QuTiP steady state, N = 20")


def stationary_check(result) -> NumericCheck:
    key = {"mz_ss": "<mz>", "mz2_ss": "<mz^2>", "mx2_ss": "<mx2>"}[result.name.split(".")[1]]
    errs = []
    for bE in BE_VALUES:
        vals = []
        for N in (20, 40, 80):
            j = N / 2
            rho = _steady(N, bE)
            mom = _moments(j, rho)
            mom["<mx2>"] = float(np.real(np.trace(spin_ops(j)["x"] @ spin_ops(j)["x"] @ rho)))\
                / j**2
            vals.append(mom[key])
        ref = richardson(vals)
        errs.append(relative_error(result.numpy_function(bE), ref))
    return _verdict(errs, 2e-4, "QuTiP steady states at N = 20, 40, 80 extrapolated N → ∞")


def _closed_rhs(result):
    syms = sorted(result.step("eq38").free_symbols | result.step("eq39").free_symbols, key=str)
    f = to_function(syms, sp.Matrix([result.step("eq38"), result.step("eq39")]))
    names = [str(s) for s in syms]

    def rhs(mz: float, mz2: float, bE: float) -> np.ndarray:
        table = {"Gamma_0": G0, "betaE": bE, "<mz>": mz, "<mz^2>": mz2}
        return np.asarray(f(*[table[k] for k in names]), dtype=float).ravel()

    return rhs


def _fd_jacobian(rhs, mz: float, mz2: float, bE: float, h: float = 1e-6) -> np.ndarray:
    cols = []
    for dz, dz2 in ((h, 0.0), (0.0, h)):
        cols.append((rhs(mz + dz, mz2 + dz2, bE) - rhs(mz - dz, mz2 - dz2, bE)) / (2 * h))
    return np.array(cols).T


def jacobian_check(result) -> NumericCheck:
    rhs = _closed_rhs(result)
    i, j = int(result.name[-2]) - 1, int(result.name[-1]) - 1
    errs = []
    for mz, mz2, bE in ((-0.4, 0.3, 0.7), (0.2, 0.5, 3.0), (-0.8, 0.7, 10.0)):
        J = _fd_jacobian(rhs, mz, mz2, bE)
        table = {"Gamma_0": G0, "betaE": bE, "<mz>": mz, "<mz^2>": mz2}
        errs.append(relative_error(result.evaluate(table, strict=False),
                                   J[i, j]))
    return _verdict(errs, 1e-7, "central finite differences of the closed (38)–(39)")


def eigen_check(result) -> NumericCheck:
    rhs = _closed_rhs(result)
    mz_f = to_function(list(result.step("mz_ss").free_symbols), result.step("mz_ss"))
    mz2_f = to_function(list(result.step("mz2_ss").free_symbols), result.step("mz2_ss"))
    errs = []
    for bE in (0.5, 2.0, 8.0):
        ev = np.linalg.eigvals(_fd_jacobian(rhs, float(mz_f(bE)), float(mz2_f(bE)), bE))
        ev = ev[np.argsort(-ev.real)]
        ref = ev[0] if result.name.endswith("plus") else ev[1]
        errs.append(relative_error(result.numpy_function(G0, bE), ref))
    return _verdict(errs, 1e-7, "eigenvalues of the finite-difference Jacobian of (38)–(39) "
                                "at (33)–(34)")

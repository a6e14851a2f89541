"""Checks of the driven macroscopic equations against exact finite-N derivatives.

For a product of two rotated thermal states of the clouds (a state with a macroscopic limit),
d⟨O⟩/dt = Tr[O L(ρ)] is computed with numeric matrices at N = 20, 40, 80 (the drive's
commutators with single-cloud matrices, the dissipators with QuTiP-built ladder matrices) and
extrapolated to N → ∞; the closed two-body equations are checked on products of spin coherent
states, whose
cumulants beyond the first vanish in the limit (so the closure is exact there).
"""

from __future__ import annotations

import functools
import math

import numpy as np

from dickeheat.derivations.dasilvasouza2022.checks.dissipative import (
    _rotated_thermal,
    dissipator,
    richardson,
    spin_ops,
)
from dickeheat.symbolic.result import NumericCheck

__all__ = ["PARAMS", "closed_pair_check", "first_moment_check"]

PARAMS = {"omega_0": 0.6, "Gamma_0": 1.0, "E_1": 1.0, "E_2": 2.5, "beta_1": 1.5,
          "beta_2": 0.4}


def _cart(j: float, axis: str) -> np.ndarray:
    return spin_ops(j)[axis] / j


def _moments(j: float, rhos) -> dict[str, float]:
    """Commuting Cartesian moments up to order 2 per cloud and cross products."""
    out = {}
    single = []
    for k, rho in enumerate(rhos, start=1):
        vals = {}
        for a in "xyz":
            vals[a] = float(np.real(np.trace(_cart(j, a) @ rho)))
            out[f"<m{k}{a}>"] = vals[a]
        for a, b in ("xx", "xy", "xz", "yy", "yz", "zz"):
            sym = (_cart(j, a) @ _cart(j, b) + _cart(j, b) @ _cart(j, a)) / 2
            name = f"<m{k}{a}^2>" if a == b else f"<m{k}{a} m{k}{b}>"
            out[name] = float(np.real(np.trace(sym @ rho)))
        single.append(vals)
    for a in "xyz":
        for b in "xyz":
            out[f"<m1{a} m2{b}>"] = single[0][a] * single[1][b]
    return out


def _derivative(j: float, rhos, O1: np.ndarray | None, O2: np.ndarray | None) -> float:
    """Tr[(O1 ⊗ O2) L(ρ1 ⊗ ρ2)] (``None``: identity) with the scaled parameters (28)."""
    N = 2 * j
    p = PARAMS
    o = spin_ops(j)
    I = np.eye(int(2 * j + 1))
    A = [O1 if O1 is not None else I, O2 if O2 is not None else I]
    def ev(X, k):
        return np.trace(X @ rhos[k])
    total = 0.0 + 0.0j
    # −i[V, ρ] with V = (ω0/N)/2 (S1+S2− + S1−S2+): Tr[A (−i[V, ρ])] = Tr[i[V, A] ρ]
    for a1, a2 in ((o["+"], o["-"]), (o["-"], o["+"])):
        g = p["omega_0"] / N / 2
        total += 1j * g * (ev(a1 @ A[0], 0) * ev(a2 @ A[1], 1)
                           - ev(A[0] @ a1, 0) * ev(A[1] @ a2, 1))
    for k, (b, E) in enumerate(((p["beta_1"], p["E_1"]), (p["beta_2"], p["E_2"]))):
        n = 1 / np.expm1(b * E / N)
        d = dissipator(j, p["Gamma_0"] / N * (n + 1), p["Gamma_0"] / N * n, rhos[k])
        total += np.trace(A[k] @ d) * ev(A[1 - k], 1 - k)
    return float(np.real(total))


def _observable(name: str, j: float):
    key = name.split(".")[1]
    if key.startswith("eq47_m"):
        site, axis = int(key[6]) - 1, key[7]
        ops = [None, None]
        ops[site] = _cart(j, axis)
        return ops
    cross = {"eqC7": "xx", "eqC8": "xy", "eqC9": "xz", "eqC10": "yy", "eqC11": "yz",
             "eqC12": "zz"}
    if key in cross:
        a, b = cross[key]
        return [_cart(j, a), _cart(j, b)]
    exps = {"eqC1": "xx", "eqC2": "xy", "eqC3": "xz", "eqC4": "yy", "eqC5": "yz",
            "eqC6": "zz"}[key]
    a, b = exps
    return [(_cart(j, a) @ _cart(j, b) + _cart(j, b) @ _cart(j, a)) / 2, None]


def _check(result, state, method: str) -> NumericCheck:
    devs, scale = [], 0.0
    for N in (20, 40, 80):
        j = N / 2
        rhos = state(j)
        exact = _derivative(j, rhos, *_observable(result.name, j))
        table = _moments(j, rhos) | PARAMS
        value = float(np.real(result.evaluate(table, strict=False)))
        devs.append(value - exact)
        scale = max(abs(exact), 1e-2)
    err = abs(richardson(devs)) / scale
    return NumericCheck(err <= 1e-3, err, 1e-3, method)


def first_moment_check(result) -> NumericCheck:
    def state(j):
        return (_rotated_thermal(j, 1.3, 0.7), _rotated_thermal(j, -0.6, 1.9))
    return _check(result, state, "exact Tr[O L(ρ₁⊗ρ₂)] at N = 20, 40, 80 with (28), rotated "
                                 "thermal clouds, extrapolated N → ∞")


@functools.lru_cache(maxsize=16)
def coherent_state(j: float, theta: float, phi: float) -> np.ndarray:
    """|θ, φ⟩⟨θ, φ| in the ``jmat`` basis (m = j … −j): binomial amplitudes (the same state as
    ``qutip.spin_coherent``, without its matrix exponential; cached: callers only read it)."""
    n = int(round(2 * j))
    k = np.arange(n + 1)                                       # k = j − m
    logc = 0.5 * (math.lgamma(n + 1) - np.array([math.lgamma(x + 1) + math.lgamma(n - x + 1)
                                                for x in k]))
    with np.errstate(divide="ignore"):
        amp = np.exp(logc + (n - k) * np.log(np.cos(theta / 2)) + k * np.log(np.sin(theta / 2)))
    psi = amp * np.exp(1j * k * phi)
    psi = psi / np.linalg.norm(psi)
    return np.outer(psi, psi.conj())


def closed_pair_check(result) -> NumericCheck:
    def state(j):
        return (coherent_state(j, 1.1, 0.4), coherent_state(j, 2.0, -0.9))
    return _check(result, state, "exact Tr[O L(ρ₁⊗ρ₂)] at N = 20, 40, 80 with (28) on spin "
                                 "coherent clouds (every cumulant beyond the first vanishes "
                                 "as N → ∞), extrapolated N → ∞")

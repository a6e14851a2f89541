"""Checks of the closed macroscopic equations (every order) and of the power and heat currents
per pair, against exact finite-N numerics extrapolated to N → ∞.

On a product of two spin coherent states (every cumulant beyond the first vanishes as N → ∞, so
a closure at any order is exact there), each moment μ_M = Tr[∏(S^+)^a(S^z)^b(S^-)^c ρ]/S^deg M
and its exact derivative Tr[M L(ρ₁⊗ρ₂)]/S^deg M (drive commutators and dissipators from numeric
matrices with the scaling (28)) are computed at N = 10, 20, 40; the result, evaluated on the
exact moments, minus the exact derivative is extrapolated to N → ∞ (Richardson) and must vanish.
The observables (P/N, J_i/N) are checked the same way against Tr[i[H₀, V] ρ]/N and
Tr[H_i D_i(ρ)]/N.
"""

from __future__ import annotations

import functools
import re

import numpy as np

from dickeheat.derivations.dasilvasouza2022.checks.dissipative import (
    dissipator,
    richardson,
    spin_ops,
)
from dickeheat.derivations.dasilvasouza2022.checks.driven import PARAMS, coherent_state
from dickeheat.symbolic.result import NumericCheck

__all__ = ["COHERENT", "observable_check", "rhs_check"]

#: the (θ, φ) of the two coherent clouds
COHERENT = ((1.1, 0.4), (2.0, -0.9))
_TOKEN = re.compile(r"S([12])([+z-])(?:\^(\d+))?")


@functools.lru_cache(maxsize=8)
def _dissipated(j: float) -> tuple[np.ndarray, np.ndarray]:
    """D_k(ρ_k) of both clouds with the scaled parameters (28)."""
    N = 2 * j
    p = PARAMS
    rhos = _state(j)
    out = []
    for k, (b, E) in enumerate(((p["beta_1"], p["E_1"]), (p["beta_2"], p["E_2"]))):
        n = 1 / np.expm1(b * E / N)
        out.append(dissipator(j, p["Gamma_0"] / N * (n + 1), p["Gamma_0"] / N * n, rhos[k]))
    return out[0], out[1]


def _site_operators(j: float, label: str) -> list[np.ndarray]:
    """The two single-cloud factors of the canonical monomial ``label`` ("S1+ S1z^2 S2-")."""
    o = spin_ops(j)
    exps = [[0, 0, 0], [0, 0, 0]]
    for site, g, power in _TOKEN.findall(label):
        exps[int(site) - 1]["+z-".index(g)] += int(power or 1)
    out = []
    for a, b, c in exps:
        out.append(np.linalg.matrix_power(o["+"], a) @ np.linalg.matrix_power(o["z"], b)
                   @ np.linalg.matrix_power(o["-"], c))
    return out


def _degree(label: str) -> int:
    return sum(int(p or 1) for _, _, p in _TOKEN.findall(label))


def _exact(j: float, rhos, A: list[np.ndarray]) -> tuple[complex, complex]:
    """⟨A₁⊗A₂⟩ and Tr[(A₁⊗A₂) L(ρ₁⊗ρ₂)] with the scaled parameters (28)."""
    N = 2 * j
    p = PARAMS
    o = spin_ops(j)

    def ev(X: np.ndarray, k: int) -> complex:
        return complex(np.sum(X * rhos[k].T))

    value = ev(A[0], 0) * ev(A[1], 1)
    g = p["omega_0"] / N / 2
    total = 0.0 + 0.0j
    for a1, a2 in ((o["+"], o["-"]), (o["-"], o["+"])):  # Tr[A(−i[V, ρ])] = Tr[i[V, A]ρ]
        total += 1j * g * (ev(a1 @ A[0], 0) * ev(a2 @ A[1], 1)
                           - ev(A[0] @ a1, 0) * ev(A[1] @ a2, 1))
    for k, d in enumerate(_dissipated(j)):
        total += complex(np.trace(A[k] @ d)) * ev(A[1 - k], 1 - k)
    return value, total


@functools.lru_cache(maxsize=8)
def _state(j: float) -> tuple[np.ndarray, ...]:
    return tuple(coherent_state(j, *angles) for angles in COHERENT)


def _variable_values(j: float, rhos, names) -> tuple[dict[str, float], dict[str, float]]:
    """Exact scaled moments and their derivatives, keyed by real-variable name."""
    vals, ders = {}, {}
    for name in names:
        part, label = ("re", name) if name.startswith("<") else (name[:2].lower(), name[2:])
        label = label[1:-1]
        scale = j ** _degree(label)
        v, d = _exact(j, rhos, _site_operators(j, label))
        pick = (lambda z: z.imag) if part == "im" else (lambda z: z.real)
        vals[name], ders[name] = pick(v) / scale, pick(d) / scale
    return vals, ders


def rhs_check(result) -> NumericCheck:
    names = [str(a) for a in result.args if str(a) not in PARAMS]
    devs, scale = [], 1e-2
    for N in (10, 20, 40):
        j = N / 2
        rhos = _state(j)
        vals, ders = _variable_values(j, rhos, names)
        table = vals | PARAMS
        f = np.asarray(result.evaluate(table, strict=False),
                       dtype=float).ravel()
        exact = np.array([ders[n] for n in names])
        devs.append(f - exact)
        scale = max(scale, float(np.max(np.abs(exact))))
    err = float(np.max(np.abs(richardson(devs)))) / scale
    return NumericCheck(err <= 1e-3, err, 1e-3,
                        "exact Tr[M L(ρ₁⊗ρ₂)]/S^deg M for every variable, coherent clouds, "
                        "N = 10, 20, 40 with (28), extrapolated N → ∞")


def _observable(key: str, j: float, rhos) -> float:
    """Exact P/N (work on the drive, i[H₀, V]) or J_i/N (Tr[H_i D_i(ρ_i)]) at N = 2j."""
    N = 2 * j
    p = PARAMS
    o = spin_ops(j)
    eye = np.eye(o["z"].shape[0])
    H = [p["E_1"] * (o["z"] + j * eye), p["E_2"] * (o["z"] + j * eye)]

    def ev(X: np.ndarray, k: int) -> complex:
        return complex(np.sum(X * rhos[k].T))

    if key == "P":
        g = p["omega_0"] / N / 2
        total = 0.0 + 0.0j
        for a1, a2 in ((o["+"], o["-"]), (o["-"], o["+"])):  # i[H₁ + H₂, a₁a₂]
            total += 1j * g * (ev(H[0] @ a1 - a1 @ H[0], 0) * ev(a2, 1)
                               + ev(a1, 0) * ev(H[1] @ a2 - a2 @ H[1], 1))
        return float(total.real) / N
    k = int(key[1]) - 1
    d = _dissipated(j)[k]
    return float(np.trace(H[k] @ d).real) / N


def observable_check(result) -> NumericCheck:
    key = result.name.split(".")[1].split("_")[1]
    names = [str(a) for a in result.args if str(a) not in PARAMS]
    devs, scale = [], 1e-2
    for N in (10, 20, 40):
        j = N / 2
        rhos = _state(j)
        vals, _ = _variable_values(j, rhos, names)
        table = vals | PARAMS
        value = float(np.real(result.evaluate(table, strict=False)))
        exact = _observable(key, j, rhos)
        devs.append(value - exact)
        scale = max(scale, abs(exact))
    err = abs(richardson(devs)) / scale
    return NumericCheck(err <= 1e-3, err, 1e-3,
                        "exact Tr[i[H₀, V]ρ]/N or Tr[H_i D_i(ρ)]/N on coherent clouds, "
                        "N = 10, 20, 40 with (28), extrapolated N → ∞")

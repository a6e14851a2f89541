"""Checks of Appendix D against independent numerics.

* (D1) prefactor: 2 p² with p the exact ⟨i[H₀, V]⟩/N on coherent clouds (N = 10, 20, 40,
  extrapolated) against prefactor × (m₁ˣm₂ʸ − m₁ʸm₂ˣ)².
* (D3): the connected autocorrelation of m₁ˣm₂ʸ − m₁ʸm₂ˣ for a jointly Gaussian (v(0), v(τ))
  with a random covariance, by Monte Carlo (4·10⁵ samples, fixed seed), against the result.
* (D4)–(D5): the regression theorem at τ = 0, d⟨a(τ)X(0)⟩/dτ = Tr[a L(Xρ)], exact at
  N = 10, 20, 40 with (28) on a U(1)-twirled pair of coherent clouds (⟨m^{x,y}⟩ = 0, sharp
  m^z, so the closure is exact as N → ∞), extrapolated, against the result evaluated on the
  exact equal-time correlations.
"""

from __future__ import annotations

import functools

import numpy as np

from dickeheat.derivations.dasilvasouza2022.checks.dissipative import dissipator, richardson
from dickeheat.derivations.dasilvasouza2022.checks.dissipative import spin_ops as _spin_ops
from dickeheat.derivations.dasilvasouza2022.checks.driven import PARAMS, coherent_state
from dickeheat.symbolic.result import NumericCheck

__all__ = ["d3_check", "prefactor_check", "variance_check"]

_AXES = {"m1x": (0, "x"), "m1y": (0, "y"), "m2x": (1, "x"), "m2y": (1, "y"),
         "m1z": (0, "z"), "m2z": (1, "z")}


def _ev(X: np.ndarray, rho: np.ndarray) -> complex:
    return complex(np.sum(X * rho.T))


def _lindblad_trace(j: float, A: list[np.ndarray], rhos: list[np.ndarray]) -> complex:
    """Tr[(A₁⊗A₂) L(ρ₁⊗ρ₂)] for any (not necessarily Hermitian) factors, scaling (28)."""
    N = 2 * j
    p = PARAMS
    o = _spin_ops(j)
    g = p["omega_0"] / N / 2
    total = 0.0 + 0.0j
    for a1, a2 in ((o["+"], o["-"]), (o["-"], o["+"])):
        total += 1j * g * (_ev(a1 @ A[0], rhos[0]) * _ev(a2 @ A[1], rhos[1])
                           - _ev(A[0] @ a1, rhos[0]) * _ev(A[1] @ a2, rhos[1]))
    for k, (b, E) in enumerate(((p["beta_1"], p["E_1"]), (p["beta_2"], p["E_2"]))):
        n = 1 / np.expm1(b * E / N)
        d = dissipator(j, p["Gamma_0"] / N * (n + 1), p["Gamma_0"] / N * n, rhos[k])
        total += np.trace(A[k] @ d) * _ev(A[1 - k], rhos[1 - k])
    return complex(total)


def _factor(j: float, name: str) -> list[np.ndarray]:
    o = _spin_ops(j)
    eye = np.eye(o["z"].shape[0])
    site, axis = _AXES[name]
    out = [eye, eye]
    out[site] = o[axis] / j
    return out


#: the coherent clouds (θ, φ) twirled over a common rotation about z
TWIRL = ((1.0, 0.3), (2.1, 1.4))
_ANGLES = tuple(2 * np.pi * k / 4 for k in range(4))


@functools.lru_cache(maxsize=4)
def _twirled(j: float) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    return tuple((coherent_state(j, TWIRL[0][0], TWIRL[0][1] + a),
                  coherent_state(j, TWIRL[1][0], TWIRL[1][1] + a)) for a in _ANGLES)


def _mix(j: float, fn) -> complex:
    comps = _twirled(j)
    return sum(fn(list(c)) for c in comps) / len(comps)


def variance_check(result) -> NumericCheck:
    """The regression row at τ = 0 against Tr[a L(Xρ)] (X = m2y)."""
    row_name = result.name.split(".")[1]                   # eqD4_m1 etc.
    row = {"eqD4_m1": "m1x", "eqD5_m1": "m1y", "eqD4_m2": "m2x", "eqD5_m2": "m2y"}[row_name]
    X = "m2y"
    devs, scale = [], 1e-3
    for N in (10, 20, 40):
        j = N / 2
        Xf = _factor(j, X)
        table = dict(PARAMS)
        for s in result.args:
            name = str(s)
            if name.startswith("G["):
                a = name[2:5]
                A = _factor(j, a)
                table[name] = _mix(j, lambda r, A=A, Xf=Xf: _ev(A[0] @ Xf[0], r[0])
                                   * _ev(A[1] @ Xf[1], r[1])).real
            elif name in ("<m1z>", "<m2z>"):
                A = _factor(j, name[1:4])
                table[name] = _mix(j, lambda r, A=A: _ev(A[0], r[0]) * _ev(A[1], r[1])).real
        a = _factor(j, row)
        exact = _mix(j, lambda r, j=j, a=a, Xf=Xf: _lindblad_trace(
            j, a, [Xf[0] @ r[0], Xf[1] @ r[1]])).real
        value = float(np.real(result.numpy_function(*[table[str(s)] for s in result.args])))
        devs.append(value - exact)
        scale = max(scale, abs(exact))
    err = abs(richardson(devs)) / scale
    return NumericCheck(err <= 1e-3, err, 1e-3,
                        "regression theorem at τ = 0: exact Tr[a L(m2y ρ)] on U(1)-twirled "
                        "coherent clouds, N = 10, 20, 40 with (28), extrapolated N → ∞")


def prefactor_check(result) -> NumericCheck:
    devs, scale = [], 1e-8
    pref = float(result.numpy_function(PARAMS["omega_0"], PARAMS["E_1"], PARAMS["E_2"]))
    for N in (10, 20, 40):
        j = N / 2
        rhos = [coherent_state(j, 1.1, 0.4), coherent_state(j, 2.0, -0.9)]
        p_exact = _observable_at(j, rhos)
        mx = {n: (_ev(_factor(j, n)[0], rhos[0]) * _ev(_factor(j, n)[1], rhos[1])).real
              for n in ("m1x", "m1y", "m2x", "m2y")}
        q = mx["m1x"] * mx["m2y"] - mx["m1y"] * mx["m2x"]
        devs.append(pref * q**2 - 2 * p_exact**2)
        scale = max(scale, 2 * p_exact**2)
    err = abs(richardson(devs)) / scale
    return NumericCheck(err <= 1e-3, err, 1e-3,
                        "2 (P/N)² from the exact ⟨i[H₀, V]⟩/N on coherent clouds, N = 20, 40, "
                        "80 with (28), extrapolated, against prefactor × (m1x m2y − m1y m2x)²")


def _observable_at(j: float, rhos: list[np.ndarray]) -> float:
    N = 2 * j
    p = PARAMS
    o = _spin_ops(j)
    eye = np.eye(o["z"].shape[0])
    H = [p["E_1"] * (o["z"] + j * eye), p["E_2"] * (o["z"] + j * eye)]
    g = p["omega_0"] / N / 2
    total = 0.0 + 0.0j
    for a1, a2 in ((o["+"], o["-"]), (o["-"], o["+"])):
        total += 1j * g * (_ev(H[0] @ a1 - a1 @ H[0], rhos[0]) * _ev(a2, rhos[1])
                           + _ev(a1, rhos[0]) * _ev(H[1] @ a2 - a2 @ H[1], rhos[1]))
    return float(total.real) / N


def d3_check(result) -> NumericCheck:
    rng = np.random.default_rng(20220)
    names = ("m1x", "m1y", "m2x", "m2y")
    B = rng.normal(size=(8, 8))
    C = B @ B.T / 8 + 0.2 * np.eye(8)                 # covariance of (v(0), v(τ))
    table = {}
    for s in result.args:
        late, early = str(s)[2:-1].split(",")
        a, b = late[:3], early[:3]
        table[str(s)] = C[4 + names.index(a), names.index(b)]
    value = float(result.numpy_function(*[table[str(s)] for s in result.args]))
    x = rng.multivariate_normal(np.zeros(8), C, size=400_000)
    p0 = x[:, 0] * x[:, 3] - x[:, 1] * x[:, 2]
    pt = x[:, 4] * x[:, 7] - x[:, 5] * x[:, 6]
    mc = float(np.mean(p0 * pt) - np.mean(p0) * np.mean(pt))
    err = abs(value - mc) / max(abs(mc), 1e-12)
    return NumericCheck(err <= 6e-2, err, 6e-2,
                        "Monte Carlo (4·10⁵ samples) of ⟨p(0)p(τ)⟩ − ⟨p⟩² for a jointly "
                        "Gaussian (v(0), v(τ)), p = m1x m2y − m1y m2x")

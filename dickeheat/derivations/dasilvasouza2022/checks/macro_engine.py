"""Checks of the macroscopic power, its regression equations (D4)–(D5) and the variance (D3).

- Power per pair: −Tr[P̂ρ]/N with the power operator of (10) built from QuTiP spin matrices
  (ω₀ → ω₀/N), on a random correlated state of two clouds, against the result evaluated at
  the state's ⟨m₋⁽¹⁾m₊⁽²⁾⟩.
- (D4)–(D5): the exact slope d/dτ⟨O(τ)A(0)⟩|₀ = Tr[O L(Aρ)] of the scaled Lindbladian (28)
  on a product of Dicke states |S, M₁⟩|S, M₂⟩ (⟨m^{x,y}⟩ = 0, m^z sharp, so the third-order
  closure becomes exact as N → ∞), at N = 10, 20, 40 extrapolated (Richardson), for every
  A ∈ {m₁ˣ, m₁ʸ, m₂ˣ, m₂ʸ}.
- (D3): for a random stable drift matrix and covariance, the Gaussian (Wick) four-point
  functions summed over all pairings with X = m₁ˣm₂ʸ − m₁ʸm₂ˣ, ⟨X⟩² subtracted and integrated
  by quadrature, against the result evaluated at quadrature values of the integrals K.
"""

from __future__ import annotations

import numpy as np
import qutip
import scipy.integrate

from dickeheat.derivations.dasilvasouza2022.checks.dissipative import (
    dissipator,
    richardson,
    spin_ops,
)
from dickeheat.numeric.accuracy import relative_error
from dickeheat.symbolic.result import NumericCheck

__all__ = ["power_per_pair_check", "regression_check", "variance_check"]

PARAMS = {"omega_0": 0.7, "Gamma_0": 1.0, "E_1": 1.0, "E_2": 2.5, "beta_1": 1.5,
          "beta_2": 0.4, "nu": 1.5}
U = (("1", "x"), ("1", "y"), ("2", "x"), ("2", "y"))


def power_per_pair_check(result) -> NumericCheck:
    errs = []
    for N in (2, 5):
        j = N / 2
        o = spin_ops(j)
        one = np.eye(N + 1)
        s1p, s1m = np.kron(o["+"], one), np.kron(o["-"], one)
        s2p, s2m = np.kron(one, o["+"]), np.kron(one, o["-"])
        rho = qutip.rand_dm((N + 1) ** 2, seed=N).full()
        w, nu = PARAMS["omega_0"], PARAMS["nu"]
        P_op = 1j * nu * (w / N) / 2 * (s1p @ s2m - s1m @ s2p)  # (dV/dt)_I with (28)
        exact = -np.real(np.trace(P_op @ rho)) / N
        mu = np.trace(s1m @ s2p @ rho) / j**2  # ⟨m₋⁽¹⁾m₊⁽²⁾⟩
        table = {"omega_0": w, "nu": nu, "Im<S1- S2+>": float(np.imag(mu))}
        value = float(result.evaluate(table, strict=False))
        errs.append(relative_error(value, exact))
    e = float(max(errs))
    return NumericCheck(e <= 1e-10, e, 1e-10, "−Tr[P̂ρ]/N with QuTiP spin matrices (ω₀ → "
                        "ω₀/N), random two-cloud states, N = 2, 5")


def _dicke(j: float, frac: float) -> tuple[np.ndarray, float]:
    M = np.round(frac * j)
    psi = qutip.spin_state(j, M).full().ravel()
    return np.outer(psi, psi.conj()), M / j


def _slope(j: float, O: list, X: list) -> complex:
    """Tr[(O₁⊗O₂) L(X₁⊗X₂)] for the scaled Lindbladian (28) (drive and both baths)."""
    N = 2 * j
    p = PARAMS
    o = spin_ops(j)
    def tr(A, B):
        return np.sum(A * B.T)
    total = 0j
    g = p["omega_0"] / N / 2
    for a, b in ((o["+"], o["-"]), (o["-"], o["+"])):
        total += -1j * g * (tr(O[0], a @ X[0]) * tr(O[1], b @ X[1])
                            - tr(O[0], X[0] @ a) * tr(O[1], X[1] @ b))
    for k, (beta, E) in enumerate(((p["beta_1"], p["E_1"]), (p["beta_2"], p["E_2"]))):
        n = 1 / np.expm1(beta * E / N)
        d = dissipator(j, p["Gamma_0"] / N * (n + 1), p["Gamma_0"] / N * n, X[k])
        total += tr(O[k], d) * tr(O[1 - k], X[1 - k])
    return total


def regression_check(result) -> NumericCheck:
    key = result.name.split(".")[1]  # eqD4_m1_order3 / eqD5_m2_order3
    site = int(key.split("_")[1][1]) - 1
    axis = "x" if key.startswith("eqD4") else "y"
    devs = {A: [] for A in U}
    scale = 0.0
    for N in (10, 20, 40):
        j = N / 2
        o = spin_ops(j)
        I = np.eye(N + 1)
        r1, z1 = _dicke(j, -0.4)
        r2, z2 = _dicke(j, 0.3)
        rhos = (r1, r2)
        O = [I, I]
        O[site] = o[axis] / j
        for A in U:
            k = int(A[0]) - 1
            X = [rhos[0], rhos[1]]
            X[k] = (o[A[1]] / j) @ rhos[k]
            exact = float(np.real(_slope(j, O, X)))
            table = dict(PARAMS) | {"<m1z>": z1, "<m2z>": z2}
            for s, a in U:
                Ou = [I, I]
                Ou[int(s) - 1] = o[a] / j
                table[f"C_m{s}{a}"] = float(np.real(np.trace(Ou[0] @ X[0])
                                                    * np.trace(Ou[1] @ X[1])))
            value = float(result.evaluate(table, strict=False))
            devs[A].append(value - exact)
            scale = max(scale, abs(exact))
    err = max(abs(richardson(d)) for d in devs.values()) / max(scale, 1e-3)
    return NumericCheck(err <= 1e-3, err, 1e-3, "exact Tr[O L(Aρ)] of the scaled "
                        "Lindbladian on Dicke-state products, N = 10, 20, 40, "
                        "extrapolated N → ∞")


def variance_check(result) -> NumericCheck:
    rng = np.random.default_rng(7)
    M = rng.normal(size=(4, 4)) - 3.0 * np.eye(4)
    B = rng.normal(size=(4, 4))
    C0 = B @ B.T / 4 + 0.2 * np.eye(4)
    C0[0, 3] = C0[3, 0] = C0[0, 3] + 0.3  # a nonzero ⟨X⟩
    w, nu = 0.8, 1.3
    s = {"x1": 0, "y1": 1, "x2": 2, "y2": 3}
    X = [(1.0, s["x1"], s["y2"]), (-1.0, s["y1"], s["x2"])]
    mean = sum(c * C0[a, b] for c, a, b in X)

    lam, V = np.linalg.eig(M)
    right = np.linalg.solve(V, C0)

    def G(t):  # G[q, p] = ⟨q(t) p(0)⟩ = (e^{Mt} C0)[q, p]
        return np.real((V * np.exp(lam * t)) @ right)

    def integrand(t):
        g = G(t)
        tot = 0.0
        for c1, a, b in X:
            for c2, c, d in X:  # ⟨a(0)b(0)c(t)d(t)⟩ by Wick, all three pairings
                tot += c1 * c2 * (C0[a, b] * C0[c, d] + g[c, a] * g[d, b] + g[d, a] * g[c, b])
        return tot - mean**2

    direct = 2 * (nu * w / 4) ** 2 * scipy.integrate.quad(integrand, 0, np.inf, limit=200)[0]
    table = {"omega_0": w, "nu": nu}
    for a in result.args:
        name = str(a)
        if name.startswith("K["):
            (p, q), (r, t) = [pair.split(",") for pair in name[2:-1].split(";")]
            lab = {f"m{k}{ax}": f"{ax}{k}" for k in (1, 2) for ax in "xy"}
            ip, iq, ir, it = (s[lab[x]] for x in (p, q, r, t))
            table[name] = scipy.integrate.quad(
                lambda tau, i=(iq, ip), k=(it, ir): G(tau)[i] * G(tau)[k], 0, np.inf,
                limit=200)[0]
    value = float(result.evaluate(table, strict=False))
    e = relative_error(value, direct)
    return NumericCheck(e <= 1e-6, e, 1e-6, "Wick four-point functions of a random Gaussian "
                        "process summed over all pairings, ⟨X⟩² subtracted, quadrature")

"""Checks of the thermodynamic results: numerical three-level (and N = 7 sector) rate
matrices, currents and noise from the bordered linear solves of :mod:`dickeheat.numeric.fcs`,
random sampling of the inequalities, tightness near the reversible point."""

from __future__ import annotations

from typing import Any

import numpy as np

from dickeheat.derivations.kloc2021.checks._numerics import (
    relative_error,
    three_level_rates,
)
from dickeheat.numeric.fcs import counting_statistics
from dickeheat.symbolic.result import NumericCheck, Result

__all__ = [
    "carnot_check",
    "entropy_check",
    "first_law_check",
    "model_statistics",
    "tur_check",
    "tur_cop_check",
]

E3 = np.array([0.25, 2.25, 6.25])


def model_statistics(Om: float, G: tuple, n: tuple) -> dict[str, tuple[float, float]]:
    """(current, noise) of each bath of the numerical 3×3 model."""
    Ws = three_level_rates(G, n)
    W = np.sum(Ws, axis=0)
    R0 = W - np.diag(W.sum(axis=0))
    out = {}
    for k, nu in enumerate("chw"):
        st = counting_statistics(R0, Ws[k], energies=Om * E3)
        out[nu] = (st.current, st.noise)
    return out


def _nb(w: float, beta: Any) -> Any:
    return 1 / np.expm1(beta * w)


def first_law_check(result: Result) -> NumericCheck:
    f = result.numpy_function
    rng = np.random.default_rng(3)
    err = 0.0
    for _ in range(5):
        Om = rng.uniform(0.5, 2)
        G = tuple(rng.uniform(0.1, 5, 3))
        n = tuple(rng.uniform(0.01, 3, 3))
        st = model_statistics(Om, G, n)
        err = max(err, relative_error(f(Om, *G, *n), -(st["h"][0] + st["w"][0])))
    return NumericCheck(err < 1e-9, err, 1e-9, "−(I_h + I_w) from numeric.fcs on random 3×3 models")


def entropy_check(result: Result) -> NumericCheck:
    f = result.numpy_function
    rng = np.random.default_rng(5)
    err, worst = 0.0, np.inf
    for _ in range(200):
        Om = rng.uniform(0.5, 2)
        G = tuple(10 ** rng.uniform(-1, 1, 3))
        bc, bh, bw = 10 ** rng.uniform(-1.5, 0.5, 3)
        st = model_statistics(Om, G, (_nb(2 * Om, bc), _nb(6 * Om, bh), _nb(4 * Om, bw)))
        ref = -(bc * st["c"][0] + bh * st["h"][0] + bw * st["w"][0])
        val = f(Om, *G, bc, bh, bw)
        err = max(err, abs(val - ref) / max(abs(ref), 1e-300) if abs(ref) > 1e-12
                  else abs(val - ref))
        worst = min(worst, val)
    ok = err < 1e-7 and worst >= -1e-12
    return NumericCheck(ok, err, 1e-7, f"σ_i from numeric.fcs currents, 200 random thermal "
                        f"3×3 models (min σ_i = {worst:.3g} ≥ 0)")


def tur_check(result: Result) -> NumericCheck:
    f = result.numpy_function
    err = 0.0
    for Om, Gc, Gh, bc, bh in ((1.0, 1.0, 1.0, 2.0, 1.0), (0.8, 3.0, 0.5, 1.2, 0.7),
                               (1.3, 0.4, 6.0, 0.5, 0.45)):
        nc, nh = _nb(2 * Om, bc), _nb(6 * Om, bh)
        st = model_statistics(Om, (Gc, Gh, 1.0), (nc, nh, 1e7))
        I, S = st["c"]
        ref = S * (3 * bh - bc) / I
        err = max(err, relative_error(f(Om, Gc, Gh, nc, nh, bc, bh), ref))
    rng = np.random.default_rng(7)
    m = 4000
    gcs, ghs = 10 ** rng.uniform(-2, 2, (2, m))
    bhs = 10 ** rng.uniform(-2, np.log10(5), m)
    bcs = bhs * rng.uniform(1.0001, 2.9999, m)
    Q = f(1.0, gcs, ghs, _nb(2.0, bcs), _nb(6.0, bhs), bcs, bhs)
    qmin = float(np.min(Q))
    ok = err < 1e-5 and qmin >= 2.0 - 1e-9  # Q → 2 at the reversible edge β_c → 3β_h
    return NumericCheck(ok, err, 1e-5, f"3×3 numeric.fcs at n_w = 1e7 (3 points); TUR sampled on "
                        f"{m} points, min Q = {qmin:.6g} ≥ 2")


def _cooling_samples(rng: np.random.Generator, m: int) -> list[tuple]:
    out: list[tuple] = []
    while len(out) < m:
        G = tuple(10 ** rng.uniform(-1, 1, 3))
        bh = 10 ** rng.uniform(-1, 0.3)
        bc = bh * rng.uniform(1.05, 2.9)
        bw = bh * rng.uniform(1e-3, 0.5)
        st = model_statistics(1.0, G, (_nb(2, bc), _nb(6, bh), _nb(4, bw)))
        if st["c"][0] > 0 and st["w"][0] > 0:
            out.append((bc, bh, bw, st))
    return out


def _near_reversible() -> tuple[float, float, dict]:
    bh = 1.0
    bc = 3 * bh * (1 - 1e-3)
    st = model_statistics(1.0, (1.0, 1.0, 1.0), (_nb(2, bc), _nb(6, bh), 1e6))
    return bc, bh, st


def carnot_check(result: Result) -> NumericCheck:
    f = result.numpy_function
    rng = np.random.default_rng(9)
    viol = 0.0
    for bc, bh, _, st in _cooling_samples(rng, 30):
        viol = max(viol, st["c"][0] / st["w"][0] - f(bc, bh))
    bc, bh, st = _near_reversible()
    tight = relative_error(f(bc, bh), st["c"][0] / st["w"][0])
    ok = viol <= 1e-12 and tight < 5e-3
    return NumericCheck(ok, tight, 5e-3, f"κ ≤ bound on 30 random cooling 3×3 models (max "
                        f"violation {viol:.2g}); tightness at β_c = 3β_h(1 − 1e-3), n_w = 1e6")


def tur_cop_check(result: Result) -> NumericCheck:
    f = result.numpy_function
    rng = np.random.default_rng(10)
    viol = 0.0
    for bc, bh, _, st in _cooling_samples(rng, 30):
        I, S = st["c"]
        viol = max(viol, I / st["w"][0] - f(bc, bh, I, S))
    bc, bh, st = _near_reversible()
    I, S = st["c"]
    tight = relative_error(f(bc, bh, I, S), I / st["w"][0])
    ok = viol <= 1e-12 and tight < 5e-3
    return NumericCheck(ok, tight, 5e-3, f"κ ≤ κ̄ on 30 random cooling 3×3 models (max "
                        f"violation {viol:.2g}); tightness at β_c = 3β_h(1 − 1e-3), n_w = 1e6")

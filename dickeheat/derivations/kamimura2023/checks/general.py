"""Checks of Bound 1 (Eq. 9) and Bound 2 (Eq. 14) by seeded random sampling.

On every random system (dims 2–5, one or two channels, white-noise and damped-mode baths,
banded and dense couplings, random states of every rank) the registered two-channel closed form
is evaluated with the system's numerical norms, windows and Ξ (a one-channel system fills the
second channel with zeros). It must bound the Redfield current (with Lamb shift) of
:func:`dickeheat.numeric.redfield.redfield_current`, and equal the bound computed from the
norms by :func:`~dickeheat.derivations.kamimura2023.checks._common.norm_bound` (so that a
spurious factor or sign in the closed form is caught).
"""

from __future__ import annotations

import numpy as np

from dickeheat.derivations.kamimura2023.checks._common import TOL, evaluate, norm_bound
from dickeheat.errors import ParameterError
from dickeheat.numeric.accuracy import relative_error
from dickeheat.numeric.bounds import (
    energy_window,
    operator_norm,
    random_bath,
    random_density_matrix,
    random_hermitian,
    random_systems,
)
from dickeheat.numeric.redfield import Coupling, redfield_current
from dickeheat.symbolic.result import NumericCheck, Result

__all__ = ["bound1_check", "bound2_check", "bound_sampling"]

#: random systems drawn by the sampler, and two-channel systems drawn afterwards
N_SAMPLES, N_TWO_CHANNEL, SEED = 120, 40, 2023


def _arguments(H: np.ndarray, coupling: Coupling) -> dict[str, float]:
    """Values of every argument of the two-channel bounds, by name (channel 2 zero if absent)."""
    ops = coupling.operators
    if len(ops) > 2:
        raise ParameterError(f"the registered bounds have two channels, got {len(ops)}")
    xi = np.zeros((2, 2))
    n = len(ops)
    xi[:n, :n] = coupling.xi_matrix()
    a = [operator_norm(A) for A in ops] + [0.0] * (2 - n)
    w = [energy_window(H, A) for A in ops] + [0.0] * (2 - n)
    return {"||H_S||": operator_norm(H), "Xi_11": xi[0, 0], "Xi_12": xi[0, 1],
            "Xi_21": xi[1, 0], "Xi_22": xi[1, 1], "||A_1||": a[0], "||A_2||": a[1],
            "Delta_E_1": w[0], "Delta_E_2": w[1]}


def _two_channel_systems(n: int, seed: int):
    rng = np.random.default_rng(seed)
    for _ in range(n):
        d = int(rng.integers(2, 6))
        H, A1, A2 = (random_hermitian(d, rng) for _ in range(3))
        coupling = Coupling((A1, A2), (random_bath(rng), random_bath(rng)))
        yield H, coupling, random_density_matrix(d, rng)


def bound_sampling(result: Result, which: int) -> NumericCheck:
    """Random systems must respect the closed form of Bound ``which`` (``result``), which must
    equal the bound from numerical norms."""
    worst = [0.0, 0.0]  # largest |J|/B: sampler systems, two-channel systems
    mismatch = 0.0
    systems = (random_systems(N_SAMPLES, seed=SEED),
               _two_channel_systems(N_TWO_CHANNEL, SEED + 1))
    for part, sample in enumerate(systems):
        for H, coupling, rho in sample:
            closed = float(evaluate(result, _arguments(H, coupling)))
            numeric = norm_bound(which, H, coupling.operators, coupling.xi_matrix())
            current = abs(redfield_current(H, coupling, rho))
            # a coupling diagonal in the energy basis has ΔE = 0 and carries no current
            ratio = current / closed if closed > 0 else (0.0 if current < 1e-12 else np.inf)
            worst[part] = max(worst[part], ratio)
            mismatch = max(mismatch, relative_error(closed, numeric))
    excess = max(0.0, worst[0] - 1.0, worst[1] - 1.0)
    ok = excess <= TOL and mismatch <= 1e-12
    return NumericCheck(ok, max(excess, mismatch), TOL,
                        f"largest |J|/Bound {which} = {worst[0]:.4f} over {N_SAMPLES} random "
                        f"systems (seed {SEED}): Redfield current with Lamb shift, dims 2–5, "
                        "1–2 channels, white-noise and damped-mode baths, banded and dense A; "
                        f"the code-generated closed form on {N_TWO_CHANNEL} two-channel systems: "
                        f"largest |J|/B = {worst[1]:.4f}, agreement with the bound from "
                        f"numerical norms {mismatch:.1e}")


def bound1_check(result: Result) -> NumericCheck:
    """Bound 1 (``kamimura2023.bound1``) by random sampling."""
    return bound_sampling(result, 1)


def bound2_check(result: Result) -> NumericCheck:
    """Bound 2 (``kamimura2023.bound2``) by random sampling."""
    return bound_sampling(result, 2)

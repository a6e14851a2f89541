"""Checks of Bound 1 (Eq. 9) and Bound 2 (Eq. 14) against measured currents.

The registered two-channel closed form is evaluated with each system's numerical norms,
windows and Ξ (a one-channel system fills the second channel with zeros) and compared with the
Redfield current (Lamb shift included) of :func:`dickeheat.numeric.redfield.redfield_current`
— never with a second product of norms:

* **never violated**: seeded random systems (dims 2–5, one or two channels, white-noise and
  damped-mode baths, banded and dense couplings, random states of every rank), then a
  falsification search (:func:`dickeheat.symbolic.inequality.falsify`: random points and
  Nelder–Mead) maximising |J|/B over qubits with white noise;
* **attained**: a qubit H = (ω/2)σ_z with A_k = a_k σ_x and rank-one correlated white noise
  C_kl(s) = c u_k u_l δ(s) (a_k, u_k > 0), in its excited state, has |J| = B exactly for both
  bounds (all four Ξ_kl nonzero). Its current is that of the single channel (Σ_k u_k a_k)σ_x with
  white noise c, because the Redfield dissipator depends on the channels only through
  Σ_kl C_kl(s) A_k ⊗ A_l. A bound too large by any factor, or with a wrong Ξ_kl coefficient,
  fails here; a bound with the wrong sign fails the first part.
"""

from __future__ import annotations

import numpy as np

from dickeheat.derivations.kamimura2023.checks._common import TOL, bound_arguments, evaluate
from dickeheat.numeric.accuracy import relative_error
from dickeheat.numeric.bounds import (
    random_bath,
    random_density_matrix,
    random_hermitian,
    random_systems,
)
from dickeheat.numeric.redfield import Coupling, redfield_current
from dickeheat.symbolic.bath import WhiteNoise
from dickeheat.symbolic.inequality import falsify
from dickeheat.symbolic.result import NumericCheck, Result

__all__ = ["bound1_check", "bound2_check", "bound_sampling"]

#: random systems drawn by the sampler, two-channel systems, witnesses; seed
N_SAMPLES, N_TWO_CHANNEL, N_WITNESS, SEED = 50, 20, 12, 2023
#: random starting points and evaluations of the falsification search
N_SEARCH, N_SEARCH_EVALUATIONS = 60, 150

_SX = np.array([[0.0, 1.0], [1.0, 0.0]])
_SZ = np.diag([1.0, -1.0])


def _ratio(result: Result, H: np.ndarray, coupling: Coupling, rho: np.ndarray) -> float:
    """|J| / B with the closed form B at the system's numerical norms."""
    bound = float(evaluate(result, bound_arguments(H, coupling.operators, coupling.xi_matrix())))
    current = abs(redfield_current(H, coupling, rho))
    if bound > 0:
        return current / bound
    # a coupling diagonal in the energy basis has ΔE = 0 and carries no current
    return 0.0 if (current < 1e-12 and bound == 0) else np.inf


def _two_channel_systems(n: int, seed: int):
    rng = np.random.default_rng(seed)
    for _ in range(n):
        d = int(rng.integers(2, 6))
        H, A1, A2 = (random_hermitian(d, rng) for _ in range(3))
        coupling = Coupling((A1, A2), (random_bath(rng), random_bath(rng)))
        yield H, coupling, random_density_matrix(d, rng)


def _search_instance(result: Result):
    """x -> (|J|, B) for a qubit: H, A (Hermitian), a state from a Ginibre matrix, white
    noise of strength e^{x_0}."""

    def instance(x: np.ndarray) -> tuple[float, float]:
        def herm(v: np.ndarray) -> np.ndarray:
            M = (v[:4] + 1j * v[4:8]).reshape(2, 2)
            return 0.5 * (M + M.conj().T)

        H, A = herm(x[1:9]), herm(x[9:17])
        G = (x[17:21] + 1j * x[21:25]).reshape(2, 2)
        rho = G @ G.conj().T
        rho /= np.trace(rho).real
        coupling = Coupling((A,), (WhiteNoise(float(np.exp(np.clip(x[0], -5, 5)))),))
        bound = float(evaluate(result, bound_arguments(H, (A,), coupling.xi_matrix())))
        return abs(redfield_current(H, coupling, rho)), bound

    return instance


def _witness_error(result: Result) -> float:
    """Largest | |J|/B − 1 | on qubits with rank-one correlated white noise (see the module)."""
    rng = np.random.default_rng(SEED + 2)
    err = 0.0
    for _ in range(N_WITNESS):
        omega, c = rng.uniform(0.2, 3.0), rng.uniform(0.1, 2.0)
        a, u = rng.uniform(0.2, 2.0, 2), rng.uniform(0.2, 2.0, 2)
        H = 0.5 * omega * _SZ
        ops = (a[0] * _SX, a[1] * _SX)
        xi = np.array([[WhiteNoise(c * u[k] * u[l]).xi_value() for l in range(2)]
                       for k in range(2)])
        bound = float(evaluate(result, bound_arguments(H, ops, xi)))
        effective = Coupling((float(u @ a) * _SX,), (WhiteNoise(c),))
        current = abs(redfield_current(H, effective, np.diag([1.0, 0.0])))
        err = max(err, relative_error(bound, current))
    return err


def bound_sampling(result: Result, which: int) -> NumericCheck:
    """|J| <= B on random systems and a falsification search; |J| = B on the witnesses."""
    worst = 0.0
    for sample in (random_systems(N_SAMPLES, seed=SEED),
                   _two_channel_systems(N_TWO_CHANNEL, SEED + 1)):
        for H, coupling, rho in sample:
            worst = max(worst, _ratio(result, H, coupling, rho))
    search = falsify(_search_instance(result), 25, "<=", seed=SEED, n_random=N_SEARCH,
                     n_optimize=1, max_evaluations=N_SEARCH_EVALUATIONS, tol=TOL)
    witness = _witness_error(result)
    excess = max(0.0, worst - 1.0, -search.worst_margin)
    ok = excess <= TOL and witness <= TOL and not search.violated
    return NumericCheck(ok, max(excess, witness), TOL,
                        f"Bound {which} against measured Redfield currents (Lamb shift "
                        f"included): largest |J|/B = {worst:.4f} over {N_SAMPLES} random "
                        f"systems and {N_TWO_CHANNEL} two-channel systems (seed {SEED}; dims "
                        "2–5, white-noise and damped-mode baths, banded and dense A); "
                        f"falsification search on qubits ({search.evaluations} evaluations, "
                        f"smallest margin 1 − |J|/B = {search.worst_margin:.3f}); attained "
                        f"on {N_WITNESS} qubits with rank-one correlated white noise, "
                        f"| |J|/B − 1 | = {witness:.1e}")


def bound1_check(result: Result) -> NumericCheck:
    """Bound 1 (``kamimura2023.bound1``): never violated, attained by the witnesses."""
    return bound_sampling(result, 1)


def bound2_check(result: Result) -> NumericCheck:
    """Bound 2 (``kamimura2023.bound2``): never violated, attained by the witnesses."""
    return bound_sampling(result, 2)

r"""Backend ``reduced``: exact steady state of the heat valve on the Dicke lattice (J, M).

:math:`H_0 = \omega_0 J_z` and every jump operator changes :math:`M` by ±1, so the unique
steady state with a parasitic bath (and the thermal state of a fixed-:math:`J` sector without
one) is diagonal in the Dicke basis and the Lindblad equation reduces to a classical rate
equation for the lumped populations :math:`P(J, M) = d_J\,p(J, M)` (rates in
:mod:`dickeheat.numeric.dicke_lattice`, derived in :mod:`dickeheat.symbolic.dicke_rates`).
For N qubits that is ``(N//2 + 1)(N + 1 − N//2)`` ≈ N²/4 unknowns.

Method (``gamma_p > 0``, :mod:`dickeheat.numeric.aggregation`)
    Populations span thousands of orders of magnitude, so the unknowns are scaled,
    :math:`P(J, M) = e^{\lambda_J + \phi_J(M)}\,y(J, M)`, and every coefficient is formed from
    differences of logs (never :math:`d_J`, never a population itself): nothing overflows and
    tiny populations keep their relative accuracy. The scaled equations are solved by
    iterative aggregation–disaggregation: block Gauss–Seidel sweeps (alternating direction) in
    which each J ladder, a tridiagonal system factorised once, is solved exactly given the flux
    from its neighbours, each followed by the exact coarse correction of the sector weights (a
    birth–death chain in J, solved in logs). Where that correction flips sign from sweep to
    sweep (ladders that leak faster than they equilibrate) it is switched off for that pair of
    ladders. Two references:

    * ``thermal`` (fast path): :math:`\phi_J(M) = (J+M)\ln(\Gamma_\uparrow/\Gamma_\downarrow)`;
      couplings are per-ladder scalars times fixed polynomials, ladders are factorised through
      a symmetric LDLᵀ (``dpttrf``); 4 arrays of n levels;
    * ``log`` (fallback, when the populations stray more than e^300 from the thermal ones or
      the collective baths are at T ≈ 0): any per-level log reference, starting from the
      frozen-J balance of the total up/down rates and re-centred on the iterate whenever it
      drifts; 12 arrays of n levels.

    Nearly closed ladders (pivots that lost more than 6 digits to cancellation) get their LU
    pivots recomputed without subtractions (:func:`~dickeheat.numeric.aggregation.exact_pivots`).

Convergence criterion
    the largest componentwise relative change of y between successive iterates (after their
    coarse steps), divided by 1 − (observed contraction per sweep), is at most ``tol``
    (default 1e-11): an estimate of the remaining relative error of every population. Or the
    change has stayed flat below 1e-8 for
    12 sweeps (the rounding floor, which grows slowly with N). Paper-like parameters
    (γ_p ≪ γ) converge in 6–13 sweeps for N = 500 … 10 000; a strong, hot parasitic bath
    (γ_p ≳ γ) converges linearly, in hundreds of sweeps (``max_iter`` = 2000 by default).

Residual
    ``residual`` is the largest relative balance violation
    :math:`\max_{J,M} |\dot P(J,M)| / (\Gamma_{\rm out}(J,M)\,P(J,M))`, i.e. the ∞-norm of
    the rate-equation residual with each level measured against its own outflow (scale
    invariant, so it speaks for the tiniest populations too), evaluated from the scaled system
    after the last sweep. A residual above ``residual_tol`` (default 1e-8) raises
    :class:`~dickeheat.errors.NumericalError`. The residual has a rounding floor that does not
    shrink with ``tol``: ~1e-13 in most cases, up to ~6e-9 for N of several hundred with a
    very cold parasitic bath (T0/T_p = 30), where populations span e^{-10^4}.

Memory
    at most :data:`BYTES_PER_LEVEL` = 96 bytes per level (the ``log`` path; the ``thermal``
    path needs 32): 2.4 GB at N = 10 000. :func:`memory_estimate` is checked against
    :data:`MAX_N` and against the memory the operating system reports available before anything
    large is allocated.
"""

from __future__ import annotations

import dataclasses
import math
import time

import numpy as np
from scipy.special import logsumexp

from dickeheat.errors import NumericalError, ParameterError
from dickeheat.numeric import dicke_lattice as lat
from dickeheat.numeric.aggregation import Drift, LadderSolver, LatticeRates, iterate
from dickeheat.numeric.aggregation_log import LogReferenceSolver
from dickeheat.numeric.aggregation_thermal import ThermalReferenceSolver
from dickeheat.numeric.model import HeatValve
from dickeheat.numeric.steady import SteadyState

__all__ = [
    "MAX_N",
    "BYTES_PER_LEVEL",
    "RESIDUAL_NORM",
    "DickePopulations",
    "memory_estimate",
    "available_memory",
    "solve",
]

#: bytes of working memory per Dicke level (12 float64 arrays)
BYTES_PER_LEVEL = 96
#: largest N accepted: memory_estimate(30_000) ≈ 21.6 GB, what a 24 GB machine can hold
MAX_N = 30_000
RESIDUAL_NORM = (
    "max over levels of |dP(J,M)/dt| / (outflow rate(J,M) * P(J,M)) "
    "(componentwise relative balance residual, infinity norm)"
)
_MAX_RECENTRES = 8


@dataclasses.dataclass(frozen=True, eq=False)
class DickePopulations:
    """Lumped populations P(J, M) = d_J p(J, M) of a permutation-invariant diagonal state.

    Stored as natural logs (``-inf`` for an exactly empty level) in the packed layout of
    :mod:`dickeheat.numeric.dicke_lattice`, because most of them underflow a double.

    Attributes
    ----------
    N
        Number of qubits.
    log_P
        Packed natural-log populations.
    iterations, change
        Solver iterations and the last relative change (0 for closed-form solutions).
    sector
        If not None, the state lives in this one J ladder and ``log_P`` holds only it.
    reference
        ``"thermal"`` or ``"log"`` (the scaling the iteration ended with) or ``"closed form"``.
    """

    N: int
    log_P: np.ndarray
    iterations: int = 0
    change: float = 0.0
    sector: float | None = None
    reference: str = "closed form"

    def J_values(self) -> np.ndarray:
        """The J of each block, N/2, N/2 − 1, …"""
        return lat.block_J(self.N)

    def packed(self) -> np.ndarray:
        """log P on the full packed lattice (``-inf`` outside ``sector``)."""
        if self.sector is None:
            return self.log_P
        out = np.full(lat.n_levels(self.N), -np.inf)
        k = round(self.N / 2 - self.sector)
        off = k * (self.N + 2 - k)
        out[off : off + len(self.log_P)] = self.log_P
        return out

    def block(self, J: float) -> tuple[np.ndarray, np.ndarray]:
        """``(M, log P(J, M))`` for one J sector, M increasing."""
        k = round(self.N / 2 - float(J))
        if not (0 <= k <= self.N // 2) or abs(self.N / 2 - k - float(J)) > 1e-9:
            raise ParameterError(f"J must be one of N/2, N/2 - 1, ..., >= 0 for N={self.N}, got {J!r}")
        length = self.N + 1 - 2 * k
        M = np.arange(length) - (self.N / 2 - k)
        if self.sector is not None:
            if abs(float(J) - self.sector) > 1e-9:
                return M, np.full(length, -np.inf)
            return M, self.log_P
        off = k * (self.N + 2 - k)
        return M, self.log_P[off : off + length]

    def log_population(self, J: float, M: float) -> float:
        """log P(J, M) of one level."""
        Ms, logs = self.block(J)
        i = round(float(M) + float(J))
        if not (0 <= i < len(Ms)) or abs(Ms[i] - float(M)) > 1e-9:
            raise ParameterError(f"M must be one of -J, ..., J for J={J}, got {M!r}")
        return float(logs[i])

    def populations(self) -> np.ndarray:
        """P(J, M) in the packed layout (underflows to 0 below ~1e-308)."""
        return np.exp(self.packed())


# -- memory -------------------------------------------------------------------------------
def memory_estimate(N: int) -> int:
    """Peak working memory of :func:`solve` in bytes for N qubits (with a parasitic bath)."""
    return BYTES_PER_LEVEL * lat.n_levels(N) + 64 * (int(N) + 2) + 16 * 2**20


def available_memory() -> int | None:
    """Memory the operating system reports available (``MemAvailable``), or None if unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def _check_memory(N: int) -> None:
    if N > MAX_N:
        raise ParameterError(
            f"N = {N} is too large for backend 'reduced': it accepts N <= {MAX_N} "
            f"(about {memory_estimate(MAX_N) / 1e9:.1f} GB of working memory)"
        )
    need = memory_estimate(N)
    have = available_memory()
    if have is not None and need > have:
        raise ParameterError(
            f"N = {N} needs about {need / 1e9:.2f} GB of working memory for backend 'reduced' "
            f"but only {have / 1e9:.2f} GB is available; reduce N"
        )


# -- solutions ------------------------------------------------------------------------------
def _ground_state(N: int) -> DickePopulations:
    log_P = np.full(lat.n_levels(N), -np.inf)
    log_P[0] = 0.0  # (J, M) = (N/2, −N/2) is the first level of the first block
    return DickePopulations(N, log_P)


def _fixed_J(model: HeatValve) -> tuple[DickePopulations, float]:
    """Thermal state at T* of one J ladder (no parasitic bath): closed form, in logs."""
    J = model.N / 2 if model.J is None else float(model.J)
    M = np.arange(-J, J + 1)
    Gd, Gu = model.emission_rate, model.absorption_rate
    if Gu == 0.0 or len(M) == 1:
        log_P = np.full(len(M), -np.inf)
        log_P[0] = 0.0
        return DickePopulations(model.N, log_P, sector=J), 0.0
    log_P = (M + J) * math.log(Gu / Gd)
    log_P -= logsumexp(log_P)
    # componentwise balance residual, every ratio formed in log space
    up = Gu * lat.collective_up(J, M)
    dn = Gd * lat.collective_down(J, M)
    rel_in = np.zeros(len(M))
    with np.errstate(divide="ignore"):
        rel_in[:-1] += np.exp(np.log(dn[1:]) + log_P[1:] - log_P[:-1])
        rel_in[1:] += np.exp(np.log(up[:-1]) + log_P[:-1] - log_P[1:])
    out = up + dn
    return DickePopulations(model.N, log_P, sector=J), float(np.max(np.abs(rel_in - out) / out))


def _solve_lattice(rates: LatticeRates, tol: float,
                   max_iter: int) -> tuple[LadderSolver, int, float, str]:
    """Thermal reference first; if it drifts (or does not apply) the general log reference
    from the frozen-J balance, re-centred on the iterate whenever it drifts again."""
    iterations = 0
    if ThermalReferenceSolver.applicable(rates):
        solver = None
        try:
            solver = ThermalReferenceSolver(rates)
            iterations, change = iterate(solver, tol=tol, max_iter=max_iter)
            return solver, iterations, change, "thermal"
        except (Drift, FloatingPointError):
            iterations = 0 if solver is None else solver.iterations_done
            del solver  # free the thermal work arrays before allocating the general ones
    general = LogReferenceSolver(rates)
    for _ in range(_MAX_RECENTRES):
        try:
            done, change = iterate(general, tol=tol, max_iter=max(max_iter - iterations, 1))
            return general, iterations + done, change, "log"
        except Drift:
            iterations += general.iterations_done
            general.rereference()
            if general.iterations_done <= 1:  # drifted at once: re-centre in log space first
                general.log_sweep(downward=True)
                general.log_sweep(downward=False)
            general.build()
    raise NumericalError(f"reduced solver: the reference kept drifting (N = {rates.N})")


def _sector_observables(model: HeatValve, pops: DickePopulations) -> dict:
    """Observables of a one-ladder state (``pops.sector``)."""
    J = pops.sector
    M, lp = pops.block(J)
    P = np.exp(lp)
    up = float(P @ lat.collective_up(J, M))
    dn = float(P @ lat.collective_down(J, M))
    w = model.omega0
    return {
        "Q_h": w * model.gamma_h * (model.n_h * up - (1 + model.n_h) * dn),
        "Q_c": w * model.gamma_c * (model.n_c * up - (1 + model.n_c) * dn),
        "Q_p": 0.0,
        "jz": float(P @ M),
        "J2": J * (J + 1) * float(P.sum()),
        "P_J": {float(J): float(P.sum())},
        "trace": float(P.sum()),
    }


def _with_parasitic(model: HeatValve, tol: float, residual_tol: float,
                    max_iter: int) -> tuple[DickePopulations, float, np.ndarray]:
    rates = LatticeRates.of(model)
    if rates.Gu == 0.0 and rates.ga == 0.0:  # every bath at T = 0: the ground state absorbs
        pops = _ground_state(model.N)
        return pops, 0.0, _moments_from_logs(pops)
    solver, iterations, change, reference = _solve_lattice(rates, tol, max_iter)
    residual = solver.residual()
    if not residual <= residual_tol:
        raise NumericalError(
            f"reduced solver: relative balance residual {residual:.2e} exceeds {residual_tol:.1e} "
            f"(N = {model.N}, {iterations} iterations, {reference} reference)"
        )
    moments = np.array([(solver.lam[k], *solver.moments(k)) for k in range(solver.K + 1)])
    pops = DickePopulations(model.N, solver.log_populations(), iterations, change,
                            reference=reference)
    return pops, residual, moments


def _moments_from_logs(pops: DickePopulations) -> np.ndarray:
    """Rows (lam = 0, Σ P, Σ P t, Σ P t²) per block, from the log populations."""
    rows = []
    for J in pops.J_values():
        M, lp = pops.block(J)
        P = np.exp(lp)
        t = M + J
        rows.append((0.0, float(P.sum()), float(P @ t), float(P @ (t * t))))
    return np.array(rows)


def _observables(model: HeatValve, moments: np.ndarray) -> dict:
    """Currents and moments from the per-ladder sums of P, P t and P t² (t = J + M).

    With e = exp(lam): P_J = e S0, Σ P M = e (S1 − J S0), Σ P (J−M)(J+M+1) =
    e [(2J)(S1 + S0) − (S2 + S1)], Σ P (J+M)(J−M+1) = e [(2J+1) S1 − S2].
    """
    h = model.N / 2
    J = lat.block_J(model.N)
    lam, S0, S1, S2 = moments.T
    with np.errstate(under="ignore"):
        e = np.exp(lam)
    L = 2 * J + 1
    pj = e * S0
    up = float(np.sum(e * ((L - 1) * (S1 + S0) - (S2 + S1))))
    dn = float(np.sum(e * (L * S1 - S2)))
    excited = float(np.sum(e * ((h - J) * S0 + S1)))
    ground = float(np.sum(e * ((h + J) * S0 - S1)))
    w = model.omega0
    P_J = {float(j): float(p) for j, p in zip(J, pj)}
    return {
        "Q_h": w * model.gamma_h * (model.n_h * up - (1 + model.n_h) * dn),
        "Q_c": w * model.gamma_c * (model.n_c * up - (1 + model.n_c) * dn),
        "Q_p": w * model.gamma_p * (model.n_p * ground - (1 + model.n_p) * excited),
        "jz": float(np.sum(e * (S1 - J * S0))),
        "J2": float(np.sum(J * (J + 1) * pj)),
        "P_J": P_J,
        "trace": math.fsum(P_J.values()),
    }


def solve(model: HeatValve, *, tol: float = 1e-11, residual_tol: float = 1e-8,
          max_iter: int = 2000) -> SteadyState:
    """Exact steady state of ``model`` on the Dicke lattice.

    With ``gamma_p > 0``: the unique steady state on all (J, M). With ``gamma_p == 0``: the
    steady state of the ladder ``model.J`` (``N/2`` if ``J`` is None), the thermal state at T*.

    Parameters
    ----------
    model
        The heat valve.
    tol
        Convergence threshold on the componentwise relative change per iteration, in (0, 1e-3].
    residual_tol
        Largest accepted relative balance residual (see :data:`RESIDUAL_NORM`), > 0.
    max_iter
        Iteration limit, >= 1.

    Raises
    ------
    ParameterError
        Bad options, or N beyond :data:`MAX_N` or beyond the available memory.
    NumericalError
        No convergence, or a residual above ``residual_tol``.

    Examples
    --------
    >>> s = solve(HeatValve(N=4, gamma_h=1, gamma_c=1, T_h=3, T_c=1/3, gamma_p=0.01, T_p=1/3))
    >>> abs(s.first_law) < 1e-12, abs(s.trace - 1) < 1e-12
    (True, True)
    """
    if not isinstance(model, HeatValve):
        raise ParameterError(f"model must be a HeatValve, got {type(model).__name__}")
    if not (0.0 < float(tol) <= 1e-3):
        raise ParameterError(f"tol must be in (0, 1e-3], got {tol!r}")
    if not (float(residual_tol) > 0.0):
        raise ParameterError(f"residual_tol must be > 0, got {residual_tol!r}")
    if isinstance(max_iter, bool) or not float(max_iter).is_integer() or max_iter < 1:
        raise ParameterError(f"max_iter must be an integer >= 1, got {max_iter!r}")
    t0 = time.perf_counter()
    if model.gamma_p == 0.0:
        pops, residual = _fixed_J(model)
        obs = _sector_observables(model, pops)
    else:
        _check_memory(model.N)
        pops, residual, moments = _with_parasitic(model, float(tol), float(residual_tol),
                                                  int(max_iter))
        obs = _observables(model, moments)
    return SteadyState(
        model=model,
        backend="reduced",
        residual=residual,
        solve_seconds=time.perf_counter() - t0,
        residual_norm=RESIDUAL_NORM,
        rho=pops,
        **obs,
    )

"""The driver of the ``reduced`` backend: memory checks, the closed-form cases, the choice of
reference for the aggregation kernels, the observables and the public :func:`solve` (see the
package docstring for the method)."""

from __future__ import annotations

import dataclasses
import math
import time

import numpy as np
from scipy.special import logsumexp

from dickeheat.errors import NumericalError, ParameterError
from dickeheat.numeric import dicke_lattice as lat
from dickeheat.numeric.model import HeatValve
from dickeheat.numeric.reduced._aggregation import (
    Drift,
    LadderSolver,
    LatticeRates,
    iterate,
)
from dickeheat.numeric.reduced._direct import solve_direct
from dickeheat.numeric.reduced._log import LogReferenceSolver
from dickeheat.numeric.reduced._populations import DickePopulations
from dickeheat.numeric.reduced._thermal import ThermalReferenceSolver, thermal_sector_weights
from dickeheat.numeric.steady import SteadyState

__all__ = [
    "BYTES_PER_LEVEL",
    "CUT_ESTIMATE",
    "CUT_TOL",
    "DEPHASING_BYTES_PER_LEVEL",
    "DEPHASING_MAX_N",
    "MAX_N",
    "MIN_RATE_RATIO",
    "RESIDUAL_NORM",
    "available_memory",
    "memory_estimate",
    "solve",
]

#: bytes of working memory per Dicke level (12 float64 arrays)
BYTES_PER_LEVEL = 96
#: bytes per level of the thermal fast path (3 float64 arrays: y, multipliers, reciprocal pivots)
THERMAL_BYTES_PER_LEVEL = 24
#: bytes per level of the log path with local dephasing (14 float64 arrays: two more couplings)
DEPHASING_BYTES_PER_LEVEL = 112
#: largest N accepted: memory_estimate(30_000) ≈ 21.6 GB, what a 24 GB machine can hold
MAX_N = 30_000
RESIDUAL_NORM = (
    "max over levels of |dP(J,M)/dt| / (outflow rate(J,M) * P(J,M)) "
    "(componentwise relative balance residual, infinity norm)"
)
#: re-centrings of the thermal reference's slope (``refit``) before the log reference
_THERMAL_REFITS = 4
#: re-centrings of the log reference before giving up (N = 1000 with a strong, cold local bath
#: and hot collective baths needed 13)
_MAX_RECENTRES = 64
#: smallest ratio of a nonzero rate to the largest rate that :func:`solve` accepts
MIN_RATE_RATIO = 1e-12
#: with local dephasing a change that stays flat is accepted as the rounding floor only below
#: this (strong dephasing, γ_φ ≫ γ, contracts so slowly that a change of 1e-9 can be flat over
#: 12 sweeps 1e-6 away from the solution)
DEPHASING_STALL_BELOW = 0.0
#: largest N accepted with local dephasing (the log path, memory permitting): as without
DEPHASING_MAX_N = MAX_N
#: the lattice is cut above the largest J at which the thermal sector chain's estimate of the
#: probability of J is at least this ...
CUT_ESTIMATE = 1e-30
#: ... and the cut solution is accepted when the probability of its top ladder plus the
#: probability the full chain would hold above it (estimated from the top ladder's rates to
#: J ± 1) is at most this; otherwise the cut moves up (or goes)
CUT_TOL = 1e-20
#: a cut is made only if it keeps at most this fraction of N/2 (else the whole lattice)
CUT_BELOW = 0.8


# -- memory -------------------------------------------------------------------------------
def memory_estimate(N: int, reference: str = "log", dephasing: bool = False) -> int:
    """Peak working memory of :func:`solve` in bytes for N qubits (with a parasitic bath).

    ``reference="log"`` (default) is the worst case without dephasing (the general log
    reference); ``"thermal"`` the fast path (:data:`THERMAL_BYTES_PER_LEVEL`), checked first.
    ``dephasing=True``: the log path with local dephasing (:data:`DEPHASING_BYTES_PER_LEVEL`;
    the thermal path is not used then).
    """
    if dephasing:
        per_level = DEPHASING_BYTES_PER_LEVEL
    else:
        per_level = BYTES_PER_LEVEL if reference == "log" else THERMAL_BYTES_PER_LEVEL
    return per_level * lat.n_levels(N) + 64 * (int(N) + 2) + 16 * 2**20


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


def _check_memory(N: int, reference: str = "log", dephasing: bool = False) -> None:
    if N > MAX_N:
        raise ParameterError(
            f"N = {N} is too large for backend 'reduced': it accepts N <= {MAX_N} "
            f"(about {memory_estimate(MAX_N) / 1e9:.1f} GB of working memory)"
        )
    need = memory_estimate(N, reference, dephasing)
    have = available_memory()
    if have is not None and need > have:
        what = " with local dephasing (gamma_phi > 0)" if dephasing else ""
        raise ParameterError(
            f"N = {N} needs about {need / 1e9:.2f} GB of working memory for backend 'reduced'"
            f"{what} but only {have / 1e9:.2f} GB is available; reduce N"
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


def _spare_bytes(N: int, reference: str, dephasing: bool = False) -> int | None:
    """Memory left for the acceleration history once the kernel's arrays are allocated."""
    have = available_memory()
    if have is None:
        return None
    return int(0.8 * have) - memory_estimate(N, reference, dephasing)


def _solve_lattice(rates: LatticeRates, tol: float,
                   max_iter: int) -> tuple[LadderSolver, int, float, str]:
    """Thermal reference first; if it drifts (or does not apply) the general log reference
    from the frozen-J balance, re-centred on the iterate whenever it drifts again. With local
    dephasing (``rates.gphi > 0``) only the log reference carries the fixed-M couplings
    J ↔ J ± 1: the thermal one is not tried."""
    iterations = 0
    dephasing = rates.gphi > 0.0
    if not dephasing and ThermalReferenceSolver.applicable(rates):
        solver = None
        try:
            solver = ThermalReferenceSolver(rates)
            for _ in range(_THERMAL_REFITS + 1):
                try:
                    done, change = iterate(solver, tol=tol,
                                           max_iter=max(max_iter - iterations, 1),
                                           spare_bytes=_spare_bytes(rates.n_layout, "thermal"))
                    return solver, iterations + done, change, _label("thermal", solver)
                except Drift:
                    iterations += solver.iterations_done
                    if solver.iterations_done <= 1:
                        # drifted at once: after a re-fit, the iterate it kept was still a
                        # transient (N = 10 000, gamma_p = 5, T_p = 3 after 9 sweeps); start
                        # again on the fitted line, else the slope is not what is off
                        if solver.restarts or not solver.refits:
                            break
                        solver.restart()
                    elif not solver.refit():
                        break  # no fit
        except (Drift, FloatingPointError):
            iterations += 0 if solver is None else solver.iterations_done
        del solver  # free the thermal work arrays before allocating the general ones
    _check_memory(rates.n_layout, "log", dephasing)
    try:
        return _iterate_log(rates, tol, max_iter, iterations, aggregate_M=False)
    except NumericalError as err:
        if not dephasing:
            raise
        reason = str(err)  # (leaving the block drops the traceback and the first solver)
    # strong dephasing or cold ladders: a second attempt with the coarse step in M as well
    try:
        return _iterate_log(rates, tol, max_iter, 0, aggregate_M=True)
    except NumericalError as err:
        raise NumericalError(f"{reason}; with the coarse step in M as well: {err}") from None


def _label(reference: str, solver: LadderSolver) -> str:
    """The returned state's ``reference``: the scaling, and the steps the iteration used
    beyond the coarse step in J."""
    if getattr(solver, "refits", 0):
        reference += ", slope refitted"
    if solver.aggregate_M:
        reference += ", coarse step in M"
    return reference


def _iterate_log(rates: LatticeRates, tol: float, max_iter: int, iterations: int,
                 aggregate_M: bool) -> tuple[LadderSolver, int, float, str]:
    """The general log reference from the frozen-J balance, re-centred on the iterate
    whenever it drifts (``iterations``: sweeps already spent on the thermal reference)."""
    dephasing = rates.gphi > 0.0
    general = LogReferenceSolver(rates, aggregate_M=aggregate_M)
    for _ in range(_MAX_RECENTRES):
        try:
            done, change = iterate(general, tol=tol, max_iter=max(max_iter - iterations, 1),
                                   spare_bytes=_spare_bytes(rates.n_layout, "log", dephasing),
                                   stall_below=DEPHASING_STALL_BELOW if dephasing else 1e-8)
            return general, iterations + done, change, _label("log", general)
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
    if J is None:
        raise NumericalError("reduced solver: sector observables need a one-ladder state "
                             "(DickePopulations.sector is None)")
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


def _first_cut(rates: LatticeRates) -> float | None:
    """J_top of the first cut: the largest J whose probability the thermal sector chain
    estimates at >= :data:`CUT_ESTIMATE` (plus 2), the chain of the collective baths' detailed
    balance in M, or of the local bath's where the collective baths are at T = 0 (there the
    local bath sets every ladder's profile); None where no cut applies (local dephasing, no
    such balance, the estimate not finite, or a cut above :data:`CUT_BELOW` · N/2)."""
    if rates.gphi > 0.0:
        return None
    if ThermalReferenceSolver.applicable(rates):
        theta = None
    elif rates.Gu == 0.0 and 0.0 < rates.ga < rates.ge:
        theta = math.log(rates.ga / rates.ge)
    else:
        return None
    log_W, _ = thermal_sector_weights(rates, theta)
    if not np.all(np.isfinite(log_W)):
        return None
    k = int(np.argmax(log_W >= math.log(CUT_ESTIMATE)))  # the first (largest J) such ladder
    return _cut_at(rates.N, rates.N / 2 - k + 2)


def _cut_at(N: int, J_top: float) -> float | None:
    """``J_top`` if it cuts at most :data:`CUT_BELOW` of N/2 (and leaves two ladders)."""
    return J_top if 1.0 <= J_top <= CUT_BELOW * N / 2 else None


def _mass_at_cut(rates: LatticeRates, lam0: float, S: np.ndarray) -> float:
    """Probability of the top ladder of a cut lattice plus an estimate of what the full chain
    holds above it: P_top q/(1 − q), q = (rate per probability from J_top to J_top + 1) /
    (the same to J_top − 1), the birth–death ratio at the cut (∞ if q >= 1). ``lam0`` and
    ``S`` = (Σ y', Σ y' t, Σ y' t²) are the top ladder's weight and moments."""
    J, _, cm, cp = rates.coefficients(0)
    P = math.exp(lam0) * S[0]
    if not P > 0.0:
        return 0.0
    mean = S[1] / S[0]
    second = S[2] / S[0]
    # Σ P·poly(t) / P for the local rates' polynomials in t (s = 2J − t)
    tt1 = second + 3 * mean + 2  # (t+1)(t+2)
    ss1 = (2 * J + 1) * (2 * J + 2) - (4 * J + 3) * mean + second  # (s+1)(s+2)
    t0 = second - mean  # t(t−1)
    s0 = 2 * J * (2 * J - 1) - (4 * J - 1) * mean + second  # s(s−1)
    up = cp * (rates.ge * ss1 + rates.ga * tt1)
    dn = cm * (rates.ge * t0 + rates.ga * s0)
    q = up / dn if dn > 0.0 else math.inf
    return P * (1.0 + q / (1.0 - q)) if q < 1.0 else math.inf


def _with_parasitic(model: HeatValve, tol: float, residual_tol: float, max_iter: int,
                    cut: bool = True) -> tuple[DickePopulations, float, np.ndarray]:
    rates = LatticeRates.of(model)
    if rates.Gu == 0.0 and rates.ga == 0.0:  # every bath at T = 0: the ground state absorbs
        pops = _ground_state(model.N)
        return pops, 0.0, _moments_from_logs(pops)
    J_top = _first_cut(rates) if cut else None
    cut_failed = ""
    while True:
        lattice = rates if J_top is None else dataclasses.replace(rates, J_top=J_top)
        try:
            solver, iterations, change, reference = _solve_lattice(lattice, tol, max_iter)
            residual = solver.residual()
            if not residual <= residual_tol:
                raise NumericalError(
                    f"reduced solver: relative balance residual {residual:.2e} exceeds "
                    f"{residual_tol:.1e} (N = {model.N}, {iterations} iterations, {reference} "
                    f"reference)"
                )
        except NumericalError as err:
            if J_top is None:
                if cut_failed:
                    raise NumericalError(f"{err}; cut above J = {cut_failed}") from None
                raise
            # the cut lattice failed: the whole lattice decides (the cut never makes a case
            # fail that the whole lattice solves)
            cut_failed, J_top = f"{J_top:g}: {err}", None
            continue
        S = solver.all_moments()
        if J_top is None:
            mass = 0.0
            break
        mass = _mass_at_cut(lattice, float(solver.lam[0]), S[0])
        if mass <= CUT_TOL:
            break
        # too much probability at the cut: move it up by half its distance from the peak
        peak = J_top - int(np.argmax(solver.lam + np.log(S[:, 0])))
        J_top = _cut_at(rates.N, J_top + max(8.0, math.ceil(0.5 * (J_top - peak))))
    moments = np.column_stack([solver.lam, S])
    log_P = solver.log_populations()
    if J_top is not None:  # nothing above the cut: the full layout's first ladders are empty
        k0 = round(rates.N / 2 - J_top)
        moments = np.vstack([np.tile([-np.inf, 0.0, 0.0, 0.0], (k0, 1)), moments])
        log_P = np.concatenate([np.full(int(lat.block_offsets(rates.N)[k0]), -np.inf), log_P])
        reference += f", cut above J = {J_top:g}"
    pops = DickePopulations(model.N, log_P, iterations, change, reference=reference,
                            J_max=J_top, cut_mass=mass)
    return pops, residual, moments


def _direct_lu(model: HeatValve,
               residual_tol: float) -> tuple[DickePopulations, float, np.ndarray]:
    """The independent route with local dephasing (for the tests and benchmarks; :func:`solve`
    does not use it): a scaled sparse LU of the whole lattice (``_direct``), started from the
    kernel's steady state of a proxy without dephasing (the local bath strengthened by γ_φ,
    at T_p or, without a local bath, at T*), which only sets the scaling of the unknowns."""
    reference = None
    if model.N >= 2:
        T_p = model.T_p if model.gamma_p > 0.0 else model.T_star
        proxy = dataclasses.replace(model, gamma_phi=0.0, gamma_phi_c=0.0,
                                    gamma_p=model.gamma_p + model.gamma_phi, T_p=T_p)
        try:
            # every level sets a scale: the whole lattice, not cut
            reference = _with_parasitic(proxy, 1e-8, 1e-4, 500, cut=False)[0].log_P.copy()
        except NumericalError:
            reference = None
    log_P, residual = solve_direct(model, reference)
    if not residual <= residual_tol:
        raise NumericalError(
            f"reduced solver (dephasing, direct LU): relative balance residual {residual:.2e} "
            f"exceeds {residual_tol:.1e} (N = {model.N})"
        )
    pops = DickePopulations(model.N, log_P, reference="direct LU")
    return pops, residual, _moments_from_logs(pops)


def _rescaled(model: HeatValve, scale: float) -> HeatValve:
    """``model`` with every rate divided by ``scale`` (same steady state, time unit 1/scale).

    Refuses rate ratios beyond what a double resolves (a rate that underflows when divided)."""
    scaled = model.rates_divided_by(scale)
    for name in model.RATE_FIELDS:
        if getattr(model, name) > 0.0 and not getattr(scaled, name) >= MIN_RATE_RATIO:
            raise ParameterError(
                f"{name} = {getattr(model, name)!r} is too small relative to the largest rate "
                f"({scale!r}): backend 'reduced' resolves rate ratios >= {MIN_RATE_RATIO:.0e}; "
                f"set {name} = 0 or use a larger value"
            )
    return scaled


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
        "Q_pump": w * model.gamma_pump * ground,
        "jz": float(np.sum(e * (S1 - J * S0))),
        "J2": float(np.sum(J * (J + 1) * pj)),
        "P_J": P_J,
        "trace": math.fsum(P_J.values()),
    }


def solve(model: HeatValve, *, tol: float = 1e-11, residual_tol: float = 1e-8,
          max_iter: int = 2000, cut: bool = True) -> SteadyState:
    """Exact steady state of ``model`` on the Dicke lattice.

    With ``gamma_p > 0`` or local dephasing ``gamma_phi > 0``: the unique steady state on all
    (J, M) (with ``gamma_phi > 0`` the aggregation kernel on the log reference, which carries
    the fixed-M couplings J ↔ J ± 1). Otherwise: the steady
    state of the ladder ``model.J`` (``N/2`` if ``J`` is None), the thermal state at T*.
    Collective dephasing ``gamma_phi_c`` changes no population and is accepted as is.

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
    cut
        Cut the lattice above the J where the probability is negligible (see the package
        docstring, "Cut lattice"); False solves every level.

    Raises
    ------
    ParameterError
        Bad options, N beyond :data:`MAX_N` or beyond the available memory, or a nonzero rate
        below :data:`MIN_RATE_RATIO` times the largest (named in the message).
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
    if not isinstance(cut, bool | np.bool_):
        raise ParameterError(f"cut must be True or False, got {cut!r}")
    t0 = time.perf_counter()
    # the steady state depends on rate ratios only: solve with the largest rate set to 1
    # (γ = 1e-300 and γ = 1e300 alike), and scale the currents back
    scale = model.max_rate
    original, model = model, _rescaled(model, scale)
    if model.gamma_phi > 0.0:
        if model.N > DEPHASING_MAX_N:
            raise ParameterError(
                f"N = {model.N} is too large for backend 'reduced' with local dephasing "
                f"(gamma_phi > 0): it accepts N <= {DEPHASING_MAX_N}"
            )
        _check_memory(model.N, "log", dephasing=True)  # the log path carries dephasing
    elif not model.conserves_J:
        _check_memory(model.N, "thermal")  # the log fallback checks its own need
    if model.conserves_J:
        pops, residual = _fixed_J(model)
        obs = _sector_observables(model, pops)
    else:
        pops, residual, moments = _with_parasitic(model, float(tol), float(residual_tol),
                                                  int(max_iter), bool(cut))
        obs = _observables(model, moments)
    for key in ("Q_h", "Q_c", "Q_p", "Q_pump"):
        if key in obs:
            obs[key] *= scale
    return SteadyState(
        model=original,
        backend="reduced",
        residual=residual,
        solve_seconds=time.perf_counter() - t0,
        residual_norm=RESIDUAL_NORM if pops.J_max is None else
        f"{RESIDUAL_NORM}, over J <= {pops.J_max:g} (the lattice cut above it)",
        rho=pops,
        **obs,
    )

r"""Full counting statistics of the heat valve's heat currents on the Dicke lattice.

The steady state of the valve is diagonal in the Dicke basis and permutation invariant, and so
is every counting-field-tilted Liouvillian of an energy exchange with one bath (the tilt
multiplies the jump term :math:`\sum_j L_j\rho L_j^\dagger` of that bath by
:math:`e^{\pm s\omega_0}`, which keeps both symmetries). The tilted dynamics therefore closes on
the lumped populations :math:`P(J, M)` (:mod:`dickeheat.numeric.dicke_lattice`): the full
counting statistics of the valve *is* that of the classical rate equation
:math:`\dot P = R_0 P`, with the jumps of bath :math:`\nu` counted by the energy they bring in
(:math:`+\omega_0` for an absorption from the bath, :math:`-\omega_0` for an emission into it).

For each bath :math:`\nu \in \{h, c, p\}` this module returns the mean current
:math:`Q_\nu = c_1` and the noise :math:`S_\nu = c_2 = \lim_{t\to\infty} \frac{d}{dt}
\mathrm{Var}\,E_\nu(t)`, the second scaled cumulant: the second derivative at :math:`s = 0`
of the dominant eigenvalue :math:`\lambda_\nu(s)` of :math:`R_0 + W_\nu\circ(e^{s d}-1)`,
obtained by perturbation theory (:func:`dickeheat.numeric.fcs.cumulants` with its bordered
sparse factorisation): with :math:`M_k = W_\nu\circ d^{\,k}`,

.. math:: S_\nu = 1^T M_2 p - 2\,1^T M_1 D (M_1 - Q_\nu) p,

:math:`D` the Drazin (group) inverse of :math:`R_0`: one linear solve per bath, with one
factorisation shared by the stationary state and all three baths; no finite differences.

Entropy production :math:`\sigma = -\sum_\nu Q_\nu/T_\nu` (:math:`k_B = 1`; the baths'
entropy flow, equal in the steady state to the Schnakenberg entropy production of the
bath-resolved lumped chain, whose degeneracy term :math:`\Delta\ln d_J` averages to zero) and
the TUR ratio :math:`S_h\sigma/Q_h^2`, which the thermodynamic uncertainty relation bounds by 2
(a value below 2 raises :class:`~dickeheat.errors.NumericalError`). Both are ``None`` where
they are not defined: a bath at :math:`T = 0` that exchanges heat, or local pumping (a bath of
inverted population, whose entropy flow is infinite), or :math:`Q_h = 0` for the ratio.

Size. The populations come from the ``reduced`` solver (in logs). Levels whose population is
below :math:`e^{-\text{log\_cut}}` times the largest (default ``log_cut`` = 35) are left out
and the rate equation is restricted to the connected remainder (transitions out of it dropped,
so it conserves probability). The error falls off roughly like :math:`e^{-\text{log\_cut}}`
with a large prefactor: measured on the valve (N = 500 to 2 000, :math:`\gamma_p = 10^{-3}`),
the noise is off by ~1e-5 relative at ``log_cut`` = 20, ~1e-9 at 30, and from ~35 on the
differences are at the rounding level (the valve guide has the table). At large N
the populations are concentrated on a small part of the :math:`\sim N^2/4` levels (how many
are kept is reported as ``levels``), which is what makes the counting statistics at
N = 10 000 cheaper than the mean itself (see ``benchmarks/bench_valve_fcs.py``). A kept set
larger than :data:`MAX_LEVELS` raises :class:`~dickeheat.errors.ParameterError`.

Examples
--------
>>> from dickeheat.numeric.model import HeatValve
>>> fcs = valve_noise(HeatValve(N=4, T_h=3.0, T_c=0.3, gamma_p=0.01, T_p=0.3))
>>> abs(fcs.Q_h + fcs.Q_c + fcs.Q_p) < 1e-12, fcs.S_h > 0, fcs.tur_h >= 2
(True, True, True)
"""

from __future__ import annotations

import dataclasses
import math
import numbers
import time

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from dickeheat.errors import NumericalError, ParameterError
from dickeheat.numeric import dicke_lattice as lat
from dickeheat.numeric.fcs import BorderedSolver, checked_stationary
from dickeheat.numeric.model import HeatValve
from dickeheat.numeric.steady import SteadyState

__all__ = [
    "BATHS",
    "LOG_CUT",
    "MAX_LEVELS",
    "NoisySteadyState",
    "ValveNoise",
    "check_unique",
    "lattice_processes",
    "steady_state_with_noise",
    "valve_noise",
]

#: levels with log P below max − LOG_CUT are left out of the counting statistics (from ~35 up
#: the results differ only at the rounding level, measured at N = 500 to 10 000; 35 keeps
#: 252 500 instead of 350 073 levels at N = 10 000 in the hot regime, S_h within 3e-12)
LOG_CUT = 35.0
#: largest number of kept levels (a sparse LU of a 2-D lattice of this size takes ~tens of s)
MAX_LEVELS = 2_000_000
#: the counted baths, in the order of the returned arrays
BATHS = ("h", "c", "p")
#: a TUR ratio below 2 by more than this (relative) is a numerical failure
TUR_SLACK = 1e-6


@dataclasses.dataclass(frozen=True)
class ValveNoise:
    """Mean heat currents, their noise, the entropy production and the TUR ratio.

    Attributes
    ----------
    model
        The heat valve.
    Q_h, Q_c, Q_p
        Mean heat currents from the baths into the qubits (first scaled cumulants).
    S_h, S_c, S_p
        Their noise: the second scaled cumulants of the energy exchanged with each bath.
    Q_pump
        The energy current of the local pumping (0 without it; not counted).
    sigma
        Entropy production rate :math:`-\\sum_\\nu Q_\\nu/T_\\nu` (``None`` if not defined).
    tur_h
        :math:`S_h\\sigma/Q_h^2` (``None`` if not defined), >= 2.
    residual
        Relative residual of the stationary state of the restricted rate equation
        (:func:`dickeheat.numeric.fcs.stationary_residual`).
    levels, levels_total
        Number of Dicke levels kept and on the whole lattice (or the ladder, for a fixed J).
    log_cut
        The truncation: levels below ``e^{-log_cut}`` of the largest population are dropped.
    seconds
        Wall time of the counting statistics (after the populations are known).
    note
        Why ``sigma``/``tur_h`` are ``None``, else an empty string.
    """

    model: HeatValve
    Q_h: float
    Q_c: float
    Q_p: float
    S_h: float
    S_c: float
    S_p: float
    Q_pump: float
    sigma: float | None
    tur_h: float | None
    residual: float
    levels: int
    levels_total: int
    log_cut: float
    seconds: float
    note: str = ""

    def as_dict(self) -> dict[str, float | int | str | None]:
        """The JSON keys of ``valve --noise`` (``S_h, S_c, S_p, sigma, tur_h`` and details)."""
        return {"S_h": self.S_h, "S_c": self.S_c, "S_p": self.S_p, "sigma": self.sigma,
                "tur_h": self.tur_h, "fcs_residual": self.residual,
                "fcs_levels": self.levels, "fcs_seconds": self.seconds,
                "fcs_note": self.note}


def check_unique(model: HeatValve) -> None:
    """Raise :class:`ParameterError` if ``model`` has no unique steady state to count on."""
    if model.conserves_J and model.J is None:
        raise ParameterError(
            "full counting statistics need a unique steady state, but with gamma_p = 0, "
            "gamma_phi = 0 and gamma_pump = 0 J² is conserved and the steady state depends on "
            "the initial state: give a parasitic bath (gamma_p > 0 with T_p), local dephasing "
            "(gamma_phi > 0) or local pumping (gamma_pump > 0), or fix the sector with J "
            "(one of N/2, N/2 - 1, ...)"
        )


def lattice_processes(model: HeatValve, J: np.ndarray,
                      M: np.ndarray) -> list[tuple[str, int, int, np.ndarray]]:
    """Every population transition out of the levels (J, M): ``(tag, dJ, dM, rate)``.

    ``tag`` is the bath (``"h"``, ``"c"``, ``"p"``), ``"pump"`` or ``"phi"`` (local dephasing);
    the rates are those of :func:`dickeheat.numeric.dicke_lattice.rate_matrix`, split by bath.
    """
    N = model.N
    out: list[tuple[str, int, int, np.ndarray]] = []
    down, up = lat.collective_down(J, M), lat.collective_up(J, M)
    for tag, g, n in (("h", model.gamma_h, model.n_h), ("c", model.gamma_c, model.n_c)):
        if g > 0.0:
            out.append((tag, 0, -1, g * (1.0 + n) * down))
            if n > 0.0:
                out.append((tag, 0, 1, g * n * up))
    if model.J is not None:
        return out  # one ladder: no local process (the model refuses them with J)
    emis = lat.local_emission(N, J, M)
    absn = lat.local_absorption(N, J, M)
    for tag, ge, ga in (("p", model.gamma_p * (1.0 + model.n_p), model.gamma_p * model.n_p),
                        ("pump", 0.0, model.gamma_pump)):
        for dj, we, wa in zip((-1, 0, 1), emis, absn):
            if ge > 0.0:
                out.append((tag, dj, -1, ge * np.broadcast_to(we, M.shape)))
            if ga > 0.0:
                out.append((tag, dj, 1, ga * np.broadcast_to(wa, M.shape)))
    if model.gamma_phi > 0.0:
        for dj, w in zip((-1, 1), lat.local_dephasing(N, J, M)):
            out.append(("phi", dj, 0, (model.gamma_phi / 2) * np.broadcast_to(w, M.shape)))
    return out


def _levels(model: HeatValve, log_P: np.ndarray,
            log_cut: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Packed indices of the kept levels and their (J, M)."""
    N = model.N
    top = float(np.max(log_P))
    keep = np.flatnonzero(log_P >= top - log_cut)
    off = lat.block_offsets(N)
    k = np.searchsorted(off, keep, side="right") - 1
    J = N / 2 - k
    M = (keep - off[k]) - J
    return keep, J, M


def _too_many_levels(log_P: np.ndarray, kept: int, N: int, log_cut: float) -> str:
    """The refusal of a kept set larger than MAX_LEVELS, with the cut that would fit."""
    # the largest cut keeping at most MAX_LEVELS levels: just above the gap to the
    # (MAX_LEVELS + 1)-th largest log-population
    top = float(np.max(log_P))
    nth = float(-np.partition(-log_P, MAX_LEVELS)[MAX_LEVELS])
    fits = math.floor((top - nth) * 10.0) / 10.0
    if fits > 20.0:
        hint = (f"a cut below {fits:g} keeps at most {MAX_LEVELS} "
                f"(lower cuts drop more of the population: see the valve guide)")
    else:
        hint = f"even the lowest cut, 20, keeps more than {MAX_LEVELS}"
    return (
        f"full counting statistics would keep {kept} Dicke levels (N = {N}, log_cut = "
        f"{log_cut:g}: levels with population above e^-log_cut of the largest), more than the "
        f"{MAX_LEVELS} its sparse factorisation accepts; lower the cut, in [20, 700] "
        f"(--noise-log-cut on the command line, log_cut= in Python, noise_log_cut in a "
        f"sweep's [fixed]): {hint}; or lower N"
    )


def _index(N: int, J: np.ndarray, M: np.ndarray) -> np.ndarray:
    k = np.round(N / 2 - J).astype(np.int64)
    return k * (N + 2 - k) + np.round(M + J).astype(np.int64)


def valve_noise(model: HeatValve, *, populations=None, log_cut: float = LOG_CUT,
                residual_tol: float = 1e-9) -> ValveNoise:
    """Mean, noise, entropy production and TUR ratio of the valve's heat currents.

    Parameters
    ----------
    model
        The heat valve; it must have a unique steady state (a parasitic bath, local dephasing
        or local pumping, or a fixed ``J``).
    populations
        The steady state as :class:`dickeheat.numeric.reduced.DickePopulations` (e.g. the
        ``rho`` of a ``reduced`` steady state), to reuse it; default: solved here.
    log_cut
        Truncation of the lattice (see the module docstring), >= 20.
    residual_tol
        Largest accepted relative residual of the restricted stationary state.

    Raises
    ------
    ParameterError
        No unique steady state, a bad ``log_cut``, or too many kept levels.
    NumericalError
        A failed solve, or a TUR ratio below 2 (which no exact solution can give).
    """
    from dickeheat.numeric import reduced

    if not isinstance(model, HeatValve):
        raise ParameterError(f"model must be a HeatValve, got {model!r}")
    check_unique(model)
    if isinstance(log_cut, bool) or not isinstance(log_cut, numbers.Real) \
            or not (20.0 <= float(log_cut) <= 700.0):
        raise ParameterError(f"log_cut must be a number in [20, 700], got {log_cut!r}")
    if populations is None:
        populations = reduced.solve(model).rho
    t0 = time.perf_counter()
    N = model.N
    log_P = np.asarray(populations.packed(), dtype=float)
    if log_P.shape != (lat.n_levels(N),):
        raise ParameterError("populations do not belong to this model's N")
    keep, J, M = _levels(model, log_P, float(log_cut))
    total = int(2 * model.J + 1) if model.J is not None else lat.n_levels(N)
    if len(keep) > MAX_LEVELS:
        raise ParameterError(_too_many_levels(log_P, len(keep), N, float(log_cut)))
    n = len(keep)
    rows, cols, vals = [], [], []
    counted: dict[str, list[tuple[np.ndarray, np.ndarray, np.ndarray, float]]] = {
        b: [] for b in BATHS}
    for tag, dj, dm, rate in lattice_processes(model, J, M):
        Jt, Mt = J + dj, M + dm
        ok = (rate > 0.0) & (np.abs(Mt) <= Jt) & (Jt <= N / 2) & (Jt >= 0)
        if not ok.any():
            continue
        tgt_packed = _index(N, Jt[ok], Mt[ok])
        pos = np.minimum(np.searchsorted(keep, tgt_packed), n - 1)
        inside = keep[pos] == tgt_packed
        src = np.flatnonzero(ok)[inside]
        tgt = pos[inside]
        r = np.asarray(rate)[ok][inside]
        rows.append(tgt)
        cols.append(src)
        vals.append(r)
        if tag in counted:
            counted[tag].append((tgt, src, r, dm * model.omega0))
    if vals:
        R_off = sp.csc_matrix((np.concatenate(vals), (np.concatenate(rows),
                                                      np.concatenate(cols))), shape=(n, n))
    else:
        R_off = sp.csc_matrix((n, n))
    out = np.asarray(R_off.sum(axis=0)).ravel()
    R0 = sp.csc_matrix(R_off - sp.diags(out))
    if n > 1:
        ncomp, labels = connected_components(R_off, directed=True, connection="weak")
        if ncomp > 1:  # keep the component of the most populated level
            raise NumericalError(
                f"full counting statistics: the kept Dicke levels (log_cut = {log_cut}) fall "
                f"into {ncomp} disconnected parts (N = {N}); raise log_cut"
            )
    pin = int(np.argmax(log_P[keep]))
    return _finish(model, R0, counted, n, total, float(log_cut), residual_tol, t0, pin)


def _finish(model: HeatValve, R0: sp.csc_matrix,
            counted: dict[str, list[tuple[np.ndarray, np.ndarray, np.ndarray, float]]],
            n: int, total: int, log_cut: float, residual_tol: float, t0: float,
            pin: int) -> ValveNoise:
    # pinned at the most populated level (one factorisation); minimum-degree ordering on
    # A + Aᵀ: the kept levels form a 2-D patch of the (J, M) lattice
    solver = BorderedSolver(R0, sparse=n > 400, pin=pin, permc_spec="MMD_AT_PLUS_A",
                            diagonal_pivots=True)
    p, residual = checked_stationary(solver, residual_tol=residual_tol)
    Q: dict[str, float] = {}
    S: dict[str, float] = {}
    flux: dict[str, float] = {}
    for bath in BATHS:
        parts = counted[bath]
        if not parts:
            Q[bath] = S[bath] = flux[bath] = 0.0
            continue
        tgt = np.concatenate([x[0] for x in parts])
        src = np.concatenate([x[1] for x in parts])
        r = np.concatenate([x[2] for x in parts])
        d = np.concatenate([np.full(len(x[0]), x[3]) for x in parts])
        M1 = sp.csr_matrix((r * d, (tgt, src)), shape=(n, n))
        m1 = np.bincount(src, weights=r * d, minlength=n)  # 1^T M1
        m2 = np.bincount(src, weights=r * d * d, minlength=n)  # 1^T M2
        c1 = float(m1 @ p)
        v1 = -solver.drazin(M1 @ p - c1 * p)
        Q[bath] = c1
        S[bath] = float(m2 @ p + 2.0 * (m1 @ v1))
        flux[bath] = float(np.bincount(src, weights=np.abs(r * d), minlength=n) @ p)
    Q_pump = -(Q["h"] + Q["c"] + Q["p"])  # the first law closes the balance
    sigma, tur, note = _entropy(model, Q, S, flux)
    return ValveNoise(model=model, Q_h=Q["h"], Q_c=Q["c"], Q_p=Q["p"], S_h=S["h"], S_c=S["c"],
                      S_p=S["p"], Q_pump=Q_pump if model.gamma_pump > 0.0 else 0.0,
                      sigma=sigma, tur_h=tur, residual=residual, levels=n, levels_total=total,
                      log_cut=log_cut, seconds=time.perf_counter() - t0, note=note)


def _entropy(model: HeatValve, Q: dict[str, float], S: dict[str, float],
             flux: dict[str, float]) -> tuple[float | None, float | None, str]:
    """σ and the TUR ratio S_h σ/Q_h², or None with the reason.

    σ = −Σ_ν Q_ν/T_ν is evaluated as Σ_ν Q_ν (β_ref − β_ν) (the same by the first law, no
    pumping), with β_ref the inverse temperature of the bath of largest |Q_ν|: near equilibrium
    the large opposite currents then do not cancel. ``flux`` (the mean of |energy| jumping per
    unit time with each bath) sets the rounding level of each Q_ν.
    """
    if model.gamma_pump > 0.0:
        return None, None, ("local pumping is a bath of inverted population (T = 0 from "
                            "below): its entropy flow is infinite, so sigma and tur_h are "
                            "undefined")
    temps = {"h": model.T_h, "c": model.T_c, "p": model.T_p}
    active = [b for b in BATHS if Q[b] != 0.0 and abs(Q[b]) > 1e-13 * flux[b]]
    for bath in active:
        T = temps[bath]
        if T is None or T == 0.0:
            return None, None, (f"the {bath} bath is at T = 0 and exchanges heat: its entropy "
                                f"flow is infinite, so sigma and tur_h are undefined")
    if not active:
        return 0.0, None, "Q_h = 0: the TUR ratio S_h sigma / Q_h^2 is undefined"
    ref = max(active, key=lambda b: abs(Q[b]))
    beta_ref = 1.0 / float(temps[ref])  # type: ignore[arg-type]
    sigma = math.fsum(Q[b] * (beta_ref - 1.0 / float(temps[b])) for b in active  # type: ignore[arg-type]
                      if b != ref)
    if "h" not in active:
        return sigma, None, "Q_h = 0: the TUR ratio S_h sigma / Q_h^2 is undefined"
    q_err = 1e-14 * flux["h"] / abs(Q["h"])  # relative rounding level of Q_h
    if q_err > 1e-3:
        return sigma, None, ("Q_h is at the rounding level of the hot bath's jump flux: the "
                             "TUR ratio S_h sigma / Q_h^2 is undefined")
    tur = S["h"] * sigma / Q["h"] ** 2
    if not math.isfinite(tur) or tur < 2.0 * (1.0 - TUR_SLACK - 20.0 * q_err):
        raise NumericalError(
            f"full counting statistics: TUR ratio {tur!r} < 2 (S_h = {S['h']!r}, sigma = "
            f"{sigma!r}, Q_h = {Q['h']!r}); an exact solution cannot violate the bound"
        )
    return sigma, tur, ""


@dataclasses.dataclass(frozen=True)
class NoisySteadyState(SteadyState):
    """A :class:`~dickeheat.numeric.steady.SteadyState` with the counting statistics of its
    heat currents (``None`` where undefined); what sweeps with ``noise = true`` record."""

    S_h: float | None = None
    S_c: float | None = None
    S_p: float | None = None
    sigma: float | None = None
    tur_h: float | None = None


def steady_state_with_noise(model: HeatValve, *, backend: str = "auto",
                            log_cut: float = LOG_CUT) -> NoisySteadyState:
    """:func:`~dickeheat.numeric.steady.steady_state` plus :func:`valve_noise` with
    ``log_cut`` (the sweep solver of ``noise = true``, ``log_cut`` its ``noise_log_cut``;
    the populations of a ``reduced`` solve are reused)."""
    from dickeheat.numeric.reduced import DickePopulations
    from dickeheat.numeric.steady import steady_state

    check_unique(model)
    ss = steady_state(model, backend=backend)
    pops = ss.rho if isinstance(ss.rho, DickePopulations) else None
    f = valve_noise(model, populations=pops, log_cut=log_cut)
    fields = {fl.name: getattr(ss, fl.name) for fl in dataclasses.fields(SteadyState)}
    return NoisySteadyState(**fields, S_h=f.S_h, S_c=f.S_c, S_p=f.S_p, sigma=f.sigma,
                            tur_h=f.tur_h)

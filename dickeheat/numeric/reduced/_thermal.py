r"""The thermal reference of the aggregation kernel (``_aggregation``; the fast path).

:math:`\phi_J(M) = (J+M)\ln x` with :math:`x = \Gamma_\uparrow/\Gamma_\downarrow =
e^{-\omega_0/T^*}`, the detailed balance of the collective baths (exact without a parasitic
bath). Then every scaled coupling is a per-ladder scalar times a fixed polynomial in
``t = J + M`` (``(t+1)(t+2)``, ``t(t−1)`` or the same in ``s = J − M``), so nothing per level
needs storing or exponentiating, and each ladder :math:`-\tilde A_k = Z S Z^{-1}` is similar to a
symmetric positive-definite tridiagonal S with a *constant* ratio :math:`z_{i+1}/z_i`. S is
factorised by LAPACK ``dpttrf``'s recurrence (LDLᵀ, no pivoting) and the factors are turned
into those of :math:`(-\tilde A_k)^T` (multipliers, reciprocal pivots, superdiagonal). The
factorisation, the sweep, the sector sums and the residual run as compiled loops
(``_compiled``), one pass per ladder. Working memory: 3 float64 arrays (24 bytes per level).

Applicable while the populations stay within :attr:`~ThermalReferenceSolver.drift_limit`
(e^±300) of the reference; beyond that ``Drift`` is raised
and the caller continues with the general log reference.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
from scipy.special import logsumexp

from dickeheat.errors import NumericalError
from dickeheat.numeric.reduced import _compiled
from dickeheat.numeric.reduced._aggregation import (
    CANCELLATION_LIMIT,
    Drift,
    LadderSolver,
    LatticeRates,
    balance_M,
    exact_pivots,
)

__all__ = ["ThermalReferenceSolver"]


_cores = _compiled.cores  # (a module name the tests can replace)


def _tcut(N: int, theta: float, drift_limit: float) -> int:
    """Levels t >= tcut have e^{theta t} y < e^-1060 e^drift_limit: no sector sum sees them."""
    return min(N + 2, math.ceil((760.0 + drift_limit) / -theta) + 3)


def thermal_sector_weights(rates: LatticeRates,
                           theta: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(log W_k, log m_k) per ladder k: the stationary log weights (normalised) of the sector
    chain in J that the thermal conditionals p(M | J) ∝ x^{J+M} induce, and log Σ_t x^t of
    each ladder (−inf or nan where the sums underflow); ``theta`` = ln x < 0, by default the
    collective baths' ln(Gu/Gd). One compiled pass over the ladders, with no per-level
    storage (every ladder reads the same row of ones)."""
    N, K = rates.n_layout, rates.n_layout // 2
    T = np.arange(N + 2, dtype=float)
    if theta is None:
        theta = math.log(rates.Gu / rates.Gd)
    E = np.exp(theta * T)
    cf = [rates.coefficients(k) for k in range(K + 1)]
    cms = np.array([c[2] for c in cf], dtype=float)
    cps = np.array([c[3] for c in cf], dtype=float)
    Ls = _compiled.as_int_array(N + 1 - 2 * np.arange(K + 1))
    m0, kp, km = np.empty(K + 1), np.empty(K + 1), np.empty(K + 1)
    _compiled.ladder_sums(np.ones(N + 2), np.zeros(K + 1, dtype=np.int64), Ls, K, E,
                          T * (T - 1.0), (T + 1.0) * (T + 2.0),
                          _tcut(N, theta, ThermalReferenceSolver.drift_limit), cms, cps,
                          rates.ge, rates.ga, m0, kp, km)
    with np.errstate(divide="ignore", invalid="ignore"):
        log_W = np.zeros(K + 1)
        log_W[1:] = np.cumsum(np.log(km[:-1]) - np.log(kp[1:]))
        log_W -= logsumexp(log_W)
        return log_W, np.log(m0)


class ThermalReferenceSolver(LadderSolver):
    """Aggregation–disaggregation with the thermal reference (see the module docstring)."""

    drift_limit = 300.0
    spare = "rpiv"
    #: runs of ladders swept independently of each other (``_compiled.sweep_part``) when
    #: there are at least SPLIT_ABOVE levels; fixed, so the iterates do not depend on the
    #: machine (the number of threads only decides whether the two runs overlap in time)
    PARTS = 2
    SPLIT_ABOVE = 250_000
    #: the thermal reference is used only for x >= e^{-MIN_LOG_X}
    MIN_LOG_X = 300.0
    #: :func:`~dickeheat.numeric.reduced._aggregation.iterate` adds the coarse step in M
    #: (:meth:`_coarse_M`) when the plain sweeps are slow
    lazy_M = True
    #: re-centrings of the reference by :meth:`refit` so far
    refits = 0
    #: restarts from the reference itself (:meth:`restart`) so far
    restarts = 0

    @classmethod
    def applicable(cls, rates: LatticeRates) -> bool:
        """x not too small, and at least two ladders (one closed ladder is solved exactly by
        the frozen-J reference instead)."""
        return (rates.N >= 2 and rates.Gu > 0.0
                and math.log(rates.Gu / rates.Gd) > -cls.MIN_LOG_X)

    def __init__(self, rates: LatticeRates) -> None:
        if not self.applicable(rates):
            raise NumericalError("the thermal reference needs x = Gu/Gd > e^-300")
        super().__init__(rates)
        n = len(self.y)
        # factors of (−Ã_k)^T per ladder: multipliers and reciprocal pivots per level, the
        # superdiagonal's scalar per ladder (times a_up)
        self.mult, self.rpiv = np.zeros(n), np.zeros(n)
        self.sub_c = np.zeros(self.K + 1)
        T = self.T
        self.Q1 = (T + 1.0) * (T + 2.0)
        self.Q0 = T * (T - 1.0)
        # reversed copies: Q1r[N+2-L+t] = Q1[L-1-t], i.e. the same polynomial in s = 2J - t
        self.Q1r = self.Q1[::-1].copy()
        self.Q0r = self.Q0[::-1].copy()
        self._set_theta(math.log(rates.Gu / rates.Gd))
        K = self.K
        self.cf = [rates.coefficients(k) for k in range(K + 1)]  # (J, c0, cm, cp)
        self.Js, self.c0s, self.cms, self.cps = (np.array(c, dtype=float)
                                                 for c in zip(*self.cf))
        #: cp of the top ladder when the lattice is cut above it (its rates to J + 1 leave
        #: the diagonal), else 0
        self.top_cp = float(self.cps[0]) if rates.cut else 0.0
        # layout as int64 for the compiled loops (``_compiled``)
        self.off64 = _compiled.as_int_array(self.off)
        self.L64 = _compiled.as_int_array(self.L)
        self._split(self.PARTS if len(self.y) >= self.SPLIT_ABOVE else 1)
        self.small_last = np.zeros((2, 2))  # the last ladder when it has at most two levels
        self.alpha, self.beta = np.zeros(K + 1), np.zeros(K + 1)
        self.gamma, self.delta = np.zeros(K + 1), np.zeros(K + 1)
        self._initial_weights()
        self._couplings()
        self._factorise()

    # setup --------------------------------------------------------------------------------------
    def _set_theta(self, theta: float) -> None:
        """The slope of the reference, phi = theta·t (theta < 0)."""
        self.theta = theta
        self.E = np.exp(theta * self.T)
        self.tcut = _tcut(self.N, theta, self.drift_limit)

    def refit(self) -> bool:
        """Re-centre the reference on the iterate without leaving the thermal family: the
        least-squares fit log y ≈ α_k + β t (one slope for all ladders) moves into the
        reference (theta += β, lam_k += α_k) and out of y; couplings and factors are rebuilt.

        For a strong local bath at another temperature the populations follow a slope in t
        between the collective and the local one, which at N of a thousand or more strays
        beyond e^300 of the collective slope. Returns False (y is then unusable and the caller
        continues with the log reference) if the new slope is not negative or y does not fit
        within half the drift limit of the new reference.
        """
        K = self.K
        stats = np.zeros((K + 1, 5))
        _compiled.log_fit_sums(self.y, self.off64, self.L64, K, stats)
        n, St, Stt, Sl, Stl = stats.T
        den = float(np.sum(Stt - St * St / n))
        beta = float(np.sum(Stl - St * Sl / n)) / den if den > 0.0 else 0.0
        alpha = (Sl - beta * St) / n
        theta = self.theta + beta
        if not (math.isfinite(theta) and -self.MIN_LOG_X < theta < -1e-6
                and np.all(np.isfinite(alpha))):
            return False
        lo, hi = np.empty(K + 1), np.empty(K + 1)
        _compiled.remove_fit(self.y, self.off64, self.L64, K, alpha, beta, lo, hi)
        if max(float(hi.max()), -float(lo.min())) > 0.5 * self.drift_limit:
            return False
        self.lam += alpha
        self._set_theta(theta)
        try:
            with np.errstate(over="raise"):
                self._couplings()
        except (FloatingPointError, OverflowError):
            return False
        self._factorise()
        self._ylo, self._yhi = lo, hi
        self.refits += 1
        return True

    def restart(self) -> None:
        """Start again from the reference itself (y = 1): the populations of the last
        :meth:`refit`'s line, lam_k + theta t, without what the fit left in y; the coarse
        step in M waits again until the plain sweeps prove slow (on from the first sweep it
        moved y beyond the drift limit at once, N = 10 000, γ_p = 5, T_p = 3)."""
        self.y.fill(1.0)
        self.reset_drift()
        self.aggregate_M, self.band = False, None
        self.restarts += 1

    def _initial_weights(self) -> None:
        """lam from the sector chain that the thermal conditionals induce."""
        self.y.fill(1.0)
        log_W, log_m0 = thermal_sector_weights(self.r)
        self.lam[:] = log_W - log_m0
        if not np.all(np.isfinite(self.lam)):
            raise NumericalError("reduced solver: thermal sector weights are not finite")

    def _couplings(self) -> None:
        r, lam, th = self.r, self.lam, self.theta
        with np.errstate(over="raise"):
            for k in range(self.K + 1):
                if k > 0:
                    cm1 = self.cf[k - 1][2]
                    self.alpha[k] = r.ge * cm1 * math.exp(lam[k - 1] - lam[k] + 2 * th)
                    self.beta[k] = r.ga * cm1 * math.exp(lam[k - 1] - lam[k])
                if k < self.K:
                    cp1 = self.cf[k + 1][3]
                    self.gamma[k] = r.ge * cp1 * math.exp(lam[k + 1] - lam[k])
                    self.delta[k] = r.ga * cp1 * math.exp(lam[k + 1] - lam[k] - 2 * th)

    def _ladder_parts(self, k: int):
        """diag of −Ã_k, a_up, and the scalars (ρ, σ, sub, sup) of its off-diagonals."""
        r, th = self.r, self.theta
        J, c0, _, _ = self.cf[k]
        L = int(self.L[k])
        h = self.h
        t = self.T[:L]
        s = self.T[L - 1 :: -1]
        a_up = s * (t + 1.0)
        cut_up, cut_dn = r.top_rates(k, t, s)
        diag = (r.Gu * a_up + r.Gd * t * (s + 1.0)) + ((r.ga * (h + J) + r.ge * (h - J))
                                                       + (r.ge - r.ga) * t) - (cut_up + cut_dn)
        wu, wd = r.Gu + r.ga * c0, r.Gd + r.ge * c0  # ladder up/down rates per unit a_up
        return diag, a_up, -wu * math.exp(-th), -wd * math.exp(th), wu, wd

    def _factorise(self) -> None:
        """−Ã_k = Z S Z^{-1}: LDLᵀ of S (``dpttrf``'s recurrence, compiled in ``_compiled``),
        turned into the factors of (−Ã_k)^T; ladders of at most two levels are kept dense,
        and nearly closed ladders get their pivots recomputed without subtractions."""
        r = self.r
        flagged = np.zeros(self.K + 1, dtype=np.bool_)
        self._in_parts(lambda first, last, p: _compiled.factorise(
            first, last, self.off64, self.L64, self.h, r.Gu, r.Gd, r.ge, r.ga, self.theta,
            self.Js, self.c0s, self.top_cp, self.mult, self.rpiv, self.sub_c,
            CANCELLATION_LIMIT, flagged))
        for k in range(self.K + 1):
            L = int(self.L[k])
            if L <= 2:
                diag, a_up, sub_c, sup_c, _, _ = self._ladder_parts(k)
                A = np.diag(diag)
                if L == 2:
                    A[1, 0], A[0, 1] = sub_c * a_up[0], sup_c * a_up[0]
                self.small[k] = A
                self.small_last[:L, :L] = A
            elif flagged[k]:
                # nearly closed ladder: pivots without subtractions (same for S and −Ã)
                o = int(self.off[k])
                _, a_up, _, sup_c, _, _ = self._ladder_parts(k)
                b = r.block(k, self.T)
                d = exact_pivots(b["u"], b["d"], b["Rp"] + b["Rm"])
                self.rpiv[o : o + L] = 1.0 / d
                e = self.mult[o : o + L - 1]
                np.multiply(a_up[:-1], sup_c, out=e)
                e /= d[:-1]

    # compiled passes ----------------------------------------------------------------------------
    def _ladder_pass(self, downward: bool, m: np.ndarray, Wp: np.ndarray, Wm: np.ndarray,
                     rmin: np.ndarray, rmax: np.ndarray) -> None:
        """The base class's ladder pass as compiled loops, in :attr:`PARTS` independent runs
        of ladders (``_compiled.sweep_part``), the first in a second thread when there is a
        second core."""
        r = self.r
        _compiled.snapshot(self.y, self.snap, self.bounds, self.off64, self.L64, self.K)
        status = self._in_parts(lambda first, last, p: _compiled.sweep_part(
            first, last, downward, self.y, self.snap[2 * p], self.snap[2 * p + 1], self.off64,
            self.L64, self.K, self.mult, self.rpiv, self.sub_c, self.small_last, self.alpha,
            self.beta, self.gamma, self.delta, self.Q0, self.Q1, self.E, self.tcut, self.cms,
            self.cps, r.ge, r.ga, self.bufs[p], m, Wp, Wm, rmin, rmax))
        if max(status) >= 0:
            raise Drift

    def _in_parts(self, call: Callable[[int, int, int], Any]) -> list:
        """``call(first, last, p)`` for each run p of ladders first … last − 1 of
        :attr:`bounds` (``_compiled.in_parts``)."""
        return _compiled.in_parts(self.bounds, self.threads, call)

    def _split(self, parts: int) -> None:
        """Split the ladders into ``parts`` runs of about equal numbers of levels."""
        K, N = self.K, self.N
        parts = max(1, min(int(parts), (K + 1) // 2))
        cum = np.cumsum(self.L)
        cuts = [int(np.searchsorted(cum, cum[-1] * p / parts)) + 1 for p in range(1, parts)]
        self.bounds = np.array([0, *cuts, K + 1], dtype=np.int64)
        self.snap = np.zeros((2 * parts, N + 2))
        self.bufs = np.zeros((parts, N + 2))
        self.threads = min(parts, _cores())

    def _coarse_M(self) -> None:
        """Exact birth–death correction of the marginal of M (as the log reference's
        ``_coarse_M``): rescale the levels of each M = m − N/2 (index m = t + k in ladder k) by
        e^{c_m} so that the up-flux out of m balances the down-flux out of m + 1; records the
        per-sector range of c in :attr:`band`. The sums are compiled
        (``_compiled.marginal_M``), carried per m relative to the largest sector weight that
        reaches it, so nothing overflows or loses the dominant terms."""
        N, K, r, th = self.N, self.K, self.r, self.theta
        a = self.lam - th * np.arange(K + 1)
        mm = np.arange(N + 1)
        rm = np.maximum.accumulate(a)[np.minimum(mm, N - mm)]
        ef, eb = np.ones(N + 1), np.ones(N + 1)
        ef[1:] = np.exp(rm[:-1] - rm[1:])
        eb[:-1] = np.exp(rm[1:] - rm[:-1])
        P = len(self.bounds) - 1
        sums = np.zeros((3, P, N + 1))
        self._in_parts(lambda first, last, p: _compiled.marginal_M(
            first, last, self.y, self.off64, self.L64, N, self.h, self.top_cp, r.Gu, r.Gd,
            r.ge, r.ga, a, rm, ef, eb, sums[0, p], sums[1, p], sums[2, p]))
        S, SU, SD = sums.sum(axis=1)
        with np.errstate(divide="ignore"):
            shift = rm + th * mm  # log of the factor e^{r_m + θm} common to each m
            c = balance_M(np.log(SU) + shift, np.log(SD) + shift, np.log(S) + shift)
        big = float(np.max(np.abs(c)))
        if big > 0.5 * self.drift_limit:
            # far from the solution (the first steps): a damped correction, which the coarse
            # step in J renormalises on the next sweep
            c *= 0.5 * self.drift_limit / big
        factors = np.exp(c)
        self._in_parts(lambda first, last, p: _compiled.scale_M(
            first, last, self.y, self.off64, self.L64, factors))
        self.band = self._band_of(c)

    def _scale_ladders(self, log_factors: np.ndarray) -> None:
        self._in_parts(lambda first, last, p: _compiled.scale_ladders(
            first, last, self.y, self.off64, self.L64, log_factors))

    def residual(self) -> float:
        """max over levels of |inflow − (−Ã y)| / (outflow · y) (compiled)."""
        worst = np.zeros(self.K + 1)
        self._in_parts(lambda first, last, p: _compiled.residual(
            first, last, self.y, self.off64, self.L64, self.K, self.mult, self.rpiv, self.sub_c,
            self.small_last, self.alpha, self.beta, self.gamma, self.delta, self.Q0, self.Q1,
            worst))
        return float(worst.max())

    # hooks ----------------------------------------------------------------------------------------
    def moments(self, k: int) -> tuple[float, float, float]:
        """(Σ P, Σ P t, Σ P t²) over ladder k in units of e^lam_k (t = J + M)."""
        s0, s1, s2 = self.all_moments()[k]
        return float(s0), float(s1), float(s2)

    def all_moments(self) -> np.ndarray:
        """:meth:`moments` of every ladder, rows k (one compiled pass)."""
        out = np.zeros((self.K + 1, 3))
        _compiled.moments(self.y, self.off64, self.L64, self.K, self.E, self.tcut, out)
        return out

    def _log_sum(self, k: int, kind: str) -> float:
        raise Drift  # a sector sum underflowed: the thermal reference is too far off

    def _log_reference(self, k: int) -> np.ndarray:
        return self.theta * self.T[: int(self.L[k])]

    def log_populations(self) -> np.ndarray:
        """log P = lam + theta·t + log y, written over the work array :attr:`spare`."""
        out = getattr(self, self.spare)
        self._in_parts(lambda first, last, p: _compiled.log_populations(
            first, last, self.y, self.off64, self.L64, self.lam, self.theta, out))
        return out

r"""Iterative aggregation–disaggregation for the Dicke-lattice rate equation (used by ``reduced``).

The unknowns are scaled, :math:`P(J,M) = e^{\lambda_J + \phi_J(M)}\,y(J,M)`, in the packed
layout of :mod:`dickeheat.numeric.dicke_lattice` (block ``k`` holds ``J = N/2 − k``, levels
``t = J + M = 0 … 2J``). With :math:`\tilde A = G^{-1} A G` the generator in these variables:

* a *ladder* is the tridiagonal part of :math:`-\tilde A` on one J (every rate that keeps J,
  with the full outflow on the diagonal); it is factorised once and solved exactly;
* the *couplings* are the four scaled local-bath rates from J ± 1 into J (and, with local
  dephasing, the two fixed-M rates from (J ± 1, M) into (J, M); the log reference only);
* a *sweep* solves each ladder given the current inflow from its neighbours (block
  Gauss–Seidel, alternating direction) and records each sector's mass and fluxes to J ± 1;
* the *coarse step* solves the birth–death chain of the sector weights exactly, in logs, and
  rescales each ladder (Koury–McAllister–Stewart aggregation).

Two references implement the hooks: ``ThermalReferenceSolver`` (``_thermal``:
:math:`\phi_J(M) = (J+M)\ln x`, the collective detailed balance; fast, little memory) and
``LogReferenceSolver`` (``_log``: any log reference; used when the
populations stray too far from the thermal one). :func:`iterate` runs either to convergence.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
from scipy.linalg import lapack
from scipy.special import logsumexp

from dickeheat.errors import NumericalError
from dickeheat.numeric import dicke_lattice as lat
from dickeheat.numeric.model import HeatValve
from dickeheat.numeric.reduced._accelerate import Anderson, depth_for

__all__ = [
    "ACCELERATE_ABOVE",
    "ACCELERATE_AFTER",
    "FLAT_WINDOW",
    "CANCELLATION_LIMIT",
    "Drift",
    "LadderSolver",
    "LatticeRates",
    "MAX_RATE",
    "RATE_FLOOR",
    "STALL_WINDOW",
    "VERIFY_SWEEPS",
    "balance_M",
    "exact_pivots",
    "iterate",
]

#: a ladder whose LU pivots lost more than this factor to cancellation (max diag/pivot) gets
#: its pivots recomputed without subtractions by :func:`exact_pivots`
CANCELLATION_LIMIT = 1e6
#: plain sweeps before :func:`iterate` may switch on Anderson acceleration
ACCELERATE_AFTER = 8
#: ... if they contract the change by less than this per sweep
ACCELERATE_ABOVE = 0.5
#: changes below this are too close to rounding to measure a contraction rate from
RATE_FLOOR = 1e-12
#: largest contraction rate used in the error estimate change/(1 − rate)
MAX_RATE = 0.99
#: plain sweeps that verify an accelerated iterate before it is accepted
VERIFY_SWEEPS = 6
#: sweeps over which some progress is required (else :class:`NumericalError`, not a stall)
STALL_WINDOW = 400
#: plain sweeps over which a change below ``stall_below`` must not have improved by 1% to be
#: taken for the rounding floor (12 stopped a cut lattice at N = 361 on a plateau at 8e-10,
#: 1e-8 from the solution, that the sweeps left after ~30 more sweeps)
FLAT_WINDOW = 48


def exact_pivots(u: np.ndarray, d: np.ndarray, X: np.ndarray) -> np.ndarray:
    """LU pivots of a ladder −A (up-rates u, down-rates d, escape rates X), subtraction-free.

    The pivots p_i = out_i − u_{i−1} d_i / p_{i−1} of the tridiagonal
    diag(u + d + X) − (u below, d above) equal p_i = u_i + q_i with
    q_i = X_i + d_i q_{i−1}/p_{i−1} (q_0 = X_0 + d_0): positive terms only, so they are
    accurate to rounding even when the ladder is nearly closed (a Grassmann–Taksar–Heyman
    style elimination). They are invariant under diagonal scaling and transposition.

    >>> exact_pivots(np.array([1.0, 0.0]), np.array([0.0, 2.0]), np.array([1e-30, 0.0])).tolist()
    [1.0, 2e-30]
    """
    p = np.empty(len(u))
    q = float(X[0] + d[0])
    p[0] = float(u[0]) + q
    for i in range(1, len(u)):
        q = float(X[i]) + float(d[i]) * q / p[i - 1]
        p[i] = float(u[i]) + q
    return p


@dataclasses.dataclass(frozen=True)
class LatticeRates:
    """The rate constants of the heat valve on the Dicke lattice.

    ``Gd = Σ_i γ_i(1+n_i)`` and ``Gu = Σ_i γ_i n_i`` (collective, i = h, c),
    ``ge = γ_p(1+n_p)`` and ``ga = γ_p n_p + γ_pump`` (local; the pumping adds to the local
    absorption, being the same jump operator σ_+^{(j)}), ``gphi = γ_φ`` (local dephasing
    (γ_φ/2) Σ_j D[σ_z^{(j)}], which moves (J, M) → (J ± 1, M); 0 by default).

    ``J_top``: the largest J of the lattice (N/2 by default). Below N/2 the lattice is cut
    above J_top: its ladders are those of ``2 J_top`` qubits, the rates those of N, and the
    local rates from J_top to J_top + 1 are removed from the top ladder (a closed chain; the
    driver checks that the probability the full chain holds above the cut is negligible).
    """

    N: int
    Gd: float
    Gu: float
    ge: float
    ga: float
    gphi: float = 0.0
    J_top: float = -1.0

    @property
    def n_layout(self) -> int:
        """The ladders of the lattice are those of this many qubits (``2 J_top``)."""
        return self.N if self.J_top < 0 else round(2 * self.J_top)

    @property
    def cut(self) -> bool:
        """Whether the lattice is cut above ``J_top`` < N/2."""
        return self.n_layout < self.N

    def top_rates(self, k: int, t: np.ndarray, s: np.ndarray) -> tuple[np.ndarray | float,
                                                                         np.ndarray | float]:
        """(up, down) local rates of ladder k to J + 1 that the cut removes (0 unless k is the
        top ladder of a cut lattice)."""
        if k != 0 or not self.cut:
            return 0.0, 0.0
        cp = self.coefficients(0)[3]
        return self.ga * cp * (t + 1.0) * (t + 2.0), self.ge * cp * (s + 1.0) * (s + 2.0)

    @classmethod
    def of(cls, model: HeatValve) -> LatticeRates:
        gp = model.gamma_p
        return cls(model.N, model.emission_rate, model.absorption_rate,
                   gp * (1 + model.n_p), gp * model.n_p + model.gamma_pump, model.gamma_phi)

    def coefficients(self, k: int) -> tuple[float, float, float, float]:
        """``(J, c0, cm, cp)`` of block k: the local rates to J, J − 1, J + 1 are
        ``c0·a``, ``cm·t(t−1)`` (emission; ``s(s−1)`` absorption), ``cp·(s+1)(s+2)``
        (emission; ``(t+1)(t+2)`` absorption), with t = J + M and s = J − M."""
        h = self.N / 2
        J = self.n_layout / 2 - k
        if J > 0:
            c0 = (h + 1) / (2 * J * (J + 1))
            cm = (h + J + 1) / (2 * J * (2 * J + 1))
        else:
            c0 = cm = 0.0
        return J, c0, cm, (h - J) / (2 * (J + 1) * (2 * J + 1))

    def block(self, k: int, T: np.ndarray) -> dict:
        """Rates of the levels of block k, as arrays over t = J + M = 0 … 2J.

        ``T`` is ``arange(N + 2.0)``. Keys: ``J, L, t, s`` (s = J − M), ``a_up, a_dn``
        (collective factors), ``U, D`` (every up/down rate out of the level), ``u, d`` (the
        part that keeps J), ``Rp, Rm`` (the local rate to J + 1 and to J − 1), ``Zp, Zm``
        (the dephasing rates to (J + 1, M) and (J − 1, M), (γ_φ/2) ×
        :func:`~dickeheat.numeric.dicke_lattice.local_dephasing`, i.e. ``2 gphi cp (t+1)(s+1)``
        and ``2 gphi cm t s``; the scalar 0.0 without dephasing), ``out`` (the total outflow
        U + D + Zp + Zm).
        """
        J, c0, cm, cp = self.coefficients(k)
        h = self.N / 2
        L = self.n_layout + 1 - 2 * k
        t = T[:L]
        s = T[L - 1 :: -1]
        a_up = s * (t + 1.0)
        a_dn = t * (s + 1.0)
        cut_up, cut_dn = self.top_rates(k, t, s)
        U = self.Gu * a_up + self.ga * ((h + J) - t) - cut_up
        D = self.Gd * a_dn + self.ge * ((h - J) + t) - cut_dn
        if k == 0 and self.cut:
            cp = 0.0  # no J + 1 above the cut
        Zp: np.ndarray | float
        Zm: np.ndarray | float
        if self.gphi > 0.0:
            lower, upper = lat.local_dephasing(self.N, J, t - J)
            Zp, Zm = (0.5 * self.gphi) * upper, (0.5 * self.gphi) * lower
        else:  # no dephasing (the thermal path): no arrays
            Zp = Zm = 0.0
        return {
            "J": J, "L": L, "t": t, "s": s, "a_up": a_up, "a_dn": a_dn, "U": U, "D": D,
            "u": (self.Gu + self.ga * c0) * a_up, "d": (self.Gd + self.ge * c0) * a_dn,
            "Rp": cp * (self.ge * (s + 1.0) * (s + 2.0) + self.ga * (t + 1.0) * (t + 2.0)),
            "Rm": cm * (self.ge * t * (t - 1.0) + self.ga * s * (s - 1.0)),
            "Zp": Zp, "Zm": Zm, "out": (U + D) + (Zp + Zm) if self.gphi > 0.0 else U + D,
        }


class Drift(Exception):
    """The iterate left the range in which the current reference is reliable."""


class LadderSolver:
    """Shared state (``y``, ``lam``, the layout) and the sweep, coarse step and residual.

    Subclasses provide the hooks ``_inflow``, ``_solve``, ``_sums``, ``_log_sum``,
    ``_ladder`` and ``_log_reference``.
    """

    #: largest |log y| accepted before :class:`Drift` is raised
    drift_limit = math.inf
    #: follow each coarse step in J by one in M (the reference's ``_coarse_M``)
    aggregate_M = False
    #: :func:`iterate` switches :attr:`aggregate_M` on when the plain sweeps are slow
    lazy_M = False
    #: sweeps completed by the last :func:`iterate` call
    iterations_done = 0
    #: per-sector (min, max) log factors of a further rescaling of y made by :meth:`_coarse`
    #: after the sector weights (None: none; the log reference's aggregation in M)
    band: tuple[np.ndarray, np.ndarray] | None = None
    #: name of a work array that :meth:`log_populations` may overwrite
    spare = ""
    #: LU factors of (−Ã_k)^T, packed like ``y``: unit-lower multipliers and pivots (each
    #: subclass allocates them; :meth:`_solve_factored` reads them)
    mult: np.ndarray
    piv: np.ndarray

    def __init__(self, rates: LatticeRates) -> None:
        N = rates.n_layout  # the layout (N itself unless the lattice is cut above J_top)
        self.r = rates
        self.h = rates.N / 2  # the rates' N/2
        self.N, self.K = N, N // 2
        self.off = lat.block_offsets(N)
        self.L = N + 1 - 2 * np.arange(self.K + 1)
        #: (offset, length) of each ladder as Python ints
        self.spans = [(int(o), int(L)) for o, L in zip(self.off[:-1], self.L)]
        self.T = np.arange(N + 2, dtype=float)
        self.lam = np.zeros(self.K + 1)
        self.buf = np.empty(N + 2)
        self.tmp = np.empty(N + 2)
        self.zeros = np.zeros(N + 2)
        self.ident = np.arange(1, N + 3, dtype=np.int32)
        self.small: dict[int, np.ndarray] = {}
        self.y = np.ones(lat.n_levels(N))
        self.reset_drift()
        self.eta = self._escape_ratios()
        self.trust(self.TRUST)

    #: initial threshold on the escape ratio of :meth:`_escape_ratios` for the coarse step
    TRUST = math.inf

    def _escape_ratios(self) -> np.ndarray:
        """Per ladder: rate of leaving J from its lowest level over the rate of climbing it.

        Small where the ladder equilibrates internally before it leaks (the regime in which
        aggregating it is exact to leading order); a one-level ladder counts as 0. The
        escape counts the local bath and local dephasing (to J + 1 at t = 0: 2 gphi cp (s+1)).
        """
        r, eta = self.r, np.zeros(self.K + 1)
        for k in range(self.K + 1):
            J, c0, cm, cp = r.coefficients(k)
            if J == 0:
                continue
            s = 2 * J  # t = 0
            escape = (cp * (r.ge * (s + 1) * (s + 2) + 2 * r.ga + 2 * r.gphi * (s + 1))
                      + cm * r.ga * s * (s - 1))
            climb = (r.Gu + r.ga * c0) * s
            eta[k] = escape / climb if climb > 0 else math.inf
        return eta

    def trust(self, threshold: float) -> None:
        """Apply the coarse step across J → J − 1 only where both ladders have
        escape ratio <= ``threshold``; elsewhere block Gauss–Seidel alone sets the ratio."""
        self.threshold = threshold
        ok = self.eta <= threshold
        self.trusted = ok[:-1] & ok[1:]
        self.weight = self.trusted.astype(float)
        self._last_inc: tuple = (None, None)

    def sl(self, k: int) -> slice:
        return slice(int(self.off[k]), int(self.off[k + 1]))

    # hooks ------------------------------------------------------------------------------------
    def _inflow(self, k: int, out: np.ndarray, tmp: np.ndarray) -> None:
        """out = scaled inflow into ladder k from ladders k ± 1 (at the current y)."""
        raise NotImplementedError

    def _solve(self, k: int, rhs: np.ndarray) -> np.ndarray:
        """Solve (−Ã_k) x = rhs (may overwrite rhs)."""
        raise NotImplementedError

    def _sums(self, k: int, yk: np.ndarray) -> tuple[float, float, float]:
        """(mass, flux to J + 1, flux to J − 1) of sector k in units of e^lam_k."""
        raise NotImplementedError

    def _log_sum(self, k: int, kind: str) -> float:
        """log of one of the three sums of :meth:`_sums`, computed in log space."""
        raise NotImplementedError

    def _ladder(self, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(diagonal, sub-diagonal, super-diagonal) of −Ã_k."""
        raise NotImplementedError

    def _log_reference(self, k: int) -> np.ndarray:
        """phi_k, so that log P = lam_k + phi_k + log y."""
        raise NotImplementedError

    def moments(self, k: int) -> tuple[float, float, float]:
        """(Σ P, Σ P t, Σ P t²) over ladder k in units of e^lam_k (t = J + M)."""
        raise NotImplementedError

    def all_moments(self) -> np.ndarray:
        """:meth:`moments` of every ladder, rows k."""
        return np.array([self.moments(k) for k in range(self.K + 1)])

    def _solve_small(self, k: int, rhs: np.ndarray) -> np.ndarray:
        try:
            return np.linalg.solve(self.small[k], rhs)
        except np.linalg.LinAlgError as err:
            raise NumericalError(f"reduced solver: singular ladder J = {self.N / 2 - k} "
                                 f"({err})") from err

    def _solve_factored(self, k: int, du: np.ndarray, du2: np.ndarray, ipiv: np.ndarray,
                        rhs: np.ndarray) -> np.ndarray:
        """Solve (−Ã_k) x = rhs from the LU factors of (−Ã_k)^T: unit-lower multipliers in
        :attr:`mult`, pivots in :attr:`piv` (the layout both references keep)."""
        o, L = self.spans[k]
        x, info = lapack.dgttrs(self.mult[o : o + L - 1], self.piv[o : o + L], du, du2, ipiv,
                                rhs, trans="T", overwrite_b=1)
        if info != 0:
            raise NumericalError(f"reduced solver: dgttrs failed (info {info})")
        return x

    # iteration --------------------------------------------------------------------------------
    def sweep(self, downward: bool) -> float:
        """One block Gauss–Seidel sweep and the coarse step.

        Returns the largest componentwise relative change of y between this iterate and the
        previous one (both taken after their coarse steps). Raises :class:`Drift`.
        """
        K = self.K
        m, Wp, Wm = np.empty(K + 1), np.empty(K + 1), np.empty(K + 1)
        rmin, rmax = np.empty(K + 1), np.empty(K + 1)
        self._ladder_pass(downward, m, Wp, Wm, rmin, rmax)
        with np.errstate(divide="ignore"):
            lsc = self._coarse(m, Wp, Wm, self._yhi + np.log(rmax))
        lo, hi = lsc + np.log(rmin), lsc + np.log(rmax)
        if self.band is not None:  # a further coarse step rescaled y by e^[band] per sector
            lo += self.band[0]
            hi += self.band[1]
        change = float(np.max(np.abs(np.expm1(-np.concatenate([lo, hi])))))
        # a bound on |log y| per sector, tracked without another pass over y
        self._ylo += lo
        self._yhi += hi
        if max(float(np.max(self._yhi)), -float(np.min(self._ylo))) > self.drift_limit:
            # the bound adds worst cases (the ranges of the ladder ratios and of the step in
            # M): measure y itself before giving up on the reference
            self.measure_drift()
        return change

    def measure_drift(self) -> None:
        """Reset the |log y| bound per sector from y itself; :class:`Drift` if beyond
        :attr:`drift_limit`."""
        starts = self.off[:-1]
        with np.errstate(divide="ignore"):
            self._ylo = np.log(np.minimum.reduceat(self.y, starts))
            self._yhi = np.log(np.maximum.reduceat(self.y, starts))
        if max(float(np.max(self._yhi)), -float(np.min(self._ylo))) > self.drift_limit:
            raise Drift

    def _ladder_pass(self, downward: bool, m: np.ndarray, Wp: np.ndarray, Wm: np.ndarray,
                     rmin: np.ndarray, rmax: np.ndarray) -> None:
        """Solve every ladder given the inflow from its neighbours (block Gauss–Seidel, in the
        given direction); record per ladder the sector sums (m, Wp, Wm) and the range
        (rmin, rmax) of new/old y. Raises :class:`Drift` (the ladders done so far stay valid).
        """
        K, y, small = self.K, self.y, self.small
        spans = self.spans
        for k in range(K + 1) if downward else range(K, -1, -1):
            o, L = spans[k]
            rhs, tmp = self.buf[:L], self.tmp[:L]
            self._inflow(k, rhs, tmp)
            x = self._solve_small(k, rhs) if k in small else self._solve(k, rhs)
            yk = y[o : o + L]
            np.divide(x, yk, out=tmp)
            lo, hi = tmp.min(), tmp.max()
            if not (lo > 0.0 and hi < math.inf):
                raise Drift  # y of the ladders done so far stays valid
            rmin[k], rmax[k] = lo, hi
            yk[:] = x
            m[k], Wp[k], Wm[k] = self._sums(k, yk)

    def reset_drift(self) -> None:
        """Restart the |log y| bound (call when y is reset to 1)."""
        self._ylo = np.zeros(self.K + 1)
        self._yhi = np.zeros(self.K + 1)

    def _log_sums(self, values: np.ndarray, kind: str) -> np.ndarray:
        out = np.zeros(self.K + 1)
        # the flux out of the top ladder to J + 1 and out of the bottom one to J − 1 are unused
        if kind == "p":
            ks = range(1, self.K + 1)
        elif kind == "q":
            ks = range(self.K)
        else:
            ks = range(self.K + 1)
        ks_all = np.arange(ks.start, ks.stop)
        v = values[ks_all]
        big = v > 1e-280
        out[ks_all[big]] = np.log(v[big])
        for k in ks_all[~big]:  # underflowed in the linear sums: recompute in log space
            out[k] = self._log_sum(int(k), kind)
        return out

    def _coarse(self, m: np.ndarray, Wp: np.ndarray, Wm: np.ndarray,
                log_y_max: np.ndarray) -> np.ndarray:
        """Exact birth–death correction of the sector weights; returns the log scale factors.
        ``log_y_max``: a bound on log y per sector, to refuse a rescaling that overflows."""
        K = self.K
        if K == 0:
            return np.zeros(1)
        lm, lWp, lWm = self._log_sums(m, "m"), self._log_sums(Wp, "p"), self._log_sums(Wm, "q")
        # birth–death balance log(P_{k+1}/P_k) of the sector chain vs the current ratio
        chain = lWm[:-1] + lm[1:] - lm[:-1] - lWp[1:]
        current = (self.lam[1:] + lm[1:]) - (self.lam[:-1] + lm[:-1])
        inc = chain - current
        if self._last_inc[1] is not None:
            # a boundary whose correction flips sign without shrinking (a two-cycle of the
            # sweep directions) gets its correction halved each time, and off below 1/64:
            # there block Gauss–Seidel alone sets the ratio of the two sectors
            prev, before = self._last_inc
            flips = ((inc * prev < 0.0) & (np.abs(inc) > 0.5 * np.abs(before))
                     & (np.abs(inc) > 1e-2))
            self.weight[flips] *= 0.5
            self.weight[self.weight < 1 / 64] = 0.0
            self.trusted = self.weight > 0.0
        self._last_inc = (inc, self._last_inc[0])
        lsc = np.zeros(K + 1)
        lsc[1:] = np.cumsum(self.weight * inc)
        lsc -= logsumexp(self.lam + lm + lsc)  # total probability 1
        if not np.all(np.isfinite(lsc)):
            raise NumericalError("reduced solver: the coarse correction is not finite")
        if float(np.max(log_y_max + lsc)) > 700.0:
            raise Drift  # the rescaled y would overflow; y is still valid
        self._scale_ladders(lsc)
        if self.aggregate_M:
            self._coarse_M()
        return lsc

    def _coarse_M(self) -> None:
        """The coarse step in M (after the one in J when :attr:`aggregate_M`): rescale the
        levels of each M so that the marginal of M balances; sets :attr:`band`."""
        raise NotImplementedError

    def _band_of(self, c: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per sector k, the (min, max) of c over its m = k … N − k (nested intervals)."""
        ks = np.arange(self.K + 1)
        tail = self.N - ks
        lo = np.minimum.accumulate(np.minimum(c[ks], c[tail])[::-1])[::-1]
        hi = np.maximum.accumulate(np.maximum(c[ks], c[tail])[::-1])[::-1]
        return lo, hi

    def _scale_ladders(self, log_factors: np.ndarray) -> None:
        """y of ladder k *= exp(log_factors[k])."""
        for k in range(self.K + 1):
            self.y[self.sl(k)] *= math.exp(log_factors[k])

    # results ----------------------------------------------------------------------------------
    def residual(self) -> float:
        """max over levels of |inflow − (−Ã y)| / (outflow · y)."""
        y, worst = self.y, 0.0
        for k in range(self.K + 1):
            L = int(self.L[k])
            yk = y[self.sl(k)]
            res = np.empty(L)
            self._inflow(k, res, np.empty(L))
            diag, sub, sup = self._ladder(k)
            res -= diag * yk
            res[1:] -= sub * yk[:-1]
            res[:-1] -= sup * yk[1:]
            worst = max(worst, float(np.max(np.abs(res) / (diag * yk))))
        return worst

    def log_populations(self) -> np.ndarray:
        """log P = lam + phi + log y, written over the work array :attr:`spare`."""
        out = getattr(self, self.spare)
        for k in range(self.K + 1):
            s = self.sl(k)
            np.log(self.y[s], out=out[s])
            out[s] += self._log_reference(k)
            out[s] += self.lam[k]
        return out


def balance_M(log_up: np.ndarray, log_dn: np.ndarray, log_mass: np.ndarray) -> np.ndarray:
    """The log factors c_m of the coarse step in M: c_{m+1} − c_m = log up(m) − log dn(m + 1)
    (the up-flux out of m, the down-flux out of m + 1, each a sum over the levels of that M),
    0 across an M whose fluxes underflowed, shifted so that the total mass (``log_mass`` per
    m) is unchanged. Every process changes M by 0 or ±1, so this birth–death chain is exact
    at the steady state.

    >>> balance_M(np.log([2.0, 1.0]), np.log([1.0, 1.0]), np.log([1.0, 1.0])).round(4).tolist()
    [-0.4055, 0.2877]
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        inc = log_up[:-1] - log_dn[1:]
        inc[~np.isfinite(inc)] = 0.0
        c = np.concatenate(([0.0], np.cumsum(inc)))
        c -= logsumexp(c + log_mass) - logsumexp(log_mass)
    if not np.all(np.isfinite(c)):
        raise NumericalError("reduced solver: the coarse correction in M is not finite")
    return c


def iterate(solver: LadderSolver, *, tol: float, max_iter: int,
            stall_below: float = 1e-8, accelerate: bool = True,
            spare_bytes: int | None = None) -> tuple[int, float]:
    """Sweep (alternating direction) until the estimated error change/(1 − rate) is <= ``tol``,
    or the change stays flat below ``stall_below`` for :data:`FLAT_WINDOW` plain sweeps, or it
    is below ``tol`` and has not halved in 12 plain sweeps (the rounding floor); returns
    (iterations, last change).

    ``rate`` is the contraction per sweep of the *plain* sweeps (the largest observed over
    four successive plain sweeps). With ``accelerate``, once the plain sweeps contract by less
    than :data:`ACCELERATE_ABOVE` per sweep, every double sweep is followed by an Anderson
    extrapolation in log y (``_accelerate``; history sized to ``spare_bytes``). An accelerated
    iterate that meets the criterion is then verified by :data:`VERIFY_SWEEPS` plain sweeps,
    which re-measure the rate; acceleration resumes if the criterion fails. If the
    accelerated iteration makes no progress over :data:`STALL_WINDOW` sweeps, acceleration is
    switched off for the rest of the solve. Raises :class:`Drift` or :class:`NumericalError`
    (no convergence within ``max_iter``, or no progress of the plain sweeps over
    :data:`STALL_WINDOW` sweeps).
    """
    if solver.K == 0:  # one closed ladder: the reference is its exact balance
        return 0, 0.0
    history: list[float] = []
    solver.iterations_done = 0
    mixer: Anderson | None = None
    mixing = False
    plain = 0  # plain sweeps since the last extrapolation
    plain_rate = 0.0
    u_ready = False  # the mixer's u holds log y at the start of this double sweep
    u_fresh = False  # ... and is log y now (the last step's image, swapped in)
    depth = depth_for(len(solver.y), spare_bytes) if accelerate else 0
    origin = 0  # the stall test looks at the sweeps since here
    while len(history) < max_iter:
        downward = len(history) % 2 == 0
        if mixing and downward and mixer is not None:
            if not u_fresh:
                mixer.load(solver.y)
            u_ready, u_fresh = True, False
        else:
            u_fresh = False  # y is about to change otherwise
        with np.errstate(over="ignore", invalid="ignore"):  # overflow is caught as Drift
            change = solver.sweep(downward=downward)
        history.append(change)
        plain += 1
        solver.iterations_done = len(history)
        if plain >= 5 and history[-5] > RATE_FLOOR:
            # error ≈ change/(1 − rate) for linear convergence; rate from 4 plain sweeps
            # (measured above the rounding floor only, where it means something)
            plain_rate = max(plain_rate, min((change / history[-5]) ** 0.25, MAX_RATE))
        converged = change <= tol * (1.0 - plain_rate)
        if converged and not mixing and (mixer is None or plain >= VERIFY_SWEEPS):
            return len(history), change
        if converged and mixing:
            mixing, u_ready = False, False  # verify with plain sweeps
            continue
        w = FLAT_WINDOW
        flat = (change < stall_below and len(history) >= w
                and min(history[-w // 3:]) > 0.99 * min(history[-w:-w // 3]))
        if flat and plain >= w:
            return len(history), change  # flat for FLAT_WINDOW plain sweeps: the rounding floor
        if change <= tol and plain >= 12 and min(history[-6:]) > 0.5 * min(history[-12:-6]):
            return len(history), change  # below tol and not halving in 12 plain sweeps: the
            # rounding floor lies between tol·(1 − rate) and tol
        if mixing and change <= tol and len(history) >= 12 \
                and min(history[-6:]) > 0.5 * min(history[-12:-6]):
            flat = True  # below tol and no longer improving: verify with plain sweeps
        if flat and mixing:
            mixing, u_ready = False, False  # at the rounding floor: let plain sweeps decide
            continue
        recent = history[origin:]
        if len(recent) > STALL_WINDOW and \
                min(recent[-STALL_WINDOW // 2:]) >= min(recent[:-STALL_WINDOW // 2]):
            if solver.aggregate_M and solver.lazy_M:
                # the coarse step in M is not helping (N = 1000, every bath at T = 100,
                # γ_p = 5: stuck at 5e-7, where the sweeps without it converge): continue
                # without it (for the rest of the solve), judged afresh
                solver.aggregate_M = solver.lazy_M = False
                solver.band = None
                mixing, u_ready = False, False
                if mixer is not None:
                    mixer.restart()
                origin, plain, plain_rate = len(history), 0, 0.0
                continue
            if depth:
                # the extrapolation is not helping (seen at N = 800 with a strong, hot local
                # bath, where plain sweeps converge): continue without it, judged afresh
                depth, mixing, u_ready, mixer = 0, False, False, None
                origin, plain, plain_rate = len(history), 0, 0.0
                continue
            raise NumericalError(
                f"reduced solver stalled: no progress in {STALL_WINDOW // 2} sweeps (relative "
                f"change {change:.2e}, best {min(history):.2e}, tol {tol:.1e}); N = {solver.N}")
        stalled = (plain >= 12 and min(history[-2:]) > 0.5 * min(history[-6:-2])
                   and min(history[-4:]) > 0.5 * min(history[-12:-4]))
        if stalled and change >= stall_below and solver.trusted.any():
            # no progress: aggregate fewer ladders (the leakiest go first)
            top = solver.threshold if math.isfinite(solver.threshold) else solver.eta.max()
            solver.trust(top / 4)
            plain_rate = 0.0  # a new iteration operator
            if mixer is not None:
                mixer.restart()
        if downward:
            continue
        if (not mixing and solver.lazy_M and not solver.aggregate_M
                and plain >= ACCELERATE_AFTER and plain_rate > ACCELERATE_ABOVE):
            # slow plain sweeps: first add the coarse step in M (a new iteration operator)
            solver.aggregate_M = True
            plain, plain_rate = 0, 0.0
            if mixer is not None:
                mixer.restart()
        elif (not mixing and depth and plain >= ACCELERATE_AFTER
                and plain_rate > ACCELERATE_ABOVE):
            if mixer is None:
                mixer = Anderson(depth, len(solver.y))
            else:
                mixer.restart()
            mixing = True
        elif mixing and u_ready and mixer is not None:
            nxt = mixer.step(solver.y)
            u_ready = False
            if nxt is None:  # g is log y: the next iterate
                mixer.swap()
                u_fresh = True
                continue
            starts = solver.off[:-1]
            lo, hi = np.minimum.reduceat(nxt, starts), np.maximum.reduceat(nxt, starts)
            if (np.all(np.isfinite(lo)) and np.all(np.isfinite(hi))
                    and max(float(hi.max()), -float(lo.min())) < solver.drift_limit):
                mixer.store(solver.y)
                solver._ylo, solver._yhi = lo, hi
                plain = 0
                u_fresh = True
            else:
                mixer.restart()  # extrapolated out of the reference's range: keep y
    raise NumericalError(
        f"reduced solver did not converge in {max_iter} iterations (last relative change "
        f"{history[-1]:.2e}, tol {tol:.1e}); N = {solver.N}"
    )

r"""The general log reference of the aggregation kernel (``_aggregation``).

:math:`\phi_J(M)` is any array of logs: initially the detailed balance of the *total* up and
down rates of each level at fixed J (the exact conditional if J were frozen), later the iterate
itself (:meth:`LogReferenceSolver.rereference`). Every scaled coefficient is a rate times
:math:`e^{\Delta\phi}` formed from a difference of logs, so nothing overflows, however far the
populations spread. Costs 12 float64 arrays of length n_levels(N) (96 bytes per level) and
per-level exponentials, so it is the robust fallback rather than the fast path.

Local dephasing (``rates.gphi > 0``) adds the fixed-M couplings J ↔ J ± 1: level t of ladder k
receives from t + 1 of ladder k − 1 and from t − 1 of ladder k + 1 (two more scaled coupling
arrays, ``cAz`` and ``cBz``: 14 arrays, 112 bytes per level); the ladder diagonals gain the
dephasing escape rates, and the flux weights ``wp``/``wm`` of the coarse step the dephasing
rates to J ± 1, so the birth–death chain in J stays exact. Optionally (``aggregate_M``) each
coarse step in J is followed by one in M: every process changes M by 0 or ±1, so the marginal
of M is a birth–death chain too, and rescaling the levels of each M to balance its up- and
down-fluxes is exact at the steady state. It helps where dephasing mixes J faster than the
ladders equilibrate (γ_φ ≫ γ, or cold ladders), and can hinder elsewhere: the driver uses it
as a second attempt.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.linalg import lapack
from scipy.special import logsumexp

from dickeheat.errors import NumericalError
from dickeheat.numeric.reduced._aggregation import (
    CANCELLATION_LIMIT,
    Drift,
    LadderSolver,
    LatticeRates,
    balance_M,
    exact_pivots,
)
from dickeheat.numeric.reduced._compiled import dot

__all__ = ["LogReferenceSolver"]


def _log_dot(logw: np.ndarray, w: np.ndarray, y: np.ndarray) -> float:
    """log Σ exp(logw)·w·y, for when exp(logw) underflows."""
    with np.errstate(divide="ignore"):
        return float(logsumexp(logw + np.log(w) + np.log(y)))


class LogReferenceSolver(LadderSolver):
    """Aggregation–disaggregation with a per-level log reference (see the module docstring).

    Starts from the frozen-J detailed balance; :meth:`rereference` re-centres it on the
    iterate (then call :meth:`build`).
    """

    ARRAYS = ("phi", "g", "wp", "wm", "cAe", "cAa", "cBe", "cBa", "mult", "piv", "sub")
    #: the two more with local dephasing (couplings from (J + 1, M) and (J − 1, M))
    DEPHASING_ARRAYS = ("cAz", "cBz")
    # the work arrays of ARRAYS, packed like ``y`` (allocated in __init__; mult, piv: base class)
    phi: np.ndarray
    g: np.ndarray
    wp: np.ndarray
    wm: np.ndarray
    cAe: np.ndarray
    cAa: np.ndarray
    cBe: np.ndarray
    cBa: np.ndarray
    sub: np.ndarray
    cAz: np.ndarray
    cBz: np.ndarray
    drift_limit = 40.0
    spare = "g"

    def __init__(self, rates: LatticeRates, aggregate_M: bool = False) -> None:
        super().__init__(rates)
        #: follow each coarse step in J by one in M (:meth:`_coarse_M`)
        self.aggregate_M = aggregate_M
        n = len(self.y)
        #: local dephasing present: the fixed-M couplings J ↔ J ± 1 are carried
        self.dephasing = rates.gphi > 0.0
        for name in self.ARRAYS + (self.DEPHASING_ARRAYS if self.dephasing else ()):
            setattr(self, name, np.zeros(n))
        self.pivoted: dict[int, tuple] = {}
        self._frozen_J_reference()
        self.build()

    # reference --------------------------------------------------------------------------------
    def _frozen_J_reference(self) -> None:
        """phi: detailed balance of the total up/down rates at fixed J; lam: the chain in J."""
        K = self.K
        log_kp = np.full(K + 1, -math.inf)
        log_km = np.full(K + 1, -math.inf)
        log_m0 = np.empty(K + 1)
        for k in range(K + 1):
            b = self.r.block(k, self.T)
            p = self.phi[self.sl(k)]
            p[0] = 0.0
            # the top ladder of a cut lattice keeps its rates to J + 1 here: without them its
            # levels near M = J lose every up rate and the balance would set them e^-1000s
            # below the ladder under it (the reference is a scaling; the rates stay cut)
            cut_up, cut_dn = self.r.top_rates(k, b["t"], b["s"])
            np.cumsum(np.log((b["U"] + cut_up)[:-1] / (b["D"] + cut_dn)[1:]), out=p[1:])
            p -= p.max()
            g = np.exp(p)
            log_m0[k] = math.log(g.sum())
            for R, out in ((b["Rp"] + b["Zp"], log_kp), (b["Rm"] + b["Zm"], log_km)):
                if R.any():
                    v = float(dot(g, R))
                    out[k] = (math.log(v) if v > 1e-280 else _log_dot(p, R, np.ones_like(p))) \
                        - log_m0[k]
        log_W = np.zeros(K + 1)  # sector weights: W_{k+1}/W_k = k_-(k)/k_+(k+1)
        log_W[1:] = np.cumsum(log_km[:-1] - log_kp[1:])
        log_W -= logsumexp(log_W)
        self.lam[:] = log_W - log_m0
        if not np.all(np.isfinite(self.lam)):
            raise NumericalError("reduced solver: the sector chain of the reference is not "
                                 "connected")

    def rereference(self) -> None:
        """Absorb y into the reference (phi += log y, renormalised) and reset y = 1."""
        logmass = np.empty(self.K + 1)
        for k in range(self.K + 1):
            p = self.phi[self.sl(k)]
            # a y that underflowed to 0 in a coarse rescaling restarts from the smallest
            # positive double (the sweeps take it from there; the residual judges the result)
            p += np.log(np.maximum(self.y[self.sl(k)], np.finfo(float).tiny))
            top = float(p.max())
            if not math.isfinite(top):
                raise NumericalError("reduced solver: re-centring the log reference met "
                                     f"non-finite populations (J = {self.N / 2 - k})")
            p -= top
            self.lam[k] += top
            logmass[k] = self.lam[k] + logsumexp(p)
        self.lam -= logsumexp(logmass)
        self.y.fill(1.0)
        self.reset_drift()

    def log_sweep(self, downward: bool) -> None:
        """One Gauss–Seidel sweep done entirely in log space, absorbed into the reference.

        For when the scaled iterate overflows (the reference is off by more than e^700
        somewhere). Each ladder's inflow is a log-sum-exp over its four sources, and the
        ladder is solved with the (scale-free) pivots p of the last :meth:`build`: forward
        z_i = r_i + (u_{i−1}/p_{i−1}) z_{i−1}, backward P_i = (z_i + d_{i+1} P_{i+1})/p_i,
        each a positive linear recurrence evaluated as a cumulative log-sum-exp. The result
        becomes the new reference (y = 1); call :meth:`build` afterwards.
        """
        r = self.r
        # log 0 = −inf is expected (closed transitions); −inf − (−inf) where a pivot
        # underflowed is caught by the finiteness check below, which names the ladder
        with np.errstate(divide="ignore", invalid="ignore"):
            for k in range(self.K + 1) if downward else range(self.K, -1, -1):
                b = r.block(k, self.T)
                s, L, t, sv = self.sl(k), int(b["L"]), b["t"], b["s"]
                terms = []
                if k > 0:
                    cm1 = r.coefficients(k - 1)[2]
                    src = self.phi[self.sl(k - 1)] + self.lam[k - 1]
                    terms.append(np.log(r.ge * cm1 * (t + 2.0) * (t + 1.0)) + src[2:])
                    terms.append(np.log(r.ga * cm1 * (sv + 2.0) * (sv + 1.0)) + src[:L])
                    if self.dephasing:  # (J+1, M) by dephasing: its rate to J − 1
                        terms.append(np.log(r.block(k - 1, self.T)["Zm"][1 : L + 1])
                                     + src[1 : L + 1])
                if k < self.K:
                    cp1 = r.coefficients(k + 1)[3]
                    src = self.phi[self.sl(k + 1)] + self.lam[k + 1]
                    a = np.full(L, -np.inf)
                    a[: L - 2] = np.log(r.ge * cp1 * (sv[: L - 2] - 1.0) * sv[: L - 2]) + src
                    terms.append(a)
                    a = np.full(L, -np.inf)
                    a[2:] = np.log(r.ga * cp1 * (t[2:] - 1.0) * t[2:]) + src
                    terms.append(a)
                    if self.dephasing:  # (J−1, M) by dephasing: its rate to J + 1
                        a = np.full(L, -np.inf)
                        a[1 : L - 1] = np.log(r.block(k + 1, self.T)["Zp"]) + src
                        terms.append(a)
                log_r = np.logaddexp.reduce(np.array(terms), axis=0)
                if L == 1:
                    log_P = log_r - np.log(b["out"])
                else:
                    piv = self.piv[s]
                    if L <= 2 or k in self.pivoted or not np.all(piv > 0):
                        piv = exact_pivots(b["u"], b["d"], self._escape(b))
                    log_p = np.log(piv)
                    # forward: z_i = r_i + beta_i z_{i−1}, beta_i = u_{i−1}/p_{i−1}
                    B = np.concatenate(([0.0], np.cumsum(np.log(b["u"][:-1]) - log_p[:-1])))
                    log_z = np.logaddexp.accumulate(log_r - B) + B
                    # backward: P_i = z_i/p_i + c_i P_{i+1}, c_i = d_{i+1}/p_i
                    a = (log_z - log_p)[::-1]
                    C = np.concatenate(([0.0], np.cumsum((np.log(b["d"][1:]) - log_p[:-1])[::-1])))
                    log_P = (np.logaddexp.accumulate(a - C) + C)[::-1]
                if not np.all(np.isfinite(log_P)):
                    raise NumericalError("reduced solver: log-space ladder solve failed "
                                         f"(J = {b['J']})")
                top = float(log_P.max())
                self.phi[s] = log_P - top
                self.lam[k] = top
        self.lam -= logsumexp(self.lam + np.array(
            [logsumexp(self.phi[self.sl(k)]) for k in range(self.K + 1)]))
        self.y.fill(1.0)
        self.reset_drift()

    # scaled system ----------------------------------------------------------------------------
    def build(self) -> None:
        """Scaled couplings, flux weights and factorised ladders for the current reference."""
        K, lam, phi, r = self.K, self.lam, self.phi, self.r
        self.pivoted.clear()
        self.small.clear()
        for k in range(K + 1):
            b = r.block(k, self.T)
            s = self.sl(k)
            o, L, J = int(self.off[k]), int(b["L"]), b["J"]
            p = phi[s]
            g = self.g[s]
            np.exp(p, out=g)
            np.multiply(g, b["Rp"] + b["Zp"], out=self.wp[s])
            np.multiply(g, b["Rm"] + b["Zm"], out=self.wm[s])
            U, D, u, d, t, sv = b["U"], b["D"], b["u"], b["d"], b["t"], b["s"]
            diag = b["out"]
            if L >= 2:
                # −Ã[i+1, i] = −u_i G_i/G_{i+1}, −Ã[i, i+1] = −d_{i+1} G_{i+1}/G_i, written
                # with c = exp(log(U_i/D_{i+1}) − (phi_{i+1} − phi_i)) so nothing overflows
                c = np.exp(np.log(U[:-1] / D[1:]) - np.diff(p))
                sub = -(u[:-1] / U[:-1]) * D[1:] * c
                sup = -(d[1:] / D[1:]) * U[:-1] / c
            if k > 0:  # from J+1: (J+1, M+1) by emission, (J+1, M−1) by absorption
                cm1 = r.coefficients(k - 1)[2]
                pa = phi[self.sl(k - 1)]
                base = lam[k - 1] - lam[k]
                np.multiply((r.ge * cm1) * (t + 2.0) * (t + 1.0), np.exp(base + pa[2:] - p),
                            out=self.cAe[s])
                np.multiply((r.ga * cm1) * (sv + 2.0) * (sv + 1.0), np.exp(base + pa[:L] - p),
                            out=self.cAa[s])
                if self.dephasing:  # from (J+1, M), t + 1 of ladder k − 1: its rate to J − 1
                    np.multiply(r.block(k - 1, self.T)["Zm"][1 : L + 1],
                                np.exp(base + pa[1 : L + 1] - p), out=self.cAz[s])
            if k < K:  # from J−1: (J−1, M+1) by emission, (J−1, M−1) by absorption
                cp1 = r.coefficients(k + 1)[3]
                pb = phi[self.sl(k + 1)]
                base = lam[k + 1] - lam[k]
                self.cBe[o : o + L - 2] = ((r.ge * cp1) * (sv[: L - 2] - 1.0) * sv[: L - 2]
                                           * np.exp(base + pb - p[: L - 2]))
                self.cBa[o + 2 : o + L] = ((r.ga * cp1) * (t[2:] - 1.0) * t[2:]
                                           * np.exp(base + pb - p[2:]))
                if self.dephasing:  # from (J−1, M), t − 1 of ladder k + 1: its rate to J + 1
                    self.cBz[o + 1 : o + L - 1] = (r.block(k + 1, self.T)["Zp"]
                                                   * np.exp(base + pb - p[1 : L - 1]))
            self.sub[o : o + L - 1] = sub if L >= 2 else 0.0
            self.piv[s] = diag
            if L <= 2:
                A = np.diag(diag)
                if L == 2:
                    A[1, 0], A[0, 1] = sub[0], sup[0]
                self.small[k] = A
                continue
            # factorise (−Ã)^T: −Ã is row diagonally dominant, so no pivoting is expected
            self.mult[o : o + L - 1] = sup
            dl, dd, du, du2, ipiv, info = lapack.dgttrf(
                self.mult[o : o + L - 1], self.piv[s], sub.copy(),
                overwrite_dl=1, overwrite_d=1, overwrite_du=1)
            if info != 0:
                raise NumericalError(f"reduced solver: singular J = {J} ladder "
                                     f"(dgttrf info {info})")
            self.mult[o : o + L - 1] = dl
            self.piv[s] = dd
            if np.any(ipiv != self.ident[:L]):
                self.pivoted[k] = (du.copy(), du2.copy(), ipiv.copy(), sup.copy())
            elif not np.all(diag < CANCELLATION_LIMIT * self.piv[s]):
                # nearly closed ladder: redo the pivots without subtractions
                self.piv[s] = exact_pivots(u, d, self._escape(b))
                np.divide(sup, self.piv[o : o + L - 1], out=self.mult[o : o + L - 1])
        for name in ("cAe", "cAa", "cBe", "cBa", "g", "mult", "piv") + (
                self.DEPHASING_ARRAYS if self.dephasing else ()):
            if not np.all(np.isfinite(getattr(self, name))):
                raise NumericalError(f"reduced solver: scaled coefficients ({name}) overflowed")

    def _coarse_M(self) -> None:
        """Exact birth–death correction of the marginal of M: rescale the levels of each
        M = m − N/2 (index m = t + k in ladder k) by e^{c_m} so that the up-flux out of m
        balances the down-flux out of m + 1; records the per-sector range in :attr:`band`."""
        N, K = self.N, self.K
        mass, up, dn = np.zeros(N + 1), np.zeros(N + 1), np.zeros(N + 1)
        top = float(np.max(self.lam))
        for k in range(K + 1):
            o, L = self.spans[k]
            b = self.r.block(k, self.T)  # U, D: every up and down rate out of a level
            w = self.g[o : o + L] * self.y[o : o + L]
            w *= math.exp(self.lam[k] - top)
            mass[k : k + L] += w
            up[k : k + L] += w * b["U"]
            dn[k : k + L] += w * b["D"]
        with np.errstate(divide="ignore"):
            c = balance_M(np.log(up), np.log(dn), np.log(mass))
        if float(np.max(np.abs(c))) > self.drift_limit:
            raise Drift  # y is still valid (the correction in J only)
        E = np.exp(c)
        for k in range(K + 1):
            o, L = self.spans[k]
            self.y[o : o + L] *= E[k : k + L]
        self.band = self._band_of(c)

    @staticmethod
    def _escape(b: dict) -> np.ndarray:
        """Rates out of a ladder's levels that leave its J (local bath and dephasing)."""
        return (b["Rp"] + b["Rm"]) + (b["Zp"] + b["Zm"])

    # hooks ------------------------------------------------------------------------------------
    def _inflow(self, k: int, out: np.ndarray, tmp: np.ndarray) -> None:
        y, o, L, s = self.y, int(self.off[k]), int(self.L[k]), self.sl(k)
        if k > 0:
            ya = y[int(self.off[k - 1]) : o]
            np.multiply(self.cAe[s], ya[2:], out=out)
            np.multiply(self.cAa[s], ya[:L], out=tmp)
            out += tmp
            if self.dephasing:
                np.multiply(self.cAz[s], ya[1 : L + 1], out=tmp)
                out += tmp
        else:
            out.fill(0.0)
        if k < self.K:
            yb = y[o + L : o + 2 * L - 2]
            t2 = tmp[: L - 2]
            np.multiply(self.cBe[o : o + L - 2], yb, out=t2)
            out[: L - 2] += t2
            np.multiply(self.cBa[o + 2 : o + L], yb, out=t2)
            out[2:] += t2
            if self.dephasing:
                np.multiply(self.cBz[o + 1 : o + L - 1], yb, out=t2)
                out[1 : L - 1] += t2

    def _solve(self, k: int, rhs: np.ndarray) -> np.ndarray:
        o, L = self.spans[k]
        if k in self.pivoted:
            du, du2, ipiv, _ = self.pivoted[k]
        else:
            du, du2, ipiv = self.sub[o : o + L - 1], self.zeros[: L - 2], self.ident[:L]
        return self._solve_factored(k, du, du2, ipiv, rhs)

    def _sums(self, k: int, yk: np.ndarray) -> tuple[float, float, float]:
        s = self.sl(k)
        return float(dot(self.g[s], yk)), float(dot(self.wp[s], yk)), float(dot(self.wm[s], yk))

    def _log_sum(self, k: int, kind: str) -> float:
        b = self.r.block(k, self.T)
        w = {"m": np.ones(int(b["L"])), "p": b["Rp"] + b["Zp"], "q": b["Rm"] + b["Zm"]}[kind]
        return _log_dot(self.phi[self.sl(k)], w, self.y[self.sl(k)])

    def _ladder(self, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        o, L = int(self.off[k]), int(self.L[k])
        diag = self.r.block(k, self.T)["out"]
        if k in self.small:
            A = self.small[k]
            return diag, np.diag(A, -1), np.diag(A, 1)
        sup = (self.pivoted[k][3] if k in self.pivoted
               else self.mult[o : o + L - 1] * self.piv[o : o + L - 1])
        return diag, self.sub[o : o + L - 1], sup

    def _log_reference(self, k: int) -> np.ndarray:
        return self.phi[self.sl(k)]

    def moments(self, k: int) -> tuple[float, float, float]:
        """(Σ P, Σ P t, Σ P t²) over ladder k in units of e^lam_k (t = J + M)."""
        s, L = self.sl(k), int(self.L[k])
        w = self.g[s] * self.y[s]
        t = self.T[:L]
        return float(w.sum()), float(dot(w, t)), float(dot(w, t * t))

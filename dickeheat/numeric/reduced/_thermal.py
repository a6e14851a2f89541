r"""The thermal reference of the aggregation kernel (``_aggregation``; the fast path).

:math:`\phi_J(M) = (J+M)\ln x` with :math:`x = \Gamma_\uparrow/\Gamma_\downarrow =
e^{-\omega_0/T^*}`, the detailed balance of the collective baths (exact without a parasitic
bath). Then every scaled coupling is a per-ladder scalar times a fixed polynomial in
``t = J + M`` (``(t+1)(t+2)``, ``t(t−1)`` or the same in ``s = J − M``), so nothing per level
needs storing or exponentiating, and each ladder :math:`-\tilde A_k = Z S Z^{-1}` is similar to a
symmetric positive-definite tridiagonal S with a *constant* ratio :math:`z_{i+1}/z_i`. S is
factorised with LAPACK ``dpttrf`` (LDLᵀ, no pivoting) and the factors are turned into those of
:math:`(-\tilde A_k)^T` for ``dgttrs``. Working memory: 4 float64 arrays (32 bytes per level).

Applicable while the populations stay within :attr:`~ThermalReferenceSolver.drift_limit`
(e^±300) of the reference; beyond that ``Drift`` is raised
and the caller continues with the general log reference.
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
    exact_pivots,
)

__all__ = ["ThermalReferenceSolver"]


class ThermalReferenceSolver(LadderSolver):
    """Aggregation–disaggregation with the thermal reference (see the module docstring)."""

    drift_limit = 300.0
    spare = "piv"
    #: the thermal reference is used only for x >= e^{-MIN_LOG_X}
    MIN_LOG_X = 300.0

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
        N = self.N
        self.mult, self.piv, self.sub = np.zeros(n), np.zeros(n), np.zeros(n)
        T = self.T
        self.theta = math.log(rates.Gu / rates.Gd)
        self.E = np.exp(self.theta * T)
        self.Q1 = (T + 1.0) * (T + 2.0)
        self.Q0 = T * (T - 1.0)
        # reversed copies: Q1r[N+2-L+t] = Q1[L-1-t], i.e. the same polynomial in s = 2J - t
        self.Q1r = self.Q1[::-1].copy()
        self.Q0r = self.Q0[::-1].copy()
        self.T2 = T * T
        # beyond tcut, e^{theta t} y < e^-1060 e^300: nothing there reaches a sector sum
        self.tcut = min(N + 2, math.ceil((760.0 + self.drift_limit) / -self.theta) + 3)
        K = self.K
        self.cf = [rates.coefficients(k) for k in range(K + 1)]  # (J, c0, cm, cp)
        self.alpha, self.beta = np.zeros(K + 1), np.zeros(K + 1)
        self.gamma, self.delta = np.zeros(K + 1), np.zeros(K + 1)
        self._initial_weights()
        self._couplings()
        self._factorise()

    # setup --------------------------------------------------------------------------------------
    def _initial_weights(self) -> None:
        """lam from the sector chain that the thermal conditionals induce."""
        K = self.K
        m0, kp, km = np.empty(K + 1), np.empty(K + 1), np.empty(K + 1)
        for k in range(K + 1):
            m0[k], kp[k], km[k] = self._sums(k, np.ones(int(self.L[k])))
        with np.errstate(divide="ignore"):
            log_W = np.zeros(K + 1)
            log_W[1:] = np.cumsum(np.log(km[:-1]) - np.log(kp[1:]))
        log_W -= logsumexp(log_W)
        self.lam[:] = log_W - np.log(m0)
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
        h = self.N / 2
        t = self.T[:L]
        s = self.T[L - 1 :: -1]
        a_up = s * (t + 1.0)
        diag = (r.Gu * a_up + r.Gd * t * (s + 1.0)) + ((r.ga * (h + J) + r.ge * (h - J))
                                                       + (r.ge - r.ga) * t)
        wu, wd = r.Gu + r.ga * c0, r.Gd + r.ge * c0  # ladder up/down rates per unit a_up
        return diag, a_up, -wu * math.exp(-th), -wd * math.exp(th), wu, wd

    def _factorise(self) -> None:
        """−Ã_k = Z S Z^{-1}: LDLᵀ of S (dpttrf), turned into the factors of (−Ã_k)^T."""
        for k in range(self.K + 1):
            o, L = int(self.off[k]), int(self.L[k])
            diag, a_up, sub_c, sup_c, wu, wd = self._ladder_parts(k)
            if L <= 2:
                A = np.diag(diag)
                if L == 2:
                    A[1, 0], A[0, 1] = sub_c * a_up[0], sup_c * a_up[0]
                self.small[k] = A
                continue
            sigma = math.sqrt(wu * wd)
            rho = math.sqrt(wu / wd) * math.exp(-self.theta)  # z_{i+1}/z_i
            d = self.piv[o : o + L]
            e = self.mult[o : o + L - 1]
            d[:] = diag
            np.multiply(a_up[:-1], -sigma, out=e)
            dd, ee, info = lapack.dpttrf(d, e, overwrite_d=1, overwrite_e=1)
            if not np.shares_memory(dd, d):
                d[:] = dd
            if not np.shares_memory(ee, e):
                e[:] = ee
            e *= 1.0 / rho  # unit-lower multipliers of (−Ã)^T = Z^{-1} S Z
            np.multiply(a_up[:-1], sub_c, out=self.sub[o : o + L - 1])  # its superdiagonal
            if info != 0 or not np.all(diag < CANCELLATION_LIMIT * d):
                # nearly closed ladder: pivots without subtractions (same for S and −Ã)
                b = self.r.block(k, self.T)
                d[:] = exact_pivots(b["u"], b["d"], b["Rp"] + b["Rm"])
                np.multiply(a_up[:-1], sup_c, out=e)
                e /= d[:-1]

    # hooks ----------------------------------------------------------------------------------------
    def _inflow(self, k: int, out: np.ndarray, tmp: np.ndarray) -> None:
        y = self.y
        o, L = self.spans[k]
        Q0, Q1 = self.Q0, self.Q1
        r0 = self.N + 2 - L  # Q1r[r0:] is (s+1)(s+2) over this ladder
        if k > 0:
            ya = y[o - L - 2 : o]
            np.multiply(Q1[:L], ya[2:], out=out)
            out *= self.alpha[k]
            np.multiply(self.Q1r[r0:], ya[:L], out=tmp)
            tmp *= self.beta[k]
            out += tmp
        else:
            out.fill(0.0)
        if k < self.K:
            yb = y[o + L : o + 2 * L - 2]
            t2 = tmp[: L - 2]
            np.multiply(self.Q0r[r0 : r0 + L - 2], yb, out=t2)
            t2 *= self.gamma[k]
            out[: L - 2] += t2
            np.multiply(Q0[2:L], yb, out=t2)
            t2 *= self.delta[k]
            out[2:] += t2

    def _solve(self, k: int, rhs: np.ndarray) -> np.ndarray:
        o, L = self.spans[k]
        return self._solve_factored(k, self.sub[o : o + L - 1], self.zeros[: L - 2],
                                    self.ident[:L], rhs)

    def _sums(self, k: int, yk: np.ndarray) -> tuple[float, float, float]:
        r = self.r
        L = len(yk)
        c = min(L, self.tcut)
        _, _, cm, cp = self.cf[k]
        w = np.multiply(self.E[:c], yk[:c], out=self.tmp[:c])
        r0 = self.N + 2 - L
        up = cp * (r.ge * float(w @ self.Q1r[r0 : r0 + c]) + r.ga * float(w @ self.Q1[:c]))
        down = cm * (r.ge * float(w @ self.Q0[:c]) + r.ga * float(w @ self.Q0r[r0 : r0 + c]))
        return float(w.sum()), up, down

    def moments(self, k: int) -> tuple[float, float, float]:
        """(Σ P, Σ P t, Σ P t²) over ladder k in units of e^lam_k (t = J + M)."""
        o, L = self.spans[k]
        c = min(L, self.tcut)
        w = np.multiply(self.E[:c], self.y[o : o + c], out=self.tmp[:c])
        return float(w.sum()), float(w @ self.T[:c]), float(w @ self.T2[:c])

    def _log_sum(self, k: int, kind: str) -> float:
        raise Drift  # a sector sum underflowed: the thermal reference is too far off

    def _ladder(self, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if k in self.small:
            A = self.small[k]
            return np.diag(A).copy(), np.diag(A, -1), np.diag(A, 1)
        o, L = int(self.off[k]), int(self.L[k])
        mult, piv, sub = self.mult[o : o + L - 1], self.piv[o : o + L], self.sub[o : o + L - 1]
        # (−Ã)^T = L U: diag = piv + mult·sub (shifted), super of −Ã = mult·piv
        diag = piv.copy()
        diag[1:] += mult * sub
        return diag, sub, mult * piv[:-1]

    def _log_reference(self, k: int) -> np.ndarray:
        return self.theta * self.T[: int(self.L[k])]


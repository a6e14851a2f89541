r"""Compiled loops of the ``reduced`` backend: the thermal reference's (``_thermal``) ladder
sweep, factorisation, sector sums, moments and residual, as single passes over the packed
lattice, a single-threaded dot product (for ``_log``), and the two passes of an Anderson step
(for ``_accelerate``).

The NumPy version of the sweep calls half a dozen array operations and a LAPACK ``dgttrs`` per
ladder: at N = 10 000 that is 5 001 ladders × ~15 calls per sweep, and the time went into call
overhead and into passing over each ladder several times. Here each ladder is visited once per
sweep: its inflow from J ± 1, the forward and backward substitution with the stored factors,
the change ratio and the three sector sums, in one loop (numba, compiled on first use and
cached on disk).

The arithmetic is the same as the NumPy path's, term by term:

* the factors are those of :math:`(-\tilde A_k)^T = L U` (unit-lower multipliers ``mult``,
  reciprocal pivots ``rpiv``, superdiagonal :math:`a_\uparrow(t)` times a per-ladder scalar
  ``sub_c``, so it is not stored), so :math:`-\tilde A_k\,x = b` is solved as
  :math:`U^T z = b` (forward) and :math:`L^T x = z` (backward), what ``dgttrs(trans="T")``
  does without pivoting;
* the factorisation is LAPACK ``dpttrf``'s LDLᵀ of the symmetric tridiagonal :math:`S`, done
  per ladder in the same order; a ladder whose pivots lost more than the cancellation limit is
  flagged and refactorised by the caller without subtractions
  (:func:`~dickeheat.numeric.reduced._aggregation.exact_pivots`).

Every function takes plain arrays and scalars (no Python objects), so the module knows nothing
of the solver classes; ``_thermal`` packs its state into these arguments. ``tests`` compare
every kernel with the NumPy/LAPACK path it replaces.
"""

from __future__ import annotations

import math
import os
import threading
from collections.abc import Callable
from typing import Any

import numpy as np
from numba import njit

__all__ = [
    "anderson_mix",
    "anderson_update",
    "cores",
    "dot",
    "exp_into",
    "factorise",
    "in_parts",
    "ladder_sums",
    "log_fit_sums",
    "log_into",
    "log_populations",
    "marginal_M",
    "moments",
    "remove_fit",
    "residual",
    "scale_M",
    "scale_ladders",
    "snapshot",
    "sweep_part",
]

#: NumPy's floating-point semantics (x/0 is inf or NaN, caught by the callers' checks, not a
#: ZeroDivisionError), no GIL (``_thermal`` runs two kernels at once), cached on disk
_jit = njit(cache=True, nogil=True, error_model="numpy")


@_jit
def dot(a, b):  # pragma: no cover
    """Σ a_i b_i in one thread. NumPy's ``a @ b`` calls a threaded BLAS for long vectors,
    whose worker threads wait for a free core: on a busy machine a 10⁴-element dot product
    took 50 ms instead of 5 µs, which made the acceleration of a 200-qubit solve 40 times
    slower."""
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i] * b[i]
    return s


@_jit
def anderson_update(F, G, slots, new, u, y, g, f_prev, g_prev, lo, hi, gram_row,
                    rhs):  # pragma: no cover
    """One pass of an Anderson step (``_accelerate``) over the levels lo … hi − 1: the image
    g = log y, the residual f = g − u (written over u); if ``new`` >= 0 the new history
    column F[new] = f − f_prev, G[new] = g − g_prev and the partial sums gram_row[j] +=
    F[slots[j]]·F[new], rhs[j] += F[slots[j]]·f (slots: the columns in use, ``new`` among
    them); then f_prev, g_prev = f, g. Returns the partial f·f. The sums run over the levels
    in order; those of one level go to independent accumulators."""
    m = slots.shape[0]
    acc_g = np.zeros(m)
    acc_r = np.zeros(m)
    ff = 0.0
    for i in range(lo, hi):
        gi = math.log(y[i])
        g[i] = gi
        fi = gi - u[i]
        u[i] = fi
        ff += fi * fi
        if new >= 0:
            df = fi - f_prev[i]
            F[new, i] = df
            G[new, i] = gi - g_prev[i]
            for j in range(m):
                c = F[slots[j], i]
                acc_g[j] += c * df
                acc_r[j] += c * fi
        f_prev[i] = fi
        g_prev[i] = gi
    for j in range(m):
        gram_row[j] += acc_g[j]
        rhs[j] += acc_r[j]
    return ff


@_jit
def anderson_mix(G, slots, gamma, g, lo, hi):  # pragma: no cover
    """g −= Σ_j gamma[j] G[slots[j]] over the levels lo … hi − 1, in one pass."""
    m = slots.shape[0]
    for i in range(lo, hi):
        v = g[i]
        for j in range(m):
            v -= gamma[j] * G[slots[j], i]
        g[i] = v


@_jit
def log_into(x, out, lo, hi):  # pragma: no cover
    """out = log x over lo … hi − 1."""
    for i in range(lo, hi):
        out[i] = math.log(x[i])


@_jit
def exp_into(x, out, lo, hi):  # pragma: no cover
    """out = exp x over lo … hi − 1."""
    for i in range(lo, hi):
        out[i] = math.exp(x[i])


@_jit
def log_populations(first, last, y, off, Ls, lam, theta, out):  # pragma: no cover
    """out = lam_k + theta·t + log y over the ladders k = first … last − 1 (the thermal
    reference's log populations)."""
    for k in range(first, last):
        o = off[k]
        for t in range(Ls[k]):
            out[o + t] = (math.log(y[o + t]) + theta * t) + lam[k]


@_jit
def moments(y, off, Ls, K, E, tcut, out):  # pragma: no cover
    """out[k] = (Σ w, Σ w t, Σ w t²) over ladder k with w = E[t]·y (t < tcut): the moments of
    the thermal reference's populations in units of e^lam_k."""
    for k in range(K + 1):
        o = off[k]
        s0 = 0.0
        s1 = 0.0
        s2 = 0.0
        for t in range(min(Ls[k], tcut)):
            w = E[t] * y[o + t]
            s0 += w
            s1 += w * t
            s2 += w * t * t
        out[k, 0] = s0
        out[k, 1] = s1
        out[k, 2] = s2


@_jit
def _inflow(k, y, off, Ls, K, alpha, beta, gamma, delta, Q0, Q1, out):  # pragma: no cover
    """out[:L] = scaled inflow into ladder k from ladders k ± 1 (``_thermal._inflow``)."""
    o, L = off[k], Ls[k]
    if k > 0:
        a = o - L - 2  # ladder k − 1 has L + 2 levels
        ak, bk = alpha[k], beta[k]
        for t in range(L):
            # Q1r[r0 + t] = Q1[L − 1 − t]: the same polynomial in s = 2J − t
            out[t] = Q1[t] * y[a + t + 2] * ak + Q1[L - 1 - t] * y[a + t] * bk
    else:
        for t in range(L):
            out[t] = 0.0
    if k < K:
        b = o + L  # ladder k + 1 has L − 2 levels
        gk, dk = gamma[k], delta[k]
        for t in range(L - 2):
            # Q0r[r0 + t] = Q0[L − 1 − t]
            out[t] += Q0[L - 1 - t] * y[b + t] * gk
        for t in range(2, L):
            out[t] += Q0[t] * y[b + t - 2] * dk


@_jit
def _sums_of(k, y, off, Ls, E, Q0, Q1, tcut, cm, cp, ge, ga):  # pragma: no cover
    """(mass, flux to J + 1, flux to J − 1) of ladder k (``_thermal._sums``)."""
    o, L = off[k], Ls[k]
    c = min(L, tcut)
    m = 0.0
    up_e = 0.0
    up_a = 0.0
    dn_e = 0.0
    dn_a = 0.0
    for t in range(c):
        w = E[t] * y[o + t]
        m += w
        up_e += w * Q1[L - 1 - t]
        up_a += w * Q1[t]
        dn_e += w * Q0[t]
        dn_a += w * Q0[L - 1 - t]
    return m, cp[k] * (ge * up_e + ga * up_a), cm[k] * (ge * dn_e + ga * dn_a)


@_jit
def _update_ladder(k, L, o, y, ya, a, yb, bb, K, mult, rpiv, sub_c, alpha, beta, gamma, delta,
                   Q0, Q1, E, tcut, cm, cp, ge, ga, buf, m, Wp, Wm, rmin, rmax):  # pragma: no cover
    """Solve ladder k (more than two levels) given the inflow from ladder k − 1 (``ya`` at
    ``a``, L + 2 levels) and k + 1 (``yb`` at ``bb``, L − 2 levels); store it in ``y`` and
    record its change range and sector sums. Returns False if a new value is not positive
    and finite (``y`` of the ladder is then not written).

    The forward substitution forms each level's inflow as it goes; the backward
    substitution compares and sums each new value as it is produced.
    """
    # U^T z = b (lower bidiagonal: diagonal 1/rpiv, subdiagonal a_up(i − 1)·sub_c with
    # a_up(t) = (2J − t)(t + 1)); b = the inflow, Q1[L − 1 − i] = (s + 1)(s + 2) and
    # Q0[L − 1 − i] = s(s − 1) with s = 2J − i
    ak = alpha[k] if k > 0 else 0.0
    bk = beta[k] if k > 0 else 0.0
    gk = gamma[k] if k < K else 0.0
    dk = delta[k] if k < K else 0.0
    sc = sub_c[k]
    z = 0.0
    for i in range(L):
        inflow = 0.0
        if k > 0:
            inflow = Q1[i] * ya[a + i + 2] * ak + Q1[L - 1 - i] * ya[a + i] * bk
        if k < K:
            if i < L - 2:
                inflow += Q0[L - 1 - i] * yb[bb + i] * gk
            if i >= 2:
                inflow += Q0[i] * yb[bb + i - 2] * dk
        if i == 0:
            z = inflow * rpiv[o]
        else:
            z = (inflow - (L - i) * i * sc * z) * rpiv[o + i]
        buf[i] = z
    # L^T x = z (unit upper bidiagonal, superdiagonal mult); compare (a NaN fails the test),
    # sum, then store
    c = min(L, tcut)
    lo = math.inf
    hi = -math.inf
    ok = True
    mk = 0.0
    up_e = 0.0
    up_a = 0.0
    dn_e = 0.0
    dn_a = 0.0
    x = 0.0
    for i in range(L - 1, -1, -1):
        if i == L - 1:
            x = buf[i]
        else:
            x = buf[i] - mult[o + i] * x
            buf[i] = x
        r = x / y[o + i]
        if not (r > 0.0 and r < math.inf):
            ok = False
        lo = min(lo, r)
        hi = max(hi, r)
        if i < c:
            w = E[i] * x
            mk += w
            up_e += w * Q1[L - 1 - i]
            up_a += w * Q1[i]
            dn_e += w * Q0[i]
            dn_a += w * Q0[L - 1 - i]
    if not ok:
        return False
    for i in range(L):
        y[o + i] = buf[i]
    rmin[k] = lo
    rmax[k] = hi
    m[k] = mk
    Wp[k] = cp[k] * (ge * up_e + ga * up_a)
    Wm[k] = cm[k] * (ge * dn_e + ga * dn_a)
    return True


@_jit
def _update_small(k, L, o, y, off, Ls, K, small, alpha, beta, gamma, delta, Q0, Q1, E, tcut,
                  cm, cp, ge, ga, buf, m, Wp, Wm, rmin, rmax):  # pragma: no cover
    """:func:`_update_ladder` for the last ladder with one or two levels (dense ``small``)."""
    _inflow(k, y, off, Ls, K, alpha, beta, gamma, delta, Q0, Q1, buf)
    if L == 1:
        buf[0] = buf[0] / small[0, 0]
    else:
        det = small[0, 0] * small[1, 1] - small[0, 1] * small[1, 0]
        b0, b1 = buf[0], buf[1]
        buf[0] = (small[1, 1] * b0 - small[0, 1] * b1) / det
        buf[1] = (small[0, 0] * b1 - small[1, 0] * b0) / det
    lo = math.inf
    hi = -math.inf
    for i in range(L):
        r = buf[i] / y[o + i]
        if not (r > 0.0 and r < math.inf):
            return False
        lo = min(lo, r)
        hi = max(hi, r)
    for i in range(L):
        y[o + i] = buf[i]
    rmin[k] = lo
    rmax[k] = hi
    m[k], Wp[k], Wm[k] = _sums_of(k, y, off, Ls, E, Q0, Q1, tcut, cm, cp, ge, ga)
    return True


@_jit
def sweep_part(first, last, downward, y, snap_a, snap_b, off, Ls, K, mult, rpiv, sub_c,
                small, alpha, beta, gamma, delta, Q0, Q1, E, tcut, cm, cp, ge, ga, buf, m, Wp,
                Wm, rmin, rmax):  # pragma: no cover
    """One part of a sweep (the ladder part of :meth:`LadderSolver.sweep`): block
    Gauss–Seidel over the ladders first … last − 1 in the given direction (inflow, exact
    ladder solve, change range, sector sums of each ladder).

    The neighbours outside the part are read from the snapshots ``snap_a`` (ladder
    first − 1) and ``snap_b`` (ladder last) taken by :func:`snapshot`, so parts write
    disjoint ladders, read nothing another part writes, and can run at the same time (the
    functions release the GIL); the result does not depend on the order they run in.
    Returns -1, or the ladder whose new values are not positive and finite (the ladders
    before it are updated; the caller raises ``Drift``)."""
    n = last - first
    for step in range(n):
        k = first + step if downward else last - 1 - step
        o, L = off[k], Ls[k]
        if L <= 2 and k == K:
            done = _update_small(k, L, o, y, off, Ls, K, small, alpha, beta, gamma, delta, Q0,
                                 Q1, E, tcut, cm, cp, ge, ga, buf, m, Wp, Wm, rmin, rmax)
        else:
            ya, a = (snap_a, 0) if k == first else (y, o - L - 2)
            yb, bb = (snap_b, 0) if k == last - 1 else (y, o + L)
            done = _update_ladder(k, L, o, y, ya, a, yb, bb, K, mult, rpiv, sub_c, alpha,
                                  beta, gamma, delta, Q0, Q1, E, tcut, cm, cp, ge, ga, buf, m,
                                  Wp, Wm, rmin, rmax)
        if not done:
            return k
    return -1


@_jit
def snapshot(y, snap, bounds, off, Ls, K):  # pragma: no cover
    """Copy the neighbours of every part of the sweep before it starts: ``snap[2p]`` = the
    ladder bounds[p] − 1 (just above part p), ``snap[2p + 1]`` = the ladder bounds[p + 1]
    (just below it)."""
    P = bounds.shape[0] - 1
    for p in range(P):
        first, last = bounds[p], bounds[p + 1]
        if first > 0:
            oa, La = off[first - 1], Ls[first - 1]
            for i in range(La):
                snap[2 * p, i] = y[oa + i]
        if last <= K:
            ob, Lb = off[last], Ls[last]
            for i in range(Lb):
                snap[2 * p + 1, i] = y[ob + i]


@_jit
def ladder_sums(y, off, Ls, K, E, Q0, Q1, tcut, cm, cp, ge, ga, m, Wp, Wm):  # pragma: no cover
    """The three sector sums of every ladder at ``y`` (into m, Wp, Wm)."""
    for k in range(K + 1):
        m[k], Wp[k], Wm[k] = _sums_of(k, y, off, Ls, E, Q0, Q1, tcut, cm, cp, ge, ga)


@_jit
def scale_ladders(first, last, y, off, Ls, log_factors):  # pragma: no cover
    """y of ladder k *= exp(log_factors[k]) for k = first … last − 1 (the coarse step)."""
    for k in range(first, last):
        f = math.exp(log_factors[k])
        o = off[k]
        for i in range(Ls[k]):
            y[o + i] *= f


@_jit
def factorise(first, last, off, Ls, h, Gu, Gd, ge, ga, theta, Js, c0s, top_cp, mult, rpiv,
              sub_c, limit, flagged):  # pragma: no cover
    """Factors of (−Ã_k)^T for the ladders k = first … last − 1 with more than two levels
    (``_thermal._factorise``).

    −Ã_k = Z S Z^{-1} with S symmetric tridiagonal (diagonal ``diag``, off-diagonal
    −σ·a_up); S = L D Lᵀ as LAPACK ``dpttrf`` computes it; then the multipliers are divided
    by ρ = z_{i+1}/z_i. ``rpiv`` receives the reciprocal pivots and ``sub_c[k]`` the scalar of
    the superdiagonal of (−Ã_k)^T, a_up·sub_c[k]. ``flagged[k]`` is set where a pivot is not
    positive or ``diag >= limit·pivot`` (cancellation): the caller recomputes those pivots
    without subtractions. ``h`` is N/2 of the rates; ``top_cp`` (0 unless the lattice is cut
    above ladder 0) removes ladder 0's local rates to J + 1 from its diagonal.
    """
    for k in range(first, last):
        L = Ls[k]
        o = off[k]
        J, c0 = Js[k], c0s[k]
        wu, wd = Gu + ga * c0, Gd + ge * c0
        sub_c[k] = -wu * math.exp(-theta)
        flagged[k] = False
        if L <= 2:
            continue
        sigma = math.sqrt(wu * wd)
        rho = math.sqrt(wu / wd) * math.exp(-theta)
        const = ga * (h + J) + ge * (h - J)
        slope = ge - ga
        ok = True
        prev_d = 0.0
        prev_e = 0.0
        for i in range(L):
            t = float(i)
            s = float(L - 1 - i)
            a_up = s * (t + 1.0)
            diag = (Gu * a_up + Gd * t * (s + 1.0)) + (const + slope * t)
            if k == 0 and top_cp != 0.0:
                diag -= top_cp * (ga * (t + 1.0) * (t + 2.0) + ge * (s + 1.0) * (s + 2.0))
            if i == 0:
                d = diag
            else:
                d = diag - prev_e * prev_e * prev_d  # dpttrf: d_i = D_i − e_{i−1}² d_{i−1}
            if not (d > 0.0) or not (diag < limit * d):
                ok = False
            rpiv[o + i] = 1.0 / d
            if i < L - 1:
                ell = -sigma * a_up / d
                mult[o + i] = ell / rho
                prev_e = ell
                prev_d = d
        flagged[k] = not ok


@_jit
def residual(first, last, y, off, Ls, K, mult, rpiv, sub_c, small, alpha, beta, gamma, delta,
             Q0, Q1, worst):  # pragma: no cover
    """worst[k] = max over the levels of ladder k of |inflow − (−Ã y)| / (outflow · y) for
    k = first … last − 1 (``LadderSolver.residual``)."""
    for k in range(first, last):
        o, L = off[k], Ls[k]
        buf = np.empty(L)
        _inflow(k, y, off, Ls, K, alpha, beta, gamma, delta, Q0, Q1, buf)
        w = 0.0
        for i in range(L):
            if L <= 2 and k == K:
                diag = small[i, i]
                lower = small[i, i - 1] if i > 0 else 0.0
                upper = small[i, i + 1] if i < L - 1 else 0.0
            else:
                # (−Ã)^T = L U: diag = piv + mult·sub (shifted), super of −Ã = mult·piv,
                # sub = a_up·sub_c with a_up(t) = (2J − t)(t + 1)
                lower = (L - i) * i * sub_c[k] if i > 0 else 0.0
                diag = 1.0 / rpiv[o + i] + (mult[o + i - 1] * lower if i > 0 else 0.0)
                upper = mult[o + i] / rpiv[o + i] if i < L - 1 else 0.0
            r = buf[i] - diag * y[o + i]
            if i > 0:
                r -= lower * y[o + i - 1]
            if i < L - 1:
                r -= upper * y[o + i + 1]
            w = max(w, abs(r) / (diag * y[o + i]))
        worst[k] = w


def cores() -> int:
    """CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def in_parts(bounds: np.ndarray, threads: int, call: Callable[[int, int, int], Any]) -> list:
    """``call(first, last, p)`` for each part p = [bounds[p], bounds[p + 1]), part 0 in a
    second thread when ``threads`` > 1 (the kernels release the GIL and write disjoint
    parts); returns the results in order. An exception in either thread is raised here. The
    parts, not the threads, decide the arithmetic: the results do not depend on the cores."""
    P = len(bounds) - 1
    out: list = [None] * P
    errors: list[BaseException] = []

    def run(p: int) -> None:
        try:
            out[p] = call(int(bounds[p]), int(bounds[p + 1]), p)
        except BaseException as err:  # re-raised in the calling thread
            errors.append(err)

    if threads > 1 and P > 1:
        helper = threading.Thread(target=run, args=(0,))
        helper.start()
        for p in range(1, P):
            run(p)
        helper.join()
    else:
        for p in range(P):
            run(p)
    if errors:
        raise errors[0]
    return out


def as_int_array(values) -> np.ndarray:
    """int64 copy of ``values`` (the layout arrays the kernels index with)."""
    return np.ascontiguousarray(values, dtype=np.int64)



@_jit
def _add_level(m, v, t, s, Gu, Gd, ge, ga, cu, cd, top, S, SU, SD):  # pragma: no cover
    """S[m] += v, SU[m] += v·(total up rate), SD[m] += v·(total down rate) of level t of a
    ladder (s = 2J − t; cu = ga(N/2 + J), cd = ge(N/2 − J); ``top``: cp of a top ladder
    whose rates to J + 1 are cut, else 0)."""
    S[m] += v
    SU[m] += v * (Gu * s * (t + 1.0) + (cu - ga * t) - top * ga * (t + 1.0) * (t + 2.0))
    SD[m] += v * (Gd * t * (s + 1.0) + (cd + ge * t) - top * ge * (s + 1.0) * (s + 2.0))


@_jit
def marginal_M(first, last, y, off, Ls, N, h, top_cp, Gu, Gd, ge, ga, a, r, ef, eb, S, SU,
               SD):  # pragma: no cover
    """Sums over the ladders k = first … last − 1 for the coarse step in M: for each
    m = k + t (M = m − N/2), S[m] += e^{a_k − r_m} y, and SU[m], SD[m] the same times the
    level's total up and down rates (every process that changes M by ±1).

    The thermal populations are P = e^{a_k + θm} y with a_k = lam_k − θk, so e^{θm} is common
    to one m; r_m is the largest a_k over the ladders that reach m (k <= min(m, N − m): a
    prefix maximum, non-decreasing in m up to N/2 and non-increasing beyond). The weight
    e^{a_k − r_m} is carried from each end of the ladder (m = k and m = N − k, where
    r_m = r_k) inwards by one multiply per level with the step factors ``ef[m]`` =
    e^{r_{m−1} − r_m} (t <= J) and ``eb[m]`` = e^{r_{m+1} − r_m} (t > J), both <= 1 there:
    a weight that underflows stays negligible next to the largest term of its m.
    ``N`` is the layout's (ladder k has J = N/2 − k), ``h`` the rates' N/2, ``top_cp`` as in
    :func:`factorise`.
    """
    for k in range(first, last):
        o, L = off[k], Ls[k]
        J = 0.5 * N - k
        cu, cd = ga * (h + J), ge * (h - J)
        top = top_cp if k == 0 else 0.0
        tm = (L - 1) // 2
        w0 = math.exp(a[k] - r[k])
        w = w0
        for t in range(tm + 1):  # from the bottom up to t = J
            if t > 0:
                w *= ef[k + t]
            _add_level(k + t, w * y[o + t], float(t), float(L - 1 - t), Gu, Gd, ge, ga, cu,
                       cd, top, S, SU, SD)
        w = w0
        for t in range(L - 1, tm, -1):  # from the top down to t = J + 1
            if t < L - 1:
                w *= eb[k + t]
            _add_level(k + t, w * y[o + t], float(t), float(L - 1 - t), Gu, Gd, ge, ga, cu,
                       cd, top, S, SU, SD)


@_jit
def scale_M(first, last, y, off, Ls, factors):  # pragma: no cover
    """y(k, t) *= factors[k + t] over the ladders k = first … last − 1 (the coarse step in
    M)."""
    for k in range(first, last):
        o = off[k]
        for t in range(Ls[k]):
            y[o + t] *= factors[k + t]


@_jit
def log_fit_sums(y, off, Ls, K, out):  # pragma: no cover
    """out[k] = (L, Σ t, Σ t², Σ log y, Σ t log y) over ladder k: the sums of a least-squares
    fit log y ≈ α_k + β t with one slope for every ladder (``_thermal.refit``)."""
    for k in range(K + 1):
        o = off[k]
        s1 = 0.0
        s2 = 0.0
        sl = 0.0
        stl = 0.0
        for t in range(Ls[k]):
            v = math.log(y[o + t])
            s1 += t
            s2 += t * t
            sl += v
            stl += t * v
        out[k, 0] = Ls[k]
        out[k, 1] = s1
        out[k, 2] = s2
        out[k, 3] = sl
        out[k, 4] = stl


@_jit
def remove_fit(y, off, Ls, K, alpha, beta, lo, hi):  # pragma: no cover
    """y(k, t) *= e^{−α_k − β t}; lo[k], hi[k] = the range of the new log y over ladder k."""
    for k in range(K + 1):
        o = off[k]
        a = -alpha[k]
        mn = math.inf
        mx = -math.inf
        for t in range(Ls[k]):
            v = math.log(y[o + t]) + (a - beta * t)
            y[o + t] = math.exp(v)
            mn = min(mn, v)
            mx = max(mx, v)
        lo[k] = mn
        hi[k] = mx

"""Independent numerical checks of Appendix C and Sec. II C.

Closed forms (``result.numpy_function``, arguments by name) are compared with QuTiP (traces of
e^{−βH} in a spin-J sector, exact fixed-J steady states), with exact finite thermal sums in
mpmath where a limit is taken, and with a Richardson extrapolation of fixed-J steady states for
the thermodynamic limit. The bounds are searched for violations (random + Nelder–Mead) on
exact rate-equation steady states. Natural units
ħ = k_B = ω0 = 1.
"""

from __future__ import annotations

import mpmath
import numpy as np
import qutip

from dickeheat.derivations.andolina2024.checks._common import (
    BATHS,
    TOL,
    evaluate,
    steady,
)
from dickeheat.numeric.accuracy import relative_error
from dickeheat.numeric.model import allowed_J
from dickeheat.numeric.thermal import bose
from dickeheat.symbolic.result import NumericCheck, Result

__all__ = [
    "SEARCH_SAMPLES", "coth_check", "jz_high_check", "jz_low_check", "jz_ratio_check",
    "jz_thermal_check", "partition_function_check", "q_high_check", "q_lim_check",
    "q_max_check", "sector_rate_current", "thermal_sum",
]

def thermal_sum(J, x, dps: int = 40):
    """⟨J_z⟩ = Σ m e^{−xm}/Σ e^{−xm} by direct summation in mpmath (2J + 1 terms)."""
    with mpmath.workdps(dps):
        J = mpmath.mpf(J)
        ms = [-J + k for k in range(int(2 * J) + 1)]
        w = [mpmath.exp(-x * m) for m in ms]
        return sum(m * wi for m, wi in zip(ms, w, strict=True)) / sum(w)


def partition_function_check(result: Result) -> NumericCheck:
    """(C7): Tr e^{−ω0 J_z/T} of qutip.jmat, J <= 8."""
    errs = []
    for twoJ in range(1, 17):
        jz = qutip.jmat(twoJ / 2, "z")
        for T in (0.2, 1.0, 5.0):
            closed = evaluate(result, {"Jbar": twoJ / 2, "omega_0": 1.0, "T": T}, natural=True)
            errs.append(relative_error(closed, (-jz / T).expm().tr().real))
    err = max(errs)
    return NumericCheck(err < TOL, err, TOL, "trace of expm(−J_z/T) from qutip.jmat, J = 1/2..8, "
                        "T = 0.2, 1, 5 ω0")


def jz_thermal_check(result: Result) -> NumericCheck:
    """(C10) at T = T*: ⟨J_z⟩ of QuTiP fixed-J steady states of the two-bath problem."""
    errs = []
    for gh, gc, th, tc in BATHS[:3]:
        for twoJ in range(1, 17):
            ss = steady(twoJ, gh, gc, th, tc, J=twoJ / 2)
            closed = evaluate(result, {"Jbar": twoJ / 2, "omega_0": 1.0, "T": ss.model.T_star},
                              natural=True)
            errs.append(relative_error(closed, ss.jz))
    err = max(errs)
    return NumericCheck(err < TOL, err, TOL,
                        "⟨J_z⟩ of QuTiP fixed-J steady states at T = T*, J = 1/2..8 (N = 2J)")


def jz_low_check(result: Result) -> NumericCheck:
    """(C11): ⟨J_z⟩ → −J: QuTiP fixed-J steady states at T_h = T_c = ω0/40."""
    errs = [relative_error(evaluate(result, {"Jbar": twoJ / 2}),
                           steady(twoJ, 1.0, 1.0, 1 / 40, 1 / 40, J=twoJ / 2).jz)
            for twoJ in range(1, 9)]
    err = max(errs)
    return NumericCheck(err < TOL, err, TOL,
                        "QuTiP fixed-J steady states at T0/T* = 40 (remainder ~ e^{-40}), J <= 4")


def jz_high_check(result: Result) -> NumericCheck:
    """(C12): leading high-temperature term against the exact thermal sum at x = 1e-7."""
    x = mpmath.mpf("1e-7")
    errs = [relative_error(evaluate(result, {"Jbar": twoJ / 2, "omega_0": 1.0,
                                             "T": float(1 / x)}, natural=True),
                           float(thermal_sum(twoJ / 2, x))) for twoJ in range(1, 17)]
    err = max(errs)
    return NumericCheck(err < TOL, err, TOL,
                        "exact finite thermal sum (mpmath, 40 digits) at ħω0/k_BT = 1e-7, "
                        "J = 1/2..8; remainder O(x²)")


def jz_ratio_check(result: Result) -> NumericCheck:
    """(C13): ⟨J_z⟩_J/(J⟨J_z⟩_{1/2}) at J = 10^13 from direct sums in mpmath."""
    big = mpmath.mpf(10) ** 13
    errs = []
    with mpmath.workdps(50):
        for T in (0.2, 1.0, 5.0):
            x = 1 / mpmath.mpf(T)
            K = int(80 / x) + 10  # e^{−xK} < 1e-34: the rest of the 2J + 1 terms is negligible
            w = [mpmath.exp(-x * k) for k in range(K)]
            mean_k = sum(k * wk for k, wk in enumerate(w)) / sum(w)  # ⟨m + J⟩ near m = −J
            ratio = (-big + mean_k) / (big * thermal_sum(0.5, x, dps=50))
            closed = evaluate(result, {"omega_0": 1.0, "T": T}, natural=True)
            errs.append(relative_error(closed, float(ratio)))
    err = max(errs)
    return NumericCheck(err < TOL, err, TOL,
                        "direct thermal sums (mpmath) at J = 1e13, T = 0.2, 1, 5 ω0; remainder "
                        "O(1/J)")


def _violation(current: float, bound: float) -> float:
    """(Q_h − bound)/|bound|: positive when the bound is violated (also for a negative bound)."""
    return (current - bound) / abs(bound)


def sector_rate_current(J: float, gh: float, gc: float, nh: float, nc: float) -> float:
    """Q_h (ħ = ω0 = 1) of the exact steady state of the Pauli rate equation in a fixed-J
    Dicke ladder (rates γ(1+n)|⟨M−1|J−|M⟩|², γn|⟨M+1|J+|M⟩|²), W p = 0 solved as a
    birth–death chain in logarithms; raises if a row's residual |(W p)_i|/(|W| p)_i exceeds
    1e-10."""
    from dickeheat.errors import NumericalError

    if J == 0:
        return 0.0
    M = np.arange(-J, J + 1)
    down = (J + M) * (J - M + 1)  # |⟨M−1|J−|M⟩|²
    up = (J - M) * (J + M + 1)  # |⟨M+1|J+|M⟩|²
    g_dn, g_up = gh * (1 + nh) + gc * (1 + nc), gh * nh + gc * nc
    size = M.size
    W = np.zeros((size, size))
    for i in range(size):
        if i > 0:
            W[i - 1, i] += g_dn * down[i]
        if i < size - 1:
            W[i + 1, i] += g_up * up[i]
        W[i, i] -= g_dn * down[i] + g_up * up[i]
    # a birth–death chain: the net flux between neighbours is the same for every pair (row
    # sums of W) and vanishes at the ends, so p_{i+1}/p_i = W[i+1, i]/W[i, i+1]; accumulated in
    # logarithms (populations may span hundreds of decades), then checked on all rows of W
    logp = np.concatenate([[0.0], np.cumsum(np.log(np.diag(W, -1)) - np.log(np.diag(W, 1)))])
    p = np.exp(logp - logp.max())
    p /= p.sum()
    res = np.max(np.abs(W @ p) / np.maximum(np.abs(W) @ p, 1e-300))
    if res > 1e-10:
        raise NumericalError(f"rate-equation steady state residual {res:.1e} > 1e-10")
    return float(np.sum(p * (gh * nh * up - gh * (1 + nh) * down)))


#: falsification search: random samples, then Nelder–Mead from the worst few
SEARCH_SAMPLES, SEARCH_STARTS, SEARCH_SEED = 200, 3, 20240611
#: search box in (log10 γ_h/γ_c, log10 T_h/ω0, log10 T_c/T_h); T_c/T_h <= 0.99 keeps
#: n_h − n_c away from 0, where Q_h and the bound both vanish and their ratio is rounding
LOW, HIGH = np.array([-2.0, np.log10(0.05), -2.0]), np.array([2.0, np.log10(20.0), np.log10(0.99)])
#: allowed (Q_h − bound)/|bound|: rounding of the rate-equation current (a difference of
#: up- and down-flows ~ n/(n_h − n_c) times larger than Q_h)
SEARCH_TOL = 1e-9


def _search(bound_of, J_of, what: str) -> NumericCheck:
    """Search for a violation of Q_h <= bound over γ_h/γ_c ∈ [1e-2, 1e2] (γ_c = 0.1 ω0),
    T_h ∈ [0.05, 20] ω0, T_c/T_h ∈ [0.01, 0.99] (so n_h > n_c), log-uniform, and the sizes drawn
    by ``J_of(rng)`` → (N, J); Q_h of the exact rate-equation steady state. The worst
    (Q_h − bound)/|bound| of the random samples is refined by Nelder–Mead (sizes fixed)."""
    import scipy.optimize

    rng = np.random.default_rng(SEARCH_SEED)

    def margin(z: np.ndarray, N: int, J: float) -> float:
        lg, lth, lr = np.clip(z, LOW, HIGH)
        gh, th = 0.1 * 10**lg, 10**lth
        tc = th * 10**lr
        nh, nc = bose(1.0, th), bose(1.0, tc)
        bound = bound_of(N, J, gh, 0.1, nh, nc)
        return _violation(sector_rate_current(J, gh, 0.1, nh, nc), bound)

    samples = []
    for _ in range(SEARCH_SAMPLES):
        z = rng.uniform(LOW, HIGH)
        N, J = J_of(rng)
        samples.append((margin(z, N, J), z, N, J))
    samples.sort(key=lambda t: -t[0])
    worst = samples[0][0]
    for m0, z0, N, J in samples[:SEARCH_STARTS]:
        opt = scipy.optimize.minimize(lambda z, N=N, J=J: -margin(z, N, J), z0,
                                      method="Nelder-Mead", options={"maxiter": 100})
        worst = max(worst, m0, -float(opt.fun))
    # the rate equation against QuTiP fixed-J steady states (two sectors, two bath sets)
    cross = max(relative_error(sector_rate_current(twoJ / 2, gh, gc, bose(1.0, th),
                                                   bose(1.0, tc)),
                               steady(twoJ, gh, gc, th, tc, J=twoJ / 2).Q_h)
                for twoJ in (2, 3) for gh, gc, th, tc in BATHS[:2])
    ok = worst <= SEARCH_TOL and cross < 1e-8
    return NumericCheck(ok, max(worst, 0.0), SEARCH_TOL,
                        f"falsification search for {what}: {SEARCH_SAMPLES} log-uniform random "
                        "points (γ_h/γ_c ∈ [1e-2, 1e2], T_h ∈ [0.05, 20] ω0, T_c/T_h ∈ "
                        "[0.01, 0.99]) then Nelder–Mead from the worst "
                        f"{SEARCH_STARTS}; Q_h of the exact rate-equation steady state "
                        "(agrees with QuTiP fixed-J steady "
                        f"states to {cross:.1e}); worst (Q_h − bound)/|bound| = {worst:.3e}, "
                        "error reported max(worst, 0)")


def q_lim_check(result: Result) -> NumericCheck:
    """(27 [published 28]): search for Q_h > Q_h^lim in fixed-J sectors, J = 1/2 … 20."""
    def bound_of(N, J, gh, gc, nh, nc):
        return evaluate(result, {"omega_0": 1.0, "gamma_h": gh, "gamma_c": gc, "n_h": nh,
                                 "n_c": nc, "Jbar": J}, natural=True)

    def J_of(rng):
        twoJ = int(rng.integers(1, 41))
        return twoJ, twoJ / 2

    return _search(bound_of, J_of, "Q_h <= Q_h^lim(J̄)")


def q_high_check(result: Result) -> NumericCheck:
    """(28 [published 30]): Eq. (24) with the exact thermal ⟨J_z⟩ at T0/T* ≈ 1e-7 (mpmath)."""
    errs = []
    with mpmath.workdps(40):
        for gh, gc in ((1.0, 1.0), (0.3, 1.0)):
            th, tc = mpmath.mpf("2e7"), mpmath.mpf("5e6")
            nh, nc = 1 / mpmath.expm1(1 / th), 1 / mpmath.expm1(1 / tc)
            x = mpmath.log((gc * (1 + nc) + gh * (1 + nh)) / (gc * nc + gh * nh))
            for twoJ in (1, 4, 16):
                exact = 2 * gh * gc / (gh + gc) * (-thermal_sum(twoJ / 2, x, dps=40)) * (nh - nc)
                closed = evaluate(result, {"omega_0": 1.0, "gamma_h": gh, "gamma_c": gc,
                                           "n_h": float(nh), "n_c": float(nc),
                                           "Jbar": twoJ / 2, "T^*": float(1 / x)}, natural=True)
                errs.append(relative_error(closed, float(exact)))
    err = max(errs)
    return NumericCheck(err < TOL, err, TOL,
                        "Eq. (24) with the exact thermal sum (mpmath) at T_h = 2e7, T_c = 5e6 ω0 "
                        "(T0/T* ~ 1e-7), J = 1/2, 2, 8")


def coth_check(result: Result) -> NumericCheck:
    """(29): lim_{J→∞} Q_h(J)/(2J Q_h(1 qubit)) by Richardson extrapolation of QuTiP fixed-J
    steady states at J = 7, 8 (the remainder is c/J + O(J e^{−(2J+1)T0/T*}))."""
    errs = []
    for gh, gc, th, tc in ((1.0, 1.0, 0.5, 1 / 3), (0.5, 1.0, 0.4, 0.25), (1.0, 0.3, 0.45, 0.2)):
        single = steady(1, gh, gc, th, tc)
        g = {J: steady(int(2 * J), gh, gc, th, tc, J=J).Q_h / (2 * J * single.Q_h)
             for J in (7, 8)}
        limit = 8 * g[8] - 7 * g[7]
        closed = evaluate(result, {"T_0": 1.0, "T^*": single.model.T_star})
        errs.append(relative_error(closed, limit))
    err = max(errs)
    return NumericCheck(err < TOL, err, TOL,
                        "Richardson extrapolation (J = 7, 8) of QuTiP fixed-J steady states over "
                        "the one-qubit current, T0/T* >= 2")


def q_max_check(result: Result) -> NumericCheck:
    """([published 25]): search for Q_h > Q_h^max(N) over N = 1 … 40 and every allowed J."""
    def bound_of(N, J, gh, gc, nh, nc):
        return evaluate(result, {"N": N, "omega_0": 1.0, "gamma_h": gh, "gamma_c": gc,
                                 "n_h": nh, "n_c": nc}, natural=True)

    def J_of(rng):
        N = int(rng.integers(1, 41))
        js = allowed_J(N)
        return N, float(js[int(rng.integers(0, len(js)))])

    return _search(bound_of, J_of, "Q_h <= Q_h^max(N), every J <= N/2")

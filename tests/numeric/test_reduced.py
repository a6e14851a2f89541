"""Backend ``reduced``: exact Dicke-lattice steady states against the full 2^N space, PIQS,
a 50-digit mpmath solve of the same rate equation, and the exact Gibbs state."""

import math

import mpmath
import numpy as np
import pytest
import sympy as sp

from dickeheat.errors import NumericalError, ParameterError
from dickeheat.numeric import dicke_lattice as lat
from dickeheat.numeric import piqs_backend, qutip_backend, reduced
from dickeheat.numeric.model import HeatValve
from dickeheat.numeric.reduced import _solve
from dickeheat.numeric.reduced._aggregation import LatticeRates, iterate
from dickeheat.numeric.reduced._log import LogReferenceSolver
from dickeheat.numeric.reduced._thermal import ThermalReferenceSolver
from dickeheat.numeric.steady import BACKENDS, steady_state
from dickeheat.symbolic import dicke_rates as dr

OBSERVABLES = ("Q_h", "Q_c", "Q_p", "jz", "J2")
BATHS = [  # (T_h, T_c, gamma_p, T_p): moderate temperatures, where the full space is exact
    (3.0, 1 / 3, 0.01, 1 / 3),
    (1.0, 1 / 3, 0.5, 2.0),
    (0.5, 2.0, 0.1, 1.0),  # T_h < T_c
    (2.0, 0.5, 1.0, 0.7),
]


def _close(a, b, rel, scale):
    return abs(a - b) <= rel * max(abs(a), abs(b), scale)


def _assert_agree(ref, got, rel):
    scale = max(abs(ref.Q_h), abs(ref.Q_c), 1e-300)
    for name in OBSERVABLES:
        s = scale if name.startswith("Q") else 1.0
        assert _close(getattr(ref, name), getattr(got, name), rel, s), name
    for J, p in ref.P_J.items():
        assert _close(p, got.P_J.get(J, 0.0), rel, 1.0), J


# -- rates: numeric closed forms = symbolic derivation ---------------------------------------------
@pytest.mark.parametrize("n", [1, 2, 5, 8])
def test_lattice_rates_equal_derived_rates(n):
    for kind, fn in (("emission", lat.local_emission), ("absorption", lat.local_absorption)):
        exact = dr.local_rates_exact(n, kind)
        dm = -1 if kind == "emission" else 1
        for J in lat.block_J(n):
            M = np.arange(-J, J + 1)
            for dj, values in zip((-1, 0, 1), fn(n, J, M)):
                for m, v in zip(M, np.broadcast_to(values, M.shape)):
                    key = (sp.nsimplify(J), sp.nsimplify(m),
                           sp.nsimplify(J + dj), sp.nsimplify(m + dm))
                    assert v == pytest.approx(float(exact.get(key, 0)), abs=1e-13)


def test_layout_and_log_degeneracy():
    for n in (1, 2, 7, 10):
        assert lat.block_offsets(n)[-2] + (n + 1 - 2 * (n // 2)) == lat.n_levels(n)
        total = sum(math.exp(lat.log_degeneracy(n, J)) * (2 * J + 1) for J in lat.block_J(n))
        assert total == pytest.approx(2.0**n, rel=1e-12)
    # no overflow where d_J itself does not fit a double
    assert np.isfinite(lat.log_degeneracy(10_000, 0.0))


# -- agreement with the full 2^N space -------------------------------------------------------------
@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 6, 7])
@pytest.mark.parametrize("baths", BATHS)
def test_agrees_with_full_space_with_parasitic_bath(n, baths):
    Th, Tc, gp, Tp = baths
    model = HeatValve(N=n, gamma_h=1.0, gamma_c=0.7, T_h=Th, T_c=Tc, gamma_p=gp, T_p=Tp)
    _assert_agree(qutip_backend.solve(model), reduced.solve(model), 1e-10)


@pytest.mark.parametrize("n,J", [(1, None), (4, None), (7, None), (6, 2.0), (7, 1.5), (8, 0.0)])
def test_agrees_with_full_space_without_parasitic_bath(n, J):
    model = HeatValve(N=n, gamma_h=1.0, gamma_c=0.4, T_h=2.5, T_c=0.4, J=J)
    got = reduced.solve(model)
    _assert_agree(qutip_backend.solve(model), got, 1e-10)
    Jv = n / 2 if J is None else J
    assert got.P_J == {Jv: 1.0}


def test_fixed_J_is_thermal_at_T_star():
    model = HeatValve(N=30, gamma_h=1.0, gamma_c=2.0, T_h=4.0, T_c=0.2, J=11.0)
    pops = reduced.solve(model).rho
    M, logP = pops.block(11.0)
    expect = -M / model.T_star  # ω0 = 1: P(M) ∝ exp(−ω0 M / T*)
    expect -= np.log(np.sum(np.exp(expect - expect.max()))) + expect.max()
    assert np.max(np.abs(logP - expect)) < 1e-12


def test_agrees_with_piqs_to_its_single_precision():
    model = HeatValve(N=24, gamma_h=1.0, gamma_c=1.0, T_h=3.0, T_c=1 / 3, gamma_p=0.01, T_p=0.5)
    _assert_agree(piqs_backend.solve(model), reduced.solve(model), piqs_backend.PIQS_REL_TOL)


# -- physics laws ----------------------------------------------------------------------------------
@pytest.mark.parametrize("baths", BATHS)
def test_first_law_trace_positivity(baths):
    Th, Tc, gp, Tp = baths
    s = reduced.solve(HeatValve(N=40, gamma_h=1.0, gamma_c=0.7, T_h=Th, T_c=Tc, gamma_p=gp, T_p=Tp))
    gross = 40 * 40 * (1 + 1 / math.expm1(1 / max(Th, Tc)))
    assert abs(s.first_law) < 1e-11 * gross
    assert s.trace == pytest.approx(1.0, abs=1e-12)
    assert np.all(np.isfinite(s.rho.log_P)) and np.all(s.rho.populations() >= 0.0)
    assert s.residual < 1e-9


def test_heat_flows_from_hot_to_cold_and_reverses():
    base = {"N": 30, "gamma_h": 1.0, "gamma_c": 1.0, "gamma_p": 0.001, "T_p": 0.5}
    fwd = reduced.solve(HeatValve(T_h=2.0, T_c=0.5, **base))
    rev = reduced.solve(HeatValve(T_h=0.5, T_c=2.0, **base))
    assert fwd.Q_h > 0 > fwd.Q_c
    assert rev.Q_h < 0 < rev.Q_c


# -- tiny populations ------------------------------------------------------------------------------
def _mp_log_populations(model, dps=50):
    """The same rate equation from the *derived* exact rates, solved with mpmath."""
    mpmath.mp.dps = dps
    n = model.N

    def bose(T):
        if T == 0:
            return mpmath.mpf(0)
        return 1 / mpmath.expm1(mpmath.mpf(model.omega0) / mpmath.mpf(T))

    nh, nc, npp = bose(model.T_h), bose(model.T_c), bose(model.T_p)
    gh, gc, gp = (mpmath.mpf(x) for x in (model.gamma_h, model.gamma_c, model.gamma_p))
    Gd, Gu = gh * (1 + nh) + gc * (1 + nc), gh * nh + gc * nc
    levels = [(sp.Rational(n, 2) - k, -(sp.Rational(n, 2) - k) + i)
              for k in range(n // 2 + 1) for i in range(n + 1 - 2 * k)]
    index = {lv: a for a, lv in enumerate(levels)}
    A = mpmath.zeros(len(levels), len(levels))
    col = dr.collective_rates()
    for a, (J, M) in enumerate(levels):
        down = Gd * mpmath.mpf(str(col["down"].subs({dr.J: J, dr.M: M})))
        up = Gu * mpmath.mpf(str(col["up"].subs({dr.J: J, dr.M: M})))
        for rate, target in ((down, (J, M - 1)), (up, (J, M + 1))):
            if target in index and rate != 0:
                A[index[target], a] += rate
                A[a, a] -= rate
    for kind, g in (("emission", gp * (1 + npp)), ("absorption", gp * npp)):
        for (J, M, Jt, Mt), w in dr.local_rates_exact(n, kind).items():
            rate = g * mpmath.mpf(w.p) / w.q
            A[index[(Jt, Mt)], index[(J, M)]] += rate
            A[index[(J, M)], index[(J, M)]] -= rate
    for c in range(len(levels)):
        A[0, c] = 1
    b = mpmath.zeros(len(levels), 1)
    b[0] = 1
    x = mpmath.lu_solve(A, b)
    return np.array([float(mpmath.log(v)) for v in x])


@pytest.mark.parametrize("n,baths,deepest", [
    (5, (0.02, 0.01, 0.3, 0.015), -200.0),   # everything cold
    (6, (0.01, 0.01, 0.1, 5.0), -5.0),       # cold collective baths, hot parasitic bath
    (7, (0.004, 0.002, 0.05, 0.003), -1500.0),  # nearly closed ground ladder
    (4, (3.0, 1 / 3, 0.01, 1 / 3), -2.0),
])
def test_tiny_populations_match_mpmath(n, baths, deepest):
    Th, Tc, gp, Tp = baths
    model = HeatValve(N=n, gamma_h=1.0, gamma_c=0.7, T_h=Th, T_c=Tc, gamma_p=gp, T_p=Tp)
    ref = _mp_log_populations(model)
    got = reduced.solve(model).rho.log_P
    assert ref.min() < deepest  # the case really has populations this small (e^deepest)
    assert np.max(np.abs(got - ref)) < 1e-10  # relative accuracy of every population


@pytest.mark.parametrize("n,T", [(12, 0.01), (60, 0.02), (301, 0.05), (40, 1.0)])
def test_equal_temperatures_give_the_gibbs_state(n, T):
    """All baths at T: P(J, M) = d_J x^(M+N/2) / (1+x)^N with x = e^(-ω0/T), exactly."""
    model = HeatValve(N=n, gamma_h=1.0, gamma_c=0.5, T_h=T, T_c=T, gamma_p=0.2, T_p=T)
    s = reduced.solve(model)
    logx = -1.0 / T
    for J in (n / 2, n / 2 - 1, n / 2 - n // 4, n / 2 - n // 2):
        M, logP = s.rho.block(J)
        k = int(n / 2 - J)
        log_d = math.log(math.comb(n, k) - (math.comb(n, k - 1) if k else 0))
        expect = log_d + (M + n / 2) * logx - n * math.log1p(math.exp(logx))
        assert np.max(np.abs(logP - expect)) < 1e-10 * max(1.0, np.max(np.abs(expect)))


def test_thermal_and_general_references_agree():
    model = HeatValve(N=40, gamma_h=1.0, gamma_c=0.7, T_h=2.0, T_c=0.4, gamma_p=0.05, T_p=0.3)
    rates = LatticeRates.of(model)
    out = []
    for cls in (ThermalReferenceSolver, LogReferenceSolver):
        solver = cls(rates)
        iterate(solver, tol=1e-13, max_iter=200)
        assert solver.residual() < 1e-11
        out.append(solver.log_populations().copy())
    assert np.max(np.abs(out[0] - out[1])) < 1e-10


@pytest.mark.parametrize("params", [
    # cold collective baths, hot and strong parasitic bath: the collective thermal slope is
    # off by more than e^700; the driver re-fits the slope (the general log reference,
    # re-centred by a log-space sweep, solves it too)
    {"gamma_h": 1.0, "gamma_c": 1.0, "T_h": 0.094, "T_c": 0.085, "gamma_p": 0.233, "T_p": 2.3},
    # gamma_p >> gamma: slow, linear convergence of the plain sweeps
    {"gamma_h": 0.24, "gamma_c": 0.37, "T_h": 0.18, "T_c": 0.12, "gamma_p": 5.0, "T_p": 17.0},
])
def test_hard_regimes_match_sparse_lu(params):
    model = HeatValve(N=60, **params)
    s = reduced.solve(model)
    assert s.rho.reference != "thermal"  # the plain fast path alone does not do these
    ref = lat.sparse_lu_populations(model)
    big = ref > 1e-3 * ref.max()  # where a plain LU keeps a relative accuracy of 1e-10
    general = _solve._iterate_log(LatticeRates.of(model), 1e-11, 2000, 0, False)[0]
    for P in (s.rho.populations(), np.exp(general.log_populations())):
        assert np.max(np.abs(P[big] - ref[big]) / ref[big]) < 1e-10
    gross = model.gamma_p * (1 + 2 * model.n_p) * model.N  # local flux in + out, roughly
    assert abs(s.first_law) < 1e-10 * gross


def test_all_baths_at_zero_temperature_give_the_ground_state():
    s = reduced.solve(HeatValve(N=9, T_h=0.0, T_c=0.0, gamma_p=0.1, T_p=0.0))
    assert s.P_J == pytest.approx({4.5: 1.0, 3.5: 0.0, 2.5: 0.0, 1.5: 0.0, 0.5: 0.0})
    assert s.jz == -4.5 and s.Q_h == 0.0


# -- dispatcher, bad input, memory limit -----------------------------------------------------------
def test_registered_and_preferred_by_auto_for_large_N():
    assert BACKENDS["reduced"] == "dickeheat.numeric.reduced"
    s = steady_state(HeatValve(N=50, T_h=2.0, T_c=0.5, gamma_p=0.01, T_p=0.5))
    assert s.backend == "reduced"
    assert "outflow" in s.residual_norm


def test_bad_options_raise():
    model = HeatValve(N=4, gamma_p=0.1, T_p=1.0)
    with pytest.raises(ParameterError, match="tol"):
        reduced.solve(model, tol=0.0)
    with pytest.raises(ParameterError, match="residual_tol"):
        reduced.solve(model, residual_tol=-1.0)
    with pytest.raises(ParameterError, match="max_iter"):
        reduced.solve(model, max_iter=0)
    with pytest.raises(ParameterError, match="cut must be True or False"):
        reduced.solve(model, cut="no")  # a string would otherwise count as True
    with pytest.raises(ParameterError, match="HeatValve"):
        reduced.solve({"N": 4})
    with pytest.raises(TypeError):
        reduced.solve(model, method="lu")  # options are keyword-only and checked
    with pytest.raises(ParameterError, match="J must be"):
        reduced.solve(model).rho.block(0.5)


def test_non_convergence_raises_numerical_error():
    model = HeatValve(N=200, gamma_h=1.0, gamma_c=1.0, T_h=3.0, T_c=1 / 3, gamma_p=0.01, T_p=1.0)
    with pytest.raises(NumericalError, match="did not converge"):
        reduced.solve(model, max_iter=2)


def test_memory_limit_is_checked_before_allocating(monkeypatch):
    too_big = HeatValve(N=reduced.MAX_N + 1, gamma_p=0.01, T_p=0.5)
    with pytest.raises(ParameterError, match=f"N <= {reduced.MAX_N}"):
        reduced.solve(too_big)
    assert reduced.memory_estimate(10_000) < 4e9
    monkeypatch.setattr(_solve, "available_memory", lambda: 10**7)
    with pytest.raises(ParameterError, match="GB is available"):
        reduced.solve(HeatValve(N=2000, gamma_p=0.01, T_p=0.5))


def test_rereference_survives_populations_that_underflowed():
    """A coarse rescaling can underflow a whole ladder of y to 0 (N = 1000, γ_p = 5,
    T_p = 0.01 did: 'log-space ladder solve failed'). Re-centring then restarts those levels
    from the smallest positive double instead of taking log 0, and the iteration still
    reaches the state of an undisturbed run."""
    from dickeheat.numeric.reduced._aggregation import Drift

    model = HeatValve(N=30, gamma_h=1.0, gamma_c=1.0, T_h=3.0, T_c=1 / 3, gamma_p=5.0,
                      T_p=0.01)
    ref = reduced.solve(model, tol=1e-13).rho.log_P
    solver = LogReferenceSolver(LatticeRates.of(model))
    solver.y[solver.sl(3)] = 0.0  # a whole ladder underflowed
    solver.y[solver.sl(5)][::2] = 0.0  # and every other level of another
    solver.rereference()
    assert np.all(np.isfinite(solver.phi)) and np.all(np.isfinite(solver.lam))
    solver.log_sweep(downward=True)  # as the driver does after a drift at once
    solver.log_sweep(downward=False)
    solver.build()
    for _ in range(64):  # re-centre on drift, as the driver does
        try:
            iterate(solver, tol=1e-13, max_iter=2000)
            break
        except Drift:
            solver.rereference()
            solver.build()
    assert solver.residual() < 1e-10
    assert np.max(np.abs(solver.log_populations() - ref)) < 1e-9


def test_a_coarse_step_that_would_overflow_raises_drift_and_keeps_y():
    """The coarse rescaling could overflow y to inf before the drift check (N = 10 000,
    T_h = 300, T_c = 100, γ_p = 0.1, T_p = 0.3 then ended in 'log-space ladder solve failed'
    after re-centring on inf; it now converges in 48 sweeps). A correction that would take
    y beyond e^700 raises Drift first, with y still finite for the re-centring."""
    from dickeheat.numeric.reduced._aggregation import Drift

    model = HeatValve(N=30, gamma_h=1.0, gamma_c=1.0, T_h=3.0, T_c=1 / 3, gamma_p=5.0,
                      T_p=3.0)
    solver = LogReferenceSolver(LatticeRates.of(model))
    solver.lam[8:] -= 1000.0  # the sector chain now wants sectors 8… e^1000 heavier
    with pytest.raises(Drift):
        solver.sweep(downward=True)
    assert np.all(np.isfinite(solver.y))

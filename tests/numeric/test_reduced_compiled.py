"""The compiled loops of the thermal reference (``_compiled``) against independent routes:
the sparse rate matrix of :mod:`dickeheat.numeric.dicke_lattice`, a dense ladder solve, and
the sweep split into parts against the single run."""

from __future__ import annotations

import numpy as np
import pytest

from dickeheat.numeric import dicke_lattice as lat
from dickeheat.numeric.model import HeatValve
from dickeheat.numeric.reduced import _compiled
from dickeheat.numeric.reduced import _thermal as th
from dickeheat.numeric.reduced._aggregation import Drift, LatticeRates, iterate

MODELS = [
    HeatValve(N=9, gamma_h=1.0, gamma_c=0.7, T_h=3.0, T_c=1 / 3, gamma_p=0.05, T_p=0.5),
    HeatValve(N=40, gamma_h=1.0, gamma_c=1.0, T_h=3.0, T_c=1 / 3, gamma_p=0.3, T_p=2.0,
              gamma_pump=0.02),
    HeatValve(N=31, gamma_h=0.2, gamma_c=1.0, T_h=0.5, T_c=0.2, gamma_p=5.0, T_p=3.0),
]


def _rate_matrix_residual(model: HeatValve, log_P: np.ndarray) -> float:
    """max |(A P)_i| / (out_i P_i) from the sparse generator, in log-scaled form."""
    A = lat.rate_matrix(model).tocoo()
    out = -A.diagonal()
    scaled = A.data * np.exp(log_P[A.col] - log_P[A.row])  # (A P)_i / P_i term by term
    flow = np.bincount(A.row, weights=scaled, minlength=A.shape[0])
    return float(np.max(np.abs(flow) / out))


@pytest.mark.parametrize("model", MODELS, ids=["N9", "N40-pump", "N31-strong"])
def test_residual_kernel_matches_the_sparse_generator(model):
    """Mid-iteration (a genuinely unbalanced state), the compiled residual equals the
    componentwise residual of the sparse rate matrix built independently."""
    solver = th.ThermalReferenceSolver(LatticeRates.of(model))
    solver.sweep(downward=True)
    solver.sweep(downward=False)
    got = solver.residual()
    ref = _rate_matrix_residual(model, solver.log_populations().copy())
    assert got > 1e-6  # not converged: the comparison tests the couplings
    assert got == pytest.approx(ref, rel=1e-9)


def test_residual_kernel_sees_a_planted_error():
    model = MODELS[1]
    solver = th.ThermalReferenceSolver(LatticeRates.of(model))
    iterate(solver, tol=1e-12, max_iter=500)
    assert solver.residual() < 1e-10
    solver.y[solver.off[3] + 5] *= 1.0 + 1e-6  # one population off by 1e-6
    assert solver.residual() > 5e-7


@pytest.mark.parametrize("model", MODELS, ids=["N9", "N40-pump", "N31-strong"])
def test_ladder_solve_matches_a_dense_solve(model):
    """One downward sweep updates ladder 0 to the exact solution of its own balance given
    the inflow from ladder 1 (dense solve of the scaled ladder built from the rates)."""
    rates = LatticeRates.of(model)
    solver = th.ThermalReferenceSolver(rates)
    rng = np.random.default_rng(1)
    solver.y[:] = rng.uniform(0.5, 2.0, len(solver.y))
    y_before = solver.y.copy()
    k = 0
    b = rates.block(k, solver.T)
    L, th_ = int(b["L"]), solver.theta
    # scaled ladder −Ã_0 (P = e^{lam + theta t} y): out on the diagonal, moves within J
    A = np.diag(b["U"] + b["D"])
    for t in range(L - 1):
        A[t + 1, t] -= b["u"][t] * np.exp(-th_)      # up from t into t + 1, scaled
        A[t, t + 1] -= b["d"][t + 1] * np.exp(th_)  # down from t + 1 into t, scaled
    # inflow from ladder 1 (J − 1) into ladder 0: the local rates to J + 1 of ladder 1
    o1, L1 = int(solver.off[1]), int(solver.L[1])
    y1 = y_before[o1 : o1 + L1]
    lam = solver.lam
    rhs = np.zeros(L)
    cp = rates.coefficients(1)[3]
    t1 = np.arange(L1, dtype=float)
    s1 = L1 - 1 - t1
    # emission to J + 1 keeps t (M − 1, J + 1); absorption moves t by 2 (M + 1, J + 1)
    em = cp * rates.ge * (s1 + 1) * (s1 + 2)
    ab = cp * rates.ga * (t1 + 1) * (t1 + 2)
    scale = np.exp(lam[1] - lam[0])
    rhs[:L1] += em * y1 * scale
    rhs[2 : L1 + 2] += ab * y1 * scale * np.exp(-2 * th_)
    expect = np.linalg.solve(A, rhs)
    m, Wp, Wm, rmin, rmax = (np.zeros(solver.K + 1) for _ in range(5))
    bounds = np.array([0, 1, solver.K + 1])  # ladder 0 alone, its neighbour from a snapshot
    snap = np.zeros((4, solver.N + 2))
    _compiled.snapshot(solver.y, snap, bounds, solver.off64, solver.L64, solver.K)
    r = solver.r
    status = _compiled.sweep_part(
        0, 1, True, solver.y, snap[0], snap[1], solver.off64, solver.L64,
        solver.K, solver.mult, solver.rpiv, solver.sub_c, solver.small_last, solver.alpha,
        solver.beta, solver.gamma, solver.delta, solver.Q0, solver.Q1, solver.E, solver.tcut,
        solver.cms, solver.cps, r.ge, r.ga, solver.bufs[0], m, Wp, Wm, rmin, rmax)
    assert status == -1
    got = solver.y[:L]
    assert np.max(np.abs(got - expect) / expect) < 1e-11
    ratio = got / y_before[:L]
    assert rmin[0] == pytest.approx(ratio.min(), rel=1e-14)
    assert rmax[0] == pytest.approx(ratio.max(), rel=1e-14)


def test_parts_reach_the_same_state_as_one_run(monkeypatch):
    model = HeatValve(N=120, gamma_h=1.0, gamma_c=1.0, T_h=3.0, T_c=1 / 3, gamma_p=0.01,
                      T_p=1 / 3)
    out = []
    for parts, split_above in ((1, 10**9), (2, 0), (3, 0)):
        monkeypatch.setattr(th.ThermalReferenceSolver, "PARTS", parts)
        monkeypatch.setattr(th.ThermalReferenceSolver, "SPLIT_ABOVE", split_above)
        solver = th.ThermalReferenceSolver(LatticeRates.of(model))
        assert len(solver.bounds) == parts + 1
        iterate(solver, tol=1e-13, max_iter=500)
        assert solver.residual() < 1e-11
        out.append(solver.log_populations().copy())
    assert np.max(np.abs(out[1] - out[0])) < 1e-11
    assert np.max(np.abs(out[2] - out[0])) < 1e-11


def test_split_balances_levels_and_threads_do_not_change_the_iterates(monkeypatch):
    model = HeatValve(N=200, gamma_h=1.0, gamma_c=1.0, T_h=3.0, T_c=1 / 3, gamma_p=0.01,
                      T_p=1 / 3)
    monkeypatch.setattr(th.ThermalReferenceSolver, "SPLIT_ABOVE", 0)
    runs = []
    for cores in (1, 2):
        monkeypatch.setattr(th, "_cores", lambda c=cores: c)
        solver = th.ThermalReferenceSolver(LatticeRates.of(model))
        assert solver.threads == cores
        sizes = [int(solver.L[a:b].sum()) for a, b in zip(solver.bounds[:-1],
                                                           solver.bounds[1:])]
        assert abs(sizes[0] - sizes[1]) <= solver.L[0] + 2
        for downward in (True, False, True):
            solver.sweep(downward=downward)
        runs.append(solver.y.copy())
    assert np.array_equal(runs[0], runs[1])  # bit for bit: the parts are independent


def test_a_nan_in_a_ladder_raises_drift():
    model = MODELS[0]
    solver = th.ThermalReferenceSolver(LatticeRates.of(model))
    solver.y[solver.off[1] + 2] = np.nan
    with pytest.raises(Drift):
        solver.sweep(downward=True)


def test_dot_is_the_plain_sum_of_products():
    rng = np.random.default_rng(2)
    a, b = rng.normal(size=10_001), rng.normal(size=10_001)
    assert _compiled.dot(a, b) == pytest.approx(float(np.sum(a * b)), rel=1e-12)

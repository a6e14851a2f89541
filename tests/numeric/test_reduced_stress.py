"""Backend ``reduced`` over the documented stress grid, with accelerated sweeps, and at tiny
but valid rates (the steady state depends on rate ratios only)."""

import math
import warnings

import numpy as np
import pytest

from dickeheat.errors import NumericalError, ParameterError
from dickeheat.numeric import dicke_lattice as lat
from dickeheat.numeric import reduced
from dickeheat.numeric.model import HeatValve
from dickeheat.numeric.reduced import _aggregation as ag
from dickeheat.numeric.reduced._thermal import ThermalReferenceSolver
from dickeheat.numeric.reduced.stress import points, run_point

STRONG_HOT = {"gamma_h": 1.0, "gamma_c": 1.0, "T_h": 3.0, "T_c": 1 / 3, "gamma_p": 5.0, "T_p": 3.0}


def test_coarse_stress_grid_converges_or_raises():
    """Every point converges (residual <= residual_tol) or raises a NumericalError that says
    why; no point returns unconverged."""
    grid = points("coarse")
    assert {p["N"] for p in grid} == {2, 7, 30}
    assert min(p["gamma_p"] / p["gamma_h"] for p in grid) == pytest.approx(1e-6)
    assert max(p["gamma_p"] / p["gamma_h"] for p in grid) == pytest.approx(1e3)
    assert any(p["gamma_h"] != p["gamma_c"] for p in grid)
    assert any(p["T_h"] == 0.0 and p["T_c"] == 0.0 for p in grid)
    failures = []
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # no NaN/overflow on the way
        for p in grid:
            r = run_point(p)
            if r["status"] != "ok":
                assert r["message"], p  # an error always says why
                failures.append((p, r["message"]))
            else:
                assert r["residual"] <= 1e-8, p
    assert failures == []  # today every coarse point converges


def test_full_grid_spans_the_documented_axes():
    grid = points("full")
    assert max(p["N"] for p in grid) == 10_000
    temps = {p[k] for p in grid for k in ("T_h", "T_c", "T_p")}
    assert min(t for t in temps if t > 0) == 0.01 and max(temps) == 100.0 and 0.0 in temps
    with pytest.raises(ParameterError, match="level"):
        points("huge")


def test_acceleration_agrees_with_plain_sweeps_and_sparse_lu():
    model = HeatValve(N=60, **STRONG_HOT)
    rates = ag.LatticeRates.of(model)
    out, sweeps = [], []
    for accelerate in (False, True):
        solver = ThermalReferenceSolver(rates)
        n, _ = ag.iterate(solver, tol=1e-12, max_iter=5000, accelerate=accelerate)
        assert solver.residual() < 1e-10
        out.append(solver.log_populations().copy())
        sweeps.append(n)
    assert np.max(np.abs(out[0] - out[1])) < 1e-10  # componentwise relative
    assert sweeps[1] < sweeps[0]  # the extrapolation saves sweeps (counts, not time)
    P = np.exp(out[1])
    ref = lat.sparse_lu_populations(model)
    big = ref > 1e-3 * ref.max()
    assert np.max(np.abs(P[big] - ref[big]) / ref[big]) < 1e-10


@pytest.mark.parametrize("accelerate", [False, True])
def test_stalled_iteration_raises_instead_of_returning(monkeypatch, accelerate):
    """A sweep that makes no progress is reported as a stall, never returned as converged.
    With acceleration, a stall first drops the acceleration (plain sweeps converge where
    Anderson stalls, e.g. N = 800 with a strong, hot local bath), and only a stall of the
    plain sweeps raises."""
    model = HeatValve(N=20, **STRONG_HOT)
    solver = ThermalReferenceSolver(ag.LatticeRates.of(model))
    monkeypatch.setattr(solver, "sweep", lambda downward: 1e-3)
    monkeypatch.setattr(ag, "STALL_WINDOW", 40)
    with pytest.raises(NumericalError, match="stalled"):
        ag.iterate(solver, tol=1e-11, max_iter=1000, accelerate=accelerate)
    windows = 2 if accelerate else 1  # one window with, one without acceleration
    assert solver.iterations_done > windows * 40


@pytest.mark.parametrize("factor", [1e-25, 1e-200, 1e200])
def test_tiny_and_huge_rates_rescale(factor):
    """All rates times a factor: same state, currents times the factor."""
    base = {"N": 12, "T_h": 3.0, "T_c": 0.5, "T_p": 1.0}
    ref = reduced.solve(HeatValve(gamma_h=1.0, gamma_c=0.3, gamma_p=0.2, **base))
    got = reduced.solve(
        HeatValve(gamma_h=factor, gamma_c=0.3 * factor, gamma_p=0.2 * factor, **base)
    )
    assert got.model.gamma_h == factor
    assert np.max(np.abs(got.rho.log_P - ref.rho.log_P)) < 1e-12
    for key in ("Q_h", "Q_c", "Q_p"):
        assert getattr(got, key) == pytest.approx(factor * getattr(ref, key), rel=1e-12)
    assert got.residual < 1e-8


@pytest.mark.parametrize("gamma_p", [1e-9, 1e-11])
def test_small_parasitic_ratio_is_solved(gamma_p):
    model = HeatValve(N=9, gamma_h=1.0, gamma_c=1.0, T_h=3.0, T_c=0.5, gamma_p=gamma_p, T_p=1.0)
    s = reduced.solve(model)
    assert s.residual < 1e-8 and math.isfinite(s.Q_h)
    assert abs(s.first_law) < 1e-10 * abs(s.Q_h)


@pytest.mark.parametrize("name", ["gamma_p", "gamma_c"])
def test_unresolvable_rate_ratio_is_refused_naming_the_rate(name):
    params = {
        "N": 9,
        "gamma_h": 1.0,
        "gamma_c": 1.0,
        "T_h": 3.0,
        "T_c": 0.5,
        "gamma_p": 0.1,
        "T_p": 1.0,
        name: 1e-20,
    }
    with pytest.raises(ParameterError, match=name):
        reduced.solve(HeatValve(**params))

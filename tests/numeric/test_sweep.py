"""Parameter sweeps: labelled output, up-front validation, failure policy, resuming after a
real kill, local processes vs Dask, agreement with direct steady_state calls."""

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest
import xarray as xr

from dickeheat.errors import NumericalError, ParameterError, UnknownNameError
from dickeheat.numeric.currents import independent_current
from dickeheat.numeric.model import HeatValve
from dickeheat.numeric.steady import SteadyState
from dickeheat.numeric.sweep import (
    OUTPUTS,
    MissingDependencyError,
    Sweep,
    journal_path,
    sweep,
)

REPO = Path(__file__).resolve().parents[2]
CALLS: list[tuple] = []


def standin(model, *, backend):
    """A stand-in solver: simple distinct numbers per point, deterministic solve_seconds."""
    CALLS.append((model.N, model.T_h, backend))
    q = model.N * (model.T_h - model.T_c) + 0.01 * model.gamma_h
    return SteadyState(model, f"standin-{backend}", q, -q, 0.0, -model.N / 4, model.N + 0.5,
                       {}, 1e-15 * model.N, 1.0, 1e-3 * model.N)


def failing_at_T_h_2(model, *, backend):
    if model.T_h == 2.0:
        raise NumericalError("residual too large")
    return standin(model, backend=backend)


class Boom(RuntimeError):
    pass


CRASH = {"on": True}


def crashing_at_N_3(model, *, backend):
    """Raises a non-numerical error at N = 3 while CRASH["on"]."""
    if model.N == 3 and CRASH["on"]:
        raise Boom("a bug, not a numerical failure")
    return standin(model, backend=backend)


@pytest.fixture(autouse=True)
def _reset_calls():
    CALLS.clear()
    CRASH["on"] = True


GRID = {"N": [1, 2, 3], "T_h": [0.5, 1.0, 2.0]}
FIXED = {"T_c": 0.25, "gamma_h": 0.5, "backend": "x"}


def run(grid=GRID, fixed=FIXED, solver=standin, **kw):
    kw.setdefault("processes", 1)
    return sweep(grid, fixed=fixed, progress=False, solver=solver, **kw)


# -- labelled output ------------------------------------------------------------------------
def test_labelled_output_dims_coords_and_values():
    ds = run(grid={"T_h": [0.5, 1.0, 2.0], "N": [1, 2, 3], "gamma_c": [1.0, 2.0]})
    assert set(OUTPUTS) == set(ds.data_vars)
    for name in OUTPUTS:
        assert ds[name].dims == ("T_h", "N", "gamma_c")
    assert ds.N.dtype.kind == "i" and list(ds.N.values) == [1, 2, 3]
    assert list(ds.T_h.values) == [0.5, 1.0, 2.0]
    # fixed parameters (and defaults) are scalar coordinates; unset T_p / J are absent
    assert float(ds.T_c) == 0.25 and float(ds.omega0) == 1.0 and str(ds.backend.values) == "x"
    assert "T_p" not in ds.coords and "J" not in ds.coords
    assert len(CALLS) == 18
    for N in (1, 2, 3):
        for T_h in (0.5, 1.0, 2.0):
            for g in (1.0, 2.0):
                m = HeatValve(N=N, T_h=T_h, T_c=0.25, gamma_h=0.5, gamma_c=g)
                want = standin(m, backend="x")
                got = ds.sel(N=N, T_h=T_h, gamma_c=g)
                for k in ("Q_h", "Q_c", "Q_p", "jz", "J2", "residual", "solve_seconds"):
                    assert float(got[k]) == getattr(want, k)
                assert float(got.T_star) == m.T_star
                assert str(got.backend_used.values) == "standin-x"
                assert not bool(got.failed) and str(got.error.values) == ""


def test_backend_can_be_swept():
    ds = run(grid={"backend": ["a", "b"], "N": [2]}, fixed={"T_c": 0.5})
    assert list(ds.backend.values) == ["a", "b"]
    assert list(ds.backend_used.values[:, 0]) == ["standin-a", "standin-b"]


def test_netcdf_file_holds_the_returned_dataset(tmp_path):
    ds = run(out=tmp_path / "s.nc")
    xr.testing.assert_identical(xr.load_dataset(tmp_path / "s.nc"), ds)
    assert not journal_path(tmp_path / "s.nc").exists()
    assert json.loads(ds.attrs["sweep_config"])["grid"] == {"N": [1, 2, 3], "T_h": [0.5, 1.0, 2.0]}


def test_independent_current_is_N_times_the_single_qubit_current():
    # two-bath limit: Eq. (25) of the heat-valve paper has this closed form; the code solves
    # the single-qubit steady state numerically instead
    m = HeatValve(N=5, gamma_h=0.7, gamma_c=1.3, T_h=2.0, T_c=0.4)
    nh, nc = m.n_h, m.n_c
    paper = 5 * 0.7 * 1.3 * (nh - nc) / (1.3 * (2 * nc + 1) + 0.7 * (2 * nh + 1))
    assert independent_current(m) == pytest.approx(paper, rel=1e-10)
    # a parasitic bath at the effective temperature T* changes nothing
    mp = HeatValve(N=5, gamma_h=0.7, gamma_c=1.3, T_h=2.0, T_c=0.4, gamma_p=0.3, T_p=m.T_star)
    assert independent_current(mp) == pytest.approx(paper, rel=1e-10)


# -- up-front validation --------------------------------------------------------------------
@pytest.mark.parametrize("grid, fixed, error, words", [
    ({"N": [2, 3], "J": [1.0]}, {}, ParameterError, ["J", "N=3"]),
    ({"N": [2]}, {"J": 1.0, "gamma_p": 0.1, "T_p": 1.0}, ParameterError, ["J", "parasitic"]),
    ({"N": [2], "T_hot": [1.0]}, {}, UnknownNameError, ["grid.T_hot"]),
    ({"N": []}, {}, ParameterError, ["grid.N", "empty"]),
    ({"N": [1, 1]}, {}, ParameterError, ["grid.N", "repeated"]),
    ({"N": [1, 2.5]}, {}, ParameterError, ["grid.N[1]", "integer"]),
    ({"N": [1], "gamma_h": [1.0, -1.0]}, {}, ParameterError, ["grid.gamma_h[1]", ">= 0"]),
    ({"N": [1], "T_h": ["hot"]}, {}, ParameterError, ["grid.T_h[0]", "number"]),
    ({"N": [1]}, {"T_c": -0.1}, ParameterError, ["fixed.T_c", ">= 0"]),
    ({"N": [1]}, {"T_c": [0.1, 0.2]}, ParameterError, ["fixed.T_c", "scalar"]),
    ({"N": [1]}, {"N": 2}, ParameterError, ["N", "both"]),
    ({"T_h": [1.0]}, {}, ParameterError, ["N"]),
    ({"N": [1], "gamma_p": [0.0, 0.1]}, {}, ParameterError, ["T_p"]),
    ({"N": 3}, {}, ParameterError, ["grid.N", "list"]),
])
def test_invalid_configuration_fails_before_any_solve(grid, fixed, error, words):
    with pytest.raises(error) as exc:
        run(grid=grid, fixed=fixed)
    for w in words:
        assert w in str(exc.value)
    assert CALLS == []


def test_real_backend_names_and_limits_are_checked_up_front():
    with pytest.raises(UnknownNameError, match="grid.backend.1"):
        sweep({"N": [1], "backend": ["auto", "magic"]}, progress=False)
    with pytest.raises(ParameterError, match="N = 10000000 is too large"):
        sweep({"N": [1, 10_000_000]}, fixed={"backend": "qutip"}, progress=False)


def test_bad_options():
    with pytest.raises(ParameterError, match="processes"):
        run(processes=0)
    with pytest.raises(ParameterError, match="not both"):
        run(processes=2, scheduler="tcp://127.0.0.1:1")
    with pytest.raises(TypeError):
        run(chunks=4)


def test_missing_dask_is_a_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    with pytest.raises(MissingDependencyError, match=r"dickeheat\[dask\]"):
        run(scheduler="tcp://127.0.0.1:1", processes=None)


# -- failures -------------------------------------------------------------------------------
def test_numerical_failure_is_recorded_with_a_flag(tmp_path):
    ds = run(solver=failing_at_T_h_2, out=tmp_path / "f.nc")
    failed = ds.failed.sel(T_h=2.0)
    assert failed.all() and not ds.failed.sel(T_h=[0.5, 1.0]).any()
    assert np.isnan(ds.Q_h.sel(T_h=2.0)).all() and np.isfinite(ds.Q_h.sel(T_h=1.0)).all()
    assert all("NumericalError: residual too large" in e for e in ds.error.sel(T_h=2.0).values)
    assert np.isfinite(ds.Q_ind.sel(T_h=2.0)).all()  # a model property, not a solver output
    xr.testing.assert_identical(xr.load_dataset(tmp_path / "f.nc"), ds)


def test_other_errors_abort_but_keep_finished_points(tmp_path):
    out = tmp_path / "a.nc"
    with pytest.raises(Boom):
        run(solver=crashing_at_N_3, out=out)
    assert not out.exists()
    lines = journal_path(out).read_text().splitlines()
    assert len(lines) == 1 + 6  # header + the N = 1, 2 points
    # a kill in the middle of a write leaves a cut line: it is dropped, not misread
    with journal_path(out).open("a") as fh:
        fh.write('{"index":[2,0],"rec')
    CALLS.clear()
    CRASH["on"] = False  # the bug fixed, the same sweep is rerun
    ds = run(solver=crashing_at_N_3, out=out)
    assert sorted(CALLS) == [(3, t, "x") for t in (0.5, 1.0, 2.0)]
    xr.testing.assert_identical(ds, run(solver=crashing_at_N_3))


def test_finished_output_is_returned_without_solving(tmp_path):
    first = run(out=tmp_path / "s.nc")
    CALLS.clear()
    assert Sweep(GRID, fixed=FIXED, solver=standin).pending(tmp_path / "s.nc") == 0
    xr.testing.assert_identical(run(out=tmp_path / "s.nc"), first)
    assert CALLS == []


def test_journal_of_another_configuration_is_refused(tmp_path):
    out = tmp_path / "a.nc"
    with pytest.raises(Boom):
        run(solver=crashing_at_N_3, out=out)
    CALLS.clear()
    with pytest.raises(ParameterError, match="another configuration"):
        run(solver=crashing_at_N_3, out=out, fixed={**FIXED, "T_c": 0.3})
    with pytest.raises(ParameterError, match="another configuration or solver"):
        run(out=out)
    assert CALLS == []


def test_progress_bar_only_when_asked(capfd):
    run()
    assert capfd.readouterr().err == ""
    sweep(GRID, fixed=FIXED, solver=standin, processes=1, progress=True)
    captured = capfd.readouterr()
    assert "9/9" in captured.err and captured.out == ""


# -- resuming after a real kill --------------------------------------------------------------
SCRIPT = """
import os, sys, time
from dickeheat.numeric.steady import SteadyState
from dickeheat.numeric.sweep import sweep

def slow(model, *, backend):
    with open(os.environ["CALLS_FILE"], "a") as fh:
        fh.write(f"{model.N} {model.T_h}\\n")
    time.sleep(float(os.environ["DELAY"]))
    q = model.N * (model.T_h - model.T_c)
    return SteadyState(model, backend, q, -q, 0.0, -model.N / 4, 1.0, {}, 0.0, 1.0, 0.01)

if __name__ == "__main__":
    sweep({"N": [1, 2, 3, 4], "T_h": [0.5, 1.0, 2.0]}, fixed={"T_c": 0.25}, out=sys.argv[1],
          processes=2, progress=False, solver=slow)
"""


def _start(script, out, calls, delay):
    env = {**os.environ, "CALLS_FILE": str(calls), "DELAY": str(delay),
           "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen([sys.executable, str(script), str(out)], env=env,
                            start_new_session=True, stderr=subprocess.PIPE)


def _calls(path):
    return [tuple(line.split()) for line in path.read_text().splitlines()] if path.exists() else []


def test_resume_after_kill_computes_only_missing_points(tmp_path):
    script = tmp_path / "run_sweep.py"
    script.write_text(textwrap.dedent(SCRIPT))
    out, calls = tmp_path / "sweep.nc", tmp_path / "calls.txt"
    journal = journal_path(out)

    proc = _start(script, out, calls, delay=0.4)
    def complete_lines():
        return journal.read_text().split("\n")[:-1] if journal.exists() else []

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(complete_lines()) < 1 + 4:
        time.sleep(0.05)  # until the header and a few points are journalled
    os.killpg(proc.pid, signal.SIGKILL)  # the sweep and its worker processes
    proc.wait()
    assert not out.exists()
    saved = {tuple(json.loads(line)["index"]) for line in complete_lines()[1:]}
    assert 4 <= len(saved) < 12
    before = len(_calls(calls))

    proc = _start(script, out, calls, delay=0.0)
    assert proc.wait(timeout=60) == 0, proc.stderr.read().decode()
    rerun = _calls(calls)[before:]
    Ns, Ths = [1, 2, 3, 4], [0.5, 1.0, 2.0]
    missing = {(str(Ns[i]), str(Ths[j])) for i in range(4) for j in range(3)
               if (i, j) not in saved}
    assert len(rerun) == len(missing) == 12 - len(saved)  # nothing computed twice
    assert set(rerun) == missing
    assert not journal.exists()

    ref_out = tmp_path / "ref.nc"
    proc = _start(script, ref_out, tmp_path / "ref_calls.txt", delay=0.0)
    assert proc.wait(timeout=60) == 0, proc.stderr.read().decode()
    xr.testing.assert_identical(xr.load_dataset(out), xr.load_dataset(ref_out))


# -- local processes and Dask ---------------------------------------------------------------
def test_process_pool_equals_in_process_run():
    xr.testing.assert_identical(run(processes=2), run(processes=1))


def test_dask_local_cluster_equals_local_processes():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  protocol="tcp://", dashboard_address=None) as cluster:
        on_dask = sweep(REAL_GRID, fixed=REAL_FIXED, scheduler=cluster.scheduler_address,
                        progress=False)
    local = sweep(REAL_GRID, fixed=REAL_FIXED, processes=2, progress=False)
    assert on_dask.attrs == local.attrs
    xr.testing.assert_allclose(on_dask.drop_vars("solve_seconds"),
                               local.drop_vars("solve_seconds"), rtol=1e-10, atol=1e-14)
    assert (on_dask.backend_used == local.backend_used).all()


# -- the real "qutip" backend ---------------------------------------------------------------
REAL_GRID = {"N": [1, 2, 3], "T_h": [0.5, 2.0], "gamma_p": [0.0, 0.05]}
REAL_FIXED = {"T_c": 1 / 3, "T_p": 0.2, "backend": "qutip"}


def test_real_backend_agrees_with_direct_steady_state_calls():
    from dickeheat.numeric.steady import steady_state

    ds = sweep(REAL_GRID, fixed=REAL_FIXED, processes=2, progress=False)
    assert not ds.failed.any() and (ds.backend_used == "qutip").all()
    for N in REAL_GRID["N"]:
        for T_h in REAL_GRID["T_h"]:
            for g in REAL_GRID["gamma_p"]:
                m = HeatValve(N=N, T_h=T_h, gamma_p=g, T_c=1 / 3, T_p=0.2)
                direct = steady_state(m, backend="qutip")
                point = ds.sel(N=N, T_h=T_h, gamma_p=g)
                for k in ("Q_h", "Q_c", "Q_p", "jz", "J2"):
                    assert float(point[k]) == pytest.approx(getattr(direct, k), rel=1e-10,
                                                            abs=1e-14), (k, N, T_h, g)
    # first law at every point
    np.testing.assert_allclose(ds.Q_h + ds.Q_c + ds.Q_p, 0.0, atol=1e-12)


def test_independent_current_matches_single_qubit_steady_state():
    ds = sweep(REAL_GRID, fixed=REAL_FIXED, processes=1, progress=False)
    one = ds.sel(N=1)  # for N = 1 the collective model is the single qubit
    np.testing.assert_allclose(ds.Q_ind, ds.N * one.Q_h, rtol=1e-10, atol=1e-14)

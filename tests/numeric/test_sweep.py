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
from proc_support import live_children

from dickeheat.errors import NumericalError, ParameterError, UnknownNameError
from dickeheat.numeric.currents import independent_current
from dickeheat.numeric.model import HeatValve
from dickeheat.numeric.steady import SteadyState
from dickeheat.numeric.sweep import (
    OUTPUTS,
    MissingDependencyError,
    Sweep,
    journal_path,
    lock_path,
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


# -- SIGKILL of the sweep process alone (its workers must not outlive it) --------------------
PACED_SOLVER = """
import os, time
from dickeheat.numeric.steady import steady_state

def paced(model, *, backend):
    time.sleep(float(os.environ.get("DELAY", "0")))
    return steady_state(model, backend=backend)
"""
PACED = """
import sys
from paced_solver import paced
from dickeheat.numeric.sweep import sweep

if __name__ == "__main__":
    sweep(GRID, fixed=FIXED, out=sys.argv[1], processes=int(sys.argv[2]), progress=False,
          solver=paced)
"""
PACED_ARGS = ({"N": [1, 2, 3, 4], "T_h": [0.5, 2.0]}, {"T_c": 0.25, "backend": "reduced"})
PACED_SIZE = 8


def _alive(pid):
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def _journalled(journal):
    """Number of complete point lines in the journal, or -1 before its header exists."""
    if not journal.exists():
        return -1
    return max(len(journal.read_bytes().split(b"\n")[:-1]) - 1, -1)


def _paced(script, out, processes, delay):
    env = {**os.environ, "DELAY": str(delay), "PYTHONPATH": os.pathsep.join(
        [str(script.parent), str(REPO), os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen([sys.executable, str(script), str(out), str(processes)], env=env,
                            stderr=subprocess.PIPE)


def _kill_parent_when(proc, journal, at_least, processes):
    """SIGKILL the sweep process (not its group) once ``at_least`` points are journalled;
    check that its workers die too. Returns the number of points journalled at the kill."""
    deadline = time.monotonic() + 90
    workers = []
    # before any point: wait for the pool's workers too (later, few points may be left and
    # a single one is solved in-process)
    while _journalled(journal) < at_least or (processes > 1 and at_least == 0 and not workers):
        assert proc.poll() is None, (at_least, _journalled(journal), proc.stderr.read().decode())
        assert time.monotonic() < deadline, "the sweep made no progress"
        time.sleep(0.01)
        workers = live_children(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL, "the sweep finished before the kill"
    if processes > 1 and at_least == 0:
        assert workers
    deadline = time.monotonic() + 20
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(w) for w in workers), "workers outlived the killed sweep"
    return _journalled(journal)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("processes", [2, pytest.param(1, marks=pytest.mark.slow)])
def test_sigkill_of_the_parent_then_rerun_equals_an_uninterrupted_run(tmp_path, processes,
                                                                       monkeypatch):
    script = tmp_path / "paced.py"
    script.write_text(f"GRID, FIXED = {PACED_ARGS!r}\n{PACED}")
    (tmp_path / "paced_solver.py").write_text(PACED_SOLVER)
    out = tmp_path / "killed.nc"
    journal = journal_path(out)
    # kill moments: before any point, mid-way, near the end (one more point or fewer to go);
    # every rerun starts at once, while the lock of the killed run may still be on disk
    seen = []
    for at_least in (0, PACED_SIZE // 2, PACED_SIZE - 1):
        proc = _paced(script, out, processes, delay=0.3)
        seen.append(_kill_parent_when(proc, journal, at_least, processes))
        assert not out.exists()
    assert seen[0] < seen[1] < PACED_SIZE + 1 and seen[2] >= PACED_SIZE - 1, seen
    proc = _paced(script, out, processes, delay=0.0)
    assert proc.wait(timeout=120) == 0, proc.stderr.read().decode()
    assert not journal.exists() and not lock_path(out).exists()

    # the uninterrupted run, here (same solver, same module name: same fingerprint)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "paced_solver", raising=False)
    from paced_solver import paced

    ref = tmp_path / "uninterrupted.nc"
    grid, fixed = PACED_ARGS
    sweep(grid, fixed=fixed, out=ref, processes=processes, progress=False, solver=paced)
    resumed, uninterrupted = xr.load_dataset(out), xr.load_dataset(ref)
    assert not resumed.failed.any()
    # solve_seconds is a wall time, different in every run; everything else is identical
    xr.testing.assert_identical(resumed.drop_vars("solve_seconds"),
                                uninterrupted.drop_vars("solve_seconds"))


def test_a_lock_whose_owner_is_dead_is_taken_over(tmp_path):
    """Processes that outlived a killed sweep hold its lock: the rerun takes it over."""
    out = tmp_path / "s.nc"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()  # a PID that no longer runs: the recorded owner of the stale lock
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import fcntl, json, os, sys, time
        fd = os.open({str(lock_path(out))!r}, os.O_RDWR | os.O_CREAT)
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, json.dumps({{"pid": {dead.pid}, "host": os.uname().nodename,
                                  "start": None}}).encode())
        print("locked", flush=True)
        time.sleep(60)
        """)], stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline() == b"locked\n"
        ds = run(out=out)
        xr.testing.assert_identical(ds, run())
        assert not lock_path(out).exists()
    finally:
        holder.kill()
        holder.wait()


def test_a_lock_whose_owner_runs_is_refused(tmp_path):
    out = tmp_path / "s.nc"
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import fcntl, json, os, time
        fd = os.open({str(lock_path(out))!r}, os.O_RDWR | os.O_CREAT)
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, json.dumps({{"pid": os.getpid(), "host": os.uname().nodename,
                                  "start": None}}).encode())
        print("locked", flush=True)
        time.sleep(60)
        """)], stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline() == b"locked\n"
        with pytest.raises(ParameterError, match=rf"out: another running sweep \(process "
                                                 rf"{holder.pid} .*s\.nc"):
            run(out=out)
        assert CALLS == []
    finally:
        holder.kill()
        holder.wait()


# -- refused up front: huge grids, unpicklable solvers, unreachable schedulers ---------------
def test_huge_grid_is_refused_before_any_point_is_checked(monkeypatch):
    from dickeheat.numeric import sweep_config

    checked = []
    real = sweep_config._check_value
    monkeypatch.setattr(sweep_config, "_check_value",
                        lambda *a: checked.append(a) or real(*a))
    grid = {"N": list(range(1, 10_001)), "T_h": [0.1 * i for i in range(10_000)]}
    with pytest.raises(ParameterError) as err:
        run(grid=grid)
    msg = str(err.value)
    assert msg.startswith("grid has 100,000,000 points")
    for words in ("10000 (N) x 10000 (T_h)", f"{sweep_config.MAX_POINTS:,}", "min", "days",
                  "GB of memory"):
        assert words in msg, (words, msg)
    assert checked == [] and CALLS == []
    # the limit itself is allowed (only the count matters, not the values)
    side = int(sweep_config.MAX_POINTS ** 0.5)
    with pytest.raises(ParameterError, match="grid has"):
        sweep_config.SweepConfig(grid={"N": [1] * side, "T_h": [1.0] * (side + 1)})
    with pytest.raises(ParameterError, match=r"grid\.N has repeated values"):
        sweep_config.SweepConfig(grid={"N": [1] * side, "T_h": [1.0] * side})


def test_unpicklable_solver_is_refused_instead_of_hanging():
    with pytest.raises(ParameterError, match=r"^solver .*lambda.* cannot be pickled"):
        run(solver=lambda model, *, backend: standin(model, backend=backend), processes=2)

    def local(model, *, backend):
        return standin(model, backend=backend)

    with pytest.raises(ParameterError, match=r"^solver .*local.* cannot be pickled"):
        run(solver=local, processes=2)
    assert CALLS == []
    assert run(solver=local, processes=1).sizes == {"N": 3, "T_h": 3}  # fine in-process


def _free_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_scheduler_is_a_clear_error():
    pytest.importorskip("distributed")
    from dickeheat.numeric.sweep import SchedulerError

    address = f"tcp://127.0.0.1:{_free_port()}"  # nothing listens there
    with pytest.raises(SchedulerError, match=rf"^scheduler '{address}': no Dask scheduler "
                                             r"answered within 5 s"):
        run(scheduler=address, processes=None)
    with pytest.raises(SchedulerError, match=r"^scheduler 'no-port' is not a valid"):
        run(scheduler="no-port", processes=None)
    assert CALLS == []

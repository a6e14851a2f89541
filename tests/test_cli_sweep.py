"""`dickeheat sweep CONFIG.toml --out FILE`: output file, resuming, exit codes, config errors."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
import xarray as xr
from proc_support import live_children

from dickeheat.cli import main
from dickeheat.errors import NumericalError
from dickeheat.numeric import steady
from dickeheat.numeric.sweep import sweep

REPO = Path(__file__).resolve().parents[1]

GOOD = """
[fixed]
T_c = 0.3333333333333333
backend = "qutip"

[grid]
N = [1, 2, 3]
T_h = [0.5, 2.0]
"""


def write(tmp_path, text, name="sweep.toml"):
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_sweep_writes_netcdf_equal_to_the_library_call(tmp_path, capsys):
    out = tmp_path / "s.nc"
    code, stdout, err = run(capsys, "sweep", write(tmp_path, GOOD), "--out", out,
                            "--processes", "1", "--no-progress")
    assert code == 0, err
    assert err == ""
    assert "6 points (N=3, T_h=2); computed 6, reused 0; 0 failed" in stdout
    ds = xr.load_dataset(out)
    assert ds.Q_h.dims == ("N", "T_h")
    ref = sweep({"N": [1, 2, 3], "T_h": [0.5, 2.0]},
                fixed={"T_c": 1 / 3, "backend": "qutip"}, processes=1, progress=False)
    assert ds.attrs == ref.attrs  # same configuration, same fingerprint
    xr.testing.assert_allclose(ds.drop_vars("solve_seconds"), ref.drop_vars("solve_seconds"),
                               rtol=1e-10, atol=1e-14)
    # rerun: nothing left to compute
    code, stdout, _ = run(capsys, "sweep", write(tmp_path, GOOD), "--out", out, "--no-progress")
    assert code == 0 and "computed 0, reused 6" in stdout


def test_failed_points_give_exit_status_1_and_are_flagged(tmp_path, capsys, monkeypatch):
    real = steady.steady_state

    def fails_at_N_2(model, *, backend):
        if model.N == 2:
            raise NumericalError("no convergence")
        return real(model, backend=backend)

    monkeypatch.setattr(steady, "steady_state", fails_at_N_2)
    out = tmp_path / "f.nc"
    code, stdout, _ = run(capsys, "sweep", write(tmp_path, GOOD), "--out", out,
                          "--processes", "1", "--no-progress")
    assert code == 1 and "2 failed" in stdout
    ds = xr.load_dataset(out)
    assert ds.failed.sel(N=2).all() and not ds.failed.sel(N=[1, 3]).any()
    assert np.isnan(ds.Q_h.sel(N=2)).all()


@pytest.mark.parametrize("text, words", [
    ("[fixed]\nN = 2\n[grids]\nT_h = [1.0]\n", ["grids", "unknown"]),
    ("[fixed]\nN = 2\n[grid]\nT_hot = [1.0]\n", ["grid.T_hot", "unknown"]),
    ("[fixed]\nN = 2\n[grid]\nT_h = [1.0, \"hot\"]\n", ["grid.T_h[1]", "number"]),
    ("[fixed]\nN = 2\n[grid]\ngamma_c = [1.0, -0.5]\n", ["grid.gamma_c[1]", ">= 0"]),
    ("[fixed]\nN = 2\nT_c = -1.0\n", ["fixed.T_c", ">= 0"]),
    ("[fixed]\nN = 2\n[grid]\nT_h = []\n", ["grid.T_h", "empty"]),
    ("[fixed]\nN = 2\nT_h = [1.0, 2.0]\n", ["fixed.T_h", "scalar"]),
    ("[grid]\nN = 2\n", ["grid.N", "list"]),
    ("[fixed]\nN = 2\nJ = 1.0\ngamma_p = 0.01\nT_p = 0.1\n", ["J", "parasitic"]),
    ("[grid]\nN = [2, 3]\nJ = [1.0]\n", ["J", "N=3"]),
    ("[grid]\nT_h = [1.0]\n", ["N"]),
    ("[fixed]\nN = 2\nbackend = \"magic\"\n", ["fixed.backend", "magic"]),
    ("[fixed]\nN = 2\nbackend = 3\n", ["fixed.backend"]),
    ("[fixed]\nN = 2\n[grid]\nN = [1]\n", ["N", "both"]),
    ("[fixed\nN = 2\n", ["not valid TOML"]),
])
def test_bad_config_exit_2_naming_the_key(tmp_path, capsys, text, words):
    out = tmp_path / "x.nc"
    code, stdout, err = run(capsys, "sweep", write(tmp_path, text), "--out", out,
                            "--no-progress")
    assert code == 2 and stdout == ""
    assert err.startswith("dickeheat sweep: error: sweep.toml") or "TOML" in err
    for w in words:
        assert w in err, err
    assert not out.exists()


def test_bad_options_and_paths_exit_2(tmp_path, capsys):
    cfg = write(tmp_path, GOOD)
    code, _, err = run(capsys, "sweep", cfg, "--out", tmp_path / "x.nc", "--processes", "0")
    assert code == 2 and "processes" in err
    code, _, err = run(capsys, "sweep", tmp_path / "missing.toml", "--out", tmp_path / "x.nc")
    assert code == 2 and "does not exist" in err
    code, _, err = run(capsys, "sweep", cfg, "--out", tmp_path / "no" / "x.nc")
    assert code == 2 and "out" in err
    for argv in (["sweep", cfg], ["sweep", cfg, "--out", "x.nc", "--processes", "two"]):
        with pytest.raises(SystemExit) as e:
            main(argv)
        assert e.value.code == 2


def test_help(capsys):
    with pytest.raises(SystemExit) as e:
        main(["sweep", "--help"])
    assert e.value.code == 0
    help_text = capsys.readouterr().out
    for flag in ("--out", "--scheduler", "--processes", "--no-progress", "CONFIG.toml"):
        assert flag in help_text


# -- refused at once, exit 2, no traceback ----------------------------------------------------
def test_huge_grid_exit_2_before_any_work(tmp_path, capsys):
    from dickeheat.numeric.sweep_config import MAX_POINTS

    text = ("[fixed]\nT_c = 0.5\n[grid]\n"
            f"N = {list(range(1, 10_001))}\nT_h = {[0.5 + i for i in range(10_000)]}\n")
    out = tmp_path / "x.nc"
    code, stdout, err = run(capsys, "sweep", write(tmp_path, text), "--out", out)
    assert code == 2 and stdout == "" and "Traceback" not in err
    assert err.startswith("dickeheat sweep: error: sweep.toml: grid has 100,000,000 points")
    for words in (f"{MAX_POINTS:,}", "min", "GB of memory"):
        assert words in err, err
    assert list(tmp_path.iterdir()) == [tmp_path / "sweep.toml"]


def test_unreachable_scheduler_exit_2_naming_the_option(tmp_path, capsys):
    import socket

    pytest.importorskip("distributed")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    out = tmp_path / "x.nc"
    code, stdout, err = run(capsys, "sweep", write(tmp_path, GOOD), "--out", out,
                            "--scheduler", f"tcp://127.0.0.1:{port}", "--no-progress")
    assert code == 2 and stdout == "" and "Traceback" not in err
    assert err.startswith(f"dickeheat sweep: error: --scheduler 'tcp://127.0.0.1:{port}': "
                          "no Dask scheduler answered within 5 s"), err
    assert list(tmp_path.iterdir()) == [tmp_path / "sweep.toml"]  # no journal, no lock left


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_sigkill_of_a_two_process_cli_sweep_then_rerun(tmp_path, capsys):
    """`dickeheat sweep ... --processes 2` killed (the command alone, not its workers): the
    workers die with it and the rerun is not refused; its file equals an uninterrupted run's."""
    cfg, out = write(tmp_path, GOOD), tmp_path / "killed.nc"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(REPO), os.environ.get("PYTHONPATH", "")])}
    cli = "import sys; from dickeheat.cli import main; sys.exit(main())"
    proc = subprocess.Popen([sys.executable, "-c", cli, "sweep", cfg, "--out",
                             str(out), "--processes", "2", "--no-progress"], env=env,
                            stderr=subprocess.PIPE)
    deadline, workers = time.monotonic() + 90, []
    while not workers:  # the pool has started: kill before (or about when) points arrive
        assert proc.poll() is None, proc.stderr.read().decode()
        assert time.monotonic() < deadline
        time.sleep(0.01)
        workers = live_children(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL
    deadline = time.monotonic() + 20
    while any(Path(f"/proc/{w}").exists() and _state(w) != "Z" for w in workers):
        assert time.monotonic() < deadline, "workers outlived the killed sweep"
        time.sleep(0.05)
    code, stdout, err = run(capsys, "sweep", cfg, "--out", out, "--processes", "2",
                            "--no-progress")
    assert code == 0, err
    ref = tmp_path / "ref.nc"
    assert run(capsys, "sweep", cfg, "--out", ref, "--processes", "2", "--no-progress")[0] == 0
    xr.testing.assert_identical(xr.load_dataset(out).drop_vars("solve_seconds"),
                                xr.load_dataset(ref).drop_vars("solve_seconds"))


def _state(pid):
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return "Z"
    return stat[stat.rindex(")") + 2]



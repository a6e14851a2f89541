"""Sweeps with ``noise = true`` record the counting statistics; without it the keys are NaN."""

from __future__ import annotations

import math
import pickle

import pytest

from dickeheat.errors import ParameterError
from dickeheat.numeric.model import HeatValve
from dickeheat.numeric.sweep import OUTPUTS, sweep
from dickeheat.numeric.sweep_config import SweepConfig
from dickeheat.numeric.valve_fcs import valve_noise

FIXED = {"T_c": 0.3, "gamma_p": 0.05, "T_p": 0.3}


def test_noise_keys_in_a_sweep():
    ds = sweep({"N": [2, 7], "T_h": [3.0]}, fixed={**FIXED, "noise": True},
               progress=False)
    for key in ("S_h", "S_c", "S_p", "sigma", "tur_h", "Q_pump"):
        assert key in OUTPUTS and key in ds
    f = valve_noise(HeatValve(N=7, T_h=3.0, **FIXED))
    point = ds.sel(N=7, T_h=3.0)
    for key in ("S_h", "S_c", "S_p", "sigma", "tur_h"):
        assert float(point[key]) == pytest.approx(getattr(f, key), rel=1e-9), key
    assert float(ds.tur_h.min()) >= 2


def test_without_noise_the_keys_are_nan_and_pumping_is_recorded():
    ds = sweep({"gamma_pump": [0.0, 0.1]}, fixed={"N": 3, "T_h": 2.0, "T_c": 0.3},
               progress=False)
    assert all(math.isnan(x) for x in ds.S_h.values.ravel())
    assert float(ds.Q_pump.sel(gamma_pump=0.0)) == 0.0
    assert float(ds.Q_pump.sel(gamma_pump=0.1)) > 0.0


@pytest.mark.parametrize(("grid", "fixed", "text"), [
    ({"N": [2]}, {"T_h": 1.0, "noise": True}, "unique steady state"),
    ({"N": [2], "noise": [True, False]}, {"T_h": 1.0}, "grid.noise"),
    ({"N": [2]}, {"T_h": 1.0, "noise": "yes"}, "fixed.noise must be true or false"),
    ({"N": [2]}, {"T_h": 1.0, "gamma_pump": -1.0}, "fixed.gamma_pump"),
    ({"N": [2]}, {"T_h": 1.0, "gamma_p": 0.1, "T_p": 0.3, "noise_log_cut": 30.0},
     r"fixed.noise_log_cut .*needs noise = true"),
    ({"N": [2]}, {"T_h": 1.0, "gamma_p": 0.1, "T_p": 0.3, "noise": False,
                  "noise_log_cut": 30.0}, "noise_log_cut .*noise = true"),
    ({"N": [2], "noise_log_cut": [30.0, 40.0]}, {"T_h": 1.0, "gamma_p": 0.1, "T_p": 0.3,
                                                 "noise": True}, "grid.noise_log_cut"),
    ({"N": [2]}, {"T_h": 1.0, "gamma_p": 0.1, "T_p": 0.3, "noise": True,
                  "noise_log_cut": 19.0}, r"fixed.noise_log_cut must be .*\[20, 700\]"),
    ({"N": [2]}, {"T_h": 1.0, "gamma_p": 0.1, "T_p": 0.3, "noise": True,
                  "noise_log_cut": 701}, r"fixed.noise_log_cut .*\[20, 700\]"),
    ({"N": [2]}, {"T_h": 1.0, "gamma_p": 0.1, "T_p": 0.3, "noise": True,
                  "noise_log_cut": math.nan}, r"fixed.noise_log_cut .*\[20, 700\]"),
    ({"N": [2]}, {"T_h": 1.0, "gamma_p": 0.1, "T_p": 0.3, "noise": True,
                  "noise_log_cut": math.inf}, r"fixed.noise_log_cut .*\[20, 700\]"),
    ({"N": [2]}, {"T_h": 1.0, "gamma_p": 0.1, "T_p": 0.3, "noise": True,
                  "noise_log_cut": "30"}, r"fixed.noise_log_cut .*\[20, 700\]"),
    ({"N": [2]}, {"T_h": 1.0, "gamma_p": 0.1, "T_p": 0.3, "noise": True,
                  "noise_log_cut": True}, r"fixed.noise_log_cut .*\[20, 700\]"),
])
def test_bad_noise_configuration(grid, fixed, text):
    with pytest.raises(ParameterError, match=text):
        if "noise" in fixed and fixed["noise"] is True:
            sweep(grid, fixed=fixed, progress=False)
        else:
            SweepConfig(grid=grid, fixed=fixed)


def test_noise_log_cut_reaches_the_noise_computation(noise_cuts):
    """``noise_log_cut`` in ``fixed`` is the ``log_cut`` of every point's ``valve_noise``
    (also on worker processes: the solver is pickled with it) and is recorded."""
    import dickeheat.numeric.valve_fcs as vf
    from dickeheat.numeric.sweep import Sweep

    seen, real = noise_cuts.seen, noise_cuts.real
    fixed = {**FIXED, "N": 30, "noise": True}
    ds = sweep({"T_h": [3.0, 4.0]}, fixed={**fixed, "noise_log_cut": 20}, processes=1,
               progress=False)
    assert seen == [20.0, 20.0] and ds.attrs["noise_log_cut"] == 20.0
    for T_h in (3.0, 4.0):
        f = real(HeatValve(N=30, T_h=T_h, **FIXED), log_cut=20.0)
        assert float(ds.S_h.sel(T_h=T_h)) == pytest.approx(f.S_h, rel=1e-9)
    default = sweep({"T_h": [3.0]}, fixed=fixed, processes=1, progress=False)
    assert seen[-1] == vf.LOG_CUT and default.attrs["noise_log_cut"] == vf.LOG_CUT
    # a different cut is a different sweep (no resume across cuts); without the key the
    # sweep is the same as before the key existed
    job = Sweep({"T_h": [3.0]}, fixed={**fixed, "noise_log_cut": 20})
    assert job.fingerprint != Sweep({"T_h": [3.0]}, fixed=fixed).fingerprint
    assert job.solver_name == Sweep({"T_h": [3.0]}, fixed=fixed).solver_name
    pickle.loads(pickle.dumps(job.solver))  # it can run on worker processes


def test_noise_log_cut_from_a_toml_file_through_the_cli(tmp_path, capsys):
    import xarray as xr

    from dickeheat.cli import main

    cfg = tmp_path / "cut.toml"
    cfg.write_text("[fixed]\nN = 12\nT_c = 0.3\ngamma_p = 0.05\nT_p = 0.3\nnoise = true\n"
                   "noise_log_cut = 25.5\n[grid]\nT_h = [3.0]\n")
    out = tmp_path / "cut.nc"
    assert main(["sweep", str(cfg), "--out", str(out), "--processes", "1",
                 "--no-progress"]) == 0
    ds = xr.load_dataset(out)
    assert ds.attrs["noise_log_cut"] == 25.5
    f = valve_noise(HeatValve(N=12, T_h=3.0, **FIXED), log_cut=25.5)
    assert float(ds.S_h.sel(T_h=3.0)) == pytest.approx(f.S_h, rel=1e-9)
    cfg.write_text("[fixed]\nN = 12\nT_c = 0.3\ngamma_p = 0.05\nT_p = 0.3\nnoise = true\n"
                   "noise_log_cut = 5\n")
    code = main(["sweep", str(cfg), "--out", str(tmp_path / "bad.nc"), "--no-progress"])
    err = capsys.readouterr().err
    assert code == 2 and "fixed.noise_log_cut" in err and "[20, 700]" in err
    assert "Traceback" not in err and not (tmp_path / "bad.nc").exists()

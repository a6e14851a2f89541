"""Sweeps with ``noise = true`` record the counting statistics; without it the keys are NaN."""

from __future__ import annotations

import math

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
])
def test_bad_noise_configuration(grid, fixed, text):
    with pytest.raises(ParameterError, match=text):
        if "noise" in fixed and fixed["noise"] is True:
            sweep(grid, fixed=fixed, progress=False)
        else:
            SweepConfig(grid=grid, fixed=fixed)

"""``dickeheat valve --noise`` and ``--gamma-pump``: keys, agreement with the Python API,
SI units and the text output."""

from __future__ import annotations

import json
import math

import pytest
import scipy.constants as const

from dickeheat.cli import main
from dickeheat.numeric.model import HeatValve
from dickeheat.numeric.valve_fcs import valve_noise


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


BASE = ["valve", "--N", 5, "--Th", 3, "--Tc", 0.3, "--gamma-p", 0.02, "--Tp", 0.3]


def test_help_lists_noise_and_pumping(capsys):
    with pytest.raises(SystemExit):
        main(["valve", "--help"])
    text = capsys.readouterr().out
    assert "--noise" in text and "--gamma-pump" in text and "TUR" in text


def test_noise_keys_match_the_python_api(capsys):
    code, out, err = run(capsys, *BASE, "--noise", "--json")
    assert code == 0, err
    rec = json.loads(out)
    f = valve_noise(HeatValve(N=5, T_h=3, T_c=0.3, gamma_p=0.02, T_p=0.3))
    for key in ("S_h", "S_c", "S_p", "sigma", "tur_h"):
        assert rec[key] == pytest.approx(getattr(f, key), rel=1e-12), key
    assert rec["tur_h"] >= 2
    assert rec["Q_h"] == pytest.approx(f.Q_h, rel=1e-10)  # mean of the backend vs the FCS mean


def test_without_noise_no_noise_keys(capsys):
    code, out, _ = run(capsys, *BASE, "--json")
    assert code == 0
    rec = json.loads(out)
    assert "S_h" not in rec and rec["Q_pump"] == 0.0


def test_noise_in_a_fixed_J_sector(capsys):
    code, out, err = run(capsys, "valve", "--N", 6, "--Th", 2, "--Tc", 0.5, "--J", 2,
                         "--noise", "--json")
    assert code == 0, err
    rec = json.loads(out)
    assert rec["S_p"] == 0.0 and rec["tur_h"] >= 2 and rec["fcs_levels"] == 5


def test_pumping_json_and_undefined_tur(capsys):
    code, out, err = run(capsys, "valve", "--N", 3, "--Th", 2, "--Tc", 0.3, "--gamma-pump",
                         0.1, "--noise", "--json")
    assert code == 0, err
    rec = json.loads(out)
    assert rec["model"]["gamma_pump"] == 0.1 and rec["Q_pump"] > 0
    assert abs(rec["first_law"]) < 1e-12
    assert rec["sigma"] is None and rec["tur_h"] is None and "pumping" in rec["fcs_note"]


def test_noise_in_si_units(capsys):
    si = ["valve", "--N", 4, "--Th", 150, "--Tc", 30, "--gamma-p", 0.005, "--Tp", 30,
          "--si", "--omega0", 5, "--gamma-h", 0.05, "--gamma-c", 0.05, "--noise", "--json"]
    code, out, err = run(capsys, *si)
    assert code == 0, err
    rec = json.loads(out)
    w = 2 * math.pi * 5e9
    unit_T = const.hbar * w / const.k * 1e3  # mK per natural temperature unit
    nat = valve_noise(HeatValve(N=4, T_h=150 / unit_T, T_c=30 / unit_T, gamma_h=0.01,
                                gamma_c=0.01, gamma_p=0.001, T_p=30 / unit_T))
    assert rec["S_h"] == pytest.approx(nat.S_h * const.hbar**2 * w**3 / 1e-36, rel=1e-9)
    assert rec["sigma"] == pytest.approx(nat.sigma * w * 1e-9, rel=1e-9)
    assert rec["tur_h"] == pytest.approx(nat.tur_h, rel=1e-9)
    assert rec["noise_units"]["S"].startswith("fW zJ")


def test_text_output(capsys):
    code, out, err = run(capsys, *BASE, "--gamma-pump", 0.01, "--noise")
    assert code == 0, err
    assert "noise S_h" in out and "Q_pump" in out and "TUR ratio" in out and "n/a" in out


def test_noise_log_cut_reaches_valve_noise_and_the_json(capsys, noise_cuts):
    """``--noise-log-cut`` is passed to ``valve_noise(..., log_cut=)`` and reported."""
    import dickeheat.numeric.valve_fcs as vf

    seen, real = noise_cuts.seen, noise_cuts.real
    code, out, err = run(capsys, *BASE, "--noise", "--noise-log-cut", 27.5, "--json")
    assert code == 0, err
    rec = json.loads(out)
    assert seen == [27.5] and rec["fcs_log_cut"] == 27.5
    f = real(HeatValve(N=5, T_h=3, T_c=0.3, gamma_p=0.02, T_p=0.3), log_cut=27.5)
    assert rec["fcs_levels"] == f.levels and rec["S_h"] == pytest.approx(f.S_h, rel=1e-12)
    code, out, err = run(capsys, *BASE, "--noise", "--json")  # default: the library's
    assert code == 0, err
    assert seen[-1] == vf.LOG_CUT and json.loads(out)["fcs_log_cut"] == vf.LOG_CUT


def test_noise_log_cut_changes_the_kept_levels(capsys):
    argv = ["valve", "--N", 40, "--Th", 3, "--Tc", 0.3, "--gamma-p", 0.01, "--Tp", 0.3,
            "--noise", "--json"]
    recs = {}
    for cut in (20, 100):
        code, out, err = run(capsys, *argv, "--noise-log-cut", cut)
        assert code == 0, err
        recs[cut] = json.loads(out)
    assert recs[20]["fcs_levels"] < recs[100]["fcs_levels"]
    assert recs[20]["S_h"] == pytest.approx(recs[100]["S_h"], rel=1e-4)
    code, out, err = run(capsys, *argv[:-1], "--noise-log-cut", 20)  # text output names it
    assert code == 0, err
    assert "log_cut 20" in out

"""The ``dickeheat bounds`` verb."""

import json

import pytest

from dickeheat.cli import main

KEYS = {"current", "bound1", "bound2", "ratio1", "ratio2", "bath"}


def _json(capsys, *argv):
    assert main(["bounds", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_mbody_m_equal_L_saturates_bound1(capsys):
    rec = _json(capsys, "--model", "m-body", "--L", "5", "--m", "5")
    assert KEYS <= set(rec)
    assert rec["bath"]["kind"] == "white"  # the paper's white-noise example
    assert rec["ratio1"] == pytest.approx(1.0, abs=1e-12)
    assert rec["current"] == pytest.approx(-125.0, rel=1e-12)  # -γ_wn ω L³, c = g = ω = 1
    assert rec["state"] == "M=5/2"


def test_superradiance_default_zero_temperature_bath(capsys):
    rec = _json(capsys, "--model", "superradiance", "--L", "7")
    assert rec["bath"]["kind"] == "lorentzian" and rec["bath"]["T"] == 0.0
    assert rec["state"] == "M=1/2"
    assert rec["ratio2"] <= 0.25 * (8 / 7) ** 2
    assert rec["bound1"] >= rec["bound2"] >= abs(rec["current"])


def test_text_output_names_the_bath(capsys):
    assert main(["bounds", "--model", "superradiance", "--L", "4", "--bath", "white"]) == 0
    out = capsys.readouterr().out
    assert "bath: white" in out and "Bound 1" in out and "Bound 2" in out


def test_valve_from_a_dicke_state(capsys):
    rec = _json(capsys, "--model", "valve", "--L", "3", "--state", "M=1/2")
    assert KEYS <= set(rec)
    assert rec["bath"]["kind"] == "rlc" and rec["bath"]["role"] == "hot"
    assert rec["dE"] == pytest.approx(1.0)


@pytest.mark.slow
def test_valve_steady_state_prints_the_valve_bounds(capsys):
    rec = _json(capsys, "--model", "valve", "--L", "4")
    assert rec["state"] == "steady"
    assert 0 < rec["current"] <= rec["Q_lim"] <= rec["Q_max"] < rec["bound2"]


@pytest.mark.parametrize("argv,needle", [
    (["--model", "m-body", "--L", "0", "--m", "1"], "L must be"),
    (["--model", "m-body", "--L", "4", "--m", "5"], "m must be"),
    (["--model", "m-body", "--L", "4", "--m", "0"], "m must be"),
    (["--model", "m-body", "--L", "4"], "needs --m"),
    (["--model", "superradiance", "--L", "4", "--state", "M=1/2"], "M must be"),
    (["--model", "superradiance", "--L", "3", "--state", "M=7/2"], "M must be"),
    (["--model", "superradiance", "--L", "3", "--state", "M=x"], "M=<value>"),
    (["--model", "superradiance", "--L", "3", "--state", "steady"], "valve"),
    (["--model", "superradiance", "--L", "3", "--kappa", "0"], "kappa"),
    (["--model", "superradiance", "--L", "3", "--bath", "rlc", "--Q", "inf"],
     "--Q must be a finite"),
    (["--model", "valve", "--L", "3", "--Q", "inf", "--state", "excited"], "--Q must be a finite"),
    (["--model", "superradiance", "--L", "3", "--m", "2"], "--m only"),
])
def test_bad_input_exits_2_with_a_message(capsys, argv, needle):
    assert main(["bounds", *argv]) == 2
    assert needle in capsys.readouterr().err


def test_unknown_option_is_an_argparse_error():
    with pytest.raises(SystemExit) as exc:
        main(["bounds", "--model", "superradiance", "--L", "3", "--bogus", "1"])
    assert exc.value.code == 2

"""``dickeheat valve``: JSON shape, units, exit codes."""

from __future__ import annotations

import json
import math

import pytest
import scipy.constants as const

from dickeheat.cli import main

KEYS = {"Q_h", "Q_c", "Q_p", "Q_ind", "Q_ind_without_parasitic", "ratio", "J2", "jz", "P_J",
        "T_star", "residual", "trace", "backend", "solve_seconds", "units", "N", "J_sector",
        "first_law", "model"}


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def valve_json(capsys, *argv):
    code, out, err = run(capsys, "valve", *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def test_help(capsys):
    with pytest.raises(SystemExit) as e:
        main(["valve", "--help"])
    assert e.value.code == 0
    text = capsys.readouterr().out
    assert "--gamma-p" in text and "gamma/2pi in GHz" in text


def test_json_shape_natural_units(capsys):
    rec = valve_json(capsys, "--N", 3, "--Th", 2.0, "--Tc", 0.5)
    assert KEYS <= set(rec)
    assert rec["backend"] == "qutip" and rec["N"] == 3
    assert rec["J_sector"] == 1.5 and rec["P_J"] == {"1.5": 1.0}
    assert rec["Q_p"] == 0.0
    assert abs(rec["Q_h"] + rec["Q_c"]) < 1e-12
    assert rec["ratio"] == pytest.approx(rec["Q_h"] / rec["Q_ind"])
    nh, nc = 1 / math.expm1(1 / 2.0), 1 / math.expm1(1 / 0.5)
    assert rec["T_star"] == pytest.approx(1 / math.log((2 + nh + nc) / (nh + nc)))
    # Q_ind by hand: 3 independent two-level systems
    p_e = (nh + nc) / (2 + 2 * nh + 2 * nc)
    assert rec["Q_ind"] == pytest.approx(3 * (nh * (1 - p_e) - (1 + nh) * p_e), rel=1e-12)
    assert rec["residual"] < 1e-10 and rec["trace"] == pytest.approx(1.0)


def test_parasitic_and_piqs(capsys):
    args = ("--N", 4, "--Th", 2.0, "--Tc", 0.5, "--gamma-p", 0.05, "--Tp", 0.2)
    ref = valve_json(capsys, *args)
    rec = valve_json(capsys, *args, "--backend", "piqs")
    assert rec["backend"] == "piqs" and ref["J_sector"] is None
    assert set(rec["P_J"]) == {"2", "1", "0"}
    assert rec["Q_h"] == pytest.approx(ref["Q_h"], rel=1e-3)
    assert ref["Q_ind"] != ref["Q_ind_without_parasitic"]


def test_si_units_match_natural_units(capsys):
    """--si with ω0/2π = 4 GHz, γ/2π = 1 GHz, 384/96/50 mK equals the natural-unit run."""
    nu0 = 4e9

    def nat(T_mK):
        return const.k * T_mK * 1e-3 / (const.h * nu0)

    si = valve_json(capsys, "--si", "--omega0", 4.0, "--N", 2, "--Th", 384, "--Tc", 96,
                    "--gamma-h", 1.0, "--gamma-c", 1.0, "--gamma-p", 0.01, "--Tp", 50)
    natural = valve_json(capsys, "--N", 2, "--Th", nat(384), "--Tc", nat(96), "--gamma-h", 0.25,
                         "--gamma-c", 0.25, "--gamma-p", 0.0025, "--Tp", nat(50))
    to_fW = const.hbar * (2 * math.pi * nu0) ** 2 / const.femto
    for key in ("Q_h", "Q_c", "Q_p", "Q_ind"):
        assert si[key] == pytest.approx(natural[key] * to_fW, rel=1e-9)
    assert si["ratio"] == pytest.approx(natural["ratio"], rel=1e-9)
    assert si["T_star"] == pytest.approx(natural["T_star"] * const.h * nu0 / const.k * 1e3)
    assert si["units"]["Q"] == "fW" and si["units"]["T"] == "mK"


def test_text_output(capsys):
    code, out, _ = run(capsys, "valve", "--N", 2, "--Th", 2, "--Tc", 0.5)
    assert code == 0
    assert "Q_h" in out and "J = 1 sector" in out


@pytest.mark.parametrize("argv,message", [
    (("--N", 2, "--Th", 1, "--Tc", 0.5, "--gamma-h", -1), "--gamma-h"),
    (("--N", 2, "--Th", -1, "--Tc", 0.5), "--Th"),
    (("--N", 0, "--Th", 1, "--Tc", 0.5), "--N"),
    (("--N", 9, "--Th", 1, "--Tc", 0.5, "--gamma-p", 0.1, "--Tp", 1, "--backend", "qutip"),
     "N <= 8"),
    (("--N", 100, "--Th", 1, "--Tc", 0.5, "--backend", "piqs"), "N <= 96"),
    (("--N", 4, "--Th", 1, "--Tc", 0.5, "--J", 1.5), "J must be one of"),
    (("--N", 4, "--Th", 1, "--Tc", 0.5, "--J", 1, "--gamma-p", 0.1, "--Tp", 1), "parasitic"),
    (("--N", 4, "--Th", 1, "--Tc", 0.5, "--gamma-p", 0.1), "T_p"),
    (("--N", 2, "--Th", 100, "--Tc", 50, "--si"), "--omega0"),
    (("--N", 2, "--Th", 1, "--Tc", 1, "--gamma-h", 0, "--gamma-c", 0), "gamma_h + gamma_c"),
])
def test_bad_input_exit_2(capsys, argv, message):
    code, out, err = run(capsys, "valve", *argv)
    assert code == 2
    assert message in err and out == ""


def test_unknown_backend_is_usage_error(capsys):
    with pytest.raises(SystemExit) as e:
        main(["valve", "--N", "2", "--Th", "1", "--Tc", "1", "--backend", "nope"])
    assert e.value.code == 2


def test_a_cut_lattice_is_reported(capsys):
    """A strong, hot parasitic bath: backend reduced solves J <= J_max only and says so, in
    the JSON and in the text; the probability it left out is below 1e-20."""
    argv = ("--N", 400, "--Th", 3.0, "--Tc", 1 / 3, "--gamma-p", 5.0, "--Tp", 3.0)
    rec = valve_json(capsys, *argv)
    assert rec["backend"] == "reduced"
    J_max = rec["lattice_cut_above_J"]
    assert 50 < J_max < 200 and 0.0 < rec["probability_at_cut"] <= 1e-20
    assert all(p == 0.0 for J, p in rec["P_J"].items() if float(J) > J_max)
    assert math.fsum(rec["P_J"].values()) == pytest.approx(1.0, abs=1e-12)
    code, out, _ = run(capsys, "valve", *argv)
    assert code == 0 and f"solved for J <= {J_max:g}" in out
    paper = valve_json(capsys, "--N", 400, "--Th", 3.0, "--Tc", 1 / 3, "--gamma-p", 1e-3,
                       "--Tp", 1 / 3)
    assert "lattice_cut_above_J" not in paper

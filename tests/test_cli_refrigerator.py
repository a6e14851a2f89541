"""``dickeheat refrigerator``: JSON shape, strictness, bad input (exit 2, parameter named)."""

from __future__ import annotations

import json

import pytest

from dickeheat.cli import main

KEYS = {"I_c", "I_h", "I_w", "S_c", "sigma", "tur", "cop", "cop_carnot", "cop_tur", "residual",
        "model", "N", "solve_seconds", "cooling"}
FIG2 = ("--beta-c", 2, "--beta-h", 1, "--beta-w", 1e-3)


def run(capsys, *argv):
    code = main(["refrigerator", *[str(a) for a in argv]])
    out = capsys.readouterr()
    return code, out.out, out.err


def as_json(capsys, *argv):
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out, parse_constant=lambda c: pytest.fail(f"non-strict JSON {c}"))


def test_help(capsys):
    with pytest.raises(SystemExit) as e:
        main(["refrigerator", "--help"])
    assert e.value.code == 0
    assert "--beta-w" in capsys.readouterr().out


def test_json_fig2_defaults(capsys):
    rec = as_json(capsys, "--N", 31, *FIG2)
    assert KEYS <= set(rec)
    assert rec["model"] == "full" and rec["N"] == 31 and rec["cooling"] is True
    assert abs(rec["I_c"] + rec["I_h"] + rec["I_w"]) < 1e-10 * rec["I_c"]
    assert rec["cop"] == pytest.approx(rec["I_c"] / rec["I_w"])
    assert rec["cop_carnot"] == pytest.approx(1.0)             # beta_h/(beta_c - beta_h)
    assert rec["cop"] <= rec["cop_tur"] <= rec["cop_carnot"]
    assert rec["tur"] >= 2.0
    assert rec["residual"] < 1e-12
    # the defaults are the Fig. 2 parameters
    explicit = as_json(capsys, "--N", 31, *FIG2, "--Omega", 1, "--eps-c", 2, "--eps-h", 6,
                       "--eps-w", 4, "--delta-c", 0.1, "--delta-h", 0.1, "--delta-w", 1e-3,
                       "--Gamma-c", 1, "--Gamma-h", 1, "--Gamma-w", 1)
    assert explicit["I_c"] == rec["I_c"] and explicit["S_c"] == rec["S_c"]


def test_text_output(capsys):
    code, out, _ = run(capsys, "--N", 11, *FIG2)
    assert code == 0 and "I_c" in out and "cooling: yes" in out


def test_reduced_and_infinite_temperature(capsys):
    rec = as_json(capsys, "--N", 31, "--beta-c", 2, "--beta-h", 1, "--beta-w", 0,
                  "--model", "reduced")
    assert rec["model"] == "reduced" and rec["cooling"]
    # the ideal three-level cycle: 2 Omega from the cold bath per 4 Omega of work
    assert rec["cop"] == pytest.approx(0.5, rel=1e-12)
    near = as_json(capsys, "--N", 31, "--beta-c", 2, "--beta-h", 1, "--beta-w", 1e-7,
                   "--model", "reduced")
    assert near["I_c"] == pytest.approx(rec["I_c"], rel=1e-5)
    assert near["S_c"] == pytest.approx(rec["S_c"], rel=1e-5)
    las = as_json(capsys, "--N", 31, "--beta-c", 2, "--beta-h", 1, "--beta-w", 0,
                  "--model", "reduced", "--laser", 1e9)
    assert las["I_c"] == pytest.approx(rec["I_c"], rel=1e-6)


def test_not_cooling_is_reported_as_such(capsys):
    rec = as_json(capsys, "--N", 31, "--beta-c", 5, "--beta-h", 1, "--beta-w", 1e-3)
    assert rec["cooling"] is False and rec["cop"] is None and rec["cop_tur"] is None
    assert rec["I_c"] < 0
    full_inf = as_json(capsys, "--N", 11, "--beta-c", 2, "--beta-h", 1, "--beta-w", 0)
    assert full_inf["cooling"] is False and full_inf["cop"] is None


def test_even_N_and_odd_parity(capsys):
    a = as_json(capsys, "--N", 31, *FIG2)
    b = as_json(capsys, "--N", 31, *FIG2, "--parity", "odd")
    assert b["I_c"] == pytest.approx(a["I_c"], rel=1e-12)
    even = as_json(capsys, "--N", 10, *FIG2, "--no-cop-bounds")
    assert even["cop_carnot"] is None and even["N"] == 10


@pytest.mark.parametrize("argv, needle", [
    (("--N", 1, *FIG2), "--N must be an integer in [2"),
    (("--N", 3, *FIG2, "--model", "reduced"), "--N: the reduced (three-level) model"),
    (("--N", 4, *FIG2, "--model", "reduced", "--parity", "odd"), "even N >= 6"),
    (("--N", 31, "--beta-c", 1, "--beta-h", 2, "--beta-w", 0), "--beta-c must be > --beta-h"),
    (("--N", 31, "--beta-c", 3, "--beta-h", 1, "--beta-w", 2), "--beta-w must be <= --beta-h"),
    (("--N", 31, "--beta-c", 0, "--beta-h", 1, "--beta-w", 0, "--no-cop-bounds"),
     "--beta-c must be > 0"),
    (("--N", 31, "--beta-c", 2, "--beta-h", 1, "--beta-w", -1), "--beta-w must be >= 0"),
    (("--N", 31, *FIG2, "--delta-w", 0), "--delta-w must be > 0"),
    (("--N", 31, *FIG2, "--delta-c", -0.1), "--delta-c must be > 0"),
    (("--N", 31, *FIG2, "--Gamma-h", -1), "--Gamma-h must be >= 0"),
    (("--N", 31, *FIG2, "--laser", -1), "--laser must be >= 0"),
    (("--N", 31, *FIG2, "--Omega", 0), "--Omega must be > 0"),
    (("--N", 31, "--beta-c", "nan", "--beta-h", 1, "--beta-w", 0), "--beta-c must be a finite"),
    (("--N", 31, *FIG2, "--eps-w", 5, "--laser", 1), "laser: no transition"),
])
def test_bad_input_exits_2(capsys, argv, needle):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert needle in err and "Traceback" not in err


def test_closed_forms_when_registered(capsys):
    from dickeheat.reproduce.kloc2021.common import reduced_limit

    closed = reduced_limit(31, Omega=1.0, beta_c=2.0, beta_h=1.0, Gamma_c=1.0, Gamma_h=1.0)
    if closed is None:
        pytest.skip("(G4)/(G5) not registered")
    rec = as_json(capsys, "--N", 31, "--beta-c", 2, "--beta-h", 1, "--beta-w", 0,
                  "--model", "reduced")
    assert rec["source"].startswith("closed forms")
    # closed forms against the counting statistics of the coarse-grained rate matrix
    assert rec["I_c"] == pytest.approx(rec["numeric"]["I_c"], rel=1e-10)
    assert rec["S_c"] == pytest.approx(rec["numeric"]["S_c"], rel=1e-10)
    # and at finite but high work temperature the numeric three-level model approaches them
    near = as_json(capsys, "--N", 31, "--beta-c", 2, "--beta-h", 1, "--beta-w", 1e-6,
                   "--model", "reduced")
    assert near["I_c"] == pytest.approx(rec["I_c"], rel=1e-4)
    assert near["source"].startswith("numeric")

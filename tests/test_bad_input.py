"""The bad-input harness: every verb, fed malformed, extreme and contradictory values.

Each case must exit with status 2, print a message on stderr that names the parameter, print
no traceback and no NaN, and write nothing. Every bug found in a campaign becomes a row here.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dickeheat.cli import main

CIRCUIT = ["--C-T", "80e-15", "--L-J", "20e-9", "--C-c-h", "0.8e-15", "--C-c-c", "0.5e-15",
           "--R-h", "800", "--R-c", "800", "--L", "1.6e-9", "--C", "1e-12"]


FRIDGE = ["--beta-c", "2", "--beta-h", "1", "--beta-w", "0.5"]
ENGINE = ["--E1", "1", "--E2", "10", "--beta1", "1", "--beta2", "0.1"]


def circuit(**change: str) -> list[str]:
    out = list(CIRCUIT)
    for flag, value in change.items():
        out[out.index("--" + flag.replace("_", "-"))+1] = value
    return ["circuit", *out]


#: (id, argv, text the error must contain)
CASES: list[tuple[str, list[str], str]] = [
    # list / show / verify / latex
    ("list unknown paper", ["list", "--paper", "nature2099"], "nature2099"),
    ("show unknown result", ["show", "andolina2024.gama"], "andolina2024.gama"),
    ("show unknown paper", ["show", "nobody.G"], "nobody"),
    ("verify unknown paper", ["verify", "--paper", "x"], "paper"),
    ("latex unknown paper", ["latex", "--paper", "x"], "paper"),
    ("latex empty out", ["latex", "--paper", "kamimura2023", "--out", ""], "--out"),
    ("latex out is a directory", ["latex", "--paper", "kamimura2023", "--out", "."], "--out"),
    ("latex out in a missing directory",
     ["latex", "--paper", "kamimura2023", "--out", "no/such/dir/x.tex"], "--out"),
    ("latex overwrite without out", ["latex", "--overwrite"], "--overwrite"),
    # circuit
    ("circuit huge capacitance", circuit(C_T="1e300"), "C_T"),
    ("circuit tiny capacitance", circuit(C_T="1e-40"), "C_T"),
    ("circuit NaN inductance", circuit(L_J="nan"), "L_J"),
    ("circuit infinite resistance", circuit(R_h="inf"), "R_h"),
    ("circuit negative resistor", circuit(R_c="-5"), "R_c"),
    ("circuit outside the transmon regime", circuit(L_J="1e-3"), "E_J/E_C"),
    ("circuit coupling larger than C_T", circuit(C_c_h="1e-13"), "C_c_h"),
    ("circuit not a number", circuit(C="one"), "--C"),
    # valve
    ("valve N zero", ["valve", "--N", "0", "--Th", "1", "--Tc", "0.3"], "N"),
    ("valve N not an integer", ["valve", "--N", "2.5", "--Th", "1", "--Tc", "0.3"], "--N"),
    ("valve negative temperature", ["valve", "--N", "2", "--Th", "-1", "--Tc", "0.3"], "T"),
    ("valve NaN rate", ["valve", "--N", "2", "--Th", "1", "--Tc", "0.3", "--gamma-h", "nan"],
     "gamma"),
    ("valve parasitic rate without temperature",
     ["valve", "--N", "2", "--Th", "1", "--Tc", "0.3", "--gamma-p", "0.1"], "T_p"),
    ("valve J not allowed", ["valve", "--N", "4", "--Th", "1", "--Tc", "0.3", "--J", "0.5"],
     "J"),
    ("valve unknown backend",
     ["valve", "--N", "2", "--Th", "1", "--Tc", "0.3", "--backend", "magic"], "backend"),
    ("valve si without omega0", ["valve", "--N", "2", "--Th", "50", "--Tc", "20", "--si"],
     "omega0"),
    # bounds
    ("bounds L zero", ["bounds", "--model", "superradiance", "--L", "0"], "L"),
    ("bounds m larger than L", ["bounds", "--model", "m-body", "--L", "3", "--m", "5"], "m"),
    ("bounds state not a Dicke state",
     ["bounds", "--model", "superradiance", "--L", "4", "--state", "M=7"], "state"),
    ("bounds unknown model", ["bounds", "--model", "laser", "--L", "4"], "--model"),
    # reproduce
    ("reproduce unknown figure", ["reproduce", "andolina2024-fig99"], "andolina2024-fig99"),
    ("reproduce no figure", ["reproduce"], "FIGURE"),
    ("reproduce bad version", ["reproduce", "andolina2024-fig7", "--version", "draft"],
     "--version"),
    ("reproduce json without list", ["reproduce", "andolina2024-fig7", "--json"], "--json"),
    # refrigerator
    ("refrigerator N too small", ["refrigerator", *FRIDGE, "--N", "0"], "--N"),
    ("refrigerator N beyond the verified range", ["refrigerator", *FRIDGE, "--N", "2000001"],
     "--N"),
    ("refrigerator negative width", ["refrigerator", *FRIDGE, "--N", "5", "--delta-c", "-0.1"],
     "--delta-c"),
    ("refrigerator negative rate", ["refrigerator", *FRIDGE, "--N", "5", "--Gamma-h", "-1"],
     "--Gamma-h"),
    ("refrigerator NaN temperature",
     ["refrigerator", "--beta-c", "nan", "--beta-h", "1", "--beta-w", "0.5", "--N", "5"],
     "--beta-c"),
    ("refrigerator beta ordering outside the cooling assumptions",
     ["refrigerator", "--beta-c", "0.5", "--beta-h", "1", "--beta-w", "0.1", "--N", "5"],
     "--beta-c"),
    ("refrigerator negative laser", ["refrigerator", *FRIDGE, "--N", "5", "--laser", "-1"],
     "--laser"),
    # engine
    ("engine E2 below E1", ["engine", "--N", "2", "--E1", "2", "--E2", "1", "--beta1", "1",
                            "--beta2", "0.1"], "--E2"),
    ("engine beta ordering", ["engine", "--N", "2", "--E1", "1", "--E2", "10", "--beta1", "0.1",
                              "--beta2", "1"], "--beta2"),
    ("engine negative rate", ["engine", *ENGINE, "--N", "2", "--Gamma0", "-1"], "--Gamma0"),
    ("engine NaN drive", ["engine", *ENGINE, "--N", "2", "--omega0", "nan"], "--omega0"),
    ("engine unsupported order", ["engine", *ENGINE, "--N", "2", "--method", "cumulant",
                                  "--order", "5"], "order"),
    ("engine N beyond memory", ["engine", *ENGINE, "--N", "100000"], "N = 100000"),
    ("engine cumulant order 0", ["engine", *ENGINE, "--N", "2", "--method", "cumulant",
                                 "--order", "0"], "--order"),
    ("engine cumulant without scaling", ["engine", *ENGINE, "--N", "2", "--method",
                                         "cumulant", "--scaling", "none"], "--scaling"),
    ("engine cumulant at T1 = 0", ["engine", *ENGINE, "--N", "2", "--method", "cumulant",
                                   "--beta1", "inf"], "--beta1"),
    # sweep
    ("sweep missing config", ["sweep", "no-such.toml", "--out", "x.nc"], "no-such.toml"),
]


def run(capsys, argv: list[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exit_:  # argparse usage errors
        code = int(exit_.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture()
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _assert_clean_refusal(code: int, out: str, err: str, must_name: str) -> None:
    assert code == 2, f"exit {code}; stderr: {err}"
    assert must_name.lower() in err.lower(), err
    assert "Traceback" not in err and "Traceback" not in out
    assert "nan" not in out.lower().split()


@pytest.mark.parametrize("argv, must_name", [(c[1], c[2]) for c in CASES],
                         ids=[c[0] for c in CASES])
def test_bad_input_is_refused_cleanly(argv, must_name, capsys, in_tmp):
    before = set(os.listdir(in_tmp))
    code, out, err = run(capsys, argv)
    _assert_clean_refusal(code, out, err, must_name)
    assert set(os.listdir(in_tmp)) == before, "a refused command wrote a file"


def test_every_verb_is_in_the_harness():
    from dickeheat.cli import VERBS

    covered = {c[1][0] for c in CASES}
    assert set(VERBS) <= covered, f"verbs without a bad-input case: {set(VERBS) - covered}"


def test_sweep_never_writes_over_its_config(capsys, in_tmp):
    cfg = in_tmp / "cfg.toml"
    cfg.write_text("[fixed]\nT_h = 1.0\nT_c = 0.3\n[grid]\nN = [1, 2]\n")
    code, out, err = run(capsys, ["sweep", str(cfg), "--out", str(cfg), "--processes", "1"])
    _assert_clean_refusal(code, out, err, "--out")
    assert cfg.read_text().startswith("[fixed]")


def test_sweep_never_writes_over_an_unrelated_file(capsys, in_tmp):
    cfg = in_tmp / "cfg.toml"
    cfg.write_text("[fixed]\nT_h = 1.0\nT_c = 0.3\n[grid]\nN = [1, 2]\n")
    notes = in_tmp / "notes.txt"
    notes.write_text("my notes")
    code, out, err = run(capsys, ["sweep", str(cfg), "--out", str(notes), "--processes", "1"])
    _assert_clean_refusal(code, out, err, "--out")
    assert notes.read_text() == "my notes"


@pytest.mark.parametrize("content", [b"\x00\x01\x02binary", b"[grid\nN = ", b""])
def test_sweep_config_that_is_not_toml(content, capsys, in_tmp):
    cfg = in_tmp / "cfg.toml"
    cfg.write_bytes(content)
    code, out, err = run(capsys, ["sweep", str(cfg), "--out", "x.nc", "--processes", "1"])
    _assert_clean_refusal(code, out, err, "cfg.toml")


def test_sweep_config_that_is_a_directory(capsys, in_tmp):
    (in_tmp / "d").mkdir()
    code, out, err = run(capsys, ["sweep", "d", "--out", "x.nc", "--processes", "1"])
    _assert_clean_refusal(code, out, err, "d")


_NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["nan", "inf", "-inf", "1e309", "-0", "0x10", "", " ", "1,5", "true"]),
)


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=_NUMBERS, flag=st.sampled_from(["--Th", "--Tc", "--gamma-h", "--gamma-c"]))
def test_valve_numbers_never_give_a_traceback_or_nan(value, flag, capsys):
    argv = {"--N": "2", "--Th": "1", "--Tc": "0.3"}
    argv[flag] = str(value)
    flat = ["valve", *[x for kv in argv.items() for x in kv], "--json"]
    code, out, err = run(capsys, flat)
    assert "Traceback" not in err
    if code == 0:
        assert "NaN" not in out and "Infinity" not in out
    else:
        assert code == 2 and err.strip(), err


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.floats(min_value=1e-40, max_value=1e40),
       flag=st.sampled_from(["C-T", "L-J", "R-h", "L", "C"]))
def test_circuit_numbers_give_a_number_in_regime_or_a_clear_error(value, flag, capsys):
    code, out, err = run(capsys, [*circuit(**{flag.replace("-", "_"): repr(value)}), "--json"])
    assert "Traceback" not in err
    if code == 0:
        import json

        record = json.loads(out)
        assert record["omega0"] > 0 and record["gamma_h"] > 0 and record["E_J_over_E_C"] >= 20
        assert all(not (isinstance(v, float) and not math.isfinite(v)) for v in record.values())
    else:
        assert code == 2 and err.strip()


@pytest.mark.parametrize("T", [1e-3, 1e-2, 1.0, 1e3, 6.5e16, 1e20])
def test_T_star_of_equal_temperatures_is_that_temperature(T):
    """Bugs found: T* = 0 at T_h = T_c = 1e-3 (occupations underflow), ZeroDivisionError at
    T_h = 6.5e16 (the rate ratio rounds to 1)."""
    from dickeheat.numeric.model import HeatValve

    assert HeatValve(N=2, T_h=T, T_c=T).T_star == pytest.approx(T, rel=1e-12)


def test_valve_at_very_low_temperature_reports_the_right_T_star(capsys):
    import json

    code, out, err = run(capsys, ["valve", "--N", "2", "--Th", "1e-3", "--Tc", "1e-3", "--json"])
    assert code == 0, err
    assert json.loads(out)["T_star"] == pytest.approx(1e-3, rel=1e-9)

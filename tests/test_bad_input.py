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


#: a valve that has a unique steady state (the noise rows below vary only the noise options)
_NOISY_VALVE = ["valve", "--N", "4", "--Th", "1", "--Tc", "0.3", "--gamma-p", "0.1", "--Tp", "0.3"]

#: (id, argv, text the error must contain)
CASES: list[tuple[str, list[str], str]] = [
    # list / show / verify / latex
    ("list unknown paper", ["list", "--paper", "nature2099"], "nature2099"),
    ("show unknown result", ["show", "andolina2024.gama"], "andolina2024.gama"),
    ("show unknown paper", ["show", "nobody.G"], "nobody"),
    # campaign 2: a bare paper key derived the whole paper before saying it is no result
    ("show a paper key without a result", ["show", "andolina2024"], "<paper>.<result>"),
    ("show a paper key with an empty result", ["show", "kloc2021."], "<paper>.<result>"),
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
    ("valve qutip cannot resolve a tiny parasitic rate",
     ["valve", "--N", "4", "--Th", "2", "--Tc", "1", "--Tp", "1", "--gamma-p", "1e-10",
      "--backend", "qutip"], "gamma_p"),
    ("valve reduced refuses an unresolvable rate ratio",
     ["valve", "--N", "20", "--Th", "2", "--Tc", "1", "--Tp", "1", "--gamma-p", "1e-14",
      "--backend", "reduced"], "gamma_p"),
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
    ("valve N beyond every backend with auto",
     ["valve", "--N", "30001", "--Th", "1", "--Tc", "0.3", "--gamma-p", "0.1", "--Tp", "0.3"],
     "backend 'auto' (which picks 'reduced'"),
    ("valve reduced with local dephasing beyond its N limit",
     ["valve", "--N", "30001", "--Th", "1", "--Tc", "0.3", "--gamma-phi", "0.1", "--backend",
      "reduced"], "N <= 30000"),
    ("valve N beyond piqs", ["valve", "--N", "97", "--Th", "1", "--Tc", "0.3", "--gamma-p",
                             "0.1", "--Tp", "0.3", "--backend", "piqs"], "N <= 96"),
    ("valve negative pumping",
     ["valve", "--N", "2", "--Th", "1", "--Tc", "0.3", "--gamma-pump", "-1"], "--gamma-pump"),
    ("valve NaN pumping",
     ["valve", "--N", "2", "--Th", "1", "--Tc", "0.3", "--gamma-pump", "nan"], "--gamma-pump"),
    ("valve pumping with a fixed J",
     ["valve", "--N", "4", "--Th", "1", "--Tc", "0.3", "--gamma-pump", "0.1", "--J", "1"],
     "--gamma-pump"),
    ("valve noise without a unique steady state",
     ["valve", "--N", "4", "--Th", "1", "--Tc", "0.3", "--noise"], "--gamma-p"),
    ("valve noise without a unique steady state (JSON)",
     ["valve", "--N", "4", "--Th", "1", "--Tc", "0.3", "--noise", "--json"], "--J"),
    ("valve noise log cut without noise",
     [*_NOISY_VALVE, "--noise-log-cut", "30"], "--noise"),
    ("valve noise log cut not a number",
     [*_NOISY_VALVE, "--noise", "--noise-log-cut", "deep"], "--noise-log-cut"),
    ("valve noise log cut NaN",
     [*_NOISY_VALVE, "--noise", "--noise-log-cut", "nan"], "[20, 700]"),
    ("valve noise log cut infinite",
     [*_NOISY_VALVE, "--noise", "--noise-log-cut", "inf", "--json"], "[20, 700]"),
    ("valve noise log cut below 20",
     [*_NOISY_VALVE, "--noise", "--noise-log-cut", "19.9"], "[20, 700]"),
    ("valve noise log cut above 700",
     [*_NOISY_VALVE, "--noise", "--noise-log-cut", "701"], "--noise-log-cut"),
    ("valve noise log cut negative in scientific notation",
     [*_NOISY_VALVE, "--noise", "--noise-log-cut", "-5e1"], "[20, 700]"),
    ("valve pumping in SI units negative",
     ["valve", "--N", "2", "--Th", "50", "--Tc", "20", "--si", "--omega0", "5",
      "--gamma-pump", "-0.001"], "--gamma-pump"),
    # bounds
    ("bounds L zero", ["bounds", "--model", "superradiance", "--L", "0"], "L"),
    ("bounds m larger than L", ["bounds", "--model", "m-body", "--L", "3", "--m", "5"], "m"),
    ("bounds state not a Dicke state",
     ["bounds", "--model", "superradiance", "--L", "4", "--state", "M=7"], "state"),
    ("bounds unknown model", ["bounds", "--model", "laser", "--L", "4"], "--model"),
    # campaign 2: options the chosen bath does not use were ignored even when invalid
    ("bounds negative T (white bath ignored it)",
     ["bounds", "--model", "m-body", "--L", "4", "--m", "2", "--T", "-1"], "--T"),
    ("bounds NaN T", ["bounds", "--model", "m-body", "--L", "4", "--m", "2", "--T", "nan"],
     "--T"),
    ("bounds negative kappa",
     ["bounds", "--model", "m-body", "--L", "4", "--m", "2", "--kappa", "-1"], "--kappa"),
    ("bounds zero Q", ["bounds", "--model", "m-body", "--L", "4", "--m", "2", "--Q", "0"],
     "--Q"),
    ("bounds negative strength named as the flag",
     ["bounds", "--model", "m-body", "--L", "4", "--m", "2", "--strength", "-1"], "--strength"),
    # campaign 2: a negative value in scientific notation was taken for an option
    ("circuit negative value in scientific notation", circuit(C_T="-1e-12"), "C_T"),
    ("circuit negative resistance in scientific notation", circuit(R_h="-8e2"), "R_h"),
    # reproduce
    ("reproduce unknown figure", ["reproduce", "andolina2024-fig99"], "andolina2024-fig99"),
    ("reproduce no figure", ["reproduce"], "FIGURE"),
    ("reproduce bad version", ["reproduce", "andolina2024-fig7", "--version", "draft"],
     "--version"),
    ("reproduce json without list", ["reproduce", "andolina2024-fig7", "--json"], "--json"),
    # campaign 2: --list silently ignored a FIGURE and the output options
    ("reproduce list with a figure", ["reproduce", "kloc2021-fig7", "--list"], "--list"),
    ("reproduce list with svg", ["reproduce", "--list", "--svg"], "--svg"),
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
    ("valve pumping not a number",
     ["valve", "--N", "2", "--Th", "1", "--Tc", "0.3", "--gamma-pump", "abc"], "--gamma-pump"),
    ("valve pumping infinite",
     ["valve", "--N", "2", "--Th", "1", "--Tc", "0.3", "--gamma-pump", "1e400"], "--gamma-pump"),
    # engine
    ("engine E2 below E1", ["engine", "--N", "2", "--E1", "2", "--E2", "1", "--beta1", "1",
                            "--beta2", "0.1"], "--E2"),
    ("engine beta ordering", ["engine", "--N", "2", "--E1", "1", "--E2", "10", "--beta1", "0.1",
                              "--beta2", "1"], "--beta2"),
    ("engine negative rate", ["engine", *ENGINE, "--N", "2", "--Gamma0", "-1"], "--Gamma0"),
    ("engine order with the exact method",
     ["engine", *ENGINE, "--N", "2", "--order", "-1"], "--order"),
    ("engine NaN drive", ["engine", *ENGINE, "--N", "2", "--omega0", "nan"], "--omega0"),
    ("engine N not an integer", ["engine", *ENGINE, "--N", "2.5"], "--N"),
    ("engine cumulant infinite drive", ["engine", *ENGINE, "--N", "2", "--method", "cumulant",
                                        "--omega0", "1e400"], "--omega0"),
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


# campaign 2: bytes that are not UTF-8 were a UnicodeDecodeError traceback
@pytest.mark.parametrize("content", [b"\x00\x01\x02binary", b"[grid\nN = ", b"",
                                     b"\x00\xff\xfe"])
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


def test_reproduce_refuses_an_existing_vector_file(capsys, in_tmp):
    """Campaign 2: the PDF written beside the PNG is an output too: not replaced silently."""
    pdf = in_tmp / "kloc2021-fig7.pdf"
    pdf.write_text("my pdf")
    code, out, err = run(capsys, ["reproduce", "kloc2021-fig7", "--fast"])
    _assert_clean_refusal(code, out, err, "--overwrite")
    assert pdf.read_text() == "my pdf" and not (in_tmp / "kloc2021-fig7.png").exists()


# -- the Python API (campaign 2) -----------------------------------------------------------

@pytest.mark.parametrize("change, name", [
    ({"N": "3"}, "N"), ({"N": None}, "N"), ({"N": float("nan")}, "N"),
    ({"T_h": "hot"}, "T_h"), ({"T_h": True}, "T_h"), ({"T_c": [1.0]}, "T_c"),
    ({"gamma_h": False}, "gamma_h"), ({"J": "1"}, "J"), ({"omega0": "1"}, "omega0"),
])
def test_heat_valve_rejects_wrong_types_naming_the_field(change, name):
    """``HeatValve(T_h="hot")`` was a bare ValueError, ``N="3"`` a TypeError, and
    ``T_h=True`` was accepted while ``N=True`` was rejected."""
    from dickeheat.errors import ParameterError
    from dickeheat.numeric.model import HeatValve

    with pytest.raises(ParameterError, match=name):
        HeatValve(**{"N": 2, "T_h": 1.0, "T_c": 0.5, **change})


@pytest.mark.parametrize("model", ["x", None, 3])
def test_steady_state_of_something_that_is_not_a_model(model):
    """``steady_state("x")`` was an AttributeError."""
    from dickeheat.errors import ParameterError
    from dickeheat.numeric.steady import steady_state

    with pytest.raises(ParameterError, match="HeatValve"):
        steady_state(model)


def test_python_sweep_does_not_replace_an_unrelated_file(in_tmp):
    """``sweep(..., out="notes.txt")`` from Python replaced the file with NetCDF."""
    from dickeheat.errors import ParameterError
    from dickeheat.numeric.steady import SteadyState
    from dickeheat.numeric.sweep import sweep

    def toy(model, *, backend):
        return SteadyState(model, backend, 1.0, -1.0, 0.0, 0.0, 0.0, {}, 0.0, 1.0, 0.0)

    notes = in_tmp / "notes.txt"
    notes.write_text("my notes")
    with pytest.raises(ParameterError, match="overwrite"):
        sweep({"N": [1]}, fixed={"T_h": 1.0, "T_c": 0.5}, out=notes, processes=1,
              progress=False, solver=toy)
    assert notes.read_text() == "my notes"
    ds = sweep({"N": [1]}, fixed={"T_h": 1.0, "T_c": 0.5}, out=notes, processes=1,
               progress=False, solver=toy, overwrite=True)
    assert float(ds.Q_h.sel(N=1)) == 1.0

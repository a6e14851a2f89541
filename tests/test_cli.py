"""The command line: verbs, JSON shapes, exit codes, errors."""

import json

import pytest

from dickeheat.cli import main

CIRCUIT = ["circuit", "--C-T", "80e-15", "--L-J", "20e-9", "--C-c-h", "0.8e-15", "--C-c-c",
           "0.5e-15", "--R-h", "800", "--R-c", "800", "--L", "1.6e-9", "--C", "1e-12"]


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def _verbs():
    import argparse

    from dickeheat.cli import build_parser

    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(sub.choices)


def test_help_on_every_verb(capsys):
    verbs = _verbs()
    assert {"list", "show", "verify", "circuit", "latex", "valve", "sweep"} <= set(verbs)
    for verb in verbs:
        with pytest.raises(SystemExit) as e:
            main([verb, "--help"])
        assert e.value.code == 0
        assert "usage" in capsys.readouterr().out


def test_list(capsys):
    code, out, _ = run(capsys, "list", "--paper", "andolina2024")
    assert code == 0
    assert "andolina2024.G " in out and "andolina2024.gamma " in out


def test_show_json(capsys):
    code, out, _ = run(capsys, "show", "andolina2024.G", "--json")
    assert code == 0
    rec = json.loads(out)
    for key in ("name", "paper", "equation", "latex", "args", "status", "discrepancy"):
        assert key in rec
    assert rec["status"] == "erratum" and rec["discrepancy"]["kind"] == "factor"


def test_show_text_with_steps(capsys):
    code, out, _ = run(capsys, "show", "andolina2024.gamma", "--steps")
    assert code == 0 and "step 1" in out


def test_verify_json(capsys):
    code, out, _ = run(capsys, "verify", "--paper", "andolina2024", "--json")
    records = json.loads(out)
    assert code == 0
    assert {r["status"] for r in records} <= {"agrees", "erratum", "derived"}
    for r in records:
        for key in ("name", "paper", "equation", "status", "discrepancy", "numeric_check"):
            assert key in r
    eqs = {r["name"]: r["equation"] for r in records}
    assert eqs["andolina2024.gamma"] == "B18 [published B19]"


def test_circuit_json(capsys):
    code, out, _ = run(capsys, *CIRCUIT, "--json")
    assert code == 0
    rec = json.loads(out)
    for key in ("omega0", "E_T", "Z_T", "G_h", "G_c", "quality_h", "quality_c", "gamma_h",
                "gamma_c"):
        assert isinstance(rec[key], float) and rec[key] > 0


@pytest.mark.parametrize("argv, needle", [
    (["show", "andolina2024.nope"], "unknown result"),
    (["show", "nopaper.G"], "unknown paper"),
    (["verify", "--paper", "nopaper"], "unknown paper"),
    (["list", "--paper", "nopaper"], "unknown paper"),
])
def test_unknown_names_exit_2(capsys, argv, needle):
    code, _, err = run(capsys, *argv)
    assert code == 2 and needle in err


@pytest.mark.parametrize("flag, value, needle", [
    ("--C-T", "0", "C_T"), ("--R-h", "-5", "R_h"), ("--C-c-h", "1e-13", "C_c_h"),
    ("--L", "0", "L"),
])
def test_circuit_bad_input(capsys, flag, value, needle):
    i = CIRCUIT.index(flag)
    argv = CIRCUIT[:i] + [f"{flag}={value}"] + CIRCUIT[i + 2:]  # "=" lets a value start with "-"
    code, _, err = run(capsys, *argv)
    assert code == 2 and needle in err


def test_unknown_option_is_rejected(capsys):
    with pytest.raises(SystemExit) as e:
        main(["verify", "--bogus"])
    assert e.value.code == 2


def test_latex_to_file_and_unwritable_out(capsys, tmp_path):
    out = tmp_path / "d.tex"
    code, _, _ = run(capsys, "latex", "--paper", "andolina2024", "--out", str(out))
    assert code == 0 and "\\begin{document}" in out.read_text()
    code, _, err = run(capsys, "latex", "--out", str(tmp_path / "missing" / "d.tex"))
    assert code == 2 and "--out" in err


# -- files are never lost -------------------------------------------------------------------
def test_latex_refuses_to_overwrite(tmp_path, capsys):
    target = tmp_path / "notes.tex"
    target.write_text("my notes")
    code = main(["latex", "--paper", "kamimura2023", "--out", str(target)])
    err = capsys.readouterr().err
    assert code == 2 and "--out" in err and "--overwrite" in err and "Traceback" not in err
    assert target.read_text() == "my notes"


def test_latex_overwrites_when_asked(tmp_path, capsys):
    target = tmp_path / "doc.tex"
    target.write_text("old")
    assert main(["latex", "--paper", "kamimura2023", "--out", str(target), "--overwrite"]) == 0
    assert target.read_text().startswith("\\documentclass")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("out", ["", "."])
def test_latex_bad_out_is_a_clear_error(out, capsys):
    code = main(["latex", "--paper", "kamimura2023", "--out", out])
    err = capsys.readouterr().err
    assert code == 2 and "--out" in err and "Traceback" not in err


def test_overwrite_without_out_is_refused(capsys):
    assert main(["latex", "--overwrite"]) == 2
    assert "--overwrite" in capsys.readouterr().err


def test_json_output_is_strict(capsys):
    from dickeheat.cli._common import print_json
    from dickeheat.errors import NumericalError

    with pytest.raises(NumericalError, match="not finite"):
        print_json({"Q": float("nan")})

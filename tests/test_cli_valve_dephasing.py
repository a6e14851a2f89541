"""``dickeheat valve --gamma-phi/--gamma-phi-c`` and the sweep keys ``gamma_phi``,
``gamma_phi_c``: results, and bad input (exit 2 naming the flag, no traceback)."""

from __future__ import annotations

import json

import pytest

from dickeheat.cli import main
from dickeheat.errors import ParameterError
from dickeheat.numeric.sweep_config import SweepConfig


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_help_lists_the_dephasing_flags(capsys):
    with pytest.raises(SystemExit):
        main(["valve", "--help"])
    text = capsys.readouterr().out
    assert "--gamma-phi " in text and "--gamma-phi-c" in text


def test_dephasing_reaches_every_backend_and_they_agree(capsys):
    recs = {}
    for backend in ("qutip", "reduced", "piqs"):
        code, out, err = run(capsys, "valve", "--N", 4, "--Th", 2, "--Tc", 0.5, "--gamma-phi",
                             0.3, "--gamma-phi-c", 0.2, "--backend", backend, "--json")
        assert code == 0, err
        recs[backend] = json.loads(out)
    assert recs["qutip"]["model"]["gamma_phi"] == 0.3
    assert recs["qutip"]["J_sector"] is None  # local dephasing couples the J sectors
    assert len(recs["qutip"]["P_J"]) == 3
    q = recs["qutip"]["Q_h"]
    assert abs(recs["reduced"]["Q_h"] - q) <= 1e-10 * abs(q)
    assert abs(recs["piqs"]["Q_h"] - q) <= 1e-3 * abs(q)


def test_text_output_with_dephasing(capsys):
    code, out, err = run(capsys, "valve", "--N", 3, "--Th", 2, "--Tc", 0.5, "--gamma-phi", 0.1)
    assert code == 0, err
    assert "Q_h" in out and "J^2 is conserved" not in out


@pytest.mark.parametrize("flag", ["--gamma-phi", "--gamma-phi-c"])
@pytest.mark.parametrize("bad", ["-0.1", "nan", "inf"])
def test_bad_dephasing_exits_2_naming_the_flag(capsys, flag, bad):
    code, out, err = run(capsys, "valve", "--N", 3, "--Th", 2, "--Tc", 0.5, flag, bad)
    assert code == 2
    assert flag in err and "Traceback" not in err and out == ""


def test_J_with_local_dephasing_exits_2(capsys):
    code, _, err = run(capsys, "valve", "--N", 4, "--Th", 2, "--Tc", 0.5, "--J", 1,
                       "--gamma-phi", 0.1)
    assert code == 2 and "--gamma-phi" in err


def test_si_dephasing_is_converted_like_the_other_rates(capsys):
    code, out, err = run(capsys, "valve", "--si", "--omega0", 4, "--N", 2, "--Th", 384,
                         "--Tc", 96, "--gamma-phi", 0.4, "--json")
    assert code == 0, err
    assert json.loads(out)["model"]["gamma_phi"] == pytest.approx(0.1, rel=1e-15)


def test_sweep_keys():
    cfg = SweepConfig(grid={"gamma_phi": [0.0, 0.2]}, fixed={"N": 3, "gamma_phi_c": 0.5})
    assert cfg.dims == ("gamma_phi",) and cfg.fixed["gamma_phi_c"] == 0.5
    for bad in (-1.0, float("nan"), float("inf")):
        with pytest.raises(ParameterError, match=r"grid\.gamma_phi\[1\]"):
            SweepConfig(grid={"gamma_phi": [0.1, bad]}, fixed={"N": 3})
        with pytest.raises(ParameterError, match=r"fixed\.gamma_phi_c"):
            SweepConfig(fixed={"N": 3, "gamma_phi_c": bad})
    with pytest.raises(ParameterError, match="gamma_phi"):
        SweepConfig(fixed={"N": 4, "J": 1, "gamma_phi": 0.1})

"""The circuit → model mapping refuses circuits outside the regime of its closed forms."""

import pytest

from dickeheat.cli import main
from dickeheat.errors import ParameterError
from dickeheat.reproduce.andolina2024.device import (
    MIN_EJ_OVER_EC,
    CircuitParameters,
    circuit_parameters,
)

GOOD = dict(C_T=80e-15, L_J=20e-9, C_c_h=0.8e-15, C_c_c=0.5e-15, R_h=800.0, R_c=800.0,
            L=1.6e-9, C=1e-12)


@pytest.mark.parametrize("field, value, match", [
    ("C_T", 1e300, "C_T"), ("C_T", 1e-30, "C_T"), ("R_h", 1e20, "R_h"), ("L", 5.0, "L"),
    ("L_J", float("nan"), "L_J"), ("C", -1e-12, "C"), ("R_c", True, "R_c"), ("L", "1e-9", "L"),
])
def test_elements_outside_their_range_are_refused(field, value, match):
    with pytest.raises(ParameterError, match=match):
        CircuitParameters(**{**GOOD, field: value})


def test_outside_the_transmon_regime_is_refused():
    with pytest.raises(ParameterError, match="transmon regime") as e:
        circuit_parameters(CircuitParameters(**{**GOOD, "L_J": 1e-3}))
    assert f"{MIN_EJ_OVER_EC:g}" in str(e.value)


def test_the_paper_like_circuit_is_in_the_regime():
    out = circuit_parameters(CircuitParameters(**GOOD))
    assert out["E_J_over_E_C"] > MIN_EJ_OVER_EC and out["omega0"] > 0 and out["gamma_h"] > 0


def test_cli_reports_the_regime_error_without_traceback(capsys):
    argv = ["circuit", "--C-T", "80e-15", "--L-J", "1e-3", "--C-c-h", "0.8e-15", "--C-c-c",
            "0.5e-15", "--R-h", "800", "--R-c", "800", "--L", "1.6e-9", "--C", "1e-12"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "E_J/E_C" in err and "Traceback" not in err

"""The circuit chain (Appendices A–B): each step, its comparison with the print, its check."""

import dataclasses
import math

import pytest
import sympy as sp

from dickeheat.derivations import registry
from dickeheat.derivations.andolina2024 import symbols as s
from dickeheat.derivations.andolina2024.bath import chain as bath_chain
from dickeheat.derivations.andolina2024.circuit import CircuitChain, chain

CIRCUIT_RESULTS = [
    # name, comparison kind expected from a derivation by hand
    ("charge", "agrees"), ("phidot", "dimension"), ("H", "term"), ("C_eff", "agrees"),
    ("L_J", "agrees"), ("E_T_harmonic", "agrees"), ("quartic", "agrees"), ("E_T", "agrees"),
    ("H_qubit", "agrees"), ("Q_qubit", "agrees"), ("phi_qubit", "sign"),
    ("Q_ladder", "agrees"), ("phi_ladder", "sign"),
    ("commutator", "dimension"), ("G", "factor"),
    ("Z_LC", "agrees"), ("re_Z", "agrees"), ("quality", "dimension"), ("linewidth", "dimension"),
    ("re_Z_lorentzian", "agrees"), ("structure_factor", "factor"), ("gamma", "factor"),
]


@pytest.fixture(scope="module")
def reg():
    return registry(("andolina2024",))


@pytest.mark.parametrize("name, kind", CIRCUIT_RESULTS)
def test_comparison_with_print(reg, name, kind):
    assert reg.get(f"andolina2024.{name}").compare().kind == kind


@pytest.mark.parametrize("name, ratio", [("G", 2), ("structure_factor", 2), ("gamma", 8)])
def test_factor_errata(reg, name, ratio):
    assert reg.get(f"andolina2024.{name}").compare().ratio == ratio


def test_a21_sign_of_coupling(reg):
    diff = reg.get("andolina2024.H").compare().difference
    expected = -2 * (s.C_ch * s.V_h + s.C_cc * s.V_c) * s.Q / s.C_T
    assert sp.simplify(diff - expected) == 0


@pytest.mark.parametrize("name", [n for n, _ in CIRCUIT_RESULTS] + ["G_exact", "gamma_circuit",
                                                                     "phidot_exact", "H_exact"])
def test_numeric_check_passes(reg, name):
    check = reg.get(f"andolina2024.{name}").run_check()
    assert check.passed, check


def test_chain_is_a_frozen_dataclass():
    c = chain()
    assert isinstance(c, CircuitChain)
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.G = 0  # type: ignore[misc]


def test_legendre_transform_exact_form():
    c = chain()
    c_sigma = s.C_T + s.C_ch + s.C_cc
    expected = ((s.Q + s.C_ch * s.V_h + s.C_cc * s.V_c) ** 2 / (2 * c_sigma)
                + s.phi**2 / (2 * s.L_J) - (s.C_ch * s.V_h**2 + s.C_cc * s.V_c**2) / 2)
    assert sp.simplify(c.H_exact - expected) == 0


def test_transmon_energies_by_hand():
    c = chain()
    assert sp.simplify(c.E_T - (sp.sqrt(8 * s.E_J * s.E_C) - s.E_C)) == 0
    assert c.anharmonicity == -s.E_C


def test_gamma_is_classical_t1():
    """γ(ω0) = ω0² C_c² Re Z(ω0)/C_T at ω0 = 1/sqrt(L_J C_T): the energy damping of an LC
    oscillator through C_c in series with Re Z (Re Y ≈ ω²C_c² Re Z, rate = Re Y/C)."""
    w0 = 1 / sp.sqrt(s.L_J * s.C_T)
    re_z = s.R / (1 + s.Qf**2 * (w0 / s.omega_LC - s.omega_LC / w0) ** 2)
    expr = bath_chain().gamma_circuit.subs({s.omega0: w0, s.Z_T: sp.sqrt(s.L_J / s.C_T)})
    assert sp.simplify(expr - w0**2 * s.C_c**2 * re_z / s.C_T) == 0


def test_quality_factor_is_rc_omega():
    assert sp.simplify(bath_chain().quality - s.R * s.C * s.omega_LC) == 0


def test_circuit_parameters_against_normal_modes():
    from dickeheat.reproduce.andolina2024.device import (
        CircuitParameters,
        circuit_parameters,
    )

    for cc in (0.8e-16, 0.8e-15):
        L = 20e-9 * 80e-15 / 1e-12
        out = circuit_parameters(CircuitParameters(C_T=80e-15, L_J=20e-9, C_c_h=cc, C_c_c=cc / 2,
                                                   R_h=800, R_c=800, L=L / 1.1**2, C=1e-12))
        assert out["normal_mode_rel_diff"] < 1e-2
        assert math.isclose(out["G_h_printed"] / out["G_h_first_order"], 2.0, rel_tol=1e-12)


def test_circuit_parameters_bad_input():
    from dickeheat.errors import ParameterError
    from dickeheat.reproduce.andolina2024.device import CircuitParameters

    good = {"C_T": 80e-15, "L_J": 20e-9, "C_c_h": 1e-15, "C_c_c": 1e-15, "R_h": 800,
            "R_c": 800, "L": 1e-9, "C": 1e-12}
    for key in good:
        with pytest.raises(ParameterError, match=key):
            CircuitParameters(**{**good, key: 0.0})
    with pytest.raises(ParameterError, match="C_c_h"):
        CircuitParameters(**{**good, "C_c_h": 1e-13})

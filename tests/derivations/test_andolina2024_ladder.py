"""Issue 11: the ladder forms derived by diagonalisation with the derived canonical pair, and
the E_T check that resolves the −E_C term."""

import dataclasses

import pytest
import sympy as sp
from sympy.physics.paulialgebra import Pauli

from dickeheat.derivations import registry
from dickeheat.derivations.andolina2024 import symbols as s
from dickeheat.derivations.andolina2024.circuit import chain


@pytest.fixture(scope="module")
def reg():
    return registry(("andolina2024",))


def test_one_sign_convention_through_the_chain():
    """The ladder forms reproduce the derived [Q, φ] = −iħ, not the printed +iħ."""
    c = chain()
    assert sp.simplify(c.commutator_ladder - c.commutator_QT_phiT) == 0
    assert sp.simplify(c.commutator_ladder + sp.I * s.hbar) == 0


def test_ladder_forms_diagonalise_the_harmonic_transmon():
    c = chain()
    m = c.harmonic_modes
    w = 1 / sp.sqrt(s.L_J * s.C_T)
    assert sp.simplify(m.omega - w) == 0
    assert m.convention.startswith("phase of b: p")


def test_phi_ladder_differs_from_a9_by_sign_only(reg):
    cmp = reg.get("andolina2024.phi_ladder").compare()
    assert cmp.kind == "sign"
    assert reg.get("andolina2024.Q_ladder").compare().kind == "agrees"
    assert reg.get("andolina2024.phi_qubit").compare().kind == "sign"


@pytest.mark.parametrize("name", ["E_T", "H_qubit"])
def test_missing_e_c_fails(reg, name):
    """A planted E_T without the −E_C term (the print's harmonic value) must fail."""
    r = reg.get(f"andolina2024.{name}")
    assert r.run_check().passed
    missing = s.E_C if name == "E_T" else s.E_C / 2 * (1 + Pauli(3))
    planted = dataclasses.replace(r, expr=sp.expand(r.expr + missing))
    check = planted.run_check()
    assert not check.passed, check


@pytest.mark.parametrize("name", ["Q_ladder", "phi_ladder", "Q_qubit", "phi_qubit"])
def test_printed_convention_fails_the_sign_sensitive_check(reg, name):
    """The printed forms (A8)+(A9) / (A15)+(A16) together give [Q, φ] = +iħ: put the printed
    φ in place of the derived one and the check, which measures Im⟨0|Q|1⟩⟨1|φ|0⟩, fails."""
    r = reg.get(f"andolina2024.{name}")
    if name.startswith("phi"):
        planted = dataclasses.replace(r, expr=r.printed)
        assert not planted.run_check().passed
    else:
        assert r.run_check().passed


def test_q_h_tp_cross_terms_derived_and_label(reg):
    """The N(N−1) cross terms ⟨σ+^(j)σ−^(k)⟩ are computed (zero), and the result is filed under
    the text's claim about (25), not the master equation (32)."""
    from dickeheat.derivations.andolina2024.parasitic import chain as pchain

    assert pchain().jpjm_cross == 0
    r = reg.get("andolina2024.Q_h_Tp_eq_Tstar")
    assert not r.equation.startswith("32")
    assert any("cross terms" in st.description for st in r.steps)


def test_gamma_2_normal_modes_reject_the_printed_eq37(reg):
    """The classical normal-mode check of γ_2 confirms the reported Eq. (37) erratum: the
    printed form (without the factor ω0^(2)/ω_LC) fails it, the derived one passes."""
    r = reg.get("andolina2024.gamma_2")
    assert r.run_check().passed
    assert not dataclasses.replace(r, expr=r.printed).run_check().passed


def test_bounds_are_proved_inequalities(reg):
    from dickeheat.symbolic.inequality import InequalityResult

    for name in ("Q_lim", "Q_max"):
        r = reg.get(f"andolina2024.{name}")
        assert isinstance(r, InequalityResult)
        assert r.verdict == "proved" and r.inequality.verify() == ("proved", ())


def test_max_minus_jz_derived():
    from dickeheat.derivations.andolina2024.collective import chain as cchain

    c = cchain()
    assert sp.simplify(c.max_minus_jz - s_heat().N / 2) == 0
    assert c.minus_jz_chain.verify()[0] == "proved"


def s_heat():
    from dickeheat.derivations.andolina2024 import heat_symbols

    return heat_symbols


def test_bound_chain_fails_without_its_hypothesis():
    """Drop the hypothesis n_h >= n_c (Δn of either sign): the '<=' step no longer verifies."""
    from dickeheat.derivations.andolina2024.collective import chain as cchain
    from dickeheat.symbolic.inequality import InequalityChain, Link

    c = cchain()
    dn = sp.Symbol("Delta_n", nonnegative=True)
    free = sp.Symbol("Delta_n_free", real=True)
    links = tuple(Link(lk.expr.subs(dn, free), lk.relation, lk.reason) for lk in c.lim_chain.links)
    assert InequalityChain(links).verify()[0] == "failed"
    reversed_links = (c.lim_chain.links[1], Link(c.lim_chain.links[0].expr, "<=", "wrong way"))
    assert InequalityChain(reversed_links).verify()[0] == "failed"

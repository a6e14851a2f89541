"""Kamimura et al. (PRL 131, 090401): derivations, comparison with the prints, numeric checks."""

import numpy as np
import pytest
import sympy as sp

from dickeheat.derivations import registry
from dickeheat.derivations.kamimura2023 import mbody, superradiance
from dickeheat.derivations.kamimura2023.symbols import (
    L,
    Omega,
    Xi,
    eta,
    g,
    gamma0,
    gamma_wn,
    m,
    omega_q,
)
from dickeheat.derivations.verify import verify_all


@pytest.fixture(scope="module")
def res():
    return {r.name: r for r in registry(("kamimura2023",))}


def test_registered_under_the_paper_key():
    reg = registry(("kamimura2023",))
    names = reg.names()
    for n in ("bound1", "bound2", "J_mbody", "J_superradiance", "superabsorption_gap",
              "gksl_equals_redfield"):
        assert f"kamimura2023.{n}" in names


@pytest.mark.parametrize("name", ["bound1", "bound2", "J_mbody", "J_superradiance",
                                  "dE_superradiance", "mbody_exponent"])
def test_agrees_with_the_print(res, name):
    assert res[f"kamimura2023.{name}"].status == "agrees"


def test_gksl_equals_redfield_is_derived_vs_derived(res):
    # the paper prints no formula: both sides are derivations, so the verdict is 'consistent'
    r = res["kamimura2023.gksl_equals_redfield"]
    assert r.printed_source == "derivation"
    assert r.status == "consistent"


def test_bounds_are_proved_inequalities_with_named_lemmas(res):
    for name, last in (("bound1", "commutator norm"),
                       ("bound2", "energy window (Eq. 13, Bernstein)")):
        r = res[f"kamimura2023.{name}"]
        assert r.verdict == "proved" and r.inequality.verify() == ("proved", ())
        names = [lem.name for lem in r.inequality.lemmas]
        assert "Hölder" in names and "triangle inequality" in names and names[-1] == last
        # norms render as \lVert A_1 \rVert, not ||A_{1||}
        assert r"\lVert A_{1} \rVert" in r.latex() and "||" not in r.latex()


def test_eq12_derived(res):
    r = res["kamimura2023.J_mbody"]
    assert sp.simplify(r.expr + gamma_wn * omega_q * L**2 * m / sp.binomial(L, m)) == 0
    # paper claim: for m = L the current is -γ_wn ω_q L³ (Θ(L³))
    assert sp.simplify(r.expr.subs(m, L) + gamma_wn * omega_q * L**3) == 0


def test_eq12_verified_exactly_for_every_m_and_L_up_to_8():
    ch = mbody.chain()
    assert ch.exact_mismatches == ()
    assert len(ch.exact_table) == 36
    for (Lv, mv), value in ch.exact_table.items():
        assert value == sp.Rational(-(Lv**2) * mv, sp.binomial(Lv, mv))


def test_exact_current_independent_of_the_formula():
    # L = 3, m = 2 by hand: A|⇑⟩ = κ(|↓↓↑⟩ + |↓↑↓⟩ + |↑↓↓⟩), κ = 3/3 = 1, energy drop 2ω
    # J = (c/2)<[A,[H,A]]> = -c κ² · 3 · 2ω  ->  -6 c g² ω
    assert mbody.exact_current(3, 2) == -6


def test_eq17_derived(res):
    r = res["kamimura2023.J_superradiance"]
    assert sp.simplify(r.expr + gamma0 * omega_q * (L + 1) ** 2 / 4) == 0
    J = res["kamimura2023.J_dicke"].expr
    syms = {s.name: s for s in J.free_symbols}
    # the fully excited state |J, J> emits like 2J = L independent qubits (no enhancement)
    full = J.subs({syms["M"]: syms["J"], syms["S_-"]: 0})
    assert sp.simplify(full + 2 * syms["J"] * g**2 * syms["S_+"] * omega_q) == 0
    # at M = 1/2 the same rate is enhanced to (L + 1)^2/4 (Eq. 17 before γ_0 = g² S_+)
    half = J.subs({syms["M"]: sp.Rational(1, 2), syms["J"]: L / 2, syms["S_-"]: 0})
    assert sp.simplify(half + g**2 * syms["S_+"] * omega_q * (L + 1) ** 2 / 4) == 0


def test_bound1_saturation_and_superradiance_ratio(res):
    ratio1 = res["kamimura2023.mbody_bound1_ratio"].expr
    assert sp.simplify(ratio1.subs(m, L)) == 1
    assert res["kamimura2023.superradiance_ratio_limit"].expr == eta / 4
    r2 = res["kamimura2023.superradiance_bound2_ratio"].expr
    assert sp.limit(r2.subs(eta, 1), L, sp.oo) == sp.Rational(1, 4)


def test_bound_scalings(res):
    b1 = res["kamimura2023.bound1_mbody"].expr
    b2 = res["kamimura2023.bound2_superradiance"].expr
    b2sa = res["kamimura2023.bound2_superabsorption"].expr
    for expr, p in ((b1, 3), (b2, 2), (b2sa, 3)):
        assert sp.limit(sp.log(expr) / sp.log(L), L, sp.oo) == p


def test_superabsorption_gap_erratum(res):
    r = res["kamimura2023.superabsorption_gap"]
    assert r.status == "erratum"
    c = r.compare()
    assert c.kind == "term"
    assert sp.simplify(c.difference - 2 * Omega * (L - 1)) == 0
    assert sp.simplify(res["kamimura2023.superabsorption_dE"].expr
                       - (omega_q + (L - 1) * Omega)) == 0


def test_bound2_superradiance_window(res):
    assert res["kamimura2023.dE_superradiance"].expr == omega_q
    assert sp.simplify(res["kamimura2023.bound2_superradiance"].expr
                       - 2 * Xi * omega_q * g**2 * L**2) == 0


def test_superradiance_chain_lamb_shift_cancels():
    ch = superradiance.chain()
    names = {s.name for s in ch.J_dicke.free_symbols}
    assert not any(n.startswith("Delta") for n in names)


def test_every_numeric_check_passes():
    records = verify_all(registry(("kamimura2023",)))
    failed = [(r.name, r.error, r.numeric_check) for r in records if r.failed]
    assert not failed
    assert all(r.numeric_check is not None for r in records)


@pytest.mark.slow
def test_valve_bound_hierarchy():
    from dickeheat.reproduce.kamimura2023.valve import valve_bounds_table

    rows = valve_bounds_table([1, 3, 6], [1.0, 4.0], steady_max_N=6)
    for row in rows:
        assert 0 < row["Q_h"] <= row["Q_lim"] + 1e-12 <= row["Q_max"] + 1e-12
        assert row["Q_max"] < row["bound2"] <= row["bound1"]
        # Ξ_h >= S_h(ω0)/2 = 2γ_h(1 + n_h) gives Bound 2/Q_max >= 2N(1 + n_h)/(n_h - n_c)
        n_h = 1 / np.expm1(1 / row["T_h"])
        n_c = 1 / np.expm1(1 / row["T_c"])
        assert row["bound2_over_Q_max"] >= 2 * row["N"] * (1 + n_h) / (n_h - n_c) - 1e-9

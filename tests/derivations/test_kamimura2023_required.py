"""The exact checks the Kamimura et al. chains require: a planted error in an ingredient of the
m-body or superabsorption derivation stops the chain (DickeheatError), and the derived objects
are what the general-L, general-m algebra gives."""

from collections import Counter

import pytest
import sympy as sp

from dickeheat.derivations.kamimura2023 import mbody, mbody_algebra, superradiance
from dickeheat.derivations.kamimura2023.symbols import L, Omega, g, m, omega_q
from dickeheat.errors import DickeheatError


@pytest.fixture
def fresh(monkeypatch):
    """Clear the chain caches before and after a planted run."""
    mbody.chain.cache_clear()
    superradiance.chain.cache_clear()
    yield monkeypatch
    monkeypatch.undo()
    mbody.chain.cache_clear()
    superradiance.chain.cache_clear()


def test_planted_ladder_factor_stops_the_mbody_chain(fresh):
    # ‖J_−^m|J,J⟩‖² twice too large: the expectation values, hence Eq. (12), are off by 2;
    # the exact 2^L current check inside the chain must stop it
    real = mbody_algebra.ladder_norm2
    fresh.setattr(mbody, "ladder_norm2", lambda J, mm: 2 * real(J, mm))
    with pytest.raises(DickeheatError, match="exact 2\\^L current"):
        mbody.chain()


def test_planted_spectrum_error_stops_the_mbody_chain(fresh):
    real = mbody_algebra.exact_spectrum

    def wrong(Lv, mv):
        out = Counter(real(Lv, mv))
        if Lv == 5 and mv == 3:  # one eigenvalue moved
            top = max(out)
            out[top] -= 1
            out[top + 2] += 1
        return out

    fresh.setattr(mbody, "exact_spectrum", wrong)
    with pytest.raises(DickeheatError, match="Krawtchouk spectrum"):
        mbody.chain()


def test_planted_multinomial_error_stops_the_mbody_chain(fresh):
    fresh.setattr(mbody, "nilpotent_multinomial",
                  lambda Lv, mv: sp.Symbol("x") if (Lv, mv) == (4, 2) else sp.S.Zero)
    with pytest.raises(DickeheatError, match="m! Σ_S"):
        mbody.chain()


def test_planted_negative_omega_stops_the_superabsorption_window(fresh):
    # with Ω < 0 the top gap is not the largest: the derivation of ΔE must refuse
    fresh.setattr(superradiance, "Omega", sp.Symbol("Omega", negative=True))
    with pytest.raises(DickeheatError, match="largest gap"):
        superradiance.chain()


def test_mbody_objects_for_general_L_and_m():
    ch = mbody.chain()
    kappa = g * L / sp.binomial(L, m)
    assert sp.simplify(ch.A_top_norm2 - kappa**2 * sp.binomial(L, m)) == 0
    aha, haa, aah = ch.expectations
    assert sp.simplify(aha - kappa**2 * sp.binomial(L, m) * omega_q * (L / 2 - m)) == 0
    assert sp.simplify(haa - aah) == 0
    assert ch.exact_mismatches == () and ch.spectrum_mismatches == ()
    assert ch.norm_A == g * L


def test_superabsorption_window_objects():
    ch = superradiance.chain()
    assert ch.gap_slope == 2 * Omega
    assert sp.simplify(ch.dE_sa - (omega_q + (L - 1) * Omega)) == 0
    assert sp.simplify(ch.gap_diff - 4 * omega_q * Omega * (L - 1)) == 0


def test_algebra_helpers_against_direct_counting():
    # K_m(k) from the Sum equals the generating-function coefficient; the spectrum sums to 2^L
    k = sp.Symbol("k", integer=True, nonnegative=True)
    for Lv, kv, mv in ((6, 2, 3), (7, 0, 7), (5, 5, 2)):
        K = mbody_algebra.krawtchouk(L, k, m).subs({L: Lv, k: kv, m: mv}).doit()
        assert K == mbody_algebra.krawtchouk_from_generating_function(Lv, kv, mv)
    assert sum(mbody_algebra.exact_spectrum(6, 3).values()) == 2**6
    assert mbody_algebra.nilpotent_multinomial(5, 3) == 0

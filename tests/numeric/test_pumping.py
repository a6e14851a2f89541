"""Local pumping γ_pump Σ_j D[σ_+^{(j)}] at its own rate: the same physics in every backend,
and the same coefficient as PIQS's ``pumping`` process."""

from __future__ import annotations

import numpy as np
import pytest
import qutip
from qutip import piqs

from dickeheat.numeric.accuracy import relative_error
from dickeheat.numeric.model import HeatValve
from dickeheat.numeric.piqs_backend import dicke_rates
from dickeheat.numeric.steady import steady_state

KEYS = ("Q_h", "Q_c", "Q_p", "Q_pump", "jz", "J2")


def _agree(a, b, tol):
    scale = max(abs(getattr(a, k)) for k in ("Q_h", "Q_c", "Q_pump"))
    for k in KEYS:
        err = abs(getattr(a, k) - getattr(b, k)) / max(scale, abs(getattr(b, k)))
        assert err < tol, (k, getattr(a, k), getattr(b, k))


def test_piqs_pumping_is_gamma_D_sigma_plus():
    """PIQS's pumping coefficient g gives g Σ_j D[σ_+^{(j)}]: at N = 1 its Lindbladian equals
    g · lindblad_dissipator(σ_+) (in PIQS's Dicke basis |1/2, m>, which for one qubit is the
    computational basis ordered m = +1/2, −1/2)."""
    g = 0.37
    L_piqs = piqs.Dicke(1, pumping=g).lindbladian().full()
    sp_ = qutip.Qobj(np.array([[0.0, 1.0], [0.0, 0.0]]))  # |m=+1/2><m=-1/2| in PIQS order
    L_ref = (g * qutip.lindblad_dissipator(sp_)).full()
    assert np.max(np.abs(L_piqs - L_ref)) < 1e-7 * g  # PIQS stores rates in single precision
    # a wrong convention (γ/2 or 2γ) is far outside that tolerance
    assert np.max(np.abs(L_piqs - 2 * L_ref)) > 0.1 * g
    assert dicke_rates(HeatValve(N=2, T_h=1, T_c=1, gamma_pump=g))["pumping"] == g


@pytest.mark.parametrize(("N", "params"), [
    (1, {"gamma_pump": 0.3}),
    (3, {"gamma_pump": 0.05}),
    (4, {"gamma_pump": 0.2, "gamma_p": 0.1, "T_p": 0.4}),
    (4, {"gamma_pump": 0.1, "gamma_phi": 0.2}),
])
def test_backends_agree_with_pumping(N, params):
    m = HeatValve(N=N, T_h=2.0, T_c=0.3, **params)
    full = steady_state(m, backend="qutip")
    red = steady_state(m, backend="reduced")
    pq = steady_state(m, backend="piqs")
    _agree(red, full, 1e-10)
    _agree(pq, full, 1e-5)  # PIQS's single-precision rates
    for s in (full, red, pq):
        assert abs(s.first_law) <= 1e-5 * abs(s.Q_pump)
        assert s.Q_pump > 0  # pumping only feeds energy in


def test_pumping_equals_a_negative_temperature_local_bath_limit():
    """Pumping alone on N = 1 with the collective baths: p_e = (Γ↑ + γ_pump)/(Γ↑ + Γ↓ +
    γ_pump), and Q_pump = ω γ_pump p_g (independent two-level closed form)."""
    m = HeatValve(N=1, T_h=2.0, T_c=0.3, gamma_pump=0.4)
    up = m.absorption_rate + m.gamma_pump
    pe = up / (up + m.emission_rate)
    s = steady_state(m, backend="qutip")
    assert relative_error(s.Q_pump, m.gamma_pump * (1 - pe)) < 1e-12
    assert relative_error(s.jz, pe - 0.5) < 1e-12


def test_reduced_at_large_N_with_pumping():
    m = HeatValve(N=200, T_h=3.0, T_c=1 / 3, gamma_p=0.001, T_p=1 / 3, gamma_pump=0.01)
    s = steady_state(m, backend="reduced")
    assert s.residual < 1e-8
    assert abs(s.first_law) < 1e-9 * abs(s.Q_h)
    assert abs(s.trace - 1) < 1e-12


def test_pumping_without_parasitic_bath_has_a_unique_state():
    m = HeatValve(N=5, T_h=2.0, T_c=0.3, gamma_pump=0.05)
    assert not m.conserves_J
    s = steady_state(m, backend="reduced")
    assert len(s.P_J) == 3 and abs(sum(s.P_J.values()) - 1) < 1e-12

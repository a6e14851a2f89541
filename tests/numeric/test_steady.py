"""The dispatcher ``steady_state``: backend selection, limits, and agreement of the backends."""

from __future__ import annotations

import pytest

from dickeheat.errors import ParameterError, UnknownNameError
from dickeheat.numeric import piqs_backend, qutip_backend, steady
from dickeheat.numeric.model import HeatValve
from dickeheat.numeric.steady import SteadyState, steady_state

MODEL = HeatValve(N=4, gamma_h=1.0, gamma_c=0.5, T_h=3.0, T_c=0.3, gamma_p=0.05, T_p=0.5)


@pytest.mark.parametrize("backend", ["qutip", "piqs"])
def test_backends_registered_and_agree(backend):
    assert backend in steady.BACKENDS
    exact = qutip_backend.solve(MODEL)
    ss = steady_state(MODEL, backend=backend)
    assert isinstance(ss, SteadyState) and ss.backend == backend
    assert ss.Q_h == pytest.approx(exact.Q_h, rel=piqs_backend.PIQS_REL_TOL)
    assert ss.J2 == pytest.approx(exact.J2, rel=piqs_backend.PIQS_REL_TOL)
    assert ss.first_law == pytest.approx(0.0, abs=piqs_backend.PIQS_REL_TOL * abs(ss.Q_h))


def test_auto_uses_full_space_for_small_N():
    assert steady_state(MODEL).backend == "qutip"


def test_backend_is_keyword_only_and_checked():
    with pytest.raises(TypeError):
        steady_state(MODEL, "qutip")  # type: ignore[misc]
    with pytest.raises(UnknownNameError, match="backend must be one of"):
        steady_state(MODEL, backend="nope")


def test_limits_are_stated():
    assert steady.max_N("qutip") == qutip_backend.MAX_N == 8
    assert steady.max_N("piqs") == piqs_backend.MAX_N == 96
    with pytest.raises(ParameterError, match="N <= 8"):
        steady_state(HeatValve(N=9, gamma_p=0.1, T_p=1.0), backend="qutip")
    with pytest.raises(ParameterError, match="N <= 96"):
        steady_state(HeatValve(N=97), backend="piqs")


def test_fixed_J_sector_exceeds_full_space_limit():
    """One spin-J sector is small: the qutip backend accepts N beyond MAX_N there."""
    model = HeatValve(N=16, T_h=3.0, T_c=0.3, J=8.0)
    ss = steady_state(model, backend="qutip")
    assert ss.P_J == {8.0: 1.0}
    assert ss.J2 == pytest.approx(72.0)
    with pytest.raises(ParameterError, match=f"N <= {qutip_backend.SECTOR_MAX_N}"):
        steady_state(HeatValve(N=qutip_backend.SECTOR_MAX_N + 1), backend="qutip")


def test_no_parasitic_bath_default_sector_is_visible():
    for backend in ("qutip", "piqs"):
        ss = steady_state(HeatValve(N=5, T_h=2.0, T_c=0.5), backend=backend)
        assert ss.P_J == pytest.approx({2.5: 1.0})

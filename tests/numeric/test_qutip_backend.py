"""The QuTiP backend: physics laws, the symmetric-sector reduction and hand-computed limits."""

from __future__ import annotations

import math

import numpy as np
import pytest
import qutip

from dickeheat.errors import ParameterError
from dickeheat.numeric import qutip_backend
from dickeheat.numeric.model import HeatValve
from dickeheat.numeric.operators import collective_ops, local_ops, sector_ops

PARASITIC = {"gamma_p": 0.05, "T_p": 0.3}

MODELS = [
    pytest.param(HeatValve(N=1, T_h=2.0, T_c=0.5), id="N1"),
    pytest.param(HeatValve(N=3, gamma_h=0.7, gamma_c=1.3, T_h=3.0, T_c=0.4), id="N3-sector"),
    pytest.param(HeatValve(N=4, T_h=1.0, T_c=1 / 3, J=1.0), id="N4-J1"),
    pytest.param(HeatValve(N=2, T_h=2.0, T_c=0.5, **PARASITIC), id="N2-parasitic"),
    pytest.param(HeatValve(N=4, gamma_h=0.4, gamma_c=1.0, T_h=5.0, T_c=0.2, **PARASITIC),
                 id="N4-parasitic"),
    pytest.param(HeatValve(N=5, T_h=0.8, T_c=0.3, gamma_p=0.2, T_p=2.0), id="N5-hot-parasitic"),
]


def bose(T: float) -> float:
    return 0.0 if T == 0 else 1.0 / math.expm1(1.0 / T)


@pytest.mark.parametrize("model", MODELS)
def test_first_law_trace_residual(model):
    ss = qutip_backend.solve(model)
    scale = abs(ss.Q_h) + abs(ss.Q_c) + abs(ss.Q_p)
    assert abs(ss.Q_h + ss.Q_c + ss.Q_p) < 1e-12 * max(scale, 1.0)
    assert ss.trace == pytest.approx(1.0, abs=1e-12)
    assert ss.residual < 1e-12
    assert ss.Q_h > 0 > ss.Q_c  # T_h > T_c
    assert sum(ss.P_J.values()) == pytest.approx(1.0, abs=1e-12)
    assert ss.J2 == pytest.approx(sum(J * (J + 1) * p for J, p in ss.P_J.items()), rel=1e-10)
    assert np.min(np.linalg.eigvalsh(ss.rho.full())) > -1e-12


def test_single_qubit_matches_rate_equation():
    """N = 1: p_e/p_g = Γ↑/Γ↓ with all three baths; Q_h = ω0 γ_h [n_h p_g − (1+n_h) p_e]."""
    g_h, g_c, g_p, T_h, T_c, T_p, w = 0.6, 1.1, 0.3, 2.5, 0.4, 0.9, 1.7
    model = HeatValve(N=1, omega0=w, gamma_h=g_h, gamma_c=g_c, T_h=T_h, T_c=T_c,
                      gamma_p=g_p, T_p=T_p)
    n = {k: 1.0 / math.expm1(w / T) for k, T in (("h", T_h), ("c", T_c), ("p", T_p))}
    g = {"h": g_h, "c": g_c, "p": g_p}
    up = sum(g[k] * n[k] for k in g)
    down = sum(g[k] * (1 + n[k]) for k in g)
    p_e = up / (up + down)
    p_g = 1 - p_e
    ss = qutip_backend.solve(model)
    for k, Q in (("h", ss.Q_h), ("c", ss.Q_c), ("p", ss.Q_p)):
        assert Q == pytest.approx(w * g[k] * (n[k] * p_g - (1 + n[k]) * p_e), rel=1e-12)
    assert ss.jz == pytest.approx((p_e - p_g) / 2, rel=1e-12)


@pytest.mark.parametrize("N", [1, 2, 3, 5])
def test_detailed_balance_sector_is_thermal(N):
    T = 0.7
    ss = qutip_backend.solve(HeatValve(N=N, gamma_h=0.3, gamma_c=2.0, T_h=T, T_c=T))
    assert abs(ss.Q_h) < 1e-12 and abs(ss.Q_c) < 1e-12
    thermal = (-sector_ops(N / 2).jz / T).expm()
    thermal = thermal / thermal.tr()
    assert (ss.rho - thermal).norm() < 1e-12


def test_detailed_balance_full_space_is_thermal():
    """All three baths at one temperature: the full-space Gibbs state, no current."""
    T = 0.9
    ss = qutip_backend.solve(HeatValve(N=3, T_h=T, T_c=T, gamma_p=0.1, T_p=T))
    assert max(abs(ss.Q_h), abs(ss.Q_c), abs(ss.Q_p)) < 1e-12
    gibbs = (-collective_ops(3).jz / T).expm()
    assert (ss.rho - gibbs / gibbs.tr()).norm() < 1e-12


@pytest.mark.parametrize("extra", [{}, PARASITIC], ids=["sector", "parasitic"])
def test_reversed_temperatures_reverse_the_current(extra):
    hot = qutip_backend.solve(HeatValve(N=3, T_h=2.0, T_c=0.5, **extra))
    swapped = qutip_backend.solve(HeatValve(N=3, T_h=0.5, T_c=2.0, **extra))
    assert swapped.Q_h < 0 < swapped.Q_c
    # equal couplings: exchanging the temperatures exchanges the roles of the two baths
    assert swapped.Q_h == pytest.approx(hot.Q_c, rel=1e-10)
    assert swapped.Q_c == pytest.approx(hot.Q_h, rel=1e-10)


@pytest.mark.parametrize("N", [2, 3, 4, 5])
def test_fixed_J_sector_equals_full_space_restricted(N):
    """jmat sector (dimension 2J+1) vs the 2^N-space Liouvillian on the span of Π_{N/2,m}."""
    model = HeatValve(N=N, gamma_h=0.8, gamma_c=1.2, T_h=2.5, T_c=0.3)
    sector = qutip_backend.solve(model)
    full = qutip_backend.solve_symmetric(model, J_values=[N / 2])
    assert full.rho.shape == (2**N, 2**N) and sector.rho.shape == (N + 1, N + 1)
    for attr in ("Q_h", "Q_c", "jz", "J2"):
        assert getattr(full, attr) == pytest.approx(getattr(sector, attr), rel=1e-10), attr
    assert full.P_J[N / 2] == pytest.approx(1.0, abs=1e-12)
    assert sector.P_J == {N / 2: 1.0}


def test_lower_sector_equals_full_space_restricted():
    """J = N/2 − 1 (a degenerate multiplet: 3 copies for N = 4)."""
    model = HeatValve(N=4, T_h=2.0, T_c=0.5, J=1.0)
    full = qutip_backend.solve_symmetric(model)
    sector = qutip_backend.solve(model)
    for attr in ("Q_h", "jz", "J2"):
        assert getattr(full, attr) == pytest.approx(getattr(sector, attr), rel=1e-10)


@pytest.mark.parametrize("N", [2, 3, 4])
def test_symmetric_reduction_equals_brute_force(N):
    model = HeatValve(N=N, gamma_h=1.0, gamma_c=0.6, T_h=4.0, T_c=0.25, gamma_p=0.07, T_p=0.5)
    fast = qutip_backend.solve(model)
    brute = qutip_backend.solve_direct(model)
    assert (fast.rho - brute.rho).norm() < 1e-10
    for attr in ("Q_h", "Q_c", "Q_p", "J2"):
        assert getattr(fast, attr) == pytest.approx(getattr(brute, attr), rel=1e-9)
    for J in brute.P_J:
        assert fast.P_J[J] == pytest.approx(brute.P_J[J], abs=1e-10)


def test_parasitic_state_spreads_over_sectors():
    ss = qutip_backend.solve(HeatValve(N=4, T_h=2.0, T_c=0.5, gamma_p=0.1, T_p=2.0))
    assert sorted(ss.P_J) == [0.0, 1.0, 2.0]
    assert all(p > 1e-3 for p in ss.P_J.values())


def test_no_parasitic_bath_uses_symmetric_sector():
    ss = qutip_backend.solve(HeatValve(N=6, T_h=2.0, T_c=0.5))
    assert ss.P_J == {3.0: 1.0}
    assert ss.J2 == pytest.approx(12.0, rel=1e-12)


def test_zero_temperature_ground_state():
    ss = qutip_backend.solve(HeatValve(N=3, T_h=0.0, T_c=0.0, gamma_p=0.1, T_p=0.0))
    assert ss.jz == pytest.approx(-1.5, abs=1e-12)
    assert ss.P_J[1.5] == pytest.approx(1.0, abs=1e-12)


def test_operators_conventions():
    sm, sp, sz = local_ops(2)
    ops = collective_ops(2)
    assert (sp[0] * sm[0] - (1 + sz[0]) / 2).norm() == 0
    assert (ops.jp * ops.jm - ops.jm * ops.jp - 2 * ops.jz).norm() < 1e-14
    assert (ops.j2 - (ops.jx * ops.jx + ops.jy * ops.jy + ops.jz * ops.jz)).norm() < 1e-14
    ground = qutip.tensor(qutip.basis(2, 1), qutip.basis(2, 1))
    assert qutip.expect(ops.jz, ground) == pytest.approx(-1.0)


def test_limits_and_bad_input():
    with pytest.raises(ParameterError, match="N <= 8"):
        qutip_backend.solve(HeatValve(N=9, gamma_p=0.1, T_p=1.0))
    with pytest.raises(ParameterError, match="parasitic"):
        qutip_backend.solve_sector(HeatValve(N=2, gamma_p=0.1, T_p=1.0), 1.0)
    with pytest.raises(ParameterError, match="J must be"):
        qutip_backend.solve_sector(HeatValve(N=2), 0.5)
    with pytest.raises(ParameterError, match="gamma_p"):
        qutip_backend.solve_direct(HeatValve(N=2))
    assert qutip_backend.max_N_for(HeatValve(N=2)) == qutip_backend.SECTOR_MAX_N
    assert qutip_backend.max_N_for(HeatValve(N=2, gamma_p=0.1, T_p=1.0)) == qutip_backend.MAX_N


def test_large_sector_is_cheap():
    ss = qutip_backend.solve(HeatValve(N=60, T_h=3.0, T_c=0.3))
    assert ss.P_J == {30.0: 1.0}
    assert abs(ss.first_law) < 1e-9 * abs(ss.Q_h)


@pytest.mark.slow
def test_largest_full_space():
    ss = qutip_backend.solve(HeatValve(N=qutip_backend.MAX_N, T_h=3.0, T_c=0.3, gamma_p=0.02,
                                       T_p=0.2))
    assert abs(ss.first_law) < 1e-10 * abs(ss.Q_h)
    assert sum(ss.P_J.values()) == pytest.approx(1.0, abs=1e-12)


@pytest.mark.parametrize("N", [2, 4])
def test_singlet_sector_is_dark(N):
    model = HeatValve(N=N, T_h=2.0, T_c=0.5, J=0.0)
    ss = qutip_backend.solve(model)
    assert ss.P_J == {0.0: 1.0} and ss.Q_h == 0.0 and ss.J2 == 0.0
    full = qutip_backend.solve_symmetric(model)
    assert abs(full.Q_h) < 1e-12 and full.P_J[0.0] == pytest.approx(1.0, abs=1e-12)

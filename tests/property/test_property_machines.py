"""Properties of the refrigerator's and the engine's steady states.

Refrigerator (:func:`dickeheat.numeric.spin_refrigerator.solve`, full and three-level models;
work bath thermal, at infinite temperature, or a laser):

* first law I_c + I_h + I_w = 0 where all three are computed from their own rates (a thermal
  work bath; for β_w = 0 and for the laser the solver *defines* I_w by the balance, so there is
  nothing to test);
* second law σ = −β_c I_c − β_h I_h − β_w I_w >= 0, recomputed from the currents;
* populations >= 0, summing to 1, and stationary under the generator rebuilt from the rates.

Engine (:func:`dickeheat.numeric.exchange_spins_observables.thermodynamics`, the charge-0 sector
solver):

* first law P = J1 + J2 (power from the exchange operator, heats from the dissipators);
* second law −β1 J1 − β2 J2 >= 0;
* every block ρ_M of the state Hermitian and positive, Σ_M Tr ρ_M = 1;
* sector solver vs the full (N+1)² space with QuTiP (N <= 3): the same P, J1, J2.

Comparisons are relative to the gross energy turnover of the baths (Σ rate × population ×
|energy jump|), the scale of the rounding of a net current that nearly cancels.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from property_support import (
    TOL,
    entropy_production,
    first_law_residual,
    log_uniform,
    record,
    relative_difference,
    state_defects,
    steer,
)
from test_property_rates import refrigerators

from dickeheat.numeric.exchange_spins import ExchangeCoupledSpins
from dickeheat.numeric.exchange_spins_observables import diagonal_expectations, thermodynamics
from dickeheat.numeric.exchange_spins_qutip import FullSpaceModel
from dickeheat.numeric.pauli import generator
from dickeheat.numeric.spin_refrigerator import jump_rates, solve

FAST, SLOW = 40, 2000
ENGINE_FAST, ENGINE_SLOW = 25, 1250


# -- refrigerator ------------------------------------------------------------------------------


def gross_turnover(W, E: np.ndarray, p: np.ndarray) -> float:
    """Σ_ab W_ab p_b |E_a − E_b| of one jump-rate matrix (0 for None)."""
    if W is None:
        return 0.0
    C = W.tocoo()
    return float(np.sum(C.data * p[C.col] * np.abs(E[C.row] - E[C.col])))


def check_refrigerator(m, reduced: bool) -> None:
    ss = solve(m, reduced=reduced)
    E, _labels, W = jump_rates(m, reduced=reduced)
    p = ss.populations
    gross = sum(gross_turnover(Wk, E, p) for Wk in W.values())
    where = f"{m!r} reduced={reduced}"
    # the state
    dtr, lowest, _ = state_defects(p)
    record("refrigerator populations min", lowest, sense="min", where=where)
    record("refrigerator populations max |sum-1|", dtr, sense="max", where=where)
    assert dtr <= 1e-12 and lowest >= -1e-12, (where, dtr, lowest)
    if W["w"] is not None:
        R = generator(*W.values()).toarray()
        flux = float(np.max(np.abs(np.diag(R)) * p))
        res = float(np.max(np.abs(R @ p))) / flux if flux > 0 else 0.0
        record("refrigerator balance max residual", res, sense="max", where=where)
        assert res <= 1e-8, (where, res)
    # first law, with an independently computed work current
    thermal_work = m.laser is None and m.work.beta > 0
    if thermal_work:
        r = first_law_residual([ss.I_c, ss.I_h, ss.I_w], max(gross, 1e-300))
        record("refrigerator first law max residual", r, sense="max", where=where)
        assert r <= TOL, (where, ss.I_c, ss.I_h, ss.I_w)
    # second law
    bw = m.work.beta if thermal_work else 0.0
    betas = [m.cold.beta, m.hot.beta, bw]
    sigma, size = entropy_production(betas, [ss.I_c, ss.I_h, ss.I_w])
    size = max(size, max(betas) * gross, 1e-300)
    assert abs(sigma - ss.sigma) <= 1e-9 * size, (where, sigma, ss.sigma)
    steer(-sigma / size, "-sigma/scale refrigerator")
    record(
        "refrigerator entropy production min sigma/scale", sigma / size, sense="min", where=where
    )
    assert sigma >= -TOL * size, (where, sigma, size)


@settings(max_examples=FAST)
@given(refrigerators())
def test_refrigerator_laws(case):
    check_refrigerator(*case)


@pytest.mark.slow
@settings(max_examples=SLOW)
@given(refrigerators(max_N=200))
def test_refrigerator_laws_slow(case):
    check_refrigerator(*case)


# -- engine ------------------------------------------------------------------------------------


@st.composite
def engines(draw, max_N: int = 6) -> tuple[ExchangeCoupledSpins, float, float]:
    """A random engine (thermal baths) and its two inverse temperatures."""
    beta = log_uniform(0.05, 20.0)
    b1, b2 = draw(beta), draw(beta)
    m = ExchangeCoupledSpins.thermal(
        N=draw(st.integers(1, max_N)),
        E1=draw(log_uniform(0.2, 3.0)),
        E2=draw(log_uniform(0.2, 5.0)),
        beta1=b1,
        beta2=b2,
        coupling=draw(st.one_of(st.just(0.0), log_uniform(1e-3, 2.0))),
        Gamma0=draw(log_uniform(1e-3, 1.0)),
    )
    return m, b1, b2


def engine_gross(m: ExchangeCoupledSpins, d: dict[str, float]) -> float:
    """E_i (γ↑ ⟨S−S+⟩ + γ↓ ⟨S+S−⟩) summed over the baths: the gross energy turnover."""
    return m.E1 * (m.up1 * d["mp1"] + m.down1 * d["pm1"]) + m.E2 * (
        m.up2 * d["mp2"] + m.down2 * d["pm2"]
    )


def check_engine(m: ExchangeCoupledSpins, beta1: float, beta2: float) -> None:
    th = thermodynamics(m, noise=False)
    ss = th.state
    gross = max(engine_gross(m, diagonal_expectations(ss)), 1e-300)
    where = repr(m)
    # the state, block by block (the q = 0 sector: ρ is block diagonal in M)
    lowest, herm, trace = np.inf, 0.0, 0.0
    for M in ss.layout.kets:
        block = ss.density_block(M)
        _, low, h = state_defects(block)
        lowest, herm = min(lowest, low), max(herm, h)
        trace += float(np.real(np.trace(block)))
    record("engine state min eigenvalue", lowest, sense="min", where=where)
    record("engine state max |tr-1|", abs(trace - 1), sense="max", where=where)
    assert abs(trace - 1) <= 1e-10 and lowest >= -1e-10 and herm <= 1e-10, (
        where,
        trace,
        lowest,
        herm,
    )
    # first law: the power the drive receives is the heat the baths deliver
    r = first_law_residual([th.P, -th.J1, -th.J2], gross)
    record("engine first law max residual", r, sense="max", where=where)
    assert r <= TOL, (where, th.P, th.J1, th.J2)
    # second law
    sigma, size = entropy_production([beta1, beta2], [th.J1, th.J2])
    size = max(size, max(beta1, beta2) * gross)
    steer(-sigma / size, "-sigma/scale engine")
    record("engine entropy production min sigma/scale", sigma / size, sense="min", where=where)
    assert sigma >= -TOL * size, (where, sigma, size)
    # sector solver vs the full space
    if m.N <= 3:
        fs = FullSpaceModel(m)
        rho = fs.steady_state()
        J1, J2 = fs.heat_currents(rho)
        diffs = [
            relative_difference(a, b, gross)
            for a, b in ((th.P, fs.power(rho)), (th.J1, J1), (th.J2, J2))
        ]
        record(
            "engine sector vs full space max rel. difference", max(diffs), sense="max", where=where
        )
        assert max(diffs) <= 1e-8, (where, diffs)


@settings(max_examples=ENGINE_FAST)
@given(engines())
def test_engine_laws(case):
    check_engine(*case)


@pytest.mark.slow
@settings(max_examples=ENGINE_SLOW)
@given(engines(max_N=10))
def test_engine_laws_slow(case):
    check_engine(*case)

"""The closed macroscopic equations of the driven engine (orders 1–3) with power and currents
per pair, and Appendix D (D1, D3–D5): statuses against the print, checks, planted errors."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import scipy.linalg

from dickeheat.derivations.dasilvasouza2022 import fluctuations, macroscopic
from dickeheat.errors import NumericalError
from dickeheat.symbolic.cumulants_numeric import gaussian_noise

# building the order-2 macroscopic results takes tens of seconds: those tests are slow
slow = pytest.mark.slow


@pytest.fixture(scope="module")
def order2():
    return {r.name.split(".")[1]: r for r in macroscopic.results_for((2,))}


@pytest.fixture(scope="module")
def appendix_d():
    return {r.name.split(".")[1]: r for r in fluctuations.results()}


def _planted(r, plant):
    return dataclasses.replace(r, expr=2 * r.expr if plant == "factor" else -r.expr)


@slow
@pytest.mark.parametrize("name", ["macro_rhs_order2", "macro_P_order2", "macro_J2_order2"])
def test_macro_checks_pass_and_catch_planted_errors(order2, name):
    r = order2[name]
    assert r.run_check().passed
    for plant in ("factor", "sign"):
        assert not _planted(r, plant).run_check().passed


@slow
def test_power_per_pair_is_the_exchange_current():
    p = macroscopic.observables(2)["P"]
    assert {str(s) for s in p.free_symbols} == {"E_1", "E_2", "omega_0", "Im<S1- S2+>"}


@slow
def test_appendix_d_statuses(appendix_d):
    assert appendix_d["eqD1"].status == "agrees"
    assert appendix_d["eqD3"].status == "agrees"
    for name in ("eqD4_m1", "eqD5_m1", "eqD4_m2", "eqD5_m2"):
        assert appendix_d[name].status == "erratum"          # the cloud labels of the print
        assert appendix_d[name].compare().kind == "term"


@slow
@pytest.mark.parametrize("name", ["eqD1", "eqD3", "eqD4_m1", "eqD5_m2"])
def test_appendix_d_checks_pass_and_catch_planted_errors(appendix_d, name):
    r = appendix_d[name]
    assert r.run_check().passed
    for plant in ("factor", "sign"):
        assert not _planted(r, plant).run_check().passed


@slow
def test_printed_d4_fails_the_regression_check(appendix_d):
    """The print's own-cloud drive coupling is refuted by the exact regression theorem."""
    r = appendix_d["eqD4_m1"]
    printed = dataclasses.replace(r, expr=r.printed,
                                  args=tuple(sorted(r.printed.free_symbols, key=str)))
    assert not printed.run_check().passed


def test_gaussian_noise_against_quadrature():
    rng = np.random.default_rng(3)
    A = rng.normal(size=(4, 4)) - 3 * np.eye(4)
    B = rng.normal(size=(4, 4))
    G0 = B @ B.T
    w = rng.normal(size=(4, 4))
    w = (w + w.T) / 2
    taus = np.linspace(0, 12, 6001)
    vals = []
    for t in taus:
        G = scipy.linalg.expm(A * t) @ G0
        vals.append(2 * np.trace(w @ G.T @ w @ G))      # Isserlis for <dp(0) dp(t)>
    direct = 2 * np.trapezoid(vals, taus)
    assert abs(gaussian_noise(A, G0, w) / direct - 1) < 1e-5
    with pytest.raises(NumericalError, match="not stable"):
        gaussian_noise(A + 10 * np.eye(4), G0, w)


@pytest.mark.slow
@pytest.mark.parametrize("order", [1, 3])
def test_other_orders_check_and_catch_planted_errors(order):
    for r in macroscopic.results_for((order,)):
        assert r.run_check().passed, r.name
        assert not _planted(r, "factor").run_check().passed, r.name

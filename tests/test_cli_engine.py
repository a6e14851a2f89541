"""The ``dickeheat engine`` verb: strict JSON, physics of the record, bad input exits 2."""

from __future__ import annotations

import json
import math

import pytest

from dickeheat.cli import main

BASE = ["engine", "--N", "3", "--E1", "1", "--E2", "2.5", "--beta1", "2", "--beta2", "0.3",
        "--omega0", "0.7", "--Gamma0", "0.4"]


def run(capsys, argv):
    rc = main(argv)
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_json_record(capsys):
    rc, out, err = run(capsys, [*BASE, "--json", "--counting"])
    assert rc == 0 and err == ""
    rec = json.loads(out, parse_constant=lambda c: pytest.fail(f"non-strict JSON {c}"))
    for key in ("P", "J1", "J2", "efficiency", "efficiency_carnot", "var_P", "constancy",
                "sigma", "gap", "mode", "method", "N", "residual", "solve_seconds"):
        assert key in rec
    assert rec["mode"] == "engine" and rec["method"] == "exact" and rec["N"] == 3
    assert math.isclose(rec["P"], rec["J1"] + rec["J2"], rel_tol=1e-9)
    # the efficiency is the ratio of splittings, below Carnot (Eqs. 18, 22)
    assert math.isclose(rec["efficiency"], 1 - 1 / 2.5, rel_tol=1e-8)
    assert math.isclose(rec["efficiency_carnot"], 1 - 0.3 / 2, rel_tol=1e-12)
    assert rec["sigma"] > 0 and rec["gap"] > 0 and rec["residual"] < 1e-10
    assert rec["var_P"] > 0 and rec["constancy"] > 0
    assert math.isclose(rec["var_P"], rec["var_P_counting"], rel_tol=1e-7)


def test_refrigerator_and_text_output(capsys):
    rc, out, _ = run(capsys, ["engine", "--N", "2", "--E1", "1", "--E2", "10", "--beta1",
                              "0.2", "--beta2", "0.0625", "--no-gap"])
    assert rc == 0 and "refrigerator" in out and "residual" in out


@pytest.mark.parametrize("extra, name", [
    (["--E2", "0.5"], "--E2"),
    (["--beta2", "3"], "--beta2"),
    (["--beta1", "-1"], "--beta1"),
    (["--Gamma0", "0"], "--Gamma0"),
    (["--N", "0"], "--N"),
    (["--N", "2000"], "N = 2000"),
    (["--method", "cumulant", "--order", "7"], "--order"),
    (["--method", "cumulant", "--order", "0"], "--order"),
    (["--method", "cumulant", "--scaling", "none"], "--scaling"),
    (["--method", "cumulant", "--beta1", "inf"], "--beta1"),
])
def test_bad_input_exits_2_without_traceback(capsys, tmp_path, monkeypatch, extra, name):
    monkeypatch.chdir(tmp_path)
    rc, out, err = run(capsys, [*BASE, *extra, "--json"])
    assert rc == 2 and out == ""
    assert name in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("argv", [
    ["--N", "20", "--E1", "1", "--E2", "10", "--beta1", "0.5", "--beta2", "0.05"],
    ["--N", "3", "--E1", "1", "--E2", "2", "--beta1", "1", "--beta2", "0.5"],
])
def test_zero_bias_point_is_neither_engine_nor_refrigerator(capsys, argv):
    """beta2 E2 = beta1 E1: no bias, the currents are rounding noise (once P ~ 1e-15 gave an
    'efficiency' of 0.08)."""
    rc, out, _ = run(capsys, ["engine", *argv, "--no-gap", "--json"])
    rec = json.loads(out)
    assert rc == 0 and rec["mode"] == "neither" and rec["efficiency"] is None
    assert abs(rec["P"]) < rec["mode_tolerance"] and rec["constancy"] is None


def test_mode_classification_tolerance_is_relative_to_the_current_scale():
    from dickeheat.cli.engine import classify_mode, mode_tolerance

    tol = mode_tolerance(10.0, residual=1e-14)
    assert tol == pytest.approx(1e-8)
    assert classify_mode(1e-15, 1e-15, 1e-14, tol) == "neither"
    assert classify_mode(1e-6, -1e-6, 2e-6, tol) == "engine"
    assert classify_mode(-1e-6, 1e-7, -1.1e-6, tol) == "refrigerator"
    assert mode_tolerance(1.0, residual=1e-6) == pytest.approx(1e-4)  # a poor solve resolves less


@pytest.fixture(scope="module")
def small_registry():
    """The results the cumulant method reads (order 2 only), built without the full paper."""
    from dickeheat.derivations.dasilvasouza2022 import fluctuations, macroscopic, thermo
    from dickeheat.symbolic.registry import Registry

    return Registry(thermo.results() + macroscopic.results_for((2,)) + fluctuations.results())


@pytest.mark.slow
def test_cumulant_method_approaches_exact_as_one_over_n(capsys, monkeypatch, small_registry):
    """--method cumulant (order 2, scaling (28)) against --method exact --scaling
    high-temperature: P_N/N approaches the closed limit as 1/N (7.9e-4, 3.9e-4, 2.0e-4 at
    N = 10, 20, 40) and the 1/N-extrapolated exact values differ from the closure by its
    error: P about 1 %, Var(P)/N² about 3 %, constancy about 4 %."""
    import dickeheat.derivations as D

    monkeypatch.setattr(D, "registry", lambda papers=None: small_registry)
    common = ["--E1", "1", "--E2", "2.5", "--beta1", "1.5", "--beta2", "0.4", "--omega0",
              "0.6", "--Gamma0", "1", "--json"]
    rc, out, _ = run(capsys, ["engine", "--N", "20", "--method", "cumulant", *common])
    cum = json.loads(out)
    assert rc == 0 and cum["method"] == "cumulant" and cum["order"] == 2
    for key in ("P", "J1", "J2", "efficiency", "efficiency_carnot", "var_P", "constancy",
                "sigma", "gap", "mode", "method", "N", "residual", "solve_seconds"):
        assert key in cum
    assert cum["mode"] == "engine" and cum["residual"] < 1e-10 and cum["gap"] > 0
    assert math.isclose(cum["efficiency"], 1 - 1 / 2.5, rel_tol=1e-9)       # (22)
    assert math.isclose(cum["P"], cum["J1"] + cum["J2"], rel_tol=1e-9)      # first law
    p_inf, v_inf = cum["P"] / 20, cum["var_P"] / 400
    exact = {}
    for N in (10, 20, 40):
        rc, out, _ = run(capsys, ["engine", "--N", str(N), "--scaling", "high-temperature",
                                  "--no-gap", *common])
        exact[N] = json.loads(out)
    dev = [abs(exact[N]["P"] / N - p_inf) for N in (10, 20, 40)]
    assert 1.7 < dev[0] / dev[1] < 2.3 and 1.7 < dev[1] / dev[2] < 2.3     # ∝ 1/N
    p_x = 2 * exact[40]["P"] / 40 - exact[20]["P"] / 20
    v_x = 2 * exact[40]["var_P"] / 1600 - exact[20]["var_P"] / 400
    assert abs(p_x / p_inf - 1) < 0.02
    assert abs(v_x / v_inf - 1) < 0.05
    c_x = 2 * exact[40]["constancy"] - exact[20]["constancy"]
    assert abs(cum["constancy"] / c_x - 1) < 0.06
    # the cumulant P scales with N at fixed unscaled parameters
    rc, out, _ = run(capsys, ["engine", "--N", "40", "--method", "cumulant", *common])
    assert math.isclose(json.loads(out)["P"], 2 * cum["P"], rel_tol=1e-9)


@pytest.mark.slow
def test_cumulant_order_without_fluctuations_says_why(monkeypatch):
    import dickeheat.derivations as D
    from dickeheat.cli.engine import cumulant_record
    from dickeheat.derivations.dasilvasouza2022 import macroscopic, thermo
    from dickeheat.symbolic.registry import Registry

    reg = Registry(thermo.results() + macroscopic.results_for((1,)))
    monkeypatch.setattr(D, "registry", lambda papers=None: reg)
    rec = cumulant_record(dict(N=10, E1=1.0, E2=2.5, beta1=1.5, beta2=0.4, coupling=0.6,
                               Gamma0=1.0), 1)
    assert rec["var_P"] is None and "order 1" in rec["var_P_note"]
    assert rec["constancy"] is None and rec["mode"] == "neither"   # mean field: no power

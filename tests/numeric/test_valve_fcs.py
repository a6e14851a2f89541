"""Full counting statistics of the valve's heat currents (``numeric.valve_fcs``) against two
independent routes: QuTiP's ``countstat_current_noise`` on the full 2^N Liouvillian (steady
state passed explicitly) and, at N = 1, the closed form of the two-level tilted generator
derived here with SymPy."""

from __future__ import annotations

import math

import numpy as np
import pytest
import qutip
import sympy as sp

from dickeheat.errors import NumericalError, ParameterError
from dickeheat.numeric.accuracy import relative_error
from dickeheat.numeric.model import HeatValve
from dickeheat.numeric.operators import bath_superoperators, collective_ops, sector_ops
from dickeheat.numeric.qutip_backend import solve as qutip_solve
from dickeheat.numeric.valve_fcs import valve_noise

TOL = 1e-8


def _qutip_fcs(model: HeatValve) -> dict[str, tuple[float, float]]:
    """(mean, noise) per bath from ``countstat_current_noise`` with rhoss passed."""
    ops = sector_ops(model.J) if model.J is not None else collective_ops(model.N)
    sup = bath_superoperators(model, ops)
    rho = qutip_solve(model).rho
    # the state handed to countstat_current_noise is checked: it must be the steady state of
    # the very Liouvillian given (without rhoss QuTiP's own steady state gave wrong means)
    vec = qutip.operator_to_vector(rho).full().ravel()
    assert np.linalg.norm(sup.L.full() @ vec) <= 1e-10 * np.linalg.norm(sup.L.full(), 1)
    w = model.omega0
    out = {}
    channels = {"h": [(model.gamma_h, model.n_h, [ops.jm])],
                "c": [(model.gamma_c, model.n_c, [ops.jm])],
                "p": [(model.gamma_p, model.n_p, list(ops.sm))]}
    for bath, specs in channels.items():
        c_ops, weights = [], []
        for g, n, lowers in specs:
            for low in lowers:
                if g * (1 + n) > 0:
                    c_ops.append(math.sqrt(g * (1 + n)) * low)
                    weights.append(-w)
                if g * n > 0:
                    c_ops.append(math.sqrt(g * n) * low.dag())
                    weights.append(w)
        if not c_ops:
            out[bath] = (0.0, 0.0)
            continue
        I, S, _ = qutip.countstat_current_noise(sup.L, c_ops, rhoss=rho)
        S = np.real(np.asarray(S))
        S = S[:, :, 0] if S.ndim == 3 else S
        wv = np.asarray(weights)
        out[bath] = (float(np.real(np.asarray(I)) @ wv), float(wv @ S @ wv))
    return out


def _compare(model: HeatValve, tol: float = TOL) -> float:
    fcs = valve_noise(model)
    ref = _qutip_fcs(model)
    worst = 0.0
    scale_Q = max(abs(ref[b][0]) for b in ref)
    scale_S = max(abs(ref[b][1]) for b in ref)
    for bath in ("h", "c", "p"):
        Q, S = getattr(fcs, f"Q_{bath}"), getattr(fcs, f"S_{bath}")
        worst = max(worst, abs(Q - ref[bath][0]) / scale_Q, abs(S - ref[bath][1]) / scale_S)
    assert worst < tol, (worst, fcs, ref)
    return worst


@pytest.mark.parametrize("N", [1, 2, 3])
def test_against_countstat_full_space(N):
    _compare(HeatValve(N=N, gamma_h=1.0, gamma_c=0.7, T_h=2.0, T_c=0.4, gamma_p=0.05, T_p=0.6))


@pytest.mark.parametrize("params", [
    {"T_h": 3.0, "T_c": 1 / 3, "gamma_p": 1e-3, "T_p": 1 / 3},  # the guide's cold regime
    {"T_h": 30.0, "T_c": 10.0, "gamma_p": 1e-3, "T_p": 10.0},  # the guide's hot regime
])
def test_against_countstat_weak_parasitic(params):
    """A weak parasitic bath: slow switching between J sectors makes the noise large."""
    _compare(HeatValve(N=3, **params))


def test_against_countstat_low_temperature_and_strong_parasitic():
    _compare(HeatValve(N=3, gamma_h=0.3, gamma_c=1.0, T_h=0.5, T_c=0.1, gamma_p=2.0, T_p=1.5))


def test_against_countstat_with_pumping_and_dephasing():
    _compare(HeatValve(N=3, T_h=1.5, T_c=0.3, gamma_p=0.1, T_p=0.5, gamma_pump=0.2,
                       gamma_phi=0.3, gamma_phi_c=0.4))


def test_against_countstat_fixed_J_sector():
    _compare(HeatValve(N=5, gamma_h=1.0, gamma_c=0.5, T_h=2.0, T_c=0.5, J=1.5))


@pytest.mark.slow
@pytest.mark.parametrize("N", [4, 5])
def test_against_countstat_full_space_slow(N):
    _compare(HeatValve(N=N, gamma_h=1.0, gamma_c=0.7, T_h=2.0, T_c=0.4, gamma_p=0.05, T_p=0.6))


def _closed_form_N1():
    """The N = 1 noise derived from the two-level tilted generator (SymPy).

    States (g, e); bath ν brings energy +ω on g → e (rate u_ν) and −ω on e → g (rate d_ν);
    u, d are the totals over every channel. λ(s) is the root of the characteristic polynomial
    with λ(0) = 0; its derivatives follow from implicit differentiation of det = 0.
    """
    s, lam, w = sp.symbols("s lambda omega", real=True)
    u, d, un, dn = sp.symbols("u d u_nu d_nu", positive=True)
    U = u + un * (sp.exp(s * w) - 1)
    D = d + dn * (sp.exp(-s * w) - 1)
    R = sp.Matrix([[-u, D], [U, -d]])
    char = (R - lam * sp.eye(2)).det()
    # λ(s) = l1 s + l2 s²/2 + O(s³): substitute and match orders
    l1, l2 = sp.symbols("l1 l2")
    series = sp.series(char.subs(lam, l1 * s + l2 * s**2 / 2), s, 0, 3).removeO()
    sol1 = sp.solve(sp.expand(series).coeff(s, 1), l1)[0]
    sol2 = sp.solve(sp.expand(series).coeff(s, 2).subs(l1, sol1), l2)[0]
    return sp.lambdify((u, d, un, dn, w), [sp.simplify(sol1), sp.simplify(sol2)])


def test_N1_closed_form():
    f = _closed_form_N1()
    for m in (HeatValve(N=1, gamma_h=1.0, gamma_c=0.7, T_h=2.0, T_c=0.4, gamma_p=0.05, T_p=0.6),
              HeatValve(N=1, gamma_h=0.2, gamma_c=3.0, T_h=0.3, T_c=5.0, gamma_p=1.0, T_p=0.1),
              HeatValve(N=1, gamma_h=1.0, gamma_c=1.0, T_h=4.0, T_c=0.2, gamma_pump=0.3,
                        gamma_p=0.1, T_p=0.2)):
        rates = {"h": (m.gamma_h * m.n_h, m.gamma_h * (1 + m.n_h)),
                 "c": (m.gamma_c * m.n_c, m.gamma_c * (1 + m.n_c)),
                 "p": (m.gamma_p * m.n_p, m.gamma_p * (1 + m.n_p))}
        u = sum(r[0] for r in rates.values()) + m.gamma_pump
        d = sum(r[1] for r in rates.values())
        fcs = valve_noise(m)
        for bath, (un, dn) in rates.items():
            c1, c2 = f(u, d, un, dn, m.omega0)
            assert relative_error(getattr(fcs, f"Q_{bath}"), c1) < 1e-12 or abs(c1) < 1e-15
            assert relative_error(getattr(fcs, f"S_{bath}"), c2) < 1e-12


def test_N1_closed_form_detects_planted_error():
    """The comparison can fail: a noise without the correlation term (Poisson shot noise
    ω²(u_ν p_g + d_ν p_e)) misses the Drazin part and is off by far more than the tolerance."""
    m = HeatValve(N=1, gamma_h=1.0, gamma_c=0.7, T_h=2.0, T_c=0.4, gamma_p=0.05, T_p=0.6)
    fcs = valve_noise(m)
    u = m.gamma_h * m.n_h + m.gamma_c * m.n_c + m.gamma_p * m.n_p
    d = m.gamma_h * (1 + m.n_h) + m.gamma_c * (1 + m.n_c) + m.gamma_p * (1 + m.n_p)
    pg, pe = d / (u + d), u / (u + d)
    shot = m.gamma_h * m.n_h * pg + m.gamma_h * (1 + m.n_h) * pe
    assert relative_error(fcs.S_h, shot) > 1e-3
    f = _closed_form_N1()
    _, c2 = f(u, d, m.gamma_h * m.n_h, m.gamma_h * (1 + m.n_h), m.omega0)
    assert relative_error(fcs.S_h, 2 * c2) > 0.1


def test_countstat_comparison_detects_planted_error():
    """A wrong sign of one increment (absorptions counted as −ω) must fail the comparison."""
    m = HeatValve(N=2, T_h=2.0, T_c=0.4, gamma_p=0.05, T_p=0.6)
    ref = _qutip_fcs(m)
    fcs = valve_noise(m)
    assert relative_error(fcs.S_h, ref["h"][1]) < TOL
    wrong = dataclass_like_noise_with_sign_flip(m)
    assert relative_error(wrong, ref["h"][1]) > 1e-3


def dataclass_like_noise_with_sign_flip(m: HeatValve) -> float:
    """S_h with every increment counted as −ω: the total number of hot jumps times ω²."""
    ops = collective_ops(m.N)
    sup = bath_superoperators(m, ops)
    rho = qutip_solve(m).rho
    c_ops = [math.sqrt(m.gamma_h * (1 + m.n_h)) * ops.jm, math.sqrt(m.gamma_h * m.n_h) * ops.jp]
    _, S, _ = qutip.countstat_current_noise(sup.L, c_ops, rhoss=rho)
    S = np.real(np.asarray(S))
    S = S[:, :, 0] if S.ndim == 3 else S
    return float(np.sum(S))


def test_truncation_is_harmless():
    m = HeatValve(N=40, gamma_h=1.0, gamma_c=1.0, T_h=0.5, T_c=0.15, gamma_p=0.01, T_p=0.15)
    cut = valve_noise(m, log_cut=40.0)
    full = valve_noise(m, log_cut=700.0)
    assert cut.levels < full.levels
    for key in ("Q_h", "Q_c", "Q_p", "S_h", "S_c", "S_p"):
        assert relative_error(getattr(cut, key), getattr(full, key)) < 1e-10, key


def test_first_law_and_tur_on_a_grid():
    for N in (2, 7, 30):
        for T_h, T_c in ((3.0, 0.3), (0.4, 0.1), (20.0, 10.0)):
            m = HeatValve(N=N, T_h=T_h, T_c=T_c, gamma_p=0.02, T_p=T_c)
            f = valve_noise(m)
            scale = abs(f.Q_h) + abs(f.Q_c) + abs(f.Q_p)
            assert abs(f.Q_h + f.Q_c + f.Q_p) <= 1e-9 * scale
            assert f.sigma is not None and f.sigma > 0
            assert f.tur_h is not None and f.tur_h >= 2.0
            assert min(f.S_h, f.S_c, f.S_p) >= 0


def test_means_agree_with_the_steady_state_solvers():
    from dickeheat.numeric.steady import steady_state

    m = HeatValve(N=12, T_h=2.0, T_c=0.5, gamma_p=0.05, T_p=0.5, gamma_pump=0.01)
    f = valve_noise(m)
    ss = steady_state(m, backend="reduced")
    for key in ("Q_h", "Q_c", "Q_p", "Q_pump"):
        assert relative_error(getattr(f, key), getattr(ss, key)) < 1e-9, key
    assert f.sigma is None and f.tur_h is None and "pumping" in f.note


def test_non_unique_steady_state_is_refused():
    with pytest.raises(ParameterError, match="gamma_p.*J"):
        valve_noise(HeatValve(N=4, T_h=2.0, T_c=0.5))


def test_bad_log_cut():
    m = HeatValve(N=2, T_h=2.0, T_c=0.5, gamma_p=0.1, T_p=0.5)
    with pytest.raises(ParameterError, match="log_cut"):
        valve_noise(m, log_cut=1.0)
    with pytest.raises(ParameterError, match="model"):
        valve_noise("x")  # type: ignore[arg-type]


def test_zero_temperature_sigma_undefined():
    m = HeatValve(N=3, T_h=2.0, T_c=0.0, gamma_p=0.1, T_p=0.5)
    f = valve_noise(m)
    assert f.sigma is None and f.tur_h is None and "T = 0" in f.note


def test_tur_violation_raises(monkeypatch):
    """The TUR self-check can fire: halve the noise and the ratio of a near-equilibrium
    valve drops below 2."""
    import dickeheat.numeric.valve_fcs as vf

    m = HeatValve(N=2, T_h=1.05, T_c=1.0, gamma_p=0.01, T_p=1.0)
    Q = {"h": 1e-2, "c": -1e-2, "p": 0.0}
    flux = {"h": 1.0, "c": 1.0, "p": 0.0}
    S = {"h": 2 * 1e-2 / (1 / 1.0 - 1 / 1.05), "c": 0.0, "p": 0.0}
    assert vf._entropy(m, Q, S, flux)[1] == pytest.approx(2.0, rel=1e-12)  # at the bound
    S["h"] *= 0.5
    with pytest.raises(NumericalError, match="TUR"):
        vf._entropy(m, Q, S, flux)


@pytest.mark.parametrize("dT", [1e-3, 1e-6, 1e-9, 1e-12, 1e-15])
def test_near_equilibrium_sigma_does_not_cancel(dT):
    """σ from inverse-temperature differences: the TUR ratio approaches 2 from above as the
    bias vanishes (linear response saturates the bound only with one current; here it stays
    above 2) instead of being ruined by rounding of the large opposite currents."""
    m = HeatValve(N=3, T_h=1 + dT, T_c=1.0, gamma_p=0.1, T_p=1.0 + dT / 2)
    f = valve_noise(m)
    assert f.sigma is not None and f.sigma >= 0
    if f.tur_h is not None:
        assert 2.0 <= f.tur_h < 3.0
        linear = valve_noise(HeatValve(N=3, T_h=1.001, T_c=1.0, gamma_p=0.1, T_p=1.0005))
        assert f.tur_h == pytest.approx(linear.tur_h, rel=0.05)


def test_too_many_levels_is_a_clear_error(monkeypatch):
    import dickeheat.numeric.valve_fcs as vf

    monkeypatch.setattr(vf, "MAX_LEVELS", 10)
    with pytest.raises(ParameterError, match="Dicke levels.*lower N"):
        vf.valve_noise(HeatValve(N=8, T_h=2.0, T_c=0.5, gamma_p=0.1, T_p=0.5))


def test_too_many_levels_names_every_way_out_and_a_cut_that_fits(monkeypatch):
    """The refusal names the CLI flag, the Python keyword and the sweep key, the number of
    levels kept, and the largest cut that fits; that cut is then accepted."""
    import re

    import dickeheat.numeric.valve_fcs as vf

    m = HeatValve(N=40, T_h=3.0, T_c=0.3, gamma_p=0.01, T_p=0.3)
    kept = {c: valve_noise(m, log_cut=c).levels for c in (20.0, 50.0)}
    monkeypatch.setattr(vf, "MAX_LEVELS", (kept[20.0] + kept[50.0]) // 2)
    with pytest.raises(ParameterError) as err:
        vf.valve_noise(m)
    text = str(err.value)
    for part in ("--noise-log-cut", "log_cut=", "noise_log_cut", f"keep {kept[50.0]} Dicke",
                 "[20, 700]", "lower N"):
        assert part in text, (part, text)
    fits = float(re.search(r"a cut below ([0-9.]+)", text).group(1))
    assert 20.0 < fits < 50.0
    f = vf.valve_noise(m, log_cut=fits - 0.01)
    assert f.levels <= vf.MAX_LEVELS and f.log_cut == fits - 0.01
    with pytest.raises(ParameterError, match="Dicke levels"):
        vf.valve_noise(m, log_cut=fits + 0.2)  # the hint is the largest cut, to 0.1
    monkeypatch.setattr(vf, "MAX_LEVELS", kept[20.0] - 1)
    with pytest.raises(ParameterError, match="even the lowest cut, 20, keeps more"):
        vf.valve_noise(m, log_cut=20.0)


@pytest.mark.parametrize("bad", [19.99, 700.5, math.nan, math.inf, "30", None, True])
def test_bad_log_cut_values_name_the_range(bad):
    m = HeatValve(N=2, T_h=2.0, T_c=0.5, gamma_p=0.1, T_p=0.5)
    with pytest.raises(ParameterError, match=r"log_cut must be a number in \[20, 700\]"):
        valve_noise(m, log_cut=bad)


def test_steady_state_with_noise_passes_log_cut():
    from dickeheat.numeric.valve_fcs import steady_state_with_noise

    m = HeatValve(N=40, T_h=3.0, T_c=0.3, gamma_p=0.01, T_p=0.3)
    ss = steady_state_with_noise(m, log_cut=20.0)
    assert ss.S_h == valve_noise(m, log_cut=20.0).S_h
    assert ss.S_h != valve_noise(m, log_cut=100.0).S_h  # the cut did reach the computation

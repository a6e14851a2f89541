"""Checks of the Sec. III–IV results against exact QuTiP steady states of (5) for N = 1–3.

Each check evaluates the registered closed form (``result.numpy_function`` in ``result.args``
order) on numbers computed without the symbolic chain: Tr[O ρ] of QuTiP states, Tr[H₀D_i(ρ)]
with QuTiP dissipators, a finite-difference dV/dt moved to the interaction picture with a
matrix exponential, and zero-power points of the exact N = 1 engine found with ``brentq``.
"""

from __future__ import annotations

import functools

import numpy as np
import qutip
import scipy.linalg
from scipy.optimize import brentq

from dickeheat.derivations.dasilvasouza2022.checks.exact import (
    Engine,
    apply,
    bose_n,
    expect,
    ops,
    power_fast,
    power_variance,
    steady,
)
from dickeheat.numeric.accuracy import relative_error
from dickeheat.symbolic.result import NumericCheck

__all__ = [
    "ENGINES",
    "boundary_check",
    "carnot_check",
    "cop_carnot_check",
    "efficiency_check",
    "entropy_check",
    "first_law_check",
    "heat_current_check",
    "power_check",
    "proportional_check",
    "tur_check",
]

#: (N, E1, E2, ω0, Γ0, n1, n2): engine and refrigerator cases, N = 1–3
ENGINES = (
    Engine(1, 1.0, 3.0, 0.3, 0.2, 0.4, 1.7),
    Engine(2, 1.0, 2.5, 0.5, 0.3, 0.2, 0.1),
    Engine(3, 1.0, 1.8, 0.2, 0.15, 0.8, 0.6),
)
TOL = 1e-8


@functools.cache
def _state(e: Engine):
    return steady(e)


def _moments(e: Engine, rho: qutip.Qobj) -> dict[str, complex]:
    o = ops(e.N)
    return {"S1z": expect(o["S1z"], rho), "S1z^2": expect(o["S1z"] ** 2, rho),
            "S2z": expect(o["S2z"], rho), "S2z^2": expect(o["S2z"] ** 2, rho),
            "S1- S2+": expect(o["S1-"] * o["S2+"], rho)}


def _verdict(errors: list[float], tol: float, method: str) -> NumericCheck:
    err = float(max(errors))
    return NumericCheck(err <= tol, err, tol, method)


def _values(result, table: dict[str, complex]) -> list:
    return [table[str(a)] for a in result.args]


def _table(e: Engine, rho: qutip.Qobj) -> dict[str, complex]:
    m = _moments(e, rho)
    return {"E_1": e.E1, "E_2": e.E2, "omega_0": e.omega0, "Gamma_0": e.Gamma0, "n_1": e.n1,
            "n_2": e.n2, "S": e.N / 2, "nu": e.E2 - e.E1, "Delta_E": e.E2 - e.E1,
            "<S1z>": m["S1z"], "<S1z^2>": m["S1z^2"], "<S2z>": m["S2z"],
            "<S2z^2>": m["S2z^2"], "<S1- S2+>": m["S1- S2+"]}


def _dVdt_interaction(e: Engine, t0: float = 0.37, h: float = 1e-4) -> qutip.Qobj:
    """(dV/dt)_I at t0 from a central difference of the lab-frame V(t) of (4)."""
    o = ops(e.N)
    nu = e.E2 - e.E1

    def V(tt: float) -> np.ndarray:
        return (e.omega0 / 2 * (o["S1+"] * o["S2-"] * np.exp(1j * nu * tt)
                                + o["S1-"] * o["S2+"] * np.exp(-1j * nu * tt))).full()

    dV = (V(t0 + h) - V(t0 - h)) / (2 * h)
    U = scipy.linalg.expm(1j * e.H0.full() * t0)
    return qutip.Qobj(U @ dV @ U.conj().T, dims=e.H0.dims)


def power_check(result) -> NumericCheck:
    errs = []
    for e in ENGINES:
        st = _state(e)
        ref = -np.real(expect(_dVdt_interaction(e), st.rho))
        errs.append(relative_error(result.numpy_function(*_values(result, _table(e, st.rho))),
                                   ref))
    return _verdict(errs, 1e-6, "−Tr[(dV/dt)_I ρ_ss]: finite-difference dV/dt, expm(iH₀t) "
                                "interaction picture, QuTiP steady states N = 1–3")


def heat_current_check(result) -> NumericCheck:
    i = 1 if str(result.args[0]) == "E_1" else 2
    errs = []
    for k, e in enumerate(ENGINES):
        rho = qutip.rand_dm([[e.N + 1, e.N + 1]], seed=11 + k)
        ref = np.real((e.H0 * apply(e.liouvillian(i, drive=False), rho)).tr())
        errs.append(relative_error(result.numpy_function(*_values(result, _table(e, rho))), ref))
    return _verdict(errs, 1e-10, "Tr[H₀ D_i(ρ)] with QuTiP dissipators on random states")


def first_law_check(result) -> NumericCheck:
    errs = []
    for k, e in enumerate(ENGINES):
        rho = qutip.rand_dm([[e.N + 1, e.N + 1]], seed=21 + k)
        ref = -np.real((e.H0 * apply(e.liouvillian(), rho)).tr())
        errs.append(relative_error(result.numpy_function(*_values(result, _table(e, rho))), ref))
        st = _state(e)  # stationary: P − Q1 − Q2 = 0
        errs.append(abs(st.power - st.Q1 - st.Q2) / abs(st.power))
    return _verdict(errs, 1e-9, "−Tr[H₀ L(ρ)] on random states; P − Q₁ − Q₂ at QuTiP steady "
                                "states")


def _beta_table(e: Engine, st) -> dict[str, float]:
    b1, b2 = np.log1p(1 / e.n1) / e.E1, np.log1p(1 / e.n2) / e.E2
    return {"beta_1": b1, "beta_2": b2, "P_N": st.power, "Qdot_1": st.Q1, "Qdot_2": st.Q2}


def entropy_check(result) -> NumericCheck:
    errs = []
    for e in ENGINES:
        st = _state(e)
        tb = _beta_table(e, st)
        ref = -tb["beta_1"] * st.Q1 - tb["beta_2"] * st.Q2
        errs.append(relative_error(result.numpy_function(*_values(result, tb)), ref))
    return _verdict(errs, TOL, "−β₁Q₁ − β₂Q₂ from QuTiP steady-state currents")


def _n1_power(E1: float, E2: float, T1: float, T2: float) -> float:
    return power_fast(1, E1, E2, 0.05, 0.03, bose_n(E1 / T1), bose_n(E2 / T2))


#: (E1, T1, T2)
CARNOT_CASES = ((1.0, 1.0, 3.0), (1.0, 0.5, 0.8), (2.0, 3.0, 7.0))


@functools.cache
def _zero_power_dE(E1: float, T1: float, T2: float) -> float:
    """ΔE where the exact N = 1 power changes sign (brentq on QuTiP steady states)."""
    def f(d):
        return _n1_power(E1, E1 + d, T1, T2)
    hi = 10 * E1 * T2 / T1
    return brentq(f, 1e-3 * E1, hi, xtol=1e-13, rtol=1e-13)


def carnot_check(result) -> NumericCheck:
    errs = []
    for E1, T1, T2 in CARNOT_CASES:
        d = _zero_power_dE(E1, T1, T2)
        ref = d / (E1 + d)  # η = ΔE/E₂ where the engine turns into a refrigerator
        errs.append(relative_error(result.numpy_function(1 / T1, 1 / T2), ref))
    return _verdict(errs, 1e-9, "η = ΔE/E₂ at the zero of the exact N = 1 power (brentq)")


def cop_carnot_check(result) -> NumericCheck:
    errs = []
    for E1, T1, T2 in CARNOT_CASES:
        d = _zero_power_dE(E1, T1, T2)
        errs.append(relative_error(result.numpy_function(1 / T1, 1 / T2), E1 / d))
    return _verdict(errs, 1e-9, "ε = E₁/ΔE at the zero of the exact N = 1 power (brentq)")


def proportional_check(result) -> NumericCheck:
    errs = []
    for e in ENGINES:
        st = _state(e)
        tb = _table(e, st.rho) | {"P_N": st.power}
        ref = st.Q1 if str(result.args[0]) == "E_1" else st.Q2
        errs.append(relative_error(result.numpy_function(*_values(result, tb)), ref))
    return _verdict(errs, TOL, "Q_i = Tr[H₀D_i(ρ_ss)] and P from QuTiP steady states")


def efficiency_check(result) -> NumericCheck:
    errs = []
    for e in ENGINES:
        st = _state(e)
        ref = st.power / st.Q2 if result.name.endswith("efficiency") else st.Q1 / -st.power
        errs.append(relative_error(result.numpy_function(e.E1, e.E2), ref))
    return _verdict(errs, TOL, "P/Q₂ and Q₁/(−P) from QuTiP steady states")


def _power_at_mean_temperature(tb: float, E1: float, d: float, dT: float) -> float:
    return _n1_power(E1, E1 + d, tb - dT / 2, tb + dT / 2)


def boundary_check(result) -> NumericCheck:
    errs = []
    for E1, T1, T2 in CARNOT_CASES:
        Tbar, dT = (T1 + T2) / 2, T2 - T1
        d = _zero_power_dE(E1, T1, T2)
        if result.name.endswith("dE_star"):
            errs.append(relative_error(result.numpy_function(E1, Tbar, dT), d))
        else:  # the mean temperature at which the power of the engine with this ΔE vanishes
            root = brentq(_power_at_mean_temperature, dT / 2 + 1e-3, 50 * Tbar,
                          args=(E1, d, dT), xtol=1e-13, rtol=1e-13)
            errs.append(relative_error(result.numpy_function(E1, d, dT), root))
    return _verdict(errs, 1e-8, "zeros of the exact N = 1 power in ΔE and in T̄ (brentq)")


def tur_check(result) -> NumericCheck:
    errs = []
    for e in ENGINES[:2]:
        st = _state(e)
        tb = _beta_table(e, st)
        b1, b2 = tb["beta_1"], tb["beta_2"]
        eta, eta_c = st.power / st.Q2, 1 - b2 / b1
        sigma = -b1 * st.Q1 - b2 * st.Q2
        bound = 2 * st.power / sigma  # Var/P >= 2P/Ṡ (TUR)
        table = tb | {"eta": eta, "eta_C": eta_c}
        if result.name.endswith("tur_bound"):
            errs.append(relative_error(result.numpy_function(*_values(result, table)), bound))
        else:
            var = power_variance(e, st)
            table |= {"Var_P": var}
            errs.append(relative_error(result.numpy_function(*_values(result, table)),
                                       st.power * bound / var))
    return _verdict(errs, TOL, "2P/Ṡ_tot and the regression-theorem Var(P) (Drazin solve of "
                               "the QuTiP Lindbladian) at exact steady states")

"""Properties of the heat valve's steady states on every backend (qutip, piqs, reduced).

For random valves (N <= 5 so that the full space is cheap; hot, cold and parasitic baths at
random positive temperatures; optional local and collective dephasing):

* first law: Q_h + Q_c + Q_p = 0 (dephasing commutes with ω0 J_z and carries no energy);
* second law: σ = −Q_h/T_h − Q_c/T_c − Q_p/T_p >= 0 (Spohn; dephasing is unital and adds a
  non-negative term that does not appear in the heat currents);
* the state: trace 1, Hermitian, positive (QuTiP: the 2^N or sector density matrix; PIQS: the
  Dicke-basis density matrix; reduced: the lumped populations, whose balance residual is
  recomputed from the rate matrix of :mod:`dickeheat.numeric.dicke_lattice`);
* reduced vs full space: the ``reduced`` populations reproduce the ``qutip`` currents, ⟨J_z⟩,
  ⟨J²⟩ and P_J, and PIQS agrees with both to its single-precision level.

The ``slow`` variants run the same bodies with 50 times more samples.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from property_support import (
    TOL,
    TOL_PIQS,
    entropy_production,
    first_law_residual,
    log_uniform,
    record,
    relative_difference,
    state_defects,
    steer,
)

from dickeheat.numeric import dicke_lattice as lat
from dickeheat.numeric import piqs_backend
from dickeheat.numeric.model import HeatValve
from dickeheat.numeric.steady import steady_state

BACKENDS = ("qutip", "piqs", "reduced")
FAST, SLOW = 25, 1250


@st.composite
def valves(draw, max_N: int = 5) -> HeatValve:
    """A random heat valve with all temperatures > 0 (so that σ is defined)."""
    N = draw(st.integers(1, max_N))
    rate = log_uniform(1e-2, 5.0)
    gamma_h = draw(st.one_of(st.just(0.0), rate))
    gamma_c = draw(rate) if gamma_h == 0.0 else draw(st.one_of(st.just(0.0), rate))
    gamma_p = draw(st.one_of(st.just(0.0), log_uniform(1e-3, 3.0)))
    temp = log_uniform(0.1, 20.0)
    return HeatValve(
        N=N,
        omega0=draw(log_uniform(0.3, 3.0)),
        gamma_h=gamma_h,
        gamma_c=gamma_c,
        T_h=draw(temp),
        T_c=draw(temp),
        gamma_p=gamma_p,
        T_p=draw(temp),
        gamma_phi=draw(st.one_of(st.just(0.0), log_uniform(1e-3, 1.0))),
        gamma_phi_c=draw(st.one_of(st.just(0.0), log_uniform(1e-3, 1.0))),
    )


def current_scale(m: HeatValve) -> float:
    """A current of the model's size: ω0 × N × (sum of the rates) × 1e-3."""
    return 1e-3 * m.omega0 * m.N * (m.gamma_h + m.gamma_c + m.gamma_p)


def activity(m: HeatValve) -> float:
    """The gross energy turnover ω0 N Σ_i γ_i (1 + 2 n_i) of the baths: the scale of the
    rounding of a solver whose Lindbladian entries are rounded (PIQS: single precision)."""
    return (
        m.omega0
        * m.N
        * (m.gamma_h * (1 + 2 * m.n_h) + m.gamma_c * (1 + 2 * m.n_c) + m.gamma_p * (1 + 2 * m.n_p))
    )


def floor_for(m: HeatValve, backend: str) -> float:  # noqa: ARG001
    """Current floor of the relative comparisons, for every backend: the gross turnover. A net
    current that nearly cancels (a bath close to equilibrium with the system) carries the
    rounding of the populations times the gross turnover, not times the net current."""
    return activity(m)


def piqs_tolerance(m: HeatValve) -> float:
    """Agreement expected of PIQS: its Lindbladian has single-precision entries, and where weak
    J-mixing rates (parasitic bath, local dephasing) compete with strong collective ones the
    sector weights inherit that rounding amplified by the stiffness Γ_coll/Γ_mix (documented in
    :mod:`dickeheat.numeric.piqs_backend`). A hot bath amplifies it too: its up and down rates
    γn and γ(n + 1) agree to 1/(2n + 1), and the polarisation is set by their difference, so
    the single-precision rounding of the rates reaches ⟨J_z⟩ multiplied by 2n + 1 (N = 5 at
    T_c/ω0 = 67, n = 66: ⟨J_z⟩ off by 1.5e-5 relative). Tolerance:
    max(1e-5, 1e-6 × stiffness, 1e-6 × (2 n_max + 1))."""
    collective = (m.emission_rate + m.absorption_rate) * m.N
    mixing = m.gamma_p * (1 + 2 * m.n_p) + m.gamma_phi
    stiffness = collective / mixing if mixing > 0 else 1.0
    hottest = max(n for n, g in ((m.n_h, m.gamma_h), (m.n_c, m.gamma_c), (m.n_p, m.gamma_p))
                  if g > 0) if m.gamma_h + m.gamma_c + m.gamma_p > 0 else 0.0
    return max(TOL_PIQS, 1e-6 * stiffness, 1e-6 * (2 * hottest + 1))


def valve_state_defects(ss) -> tuple[float, float, float]:
    """(trace error, lowest eigenvalue or population, Hermiticity defect) of any backend."""
    if ss.backend == "reduced":
        P = ss.rho.populations()
        if not np.all(np.isfinite(ss.rho.packed()) | (ss.rho.packed() == -np.inf)):
            return np.inf, -np.inf, np.inf
        return state_defects(P)
    return state_defects(ss.rho.full())


def lattice_residual(ss) -> float:
    """max |A P| / (outflow P) recomputed from the rate matrix (reduced backend)."""
    A = lat.rate_matrix(ss.model).toarray()
    P = ss.rho.populations()
    out = -np.diag(A) * P
    scale = max(float(np.max(out)), 1e-300)
    return float(np.max(np.abs(A @ P))) / scale


def check_valve(m: HeatValve) -> None:
    """All single-backend laws on every backend, and the agreement between the backends."""
    states = {b: steady_state(m, backend=b) for b in BACKENDS}
    for b, ss in states.items():
        tol = TOL_PIQS if b == "piqs" else TOL
        floor = floor_for(m, b)
        r = first_law_residual([ss.Q_h, ss.Q_c, ss.Q_p], floor)
        record(f"valve first law [{b}] max residual", r, sense="max", where=repr(m))
        assert r <= tol, (b, m, ss.Q_h, ss.Q_c, ss.Q_p)
        betas = [1 / m.T_h, 1 / m.T_c, 0.0 if m.gamma_p == 0 else 1 / m.T_p]
        sigma, size = entropy_production(betas, [ss.Q_h, ss.Q_c, ss.Q_p])
        size = max(size, max(betas) * floor)
        rel = sigma / size
        steer(-rel, f"-sigma/scale {b}")
        record(f"valve entropy production [{b}] min sigma/scale", rel, sense="min", where=repr(m))
        assert sigma >= -tol * size, (b, m, sigma, size)
        dtr, lowest, herm = valve_state_defects(ss)
        record(f"valve state [{b}] min eigenvalue", lowest, sense="min", where=repr(m))
        record(f"valve state [{b}] max |tr-1|", dtr, sense="max", where=repr(m))
        # PIQS: single-precision Lindbladian, positivity to its documented POSITIVITY_TOL
        low_tol = piqs_backend.POSITIVITY_TOL if b == "piqs" else 1e-10
        assert dtr <= 1e-9 and herm <= 1e-9 and lowest >= -low_tol, (b, m, dtr, lowest, herm)
    res = lattice_residual(states["reduced"])
    record("valve reduced lattice balance max residual", res, sense="max", where=repr(m))
    assert res <= 1e-8, (m, res)
    # reduced vs full space (qutip), and PIQS against both
    full, red, piqs = states["qutip"], states["reduced"], states["piqs"]
    for name, tol, a in (("reduced", 1e-8, red), ("piqs", piqs_tolerance(m), piqs)):
        scale = floor_for(m, name)
        diffs = [
            relative_difference(getattr(a, q), getattr(full, q), s)
            for q, s in (
                ("Q_h", scale),
                ("Q_c", scale),
                ("Q_p", scale),
                ("jz", 1e-3 * m.N),
                ("J2", 1e-3 * m.N),
            )
        ]
        Js = set(a.P_J) | set(full.P_J)
        diffs += [abs(a.P_J.get(J, 0.0) - full.P_J.get(J, 0.0)) for J in Js]
        worst = max(diffs)
        record(f"valve {name} vs qutip max rel. difference", worst, sense="max", where=repr(m))
        record(
            f"valve {name} vs qutip max difference/tolerance",
            worst / tol,
            sense="max",
            where=repr(m),
        )
        assert worst <= tol, (name, m, diffs)


@settings(max_examples=FAST)
@given(valves())
@example(HeatValve(N=5, omega0=0.3, gamma_h=0.0, gamma_c=0.01, T_h=0.1, T_c=20.0))  # hot: PIQS
def test_valve_laws_all_backends(m):
    check_valve(m)


@pytest.mark.slow
@settings(max_examples=SLOW)
@given(valves())
def test_valve_laws_all_backends_slow(m):
    check_valve(m)

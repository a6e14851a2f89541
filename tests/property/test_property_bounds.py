"""Bound 1 (Eq. 9) and Bound 2 (Eq. 14) of Kamimura et al. are never violated.

The registered closed forms (``registry().get("kamimura2023.bound1" / "bound2")``, their
code-generated ``numpy_function``) are evaluated with the numerical ‖H_S‖, ‖A_k‖, windows ΔE_k
(:mod:`dickeheat.numeric.bounds`) and correlation integrals Ξ_k of random systems, and compared
with the measured Redfield current (Lamb shift included,
:func:`dickeheat.numeric.redfield.redfield_current`) in a random state: random Hermitian H_S
(dimension 2–5), one or two Hermitian channels (dense, or band-limited in the energy basis so
that ΔE_k < E_max − E_min), white-noise or damped-mode baths at T = 0 or T > 0, states of every
rank. Hypothesis steers towards the smallest margin B/|J| (``target``); a family of driven qubits
(H = ω σ_z/2, A = σ_x, where both bounds are attained) is mixed in so that the margin 1 is
approached from above.
"""

from __future__ import annotations

import functools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from property_support import bound_ratio, density_from, hermitian_from, log_uniform, record, steer

from dickeheat.numeric.bounds import energy_window, operator_norm
from dickeheat.numeric.redfield import Coupling, redfield_current
from dickeheat.symbolic.bath import Lorentzian, WhiteNoise

FAST, SLOW = 60, 3000
#: relative slack for rounding (the qubit family attains the bounds exactly)
BOUND_TOL = 1e-9


@functools.cache
def registered_bounds():
    """The two registered results (derived once per session)."""
    from dickeheat.derivations import registry

    reg = registry(("kamimura2023",))
    return reg.get("kamimura2023.bound1"), reg.get("kamimura2023.bound2")


def arguments(H: np.ndarray, coupling: Coupling) -> dict[str, float]:
    """Every argument of the two-channel bounds by name (channel 2 zero if absent)."""
    ops = coupling.operators
    xi = np.zeros((2, 2))
    n = len(ops)
    xi[:n, :n] = coupling.xi_matrix()
    a = [operator_norm(A) for A in ops] + [0.0] * (2 - n)
    w = [energy_window(H, A) for A in ops] + [0.0] * (2 - n)
    return {
        "||H_S||": operator_norm(H),
        "Xi_11": xi[0, 0],
        "Xi_12": xi[0, 1],
        "Xi_21": xi[1, 0],
        "Xi_22": xi[1, 1],
        "||A_1||": a[0],
        "||A_2||": a[1],
        "Delta_E_1": w[0],
        "Delta_E_2": w[1],
    }


def evaluate(result, values: dict[str, float]) -> float:
    return float(result.numpy_function(*[values[s.name] for s in result.args]))


@st.composite
def baths(draw):
    if draw(st.booleans()):
        return WhiteNoise(draw(log_uniform(0.05, 3.0)))
    T = draw(st.one_of(st.just(0.0), log_uniform(0.05, 5.0)))
    return Lorentzian(
        strength=draw(log_uniform(0.05, 3.0)),
        kappa=draw(log_uniform(0.02, 5.0)),
        center=draw(log_uniform(0.1, 5.0)),
        T=T,
    )


@st.composite
def general_systems(draw):
    d = draw(st.integers(2, 5))
    elems = st.floats(-2.0, 2.0, allow_nan=False, allow_infinity=False)
    mats = hnp.arrays(float, (d, d), elements=elems)
    H = hermitian_from(draw(mats), draw(mats))
    E, V = np.linalg.eigh(H)
    ops = []
    for _ in range(draw(st.integers(1, 2))):
        A = hermitian_from(draw(mats), draw(mats))
        if draw(st.booleans()):  # band-limited in the energy basis
            Ae = V.conj().T @ A @ V
            window = draw(st.floats(0.1, 1.0)) * float(np.ptp(E))
            Ae[np.abs(E[:, None] - E[None, :]) > window] = 0
            A = V @ Ae @ V.conj().T
            A = 0.5 * (A + A.conj().T)
        ops.append(A)
    coupling = Coupling(tuple(ops), tuple(draw(baths()) for _ in ops))
    r = draw(st.integers(1, d))
    G = hnp.arrays(float, (d, r), elements=elems)
    return "general", H, coupling, density_from(draw(G), draw(G))


@st.composite
def qubit_systems(draw):
    """ω σ_z/2 with A = σ_x and white noise: |J| = c ω |⟨σ_z⟩| = both bounds at ⟨σ_z⟩ = ±1."""
    omega = draw(log_uniform(0.1, 5.0))
    H = np.diag([omega / 2, -omega / 2]).astype(complex)
    A = np.array([[0, 1], [1, 0]], dtype=complex)
    coupling = Coupling((A,), (WhiteNoise(draw(log_uniform(0.05, 3.0))),))
    elems = st.floats(-2.0, 2.0, allow_nan=False, allow_infinity=False)
    G = hnp.arrays(float, (2, 1), elements=elems)
    return "qubit", H, coupling, density_from(draw(G), draw(G))


systems = st.one_of(general_systems(), qubit_systems())


def margins(H, coupling, rho, bounds=None) -> tuple[float, float, float]:
    """(B1/|J|, B2/|J|, J) of one system (inf when no current flows); ``bounds`` replaces the
    registered pair (planted tests)."""
    b1, b2 = registered_bounds() if bounds is None else bounds
    values = arguments(H, coupling)
    J = redfield_current(H, coupling, rho)
    # rounding level of a current: ‖H‖ Σ_k Ξ_k ‖A_k‖² × 1e-12 (a coupling that commutes with H
    # has ΔE = 0, Bound 2 = 0 and a current of pure rounding, ~1e-18)
    scale = values["||H_S||"] * (
        values["Xi_11"] * values["||A_1||"] ** 2 + values["Xi_22"] * values["||A_2||"] ** 2
    )
    if abs(J) <= 1e-12 * scale:
        J = 0.0
    return bound_ratio(evaluate(b1, values), J), bound_ratio(evaluate(b2, values), J), J


def check_bounds(system) -> None:
    family, H, coupling, rho = system
    m1, m2, J = margins(H, coupling, rho)
    where = f"dim {H.shape[0]}, {len(coupling.operators)} channel(s), J = {J:.3e}"
    for name, m in (("Bound 1", m1), ("Bound 2", m2)):
        if np.isfinite(m):
            steer(-m, f"-margin {name}")
        record(f"{name} min bound/|current| [{family}]", m, sense="min", where=where)
        assert m >= 1.0 - BOUND_TOL, (name, m, J, H, coupling, rho)


@settings(max_examples=FAST)
@given(systems)
def test_bounds_never_violated(system):
    check_bounds(system)


@pytest.mark.slow
@settings(max_examples=SLOW)
@given(systems)
def test_bounds_never_violated_slow(system):
    check_bounds(system)

"""Detailed balance of every rate matrix the package builds, and the laws of Davies steady states.

Each thermal bath, on its own, must obey local detailed balance with respect to its own
equilibrium distribution, computed here from thermodynamics (Boltzmann weights, Dicke-level
multiplicities from binomial coefficients), never from a solver:

* heat-valve Dicke lattice (:func:`dickeheat.numeric.dicke_lattice.rate_matrix`), bath by bath:
  collective hot and cold baths and the local parasitic bath with π(J, M) = d_J e^{-ω0 M/T},
  local dephasing (infinite temperature) with π(J, M) = d_J;
* refrigerator (:func:`dickeheat.numeric.spin_refrigerator.jump_rates`), full and three-level
  models, cold/hot/work baths with π_a = e^{-β E_a}, a laser with π uniform;
* Pauli rates (:func:`dickeheat.numeric.pauli.pauli_jump_rates`) of random spectra, couplings and
  Ohmic or peaked baths;
* Davies rates (the population block of :func:`dickeheat.numeric.davies.davies_model`) of random
  Hamiltonians; and Davies steady states with two or three baths at different temperatures:
  trace 1, positivity, first law Σ_k I_k = 0, second law −Σ_k β_k I_k >= 0.
"""

from __future__ import annotations

import math
import types

import numpy as np
import pytest
import qutip
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from property_support import (
    entropy_production,
    first_law_residual,
    hermitian_from,
    log_uniform,
    record,
    state_defects,
    steer,
)

from dickeheat.numeric import dicke_lattice as lat
from dickeheat.numeric.davies import bath_current, davies_model
from dickeheat.numeric.model import HeatValve
from dickeheat.numeric.pauli import pauli_jump_rates
from dickeheat.numeric.spectral import (
    ohmic_spectral_density,
    peaked_spectral_density,
    thermal_rate,
)
from dickeheat.numeric.spin_refrigerator import PeakedBath, SpinRefrigerator, jump_rates

FAST, SLOW = 30, 1500
DAVIES_FAST, DAVIES_SLOW = 20, 1000
DB_TOL = 1e-10


# -- heat valve lattice -----------------------------------------------------------------------


def log_multiplicity(N: int) -> np.ndarray:
    """ln d_J per packed level from binomials: d_J = C(N, N/2 − J) − C(N, N/2 − J − 1)."""
    out = []
    for J in lat.block_J(N):
        k = round(N / 2 - J)
        d = math.comb(N, k) - (math.comb(N, k - 1) if k >= 1 else 0)
        out += [math.log(d)] * round(2 * J + 1)
    return np.array(out)


def lattice_M(N: int) -> np.ndarray:
    return np.concatenate([np.arange(-J, J + 1) for J in lat.block_J(N)])


def valve_bath_parts(m: HeatValve) -> list[tuple[str, types.SimpleNamespace, float | None]]:
    """One model per bath (the fields ``rate_matrix`` reads) and its temperature (None: ∞)."""

    def part(em=0.0, ab=0.0, gp=0.0, n_p=0.0, gphi=0.0):
        return types.SimpleNamespace(
            N=m.N, emission_rate=em, absorption_rate=ab, gamma_p=gp, n_p=n_p, gamma_phi=gphi,
            gamma_pump=0.0,
        )

    parts = [
        (name, part(em=g * (1 + n), ab=g * n), T)
        for name, g, n, T in (("hot", m.gamma_h, m.n_h, m.T_h), ("cold", m.gamma_c, m.n_c, m.T_c))
        if g > 0
    ]
    if m.gamma_p > 0:
        parts.append(("parasitic", part(gp=m.gamma_p, n_p=m.n_p), m.T_p))
    if m.gamma_phi > 0 and m.N > 1:  # one qubit: dephasing moves no population
        parts.append(("dephasing", part(gphi=m.gamma_phi), None))
    return parts


def lattice_defect(R: np.ndarray, N: int, omega0: float, T: float | None) -> float:
    from property_support import detailed_balance_defect

    log_pi = log_multiplicity(N) - (0.0 if T is None else omega0 * lattice_M(N) / T)
    return detailed_balance_defect(R, log_pi)


def check_lattice_detailed_balance(m: HeatValve) -> None:
    for name, part, T in valve_bath_parts(m):
        R = lat.rate_matrix(part).toarray()
        d = lattice_defect(R, m.N, m.omega0, T)
        record(f"detailed balance valve lattice [{name}] max defect", d, sense="max", where=repr(m))
        assert d <= DB_TOL, (name, m, d)


@st.composite
def lattice_valves(draw) -> HeatValve:
    temp = log_uniform(0.1, 20.0)
    rate = log_uniform(1e-2, 5.0)
    return HeatValve(
        N=draw(st.integers(1, 14)),
        omega0=draw(log_uniform(0.3, 3.0)),
        gamma_h=draw(rate),
        gamma_c=draw(rate),
        T_h=draw(temp),
        T_c=draw(temp),
        gamma_p=draw(rate),
        T_p=draw(temp),
        gamma_phi=draw(rate),
    )


@settings(max_examples=FAST)
@given(lattice_valves())
def test_valve_lattice_detailed_balance(m):
    check_lattice_detailed_balance(m)


@pytest.mark.slow
@settings(max_examples=SLOW)
@given(lattice_valves())
def test_valve_lattice_detailed_balance_slow(m):
    check_lattice_detailed_balance(m)


# -- refrigerator ------------------------------------------------------------------------------


@st.composite
def peaked_baths(draw, beta_zero: bool = False) -> PeakedBath:
    beta = (
        draw(st.one_of(st.just(0.0), log_uniform(0.05, 20.0)))
        if beta_zero
        else draw(log_uniform(0.05, 20.0))
    )
    return PeakedBath(
        beta=beta,
        center=draw(log_uniform(0.2, 20.0)),
        width=draw(log_uniform(0.01, 2.0)),
        amplitude=draw(log_uniform(0.05, 3.0)),
    )


@st.composite
def refrigerators(draw, max_N: int = 40) -> tuple[SpinRefrigerator, bool]:
    """A random refrigerator and whether to use the three-level (reduced) model."""
    N = draw(st.integers(2, max_N))
    parity = draw(st.sampled_from([1, -1]))
    from dickeheat.numeric.parity_sector import parity_sector

    lab = parity_sector(N / 2, parity).labels
    reduced = draw(st.booleans()) and lab.size >= 3
    # a laser in one case of four; it needs a transition (two levels in the sector)
    use_laser = draw(st.sampled_from([False, False, False, True])) and lab.size >= 2
    laser = draw(log_uniform(1e-3, 2.0)) if use_laser else None
    Omega = draw(log_uniform(0.2, 3.0))
    work = draw(peaked_baths(beta_zero=True))
    if laser is not None:
        # put the work bath's centre on a transition (the three-level model: levels 1-2)
        E = Omega * lab.astype(float) ** 2
        i = 2 if reduced else draw(st.integers(1, lab.size - 1))
        work = PeakedBath(
            beta=work.beta,
            center=float(abs(E[i] - E[i - 1])),
            width=work.width,
            amplitude=work.amplitude,
        )
    m = SpinRefrigerator(
        N=N,
        cold=draw(peaked_baths()),
        hot=draw(peaked_baths()),
        work=work,
        Omega=Omega,
        parity=parity,
        laser=laser,
    )
    return m, reduced


def check_refrigerator_detailed_balance(m: SpinRefrigerator, reduced: bool) -> None:
    from property_support import detailed_balance_defect

    E, _labels, W = jump_rates(m, reduced=reduced)
    betas = {"c": m.cold.beta, "h": m.hot.beta, "w": 0.0 if m.laser is not None else m.work.beta}
    for key, Wk in W.items():
        if Wk is None:  # infinite-temperature work bath: coarse-grained, no finite rates
            continue
        d = detailed_balance_defect(Wk.toarray(), -betas[key] * E)
        record(
            f"detailed balance refrigerator [{key}] max defect",
            d,
            sense="max",
            where=f"{m!r} reduced={reduced}",
        )
        assert d <= DB_TOL, (key, m, reduced, d)


@settings(max_examples=FAST)
@given(refrigerators())
def test_refrigerator_rates_detailed_balance(case):
    check_refrigerator_detailed_balance(*case)


@pytest.mark.slow
@settings(max_examples=SLOW)
@given(refrigerators(max_N=200))
def test_refrigerator_rates_detailed_balance_slow(case):
    check_refrigerator_detailed_balance(*case)


# -- Pauli and Davies rates of random systems ----------------------------------------------------


@st.composite
def random_systems(draw, max_dim: int = 5, n_baths: int = 1):
    """(energies-sorted H, [(A, beta, spectral)]) with a non-degenerate spectrum."""
    d = draw(st.integers(2, max_dim))
    elems = st.floats(-2.0, 2.0, allow_nan=False, allow_infinity=False)
    mats = hnp.arrays(float, (d, d), elements=elems)
    H = hermitian_from(draw(mats), draw(mats))
    E = np.linalg.eigvalsh(H)
    assume(np.min(np.diff(E)) > 1e-3 * max(1.0, float(np.ptp(E))))
    baths = []
    for _ in range(n_baths):
        A = hermitian_from(draw(mats), draw(mats))
        assume(np.linalg.norm(A) > 1e-3)
        beta = draw(log_uniform(0.05, 20.0))
        if draw(st.booleans()):
            cutoff = draw(log_uniform(0.3, 10.0))

            def spectral(w, c=cutoff):
                return ohmic_spectral_density(w, cutoff=c)
        else:
            center, width = draw(log_uniform(0.2, 5.0)), draw(log_uniform(0.05, 2.0))

            def spectral(w, c=center, wd=width):
                return peaked_spectral_density(w, amplitude=1.0, center=c, width=wd)

        baths.append((A, beta, spectral))
    return H, baths


def check_pauli(H, baths) -> None:
    from property_support import detailed_balance_defect

    E, V = np.linalg.eigh(H)
    for A, beta, spectral in baths:
        Ae = V.conj().T @ A @ V
        Ae = 0.5 * (Ae + Ae.conj().T)  # Hermitian to the last bit: |A_ab| = |A_ba| exactly
        W = pauli_jump_rates(E, Ae, lambda w, b=beta, s=spectral: thermal_rate(w, s, beta=b))
        d = detailed_balance_defect(W.toarray(), -beta * E)
        record("detailed balance Pauli max defect", d, sense="max", where=f"dim {len(E)}")
        assert d <= DB_TOL, (E, beta, d)


def davies_rates(model, E: np.ndarray, V: np.ndarray, k: int) -> np.ndarray:
    """W_ab = |<a|c_ω|b>|² of bath k in the eigenbasis V (columns), from the jump c_ω whose
    Bohr frequency is E_b − E_a (the other entries of V†c_ωV are rounding)."""  # noqa: RUF002
    n = V.shape[0]
    W = np.zeros((n, n))
    bohr = E[None, :] - E[:, None]
    width = max(float(np.ptp(E)), 1.0)
    for c, w in model.jumps[k]:
        ce = np.abs(V.conj().T @ c.full() @ V)
        # entries below 1e-4 of the jump's largest carry the rounding of the basis change
        # (relative error 1e-16/1e-4); they are dropped in c_ω and in c_{−ω} ∝ c_ω† alike
        mask = (np.abs(bohr - w) <= 1e-8 * width) & (ce > 1e-4 * ce.max())
        W += np.where(mask, ce**2, 0.0)
    np.fill_diagonal(W, 0.0)
    return W


def connected(W: np.ndarray) -> bool:
    """Whether the rates above 1e-12 of the largest join all levels (unique steady state)."""
    from scipy.sparse.csgraph import connected_components

    big = W > 1e-12 * max(float(W.max()), 1e-300)
    return connected_components(big, directed=False)[0] == 1


def davies_of(H, baths):
    return davies_model(
        qutip.Qobj(H),
        [
            (qutip.Qobj(A), lambda w, b=beta, s=spectral: thermal_rate(w, s, beta=b))
            for A, beta, spectral in baths
        ],
    )


def check_davies(H, baths) -> None:
    from property_support import detailed_balance_defect

    E, V = np.linalg.eigh(H)
    model = davies_of(H, baths)
    rates = [davies_rates(model, E, V, k) for k in range(len(baths))]
    for (_A, beta, _s), W in zip(baths, rates):
        d = detailed_balance_defect(W, -beta * E)
        record("detailed balance Davies max defect", d, sense="max", where=f"dim {len(E)}")
        # davies_model merges Bohr frequencies closer than 1e-9 × (spectral width) and rates
        # them at their mean: detailed balance then holds to β × that spread
        assert d <= DB_TOL + 2 * beta * 1e-9 * max(float(np.ptp(E)), 1.0), (E, beta, d)
    if not connected(sum(rates)):
        return  # no unique steady state (e.g. every A commutes with H)
    # the steady state of all baths together
    rho = qutip.steadystate(model.L)
    dtr, lowest, herm = state_defects(rho.full())
    record("Davies state min eigenvalue", lowest, sense="min", where=f"dim {len(E)}")
    record("Davies state max |tr-1|", dtr, sense="max", where=f"dim {len(E)}")
    assert dtr <= 1e-9 and lowest >= -1e-10 and herm <= 1e-9, (dtr, lowest, herm)
    currents = [bath_current(model, k, rho) for k in range(len(baths))]
    # Σ_k I_k = Tr[H L(ρ)]: its rounding is set by the solve, ~1e-16 × ‖H‖ ‖L‖ × conditioning
    scale = float(np.ptp(E)) * max(float(np.max(np.abs(model.L.full()))), 1e-300)
    r = first_law_residual(currents, scale)
    record("Davies first law max residual", r, sense="max", where=f"dim {len(E)}")
    assert r <= 1e-10, (currents, r)
    sigma, size = entropy_production([b for _A, b, _s in baths], currents)
    size = max(size, 1e-6 * max(b for _A, b, _s in baths) * scale)
    steer(-sigma / size, "-sigma/scale Davies")
    record(
        "Davies entropy production min sigma/scale",
        sigma / size,
        sense="min",
        where=f"dim {len(E)}",
    )
    assert sigma >= -1e-9 * size, (currents, sigma)


@settings(max_examples=FAST)
@given(random_systems(n_baths=2))
def test_pauli_rates_detailed_balance(case):
    check_pauli(*case)


@pytest.mark.slow
@settings(max_examples=SLOW)
@given(random_systems(n_baths=2))
def test_pauli_rates_detailed_balance_slow(case):
    check_pauli(*case)


@settings(max_examples=DAVIES_FAST)
@given(random_systems(max_dim=4, n_baths=2) | random_systems(max_dim=3, n_baths=3))
def test_davies_rates_and_steady_state(case):
    check_davies(*case)


@pytest.mark.slow
@settings(max_examples=DAVIES_SLOW)
@given(random_systems(max_dim=4, n_baths=2) | random_systems(max_dim=3, n_baths=3))
def test_davies_rates_and_steady_state_slow(case):
    check_davies(*case)

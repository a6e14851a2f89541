"""Exact charge-0 sector solver of two exchange-coupled collective spins against QuTiP."""

from __future__ import annotations

import numpy as np
import pytest
import qutip

from dickeheat.errors import ParameterError
from dickeheat.numeric.accuracy import relative_error
from dickeheat.numeric.exchange_spins import (
    ExchangeCoupledSpins,
    block_range,
    sector_dimension,
)
from dickeheat.numeric.exchange_spins_observables import (
    power_variance_counting,
    thermodynamics,
    two_spin_correlations,
    two_spin_state,
)
from dickeheat.numeric.exchange_spins_qutip import FullSpaceModel
from dickeheat.numeric.exchange_spins_spectrum import liouvillian_gap
from dickeheat.numeric.exchange_spins_steady import (
    SectorSolver,
    check_memory,
    solve_steady_state,
)

PARAMS = [
    {"E1": 1.0, "E2": 2.5, "beta1": 2.0, "beta2": 0.3, "coupling": 0.7, "Gamma0": 0.4},
    {"E1": 1.0, "E2": 10.0, "beta1": 1 / 6, "beta2": 1 / 16, "coupling": 0.006, "Gamma0": 0.001},
    {"E1": 1.0, "E2": 1.3, "beta1": float("inf"), "beta2": 0.5, "coupling": 2.0, "Gamma0": 0.3},
]


def full_matrix(ss) -> np.ndarray:
    """The sector state embedded in the QuTiP basis (index 0 = m = +S)."""
    N = ss.model.N
    rho = np.zeros(((N + 1) ** 2, (N + 1) ** 2), dtype=complex)
    for M in ss.layout.kets:
        lo, hi = block_range(N, M)
        idx = [(N - n1) * (N + 1) + (N - (M - n1)) for n1 in range(lo, hi + 1)]
        rho[np.ix_(idx, idx)] = ss.density_block(M)
    return rho


@pytest.mark.parametrize("N", [1, 2, 3, 4, 6])
@pytest.mark.parametrize("method", ["direct", "gmres"])
@pytest.mark.parametrize("k", range(len(PARAMS)), ids=["hot", "paper-fig3", "cold-T0"])
def test_steady_state_matches_qutip(N, method, k):
    m = ExchangeCoupledSpins.thermal(N=N, **PARAMS[k])
    ss = solve_steady_state(m, method=method)
    ref = FullSpaceModel(m).steady_state().full()
    assert ss.residual < 1e-10
    assert np.max(np.abs(full_matrix(ss) - ref)) <= 1e-8


def test_cross_check_can_fail():
    m = ExchangeCoupledSpins.thermal(N=3, **PARAMS[0])
    wrong = ExchangeCoupledSpins.thermal(N=3, **{**PARAMS[0], "coupling": 1.4})
    ss = solve_steady_state(wrong)
    ref = FullSpaceModel(m).steady_state().full()
    assert np.max(np.abs(full_matrix(ss) - ref)) > 1e-4


@pytest.mark.parametrize("N", [1, 3, 5])
def test_sector_dimensions_partition_the_space(N):
    assert sum(sector_dimension(N, q) for q in range(-2 * N, 2 * N + 1)) == (N + 1) ** 4


@pytest.mark.parametrize("N", [1, 2, 4])
@pytest.mark.parametrize("k", [0, 1], ids=["hot", "paper-fig3"])
def test_power_currents_and_noise_against_qutip(N, k):
    m = ExchangeCoupledSpins.thermal(N=N, **PARAMS[k])
    th = thermodynamics(m)
    fs = FullSpaceModel(m)
    rho = fs.steady_state()
    J1, J2 = fs.heat_currents(rho)
    assert relative_error([th.P, th.J1, th.J2], [fs.power(rho), J1, J2]) < 1e-8
    # the first law, and P/nu = -J1/E1 = J2/E2 (every quantum crossing is one exchange)
    assert relative_error(th.J1 + th.J2, th.P) < 1e-9
    assert relative_error([th.P / m.nu, -th.J1 / m.E1], [th.J2 / m.E2] * 2) < 1e-8
    # Var(P): regression theorem, counting statistics, QuTiP countstat, dense regression
    ref = fs.counting_variance(rho)
    assert relative_error(th.var_P_counting, ref) < 1e-7
    assert relative_error(th.var_P, fs.regression_variance(rho)) < 1e-7
    assert relative_error(th.var_P, th.var_P_counting) < 1e-7
    other = power_variance_counting(th.state, SectorSolver(m), route="energy")
    assert relative_error(other, th.var_P_counting) < 1e-7


def test_second_law_and_detailed_balance():
    # equal temperatures, no drive current direction: entropy production vanishes at E-ratio
    for beta2 in (0.3, 1.0, 2.0):
        m = ExchangeCoupledSpins.thermal(N=5, E1=1.0, E2=2.0, beta1=1.0, beta2=beta2,
                                         coupling=0.5, Gamma0=0.2)
        th = thermodynamics(m, noise=False)
        sigma = -(1.0 * th.J1 + beta2 * th.J2)
        assert sigma >= -1e-12 * abs(th.J2)
    # at E1/E2 = T1/T2 (beta1 E1 = beta2 E2) every current vanishes
    m = ExchangeCoupledSpins.thermal(N=5, E1=1.0, E2=2.0, beta1=1.0, beta2=0.5,
                                     coupling=0.5, Gamma0=0.2)
    th = thermodynamics(m, noise=False)
    assert abs(th.P) < 1e-12 and abs(th.J2) < 1e-12


@pytest.mark.parametrize("N", [1, 2, 3])
def test_gap_against_full_spectrum(N):
    m = ExchangeCoupledSpins.thermal(N=N, **PARAMS[0])
    ev = FullSpaceModel(m).eigenvalues()
    ev = np.delete(ev, int(np.argmin(np.abs(ev))))
    assert relative_error(liouvillian_gap(m).gap, -ev.real.max()) < 1e-9


def test_gap_shift_invert_agrees_with_dense():
    m = ExchangeCoupledSpins.thermal(N=4, **PARAMS[0])
    assert relative_error(liouvillian_gap(m, dense_below=20).gap,
                          liouvillian_gap(m).gap) < 1e-8


def test_two_spin_state_from_an_explicit_embedding():
    # N = 2: embed the collective state into 2 + 2 qubits and trace out one of each ensemble
    m = ExchangeCoupledSpins.thermal(N=2, **PARAMS[0])
    ss = solve_steady_state(m)
    u, d = qutip.basis(2, 0), qutip.basis(2, 1)
    dicke = [qutip.tensor(u, u), (qutip.tensor(u, d) + qutip.tensor(d, u)).unit(),
             qutip.tensor(d, d)]                       # m = +1, 0, -1 (QuTiP order)
    V = np.zeros((16, 9), dtype=complex)
    for i, a in enumerate(dicke):
        for j, b in enumerate(dicke):
            V[:, 3 * i + j] = qutip.tensor(a, b).full().ravel()
    big = qutip.Qobj(V @ full_matrix(ss) @ V.conj().T, dims=[[2] * 4, [2] * 4])
    ref = big.ptrace([0, 2]).full()
    assert np.max(np.abs(two_spin_state(ss) - ref)) < 1e-12
    mi, conc = two_spin_correlations(ss)
    assert mi >= 0.0 and 0.0 <= conc <= 1.0


def test_memory_refusal_names_N():
    with pytest.raises(ParameterError, match=r"N = 400 .*GB"):
        check_memory(400, limit=10**9)
    m = ExchangeCoupledSpins.thermal(N=60, **PARAMS[0])
    with pytest.raises(ParameterError, match="N = 60"):
        SectorSolver(m, memory_limit=10**6)


@pytest.mark.parametrize("kwargs, name", [
    ({"N": 0}, "N"), ({"E1": -1.0}, "E1"), ({"coupling": -0.1}, "coupling"),
    ({"beta1": 0.0}, "beta1"), ({"Gamma0": 0.0}, "Gamma0"),
])
def test_bad_parameters(kwargs, name):
    base = dict(N=2, **PARAMS[0])
    with pytest.raises(ParameterError, match=name):
        ExchangeCoupledSpins.thermal(**{**base, **kwargs})


def test_gap_by_shift_invert_in_every_sector_agrees_with_dense_and_reports_residual():
    m = ExchangeCoupledSpins.thermal(N=4, **PARAMS[0])
    sparse = liouvillian_gap(m, dense_below=0, nev=6)
    dense = liouvillian_gap(m, dense_below=10_000)
    assert "shift-invert" in sparse.methods
    assert relative_error(sparse.gap, dense.gap) < 1e-8
    assert sparse.residual < 1e-10 and dense.residual < 1e-10


@pytest.mark.slow
def test_gap_beyond_n10_sparse_against_dense():
    """N = 12: shift-invert Arnoldi in the sectors above 400 unknowns against dense
    diagonalisation of every sector (up to ~1100 unknowns)."""
    m = ExchangeCoupledSpins.thermal(N=12, E1=1.0, E2=2.5, beta1=1.5 / 12, beta2=0.4 / 12,
                                     coupling=0.6 / 12, Gamma0=1.0 / 12)
    sparse = liouvillian_gap(m)
    dense = liouvillian_gap(m, dense_below=10_000)
    assert "shift-invert" in sparse.methods
    assert relative_error(sparse.gap, dense.gap) < 1e-8
    assert sparse.residual < 1e-9


@pytest.mark.parametrize("N", [6, 10])
def test_memory_estimate_covers_the_measured_lu_fill(N):
    """The fill-in fits of the memory estimate against a fresh factorisation."""
    import scipy.sparse as sps
    import scipy.sparse.linalg as spla

    from dickeheat.numeric.exchange_spins_steady import SectorSolver, lu_fill

    m = ExchangeCoupledSpins.thermal(N=N, **PARAMS[0])
    s = SectorSolver(m, method="direct")
    lu = spla.splu(sps.csc_matrix(s._bordered_sparse()))
    measured = lu.L.nnz + lu.U.nnz
    assert measured <= lu_fill(N, "direct") <= 3 * measured


def test_memory_estimate_grows_with_the_fill():
    from dickeheat.numeric.exchange_spins_steady import lu_fill, memory_estimate

    assert memory_estimate(40, "direct") > 16 * lu_fill(40, "direct")
    assert memory_estimate(100) > 16 * lu_fill(100, "gmres")

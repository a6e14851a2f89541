"""Counting statistics by Drazin solves against independent routes."""

from __future__ import annotations

import mpmath as mp
import numpy as np
import pytest
import scipy.sparse as sp
import sympy

from dickeheat.errors import NumericalError, ParameterError
from dickeheat.numeric import fcs
from dickeheat.numeric.accuracy import relative_error


def random_generator(n: int, seed: int, density: float = 1.0):
    rng = np.random.default_rng(seed)
    W = rng.uniform(0.1, 2.0, (n, n)) * (rng.uniform(size=(n, n)) < density)
    np.fill_diagonal(W, 0.0)
    W[np.arange(1, n), np.arange(n - 1)] += 0.5   # keep it irreducible (a cycle)
    W[0, n - 1] += 0.5
    counted = W * (rng.uniform(size=(n, n)) < 0.5)
    d = rng.normal(size=(n, n))
    return W - np.diag(W.sum(axis=0)), counted, d


def test_two_state_renewal_closed_form():
    # textbook: counting the 0 -> 1 jumps of a two-state process with rates k1 (0->1), k2 (1->0)
    # gives current k1 k2/(k1+k2) and Fano factor (k1^2 + k2^2)/(k1+k2)^2
    k1, k2 = 0.7, 2.3
    W = np.array([[0.0, k2], [k1, 0.0]])
    R0 = W - np.diag(W.sum(axis=0))
    up = np.array([[0.0, 0.0], [k1, 0.0]])
    cs = fcs.counting_statistics(R0, up, increments=np.ones((2, 2)))
    flux = k1 * k2 / (k1 + k2)
    assert cs.current == pytest.approx(flux, rel=1e-13)
    assert cs.noise == pytest.approx(flux * (k1**2 + k2**2) / (k1 + k2) ** 2, rel=1e-13)
    # exact: lambda(s) = [-(k1+k2) + sqrt((k1-k2)^2 + 4 k1 k2 e^s)]/2, differentiated by SymPy
    x = sympy.Symbol("s")
    lam = (-(k1 + k2) + sympy.sqrt((k1 - k2) ** 2 + 4 * k1 * k2 * sympy.exp(x))) / 2
    c3 = float(sympy.diff(lam, x, 3).subs(x, 0))
    assert relative_error(cs.skewness, c3) < 1e-12
    assert cs.residual < 1e-15


def test_bounded_counter_has_no_cumulants():
    # counting +1 up and -1 down: the counter stays bounded, all scaled cumulants vanish
    W = np.array([[0.0, 2.0], [1.0, 0.0]])
    R0 = W - np.diag(W.sum(axis=0))
    cs = fcs.counting_statistics(R0, W, energies=np.array([0.0, 1.0]))
    assert abs(cs.current) < 1e-14 and abs(cs.noise) < 1e-14 and abs(cs.skewness) < 1e-13


@pytest.mark.parametrize("seed", range(6))
def test_random_generators_against_eigenvalue_route(seed):
    R0, W, d = random_generator(7, seed, density=0.6)
    cs = fcs.counting_statistics(R0, W, increments=d)
    c1, c2, c3 = fcs.cumulants_by_eigenvalue(R0, W, d)
    assert relative_error(cs.current, c1) < 1e-7
    assert relative_error(cs.noise, c2) < 1e-6
    assert relative_error(cs.skewness, c3) < 1e-3
    # the check can fail: dropping the Drazin term of the noise is visible
    p = cs.stationary
    naive = float(np.sum((W * d**2) @ p))
    assert relative_error(naive, c2) > 1e-3


@pytest.mark.parametrize("seed", range(3))
def test_sparse_and_dense_paths_agree(seed):
    R0, W, d = random_generator(30, seed, density=0.2)
    dense = fcs.counting_statistics(R0, W, increments=d, sparse=False)
    spar = fcs.counting_statistics(sp.csr_matrix(R0), sp.csr_matrix(W),
                                   increments=sp.csr_matrix(W != 0).multiply(d), sparse=True)
    assert relative_error(spar.current, dense.current) < 1e-12
    assert relative_error(spar.noise, dense.noise) < 1e-12
    assert relative_error(spar.skewness, dense.skewness) < 1e-11
    assert relative_error(spar.stationary, dense.stationary) < 1e-12


def test_wide_range_of_rates_against_high_precision():
    # a chain whose escape rates span ~20 decades: the border/pinning of the solver must not
    # inject round-off into the long-lived states (compared with a 40-digit mpmath solve)
    n = 14
    up = np.array([10.0 ** (-k) for k in range(n - 1)])
    down = np.array([10.0 ** (k / 2) for k in range(n - 1)])
    W1 = np.diag(up, -1) + np.diag(down, 1)
    W2 = np.diag(0.3 * up[:-1], -2) + np.diag(0.1 * down[:-1], 2)   # the counted process
    W = W1 + W2
    R0 = W - np.diag(W.sum(axis=0))
    e = np.arange(n, dtype=float) ** 2
    cs = fcs.counting_statistics(R0, W2, energies=e)
    mp.mp.dps = 40
    A = mp.matrix(W.tolist())
    for j in range(n):
        A[j, j] = -mp.fsum(A[i, j] for i in range(n) if i != j)
    for j in range(n):
        A[0, j] = 1
    b = mp.zeros(n, 1)
    b[0] = 1
    p = mp.lu_solve(A, b)
    c1 = mp.fsum(W2[a, c] * (e[a] - e[c]) * p[c] for a in range(n) for c in range(n))
    assert relative_error(cs.current, float(c1)) < 1e-12
    ref = np.array([float(x) for x in p])
    assert relative_error(cs.stationary, ref) < 1e-12
    # entrywise, down to the populations of order 1e-60
    assert np.max(np.abs(cs.stationary - ref) / ref) < 1e-10, (cs.stationary, ref)
    assert np.all(cs.stationary >= 0.0)


def test_coarse_grain_is_the_fast_limit():
    # a 3-level process where the pair (1, 2) is joined by a symmetric rate K -> infinity
    rng = np.random.default_rng(3)
    Ws = rng.uniform(0.2, 1.0, (3, 3))
    np.fill_diagonal(Ws, 0.0)
    Ws[1, 2] = Ws[2, 1] = 0.0
    d = rng.normal(size=(3, 3))
    M = fcs.jump_moments(Ws, d, 3)
    Rs = Ws - np.diag(Ws.sum(axis=0))
    comp, wts = np.array([0, 1, 1]), np.array([1.0, 0.5, 0.5])
    Rg, M1, M2, M3 = fcs.coarse_grain([Rs, *M], comp, wts)
    solver = fcs.BorderedSolver(Rg)
    P, _ = fcs.checked_stationary(solver)
    c = fcs.cumulants(solver, P, [M1, M2, M3])
    K = 1e7
    F = np.zeros((3, 3))
    F[1, 2] = F[2, 1] = K
    R0 = Rs + F - np.diag(F.sum(axis=0))
    full = fcs.counting_statistics(R0, Ws, increments=d)
    assert relative_error(c[0], full.current) < 1e-5
    assert relative_error(c[1], full.noise) < 1e-5
    assert relative_error(c[2], full.skewness) < 1e-4


@pytest.mark.filterwarnings("ignore::scipy.linalg.LinAlgWarning")
def test_bad_input():
    with pytest.raises(ParameterError, match="conserve probability"):
        fcs.BorderedSolver(np.array([[-1.0, 0.0], [0.5, 0.0]]))
    with pytest.raises(ParameterError, match="square"):
        fcs.BorderedSolver(np.zeros((2, 3)))
    with pytest.raises(ParameterError, match="exactly one"):
        fcs.counting_statistics(np.zeros((1, 1)), np.zeros((1, 1)))
    # two disconnected pairs: no unique stationary state
    W = np.zeros((4, 4))
    W[0, 1] = W[1, 0] = W[2, 3] = W[3, 2] = 1.0
    with pytest.raises(NumericalError):
        fcs.counting_statistics(W - np.diag(W.sum(axis=0)), W, energies=np.arange(4.0))

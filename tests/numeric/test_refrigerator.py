"""The parity-sector rate equation of the J_z^2 refrigerator: structure, laws, paper claims."""

from __future__ import annotations

import mpmath as mp
import numpy as np
import pytest
import qutip

from dickeheat.errors import DickeheatError, ParameterError
from dickeheat.numeric import fcs
from dickeheat.numeric.accuracy import relative_error
from dickeheat.numeric.parity_sector import parity_sector, sector_dimension
from dickeheat.numeric.pauli import generator
from dickeheat.numeric.spin_refrigerator import (
    PeakedBath,
    SpinRefrigerator,
    jump_rates,
    solve,
)


def fig2_model(N, *, beta_c=2.0, beta_h=1.0, beta_w=1e-3, delta_c=0.1, delta_h=0.1,
               delta_w=1e-3, parity=1, laser=None):
    """The parameters of the caption of Fig. 2 (Kloc et al. 2021)."""
    return SpinRefrigerator(
        N=N, parity=parity, laser=laser,
        cold=PeakedBath(beta=beta_c, center=2.0, width=delta_c, amplitude=1.0),
        hot=PeakedBath(beta=beta_h, center=6.0, width=delta_h, amplitude=1.0),
        work=PeakedBath(beta=beta_w, center=4.0, width=delta_w, amplitude=1.0))


# --- the sector basis ------------------------------------------------------------------------

@pytest.mark.parametrize("two_j", [3, 4, 5, 8, 9])
@pytest.mark.parametrize("parity", [1, -1])
def test_sector_matches_qutip_jmat(two_j, parity):
    j = two_j / 2
    s = parity_sector(j, parity)
    assert s.dimension == sector_dimension(j, parity)
    Jx = qutip.jmat(j, "x").full()          # basis m = j, ..., -j
    V = s.isometry.toarray()
    assert relative_error(V.T @ V, np.eye(s.dimension)) < 1e-14
    assert relative_error(s.jx.toarray(), V.T @ Jx @ V) < 1e-14
    # the sector is invariant under J_x and is the parity eigenspace of exp(i pi (J_x - j))
    Pi = (1j * np.pi * (qutip.jmat(j, "x") - j)).expm().full()
    assert relative_error(Pi @ V, parity * V) < 1e-12
    assert relative_error(Jx @ V, V @ (V.T @ Jx @ V)) < 1e-14


def test_registered_matrix_elements_if_present():
    from dickeheat.derivations import registry

    try:
        reg = registry(("kloc2021",))
    except (DickeheatError, ImportError):  # the paper is not registered in this build
        pytest.skip("kloc2021 results not registered")
    need = ["kloc2021.Jx_up", "kloc2021.Jx2_up", "kloc2021.Jx2_boundary"]
    if not all(n in reg for n in need):
        pytest.skip("matrix elements (8) not registered")
    for N in (5, 11, 31):
        s = parity_sector(N / 2, 1)
        jx = s.jx.toarray()
        jx2 = (s.jx @ s.jx).toarray()
        for k, b in enumerate(s.labels[:-2]):
            up = reg.get("kloc2021.Jx_up").numpy_function(N / 2, b)
            up2 = reg.get("kloc2021.Jx2_up").numpy_function(N / 2, b)
            assert relative_error(up, jx[k + 1, k]) < 1e-13
            assert relative_error(up2, jx2[k + 2, k]) < 1e-13
        bnd = reg.get("kloc2021.Jx2_boundary").numpy_function(N / 2)
        assert relative_error(abs(bnd), abs(jx2[0, 1])) < 1e-13


# --- laws ------------------------------------------------------------------------------------

@pytest.mark.parametrize("N", [5, 8, 31])
def test_local_detailed_balance_and_thermalisation(N):
    m = fig2_model(N, beta_w=0.3)
    E, _, W = jump_rates(m)
    for key, beta in (("c", 2.0), ("h", 1.0), ("w", 0.3)):
        Wk = W[key].toarray()
        a, b = np.nonzero(Wk)
        # Eq. (16): R_ab / R_ba = exp(-beta (E_a - E_b))
        ratio = Wk[a, b] / Wk[b, a]
        assert relative_error(np.log(ratio), -beta * (E[a] - E[b])) < 1e-9
        # Eq. (17): each bath alone has the Gibbs state as stationary state
        gibbs = np.exp(-beta * (E - E.min()))
        R = generator(W[key]).toarray()
        assert np.max(np.abs(R @ gibbs)) < 1e-12 * np.max(np.abs(R))


@pytest.mark.parametrize("N", [3, 6, 9, 31, 101])
@pytest.mark.parametrize("betas", [(2.0, 1.0, 1e-3), (2.5, 1.2, 0.4), (1.0, 2.0, 0.5)])
def test_first_and_second_law_and_tur(N, betas):
    bc, bh, bw = betas
    r = solve(fig2_model(N, beta_c=bc, beta_h=bh, beta_w=bw))
    scale = max(abs(r.I_c), abs(r.I_h), abs(r.I_w))
    assert abs(r.first_law) < 1e-10 * scale                     # Eq. (15)
    assert r.sigma >= -1e-12 * scale                             # Eq. (18)
    if r.I_c != 0:
        assert r.tur_ratio >= 2.0 - 1e-9                         # Eq. (19)
    assert r.residual < 1e-12
    assert np.all(r.populations >= 0) and abs(r.populations.sum() - 1) < 1e-13


def test_cop_bounds_when_cooling():
    r = solve(fig2_model(31))
    assert r.cooling and r.cop is not None
    assert r.cop <= r.cop_tur() <= r.cop_carnot()               # Eq. (20), (F1)
    assert r.cop <= r.cop_carnot_exact() <= r.cop_carnot()
    hot = solve(fig2_model(31, beta_c=5.0))                      # beyond beta_c^max: no cooling
    assert not hot.cooling and hot.cop is None and hot.cop_tur() is None


def test_against_high_precision_solve():
    # 16 levels, escape rates over ~12 decades: current and noise against 40-digit mpmath
    m = fig2_model(31)
    E, _, W = jump_rates(m)
    r = solve(m)
    mp.mp.dps = 40
    n = E.size
    Wt = (W["c"] + W["h"] + W["w"]).toarray()
    A = mp.matrix(Wt.tolist())
    for j in range(n):
        A[j, j] = -mp.fsum(A[i, j] for i in range(n) if i != j)
    K = mp.zeros(n + 1, n + 1)
    for i in range(n):
        for j in range(n):
            K[i, j] = A[i, j]
        K[n, i] = 1
    K[0, n] = 1
    rhs = mp.zeros(n + 1, 1)
    rhs[n] = 1
    x = mp.lu_solve(K, rhs)
    p = mp.matrix([x[i] for i in range(n)])
    d = fcs.energy_increments(W["c"], E)
    M1, M2, _ = [mp.matrix(M.toarray().tolist()) for M in fcs.jump_moments(W["c"], d, 3)]
    one = mp.ones(1, n)
    c1 = (one * M1 * p)[0]
    y = M1 * p - c1 * p
    v = mp.lu_solve(K, mp.matrix([y[i] for i in range(n)] + [0]))
    v1 = -mp.matrix([v[i] for i in range(n)])
    c2 = (one * M2 * p)[0] + 2 * (one * M1 * v1)[0]
    assert relative_error(r.I_c, float(c1)) < 1e-13
    assert relative_error(r.S_c, float(c2)) < 1e-13


# --- symmetry, parity, even N ----------------------------------------------------------------

@pytest.mark.parametrize("N", [5, 7, 21])
def test_odd_N_parity_sectors_are_equivalent(N):
    a, b = solve(fig2_model(N, parity=1)), solve(fig2_model(N, parity=-1))
    assert relative_error([a.I_c, a.I_h, a.S_c], [b.I_c, b.I_h, b.S_c]) < 1e-12


@pytest.mark.parametrize("N", [4, 6, 10])
def test_even_N_sectors_differ_and_have_m0(N):
    plus, minus = parity_sector(N / 2, 1), parity_sector(N / 2, -1)
    assert plus.labels[0] == 0.0 and minus.labels[0] == 1.0
    assert plus.dimension == N // 2 + 1 and minus.dimension == N // 2      # footnote [60]
    a, b = solve(fig2_model(N, parity=1)), solve(fig2_model(N, parity=-1))
    assert relative_error(a.I_c, b.I_c) > 1e-2


# --- claims of the paper ---------------------------------------------------------------------

def test_reduced_model_cools_exactly_between_beta_h_and_3_beta_h():
    # App. G: with beta_w -> 0 the three-level model cools iff beta_c in (beta_h, 3 beta_h);
    # the upper end is where n_c = n_h; the lower end is the definition of "cold" (for
    # beta_c < beta_h energy still leaves the c bath, which is then the hotter one)
    for bh in (0.5, 1.0):
        inside = solve(fig2_model(31, beta_c=2.99 * bh, beta_h=bh, beta_w=0.0), reduced=True)
        outside = solve(fig2_model(31, beta_c=3.01 * bh, beta_h=bh, beta_w=0.0), reduced=True)
        assert inside.I_c > 0 > outside.I_c


def test_infinite_temperature_limit_is_the_limit():
    # beta_w = 0 (coarse-grained, exact) against beta_w -> 0 (three-level model)
    m0 = solve(fig2_model(31, beta_w=0.0), reduced=True)
    for bw, tol in ((1e-4, 2e-3), (1e-6, 2e-5)):
        r = solve(fig2_model(31, beta_w=bw), reduced=True)
        assert relative_error(r.I_c, m0.I_c) < tol
        assert relative_error(r.S_c, m0.S_c) < tol
    # a strong resonant laser is the same limit (end of App. G)
    las = solve(fig2_model(31, laser=1e9), reduced=True)
    assert relative_error(las.I_c, m0.I_c) < 1e-6 and relative_error(las.S_c, m0.S_c) < 1e-6


def test_full_model_infinite_temperature_work_bath_equalises_all_levels():
    r = solve(fig2_model(11, beta_w=0.0))
    assert relative_error(r.populations, np.full(6, 1 / 6)) < 1e-14
    assert not r.cooling


def test_quadratic_scaling_fig2():
    # Fig. 2: current and noise grow like N^2 (full and reduced); Eq. (21): sqrt(S)/I ~ 1/N
    for reduced in (False, True):
        a, b = solve(fig2_model(1001), reduced=reduced), solve(fig2_model(2001), reduced=reduced)
        assert b.I_c / a.I_c == pytest.approx(4.0, rel=0.01)
        assert b.S_c / a.S_c == pytest.approx(4.0, rel=0.01)
        assert (np.sqrt(b.S_c) / b.I_c) / (np.sqrt(a.S_c) / a.I_c) == pytest.approx(0.5, rel=0.01)
    # "the performance of the full model is a bit worse" than the reduced model
    for N in (11, 101, 1001):
        full, red = solve(fig2_model(N)), solve(fig2_model(N), reduced=True)
        assert 0.5 * red.I_c < full.I_c < red.I_c


def test_large_N_solves():
    r = solve(fig2_model(20001))
    assert r.residual < 1e-12 and r.cooling
    assert r.populations.size == 10001


@pytest.mark.slow
def test_N_1e5():
    r = solve(fig2_model(100001))
    assert r.residual < 1e-12 and r.cooling
    assert abs(r.first_law) < 1e-10 * abs(r.I_c)


def test_bad_input():
    with pytest.raises(ParameterError, match="N must be"):
        fig2_model(1)
    with pytest.raises(ParameterError, match="width"):
        PeakedBath(beta=1.0, center=2.0, width=0.0, amplitude=1.0)
    with pytest.raises(ParameterError, match="amplitude"):
        PeakedBath(beta=1.0, center=2.0, width=0.1, amplitude=-1.0)
    with pytest.raises(ParameterError, match="beta_c"):
        fig2_model(5, beta_c=0.0)
    with pytest.raises(ParameterError, match="three-level"):
        solve(fig2_model(3), reduced=True)
    with pytest.raises(ParameterError, match="laser"):
        solve(SpinRefrigerator(N=5, cold=fig2_model(5).cold, hot=fig2_model(5).hot,
                               work=PeakedBath(beta=1.0, center=5.0, width=0.1, amplitude=1.0),
                               laser=1.0))

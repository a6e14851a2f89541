"""The cumulant engine: exact algebra and Heisenberg equations against QuTiP matrices, the
closure formula, completion, and the large-N limit against exact finite-N dynamics."""

import itertools
import random

import numpy as np
import pytest
import qutip
import sympy as sp

from dickeheat.errors import ParameterError
from dickeheat.numeric.accuracy import relative_error
from dickeheat.symbolic.cumulants import (
    ALLOWED_ORDERS,
    Channel,
    close,
    complete,
    cumulant_expansion,
    expectation,
    heisenberg,
    meanfield,
    scaled_limit,
)
from dickeheat.symbolic.cumulants_numeric import CompiledMoments, real_system
from dickeheat.symbolic.spin_poly import SpinSystem

J1, J2 = 1.5, 1.0
SYS = SpinSystem((sp.Rational(3, 2), sp.Integer(1)))


def _gen_matrix(site, g, js=(J1, J2)):
    mats = [qutip.qeye(int(2 * j + 1)) for j in js]
    mats[site] = qutip.jmat(js[site], g)
    return qutip.tensor(mats)


def _poly_matrix(p, js=(J1, J2)):
    dims = [int(2 * j + 1) for j in js]
    out = 0 * qutip.tensor([qutip.qeye(d) for d in dims])
    for m, v in p.terms.items():
        A = qutip.tensor([qutip.qeye(d) for d in dims])
        for site, (a, b, c) in enumerate(m):
            for g, n in (("+", a), ("z", b), ("-", c)):
                for _ in range(n):
                    A = A * _gen_matrix(site, g, js)
        out = out + complex(v) * A
    return out


def test_canonical_products_equal_matrix_products():
    rng = random.Random(3)
    gens = {"+": SYS.sp, "-": SYS.sm, "z": SYS.sz}
    for _ in range(40):
        word = [(rng.randrange(2), rng.choice("+z-")) for _ in range(rng.randrange(1, 7))]
        p, M = SYS.scalar(1), _poly_matrix(SYS.scalar(1))
        for site, g in word:
            p = p * gens[g](site)
            M = M * _gen_matrix(site, g)
        assert (_poly_matrix(p) - M).norm() < 1e-9


def test_heisenberg_equations_are_exact_on_random_states():
    w, g1, g2, g3 = 0.7, 0.3, 0.45, 0.2
    H = (SYS.sp(0) * SYS.sm(1) + SYS.sm(0) * SYS.sp(1)) * w + SYS.sz(0) ** 2 * 0.3
    chans = [Channel(g1, SYS.sm(0)), Channel(g2, SYS.sp(1)), Channel(g3, SYS.sz(0))]
    L = qutip.liouvillian(_poly_matrix(H), [np.sqrt(c.rate) * _poly_matrix(c.jump)
                                            for c in chans])
    rho = qutip.rand_dm([[4, 3]], seed=5)
    drho = qutip.vector_to_operator(L * qutip.operator_to_vector(rho))
    for op in (SYS.sz(0), SYS.sp(0) * SYS.sz(1), SYS.sz(0) * SYS.sm(0) * SYS.sm(1) ** 2):
        exact = (_poly_matrix(op) * drho).tr()
        ours = (_poly_matrix(heisenberg(op, H, chans)) * rho).tr()
        assert abs(exact - ours) < 1e-10


def test_third_order_closure_is_the_symmetric_formula():
    m = ((1, 1, 0), (0, 1, 0))  # <S1+ S1z S2z> at order 2
    p = cumulant_expansion(m, 2)
    a, b, c = ((1, 0, 0), (0, 0, 0)), ((0, 1, 0), (0, 0, 0)), ((0, 0, 0), (0, 1, 0))
    ab, ac, bc = ((1, 1, 0), (0, 0, 0)), ((1, 0, 0), (0, 1, 0)), ((0, 1, 0), (0, 1, 0))
    expected = {tuple(sorted((ab, c))): 1, tuple(sorted((ac, b))): 1,
                tuple(sorted((bc, a))): 1, tuple(sorted((a, b, c))): -2}
    assert {k: int(v) for k, v in p.items()} == expected
    # order 1: the product of means; an order >= the degree leaves the moment alone
    assert cumulant_expansion(m, 1) == {tuple(sorted((a, b, c))): 1}
    assert cumulant_expansion(m, 3) == {(m,): 1}


def test_closure_vanishes_on_the_fourth_cumulant_of_a_gaussian_word():
    # at order 2 with zero means, a four-factor moment is the sum of the three pairings
    m = ((1, 0, 0), (1, 0, 0))
    word4 = ((2, 0, 0), (2, 0, 0))
    p = cumulant_expansion(word4, 2)
    means = [k for k in p if any(sum(map(sum, x)) == 1 for x in k)]
    assert means  # present before setting the means to zero
    pairings = {k: v for k, v in p.items() if all(sum(map(sum, x)) == 2 for x in k)}
    # <A A B B> -> <AA><BB> + 2 <AB>^2 (the three pairings of the word A A B B)
    aa, bb = ((2, 0, 0), (0, 0, 0)), ((0, 0, 0), (2, 0, 0))
    assert pairings == {tuple(sorted((aa, bb))): 1, (m, m): 2}


@pytest.mark.parametrize("order", [0, 4, 2.0, "2"])
def test_unsupported_order_is_rejected(order):
    with pytest.raises(ParameterError, match=r"order must be one of \(1, 2, 3\)"):
        meanfield([SYS.sz(0)], 0, [Channel(1, SYS.sm(0))], order=order)
    with pytest.raises(ParameterError, match="order"):
        close({}, order)


def test_complete_closes_the_moment_set():
    chans = [Channel(sp.Symbol("g", positive=True), SYS.sm(0))]
    H = SYS.sp(0) * SYS.sm(1) + SYS.sm(0) * SYS.sp(1)
    for order in ALLOWED_ORDERS:
        eqs = complete(meanfield([SYS.sz(0)], H, chans, order=order), H, chans)
        assert not eqs.missing()
        assert max(sum(map(sum, m)) for m in eqs.monomials) <= order


def test_real_system_needs_real_parameters_and_closed_equations():
    g = sp.Symbol("g")  # no assumption
    eqs = meanfield([SYS.sz(0)], 0, [Channel(g, SYS.sm(0))], order=1)
    with pytest.raises(ParameterError, match="real"):
        real_system(eqs, (g,))
    open_eqs = meanfield([SYS.sm(0)], SYS.sp(0) * SYS.sm(1), [], order=2)
    with pytest.raises(ParameterError, match="not closed"):
        real_system(open_eqs, ())


S = sp.Symbol("S", positive=True)
G = sp.Symbol("Gamma", positive=True)
t, td = sp.symbols("t t_d", real=True)


def test_superradiant_mean_field_is_the_tanh_law():
    ops = SpinSystem((S,))
    eqs = meanfield([ops.sz(0)], 0, [Channel(G / (2 * S), ops.sm(0))], order=1)
    macro = scaled_limit(eqs, S)
    (rhs,) = macro.sympy_rhs()
    mu = macro.symbols[0]
    assert sp.expand(rhs - (-(G / 2) * (1 - mu**2))) == 0
    m_t = -sp.tanh(G * (t - td) / 2)  # <J_z> = -(N/2) tanh(N gamma (t - t_d)/2), Gamma = N gamma
    assert sp.simplify(sp.diff(m_t, t) - rhs.subs(mu, m_t)) == 0


def _exact_decay(N, t_eval, theta=2.0):
    j = N / 2
    H = 0 * qutip.jmat(j, "z")
    c_ops = [np.sqrt(1.0 / N) * qutip.jmat(j, "-")]  # Gamma = 1, rate Gamma/N
    psi0 = qutip.spin_coherent(j, theta, 0.0)
    ops = [qutip.jmat(j, "z") / j, (qutip.jmat(j, "z") / j) ** 2]
    res = qutip.mesolve(H, psi0, t_eval, c_ops, e_ops=ops,
                        options={"atol": 1e-10, "rtol": 1e-8})
    return np.asarray(res.expect[0]).real, np.asarray(res.expect[1]).real


def test_exact_superradiant_decay_approaches_the_closed_equations_as_one_over_n():
    t_eval = np.linspace(0.0, 8.0, 81)
    ops = SpinSystem((S,))
    eqs1 = scaled_limit(meanfield([ops.sz(0)], 0, [Channel(G / (2 * S), ops.sm(0))],
                                  order=1), S)
    model = CompiledMoments(real_system(eqs1, (G,)))
    deviations = []
    sizes = (10, 20, 40, 80)
    for N in sizes:
        mz, _ = _exact_decay(N, t_eval)
        mf = model.evolve({G: 1.0}, [mz[0]], t_eval)[:, 0]
        deviations.append(np.max(np.abs(mz - mf)))
    slope = np.polyfit(np.log(sizes), np.log(deviations), 1)[0]
    assert -1.15 < slope < -0.85, (slope, deviations)


def test_second_order_closure_beats_mean_field_at_finite_n():
    N = 20
    t_eval = np.linspace(0.0, 8.0, 81)
    mz, mz2 = _exact_decay(N, t_eval)
    ops = SpinSystem((sp.Integer(N) / 2,))
    errors = []
    for order in (1, 2):
        chans = [Channel(G / N, ops.sm(0))]
        eqs = complete(meanfield([ops.sz(0)], 0, chans, order=order), 0, chans)
        model = CompiledMoments(real_system(eqs, (G,)))
        j = N / 2
        y0 = model.pack({((0, 1, 0),): mz[0] * j, ((0, 2, 0),): mz2[0] * j * j}
                        if order == 2 else {((0, 1, 0),): mz[0] * j})
        traj = model.evolve({G: 1.0}, y0, t_eval)[:, 0] / j
        errors.append(relative_error(traj, mz))
    assert errors[1] < errors[0] / 3, errors


def test_scaled_limit_rejects_a_divergent_scaling():
    ops = SpinSystem((S,))
    eqs = meanfield([ops.sz(0)], 0, [Channel(G, ops.sm(0))], order=1)  # rate not scaled
    with pytest.raises(ParameterError, match="no macroscopic limit"):
        scaled_limit(eqs, S)


def test_expectation_of_identity_is_the_number_one():
    assert expectation(SYS.scalar(3)) == {(): 3}
    assert list(itertools.islice(expectation(SYS.sz(0)).values(), 1)) == [1]

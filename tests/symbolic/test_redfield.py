"""Symbolic Redfield and GKSL dissipators."""

import numpy as np
import pytest
import sympy as sp
from sympy.physics.quantum import Operator

from dickeheat.errors import DickeheatError
from dickeheat.symbolic.redfield import (
    bohr_components,
    commutator_form,
    eigenoperator_frequency,
    gksl_dissipator,
    gksl_rate,
    heat_current,
    interaction_picture,
    lambda_from_correlation,
    redfield_current_operator,
    redfield_dissipator,
)
from dickeheat.symbolic.spin import JM, JP, JZ, collective_spin_algebra

E = sp.symbols("E1:4", real=True)
G = sp.Function("Gamma")


def _generic_hermitian(prefix):
    M = sp.zeros(3, 3)
    for i in range(3):
        M[i, i] = sp.Symbol(f"{prefix}{i}{i}", real=True)
        for j in range(i + 1, 3):
            real = sp.Symbol(f"{prefix}{i}{j}r", real=True)
            imag = sp.Symbol(f"{prefix}{i}{j}i", real=True)
            z = real + sp.I * imag
            M[i, j], M[j, i] = z, sp.conjugate(z)
    return M


def test_bohr_components_sum_to_A_and_are_eigenoperators():
    H, A = sp.diag(*E), _generic_hermitian("a")
    comps = bohr_components(H, A)
    assert sp.simplify(sum(comps.values(), sp.zeros(3, 3)) - A) == sp.zeros(3, 3)
    for w, Aw in comps.items():
        assert sp.simplify(H * Aw - Aw * H + w * Aw) == sp.zeros(3, 3)


def test_interaction_picture_phase():
    H, A = sp.diag(*E[:2]), sp.Matrix([[0, 1], [1, 0]])
    s = sp.Symbol("s", real=True)
    At = interaction_picture(H, A, -s)
    assert sp.simplify(At[0, 1] - sp.exp(sp.I * (E[1] - E[0]) * s)) == 0


def test_white_noise_lambda_is_half_A():
    s = sp.Symbol("s", real=True)
    c = sp.Symbol("c", positive=True)
    H, A = sp.diag(*E), _generic_hermitian("a")
    Lam = lambda_from_correlation(H, A, c * sp.DiracDelta(s), s)
    assert sp.simplify(Lam - c * A / 2) == sp.zeros(3, 3)


def test_redfield_is_trace_preserving_and_hermitian():
    H, A = sp.diag(*E), _generic_hermitian("a")
    rho = _generic_hermitian("r")
    D = redfield_dissipator(H, [A], rho, Gamma=lambda k, l, w: G(w))
    assert sp.expand(D.trace()) == 0
    assert sp.expand(D - D.H) == sp.zeros(3, 3)


def test_current_equals_commutator_form():
    H, A = sp.diag(*E), _generic_hermitian("a")
    rho = _generic_hermitian("r")
    def Gam(k, l, w):
        return G(w)
    J = heat_current(H, redfield_dissipator(H, [A], rho, Gamma=Gam))
    assert sp.expand(J - commutator_form(H, [A], rho, Gam)) == 0


def test_gksl_current_equals_redfield_for_diagonal_state_but_not_in_general():
    H, A = sp.diag(*E), _generic_hermitian("a")
    table = {}

    def Gam(k, l, w):
        key = sp.expand(w)
        if key not in table:
            table[key] = sp.Symbol(f"g{len(table)}r", real=True) + sp.I * sp.Symbol(
                f"g{len(table)}i", real=True)
        return table[key]

    diag = sp.diag(*sp.symbols("p1:4", nonnegative=True))
    JR = heat_current(H, redfield_dissipator(H, [A], diag, Gamma=Gam))
    JG = heat_current(H, gksl_dissipator(H, [A], diag, rates=gksl_rate(Gam)))
    assert sp.expand(JR - JG) == 0
    rho = _generic_hermitian("r")  # with coherences the two differ
    JR = heat_current(H, redfield_dissipator(H, [A], rho, Gamma=Gam))
    JG = heat_current(H, gksl_dissipator(H, [A], rho, rates=gksl_rate(Gam)))
    assert sp.expand(JR - JG) != 0


def test_redfield_current_operator_on_collective_spins():
    w, g = sp.symbols("omega g", positive=True)
    alg = collective_spin_algebra()
    H = w * JZ
    assert eigenoperator_frequency(H, JM, alg) == w
    assert eigenoperator_frequency(H, JP, alg) == -w
    with pytest.raises(DickeheatError):
        eigenoperator_frequency(H, JP + JM, alg)
    c = sp.Symbol("c", positive=True)
    O, _ = redfield_current_operator(H, [(w, g * JM), (-w, g * JP)], lambda nu: c / 2, alg,
                                     Operator("rho"))
    # white noise: J = (c/2)<[A,[H,A]]> + c.c. with A = g(J+ + J-): -2 c g^2 w <Jz>
    assert sp.simplify(alg.order(O + alg.dagger(O)) + 2 * c * g**2 * w * JZ) == 0


def test_matrix_dissipator_requires_diagonal_H():
    with pytest.raises(DickeheatError, match="diagonal"):
        bohr_components(sp.Matrix([[0, 1], [1, 0]]), sp.eye(2))
    with pytest.raises(DickeheatError):
        redfield_dissipator(sp.eye(2), [sp.eye(2)], sp.eye(2))


def test_symbolic_current_matches_numeric_redfield():
    from dickeheat.numeric.redfield import Coupling, redfield_current
    from dickeheat.symbolic.bath import Lorentzian

    bath = Lorentzian(strength=0.5, kappa=0.8, center=1.1, T=0.6)
    Gnum = bath.one_sided_function()
    Ev = (0.0, 0.9, 2.3)
    rng = np.random.default_rng(3)
    X = rng.normal(size=(3, 3)) + 1j * rng.normal(size=(3, 3))
    A = 0.5 * (X + X.conj().T)
    Y = rng.normal(size=(3, 3)) + 1j * rng.normal(size=(3, 3))
    rho = Y @ Y.conj().T
    rho /= np.trace(rho)
    H = sp.diag(*[sp.Float(e) for e in Ev])
    J = heat_current(H, redfield_dissipator(
        H, [sp.Matrix(A)], sp.Matrix(rho),
        Gamma=lambda k, l, w: complex(Gnum(np.array([float(w)]))[0])))
    Jn = redfield_current(np.diag(Ev), Coupling((A,), (bath,)), rho)
    assert complex(J).real == pytest.approx(Jn, rel=1e-10)

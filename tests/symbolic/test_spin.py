"""Collective-spin algebra, Dicke matrix elements and the Pauli site algebra."""

import numpy as np
import pytest
import qutip
import sympy as sp

from dickeheat.errors import DickeheatError
from dickeheat.symbolic.algebra import OperatorAlgebra
from dickeheat.symbolic.spin import (
    J2,
    JM,
    JP,
    JZ,
    BoltzmannOperator,
    casimir_form,
    collective_spin_algebra,
    eigenvalue,
    matrix_element,
    pauli_algebra,
    pauli_site,
    raising_normalization,
    spin_commutator,
)

J, M = sp.symbols("J M", real=True)
ALG = collective_spin_algebra()


def test_commutation_relations():
    assert spin_commutator(JZ, JP) == JP
    assert spin_commutator(JZ, JM) == -JM
    assert spin_commutator(JP, JM) == 2 * JZ


@pytest.mark.parametrize("op", [JP, JM, JZ])
def test_casimir_is_a_strong_symmetry(op):
    assert spin_commutator(J2, op) == 0
    assert ALG.commutator(J2, op) == 0


def test_ordering_identities():
    assert ALG.order(JM * JP) == sp.expand(JP * JM - 2 * JZ)
    assert ALG.equal(JP * JZ, JZ * JP - JP)
    assert ALG.equal(JZ * JM, JM * JZ - JM)
    assert casimir_form(ALG.order(JM * JP)) == sp.expand(J2 - JZ**2 - JZ)


def _jmat(j):
    return {JP: qutip.jmat(j, "+").full(), JM: qutip.jmat(j, "-").full(),
            JZ: qutip.jmat(j, "z").full()}


def _to_matrix(expr, mats):
    """Evaluate a polynomial in JP, JM, JZ with the given matrices."""
    dim = next(iter(mats.values())).shape[0]
    total = np.zeros((dim, dim), dtype=complex)
    for term in sp.Add.make_args(sp.expand(expr)):
        coeff, factors = term.args_cnc()
        mat = np.eye(dim, dtype=complex) * complex(sp.Mul(*coeff))
        for f in factors:
            if isinstance(f, sp.Pow):
                mat = mat @ np.linalg.matrix_power(mats[f.base], int(f.exp))
            else:
                mat = mat @ mats[f]
        total += mat
    return total


@pytest.mark.parametrize("j", [0.5, 1.0, 2.5])
def test_ordered_forms_equal_as_matrices(j):
    mats = _jmat(j)
    for expr in (JM * JP * JZ, JZ * JM * JP * JM, JP * JZ * JM - JM * JZ * JP):
        np.testing.assert_allclose(_to_matrix(ALG.order(expr), mats), _to_matrix(expr, mats),
                                   atol=1e-12)


def test_ladder_matrix_elements_match_qutip():
    up = matrix_element(JP, J, M + 1, J, M)
    down = matrix_element(JM, J, M - 1, J, M)
    for j in (0.5, 1.0, 1.5, 3.0):
        jp = qutip.jmat(j, "+").full()
        ms = [j - k for k in range(int(2 * j) + 1)]  # jmat basis: index 0 is m = +J
        for i, mv in enumerate(ms):
            if i > 0:
                assert float(up.subs({J: j, M: mv})) == pytest.approx(abs(jp[i - 1, i]), abs=1e-12)
            if i < len(ms) - 1:
                assert float(down.subs({J: j, M: mv})) == pytest.approx(abs(jp[i, i + 1]),
                                                                        abs=1e-12)


def test_casimir_eigenvalue_of_ladder_products():
    assert sp.expand(eigenvalue(JP * JM, J, M) - (J * (J + 1) - M**2 + M)) == 0
    assert sp.expand(eigenvalue(JM * JP, J, M) - (J * (J + 1) - M**2 - M)) == 0
    assert sp.expand(eigenvalue(J2, J, M) - J * (J + 1)) == 0


def test_boltzmann_exchange_rule_matches_matrices():
    x = sp.Symbol("x", positive=True)
    G = BoltzmannOperator(x)
    lhs = ALG.order(JM * G)
    assert lhs == sp.exp(-x) * G * JM
    assert ALG.order(JP * G) == sp.exp(x) * G * JP
    jm, jz = qutip.jmat(1.5, "-"), qutip.jmat(1.5, "z")
    xv = 0.7
    g = (-xv * jz).expm()
    np.testing.assert_allclose((jm * g).full(), np.exp(-xv) * (g * jm).full(), atol=1e-12)


def test_dicke_normalisation_matches_qutip():
    Jp, m = sp.symbols("J m", positive=True)
    c, _ = raising_normalization(Jp, m)
    for twoJ in (1, 2, 3, 4):
        lowest = qutip.basis(twoJ + 1, twoJ)
        for k in range(twoJ + 1):
            vec = qutip.jmat(twoJ / 2, "+") ** k * lowest if k else lowest
            value = c.subs({Jp: sp.Rational(twoJ, 2), m: k - sp.Rational(twoJ, 2)})
            assert float(value) == pytest.approx(1 / vec.norm(), rel=1e-12)


def test_pauli_site_algebra():
    alg = pauli_algebra()
    sp1, sm1, sz1 = (pauli_site(k, "1") for k in "+-z")
    sz2 = pauli_site("z", "2")
    assert alg.order(sp1 * sm1) == sp.Rational(1, 2) + sz1 / 2
    assert alg.order(sm1 * sp1) == sp.Rational(1, 2) - sz1 / 2
    assert alg.order(sz2 * sp1) == sp1 * sz2  # different sites commute
    assert alg.order(sp1 * sp1) == 0
    with pytest.raises(ValueError, match="kind"):
        pauli_site("w", "1")


def test_non_terminating_exchange_raises():
    from sympy.physics.quantum import Operator

    a, b = Operator("a"), Operator("b")
    looping = OperatorAlgebra(exchange=lambda B, A: A * B if {A, B} == {a, b} else None,
                              adjoints={})
    with pytest.raises(DickeheatError, match="terminate"):
        looping.order(a * b, max_steps=50)

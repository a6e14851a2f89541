import sympy as sp
from sympy.physics.quantum import Dagger

from dickeheat.symbolic.oscillator import (
    boson,
    fock_matrix,
    ladder_forms,
    normal_order,
    number_conserving,
    pauli_decomposition,
    truncate_to_qubit,
)

b = boson("b")
hbar, Z = sp.symbols("hbar Z", positive=True)


def test_fourth_power_number_conserving_part():
    # <n|(b+b†)^4|n> = 6n² + 6n + 3, so the number-conserving part is 6b†²b² + 12b†b + 3
    nc = number_conserving(normal_order((b + Dagger(b)) ** 4))
    m = fock_matrix(nc, b, 5)
    for k in range(5):
        assert m[k, k] == 6 * k**2 + 6 * k + 3


def test_ladder_forms_commutator():
    q, phi = ladder_forms(b, hbar, Z)
    assert sp.simplify(normal_order(q * phi - phi * q)) == sp.I * hbar


def test_fock_matrix_of_b_is_sqrt_n_superdiagonal():
    m = fock_matrix(b, b, 4)
    assert m == sp.Matrix(4, 4, lambda i, j: sp.sqrt(j) if j == i + 1 else 0)


def test_truncation_to_pauli():
    from sympy.physics.paulialgebra import Pauli

    assert pauli_decomposition(truncate_to_qubit(b + Dagger(b), b)) == Pauli(1)
    number = pauli_decomposition(truncate_to_qubit(Dagger(b) * b, b))
    assert sp.expand(number - (1 + Pauli(3)) / 2) == 0

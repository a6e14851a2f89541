"""Lindblad dissipators and adjoints on operator expressions."""

import pytest
import qutip
import sympy as sp
from sympy.physics.quantum import Operator

from dickeheat.errors import DickeheatError
from dickeheat.symbolic.algebra import expectation_form
from dickeheat.symbolic.lindblad import (
    Channel,
    adjoint_dissipator,
    channel_rates,
    dissipator,
    heat_current,
    total_dissipator,
)
from dickeheat.symbolic.spin import (
    JM,
    JP,
    JZ,
    BoltzmannOperator,
    collective_spin_algebra,
    pauli_algebra,
    pauli_site,
)

ALG = collective_spin_algebra()
g, n = sp.symbols("gamma n", positive=True)


def test_adjoint_dissipator_of_jz_reduced_by_commutators():
    assert adjoint_dissipator(JM, JZ, ALG) == -JP * JM
    assert ALG.equal(adjoint_dissipator(JP, JZ, ALG), JM * JP)


def test_adjoint_of_a_commuting_operator_vanishes():
    assert adjoint_dissipator(JM, JP * JM - JZ**2 + JZ, ALG) != 0  # J+J- does not commute
    # J² commutes with every jump: D†[A](J²) = 0
    from dickeheat.symbolic.spin import J2

    assert adjoint_dissipator(JM, J2, ALG) == 0
    assert adjoint_dissipator(JP, J2, ALG) == 0


def _mats(j):
    return {JP: qutip.jmat(j, "+"), JM: qutip.jmat(j, "-"), JZ: qutip.jmat(j, "z")}


def _evaluate(expr, mats, dim):
    total = qutip.qzero(dim)
    for term in sp.Add.make_args(sp.expand(expr)):
        coeff, factors = term.args_cnc()
        mat = complex(sp.Mul(*coeff)) * qutip.qeye(dim)
        for f in factors:
            mat = mat * (mats[f.base] ** int(f.exp) if isinstance(f, sp.Pow) else mats[f])
        total += mat
    return total


@pytest.mark.parametrize("j", [0.5, 1.5, 3.0])
def test_heat_current_equals_trace_of_qutip_dissipator(j):
    gv, nv = 0.7, 0.4
    _, op = heat_current(JZ, [Channel(g * (1 + n), JM), Channel(g * n, JP)], ALG)
    op_num = _evaluate(op.subs({g: gv, n: nv}), _mats(j), int(2 * j + 1))
    jp, jm, jz = qutip.jmat(j, "+"), qutip.jmat(j, "-"), qutip.jmat(j, "z")
    D = gv * (1 + nv) * qutip.lindblad_dissipator(jm) + gv * nv * qutip.lindblad_dissipator(jp)
    for seed in (1, 2):
        rho = qutip.rand_dm(int(2 * j + 1), seed=seed)
        direct = (jz * qutip.vector_to_operator(D * qutip.operator_to_vector(rho))).tr()
        assert qutip.expect(op_num, rho) == pytest.approx(direct.real, rel=1e-12, abs=1e-14)


def test_channel_rates_read_back():
    rho = Operator("rho")
    D = total_dissipator([Channel(g * (1 + n), JM), Channel(g * n, JP), Channel(2 * g, JM)],
                         rho, ALG)
    rates = channel_rates(D, [JM, JP], ALG)
    assert sp.simplify(rates[JM] - g * (3 + n)) == 0
    assert sp.simplify(rates[JP] - g * n) == 0
    with pytest.raises(ValueError):
        channel_rates(D + JZ * rho, [JM, JP], ALG)


def test_dissipator_trace_preserving():
    rho = Operator("rho")
    D = dissipator(JM, rho, ALG)
    # Tr[D(ρ)] = ⟨D†(1)⟩ = 0
    assert ALG.order(expectation_form(D, rho)) == 0


def test_expectation_form_requires_one_state():
    rho = Operator("rho")
    with pytest.raises(DickeheatError):
        expectation_form(JP * JM, rho)


def test_gibbs_state_stationary_iff_detailed_balance():
    x = sp.Symbol("x", positive=True)
    down, up = sp.symbols("down up", positive=True)
    G = BoltzmannOperator(x)
    dg = ALG.order(total_dissipator([Channel(down, JM), Channel(up, JP)], G, ALG))
    assert sp.simplify(dg.subs(up, down * sp.exp(-x))) == 0
    assert sp.simplify(dg.subs(up, down * sp.exp(-2 * x))) != 0


def test_local_dissipator_current_on_two_sites():
    alg = pauli_algebra()
    h0 = (pauli_site("z", "1") + pauli_site("z", "2")) / 2
    chans = [Channel(g * (1 + n), pauli_site("-", "1")), Channel(g * n, pauli_site("+", "1"))]
    _, op = heat_current(h0, chans, alg)
    expected = -g * (1 + (2 * n + 1) * pauli_site("z", "1")) / 2
    assert sp.expand(op - expected) == 0

"""The Dicke-basis population rates: derivation, sum rules, and two independent references
(QuTiP's PIQS coefficients and the full 2^N Liouvillian projected onto the Π_{J,M})."""

from fractions import Fraction
from math import comb

import numpy as np
import pytest
import qutip
import sympy as sp
from qutip import piqs
from qutip.piqs._piqs import jmm1_dictionary
from sympy.physics.quantum.cg import CG

from dickeheat.errors import ParameterError
from dickeheat.symbolic import dicke_rates as dr

HALF = sp.S.Half


@pytest.fixture(scope="module")
def symbolic_rates():
    return {"emission": dr.local_rates("emission"), "absorption": dr.local_rates("absorption")}


def _levels(n):
    h = sp.Rational(n, 2)
    return [(h - k, -(h - k) + i) for k in range(n // 2 + 1) for i in range(int(2 * (h - k)) + 1)]


# -- derivation ------------------------------------------------------------------------------
def test_degeneracy_closed_form_counts_all_states():
    d = dr.degeneracy()
    for n in range(1, 13):
        total = sum(int(d.subs({dr.N: n, dr.J: J})) * (2 * J + 1) for J, M in _levels(n) if M == -J)
        assert total == 2**n
        for J, M in _levels(n):
            if M == -J:
                expected = dr.degeneracy_int(n, Fraction(int(J.p), int(J.q)))
                assert int(d.subs({dr.N: n, dr.J: J})) == expected


def test_collective_rates_from_qapply_conserve_probability():
    c = dr.collective_rates()
    assert sp.expand(c["down"] - (dr.J + dr.M) * (dr.J - dr.M + 1)) == 0
    assert sp.expand(c["up"] - (dr.J - dr.M) * (dr.J + dr.M + 1)) == 0
    assert sp.expand(c["loss_down"] - c["down"]) == 0  # D[J_-] preserves the trace
    assert sp.expand(c["loss_up"] - c["up"]) == 0


@pytest.mark.parametrize("j2", [1, 2, 3, 4, 5])
def test_spin_half_cg_squared_matches_sympy_cg(j2):
    j = sp.Rational(j2, 2)
    for big in (j + HALF, j - HALF):
        for i in range(int(2 * big) + 1):
            m = -big + i
            for s in (HALF, -HALF):
                if abs(m - s) <= j:
                    assert sp.simplify(dr.spin_half_cg_squared(j, m, s, big)
                                       - CG(j, m - s, HALF, s, big, m).doit() ** 2) == 0


def test_spin_half_cg_rejects_bad_arguments():
    with pytest.raises(ParameterError, match="J must be j"):
        dr.spin_half_cg_squared(1, 0, HALF, 3)
    with pytest.raises(ParameterError, match="s must be"):
        dr.spin_half_cg_squared(1, 0, 1, sp.Rational(3, 2))
    with pytest.raises(ParameterError, match="kind"):
        dr.local_rates("dephasing")
    with pytest.raises(ParameterError, match="n must be"):
        dr.local_rates_exact(0)


@pytest.mark.parametrize("kind", ["emission", "absorption"])
def test_local_rates_sum_to_number_of_flippable_spins(kind):
    # Σ_j σ_±σ_∓ = N/2 ± J_z: the outflow of D[σ_∓] summed over the spins
    assert dr.sum_rule(kind) == 0


@pytest.mark.parametrize("kind", ["emission", "absorption"])
def test_symbolic_rates_agree_with_exact_rationals(symbolic_rates, kind):
    rates = symbolic_rates[kind]
    dm = -1 if kind == "emission" else 1
    for n in range(2, 9):
        exact = dr.local_rates_exact(n, kind)
        for J, M in _levels(n):
            for dj, expr in rates.items():
                key = (J, M, J + dj, M + dm)
                if J == 0:  # the closed forms read 0/0 at J = 0; exact values cover it
                    continue
                value = sp.nsimplify(expr.subs({dr.N: n, dr.J: J, dr.M: M}))
                assert value == exact.get(key, 0), (n, key)


def test_exact_rates_are_zero_into_missing_levels_and_sum_to_outflow():
    for n in range(1, 8):
        for kind, sign in (("emission", 1), ("absorption", -1)):
            exact = dr.local_rates_exact(n, kind)
            for J, M in _levels(n):
                out = sum(v for (a, b, _, _), v in exact.items() if (a, b) == (J, M))
                assert out == sp.Rational(n, 2) + sign * M
            for (_, _, Jt, Mt) in exact:
                assert abs(Mt) <= Jt <= sp.Rational(n, 2)


# -- reference 1: PIQS ---------------------------------------------------------------------------
def _pim_entries(n, **rates):
    """{(source (J, M), target (J, M)): value} of piqs.Pim's coefficient matrix (double
    precision; dp/dt = M p on the lumped Dicke populations)."""
    pim = piqs.Pim(n, **rates)
    mat = pim.coefficient_matrix().toarray()
    index = {}
    for row in range(n + 1):
        for col in range(n // 2 + 1):
            if pim.isdicke(row, col):
                j, m = pim.calculate_j_m(row, col)
                index[int(pim.calculate_k(row, col))] = (Fraction(j).limit_denominator(2),
                                                         Fraction(m).limit_denominator(2))
    return {(index[b], index[a]): mat[a, b] for a in index for b in index if mat[a, b] != 0}


def _key(J, M):
    return (Fraction(int(J.p), int(J.q)), Fraction(int(M.p), int(M.q)))


@pytest.mark.parametrize("n", [2, 3, 4, 5, 6, 7])
@pytest.mark.parametrize("kind,piqs_name", [("emission", "emission"), ("absorption", "pumping")])
def test_rates_match_piqs_pim_coefficients(n, kind, piqs_name):
    exact = dr.local_rates_exact(n, kind)
    ours = {(_key(J, M), _key(Jt, Mt)): float(v) for (J, M, Jt, Mt), v in exact.items()}
    theirs = {k: v for k, v in _pim_entries(n, **{piqs_name: 1.0}).items() if k[0] != k[1]}
    assert set(ours) == set(theirs)
    for k, v in ours.items():
        assert theirs[k] == pytest.approx(v, rel=1e-12)


@pytest.mark.parametrize("n", [3, 4, 6])
def test_rates_match_piqs_lindbladian_single_precision(n):
    """Dicke.lindbladian() declares its coefficients as C floats: agreement to ~1e-7."""
    L = piqs.Dicke(n, emission=1.0).lindbladian().full().real
    inv = jmm1_dictionary(n)[3]
    for (J, M, Jt, Mt), v in dr.local_rates_exact(n, "emission").items():
        a = inv[(float(J), float(M), float(M))]
        b = inv[(float(Jt), float(Mt), float(Mt))]
        assert L[b, a] == pytest.approx(float(v), rel=1e-6)


# -- reference 2: the full 2^N Liouvillian --------------------------------------------------------
def _projectors(n):
    """Π_{J,M} in the 2^N space: Lagrange polynomial of J² times the J_z eigenprojector."""
    jx, jy, jz = piqs.jspin(n, basis="uncoupled")
    j2 = (jx * jx + jy * jy + jz * jz).full()
    mz = np.real(np.diag(jz.full()))
    Js = [n / 2 - k for k in range(n // 2 + 1)]
    eye = np.eye(2**n)
    out = {}
    for J in Js:
        PJ = eye.copy()
        for Jo in Js:
            if Jo != J:
                PJ = PJ @ (j2 - Jo * (Jo + 1) * eye) / (J * (J + 1) - Jo * (Jo + 1))
        for i in range(round(2 * J) + 1):
            M = -J + i
            out[(J, M)] = PJ * (np.abs(mz - M) < 1e-9)[None, :]
    return out


@pytest.mark.parametrize("n", [2, 3, 4, 5, 6, 7])
def test_rates_match_projected_full_liouvillian(n):
    ops = []
    for site in range(n):
        factors = [qutip.qeye(2)] * n
        factors[site] = qutip.sigmam()
        ops.append(qutip.tensor(factors))
    L_em = qutip.liouvillian(None, ops).data_as("csr_matrix")
    L_ab = qutip.liouvillian(None, [o.dag() for o in ops]).data_as("csr_matrix")
    proj = _projectors(n)
    deg = {J: comb(n, int(n / 2 - J)) - (comb(n, int(n / 2 - J) - 1) if n / 2 - J >= 1 else 0)
           for J, _ in proj}
    for kind, L in (("emission", L_em), ("absorption", L_ab)):
        exact = {(float(J), float(M), float(Jt), float(Mt)): float(v)
                 for (J, M, Jt, Mt), v in dr.local_rates_exact(n, kind).items()}
        for (J, M), P in proj.items():
            vec = P.reshape(-1, order="F")
            R = (L @ vec).reshape(2**n, 2**n, order="F")
            coeff = {key: np.trace(Q @ R).real / deg[key[0]] for key, Q in proj.items()}
            closure = R - sum(c * proj[key] for key, c in coeff.items())
            assert np.abs(closure).max() < 1e-12  # L keeps the span of the Π_{J,M}
            for (Jt, Mt), c in coeff.items():
                if (Jt, Mt) == (J, M):
                    continue
                lumped = c * deg[Jt] / deg[J]  # W(J,M -> J',M') for P = d_J p
                assert lumped == pytest.approx(exact.get((J, M, Jt, Mt), 0.0), abs=1e-12)
            loss = (n / 2 + M) if kind == "emission" else (n / 2 - M)
            assert coeff[(J, M)] == pytest.approx(-loss, abs=1e-12)


def test_derivation_steps_are_labelled():
    steps = dr.derivation_steps()
    assert len(steps) == 10
    assert all(isinstance(s.expr, (sp.Expr, sp.Eq)) for s in steps)

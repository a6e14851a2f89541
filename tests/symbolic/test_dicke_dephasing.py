"""Dephasing on the Dicke lattice: derivation, sum rule, PIQS coefficients (with the γ_D = 2γ_φ
conversion) and the full 2^N Liouvillian projected on the Π_{J,M}."""

from fractions import Fraction
from math import comb

import numpy as np
import pytest
import qutip
import sympy as sp
from qutip import piqs

from dickeheat.errors import ParameterError
from dickeheat.numeric import dicke_lattice as lat
from dickeheat.symbolic import dicke_dephasing as dd
from dickeheat.symbolic import dicke_rates as dr


def _levels(n):
    h = sp.Rational(n, 2)
    return [(h - k, -(h - k) + i) for k in range(n // 2 + 1) for i in range(int(2 * (h - k)) + 1)]


def _key(J, M):
    return (Fraction(int(J.p), int(J.q)), Fraction(int(M.p), int(M.q)))


def test_sum_rule_outflow_is_N():
    # Σ_j (σ_z^(j))² = N: every level leaves at rate N (ΔJ = 0 included)
    assert dd.sum_rule() == 0


def test_collective_dephasing_has_no_population_rate():
    assert dd.collective_rate() == 0


def test_piqs_conversion_is_derived_and_checked_on_one_qubit():
    g = sp.Symbol("g", positive=True)
    assert dd.piqs_dephasing(g) == 2 * g
    # one qubit: the model's (γ_φ/2) D[σ_z] damps ⟨σ_+⟩ at γ_φ; PIQS's dephasing = 2γ_φ equals it
    gphi = 0.37
    ours = (gphi / 2) * qutip.lindblad_dissipator(qutip.sigmaz())
    theirs = piqs.Dicke(1, dephasing=float(dd.piqs_dephasing(gphi))).lindbladian().full()
    rho = qutip.Qobj([[0.3, 0.2 + 0.1j], [0.2 - 0.1j, 0.7]])
    d_ours = (ours * qutip.operator_to_vector(rho)).full().ravel()
    assert d_ours[2] == pytest.approx(-gphi * rho.full()[0, 1], rel=1e-15)  # coherence decay
    # PIQS Dicke basis for N = 1 is (j=1/2; m=1/2, −1/2): the same 2×2 element ordering
    d_piqs = theirs @ rho.full().reshape(-1)
    assert d_piqs[1] == pytest.approx(-gphi * rho.full()[0, 1], rel=1e-6)  # float32 rates
    # a planted factor 2 (γ_D = γ_φ) is caught
    bad = piqs.Dicke(1, dephasing=gphi).lindbladian().full() @ rho.full().reshape(-1)
    assert abs(bad[1] + gphi * rho.full()[0, 1]) > 0.1 * gphi * abs(rho.full()[0, 1])


def test_symbolic_rates_agree_with_exact_rationals_and_numeric_lattice():
    rates = dd.local_rates()
    for n in range(2, 9):
        exact = dd.local_rates_exact(n)
        for J, M in _levels(n):
            out = sum(v for (a, b, _, _), v in exact.items() if (a, b) == (J, M))
            assert out == n  # outflow N at every level, edges included
            lower, upper = lat.local_dephasing(n, float(J), np.array([float(M)]))
            for value, dj in ((lower, -1), (upper, 1)):
                ref = float(exact.get((J, M, J + dj, M), 0))
                assert float(value[0]) == pytest.approx(ref, abs=1e-12)
            if J == 0:  # the closed forms read 0/0 at J = 0
                continue
            for dj, expr in rates.items():
                value = sp.nsimplify(expr.subs({dr.N: n, dr.J: J, dr.M: M}))
                assert value == exact.get((J, M, J + dj, M), 0), (n, J, M, dj)


def _pim_entries(n, **rates):
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


@pytest.mark.parametrize("n", [2, 3, 4, 5, 6, 7])
def test_rates_match_piqs_pim_coefficients(n):
    gphi = 1.0
    gD = float(dd.piqs_dephasing(gphi))
    exact = dd.local_rates_exact(n)
    ours = {(_key(J, M), _key(Jt, Mt)): gphi / 2 * float(v)
            for (J, M, Jt, Mt), v in exact.items() if Jt != J}
    theirs = {k: v for k, v in _pim_entries(n, dephasing=gD).items() if k[0] != k[1]}
    assert set(ours) == set(theirs)
    worst = max(abs(theirs[k] - v) / v for k, v in ours.items())
    assert worst < 1e-12
    # with PIQS's parameter taken as γ_φ (no conversion) the check fails
    wrong = {k: v for k, v in _pim_entries(n, dephasing=gphi).items() if k[0] != k[1]}
    assert max(abs(wrong[k] - v) / v for k, v in ours.items()) > 0.4


def _projectors(n):
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
    return out, jz


@pytest.mark.parametrize("n", [2, 3, 4, 5, 6, 7])
def test_rates_match_projected_full_liouvillian(n):
    ops = []
    for site in range(n):
        factors = [qutip.qeye(2)] * n
        factors[site] = qutip.sigmaz()
        ops.append(qutip.tensor(factors))
    L = qutip.liouvillian(None, ops).data_as("csr_matrix")
    proj, jz = _projectors(n)
    Lc = qutip.lindblad_dissipator(jz).data_as("csr_matrix")
    deg = {J: comb(n, int(n / 2 - J)) - (comb(n, int(n / 2 - J) - 1) if n / 2 - J >= 1 else 0)
           for J, _ in proj}
    exact = {(float(J), float(M), float(Jt), float(Mt)): float(v)
             for (J, M, Jt, Mt), v in dd.local_rates_exact(n).items()}
    worst = 0.0
    for (J, M), P in proj.items():
        vec = P.reshape(-1, order="F")
        assert np.abs(Lc @ vec).max() < 1e-12  # D[J_z] Π_{J,M} = 0
        R = (L @ vec).reshape(2**n, 2**n, order="F")
        coeff = {key: np.trace(Q @ R).real / deg[key[0]] for key, Q in proj.items()}
        closure = R - sum(c * proj[key] for key, c in coeff.items())
        assert np.abs(closure).max() < 1e-12
        for (Jt, Mt), c in coeff.items():
            lumped = c * deg[Jt] / deg[J] + (n if (Jt, Mt) == (J, M) else 0.0)
            worst = max(worst, abs(lumped - exact.get((J, M, Jt, Mt), 0.0)))
    assert worst < 1e-12


def test_bad_arguments():
    with pytest.raises(ParameterError, match="n must be"):
        dd.local_rates_exact(0)
    with pytest.raises(ParameterError, match="branch"):
        dd.signed_cg(0)


def test_derivation_steps():
    steps = dd.derivation_steps()
    assert len(steps) == 6

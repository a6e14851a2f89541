"""The lattice cut of backend ``reduced``: where the probability of J falls below 1e-30 well
before N/2 (a strong or hot local bath), only J <= J_top is solved.

Checked against what the cut must leave unchanged, computed without it: the whole lattice
solved by the same backend (``cut=False``), the sparse generator of
:mod:`dickeheat.numeric.dicke_lattice` restricted to the cut chain and solved by sparse LU
(which checks the compiled kernels' treatment of the top ladder), and the probability at the
cut summed from the populations directly."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from dickeheat.errors import NumericalError
from dickeheat.numeric import dicke_lattice as lat
from dickeheat.numeric import reduced
from dickeheat.numeric.model import HeatValve
from dickeheat.numeric.reduced import _solve
from dickeheat.numeric.reduced._aggregation import LatticeRates, iterate
from dickeheat.numeric.reduced._log import LogReferenceSolver
from dickeheat.numeric.reduced._thermal import ThermalReferenceSolver

STRONG_HOT = {"gamma_h": 1.0, "gamma_c": 1.0, "T_h": 3.0, "T_c": 1 / 3, "gamma_p": 5.0, "T_p": 3.0}
PAPER = {"gamma_h": 1.0, "gamma_c": 1.0, "T_h": 3.0, "T_c": 1 / 3, "gamma_p": 0.001, "T_p": 1 / 3}
CUT_MODELS = {
    "strong hot local bath": HeatValve(N=400, **STRONG_HOT),
    "hot baths": HeatValve(N=300, gamma_h=1.0, gamma_c=1.0, T_h=100.0, T_c=30.0,
                           gamma_p=5.0, T_p=100.0),
    "asymmetric, with pumping": HeatValve(N=361, gamma_h=0.2, gamma_c=1.0, T_h=0.5, T_c=0.2,
                                          gamma_p=2.0, T_p=3.0, gamma_pump=0.05),
    # the collective baths at T = 0: the estimate follows the local bath's balance in M
    "collective baths at T = 0": HeatValve(N=300, gamma_h=1.0, gamma_c=1.0, T_h=0.0, T_c=0.0,
                                           gamma_p=1.0, T_p=3.0),
}
OBSERVABLES = ("Q_h", "Q_c", "Q_p", "jz", "J2")


@pytest.mark.parametrize("model", CUT_MODELS.values(), ids=CUT_MODELS.keys())
def test_cut_agrees_with_the_whole_lattice(model):
    # converged well below the comparison's 1e-10 (at the default tol the slow, log-path
    # cases are within ~1e-9 of the solution, cut or not)
    cut = reduced.solve(model, tol=1e-13)
    whole = reduced.solve(model, cut=False, tol=1e-13)
    assert cut.rho.J_max is not None and cut.rho.J_max <= 0.8 * model.N / 2  # it did cut
    assert whole.rho.J_max is None
    assert "cut above J" in cut.rho.reference
    assert 0.0 < cut.rho.cut_mass <= _solve.CUT_TOL
    for key in OBSERVABLES:
        a, b = getattr(whole, key), getattr(cut, key)
        assert abs(a - b) <= 1e-10 * max(abs(a), 1.0), key
    # every population above 1e-10 to the solver's tolerance; none above the cut
    lw, lc = whole.rho.log_P, cut.rho.log_P
    big = lw > math.log(1e-10)
    assert np.max(np.abs(np.expm1(lc[big] - lw[big]))) < 1e-9
    J = np.concatenate([np.full(len(cut.rho.block(j)[0]), j) for j in lat.block_J(model.N)])
    assert np.all(lc[J > cut.rho.J_max] == -np.inf)
    assert np.all(np.isfinite(lc[J <= cut.rho.J_max]))
    # what the whole lattice holds above the cut is what cut_mass bounds
    above = float(np.exp(lw[J > cut.rho.J_max]).sum())
    assert above <= cut.rho.cut_mass
    assert abs(cut.trace - 1.0) < 1e-12


def test_paper_parameters_are_not_cut():
    s = reduced.solve(HeatValve(N=300, **PAPER))
    assert s.rho.J_max is None and s.rho.cut_mass == 0.0
    assert "cut" not in s.rho.reference


def _cut_chain_lu(model: HeatValve, J_top: float) -> np.ndarray:
    """P on J <= J_top of the whole generator restricted there (the rates out of the cut
    dropped from the diagonal, so every column sums to 0), by dense LU."""
    k0 = round(model.N / 2 - J_top)
    first = int(lat.block_offsets(model.N)[k0])
    B = lat.rate_matrix(model).toarray()[first:, first:]
    np.fill_diagonal(B, 0.0)
    B -= np.diag(B.sum(axis=0))
    B[0, :] = 1.0
    b = np.zeros(len(B))
    b[0] = 1.0
    return np.linalg.solve(B, b)


@pytest.mark.parametrize("Solver", [ThermalReferenceSolver, LogReferenceSolver])
@pytest.mark.parametrize("aggregate_M", [False, True])
def test_kernels_solve_the_cut_chain(Solver, aggregate_M):
    """The cut chain as the kernels solve it (top ladder without its rates to J + 1, in the
    compiled factorisation and the coarse step in M) against the restricted generator."""
    model = HeatValve(N=40, gamma_h=1.0, gamma_c=0.6, T_h=3.0, T_c=1 / 3, gamma_p=2.0,
                      T_p=2.0)
    J_top = 9.0
    rates = dataclasses.replace(LatticeRates.of(model), J_top=J_top)
    solver = Solver(rates)
    solver.aggregate_M = aggregate_M
    iterate(solver, tol=1e-13, max_iter=5000)
    assert solver.residual() < 1e-10
    got = np.exp(solver.log_populations())  # (overwrites the thermal factors)
    ref = _cut_chain_lu(model, J_top)
    assert len(got) == len(ref) == lat.n_levels(18)
    big = ref > 1e-8  # where a dense LU resolves the relative error
    assert big.sum() > 50
    assert np.max(np.abs(got[big] / ref[big] - 1.0)) < 1e-8
    assert np.max(np.abs(got - ref)) < 1e-14


def test_top_ladder_of_a_cut_lattice_conserves_probability():
    """Each level's outflow is the sum of its rates to levels that exist (no J + 1 above the
    cut); uncut, the top ladder keeps its rates to J + 1 in the outflow."""
    full = LatticeRates(N=30, Gd=1.3, Gu=0.4, ge=2.0, ga=0.7)
    cut = dataclasses.replace(full, J_top=6.0)
    T = np.arange(32.0)
    for k in range(4):
        b = cut.block(k, T)
        assert np.allclose(b["out"], b["u"] + b["d"] + b["Rp"] + b["Rm"], rtol=1e-13)
    top = cut.block(0, T)
    assert np.all(top["Rp"] == 0.0) and top["J"] == 6.0
    # the same ladder J = 6 inside the whole lattice leaks to J = 7
    inner = full.block(round(15 - 6), T)
    assert np.all(inner["Rp"] > 0.0)
    assert np.allclose(inner["out"] - top["out"], inner["Rp"], rtol=1e-12)


def test_a_cut_too_low_moves_up(monkeypatch):
    """A first cut far too low (estimated threshold 1e-3) fails the check at the cut and moves
    up until it passes; without the check the answer would be wrong."""
    model = HeatValve(N=400, **STRONG_HOT)
    whole = reduced.solve(model, cut=False)
    monkeypatch.setattr(_solve, "CUT_ESTIMATE", 1e-3)
    first = _solve._first_cut(LatticeRates.of(model.rates_divided_by(model.max_rate)))
    assert first is not None
    s = reduced.solve(model)
    assert s.rho.J_max > first
    assert abs(s.Q_p - whole.Q_p) <= 1e-10 * abs(whole.Q_p)
    # the check is what moved it: a cut accepted at the first J_top is off by far more
    monkeypatch.setattr(_solve, "CUT_TOL", math.inf)
    low = reduced.solve(model)
    assert low.rho.J_max == first
    assert abs(low.Q_p - whole.Q_p) > 1e-6 * abs(whole.Q_p)


def test_mass_at_cut_from_the_populations():
    """The probability of the top ladder inside _mass_at_cut equals the sum of its
    populations, and the estimate above the cut is finite and smaller than it."""
    model = HeatValve(N=400, **STRONG_HOT)
    s = reduced.solve(model)
    M, lp = s.rho.block(s.rho.J_max)
    P_top = float(np.exp(lp).sum())
    assert P_top < s.rho.cut_mass < 2 * P_top


@pytest.mark.slow  # ~80 s: two solves at N = 10 000 with a strong, hot local bath
def test_strong_local_bath_at_ten_thousand(monkeypatch):
    """The issue's strong-bath case at N = 10 000 (the whole lattice is out of reach: its
    top ladders leave the thermal reference's range) against the same solve cut far higher
    (estimate threshold 1e-60 instead of 1e-30): the second solves ladders the first
    dropped, so a cut that changed the answer would show."""
    model = HeatValve(N=10_000, **STRONG_HOT)
    s = reduced.solve(model)
    assert s.rho.J_max is not None and s.residual < 1e-10 and s.rho.cut_mass <= _solve.CUT_TOL
    assert abs(s.first_law) < 1e-10 * abs(s.Q_h)
    monkeypatch.setattr(_solve, "CUT_ESTIMATE", 1e-60)
    higher = reduced.solve(model)
    assert higher.rho.J_max > s.rho.J_max + 100
    for key in OBSERVABLES:
        a, b = getattr(higher, key), getattr(s, key)
        assert abs(a - b) <= 1e-10 * max(abs(a), 1.0), key


def test_log_reference_of_a_cut_lattice_builds_at_ten_thousand():
    """Cold collective baths and a weak local bath at N = 10 000: the top ladder of the cut
    lost its up rates near M = J, and a reference balanced on the cut rates overflowed the
    scaled couplings ("cBe overflowed"); the reference keeps them, the rates stay cut."""
    model = HeatValve(N=10_000, gamma_h=1.0, gamma_c=1.0, T_h=0.01, T_c=0.01, gamma_p=1e-6,
                      T_p=3.0)
    rates = LatticeRates.of(model.rates_divided_by(model.max_rate))
    J_top = _solve._first_cut(rates)
    assert J_top is not None and J_top < 2000
    solver = LogReferenceSolver(dataclasses.replace(rates, J_top=J_top))
    assert np.all(np.isfinite(solver.lam))


def test_a_failing_cut_falls_back_to_the_whole_lattice(monkeypatch):
    model = HeatValve(N=400, **STRONG_HOT)
    real = _solve._solve_lattice

    def cut_fails(rates, tol, max_iter):
        if rates.cut:
            raise NumericalError("planted failure of the cut lattice")
        return real(rates, tol, max_iter)

    monkeypatch.setattr(_solve, "_solve_lattice", cut_fails)
    s = reduced.solve(model)
    assert s.rho.J_max is None and "cut" not in s.rho.reference
    assert s.residual < 1e-10

    def both_fail(rates, tol, max_iter):
        raise NumericalError("planted failure" + (" (cut)" if rates.cut else ""))

    monkeypatch.setattr(_solve, "_solve_lattice", both_fail)
    with pytest.raises(NumericalError, match=r"planted failure; cut above J = \d+: planted "
                                             r"failure \(cut\)"):
        reduced.solve(model)

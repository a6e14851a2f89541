"""Collective refrigerator with local dephasing (PIQS Dicke basis): consistency and limits."""

from __future__ import annotations

import pytest
import qutip

from dickeheat.errors import ParameterError
from dickeheat.numeric.permutation_invariant import collective_with_local_noise
from dickeheat.numeric.spin_refrigerator import PeakedBath, SpinRefrigerator, solve

COLD = PeakedBath(beta=2.0, center=2.0, width=0.1, amplitude=1.0)
HOT = PeakedBath(beta=1.0, center=6.0, width=0.1, amplitude=1.0)
WORK = PeakedBath(beta=1e-3, center=4.0, width=1e-3, amplitude=1.0)


def run(N, g):
    return collective_with_local_noise(
        N, lambda J: qutip.jmat(J, "z") ** 2,
        [(lambda J: qutip.jmat(J, "x"), COLD.rate),
         (lambda J: qutip.jmat(J, "x") ** 2 / N, HOT.rate),
         (lambda J: qutip.jmat(J, "x"), WORK.rate)], dephasing=g)


@pytest.mark.parametrize("N", [5, 9])
def test_weak_local_dephasing(N):
    a, b = run(N, 1e-5), run(N, 1e-3)
    # dephasing commutes with Omega J_z^2: it carries no energy (first law among the baths)
    for r in (a, b):
        assert abs(sum(r.currents)) < 1e-4 * abs(r.currents[0])
        assert abs(sum(r.P_J.values()) - 1) < 1e-10 and r.residual < 1e-10
    # the multiplet populations are fixed by the (unital) local noise alone, whatever its rate
    # as long as it is weak: the stationary current does not depend on gamma_loc
    assert b.currents[0] == pytest.approx(a.currents[0], rel=1e-3)
    # the J = N/2 population is of the order of its share of the maximally mixed state
    # (N+1)/2^N, far below 1: the stationary cooling current collapses
    assert a.P_J[N / 2] < 0.2
    sector = solve(SpinRefrigerator(N=N, cold=COLD, hot=HOT, work=WORK))
    assert abs(a.currents[0]) < 0.1 * sector.I_c


def test_bad_input():
    with pytest.raises(ParameterError, match="dephasing"):
        run(3, -1.0)

"""One collective spin under a thermal collective dissipator against QuTiP."""

from __future__ import annotations

import numpy as np
import pytest
import qutip

from dickeheat.errors import ParameterError
from dickeheat.numeric.accuracy import relative_error
from dickeheat.numeric.collective_spin_relaxation import CollectiveSpinRelaxation


def qutip_liouvillian(r: CollectiveSpinRelaxation) -> qutip.Qobj:
    j = r.N / 2
    c = [np.sqrt(r.down) * qutip.jmat(j, "-"), np.sqrt(r.up) * qutip.jmat(j, "+")]
    return qutip.liouvillian(0 * qutip.jmat(j, "z"), c)


@pytest.mark.parametrize("N", [1, 2, 5, 8])
@pytest.mark.parametrize("up", [0.0, 0.3, 2.0])
def test_gap_and_steady_state(N, up):
    r = CollectiveSpinRelaxation(N=N, down=1.0, up=up)
    L = qutip_liouvillian(r)
    ev = np.linalg.eigvals(L.full())
    ev = np.delete(ev, int(np.argmin(np.abs(ev))))
    assert relative_error(r.gap(), -ev.real.max()) < 1e-9
    rho = qutip.steadystate(L)
    ref = qutip.expect(qutip.jmat(N / 2, "z"), rho) / (N / 2)
    assert relative_error(r.magnetization(), ref) < 1e-9


def test_dynamics_against_mesolve():
    r = CollectiveSpinRelaxation(N=6, down=1.0, up=0.4)
    t = np.array([0.0, 0.01, 0.1, 0.3, 1.0, 2.0])
    p0 = np.zeros(7)
    p0[-1] = 1.0
    mz = r.magnetization_dynamics(t, p0)
    j = 3
    res = qutip.mesolve(0 * qutip.jmat(j, "z"), qutip.basis(7, 0) * qutip.basis(7, 0).dag(), t,
                        [qutip.jmat(j, "-"), np.sqrt(0.4) * qutip.jmat(j, "+")],
                        e_ops=[qutip.jmat(j, "z") / j], options={"atol": 1e-10, "rtol": 1e-10})
    assert relative_error(mz, np.real(res.expect[0])) < 1e-6


def test_bad_input():
    with pytest.raises(ParameterError, match="N"):
        CollectiveSpinRelaxation(N=0, down=1.0, up=0.0)
    with pytest.raises(ParameterError, match="down"):
        CollectiveSpinRelaxation(N=2, down=-1.0, up=0.0)

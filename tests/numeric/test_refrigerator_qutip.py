"""The sector rate equation against QuTiP's secular master equation with degenerate levels.

QuTiP route (dickeheat.numeric.davies): H = Omega J_z^2 and the three couplings in the full
spin-j space (both parities, levels +-m degenerate; jump operators A(omega) built from the
eigenprojectors, so coherences within degenerate levels are kept), steady state selected by
Tr rho = 1 and <Pi> = +-1 (the Liouvillian has one stationary state per parity sector),
currents Tr[H D_nu(rho)], noise by qutip.countstat_current_noise with rhoss passed explicitly
on the parity subspace (a second zero mode would be amplified by its 1e-15 regulator).
For N = 3, 5 the same is done in the 2^N space of the qubits (subspace: J^2 = j(j+1), Pi = +1).
"""

from __future__ import annotations

import numpy as np
import pytest
import qutip
from qutip import piqs

from dickeheat.numeric import davies
from dickeheat.numeric.accuracy import relative_error
from dickeheat.numeric.spin_refrigerator import PeakedBath, SpinRefrigerator, solve

TOL = 1e-9

COLD = PeakedBath(beta=2.0, center=2.0, width=0.1, amplitude=1.0)
HOT = PeakedBath(beta=1.0, center=6.0, width=0.1, amplitude=1.0)
WORK = PeakedBath(beta=1e-3, center=4.0, width=1e-3, amplitude=1.0)


def eigenspace(op: np.ndarray, value: float) -> np.ndarray:
    ev, V = np.linalg.eigh(op)
    return V[:, np.abs(ev - value) < 1e-8]


def refrigerator(Jx, Jz, N):
    return davies.davies_model(Jz * Jz, [(Jx, COLD.rate), (Jx * Jx / N, HOT.rate),
                                         (Jx, WORK.rate)])


@pytest.mark.parametrize("N", [3, 4, 5, 6, 7])
@pytest.mark.parametrize("parity", [1, -1])
def test_spin_space_both_parities(N, parity):
    j = N / 2
    Jx, Jz = qutip.jmat(j, "x"), qutip.jmat(j, "z")
    model = refrigerator(Jx, Jz, N)
    Pi = (1j * np.pi * (Jx - N / 2)).expm()
    rho, res, kernel = davies.constrained_steady_state(
        model.L, [(qutip.qeye(N + 1), 1.0), (Pi, float(parity))])
    assert kernel == 2 and res < 1e-12          # one stationary state per parity sector
    ref = solve(SpinRefrigerator(N=N, cold=COLD, hot=HOT, work=WORK, parity=parity))
    currents = [davies.bath_current(model, k, rho) for k in range(3)]
    assert relative_error(currents, [ref.I_c, ref.I_h, ref.I_w]) < TOL
    sub = davies.restrict(model, eigenspace(Pi.full(), parity))
    rho_s = qutip.steadystate(sub.L)
    I_c, S_c = davies.bath_counting(sub, 0, rho_s)
    assert relative_error(I_c, ref.I_c) < TOL
    assert relative_error(S_c, ref.S_c) < TOL
    # the planted error is visible: the noise without its Drazin term
    naive = sum(w * w * qutip.expect(c.dag() * c, rho_s) for c, w in sub.jumps[0])
    assert relative_error(naive, ref.S_c) > 1e-3


@pytest.mark.parametrize("N", [3, 5])
def test_qubit_space(N):
    Jx, Jy, Jz = piqs.jspin(N, basis="uncoupled")
    model = refrigerator(Jx, Jz, N)
    Pi = (1j * np.pi * (Jx - N / 2)).expm().full()
    J2 = (Jx * Jx + Jy * Jy + Jz * Jz).full()
    V = eigenspace(J2 + 0.5 * Pi, N / 2 * (N / 2 + 1) + 0.5)
    assert V.shape[1] == (N + 1) // 2
    sub = davies.restrict(model, V)
    rho = qutip.steadystate(sub.L)
    ref = solve(SpinRefrigerator(N=N, cold=COLD, hot=HOT, work=WORK))
    currents = [davies.bath_current(sub, k, rho) for k in range(3)]
    assert relative_error(currents, [ref.I_c, ref.I_h, ref.I_w]) < TOL
    _, S_c = davies.bath_counting(sub, 0, rho)
    assert relative_error(S_c, ref.S_c) < TOL

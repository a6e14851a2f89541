r"""Currents, power noise and two-spin correlations of the exchange-coupled collective spins.

All quantities are evaluated in the real form of the charge-0 sector
(:mod:`dickeheat.numeric.exchange_spins`): an operator O acts as :math:`O' = \Phi^* O \Phi`,
so that :math:`\mathrm{Tr}[O\rho] = \mathrm{Tr}[O' r]`.

Power noise, two independent routes
    * **regression theorem** (operator autocorrelation of the power operator
      :math:`\hat p = -i\frac{g\nu}{2}(S^{(1)}_+S^{(2)}_- - \mathrm{h.c.})`,
      :math:`\langle\hat p\rangle = P`):
      :math:`\mathrm{Var}_{\rm reg}(P) = 2\,\mathrm{Re}\int_0^\infty
      (\langle \hat p(t)\hat p(0)\rangle - P^2)\,dt = -2\,\mathrm{Tr}[\hat p\,y]`,
      :math:`\mathcal L y = \hat p\rho - P\rho`, y traceless;
    * **full counting statistics** of the quanta exchanged with bath 2, :math:`W = \nu\,n_2` up to
      a bounded term (:math:`n_1 + n_2` is bounded because V conserves the excitation number):
      :math:`\mathrm{Var}_{\rm FCS}(P) = \nu^2 S_2`, with the zero-frequency noise
      :math:`S = \sum_c \nu_c^2\langle c^\dagger c\rangle\gamma_c - 2\,\mathrm{Tr}[\mathcal J y]`,
      :math:`\mathcal L y = \mathcal J\rho - I\rho`.

    The two are different physical quantities (operator fluctuations versus counted quanta);
    they need not agree in general; for this model they coincide (tested against each other
    and against :func:`qutip.countstat_current_noise`).

>>> from dickeheat.numeric.exchange_spins import ExchangeCoupledSpins
>>> m = ExchangeCoupledSpins.thermal(N=2, E1=1.0, E2=3.0, beta1=2.0, beta2=0.2,
...                                  coupling=0.3, Gamma0=0.1)
>>> th = thermodynamics(m)
>>> abs(th.P - (th.J1 + th.J2)) < 1e-12 * abs(th.J2)    # first law
True
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import qutip

from dickeheat.numeric.exchange_spins import (
    ExchangeCoupledSpins,
    block_range,
    exchange_block,
    jump_superoperator,
)
from dickeheat.numeric.exchange_spins_steady import (
    SectorSolver,
    SectorSteadyState,
    solve_steady_state,
)

__all__ = [
    "Thermodynamics",
    "diagonal_expectations",
    "heat_currents",
    "power",
    "power_variance_counting",
    "power_variance_regression",
    "thermodynamics",
    "two_spin_correlations",
    "two_spin_state",
]


def _diag_fields(ss: SectorSteadyState):
    """Per block: (n1, n2, populations) of the steady state."""
    N = ss.model.N
    out = []
    for M, r in zip(ss.layout.kets, ss.blocks):
        lo, hi = block_range(N, M)
        n1 = np.arange(lo, hi + 1)
        out.append((n1, M - n1, np.diag(r).copy()))
    return out


def diagonal_expectations(ss: SectorSteadyState) -> dict[str, float]:
    """<S_i^z>, <S_1^z S_2^z>, <S_i^+ S_i^->, <S_i^- S_i^+> of the steady state."""
    N = ss.model.N
    S = N / 2.0
    acc = dict.fromkeys(("z1", "z2", "z1z2", "pm1", "mp1", "pm2", "mp2"), 0.0)
    for n1, n2, p in _diag_fields(ss):
        acc["z1"] += float(p @ (n1 - S))
        acc["z2"] += float(p @ (n2 - S))
        acc["z1z2"] += float(p @ ((n1 - S) * (n2 - S)))
        acc["pm1"] += float(p @ (n1 * (N - n1 + 1.0)))
        acc["mp1"] += float(p @ ((n1 + 1.0) * (N - n1)))
        acc["pm2"] += float(p @ (n2 * (N - n2 + 1.0)))
        acc["mp2"] += float(p @ ((n2 + 1.0) * (N - n2)))
    return acc


def _power_blocks(model: ExchangeCoupledSpins, kets) -> list[np.ndarray]:
    """Real form p' = −(gν/2)(X + Xᵀ) of the power operator, block by block."""
    c = -0.5 * model.coupling * model.nu
    out = []
    for M in kets:
        X = exchange_block(model.N, M)
        out.append(c * (X + X.T))
    return out


def power(ss: SectorSteadyState) -> float:
    """Power delivered to the drive,
    :math:`P = g\\nu\\,\\mathrm{Im}\\langle S_+^{(1)}S_-^{(2)}\\rangle`."""
    return float(sum(np.sum(p * r.T) for p, r in zip(_power_blocks(ss.model, ss.layout.kets),
                                                       ss.blocks)))


def heat_currents(ss: SectorSteadyState) -> tuple[float, float]:
    r"""Heat currents from each bath into the spins,
    :math:`J_i = \mathrm{Tr}[H_0\mathcal D_i\rho]`."""
    m = ss.model
    d = diagonal_expectations(ss)
    J1 = m.E1 * (m.up1 * d["mp1"] - m.down1 * d["pm1"])
    J2 = m.E2 * (m.up2 * d["mp2"] - m.down2 * d["pm2"])
    return J1, J2


def _blockwise_left(ops: list[np.ndarray], ss: SectorSteadyState, x: np.ndarray) -> np.ndarray:
    lay = ss.layout
    out = np.empty_like(x)
    for i, O in enumerate(ops):
        s, e = lay.offsets[i], lay.offsets[i + 1]
        out[s:e] = (O @ x[s:e].reshape(lay.shapes[i])).ravel()
    return out


def _trace_left(ops: list[np.ndarray], ss: SectorSteadyState, x: np.ndarray) -> float:
    lay = ss.layout
    return float(sum(np.sum(O * x[lay.offsets[i]:lay.offsets[i + 1]].reshape(
        lay.shapes[i]).T) for i, O in enumerate(ops)))


def power_variance_regression(ss: SectorSteadyState, solver: SectorSolver) -> float:
    """Var(P) from the regression theorem (see the module docstring)."""
    ops = _power_blocks(ss.model, ss.layout.kets)
    r = ss.vector
    P = _trace_left(ops, ss, r)
    v = _blockwise_left(ops, ss, r) - P * r
    y = solver.drazin_solve(v)
    y = y - (solver.trace @ y) * r
    return -2.0 * _trace_left(ops, ss, y)


def power_variance_counting(ss: SectorSteadyState, solver: SectorSolver, *,
                            route: str = "bath2") -> float:
    r"""Var(P) from full counting statistics of the bath quanta.

    ``route="bath2"``: :math:`\nu^2` times the noise of the quanta absorbed from bath 2;
    ``route="energy"``: noise of the energy absorbed from both baths (weights ±E1, ±E2), the
    same long-time limit by another count.
    """
    m = ss.model
    lay = ss.layout
    if route == "bath2":
        jumps = [(2, True, m.up2, 1.0), (2, False, m.down2, -1.0)]
        factor = m.nu ** 2
    elif route == "energy":
        jumps = [(1, True, m.up1, m.E1), (1, False, m.down1, -m.E1),
                 (2, True, m.up2, m.E2), (2, False, m.down2, -m.E2)]
        factor = 1.0
    else:
        raise ValueError(f"route must be 'bath2' or 'energy', got {route!r}")
    r = ss.vector
    tr = solver.trace
    J = None
    second = 0.0
    for spin, raising, rate, weight in jumps:
        if rate == 0.0:
            continue
        Jc = jump_superoperator(m, spin, raising, lay)
        second += weight ** 2 * rate * float(tr @ (Jc @ r))
        J = rate * weight * Jc if J is None else J + rate * weight * Jc
    if J is None:
        return 0.0
    Jr = J @ r
    current = float(tr @ Jr)
    y = solver.drazin_solve(Jr - current * r)
    y = y - (tr @ y) * r
    return factor * (second - 2.0 * float(tr @ (J @ y)))


@dataclasses.dataclass(frozen=True)
class Thermodynamics:
    """Steady-state power, heat currents and power noise of one model."""

    P: float
    J1: float
    J2: float
    var_P: float
    var_P_counting: float
    residual: float
    method: str
    iterations: int
    solve_seconds: float
    state: SectorSteadyState


def thermodynamics(model: ExchangeCoupledSpins, *, method: str = "auto",
                   noise: bool = True, counting: bool = True,
                   memory_limit: int | None = None) -> Thermodynamics:
    """Steady state, P, J1, J2 and (with ``noise``) Var(P) by the regression theorem and,
    with ``counting`` too, by counting statistics (one more linear solve; NaN otherwise)."""
    import time

    t0 = time.perf_counter()
    solver = SectorSolver(model, method=method, memory_limit=memory_limit)
    ss = solve_steady_state(model, solver=solver)
    J1, J2 = heat_currents(ss)
    P = power(ss)
    vr = vc = math.nan
    if noise:
        vr = power_variance_regression(ss, solver)
        if counting:
            vc = power_variance_counting(ss, solver)
    return Thermodynamics(P, J1, J2, vr, vc, ss.residual, ss.method, ss.iterations,
                          time.perf_counter() - t0, ss)


def two_spin_state(ss: SectorSteadyState) -> np.ndarray:
    r"""Reduced 4×4 state of one spin-1/2 of ensemble 1 and one of ensemble 2.

    Exact for permutation-symmetric ensembles:
    :math:`\langle\sigma^\alpha_{1}\sigma^\beta_{2}\rangle
    = 4\langle S_1^\alpha S_2^\beta\rangle/N^2`,
    :math:`\langle\sigma^\alpha_i\rangle = 2\langle S_i^\alpha\rangle/N`; the weak U(1) symmetry
    makes :math:`\langle S^{x,y}_i\rangle`, :math:`\langle S_1^{\pm}S_2^{\pm}\rangle` and
    :math:`\mathrm{Re}\langle S_1^+S_2^-\rangle` vanish. Basis order |↑↑>, |↑↓>, |↓↑>, |↓↓>.
    """
    N = ss.model.N
    d = diagonal_expectations(ss)
    imX = _im_exchange(ss)
    sz1, sz2 = 2 * d["z1"] / N, 2 * d["z2"] / N
    zz = 4 * d["z1z2"] / N ** 2
    pm = 1j * imX / N ** 2                          # <sigma1+ sigma2->
    I2 = np.eye(2)
    Z = np.diag([1.0, -1.0])
    sp_ = np.array([[0, 1], [0, 0]], dtype=complex)   # |up><down|
    rho = (np.kron(I2, I2) + sz1 * np.kron(Z, I2) + sz2 * np.kron(I2, Z)
           + zz * np.kron(Z, Z)) / 4.0
    # <du|rho|ud> = <sigma1+ sigma2-> = pm, and its conjugate at <ud|rho|du>
    rho = rho + np.conj(pm) * np.kron(sp_, sp_.T) + pm * np.kron(sp_.T, sp_)
    return rho


def _im_exchange(ss: SectorSteadyState) -> float:
    return float(-sum(np.sum(exchange_block(ss.model.N, M) * r.T)
                      for M, r in zip(ss.layout.kets, ss.blocks)))


def two_spin_correlations(ss: SectorSteadyState) -> tuple[float, float]:
    """Mutual information (nats) and concurrence of :func:`two_spin_state` (QuTiP)."""
    rho = qutip.Qobj(two_spin_state(ss), dims=[[2, 2], [2, 2]])
    return float(qutip.entropy_mutual(rho, 0, 1)), float(qutip.concurrence(rho))

r"""The heat valve seen through the universal current bounds, with RLC baths.

Each bath ``i = h, c`` of a :class:`~dickeheat.numeric.model.HeatValve` couples through
:math:`A = J_x` to the voltage of a parallel RLC resonator,
:class:`~dickeheat.symbolic.bath.RLCBath` (:math:`B = GV`, :math:`G = 1`). Its spectrum
:math:`S(\nu) = 2\nu\,\mathrm{Re}Z(\nu)/(1 - e^{-\nu/T_i})` gives the secular (GKSL) rates
:math:`S(\pm\omega_0)/4` of the jumps :math:`J_\mp` (since :math:`A_{\omega_0} = J_-/2`); the
resistance is fixed so that these are the model's :math:`\gamma_i(1 + n_i)` and
:math:`\gamma_i n_i`:

.. math::

    R_i = \frac{2\gamma_i}{\omega_0}\Big[1 + Q^2\Big(\frac{\omega_0}{\omega_{LC}}
          - \frac{\omega_{LC}}{\omega_0}\Big)^2\Big].

Bound 1 and Bound 2 of the hot bath then read :math:`4\|H\|\Xi_h\|J_x\|^2 = \Xi_h\omega_0N^3/2`
and :math:`2\Xi_h\Delta E\|J_x\|^2 = \Xi_h\omega_0N^2/2` (:math:`\Delta E = \omega_0`), with norms
and windows computed numerically here.

>>> from dickeheat.numeric.model import HeatValve
>>> hot, cold = valve_baths(HeatValve(N=2, gamma_h=0.1, gamma_c=0.1, T_h=2.0, T_c=0.5))
>>> round(float(hot.spectrum_function()([1.0])[0]) / 4, 6)  # = gamma_h (1 + n_h)
0.254149
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction
from typing import Any

import numpy as np

from dickeheat.errors import ParameterError
from dickeheat.numeric.bounds import energy_window, operator_norm
from dickeheat.numeric.model import HeatValve
from dickeheat.numeric.operators import sector_ops
from dickeheat.numeric.redfield import Coupling, gksl_current, redfield_current
from dickeheat.numeric.spin_models import dicke_state
from dickeheat.symbolic.bath_rlc import RLCBath

__all__ = ["valve_baths", "ValveBoundReport", "valve_bound_report"]


def valve_baths(model: HeatValve, *, Q: float = 20.0,
                omega_LC: float | None = None) -> tuple[RLCBath, RLCBath]:
    """The hot and cold RLC baths reproducing the model's collective rates at ω0."""
    w0 = model.omega0
    wlc = w0 if omega_LC is None else float(omega_LC)
    if not wlc > 0:
        raise ParameterError(f"omega_LC must be > 0, got {omega_LC!r}")
    detuning = 1 + float(Q) ** 2 * (w0 / wlc - wlc / w0) ** 2
    out = []
    for name, gamma, T in (("gamma_h", model.gamma_h, model.T_h),
                           ("gamma_c", model.gamma_c, model.T_c)):
        if gamma <= 0:
            raise ParameterError(f"{name} must be > 0 for an RLC bath, got {gamma}")
        out.append(RLCBath(R=2 * gamma * detuning / w0, omega_LC=wlc, Q=Q, T=T))
    return out[0], out[1]


@dataclasses.dataclass(frozen=True)
class ValveBoundReport:
    """Hot-bath heat current of the valve and its Bounds 1 and 2 (RLC hot bath)."""

    N: int
    state: str
    current: float
    bound1: float
    bound2: float
    Xi_h: float
    dE: float
    H_norm: float
    A_norm: float
    bath: dict[str, Any]

    @property
    def ratio1(self) -> float:
        return abs(self.current) / self.bound1

    @property
    def ratio2(self) -> float:
        return abs(self.current) / self.bound2

    def to_dict(self) -> dict[str, Any]:
        out = dataclasses.asdict(self)
        out.update(ratio1=self.ratio1, ratio2=self.ratio2)
        return out


def valve_bound_report(model: HeatValve, *, state: str | Fraction = "steady", Q: float = 20.0,
                       omega_LC: float | None = None) -> ValveBoundReport:
    """Q_h and the bounds of the hot bath, in the steady state or from a Dicke state.

    ``state="steady"`` uses :func:`dickeheat.numeric.steady.steady_state` with the ``qutip``
    backend (the J = N/2 sector without a parasitic bath); a number ``M`` uses the Dicke state
    :math:`|N/2, M\\rangle` and the secular current, which equals the Redfield current there.
    """
    if model.gamma_p > 0:
        raise ParameterError("the bounds are evaluated without the parasitic bath "
                             "(gamma_p must be 0)")
    hot, _ = valve_baths(model, Q=Q, omega_LC=omega_LC)
    N = model.N
    ops = sector_ops(N / 2)
    H = model.omega0 * ops.jz.full()
    A = ops.jx.full()
    coupling = Coupling((A,), (hot,))
    if isinstance(state, str) and state == "steady":
        from dickeheat.numeric.steady import steady_state

        ss = steady_state(model, backend="qutip")
        current = float(ss.Q_h)
        label = "steady"
    else:
        rho = dicke_state(N, Fraction(state) if not isinstance(state, Fraction) else state)
        current = gksl_current(H, coupling, rho)
        redfield = redfield_current(H, coupling, rho)
        if not np.isclose(current, redfield, rtol=1e-7, atol=1e-12):
            raise ParameterError("the state does not commute with H: secular and Redfield "
                                 "currents differ")
        label = f"M={state}"
    Xi = hot.xi_value()
    H_norm, A_norm, dE = operator_norm(H), operator_norm(A), energy_window(H, A)
    return ValveBoundReport(N, label, current, 4 * H_norm * Xi * A_norm**2,
                            2 * Xi * dE * A_norm**2, Xi, dE, H_norm, A_norm,
                            {**hot.to_dict(), "role": "hot"})

r"""The heat valve seen through the universal current bounds, with RLC baths, next to the
valve's own bounds.

Each bath ``i = h, c`` of a :class:`~dickeheat.numeric.model.HeatValve` couples through
:math:`A = J_x` to the voltage of a parallel RLC resonator,
:class:`~dickeheat.symbolic.bath_rlc.RLCBath` (:math:`B = GV`, :math:`G = 1`). Its spectrum
:math:`S(\nu) = 2\nu\,\mathrm{Re}Z(\nu)/(1 - e^{-\nu/T_i})` gives the secular (GKSL) rates
:math:`S(\pm\omega_0)/4` of the jumps :math:`J_\mp` (since :math:`A_{\omega_0} = J_-/2`); the
resistance is fixed so that these are the model's :math:`\gamma_i(1 + n_i)` and
:math:`\gamma_i n_i`:

.. math::

    R_i = \frac{2\gamma_i}{\omega_0}\Big[1 + Q^2\Big(\frac{\omega_0}{\omega_{LC}}
          - \frac{\omega_{LC}}{\omega_0}\Big)^2\Big].

Bound 1 and Bound 2 of the hot bath are the registered ``kamimura2023.bound1`` and
``kamimura2023.bound2`` at the numerical norms :math:`\|\omega_0 J_z\|`, :math:`\|J_x\|`, the
window :math:`\Delta E` and :math:`\Xi_h`; the valve's own bounds :math:`\dot Q_h^{max}` and
:math:`\dot Q_h^{lim}` are the registered ``andolina2024.Q_max`` and ``andolina2024.Q_lim``
(natural units, ħ = 1). This module computes; it does not print.

>>> from dickeheat.numeric.model import HeatValve
>>> hot, cold = valve_baths(HeatValve(N=2, gamma_h=0.1, gamma_c=0.1, T_h=2.0, T_c=0.5))
>>> round(float(hot.spectrum_function()([1.0])[0]) / 4, 6)  # = gamma_h (1 + n_h)
0.254149
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from dickeheat.errors import ParameterError
from dickeheat.numeric.bounds import energy_window, operator_norm
from dickeheat.numeric.model import HeatValve
from dickeheat.numeric.operators import sector_ops
from dickeheat.numeric.redfield import Coupling, gksl_current, redfield_current
from dickeheat.numeric.spin_models import dicke_state
from dickeheat.reproduce.kamimura2023.bounds import bounds_from_norms
from dickeheat.symbolic.bath_rlc import RLCBath

__all__ = [
    "ValveBoundReport",
    "valve_baths",
    "valve_bound_report",
    "valve_bounds_table",
    "valve_own_bounds",
]


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


def _hot_bounds(model: HeatValve, hot: RLCBath) -> dict[str, float]:
    """Norms, window, Ξ_h and Bounds 1, 2 of the hot bath (J = N/2 sector)."""
    ops = sector_ops(model.N / 2)
    H = model.omega0 * ops.jz.full()
    A = ops.jx.full()
    Xi = hot.xi_value()
    H_norm, A_norm, dE = operator_norm(H), operator_norm(A), energy_window(H, A)
    b1, b2 = bounds_from_norms(H_norm, [A_norm], [dE], np.array([[Xi]]))
    return {"bound1": b1, "bound2": b2, "Xi_h": Xi, "dE": dE, "H_norm": H_norm,
            "A_norm": A_norm}


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
    if isinstance(state, str) and state == "steady":
        from dickeheat.numeric.steady import steady_state

        current = float(steady_state(model, backend="qutip").Q_h)
        label = "steady"
    else:
        ops = sector_ops(N / 2)
        H = model.omega0 * ops.jz.full()
        coupling = Coupling((ops.jx.full(),), (hot,))
        rho = dicke_state(N, Fraction(state) if not isinstance(state, Fraction) else state)
        current = gksl_current(H, coupling, rho)
        redfield = redfield_current(H, coupling, rho)
        if not np.isclose(current, redfield, rtol=1e-7, atol=1e-12):
            raise ParameterError("the state does not commute with H: secular and Redfield "
                                 "currents differ")
        label = f"M={state}"
    return ValveBoundReport(N=N, state=label, current=current, **_hot_bounds(model, hot),
                            bath={**hot.to_dict(), "role": "hot"})


def _andolina(name: str):
    from dickeheat.derivations import registry

    return registry(("andolina2024",)).get(f"andolina2024.{name}")


def valve_own_bounds(model: HeatValve) -> dict[str, float]:
    """Q_h^max (all J) and Q_h^lim at J̄ = N/2 for ``model`` (no parasitic bath)."""
    qmax = _andolina("Q_max").numpy_function
    qlim = _andolina("Q_lim").numpy_function
    common = (1.0, model.omega0, model.gamma_h, model.gamma_c, model.n_h, model.n_c)
    return {"Q_max": float(qmax(model.N, *common)), "Q_lim": float(qlim(*common, model.N / 2))}


def valve_bounds_table(
    Ns: Sequence[int], T_hs: Sequence[float], *, T_c: float = 0.5, gamma: float = 0.1,
    Q: float = 20.0, steady_max_N: int = 32,
) -> list[dict[str, Any]]:
    """Rows ``N, T_h, Q_h (steady, N <= steady_max_N), Q_max, Q_lim, Bound 2, Bound 1`` and the
    ratios Bound 2 / Q_max, Q_h / Q_max, Q_h / Bound 2, for γ_h = γ_c = ``gamma``, ω0 = 1.

    Rows with N > ``steady_max_N`` have no steady state: their ``Q_h`` and the ratios that
    need it are ``None``. The valve's own bounds need T_h > T_c.
    """
    for T_h in T_hs:
        if not T_h > T_c:
            raise ParameterError(f"T_h must be > T_c = {T_c:g} for the valve's bounds, got {T_h!r}")
    rows = []
    for T_h in T_hs:
        for N in Ns:
            model = HeatValve(N=N, gamma_h=gamma, gamma_c=gamma, T_h=T_h, T_c=T_c)
            own = valve_own_bounds(model)
            if N <= steady_max_N:
                rep = valve_bound_report(model, Q=Q)
                Qh, b1, b2, xi = rep.current, rep.bound1, rep.bound2, rep.Xi_h
            else:
                hot = _hot_bounds(model, valve_baths(model, Q=Q)[0])
                Qh, b1, b2, xi = None, hot["bound1"], hot["bound2"], hot["Xi_h"]
            rows.append({"N": N, "T_h": T_h, "T_c": T_c, "Q_h": Qh, "Q_max": own["Q_max"],
                         "Q_lim": own["Q_lim"], "bound2": b2, "bound1": b1, "Xi_h": xi,
                         "bound2_over_Q_max": b2 / own["Q_max"],
                         "Q_h_over_Q_max": None if Qh is None else Qh / own["Q_max"],
                         "Q_h_over_bound2": None if Qh is None else Qh / b2})
    return rows

r"""Numerical reference currents of the heat valve.

``independent_current``
    :math:`\dot Q_h^{\rm ind}`: N times the hot-bath current of *one* qubit coupled locally to
    the hot, the cold and (if present) the parasitic bath, from the 2 × 2 steady state computed
    with QuTiP (backend ``"qutip"`` with N = 1, where collective and local jumps coincide).
``enhancement``
    :math:`\dot Q_h / \dot Q_h^{\rm ind}` of a steady state.
``sector_temperatures``
    the temperature :math:`\omega_0/\ln(p_{m-1}/p_m)` read off each pair of neighbouring
    populations of a fixed-J steady state; for the two collective baths all of them equal the
    effective temperature :attr:`HeatValve.T_star <dickeheat.numeric.model.HeatValve.T_star>`.

Closed forms of these quantities are derived elsewhere (symbolically); this module only solves.

>>> from dickeheat.numeric.model import HeatValve
>>> m = HeatValve(N=3, T_h=2.0, T_c=0.5)
>>> ind = independent_current(m)
>>> ind > 0
True
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np

from dickeheat.errors import ParameterError
from dickeheat.numeric.model import HeatValve
from dickeheat.numeric.steady import SteadyState, steady_state

__all__ = ["enhancement", "independent_current", "sector_temperatures", "single_qubit"]


def single_qubit(model: HeatValve, *, parasitic: bool = True) -> HeatValve:
    """The same baths acting on one qubit (N = 1, no fixed J; without the parasitic bath if
    ``parasitic`` is false)."""
    if parasitic:
        return dataclasses.replace(model, N=1, J=None)
    return dataclasses.replace(model, N=1, J=None, gamma_p=0.0, T_p=None)


def independent_current(model: HeatValve, *, parasitic: bool = True) -> float:
    """:math:`N\\,\\dot Q_h^{(1)}`: N independent qubits, each with the hot, cold and (if
    ``parasitic``) the parasitic bath of ``model`` acting locally (one 2 × 2 QuTiP steady
    state). ``parasitic=False`` gives the reference without the parasitic bath.

    >>> m = HeatValve(N=4, T_h=1.0, T_c=1.0)
    >>> abs(independent_current(m)) < 1e-14
    True
    """
    one = single_qubit(model, parasitic=parasitic)
    return model.N * steady_state(one, backend="qutip").Q_h


def enhancement(state: SteadyState) -> float:
    """:math:`\\dot Q_h/\\dot Q_h^{\\rm ind}` (``nan`` when the independent current vanishes)."""
    ind = independent_current(state.model)
    scale = state.model.N * state.model.omega0 * (state.model.gamma_h + state.model.gamma_c)
    if abs(ind) <= 1e-14 * scale:
        return math.nan
    return state.Q_h / ind


def sector_temperatures(state: SteadyState) -> np.ndarray:
    """Temperatures :math:`\\omega_0/\\ln(p_{m-1}/p_m)`, m = J, …, −J + 1, of a fixed-J state.

    Needs a steady state of the ``"qutip"`` backend solved in one spin-J sector (``rho`` of
    dimension 2J + 1 in the basis m = J, J − 1, …, −J) with J > 0.

    >>> from dickeheat.numeric.steady import steady_state
    >>> m = HeatValve(N=4, T_h=2.0, T_c=0.5)
    >>> T = sector_temperatures(steady_state(m, backend="qutip"))
    >>> bool(np.allclose(T, m.T_star, rtol=1e-8))
    True
    """
    if len(state.P_J) != 1:
        raise ParameterError("sector_temperatures needs a steady state in one J sector "
                             f"(got P_J = {state.P_J})")
    (J,) = state.P_J
    rho = getattr(state.rho, "full", lambda: None)()
    if rho is None or rho.shape != (round(2 * J) + 1,) * 2 or J == 0:
        raise ParameterError("sector_temperatures needs the (2J+1)-dimensional rho of the "
                             "'qutip' backend with J > 0")
    p = np.real(np.diag(rho))  # m = J, J-1, ..., -J
    if np.any(p <= 0.0):
        raise ParameterError("a population is zero (T = 0): the temperatures are not defined")
    return state.model.omega0 / np.log(p[1:] / p[:-1])

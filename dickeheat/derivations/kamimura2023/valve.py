"""The heat valve's own bounds (published Eqs. 25 and 28 of the heat-valve paper) next to
Bound 2 of the universal bounds, evaluated with the RLC baths of
:mod:`dickeheat.numeric.valve_bounds`.

Q_h^max and Q_h^lim are taken from the registered results ``andolina2024.Q_max`` and
``andolina2024.Q_lim`` (natural units, ħ = 1). This module computes; it does not print.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dickeheat.errors import ParameterError
from dickeheat.numeric.model import HeatValve

__all__ = ["valve_own_bounds", "valve_bounds_table"]


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
    from dickeheat.numeric.valve_bounds import valve_bound_report, valve_baths

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
                xi = valve_baths(model, Q=Q)[0].xi_value()
                Qh, b1, b2 = None, xi * model.omega0 * N**3 / 2, xi * model.omega0 * N**2 / 2
            rows.append({"N": N, "T_h": T_h, "T_c": T_c, "Q_h": Qh, "Q_max": own["Q_max"],
                         "Q_lim": own["Q_lim"], "bound2": b2, "bound1": b1, "Xi_h": xi,
                         "bound2_over_Q_max": b2 / own["Q_max"],
                         "Q_h_over_Q_max": None if Qh is None else Qh / own["Q_max"],
                         "Q_h_over_bound2": None if Qh is None else Qh / b2})
    return rows

"""Helpers shared by the checks of this paper: calling a registered result by argument name,
evaluating a named step, and cached exact steady states of the heat valve.

A check receives the :class:`~dickeheat.symbolic.result.Result` it checks and evaluates its
closed form through ``result.numpy_function``; :func:`evaluate` looks every argument's position
up by its symbol's name in ``result.args``, so no check retypes an argument order. Natural units
ħ = k_B = 1 are passed explicitly (``natural=True``).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import numpy as np
import qutip
import sympy as sp

from dickeheat.errors import DickeheatError
from dickeheat.numeric.model import HeatValve
from dickeheat.numeric.steady import SteadyState, steady_state
from dickeheat.symbolic.result import Result

__all__ = [
    "BATHS", "NATURAL", "POP_FLOOR", "RNG_SEED", "TOL", "collective_ops",
    "evaluate", "resolved", "sector_populations", "steady", "value_of",
]

#: relative tolerance of the checks against exact numerics
TOL = 1e-10
#: seed of the random states and parameters of the heat-current checks
RNG_SEED = 20240602
#: (γ_h, γ_c, T_h, T_c) in units of ω0: the paper's two cases and two asymmetric ones
BATHS = ((1.0, 1.0, 1.0, 1 / 3), (1.0, 1.0, 3.0, 1 / 3), (0.1, 0.3, 2.0, 0.5),
         (0.7, 0.2, 0.8, 0.25))
#: natural units: ħ = k_B = 1
NATURAL: Mapping[str, float] = MappingProxyType({"hbar": 1.0, "k_B": 1.0})
#: populations below this fraction of the largest carry absolute rounding errors ~1e-16
POP_FLOOR = 1e-5


def evaluate(result: Result, values: Mapping[str, Any], *, natural: bool = False,
             strict: bool = True) -> Any:
    """``result.evaluate(values)``, with ħ = k_B = 1 filled in when ``natural``."""
    return result.evaluate(values, strict=strict, defaults=NATURAL if natural else None)


def value_of(expr: sp.Expr, values: Mapping[str, Any]) -> complex:
    """A number from an intermediate object (a named step, an operator's coefficient):
    every free symbol is replaced by ``values[name]``; a symbol without a value raises."""
    expr = sp.sympify(expr)
    missing = sorted(s.name for s in expr.free_symbols if s.name not in values)
    if missing:
        raise DickeheatError(f"no value for {missing} in {expr}")
    subs = {s: values[s.name] for s in expr.free_symbols}
    return complex(sp.N(expr.subs(subs), 30))


@functools.lru_cache(maxsize=512)
def steady(N: int, gamma_h: float = 1.0, gamma_c: float = 1.0, T_h: float = 1.0,
           T_c: float = 1 / 3, gamma_p: float = 0.0, T_p: float | None = None,
           J: float | None = None, omega0: float = 1.0) -> SteadyState:
    """Cached exact steady state from the QuTiP backend (fixed-J sector if ``J`` is given)."""
    model = HeatValve(N=N, omega0=omega0, gamma_h=gamma_h, gamma_c=gamma_c, T_h=T_h, T_c=T_c,
                      gamma_p=gamma_p, T_p=T_p, J=J)
    return steady_state(model, backend="qutip")


def sector_populations(ss: SteadyState, J: float) -> np.ndarray:
    """The 2J + 1 populations of a fixed-J steady state, largest first (basis independent:
    the state is diagonal in the Dicke basis, so these are its largest eigenvalues)."""
    rho = ss.rho.full() if hasattr(ss.rho, "full") else np.asarray(ss.rho)
    if rho.ndim == 1:
        values = np.sort(rho.real)[::-1]
    else:
        values = np.sort(np.linalg.eigvalsh((rho + rho.conj().T) / 2))[::-1]
    return values[: round(2 * J) + 1]


def resolved(pops: np.ndarray) -> np.ndarray:
    """The leading populations down to ``POP_FLOOR`` × the largest (ratios of smaller ones are
    limited by the solver's absolute accuracy, not by the closed form)."""
    return pops[pops > POP_FLOOR * pops[0]]


def collective_ops(J: float) -> tuple[qutip.Qobj, qutip.Qobj, qutip.Qobj]:
    """(J_+, J_−, J_z) of a spin-J sector as QuTiP operators."""
    return qutip.jmat(J, "+"), qutip.jmat(J, "-"), qutip.jmat(J, "z")

"""Steady states of the heat valve: one record type, one dispatcher over backends.

Backends (each a module with ``solve(model) -> SteadyState`` and a ``MAX_N`` limit; optionally
``max_N_for(model)``, a model-dependent limit such as a larger one for a single J sector):

``qutip``
    the full 2^N Hilbert space (or the (2J+1)-dimensional sector when ``J`` is fixed);
    the ground truth for small N.
``piqs``
    QuTiP's permutation-invariant Dicke Liouvillian (``qutip.piqs``).
``reduced``
    dickeheat's exact rate equations on the populations P(J, M) (``numeric.reduced``).

``auto`` picks ``qutip`` for small N and the fastest exact backend otherwise.
"""

from __future__ import annotations

import dataclasses
import importlib
from typing import Any

from dickeheat.errors import ParameterError, UnknownNameError
from dickeheat.numeric.model import HeatValve

__all__ = [
    "BACKENDS",
    "SteadyState",
    "backend_module",
    "max_N",
    "resolve_backend",
    "steady_state",
]

#: backend name -> module implementing ``solve(model)`` and ``MAX_N``
BACKENDS: dict[str, str] = {
    "qutip": "dickeheat.numeric.qutip_backend",
    "piqs": "dickeheat.numeric.piqs_backend",
    "reduced": "dickeheat.numeric.reduced",
}

#: ``auto`` uses the full space up to this N
AUTO_FULLSPACE_MAX_N = 6


@dataclasses.dataclass(frozen=True)
class SteadyState:
    """A numerical steady state of a :class:`HeatValve` and its observables.

    Attributes
    ----------
    model
        The parameters solved for.
    backend
        Which backend produced it.
    Q_h, Q_c, Q_p
        Heat currents Tr[H0 D_i(ρ)] into the system from the hot, cold and parasitic baths
        (positive when heat flows from the bath into the qubits).
    Q_pump
        Energy current Tr[H0 D_pump(ρ)] fed in by the local pumping (0 without it); with the
        three heat currents it sums to zero.
    jz, J2
        ⟨J_z⟩ and ⟨J²⟩.
    P_J
        Probability of each collective-spin sector J.
    residual
        ‖L(ρ)‖ of the solution (the norm the backend states in ``residual_norm``).
    trace
        Tr ρ (1 up to rounding).
    solve_seconds
        Wall time of the solve.
    rho
        The backend-native state (a ``qutip.Qobj`` or an array of populations).
    """

    model: HeatValve
    backend: str
    Q_h: float
    Q_c: float
    Q_p: float
    jz: float
    J2: float
    P_J: dict[float, float]
    residual: float
    trace: float
    solve_seconds: float
    residual_norm: str = "2-norm of the vectorised L(rho)"
    rho: Any = dataclasses.field(default=None, repr=False, compare=False)
    Q_pump: float = 0.0

    @property
    def first_law(self) -> float:
        """Q_h + Q_c + Q_p + Q_pump, which is zero in the steady state."""
        return self.Q_h + self.Q_c + self.Q_p + self.Q_pump


def backend_module(name: str):
    """The module implementing backend ``name``."""
    try:
        return importlib.import_module(BACKENDS[name])
    except KeyError:
        raise UnknownNameError(
            f"backend must be one of {['auto', *BACKENDS]}, got {name!r}"
        ) from None


def max_N(name: str) -> int:
    """The largest N backend ``name`` accepts."""
    return int(backend_module(name).MAX_N)


#: ``auto`` leaves the full space when the J-changing rates (gamma_p, gamma_phi, gamma_pump)
#: are below this fraction of the largest rate: the Liouvillian's gap is then too small for
#: the dense full-space solve to resolve one steady state, while ``reduced`` resolves 1e-12
AUTO_FULLSPACE_MIN_RATIO = 1e-8


def _auto(model: HeatValve) -> str:
    weak = max(model.gamma_p, model.gamma_phi, model.gamma_pump)
    if model.N <= AUTO_FULLSPACE_MAX_N and (
            model.conserves_J or weak >= AUTO_FULLSPACE_MIN_RATIO * model.max_rate):
        return "qutip"
    for name in ("reduced", "piqs"):
        if name in BACKENDS and model.N <= _limit(backend_module(name), model):
            return name
    return "reduced"  # nothing fits: the one with the largest limit, named in the error


def _limit(module: Any, model: HeatValve) -> int:
    # a backend may accept larger N for some models (e.g. one fixed-J sector): max_N_for(model)
    return int(module.max_N_for(model) if hasattr(module, "max_N_for") else module.MAX_N)


def _check_model(model: object) -> None:
    if not isinstance(model, HeatValve):
        raise ParameterError(
            f"model must be a HeatValve (dickeheat.numeric.model.HeatValve), got {model!r} of "
            f"type {type(model).__name__}"
        )


def resolve_backend(model: HeatValve, backend: str = "auto") -> str:
    """The backend that would solve ``model``; raises if N is beyond its limit.

    Raises
    ------
    UnknownNameError
        For an unknown backend name.
    ParameterError
        If ``model`` is not a :class:`HeatValve`, or ``model.N`` exceeds the backend's limit
        for this model (the message states it; with ``auto``, the backend auto picks).
    """
    _check_model(model)
    if not isinstance(backend, str):
        raise UnknownNameError(f"backend must be one of {['auto', *BACKENDS]}, got {backend!r}")
    name = _auto(model) if backend == "auto" else backend
    module = backend_module(name)
    limit = _limit(module, model)
    if model.N > limit:
        chosen = (f"backend 'auto' (which picks {name!r} for N > {AUTO_FULLSPACE_MAX_N}, the "
                  f"largest limit of all backends)" if backend == "auto"
                  else f"backend {name!r}")
        raise ParameterError(
            f"N = {model.N} is too large for {chosen}: it accepts N <= {limit}"
            + ("" if limit == module.MAX_N else " for this model")
        )
    return name


def steady_state(model: HeatValve, *, backend: str = "auto") -> SteadyState:
    """Solve for the steady state of ``model`` with ``backend``.

    Raises
    ------
    ParameterError
        If ``model.N`` exceeds the backend's limit (the message states the limit).
    NumericalError
        If the solve fails or its residual is too large.
    """
    if not isinstance(model, HeatValve):
        raise ParameterError(f"model must be a HeatValve, got {model!r} "
                             f"({type(model).__name__})")
    name = resolve_backend(model, backend)
    # the steady state depends on rate ratios only: every backend solves with the largest
    # rate set to 1 (γ = 1e-25 and γ = 1e25 alike) and the currents are scaled back
    scale = model.max_rate
    state = backend_module(name).solve(model.rates_divided_by(scale))
    if scale == 1.0:
        return state
    return dataclasses.replace(
        state, model=model, Q_h=state.Q_h * scale, Q_c=state.Q_c * scale,
        Q_p=state.Q_p * scale, Q_pump=state.Q_pump * scale)

"""Shared parameters of the Kloc et al. figures and the look-up of the closed forms (G4), (G5).

The parameters are those of the caption of Fig. 2 (Omega = 1): eps_c, eps_h, eps_w = 2, 6, 4,
delta_c = delta_h = 0.1, delta_w = 1e-3, beta_c = 2, beta_h = 1, beta_w = 1e-3, all Gamma = 1.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dickeheat.errors import DickeheatError
from dickeheat.numeric.spin_refrigerator import PeakedBath, SpinRefrigerator

__all__ = ["FIG2", "model", "closed_form"]

#: the caption of Fig. 2
FIG2: dict[str, float] = {
    "Omega": 1.0, "eps_c": 2.0, "eps_h": 6.0, "eps_w": 4.0, "delta_c": 0.1, "delta_h": 0.1,
    "delta_w": 1e-3, "beta_c": 2.0, "beta_h": 1.0, "beta_w": 1e-3, "Gamma_c": 1.0,
    "Gamma_h": 1.0, "Gamma_w": 1.0,
}


def model(N: int, **overrides: float) -> SpinRefrigerator:
    """The refrigerator with the Fig. 2 parameters, any of them overridden by keyword."""
    unknown = set(overrides) - set(FIG2)
    if unknown:
        raise TypeError(f"unknown parameters {sorted(unknown)}")
    p = {**FIG2, **overrides}

    def bath(b: str) -> PeakedBath:
        return PeakedBath(beta=p[f"beta_{b}"], center=p[f"eps_{b}"], width=p[f"delta_{b}"],
                          amplitude=p[f"Gamma_{b}"])

    return SpinRefrigerator(N=N, cold=bath("c"), hot=bath("h"), work=bath("w"),
                            Omega=p["Omega"])


def closed_form(equation: str) -> tuple[str, Callable[..., Any], tuple[str, ...]] | None:
    """``(name, numpy_function, argument names)`` of the registered result of ``equation``.

    ``None`` when the paper's derivations are not registered (then figures fall back to the
    numerical n_w -> infinity limit and say so in their labels).
    """
    try:
        from dickeheat.derivations import registry

        reg = registry(("kloc2021",))
    except (DickeheatError, ImportError):  # derivations of this paper unavailable
        return None
    for res in reg:
        if str(getattr(res, "equation", "")) == equation:
            return res.name, res.numpy_function, tuple(str(a) for a in res.args)
    return None

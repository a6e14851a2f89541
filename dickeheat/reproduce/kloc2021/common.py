"""Shared parameters of the Kloc et al. figures and the look-up of the closed forms (G4), (G5).

The parameters are those of the caption of Fig. 2 (Omega = 1): eps_c, eps_h, eps_w = 2, 6, 4,
delta_c = delta_h = 0.1, delta_w = 1e-3, beta_c = 2, beta_h = 1, beta_w = 1e-3, all Gamma = 1.
"""

from __future__ import annotations

from typing import Any

from dickeheat.errors import DickeheatError
from dickeheat.numeric.spin_refrigerator import PeakedBath, SpinRefrigerator
from dickeheat.numeric.thermal import bose

__all__ = ["FIG2", "model", "reduced_limit"]

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


#: registered results used for the n_w -> infinity limit of the three-level model
_LIMIT_RESULTS = ("kloc2021.gap_cold", "kloc2021.gap_hot", "kloc2021.G_c_eff",
                  "kloc2021.G_h_eff", "kloc2021.G4_current", "kloc2021.G5_noise")


def reduced_limit(N: int, *, Omega: float, beta_c: float, beta_h: float, Gamma_c: float,
                  Gamma_h: float) -> dict[str, Any] | None:
    """(G4) and (G5) evaluated through the registry for odd N, or ``None``.

    The Bose factors are taken at the registered transition energies (``gap_cold``,
    ``gap_hot``) and the effective rates from the registered (G2) results (derived, not the
    printed ones). ``None`` when the results are not registered, an argument is not known, or
    N is even (the closed forms are for the levels 1/2, 3/2, 5/2 of odd N).
    Returns ``{"I_c": float, "S_c": float, "results": [names]}``.
    """
    if N % 2 == 0:
        return None
    try:
        from dickeheat.derivations import registry

        reg = registry(("kloc2021",))
        res = {name: reg.get(name) for name in _LIMIT_RESULTS}
    except (DickeheatError, ImportError):  # derivations of this paper unavailable
        return None
    vals: dict[str, float] = {"N": float(N), "Omega": Omega, "Gammabar_c": Gamma_c,
                              "Gammabar_h": Gamma_h, "beta_c": beta_c, "beta_h": beta_h}

    def ev(name: str) -> float | None:
        r = res[name]
        args = [str(a) for a in r.args]
        if not all(a in vals for a in args):
            return None
        return float(r.numpy_function(*[vals[a] for a in args]))

    steps = {"Gamma_c^eff": "kloc2021.G_c_eff", "Gamma_h^eff": "kloc2021.G_h_eff"}
    for key, name in steps.items():
        v = ev(name)
        if v is None:
            return None
        vals[key] = v
    gc, gh = ev("kloc2021.gap_cold"), ev("kloc2021.gap_hot")
    if gc is None or gh is None:
        return None
    vals["n_c"] = float(bose(gc, 1.0 / beta_c))
    vals["n_h"] = float(bose(gh, 1.0 / beta_h))
    I_c, S_c = ev("kloc2021.G4_current"), ev("kloc2021.G5_noise")
    if I_c is None or S_c is None:
        return None
    return {"I_c": I_c, "S_c": S_c, "results": list(_LIMIT_RESULTS)}

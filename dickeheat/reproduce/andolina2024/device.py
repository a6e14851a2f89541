"""From circuit elements in SI units to the heat-valve model's parameters.

Every number comes from a code-generated function of a registered result (the derivation is
the source of truth); the paper's printed formulas are evaluated beside them where they differ,
and the rates are compared with the damping of the linear circuit's transmon mode.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from typing import Any

import scipy.constants as const

from dickeheat.errors import ParameterError, check_positive
from dickeheat.numeric.circuit import coupled_circuit_modes

__all__ = ["CircuitParameters", "circuit_parameters"]


#: plausible ranges of circuit elements (SI): anything outside is a unit mistake
_RANGES = {"C": (1e-18, 1e-6), "L": (1e-15, 1.0), "R": (1e-6, 1e12)}
_UNIT = {"C": "farad", "L": "henry", "R": "ohm"}
#: the transmon expansions (A10)–(A16) hold for E_J/E_C well above 1; below this they fail
MIN_EJ_OVER_EC = 20.0


@dataclasses.dataclass(frozen=True)
class CircuitParameters:
    """Circuit elements (SI): transmon C_T, L_J; coupling capacitors; RLC baths R_i ∥ L ∥ C."""

    C_T: float
    L_J: float
    C_c_h: float
    C_c_c: float
    R_h: float
    R_c: float
    L: float
    C: float

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ParameterError(f"{f.name} must be a number, got {value!r}")
            check_positive(f.name, value)
            lo, hi = _RANGES[f.name[:1] if f.name[0] in "CLR" else f.name]
            if not lo <= value <= hi:
                raise ParameterError(
                    f"{f.name} = {value:g} is outside the range of circuit elements "
                    f"[{lo:g}, {hi:g}] ({_UNIT[f.name[0]]})")
        for name in ("C_c_h", "C_c_c"):
            if getattr(self, name) >= self.C_T:
                raise ParameterError(
                    f"{name} must be smaller than C_T (weak coupling, C_c < C_T = {self.C_T:g} F), "
                    f"got {getattr(self, name):g} F"
                )


@functools.cache
def _functions() -> dict[str, Any]:
    from dickeheat.derivations import registry

    reg = registry(("andolina2024",))
    g = reg.get("andolina2024.G")
    gamma = reg.get("andolina2024.gamma")
    quality = reg.get("andolina2024.quality")
    return {
        "E_J": reg.get("andolina2024.E_J").numpy_function,
        "E_T": reg.get("andolina2024.E_T").numpy_function,
        "G_exact": reg.get("andolina2024.G_exact").numpy_function,
        "G_first": g.numpy_function,
        "G_printed": g.printed_function,
        "gamma": gamma.numpy_function,
        "gamma_printed": gamma.printed_function,
        "quality": quality.numpy_function,
        "quality_printed": quality.printed_function,
    }


def circuit_parameters(p: CircuitParameters) -> dict[str, Any]:
    """The model parameters of the heat valve for circuit ``p`` (SI units in, SI out).

    Keys: ``omega0`` (rad/s), ``E_T`` (J), ``E_J``, ``E_C`` (J), ``Z_T`` (Ω), ``G_h``, ``G_c``
    (1/(V s)), ``quality_h``, ``quality_c``, ``gamma_h``, ``gamma_c`` (1/s), the printed
    formulas' values (``*_printed``) and the normal-mode damping of the linear circuit
    (``gamma_*_normal_mode``) as an independent check.
    """
    f = _functions()
    hbar, e = const.hbar, const.e
    c_sigma = p.C_T + p.C_c_h + p.C_c_c
    E_C = e**2 / (2 * c_sigma)  # charging energy of the first-order Hamiltonian (C_eff ≈ C_Σ)
    E_J = float(f["E_J"](hbar, e, p.L_J))
    if not E_J / E_C >= MIN_EJ_OVER_EC:
        raise ParameterError(
            f"E_J/E_C = {E_J / E_C:.3g} is outside the transmon regime the closed forms assume "
            f"(E_J/E_C >= {MIN_EJ_OVER_EC:g}); E_J is set by L_J and E_C by C_T + C_c: "
            "lower L_J or raise C_T")
    E_T = float(f["E_T"](E_J, E_C))
    omega0 = E_T / hbar
    Z_T = math.sqrt(p.L_J / p.C_T)
    w_lc = 1 / math.sqrt(p.L * p.C)
    out: dict[str, Any] = {
        "omega0": omega0, "E_T": E_T, "E_J": E_J, "E_C": E_C, "E_J_over_E_C": E_J / E_C,
        "Z_T": Z_T, "omega_LC": w_lc,
    }
    for bath, cc, other, R in (("h", p.C_c_h, p.C_c_c, p.R_h), ("c", p.C_c_c, p.C_c_h, p.R_c)):
        G = float(f["G_exact"](cc, other, p.C_T, p.L_J, hbar))
        q = float(f["quality"](R, p.C, w_lc))
        gamma = float(f["gamma"](omega0, w_lc, R, q, hbar, G))
        G_print = float(f["G_printed"](cc, p.C_T, hbar, Z_T))
        out[f"G_{bath}"] = G
        out[f"G_{bath}_first_order"] = float(f["G_first"](cc, p.C_T, hbar, Z_T))
        out[f"G_{bath}_printed"] = G_print
        out[f"quality_{bath}"] = q
        out[f"quality_{bath}_printed"] = float(f["quality_printed"](R, p.C, w_lc))
        out[f"gamma_{bath}"] = gamma
        out[f"gamma_{bath}_printed"] = float(f["gamma_printed"](omega0, w_lc, R, q, hbar, G_print))
    # independent: energy damping of the transmon mode of the linear circuit (both baths)
    modes = coupled_circuit_modes(p.C_T, p.L_J, (p.C_c_h, p.C_c_c), (p.R_h, p.R_c), p.L, p.C)
    w_mode = modes.transmon_frequency
    closed_at_mode = sum(
        float(f["gamma"](w_mode, w_lc, R, out[f"quality_{b}"], hbar, out[f"G_{b}"]))
        for b, R in (("h", p.R_h), ("c", p.R_c))
    )
    out["gamma_total_at_mode_frequency"] = closed_at_mode
    out["gamma_total_normal_mode"] = modes.transmon_damping
    out["normal_mode_rel_diff"] = abs(closed_at_mode / modes.transmon_damping - 1)
    out["notes"] = (
        "gamma_i uses G_i of the exact Legendre transform at omega0 = E_T/hbar. "
        "gamma_total_at_mode_frequency is gamma_h + gamma_c evaluated at the linear circuit's "
        "transmon-mode frequency (no -E_C shift), to compare with gamma_total_normal_mode, the "
        "energy damping of that mode. *_printed use the paper's formulas: G (A22) is 2x, "
        "gamma (B18) 8x for the same G; quality_printed = omega_LC/R is dimensionally "
        "inconsistent (its unit is 1/(s*Ohm))."
    )
    return out

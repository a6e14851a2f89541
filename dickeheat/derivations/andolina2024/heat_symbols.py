"""Symbols of the heat-current chain (main text, Appendices C–D), with assumptions and SI
dimensions. ħ and k_B are kept as symbols so that dimensions are checked; the numeric checks
evaluate in natural units ħ = k_B = 1."""

import sympy as sp
from sympy.physics.units import action, energy, temperature, time

__all__ = [
    "DIMS",
    "POWER",
    "T0",
    "J",
    "M",
    "N",
    "Qf",
    "T",
    "T_c",
    "T_h",
    "T_i",
    "T_p",
    "T_star",
    "bose",
    "gamma_1",
    "gamma_2",
    "gamma_c",
    "gamma_h",
    "gamma_i",
    "gamma_k",
    "gamma_p",
    "hbar",
    "jmjp",
    "jpjm",
    "jz",
    "k_B",
    "n_c",
    "n_h",
    "n_i",
    "n_p",
    "omega0",
    "omega_1",
    "omega_2",
    "omega_LC",
    "x",
]

pos = {"positive": True}
hbar = sp.Symbol("hbar", **pos)
k_B = sp.Symbol("k_B", **pos)
omega0 = sp.Symbol("omega_0", **pos)
omega_LC = sp.Symbol("omega_LC", **pos)
Qf = sp.Symbol("\\mathcal{Q}", **pos)
gamma_h = sp.Symbol("gamma_h", **pos)
gamma_c = sp.Symbol("gamma_c", **pos)
gamma_p = sp.Symbol("gamma_p", **pos)
gamma_i = sp.Symbol("gamma_i", **pos)
gamma_k = sp.Symbol("gamma_k", **pos)
n_h = sp.Symbol("n_h", **pos)
n_c = sp.Symbol("n_c", **pos)
n_p = sp.Symbol("n_p", **pos)
n_i = sp.Symbol("n_i", **pos)
T = sp.Symbol("T", **pos)
T_h = sp.Symbol("T_h", **pos)
T_c = sp.Symbol("T_c", **pos)
T_p = sp.Symbol("T_p", **pos)
T_i = sp.Symbol("T_i", **pos)
T0 = sp.Symbol("T_0", **pos)
T_star = sp.Symbol("T^*", **pos)
N = sp.Symbol("N", positive=True, integer=True)
J = sp.Symbol("Jbar", positive=True)  # the conserved collective spin J̄ (2J̄ a positive integer)
M = sp.Symbol("M", real=True)
jz = sp.Symbol("<J_z>", real=True)  # ⟨Ĵ_z⟩
jpjm = sp.Symbol("<J_+J_->", nonnegative=True)  # ⟨Ĵ_+Ĵ_-⟩
jmjp = sp.Symbol("<J_-J_+>", nonnegative=True)  # ⟨Ĵ_-Ĵ_+⟩
x = sp.Symbol("x", **pos)  # ħω0/(k_B T), dimensionless
omega_1 = sp.Symbol("omega_0^(1)", **pos)
omega_2 = sp.Symbol("omega_0^(2)", **pos)
gamma_1 = sp.Symbol("gamma_1", **pos)
gamma_2 = sp.Symbol("gamma_2", **pos)

POWER = energy / time

DIMS = {
    hbar: action, k_B: energy / temperature,
    omega0: 1 / time, omega_LC: 1 / time, omega_1: 1 / time, omega_2: 1 / time,
    gamma_h: 1 / time, gamma_c: 1 / time, gamma_p: 1 / time, gamma_i: 1 / time,
    gamma_k: 1 / time,
    gamma_1: 1 / time, gamma_2: 1 / time,
    T: temperature, T_h: temperature, T_c: temperature, T_p: temperature, T_i: temperature,
    T0: temperature, T_star: temperature,
}


def bose(omega: sp.Expr, temp: sp.Expr) -> sp.Expr:
    """Eq. (12): the Bose–Einstein occupation 1/(exp(ħω/k_B T) − 1)."""
    return 1 / (sp.exp(hbar * omega / (k_B * temp)) - 1)

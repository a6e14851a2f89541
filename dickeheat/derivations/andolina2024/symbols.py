"""Symbols of the circuit chain (Appendices A–B), with assumptions and SI dimensions."""

import sympy as sp
from sympy.physics.units import (
    action,
    capacitance,
    charge,
    energy,
    impedance,
    inductance,
    magnetic_flux,
    time,
    voltage,
)

__all__ = [
    "C_T", "L_J", "C_ch", "C_cc", "C_c", "Q", "phi", "phidot", "V_h", "V_c", "hbar", "e",
    "E_J", "E_C", "Z_T", "omega", "omega0", "omega_LC", "L", "C", "R", "G", "Qf", "n",
    "DIMS", "frequency",
]

pos = {"positive": True}
C_T = sp.Symbol("C_T", **pos)
L_J = sp.Symbol("L_J", **pos)
C_ch = sp.Symbol("C_c^{(h)}", **pos)
C_cc = sp.Symbol("C_c^{(c)}", **pos)
C_c = sp.Symbol("C_c", **pos)  # one coupling capacitor (bath index suppressed)
Q = sp.Symbol("Q", real=True)
phi = sp.Symbol("phi", real=True)
phidot = sp.Symbol("phidot", real=True)
V_h = sp.Symbol("V_h", real=True)
V_c = sp.Symbol("V_c", real=True)
hbar = sp.Symbol("hbar", **pos)
e = sp.Symbol("e", **pos)
E_J = sp.Symbol("E_J", **pos)
E_C = sp.Symbol("E_C", **pos)
Z_T = sp.Symbol("Z_T", **pos)
omega = sp.Symbol("omega", **pos)
omega0 = sp.Symbol("omega_0", **pos)
omega_LC = sp.Symbol("omega_LC", **pos)
L = sp.Symbol("L", **pos)
C = sp.Symbol("C", **pos)
R = sp.Symbol("R", **pos)
G = sp.Symbol("G", **pos)
Qf = sp.Symbol("\\mathcal{Q}", **pos)
n = sp.Symbol("n", nonnegative=True)

frequency = 1 / time

DIMS = {
    C_T: capacitance, C_ch: capacitance, C_cc: capacitance, C_c: capacitance, C: capacitance,
    L_J: inductance, L: inductance,
    Q: charge, e: charge,
    phi: magnetic_flux, phidot: voltage, V_h: voltage, V_c: voltage,
    hbar: action, E_J: energy, E_C: energy,
    Z_T: impedance, R: impedance,
    omega: frequency, omega0: frequency, omega_LC: frequency,
    G: 1 / (voltage * time),
}

"""Symbols of the paper, the dimension map and the one constructor of its results.

The circuit chain's symbols (Appendices A–B) are defined here, the heat-current chain's in
:mod:`~dickeheat.derivations.andolina2024.heat_symbols`; :data:`DIMS` maps both to their SI
dimensions, and :func:`make` (``result_factory(PAPER, DIMS)``) builds every result of the paper.
"""

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

from dickeheat.derivations.andolina2024.heat_symbols import DIMS as HEAT_DIMS
from dickeheat.errors import DickeheatError
from dickeheat.symbolic.result import result_factory

__all__ = [
    "C_T",
    "DIMS",
    "E_C",
    "E_J",
    "L_J",
    "PAPER",
    "Z_T",
    "C",
    "C_c",
    "C_cc",
    "C_ch",
    "G",
    "L",
    "Q",
    "Qf",
    "R",
    "V_c",
    "V_h",
    "e",
    "frequency",
    "hbar",
    "make",
    "n",
    "omega",
    "omega0",
    "omega_LC",
    "phi",
    "phidot",
]

#: the paper key of every result name, ``"andolina2024.<result>"``
PAPER = "andolina2024"

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

CIRCUIT_DIMS = {
    C_T: capacitance, C_ch: capacitance, C_cc: capacitance, C_c: capacitance, C: capacitance,
    L_J: inductance, L: inductance,
    Q: charge, e: charge,
    phi: magnetic_flux, phidot: voltage, V_h: voltage, V_c: voltage,
    hbar: action, E_J: energy, E_C: energy,
    Z_T: impedance, R: impedance,
    omega: frequency, omega0: frequency, omega_LC: frequency,
    G: 1 / (voltage * time),
}

_shared = set(CIRCUIT_DIMS) & set(HEAT_DIMS)
if any(CIRCUIT_DIMS[s] != HEAT_DIMS[s] for s in _shared):
    raise DickeheatError("the circuit and heat symbols disagree on a dimension")

#: SI dimension of every physical symbol of the paper (circuit and heat chains)
DIMS = {**CIRCUIT_DIMS, **HEAT_DIMS}

#: ``make(name, equation=..., title=..., lhs=..., expr=..., args=..., steps=..., printed=...,
#: expected=..., check=..., notes=...)``: the one constructor of this paper's results
make = result_factory(PAPER, DIMS)

"""Symbols of the da Silva Souza–Manzano–Fazio–Iemini collective engine (natural units,
ħ = k_B = 1).

Energies, rates and temperatures have dimension 1/time; inverse temperatures have dimension
time; moments of the normalised spins m = S/S are dimensionless; a power has dimension
1/time², its variance (11) 1/time³.
"""

from __future__ import annotations

import sympy as sp
from sympy.physics.units import Dimension, time

from dickeheat.symbolic.result import result_factory

__all__ = [
    "DIMS",
    "E1",
    "E2",
    "ONE",
    "PAPER",
    "POWER",
    "Q1",
    "Q2",
    "RATE",
    "T1",
    "T2",
    "E",
    "Gamma0",
    "N",
    "P",
    "S",
    "Tbar",
    "beta",
    "beta1",
    "beta2",
    "dE",
    "dT",
    "eps",
    "eta",
    "eta_C_sym",
    "make",
    "n",
    "n1",
    "n2",
    "nu",
    "omega0",
    "t",
    "var_P",
]

PAPER = "dasilvasouza2022"

E1, E2, E = sp.symbols("E_1 E_2 E", positive=True)
dE = sp.Symbol("Delta_E", positive=True)  # E2 − E1
omega0 = sp.Symbol("omega_0", positive=True)
Gamma0 = sp.Symbol("Gamma_0", positive=True)
nu = sp.Symbol("nu", positive=True)  # drive frequency (E2 − E1)
beta1, beta2, beta = sp.symbols("beta_1 beta_2 beta", positive=True)
n1, n2, n = sp.symbols("n_1 n_2 n", nonnegative=True)  # Bose occupations
N = sp.Symbol("N", positive=True, integer=True)
S = sp.Symbol("S", positive=True)  # collective spin length N/2
T1, T2, Tbar, dT = sp.symbols("T_1 T_2 Tbar Delta_T", positive=True)
P = sp.Symbol("P_N", real=True)
Q1, Q2 = sp.symbols("Qdot_1 Qdot_2", real=True)
var_P = sp.Symbol("Var_P", positive=True)
eta, eps = sp.symbols("eta epsilon", real=True)
eta_C_sym = sp.Symbol("eta_C", real=True)
t = sp.Symbol("t", real=True)

RATE = 1 / time
POWER = 1 / time**2
ONE = Dimension(1)

DIMS = {
    E1: RATE, E2: RATE, E: RATE, dE: RATE, omega0: RATE, Gamma0: RATE, nu: RATE,
    beta1: time, beta2: time, beta: time, T1: RATE, T2: RATE, Tbar: RATE, dT: RATE,
    P: POWER, Q1: POWER, Q2: POWER, var_P: 1 / time**3, t: time,
}

make = result_factory(PAPER, DIMS)

"""Symbols shared by the Kamimura et al. derivations (natural units, ħ = k_B = 1), the paper
key and the paper's one result constructor ``make``.

Dimensions (SymPy's SI dimension system with ħ = 1, so energy ≡ frequency): frequencies,
rates, norms of H_S, energy windows and correlation integrals have dimension 1/time, heat
currents and their bounds 1/time²; the coupling constant ``g`` and the norms ‖A_k‖ are
dimensionless (the bath operator carries the energy).
"""

from __future__ import annotations

import sympy as sp
from sympy.physics.units import Dimension, time

from dickeheat.symbolic.latex_symbols import NormSymbol
from dickeheat.symbolic.result import result_factory

__all__ = [
    "CURRENT",
    "DIMS",
    "ONE",
    "PAPER",
    "RATE",
    "XI",
    "A1_norm",
    "A2_norm",
    "H_norm",
    "Jq",
    "L",
    "M",
    "Omega",
    "S_minus",
    "S_plus",
    "Xi",
    "Xi11",
    "Xi12",
    "Xi21",
    "Xi22",
    "c",
    "d",
    "dE1",
    "dE2",
    "eta",
    "g",
    "gamma0",
    "gamma_wn",
    "m",
    "make",
    "omega_q",
]

PAPER = "kamimura2023"

L = sp.Symbol("L", positive=True, integer=True)
m = sp.Symbol("m", positive=True, integer=True)
d = sp.Symbol("d", nonnegative=True, integer=True)  # L - m
M = sp.Symbol("M", real=True)
Jq = sp.Symbol("J", nonnegative=True)  # collective-spin quantum number
omega_q = sp.Symbol("omega_q", positive=True)
Omega = sp.Symbol("Omega", positive=True)
g = sp.Symbol("g", positive=True)
c = sp.Symbol("c", positive=True)  # white noise C(s) = c δ(s)
gamma_wn = sp.Symbol("gamma_wn", positive=True)
gamma0 = sp.Symbol("gamma_0", positive=True)
Xi = sp.Symbol("Xi", positive=True)
eta = sp.Symbol("eta", positive=True)  # S(ω_q)/(2Ξ) ∈ (0, 1]
S_plus = sp.Symbol("S_+", nonnegative=True)  # S(+ω_q): emission into the bath
S_minus = sp.Symbol("S_-", nonnegative=True)  # S(−ω_q): absorption from the bath

# the general bounds (Eqs. 9 and 14) for a bath with two channels
H_norm = NormSymbol("||H_S||", positive=True)
A1_norm = NormSymbol("||A_1||", positive=True)
A2_norm = NormSymbol("||A_2||", positive=True)
Xi11, Xi12, Xi21, Xi22 = sp.symbols("Xi_11 Xi_12 Xi_21 Xi_22", nonnegative=True)
XI = sp.ImmutableMatrix([[Xi11, Xi12], [Xi21, Xi22]])
dE1, dE2 = sp.symbols("Delta_E_1 Delta_E_2", positive=True)

RATE = 1 / time
CURRENT = 1 / time**2
ONE = Dimension(1)

DIMS = {
    omega_q: RATE, Omega: RATE, c: RATE, gamma_wn: RATE, gamma0: RATE, Xi: RATE,
    S_plus: RATE, S_minus: RATE,
    H_norm: RATE, Xi11: RATE, Xi12: RATE, Xi21: RATE, Xi22: RATE, dE1: RATE, dE2: RATE,
}

#: the one constructor of this paper's results: ``make(name, equation=..., ...)``
make = result_factory(PAPER, DIMS)

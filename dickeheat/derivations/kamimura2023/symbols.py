"""Symbols shared by the Kamimura et al. derivations (natural units, ħ = k_B = 1).

Dimensions (SymPy's SI dimension system with ħ = 1, so energy ≡ frequency): frequencies,
rates and correlation integrals have dimension 1/time, heat currents and their bounds 1/time²;
the coupling constant ``g`` is dimensionless (the bath operator carries the energy).
"""

from __future__ import annotations

import sympy as sp
from sympy.physics.units import Dimension, time

__all__ = [
    "L", "m", "d", "M", "Jq", "omega_q", "Omega", "g", "c", "gamma_wn", "gamma0", "Xi", "eta",
    "S_plus", "S_minus", "DIMS", "RATE", "CURRENT", "ONE",
]

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

RATE = 1 / time
CURRENT = 1 / time**2
ONE = Dimension(1)

DIMS = {
    omega_q: RATE, Omega: RATE, c: RATE, gamma_wn: RATE, gamma0: RATE, Xi: RATE,
    S_plus: RATE, S_minus: RATE,
}

"""Symbols shared by the Kloc et al. derivations (natural units, ħ = k_B = 1).

Dimensions (SymPy's SI dimension system with ħ = 1, so energy ≡ frequency ≡ 1/time): Ω, ε_ν,
δ_ν, Γ̄_ν, effective rates and ω are rates; β_ν are times; the energy current has dimension
energy × rate = 1/time², the noise energy² × rate = 1/time³; occupations, N, j, a are numbers.
"""

from __future__ import annotations

import sympy as sp
from sympy.physics.units import Dimension, time

from dickeheat.symbolic.result import result_factory

__all__ = [
    "CURRENT",
    "DIMS",
    "G_L",
    "NOISE",
    "ONE",
    "RATE",
    "TIME",
    "G_c",
    "G_h",
    "G_w",
    "Gbar",
    "N",
    "Omega",
    "a",
    "b",
    "beta",
    "beta_c",
    "beta_h",
    "beta_w",
    "chi",
    "delta",
    "eps",
    "j",
    "make",
    "n_c",
    "n_h",
    "n_w",
    "omega",
    "s",
    "t",
]

N = sp.Symbol("N", positive=True, integer=True)
j = sp.Symbol("j", positive=True)  # total angular momentum, N/2
a = sp.Symbol("a", positive=True)  # proper-basis label, half-integer in [1/2, j]
b = sp.Symbol("b", positive=True)
Omega = sp.Symbol("Omega", positive=True)
omega = sp.Symbol("omega", real=True)
eps = sp.Symbol("varepsilon", positive=True)
delta = sp.Symbol("delta", positive=True)
Gbar = sp.Symbol("Gammabar", positive=True)
beta = sp.Symbol("beta", positive=True)
beta_c = sp.Symbol("beta_c", positive=True)
beta_h = sp.Symbol("beta_h", positive=True)
beta_w = sp.Symbol("beta_w", positive=True)
n_c = sp.Symbol("n_c", positive=True)
n_h = sp.Symbol("n_h", positive=True)
n_w = sp.Symbol("n_w", positive=True)
G_c = sp.Symbol("Gamma_c^eff", positive=True)
G_h = sp.Symbol("Gamma_h^eff", positive=True)
G_w = sp.Symbol("Gamma_w^eff", positive=True)
G_L = sp.Symbol("Gamma_L^eff", positive=True)
s = sp.Symbol("s", real=True)  # s = iχ
chi = sp.Symbol("chi", real=True)
t = sp.Symbol("t", positive=True)

RATE = 1 / time
TIME = time
CURRENT = 1 / time**2
NOISE = 1 / time**3
ONE = Dimension(1)

DIMS = {
    Omega: RATE, omega: RATE, eps: RATE, delta: RATE, Gbar: RATE, G_c: RATE, G_h: RATE,
    G_w: RATE, G_L: RATE, beta: TIME, beta_c: TIME, beta_h: TIME, beta_w: TIME, t: TIME,
    s: TIME, chi: TIME,
}

PAPER = "kloc2021"
make = result_factory(PAPER, DIMS)

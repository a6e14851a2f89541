r"""Counting statistics of the cold-bath energy current (Eqs. (10)–(14), App. E).

The cumulants are *defined* by the dominant eigenvalue :math:`\lambda(\chi)` of the dressed rate
matrix (10), :math:`\kappa_k = (-i\partial_\chi)^k\lambda|_0` (App. E). For a generic two-state
rate matrix in which every jump is counted with its own increment, :math:`\lambda` is obtained
by implicit differentiation of :math:`\det(\lambda - R(\chi))`
(:func:`dickeheat.symbolic.counting.polynomial_cumulants`); the paper's recipes — Eq. (11) with
the bordered system (12), and Eq. (13) with the auxiliary vector of (14) — are carried out
literally with SymPy (:math:`\chi`-derivatives of :math:`R(\chi)`, linear solves) and compared.
The identity behind the recipes for any size is the Rayleigh–Schrödinger recursion of
:func:`dickeheat.symbolic.counting.rs_cumulants`, whose tests compare it with the polynomial
route on random matrices; the model's three-level matrix is treated in ``reduced``.
"""

from __future__ import annotations

import dataclasses
import functools

import sympy as sp

from dickeheat.derivations.kloc2021.checks import statistics as checks
from dickeheat.derivations.kloc2021.symbols import chi, make, s
from dickeheat.symbolic.counting import (
    characteristic_polynomial,
    counting_rate_matrix,
    expansion_blocks,
    polynomial_cumulants,
    rs_cumulants,
)
from dickeheat.symbolic.result import Result, Step, require_zero

__all__ = ["D01", "D10", "W01", "W10", "StatisticsChain", "chain", "paper_recipe", "results"]

W01, W10 = sp.symbols("W_01 W_10", positive=True)
D01, D10 = sp.symbols("d_01 d_10", real=True)


@dataclasses.dataclass(frozen=True)
class StatisticsChain:
    R_chi: sp.Matrix
    polynomial: sp.Expr
    current: sp.Expr  # from the dominant eigenvalue
    noise: sp.Expr
    recipe_current: sp.Expr  # Eqs. (11)-(12) carried out
    recipe_noise: sp.Expr  # Eqs. (13)-(14) carried out
    rs_noise: sp.Expr


def paper_recipe(R_chi: sp.Matrix, x: sp.Symbol) -> tuple[sp.Expr, sp.Expr, sp.Matrix, sp.Matrix]:
    r"""Eqs. (11)–(14) as printed: :math:`\bar\rho` from (12),
    :math:`\bar I = -i{\rm Tr}R'\bar\rho`,
    :math:`\bar\sigma` from (14), :math:`\bar S = -{\rm Tr}R''\bar\rho - 2{\rm Tr}R'\bar\sigma`.

    The bordered systems are the printed ones, :math:`(n+1)\times n` (rate matrix with a row of
    ones appended), solved with :func:`sympy.linsolve`."""
    n = R_chi.shape[0]
    R0 = R_chi.subs(x, 0)
    R1 = R_chi.diff(x).subs(x, 0)
    R2 = R_chi.diff(x, 2).subs(x, 0)
    ones = sp.ones(1, n)
    M = R0.col_join(ones)
    rho_syms = sp.symbols(f"r0:{n}")
    (rho_sol,) = sp.linsolve((M, sp.zeros(n, 1).col_join(sp.Matrix([1]))), rho_syms)
    rho = sp.Matrix(rho_sol).applyfunc(sp.cancel)
    trace_r1 = (ones * R1 * rho)[0, 0]
    current = sp.cancel(sp.expand(-sp.I * trace_r1))
    rhs = (trace_r1 * sp.eye(n) - R1) * rho
    sig_syms = sp.symbols(f"q0:{n}")
    (sig_sol,) = sp.linsolve((M, rhs.col_join(sp.Matrix([0]))), sig_syms)
    sigma = sp.Matrix(sig_sol).applyfunc(sp.cancel)
    noise = sp.cancel(sp.expand(-(ones * R2 * rho)[0, 0] - 2 * (ones * R1 * sigma)[0, 0]))
    return current, noise, rho, sigma


@functools.cache
def chain() -> StatisticsChain:
    W = sp.Matrix([[0, W01], [W10, 0]])
    D = sp.Matrix([[0, D01], [D10, 0]])
    R_s = counting_rate_matrix(W, D, s)
    P, lam = characteristic_polynomial(R_s, s)
    k1, k2 = polynomial_cumulants(P, lam, s, 2)
    R_chi = R_s.subs(s, sp.I * chi)
    rec_i, rec_s, _, _ = paper_recipe(R_chi, chi)
    rs = rs_cumulants(*expansion_blocks(R_s, s, 2))
    require_zero("Rayleigh–Schrödinger noise = dominant-eigenvalue noise", rs.cumulants[1] - k2)
    return StatisticsChain(R_chi, P, k1, k2, rec_i, rec_s, rs.cumulants[1])


def results() -> list[Result]:
    c = chain()
    args = (W01, W10, D01, D10)
    steps = (Step("10", "dressed rate matrix R(χ) (every jump counted)", c.R_chi, name="R_chi"),
             Step("E1", "det(λ − R(s)), s = iχ", c.polynomial, name="polynomial"))
    note = ("Generic two-state rate matrix, W_ab the rate of b → a, d_ab its counted increment. "
            "expr: (−i∂_χ)^k λ(χ) at χ = 0 by implicit differentiation of the characteristic "
            "polynomial; printed: the paper's recipe (11)-(14) carried out symbolically (a second "
            "derivation, the paper prints no closed form: status consistent). For larger "
            "matrices the same identity is the Rayleigh–Schrödinger recursion "
            "(dickeheat.symbolic.counting.rs_cumulants), checked there on random matrices and "
            "used for the three-level model.")
    return [
        make("current_generic", equation="11",
             title="stationary current from the dominant eigenvalue",
             lhs=sp.Symbol("I"), expr=c.current, args=args, printed=c.recipe_current,
             printed_source="derivation", steps=steps,
             check=checks.generic_check(1), notes=note, dims=False),
        make("noise_generic", equation="13", title="stationary noise from the dominant eigenvalue",
             lhs=sp.Symbol("S"), expr=c.noise, args=args, printed=c.recipe_noise,
             printed_source="derivation",
             steps=(*steps, Step("14", "noise from the RS recursion (auxiliary vector)",
                                 c.rs_noise)),
             check=checks.generic_check(2), notes=note, dims=False),
    ]

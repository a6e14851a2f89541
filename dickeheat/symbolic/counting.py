r"""Full counting statistics of a classical rate equation, symbolically.

A rate matrix :math:`R` (columns sum to zero, :math:`\dot p = Rp`) is *dressed* with a counting
field :math:`\chi`: every transition :math:`b \to a` that transfers an amount :math:`d_{ab}` of the
counted quantity is multiplied by :math:`e^{i\chi d_{ab}}`. The cumulant-generating function grows
in the long-time limit as :math:`t\,\lambda(\chi)`, with :math:`\lambda` the eigenvalue of
:math:`R(\chi)` that vanishes at :math:`\chi = 0`, so the stationary cumulants are
:math:`\kappa_k = (-i\partial_\chi)^k\lambda|_{\chi=0}`.

Two independent routes are provided, written with :math:`s = i\chi` so that everything is real:

* :func:`rs_cumulants` — Rayleigh–Schrödinger perturbation theory of the zero eigenvalue. With
  :math:`R(s) = \sum_k s^k R_k/k!` (:func:`expansion_blocks`), left eigenvector
  :math:`\mathbf 1^T`, right eigenvector :math:`p(s)` normalised by :math:`\mathbf 1^T p(s) = 1`,
  order :math:`k` of :math:`R(s)p(s) = \lambda(s)p(s)` gives

  .. math:: \kappa_k = \sum_{j=1}^k \binom{k}{j}\mathbf 1^T R_j p_{k-j}, \qquad
            R_0 p_k = \sum_{j=1}^k \binom{k}{j}(\kappa_j - R_j)p_{k-j},\quad \mathbf 1^T p_k = 0.

  :math:`\kappa_1 = \mathbf 1^T R_1 p_0` is the mean current and
  :math:`\kappa_2 = \mathbf 1^T R_2 p_0 + 2\,\mathbf 1^T R_1 p_1` the noise, with the auxiliary
  vector :math:`p_1` of the bordered linear system.
* :func:`polynomial_cumulants` — implicit differentiation of the characteristic polynomial
  :math:`P(\lambda, s) = \det(\lambda - R(s))` (or any polynomial whose root through the origin
  is the dominant eigenvalue), order by order in :math:`s`.

>>> import sympy as sp
>>> g, k, s = sp.symbols("g k s", positive=True)
>>> R = counting_rate_matrix(sp.Matrix([[0, k], [g, 0]]), sp.Matrix([[0, 0], [1, 0]]), s)
>>> R0, R1, R2 = expansion_blocks(R, s, 2)
>>> c = rs_cumulants(R0, R1, R2)
>>> sp.simplify(c.cumulants[0] - g * k / (g + k))
0
>>> sp.simplify(c.cumulants[1] - polynomial_cumulants(characteristic_polynomial(R, s)[0],
...     characteristic_polynomial(R, s)[1], s, 2)[1])
0
"""

from __future__ import annotations

import dataclasses
from math import comb

import sympy as sp

from dickeheat.errors import DickeheatError

__all__ = [
    "LAMBDA",
    "CumulantSeries",
    "bordered_solve",
    "characteristic_polynomial",
    "counting_rate_matrix",
    "expansion_blocks",
    "polynomial_cumulants",
    "rs_cumulants",
    "stationary_state",
]

#: the eigenvalue variable of characteristic polynomials
LAMBDA = sp.Symbol("lambda")


@dataclasses.dataclass(frozen=True)
class CumulantSeries:
    """Stationary state and cumulants from the Rayleigh–Schrödinger series.

    Attributes
    ----------
    state
        The stationary state :math:`p_0` (column, trace one).
    cumulants
        :math:`(\\kappa_1, \\kappa_2, \\dots)`: mean current, noise, third cumulant, …
    corrections
        :math:`(p_1, p_2, \\dots)`: the traceless corrections of the eigenvector
        (:math:`p_1` is the auxiliary vector of the noise formula).
    """

    state: sp.Matrix
    cumulants: tuple[sp.Expr, ...]
    corrections: tuple[sp.Matrix, ...]


def counting_rate_matrix(rates: sp.Matrix, increments: sp.Matrix, s: sp.Symbol) -> sp.Matrix:
    r"""The dressed rate matrix :math:`R(s)` with :math:`s = i\chi`.

    Off-diagonal :math:`R_{ab}(s) = W_{ab}\,e^{s\,d_{ab}}` (``rates[a, b]`` is the rate of
    :math:`b \to a`, ``increments[a, b]`` the counted amount of that jump); diagonal
    :math:`R_{aa} = -\sum_{b\ne a} W_{ba}` (undressed: no jump, nothing counted).
    """
    n = rates.shape[0]
    if rates.shape != (n, n) or increments.shape != (n, n):
        raise DickeheatError("rates and increments must be square matrices of the same size")
    R = sp.zeros(n, n)
    for a in range(n):
        for b in range(n):
            if a != b:
                R[a, b] = rates[a, b] * sp.exp(s * increments[a, b])
        R[a, a] = -sum(rates[b, a] for b in range(n) if b != a)
    return R


def expansion_blocks(R_s: sp.Matrix, s: sp.Symbol, order: int) -> tuple[sp.Matrix, ...]:
    r""":math:`(R_0, \dots, R_{\rm order})` with :math:`R_k = \partial_s^k R(s)|_{s=0}`."""
    blocks = []
    current = R_s
    for _ in range(order + 1):
        blocks.append(current.subs(s, 0))
        current = current.diff(s)
    return tuple(blocks)


def bordered_solve(R0: sp.Matrix, rhs: sp.Matrix, trace: sp.Expr = sp.S.Zero) -> sp.Matrix:
    r"""Solve :math:`R_0 x = b` with :math:`\mathbf 1^T x = {\rm trace}`.

    The rows of :math:`R_0` sum to zero, so one of them is redundant; it is replaced by the
    row of ones (the bordered system of a stationary state). ``rhs`` must be traceless.
    """
    n = R0.shape[0]
    M = R0.copy()
    b = rhs.copy()
    M[n - 1, :] = sp.ones(1, n)
    b[n - 1, 0] = trace
    unknowns = sp.symbols(f"x0:{n}")
    solutions = sp.linsolve((M, b), unknowns)
    if not solutions:
        raise DickeheatError("bordered system has no solution (is R_0 a rate matrix?)")
    (sol,) = solutions
    return sp.Matrix(sol).applyfunc(sp.factor)


def stationary_state(R0: sp.Matrix) -> sp.Matrix:
    r"""The normalised null vector of :math:`R_0` (:math:`R_0 p = 0`, :math:`\mathbf 1^T p = 1`)."""
    return bordered_solve(R0, sp.zeros(R0.shape[0], 1), sp.S.One)


def rs_cumulants(*blocks: sp.Matrix) -> CumulantSeries:
    r"""Cumulants :math:`\kappa_1, \dots, \kappa_K` from :math:`(R_0, R_1, \dots, R_K)`.

    See the module docstring for the recursion. ``blocks[k]`` is :math:`\partial_s^k R|_{s=0}`.
    """
    if len(blocks) < 2:
        raise DickeheatError("rs_cumulants needs R_0 and at least R_1")
    R0 = blocks[0]
    n = R0.shape[0]
    one = sp.ones(1, n)
    p = [stationary_state(R0)]
    kappa: list[sp.Expr] = []
    for k in range(1, len(blocks)):
        c = sum((comb(k, j) * (one * blocks[j] * p[k - j])[0, 0] for j in range(1, k + 1)),
                sp.S.Zero)
        kappa.append(sp.cancel(c))
        kap = [None, *kappa]
        rhs = sp.zeros(n, 1)
        for j in range(1, k + 1):
            rhs += comb(k, j) * (kap[j] * p[k - j] - blocks[j] * p[k - j])
        if k < len(blocks) - 1:
            p.append(bordered_solve(R0, rhs))
    return CumulantSeries(state=p[0], cumulants=tuple(kappa), corrections=tuple(p[1:]))


def characteristic_polynomial(R_s: sp.Matrix, s: sp.Symbol) -> tuple[sp.Expr, sp.Symbol]:
    r""":math:`P(\lambda, s) = \det(\lambda\mathbb 1 - R(s))` and the symbol :math:`\lambda`."""
    n = R_s.shape[0]
    P = (LAMBDA * sp.eye(n) - R_s).det(method="berkowitz")
    return sp.expand(P), LAMBDA


def polynomial_cumulants(P: sp.Expr, lam: sp.Symbol, s: sp.Symbol,
                         order: int) -> tuple[sp.Expr, ...]:
    r"""Derivatives :math:`\lambda^{(k)}(0)`, :math:`k = 1..{\rm order}`, of the root of
    :math:`P(\lambda, s) = 0` with :math:`\lambda(0) = 0`.

    The ansatz :math:`\lambda = \sum_k c_k s^k/k!` is inserted into the Taylor polynomial of
    :math:`P` and the coefficient of :math:`s^k` solved for :math:`c_k` (it enters linearly,
    multiplied by :math:`\partial_\lambda P(0,0)`, which must not vanish: a simple root).
    """
    c = sp.symbols(f"c1:{order + 1}")
    P_lam = sp.Poly(sp.expand(P), lam)
    coeffs = P_lam.all_coeffs()[::-1]  # a_0(s), a_1(s), ...
    if sp.simplify(coeffs[0].subs(s, 0)) != 0:
        raise DickeheatError("lambda = 0 is not a root of P at s = 0")
    if len(coeffs) < 2 or sp.simplify(coeffs[1].subs(s, 0)) == 0:
        raise DickeheatError("lambda = 0 is not a simple root of P at s = 0")
    lam_series = sum(c[k - 1] * s**k / sp.factorial(k) for k in range(1, order + 1))
    total = sp.S.Zero
    for i, a_i in enumerate(coeffs):
        if i > order:
            break
        a_ser = sp.series(a_i, s, 0, order + 1).removeO()
        total += sp.expand(a_ser * sp.expand(lam_series**i))
    total = sp.expand(total)
    solved: dict[sp.Symbol, sp.Expr] = {}
    for k in range(1, order + 1):
        eq = total.coeff(s, k).subs(solved)
        slope = sp.expand(eq).coeff(c[k - 1], 1)
        rest = sp.expand(eq).coeff(c[k - 1], 0)
        if sp.expand(eq - slope * c[k - 1] - rest) != 0:
            raise DickeheatError(f"order {k}: coefficient equation not linear in c_{k}")
        solved[c[k - 1]] = sp.cancel(-rest / slope)
    return tuple(solved[c[k - 1]] for k in range(1, order + 1))

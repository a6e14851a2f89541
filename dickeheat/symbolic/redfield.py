r"""The Born–Markov (Redfield) dissipator, its secular (GKSL) limit and the heat current.

For a coupling :math:`H_{int} = \sum_k A_k \otimes B_k` with Hermitian :math:`A_k`, bath
correlations :math:`C_{kl}(s) = \mathrm{Tr}_B[\tilde B_k(s) B_l \rho_B]` and
:math:`\tilde O(t) = e^{iH_0t} O e^{-iH_0t}`, the Redfield dissipator is

.. math::

    \mathcal{D}[\rho] = \int_0^\infty ds \sum_{kl} C_{kl}(s)\big[\tilde A_l(-s)\rho A_k
        - A_k \tilde A_l(-s)\rho\big] + \mathrm{H.c.}

Decomposing :math:`A_l = \sum_\omega A_{l,\omega}` into eigenoperators,
:math:`[H_S, A_{l,\omega}] = -\omega A_{l,\omega}`, gives :math:`\tilde A_{l,\omega}(-s) =
e^{i\omega s}A_{l,\omega}`, hence :math:`\int_0^\infty C_{kl}(s)\tilde A_l(-s)\,ds = \Lambda_{kl}
= \sum_\omega \Gamma_{kl}(\omega) A_{l,\omega}` with :math:`\Gamma_{kl}(\omega) = \int_0^\infty
C_{kl}(s) e^{i\omega s} ds`. The secular (GKSL) dissipator keeps only equal Bohr frequencies,

.. math::

    \mathcal{D}^{(G)}[\rho] = \sum_\omega\sum_{kl}\gamma_{kl}(\omega)\big(A_{l,\omega}\rho
        A_{k,\omega}^\dagger - \tfrac12\{A_{k,\omega}^\dagger A_{l,\omega}, \rho\}\big),\qquad
    \gamma_{kl}(\omega) = \Gamma_{kl}(\omega) + \Gamma_{lk}(\omega)^*.

The heat current from a bath is :math:`J = \mathrm{Tr}[H_S\,\mathcal{D}[\rho]]`.

Two representations are supported: explicit SymPy matrices in the energy eigenbasis
(:func:`redfield_dissipator`, :func:`gksl_dissipator`) and noncommutative operators reduced with
an :class:`~dickeheat.symbolic.algebra.OperatorAlgebra` (:func:`redfield_current_operator`).

>>> import sympy as sp
>>> E = sp.symbols("E1 E2", real=True)
>>> H = sp.diag(*E); A = sp.Matrix([[0, 1], [1, 0]])
>>> sorted(bohr_components(H, A), key=str)
[-E1 + E2, E1 - E2]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import sympy as sp

from dickeheat.errors import DickeheatError
from dickeheat.symbolic.algebra import OperatorAlgebra, expectation_form

__all__ = [
    "bohr_components",
    "commutator_form",
    "dissipator_sum",
    "eigenoperator_frequency",
    "gksl_dissipator",
    "gksl_rate",
    "heat_current",
    "interaction_picture",
    "lambda_from_correlation",
    "lambda_operator",
    "redfield_current_operator",
    "redfield_dissipator",
]

Rate = Callable[[int, int, sp.Expr], sp.Expr]


def _same(a: sp.Expr, b: sp.Expr) -> bool:
    """True if two Bohr frequencies are equal (expanded difference zero, or numerically zero)."""
    diff = sp.expand(a - b)
    if diff == 0:
        return True
    if diff.free_symbols:
        return sp.expand(sp.radsimp(diff)) == 0
    return abs(complex(sp.N(diff, 30))) < 1e-25


def _check_diagonal(H: sp.Matrix) -> list[sp.Expr]:
    if not H.is_square or any(H[i, j] != 0 for i in range(H.rows) for j in range(H.cols)
                              if i != j):
        raise DickeheatError("H must be a diagonal matrix (work in the energy eigenbasis)")
    return [H[i, i] for i in range(H.rows)]


def bohr_components(H: sp.Matrix, A: sp.Matrix) -> dict[sp.Expr, sp.Matrix]:
    r"""The eigenoperator decomposition :math:`A = \sum_\omega A_\omega`, :math:`[H, A_\omega] =
    -\omega A_\omega`, for a diagonal ``H``: :math:`A_\omega = \sum_{E_b - E_a = \omega}
    A_{ab}|a\rangle\langle b|`. Zero components are dropped."""
    E = _check_diagonal(H)
    out: dict[sp.Expr, sp.Matrix] = {}
    for a in range(A.rows):
        for b in range(A.cols):
            if A[a, b] == 0:
                continue
            w = sp.expand(E[b] - E[a])
            key = next((k for k in out if _same(k, w)), w)
            out.setdefault(key, sp.zeros(*A.shape))[a, b] = A[a, b]
    return out


def interaction_picture(H: sp.Matrix, A: sp.Matrix, t: sp.Expr) -> sp.Matrix:
    r""":math:`\tilde A(t) = e^{iHt} A e^{-iHt}` for a diagonal ``H``."""
    E = _check_diagonal(H)
    return sp.Matrix(A.rows, A.cols,
                     lambda a, b: A[a, b] * sp.exp(sp.I * (E[a] - E[b]) * t))


def lambda_from_correlation(H: sp.Matrix, A: sp.Matrix, C: sp.Expr, s: sp.Symbol) -> sp.Matrix:
    r""":math:`\Lambda = \int_0^\infty C(s)\,\tilde A(-s)\,ds`, integrated entry by entry with
    SymPy (``C`` is an expression in ``s``, e.g. ``c*DiracDelta(s)``)."""
    At = interaction_picture(H, A, -s)
    return At.applyfunc(lambda x: sp.simplify(sp.integrate(C * x, (s, 0, sp.oo), conds="none")))


def lambda_operator(
    H: sp.Matrix, couplings: Sequence[sp.Matrix], Gamma: Rate, k: int, l: int
) -> sp.Matrix:
    r""":math:`\Lambda_{kl} = \sum_\omega \Gamma_{kl}(\omega) A_{l,\omega}`."""
    out = sp.zeros(*couplings[l].shape)
    for w, Aw in bohr_components(H, couplings[l]).items():
        out += Gamma(k, l, w) * Aw
    return out


def dissipator_sum(couplings: Sequence[Any], Lambda: Callable[[int, int], Any | None],
                   rho: Any) -> Any:
    r""":math:`X = \sum_{kl}[\Lambda_{kl}\rho A_k - A_k\Lambda_{kl}\rho]`, so that the
    Redfield dissipator of Eq. (6) is :math:`X + X^\dagger`.

    Works on explicit matrices and on noncommutative symbols alike (the inequality chains of
    :mod:`dickeheat.symbolic.bounds` start from it); ``Lambda(k, l)`` is ``None`` for an
    uncorrelated pair.
    """
    X: Any = None
    n = len(couplings)
    for k in range(n):
        for l in range(n):
            Lam = Lambda(k, l)
            if Lam is None:
                continue
            term = Lam * rho * couplings[k] - couplings[k] * Lam * rho
            X = term if X is None else X + term
    return sp.S.Zero if X is None else X


def redfield_dissipator(
    H: sp.Matrix,
    couplings: Sequence[sp.Matrix],
    rho: sp.Matrix,
    *,
    Gamma: Rate | None = None,
    Lambdas: dict[tuple[int, int], sp.Matrix] | None = None,
) -> sp.Matrix:
    r"""The Redfield dissipator :math:`\sum_{kl}[\Lambda_{kl}\rho A_k - A_k\Lambda_{kl}\rho] +
    \mathrm{H.c.}` (Schrödinger picture, energy eigenbasis).

    Give either ``Gamma(k, l, omega)`` (the one-sided transforms, Bohr form) or the matrices
    ``Lambdas[(k, l)]`` directly (e.g. from :func:`lambda_from_correlation`); pairs missing
    from ``Lambdas`` are uncorrelated channels.
    """
    if (Gamma is None) == (Lambdas is None):
        raise DickeheatError("give exactly one of Gamma= or Lambdas=")

    def Lam(k: int, l: int) -> sp.Matrix | None:
        if Lambdas is not None:
            return Lambdas.get((k, l))
        assert Gamma is not None
        return lambda_operator(H, couplings, Gamma, k, l)

    X = dissipator_sum(couplings, Lam, rho)
    if not isinstance(X, sp.MatrixBase):  # no correlated pair at all
        X = sp.zeros(*rho.shape)
    return X + X.H


def gksl_rate(Gamma: Rate) -> Rate:
    r""":math:`\gamma_{kl}(\omega) = \Gamma_{kl}(\omega) + \Gamma_{lk}(\omega)^*`."""
    return lambda k, l, w: Gamma(k, l, w) + sp.conjugate(Gamma(l, k, w))


def gksl_dissipator(
    H: sp.Matrix, couplings: Sequence[sp.Matrix], rho: sp.Matrix, *, rates: Rate
) -> sp.Matrix:
    r"""The secular (GKSL) dissipator of Eq. (20) of the Redfield theory (no Lamb shift)."""
    comps = [bohr_components(H, A) for A in couplings]
    freqs: list[sp.Expr] = []
    for c in comps:
        for w in c:
            if not any(_same(w, f) for f in freqs):
                freqs.append(w)

    def comp(k: int, w: sp.Expr) -> sp.Matrix:
        for key, val in comps[k].items():
            if _same(key, w):
                return val
        return sp.zeros(*rho.shape)

    out = sp.zeros(*rho.shape)
    n = len(couplings)
    for w in freqs:
        for k in range(n):
            Ak = comp(k, w)
            for l in range(n):
                Al = comp(l, w)
                g = rates(k, l, w)
                anti = Ak.H * Al * rho + rho * Ak.H * Al
                out += g * (Al * rho * Ak.H - sp.Rational(1, 2) * anti)
    return out


def heat_current(H: sp.Matrix, D_rho: sp.Matrix) -> sp.Expr:
    r""":math:`J = \mathrm{Tr}[H\,\mathcal{D}[\rho]]` (Eq. 8 of the bounds literature)."""
    return sp.expand((H * D_rho).trace())


def commutator_form(
    H: sp.Matrix, couplings: Sequence[sp.Matrix], rho: sp.Matrix, Gamma: Rate
) -> sp.Expr:
    r""":math:`\sum_{kl}\mathrm{Tr}(\rho[A_k, H]\Lambda_{kl}) + \mathrm{c.c.}`, the form of the
    Redfield current from which the bounds follow (equal to :func:`heat_current` of
    :func:`redfield_dissipator` by the cyclic property of the trace)."""
    total = sp.S.Zero
    n = len(couplings)
    for k in range(n):
        for l in range(n):
            Lam = lambda_operator(H, couplings, Gamma, k, l)
            total += (rho * (couplings[k] * H - H * couplings[k]) * Lam).trace()
    return sp.expand(total + sp.conjugate(total))


# -- operator (noncommutative) form ----------------------------------------------------------
def eigenoperator_frequency(H: sp.Expr, T: sp.Expr, algebra: OperatorAlgebra) -> sp.Expr:
    r"""The Bohr frequency :math:`\omega` of an eigenoperator, :math:`[H, T] = -\omega T`.

    Raises
    ------
    DickeheatError
        If :math:`[H, T]` is not proportional to :math:`T`.
    """
    comm = algebra.commutator(H, T)
    ratio = sp.simplify(comm / algebra.order(T))
    if not ratio.is_commutative:
        raise DickeheatError(f"{T} is not an eigenoperator of {H}: [H, T] = {comm}")
    return sp.simplify(-ratio)


def redfield_current_operator(
    H: sp.Expr,
    components: Sequence[tuple[sp.Expr, sp.Expr]],
    Gamma: Callable[[sp.Expr], sp.Expr],
    algebra: OperatorAlgebra,
    rho: sp.Expr,
) -> tuple[sp.Expr, sp.Expr]:
    r"""The Redfield current of one channel as an expectation value.

    With :math:`A = \sum_\omega A_\omega` (``components`` = ``[(omega, A_omega), ...]``) and
    :math:`\Lambda = \sum_\omega\Gamma(\omega)A_\omega`, the current is
    :math:`\mathrm{Tr}[H(\Lambda\rho A - A\Lambda\rho)] + \mathrm{c.c.} = \langle O\rangle +
    \langle O\rangle^*`.

    Returns
    -------
    O, trace_argument
        ``O`` in the algebra's canonical order, and the expression under the trace (with the
        state ``rho`` as a noncommutative operator) from which it was obtained.
    """
    A = sp.Add(*[Aw for _, Aw in components])
    Lam = sp.Add(*[Gamma(w) * Aw for w, Aw in components])
    under_trace = sp.expand(H * (Lam * rho * A - A * Lam * rho))
    O = algebra.order(expectation_form(under_trace, rho))
    return O, under_trace

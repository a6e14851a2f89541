r"""Lemmas on traces and operator norms, as rewrite rules with numerical instances.

Operators are noncommutative SymPy symbols; :class:`Tr`, :class:`Norm` (the operator norm
:math:`\|X\|`) and :class:`Norm1` (the trace norm :math:`\|X\|_1`) are commutative scalar
functions of them (``Norm`` and ``Norm1`` nonnegative). Each lemma is an
:class:`~dickeheat.symbolic.inequality.Lemma`: a rewrite applied by the inequality chains, and a
numerical instance on random matrices built from a real parameter vector, which
:func:`~dickeheat.symbolic.inequality.falsify` searches for a violation.

========================  ==============================================================
``TRACE_CYCLIC`` (=)      linearity and cyclicity of the trace (each monomial rotated so
                          that the state is the last factor)
``TRIANGLE``              :math:`|\sum_i z_i| \le \sum_i |z_i|` (with :math:`|\bar z| = |z|`)
``HOLDER``                :math:`|\mathrm{Tr}[XY]| \le \|X\|\,\|Y\|_1`
``STATE_NORM`` (=)        :math:`\|\rho\|_1 = 1` for a density matrix
``SUBMULTIPLICATIVE``     :math:`\|XY\| \le \|X\|\,\|Y\|`
``COMMUTATOR``            :math:`\|[A, H]\| \le 2\|H\|\,\|A\|`
``energy_window(...)``    :math:`\|[A, H]\| \le \Delta E\,\|A\|` if :math:`\langle i|A|j\rangle
                          = 0` whenever :math:`|E_i - E_j| > \Delta E` (Bernstein's inequality
                          for the band-limited :math:`t\mapsto e^{iHt}Ae^{-iHt}`)
``correlation_integral``  :math:`\|\int_0^\infty C(s)\,e^{-iHs}Ae^{iHs}ds\| \le \Xi\,\|A\|`,
                          :math:`\Xi = \int_0^\infty |C(s)|ds` (triangle inequality for the
                          integral and unitary invariance of the norm)
========================  ==============================================================

>>> import sympy as sp
>>> X, Y = sp.symbols("X Y", commutative=False)
>>> HOLDER.apply(sp.Abs(Tr(X * Y)))
Norm(X)*Norm1(Y)
>>> SUBMULTIPLICATIVE.apply(Norm(X * Y))
Norm(X)*Norm(Y)
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import numpy as np
import sympy as sp

from dickeheat.symbolic.inequality import Lemma

__all__ = [
    "COMMUTATOR",
    "HOLDER",
    "STATE_NORM",
    "SUBMULTIPLICATIVE",
    "TRACE_CYCLIC",
    "TRIANGLE",
    "Norm",
    "Norm1",
    "Tr",
    "commutator_lemma",
    "correlation_integral",
    "energy_window",
    "trace_normal_form",
]

DIM = 3  # dimension of the random matrices of the numerical instances


class _Scalar(sp.Function):
    """A commutative scalar function of (noncommutative) operators."""

    def _eval_is_commutative(self) -> bool:
        return True


class Tr(_Scalar):
    """The trace of an operator expression (unevaluated)."""

    nargs = 1


class Norm(_Scalar):
    r"""The operator norm :math:`\|X\|` (nonnegative)."""

    nargs = 1

    def _eval_is_real(self) -> bool:
        return True

    def _eval_is_nonnegative(self) -> bool:
        return True

    _subscript = ""

    def _latex(self, printer: object, exp: str | None = None) -> str:
        inner = printer._print(self.args[0])  # type: ignore[attr-defined]
        tex = r"\lVert " + inner + r" \rVert" + self._subscript
        return tex if exp is None else "{" + tex + "}^{" + exp + "}"


class Norm1(Norm):
    r"""The trace norm :math:`\|X\|_1` (nonnegative)."""

    _subscript = "_{1}"


# -- numerical instances ----------------------------------------------------------------------
def _complex(x: np.ndarray, start: int, d: int = DIM) -> np.ndarray:
    n = d * d
    return (x[start:start + n] + 1j * x[start + n:start + 2 * n]).reshape(d, d)


def _hermitian(x: np.ndarray, start: int, d: int = DIM) -> np.ndarray:
    M = _complex(x, start, d)
    return 0.5 * (M + M.conj().T)


def _opnorm(M: np.ndarray) -> float:
    return float(np.linalg.norm(M, 2))


def _trace_norm(M: np.ndarray) -> float:
    return float(np.linalg.svd(M, compute_uv=False).sum())


def _triangle_instance(x: np.ndarray) -> tuple[float, float]:
    z = x[0::2] + 1j * x[1::2]
    return float(abs(z.sum())), float(np.abs(z).sum())


def _holder_instance(x: np.ndarray) -> tuple[float, float]:
    X, Y = _complex(x, 0), _complex(x, 2 * DIM * DIM)
    return float(abs(np.trace(X @ Y))), _opnorm(X) * _trace_norm(Y)


def _state_instance(x: np.ndarray) -> tuple[float, float]:
    G = _complex(x, 0)
    rho = G @ G.conj().T
    rho /= np.trace(rho).real
    return _trace_norm(rho), 1.0


def _submultiplicative_instance(x: np.ndarray) -> tuple[float, float]:
    X, Y = _complex(x, 0), _complex(x, 2 * DIM * DIM)
    return _opnorm(X @ Y), _opnorm(X) * _opnorm(Y)


def _commutator_instance(x: np.ndarray, constant: float = 2.0) -> tuple[float, float]:
    H, A = _hermitian(x, 0), _hermitian(x, 2 * DIM * DIM)
    return _opnorm(A @ H - H @ A), constant * _opnorm(H) * _opnorm(A)


def _window_instance(x: np.ndarray, constant: float = 1.0) -> tuple[float, float]:
    """H = diag(E), A Hermitian with the entries beyond a window w removed; ΔE is the largest
    gap A still connects."""
    E = x[:DIM]
    A = _hermitian(x, DIM)
    gaps = np.abs(E[:, None] - E[None, :])
    w = abs(x[-1]) * (E.max() - E.min())
    A = np.where(gaps <= w, A, 0)
    connected = np.abs(A) > 0
    dE = float(gaps[connected].max()) if connected.any() else 0.0
    H = np.diag(E)
    return _opnorm(A @ H - H @ A), constant * dE * _opnorm(A)


def _correlation_instance(x: np.ndarray) -> tuple[float, float]:
    """Λ = Σ_i c_i e^{−iHs_i} A e^{iHs_i} (a discrete measure: any C(s) ds), Ξ = Σ|c_i|."""
    H, A = _hermitian(x, 0), _hermitian(x, 2 * DIM * DIM)
    E, V = np.linalg.eigh(H)
    k = 4 * DIM * DIM
    n = (len(x) - k) // 3
    s, c = x[k:k + n], x[k + n:k + 2 * n] + 1j * x[k + 2 * n:k + 3 * n]
    Lam = np.zeros((DIM, DIM), dtype=complex)
    for si, ci in zip(s, c, strict=True):
        U = V @ np.diag(np.exp(-1j * E * si)) @ V.conj().T
        Lam += ci * U @ A @ U.conj().T
    return _opnorm(Lam), float(np.abs(c).sum()) * _opnorm(A)


# -- rewrites ---------------------------------------------------------------------------------
def _nc_factors(expr: sp.Basic) -> tuple[sp.Expr, list[sp.Expr]]:
    """A product split into its commutative coefficient and its noncommutative factors."""
    c, nc = expr.args_cnc() if isinstance(expr, sp.Mul) else ([], [expr])
    return sp.Mul(*c), list(nc)


def _rotate_to_end(word: list[sp.Expr], last: sp.Symbol) -> list[sp.Expr]:
    if last in word:
        i = len(word) - 1 - word[::-1].index(last)
        return word[i + 1:] + word[:i + 1]
    return min((word[i:] + word[:i] for i in range(len(word))), key=lambda w: str(w))


def trace_normal_form(expr: sp.Basic, last: sp.Symbol) -> sp.Basic:
    """Every trace expanded by linearity and each monomial rotated (cyclicity) so that ``last``
    (the state) is its last factor."""

    def rule(e: sp.Basic) -> sp.Basic | None:
        if not isinstance(e, Tr):
            return None
        out = sp.S.Zero
        for term in sp.Add.make_args(sp.expand(e.args[0])):
            c, word = _nc_factors(term)
            out += c * Tr(sp.Mul(*_rotate_to_end(word, last)))
        return out

    return expr.replace(lambda e: isinstance(e, Tr), lambda e: rule(e))


def _triangle_rewrite(e: sp.Basic) -> sp.Basic | None:
    if isinstance(e, sp.Abs) and isinstance(e.args[0], sp.Add):
        return sp.Add(*[sp.Abs(t) for t in e.args[0].args])
    return None


def _holder_rewrite(e: sp.Basic) -> sp.Basic | None:
    if isinstance(e, sp.Abs) and isinstance(e.args[0], Tr):
        c, word = _nc_factors(e.args[0].args[0])
        if len(word) >= 2:
            return sp.Abs(c) * Norm(sp.Mul(*word[:-1])) * Norm1(word[-1])
    return None


def _state_rewrite(e: sp.Basic, states: frozenset[sp.Symbol]) -> sp.Basic | None:
    if isinstance(e, Norm1) and e.args[0] in states:
        return sp.S.One
    return None


def _submultiplicative_rewrite(e: sp.Basic) -> sp.Basic | None:
    if type(e) is Norm and isinstance(e.args[0], sp.Mul):
        c, word = _nc_factors(e.args[0])
        if len(word) >= 2:
            return sp.Abs(c) * sp.Mul(*[Norm(w) for w in word])
    return None


def _commutator_parts(e: sp.Basic) -> tuple[sp.Expr, sp.Expr] | None:
    """``(A, H)`` if ``e`` is ``A*H - H*A``."""
    if not isinstance(e, sp.Add) or len(e.args) != 2:
        return None
    words = [_nc_factors(t) for t in e.args]
    if sorted(c for c, _ in words) != [-1, 1] or any(len(w) != 2 for _, w in words):
        return None
    (_, p), (_, q) = sorted(words, key=lambda cw: -cw[0])
    return (p[0], p[1]) if p == q[::-1] else None


def _commutator_rewrite(e: sp.Basic, constant: sp.Expr) -> sp.Basic | None:
    if type(e) is Norm and (parts := _commutator_parts(e.args[0])) is not None:
        A, H = parts
        return constant * Norm(H) * Norm(A)
    return None


def _window_rewrite(e: sp.Basic, windows: Mapping[sp.Symbol, sp.Expr]) -> sp.Basic | None:
    if type(e) is Norm and (parts := _commutator_parts(e.args[0])) is not None:
        A, _ = parts
        if A in windows:
            return windows[A] * Norm(A)
    return None


def _correlation_rewrite(e: sp.Basic,
                         table: Mapping[sp.Symbol, tuple[sp.Expr, sp.Symbol]]) -> sp.Basic | None:
    if type(e) is Norm and e.args[0] in table:
        xi, A = table[e.args[0]]
        return xi * Norm(A)
    return None


# -- the lemmas -------------------------------------------------------------------------------
def trace_cyclic(state: sp.Symbol) -> Lemma:
    """Linearity and cyclicity of the trace, monomials rotated to end with ``state``."""
    return Lemma("cyclicity of the trace", "Tr[XY] = Tr[YX], Tr linear", "=",
                 functools.partial(_trace_rewrite, last=state))


def _trace_rewrite(e: sp.Basic, last: sp.Symbol) -> sp.Basic | None:
    return trace_normal_form(e, last) if isinstance(e, Tr) else None


TRACE_CYCLIC = trace_cyclic(sp.Symbol("rho", commutative=False))

TRIANGLE = Lemma("triangle inequality", "|Σ z_i| <= Σ |z_i|", "<=", _triangle_rewrite,
                 _triangle_instance, 8)

HOLDER = Lemma("Hölder", "|Tr[XY]| <= ‖X‖ ‖Y‖_1", "<=", _holder_rewrite, _holder_instance,
               4 * DIM * DIM)

SUBMULTIPLICATIVE = Lemma("submultiplicativity", "‖XY‖ <= ‖X‖ ‖Y‖", "<=",
                          _submultiplicative_rewrite, _submultiplicative_instance, 4 * DIM * DIM)


def state_norm(states: frozenset[sp.Symbol]) -> Lemma:
    """:math:`\\|\\rho\\|_1 = 1` for each density matrix in ``states``."""
    return Lemma("trace norm of a state", "‖ρ‖_1 = Tr ρ = 1 (ρ >= 0)", "=",
                 functools.partial(_state_rewrite, states=states), _state_instance,
                 2 * DIM * DIM)


STATE_NORM = state_norm(frozenset({sp.Symbol("rho", commutative=False)}))


_TWO = sp.Integer(2)


def commutator_lemma(constant: sp.Expr = _TWO) -> Lemma:
    """:math:`\\|[A, H]\\| \\le c\\|H\\|\\|A\\|` (true for ``c = 2``; other constants are for
    falsification tests)."""
    return Lemma("commutator norm", f"‖[A, H]‖ <= {constant} ‖H‖ ‖A‖", "<=",
                 functools.partial(_commutator_rewrite, constant=constant),
                 functools.partial(_commutator_instance, constant=float(constant)),
                 4 * DIM * DIM)


COMMUTATOR = commutator_lemma()


def energy_window(windows: Mapping[sp.Symbol, sp.Expr], constant: float = 1.0) -> Lemma:
    """:math:`\\|[A, H]\\| \\le \\Delta E_A\\|A\\|` for the band-limited ``A`` (``windows``
    maps each coupling to its window; ``constant`` other than 1 is for falsification tests)."""
    factor = sp.nsimplify(constant)
    table = {k: factor * v for k, v in windows.items()}
    scale = "" if factor == 1 else f"{factor} "
    return Lemma("energy window (Eq. 13, Bernstein)",
                 f"<i|A|j> = 0 for |E_i − E_j| > ΔE  ⇒  ‖[A, H]‖ <= {scale}ΔE ‖A‖", "<=",
                 functools.partial(_window_rewrite, windows=table),
                 functools.partial(_window_instance, constant=constant), DIM + 2 * DIM * DIM + 1)


def correlation_integral(table: Mapping[sp.Symbol, tuple[sp.Expr, sp.Symbol]]) -> Lemma:
    r""":math:`\|\Lambda\| \le \Xi\|A\|` for :math:`\Lambda = \int_0^\infty C(s)\tilde A(-s)ds`
    (``table`` maps each Λ to its ``(Ξ, A)``)."""
    return Lemma("integral triangle inequality + unitary invariance",
                 "‖∫ C(s) Ã(−s) ds‖ <= ∫ |C(s)| ‖Ã(−s)‖ ds = Ξ ‖A‖", "<=",
                 functools.partial(_correlation_rewrite, table=table), _correlation_instance,
                 4 * DIM * DIM + 3 * 5)

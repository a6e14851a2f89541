r"""Canonical quantisation of a quadratic Hamiltonian: ladder operators by diagonalisation.

Given :math:`H = p^2/(2m) + k x^2/2` in non-commuting symbols :math:`x, p` with the canonical
commutator :math:`[x, p] = i\hbar c` (``c = ±1`` from a Poisson bracket), the lowering operator
:math:`b = \alpha x + \beta p` is *derived*:

1. :math:`[H, b] = -\hbar\omega b` (``b`` lowers the energy by :math:`\hbar\omega`), with the
   commutators reduced by the product rule: a homogeneous linear system for
   :math:`(\alpha, \beta)` whose determinant fixes :math:`\omega > 0`;
2. :math:`[b, b^\dagger] = 1` (``x``, ``p`` Hermitian) fixes :math:`|\alpha|`;
3. the free global phase of ``b`` is fixed by a stated convention: the coefficient of ``b`` in
   the chosen variable is real and positive;
4. the linear relation is inverted for :math:`x, p` in terms of ``b``, ``b†``; the results are
   verified: :math:`H = \hbar\omega(b^\dagger b + 1/2)` after normal ordering and
   :math:`[x, p] = i\hbar c` from the forms.

>>> import sympy as sp
>>> hbar, m, k = sp.symbols("hbar m k", positive=True)
>>> x, p = sp.symbols("x p", commutative=False)
>>> modes = diagonalise_oscillator(p**2 / (2*m) + k*x**2/2, x, p, sp.I*hbar, real="p")
>>> sp.simplify(modes.omega - sp.sqrt(k/m))
0
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import sympy as sp
from sympy.physics.quantum import Dagger
from sympy.physics.quantum.boson import BosonOp

from dickeheat.errors import DickeheatError
from dickeheat.symbolic.oscillator import normal_order

__all__ = ["OscillatorModes", "canonical_commutator", "diagonalise_oscillator"]


def _factors(term: sp.Expr) -> tuple[sp.Expr, list[sp.Expr]]:
    """(commutative coefficient, ordered list of non-commutative factors, powers expanded)."""
    c, nc = term.args_cnc()
    out: list[sp.Expr] = []
    for f in nc:
        base, exp = f.as_base_exp()
        if exp.is_Integer and exp > 0:
            out += [base] * int(exp)
        else:
            out.append(f)
    return sp.Mul(*c), out


def canonical_commutator(
    a: sp.Expr, b: sp.Expr, brackets: Mapping[tuple[sp.Expr, sp.Expr], sp.Expr]
) -> sp.Expr:
    """[a, b] for polynomials in non-commuting symbols, by the product rule
    [X1…Xn, Y1…Ym] = Σ X1…[Xi, Yj]…Xn-style expansion, with the elementary commutators of the
    symbols given in ``brackets`` (``{(x, p): iħ, (p, x): −iħ}``; a missing pair commutes)."""
    total = sp.S.Zero
    for ta in sp.Add.make_args(sp.expand(a)):
        ca, fa = _factors(ta)
        for tb in sp.Add.make_args(sp.expand(b)):
            cb, fb = _factors(tb)
            # [A, B] = Σ_j B_<j [A, Y_j] B_>j, [A, Y] = Σ_i A_<i [X_i, Y] A_>i
            for j, y in enumerate(fb):
                for i, xf in enumerate(fa):
                    br = brackets.get((xf, y), sp.S.Zero)
                    if br != 0:
                        total += (
                            ca
                            * cb
                            * sp.Mul(*fb[:j])
                            * sp.Mul(*fa[:i])
                            * br
                            * sp.Mul(*fa[i + 1 :])
                            * sp.Mul(*fb[j + 1 :])
                        )
    return sp.expand(total)


@dataclasses.dataclass(frozen=True)
class OscillatorModes:
    """The derived ladder structure of a quadratic Hamiltonian.

    ``alpha``, ``beta``: ``b = αx + βp``; ``x_form``, ``p_form``: x and p in ``b``, ``b†``;
    ``omega``: the frequency; ``hamiltonian``: H in ``b``, ``b†`` (normal ordered);
    ``eigen_condition``: the determinant whose positive root is ω; ``commutator_xp``: [x, p]
    recomputed from the forms.
    """

    omega: sp.Expr
    alpha: sp.Expr
    beta: sp.Expr
    x_form: sp.Expr
    p_form: sp.Expr
    hamiltonian: sp.Expr
    eigen_condition: sp.Expr
    commutator_xp: sp.Expr
    convention: str


def diagonalise_oscillator(
    H: sp.Expr,
    x: sp.Symbol,
    p: sp.Symbol,
    commutator_xp: sp.Expr,
    *,
    real: str = "p",
    b: BosonOp | None = None,
    hbar: sp.Expr | None = None,
) -> OscillatorModes:
    """Derive the lowering operator of ``H`` (quadratic in the non-commuting ``x``, ``p``) with
    ``[x, p] = commutator_xp`` (= iħc), and return x, p in ladder form.

    ``real`` (``"p"`` or ``"x"``) fixes the phase of ``b``: that variable is
    ``(positive) × (b + b†)``. ``hbar`` defaults to ``commutator_xp/(i c)`` with ``|c| = 1``.
    """
    if real not in ("x", "p"):
        raise DickeheatError(f"real must be 'x' or 'p', got {real!r}")
    b = b if b is not None else BosonOp("b")
    if hbar is None:
        hbar = sp.Abs(sp.simplify(commutator_xp / sp.I))
    brackets = {(x, p): commutator_xp, (p, x): -commutator_xp}
    w = sp.Symbol("omega_mode", positive=True)
    a_, b_ = sp.symbols("alpha_ beta_")
    low = a_ * x + b_ * p
    eq = sp.expand(canonical_commutator(H, low, brackets) + hbar * w * low)
    rows = [eq.coeff(x), eq.coeff(p)]
    if sp.expand(eq - rows[0] * x - rows[1] * p) != 0:
        raise DickeheatError(f"[H, b] is not linear in x, p: H is not quadratic ({H})")
    mat = sp.Matrix([[sp.diff(r, a_), sp.diff(r, b_)] for r in rows])
    det = sp.factor(mat.det())
    roots = [r for r in sp.solve(det, w) if r.is_positive]
    if len(roots) != 1:
        raise DickeheatError(f"no unique positive frequency: det = {det}, roots {roots}")
    omega = sp.simplify(roots[0])
    ratio = sp.simplify(sp.solve(rows[0].subs(w, omega).subs(a_, 1), b_)[0])  # β/α
    amp = sp.Symbol("a_", positive=True)
    last: Exception | None = None
    for phase in (1, -1, sp.I, -sp.I):
        alpha = phase * amp
        beta = sp.simplify(ratio * alpha)
        low_op = alpha * x + beta * p
        up_op = sp.conjugate(alpha) * x + sp.conjugate(beta) * p
        norm = sp.simplify(canonical_commutator(low_op, up_op, brackets))
        sol = [s for s in sp.solve(sp.Eq(norm, 1), amp) if s.is_positive]
        if len(sol) != 1:
            last = DickeheatError(f"[b, b†] = {norm} cannot be normalised to 1")
            continue
        alpha, beta = sp.simplify(alpha.subs(amp, sol[0])), sp.simplify(beta.subs(amp, sol[0]))
        bs, bds = sp.symbols("b_ bd_")
        inv = sp.solve(
            [
                sp.Eq(bs, alpha * sp.Symbol("X_") + beta * sp.Symbol("P_")),
                sp.Eq(
                    bds,
                    sp.conjugate(alpha) * sp.Symbol("X_") + sp.conjugate(beta) * sp.Symbol("P_"),
                ),
            ],
            [sp.Symbol("X_"), sp.Symbol("P_")],
            dict=True,
        )[0]
        chosen = inv[sp.Symbol("P_") if real == "p" else sp.Symbol("X_")]
        c1 = sp.simplify(sp.expand(chosen).coeff(bs))
        if not c1.is_positive:
            continue
        to_ops = {bs: b, bds: Dagger(b)}
        x_form = sp.expand(inv[sp.Symbol("X_")]).subs(to_ops)
        p_form = sp.expand(inv[sp.Symbol("P_")]).subs(to_ops)
        h_ladder = normal_order(H.subs({x: x_form, p: p_form}, simultaneous=True))
        h_ladder = sp.expand(sp.simplify(h_ladder))
        residual = sp.simplify(h_ladder - hbar * omega * (Dagger(b) * b + sp.Rational(1, 2)))
        if residual != 0:
            raise DickeheatError(f"H in the derived ladder forms leaves {residual}")
        comm = sp.simplify(normal_order(x_form * p_form - p_form * x_form))
        if sp.simplify(comm - commutator_xp) != 0:
            raise DickeheatError(f"the ladder forms give [x, p] = {comm}, not {commutator_xp}")
        return OscillatorModes(
            omega=omega,
            alpha=alpha,
            beta=beta,
            x_form=x_form,
            p_form=p_form,
            hamiltonian=h_ladder,
            eigen_condition=det,
            commutator_xp=comm,
            convention=f"phase of b: {real} = (positive)(b + b†)",
        )
    raise last or DickeheatError("no phase of b makes the chosen variable real")

"""Is a difference of two expressions zero? A decision that fails safe.

:func:`zero_test` first tries a proof (``simplify`` to 0); otherwise it evaluates the
difference at 60 significant digits (mpmath) at points drawn from each symbol's assumptions
and at the breakpoints of every non-smooth function in the expression, and compares it with
the size of the two sides at the same point. It answers

``"zero"``
    proved, or below ``rtol`` times the larger side at every point;
``"nonzero"``
    some point shows a relative difference above ``rtol``;
``"inconclusive"``
    some point could not be evaluated (an exception, NaN, infinity, a complex value where real
    was expected) and no point shows a difference: never read as agreement.

Sampling, per symbol: ``positive`` → log-uniform over ``10^-4 … 10^4``; ``negative`` → its
mirror; ``nonnegative`` → the same and 0; ``integer`` → integers (``positive``: 1 … 60);
otherwise (real or unknown) both signs, log-uniform magnitude. To these come, for every
argument of ``Piecewise`` conditions, ``Heaviside``, ``Min``, ``Max``, ``Abs``, ``sign``,
``floor``, ``ceiling`` and relational conditions, the value of each of its symbols that puts
the argument at 0 (others at a random point), and that value shifted by ±10⁻³ relative.

>>> import sympy as sp
>>> x, y = sp.symbols("x y", positive=True)
>>> zero_test(sp.Heaviside(x - sp.Rational(7, 2)))
'nonzero'
>>> zero_test(sp.Abs(x - 4) - 4 + 2 * x - x)
'nonzero'
>>> h = sp.Symbol("h", positive=True)
>>> zero_test(h * x - 2 * h * x + h * x)
'zero'
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal, get_args

import mpmath
import sympy as sp
from sympy.physics.units import Dimension

from dickeheat.symbolic.dimensions import (
    DimensionError,
    describe,
    dimension_of,
    same_dimension,
)

__all__ = ["ZeroVerdict", "zero_test", "sample_points", "breakpoints", "ComparisonKind",
           "COMPARISON_KINDS", "Comparison", "compare_expressions"]

ZeroVerdict = Literal["zero", "nonzero", "inconclusive"]

DPS = 60
#: relative size of a difference, against the larger side, below which it counts as zero
RTOL = 1e-30
_NONSMOOTH = (sp.Heaviside, sp.Min, sp.Max, sp.Abs, sp.sign, sp.floor, sp.ceiling)


def _random_value(sym: sp.Symbol, rng: random.Random) -> sp.Expr:
    if sym.is_integer:
        if sym.is_positive:
            return sp.Integer(rng.randint(1, 60))
        if sym.is_nonnegative:
            return sp.Integer(rng.randint(0, 60))
        if sym.is_negative:
            return sp.Integer(-rng.randint(1, 60))
        return sp.Integer(rng.randint(-60, 60))
    # an exact rational: a Float input would cap the 60-digit evaluation at its own precision
    magnitude = sp.Rational(10 ** rng.uniform(-4.0, 4.0))
    if sym.is_positive:
        return magnitude
    if sym.is_negative:
        return -magnitude
    if sym.is_nonnegative:
        return sp.S.Zero if rng.random() < 0.1 else magnitude
    if sym.is_nonpositive:
        return sp.S.Zero if rng.random() < 0.1 else -magnitude
    return magnitude if rng.random() < 0.5 else -magnitude


def _allowed(sym: sp.Symbol, value: sp.Expr) -> bool:
    """Whether ``value`` is a number ``sym``'s assumptions allow."""
    value = sp.sympify(value)
    if not value.is_number or value.has(sp.I, sp.zoo, sp.oo, sp.nan):
        return False
    v = complex(sp.N(value, 30))
    if abs(v.imag) > 0:
        return False
    r = v.real
    if sym.is_positive and not r > 0:
        return False
    if sym.is_negative and not r < 0:
        return False
    if sym.is_nonnegative and not r >= 0:
        return False
    if sym.is_nonpositive and not r <= 0:
        return False
    return not (sym.is_integer and r != round(r))


def _nonsmooth_arguments(expr: sp.Basic) -> list[sp.Expr]:
    """Expressions whose zeros are breakpoints of ``expr``."""
    out: list[sp.Expr] = []
    for node in sp.preorder_traversal(expr):
        if isinstance(node, _NONSMOOTH):
            if isinstance(node, (sp.Min, sp.Max)):
                args = list(node.args)
                out.extend(a - b for i, a in enumerate(args) for b in args[i + 1:])
            else:
                out.extend(node.args[:1])
        elif isinstance(node, sp.Piecewise):
            for _, cond in node.args:
                out.extend(_relational_arguments(cond))
        elif isinstance(node, sp.core.relational.Relational):
            out.append(node.lhs - node.rhs)
    return [a for a in out if a.free_symbols]


def _relational_arguments(cond: sp.Basic) -> list[sp.Expr]:
    if isinstance(cond, sp.core.relational.Relational):
        return [cond.lhs - cond.rhs]
    if isinstance(cond, (sp.And, sp.Or, sp.Not)):
        return [a for c in cond.args for a in _relational_arguments(c)]
    return []


def breakpoints(exprs: Iterable[sp.Expr], symbols: Sequence[sp.Symbol],
                base: dict[sp.Symbol, sp.Expr]) -> list[dict[sp.Symbol, sp.Expr]]:
    """Points at and beside the breakpoints of the non-smooth functions of ``exprs``: for each
    argument and each of its symbols, the root in that symbol with the others at ``base``."""
    points: list[dict[sp.Symbol, sp.Expr]] = []
    for expr in exprs:
        for arg in _nonsmooth_arguments(expr):
            for sym in sorted(arg.free_symbols & set(symbols), key=lambda s: s.name):
                others = {s: v for s, v in base.items() if s is not sym}
                try:
                    roots = sp.solve(arg.subs(others), sym)
                except (NotImplementedError, ValueError, TypeError):
                    continue
                for root in roots if isinstance(roots, list) else []:
                    root = sp.nsimplify(root) if root.is_number else root
                    for shift in (0, sp.Rational(1, 1000), -sp.Rational(1, 1000)):
                        value = sp.sympify(root * (1 + shift) if root != 0 else shift)
                        if _allowed(sym, value):
                            points.append({**base, sym: value})
    return points


def sample_points(exprs: Sequence[sp.Expr], *, samples: int = 16,
                  seed: int = 20240601) -> list[dict[sp.Symbol, sp.Expr]]:
    """Random points from the symbols' assumptions plus the breakpoints of ``exprs``."""
    symbols = sorted(set().union(*(e.free_symbols for e in exprs)), key=lambda s: s.name)
    rng = random.Random(seed)
    points = [{s: _random_value(s, rng) for s in symbols} for _ in range(samples)]
    if symbols:
        points += breakpoints(exprs, symbols, points[0])
    return points


def _evaluate(expr: sp.Expr, point: dict[sp.Symbol, sp.Expr]) -> mpmath.mpc | None:
    """``expr`` at ``point`` to :data:`DPS` digits, or ``None`` if it is not a finite number."""
    try:
        with mpmath.workdps(DPS):
            value = sp.N(expr.subs(point), DPS)
    except (ZeroDivisionError, ValueError, TypeError, OverflowError, AttributeError):
        return None
    if not value.is_number or value.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        return None
    try:
        re_part, im_part = (sp.Float(part, DPS) for part in value.as_real_imag())
        with mpmath.workdps(DPS):
            z = mpmath.mpc(mpmath.mpf(re_part._mpf_), mpmath.mpf(im_part._mpf_))
    except (TypeError, ValueError, AttributeError):
        return None
    if not (mpmath.isfinite(z.real) and mpmath.isfinite(z.imag)):
        return None
    return z


def zero_test(difference: sp.Expr, sides: Sequence[sp.Expr] = (), *, samples: int = 16,
              rtol: float = RTOL) -> ZeroVerdict:
    """Whether ``difference`` (e.g. printed − derived) vanishes; see the module docstring.

    ``sides`` are the expressions whose magnitude sets the scale (the two sides compared);
    without them the scale is 1 (an absolute test at :data:`DPS` digits).
    """
    difference = sp.sympify(difference)
    if difference == 0:
        return "zero"
    try:
        if sp.simplify(difference) == 0:
            return "zero"
    except (TypeError, ValueError, NotImplementedError, RecursionError):
        pass
    exprs = [difference, *sides]
    inconclusive = False
    with mpmath.workdps(DPS):
        for point in sample_points(exprs, samples=samples):
            d = _evaluate(difference, point)
            scales = [_evaluate(s, point) for s in sides]
            if d is None or any(v is None for v in scales):
                inconclusive = True
                continue
            scale = max([abs(v) for v in scales if v is not None], default=mpmath.mpf(1))
            if abs(d) > mpmath.mpf(rtol) * max(scale, mpmath.mpf(10) ** (-DPS + 5)):
                return "nonzero"
    return "inconclusive" if inconclusive else "zero"


#: How a derived expression relates to the printed one.
ComparisonKind = Literal["agrees", "factor", "sign", "term", "dimension", "none",
                         "inconclusive"]
COMPARISON_KINDS: tuple[str, ...] = get_args(ComparisonKind)


@dataclasses.dataclass(frozen=True)
class Comparison:
    """Outcome of comparing a derived expression with the printed one.

    ``kind`` is one of ``"agrees"``, ``"factor"``, ``"sign"``, ``"term"`` (a missing or extra
    term), ``"dimension"``, ``"none"`` (the paper prints no closed form) or ``"inconclusive"``
    (no difference found, but some sample point did not evaluate; never read as agreement).
    ``detail`` says it in words; ``ratio`` is printed/derived when that is a constant,
    ``difference`` is printed − derived.
    """

    kind: ComparisonKind
    detail: str
    ratio: sp.Expr | None = None
    difference: sp.Expr | None = None

    @property
    def agrees(self) -> bool:
        return self.kind == "agrees"

    @property
    def is_erratum(self) -> bool:
        return self.kind not in ("agrees", "none", "inconclusive")


def compare_expressions(
    derived: sp.Expr,
    printed: sp.Expr | None,
    dims: Mapping[sp.Symbol, Dimension] | None = None,
) -> Comparison:
    """Compare a derived expression with a printed one and classify the difference.

    The printed expression is first checked for dimensional consistency (if ``dims`` is
    given), then the two are compared symbolically: identical, a constant factor, a sign, a
    symbolic factor (when the ratio printed/derived is simpler than the difference), or a
    missing/extra term (the difference is returned).

    >>> import sympy as sp
    >>> a, b = sp.symbols("a b", positive=True)
    >>> compare_expressions(a + b, a - b).kind
    'term'
    >>> compare_expressions(a * b, -a * b).detail
    'printed = −derived (sign)'
    """
    if printed is None:
        return Comparison("none", "the paper prints no closed form for this result")
    if dims is not None:
        d_derived = dimension_of(derived, dims)
        try:
            d_printed = dimension_of(printed, dims)
        except DimensionError as err:
            return Comparison(
                "dimension",
                f"printed expression is dimensionally inconsistent: it {err}; "
                f"derived has dimension [{describe(d_derived)}]",
                difference=sp.simplify(printed - derived),
            )
        if not same_dimension(d_derived, d_printed):
            return Comparison(
                "dimension",
                f"printed has dimension [{describe(d_printed)}], derived [{describe(d_derived)}]",
                ratio=sp.simplify(printed / derived),
                difference=sp.simplify(printed - derived),
            )
    difference = printed - derived
    if difference == 0:
        return Comparison("agrees", "printed = derived", ratio=sp.Integer(1), difference=sp.S.Zero)
    ratio = sp.simplify(printed / derived) if derived != 0 else None
    if ratio is not None and not ratio.free_symbols and ratio.is_number \
            and ratio.is_finite and ratio != 0:
        if ratio == 1:
            return Comparison("agrees", "printed = derived", ratio=ratio, difference=sp.S.Zero)
        if ratio == -1:
            return Comparison("sign", "printed = −derived (sign)", ratio=ratio,
                              difference=difference)
        return Comparison("factor", f"printed = {sp.nsimplify(ratio)} × derived", ratio=ratio,
                          difference=difference)
    verdict = zero_test(difference, (derived, printed))
    if verdict == "zero":
        return Comparison("agrees", "printed = derived", ratio=sp.Integer(1), difference=sp.S.Zero)
    if verdict == "inconclusive":
        return Comparison(
            "inconclusive",
            "no difference found, but at some sample points one side does not evaluate to a "
            "finite number (see dickeheat.symbolic.compare); not counted as agreement",
            ratio=ratio, difference=difference,
        )
    diff = sp.simplify(difference)
    if ratio is not None:
        ratio = sp.simplify(sp.gammasimp(ratio))
        if sp.count_ops(ratio) < sp.count_ops(diff):
            return Comparison(
                "factor", f"printed = ({sp.sstr(ratio)}) × derived", ratio=ratio, difference=diff
            )
    return Comparison(
        "term",
        f"printed − derived = {sp.sstr(diff)}",
        ratio=ratio,
        difference=diff,
    )

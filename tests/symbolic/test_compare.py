"""The comparison with the print must never call different expressions equal.

Each adversarial pair below differs somewhere the old sampler (every symbol in [0.3, 3], an
absolute 1e-30 zero test, exceptions skipped) did not look. None may come out "agrees".
"""

import pytest
import sympy as sp

from dickeheat.errors import DickeheatError
from dickeheat.symbolic.compare import breakpoints, sample_points, zero_test
from dickeheat.symbolic.result import Result, compare_expressions, require_zero

x, y, z = sp.symbols("x y z", positive=True)
r = sp.Symbol("r", real=True)
n = sp.Symbol("n", integer=True, positive=True)
k = sp.Symbol("k", integer=True)
h = sp.Symbol("h", positive=True)
u = sp.Symbol("u", nonnegative=True)
w = sp.Symbol("w")  # no assumptions
half = sp.Rational(1, 2)

ADVERSARIAL = {
    # from the issue: tiny scales, huge exponents, outside [0.3, 3], non-smooth functions
    "hbar-scale factor 2": (h * x * sp.Float("1e-34"), 2 * h * x * sp.Float("1e-34")),
    "exp(-300x) factor 2": (sp.exp(-300 * x), 2 * sp.exp(-300 * x)),
    "Abs kink at 4": (x, sp.Abs(x - 4) - 4 + 2 * x),
    "Min at 5": (x * y, sp.Min(x, 5) * y),
    "Heaviside at 3.5": (x, x + sp.Heaviside(x - sp.Rational(7, 2))),
    "Piecewise switch at 5": (x, sp.Piecewise((x, x < 5), (2 * x, True))),
    # 20 more
    "Max at 10": (y, sp.Max(y, 10)),
    "floor above 3": (x, x + sp.floor(x / 4)),
    "ceiling": (x, sp.ceiling(x) + x - sp.ceiling(x) + sp.Heaviside(x - 7)),
    "sign of a real symbol": (r, sp.Abs(r)),
    "sqrt of a square for a real symbol": (r, sp.sqrt(r**2)),
    "integer parity": (sp.S.Zero, (1 + (-1) ** n) / 2 - (1 + (-1) ** n) / 2 * (1 - n % 2 + n % 2)
                       + sp.Piecewise((1, sp.Eq(n % 7, 0)), (0, True))),
    "integer range": (k, sp.Abs(k)),
    "large-x tail": (sp.tanh(x), 1 - 2 * sp.exp(-2 * x) + 0 * x + sp.exp(-40 * x) * 0),
    "small-x term": (x, x + x**20),
    "large-x term": (x, x + x**-20 * 0 + sp.exp(-1 / x) * 1e-3 * sp.Heaviside(x - 50)),
    "relative 1e-12": (x, x * (1 + sp.Float("1e-12"))),
    "relative 1e-25": (x * y, x * y * (1 + sp.Rational(1, 10**25))),
    "log-scale offset": (sp.log(x), sp.log(x) + sp.Float("1e-20") * x),
    "nonnegative zero point": (u, u + sp.Piecewise((1, sp.Eq(u, 0)), (0, True))),
    "unassumed negative": (w**2, w * sp.Abs(w)),
    "coth vs its large-x limit": (sp.coth(x), 1 + 2 * sp.exp(-2 * x)),
    "bose vs boltzmann": (1 / (sp.exp(x) - 1), sp.exp(-x)),
    "sum swapped sign": (x - y, y - x),
    "symbolic factor": (x * y, x**2 * y),
    "missing tiny constant": (x + y, x + y + sp.Rational(1, 10**20)),
    "3.5 breakpoint in two symbols": (x * y, x * y + sp.Heaviside(x * y - 3000)),
    "NaN on one side only": (x, x + sp.nan),
    "division by zero on one side": (x, x + 1 / (x - x)),
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_pairs_are_not_called_equal(name):
    derived, printed = ADVERSARIAL[name]
    c = compare_expressions(derived, printed)
    assert c.kind != "agrees", f"{name}: {c.detail}"


def test_differences_below_the_documented_tolerance_count_as_zero():
    """The limit of the numeric fallback, stated: 1e-30 relative at 60 digits."""
    assert zero_test(sp.Rational(1, 10**40), (x + y, x + y)) == "zero"
    assert zero_test(sp.Rational(1, 10**20), (x + y, x + y)) == "nonzero"


def test_suite_is_large_enough():
    assert len(ADVERSARIAL) >= 26


@pytest.mark.parametrize("derived, printed", [
    (x * y, y * x),
    (sp.exp(-300 * x) * 2, 2 * sp.exp(-300 * x)),
    (sp.coth(x / 2), (sp.exp(x) + 1) / (sp.exp(x) - 1)),
    (1 / (sp.exp(x) - 1), sp.exp(-x) / (1 - sp.exp(-x))),
    (h * x * sp.Float("1e-34"), x * h * sp.Float("1e-34")),
    (sp.Abs(r), sp.sqrt(r**2)),
    ((1 + (-1) ** n) / 2, sp.cos(sp.pi * n / 2) ** 2),
])
def test_equal_expressions_agree(derived, printed):
    assert compare_expressions(derived, printed).kind == "agrees"


def test_evaluation_failure_is_inconclusive_not_agreement():
    # a difference that cannot be simplified and fails to evaluate somewhere
    weird = sp.Function("f")(x)
    assert zero_test(weird - weird + sp.Function("g")(x) * 0 + sp.Function("f")(y) - weird) \
        in ("inconclusive", "nonzero")
    c = compare_expressions(x, x + sp.Function("f")(x))
    assert c.kind in ("inconclusive", "term") and c.kind != "agrees"


def test_inconclusive_status_is_reported_by_results():
    f = sp.Function("f")
    res = Result(name="demo.q", paper="demo", equation="1", title="q", lhs=sp.Symbol("q"),
                 expr=x, args=(x,), printed=x + f(x) - f(x) + sp.zoo * 0)
    assert res.status in ("agrees", "inconclusive", "erratum")


def test_breakpoints_are_sampled():
    base = {x: sp.Float(1), y: sp.Float(1)}
    pts = breakpoints([sp.Heaviside(x - sp.Rational(7, 2))], [x, y], base)
    values = sorted(float(p[x]) for p in pts)
    assert values and min(abs(v - 3.5) for v in values) < 0.01


def test_positive_sampling_spans_decades():
    pts = sample_points([x], samples=40)
    values = [float(p[x]) for p in pts]
    assert min(values) < 1e-2 and max(values) > 1e2 and all(v > 0 for v in values)


def test_integer_sampling_gives_integers():
    pts = sample_points([n, k], samples=30)
    assert all(p[n].is_Integer and p[n] > 0 for p in pts)
    assert any(p[k] < 0 for p in pts)


def test_require_zero_stops_on_a_broken_identity():
    assert require_zero("ok", sp.sin(x) ** 2 + sp.cos(x) ** 2 - 1) is not None
    with pytest.raises(DickeheatError, match="does not hold"):
        require_zero("broken", sp.Heaviside(x - 5))


@pytest.mark.parametrize("factor", [2, -1, sp.Rational(1, 3)])
def test_planted_factor_is_reported(factor):
    derived = sp.exp(-x / y) * x
    c = compare_expressions(derived, factor * derived)
    assert c.kind == ("sign" if factor == -1 else "factor")
    assert c.ratio == factor


def test_an_identity_with_cancellation_near_zero_agrees():
    """coth(x) = (tanh(x/2) + coth(x/2))/2: the terms grow like 1/x near x = 0 and cancel.
    Bug found: sample points given as 30-digit Floats capped the 60-digit evaluation, and
    this identity (Eq. 33 of the engine paper) was reported as a missing term."""
    b = sp.Symbol("b", positive=True)
    assert zero_test(sp.tanh(b / 4) / 2 - 1 / sp.tanh(b / 2) + 1 / (2 * sp.tanh(b / 4)),
                     (2 / b - sp.coth(b / 2),)) == "zero"

import pytest
import sympy as sp
from sympy.physics.units import capacitance, charge, energy, voltage

from dickeheat.errors import DickeheatError
from dickeheat.symbolic.dimensions import DimensionError, dimension_of, same_dimension
from dickeheat.symbolic.registry import Registry
from dickeheat.symbolic.result import NumericCheck, Result, compare_expressions

a, b = sp.symbols("a b", positive=True)
Q, V, C = sp.symbols("Q V C", positive=True)
DIMS = {Q: charge, V: voltage, C: capacitance}


@pytest.mark.parametrize(
    "printed, kind",
    [
        (a * b, "agrees"),
        (sp.sqrt(a**2) * b, "agrees"),
        (3 * a * b, "factor"),
        (-a * b, "sign"),
        (a * b + a, "term"),
        (None, "none"),
    ],
)
def test_compare_kinds(printed, kind):
    assert compare_expressions(a * b, printed).kind == kind


def test_factor_detail_names_the_ratio():
    c = compare_expressions(a * b, sp.Rational(1, 4) * a * b)
    assert c.ratio == sp.Rational(1, 4)
    assert "1/4" in c.detail


def test_missing_term_reports_difference():
    c = compare_expressions(a + b, a)
    assert sp.simplify(c.difference + b) == 0


def test_dimension_mismatch_is_reported_before_algebra():
    c = compare_expressions(Q / C, Q, DIMS)
    assert c.kind == "dimension"
    c = compare_expressions(Q / C + V, Q / C + C * V, DIMS)
    assert c.kind == "dimension" and "inconsistent" in c.detail


def test_dimension_inference():
    assert same_dimension(dimension_of(Q**2 / C, DIMS), energy)
    with pytest.raises(DimensionError):
        dimension_of(Q + V, DIMS)
    with pytest.raises(DimensionError):
        dimension_of(sp.exp(Q), DIMS)


def _result(**kw):
    base = dict(name="p.x", paper="p", equation="1", title="t", lhs=sp.Symbol("x"),
                expr=a * b, args=(a, b))
    base.update(kw)
    return Result(**base)


def test_result_requires_all_free_symbols_in_args():
    with pytest.raises(DickeheatError):
        _result(args=(a,))


def test_result_checks_expected_dimension():
    with pytest.raises(DimensionError):
        Result(name="p.x", paper="p", equation="1", title="t", lhs=sp.Symbol("x"), expr=Q / C,
               args=(Q, C), dims=DIMS, expected_dimension=charge)


def test_numeric_functions_follow_argument_order():
    r = _result(expr=a - b)
    assert r.numpy_function(5.0, 2.0) == 3.0
    assert float(r.mpmath_function(5, 2)) == 3.0


def test_status_and_check():
    r = _result(printed=2 * a * b,
                check=lambda result: NumericCheck(True, 1e-16, 1e-12, "exact"))
    assert r.status == "erratum"
    out = r.run_check()
    assert out.passed and out.seconds >= 0
    assert _result().status == "derived"
    d = r.to_dict()
    for key in ("name", "paper", "equation", "latex", "args", "status", "discrepancy"):
        assert key in d


def test_registry_rejects_duplicates_and_wrong_prefix():
    r = _result()
    with pytest.raises(DickeheatError):
        Registry([r, r])
    with pytest.raises(DickeheatError):
        Registry([_result(name="q.x")])

"""The ``consistent`` status: a result compared with a second derivation, not with a print."""

from __future__ import annotations

import sympy as sp

from dickeheat.derivations.verify import verify_result
from dickeheat.symbolic.result import STATUSES, NumericCheck, Result

x, y = sp.symbols("x y", positive=True)


def _result(printed: sp.Expr, source: str = "derivation") -> Result:
    return Result(name="demo.two_routes", paper="demo", equation="1", title="two routes",
                  lhs=sp.Symbol("q"), expr=(x + y) ** 2, args=(x, y), printed=printed,
                  printed_source=source,  # type: ignore[arg-type]
                  check=lambda r: NumericCheck(True, 0.0, 1e-9, "none"))


def test_consistent_is_a_status():
    assert "consistent" in STATUSES


def test_two_derivations_that_agree_are_consistent_not_agrees():
    r = _result(x**2 + 2 * x * y + y**2)
    assert r.status == "consistent"
    assert r.to_dict()["printed_source"] == "derivation"
    rec = verify_result(r)
    assert rec.status == "consistent" and not rec.failed and rec.error is None


def test_two_derivations_that_disagree_fail():
    # a planted factor 2 in the second derivation: a failure, never an erratum of the paper
    r = _result(2 * (x + y) ** 2)
    assert r.status == "failed"
    rec = verify_result(r)
    assert rec.failed and "second derivation disagrees" in (rec.error or "")
    assert rec.discrepancy is not None and rec.discrepancy["kind"] == "factor"


def test_a_print_from_the_paper_still_agrees_or_is_an_erratum():
    assert _result(x**2 + 2 * x * y + y**2, "paper").status == "agrees"
    assert _result(2 * (x + y) ** 2, "paper").status == "erratum"

"""Inequality chains: proved steps, a wrong step detected, the sampled verdict reported."""

from __future__ import annotations

import sympy as sp

from dickeheat.symbolic.inequality import (
    InequalityChain,
    InequalityResult,
    Link,
    step_holds,
)

x, y = sp.symbols("x y", positive=True)


def test_proved_chain() -> None:
    ch = InequalityChain((Link(x / (x + y), "=", ""), Link(sp.Integer(1), "<=", "y > 0")))
    assert ch.verify() == ("proved", ())


def test_wrong_direction_fails() -> None:
    ch = InequalityChain((Link(sp.Integer(1), "=", ""), Link(x / (x + y), "<=", "wrong")))
    assert ch.verify() == ("failed", (1,))
    assert not step_holds(x, Link(x + 1, "=", "not equal"))


def test_sampled_status() -> None:
    r = InequalityResult(name="demo.q", paper="demo", equation="1", title="t", lhs=sp.Symbol("Q"),
                         expr=x + y, args=(x, y), verdict="sampled")
    assert r.status == "sampled"
    bad = InequalityResult(name="demo.b", paper="demo", equation="1", title="t",
                           lhs=sp.Symbol("Q"), expr=x, args=(x,),
                           inequality=InequalityChain((Link(sp.Integer(2), "=", ""),
                                                       Link(sp.Integer(1), "<=", "wrong"))))
    assert bad.status == "failed"

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


def _amgm(e):
    """x*y -> (x² + y²)/2 for a product of two positive symbols (AM–GM)."""
    if isinstance(e, sp.Mul) and len(e.args) == 2 and all(a.is_Symbol for a in e.args):
        a, b = e.args
        return (a**2 + b**2) / 2
    return None


def _amgm_instance(v, constant=0.5):
    a, b = v[0], v[1]
    return a * b, constant * (a**2 + b**2)


def test_lemma_step_proved_and_relation_and_lemmas():
    from dickeheat.symbolic.inequality import Lemma, apply_lemma

    amgm = Lemma("AM-GM", "xy <= (x² + y²)/2", "<=", _amgm, _amgm_instance, 2)
    start = 3 + sp.log(1 + x * y)
    ch = InequalityChain((Link(start, "=", "start"), apply_lemma(start, amgm)))
    assert ch.verify() == ("proved", ())
    assert ch.relation == "<=" and ch.lemmas == (amgm,)
    assert not amgm.falsify(seed=1, n_random=50, n_optimize=1).violated
    # not monotone: the product enters a decreasing function
    neg = 3 + 1 / (1 + x * y)
    assert InequalityChain((Link(neg, "=", ""), apply_lemma(neg, amgm))).verify()[0] == "failed"


def test_falsify_finds_a_wrong_constant_with_the_optimiser():
    import functools

    from dickeheat.symbolic.inequality import falsify

    # xy <= 0.49(x² + y²) fails only near x = y: random points and Nelder–Mead find it
    f = falsify(functools.partial(_amgm_instance, constant=0.49), 2, seed=0, n_random=20)
    assert f.violated and f.worst_margin < 0
    ok = falsify(_amgm_instance, 2, seed=0, n_random=20)
    assert not ok.violated

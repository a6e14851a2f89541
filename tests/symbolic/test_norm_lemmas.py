"""The norm lemmas behind the heat-current bounds: each true lemma survives a falsification
search on random matrices, each falsified variant (a wrong constant) is caught, and the bound
chains built from them verify step by step."""

from __future__ import annotations

import pytest
import sympy as sp

from dickeheat.symbolic.bounds import BoundOperators, redfield_bound_chain
from dickeheat.symbolic.inequality import InequalityChain, Link, apply_lemma, falsify
from dickeheat.symbolic.norm_lemmas import (
    COMMUTATOR,
    HOLDER,
    STATE_NORM,
    SUBMULTIPLICATIVE,
    TRIANGLE,
    Norm,
    Norm1,
    Tr,
    commutator_lemma,
    correlation_integral,
    energy_window,
    trace_normal_form,
)

TRUE_LEMMAS = {
    "triangle": TRIANGLE,
    "holder": HOLDER,
    "state": STATE_NORM,
    "submultiplicative": SUBMULTIPLICATIVE,
    "commutator": COMMUTATOR,
    "window": energy_window({}),
    "correlation": correlation_integral({}),
}


@pytest.mark.parametrize("name", list(TRUE_LEMMAS))
def test_true_lemma_survives_the_falsification_search(name):
    f = TRUE_LEMMAS[name].falsify(seed=3, n_random=150, n_optimize=1)
    assert not f.violated, (name, f)
    assert f.worst_margin > -1e-9


@pytest.mark.parametrize("lemma", [
    commutator_lemma(1),                   # ‖[A, H]‖ <= ‖H‖‖A‖: false (σ_z, σ_x give 2)
    commutator_lemma(sp.Rational(19, 10)),  # close to the sharp constant: the optimiser finds it
    energy_window({}, 0.5),                 # half the window
    energy_window({}, 0.9),
], ids=["commutator c=1", "commutator c=1.9", "window x0.5", "window x0.9"])
def test_wrong_constant_is_caught(lemma):
    f = lemma.falsify(seed=3)
    assert f.violated, f
    assert f.worst_margin < 0


def test_falsify_is_not_fooled_by_non_finite_instances():
    f = falsify(lambda x: (float("nan"), 1.0), 2, n_random=5)
    assert f.violated


def test_rewrites():
    X, Y, A, H, rho = sp.symbols("X Y A H rho", commutative=False)
    assert HOLDER.apply(sp.Abs(Tr(X * Y))) == Norm(X) * Norm1(Y)
    assert SUBMULTIPLICATIVE.apply(Norm(2 * X * Y)) == 2 * Norm(X) * Norm(Y)
    assert COMMUTATOR.apply(Norm(A * H - H * A)) == 2 * Norm(H) * Norm(A)
    dE = sp.Symbol("dE", nonnegative=True)
    assert energy_window({A: dE}).apply(Norm(A * H - H * A)) == dE * Norm(A)
    assert energy_window({A: dE}).apply(Norm(A * H + H * A)) == Norm(A * H + H * A)
    assert STATE_NORM.apply(Norm1(rho)) == 1
    # cyclicity: both orders give the same normal form
    assert trace_normal_form(Tr(H * rho * A) - Tr(A * H * rho), rho) == 0


def test_bound_chains_are_proved_and_name_their_lemmas():
    for which in (1, 2):
        for n in (1, 2):
            ch = redfield_bound_chain(n, which)
            assert ch.verify() == ("proved", ())
            assert ch.relation == "<="
            names = [lem.name for lem in ch.lemmas]
            assert names[:3] == ["cyclicity of the trace", "triangle inequality", "Hölder"]
            assert names[-1] == ("commutator norm" if which == 1
                                 else "energy window (Eq. 13, Bernstein)")


def test_a_wrong_step_in_a_chain_is_detected():
    ch = redfield_bound_chain(1, 1)
    o = BoundOperators.make(1)
    # planted: the last step claims the commutator bound with constant 1 instead of 2
    last = ch.links[-1]
    wrong = Link(last.expr / 2, last.relation, last.reason, last.lemma)
    assert InequalityChain((*ch.links[:-1], wrong)).verify() == ("failed", (len(ch.links) - 1,))
    # an inequality lemma cannot justify an equality
    eq = Link(last.expr, "=", last.reason, last.lemma)
    assert InequalityChain((*ch.links[:-1], eq)).verify()[0] == "failed"
    # a bound substituted where the expression decreases in it is not monotone
    t = sp.Abs(Tr(o.A[0] * o.rho))
    step = apply_lemma(-t, HOLDER)
    assert InequalityChain((Link(-t, "=", "start"), step)).verify()[0] == "failed"


def test_norms_render_as_lvert_rvert():
    from dickeheat.symbolic.latex_symbols import NormSymbol

    A = sp.Symbol("A_1", commutative=False)
    assert sp.latex(Norm(A) ** 2) == r"{\lVert A_{1} \rVert}^{2}"
    assert sp.latex(Norm1(A)) == r"\lVert A_{1} \rVert_{1}"
    a = NormSymbol("||A_1||", positive=True)
    assert sp.latex(3 * a**2) == r"3 \lVert A_{1} \rVert^{2}"
    assert "||" not in sp.latex(a)


def test_inequality_result_reports_relation_lemmas_and_falsifies_them():
    from dickeheat.symbolic.inequality import InequalityResult

    ch = redfield_bound_chain(1, 2)
    h = sp.Symbol("h", positive=True)
    r = InequalityResult(name="demo.b2", paper="demo", equation="1", title="t",
                         lhs=sp.Symbol("B"), expr=h, args=(h,), inequality=ch)
    assert r.relation == "<=" and r.status == "derived"
    d = r.to_dict()["inequality"]
    assert d["verdict"] == "proved" and d["relation"] == "<="
    assert "Hölder" in [lem["name"] for lem in d["lemmas"]]
    found = r.falsify_lemmas(seed=2, n_random=40, n_optimize=0)
    assert "energy window (Eq. 13, Bernstein)" in found
    assert not any(f.violated for f in found.values())


def test_planted_order_in_the_commutator_form_is_detected():
    # Tr[H(ΛρA − AΛρ)] = Tr([A, H]Λρ); claiming Tr([A, H]ρΛ) instead must fail the cyclic
    # step (an overall sign would not: it is inside |·|)
    ch = redfield_bound_chain(1, 1)
    o = BoundOperators.make(1)
    T = Tr((o.A[0] * o.H - o.H * o.A[0]) * o.rho * o.Lam[0][0])
    wrong = Link(sp.Abs(T + sp.conjugate(T)), "=", "wrong order", ch.links[1].lemma)
    assert InequalityChain((ch.links[0], wrong)).verify() == ("failed", (1,))
    assert InequalityChain(ch.links[:2]).verify() == ("proved", ())

r"""Chains of inequalities and results whose verdict is an inequality.

An :class:`InequalityChain` is a sequence of expressions :math:`e_0 \;R_1\; e_1 \;R_2\; e_2
\dots` with relations ``"="`` or ``"<="`` and a reason for each step. :meth:`InequalityChain.verify`
decides each step with SymPy under the assumptions carried by the symbols: an equality must
cancel to zero, a ``"<="`` step must have :math:`e_{k} - e_{k-1}` factor into a manifestly
non-negative expression (SymPy's ``is_nonnegative`` on the factored difference).

:class:`InequalityResult` is a :class:`~dickeheat.symbolic.result.Result` with a verdict:
``"proved"`` (every step of its chain verified) or ``"sampled"`` (the inequality is only tested
on samples; the sampling is stated in the notes); a sampled result reports the status
``"sampled"``.

A step may instead be the application of a named :class:`Lemma` (the triangle inequality,
Hölder's inequality, …): the lemma rewrites every subexpression it applies to, and the step
holds if the rewritten previous member is the new member and — for a ``"<="`` lemma — the
previous member is non-decreasing in every rewritten subexpression (so replacing it by an upper
bound bounds the whole). A lemma carries a numerical instance on a real parameter vector (random
matrices built from it), which :func:`falsify` searches for a violation by random sampling and
an optimiser; a chain built from lemmas is ``proved`` relative to its lemmas, and each lemma is
falsification-tested.

>>> import sympy as sp
>>> x, y = sp.symbols("x y", positive=True)
>>> ch = InequalityChain((Link(x / (x + y), "=", "start"), Link(sp.Integer(1), "<=", "y > 0")))
>>> ch.verify()
('proved', ())
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, Literal

import numpy as np
import sympy as sp
from scipy import optimize

from dickeheat.errors import DickeheatError
from dickeheat.symbolic.result import Result, Status

__all__ = [
    "Falsification",
    "InequalityChain",
    "InequalityResult",
    "Lemma",
    "Link",
    "apply_lemma",
    "falsify",
    "step_holds",
]

Relation = Literal["=", "<="]

#: one numerical instance of an inequality ``lhs <= rhs`` (or equality) from real parameters
Instance = Callable[[np.ndarray], tuple[float, float]]


@dataclasses.dataclass(frozen=True)
class Falsification:
    """Outcome of a search for a violation of ``lhs <= rhs`` (or ``lhs = rhs``).

    ``worst_margin`` is the smallest relative margin found, ``(rhs − lhs)/max(|lhs|, |rhs|)``
    for an inequality and ``−|rhs − lhs|/max(|lhs|, |rhs|)`` for an equality; a margin below
    ``−tol`` is a violation.
    """

    violated: bool
    worst_margin: float
    worst_point: tuple[float, ...]
    evaluations: int
    method: str


def _margin(instance: Instance, relation: Relation, x: np.ndarray) -> float:
    lhs, rhs = instance(np.asarray(x, dtype=float))
    scale = max(abs(lhs), abs(rhs), 1e-300)
    if not (np.isfinite(lhs) and np.isfinite(rhs)):
        return -np.inf  # a non-finite instance counts as a violation: never as a pass
    return (rhs - lhs) / scale if relation == "<=" else -abs(rhs - lhs) / scale


def falsify(instance: Instance, n_params: int, relation: Relation = "<=", *, seed: int = 0,
            n_random: int = 300, n_optimize: int = 4, max_evaluations: int = 600,
            tol: float = 1e-9) -> Falsification:
    """Search for ``x`` with ``instance(x) = (lhs, rhs)`` violating the relation.

    First ``n_random`` standard-normal points, then a Nelder–Mead minimisation of the margin
    from each of the ``n_optimize`` worst of them (at most ``max_evaluations`` evaluations
    each). The search stops at the first violation.
    """
    if n_params < 1 or n_random < 1:
        raise DickeheatError("falsify needs n_params >= 1 and n_random >= 1")
    rng = np.random.default_rng(seed)
    points = rng.normal(size=(n_random, n_params))
    margins = np.array([_margin(instance, relation, x) for x in points])
    evaluations = n_random
    best = int(np.argmin(margins))
    worst, where = float(margins[best]), points[best]
    if worst >= -tol:
        for start in points[np.argsort(margins)[:n_optimize]]:
            res = optimize.minimize(lambda x: _margin(instance, relation, x), start,
                                    method="Nelder-Mead",
                                    options={"maxfev": max_evaluations, "xatol": 1e-10,
                                             "fatol": 1e-14})
            evaluations += int(res.nfev)
            if float(res.fun) < worst:
                worst, where = float(res.fun), np.asarray(res.x)
            if worst < -tol:
                break
    return Falsification(worst < -tol, worst, tuple(float(v) for v in where), evaluations,
                         f"{n_random} random points (seed {seed}) + Nelder–Mead from the "
                         f"{n_optimize} worst")


@dataclasses.dataclass(frozen=True)
class Lemma:
    """A named mathematical fact used as one step of an inequality chain.

    Parameters
    ----------
    name, statement
        ``"Hölder"``, ``"|Tr[XY]| <= ‖X‖ ‖Y‖_1"``.
    relation
        ``"<="`` (the rewrite is an upper bound) or ``"="`` (an identity).
    rewrite
        Applied to every subexpression: its replacement, or ``None`` where the lemma does not
        apply.
    instance, n_params
        ``instance(x) -> (lhs, rhs)``: one numerical instance (random matrices built from the
        real vector ``x`` of length ``n_params``) for :meth:`falsify`; ``None`` if the lemma has
        no numerical instance.
    """

    name: str
    statement: str
    relation: Relation
    rewrite: Callable[[sp.Basic], sp.Basic | None]
    instance: Instance | None = None
    n_params: int = 0

    def targets(self, expr: sp.Basic) -> list[sp.Basic]:
        """The outermost subexpressions of ``expr`` the lemma rewrites."""
        if self.rewrite(expr) is not None:
            return [expr]
        out: list[sp.Basic] = []
        for a in expr.args:
            out.extend(t for t in self.targets(a) if t not in out)
        return out

    def apply(self, expr: sp.Basic) -> sp.Basic:
        """``expr`` with every (outermost) applicable subexpression rewritten."""
        new = self.rewrite(expr)
        if new is not None:
            return new
        if not expr.args:
            return expr
        return expr.func(*[self.apply(a) for a in expr.args])

    def falsify(self, *, seed: int = 0, n_random: int = 300, n_optimize: int = 4,
                tol: float = 1e-9) -> Falsification:
        """Search the numerical instance for a violation (see :func:`falsify`)."""
        if self.instance is None:
            raise DickeheatError(f"lemma {self.name!r} has no numerical instance")
        return falsify(self.instance, self.n_params, self.relation, seed=seed,
                       n_random=n_random, n_optimize=n_optimize, tol=tol)


def apply_lemma(expr: sp.Basic, lemma: Lemma, reason: str = "") -> Link:
    """The next link of a chain: ``lemma`` applied to ``expr``."""
    return Link(lemma.apply(expr), lemma.relation, reason or lemma.statement, lemma)


def _monotone_in_targets(expr: sp.Basic, targets: list[sp.Basic]) -> bool:
    """Whether ``expr`` is non-decreasing in each target (targets replaced by nonnegative
    dummies, every partial derivative manifestly nonnegative)."""
    dummies = [sp.Dummy(f"t{i}", nonnegative=True) for i in range(len(targets))]
    P = expr.xreplace(dict(zip(targets, dummies, strict=True)))
    if any(P.has(t) for t in targets):
        return False
    return all(bool(sp.diff(P, t).is_nonnegative) for t in dummies)


def _lemma_step_holds(previous: sp.Expr, link: Link) -> bool:
    lemma = link.lemma
    assert lemma is not None
    if lemma.relation == "<=" and link.relation == "=":
        return False  # an inequality lemma cannot justify an equality
    if lemma.relation == "=":
        return bool(sp.expand(lemma.apply(previous) - lemma.apply(link.expr)) == 0)
    targets = lemma.targets(previous)
    if not targets or sp.expand(lemma.apply(previous) - link.expr) != 0:
        return False
    return _monotone_in_targets(previous, targets)


@dataclasses.dataclass(frozen=True)
class Link:
    """One member of a chain: ``relation`` to the previous member, the expression, the reason
    and (optionally) the :class:`Lemma` that justifies the step."""

    expr: sp.Expr
    relation: Relation
    reason: str
    lemma: Lemma | None = None


def step_holds(previous: sp.Expr, link: Link) -> bool:
    """Whether ``previous  link.relation  link.expr`` holds for all admissible symbol values
    (given the link's lemma, if it names one)."""
    if link.lemma is not None:
        return _lemma_step_holds(previous, link)
    diff = sp.factor(sp.cancel(sp.together(link.expr - previous)))
    if link.relation == "=":
        return diff == 0
    return bool(diff == 0 or diff.is_nonnegative)


@dataclasses.dataclass(frozen=True)
class InequalityChain:
    """``links[0]`` is the starting expression (its relation is ignored)."""

    links: tuple[Link, ...]

    def verify(self) -> tuple[Literal["proved", "failed"], tuple[int, ...]]:
        """``("proved", ())`` or ``("failed", indices of the failing links)``."""
        bad = tuple(k for k in range(1, len(self.links))
                    if not step_holds(self.links[k - 1].expr, self.links[k]))
        return ("failed", bad) if bad else ("proved", ())

    @property
    def first(self) -> sp.Expr:
        return self.links[0].expr

    @property
    def last(self) -> sp.Expr:
        return self.links[-1].expr

    @property
    def relation(self) -> Relation:
        """``"<="`` if any step is an inequality, else ``"="``."""
        return "<=" if any(k.relation == "<=" for k in self.links[1:]) else "="

    @property
    def lemmas(self) -> tuple[Lemma, ...]:
        """The distinct lemmas the chain uses, in order of first use."""
        out: list[Lemma] = []
        for k in self.links[1:]:
            if k.lemma is not None and k.lemma not in out:
                out.append(k.lemma)
        return tuple(out)


@dataclasses.dataclass(frozen=True)
class InequalityResult(Result):
    """A result that is (the right-hand side of) an inequality, with its verdict."""

    inequality: InequalityChain | None = None
    verdict: Literal["proved", "sampled"] = "proved"

    @property
    def relation(self) -> Relation:
        """The relation of ``lhs`` to ``expr`` (``"<="`` unless the chain is all equalities)."""
        return "<=" if self.inequality is None else self.inequality.relation

    def falsify_lemmas(self, *, seed: int = 0, n_random: int = 300,
                       n_optimize: int = 4) -> dict[str, Falsification]:
        """Run the falsification search of every lemma of the chain that has a numerical
        instance, by lemma name."""
        lemmas = () if self.inequality is None else self.inequality.lemmas
        return {lem.name: lem.falsify(seed=seed, n_random=n_random, n_optimize=n_optimize)
                for lem in lemmas if lem.instance is not None}

    def to_dict(self) -> dict[str, Any]:
        """:meth:`Result.to_dict` plus the relation, the verdict and the lemmas used."""
        out = super().to_dict()
        out["inequality"] = {
            "relation": self.relation,
            "verdict": self.verdict,
            "lemmas": [] if self.inequality is None else
            [{"name": lem.name, "statement": lem.statement}
             for lem in self.inequality.lemmas],
        }
        return out

    @property
    def status(self) -> Status:
        if self.verdict == "sampled":
            return "sampled"
        if self.inequality is not None and self.inequality.verify()[0] == "failed":
            return "failed"
        return super().status

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

>>> import sympy as sp
>>> x, y = sp.symbols("x y", positive=True)
>>> ch = InequalityChain((Link(x / (x + y), "=", "start"), Link(sp.Integer(1), "<=", "y > 0")))
>>> ch.verify()
('proved', ())
"""

from __future__ import annotations

import dataclasses
from typing import Literal

import sympy as sp

from dickeheat.symbolic.result import Result, Status

__all__ = ["InequalityChain", "InequalityResult", "Link", "step_holds"]

Relation = Literal["=", "<="]


@dataclasses.dataclass(frozen=True)
class Link:
    """One member of a chain: ``relation`` to the previous member, the expression, the reason."""

    expr: sp.Expr
    relation: Relation
    reason: str


def step_holds(previous: sp.Expr, link: Link) -> bool:
    """Whether ``previous  link.relation  link.expr`` holds for all admissible symbol values."""
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


@dataclasses.dataclass(frozen=True)
class InequalityResult(Result):
    """A result that is (the right-hand side of) an inequality, with its verdict."""

    inequality: InequalityChain | None = None
    verdict: Literal["proved", "sampled"] = "proved"

    @property
    def status(self) -> Status:
        if self.verdict == "sampled":
            return "sampled"
        if self.inequality is not None and self.inequality.verify()[0] == "failed":
            return "failed"
        return super().status

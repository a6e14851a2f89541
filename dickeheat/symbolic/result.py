"""The central object: one derived result and every view of it.

A :class:`Result` holds the SymPy expression a derivation produced, the symbols' assumptions,
the paper equation it corresponds to, the ordered steps that produced it, the expression as the
paper prints it (if it prints one), a LaTeX rendering and code-generated numeric functions with a
stable argument order. :meth:`Result.compare` compares the derived expression with the printed
one and names the discrepancy precisely; :meth:`Result.run_check` runs the independent numerical
check attached to the result.

>>> import sympy as sp
>>> x, y = sp.symbols("x y", positive=True)
>>> r = Result(name="demo.area", paper="demo", equation="1", title="area",
...            lhs=sp.Symbol("A"), expr=x * y, args=(x, y), printed=2 * x * y)
>>> r.compare().kind
'factor'
>>> r.compare().detail
'printed = 2 × derived'
>>> float(r.numpy_function(2.0, 3.0))
6.0
"""

from __future__ import annotations

import dataclasses
import functools
import time
from collections.abc import Callable, Mapping, Sequence
from functools import cached_property
from typing import Any, Literal, get_args

import sympy as sp
from sympy.physics.units import Dimension

from dickeheat.errors import DickeheatError
from dickeheat.symbolic import codegen
from dickeheat.symbolic.compare import (
    COMPARISON_KINDS,
    Comparison,
    ComparisonKind,
    compare_expressions,
    zero_test,
)
from dickeheat.symbolic.dimensions import (
    DimensionError,
    describe,
    dimension_of,
    same_dimension,
)

__all__ = [
    "Step", "Comparison", "ComparisonKind", "COMPARISON_KINDS", "Status", "STATUSES",
    "NumericCheck", "Check", "CheckReference", "PrintedSource", "Result",
    "compare_expressions", "numeric_symbols", "result_factory", "require_zero",
]

#: The verdict on one result: agrees with the print, an erratum found, derived without a printed
#: closed form, consistent (compared with a second derivation, not with a print: the paper
#: prints no formula, only a claim), sampled (an inequality tested on samples, not proved),
#: inconclusive (the comparison could not decide), or failed (the comparison or the numeric
#: check failed, or two derivations of the same quantity disagree).
Status = Literal["agrees", "erratum", "derived", "consistent", "sampled", "inconclusive",
                 "failed"]

#: Where ``Result.printed`` comes from: typed from the paper, or built by a second derivation
#: (the paper states a claim but prints no expression to compare with).
PrintedSource = Literal["paper", "derivation"]
STATUSES: tuple[str, ...] = get_args(Status)


@dataclasses.dataclass(frozen=True)
class Step:
    """One labelled step of a derivation.

    Parameters
    ----------
    label
        The paper's equation label this step corresponds to (``"A18"``), or ``""``.
    description
        What was done, in words (``"canonical charges Q = ∂L/∂φ̇"``).
    expr
        The object the step produced (an expression, an equation or a matrix).
    name
        An identifier for the step's object, so that a check can read it from the result it
        checks with :meth:`Result.step` (``""``: not addressable).
    """

    label: str
    description: str
    expr: Any
    name: str = ""

    def latex(self) -> str:
        return sp.latex(self.expr)


@dataclasses.dataclass(frozen=True)
class NumericCheck:
    """Outcome of checking a result against an independent numerical computation."""

    passed: bool
    max_rel_error: float
    tolerance: float
    method: str
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "passed": bool(self.passed),
            "max_rel_error": float(self.max_rel_error),
            "tolerance": float(self.tolerance),
            "method": self.method,
            "seconds": round(float(self.seconds), 4),
        }


def numeric_symbols(expr: sp.Basic) -> set[sp.Symbol]:
    """Free symbols that are c-numbers: operators (``BosonOp``, Pauli matrices, other
    non-commutative symbols) and their labels are not numeric arguments."""
    from sympy.physics.quantum.operator import Operator

    labels: set[sp.Basic] = set()
    for op in expr.atoms(Operator):
        labels |= op.free_symbols
    return {s for s in expr.free_symbols - labels if s.is_commutative}


@dataclasses.dataclass(frozen=True)
class Result:
    """A derived closed form and all its views.

    Parameters
    ----------
    name
        Stable dotted name, ``"<paper>.<result>"``.
    paper, equation
        Paper key and the paper's equation label (``"B18 [published B19]"``).
    title
        One line saying what the result is.
    lhs
        What the expression is equal to, for display (a symbol or expression).
    expr
        The derived SymPy expression.
    args
        The argument order of the numeric functions; every free symbol of ``expr`` appears once.
    steps
        The ordered derivation steps that produced ``expr``.
    printed
        The expression as the paper prints it, written with the same symbols, or ``None``.
    dims
        Dimension of each physical symbol; when given, dimensions are checked.
    expected_dimension
        The dimension ``expr`` must have (checked when ``dims`` is given).
    check
        ``check(result) -> NumericCheck``: the independent numerical check. It receives this
        result and evaluates it through :attr:`numpy_function` with :attr:`args` (and, for an
        intermediate object, :meth:`step`); it never imports the derivation module.
    notes
        Free text: approximations made, how the print was read, validity conditions.
    printed_source
        ``"paper"`` (default): ``printed`` is the paper's formula. ``"derivation"``: ``printed``
        is a second, independent derivation of the same quantity (the paper only states the
        claim); agreement then reports ``consistent``, never ``agrees``, and a disagreement is a
        failure of the derivations, not an erratum of the paper.
    postulates
        The physical inputs the derivation starts from and does not derive (the model's
        Hamiltonian or Lagrangian, the form of a master equation, an approximation such as a
        cumulant closure), each a short phrase naming where it comes from. Everything else in
        ``expr`` comes out of the steps.
    """

    name: str
    paper: str
    equation: str
    title: str
    lhs: sp.Expr
    expr: sp.Expr
    args: tuple[sp.Symbol, ...]
    steps: tuple[Step, ...] = ()
    printed: sp.Expr | None = None
    dims: Mapping[sp.Symbol, Dimension] | None = None
    expected_dimension: Dimension | None = None
    check: Check | None = None
    notes: str = ""
    printed_source: PrintedSource = "paper"
    postulates: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        missing = numeric_symbols(self.expr) - set(self.args)
        if missing:
            raise DickeheatError(
                f"result {self.name}: free symbols {sorted(map(str, missing))} not in args"
            )
        if len(set(self.args)) != len(self.args):
            raise DickeheatError(f"result {self.name}: repeated argument")
        if self.dims is not None:
            d = dimension_of(self.expr, self.dims)
            if self.expected_dimension is not None and not same_dimension(
                d, self.expected_dimension
            ):
                raise DimensionError(
                    f"result {self.name}: derived dimension [{describe(d)}] is not the "
                    f"expected [{describe(self.expected_dimension)}]"
                )

    def __getstate__(self) -> dict[str, Any]:
        # the code-generated functions are rebuilt on demand, not pickled (the comparison with
        # the print, a SymPy object, is kept);
        # a module-level check is pickled by name and imported only when it runs
        state = {k: v for k, v in self.__dict__.items() if k not in _CACHED}
        check: Any = state.get("check")
        args: tuple[Any, ...] = ()
        if isinstance(check, functools.partial) and not check.keywords:
            check, args = check.func, tuple(check.args)
        qualname = getattr(check, "__qualname__", "")
        if callable(check) and not isinstance(check, CheckReference) and \
                "<" not in qualname and getattr(check, "__module__", None):
            state["check"] = CheckReference(check.__module__, qualname, args)
        return state

    # -- views -------------------------------------------------------------------------------
    @property
    def assumptions(self) -> dict[str, dict[str, bool]]:
        """The assumptions declared on each argument symbol."""
        return {
            str(s): {k: v for k, v in s.assumptions0.items() if k in _SHOWN_ASSUMPTIONS}
            for s in self.args
        }

    def latex(self) -> str:
        """LaTeX of ``lhs = expr``."""
        return f"{sp.latex(self.lhs)} = {sp.latex(self.expr)}"

    def printed_latex(self) -> str | None:
        if self.printed is None:
            return None
        return f"{sp.latex(self.lhs)} = {sp.latex(self.printed)}"

    @cached_property
    def numpy_function(self) -> Callable[..., Any]:
        """``expr`` as a NumPy function of ``args`` (in that order)."""
        return codegen.to_function(self.args, self.expr, backend="numpy")

    @cached_property
    def printed_function(self) -> Callable[..., Any]:
        """The printed expression as a NumPy function of the same ``args`` (to evaluate the
        paper's formula beside the derived one); :class:`DickeheatError` if nothing is printed."""
        if self.printed is None:
            raise DickeheatError(f"result {self.name}: the paper prints no closed form")
        missing = numeric_symbols(self.printed) - set(self.args)
        if missing:
            raise DickeheatError(
                f"result {self.name}: the printed form has symbols {sorted(map(str, missing))} "
                "that are not arguments of the derived one"
            )
        return codegen.to_function(self.args, self.printed, backend="numpy")

    def arg(self, name: str) -> sp.Symbol:
        """The argument symbol called ``name``."""
        for a in self.args:
            if a.name == name:
                return a
        raise DickeheatError(
            f"result {self.name} has no argument {name!r}; its arguments are "
            f"{[a.name for a in self.args]}"
        )

    def arguments(self, values: Mapping[str, Any], *, strict: bool = True,
                  defaults: Mapping[str, Any] | None = None) -> tuple[Any, ...]:
        """The values of :attr:`args` in their order, looked up by argument name.

        ``values`` maps names (``str(symbol)``, e.g. ``"omega_0"``, ``"<J_z>"``) to numbers or
        arrays; ``defaults`` fills arguments ``values`` lacks (e.g. ħ = k_B = 1). A missing
        argument raises :class:`DickeheatError`, and so does (if ``strict``) a name that is not
        an argument (``strict=False`` lets one dictionary of values serve several results).
        """
        names = [a.name for a in self.args]
        unknown = sorted(set(values) - set(names))
        if unknown and strict:
            raise DickeheatError(f"result {self.name} takes the arguments {names}; unknown "
                                 f"{unknown}")
        merged = {**(defaults or {}), **values}
        missing = [n for n in names if n not in merged]
        if missing:
            raise DickeheatError(f"result {self.name} takes the arguments {names}; missing "
                                 f"{missing}")
        return tuple(merged[n] for n in names)

    def evaluate(self, values: Mapping[str, Any] | None = None, /, *, printed: bool = False,
                 strict: bool = True, defaults: Mapping[str, Any] | None = None,
                 **kwargs: Any) -> Any:
        """Evaluate the derived (or, with ``printed=True``, the printed) closed form at values
        given by argument name, in any order: ``r.evaluate(N=2, T_h=1.0, ...)`` or
        ``r.evaluate({"n_h^(1)": 0.3, ...})`` (see :meth:`arguments`).

        >>> import sympy as sp
        >>> x, y = sp.symbols("x y", positive=True)
        >>> r = Result(name="demo.q", paper="demo", equation="1", title="q",
        ...            lhs=sp.Symbol("q"), expr=x / y, args=(x, y))
        >>> float(r.evaluate(y=4.0, x=2.0))
        0.5
        """
        given = dict(values or {}, **kwargs)
        f = self.printed_function if printed else self.numpy_function
        return f(*self.arguments(given, strict=strict, defaults=defaults))

    @cached_property
    def mpmath_function(self) -> Callable[..., Any]:
        """``expr`` as an mpmath function of ``args`` (arbitrary precision)."""
        return codegen.to_function(self.args, self.expr, backend="mpmath")

    @cached_property
    def comparison(self) -> Comparison:
        return compare_expressions(self.expr, self.printed, self.dims)

    def compare(self) -> Comparison:
        """Compare the derived expression with the printed one (cached)."""
        return self.comparison

    def step(self, name: str) -> Any:
        """The object of the step called ``name`` (see :class:`Step`)."""
        for st in self.steps:
            if st.name == name:
                return st.expr
        known = [st.name for st in self.steps if st.name]
        raise DickeheatError(f"result {self.name} has no step {name!r}; named steps: {known}")

    @property
    def status(self) -> Status:
        """``agrees``, ``erratum``, ``derived`` (no printed closed form) or ``inconclusive``;
        for a result compared with a second derivation (``printed_source == "derivation"``)
        ``consistent`` or ``failed``."""
        c = self.compare()
        if c.kind == "none":
            return "derived"
        if c.kind == "inconclusive":
            return "inconclusive"
        if self.printed_source == "derivation":
            return "consistent" if c.agrees else "failed"
        return "agrees" if c.agrees else "erratum"

    def run_check(self) -> NumericCheck | None:
        """Run the attached independent numerical check, timing it."""
        if self.check is None:
            return None
        t0 = time.perf_counter()
        out = self.check(self)
        return dataclasses.replace(out, seconds=time.perf_counter() - t0)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable summary (no numeric check run)."""
        c = self.compare()
        return {
            "name": self.name,
            "paper": self.paper,
            "equation": self.equation,
            "title": self.title,
            "lhs": sp.sstr(self.lhs),
            "expression": sp.sstr(self.expr),
            "latex": self.latex(),
            "printed": None if self.printed is None else sp.sstr(self.printed),
            "printed_latex": self.printed_latex(),
            "printed_source": self.printed_source,
            "args": [str(a) for a in self.args],
            "assumptions": self.assumptions,
            "status": self.status,
            "discrepancy": None if not c.is_erratum else {"kind": c.kind, "detail": c.detail},
            "steps": [
                {"label": s.label, "description": s.description, "latex": s.latex()}
                for s in self.steps
            ],
            "notes": self.notes,
            "postulates": list(self.postulates),
        }


class CheckReference:
    """A check named by module and qualified name (with leading arguments, for a check made by
    ``functools.partial``), imported when it first runs: loading a pickled result does not
    import the numerical libraries its check uses."""

    def __init__(self, module: str, qualname: str, args: tuple[Any, ...] = ()) -> None:
        self.module = module
        self.qualname = qualname
        self.args = args

    def __call__(self, result: Result) -> NumericCheck:
        import importlib

        target: Any = importlib.import_module(self.module)
        for part in self.qualname.split("."):
            target = getattr(target, part)
        return target(*self.args, result)

    def __repr__(self) -> str:
        return f"CheckReference({self.module!r}, {self.qualname!r}, {self.args!r})"


_CACHED = ("numpy_function", "mpmath_function", "printed_function")

#: ``check(result) -> NumericCheck``
Check = Callable[["Result"], NumericCheck]

_SHOWN_ASSUMPTIONS = ("positive", "real", "integer", "nonnegative", "negative", "complex")


def result_factory(
    paper: str, dims: Mapping[sp.Symbol, Dimension] | None
) -> Callable[..., Result]:
    """A constructor of one paper's results sharing its dimension map.

    ``make(name, *, equation, title, lhs, expr, args, steps=(), printed=None, expected=None,
    check=None, notes="", dims=True, printed_source="paper")`` builds
    ``Result(name=f"{paper}.{name}", ...)``; ``dims=False`` switches the dimension check off
    (operator-valued results); ``printed_source="derivation"`` marks a ``printed`` that is a
    second derivation, not the paper's formula. Everything but
    the name is a keyword, so that a result reads the same in every paper. (Postulates are
    declared per paper in its ``postulates`` module and attached by
    :func:`dickeheat.derivations.paper_results`.)
    """

    def make(name: str, *, equation: str, title: str, lhs: sp.Expr, expr: sp.Expr,
             args: Sequence[sp.Symbol], steps: Sequence[Step] = (),
             printed: sp.Expr | None = None, expected: Dimension | None = None,
             check: Check | None = None, notes: str = "", dims: bool = True,
             printed_source: PrintedSource = "paper") -> Result:
        return Result(name=f"{paper}.{name}", paper=paper, equation=equation, title=title,
                      lhs=lhs, expr=expr, args=tuple(args), steps=tuple(steps), printed=printed,
                      dims=dimension_map if dims else None, expected_dimension=expected,
                      check=check, notes=notes, printed_source=printed_source)

    dimension_map = dims
    return make


def require_zero(name: str, expr: sp.Expr) -> sp.Expr:
    """Return ``expr`` if it is zero (:func:`~dickeheat.symbolic.compare.zero_test`); otherwise
    raise :class:`DickeheatError` (also when the test is inconclusive).

    Derivations use it for the identities their next step relies on (a residual that must
    vanish, two routes that must agree), so a broken identity stops the chain.
    """
    if zero_test(sp.simplify(expr)) != "zero":
        raise DickeheatError(f"derivation identity {name!r} does not hold: it leaves {expr}")
    return expr

r"""Collective-spin algebra, Dicke states and their matrix elements, built on
:mod:`sympy.physics.quantum.spin` and :mod:`sympy.physics.quantum.pauli`.

Convention: the collective spin :math:`\hat J_\alpha = \sum_j \hat\sigma^{(j)}_\alpha/2` is
dimensionless, :math:`[\hat J_z, \hat J_\pm] = \pm\hat J_\pm`,
:math:`[\hat J_+, \hat J_-] = 2\hat J_z`. SymPy's spin operators carry :math:`\hbar`
(:math:`J_z|j,m\rangle = \hbar m|j,m\rangle`); every commutator and matrix element taken from
SymPy here is divided by the corresponding power of :math:`\hbar`, i.e. ``hbar -> 1``.

:data:`JP`, :data:`JM`, :data:`JZ`, :data:`J2` are SymPy's :class:`JplusOp`, :class:`JminusOp`,
:class:`JzOp`, :class:`J2Op`. :func:`collective_spin_algebra` orders products of them (and of
the Boltzmann operator :math:`e^{-x\hat J_z}`, :class:`BoltzmannOperator`) with the commutators
SymPy evaluates. :math:`\hat J^2` commutes with every generator: it is a strong symmetry of any
Lindbladian built from :math:`\hat J_\pm, \hat J_z`.

>>> alg = collective_spin_algebra()
>>> alg.order(JM * JP) == JP * JM - 2 * JZ
True
>>> casimir_form(alg.order(JP * JM)) == J2 - JZ**2 + JZ
True
>>> import sympy as sp
>>> J, M = sp.symbols("J M", real=True)
>>> matrix_element(JP, J, M + 1, J, M)
sqrt(J*(J + 1) - M*(M + 1))
"""

from __future__ import annotations

import functools

import sympy as sp
from sympy.physics.quantum import Commutator, Operator, qapply
from sympy.physics.quantum.constants import hbar as _hbar
from sympy.physics.quantum.pauli import (
    SigmaMinus,
    SigmaPlus,
    SigmaX,
    SigmaY,
    SigmaZ,
    qsimplify_pauli,
)
from sympy.physics.quantum.spin import J2Op, JminusOp, JplusOp, JzBra, JzKet, JzOp

from dickeheat.errors import ParameterError
from dickeheat.symbolic.algebra import OperatorAlgebra

__all__ = [
    "J2",
    "JM",
    "JP",
    "JZ",
    "BoltzmannOperator",
    "casimir_form",
    "collective_spin_algebra",
    "eigenvalue",
    "matrix_element",
    "pauli_algebra",
    "pauli_site",
    "raising_normalization",
    "spin_commutator",
]

#: collective raising operator :math:`\hat J_+`
JP = JplusOp("J")
#: collective lowering operator :math:`\hat J_-`
JM = JminusOp("J")
#: :math:`\hat J_z`
JZ = JzOp("J")
#: :math:`\hat J^2`
J2 = J2Op("J")

_RANK = {J2: 0, JZ: 1, JP: 2, JM: 3}


class BoltzmannOperator(Operator):
    r"""The operator :math:`e^{-x\hat J_z}` (unnormalised Gibbs state of :math:`x\hat J_z`).

    Its exchange rules follow from :math:`[\hat J_z, \hat J_\pm] = \pm\hat J_\pm`, which gives
    :math:`\hat J_\pm f(\hat J_z) = f(\hat J_z \mp 1)\hat J_\pm`, so
    :math:`\hat J_\pm e^{-x\hat J_z} = e^{\pm x} e^{-x\hat J_z}\hat J_\pm`.
    """

    @property
    def x(self) -> sp.Expr:
        return self.args[0]

    def _sympystr(self, printer, *args):
        return f"exp(-{printer._print(self.x)}*Jz)"

    def _latex(self, printer, *args):
        return rf"e^{{-{printer._print(self.x)} \hat J_z}}"


def spin_commutator(a: sp.Expr, b: sp.Expr) -> sp.Expr:
    r"""SymPy's :math:`[a, b]` for collective-spin generators, in units of :math:`\hbar`.

    >>> spin_commutator(JZ, JP)
    J+
    >>> spin_commutator(JP, JM)
    2*Jz
    """
    value = Commutator(a, b).doit()
    # SymPy returns hbar^k × (operator of degree 1 in J): one power of hbar per commutator
    return sp.expand(value).subs(_hbar, 1)


def _spin_exchange(b: sp.Expr, a: sp.Expr) -> sp.Expr | None:
    """``b*a`` rewritten towards the order J², e^{-xJz}, Jz, J+, J-; ``None`` if in order."""
    if isinstance(a, BoltzmannOperator):
        if isinstance(b, BoltzmannOperator):
            return BoltzmannOperator(sp.expand(a.x + b.x)) if a.x != -b.x else sp.S.One
        if b in (JZ, J2):
            return a * b
        if b == JP:
            return sp.exp(a.x) * a * b
        if b == JM:
            return sp.exp(-a.x) * a * b
        return None
    if isinstance(b, BoltzmannOperator):
        return None
    rb, ra = _RANK.get(b), _RANK.get(a)
    if rb is None or ra is None or rb <= ra:
        return None
    return a * b + spin_commutator(b, a)


@functools.cache
def collective_spin_algebra() -> OperatorAlgebra:
    r"""The ordering rules of :math:`\hat J^2, e^{-x\hat J_z}, \hat J_z, \hat J_+, \hat J_-`.

    Canonical monomials read :math:`\hat J^{2a} e^{-x\hat J_z} \hat J_z^b \hat J_+^c \hat J_-^d`;
    every exchange uses a commutator evaluated by SymPy (:func:`spin_commutator`).
    """
    return OperatorAlgebra(exchange=_spin_exchange, adjoints={JM: JP, JP: JM, JZ: JZ, J2: J2})


def casimir_form(expr: sp.Expr) -> sp.Expr:
    r"""Replace :math:`\hat J_+\hat J_-` by :math:`\hat J^2 - \hat J_z^2 + \hat J_z`.

    The identity holds on every Dicke state (it is checked with :func:`eigenvalue`); apply it
    to an ordered expression (:meth:`OperatorAlgebra.order`), in which :math:`\hat J_-\hat J_+`
    no longer appears.
    """
    return sp.expand(sp.expand(expr).subs(JP * JM, J2 - JZ**2 + JZ))


def matrix_element(op: sp.Expr, j: sp.Expr, m: sp.Expr, jp: sp.Expr, mp: sp.Expr) -> sp.Expr:
    r""":math:`\langle j, m|\hat O|j', m'\rangle` (``hbar -> 1``) with SymPy's ``qapply``.

    The argument order follows ``sympy.physics.quantum``'s ``matrix_element(j, m, jp, mp)``
    of its spin operators, with the operator first. ``op`` is a product of :data:`JP`,
    :data:`JM`, :data:`JZ`, :data:`J2` (or of SymPy's ``Jplus``, ``Jminus``, ``Jz``); the
    quantum numbers may be symbols. The collective operators conserve :math:`j`, so the
    element vanishes unless ``j == jp``.

    >>> import sympy as sp
    >>> J, M = sp.symbols("J M", real=True)
    >>> matrix_element(JM, J, M - 1, J, M)
    sqrt(J*(J + 1) - M*(M - 1))
    >>> matrix_element(JZ, sp.S.Half, sp.S.Half, sp.S.Half, sp.S.Half)
    1/2
    """
    # qapply returns ħ^k × (j-dependent factor); the ħ powers are removed after the bracket
    value = qapply(JzBra(j, m) * op * JzKet(jp, mp)).doit()
    return sp.simplify(sp.sympify(value).subs(_hbar, 1))


def eigenvalue(op: sp.Expr, J: sp.Expr, M: sp.Expr) -> sp.Expr:
    r"""The diagonal element :math:`\langle J, M|\hat O|J, M\rangle` (``hbar -> 1``).

    >>> import sympy as sp
    >>> J, M = sp.symbols("J M", real=True)
    >>> sp.expand(eigenvalue(JP * JM, J, M))
    J**2 + J - M**2 + M
    """
    return matrix_element(op, J, M, J, M)


def raising_normalization(J: sp.Expr, m: sp.Expr) -> tuple[sp.Expr, list[tuple[str, sp.Expr]]]:
    r"""The constant :math:`c` with :math:`|J,m\rangle = c\,\hat J_+^{J+m}|J,-J\rangle`.

    Built from the matrix elements :math:`\langle J, -J+i+1|\hat J_+|J,-J+i\rangle` (SymPy's
    ``qapply``) multiplied over :math:`i = 0, \dots, J+m-1` with :func:`sympy.product`.

    Returns
    -------
    c, steps
        The normalisation and the intermediate expressions (matrix element, squared product).
    """
    i = sp.Symbol("i", integer=True, nonnegative=True)
    element = matrix_element(JP, J, -J + i + 1, J, -J + i)
    squared = sp.factor(sp.expand(element**2))
    k = sp.Symbol("k", integer=True, nonnegative=True)  # k = J + m raising steps
    product = sp.product(squared, (i, 0, k - 1))
    product = sp.combsimp(sp.powsimp(product.rewrite(sp.factorial), force=True))
    product = sp.simplify(product.rewrite(sp.factorial)).subs(k, J + m)
    norm = 1 / sp.sqrt(product)
    return norm, [("matrix element", element), ("product of squares", product)]


# -- local spin-1/2 operators ----------------------------------------------------------------

_PAULI = {"x": SigmaX, "y": SigmaY, "z": SigmaZ, "+": SigmaPlus, "-": SigmaMinus}


def pauli_site(kind: str, site: str) -> sp.Expr:
    r"""The Pauli operator :math:`\hat\sigma^{(site)}_{kind}`, ``kind`` in x, y, z, +, -.

    >>> pauli_site("+", "1").name
    1
    """
    try:
        return _PAULI[kind](site)
    except KeyError:
        raise ParameterError(f"kind must be one of {sorted(_PAULI)}, got {kind!r}") from None


def _site(op: sp.Expr) -> str | None:
    if isinstance(op, (SigmaX, SigmaY, SigmaZ, SigmaPlus, SigmaMinus)):
        return str(op.name)
    return None


def _pauli_exchange(b: sp.Expr, a: sp.Expr) -> sp.Expr | None:
    sb, sa = _site(b), _site(a)
    if sb is None or sa is None:
        return None
    if sb == sa:
        reduced = qsimplify_pauli(b * a)  # one site: the product is a linear combination
        return None if reduced == b * a else sp.expand(reduced)
    return a * b if sb > sa else None  # different sites commute; order by site name


@functools.cache
def pauli_algebra() -> OperatorAlgebra:
    r"""Ordering rules for Pauli operators on named sites (SymPy's ``qsimplify_pauli``).

    Operators on different sites commute and are sorted by site name; a product on one site is
    reduced to a linear combination of single Pauli operators.

    >>> import sympy as sp
    >>> alg = pauli_algebra()
    >>> sp_, sm = pauli_site("+", "1"), pauli_site("-", "1")
    >>> alg.order(sm * sp_) == sp.Rational(1, 2) - pauli_site("z", "1") / 2
    True
    """
    adjoints: dict[sp.Expr, sp.Expr] = {}
    return OperatorAlgebra(exchange=_pauli_exchange, adjoints=adjoints)
